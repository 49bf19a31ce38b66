"""One disclosure as rows for Neo4j: a list of property maps per node label and per relationship shape.

Both the Bolt loader and the neo4j-admin CSV export write these rows, so the
two cannot drift apart. Rows hold only what Neo4j can store: no None (a blank
is an absent property), no Decimal, homogeneous lists.

Amounts: the driver refuses Decimal and a float would round, so every amount
on a FLOWS_TO relationship is `amountMinor`, an integer count of 0.01 of
`unit` (万元 or 元), next to `amount`, the same value as the exact decimal
string the document printed. Sum `amountMinor`; show `amount`. Money nodes
carry `total`, a display string (what flows through the node) for Browser
captions; queries never sum it.

FUNDS (FundingSource → EconomicSubject, 表2-1) carries the same amount properties plus
`group`, `fund` and `part` as the table prints them; it is a second view of money
FLOWS_TO already carries, so a query sums one or the other, never both.

Provenance: every printed amount's relationship carries file, table (kind),
tableNumber, row, line and `printed` (the row as read). Derived amounts (what
a pool receives but the disclosure does not break down) have `derived: true`
and no line.

Phase: a 预算's flows are planned, a 决算's spent; the Disclosure and every
FLOWS_TO carry `phase` ('budget' or 'actual'), so a unit's 预算 and 决算 of
one year sit side by side (their ids differ by kind). Quantities no flow
carries but execution compares (三公) are Figure nodes of the disclosure,
each with its phase: a 决算's own 预算数 column is a Figure of phase 'budget'
hanging from the 决算.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, Optional

import networkx as nx

from lineage.amounts import printed, to_minor
from lineage.checks.facts import gather
from lineage.checks.finding import Finding
from lineage.execution import figures, phase
from lineage.graph import names as N
from lineage.graph.build import build_graph
from lineage.graph.conservation import flows, linked, total
from lineage.model import Disclosure, Provenance
from lineage.neo4jdb import schema as S

Row = dict[str, Any]

# The networkx attributes a node label keeps, renamed to Neo4j's camelCase.
_NODE_PROPS = {
    N.INDICATOR: {"name": "name", "level1": "level1", "level2": "level2", "value": "value", "unit": "measureUnit",
                  "operator": "operator", "weight": "weight", "core": "core", "line": "line", "attributed": "attributed"},
    N.TARGET: {"name": "name", "code": "code", "goal": "goal", "target_line": "line"},
    N.FUNDING_KIND: {"name": "name"},
    N.FUNCTION_CODE: {"code": "code"},
    N.ECONOMIC_CODE: {"code": "code"},
}
_MONEY_PROPS = {"name": "name", "code": "code", "goal": "goal", "target_line": "targetLine",  # goal: projects
                N.CARRY: "carryOver"}  # a 决算's carry-over: "in" (年初结转和结余 source), "out" (年末结转和结余)
_CODE_LEVELS = {N.FUNCTION_CODE: {3: "类", 5: "款", 7: "项"}, N.ECONOMIC_CODE: {3: "类", 5: "款"}}


@dataclass
class Rels:
    """Relationships of one type between two labels: rows of {start, end, props}."""

    type: str
    start: str
    end: str
    rows: list[Row] = field(default_factory=list)

    @property
    def shared(self) -> bool:
        """Between shared nodes only: survives reloads, so it is merged rather than created."""
        return self.start in S.SHARED_LABELS and self.end in S.SHARED_LABELS


@dataclass
class DisclosureRows:
    disclosure: str
    nodes: dict[str, list[Row]]  # label → property maps, each with its id
    rels: list[Rels]

    @property
    def file(self) -> Optional[str]:
        """The source file's name, for messages."""
        return next(iter(self.nodes.get(N.DISCLOSURE, [])), {}).get("file")

    @property
    def node_count(self) -> int:
        return sum(len(rows) for rows in self.nodes.values())

    @property
    def rel_count(self) -> int:
        return sum(len(r.rows) for r in self.rels)


def clean(props: dict[str, Any]) -> Row:
    """What Neo4j can store: None dropped, Decimal as its exact string."""
    return {k: printed(v) if isinstance(v, Decimal) else v for k, v in props.items() if v is not None}


def provenance_props(p: Optional[Provenance]) -> Row:
    if p is None:
        return {}
    return clean({"file": Path(p.file).name, "table": p.table, "tableNumber": p.table_number, "row": p.row,
                  "line": p.line, "printed": p.text or None})


def _flow_props(d: Disclosure, e: dict) -> Row:
    amount: Decimal = e[N.AMOUNT]
    return clean({  # amountMinor is absent where the amount has no exact integer (a PA02 finding says so)
        "disclosure": d.id, "amount": printed(amount), "amountMinor": to_minor(amount), "unit": d.amount_unit,
        "phase": phase(d), "derived": bool(e.get(N.DERIVED)), **provenance_props(e.get(N.PROV)),
    })


def _through(g: nx.MultiDiGraph, node: str) -> Decimal:
    """What flows through a money node: its inflow, or its outflow where nothing flows in (sources),
    or, for an economic subject only 表2-1 names, what FUNDS it."""
    return (total(flows(g, node, "in")) or total(flows(g, node, "out"))
            or total([e for _, e in linked(g, node, N.FUNDS, "in")]))


def _grand_total(d: Disclosure) -> Row:
    """The printed 支出总计 (else 收入总计), the whole `lineage compare` takes a unit's shares of, and its line."""
    facts = gather(d)
    found = facts.get("expenditure_total") or facts.get("income_total")
    if not found:
        return {}
    fact = found[0]
    return {"total": fact.value, "totalMinor": to_minor(fact.value),
            "totalLine": fact.evidence[0].line if fact.evidence else None}


def _node_row(g: nx.MultiDiGraph, d: Disclosure, node: str, attrs: dict) -> Row:
    label = attrs[N.LABEL]
    if label == N.DISCLOSURE:
        return clean({"id": node, "name": f"{d.unit_name} {d.year or ''} {d.kind}".replace("  ", " "),
                      "unitName": d.unit_name, "unitCode": d.unit_code, "year": d.year, "kind": d.kind, "phase": phase(d),
                      "amountUnit": d.amount_unit, "layout": d.layout, "file": Path(d.source.path).name,
                      "sha256": d.source.sha256, **_grand_total(d)})
    if label in _CODE_LEVELS:
        return clean({"id": node, "code": attrs["code"], "level": _CODE_LEVELS[label].get(len(attrs["code"]))})
    if label in N.MONEY_LABELS:
        props = {new: attrs.get(old) for old, new in _MONEY_PROPS.items()}
        return clean({"id": node, "disclosure": d.id, **props, "total": _through(g, node), "unit": d.amount_unit,
                      **_budget(d, attrs)})
    props = {new: attrs.get(old) for old, new in _NODE_PROPS[label].items()}
    return clean({"id": node, **({"disclosure": d.id} if label not in S.SHARED_LABELS else {}), **props,
                  **_budget(d, attrs)})


def _budget(d: Disclosure, attrs: dict) -> Row:
    """The 预算数 a performance target prints for its project (not a flow: the target table is no money table)."""
    budget = attrs.get("budget")
    if budget is None:
        return {}
    return {"budget": budget, "budgetMinor": to_minor(budget), "unit": d.amount_unit}


def _figure_rows(d: Disclosure) -> list[Row]:
    """The Figure nodes: 三公 and its parts as printed, each with its phase and provenance."""
    return [
        clean({"id": N.node_id(d.id, "figure", f.phase, f.key), "disclosure": d.id, "section": f.section, "name": f.key,
               "phase": f.phase, "amount": printed(f.side.value), "amountMinor": to_minor(f.side.value),
               "unit": f.side.unit, "page": f.side.evidence.page, **provenance_props(f.side.evidence)})
        for f in figures(d)
    ]


def _report_row(d: Disclosure, findings: list[Finding]) -> Row:
    """The findings' hub node: counts by severity, for the Browser caption and for overviews."""
    count = Counter(f.severity for f in findings)
    return {"id": N.node_id(d.id, "checks"), "disclosure": d.id, "name": "检查结果", "findings": len(findings),
            "errors": count["error"], "warnings": count["warning"], "infos": count["info"]}


def _finding_rows(d: Disclosure, findings: list[Finding]) -> list[Row]:
    return [
        clean({
            "id": N.node_id(d.id, "finding", str(i)), "disclosure": d.id, "code": f.code, "rule": f.rule,
            "severity": f.severity, "message": f.message, "unit": f.unit, "expected": f.expected, "found": f.found,
            "lines": [e.line for e in f.evidence], "file": Path(d.source.path).name,
        })
        for i, f in enumerate(findings)
    ]


def disclosure_rows(d: Disclosure, findings: list[Finding]) -> DisclosureRows:
    """The rows that make up one disclosure's subgraph, plus the shared nodes it touches."""
    g = build_graph([d])
    labels = {node: attrs[N.LABEL] for node, attrs in g.nodes(data=True)}
    nodes: dict[str, list[Row]] = defaultdict(list)
    for node, attrs in g.nodes(data=True):
        nodes[labels[node]].append(_node_row(g, d, node, attrs))
    rels: dict[tuple[str, str, str], Rels] = {}

    def rel(kind: str, start: str, start_label: str, end: str, end_label: str, props: Row) -> None:
        key = (kind, start_label, end_label)
        rels.setdefault(key, Rels(kind, start_label, end_label)).rows.append({"start": start, "end": end, "props": props})

    for a, b, e in g.edges(data=True):
        props = _flow_props(d, e) if e[N.LABEL] in (N.FLOW, N.FUNDS) else {}
        if e[N.LABEL] == N.MAY_MEASURE:  # a candidate the document leaves open, and why
            props = clean({"resolved": e[N.RESOLVED], "reason": e.get(N.REASON)})
        if e[N.LABEL] == N.FUNDS:  # 表2-1's column, as printed: which group, fund and part pays the subject
            props.update({"group": e[N.GROUP], "fund": e[N.FUND], "part": e[N.PART]})
        rel(e[N.LABEL], a, labels[a], b, labels[b], props)
    unit_id = d.unit_name
    nodes[S.UNIT].append(clean({"id": unit_id, "name": d.unit_name, "code": d.unit_code}))
    rel(S.PUBLISHED_BY, d.id, N.DISCLOSURE, unit_id, S.UNIT, {})
    for row in _figure_rows(d):
        nodes[S.FIGURE].append(row)
        rel(N.OF_DISCLOSURE, row["id"], S.FIGURE, d.id, N.DISCLOSURE, {})
    report = _report_row(d, findings)
    nodes[S.REPORT].append(report)
    rel(N.OF_DISCLOSURE, report["id"], S.REPORT, d.id, N.DISCLOSURE, {})
    for row in _finding_rows(d, findings):
        nodes[S.FINDING].append(row)
        rel(S.FOUND_IN, row["id"], S.FINDING, report["id"], S.REPORT, {})
    return DisclosureRows(d.id, dict(nodes), list(rels.values()))
