"""XT: cross-table agreement — every pair of tables that state the same quantity agree."""

from __future__ import annotations

from typing import Iterable

from lineage.amounts import convert, same_amount
from lineage.checks.finding import Finding
from lineage.checks.context import CheckContext
from lineage.checks.registry import Rule, register


@register
class SameQuantityAgrees(Rule):
    """Two tables that state the same quantity print the same amount.

    Example (000): 支出总表 prints 基本支出 406.12 and the 一般公共预算 tables
    are a subset of it, so they are not compared; but 表3-1 prints 一般公共预算
    基本支出 "合 计 325.91" (line 529) and 表2-1 prints 当年一般公共预算拨款 基本支出
    325.91 (line 387) — these two must agree. Facts are compared exactly when both are printed amounts;
    when one is a sum of printed amounts, a rounding-sized difference is a
    warning.
    """

    id = "XT01"
    name = "crosstable.same_quantity"
    template = "「{key}」：{table_a} 为 {expected}{unit}，{table_b} 为 {found}{unit}（差 {diff}）"

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        d = ctx.d
        facts = ctx.facts
        for key, found in sorted(facts.by_key.items()):
            reference = found[0]
            seen_tables = {reference.table}
            for other in found[1:]:
                if other.table in seen_tables:
                    continue
                seen_tables.add(other.table)
                n = max(len(other.evidence) if other.derived else 1, len(reference.evidence) if reference.derived else 1)
                unit = reference.unit or d.amount_unit
                if other.unit and other.unit != unit:
                    # one table in 元, the other in 万元 (Shanghai): the same money when equal after
                    # rounding to the coarser precision; else compared in the reference's unit
                    if same_amount(reference.value, unit, other.value, other.unit):
                        continue
                    found = convert(other.value, other.unit, unit)
                else:
                    found = other.value
                f = self.agreement_finding(
                    d, expected=reference.value, found=found, summed=other.derived or reference.derived,
                    n_parts=n, key=key, table_a=reference.label, table_b=other.label, unit=unit,
                    evidence=reference.evidence + other.evidence,
                )
                if f:
                    yield f
