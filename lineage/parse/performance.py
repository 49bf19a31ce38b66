"""Performance tables of a disclosure → the model's `Performance`.

Finds the extent of each performance table from the anchors, picks the
reader for its layout (tab-separated cells, flattened text, cards, or an
untitled list of key projects' goals found by its header), and reports
what the tables say about themselves: an empty table (此表无数据), a table
printed twice, a project row that repeats the next one without its name.
"""

from __future__ import annotations

import re
from typing import Optional

from lineage.model import DepartmentTarget, Performance, PerformanceTable
from lineage.parse import performance_card, performance_flat, performance_goals, performance_tsv
from lineage.parse.locate import Anchor
from lineage.parse.performance_cells import signature
from lineage.read import Document

Problems = list[tuple[int, str]]

_SECTION = re.compile(r"^\s*第[一二三四五六七八九十]+部分")
_EMPTY = re.compile(r"无数据|无此项|本(部门|单位)无")


def read_performance(doc: Document, anchors: list[Anchor]) -> tuple[Performance, Problems]:
    """Every project, special-fund and department performance table of a document."""
    perf = Performance()
    problems: Problems = []
    regions = _regions(doc, anchors)
    for header in performance_goals.find_headers(doc, [(start, end) for _, start, end in regions]):
        end = min([a.line for a in anchors if a.line > header and not a.in_contents] + [len(doc.lines) + 1])
        table, found = performance_goals.read_goals(doc, "project_performance", header, end)
        problems += found
        perf.tables.append(table)
    for kind, start, end in regions:
        tsv = _is_tsv(doc, start, end)
        if kind == "department_performance":
            reader = performance_tsv.read_department if tsv else performance_flat.read_department
            if not tsv and performance_card.is_department_card(doc, start, end):
                reader = performance_card.read_department
            target, found = reader(doc, start, end)
            problems += found
            _keep_department(perf, target, problems)
            continue
        if performance_card.is_card(doc, start, end):
            tables, found = performance_card.read_projects(doc, kind, start, end)
        elif tsv:
            table, found = performance_tsv.read_projects(doc, kind, start, end)
            tables = [table]
        else:
            tables, found = performance_flat.read_projects(doc, kind, start, end)
        problems += found
        for table in tables:
            blank = _says_empty(doc, start, end) or table.cards  # "无数据", or only blank cards
            table.empty = blank and not table.projects and not table.unattributed
            problems += _repeated_projects(table)
            _mark_duplicate(table, perf.tables, problems)
            perf.tables.append(table)
    return perf, sorted(set(problems))


def _regions(doc: Document, anchors: list[Anchor]) -> list[tuple[str, int, int]]:
    """(kind, first line, end line exclusive) of each performance table.

    Anchors of one kind that follow each other (a heading and the title, or
    the same title printed on every page of a flattened table) make one
    region. A flattened table may print its column header before its title,
    so the region starts at the first header line after the previous table.
    """
    live = [a for a in anchors if not a.in_contents]
    regions: list[tuple[str, int, int]] = []
    for i, a in enumerate(live):
        if a.kind is None or not a.kind.endswith("_performance"):
            continue
        if regions and regions[-1][0] == a.kind and _same_kind_until(live, i):
            continue
        later = [b for b in live[i + 1:] if b.kind != a.kind]
        end = min([b.line for b in later] + [_section_end(doc, a.line)])
        previous = max([b.line for b in live[:i] if b.kind != a.kind and (b.kind or b.number)] + [0])
        start = _header_before(doc, previous, a.line, a.kind) or _marker_before(live, i)
        regions.append((a.kind, start, end))
    return regions


def _same_kind_until(live: list[Anchor], i: int) -> bool:
    """True when every anchor between the previous one of this kind and i is of this kind."""
    kind = live[i].kind
    j = i - 1
    while j >= 0 and live[j].kind is None and live[j].number is None:
        j -= 1
    return j >= 0 and live[j].kind == kind


def _marker_before(live: list[Anchor], i: int) -> int:
    """A bare number marker (表十) just before a title starts the table."""
    if i > 0 and live[i - 1].kind is None and live[i].line - live[i - 1].line <= 3:
        return live[i - 1].line
    return live[i].line


def _header_before(doc: Document, after: int, title: int, kind: str) -> Optional[int]:
    if kind != "project_performance":
        return None
    for no in range(after + 1, title):
        norm = doc.line(no).norm
        if "项目名称" in norm and "指标" in norm:
            return no
    return None


def _section_end(doc: Document, start: int) -> int:
    for no in range(start + 1, len(doc.lines) + 1):
        if _SECTION.match(doc.line(no).norm):
            return no
    return len(doc.lines) + 1


def _is_tsv(doc: Document, start: int, end: int) -> bool:
    lines = [doc.line(n).norm for n in range(start, end) if doc.line(n).norm.strip()]
    return sum("\t" in t for t in lines) * 2 > len(lines)


def _says_empty(doc: Document, start: int, end: int) -> bool:
    return any(_EMPTY.search(doc.line(n).norm) for n in range(start, end))


def _keep_department(perf: Performance, target: DepartmentTarget, problems: Problems) -> None:
    if perf.department is None:
        perf.department = target
    else:
        problems.append((target.line, f"a second department-wide table; the one at line {perf.department.line} is kept"))


def _table_signature(table: PerformanceTable) -> tuple:
    projects = sorted((p.name, str(p.amount)) for p in table.projects)
    indicators = sorted(
        [signature(i) for p in table.projects for i in p.indicators] + [signature(i) for i in table.unattributed],
        key=repr,
    )
    return (str(table.total), tuple(projects), tuple(indicators))


def _mark_duplicate(table: PerformanceTable, earlier: list[PerformanceTable], problems: Problems) -> None:
    """A table printed twice: the later copy points at the first and adds no projects."""
    for other in earlier:
        if other.kind != table.kind or other.duplicate_of is not None:
            continue
        if _table_signature(other) == _table_signature(table):
            table.duplicate_of = other.line
            problems.append((table.line, f"table printed a second time (same projects and indicators as line {other.line})"))
        elif other.total is not None and other.total == table.total:
            problems.append((table.line, f"table printed again (same total as line {other.line}) but its content differs"))


def _repeated_projects(table: PerformanceTable) -> Problems:
    """A nameless project row that repeats the amount and indicators of the next project."""
    found: Problems = []
    for p, q in zip(table.projects, table.projects[1:]):
        if p.name or p.amount != q.amount:
            continue
        ours = [signature(i) for i in p.indicators]
        if ours and ours == [signature(i) for i in q.indicators[: len(ours)]]:
            found.append((p.line, f"the nameless row with {p.amount} repeats the amount and indicators of "
                                  f"{q.code or ''}-{q.name} (line {q.line}): probably printed twice"))
    return found
