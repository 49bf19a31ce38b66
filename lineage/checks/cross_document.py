"""XD: a disclosure against another of the same unit — a 决算 against the 预算 it executed.

These rules read `CheckContext.related`, the disclosures of the same unit a
caller has at hand (`lineage check` of stored units, `lineage compare`, the
HTML report); without them they stay quiet, so a document checked alone gives
the same findings as before.
"""

from __future__ import annotations

from typing import Iterable, Optional

from lineage.amounts import convert, same_amount
from lineage.checks.context import CheckContext
from lineage.checks.finding import Finding, Subject
from lineage.checks.registry import Rule, register
from lineage.execution import phase, restated, same_unit_year
from lineage.model import Disclosure


@register
class BudgetRestated(Rule):
    """A 决算's own 预算数 differs from what its unit's 预算 of that year printed.

    A 决算 prints the budget it executed beside what it spent: the 三公 table's
    预算数 | 决算数 pairs, in some templates per functional subject. With the
    unit's 预算 of the same year loaded, each 预算数 is set against the amount
    the 预算 printed for the same column (三公 合计, 公务接待费 …) or code.

    Example: 上海市普陀区规划和自然资源局's 2024 决算 prints "合计 预算数 2.85
    决算数 0.39" in its 三公 table (page 17, line 366 as read); a 2024 预算 that
    printed 三公 合计 3.00 gives 「合计」：决算所列预算数 2.85万元，2024年部门预算 所列
    3.00万元（差 -0.15）. Correct: the same amount, or the adjustment explained.

    They differ honestly when the budget was adjusted during the year (追加,
    调减, 调整预算数) or when the 决算 counts a wider scope (财政拨款 三公 beside
    the 预算's 一般公共预算 三公), so a difference is an info naming both
    amounts and both lines, never an error. Equal is judged in the coarser
    printed precision of the two (a 预算 in 元 against a 决算 in 万元).
    """

    id = "XD01"
    name = "cross_document.budget_restated"
    severity = "info"
    tables = ("actual_three_public", "gp_three_public")
    template = "{section}「{item}」：决算所列预算数 {found}{unit}，{budget} 所列 {expected}{unit}（差 {diff}），预算或经年中调整"

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        d = ctx.d
        if phase(d) != "actual":
            return
        for b in (x for x in ctx.related if phase(x) == "budget" and same_unit_year(x, d)):
            for r in restated(b, d):
                own, planned = r.restated, r.planned
                if same_amount(own.value, own.unit, planned.value, planned.unit):
                    continue
                yield self.finding(
                    d, expected=convert(planned.value, planned.unit, own.unit), found=own.value, unit=own.unit,
                    section=r.section, item=r.name, budget=f"{b.year}年{b.kind}",
                    subjects=[Subject(code=r.code, name=r.name)], evidence=[own.evidence, planned.evidence],
                )


def rule_ids() -> set[str]:
    """The ids of the cross-document rules (registered by importing this module)."""
    from lineage.checks.registry import RULES

    return {r for r in RULES if r.startswith("XD")}


def with_related(d: Disclosure, related: list[Disclosure]) -> list[Finding]:
    """The XD findings of `d` against the other disclosures at hand ([] when there are none)."""
    from lineage.checks.registry import run_checks

    return run_checks(d, only=rule_ids(), related=related) if related else []


def budget_id(actual_id: str) -> Optional[str]:
    """The id of the 预算 a 决算 executes (same unit and year, parse.disclosure_id), or None for a 预算's id
    or a disclosure whose unit or year could not be read.

    >>> budget_id("2024/上海市普陀区规划和自然资源局/部门决算"), budget_id("2024/某单位/单位决算")
    ('2024/上海市普陀区规划和自然资源局/部门预算', '2024/某单位/单位预算')
    >>> budget_id("2024/渠县科学技术协会/部门预算") is None, budget_id("sha256:0123/部门决算") is None
    (True, True)
    """
    if actual_id.startswith("sha256:") or not actual_id.endswith("决算"):
        return None
    return actual_id[: -len("决算")] + "预算"


def with_stored_budget(st, disclosure_id: str, findings: list[Finding]) -> list[Finding]:
    """A stored 决算's findings plus the XD rules against its 预算 when the store holds that too.

    The store keeps each disclosure's findings as checked alone (a 预算 may be loaded after its 决算), so the
    rules that need both run here, when a report is made.
    """
    if (b := budget_id(disclosure_id)) is None or st.find(b) != [b]:
        return findings
    return findings + with_related(st.get(disclosure_id)[0], [st.get(b)[0]])
