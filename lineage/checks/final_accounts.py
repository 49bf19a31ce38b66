"""部门决算 (final accounts): balances carried forward, subtotals and agreement between its tables.

A 决算 states each amount in several tables: the 收入支出决算总表 names the
functional classes the 支出决算表 codes; the 财政拨款收入支出决算总表 splits by fund
what the 一般公共预算财政拨款支出决算表 codes; the 基本支出决算表's footer totals
人员经费 and 公用经费, whose sum is the 基本支出 of the functional table. What a
table is and which columns it prints come from the vocabulary
(`TableSpec.balance`, `TableSpec.subtotals`); the pairs of tables compared are
data here (`_SAME_CLASSES`), so a province printing the same tables under other
titles needs no code.

Tolerance everywhere is the rounding band: a printed total against the sum of
n printed parts may differ by (n + 1) half-quanta (a warning); beyond, an error.
A class amount of a coded table is itself the sum of its printed 项, so two
tables' class amounts compare within the band of those 项.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Iterable, Optional

from lineage.checks.context import CheckContext
from lineage.checks.finding import Finding, Subject
from lineage.checks.registry import Rule, fold_rounding, register
from lineage.model import Disclosure, Row, Table
from lineage.tableview import evidence, item_rows, strip_numbering, total_row, value
from lineage.vocab import KIND_LABELS, SPECS, spec

_BALANCED = tuple(s.kind for s in SPECS if s.balance)
_SUBTOTALLED = tuple(s.kind for s in SPECS if s.subtotals)


@register
class CarryOverBalance(Rule):
    """年初结转和结余 + 本年收入 − 本年支出 = 年末结转和结余, on every row and the 合计.

    Example (政府性基金预算财政拨款收入支出决算表, national 部门决算 公开表): a row
    "2120801 征地和拆迁补偿支出 | 年初 10.00 | 本年收入 50.00 | 本年支出 45.00 | 年末 15.00"
    carries its balance forward; a 年末 of 20.00 leaves 5.00 unexplained. The four
    amounts are printed to 0.01: within (3 + 1) × 0.005 a warning, beyond an error.
    """

    id = "BL04"
    name = "balances.carry_over"
    tables = _BALANCED
    template = ("{table} {subject}：年初结转和结余 {opening} + 本年收入 {income} − 本年支出 {spending} = {expected}{unit}，"
                "印出的年末结转和结余 {found}{unit}（差 {diff}）")

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        d = ctx.d
        yield from fold_rounding(f for t in ctx.tables if t.kind in self.tables and not t.empty
                                 for f in self._rows(d, t))

    def _rows(self, d: Disclosure, t: Table) -> Iterable[Optional[Finding]]:
        s = spec(t.kind)
        assert s is not None and s.balance is not None
        opening, income, spending, closing = s.balance
        for r in t.rows:
            if r.ambiguous or not all(c in r.values for c in (opening, income, spending, closing)):
                continue
            expected = r.values[opening] + r.values[income] - r.values[spending]
            yield self.sum_finding(
                d, expected=expected, found=r.values[closing], n_parts=3,
                table=KIND_LABELS.get(t.kind, t.title), subject=r.name or r.code or "",
                opening=r.values[opening], income=r.values[income], spending=r.values[spending],
                unit=t.unit or d.amount_unit,
                subjects=[Subject(code=r.code, name=r.name)], evidence=evidence(d, t, [r]),
            )


def _class_rows(t: Table, classes: tuple[str, ...]) -> list[Row]:
    """The rows a subtotal sums: the printed classes (301, 303), else the items coded under them."""
    items = [r for r in item_rows(t) if r.code]
    printed = [r for r in items if r.code in classes]
    covered = {r.code for r in printed}
    under = [r for r in items if r.code[:3] in classes and r.code[:3] not in covered and len(r.code) == 5]
    return printed + under


@register
class SubtotalOfClasses(Rule):
    """A subtotal row equals the sum of the economic classes it totals.

    Example (上海市普陀区规划和自然资源局 2024 部门决算, page 16): the footer prints
    "人员经费合计 4884.09" for 301 工资福利支出 4816.14 + 303 对个人和家庭的补助 67.96
    = 4884.10 — a rounding-sized warning; "公用经费合计 480.66" for 302 440.90 + 310
    39.76 = 480.66 agrees. Which classes a subtotal totals is the vocabulary's
    (`TableSpec.subtotals`: 人员经费 301 + 303; 公用经费 302, 307, 309, 310, 312, 313, 399).
    Within the rounding band of the parts a warning, beyond an error.
    """

    id = "BL05"
    name = "balances.subtotal_of_classes"
    tables = _SUBTOTALLED
    template = "{table}「{subject}」{expected}{unit}，{parts} 之和 {found}{unit}（差 {diff}）"

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        d = ctx.d
        yield from fold_rounding(f for t in ctx.tables if t.kind in self.tables for f in self._rows(d, t))

    def _rows(self, d: Disclosure, t: Table) -> Iterable[Optional[Finding]]:
        s = spec(t.kind)
        assert s is not None
        for r in t.rows:
            name = re.sub(r"\s+", "", r.name)
            classes = next((c for pattern, c, _ in s.subtotals if re.match(pattern, name)), None)
            if r.role != "subtotal" or classes is None or len(r.values) != 1:
                continue
            (column, stated), = r.values.items()
            parts = _class_rows(t, classes)
            if not parts or any(p.ambiguous for p in parts):
                continue
            found = sum((value(p, column) for p in parts), Decimal(0))
            yield self.sum_finding(
                d, expected=stated, found=found, n_parts=len(parts), table=KIND_LABELS.get(t.kind, t.title),
                subject=r.name, parts="+".join(p.code or p.name for p in parts), unit=t.unit or d.amount_unit,
                subjects=[Subject(code=p.code, name=p.name) for p in parts], evidence=evidence(d, t, [r] + parts),
            )


# (summary kind, its columns in order of preference, coded kind, its column): the summary names
# each functional class ("八、社会保障和就业支出") the coded table prints with its 3-digit code.
_SAME_CLASSES: tuple[tuple[str, tuple[str, ...], str, str], ...] = (
    ("actual_income_expenditure_summary", ("决算数",), "actual_expenditure_summary", "本年支出合计"),
    ("actual_fiscal_summary", ("一般公共预算财政拨款", "合计"), "actual_gp_by_function", "合计"),
)
# (part kind, column, whole kind, column): a part of the money (一般公共预算财政拨款) cannot exceed
# the whole (all funds) for the same functional subject.
_PART_OF_WHOLE: tuple[tuple[str, str, str, str], ...] = (
    ("actual_gp_by_function", "合计", "actual_expenditure_summary", "本年支出合计"),
    ("actual_gp_by_function", "基本支出", "actual_expenditure_summary", "基本支出"),
    ("actual_gp_by_function", "项目支出", "actual_expenditure_summary", "项目支出"),
)


def _leaves_under(t: Table, code: str) -> int:
    """How many printed 项 (or 款 without 项) the class `code` sums in a coded table."""
    codes = [r.code for r in item_rows(t) if r.code and r.code.startswith(code) and r.code != code]
    return sum(1 for c in codes if not any(o != c and o.startswith(c) for o in codes)) or 1


@register
class FinalAccountTablesAgree(Rule):
    """The tables of a 决算 state each class, total and subtotal alike.

    Example (上海市普陀区规划和自然资源局 2024 部门决算): 收入支出决算总表 (page 7)
    prints "九、卫生健康支出 236.63" where 支出决算表 (page 10) prints "210 卫生健康支出
    236.64" (40.35 + 196.29): a class amount is the sum of its 项, so a difference within
    their rounding band is a warning, beyond it an error. Also compared: 财政拨款收入支出
    决算总表's classes (一般公共预算财政拨款 column) with 一般公共预算财政拨款支出决算表, the
    基本支出决算表's 人员经费合计 + 公用经费合计 with that table's 基本支出 合计, and a part of
    the money (一般公共预算财政拨款支出决算表) never above the whole (支出决算表) for one code.
    """

    id = "XT03"
    name = "crosstable.final_accounts"
    tables = tuple(sorted({k for a, _, b, _ in _SAME_CLASSES for k in (a, b)} | {"actual_gp_basic_by_economic"}))
    template = "{subject}：{table_a}为 {expected}{unit}，{table_b}为 {found}{unit}（差 {diff}）"

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        d = ctx.d
        found: list[Optional[Finding]] = []
        for summary_kind, columns, coded_kind, column in _SAME_CLASSES:
            found += self._classes(d, d.table(summary_kind), columns, d.table(coded_kind), column)
        found.append(self._basic_footer(d))
        for part_kind, part_col, whole_kind, whole_col in _PART_OF_WHOLE:
            found += self._part_of_whole(d, d.table(part_kind), part_col, d.table(whole_kind), whole_col)
        yield from fold_rounding(found)

    def _classes(self, d: Disclosure, summary: Optional[Table], columns: tuple[str, ...], coded: Optional[Table],
                 column: str) -> list[Optional[Finding]]:
        if summary is None or coded is None or summary.empty or coded.empty:
            return []
        by_name = {strip_numbering(r.name): r for r in item_rows(coded) if r.code and len(r.code) == 3}
        out: list[Optional[Finding]] = []
        for r in summary.rows:
            if r.side != "expenditure" or r.role == "total" or r.ambiguous:
                continue
            col = next((c for c in columns if c in r.values), None)
            other = by_name.get(strip_numbering(r.name))
            if col is None or other is None or column not in other.values or other.ambiguous:
                continue
            out.append(self.sum_finding(
                d, expected=r.values[col], found=other.values[column], n_parts=_leaves_under(coded, other.code or ""),
                subject=f"{other.code} {other.name}", table_a=f"{KIND_LABELS[summary.kind]}「{col}」",
                table_b=f"{KIND_LABELS[coded.kind]}「{column}」", unit=coded.unit or d.amount_unit,
                subjects=[Subject(code=other.code, name=other.name)],
                evidence=evidence(d, summary, [r]) + evidence(d, coded, [other]),
            ))
        return out

    def _basic_footer(self, d: Disclosure) -> Optional[Finding]:
        basic, functional = d.table("actual_gp_basic_by_economic"), d.table("actual_gp_by_function")
        if basic is None or functional is None:
            return None
        footer = [r for r in basic.rows if r.role == "subtotal" and len(r.values) == 1]
        total = total_row(functional)
        if len(footer) != 2 or total is None or "基本支出" not in total.values:
            return None
        stated = sum((next(iter(r.values.values())) for r in footer), Decimal(0))
        return self.sum_finding(
            d, expected=total.values["基本支出"], found=stated, n_parts=2,
            subject="一般公共预算财政拨款基本支出", table_a=f"{KIND_LABELS[functional.kind]}「基本支出」合计",
            table_b=f"{KIND_LABELS[basic.kind]} {'+'.join(r.name for r in footer)}", unit=basic.unit or d.amount_unit,
            evidence=evidence(d, functional, [total]) + evidence(d, basic, footer),
        )

    def _part_of_whole(self, d: Disclosure, part: Optional[Table], part_col: str, whole: Optional[Table],
                       whole_col: str) -> list[Optional[Finding]]:
        if part is None or whole is None:
            return []
        wholes = {r.code: r for r in item_rows(whole) if r.code and whole_col in r.values and not r.ambiguous}
        out: list[Optional[Finding]] = []
        for r in item_rows(part):
            other = wholes.get(r.code)
            if other is None or part_col not in r.values or r.ambiguous:
                continue
            if r.values[part_col] <= other.values[whole_col]:
                continue
            out.append(self.sum_finding(
                d, expected=other.values[whole_col], found=r.values[part_col], n_parts=_leaves_under(whole, r.code or ""),
                subject=f"{r.code} {r.name}（部分不应大于整体）", table_a=f"{KIND_LABELS[whole.kind]}「{whole_col}」",
                table_b=f"{KIND_LABELS[part.kind]}「{part_col}」", unit=part.unit or d.amount_unit,
                subjects=[Subject(code=r.code, name=r.name)],
                evidence=evidence(d, whole, [other]) + evidence(d, part, [r]),
            ))
        return out
