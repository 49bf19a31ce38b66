"""TB: tables missing or duplicated (PA, what the parser could not decide, is in parse_notes)."""

from __future__ import annotations

from decimal import Decimal
from typing import Iterable, Optional

from lineage.checks.finding import Finding
from lineage.checks.context import CheckContext
from lineage.checks.registry import Rule, register
from lineage.model import Disclosure, Provenance
from lineage.vocab import KIND_LABELS
from lineage.vocab.families import BY_NAME, TableSet
from lineage.vocab.titles import number_text, number_value


@register
class MissingTable(Rule):
    """A table the document itself promises is not printed.

    What a document promises: its own contents list (目录); the numbers of its
    tables (表六 then 表八: 表七 is missing); and, when it has no 目录, the
    tables of its template family (lineage.vocab.families). A table the
    family does not have is never missing, and a table printed as empty
    (无此项内容 / 此表无数据) is present.

    Examples: 002's 目录 names 部门收入总表 and 政府性基金预算支出预算表 (lines
    19, 27), neither printed; 004 numbers its tables 表一…表六, 表八, 表十…表十二,
    so 表七 (between 表六, title line 201, and 表八, line 220) and 表九 are missing.
    A missing table the 目录 lists or the numbering skips is an error; one
    only the family expects is a warning (templates vary by year). Each
    finding cites the 目录 line or the neighbouring tables; expected and found
    count the copies (1 expected, 0 printed), and their labels name the 目录
    line or the number expected and what stands in its place.
    """

    id = "TB01"
    name = "tables.missing"
    severity = "error"
    template = "缺少「{table}」（{why}）"

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        d = ctx.d
        reported: set[str] = set()  # kinds and numbers already reported
        for e in d.contents:
            if e.printed is None:
                reported.update(k for k in (e.kind, _key(e.number)) if k)
                yield self._missing(d, KIND_LABELS.get(e.kind or "", e.title), f"目录第 {e.line} 行列出，正文未印出",
                                    [Provenance(file=d.source.path, table=e.kind, line=e.line, page=e.page, text=e.title)],
                                    expected=f"目录第 {e.line} 行：{e.title}", found="正文未印出")
        family = BY_NAME.get(d.family or "")
        for number, before, after in _numbering_gaps(d):
            entry = family.entry_for(number) if family else None
            if _key(number) in reported or (entry and entry.kind in reported):
                continue
            reported.update(k for k in (_key(number), entry.kind if entry else None) if k)
            why = f"表{before.number}（第 {before.line} 行）与表{after.number}（第 {after.line} 行）之间的编号未印出"
            if family and entry:
                why += f"；{family.label}中表{number}为「{entry.title}」"
            yield self._missing(
                d, f"表{number}", why,
                [Provenance(file=d.source.path, table=t.kind, table_number=t.number, line=t.line, page=t.page,
                            text=t.title) for t in (before, after)],
                expected=f"表{number}" + (f"「{entry.title}」" if entry else ""),
                found=f"表{before.number}（第 {before.line} 行）之后即是表{after.number}（第 {after.line} 行）",
            )
        if family and not d.contents:
            yield from self._family_missing(d, family, reported)

    def _family_missing(self, d: Disclosure, family: TableSet, reported: set[str]) -> Iterable[Finding]:
        present = {t.kind for t in d.tables} | {pt.kind for pt in d.performance.tables}
        if d.performance.department:
            present.add("department_performance")
        for e in family.tables:
            if e.kind and e.kind not in present and e.kind not in reported and _key(e.number) not in reported:
                where = f"表{e.number}" if e.number else ""
                yield self._missing(
                    d, KIND_LABELS.get(e.kind, e.title), f"本文件无目录，按「{family.label}」应有{where}，未印出",
                    [], severity="warning", expected=f"{family.label}：{where}「{e.title}」", found="未印出",
                )

    def _missing(self, d: Disclosure, table: str, why: str, evidence: list[Provenance], *, expected: str,
                 found: str, severity=None) -> Finding:
        """Copies of the table: 1 expected, 0 printed; the labels say which table and where."""
        return self.finding(d, table=table, why=why, expected=Decimal(1), found=Decimal(0), unit="张",
                            expected_label=expected, found_label=found, evidence=evidence, severity=severity)


def _key(number: Optional[str]) -> Optional[str]:
    value = number_value(number) if number else None
    return "no:" + "-".join(map(str, value)) if value else None


def _numbering_gaps(d: Disclosure):
    """(missing number, table before, table after) for each number skipped in the printed sequence.

    Numbers are compared as values (表七 = 7, 表3-2 = (3, 2)); only skips inside
    the printed range count: a major number skipped (表六 → 表八), or a
    sub-number skipped under the same major (表3-1 → 表3-3).
    """
    printed = [*d.tables, *d.unrecognised]  # a table printed under an unknown title is printed
    numbered = sorted(
        {number_value(t.number): t for t in reversed(printed) if t.number and number_value(t.number)}.items()
    )
    chinese = any(t.number and not t.number[0].isdigit() for t in printed)
    for (a, ta), (b, tb) in zip(numbered, numbered[1:]):
        missing: list[tuple[int, ...]] = []
        if b[0] > a[0] + 1:
            missing = [(k,) for k in range(a[0] + 1, b[0])]
        elif b[0] == a[0] and len(b) == 2:
            missing = [(a[0], k) for k in range((a[1] if len(a) == 2 else 0) + 1, b[1])]
        for value in missing:
            yield number_text(value, chinese), ta, tb


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
                    evidence=[ctx.line_evidence(n, table=kind) for n in (first, line)],
                )
