"""What a layout front end hands to the table semantics.

A front end (lineage.parse.layouts.*) knows how one layout prints a table:
where a row starts, which cells are labels and which are amounts, and, when
the layout kept them, the column each amount sits in. It knows nothing of
what the columns mean. `lineage.parse.build` turns these raw tables into the
model's `Table`, placing values in columns and normalising codes, so a new
layout (or a PDF reader with cell geometry) is a new front end, not a rewrite.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional


@dataclass
class RawRow:
    line: int
    lines: list[int]
    code_groups: list[str]  # digit groups of the code cells as printed, unit code included
    name: str  # label text as printed (wrapped lines joined)
    amounts: list[str]  # amount texts in printed order
    # Column header (as printed) of each amount when the layout kept positions;
    # None when blank cells were dropped and positions are lost.
    positions: Optional[list[Optional[str]]] = None
    role: Optional[str] = None  # hint: total, total_repeat, unit, item, project
    side: Optional[str] = None  # income / expenditure for two-sided tables
    # How the front end chose positions it could not read from the page (Row.note).
    note: Optional[str] = None
    # Indentation level of the label as printed (0 = not indented), when the
    # layout shows it: the flattened text keeps a cell's indent as non-breaking
    # spaces (one for the unit line, two for a 类, three for a 款 in 表2-1).
    # A parent row is then the nearest row above that is less indented, which
    # is the only hierarchy a row printed by name alone ("  商品和服务支出") has.
    depth: Optional[int] = None
    described: dict[str, str] = field(default_factory=dict)  # header → text of the columns describing it
    # A further panel of one side of a summary (西安 prints its expenditure three times: by function, by
    # 部门预算 and by 政府预算 economic class): that panel's heading. None for a side's first panel.
    panel: Optional[str] = None


@dataclass
class RawTable:
    kind: str
    number: Optional[str]
    title: str
    line: int
    end_line: int
    empty: bool = False
    unit: Optional[str] = None  # 元 / 万元 when the front end read the table's 单位 line
    # Header cells as printed: positional for layouts that keep cells, otherwise
    # every header word found in the table's text.
    header: list[str] = field(default_factory=list)
    rows: list[RawRow] = field(default_factory=list)
    problems: list[tuple[int, str]] = field(default_factory=list)  # (line, message)
