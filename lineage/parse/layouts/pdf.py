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
from lineage.vocab.tables import FUNDS
from lineage.vocab import columns as columns_of_kind

NAME = "pdf"

_CODE = re.compile(r"^\[?(\d{2,})\]?$")
_CODE_NAME = re.compile(r"^\[?(\d{3,})\]?\s*([^\d年月日].*)$")
_TOTAL = re.compile(r"^(合计|总计)$")
_EMPTY = re.compile(r"^无$|为空表|无数据|此表无|无此项|没有.{0,12}(预算|决算|数据)")  # an empty table says so
_META = re.compile(r"编制(部门|单位)|(金额)?单位\s*[:：]|^单位\s*[(（]?\s*(万元|元)")
_PAGE_NO = re.compile(r"^[-—－]?\s*\d{1,3}\s*[-—－]?$|^第\s*\d+\s*页")
_PROSE = re.compile(r"[，。；;]")
_YEAR = re.compile(r"^20\d\d年度?")
_PLACEHOLDER = re.compile(r"^[-—－/／]+$")
# An amount a narrow cell wraps before its last digits (深圳 表5: "376,936.6" over "0", "175,400.5" over "9").
_CUT = re.compile(r"(\.\d|,\d{0,2}|[.,])$")
# The label column naming a unit (深圳 prints a 预算单位 column: "深圳市交通运输局（本级）" and its amounts).
_UNIT_HEADER = re.compile(r"^(预算)?单位(名称)?$")
# Label columns that describe a row rather than name it (烟台 公开表11 "项目类别": 其他运转类, 特定目标类).
_ATTRIBUTE_HEADER = re.compile(r"^(项目(类别|类型|属性|简介)|资金性质|备注|说明)$")
# A unit's name, as a table's first row prints it in place of 合计.
_UNIT_NAME = re.compile(r"(（本级）|\(本级\)|[局厅]|委员会|办公室|办事处|支队)$")
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
    """The page's printed lines with their words, page numbers left out.

    A page number is a lone number ("6", "—13—", "第 6 页") printed as the page's
    first line in its top tenth or its last line in its bottom quarter.
    """
    by_line: dict[int, list[Word]] = {}
    for w in page.words:
        by_line.setdefault(w.line, []).append(w)
    lines = [_Line(no, page, by_line[no]) for no in sorted(by_line)]

    def page_number(line: _Line, edge: bool) -> bool:  # 深圳 prints "- 24 -" as three words
        return edge and len(line.words) <= 3 and bool(_PAGE_NO.match(" ".join(w.norm.strip() for w in line.words)))

    if lines and page_number(lines[-1], lines[-1].top > page.height * 0.75):
        lines.pop()
    if lines and page_number(lines[0], lines[0].bottom < page.height * 0.1):
        lines.pop(0)
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
    name: Optional[str] = None  # canonical column; None for a label column or one the vocabulary lacks
    side: Optional[str] = None
    label: bool = False  # names or codes, not amounts
    filled: bool = False  # some row prints an amount in it
    code: bool = False  # a label column printing codes (类/款/项 cells, or one code)
    attribute: bool = False  # a label column describing the row, not naming it (项目类别, 备注)
    blank: bool = False  # no row prints anything in it (西安 表12's 购买服务内容): no panel starts there
    second: bool = False  # a label column of a second classification printed beside the first
    # Printed beside the table's own columns and kept on the row as a note, never read into them:
    # an earlier year's group ("2025年预算数" beside "2026年预算数") or an unnamed "其中：…" column.
    earlier: Optional[str] = None

    @property
    def printed(self) -> str:
        return "/".join(self.path)


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


def _ruled(page: Page, line: _Line) -> bool:
    """Whether vertical rules cross the line: it sits in a drawn grid."""
    return len(_vrules_at(page, line.mid)) >= 2


def _cell_extent(page: Page, w: Word) -> tuple[float, float]:
    """A header word's cell: from the rule left of it to the rule right of it, else the word itself."""
    xs = _vrules_at(page, (w.top + w.bottom) / 2)
    left = max((x for x in xs if x <= w.x0 + 1), default=w.x0)
    right = min((x for x in xs if x >= w.x1 - 1), default=w.x1)
    return left, right


def _column_name(kind: str, path: list[str]) -> Optional[str]:
    """The canonical column a header path names, reading cells wrapped over lines joined."""
    path = [_YEAR.sub("", p) or p for p in path]  # "2026年预算数" names the 预算数 column
    s = spec(kind)
    if s and s.pairs and any(compact(p) in s.pairs for p in path):
        return _pair_column(kind, path)
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
    return _fund_part(kind, path)


def _fund_part(kind: str, path: list[str]) -> Optional[str]:
    """A column's part in one fund (TableSpec.fund), the fund's cell wrapped or not: the column itself
    in the table's own fund, "<column>/<fund>" in another.

    >>> _fund_part("gp_three_public", ["总计", "一般公共预", "算"]), _fund_part("gp_three_public", ["公务接待费", "政府性基金", "预算"])
    ('合计', '公务接待费/政府性基金预算')
    >>> _fund_part("gp_three_public", ["公务用车购置及运行维护费", "小计", "国有资本经", "营预算"])
    '公务用车购置及运行费/小计/国有资本经营预算'
    """
    s = spec(kind)
    if s is None or s.fund is None:
        return None
    canon = columns(kind)
    for k in range(len(path) - 1, 0, -1):
        fund = canonical_column("".join(path[k:]))
        if fund not in FUNDS:
            continue
        head = canonical_column("".join(path[:k]), s.synonyms) or column_name(kind, path[:k])
        name = head if fund == s.fund else f"{head}/{fund}"
        return name if head in canon and name in canon else None
    return None


def _pair_column(kind: str, path: list[str]) -> Optional[str]:
    """"<item>/预算数" for a leaf printed under a 预算数 | 决算数 pair (TableSpec.pairs).

    The pair word may sit under each item (Shanghai: "公务接待费 › 预算数") or over
    all of them (the national 公开表: "预算数 › 公务接待费"). The item is the longest
    run of the other header cells that the vocabulary names ("公务用车" over "购置费"
    is 公务用车购置费); a 小计 under a group names the group's 小计
    ("公务用车购置及运行维护费 › 小计").

    >>> _pair_column("actual_three_public", ["财政拨款“三公”经费", "公务接待费", "决算数"])
    '公务接待费/决算数'
    >>> _pair_column("actual_three_public", ["预算数", "公务用车购置及运行费", "小计"])
    '公务用车购置及运行费/小计/预算数'
    >>> _pair_column("actual_three_public", ["决算数", "因公出国", "(境)费"])
    '因公出国（境）费用/决算数'
    """
    s = spec(kind)
    assert s is not None
    at = next(i for i, p in enumerate(path) if compact(p) in s.pairs)
    member, above = compact(path[at]), [compact(p) for p in path[:at] + path[at + 1:]]
    items = {c.rsplit("/", 1)[0] for c in s.columns if c.endswith("/" + member)}
    if len(above) > 1 and above[-1] == "小计":
        group = canonical_column(above[-2], s.synonyms) or above[-2]
        return f"{group}/小计/{member}" if f"{group}/小计" in items else None
    for i in range(len(above)):
        joined = "".join(above[i:])
        item = joined if joined in items else canonical_column(joined, s.synonyms)
        if item in items:
            return f"{item}/{member}"
    return None


@dataclass
class _Cell:
    """A header cell: its words on one line, joined, and the x-range it spans."""

    text: str
    x0: float
    x1: float


def _header_cells(page: Page, line: _Line, leaves: Optional[list[_Column]] = None) -> list[_Cell]:
    """A header line's cells: words inside one ruled cell, or letter-spaced ("项 目"), join into one.

    Letter-spacing joins only words over one leaf column (when the leaves are known): 深圳 wraps
    "一般公共预算 / 拨款" and "政府性基金预算 / 拨款" in neighbouring unruled cells, and their two
    "拨款" are two cells, not one spaced word.
    """
    cells: list[_Cell] = []
    last: Optional[tuple[float, float]] = None

    def leaf(x0: float, x1: float) -> Optional[int]:
        mid = (x0 + x1) / 2
        return next((i for i, c in enumerate(leaves or []) if c.x0 <= mid < c.x1), None)

    for w in line.words:
        extent = _cell_extent(page, w) if page.vrules else (w.x0, w.x1)
        height = w.bottom - w.top
        # Letter-spaced words ("项 目") join; words in two ruled cells ("项目 | 合计") never do.
        own_cell = page.vrules and last is not None and extent != last and extent != (w.x0, w.x1)
        spaced = cells and not own_cell and len(compact(w.norm)) <= 2 and len(compact(cells[-1].text)) <= 2 and \
            w.x0 - cells[-1].x1 < 3 * height and (not leaves or leaf(w.x0, w.x1) == leaf(cells[-1].x0, cells[-1].x1))
        if cells and ((page.vrules and extent == last and extent != (w.x0, w.x1)) or spaced):
            cells[-1] = _Cell(cells[-1].text + compact(w.norm), cells[-1].x0, max(cells[-1].x1, w.x1))
            if page.vrules:
                cells[-1].x0, cells[-1].x1 = extent
        else:
            cells.append(_Cell(compact(w.norm), *(extent if page.vrules else (w.x0, w.x1))))
        last = extent
    return cells


def _grid(kind: str, page: Page, header: list[_Line], rows: list[_Line]) -> Optional[_Grid]:
    intervals = _leaf_intervals(page, rows)
    if not intervals:
        return None
    columns = [_Column(x0, x1) for x0, x1 in intervals]
    printed: list[str] = []
    split: Optional[float] = None
    for line in header:
        for cell in _header_cells(page, line, columns):
            printed.append(cell.text)
            if split is None and kind in TWO_SIDED and _EXPENDITURE.search(cell.text) and cell.x0 > columns[0].x0 + 20:
                split = cell.x0  # the expenditure side's group cell ("支出", "本年支出", "财政拨款支出")
            for c in columns:
                overlap = min(cell.x1, c.x1) - max(cell.x0, c.x0)
                if overlap > 0.5 * min(c.x1 - c.x0, cell.x1 - cell.x0):
                    c.path.append(cell.text)
    if kind in TWO_SIDED and split is None:
        items = [c.x0 for c in columns if "项目" in c.path]
        split = items[1] if len(items) >= 2 else None
    _mark_earlier_years(columns)
    for c in columns:
        c.side = None if split is None else ("expenditure" if c.x0 >= split - 1 else "income")
        c.name = None if c.earlier else _column_name(kind, c.path)
    _mark_labels(columns, rows, kind)
    for c in columns:
        c.name = None if c.label else c.name
        if c.name is None and not c.label and any(p.startswith(("其中", "扣除")) for p in c.path):
            # 西安 "一般公共预算拨款 / 其中：专项资金列入部门预算项目": of which, not a part; 国家信访局
            # "扣除中央基建投资后预算数": the same total by another measure
            c.earlier = c.printed
    _outer_total(kind, columns)
    names = [c.name for c in columns if c.name]
    printed += [n for n in dict.fromkeys(names) if n not in printed]
    return _Grid(columns, printed)


_YEAR_GROUP = re.compile(r"^(20\d\d)年(度)?(预算|预算数|执行数)?$")
_THIS_YEAR = re.compile(r"^(当年|本年)(预算数?)?$")
_COMPARED = re.compile(r"^(上年(预算数?|执行数?)?|增减(变化)?(情况|金额|额)?|比上年增减|20\d\d年(预算数?)?比.*)$")


def _outer_total(kind: str, columns: list[_Column]) -> None:
    """Two 合计 columns on one side: a group's 小计 and a 合计 over it and more (西安 表13: 合计 =
    the 三公's 小计 + 会议费 + 培训费). The group's is the table's 合计; the outer one is its 总计
    where the kind has one, else a column the vocabulary does not name."""
    totals = [c for c in columns if c.name == "合计" and not c.earlier]
    if len(totals) != 2 or totals[0].side != totals[1].side or len(totals[0].path) == len(totals[1].path):
        return
    outer = min(totals, key=lambda c: len(c.path))
    outer.name = "总计" if "总计" in columns_of_kind(kind) else None


def _mark_earlier_years(columns: list[_Column]) -> None:
    """Columns grouped under an earlier year's heading than the table's latest ("2025年预算数" beside
    "2026年预算数", 烟台's 三公 table): last year's figures, printed for comparison. They are kept
    on the row (RawRow.note) and never read into this year's columns."""
    years = [(c, m.group(1)) for c in columns if c.path and (m := _YEAR_GROUP.match(c.path[0]))]
    if len({year for _, year in years}) >= 2:
        latest = max(year for _, year in years)
        for c, year in years:
            if year < latest:
                c.earlier = c.printed
    # 西安 表13: "上年 | 当年 | 增减变化情况" groups, each over the same 三公 columns; 国家信访局 部门公开表5:
    # "2025年执行数 | 2026年预算数 | 2026年预算数比2025年执行数 增减额 增减(%)".
    if any(c.path and (_THIS_YEAR.match(c.path[0]) or c.earlier is None and _YEAR_GROUP.match(c.path[0]))
           for c in columns):
        for c in columns:
            if c.path and _COMPARED.match(c.path[0]):
                c.earlier = c.printed


def _describes(kind: str, c: _Column) -> bool:
    """Whether the kind's vocabulary says the column describes its rows (TableSpec.describing)."""
    s = spec(kind)
    return bool(s and c.path and any(re.match(p, compact(c.path[-1])) for p in s.describing))


def _mark_labels(columns: list[_Column], rows: list[_Line], kind: str) -> None:
    """Which columns print labels (names, codes) rather than amounts, judged by their cells.

    Bare integers are codes ("204", "06") under a header the vocabulary does not
    name, and amounts ("0", "6860000") under one it does. A column the kind's
    vocabulary says describes its rows (TableSpec.describing: 政府采购's 数量) is
    never a code column, whatever it prints.
    """
    starts = [c.x0 for c in columns]
    counts = [[0, 0, 0] for _ in columns]  # words, bare integers, amounts
    for line in rows:
        for w in line.words:
            i = max(0, bisect.bisect_right(starts, (w.x0 + w.x1) / 2) - 1)
            t = w.norm.strip()
            counts[i][2 if is_amount_cell(t) else 1 if is_amount_cell(t, True) else 0] += 1
    for c, (words, integers, amounts) in zip(columns, counts):
        c.label = words > amounts + integers if c.name else words + integers > amounts
        c.filled = amounts + integers > 0
        c.blank = words + integers + amounts == 0
        c.attribute = c.label and (bool(_ATTRIBUTE_HEADER.match(c.printed)) or _describes(kind, c))
        if not c.label and c.name is None and _describes(kind, c):
            c.earlier = c.printed  # numbers that say what an item is (政府采购's 单价, a 数量 "2.00"), not its cost
        c.code = c.label and integers > words and not c.attribute
    _mark_second_classification(columns)


def _mark_second_classification(columns: list[_Column]) -> None:
    """Label columns of a second classification on the same row: codes again after a name column.

    烟台's 一般公共预算基本支出情况表 prints "301 工资福利支出 | 501 机关工资福利支出 | amounts": the
    部门预算 economic code and name, then the 政府预算 one. The row is the first; the second is kept
    beside it (RawRow.note), never joined into its code or name.
    """
    coded = named = second = False  # in this run of label columns: a code column seen, then a name column
    for c in columns:
        if c.blank or c.attribute or c.earlier:
            continue  # prints nothing, describes the row or is kept aside: the run goes on past it
        if not c.label:
            coded = named = second = False
            continue
        if c.code and coded and named:
            second = True
        coded = coded or c.code
        named = named or (coded and not c.code)
        c.second = second


# --------------------------------------------------------------------------
# rows


def _row_rules(page: Page) -> list[float]:
    """The y of the horizontal rules that separate rows (three or more), else none."""
    ys = _merge_xs([y for y, x0, x1 in page.hrules if x1 - x0 > 20], 1.5)
    return ys if len(ys) >= 3 else []


def _bands(page: Page, lines: list[_Line], grid: _Grid) -> list[list[_Line]]:
    """Lines grouped into printed rows.

    With horizontal rules a row is what lies between two of them, so a name
    wrapped above and below its vertically centred amounts stays one row.
    Without, a line printing only labels joins the row it is nearer to.
    """
    ys = _row_rules(page)
    bands: list[list[_Line]] = []
    if ys:
        for line in lines:
            k = bisect.bisect_right(ys, line.mid)
            if bands and bisect.bisect_right(ys, bands[-1][-1].mid) == k and 0 < k < len(ys):
                bands[-1].append(line)
            else:
                bands.append([line])
        return bands

    def label_only(line: _Line) -> bool:
        first = compact(line.words[0].norm)
        return not (_CODE.match(first) or _TOTAL.match(first)) and not any(
            is_amount_cell(w.norm, grid.columns[grid.index((w.x0 + w.x1) / 2)].name is not None) for w in line.words
        )

    pending: list[_Line] = []  # label-only lines not yet given to a row
    for line in lines:
        if label_only(line):
            pending.append(line)
            continue
        for p in pending:  # each joins the nearer of the row above and this one
            if bands and p.top - bands[-1][-1].bottom <= line.top - p.bottom:
                bands[-1].append(p)
            else:
                bands.append([p])
        if pending and bands and bands[-1][-1] is pending[-1] and line.top - pending[-1].bottom < \
                pending[-1].bottom - pending[-1].top:
            bands[-1].append(line)
        else:
            bands.append([line])
        pending = []
    for p in pending:
        (bands[-1] if bands else bands.append([]) or bands[-1]).append(p)
    return bands


def _label(words: list[tuple[int, Word]]) -> tuple[list[str], str]:
    """Code groups and name from a row's label words (column, word).

    Digit words are the code cells (类/款/项 or one code) wherever the name
    wraps around them; the name is read column by column, top to bottom, a
    cell wrapped over lines joined without a space.
    """
    groups: list[str] = []
    names: list[tuple[int, str]] = []
    for col, w in sorted(words, key=lambda cw: (cw[0], cw[1].top)):
        t = compact(w.norm)
        m = _CODE.match(t)
        if m:
            groups.append(m.group(1))
            continue
        m = _CODE_NAME.match(t)
        if m and not names:
            groups.append(m.group(1))
            names.append((col, w.text[w.text.find(m.group(2)[0]):].strip() if m.group(2) else ""))
            continue
        names.append((col, w.text.strip()))
    parts: list[str] = []
    last = None
    for col, text in names:
        if parts and col == last:
            parts[-1] += text
        else:
            parts.append(text)
        last = col
    return groups, " ".join(parts)


def _panels(grid: _Grid) -> list[int]:
    """Each column's panel: a label column after amount columns (or a new side) starts the next.

    A two-sided summary has two panels, a table printing two code panels side
    by side (决算's basic expenditure) or three expenditure panels (西安) more;
    each panel of a printed line is its own row.
    """
    out, panel = [], 0
    # The last column that prints something of the row's own: a blank column, or one kept aside (a 单价
    # among 政府采购's label columns), splits nothing.
    printed: Optional[_Column] = None
    for i, c in enumerate(grid.columns):
        prev = grid.columns[i - 1] if i else None
        if prev is not None and (c.side != prev.side or (
                c.label and not c.earlier and printed is not None and not printed.label)):
            panel += 1
        out.append(panel)
        printed = printed if c.blank or c.earlier else c
    return out


def _level_cells(grid: _Grid, labels: list[tuple[int, Word]], groups: list[str]) -> list[str]:
    """Codes printed one level per cell, each row printing only its own level (烟台: "205" under 类,
    then "08" under 款, then "03" under 项): the blank cells before it become "" for _carry_codes."""
    cols = [i for i, w in sorted(labels, key=lambda cw: (cw[0], cw[1].top)) if _CODE.match(compact(w.norm))]
    if not groups or len(cols) != len(groups) or len(groups[0]) != 2:
        return groups
    first = start = cols[0]
    while start > 0 and grid.columns[start - 1].label:
        start -= 1
    return [""] * (first - start) + groups


def _carry_codes(rows: list[RawRow]) -> None:
    """Fill the blank 类/款 cells of a code printed one level per cell from the row above
    ("", "08" under "205" is 20508); a code with no row above to complete it stays as printed."""
    above: dict[Optional[str], list[str]] = {}
    for row in rows:
        groups = row.code_groups
        if not groups:
            continue
        if groups[0] == "":
            prefix = above.get(row.side, [])
            n = next(k for k, g in enumerate(groups) if g)
            row.code_groups = (prefix[:n] if len(prefix) >= n else []) + groups[n:]
        above[row.side] = row.code_groups


def _panel_headings(grid: _Grid) -> dict[int, Optional[str]]:
    """Each panel's heading: None for a side's first panel (or a one-sided table's), else what its label
    column's header prints below the side's group cell (西安 表1: "支出 › 部门预算支出经济分类科目（按大类）")."""
    panel_of = _panels(grid)
    first: dict[Optional[str], list[str]] = {}
    out: dict[int, Optional[str]] = {}
    for panel, c in zip(panel_of, grid.columns):
        if panel in out or c.side is None:
            out.setdefault(panel, None)
            continue
        if c.side not in first:
            first[c.side] = c.path
            out[panel] = None
            continue
        shared = next((k for k, (a, b) in enumerate(zip(c.path, first[c.side])) if a != b), len(c.path))
        out[panel] = "".join(c.path[shared:]) or f"第{len(set(out.values()))}栏"
    return out


def _unknown_headers(grid: _Grid) -> Optional[str]:
    """A problem message naming the amount columns whose header the vocabulary does not know."""
    unknown = [c.printed for c in grid.columns if c.filled and not c.label and c.name is None and c.path and not c.earlier]
    if not unknown:
        return None
    return (f"表头「{'」「'.join(dict.fromkeys(unknown))}」不在词表中：本表各行不按位置读，"
            "改按本表的合计关系放置（放不下的行只留印出的金额）")


def _rows(grid: _Grid, band: list[_Line]) -> list[RawRow]:
    """The row(s) printed in one band: one per panel that prints an amount."""
    panel_of = _panels(grid)
    panels: dict[int, tuple[list, list, list]] = {}
    seconds: dict[int, list[tuple[int, Word]]] = {}  # a second classification's cells, per panel
    earlier: dict[int, list[str]] = {}  # an earlier year's amounts, per panel
    cut: dict[tuple[int, int], int] = {}  # (panel, column) → its amount that a narrow cell cut short
    attributes: dict[int, dict[str, str]] = {}  # per panel: header → what a describing column prints
    for line in band:
        for w in line.words:
            i = grid.index((w.x0 + w.x1) / 2)
            col = grid.columns[i]
            labels, amounts, positions = panels.setdefault(panel_of[i], ([], [], []))
            text = w.norm.strip()
            if col.earlier:  # amounts and their 增减(%) alike
                earlier.setdefault(panel_of[i], []).append(f"{col.earlier} {text}")
            elif not col.label and is_amount_cell(text, True):
                k = cut.pop((panel_of[i], i), None)
                if k is not None and is_amount_cell(amounts[k] + text):
                    amounts[k] += text  # the rest of an amount wrapped in its cell
                    continue
                if _CUT.search(text):
                    cut[(panel_of[i], i)] = len(amounts)
                amounts.append(text)
                positions.append(col.name)  # None: a header the vocabulary does not know
            elif not col.label and _PLACEHOLDER.match(text):
                continue
            elif col.label and is_amount_cell(text) and not _CODE.match(compact(text)):
                amounts.append(text)  # an amount under a label column: its column is unknown
                positions.append(None)
            elif col.second:
                seconds.setdefault(panel_of[i], []).append((i, w))
            elif col.attribute and not _TOTAL.match(compact(text)):  # a 合计 printed there still names the row
                described = attributes.setdefault(panel_of[i], {})
                described[col.printed] = described.get(col.printed, "") + compact(w.text)
            else:
                labels.append((i, w))
    out: list[RawRow] = []
    indent: dict[int, Optional[float]] = {}  # row → its name's offset from its column's left edge
    lines = sorted({ln.no for ln in band})
    headings = _panel_headings(grid)
    for panel, (labels, amounts, positions) in sorted(panels.items()):
        side = grid.columns[panel_of.index(panel)].side
        if not amounts:
            continue
        groups, name = _label(labels)
        groups = _level_cells(grid, labels, groups)
        also = _label(seconds.get(panel, []))
        notes = [f"并列科目：{' '.join(also[0] + [also[1]]).strip()}"] if seconds.get(panel) else []
        notes += [f"另列：{'；'.join(earlier[panel])}"] if earlier.get(panel) else []
        notes += [f"{header}：{text}" for header, text in attributes.get(panel, {}).items()]
        note = "；".join(notes) or None
        role = "unit" if labels and not groups and all(
            _UNIT_HEADER.match("".join(grid.columns[i].path)) for i, _ in labels) else None
        named = [w for _, w in labels if not _CODE.match(compact(w.norm))]
        # The name's first line tells its indentation: a wrapped name's next lines start at the cell's
        # edge (深圳 表5 "     安全生产和应急管理 / 专项经费").
        top = min((w.top for w in named), default=0.0)
        indent[len(out)] = min((w.x0 - grid.columns[i].x0 for i, w in labels if w in named and w.top < top + 1),
                               default=None)
        out.append(RawRow(
            line=band[0].no, lines=lines, code_groups=groups, name=name, amounts=amounts,
            # Positions only when every amount sits under a header the vocabulary knows; otherwise
            # build places the row by the table's arithmetic (see _unknown_headers), never half.
            positions=positions if all(p is not None for p in positions) else None, side=side, role=role,
            note=note, panel=headings[panel], described=attributes.get(panel, {}),
        ))
    for k, row in enumerate(out):
        row.depth = None if indent.get(k) is None else round(indent[k], 1)  # a raw offset until _depths
    return out


# Numbering before a row name: "1、", "其中：（1）", "（2）", "一、".
_ROW_NUMBERING = re.compile(r"^(其中[:：])?([(（]?[\d一二三四五六七八九十]+[)）、.．]?)?")


def _fold_transposed(raw: RawTable) -> None:
    """A table printed transposed — its columns as rows under one 预算数 (福州 十: "合计 27.31",
    "1、因公出国（境）费用 0.00", … "（2）公务用车运行费 25.31") — becomes the one row it stands for,
    each amount in the column its row names. Only when every row names a different column of the kind."""
    s = spec(raw.kind)
    if not s or len(s.columns) < 3 or len(raw.rows) < 3 or any(len(r.amounts) != 1 or r.code_groups for r in raw.rows):
        return
    named = [canonical_column(_ROW_NUMBERING.sub("", compact(r.name)), s.synonyms) for r in raw.rows]
    if any(n not in s.columns for n in named) or len(set(named)) != len(named):
        return
    first = raw.rows[0]
    raw.rows = [RawRow(line=first.line, lines=sorted({n for r in raw.rows for n in (r.lines or [r.line])}),
                       code_groups=[], name="合计" if named[0] == "合计" else "", amounts=[r.amounts[0] for r in raw.rows],
                       positions=named)]
    raw.header += [n for n in named if n not in raw.header]
    # Its one amount column ("预算数") named no column: the rows do, so that problem is gone.
    raw.problems = [(line, m) for line, m in raw.problems if not m.startswith("表头「")]


def _period(row: RawRow) -> Optional[tuple[str, str]]:
    """(the rest of its name, its year or "" for a change) of a row whose last label cell is a year
    ("2025年") or a change ("增减变化金额"); None for any other row."""
    rest, _, last = row.name.rpartition(" ")
    if row.code_groups:
        return None
    if (m := _YEAR_GROUP.match(compact(last))) is not None:
        return rest, m.group(1)
    return (rest, "") if _COMPARED.match(compact(last)) else None


def _fold_year_rows(raw: RawTable) -> None:
    """Years printed as rows (深圳 表9: "深圳市交通运输局（本级） | 2025年", "2026年", "增减变化金额", each
    with every column) state this year's figures in the latest year's row. That row stands for them,
    named by what its group prints beside the years (the unit); the earlier years' and the change rows
    are kept on it as a note, as last year's columns are (_mark_earlier_years), never read as rows."""
    groups: list[list[tuple[RawRow, str, str]]] = []
    previous: Optional[RawRow] = None
    for row in raw.rows:
        period = _period(row)
        if period is None:
            previous = None
            continue
        if previous is None or period[0]:  # a name beside the year starts the next group
            groups.append([])
        groups[-1].append((row, *period))
        previous = row
    folded: dict[int, RawRow] = {}
    for group in groups:
        years = {year for _, _, year in group if year}
        if len(years) < 2:
            continue
        latest = max(years)
        keep = next(row for row, _, year in group if year == latest)
        others = [f"{compact(row.name.rpartition(' ')[2])} {' '.join(row.amounts)}" for row, _, year in group
                  if row is not keep]
        keep.note = "；".join(filter(None, [keep.note, f"{latest}年", f"另列：{'；'.join(others)}"]))
        keep.name = next((rest for _, rest, _ in group if rest), "")
        keep.lines = sorted({n for row, _, _ in group for n in (row.lines or [row.line])})
        for row, _, _ in group:
            folded[id(row)] = keep
    if folded:
        raw.rows = [r for r in raw.rows if folded.get(id(r), r) is r]


def _unit_total(rows: list[RawRow]) -> None:
    """A table printing one unit's row in its 预算单位 column and no 合计 (深圳: "深圳市交通运输局（本级）
    388,763.56 …" above the subjects) states its total there; several unit rows stay units."""
    if any(r.role in ("total", "total_repeat") for r in rows) or not rows:
        return
    units = [r for r in rows if r.role == "unit"]
    if len(units) == 1 and units[0] is rows[0]:
        units[0].role = "total"
    elif not units and not rows[0].code_groups and rows[0].role is None and \
            _UNIT_NAME.search(compact(rows[0].name)):
        rows[0].role = "total"  # 深圳 表4/表5 print the unit under "支出项目类别", above its items


def _depths(rows: list[RawRow]) -> None:
    """Indentation levels from the names' offsets (RawRow.depth), where the names are indented.

    Offsets within 2 points are one level. Left-aligned names all share one
    offset and centred ones spread over many: both leave depth unset, so the
    codes, not the indentation, tell the levels.
    """
    for side, panel in {(r.side, r.panel) for r in rows}:
        items = [r for r in rows if (r.side, r.panel) == (side, panel) and r.role not in ("total", "total_repeat")]
        offsets = sorted({r.depth for r in items if r.depth is not None})
        levels: list[float] = []
        for x in offsets:
            if not levels or x - levels[-1] > 2:
                levels.append(x)
        indented = 1 < len(levels) <= 4 and all(r.depth is not None for r in items)
        for r in rows:
            if (r.side, r.panel) == (side, panel):
                r.depth = next(i for i, x in enumerate(levels) if r.depth <= x + 2) \
                    if indented and r in items else None


# --------------------------------------------------------------------------
# extents


def _pages_of(doc: Document) -> dict[int, list[_Line]]:
    return {p.no: _page_lines(p) for p in doc.pages}


def read_tables(doc: Document, anchors: list[Anchor]) -> list[RawTable]:
    """One RawTable per printed table, its rows read from the page geometry.

    A heading and the title under it ("一、收支预算总表" / "2026年度收支预算总表")
    start one table; a title printed again at the top of a continuation page
    (same kind, title and number) continues the table before it.
    """
    lines_of = _pages_of(doc)
    starts = sorted(
        (a for a in anchors if not a.in_contents and (a.kind or a.unknown)), key=lambda a: a.line
    )
    markers = {a.line: a.number for a in anchors if not a.in_contents and a.kind is None and a.number}
    skip = {a.line for a in anchors if not a.in_contents}  # title and marker lines are never header cells
    tables: list[RawTable] = []
    previous: Optional[RawTable] = None
    carried: Optional[str] = None
    for i, anchor in enumerate(starts):
        if anchor.kind is None:
            previous = None
            continue  # a title the vocabulary does not know: it only ends the table before it
        nxt = starts[i + 1] if i + 1 < len(starts) else None
        number = anchor.number or carried or next(
            (markers[n] for n in range(anchor.line - 1, max(0, anchor.line - 4), -1) if n in markers), None
        )
        if nxt and nxt.kind == anchor.kind and nxt.line - anchor.line <= 3 and \
                doc.line(nxt.line).page == doc.line(anchor.line).page:
            carried = number
            continue  # a heading over its title: the title starts the table
        carried = None
        stop = nxt.line if nxt else len(doc.lines) + 1
        repeated = previous is not None and previous.kind == anchor.kind and previous.number == number and \
            compact(previous.title) == compact(anchor.title) and previous.rows
        raw = previous if repeated else RawTable(
            kind=anchor.kind, number=number, title=anchor.title, line=anchor.line, end_line=anchor.line)
        printed = _read_table(doc, lines_of, raw, anchor.line, stop, skip)
        if not repeated and printed:
            tables.append(raw)
        previous = raw if printed else None
    for raw in tables:
        _fold_transposed(raw)
        _fold_year_rows(raw)
        if raw.kind not in PERFORMANCE_KINDS and not any(r.amounts for r in raw.rows):
            raw.empty = True  # a grid printing no amount at all (陕西 表9, 表11: 目录 "是否空表 是 / 不涉及")
        if raw.rows:
            _carry_codes(raw.rows)
            _assign_roles(raw.rows, raw.kind in TWO_SIDED)
            _unit_total(raw.rows)
            _depths(raw.rows)
            # A column the vocabulary does not name may be a part of one it does (基本支出/人员经费):
            # the known columns' sums are then not what this table prints, so no row keeps
            # positions and the arithmetic decides what it can for the whole table alike.
            if not columns_of(raw) or any(r.positions is None and r.amounts for r in raw.rows) and \
                    any(m.startswith("表头「") for _, m in raw.problems):
                for row in raw.rows:
                    row.positions = None
    return tables


_ROW_LABEL = re.compile(r"^([一二三四五六七八九十]+、|\d{3}|本年|…)")


def _blank_header(kind: str, page: Page, body: list[_Line]) -> list[str]:
    """The header cells of a table printed without amounts (a blank template), with the columns they name.

    The header is the ruled lines above the first row label ("一、…", a code,
    本年收入合计); the lines below (else the header's last line) give the grid its columns.
    """
    end = next((k for k, ln in enumerate(body) if k and (_PROSE.search(compact(ln.text)) or any(
        _ROW_LABEL.match(compact(w.norm)) for w in ln.words))), len(body))
    header, rows = body[:end], [ln for ln in body[end:] if not _PROSE.search(compact(ln.text))]
    grid = _grid(kind, page, header, rows or header[-1:])
    if grid is None:
        return [c.text for c in _header_cells(page, body[0])]
    return grid.header


def _read_table(doc: Document, lines_of: dict[int, list[_Line]], raw: RawTable, after: int, stop: int,
                skip: set[int]) -> bool:
    """Read the rows below the title line `after` on its page and the pages that continue the table.

    False when no table is printed there at all: the title was a heading in the text.
    """
    page_no = doc.line(after).page or 1
    grid: Optional[_Grid] = None
    first_page = True
    found = False
    while page_no <= len(doc.pages):
        lines = [ln for ln in lines_of[page_no] if after < ln.no < stop and ln.no not in skip]
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
            elif first_page and body and _header_like(body[0]) and _ruled(page, body[0]):
                found = True  # a header and its grid with no rows under it (a blank template): printed, empty-handed
                raw.header += [h for h in _blank_header(raw.kind, page, body) if h not in raw.header]
                raw.end_line = max(raw.end_line, body[-1].no)
            break
        ys = _row_rules(page)
        while ys and start > 0 and bisect.bisect_right(ys, body[start - 1].mid) == bisect.bisect_right(ys, body[start].mid):
            start -= 1  # a name wrapped above the first row's amounts is part of that row, not the header
        header, data = body[:start], body[start:]
        if not first_page and not all(_header_like(ln) for ln in header):
            break  # prose or a new heading before the rows: not this table
        continuing, first_page = not first_page, False
        if header or grid is None:
            fresh = _grid(raw.kind, page, header, data)
            if continuing and grid is not None and (fresh is None or not any(c.name for c in fresh.columns)):
                # Lines above the first amount that name no column are rows printing labels only
                # ("十六、金融支出" at the top of a summary's second page), not a repeated header.
                header, data = [], header + data
            grid = fresh if grid is None or header else grid
            if grid is not None:
                raw.header += [h for h in grid.header if h not in raw.header]
                # A performance table's cells are read from its lines (lineage.parse.performance), never
                # placed by column here: its headers ("西安市信访局 / 预算金额（万元） / 总额") name no column.
                message = None if raw.kind in PERFORMANCE_KINDS else _unknown_headers(grid)
                if message and (data[0].no, message) not in raw.problems:
                    raw.problems.append((data[0].no, message))
        if grid is None:
            break
        found = True
        if raw.kind in PERFORMANCE_KINDS:
            raw.end_line = data[-1].no
            continue  # performance tables are read by lineage.parse.performance from the lines
        if any(_EMPTY.search(compact(ln.text)) for ln in data):
            raw.empty = True
        ended = False
        kept: list[_Line] = []
        for ln in data:
            if _PROSE.search(compact(ln.text)) and not any(is_amount_cell(w.norm) for w in ln.words):
                if _EMPTY.search(compact(ln.text)):
                    raw.empty = True
                ended = True  # a note under the table ("注：…") ends it
                break
            kept.append(ln)
        for band in _bands(page, kept, grid):
            raw.rows += _rows(grid, band)
        if kept:
            raw.end_line = max(raw.end_line, kept[-1].no)
        if ended:
            break
    return found or raw.empty
