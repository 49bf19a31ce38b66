"""Template families: which tables a province's 部门预算 or a 部门决算 prints, numbered how.

Each province (often each city) prints its own set. The family a document
follows decides what "missing" means: a table the family does not have is
never missing (Chongqing prints no 收入总表 of the Sichuan kind under 表1-1,
Shanghai no project table), and the family's numbering tells which number a
gap stands for. A document is matched to the family whose tables it prints
(and lists in its 目录) best; below `MIN_SCORE` it has no family and only its
own 目录 and numbering speak.

Adding a province's template is adding a `TableSet` here (and a test
document), not code in a parser.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Optional

from lineage.vocab.titles import number_value


@dataclass(frozen=True)
class Entry:
    number: Optional[str]  # the family's number for it ("1-1", "七", "3"); None: printed unnumbered
    kind: Optional[str]  # None: a table the vocabulary does not read (e.g. 政府采购预算明细表)
    title: str  # the template's title


@dataclass(frozen=True)
class TableSet:
    name: str
    label: str
    documents: tuple[str, ...]  # the disclosure kinds that follow it
    tables: tuple[Entry, ...]
    chinese_numbers: bool = False  # 表一 … rather than 表1 …

    @property
    def kinds(self) -> set[str]:
        return {e.kind for e in self.tables if e.kind}

    def entry_for(self, number: str) -> Optional[Entry]:
        """The family's table at a printed number ("七" and "7" are the same number)."""
        value = number_value(number)
        return next((e for e in self.tables if e.number and number_value(e.number) == value), None)


_BUDGETS = ("部门预算", "单位预算")
_FINALS = ("部门决算", "单位决算")

FAMILIES: list[TableSet] = [
    # The national set as Sichuan prints it (seeds 000–003): 表1 … 表7 with 1-1, 3-1 … sub-tables.
    TableSet("national_budget", "全国/四川部门预算公开表", _BUDGETS, (
        Entry("1", "income_expenditure_summary", "部门收支总表"),
        Entry("1-1", "income_summary", "部门收入总表"),
        Entry("1-2", "expenditure_summary", "部门支出总表"),
        Entry("2", "fiscal_summary", "财政拨款收支预算总表"),
        Entry("2-1", "fiscal_by_economic", "财政拨款支出预算表（部门经济分类科目）"),
        Entry("3", "gp_by_function", "一般公共预算支出预算表"),
        Entry("3-1", "gp_basic_by_economic", "一般公共预算基本支出预算表"),
        Entry("3-2", "gp_projects", "一般公共预算项目支出预算表"),
        Entry("3-3", "gp_three_public", "一般公共预算“三公”经费支出预算表"),
        Entry("4", "fund_by_function", "政府性基金支出预算表"),
        Entry("4-1", "fund_three_public", "政府性基金预算“三公”经费支出预算表"),
        Entry("5", "soe_by_function", "国有资本经营预算支出预算表"),
        Entry("6", "project_performance", "项目支出绩效目标表"),
        Entry("7", "department_performance", "部门整体支出绩效目标表"),
    )),
    # Chongqing's municipal set (seed 004): 表一 … 表十二. 表七 and 表九 are the
    # template's 部门收入总表 and 政府采购预算明细表.
    TableSet("chongqing_budget", "重庆市部门预算公开表（表一至表十二）", _BUDGETS, (
        Entry("一", "fiscal_summary", "财政拨款收支总表"),
        Entry("二", "gp_by_function", "一般公共预算财政拨款支出预算表"),
        Entry("三", "gp_basic_by_economic", "一般公共预算财政拨款基本支出预算表"),
        Entry("四", "gp_three_public", "财政拨款“三公”经费支出表"),
        Entry("五", "fund_by_function", "政府性基金预算支出表"),
        Entry("六", "income_expenditure_summary", "部门收支总表"),
        Entry("七", "income_summary", "部门收入总表"),
        Entry("八", "expenditure_summary", "部门支出总表"),
        Entry("九", None, "政府采购预算明细表"),
        Entry("十", "department_performance", "部门整体绩效目标表"),
        Entry("十一", "special_fund_performance", "重点专项资金绩效目标表"),
        Entry("十二", "project_performance", "一般性项目绩效目标表"),
    ), chinese_numbers=True),
    # Shanghai's 9-table 部门预算: the numbers are printed only in the 目录.
    TableSet("shanghai_budget", "上海市部门预算表（9 张）", _BUDGETS, (
        Entry("1", "income_expenditure_summary", "部门财务收支预算总表"),
        Entry("2", "income_summary", "部门收入预算总表"),
        Entry("3", "expenditure_summary", "部门支出预算总表"),
        Entry("4", "fiscal_summary", "部门财政拨款收支预算总表"),
        Entry("5", "gp_by_function", "部门一般公共预算支出功能分类预算表"),
        Entry("6", "fund_by_function", "部门政府性基金预算支出功能分类预算表"),
        Entry("7", "soe_by_function", "部门国有资本经营预算支出功能分类预算表"),
        Entry("8", "gp_basic_by_economic", "部门一般公共预算基本支出部门预算经济分类预算表"),
        Entry("9", "gp_three_public", "部门“三公”经费和机关运行经费预算表"),
    )),
    # The 部门决算 set (national, as Shanghai prints it): 一 … 九 in the 目录.
    TableSet("national_final", "部门决算表（一至九）", _FINALS, (
        Entry("一", "actual_income_expenditure_summary", "收入支出决算总表"),
        Entry("二", "actual_income_summary", "收入决算表"),
        Entry("三", "actual_expenditure_summary", "支出决算表"),
        Entry("四", "actual_fiscal_summary", "财政拨款收入支出决算总表"),
        Entry("五", "actual_gp_by_function", "一般公共预算财政拨款支出决算表"),
        Entry("六", "actual_gp_basic_by_economic", "一般公共预算财政拨款基本支出决算表"),
        Entry("七", "actual_three_public", "财政拨款“三公”经费支出决算表"),
        Entry("八", "actual_fund", "政府性基金预算财政拨款收入支出决算表"),
        Entry("九", "actual_soe", "国有资本经营预算财政拨款收入支出决算表"),
    ), chinese_numbers=True),
]
BY_NAME: dict[str, TableSet] = {f.name: f for f in FAMILIES}

# Share of fit below which a document is said to follow no known family.
MIN_SCORE = 0.5


def fit(family: TableSet, printed: Iterable[tuple[Optional[str], str]]) -> float:
    """How well a document's (printed number, kind) pairs fit a family, 0..1.

    Each kind the family has counts 1, plus 1 when its printed number is the
    family's number for it, plus ½ when it is printed without a number (no
    evidence either way); the total is divided by twice the size of the union
    of the family's and the document's kinds, so tables the family lacks and
    family tables the document lacks both lower the fit.

    >>> sh = BY_NAME["shanghai_budget"]
    >>> fit(sh, [(None, k) for k in sorted(sh.kinds)])
    0.75
    >>> fit(sh, [(e.number, e.kind) for e in sh.tables])
    1.0
    >>> round(fit(BY_NAME["national_budget"], [(None, k) for k in sorted(sh.kinds)]), 2)
    0.48
    """
    seen: dict[str, Optional[str]] = {}
    for number, kind in printed:
        if kind and seen.get(kind) is None:
            seen[kind] = number
    if not seen:
        return 0.0
    numbers = {e.kind: e.number for e in family.tables if e.kind}
    score = 0.0
    for kind, number in seen.items():
        if kind not in numbers:
            continue
        score += 1
        if number is None:
            score += 0.5
        elif numbers[kind] and number_value(number) == number_value(numbers[kind]):  # type: ignore[arg-type]
            score += 1
    return score / (2 * len(set(seen) | family.kinds))


def identify(printed: Iterable[tuple[Optional[str], str]], document_kind: str) -> Optional[TableSet]:
    """The family a document's (number, kind) pairs (tables and 目录 entries) follow best, or None.

    >>> seed_004 = [("一", "fiscal_summary"), ("二", "gp_by_function"), ("三", "gp_basic_by_economic"),
    ...     ("四", "gp_three_public"), ("五", "fund_by_function"), ("六", "income_expenditure_summary"),
    ...     ("八", "expenditure_summary"), ("十", "department_performance")]
    >>> identify(seed_004, "部门预算").name
    'chongqing_budget'
    >>> identify(seed_004, "部门决算") is None
    True
    >>> identify([], "部门预算") is None
    True
    """
    pairs = list(printed)
    scored = [(fit(f, pairs), f) for f in FAMILIES if document_kind in f.documents]
    best = max(scored, key=lambda sf: sf[0], default=(0.0, None))
    return best[1] if best[0] >= MIN_SCORE else None
