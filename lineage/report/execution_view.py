"""Budget execution as records: one flat dict per line, shared by JSON, CSV, Excel and the HTML report.

Each record names the 决算 (and the 预算, when one was given), the section and
subject, the budget and the actual amount in one unit (the 决算's; a budget
printed in 元 is converted exactly), their difference and the rate, and where
each side is printed (table, line, page) and as what (`budget_printed`: the
amount and unit as the budget prints them).
"""

from __future__ import annotations

from typing import Any, Optional

from lineage.amounts import printed
from lineage.execution import Execution, ExecutionSet, Side

# CSV/XLSX column order: (record key, Chinese header)
COLUMNS: list[tuple[str, str]] = [
    ("title", "比较"), ("section", "部分"), ("level", "层级"), ("code", "编码"), ("name", "科目/项目"),
    ("unit", "单位"), ("budget", "预算数"), ("actual", "决算数"), ("difference", "差额"), ("rate", "执行率（%）"),
    ("budget_printed", "预算数（原表）"), ("budget_table", "预算数所在表"), ("budget_line", "预算数行"),
    ("budget_page", "预算数页"), ("actual_table", "决算数所在表"), ("actual_line", "决算数行"), ("actual_page", "决算数页"),
]
AMOUNT_KEYS = ("budget", "actual", "difference")


def _where(side: Optional[Side], prefix: str) -> dict[str, Any]:
    if side is None:
        return {f"{prefix}_table": None, f"{prefix}_line": None, f"{prefix}_page": None}
    ev = side.evidence
    return {f"{prefix}_table": ev.table, f"{prefix}_line": ev.line, f"{prefix}_page": ev.page}


def record(s: ExecutionSet, e: Execution) -> dict[str, Any]:
    """One execution line as a flat record (amounts Decimal, rate Decimal percent, or None)."""
    return {
        "title": s.title, "actual_disclosure": s.actual, "budget_disclosure": s.budget, "section": e.section,
        "level": e.level, "code": e.code, "name": e.name, "unit": e.unit, "budget": e.budget_value,
        "actual": e.actual_value, "difference": e.difference, "rate": e.rate,
        "budget_printed": f"{printed(e.budget.value)}{e.budget.unit}" if e.budget else None,
        **_where(e.budget, "budget"), **_where(e.actual, "actual"),
    }


def records(sets: list[ExecutionSet]) -> list[dict[str, Any]]:
    return [record(s, e) for s in sets for e in s.lines]
