"""Front end for the flattened layout: table text whose blank cells are gone.

Some PDF extractors print a table row as its non-blank cells joined by
spaces ("206 99 99 305911  其他科学技术支出 338.03 338.03"): no tabs, no cell
positions, and, inside a page, no reliable order — a page's header words and
even its 表N marker and title can come after its data. So this front end:

* cuts the document into tables by their markers and titles (a page break —
  a run of blank lines — before a marker belongs to that marker's table, which
  is how data printed before its own 表N marker is kept with it);
* reads each non-blank line as code digit groups, a name and trailing amounts,
  joining names wrapped over several lines ("…安排的支" + "出", then a line of
  amounts);
* collects every other line as header text, in which the table's column
  headers are looked up (they may be wrapped: "当年财政拨款安" + "排");
* splits the lines of the two-sided summary tables (收支总表, 财政拨款收支总表)
  into an income item and an expenditure item.

Positions are lost, so every RawRow has positions=None and
lineage.parse.placement decides columns from the tables' arithmetic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from lineage.amounts import is_amount_cell
from lineage.parse.locate import Anchor
from lineage.parse.raw import RawRow, RawTable
from lineage.read import Document, compact
from lineage.vocab import PERFORMANCE_KINDS, TWO_SIDED, columns

NAME = "flat"

PAGE_BREAK = 3  # blank lines in a row that end a printed page
_AMOUNT_LINE = re.compile(r"\d\.\d\d(\s|$)")
_EMPTY = re.compile(r"无此项内容|此表无数据")
_UNIT_LINE = re.compile(r"单位[:：]")  # "单位：…  金额单位：万元": not header words
_TOTAL_NAME = re.compile(r"^(合计|总计)$")
_ORDINAL = re.compile(r"[一二三四五六七八九十]+、")
# Where two items of a two-sided line meet when the left one has no amount:
# a wide gap, or a space before the right item's ordinal ("…收入 六、科学技术支出").
_ITEM_BREAK = re.compile(r"\s{2,}|\s(?=[一二三四五六七八九十]+、)")


def detect(doc: Document) -> float:
    """Share of amount-bearing lines printed without tabs (0 when there are none).

    The tab-separated layouts put a tab between cells; this layout has none.
    """
    amount_lines = [ln for ln in doc.lines if _AMOUNT_LINE.search(ln.norm)]
    if not amount_lines:
        return 0.0
    return sum("\t" not in ln.text for ln in amount_lines) / len(amount_lines)


# ---------------------------------------------------------------- extents


@dataclass
class _Group:
    """The anchors (marker and/or title) of one printed table."""

    anchors: list[Anchor]
    kind: Optional[str] = None
    number: Optional[str] = None
    title: str = ""

    @property
    def first(self) -> int:
        return self.anchors[0].line

    @property
    def last(self) -> int:
        return self.anchors[-1].line


def _groups(anchors: list[Anchor]) -> list[_Group]:
    """Pair each 表N marker with the title that follows it (before the next marker)."""
    groups: list[_Group] = []
    for a in anchors:
        if a.in_contents:
            continue
        g = groups[-1] if groups else None
        if a.kind is None or a.number is not None:
            # a marker (possibly with its title on the same line) starts a group
            groups.append(_Group([a], a.kind, a.number, a.title))
        elif g is not None and g.kind is None and not g.anchors[-1].unknown:
            # a title after its marker; never after a title the vocabulary does not know
            g.anchors.append(a)
            g.kind, g.title = a.kind, a.title
        else:
            groups.append(_Group([a], a.kind, None, a.title))
    return groups


def _page_breaks(doc: Document) -> list[int]:
    """Lines that start a page: the first non-blank line after PAGE_BREAK blank lines."""
    breaks, blank = [], 0
    for ln in doc.lines:
        if not ln.norm.strip():
            blank += 1
            continue
        if blank >= PAGE_BREAK:
            breaks.append(ln.no)
        blank = 0
    return breaks


def _extents(doc: Document, groups: list[_Group]) -> list[tuple[_Group, int, int]]:
    """(group, first line, last line) per table; continuation pages merged.

    A table starts at the first page break after the previous table's last
    anchor (up to its own first anchor): data printed before a table's marker
    sits on that table's page. A group repeating the previous table's kind
    with the same or no number is a continuation page (001's 表1 printed twice).
    """
    breaks = _page_breaks(doc)
    merged: list[_Group] = []
    for g in groups:
        prev = merged[-1] if merged else None
        if prev and g.kind == prev.kind and g.number in (None, prev.number):
            prev.anchors += g.anchors
        else:
            merged.append(g)
    out: list[tuple[_Group, int, int]] = []
    for i, g in enumerate(merged):
        if i:
            lower = merged[i - 1].last
            start = next((b for b in breaks if lower < b <= g.first), g.first)
        else:  # the first table: the page its first anchor is on
            start = max((b for b in breaks if b <= g.first), default=g.first)
        out.append((g, start, 0))
    for i, (g, start, _) in enumerate(out):
        end = out[i + 1][1] - 1 if i + 1 < len(out) else len(doc.lines)
        while end > start and not doc.line(end).norm.strip():
            end -= 1
        out[i] = (g, start, end)
    return out


# ---------------------------------------------------------------- lines


@dataclass
class _Parsed:
    code_groups: list[str]
    name: str
    amounts: list[str]
    indented: bool
    depth: Optional[int]


def _code_prefix(norm: str) -> tuple[list[str], int]:
    """Leading digit groups and where they end.

    A group is followed by a space, or glued to the name when it is a 3- or
    6-digit unit code ("214001渠县科学技术协会"); "2024年老科协…" is a name.

    >>> _code_prefix("206 99 99 305911  其他科学技术支出 338.03")
    (['206', '99', '99', '305911'], 16)
    >>> _code_prefix("214001渠县科学技术协会 367.12")
    (['214001'], 6)
    >>> _code_prefix("1,162.13 408.29")
    ([], 0)
    """
    groups: list[str] = []
    pos = 0
    for m in re.finditer(r"\s*(\d+)", norm):
        if m.start() != pos:
            break
        digits, after = m.group(1), norm[m.end():m.end() + 1]
        if after and not after.isspace() and not (len(digits) in (3, 6) and after not in ".,%年"):
            break
        groups.append(digits)
        pos = m.end()
        if after and not after.isspace():
            break
    return groups, pos


def _split_amounts(text: str, norm: str) -> list[tuple[str, list[str]]]:
    """The line as (text, amounts after it) segments, in printed order.

    Amounts are recognised, and returned, in the normalised line (so "１４３．０９"
    is 143.09); names keep the printed characters of `text`, which is as long
    as `norm` (lineage.read.normalise folds one character for one).

    >>> _split_amounts("一、本年收入 584.91 一、本年支出 870.22 870.22", "一、本年收入 584.91 一、本年支出 870.22 870.22")
    [('一、本年收入', ['584.91']), ('一、本年支出', ['870.22', '870.22'])]
    >>> _split_amounts("机构运行（项） １４３．０９", "机构运行(项) 143.09")
    [('机构运行（项）', ['143.09'])]
    """
    segments: list[tuple[str, list[str]]] = []
    words: list[str] = []
    printed_tokens, tokens = re.split(r"(\s+)", text), re.split(r"(\s+)", norm)
    if len(printed_tokens) != len(tokens):
        printed_tokens = tokens
    for shown, token in zip(printed_tokens, tokens):
        if is_amount_cell(token):
            name = "".join(words).strip()
            if segments and not name:
                segments[-1][1].append(token)
            else:
                segments.append((name, [token]))
            words = []
        else:
            words.append(shown)
    rest = "".join(words).strip()
    if rest:
        segments.append((rest, []))
    return segments


_INDENT = ("\u00a0", "\u3000")  # how extractors keep a cell's indentation; plain spaces separate cells


def _depth(label: str) -> int:
    """Indentation of a label: the non-breaking (or ideographic) spaces it starts with.

    >>> _depth(" \u00a0\u00a0\u00a0基本工资"), _depth("\u00a0\u00a0工资福利支出"), _depth("合    计")
    (3, 2, 0)
    """
    stripped = label.lstrip(" ")
    return len(stripped) - len(stripped.lstrip("".join(_INDENT)))


def _parse_line(text: str, norm: str) -> _Parsed:
    groups, end = _code_prefix(norm)
    same = len(text) == len(norm)  # normalising removed nothing, so offsets in norm hold in text
    body_text = text[end:] if same else norm[end:]
    segments = _split_amounts(body_text, norm[end:])
    name = segments[0][0] if segments else ""
    amounts = segments[0][1] if segments else []
    return _Parsed(groups, name, amounts, norm[:1].isspace(), _depth(body_text) if same else None)


# ---------------------------------------------------------------- tables


def _header_words(kind: str, header_text: str) -> list[str]:
    """Canonical columns of this kind whose header words occur in the table's text.

    Wrapped header cells are rejoined by removing line ends and spaces. The
    fiscal_by_economic columns are nested and print only their leaf words
    (小计, 基本支出 …): none is returned, so every canonical column is kept.
    """
    if kind == "fiscal_by_economic":
        return []
    words = compact(header_text)
    found = []
    for col in columns(kind):
        parts = col.split("/")
        if len(parts) > 2:
            continue
        word = parts[0] if parts[-1] == "小计" else parts[-1]
        if word in words:
            found.append(col)
    return found


@dataclass
class _TableReader:
    """Rows of one table's lines; keeps the state of a row whose name wraps."""

    kind: str
    rows: list[RawRow] = field(default_factory=list)
    header: list[str] = field(default_factory=list)
    problems: list[tuple[int, str]] = field(default_factory=list)
    pending: Optional[RawRow] = None

    def cut_off(self) -> None:
        if self.pending is not None:
            p = self.pending
            self.problems.append((p.line, f"行被截断：{' '.join(p.code_groups)} {p.name} 没有金额"))
            self.pending = None

    def feed(self, no: int, text: str, norm: str) -> None:
        parsed = _parse_line(text, norm)
        has_label = bool(parsed.code_groups or parsed.name)
        if parsed.amounts and not has_label:
            if self.pending is not None:
                self.pending.amounts = parsed.amounts
                self.pending.lines.append(no)
                self.rows.append(self.pending)
                self.pending = None
            else:
                self.rows.append(RawRow(no, [no], [], "", parsed.amounts, role="total_repeat"))
        elif parsed.amounts:
            self.cut_off()
            self.rows.append(RawRow(no, [no], parsed.code_groups, parsed.name, parsed.amounts, depth=parsed.depth))
        elif parsed.code_groups or (parsed.indented and parsed.name and self.rows):
            self.cut_off()
            self.pending = RawRow(no, [no], parsed.code_groups, parsed.name, [], depth=parsed.depth)
        elif self.pending is not None and (parsed.indented or len(parsed.name) <= 3):
            self.pending.name += parsed.name
            self.pending.lines.append(no)
        else:
            self.header.append(text)

    def feed_two_sided(self, no: int, text: str, norm: str) -> None:
        segments = _split_amounts(text if len(text) == len(norm) else norm, norm)
        if not any(amounts for _, amounts in segments):
            self.header.append(text)
            return
        first = segments[0][0]
        m = _ORDINAL.search(first)
        if m and m.start() > 0:  # header words run into the first item: "营预算一、本年收入"
            self.header.append(first[: m.start()])
            segments[0] = (first[m.start():], segments[0][1])
        for i, (name, amounts) in enumerate(segments):
            if not amounts:
                continue
            side = _side(name) if len(segments) == 1 else ("income" if i == 0 else "expenditure")
            parts = _ITEM_BREAK.split(name.strip())
            if i == 0 and len(parts) > 1 and all(len(p) > 1 for p in parts):
                # a blank income item, then the expenditure item carrying the amounts
                name, side = parts[-1], "expenditure"
            role = "total" if compact(name).endswith(("合计", "总计")) else "item"
            self.rows.append(RawRow(no, [no], [], name, amounts, role=role, side=side))


def _side(name: str) -> str:
    """Which side a lone item of a two-sided table is on, from its words.

    >>> _side("八、上年结转"), _side("十、卫生健康支出"), _side("收入总计")
    ('income', 'expenditure', 'income')
    """
    words = compact(name)
    if "收入" in words or "上年结转" in words or "用事业基金弥补" in words:
        return "income"
    return "expenditure"


def _mark_roles(kind: str, rows: list[RawRow]) -> None:
    """Role hints the flattened text supports: total, the unit row after it, projects."""
    after_total = False
    for r in rows:
        if r.role == "total_repeat":
            after_total = True
            continue
        if _TOTAL_NAME.match(compact(r.name)):
            r.role = "total"
            after_total = True
            continue
        unit_like = not r.code_groups or (len(r.code_groups) == 1 and len(r.code_groups[0]) in (3, 6))
        if after_total and unit_like:
            r.role = "unit"
        elif kind == "gp_projects" and r.code_groups:
            r.role = "project"
        after_total = False


def _read_table(doc: Document, group: _Group, start: int, end: int) -> RawTable:
    kind = group.kind or ""
    table = RawTable(kind, group.number, group.title, start, end)
    if kind in PERFORMANCE_KINDS:
        return table
    anchor_lines = {a.line for a in group.anchors}
    reader = _TableReader(kind)
    body = [doc.line(n) for n in range(start, end + 1) if n not in anchor_lines]
    for ln in body:
        if not ln.norm.strip():
            continue
        if _UNIT_LINE.search(ln.norm) or _EMPTY.search(ln.norm):
            table.empty = table.empty or bool(_EMPTY.search(ln.norm))
            continue
        if kind in TWO_SIDED:
            reader.feed_two_sided(ln.no, ln.text.rstrip(), ln.norm.rstrip())
        else:
            reader.feed(ln.no, ln.text.rstrip(), ln.norm.rstrip())
    reader.cut_off()
    if kind not in TWO_SIDED:
        _mark_roles(kind, reader.rows)
    table.rows = reader.rows
    table.header = _header_words(kind, "\n".join(reader.header))
    table.problems = reader.problems
    return table


def read_tables(doc: Document, anchors: list[Anchor]) -> list[RawTable]:
    """One RawTable per printed table of the standard set, in document order."""
    return [
        _read_table(doc, g, start, end)
        for g, start, end in _extents(doc, _groups(anchors))
        if g.kind
    ]
