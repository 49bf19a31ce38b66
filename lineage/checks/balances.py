"""BL: balances — totals equal the sum of their items; income equals expenditure."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Iterable, Optional

from lineage.checks.finding import Finding, Subject
from lineage.checks.context import CheckContext
from lineage.checks.registry import Rule, fold_rounding, register
from lineage.parse.reconcile import total_differences
from lineage.tableview import evidence, value
from lineage.model import Disclosure, Row, Table
from lineage.vocab import KIND_LABELS, TWO_SIDED, sums


def side_total(table: Table, side: str, panel: Optional[str] = None) -> Optional[Row]:
    """The 收入总计/支出总计 row of one side (总计 preferred over 合计); of a further panel (Row.panel) if named."""
    rows = [r for r in table.rows if r.side == side and r.panel == panel]
    for pattern in (r"^(收入|支出)?总计$", r"^(本年)?(收入|支出)?合计$"):
        for r in rows:
            if re.match(pattern, re.sub(r"\s+", "", r.name)) and r.values:
                return r
    return None


def first_amount(row: Row) -> Decimal:
    """The row's first column amount (two-sided tables: 预算数 or 合计)."""
    return next(iter(row.values.values()))


@register
class IncomeEqualsExpenditure(Rule):
    """收入总计 must equal 支出总计 in a two-sided summary table, in every panel of a side.

    Example: a 收支总表 printing "收入总计 367.12 … 支出总计 367.12" balances; a
    table whose two sides differ leaves money unexplained. A side printed several
    times (西安 表1: 支出 by function, by 部门预算 and by 政府预算 economic class) gives
    each panel's 支出总计 for the same money. Exact: both sides are printed totals
    of the same money, no rounding band.
    """

    id = "BL01"
    name = "balances.income_equals_expenditure"
    tables = tuple(sorted(TWO_SIDED))
    template = "{table}：收入总计 {expected}{unit} 与支出总计 {found}{unit} 不等（差 {diff}）"

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        d = ctx.d
        for kind in self.tables:
            t = d.table(kind)
            if not t:
                continue
            income, spend = side_total(t, "income"), side_total(t, "expenditure")
            pairs = [(income, spend, None)]
            for side, other in (("income", spend), ("expenditure", income)):
                for panel in dict.fromkeys(r.panel for r in t.rows if r.side == side and r.panel):
                    total = side_total(t, side, panel)
                    pairs.append((total, other, panel) if side == "income" else (other, total, panel))
            for income_row, spend_row, panel in pairs:
                if income_row and spend_row and first_amount(income_row) != first_amount(spend_row):
                    yield self.finding(
                        d, expected=first_amount(income_row), found=first_amount(spend_row),
                        table=KIND_LABELS[kind] + (f"（{panel}）" if panel else ""),
                        evidence=evidence(d, t, [income_row, spend_row]),
                    )


@register
class TableTotal(Rule):
    """A table reproduces its own 合计 row, column by column.

    Example (004 表一 财政拨款收支总表): 1,220.75 + 8,383.31 + 600.64 + 150.96
    + 171.44 = 10,527.10 against a printed 10,527.11. Ordinary tables are
    summed over their leaf rows; two-sided tables side by side in print order
    (本年收入合计 + 上年结转 = 收入总计). Within the rounding band ((n + 1) ×
    0.005 for n parts) a warning, beyond it an error. Tables whose levels
    cannot be told from codes, and columns an ambiguous row may occupy, are
    not summed (no false alarms). The same differences are the parser's
    problems (lineage.parse.reconcile).
    """

    id = "BL02"
    name = "balances.table_total"
    template = "{table}「{column}」列：合计行 {expected}{unit}，各项之和 {found}{unit}（差 {diff}）"

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        d = ctx.d
        yield from fold_rounding(
            self.sum_finding(
                d, expected=diff.stated, found=diff.found, n_parts=diff.printed_parts,
                table=KIND_LABELS.get(t.kind, t.title), column=diff.column,
                evidence=evidence(d, t, [diff.total] + diff.parts),
            )
            for t in d.tables
            for diff in total_differences(t)
        )


@register
class RowArithmetic(Rule):
    """Within a row, a total column equals the sum of its part columns.

    Example (002 一般公共预算基本支出预算表, line 381): "302 商品和服务支出 20.48
    5.30 15.17" — 人员经费 5.30 + 公用经费 15.17 = 20.47, a rounding-sized warning.
    Beyond the rounding band it is an error.
    """

    id = "BL03"
    name = "balances.row_arithmetic"
    template = "{table} {subject}：「{total}」{expected}{unit}，{parts} 之和 {found}{unit}（差 {diff}）"

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        d = ctx.d
        yield from fold_rounding(f for t in ctx.tables for f in self._rows(d, t))

    def _rows(self, d: Disclosure, t: Table) -> Iterable[Optional[Finding]]:
        for total_col, part_cols in sums(t.kind, t.columns):
            parts = [c for c in part_cols if c in t.columns]
            if total_col not in t.columns or not parts:
                continue
            for r in t.rows:
                if r.ambiguous or total_col not in r.values or r.role == "total_repeat":
                    continue
                if r.side == "income" and t.kind == "fiscal_summary":
                    continue
                found = sum((value(r, c) for c in parts), Decimal(0))
                if found == r.values[total_col]:
                    continue  # most rows add up: no finding, so no evidence to build
                yield self.sum_finding(
                    d, expected=r.values[total_col], found=found, n_parts=len(parts),
                    table=KIND_LABELS.get(t.kind, t.title), subject=r.name or r.code or "",
                    total=total_col, parts="+".join(parts),
                    subjects=[Subject(code=r.code, name=r.name)], evidence=evidence(d, t, [r]),
                )
