"""Conservation: at every money node, what flows in equals what flows out; and the
edge walking the graph's readers (trace, projects, subject) share."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Optional

import networkx as nx

from lineage.graph import names as N


def linked(g: nx.MultiDiGraph, node: str, label: str, direction: str = "out") -> list[tuple[str, dict]]:
    """The nodes at the other end of `node`'s edges of type `label`, each with the edge's attributes."""
    if direction == "in":
        return [(a, e) for a, _, e in g.in_edges(node, data=True) if e.get(N.LABEL) == label]
    return [(b, e) for _, b, e in g.out_edges(node, data=True) if e.get(N.LABEL) == label]


def flows(g: nx.MultiDiGraph, node: str, direction: str) -> list[dict]:
    """The FLOWS_TO edges into (direction "in") or out of a node."""
    return [e for _, e in linked(g, node, N.FLOW, direction)]


def printed_line(edge: dict) -> Optional[int]:
    """The line an edge's amount is printed on; None for a derived amount."""
    return edge[N.PROV].line if edge.get(N.PROV) else None


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
