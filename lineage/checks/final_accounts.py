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

from lineage.amounts import same_amount
from lineage.checks.context import CheckContext
from lineage.checks.finding import Finding, Subject
from lineage.checks.registry import Rule, fold_rounding, register
from lineage.checks.narrative import round_to, truncated_to
from lineage.model import Claim, Disclosure, Provenance, Row, Table
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
    基本支出决算表's 人员经费合计 + 公用经费合计 with that table's 基本支出 合计, 财政拨款总表's
    本年支出合计 (一般公共预算财政拨款) with that table's 合计, and a part of the money
    (一般公共预算财政拨款支出决算表) never above the whole (支出决算表) for one code.
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
        found.append(self._gp_total(d))
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

    def _gp_total(self, d: Disclosure) -> Optional[Finding]:
        """财政拨款收入支出决算总表's 本年支出合计 under 一般公共预算财政拨款 is the functional table's 合计."""
        fiscal, functional = d.table("actual_fiscal_summary"), d.table("actual_gp_by_function")
        if fiscal is None or functional is None or (total := total_row(functional)) is None or "合计" not in total.values:
            return None
        year = next((r for r in fiscal.rows if r.side == "expenditure" and r.role == "total"
                     and re.sub(r"\s+", "", r.name) == "本年支出合计" and "一般公共预算财政拨款" in r.values), None)
        if year is None:
            return None
        return self.sum_finding(
            d, expected=year.values["一般公共预算财政拨款"], found=total.values["合计"],
            n_parts=max(1, len([r for r in item_rows(functional) if r.code and len(r.code) == 3])),
            subject="一般公共预算财政拨款支出", table_a=f"{KIND_LABELS[fiscal.kind]} 本年支出合计「一般公共预算财政拨款」",
            table_b=f"{KIND_LABELS[functional.kind]} 合计", unit=functional.unit or d.amount_unit,
            evidence=evidence(d, fiscal, [year]) + evidence(d, functional, [total]),
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


# ------------------------------------------------------------------ text vs the 决算 (execution statements)

# Subjects of execution claims → the 三公 决算 table's item (its pair columns "<item>/预算数|决算数").
_THREE_PUBLIC_ITEMS = {
    "three_public": "合计", "three_public.abroad": "因公出国（境）费用", "three_public.car": "公务用车购置及运行费/小计",
    "three_public.car_purchase": "公务用车购置及运行费/公务用车购置费",
    "three_public.car_running": "公务用车购置及运行费/公务用车运行费", "three_public.reception": "公务接待费",
}


def _executions(d: Disclosure) -> list[Claim]:
    return [c for c in d.claims if c.kind == "execution" and (c.year is None or c.year == d.year)]


def _pair(d: Disclosure, c: Claim) -> Optional[tuple[Table, Row, str]]:
    """The 三公 决算 table's row and item a claim's subject names, when the table prints it."""
    item = _THREE_PUBLIC_ITEMS.get(c.subject)
    t = d.table("actual_three_public")
    if item is None or t is None or t.empty:
        return None
    total = total_row(t)
    return (t, total, item) if total is not None and f"{item}/决算数" in total.values else None


def _budget_of(d: Disclosure, c: Claim) -> Optional[Decimal]:
    """The 预算数 an execution claim is measured against: stated with it, else the 三公 table's."""
    if c.previous is not None:
        return c.previous
    pair = _pair(d, c)
    return pair[1].values.get(f"{pair[2]}/预算数") if pair else None


def _claim_evidence(d: Disclosure, c: Claim) -> Provenance:
    return Provenance(file=d.source.path, table=None, line=c.line, page=c.page, text=c.text[:120])


@register
class ExecutionRate(Rule):
    """A stated rate of execution (完成预算的 x%) is 决算数 / 预算数, rounded as printed.

    Example (上海市普陀区规划和自然资源局 2024 部门决算, line 442): "年初预算为 452.40 万元，
    支出决算为 446.11 万元，完成年初预算的 98.61%" — 446.11 / 452.40 = 98.609…% rounds to
    98.61: correct. Line 429 prints 95.45% for 9746.50 / 10210.34 = 95.457…%: cut, not
    rounded — a warning. The 预算数 is the one stated with the rate, else the 三公 table's
    ("公务接待费支出决算为 0.39 万元，完成预算的 13.68%" against 预算数 2.85). A rate no
    rounding or cutting gives is an error; a 预算数 of 0 gives no rate to check.
    """

    id = "NR10"
    name = "narrative.execution_rate"
    template = "说明第 {line} 行「{label}」完成预算的 {found}%，按 {actual}/{budget} 计算为 {expected}%{note}"

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        d = ctx.d
        for c in _executions(d):
            budget = _budget_of(d, c)
            if c.rate is None or not budget:
                continue
            exact = c.value * 100 / budget
            expected = round_to(exact, c.rate)
            if expected == c.rate:
                continue
            cut = truncated_to(exact, c.rate) == c.rate
            yield self.finding(
                d, expected=expected, found=c.rate, unit="%", line=c.line, label=c.subject_label or c.subject,
                actual=c.value, budget=budget, note="（截断而非四舍五入）" if cut else "",
                severity="warning" if cut else None, subjects=[Subject(name=c.subject_label or c.subject)],
                evidence=[_claim_evidence(d, c)],
            )


_DIRECTION_WORDS = {"increase": "决算数大于预算数", "decrease": "决算数小于预算数", "flat": "决算数与预算数持平"}


@register
class ExecutionDirection(Rule):
    """"决算数大于/小于预算数" or "持平" agrees with the stated (or printed) 预算数 and 决算数.

    Example (上海市普陀区规划和自然资源局 2024 部门决算, lines 457-459): "年初预算为 42.73
    万元，支出决算为 40.35 万元 … 决算数小于预算数的主要原因" — 40.35 < 42.73: consistent.
    "持平" beside different amounts, or "小于" beside a larger 决算数, is an error; "小于"
    beside equal printed amounts is a warning (the amounts behind them may still differ
    below the printed 0.01).
    """

    id = "NR11"
    name = "narrative.execution_direction"
    template = "说明第 {line} 行「{label}」写「{words}」，而预算数 {expected}{unit}、决算数 {found}{unit}"

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        d = ctx.d
        for c in _executions(d):
            budget = _budget_of(d, c)
            if c.direction is None or budget is None:
                continue
            actual = c.value
            agrees = {"increase": actual > budget, "decrease": actual < budget, "flat": actual == budget}[c.direction]
            if agrees:
                continue
            yield self.finding(
                d, expected=budget, found=actual, line=c.line, label=c.subject_label or c.subject,
                words=_DIRECTION_WORDS[c.direction], unit="万元",
                severity="warning" if actual == budget else None,
                subjects=[Subject(name=c.subject_label or c.subject)], evidence=[_claim_evidence(d, c)],
            )


def _function_rows(t: Table, path: list[str]) -> tuple[Optional[Row], Optional[Row]]:
    """(the 项 row, its 款 row) a "类/款/项" name path names in a coded table; the 项 by name under the 类."""
    names = [strip_numbering(n) for n in path]
    rows = [r for r in item_rows(t) if r.code]
    cls = next((r for r in rows if len(r.code or "") == 3 and strip_numbering(r.name) == names[0]), None)
    if cls is None or len(names) < 2:
        return cls, None
    under = [r for r in rows if (r.code or "").startswith(cls.code or "") and r.code != cls.code]
    leaf = [r for r in under if strip_numbering(r.name) == names[-1] and len(r.code or "") == (7 if len(names) == 3 else 5)]
    if len(leaf) != 1:
        return None, None
    middle = next((r for r in under if r.code == (leaf[0].code or "")[:5]), None) if len(names) == 3 else None
    return leaf[0], middle


@register
class ExecutionAgainstTables(Rule):
    """The 决算数 and 预算数 a sentence states are those the tables print for its subject.

    Example (上海市普陀区规划和自然资源局 2024 部门决算, line 466): "城乡社区支出（类）城乡社区
    管理事务（款）行政运行（项）… 支出决算为 1092.80 万元" — 一般公共预算财政拨款支出决算表
    prints 2120101 行政运行 1092.80 (page 14): agrees. The “三公” figures are set against the
    三公 table's 预算数/决算数 pairs, 一般公共预算财政拨款支出 against that table's 合计, a
    类/款/项 path against its row (found by names under the 类). Two printed amounts: any
    difference is an error. A path whose 项 the tables do not print (an old or wrong name,
    line 453 "机关事业单位退休人员活动费支出（项）") or whose 款 is misnamed is a warning naming
    what the table prints.
    """

    id = "NR12"
    name = "narrative.execution_against_tables"
    template = "说明第 {line} 行「{label}」{detail}"

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        d = ctx.d
        functional = d.table("actual_gp_by_function")
        for c in _executions(d):
            label = c.subject_label or c.subject
            pair = _pair(d, c)
            if pair:
                t, row, item = pair
                for member, stated in (("决算数", c.value), ("预算数", c.previous)):
                    printed = row.values.get(f"{item}/{member}")
                    if stated is not None and printed is not None and not _same(d, c, stated, printed, t):
                        yield self._finding(d, c, label, f"{member} ", stated, printed, t, row, f"「{item}/{member}」")
            elif c.subject == "gp_total" and functional is not None and (total := total_row(functional)) is not None:
                if "合计" in total.values and not _same(d, c, c.value, total.values["合计"], functional):
                    yield self._finding(d, c, label, "决算数 ", c.value, total.values["合计"], functional, total, "合计")
            elif c.subject.startswith("function_name:") and "/" in c.subject and functional is not None:
                yield from self._function(d, c, label, functional)

    def _finding(self, d: Disclosure, c: Claim, label: str, what: str, stated: Decimal, printed: Decimal, t: Table,
                 row: Row, column: str) -> Finding:
        said, table_unit = c.unit, _unit(d, t)
        diff = f"（差 {printed - stated}）" if said == table_unit else ""
        detail = f"{what}{stated}{said}，{KIND_LABELS.get(t.kind, t.title)}{column}为 {printed}{table_unit}{diff}"
        return self.finding(
            d, expected=printed, found=stated, unit=table_unit, line=c.line, label=label, detail=detail,
            subjects=[Subject(name=label)],
            evidence=[_claim_evidence(d, c)] + evidence(d, t, [row]),
        )

    def _function(self, d: Disclosure, c: Claim, label: str, t: Table) -> Iterable[Finding]:
        path = c.subject.split(":", 1)[1].split("/")
        leaf, middle = _function_rows(t, path)
        if leaf is None:
            cls, _ = _function_rows(t, path[:1])
            if cls is None:
                return
            same = [r for r in item_rows(t) if (r.code or "").startswith(cls.code or "") and len(r.code or "") == 7
                    and r.values.get("合计") == c.value]
            hint = f"；同额的是 {same[0].code} {same[0].name}" if len(same) == 1 else ""
            yield self.finding(
                d, line=c.line, label=label, severity="warning", subjects=[Subject(name=label)],
                detail=f"：{KIND_LABELS.get(t.kind, t.title)}类 {cls.code} 下没有「{path[-1]}」{hint}",
                evidence=[_claim_evidence(d, c)] + evidence(d, t, [cls] + same[:1]),
            )
            return
        if len(path) == 3 and middle is not None and strip_numbering(middle.name) != strip_numbering(path[1]):
            yield self.finding(
                d, line=c.line, label=label, severity="warning", subjects=[Subject(code=leaf.code, name=leaf.name)],
                detail=f"：款写作「{path[1]}」，{KIND_LABELS.get(t.kind, t.title)}中 {leaf.code} 的款为 "
                       f"{middle.code} {middle.name}",
                evidence=[_claim_evidence(d, c)] + evidence(d, t, [middle, leaf]),
            )
        whole = next((r for r in item_rows(d.table("actual_expenditure_summary") or t) if r.code == leaf.code), None)
        all_funds = whole.values.get("本年支出合计") if whole is not None else None
        if all_funds is not None and _same(d, c, c.value, all_funds, d.table("actual_expenditure_summary") or t):
            return  # the text explains this 项 by all funds (支出决算表), not by 一般公共预算: a reading that agrees
        if "合计" in leaf.values and not _same(d, c, c.value, leaf.values["合计"], t):
            yield self._finding(d, c, label, "决算数 ", c.value, leaf.values["合计"], t, leaf, f" {leaf.code}「合计」")


def _unit(d: Disclosure, t: Table) -> str:
    return t.unit or d.amount_unit


def _same(d: Disclosure, c: Claim, stated: Decimal, printed: Decimal, t: Table) -> bool:
    """A figure of the text and one of a table state the same money: equal in one unit, and
    equal at the coarser printed precision when the text says 万元 of a table printed in 元."""
    return same_amount(stated, c.unit, printed, _unit(d, t))


# ------------------------------------------------------------------ labels: the unit and the year


def _variant(window: str, name: str) -> bool:
    """One character of the name replaced ("规划与自然资源局" for "规划和自然资源局"), its ends kept."""
    return len(window) == len(name) and window[:3] == name[:3] and window[-2:] == name[-2:] and \
        sum(a != b for a, b in zip(window, name)) == 1


@register
class UnitAndYearLabels(Rule):
    """The headings and text of a 决算 name its unit and year as its cover does.

    Example (上海市普陀区规划和自然资源局 2024 部门决算): page 7 heads 收入支出决算总表
    "上海市规划和自然资源局 2024 年度部门决算表" — the municipal bureau, not the district's
    (line 101); lines 528, 537 and 540 write "上海市普陀区规划与自然资源局" (与 for 和). A
    heading stating another unit or year, and the unit's name with one character changed,
    are warnings: labels, not money, and a reader sees which unit is meant. Only a
    disclosure whose unit name was read is checked; a blank template names none.
    """

    id = "LB06"
    name = "labels.unit_and_year"
    severity = "warning"
    template = "{what}"

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        d = ctx.d
        lines = ctx.lines
        if not d.unit_name or not d.year or lines is None or d.kind not in ("部门决算", "单位决算"):
            return
        from lineage.parse.metadata import stated_headings
        from lineage.read.text import Document, Line

        doc = Document(d.source.path, "", "", [Line(no, text, text) for no, text in sorted(lines.items())])
        for no, name, year, _ in stated_headings(doc):
            if (name in d.unit_name or d.unit_name in name) and year == d.year:
                continue
            yield self.finding(
                d, unit="", what=f"第 {no} 行标题写作「{name} {year} 年」，本文件为「{d.unit_name} {d.year} 年」",
                expected_label=f"{d.unit_name} {d.year}", found_label=f"{name} {year}",
                evidence=[ctx.line_evidence(no)],
            )
        name = d.unit_name
        variants: dict[str, list[int]] = {}
        for no, text in sorted(lines.items()):
            words = re.sub(r"\s+", "", text)
            for k in range(len(words) - len(name) + 1):
                window = words[k:k + len(name)]
                if _variant(window, name):
                    variants.setdefault(window, []).append(no)
        for window, where in variants.items():
            yield self.finding(
                d, unit="", what=f"第 {'、'.join(map(str, where))} 行单位名称写作「{window}」，封面为「{name}」",
                expected_label=name, found_label=window,
                evidence=[ctx.line_evidence(no) for no in where],
            )
