"""The standard set of budget tables: stable kind names and how titles name them.

Provinces, prefectures and counties print the same fifteen tables under many
titles ("部门收支总表", "单位收支总表", "重庆市科学技术协会部门收支总表",
"财政拨款收支总表" …) and numberings (表1, 公开表 1-1, 表一 … 表十二). The
kind name is what the rest of the project uses; a title is only evidence.
Order matters: the more specific patterns come first.
"""

from __future__ import annotations

import re

# (kind, regex matched against the title with spaces removed)
TITLE_PATTERNS: list[tuple[str, str]] = [
    ("fund_three_public", r"政府性基金预算[“\"]?三公[”\"]?经费支出(预算)?表"),
    ("gp_three_public", r"(一般公共预算|财政拨款)[“\"]?三公[”\"]?经费支出(预算)?表"),
    ("gp_basic_by_economic", r"一般公共预算(财政拨款)?基本支出(预算)?表"),
    ("gp_projects", r"一般公共预算(财政拨款)?项目支出(预算)?表"),
    ("fiscal_by_economic", r"财政拨款支出预算表[(（](部门|政府)?经济分类科目[)）]"),
    ("gp_by_function", r"一般公共预算(财政拨款)?支出(预算)?表"),
    ("fund_by_function", r"政府性基金(预算)?支出(预算)?表"),
    ("soe_by_function", r"国有资本经营预算支出(预算)?表"),
    ("fiscal_summary", r"财政拨款收支(预算)?总表"),
    ("income_expenditure_summary", r"(部门|单位)?收支总表"),
    ("income_summary", r"(部门|单位)?收入总表"),
    ("expenditure_summary", r"(部门|单位)?支出总表"),
    ("special_fund_performance", r"重点专项资金绩效目标表"),
    ("department_performance", r"(部门|单位)(（单位）|\(单位\))?整体(支出)?绩效目标(申报)?表"),
    ("project_performance", r"(部门|单位)?(预算)?(项目支出|项目|一般性项目)绩效目标表"),
]

KINDS: list[str] = [
    "income_expenditure_summary", "income_summary", "expenditure_summary",
    "fiscal_summary", "fiscal_by_economic", "gp_by_function",
    "gp_basic_by_economic", "gp_projects", "gp_three_public",
    "fund_by_function", "fund_three_public", "soe_by_function",
    "project_performance", "department_performance", "special_fund_performance",
]

# Tables every disclosure of the standard set should contain (the municipal
# layout folds some of them; the checks report what is missing, not the parser).
MONEY_KINDS = KINDS[:12]
PERFORMANCE_KINDS = KINDS[12:]

# Chinese labels for reports.
KIND_LABELS: dict[str, str] = {
    "income_expenditure_summary": "收支总表",
    "income_summary": "收入总表",
    "expenditure_summary": "支出总表",
    "fiscal_summary": "财政拨款收支总表",
    "fiscal_by_economic": "财政拨款支出预算表（经济分类）",
    "gp_by_function": "一般公共预算支出预算表",
    "gp_basic_by_economic": "一般公共预算基本支出预算表",
    "gp_projects": "一般公共预算项目支出预算表",
    "gp_three_public": "一般公共预算“三公”经费支出预算表",
    "fund_by_function": "政府性基金预算支出预算表",
    "fund_three_public": "政府性基金预算“三公”经费支出预算表",
    "soe_by_function": "国有资本经营预算支出预算表",
    "project_performance": "项目支出绩效目标表",
    "department_performance": "部门整体支出绩效目标表",
    "special_fund_performance": "重点专项资金绩效目标表",
}

_COMPILED = [(kind, re.compile(pat)) for kind, pat in TITLE_PATTERNS]

# Every title names a 表, so a line without one cannot be a title: the locator
# skips most of a document's lines on this test alone.
TITLE_WORD = "表"
assert all(TITLE_WORD in pat for _, pat in TITLE_PATTERNS), "a title pattern without 表 breaks locate's shortcut"


def kind_of_title(title: str) -> str | None:
    """The kind a title names, or None.

    >>> kind_of_title("重庆市科学技术协会财政拨款收支总表")
    'fiscal_summary'
    >>> kind_of_title("一般公共预算“三公”经费支出预算表")
    'gp_three_public'
    >>> kind_of_title("部门项目支出绩效目标表（2024年度）")
    'project_performance'
    """
    compact = re.sub(r"\s+", "", title)
    for kind, pattern in _COMPILED:
        if pattern.search(compact):
            return kind
    return None
