"""Raw tables from a layout front end → the model's `Table`.

Layout-independent table semantics live here: codes are normalised, rows get
their role, and each value is put in its canonical column, by position when
the layout kept cells and by the table's arithmetic (lineage.parse.placement)
when it did not.
"""

from __future__ import annotations

import re

from lineage.amounts import parse_amount
from lineage.model import Row, Table
from lineage.parse import placement
from lineage.parse.codes import parse_code
from lineage.parse.raw import RawRow, RawTable
from lineage.vocab import canonical_column, spec
_TOTAL = re.compile(r"^\s*(合\s*计|总\s*计)\s*$")


def columns_of(raw: RawTable) -> list[str]:
    """The table's canonical columns: those its header names, in canonical order.

    Falls back to the canonical set (without the columns only some templates
    print) when the header names none (the flattened layout can lose the
    header entirely).
    """
    s = spec(raw.kind)
    canon = list(s.columns) if s else []
    named: set[str] = set()
    for h in raw.header:
        if h in canon:
            named.add(h)
        else:
            c = canonical_column(h, s.synonyms if s else ())
            if c in canon:
                named.add(c)
    for r in raw.rows:
        for p in r.positions or []:
            if p in canon:
                named.add(p)
    if not named:
        return s.base_columns if s else []
    return [c for c in canon if c in named]


def _role(raw_row: RawRow, unit_code: str | None, kind: str) -> str:
    name = re.sub(r"\s+", "", raw_row.name)
    if not raw_row.code_groups and (s := spec(kind)) and any(re.match(p, name) for p, _, _ in s.subtotals):
        return "subtotal"
    if raw_row.role:
        return raw_row.role
    if _TOTAL.match(raw_row.name):
        return "total"
    if not raw_row.code_groups and not raw_row.name:
        return "total_repeat"
    if unit_code and not raw_row.code_groups[1:] and raw_row.code_groups == [unit_code]:
        return "unit"
    return "subject"


def build_row(raw: RawTable, index: int, raw_row: RawRow, columns: list[str],
              placements: dict | None = None) -> tuple[Row, str | None]:
    """One model row, and a problem message when its values could not be placed.

    `placements` keeps the candidates already found in this table by printed
    amounts: a total, its repeats and single-subject rows often print the same.
    """
    placements = {} if placements is None else placements
    code = parse_code(raw_row.code_groups)
    scheme = code.scheme
    if code.code and scheme is None:  # a code that does not start with 2 or 3: the table says which
        scheme = s.scheme if (s := spec(raw.kind)) else None
    row = Row(
        index=index,
        line=raw_row.line,
        lines=raw_row.lines or [raw_row.line],
        role=_role(raw_row, code.unit_code, raw.kind),  # type: ignore[arg-type]
        side=raw_row.side,  # type: ignore[arg-type]
        code=code.code,
        code_printed=code.printed,
        scheme=scheme,  # type: ignore[arg-type]
        code_garbled=code.garbled,
        name=raw_row.name.strip(),
        unit_code=code.unit_code,
        printed=[a.replace(",", "") for a in raw_row.amounts],
        note=raw_row.note,
        depth=raw_row.depth,
        panel=raw_row.panel,
        described=raw_row.described,
    )
    problem = None
    if raw_row.positions is not None:
        for text, pos in zip(raw_row.amounts, raw_row.positions):
            value = parse_amount(text)
            col = pos if pos in columns else canonical_column(pos or "", s.synonyms if (s := spec(raw.kind)) else ())
            if value is None:
                problem = f"不是金额：{text!r}"
            elif col is None or col not in columns:
                problem = f"金额 {text} 所在列无法识别（表头：{pos!r}）"
            elif col in row.values:
                problem = f"两个金额落在同一列 {col}"
            else:
                row.values[col] = value
    elif raw_row.amounts and raw.kind in placement.DEFERRED_KINDS:
        row.ambiguous = True  # placed in lineage.parse.placement once the tables it depends on are
    elif raw_row.amounts:
        problem = placement.place(row, raw.kind, columns, placements)
    return row, problem


def build_table(raw: RawTable) -> tuple[Table, list[tuple[int, str]]]:
    """The model table and the problems found while building it."""
    columns = columns_of(raw)
    table = Table(
        kind=raw.kind, number=raw.number, title=raw.title, line=raw.line,
        end_line=raw.end_line, empty=raw.empty, unit=raw.unit, columns=columns,
    )
    problems = list(raw.problems)
    placements: dict = {}
    for i, raw_row in enumerate(raw.rows):
        row, problem = build_row(raw, i, raw_row, columns, placements)
        table.rows.append(row)
        if problem:
            problems.append((raw_row.line, problem))
    return table, problems
