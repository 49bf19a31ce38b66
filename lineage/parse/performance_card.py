"""Project performance targets printed as one card per project (PDF).

Many provinces print each project's 绩效目标表 as a form rather than a list (福州 单位预算,
国家信访局, 烟台): "项目名称 X", the 主管部门 and 实施单位, "资金总额 44.47", a 年度目标 paragraph,
then a grid "一级指标 | 二级指标 | 三级指标 | 指标值 (| 分值)" whose merged level cells and wrapped
names span several printed lines. The grid is read from the words' positions: each word belongs
to the header column nearest to it, a line printing a 指标值 is an indicator, and a line printing
only names joins the indicator printed nearest to it (a name wrapped above and below its value).
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Optional

from lineage.amounts import is_amount_cell, parse_amount
from lineage.model import Indicator, PerformanceTable, ProjectTarget
from lineage.parse.performance_cells import inherit_levels, split_operator, split_value_unit
from lineage.read import Document, compact
from lineage.read.pdf import Word

Problems = list[tuple[int, str]]

_NAME = re.compile(r"^项目名称")
# Labels printed on the 项目名称 line after the name: the name stops there.
_AFTER_NAME = re.compile(r"^(主管部门|实施单位|项目编码|项目代码|项目类别|单位名称|预算单位)")
_AMOUNT = re.compile(r"资金总额")
_GOAL = re.compile(r"^(年度)?(总体)?目标")
_GRID_END = re.compile(r"^备注|^说明")
_PAGE_NUMBER = re.compile(r"^[-—]?\d{1,3}[-—]?$")
_HEADER_REST = re.compile(r"^(分值|权重)?[(（]\d+分?[)）]$|^(分值|权重)$")
# The grid's columns: header words → field.
_COLUMNS = (
    (re.compile(r"^一级指?标?$"), "level1"),
    (re.compile(r"^二级指?标?$"), "level2"),
    (re.compile(r"^三级指?标?$|^指标名称$"), "level3"),
    (re.compile(r"^指标值$|^目标值$"), "value"),
    (re.compile(r"^分值|^权重"), "weight"),
)


def is_card(doc: Document, start: int, end: int) -> bool:
    """A PDF region whose projects are cards: a line opening with the label 项目名称 (not a list's
    header "项目名称 … 指标") and a grid headed 三级指标 / 指标值 below it."""
    norms = [compact(doc.line(n).norm) for n in range(start, end)]
    return bool(doc.pages) and any(_NAME.match(t) and "指标" not in t for t in norms) and any(
        "三级指标" in t or ("指标名称" in t and "指标值" in t) for t in norms)


def _words(doc: Document, no: int) -> list[Word]:
    page = doc.line(no).page
    if not page:
        return []
    return sorted((w for w in doc.pages[page - 1].words if w.line == no), key=lambda w: w.x0)


def read_projects(doc: Document, kind: str, start: int, end: int) -> tuple[list[PerformanceTable], Problems]:
    """One table holding the region's projects, a project per card."""
    table = PerformanceTable(kind=kind, line=start, end_line=end - 1, cards=True)
    problems: Problems = []
    cards = [n for n in range(start, end) if _NAME.match(compact(doc.line(n).norm)) and "指标" not in doc.line(n).norm]
    for i, first in enumerate(cards):
        last = cards[i + 1] if i + 1 < len(cards) else end
        project, found = _card(doc, first, last)
        table.projects.append(project)
        problems += found
    return [table], problems


def _name(doc: Document, first: int) -> tuple[str, int]:
    """The project's name right of its 项目名称 label, and its line: on the label's line, or (福州: the
    name printed a little above the label, in the same cell) on the nearest line beside it."""
    words = _words(doc, first)
    label = words[0]

    def named(line_words: list[Word]) -> str:
        out = []
        for w in line_words:
            text = compact(w.norm)
            if _AFTER_NAME.match(text):
                break
            out.append(_NAME.sub("", text))
        return "".join(out)

    same = named(words[1:] if compact(label.norm) == "项目名称" else words)
    if same:
        return same, first
    height = label.bottom - label.top
    beside = []
    for no in (first - 1, first + 1):
        ws = [w for w in _words(doc, no) if w.x0 >= label.x1 - 1] if 0 < no <= len(doc.lines) else []
        if ws and abs((ws[0].top + ws[0].bottom) - (label.top + label.bottom)) / 2 < 2 * height:
            beside.append((ws[0].x0 - label.x1, no, named(ws)))
    if not beside:
        return "", first
    _, no, name = min(beside)
    return name, no


def _card(doc: Document, first: int, end: int) -> tuple[ProjectTarget, Problems]:
    name, name_line = _name(doc, first)
    project = ProjectTarget(line=name_line, lines=list(range(min(first, name_line), end)), name=name)
    header: Optional[int] = None
    for no in range(first + 1, end):
        norm = compact(doc.line(no).norm)
        if project.amount is None and _AMOUNT.search(norm):
            project.amount = _first_amount(_words(doc, no), after=_AMOUNT)
        elif project.goal is None and _GOAL.match(norm):
            project.goal = _GOAL.sub("", norm).lstrip("：:") or None
        if "三级指标" in norm or ("指标名称" in norm and "指标值" in norm):
            header = no
            break
    if header is None:
        return project, [(first, f"项目「{project.name}」的绩效目标表没有指标表头（三级指标/指标值），未读取指标")]
    project.indicators = _indicators(doc, header, end)
    return project, []


def _spans(rows: list[tuple[int, float, dict]], parts: dict[int, dict[str, list[tuple[float, str]]]],
           field: str) -> dict[int, str]:
    """A level cell merged over several rows, centred in its span ("产出指标" beside 数量/质量/时效
    rows): it covers the rows from the first one no cell above claimed to the one that centres it."""
    mids = [mid for _, mid, _ in rows]
    out: dict[int, str] = {}
    start = 0
    for k, (no, _, _) in enumerate(rows):
        fragments = parts[no].get(field)
        if not fragments or k < start:
            continue
        centre = sum(m for m, _ in fragments) / len(fragments)
        text = "".join(t for _, t in sorted(fragments))
        end = min(range(k, len(rows)), key=lambda b: abs((mids[start] + mids[b]) / 2 - centre))
        for j in range(start, end + 1):
            out[rows[j][0]] = text
        start = end + 1
    return out


def _last_on_page(doc: Document, no: int) -> bool:
    return no == len(doc.lines) or doc.line(no + 1).page != doc.line(no).page


def _first_amount(words: list[Word], after: re.Pattern) -> Optional[Decimal]:
    seen = False
    for w in words:
        text = compact(w.norm)
        if after.search(text):
            seen = True
            rest = after.split(text, 1)[1].lstrip("：:")
            if rest and is_amount_cell(rest):
                return parse_amount(rest)
            continue
        if seen and is_amount_cell(text):
            return parse_amount(text)
    return None


def _indicators(doc: Document, header: int, end: int) -> list[Indicator]:
    """The grid under its header line: (field, x-centre) columns, value lines, names joined to them."""
    columns: list[tuple[str, float]] = []
    # The header may print a word above or below its line (国家信访局: "分值" above, "(90)" below, or
    # "分值权 / 一级 / …指标值 重 / 指标" wrapped over four lines).
    for no in (header, header - 1, header + 1, header - 2, header + 2):
        for w in _words(doc, no):
            text = compact(w.norm)
            field = next((f for p, f in _COLUMNS if p.match(text)), None)
            if field and field not in {f for f, _ in columns}:
                columns.append((field, (w.x0 + w.x1) / 2))
    if not any(f == "value" for f, _ in columns) or not any(f == "level3" for f, _ in columns):
        return []
    x = dict(columns)
    # Left of the 一级 column the card prints its row label ("绩效目标指标", "年度绩效指标"), often one
    # character per line: no indicator's.
    left = x["level1"] - (x["level2"] - x["level1"]) / 2 if "level1" in x and "level2" in x else None
    lines: list[tuple[int, float, dict[str, list[str]]]] = []  # (line, mid, field → words)
    for no in range(header + 1, end):
        words = _words(doc, no)
        if not words:
            continue
        text = compact(doc.line(no).norm)
        if _GRID_END.match(text) or _NAME.match(text) or "绩效目标表" in text:
            break  # the card's 备注, or the next card's title
        if _HEADER_REST.match(text):
            continue  # "分值" / "(90)" printed around the header line
        if _PAGE_NUMBER.match(text) and _last_on_page(doc, no):
            continue
        cells: dict[str, list[str]] = {}
        words = [w for w in words if left is None or (w.x0 + w.x1) / 2 >= left]
        if not words:
            continue
        for w in words:
            centre = (w.x0 + w.x1) / 2
            field = min(columns, key=lambda fc: abs(fc[1] - centre))[0]
            cells.setdefault(field, []).append(w.norm.strip())
        mid = sum((w.top + w.bottom) / 2 for w in words) / len(words)
        lines.append((no, mid, cells))
    rows = [(no, mid, cells) for no, mid, cells in lines if cells.get("value")]
    if not rows:
        return []
    parts: dict[int, dict[str, list[tuple[float, str]]]] = {no: {} for no, _, _ in rows}
    # A header cell wrapped below its line ("一级指 / 标") is nearer the header than the first row.
    header_words = _words(doc, header)
    sinks = rows + [(header, sum((w.top + w.bottom) / 2 for w in header_words) / len(header_words), {})]
    for no, mid, cells in lines:
        nearest = min(sinks, key=lambda r: (abs(r[1] - mid), r[1] < mid))[0]
        if nearest == header:
            continue
        for field, texts in cells.items():
            if field == "value" and no != nearest:
                continue
            parts[nearest].setdefault(field, []).append((mid, "".join(texts)))
    merged = {field: _spans(rows, parts, field) for field in ("level1", "level2")}
    out: list[Indicator] = []
    previous: Optional[Indicator] = None
    for no, _, _ in rows:
        got = {f: "".join(t for _, t in sorted(v)) for f, v in parts[no].items()}
        got.update({field: spans[no] for field, spans in merged.items() if no in spans})
        ind = Indicator(line=no, lines=[no], level1=got.get("level1") or None, level2=got.get("level2") or None,
                        level3=got.get("level3", ""))
        value = got.get("value", "")
        split = split_operator(value)
        if split:
            ind.operator, value = split
        ind.value, ind.unit = split_value_unit(value)
        if got.get("weight") and is_amount_cell(got["weight"], True):
            ind.weight = parse_amount(got["weight"])
        inherit_levels(ind, previous)
        out.append(ind)
        previous = ind
    return out
