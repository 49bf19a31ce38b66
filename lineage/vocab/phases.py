"""Budget (预算) and actual (决算) as vocabulary: which amounts are planned, which were spent.

A 部门预算 prints what a unit plans to spend; the 部门决算 the same unit publishes
after the year prints what it did spend, and beside some actual amounts the
budget they executed (the 三公 table's 预算数/决算数 pairs). Three facts decide
the phase of a printed amount, all of them data here:

- the disclosure's kind (部门/单位 预算 or 决算),
- the table's spec (`TableSpec.phase`: 支出决算表 is actual),
- inside a table that prints pairs, the column's own word: a column path whose
  part is 预算数 (or 年初预算数, 全年预算数, 调整预算数) is the budget of the
  column path without it, one whose part is 决算数 the actual amount of it.

`COUNTERPARTS` says which 决算 table states, actually spent, what which budget
table plans: the comparison of a 预算 with its 决算 reads these pairs and never
guesses by column names alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from lineage.vocab.tables import Phase

PHASE_LABELS: dict[str, str] = {"budget": "预算", "actual": "决算"}

# Column-path parts that say the phase of the amount in a table printing both.
BUDGET_WORDS = re.compile(r"^(年初|全年|调整(后)?)?预算数?$")
ACTUAL_WORDS = re.compile(r"^决算数?$")


def phase_of_kind(kind: str) -> Phase:
    """The phase of a disclosure kind.

    >>> phase_of_kind("部门决算"), phase_of_kind("单位预算")
    ('actual', 'budget')
    """
    return "actual" if "决算" in kind else "budget"


def column_phase(column: str) -> tuple[Optional[Phase], str]:
    """The phase a column path names and the subject left without that word.

    >>> column_phase("公务接待费/决算数")
    ('actual', '公务接待费')
    >>> column_phase("预算数/合计")
    ('budget', '合计')
    >>> column_phase("决算数")
    ('actual', '')
    >>> column_phase("基本支出")
    (None, '基本支出')
    """
    parts = column.split("/")
    for i, part in enumerate(parts):
        for phase, words in (("budget", BUDGET_WORDS), ("actual", ACTUAL_WORDS)):
            if words.match(part):
                return phase, "/".join(parts[:i] + parts[i + 1:])  # type: ignore[return-value]
    return None, column


def pairs(columns: list[str]) -> dict[str, tuple[str, str]]:
    """The budget/actual column pairs a table prints, by the subject they share.

    Only a subject printed in both phases is a pair: a budget's lone "预算数"
    column (its 收支总表) is no execution figure.

    >>> pairs(["合计/预算数", "合计/决算数", "公务接待费/预算数", "公务接待费/决算数"])
    {'合计': ('合计/预算数', '合计/决算数'), '公务接待费': ('公务接待费/预算数', '公务接待费/决算数')}
    >>> pairs(["预算数", "合计"])
    {}
    """
    found: dict[str, dict[str, str]] = {}
    for column in columns:
        phase, subject = column_phase(column)
        if phase:
            found.setdefault(subject, {}).setdefault(phase, column)
    return {s: (p["budget"], p["actual"]) for s, p in found.items() if "budget" in p and "actual" in p}


@dataclass(frozen=True)
class Counterpart:
    """A budget table and the 决算 table that states what of it was actually spent.

    `columns` are (budget column, actual column) of the tables' 合计 rows, the
    first one also of their coded rows when `by_code` (类/款/项 matched by
    code). An actual column that the 决算 table prints as a 预算数/决算数 pair
    is read from the pair's 决算数.
    """

    section: str  # the heading in reports
    budget: str  # budget table kind
    actual: str  # 决算 table kind
    columns: tuple[tuple[str, str], ...]
    by_code: bool = False
    # Quantities no flow of the lineage graph carries (三公 cuts across economic subjects): Neo4j keeps
    # them as Figure nodes of both phases, so one query sets budget against actual.
    figures: bool = False


_THREE_PUBLIC = ("合计", "因公出国（境）费用", "公务用车购置及运行费/小计", "公务用车购置及运行费/公务用车购置费",
                 "公务用车购置及运行费/公务用车运行费", "公务接待费")

COUNTERPARTS: tuple[Counterpart, ...] = (
    # 支出总表 (all funds, this year's spending) and 支出决算表 (本年支出)
    Counterpart("支出（全部资金）", "expenditure_summary", "actual_expenditure_summary",
                (("合计", "本年支出合计"), ("基本支出", "基本支出"), ("项目支出", "项目支出")), by_code=True),
    # 一般公共预算支出表 and 一般公共预算财政拨款支出决算表 (what the 决算 text calls 年初预算 and 支出决算)
    Counterpart("一般公共预算财政拨款支出", "gp_by_function", "actual_gp_by_function",
                (("合计", "合计"), ("基本支出", "基本支出"), ("项目支出", "项目支出")), by_code=True),
    # 一般公共预算“三公”经费支出预算表 and 财政拨款“三公”经费支出决算表 (its 决算数 columns)
    Counterpart("“三公”经费", "gp_three_public", "actual_three_public", tuple((c, c) for c in _THREE_PUBLIC),
                figures=True),
)


def in_phase(kind: str, column: str, phase: Phase) -> tuple[str, str]:
    """Where a 决算 states what a budget table's column plans: (table kind, column).

    >>> in_phase("expenditure_summary", "合计", "actual")
    ('actual_expenditure_summary', '本年支出合计')
    >>> in_phase("expenditure_summary", "合计", "budget")
    ('expenditure_summary', '合计')
    """
    if phase == "actual":
        for cp in COUNTERPARTS:
            if cp.budget == kind:
                return cp.actual, dict(cp.columns).get(column, column)
    return kind, column


@dataclass(frozen=True)
class LineageTables:
    """The tables a disclosure's lineage graph reads in one phase, and the columns it reads of them.

    A 预算 plans through 收入总表 → 支出总表 → 基本支出表 / 项目支出表; a 决算 states what
    happened through 收入决算表 → 支出决算表 → 基本支出决算表 / 项目支出决算表, plus the
    carry-over its 收入支出决算总表 prints beside this year's income and spending.
    """

    income: str  # the income table: its total row's columns (but `income_total`) are the funding sources
    income_total: str
    summary: str  # the two-sided 收支总表: sources where no income table is printed; carry-over
    expenditure: str  # the functional table: its leaf rows are the functional subjects
    expenditure_total: str
    economic: str  # 基本支出 by economic subject
    economic_amount: str
    projects: str
    project_amount: str
    others: tuple[str, ...]  # columns of `expenditure` leaving the unit besides 基本/项目 (not itemised further)


LINEAGE: dict[str, LineageTables] = {
    "budget": LineageTables(
        "income_summary", "合计", "income_expenditure_summary", "expenditure_summary", "合计",
        "gp_basic_by_economic", "合计", "gp_projects", "金额", ("上缴上级支出", "对附属单位补助支出")),
    "actual": LineageTables(
        "actual_income_summary", "本年收入合计", "actual_income_expenditure_summary", "actual_expenditure_summary",
        "本年支出合计", "actual_gp_basic_by_economic", "决算数", "actual_gp_projects", "合计",
        ("上缴上级支出", "经营支出", "对附属单位补助支出")),
}

# Lines of a 收入支出决算总表 beyond this year's income and spending (national template): money brought in
# from earlier years, a source of 收入, and money left over, carried out of it unspent or distributed.
CARRY_IN = re.compile(r"^(年初结转和结余|使用非财政拨款结余)")
CARRY_OUT = re.compile(r"^(年末结转和结余|结余分配)")
