"""Tab-separated tables: the provincial, county and municipal layouts.

Some PDF extractors keep every table cell and join them with tabs, blank
cells included, so an amount's column is known from its position under the
header. This front end reads such tables:

* extents: a table starts at its title; a heading ("一、部门收支总表（公开表 1）")
  or a number marker ("表一") just before the title belongs to the same table
  and gives its number. It ends at the last cell line before the next table.
* header: the cell lines above the first data line. Multi-line headers are
  combined into group paths ("当年财政拨款安排/一般公共预算拨款/基本支出") and
  named with the canonical column names of `lineage.vocab`.
  RawTable.header holds the printed header cells followed by the canonical
  names the combined header gives, so build knows every printed column.
* rows: every line with an amount. Header lines printed again after a page
  break carry no amount and are skipped, so the table simply continues.
  Two-sided summaries (收支总表, 财政拨款收支总表) print income on the left
  cells and expenditure on the right: each side becomes its own row.

Where a row's cells do not fit the header (an amount under a label, or
positioned values that break the table's own sums while another placement
satisfies them), the row keeps its amounts without positions, so
`lineage.parse.build` places them by the arithmetic, and a problem says why.
Each table's own 合计 row is compared with the sum of its leaf rows; any
difference is recorded with its lines (a rounding-size one included), so a
lost row or a disclosure's own mistake is visible.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Optional

from lineage.amounts import is_amount_cell, parse_amount, rounding_band
from lineage.parse import placement
from lineage.parse.build import columns_of
from lineage.parse.locate import Anchor, find_anchors
from lineage.parse.raw import RawRow, RawTable
from lineage.read import Document, compact
from lineage.vocab import PERFORMANCE_KINDS, TWO_SIDED, canonical_column, columns, header_group, spec, sums

NAME = "tsv"

_EMPTY_NOTE = re.compile(r"此表无数据|无此项内容|无数据")
_TOTAL = re.compile(r"^(合计|总计)$")
_SIDE_TOTAL = re.compile(r"(合计|总计)$")
_CODE_AND_NAME = re.compile(r"^(\d{3,})\s+(\S.*)$")


def _is_amount(cell: str) -> bool:
    return is_amount_cell(cell)


# --------------------------------------------------------------------------
# detection and extents


def detect(doc: Document) -> float:
    """Share of the non-blank lines inside the located tables that carry tabs."""
    lines = [
        doc.line(no).text
        for ext in _extents(doc, find_anchors(doc))
        for no in range(ext.line + 1, ext.end_line + 1)
        if doc.line(no).text.strip()
    ]
    if not lines:
        return 0.0
    return sum("\t" in t for t in lines) / len(lines)


@dataclass
class _Extent:
    kind: str
    number: Optional[str]
    title: str
    line: int  # the title line
    end_line: int


def _has_cells(doc: Document, start: int, end: int) -> bool:
    """True when a line strictly between start and end has tab-separated cells."""
    return any("\t" in doc.line(no).text for no in range(start + 1, end))


def _extents(doc: Document, anchors: list[Anchor]) -> list[_Extent]:
    """One extent per printed table: heading/marker + title grouped, in document order."""
    groups: list[list[Anchor]] = []
    for a in (a for a in anchors if not a.in_contents):
        last = groups[-1][-1] if groups else None
        joins = (
            last is not None
            and a.kind is not None
            and (last.kind is None or last.kind == a.kind)
            and not _has_cells(doc, last.line, a.line)
        )
        if joins:
            groups[-1].append(a)
        else:
            groups.append([a])
    extents: list[_Extent] = []
    for i, group in enumerate(groups):
        titled = [a for a in group if a.kind]
        if not titled:
            continue  # a number marker with no title after it
        title = titled[-1]
        next_start = groups[i + 1][0].line if i + 1 < len(groups) else len(doc.lines) + 1
        end = title.line
        for no in range(title.line + 1, next_start):
            text = doc.line(no).norm
            if "\t" in text or _EMPTY_NOTE.search(text):
                end = no
        number = next((a.number for a in group if a.number), None)
        extents.append(_Extent(title.kind, number, title.title, title.line, end))  # type: ignore[arg-type]
    return extents


# --------------------------------------------------------------------------
# header → column names


def header_paths(rows: list[list[str]]) -> list[list[str]]:
    """For each column, the header words above it, top to bottom.

    A word spans the blank cells to its right only where a lower header line
    has words under it (a group over sub-columns) and no upper line starts a
    column there; a label cell does not spill onto the amount columns.

    >>> header_paths([["项目", "", "合计", "基本支出", ""], ["", "", "", "小计", "人员"]])
    [['项目'], [], ['合计'], ['基本支出', '小计'], ['基本支出', '人员']]
    >>> header_paths([["项目", "", "合计"], ["编码", "", ""], ["类", "款", ""]])[2]
    ['合计']
    """
    width = max((len(r) for r in rows), default=0)
    paths: list[list[str]] = []
    for j in range(width):
        path = []
        for r, cells in enumerate(rows):
            cell = cells[j].strip() if j < len(cells) else ""
            if cell:
                path.append(cell)
                continue
            left = next((i for i in range(min(j, len(cells)) - 1, -1, -1) if cells[i].strip()), None)
            if left is None:
                continue
            span = range(left + 1, j + 1)
            grouped = any(k < len(low) and low[k].strip() for low in rows[r + 1:] for k in span)
            claimed = any(k < len(up) and up[k].strip() for up in rows[:r] for k in span)
            if grouped and not claimed:
                path.append(cells[left].strip())
        paths.append(path)
    return paths


def column_name(kind: str, path: list[str]) -> Optional[str]:
    """The canonical column a header path names in a table of this kind, or None (a label column).

    >>> column_name("fiscal_by_economic", ["本级当年财政拨款安排", "一般公共预算拨款", "基本支出"])
    '当年财政拨款安排/一般公共预算拨款/基本支出'
    >>> column_name("gp_three_public", ["当年财政拨款预算安排", "公务用车购置及运行费", "小计"])
    '公务用车购置及运行费/小计'
    >>> column_name("gp_basic_by_economic", ["2024 年基本支出", "总 计"])
    '合计'
    >>> column_name("gp_by_function", ["功能分类科目", "科目编码"]) is None
    True
    """
    canon = columns(kind)
    segments = [header_group(p) for p in path]
    for i in range(len(segments)):
        joined = "/".join(segments[i:])
        if joined in canon:
            return joined
    if segments:
        named = canonical_column(segments[-1], s.synonyms if (s := spec(kind)) else ())
        if named == "合计" and len(segments) > 1:
            # The 小计 of a group that is itself a column is that column: "基本支出/小计" (苏州 公开07表),
            # "财政拨款收入/小计" (烟台; vocab.sums counts it once, through its printed parts),
            # "一般公共预算拨款/小计" over a "其中：…" column (西安).
            group = canonical_column(segments[-2], s.synonyms if (s := spec(kind)) else ())
            if group in canon and group != "合计":
                return group
        if named in canon:
            return named
        if named and len(segments) > 1:  # "基本支出/人员支出" → "基本支出/人员经费"
            group = canonical_column(segments[-2], s.synonyms if (s := spec(kind)) else ())
            if f"{group}/{named}" in canon:
                return f"{group}/{named}"
    return None


def _is_data_line(cells: list[str]) -> bool:
    """A line below the header: it has an amount, or is a bare 合计 / 无数据 line."""
    if any(_is_amount(c) for c in cells):
        return True
    words = [compact(c) for c in cells if c.strip()]
    return len(words) == 1 and bool(_TOTAL.match(words[0]) or _EMPTY_NOTE.search(words[0]))


# --------------------------------------------------------------------------
# rows


@dataclass
class _Layout:
    """How one table's cells are read: which column indices hold amounts, where the right side starts."""

    kind: str
    columns: dict[int, str]  # cell index → canonical column
    split: Optional[int]  # two-sided tables: first cell index of the expenditure side


def _layout_of(kind: str, header: list[list[str]]) -> _Layout:
    paths = header_paths(header)
    columns = {j: c for j, p in enumerate(paths) if (c := column_name(kind, p))}
    split = None
    if kind in TWO_SIDED and header:
        split = next((j for j, c in enumerate(header[0]) if "支出" in compact(c)), None)
    return _Layout(kind, columns, split)


def _label(text_cells: list[str], norm_cells: list[str]) -> tuple[list[str], str]:
    """Code groups and name from a row's label cells ("229 机构运行" is split)."""
    groups: list[str] = []
    names: list[str] = []
    for text, norm in zip(text_cells, norm_cells):
        n = norm.strip()
        if not n:
            continue
        if n.isdigit():
            groups.append(n)
            continue
        m = _CODE_AND_NAME.match(n)
        if m and not names:
            groups.append(m.group(1))
            names.append(text.strip()[len(m.group(1)):].strip())
        else:
            names.append(text.strip())
    return groups, " ".join(names)


def _read_part(
    layout: _Layout, no: int, text: list[str], norm: list[str], lo: int, hi: int
) -> Optional[tuple[RawRow, bool]]:
    """The row printed in cells lo..hi-1, and whether its cells fit the header."""
    labels_t, labels_n, amounts, positions = [], [], [], []
    fits = True
    for j in range(lo, min(hi, len(norm))):
        cell = norm[j].strip()
        if j in layout.columns:
            if _is_amount(cell):
                amounts.append(cell)
                positions.append(layout.columns[j])
            elif cell:
                fits = False
                labels_t.append(text[j])
                labels_n.append(norm[j])
        else:
            if _is_amount(cell):
                fits = False
                amounts.append(cell)
                positions.append(None)
            else:
                labels_t.append(text[j])
                labels_n.append(norm[j])
    if not amounts:
        return None
    groups, name = _label(labels_t, labels_n)
    row = RawRow(line=no, lines=[no], code_groups=groups, name=name, amounts=amounts, positions=positions)
    return row, fits


def _breaks_sums(kind: str, columns: list[str], row: RawRow) -> bool:
    """True when the positioned values break one of the table's sums beyond the rounding band."""
    values = {p: parse_amount(a) for a, p in zip(row.amounts, row.positions or [])}
    for total, parts in sums(kind):
        present = [p for p in parts if p in columns]
        if total not in columns or not present:
            continue
        t = values.get(total) or Decimal(0)
        s = sum((values.get(p) or Decimal(0) for p in present), Decimal(0))
        if abs(t - s) > rounding_band(len(present), t, s):
            return True
    return False


def _assign_roles(rows: list[RawRow], two_sided: bool) -> None:
    """Role hints: totals, the bare repeated total, the unit row, items of two-sided tables."""
    total: Optional[RawRow] = None
    after_totals = True  # still in the block of total lines at the top
    for row in rows:
        name = compact(row.name)
        if two_sided:
            row.role = "total" if _SIDE_TOTAL.search(name) else "item"
        elif _TOTAL.match(name):
            row.role = "total"
            total = total or row
        elif not row.code_groups and not name:
            row.role = "total_repeat" if total else "total"
            total = total or row
        elif (
            after_totals and total is not None and row.amounts == total.amounts
            and (not row.code_groups or (len(row.code_groups) == 1 and len(row.code_groups[0]) in (3, 6)))
            and not _is_class_row(row)
        ):
            row.role = "unit"
            after_totals = False
        else:
            after_totals = False


def _is_class_row(row: RawRow) -> bool:
    """A lone 3-digit economic class (301 工资福利支出) is a subject, not a unit code."""
    return len(row.code_groups) == 1 and len(row.code_groups[0]) == 3 and row.code_groups[0].startswith("3")


def _read_rows(doc: Document, ext: _Extent, raw: RawTable) -> None:
    header: list[list[str]] = []
    data_started = False
    fitted: list[tuple[RawRow, bool]] = []
    layout: Optional[_Layout] = None
    for no in range(ext.line + 1, ext.end_line + 1):
        line = doc.line(no)
        if _EMPTY_NOTE.search(line.norm):
            raw.empty = True
        if "\t" not in line.text:
            continue
        norm = line.norm.split("\t")
        text = line.text.split("\t")
        if not data_started and not _is_data_line(norm):
            header.append(norm)
            raw.header += [c.strip() for c in text if c.strip()]
            continue
        if not data_started:
            data_started = True
            layout = _layout_of(ext.kind, header)
            # The columns the combined header names, so build knows every
            # printed column even where no row could be placed by position.
            raw.header += [c for c in dict.fromkeys(layout.columns.values()) if c not in raw.header]
        assert layout is not None
        parts = [(0, len(norm), None)]
        if layout.split is not None:
            parts = [(0, layout.split, "income"), (layout.split, len(norm), "expenditure")]
        for lo, hi, side in parts:
            read = _read_part(layout, no, text, norm, lo, hi)
            if read:
                read[0].side = side
                fitted.append(read)
    raw.rows = [row for row, _ in fitted]
    if not raw.rows:
        raw.empty = raw.empty or data_started
        return
    _assign_roles(raw.rows, ext.kind in TWO_SIDED)
    columns = columns_of(raw)
    for row, fits in fitted:
        if fits and not _breaks_sums(ext.kind, columns, row):
            continue
        cands = placement.candidates(ext.kind, columns, row.amounts)
        if not cands and fits:
            continue  # no placement satisfies the sums either: the printed numbers disagree
        why = "单元格与表头列不对齐" if not fits else "按表头列位置不满足本表合计关系"
        row.positions = _closest_to_header(cands, columns, row.positions or [])
        how = "按表头与合计关系放置" if row.positions else "改按合计关系放置（build 列出各种可能）"
        raw.problems.append((row.line, f"{why}：金额 {' '.join(row.amounts)} {how}"))
        if row.positions:
            row.note = f"{why}，{how}"


def _closest_to_header(
    cands: list[placement.Candidate], columns: list[str], header: list[Optional[str]]
) -> Optional[list[Optional[str]]]:
    """The one arithmetic placement that keeps most amounts in their header column, if unique.

    `header` holds each amount's column by position (None where its cell sat
    under a label). Ties and no agreement at all leave the choice to build.
    """
    scored = []
    for cand in cands:
        placed = [c for c in columns if c in cand]
        scored.append((sum(h is not None and h == p for h, p in zip(header, placed)), placed))
    best = max((s for s, _ in scored), default=0)
    winners = [p for s, p in scored if s == best]
    if best == 0 or len(winners) != 1:
        return None
    return list(winners[0])


def read_tables(doc: Document, anchors: list[Anchor]) -> list[RawTable]:
    """One RawTable per printed table, in document order."""
    tables = []
    for ext in _extents(doc, anchors):
        raw = RawTable(kind=ext.kind, number=ext.number, title=ext.title, line=ext.line, end_line=ext.end_line)
        if ext.kind in PERFORMANCE_KINDS:
            raw.empty = any(_EMPTY_NOTE.search(doc.line(n).norm) for n in range(ext.line, ext.end_line + 1))
        else:
            _read_rows(doc, ext, raw)
        tables.append(raw)
    return tables
