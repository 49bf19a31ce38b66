"""A list of key projects with their performance goals and no indicators (PDF).

Some templates state the targets of a few chosen projects in the text part, as a small untitled
table (深圳 第七部分 重点项目预算绩效情况说明: "二级预算单位名称 | 一级项目名称 | 预算数（万元） |
绩效目标", one row per project, the goal wrapped down its narrow column and over the page
break, closed by "备注：无。"). No title announces it, so it is found by its header: a line that
names a project column, a budget column and a 绩效目标 column but no indicator.

Each word belongs to the header column whose vertical rules enclose it (else the nearest header
word); a line printing an amount in the budget column starts a project, and the other lines add to
the project whose ruled row holds them, else to the project above (a goal continued on the next
page). The projects state a goal and no indicator, and say so as a problem: a target without
indicators is not measured.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Optional

from lineage.amounts import is_amount_cell, parse_amount
from lineage.model import PerformanceTable, ProjectTarget
from lineage.parse.performance_grid import Columns, band, centre, middle, words_of
from lineage.read import Document, compact
from lineage.read.pdf import Word

Problems = list[tuple[int, str]]

# The header's columns: header word → field. A header names at least project, amount and goal.
_COLUMNS = (
    (re.compile(r"(单位名称|预算单位)$"), "unit"),
    (re.compile(r"项目名称$"), "name"),
    (re.compile(r"^(预算数|预算金额|金额|资金)"), "amount"),
    (re.compile(r"^(年度)?绩效目标$|^年度目标$"), "goal"),
)
_NEEDED = {"name", "amount", "goal"}
_END = re.compile(r"^备注|^注[:：]|^第[一二三四五六七八九十]+部分")
_PAGE_NUMBER = re.compile(r"^[-—]?\d{1,3}[-—]?$")
_SLACK = 2.0


def _header_fields(doc: Document, no: int) -> Optional[dict[str, Word]]:
    """field → header word, when line `no` is such a header."""
    if not doc.pages or "指标" in doc.line(no).norm:
        return None
    found: dict[str, Word] = {}
    for w in words_of(doc, no):
        field = next((f for p, f in _COLUMNS if p.search(compact(w.norm))), None)
        if field and field not in found:
            found[field] = w
    return found if _NEEDED <= set(found) else None


def find_headers(doc: Document, skip: list[tuple[int, int]]) -> list[int]:
    """The lines heading a goal list, outside the regions already read as performance tables."""
    if not doc.pages:
        return []
    return [n for n in range(1, len(doc.lines) + 1)
            if "绩效目标" in doc.line(n).norm and not any(a <= n < b for a, b in skip) and _header_fields(doc, n)]


def _row_of(doc: Document, rows: list["ListRow"], w: Word) -> Optional[int]:
    """The row whose ruled cell in the word's column holds the word, or None (no rules cross it)."""
    page = doc.pages[doc.line(w.line).page - 1]
    x = centre(w)
    if not any(x0 - _SLACK <= x <= x1 + _SLACK for _, x0, x1 in page.hrules):
        return None
    cell = band(page, x, middle(w))
    return next((k for k, r in enumerate(rows) if doc.line(r.line).page == page.no
                 and band(page, x, middle(r.amount_word)) == cell), None)


@dataclass
class ListRow:
    """A row of a ruled list: the line printing its amount, the amount, and each column's text."""

    line: int
    amount: Decimal
    amount_word: Word
    lines: list[int] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)


def list_rows(doc: Document, columns: Columns, first: int, end: int, stop: re.Pattern) -> list[ListRow]:
    """The rows of a list whose column words `columns` places, from line `first` to a line matching
    `stop` or `end`: a line printing an amount in the "amount" column starts a row; any other line
    joins the row whose ruled cell holds it, else the row above it (a cell continued on the next
    page), else the first."""
    lines: list[tuple[int, dict[str, list[Word]]]] = []
    for no in range(first, end):
        norm = compact(doc.line(no).norm)
        if stop.match(norm):
            break
        last_on_page = no == len(doc.lines) or doc.line(no + 1).page != doc.line(no).page
        if not norm or (_PAGE_NUMBER.match(norm.replace("-", "")) and last_on_page):
            continue
        cells: dict[str, list[Word]] = {}
        for w in words_of(doc, no):
            name = columns.field_of(centre(w), strict=True)
            if name:  # not a label printed beside the list ("年/度/主/要/任/务", "执行率分值")
                cells.setdefault(name, []).append(w)
        if cells:
            lines.append((no, cells))
    rows = []
    for no, cells in lines:
        amount = [w for w in cells.get("amount", []) if is_amount_cell(compact(w.norm), True)]
        if amount:
            rows.append(ListRow(no, parse_amount(compact(amount[0].norm)), amount[0]))
    if not rows:
        return []
    parts: list[dict[str, list[str]]] = [{} for _ in rows]
    for no, cells in lines:
        k = _row_of(doc, rows, next(iter(cells.values()))[0])
        if k is None:
            k = max([i for i, r in enumerate(rows) if r.line <= no] or [0])
        rows[k].lines.append(no)
        for name, words in cells.items():
            parts[k].setdefault(name, []).extend(compact(w.norm) for w in words)
    for row, texts in zip(rows, parts):
        row.texts = {name: "".join(t) for name, t in texts.items()}
    return rows


def read_goals(doc: Document, kind: str, header: int, end: int) -> tuple[PerformanceTable, Problems]:
    """The projects of a goal list headed at `header`, up to its 备注, the next part or `end`."""
    fields = _header_fields(doc, header) or {}
    columns = Columns(list(fields.items()), doc.pages[doc.line(header).page - 1])
    table = PerformanceTable(kind=kind, line=header, end_line=header, selection=True)
    rows = list_rows(doc, columns, header + 1, end, _END)
    if not rows:
        return table, [(header, "a goal list (项目名称 / 绩效目标) with no project amount printed: not read")]
    problems: Problems = []
    for row in rows:
        p = ProjectTarget(line=row.line, lines=row.lines, name=row.texts.get("name", ""), amount=row.amount,
                          unit_name=row.texts.get("unit") or None, goal=row.texts.get("goal") or None)
        table.projects.append(p)
        table.end_line = max(table.end_line, *row.lines)
        problems.append((p.line, f"project {p.name!r}: a goal (绩效目标) and no indicator printed: "
                                 f"the table lists goals only"))
    return table, problems
