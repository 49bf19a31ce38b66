"""PDF tables read from the page's own geometry: word boxes, header columns, ruling lines.

Text extracted from a PDF loses blank cells, so the text layouts must guess an
amount's column by arithmetic. A PDF still has them: every word has a box, and
most templates draw the grid. This front end reads a table the way a person
does:

* extents: a table starts at its title (a known kind from the vocabulary) and
  runs over the following pages while they continue it: a page continues a
  table when, before its first row, it prints nothing but (repeated) header
  lines. A page of prose, a title, or a title the vocabulary does not know
  (an `unknown` anchor) ends it, so an unrecognised table is never absorbed.
* columns: the leaf columns are the x-intervals between the vertical rules
  that cross the table's rows, or, with no grid, the clusters of the rows'
  words. Each header word covers the columns under its cell (the rules around
  it give the cell's width), so a grouped header ("财政拨款" over
  "一般公共预算/政府性基金", "公务用车购置及运行费" over "小计 购置费 运行费")
  gives each leaf its path, named with the vocabulary's canonical columns;
  a cell wrapped over two lines ("事业单位 / 经营收入") is read joined.
* rows: every line with an amount, a code or a 合计; a label wrapped onto the
  next line inside the same row band (between horizontal rules, or without a
  grid the next line with labels only) is joined to its row. Codes split over
  类/款/项 cells are the digit words of the label columns, blank cells left
  blank. Two-sided tables (收支总表) split at the expenditure side's first
  column, each side its own rows.
* furniture: page numbers and blank pages are skipped; "无" and "…故本表为空表"
  mark an empty table.

Each amount's column is its header's (RawRow.positions), never guessed; a
table whose header names no column the vocabulary knows keeps its amounts
unpositioned and `lineage.parse.build` places them by the arithmetic.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Optional

from lineage.amounts import is_amount_cell
from lineage.parse.build import columns_of
from lineage.parse.layouts.tsv import _assign_roles, column_name
from lineage.parse.locate import Anchor
from lineage.parse.raw import RawRow, RawTable
from lineage.read import Document, compact
from lineage.read.pdf import Page, Word
from lineage.vocab import PERFORMANCE_KINDS, TWO_SIDED, canonical_column, columns, spec

NAME = "pdf"

_CODE = re.compile(r"^\[?(\d{2,})\]?$")
_CODE_NAME = re.compile(r"^\[?(\d{3,})\]?\s*([^\d年月日].*)$")
_TOTAL = re.compile(r"^(合计|总计)$")
_EMPTY = re.compile(r"^无$|为空表|无数据|此表无|无此项|没有.{0,12}(预算|决算|数据)")  # an empty table says so
_META = re.compile(r"编制(部门|单位)|(金额)?单位\s*[:：]|^单位\s*[(（]?\s*(万元|元)")
_PAGE_NO = re.compile(r"^[-—－]?\s*\d{1,3}\s*[-—－]?$|^第\s*\d+\s*页")
_PROSE = re.compile(r"[，。；;]")
_PLACEHOLDER = re.compile(r"^[-—－/／]+$")
# Header words that mark where the expenditure side of a two-sided table begins.
_EXPENDITURE = re.compile(r"支出")


def detect(doc: Document) -> float:
    """A PDF with geometry is read by this front end; text files never are."""
    return 1.0 if doc.pages else 0.0


# --------------------------------------------------------------------------
# lines of a page


@dataclass
class _Line:
    no: int
    page: Page
    words: list[Word]

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    @property
    def mid(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def text(self) -> str:
        return " ".join(w.norm for w in self.words)


def _page_lines(page: Page) -> list[_Line]:
    """The page's printed lines with their words, page numbers left out."""
    by_line: dict[int, list[Word]] = {}
    for w in page.words:
        by_line.setdefault(w.line, []).append(w)
    lines = []
    for no in sorted(by_line):
        line = _Line(no, page, by_line[no])
        if len(line.words) == 1 and _PAGE_NO.match(line.words[0].norm.strip()) and (
            line.top > page.height * 0.9 or line.bottom < page.height * 0.08
        ):
            continue
        lines.append(line)
    return lines


def _starts_rows(line: _Line) -> bool:
    """The first line below a header: an amount, a code at the left, a 合计, or an empty table's 无."""
    first = compact(line.words[0].norm)
    rest_amounts = all(is_amount_cell(w.norm, True) for w in line.words[1:])
    if (_TOTAL.match(first) or _EMPTY.match(first)) and rest_amounts:
        return True
    if _CODE.match(first) or _CODE_NAME.match(first):
        return True
    return any(is_amount_cell(w.norm, False) for w in line.words)


def _header_like(line: _Line) -> bool:
    """A line a (repeated) header could print: short words, no prose, no title."""
    text = compact(line.text)
    return not _PROSE.search(text) and not text.endswith("表") and all(len(compact(w.norm)) <= 16 for w in line.words)


# --------------------------------------------------------------------------
# columns


@dataclass
class _Column:
    x0: float
    x1: float
    path: list[str] = field(default_factory=list)
    name: Optional[str] = None  # canonical column; None for a label column
    side: Optional[str] = None


@dataclass
class _Grid:
    columns: list[_Column]
    header: list[str]  # printed header cells

    def index(self, x: float) -> int:
        """The column holding x (the nearest one outside the grid)."""
        starts = [c.x0 for c in self.columns]
        i = max(0, bisect.bisect_right(starts, x) - 1)
        if x > self.columns[i].x1 and i + 1 < len(self.columns):
            if self.columns[i + 1].x0 - x < x - self.columns[i].x1:
                return i + 1
        return i


def _merge_xs(xs: list[float], tol: float = 2.5) -> list[float]:
    out: list[float] = []
    for x in sorted(xs):
        if out and x - out[-1] <= tol:
            continue
        out.append(x)
    return out


def _vrules_at(page: Page, y: float) -> list[float]:
    return [x for x, top, bottom in page.vrules if top - 1 <= y <= bottom + 1]


def _leaf_intervals(page: Page, rows: list[_Line]) -> list[tuple[float, float]]:
    """Leaf columns: between the vertical rules that cross the rows, else clusters of the rows' words."""
    xs: list[float] = []
    for line in rows:
        xs += _vrules_at(page, line.mid)
    xs = _merge_xs(xs)
    if len(xs) >= 3:
        return list(zip(xs, xs[1:]))
    spans = sorted((w.x0, w.x1) for line in rows for w in line.words)
    clusters: list[list[float]] = []
    for x0, x1 in spans:
        if clusters and x0 <= clusters[-1][1] + 1:
            clusters[-1][1] = max(clusters[-1][1], x1)
        else:
            clusters.append([x0, x1])
    if not clusters:
        return []
    # Boundaries halfway between clusters, so a word a little off its column still falls in it.
    bounds = [clusters[0][0] - 1] + [(a[1] + b[0]) / 2 for a, b in zip(clusters, clusters[1:])] + [clusters[-1][1] + 1]
    return list(zip(bounds, bounds[1:]))


def _cell_extent(page: Page, w: Word) -> tuple[float, float]:
    """A header word's cell: from the rule left of it to the rule right of it, else the word itself."""
    xs = _vrules_at(page, (w.top + w.bottom) / 2)
    left = max((x for x in xs if x <= w.x0 + 1), default=w.x0)
    right = min((x for x in xs if x >= w.x1 - 1), default=w.x1)
    return left, right


def _column_name(kind: str, path: list[str]) -> Optional[str]:
    """The canonical column a header path names, reading cells wrapped over lines joined."""
    name = column_name(kind, path)
    if name:
        return name
    canon = columns(kind)
    synonyms = s.synonyms if (s := spec(kind)) else ()
    for i in range(len(path)):
        for j in range(len(path), i + 1, -1):
            named = canonical_column("".join(path[i:j]), synonyms)
            if named in canon:
                return named
    return None


def _grid(kind: str, page: Page, header: list[_Line], rows: list[_Line]) -> Optional[_Grid]:
    intervals = _leaf_intervals(page, rows)
    if not intervals:
        return None
    columns = [_Column(x0, x1) for x0, x1 in intervals]
    printed: list[str] = []
    ruled = bool(page.vrules)
    for line in header:
        for w in line.words:
            printed.append(w.text)
            x0, x1 = _cell_extent(page, w) if ruled else (w.x0, w.x1)
            for c in columns:
                overlap = min(x1, c.x1) - max(x0, c.x0)
                if overlap > 0.5 * min(c.x1 - c.x0, x1 - x0):
                    c.path.append(compact(w.norm))
    two_sided = kind in TWO_SIDED
    split = _split_x(header, columns) if two_sided else None
    for c in columns:
        c.side = None if split is None else ("expenditure" if c.x0 >= split - 1 else "income")
        c.name = _column_name(kind, c.path)
    names = [c.name for c in columns if c.name]
    printed += [n for n in dict.fromkeys(names) if n not in printed]
    return _Grid(columns, printed)


def _split_x(header: list[_Line], columns: list[_Column]) -> Optional[float]:
    """Where the expenditure side of a two-sided table starts: its header group, else its second 项目."""
    for line in header:
        for w in line.words:
            if _EXPENDITURE.search(compact(w.norm)) and w.x0 > columns[0].x0 + 20:
                i = next((k for k, c in enumerate(columns) if c.x1 > w.x0), None)
                if i is not None:
                    # The group cell starts at the first column whose label is 项目, at or left of the word.
                    for k in range(i, -1, -1):
                        if any(p in ("项目", "项 目") for p in columns[k].path):
                            return columns[k].x0
                    return columns[i].x0
    for line in header:
        items = [w for w in line.words if compact(w.norm) == "项目"]
        if len(items) >= 2:
            return items[1].x0 - 1
    return None


# --------------------------------------------------------------------------
# rows


def _bands(page: Page, lines: list[_Line], grid: _Grid) -> list[list[_Line]]:
    """Lines grouped into printed rows: by horizontal rules when drawn, else a label-only line joins its row."""
    ys = _merge_xs([y for y, x0, x1 in page.hrules if x1 - x0 > 20], 1.5)
    bands: list[list[_Line]] = []
    if len(ys) >= 3:
        for line in lines:
            k = bisect.bisect_right(ys, line.mid)
            if bands and bisect.bisect_right(ys, bands[-1][-1].mid) == k and 0 < k < len(ys):
                bands[-1].append(line)
            else:
                bands.append([line])
        return bands
    for line in lines:
        label_only = not any(
            is_amount_cell(w.norm, grid.columns[grid.index((w.x0 + w.x1) / 2)].name is not None) for w in line.words
        )
        starts = _CODE.match(compact(line.words[0].norm)) or _TOTAL.match(compact(line.words[0].norm))
        near = bands and line.top - bands[-1][-1].bottom < 0.8 * (line.bottom - line.top)
        if bands and label_only and not starts and near:
            bands[-1].append(line)
        else:
            bands.append([line])
    return bands


def _label(words: list[tuple[int, Word]]) -> tuple[list[str], str]:
    """Code groups and name from a row's label words (column, word), top to bottom."""
    groups: list[str] = []
    names: list[tuple[int, str]] = []
    for col, w in words:
        t = compact(w.norm)
        m = _CODE.match(t)
        if m and not names:
            groups.append(m.group(1))
            continue
        m = _CODE_NAME.match(t)
        if m and not names:
            groups.append(m.group(1))
            names.append((col, w.text[w.text.find(m.group(2)[0]):].strip() if m.group(2) else ""))
            continue
        names.append((col, w.text.strip()))
    # Wrapped lines of one cell join without a space; different cells with one.
    parts: list[str] = []
    last = None
    for col, text in names:
        if parts and col == last:
            parts[-1] += text
        else:
            parts.append(text)
        last = col
    return groups, " ".join(parts)


def _rows(kind: str, grid: _Grid, band: list[_Line]) -> list[RawRow]:
    """The row(s) printed in one band: one, or one per side of a two-sided table."""
    sides: dict[Optional[str], tuple[list, list, list]] = {}
    for line in band:
        for w in line.words:
            col = grid.columns[grid.index((w.x0 + w.x1) / 2)]
            labels, amounts, positions = sides.setdefault(col.side, ([], [], []))
            text = w.norm.strip()
            if col.name is not None and is_amount_cell(text, True):
                amounts.append(text)
                positions.append(col.name)
            elif col.name is not None and _PLACEHOLDER.match(text):
                continue
            elif col.name is None and is_amount_cell(text, False) and not _CODE.match(compact(text)):
                amounts.append(text)  # an amount under a label column: its column is unknown
                positions.append(None)
            else:
                labels.append((grid.columns.index(col), w))
    out = []
    for side, (labels, amounts, positions) in sides.items():
        groups, name = _label(labels)
        if not amounts and not (_TOTAL.match(compact(name))):
            continue
        if not amounts:
            continue
        lines = sorted({ln.no for ln in band})
        known = any(p is not None for p in positions)
        out.append(RawRow(
            line=band[0].no, lines=lines, code_groups=groups, name=name, amounts=amounts,
            positions=positions if known and None not in positions else None, side=side,
        ))
    return out


# --------------------------------------------------------------------------
# extents


def _pages_of(doc: Document) -> dict[int, list[_Line]]:
    return {p.no: _page_lines(p) for p in doc.pages}


def read_tables(doc: Document, anchors: list[Anchor]) -> list[RawTable]:
    """One RawTable per printed table, its rows read from the page geometry."""
    lines_of = _pages_of(doc)
    starts = sorted(
        (a for a in anchors if not a.in_contents and (a.kind or a.unknown)), key=lambda a: a.line
    )
    markers = {a.line: a.number for a in anchors if not a.in_contents and a.kind is None and a.number}
    tables = []
    for i, anchor in enumerate(starts):
        if anchor.kind is None:
            continue  # a title the vocabulary does not know: it only ends the table before it
        stop = starts[i + 1].line if i + 1 < len(starts) else len(doc.lines) + 1
        number = anchor.number or next(
            (markers[n] for n in range(anchor.line - 1, max(0, anchor.line - 4), -1) if n in markers), None
        )
        raw = RawTable(kind=anchor.kind, number=number, title=anchor.title, line=anchor.line, end_line=anchor.line)
        _read_table(doc, lines_of, raw, stop)
        tables.append(raw)
    return tables


def _read_table(doc: Document, lines_of: dict[int, list[_Line]], raw: RawTable, stop: int) -> None:
    """Read the table's rows from its title page and the pages that continue it."""
    page_no = doc.line(raw.line).page or 1
    grid: Optional[_Grid] = None
    rows: list[RawRow] = []
    first_page = True
    while page_no <= len(doc.pages):
        lines = [ln for ln in lines_of[page_no] if (ln.no > raw.line) and ln.no < stop]
        page = doc.pages[page_no - 1]
        page_no += 1
        if not lines:
            if first_page or not page.words:
                first_page = False
                continue  # the title ends its page, or a blank page (an invisible grid) between
            break
        body = [ln for ln in lines if not (_META.search(ln.text) and not _starts_rows(ln))]
        start = next((k for k, ln in enumerate(body) if _starts_rows(ln)), None)
        if start is None:
            if first_page and any(_EMPTY.search(compact(ln.text)) for ln in body):
                raw.empty = True
                raw.end_line = max(raw.end_line, body[-1].no)
            break
        header, data = body[:start], body[start:]
        if not first_page and not all(_header_like(ln) for ln in header):
            break  # prose or a new heading before the rows: not this table
        first_page = False
        if header or grid is None:
            grid = _grid(raw.kind, page, header, data) or grid
            if grid is not None:
                raw.header += [h for h in grid.header if h not in raw.header]
        if grid is None:
            break
        if raw.kind in PERFORMANCE_KINDS:
            raw.end_line = data[-1].no
            continue  # performance tables are read by lineage.parse.performance from the lines
        if any(_EMPTY.search(compact(ln.text)) for ln in data):
            raw.empty = True
        ended = False
        kept: list[_Line] = []
        for ln in data:
            if _PROSE.search(compact(ln.text)) and not any(is_amount_cell(w.norm, False) for w in ln.words):
                if _EMPTY.search(compact(ln.text)):
                    raw.empty = True
                ended = True  # a note under the table ("注：…") ends it
                break
            kept.append(ln)
        for band in _bands(page, kept, grid):
            rows += _rows(raw.kind, grid, band)
        if kept:
            raw.end_line = max(raw.end_line, kept[-1].no)
        if ended:
            break
    raw.rows = rows
    if rows:
        _assign_roles(rows, raw.kind in TWO_SIDED)
        if not columns_of(raw):
            for row in rows:
                row.positions = None
