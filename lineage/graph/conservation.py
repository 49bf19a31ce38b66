"""Conservation: at every money node, what flows in equals what flows out."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import networkx as nx

from lineage.graph import names as N


def flows(g: nx.MultiDiGraph, node: str, direction: str) -> list[dict]:
    edges = g.in_edges(node, data=True) if direction == "in" else g.out_edges(node, data=True)
    return [e for _, _, e in edges if e.get(N.LABEL) == N.FLOW]


def total(edges: list[dict]) -> Decimal:
    return sum((e[N.AMOUNT] for e in edges), Decimal(0))


@dataclass
class Imbalance:
    node: str
    inflow: Decimal
    outflow: Decimal
    n_parts: int


def imbalances(g: nx.MultiDiGraph, disclosure_id: str | None = None) -> list[Imbalance]:
    """Money nodes whose inflow differs from their outflow (sources and sinks excluded).

    Sources have no inflow and leaves (economic subjects, projects,
    unitemised) no outflow; only nodes with both are judged.
    """
    out: list[Imbalance] = []
    for node, attrs in g.nodes(data=True):
        if attrs.get(N.LABEL) not in (N.POOL, N.FUNCTION):
            continue
        if disclosure_id and attrs.get(N.DISC) != disclosure_id:
            continue
        ins, outs = flows(g, node, "in"), flows(g, node, "out")
        if ins and outs and total(ins) != total(outs):
            out.append(Imbalance(node, total(ins), total(outs), max(len(ins), len(outs))))
    return out
