"""Query records (from the Neo4j driver) as plain values, for tables, JSON and CSV.

Nodes and relationships become their property maps (with labels or type),
paths the list of their nodes; everything else the driver returns (ints,
strings, lists, maps) is already plain.
"""

from __future__ import annotations

from typing import Any

from neo4j.graph import Node, Path, Relationship


def plain_value(value: Any) -> Any:
    if isinstance(value, Node):
        return {"labels": sorted(value.labels), **{k: plain_value(v) for k, v in value.items()}}
    if isinstance(value, Relationship):
        return {"type": value.type, **{k: plain_value(v) for k, v in value.items()}}
    if isinstance(value, Path):
        return [plain_value(n) for n in value.nodes]
    if isinstance(value, dict):
        return {k: plain_value(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain_value(v) for v in value]
    return value


def cell(value: Any) -> str:
    """One value as table or CSV text: lists joined with '; ', maps as name or id, nulls empty."""
    value = plain_value(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "; ".join(cell(v) for v in value)
    if isinstance(value, dict):
        shown = value.get("name") or value.get("id") or value.get("code")
        return str(shown) if shown is not None else ", ".join(f"{k}={cell(v)}" for k, v in value.items())
    return str(value)
