"""GR: node imbalance on the lineage graph — the general rule behind the specific ones."""

from __future__ import annotations

from typing import Iterable

from lineage.checks.finding import Finding, Subject
from lineage.checks.context import CheckContext
from lineage.checks.registry import Rule, register
from lineage.graph import names as N
from lineage.graph.conservation import flows, imbalances


@register
class NodeImbalance(Rule):
    """Money flowing into a graph node differs from money flowing out.

    Example (001): the pool 收入 receives 367.12 from 收入总表 (line 531) and
    pays 367.11 to the functional subjects of 支出总表 (lines 564–588), whose
    printed 合计 is 367.12 — one cent of rounding. The pool 收入 receives the
    funding sources of 收入总表 and pays the functional subjects of 支出总表; if
    the two tables disagree the pool does not balance. Specific rules (XT01, BL02) usually name the cause; this
    one catches what they do not. Rounding band over the edges of the node:
    beyond it an error; within it an info, since the printed tables' own
    rounding (BL02, HI01) already shows as a warning there.

    A 决算's 收入 receives this year's income and pays this year's spending,
    which honestly differ by the carry-over (本年收入 + 年初结转和结余 =
    本年支出 + 年末结转和结余: Shanghai 普陀区规划和自然资源局 2024 receives
    9746.50 and spends 9759.38). Where its carry-over lines are not in the
    graph (not printed, or not read), that pool's difference is an info.

    An edge read from a row whose columns the text does not determine (PA01: an ambiguous
    row, e.g. the 合计 row that gives the funding sources) may carry only the amounts placed
    so far; a node with such an edge is unresolved, and its difference an info, not an error.
    """

    id = "GR01"
    name = "graph.node_imbalance"
    template = "资金节点「{node}」流入 {expected}{unit}，流出 {found}{unit}（差 {diff}）"

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        d = ctx.d
        g = ctx.graph
        income = N.node_id(d.id, "pool", "收入")
        carried = income in g and any(g.nodes[n].get(N.CARRY) for n in [*g.predecessors(income), *g.successors(income)])
        carry_unread = g.nodes[d.id].get(N.PHASE) == "actual" and not carried
        ambiguous = {(t.kind, r.line) for t in d.tables for r in t.rows if r.ambiguous}
        for imb in imbalances(g, d.id):
            attrs = g.nodes[imb.node]
            edges = flows(g, imb.node, "in") + flows(g, imb.node, "out")
            provs = [e[N.PROV] for e in edges if e.get(N.PROV) is not None]
            unresolved = any((p.table, p.line) in ambiguous for p in provs)
            f = self.sum_finding(
                d, expected=imb.inflow, found=imb.outflow, n_parts=imb.n_parts, node=attrs.get("name", imb.node),
                subjects=[Subject(code=attrs.get("code"), name=attrs.get("name", ""))],
                evidence=provs,
            )
            if f:
                soft = f.severity != "error" or unresolved or (carry_unread and imb.node == income)
                yield f.model_copy(update={"severity": "info"}) if soft else f
