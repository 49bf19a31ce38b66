"""Does a table reproduce its own 合计 row? Differences, column by column.

The parser records every difference as a Problem pointing at the lines, so a
reader can trust that nothing was lost; rule BL02 reports the same
differences as findings. One mechanism, two uses.

Ordinary tables: the 合计 row against the sum of the leaf rows (see
lineage.tableview.leaves). Two-sided summary tables (收支总表, 财政拨款收支总表):
each side is walked in print order — a total row sums the items since the
previous total plus that total (本年收入合计 + 上年结转 = 收入总计); a total
printed before its items (the municipal 合 计 line) sums the items after it.
Columns that an ambiguous row may or may not occupy are not summed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Iterator

from lineage.amounts import rounding_band
from lineage.model import Row, Table
from lineage.tableview import indented, leaves, total_row, undetermined, value
from lineage.vocab import TWO_SIDED

ORDINAL = re.compile(r"^\s*[一二三四五六七八九十]+、")  # "一、本年支出": a heading or numbered item


@dataclass
class TotalDifference:
    table: Table
    column: str
    total: Row
    parts: list[Row]
    stated: Decimal
    found: Decimal
    printed_parts: int  # parts that print an amount in this column: the n of the rounding band

    @property
    def band(self) -> Decimal:
        return rounding_band(self.printed_parts, self.stated, self.found)

    @property
    def within_band(self) -> bool:
        return abs(self.stated - self.found) <= self.band

    def message(self) -> str:
        first, last = min(p.line for p in self.parts), max(p.line for p in self.parts)
        verdict = "在舍入容差内" if self.within_band else "超出舍入容差"
        return (
            f"合计行 {self.column} 列 {self.stated} 与第 {first}–{last} 行 {self.printed_parts} 项之和 {self.found} "
            f"相差 {self.stated - self.found}（容差 ±{self.band}，{verdict}）"
        )


def _compare(table: Table, total: Row, parts: list[Row]) -> Iterator[TotalDifference]:
    rows = [total] + parts
    skip = set().union(*(undetermined(r) for r in rows))
    columns = [c for c in table.columns if c not in skip and any(c in r.values for r in rows)]
    for column in columns:
        found = sum((value(p, column) for p in parts), Decimal(0))
        stated = value(total, column)
        if stated != found:
            printed = sum(1 for p in parts if column in p.values)
            yield TotalDifference(table, column, total, parts, stated, found, printed)


# Numbering levels of a two-sided table's items: 一、 above 1、/1. above (1) above ①.
_LEVELS = [
    re.compile(r"^\s*[一二三四五六七八九十]+、"),
    re.compile(r"^\s*\d+\s*[、.．]"),
    re.compile(r"^\s*[(（]\s*\d+\s*[)）]"),
    re.compile(r"^\s*[①-⑳]"),
]
_OF_WHICH = re.compile(r"^\s*其中")  # "其中：专项资金…": part of the row above, never summed again


def numbering_level(name: str) -> int | None:
    """How deep an item's printed number is (1 for 一、 … 4 for ①), None when unnumbered.

    >>> [numbering_level(n) for n in ("一、财政拨款", "1、财政拨款", "1.一般公共预算", "(1)工资", "上年结转")]
    [1, 2, 2, 3, None]
    """
    return next((i + 1 for i, p in enumerate(_LEVELS) if p.match(name)), None)


def _side_items(rows: list[Row]) -> list[Row]:
    """Items of one side in print order, without headings and "其中" lines.

    Where the rows carry their indentation (RawRow.depth, from a PDF), a heading
    is a row with the next row indented under it. Otherwise a heading ("一、本年收入",
    "一、部门预算") is a numbered row whose next row is numbered deeper or not at all, or, after
    a total, an unnumbered row over 一、 rows ("年初财政拨款结转和结余", 决算): its items follow and are summed instead. The
    last numbered item before a total ("十九、住房保障支出" above 本年支出合计) is
    no heading.
    """
    kept = []
    by_indent = indented([r for r in rows if r.role != "total"])
    for i, row in enumerate(rows):
        if row.role == "total" or _OF_WHICH.match(row.name):
            continue
        nxt = next((r for r in rows[i + 1:] if not _OF_WHICH.match(r.name)), None)
        if by_indent:  # the PDF shows the levels: a row with rows indented under it is their heading
            heading = nxt is not None and nxt.role != "total" and nxt.depth > row.depth  # type: ignore[operator]
            if not heading:
                kept.append(row)
            continue
        level = numbering_level(row.name)
        below = numbering_level(nxt.name) if nxt is not None else None
        after_total = any(r.role == "total" for r in rows[:i])
        heading = nxt is not None and nxt.role != "total" and (
            (level is not None and (below is None or below > level))
            # past 本年收入合计, an unnumbered row over 一、二、三 is their heading: the 决算's
            # "年初财政拨款结转和结余" over "一、一般公共预算财政拨款 …"
            or (level is None and below == 1 and after_total)
        )
        if not heading:
            kept.append(row)
    return kept


def _panels(table: Table, side: str) -> list[list[Row]]:
    """A side's rows, one list per panel (Row.panel) in printed order: each panel totals itself."""
    panels = dict.fromkeys(r.panel for r in table.rows if r.side == side)
    return [[r for r in table.rows if r.side == side and r.panel == panel] for panel in panels]


def _two_sided(table: Table) -> Iterator[TotalDifference]:
    for rows in (p for side in ("income", "expenditure") for p in _panels(table, side)):
        rows = [r for r in rows if r.values]
        items = set(id(r) for r in _side_items(rows))
        pending: list[Row] = []
        previous = None
        waiting = None  # a total printed before any of its items
        for r in rows:
            if r.role == "total":
                parts = ([previous] if previous else []) + pending
                if parts:
                    yield from _compare(table, r, parts)
                else:
                    waiting = r
                previous, pending = r, []
            elif id(r) in items:
                pending.append(r)
        if waiting is not None and pending and previous is waiting:
            yield from _compare(table, waiting, pending)


def total_differences(table: Table) -> list[TotalDifference]:
    """Every column where the table does not reproduce its own total."""
    if table.empty or table.duplicate_of is not None:
        return []
    if table.kind in TWO_SIDED:
        return list(_two_sided(table))
    total, parts = total_row(table), leaves(table)
    if total is None or not parts:
        return []
    return list(_compare(table, total, parts))
