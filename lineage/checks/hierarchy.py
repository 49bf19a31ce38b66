"""HI: hierarchy — 类 = Σ款 = Σ项, economic parents = Σ children."""

from __future__ import annotations

from decimal import Decimal
from typing import Iterable

from lineage.checks.finding import Finding, Subject
from lineage.checks.registry import Rule, register
from lineage.checks.walk import tables
from lineage.tableview import children as depth_children
from lineage.tableview import evidence, indented, item_rows, value
from lineage.model import Disclosure, Row
from lineage.vocab import KIND_LABELS


def children(rows: list[Row], parent: Row) -> list[Row]:
    """Coded rows directly below parent: the shortest codes that extend it."""
    below = [r for r in rows if r.code and r is not parent and r.code.startswith(parent.code or "~")]
    below = [r for r in below if r.code != parent.code]
    return [r for r in below if not any(o.code != r.code and r.code.startswith(o.code) for o in below)]  # type: ignore[union-attr,arg-type]


def _families(t) -> list[tuple[Row, list[Row]]]:
    """(parent, children) of a table's item rows: by indentation when the table shows it
    (表2-1 of the flattened layout prints "301 12" on a 款 and on its items), else by the
    codes printed on the rows (a code taken from another line, `Row.code_line`, is no
    evidence of this table's levels)."""
    items = item_rows(t)
    if indented(items):
        return [(p, depth_children(items, p)) for p in items]
    rows = [r for r in items if r.code and r.code_line is None]
    return [(p, children(rows, p)) for p in rows]


@register
class ChildrenSum(Rule):
    """A coded parent row equals the sum of its coded children, column by column.

    Example: 206 科学技术支出 = 20607 科学技术普及 = Σ 2060701…2060799 in the
    municipal 表二; 30112 其他社会保障缴费 0.91 = 3011201 + 3011202 + 3011203
    (0.28 + 0.41 + 0.22) in 001's 3-1. Rounding band as for any total.
    """

    id = "HI01"
    name = "hierarchy.children_sum"
    template = "{table} {code} {subject}「{column}」：{expected}{unit}，下级之和 {found}{unit}（差 {diff}）"

    def check(self, d: Disclosure) -> Iterable[Finding]:
        for t in tables(d):
            for parent, kids in _families(t):
                if not kids or parent.ambiguous or any(k.ambiguous for k in kids):
                    continue
                for column in t.columns:
                    if column not in parent.values and not any(column in k.values for k in kids):
                        continue
                    found = sum((value(k, column) for k in kids), Decimal(0))
                    f = self.sum_finding(
                        d, expected=value(parent, column), found=found, n_parts=len(kids),
                        table=KIND_LABELS.get(t.kind, t.title), code=parent.code, subject=parent.name,
                        column=column, subjects=[Subject(code=parent.code, name=parent.name)],
                        evidence=evidence(d, t, [parent] + kids),
                    )
                    if f:
                        yield f
