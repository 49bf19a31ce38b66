"""PA: what the parser could not decide — reader notes, not findings about the document.

Reader uncertainty is reported at info, folded to one note per table, and a
parse problem that a BL rule already reports as a finding (a total row that
does not add up) is not repeated.
"""

from __future__ import annotations

from typing import Iterable

from lineage.checks.context import CheckContext
from lineage.checks.finding import Finding
from lineage.checks.registry import Rule, register
from lineage.tableview import evidence
from lineage.model import Provenance
from lineage.vocab import KIND_LABELS
from lineage.parse.reconcile import total_differences


@register
class AmbiguousPlacement(Rule):
    """Amounts whose column the text does not determine (unresolved), one note per table.

    Example: the flattened layout drops blank cells, so "206 99 99 305911
    其他科学技术支出 338.03 338.03" may be 基本支出 or 项目支出; when neither the
    table's column totals nor another table decides, the row stays ambiguous and
    the checks that need it treat it as unresolved. "34 rows of 表2-1: column
    undetermined" is one info, with every row's line as evidence.
    """

    id = "PA01"
    name = "parse.ambiguous_column"
    severity = "info"
    template = "{table}：{count} 行金额所在列无法确定（第 {lines} 行），相关检查按未决处理"

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        d = ctx.d
        for t in d.tables:
            rows = [r for r in t.rows if r.ambiguous]
            if rows:
                lines = [r.line for r in rows]
                shown = "、".join(map(str, lines[:5])) + ("…" if len(lines) > 5 else "")
                yield self.finding(
                    d, table=KIND_LABELS.get(t.kind, t.title), count=len(rows), lines=shown, unit="",
                    evidence=evidence(d, t, rows),
                )


@register
class ParseProblem(Rule):
    """Something the parser could not read, reported with its line (a reader note).

    Example (001 line 233): "2024年预算数为143.09万元" with the subject's name
    lost in extraction — "143.09万元: no subject is named before this figure".

    Problems the parser records as errors stay warnings (the reading may be
    incomplete there); the rest are info. A total-row difference the parser
    records is not repeated here: BL02 reports it as a finding.
    """

    id = "PA02"
    name = "parse.problem"
    severity = "info"
    template = "解析问题：{message}"

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        d = ctx.d
        reported = {(t.kind, diff.total.line) for t in d.tables for diff in total_differences(t)}
        for p in d.problems:
            if (p.table, p.line) in reported:
                continue
            yield self.finding(
                d, message=p.message, unit="", severity="warning" if p.severity == "error" else "info",
                evidence=[Provenance(file=p.file, table=p.table, line=p.line, page=p.page)],
            )
