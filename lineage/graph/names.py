"""Node labels, edge types and attribute names, defined once."""

# node labels
DISCLOSURE = "Disclosure"
SOURCE = "FundingSource"
POOL = "Pool"
FUNCTION = "FunctionalSubject"
ECONOMIC = "EconomicSubject"
PROJECT = "Project"
INDICATOR = "Indicator"
TARGET = "Target"  # a performance target (绩效目标) whose project no money table lists
UNITEMISED = "Unitemised"  # money the disclosure does not break down further
FUNDING_KIND = "FundingKind"
FUNCTION_CODE = "FunctionCode"
ECONOMIC_CODE = "EconomicCode"

# edge types
FLOW = "FLOWS_TO"  # carries money: amount (Decimal), minor (int), provenance
MEASURED_BY = "MEASURED_BY"
CLASSIFIED_AS = "CLASSIFIED_AS"
PART_OF = "PART_OF"
OF_DISCLOSURE = "OF_DISCLOSURE"

# attribute names
LABEL = "label"
AMOUNT = "amount"
DISC = "disclosure"
PROV = "provenance"
DERIVED = "derived"  # amount computed as a difference, not printed
PHASE = "phase"  # "budget" (a 预算's flow, planned) or "actual" (a 决算's, spent)
CARRY = "carry"  # "in" on a 决算's 年初结转和结余 source, "out" on its 年末结转和结余 node

MONEY_LABELS = (SOURCE, POOL, FUNCTION, ECONOMIC, PROJECT, UNITEMISED)


def node_id(disclosure_id: str, *parts: str) -> str:
    """Deterministic node id: the disclosure id and the node's own parts.

    >>> node_id("2024/渠县科学技术协会/部门预算", "fn", "2060701")
    '2024/渠县科学技术协会/部门预算|fn|2060701'
    """
    return "|".join((disclosure_id,) + parts)
