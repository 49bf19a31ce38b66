"""TB: tables missing or duplicated."""

from __future__ import annotations

from typing import Iterable

from lineage.checks.finding import Finding
from lineage.checks.context import CheckContext
from lineage.checks.registry import Rule, register
from lineage.tableview import evidence
from lineage.model import Disclosure, Provenance
from lineage.parse.kinds import KIND_LABELS, MONEY_KINDS

# Every disclosure of the standard set prints these (empty ones say so).
REQUIRED = MONEY_KINDS + ["project_performance"]


@register
class MissingTable(Rule):
    """A table of the standard set is not in the disclosure.

    Example: 002's own contents list names 部门收入总表 and 政府性基金预算支出预算表
    (lines 19, 27), but neither is printed. A table printed as empty
    (无此项内容 / 此表无数据) is present, not missing. The evidence is the
    contents-list entry when the document has one, else none.
    """

    id = "TB01"
    name = "tables.missing"
    severity = "error"
    template = "缺少「{table}」{listed}"

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        d = ctx.d
        present = {t.kind for t in d.tables}
        for kind in REQUIRED:
            if kind not in present:
                line = d.contents.get(kind)
                yield self.finding(
                    d, table=KIND_LABELS[kind], unit="", listed=f"（目录第 {line} 行列出）" if line else "",
                    evidence=[Provenance(file=d.source.path, table=kind, line=line)] if line else [],
                )


@register
class DuplicateTable(Rule):
    """The same table is printed twice.

    Example: 000 prints its 单位预算项目支出绩效目标表 twice (from line 776 and
    again from line 1307); counting both would double the projects.
    """

    id = "TB02"
    name = "tables.duplicated"
    severity = "warning"
    template = "「{table}」重复出现（第 {first} 行与第 {second} 行）"

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        d = ctx.d
        copies = [(t.kind, t.line, t.duplicate_of) for t in d.tables]
        copies += [(pt.kind, pt.line, pt.duplicate_of) for pt in d.performance.tables]
        for kind, line, first in copies:
            if first is not None:
                yield self.finding(
                    d, table=KIND_LABELS.get(kind, kind), first=first, second=line, unit="",
                    evidence=[Provenance(file=d.source.path, table=kind, line=n) for n in (first, line)],
                )
