"""HI: hierarchy — 类 = Σ款 = Σ项, economic parents = Σ children, a table total = Σ its 类."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Iterable, Optional

from lineage.amounts import rounding_band
from lineage.checks.context import CheckContext
from lineage.read import compact
from lineage.checks.finding import Finding, Subject
from lineage.checks.labels import CLASS_NAMES
from lineage.checks.registry import Rule, fold_rounding, register
from lineage.tableview import children as depth_children
from lineage.tableview import evidence, indented, item_rows, total_row, value
from lineage.model import Disclosure, Row, Table
from lineage.vocab import KIND_LABELS

# Economic classes (部门预算支出经济分类 类) as the tables name them, for rows printed
# without a code: the level is then told by the name, not by indentation the text lost.
ECONOMIC_CLASSES = {
    "工资福利支出": "301", "商品和服务支出": "302", "对个人和家庭的补助": "303", "债务利息及费用支出": "307",
    "资本性支出（基本建设）": "309", "资本性支出": "310", "对企业补助（基本建设）": "311", "对企业补助": "312",
    "对社会保障基金补助": "313", "其他支出": "399",
}


def children(rows: list[Row]) -> dict[str, list[Row]]:
    """Coded rows by the code of the row directly above them: the longest code among the rows
    that is a proper prefix of theirs (206 → 20607 → 2060701, skipping levels not printed).

    One pass over the rows, where asking each parent for its children was quadratic per table.
    """
    codes = {r.code for r in rows if r.code}
    below: dict[str, list[Row]] = defaultdict(list)
    for r in rows:
        code = r.code or ""
        parent = next((code[:k] for k in range(len(code) - 1, 0, -1) if code[:k] in codes), None)
        if parent is not None:
            below[parent].append(r)
    return below


def _families(t: Table) -> list[tuple[Row, list[Row]]]:
    """(parent, children) of a table's item rows: by indentation when the table shows it
    (表2-1 of the flattened layout prints "301 12" on a 款 and on its items), else by the
    codes printed on the rows (a code taken from another line, `Row.code_line`, is no
    evidence of this table's levels)."""
    items = item_rows(t)
    if indented(items):
        return [(p, depth_children(items, p)) for p in items]
    rows = [r for r in items if r.code and r.code_line is None]
    below = children(rows)
    return [(p, below.get(p.code, [])) for p in rows]  # type: ignore[arg-type]


@register
class ChildrenSum(Rule):
    """A coded parent row equals the sum of its coded children, column by column.

    Example: 206 科学技术支出 = 20607 科学技术普及 = Σ 2060701…2060799 in the
    municipal 表二; "301 12 30112 其他社会保障缴费 0.91" = 3011201 + 3011202 +
    3011203 (0.28 + 0.41 + 0.22) in 001's 3-1, lines 802–808. Rounding band as for any total; the
    rounding-sized differences of one table are one warning.
    """

    id = "HI01"
    name = "hierarchy.children_sum"
    template = "{table} {code} {subject}「{column}」：{expected}{unit}，下级之和 {found}{unit}（差 {diff}）"

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        d = ctx.d
        yield from fold_rounding(f for t in ctx.tables for f in self._table(d, t))

    def _table(self, d: Disclosure, t: Table) -> Iterable[Optional[Finding]]:
        for parent, kids in _families(t):
            if not kids or parent.ambiguous or any(k.ambiguous for k in kids):
                continue
            for column in t.columns:
                if column not in parent.values and not any(column in k.values for k in kids):
                    continue
                found = sum((value(k, column) for k in kids), Decimal(0))
                if found == value(parent, column):
                    continue  # most parents add up: no finding, so no evidence to build
                yield self.sum_finding(
                    d, expected=value(parent, column), found=found, n_parts=len(kids),
                    table=KIND_LABELS.get(t.kind, t.title), code=parent.code, subject=parent.name,
                    column=column, subjects=[Subject(code=parent.code, name=parent.name)],
                    evidence=evidence(d, t, [parent] + kids),
                )


def class_rows(t: Table) -> list[Row]:
    """The table's top-level rows: 3-digit codes, or (uncoded) an economic class name.

    Empty when a class row's name is not a class name, or a coded row belongs
    to no class row the table prints: then the levels were not all read (a
    garbled or unread 类 row), and nothing is summed.
    """
    out: list[Row] = []
    classes: set[str] = set()
    for r in t.rows:
        if r.role in ("total", "total_repeat") or r.ambiguous or not r.values:
            continue
        name = compact(r.name)
        if r.code and len(r.code) == 3:
            if name not in ECONOMIC_CLASSES and name not in CLASS_NAMES:
                return []  # a class row whose name was not read whole: the levels are uncertain
            out.append(r)
            classes.add(r.code)
        elif not r.code and not r.unit_code and name in ECONOMIC_CLASSES:
            out.append(r)
            classes.add(ECONOMIC_CLASSES[name])
    if any(r.code and r.code[:3] not in classes for r in item_rows(t)):
        return []
    return out


@register
class TotalOfClasses(Rule):
    """A table's 合计 is not the sum of the 类 rows it prints: rows are missing.

    Example (003 表五 财政拨款支出预算表（部门经济分类科目）, line 210): 合计 753.70,
    but its class rows are 工资福利支出 336.14 (line 213) and 对个人和家庭的补助
    78.87 (line 243) only — 415.01; the 商品和服务支出 row (57.33 + 281.37 of
    project spending, lines 225–242) is not printed. Classes are told by
    3-digit codes or, where the table prints none, by the economic class
    names; checked only when every class row's name is a class name and every
    coded row falls under a printed class (else a 类 row was not read). A sum
    above the total is BL02's. Rounding band for the class rows.
    """

    id = "HI02"
    name = "hierarchy.total_of_classes"
    template = "{table}「{column}」：合计 {expected}{unit}，所列类级科目之和 {found}{unit}（{names}），缺少下级行"

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        d = ctx.d
        for t in ctx.tables:
            total = total_row(t)
            classes = class_rows(t)
            if total is None or not classes:
                continue
            findings = []
            for column, stated in total.values.items():
                present = [r for r in classes if column in r.values]
                if not present:
                    continue
                found = sum((r.values[column] for r in present), Decimal(0))
                if stated - found > rounding_band(len(present), stated, found):
                    findings.append(self.finding(
                        d, expected=stated, found=found, table=KIND_LABELS.get(t.kind, t.title), column=column,
                        names="+".join(f"{compact(r.name)} {r.values[column]}" for r in present),
                        evidence=evidence(d, t, [total] + present),
                    ))
            if findings:
                first = findings[0]
                if len(findings) > 1:
                    first = first.model_copy(update={"message": f"{first.message}；另有 {len(findings) - 1} 列同样"})
                yield first
