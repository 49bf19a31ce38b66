"""Trace a disclosure's money through the graph, stage by stage, with shares.

Each stage is one pool (or the funding sources) and where its money goes;
every stage reconciles (what leaves equals what arrived) or says by how much
it does not. Amounts downstream of a pool cannot be attributed to one funding
source from the disclosure; with `source` given, a proportional split is
shown and labelled as an estimate.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Optional

import networkx as nx

from lineage.amounts import percent
from lineage.graph import names as N
from lineage.graph.conservation import flows, linked, printed_line, total
from lineage.vocab.tables import fiscal_column_order


@dataclass
class Step:
    target: str
    name: str
    code: Optional[str]
    amount: Decimal
    share: Optional[Decimal]  # percent of the stage's outflow, 2 decimals
    line: Optional[int]
    derived: bool = False
    estimate: bool = False
    children: list["Step"] = field(default_factory=list)


@dataclass
class Stage:
    node: str
    name: str
    inflow: Decimal
    outflow: Decimal
    steps: list[Step]

    @property
    def balanced(self) -> bool:
        return self.inflow == self.outflow or self.inflow == 0


def _steps(g: nx.MultiDiGraph, node: str, code_prefix: Optional[str], factor: Optional[Decimal]) -> list[Step]:
    outs = linked(g, node, N.FLOW)
    whole = total([e for _, e in outs])
    steps = []
    for target, e in outs:
        attrs = g.nodes[target]
        code = attrs.get("code")
        if code_prefix and attrs.get(N.LABEL) == N.FUNCTION and not (code or "").startswith(code_prefix):
            continue
        amount = e[N.AMOUNT] if factor is None else (e[N.AMOUNT] * factor).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        step = Step(
            target=target, name=attrs.get("name", target), code=code, amount=amount, share=percent(e[N.AMOUNT], whole),
            line=printed_line(e), derived=e.get(N.DERIVED, False), estimate=factor is not None,
        )
        if attrs.get(N.LABEL) == N.FUNCTION:
            step.children = [
                Step(target=t, name=g.nodes[t].get("name", t), code=None, amount=ee[N.AMOUNT], share=percent(ee[N.AMOUNT], e[N.AMOUNT]),
                     line=printed_line(ee))
                for t, ee in linked(g, target, N.FLOW)
            ]
        if attrs.get(N.LABEL) == N.PROJECT:
            step.children = [
                Step(target=t, name=g.nodes[t].get("name", t), code=None, amount=Decimal(0), share=None, line=g.nodes[t].get("line"))
                for t, _ in linked(g, target, N.MEASURED_BY)
            ]
        steps.append(step)
    return steps


FISCAL_STAGE = "fiscal_economic"  # Stage.node of the 表2-1 stage, which is no pool of the money path


def _fiscal_stage(g: nx.MultiDiGraph, disclosure_id: str, source: Optional[str]) -> Optional[Stage]:
    """表2-1's FUNDS edges: each economic subject (print order) and, under it, what each funding source
    pays it, by the group, fund and part the table prints. Exact, also with `source` given (the edges
    name their source), so nothing here is an estimate. Inflow is the table's printed 总计."""
    printed_total = g.nodes[disclosure_id].get(N.FISCAL_TOTAL) if disclosure_id in g else None
    edges = [
        (a, b, e) for node, attrs in g.nodes(data=True) if attrs.get(N.LABEL) == N.SOURCE and attrs.get(N.DISC) == disclosure_id
        for a, b, e in g.out_edges(node, data=True) if e.get(N.LABEL) == N.FUNDS
        if not source or source in g.nodes[a].get("name", "")
    ]
    if not edges:
        return None
    edges.sort(key=lambda x: (printed_line(x[2]) or 0, fiscal_column_order(x[2][N.GROUP], x[2][N.FUND], x[2][N.PART])))
    whole = total([e for _, _, e in edges])
    by_subject: dict[str, list[tuple[str, dict]]] = {}
    for a, b, e in edges:
        by_subject.setdefault(b, []).append((a, e))
    steps = []
    for ec, paid in by_subject.items():
        amount = total([e for _, e in paid])
        steps.append(Step(
            target=ec, name=g.nodes[ec].get("name", ec), code=g.nodes[ec].get("code"), amount=amount,
            share=percent(amount, whole), line=printed_line(paid[0][1]),
            children=[Step(target=a, name=f"{g.nodes[a].get('name')} · {e[N.GROUP]}/{e[N.FUND]}/{e[N.PART]}", code=None,
                           amount=e[N.AMOUNT], share=percent(e[N.AMOUNT], amount), line=printed_line(e)) for a, e in paid],
        ))
    number = edges[0][2][N.PROV].table_number
    name = f"财政拨款 → 经济科目（表{number}）" if number else "财政拨款 → 经济科目"
    inflow = whole if source or printed_total is None else printed_total
    return Stage(FISCAL_STAGE, name, inflow, whole, steps)


def trace(g: nx.MultiDiGraph, disclosure_id: str, source: Optional[str] = None,
          code: Optional[str] = None, depth: int = 5) -> list[Stage]:
    """Stages: funding → 收入; 收入 → functional subjects; 基本支出 → economic; 项目支出 → projects;
    and, where the disclosure prints 表2-1, 财政拨款 → economic subjects by funding source (not a pool
    of the money path but a second view of the same money: see graph/build.py, _fiscal_economics)."""
    income = N.node_id(disclosure_id, "pool", "收入")
    if income not in g:
        raise KeyError(disclosure_id)
    sources = linked(g, income, N.FLOW, "in")
    income_total = total([e for _, e in sources])
    factor = None
    src_steps = []
    for s, e in sources:
        name = g.nodes[s].get("name", s)
        if source and source not in name:
            continue
        if source:
            factor = e[N.AMOUNT] / income_total if income_total else None
        src_steps.append(Step(s, name, None, e[N.AMOUNT], percent(e[N.AMOUNT], income_total), printed_line(e)))
    stages = [Stage("sources", "资金来源 → 收入", income_total, income_total, src_steps)]
    for pool, label in ((income, "收入 → 功能科目"), (N.node_id(disclosure_id, "pool", "基本支出"), "基本支出 → 经济科目"),
                        (N.node_id(disclosure_id, "pool", "项目支出"), "项目支出 → 项目")):
        if len(stages) >= depth or pool not in g:
            continue
        stages.append(Stage(
            pool, label, total(flows(g, pool, "in")), total(flows(g, pool, "out")),
            _steps(g, pool, code, factor),
        ))
    fiscal = _fiscal_stage(g, disclosure_id, source) if depth >= 5 else None
    return stages + [fiscal] if fiscal else stages
