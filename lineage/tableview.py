"""Read-only helpers over parsed tables, shared by the parser's reconciliation,
the checks and the graph: which rows are items, which are leaves, and the
provenance of a row's amounts.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Iterable, Optional

from lineage.model import Disclosure, Provenance, Row, Table

ITEM_ROLES = ("subject", "project")


def total_row(table: Table) -> Optional[Row]:
    return next((r for r in table.rows if r.role == "total"), None)


def item_rows(table: Table) -> list[Row]:
    return [r for r in table.rows if r.role in ITEM_ROLES]


def provenance(d: Disclosure, table: Table, row: Row) -> Provenance:
    return Provenance(
        file=d.source.path, table=table.kind, table_number=table.number, row=row.index, line=row.line,
        text=" ".join(filter(None, [row.code_printed, row.name, " ".join(row.printed)])),
    )


def evidence(d: Disclosure, table: Table, rows: Iterable[Row]) -> list[Provenance]:
    return [provenance(d, table, r) for r in rows]


def value(row: Row, column: str) -> Decimal:
    """A cell's amount; a blank cell is zero."""
    return row.values.get(column, Decimal(0))


def leaves(table: Table) -> Optional[list[Row]]:
    """The item rows that are no other row's subtotal, or None when codes cannot tell.

    A row without a readable code is a heading when the next item row has a
    code (项目支出表: "科普活动" above its projects); any other uncoded row, or
    one code printed on two rows (001's 表2-1 prints "301 12" for a 款 and its
    items alike), leaves the levels unknown, and callers sum nothing rather
    than report a false imbalance.
    """
    items = item_rows(table)
    codes = [r.code for r in items]
    if len(set(c for c in codes if c)) != len([c for c in codes if c]):
        return None
    out = []
    for i, (row, code) in enumerate(zip(items, codes)):
        if code is None:
            if i + 1 < len(codes) and codes[i + 1] is not None:
                continue
            return None
        if not any(c and c != code and c.startswith(code) for c in codes):
            out.append(row)
    return out


def undetermined(row: Row) -> set[str]:
    """Columns an ambiguous row may or may not hold an amount in."""
    return {c for cand in row.candidates for c in cand} - set(row.values)
