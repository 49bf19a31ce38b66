"""Where a functional subject's money comes from and goes, in every unit that spends under its code.

The embedded counterpart of cypher/subject_across_units.cypher, read from the
same graph. The disclosures give marginals only, so the money cannot be traced
from one funding source to one subject: the unit's sources are listed beside
the subject's figures, not apportioned to it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

import networkx as nx

from lineage.graph import names as N
from lineage.graph.conservation import flows, linked, total


@dataclass
class SubjectLine:
    disclosure: str
    unit_name: str
    unit: str
    inflow: Decimal = Decimal(0)  # what 收入 pays into the subjects under the code
    basic: Decimal = Decimal(0)  # what they pass on to 基本支出
    project: Decimal = Decimal(0)  # … to 项目支出
    other: Decimal = Decimal(0)  # … to 上缴上级支出 / 对附属单位补助支出
    subjects: list[str] = field(default_factory=list)  # "code name amount", as printed
    sources: list[str] = field(default_factory=list)  # the unit's funding sources with their amounts


def subject_across_units(g: nx.MultiDiGraph, code: str) -> list[SubjectLine]:
    """One line per disclosure with a functional subject whose code starts with `code` (类, 款 or 项)."""
    lines: dict[str, SubjectLine] = {}
    for node, attrs in sorted(g.nodes(data=True), key=lambda n: n[1].get("code") or ""):
        if attrs.get(N.LABEL) != N.FUNCTION or not (attrs.get("code") or "").startswith(code):
            continue
        d = attrs[N.DISC]
        root = g.nodes[d]
        line = lines.setdefault(d, SubjectLine(d, root.get("name", ""), root.get("unit", ""), sources=_sources(g, d)))
        inflow = total(flows(g, node, "in"))
        line.inflow += inflow
        line.subjects.append(f"{attrs['code']} {attrs.get('name', '')} {inflow}")
        for target, e in linked(g, node, N.FLOW):
            name = g.nodes[target].get("name")
            if name == "基本支出":
                line.basic += e[N.AMOUNT]
            elif name == "项目支出":
                line.project += e[N.AMOUNT]
            else:
                line.other += e[N.AMOUNT]
    return sorted(lines.values(), key=lambda x: (x.unit_name, x.disclosure))


def _sources(g: nx.MultiDiGraph, d: str) -> list[str]:
    income = N.node_id(d, "pool", "收入")
    return [f"{g.nodes[s].get('name')} {e[N.AMOUNT]}" for s, e in linked(g, income, N.FLOW, "in")] if income in g else []
