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
# Project/Target → Indicator the document leaves open: one per candidate project, resolved false, with the reason
MAY_MEASURE = "MAY_MEASURE"
PART_OF = "PART_OF"
OF_DISCLOSURE = "OF_DISCLOSURE"
# FundingSource → EconomicSubject: the 财政拨款 split by economic subject (表2-1), a second view of money
# FLOWS_TO already carries, so never summed with it (see graph/build.py, _fiscal_economics)
FUNDS = "FUNDS"

# attribute names
LABEL = "label"
AMOUNT = "amount"
DISC = "disclosure"
PROV = "provenance"
DERIVED = "derived"  # amount computed as a difference, not printed
PHASE = "phase"  # "budget" (a 预算's flow, planned) or "actual" (a 决算's, spent)
CARRY = "carry"  # "in" on a 决算's 年初结转和结余 source, "out" on its 年末结转和结余 node
GROUP = "group"  # FUNDS: the 表2-1 column group as printed (当年财政拨款安排, 上年结转安排 …)
FUND = "fund"  # FUNDS: the fund within the group (一般公共预算拨款, 政府性基金安排 …)
PART = "part"  # FUNDS: 基本支出 or 项目支出
RESOLVED = "resolved"  # MAY_MEASURE: false (the document does not say which candidate the indicator measures)
REASON = "reason"  # MAY_MEASURE: what the document does say (the indicator's group, its candidate projects)
FISCAL_TOTAL = "fiscal_total"  # Disclosure: 表2-1's printed 总计, what its FUNDS edges add up to

MONEY_LABELS = (SOURCE, POOL, FUNCTION, ECONOMIC, PROJECT, UNITEMISED)


def node_id(disclosure_id: str, *parts: str) -> str:
    """Deterministic node id: the disclosure id and the node's own parts.

    >>> node_id("2024/渠县科学技术协会/部门预算", "fn", "2060701")
    '2024/渠县科学技术协会/部门预算|fn|2060701'
    """
    return "|".join((disclosure_id,) + parts)
