"""Helpers for the Shanghai PDF tests: find a table's row by side and name or code."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from lineage.model import Disclosure, Row

PDF = Path(__file__).resolve().parents[2] / "data" / "pdf"


def table(d: Disclosure, kind: str):
    (t,) = [t for t in d.tables if t.kind == kind]
    return t


def row(d: Disclosure, kind: str, *, name: str | None = None, code: str | None = None,
        side: str | None = None) -> Row:
    """The one row of the table with this name (or code), on this side."""
    rows = [r for r in table(d, kind).rows
            if (name is None or r.name == name) and (code is None or r.code == code) and r.side == side]
    assert len(rows) == 1, [(r.name, r.code, r.side) for r in table(d, kind).rows]
    return rows[0]


def values(r: Row) -> dict[str, Decimal]:
    return dict(r.values)


def D(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))
