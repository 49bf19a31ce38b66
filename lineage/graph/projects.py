"""The largest projects of the stored disclosures, with their performance indicators.

The embedded counterpart of cypher/largest_projects.cypher, read from the same
graph: a project's amount is its FLOWS_TO from the 项目支出 pool, its
indicators the MEASURED_BY edges (printed order). Amounts of disclosures in
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


def _indicator(attrs: dict) -> str:
    return " ".join(str(x) for x in (attrs.get("name"), attrs.get("operator"), attrs.get("value"), attrs.get("unit")) if x)


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
                printed_line(e), [_indicator(i) for i in measured],
            ))
    out.sort(key=lambda x: (-x.amount, x.disclosure, x.line or 0))
    return out[:limit]
