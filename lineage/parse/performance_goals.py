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


def _band(doc: Document, w: Word) -> Optional[tuple[int, int]]:
    """(page, the ruled row holding the word), or None on a page whose rules do not cross it."""
    page = doc.pages[doc.line(w.line).page - 1]
    x = centre(w)
    if not any(x0 - _SLACK <= x <= x1 + _SLACK for _, x0, x1 in page.hrules):
        return None
    return page.no, band(page, x, middle(w))


def read_goals(doc: Document, kind: str, header: int, end: int) -> tuple[PerformanceTable, Problems]:
    """The projects of a goal list headed at `header`, up to its 备注, the next part or `end`."""
    fields = _header_fields(doc, header) or {}
    columns = Columns(list(fields.items()), doc.pages[doc.line(header).page - 1])
    table = PerformanceTable(kind=kind, line=header, end_line=header, selection=True)
    lines: list[tuple[int, dict[str, list[Word]]]] = []
    for no in range(header + 1, end):
        norm = compact(doc.line(no).norm)
        if _END.match(norm):
            break
        last_on_page = no == len(doc.lines) or doc.line(no + 1).page != doc.line(no).page
        if not norm or (_PAGE_NUMBER.match(norm.replace("-", "")) and last_on_page):
            continue
        cells: dict[str, list[Word]] = {}
        for w in words_of(doc, no):
            cells.setdefault(columns.field_of(centre(w)), []).append(w)
        lines.append((no, cells))
        table.end_line = no
    bands: list[Optional[tuple[int, int]]] = []
    for no, cells in lines:
        amount = [w for w in cells.get("amount", []) if is_amount_cell(compact(w.norm))]
        if amount:
            table.projects.append(ProjectTarget(line=no, name="", amount=parse_amount(compact(amount[0].norm))))
            bands.append(_band(doc, amount[0]))
    if not table.projects:
        return table, [(header, "a goal list (项目名称 / 绩效目标) with no project amount printed: not read")]
    texts: list[dict[str, list[str]]] = [{} for _ in table.projects]
    for no, cells in lines:
        band = _band(doc, next(iter(cells.values()))[0])
        if band is not None and band in bands:
            k = bands.index(band)  # the ruled row that holds the line
        else:  # the row above (a goal continued on the next page), else the first
            k = max([i for i, p in enumerate(table.projects) if p.line <= no] or [0])
        table.projects[k].lines.append(no)
        for field in ("unit", "name", "goal"):
            texts[k].setdefault(field, []).extend(compact(w.norm) for w in cells.get(field, []))
    problems: Problems = []
    for p, text in zip(table.projects, texts):
        p.name = "".join(text.get("name", []))
        p.unit_name = "".join(text.get("unit", [])) or None
        p.goal = "".join(text.get("goal", [])) or None
        problems.append((p.line, f"project {p.name!r}: a goal (绩效目标) and no indicator printed: "
                                 f"the table lists goals only"))
    return table, problems
