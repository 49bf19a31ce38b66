"""The largest projects of the stored disclosures, with their performance indicators.

The embedded counterpart of cypher/largest_projects.cypher, read from the same
graph: a project's amount is its FLOWS_TO from the 项目支出 pool, its
indicators the MEASURED_BY edges (printed order), and the indicators the document leaves
open between it and other projects its MAY_MEASURE edges (shown apart, never as its own). Amounts of disclosures in
different units (万元, 元) are compared as printed: the unit is shown.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Optional

import networkx as nx

from lineage.graph import names as N
from lineage.graph.conservation import linked, printed_line


@dataclass
class ProjectLine:
    project: str
    code: Optional[str]
    amount: Decimal
    unit: str
    disclosure: str
    unit_name: str
    line: Optional[int]
    indicators: list[str] = field(default_factory=list)  # "三级指标 operator value unit"
    # Indicators the document narrows down to this project and others without saying which (MAY_MEASURE),
    # "三级指标 operator value unit（第N行）", and the other candidate projects they may measure instead.
    unresolved: list[str] = field(default_factory=list)
    candidates: list[str] = field(default_factory=list)


def _indicator(attrs: dict) -> str:
    return " ".join(str(x) for x in (attrs.get("name"), attrs.get("operator"), attrs.get("value"), attrs.get("unit")) if x)


def _unresolved(g: nx.MultiDiGraph, project: str) -> tuple[list[str], list[str]]:
    """The MAY_MEASURE indicators of a project (printed order) and the other projects each may measure instead."""
    maybe = sorted((i for i, _ in linked(g, project, N.MAY_MEASURE)), key=lambda i: g.nodes[i].get("line") or 0)
    others = {c: None for i in maybe for c, _ in linked(g, i, N.MAY_MEASURE, "in") if c != project}
    return ([f"{_indicator(g.nodes[i])}（第{g.nodes[i].get('line')}行）" for i in maybe],
            [g.nodes[c].get("name", c) for c in sorted(others, key=lambda c: g.nodes[c].get("target_line") or 0)])


def largest_projects(g: nx.MultiDiGraph, limit: int = 10, disclosure: Optional[str] = None) -> list[ProjectLine]:
    """Projects by amount, largest first (ties: disclosure id, then line), at most `limit`.

    `disclosure`: a disclosure id or part of a unit name; None for all.
    """
    out = []
    for node, attrs in g.nodes(data=True):
        if attrs.get(N.LABEL) != N.DISCLOSURE:
            continue
        if disclosure and disclosure != node and disclosure not in attrs.get("name", ""):
            continue
        pool = N.node_id(node, "pool", "项目支出")
        if pool not in g:
            continue
        for project, e in linked(g, pool, N.FLOW):
            p = g.nodes[project]
            if p.get(N.LABEL) != N.PROJECT:
                continue
            measured = sorted((g.nodes[i] for i, _ in linked(g, project, N.MEASURED_BY)), key=lambda a: a.get("line") or 0)
            out.append(ProjectLine(
                p.get("name", ""), p.get("code"), e[N.AMOUNT], attrs.get("unit", ""), node, attrs.get("name", ""),
                printed_line(e), [_indicator(i) for i in measured], *_unresolved(g, project),
            ))
    out.sort(key=lambda x: (-x.amount, x.disclosure, x.line or 0))
    return out[:limit]
