"""The lineage graph (networkx): funding → subjects → pools → economic subjects / projects → indicators."""

from lineage.graph.build import build_graph

__all__ = ["build_graph"]
