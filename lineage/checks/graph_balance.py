"""GR: node imbalance on the lineage graph — the general rule behind the specific ones."""

from __future__ import annotations

from typing import Iterable

from lineage.checks.finding import Finding, Subject
from lineage.checks.registry import Rule, register
from lineage.graph import names as N
from lineage.graph.build import build_graph
from lineage.graph.conservation import flows, imbalances
from lineage.model import Disclosure


@register
class NodeImbalance(Rule):
    """Money flowing into a graph node differs from money flowing out.

    Example: the pool 收入 receives the funding sources of 收入总表 and pays
    the functional subjects of 支出总表; if the two tables disagree the pool
    does not balance. Specific rules (XT01, BL02) usually name the cause; this
    one catches what they do not. Rounding band over the edges of the node.
    """

    id = "GR01"
    name = "graph.node_imbalance"
    template = "资金节点「{node}」流入 {expected}{unit}，流出 {found}{unit}（差 {diff}）"

    def check(self, d: Disclosure) -> Iterable[Finding]:
        g = build_graph([d])
        for imb in imbalances(g, d.id):
            attrs = g.nodes[imb.node]
            edges = flows(g, imb.node, "in") + flows(g, imb.node, "out")
            f = self.sum_finding(
                d, expected=imb.inflow, found=imb.outflow, n_parts=imb.n_parts, node=attrs.get("name", imb.node),
                subjects=[Subject(code=attrs.get("code"), name=attrs.get("name", ""))],
                evidence=[e[N.PROV] for e in edges if e.get(N.PROV) is not None],
            )
            if f:
                yield f
