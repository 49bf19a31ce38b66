"""The indicator grid of a performance card, read from word positions and ruling lines.

Under its header "一级指标 | 二级指标 | 三级指标 | 指标值 (| 分值)" a card prints one indicator a
row; the 一级 and 二级 cells are merged over the rows they group, and any cell's text may wrap over
several printed lines above and below its row's value (国家信访局 prints 产出指标 one character a
line, "产 / 出 / 指 / 标"; 西安 prints a name left-aligned in a wide cell whose header is centred).

Where the page draws the grid's rules, they say it exactly: a word belongs to the column whose
vertical rules enclose it and to the cell between the horizontal rules around it; a printed value
starts a row unless it shares its value cell with the one above (a value wrapped: "≤5个工 / 作日").
Without rules, a word belongs to the header column nearest to it, a name line to the row printed
nearest to it, and a level cell covers the rows it is centred on, its wrapped pieces joined where
together they spell a level name of the national framework (lineage.vocab.indicators).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from lineage.amounts import is_amount_cell, parse_amount
from lineage.model import Indicator
from lineage.parse.performance_cells import inherit_levels, split_operator, split_value_unit
from lineage.read import Document, compact
from lineage.read.pdf import Page, Word
from lineage.vocab import read_title
from lineage.vocab.indicators import is_level_name

_NAME = re.compile(r"^项目名称")
_GRID_END = re.compile(r"^备注|^说明")
_PAGE_NUMBER = re.compile(r"^[-—]?\d{1,3}[-—]?$")
_YEAR = re.compile(r"^[(（]\d{4}年度?[)）]$")
_HEADER_REST = re.compile(r"^(分值|权重)?[(（]\d+分?[)）]$|^(分值|权重)$")
# The grid's columns: header words → field.
_COLUMNS = (
    (re.compile(r"^一级指?标?$"), "level1"),
    (re.compile(r"^二级指?标?$"), "level2"),
    (re.compile(r"^三级指?标?$|^指标名称$"), "level3"),
    (re.compile(r"^指标值$|^目标值$"), "value"),
    (re.compile(r"^分值|^权重"), "weight"),
)
LEVELS = ("level1", "level2")
# A wrapped level name is joined from at most this many printed pieces (一 character a line).
_MAX_PIECES = 8
# Rules are drawn a little past the cells they close.
_SLACK = 2.0


def is_header(norm: str) -> bool:
    """The grid's header line: "三级指标", or "指标名称" beside "指标值"."""
    return "三级指标" in norm or ("指标名称" in norm and "指标值" in norm)


def words_of(doc: Document, no: int) -> list[Word]:
    """The words printed on line `no`, left to right (none for a text document)."""
    page = doc.line(no).page
    if not page:
        return []
    return sorted((w for w in doc.pages[page - 1].words if w.line == no), key=lambda w: w.x0)


def centre(w: Word) -> float:
    return (w.x0 + w.x1) / 2


def middle(w: Word) -> float:
    return (w.top + w.bottom) / 2


def band(page: Page, x: float, y: float) -> int:
    """Which cell of the column at x holds height y: how many horizontal rules crossing x lie above."""
    return sum(1 for ry, x0, x1 in page.hrules if x0 - _SLACK <= x <= x1 + _SLACK and ry < y)


class Columns:
    """The grid's columns: each header word's centre and, where vertical rules enclose it, its extent."""

    def __init__(self, found: list[tuple[str, Word]], page: Optional[Page]):
        self.centres = {f: centre(w) for f, w in found}
        self.extents: dict[str, tuple[float, float]] = {}
        for f, w in found:
            xs = [x for x, top, bottom in (page.vrules if page else [])
                  if top - _SLACK <= middle(w) <= bottom + _SLACK]
            left = [x for x in xs if x <= w.x0 + _SLACK]
            right = [x for x in xs if x >= w.x1 - _SLACK]
            if left and right:
                self.extents[f] = (max(left), min(right))

    def field_of(self, x: float, strict: bool = False) -> Optional[str]:
        """The column at x: the one whose rules enclose it, else the nearest header word's; `strict`:
        None for x outside every column when all columns are ruled."""
        inside = [f for f, (a, b) in self.extents.items() if a <= x <= b]
        if inside:
            return inside[0]
        if strict and len(self.extents) == len(self.centres):
            return None
        return min(self.centres, key=lambda f: abs(self.centres[f] - x))

    def left_edge(self) -> Optional[float]:
        """Left of the 一级 column the card prints its row label ("绩效目标指标", "年度绩效指标"),
        often one character a line: no indicator's."""
        if "level1" in self.extents:
            return self.extents["level1"][0]
        if "level1" in self.centres and "level2" in self.centres:
            one, two = self.centres["level1"], self.centres["level2"]
            return one - (two - one) / 2
        return None


@dataclass
class _Frag:
    line: int
    page: int
    field: str
    text: str
    x: float
    y: float


@dataclass
class _Row:
    line: int
    page: int
    y: float
    value_x: float
    frags: dict[str, list[_Frag]] = field(default_factory=dict)

    def add(self, frag: _Frag) -> None:
        self.frags.setdefault(frag.field, []).append(frag)

    def text(self, field_: str) -> str:
        return "".join(f.text for f in sorted(self.frags.get(field_, []), key=lambda f: (f.y, f.x)))


def _header_columns(doc: Document, header: int) -> Optional[Columns]:
    """The header may print a word above or below its line (国家信访局: "分值" above, "(90)" below,
    or "分值权 / 一级 / …指标值 重 / 指标" wrapped over four lines)."""
    found: list[tuple[str, Word]] = []
    for no in (header, header - 1, header + 1, header - 2, header + 2):
        for w in words_of(doc, no):
            name = next((f for p, f in _COLUMNS if p.match(compact(w.norm))), None)
            if name and name not in {f for f, _ in found}:
                found.append((name, w))
    fields = {f for f, _ in found}
    if "value" not in fields or "level3" not in fields:
        return None
    page = doc.line(header).page
    return Columns(found, doc.pages[page - 1] if page else None)


def _last_on_page(doc: Document, no: int) -> bool:
    return no == len(doc.lines) or doc.line(no + 1).page != doc.line(no).page


def _fragments(doc: Document, header: int, end: int, columns: Columns) -> list[list[_Frag]]:
    """The grid's words line by line, each placed in its column, until the card's 备注 or the next card.
    A grid continued on the next page under the title repeated (烟台 page 48) reads on."""
    left = columns.left_edge()
    out: list[list[_Frag]] = []
    for no in range(header + 1, end):
        words = words_of(doc, no)
        if not words:
            continue
        text = compact(doc.line(no).norm)
        if _GRID_END.match(text) or _NAME.match(text):
            break  # the card's 备注, or the next card
        if _HEADER_REST.match(text) or (_PAGE_NUMBER.match(text) and _last_on_page(doc, no)):
            continue  # "分值" / "(90)" printed around the header line; the page number
        if read_title(text) is not None or _YEAR.match(text):
            continue  # a title and its "(2026年度)": the next card's, or repeated above a grid continued
        page = doc.line(no).page
        frags = [_Frag(no, page, columns.field_of(centre(w)), w.norm.strip(), centre(w), middle(w))
                 for w in words if left is None or centre(w) >= left]
        if frags:
            out.append(frags)
    return out


def _ruled_pages(doc: Document, lines: list[list[_Frag]]) -> set[int]:
    """Pages whose rules separate the grid's rows: the values printed there fall in two or more cells
    (or there is one value). A page with only a frame around the grid reads as unruled."""
    bands: dict[int, set[int]] = {}
    counts: dict[int, int] = {}
    for frags in lines:
        for f in frags:
            page = doc.pages[f.page - 1]
            if f.field == "value" and any(x0 - _SLACK <= f.x <= x1 + _SLACK for _, x0, x1 in page.hrules):
                bands.setdefault(f.page, set()).add(band(page, f.x, f.y))
                counts[f.page] = counts.get(f.page, 0) + 1
    return {p for p, b in bands.items() if len(b) >= 2 or counts[p] == 1}


def _rows(doc: Document, lines: list[list[_Frag]], ruled: set[int]) -> list[_Row]:
    """A row per line printing a value, unless (ruled page) its value cell continues the row above."""
    rows: list[_Row] = []
    for frags in lines:
        values = [f for f in frags if f.field == "value"]
        if not values:
            continue
        first = values[0]
        page = doc.pages[first.page - 1]
        last = rows[-1] if rows else None
        if (first.page in ruled and last is not None and last.page == first.page
                and band(page, first.x, first.y) == band(page, last.value_x, last.y)):
            for f in values:
                last.add(f)
            continue
        row = _Row(first.line, first.page, sum(f.y for f in values) / len(values), first.x)
        for f in values:
            row.add(f)
        rows.append(row)
    return rows


def _nearest(rows: list[_Row], frag: _Frag, header_y: Optional[float]) -> Optional[_Row]:
    """The row printed nearest a fragment (the earlier on a tie); None when the header is nearer
    (a header cell wrapped below its line, "一级指 / 标")."""
    best = min(rows, key=lambda r: (abs(r.y - frag.y), r.y < frag.y))
    if header_y is not None and abs(header_y - frag.y) < abs(best.y - frag.y):
        return None
    return best


def _spans(rows: list[_Row], pieces: list[tuple[int, float, str]]) -> dict[int, str]:
    """A level cell merged over several rows, centred in its span ("产出指标" beside 数量/质量/时效
    rows): it covers the rows from the first one no cell above claimed to the one that centres it.
    `pieces` are (row index, centre, text) top to bottom."""
    out: dict[int, str] = {}
    start = 0
    for k, mid, text in pieces:
        if k < start:
            continue
        end = min(range(k, len(rows)), key=lambda b: abs((rows[start].y + rows[b].y) / 2 - mid))
        for j in range(start, end + 1):
            out[j] = text
        start = end + 1
    return out


def join_wrapped(pieces: list[tuple[int, float, str]]) -> list[tuple[int, float, str]]:
    """Consecutive pieces of a level column that together spell one level name become one cell.

    >>> join_wrapped([(0, 10.0, "产"), (1, 20.0, "出"), (1, 30.0, "指"), (2, 40.0, "标"), (3, 50.0, "质量指标")])
    [(0, 25.0, '产出指标'), (3, 50.0, '质量指标')]
    >>> join_wrapped([(0, 10.0, "社会效益指"), (0, 14.0, "标"), (1, 30.0, "保障")])
    [(0, 12.0, '社会效益指标'), (1, 30.0, '保障')]
    """
    out: list[tuple[int, float, str]] = []
    i = 0
    while i < len(pieces):
        j = next((j for j in range(min(len(pieces), i + _MAX_PIECES), i + 1, -1)
                  if is_level_name("".join(t for _, _, t in pieces[i:j]))), i + 1)
        group = pieces[i:j]
        out.append((group[0][0], (group[0][1] + group[-1][1]) / 2, "".join(t for _, _, t in group)))
        i = j
    return out


def _levels(doc: Document, rows: list[_Row], lines: list[list[_Frag]], ruled: set[int],
            columns: Columns, header_y: Optional[float]) -> tuple[dict[str, dict[int, str]], set[int]]:
    """field → row index → the level cell's text covering that row; and the rows whose 一级 cell the
    rules show printed blank (a cell of its own below the previous row's, 西安 page 33: the 效益 rows
    under no 一级 name), which inherit nothing from the row above."""
    out: dict[str, dict[int, str]] = {}
    blank: set[int] = set()
    for name in LEVELS:
        if name not in columns.centres:
            continue
        x = sum(columns.extents[name]) / 2 if name in columns.extents else columns.centres[name]
        cells: dict[tuple[int, int], list[_Frag]] = {}
        loose: list[tuple[int, float, str]] = []
        for frags in lines:
            for f in frags:
                if f.field != name:
                    continue
                if f.page in ruled:
                    cells.setdefault((f.page, band(doc.pages[f.page - 1], f.x, f.y)), []).append(f)
                    continue
                row = _nearest(rows, f, header_y)
                if row is not None:
                    loose.append((rows.index(row), f.y, f.text))
        spans = _spans(rows, join_wrapped(_by_row(loose)))
        for k, row in enumerate(rows):
            if row.page in ruled:
                page = doc.pages[row.page - 1]
                cell = band(page, x, row.y)
                spans[k] = "".join(f.text for f in sorted(cells.get((row.page, cell), []), key=lambda f: (f.y, f.x)))
                above = rows[k - 1] if k else None
                if (name == "level1" and not spans[k] and above is not None and above.page == row.page
                        and band(page, x, above.y) != cell):
                    blank.add(k)
        out[name] = spans
    return out, blank


def _by_row(loose: list[tuple[int, float, str]]) -> list[tuple[int, float, str]]:
    """Fragments nearest the same row joined into one piece, centred on their mean height."""
    pieces: dict[int, list[tuple[float, str]]] = {}
    for k, y, text in loose:
        pieces.setdefault(k, []).append((y, text))
    return [(k, sum(y for y, _ in ps) / len(ps), "".join(t for _, t in sorted(ps))) for k, ps in sorted(pieces.items())]


def read_grid(doc: Document, header: int, end: int) -> list[Indicator]:
    """The indicators of the grid under its header line."""
    columns = _header_columns(doc, header)
    if columns is None:
        return []
    lines = _fragments(doc, header, end, columns)
    ruled = _ruled_pages(doc, lines)
    rows = _rows(doc, lines, ruled)
    if not rows:
        return []
    header_words = words_of(doc, header)
    header_y = sum(middle(w) for w in header_words) / len(header_words) if header_words else None
    for frags in lines:
        for f in frags:
            if f.field == "value" or f.field in LEVELS:
                continue
            row = _row_of(doc, rows, f, ruled, header_y)
            if row is not None:
                row.add(f)
    levels, blank = _levels(doc, rows, lines, ruled, columns, header_y)
    out: list[Indicator] = []
    previous: Optional[Indicator] = None
    for k, row in enumerate(rows):
        ind = Indicator(line=row.line, lines=sorted({f.line for fs in row.frags.values() for f in fs}),
                        level1=levels.get("level1", {}).get(k) or None,
                        level2=levels.get("level2", {}).get(k) or None, level3=row.text("level3"))
        value = row.text("value")
        split = split_operator(value)
        if split:
            ind.operator, value = split
        ind.value, ind.unit = split_value_unit(value)
        weight = row.text("weight")
        if weight and is_amount_cell(weight, True):
            ind.weight = parse_amount(weight)
        inherit_levels(ind, None if k in blank else previous)
        out.append(ind)
        previous = ind
    return out


def _row_of(doc: Document, rows: list[_Row], frag: _Frag, ruled: set[int],
            header_y: Optional[float]) -> Optional[_Row]:
    """The row a name or weight fragment belongs to: the one sharing its cell (ruled page), else the
    row printed nearest it."""
    if frag.page in ruled:
        page = doc.pages[frag.page - 1]
        cell = band(page, frag.x, frag.y)
        same = [r for r in rows if r.page == frag.page and band(page, frag.x, r.y) == cell]
        if same:
            return min(same, key=lambda r: abs(r.y - frag.y))
    return _nearest(rows, frag, header_y)
