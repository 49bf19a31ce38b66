"""Small read-only helpers over parsed tables that several rules share."""

from __future__ import annotations

from decimal import Decimal
from typing import Iterable, Optional

from lineage.model import Disclosure, Provenance, Row, Table

ITEM_ROLES = ("subject", "project")


def total_row(table: Table) -> Optional[Row]:
    return next((r for r in table.rows if r.role == "total"), None)


def item_rows(table: Table) -> list[Row]:
    return [r for r in table.rows if r.role in ITEM_ROLES]


def evidence(d: Disclosure, table: Table, rows: Iterable[Row]) -> list[Provenance]:
    return [
        Provenance(
            file=d.source.path, table=table.kind, table_number=table.number, row=r.index, line=r.line,
            text=" ".join(filter(None, [r.code_printed, r.name, " ".join(r.printed)])),
        )
        for r in rows
    ]


def value(row: Row, column: str) -> Decimal:
    """A cell's amount; a blank cell is zero."""
    return row.values.get(column, Decimal(0))


def coded(rows: Iterable[Row]) -> list[Row]:
    return [r for r in rows if r.code]


def top_level(table: Table) -> Optional[list[Row]]:
    """The rows whose sum is the table total, or None when levels cannot be told.

    In the project table the coded rows are the projects and the uncoded rows
    are per-subject subtotals. Elsewhere: coded rows whose code has no coded
    ancestor in the table. Uncoded item rows make the levels unknowable from
    codes alone (the flattened layout prints economic class rows by name
    only), so the caller reports nothing rather than a false imbalance.
    """
    items = item_rows(table)
    if table.kind == "gp_projects":
        return [r for r in items if r.code or r.code_garbled]
    if any(not r.code for r in items):
        return None
    codes = {r.code for r in items}
    return [r for r in items if not any(c != r.code and r.code.startswith(c) for c in codes)]  # type: ignore[union-attr]
