"""Read-only helpers over parsed tables, shared by the parser's reconciliation,
the checks and the graph: which rows are items, which are leaves, the
provenance of a row's amounts, and how row and project names compare.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Iterable, Optional

from lineage.model import Disclosure, Provenance, Row, Table
from lineage.vocab import canonical_column

ITEM_ROLES = ("subject", "project")


def total_row(table: Table) -> Optional[Row]:
    return next((r for r in table.rows if r.role == "total"), None)


def item_rows(table: Table) -> list[Row]:
    return [r for r in table.rows if r.role in ITEM_ROLES]


def provenance(d: Disclosure, table: Table, row: Row) -> Provenance:
    return Provenance(
        file=d.source.path, table=table.kind, table_number=table.number, row=row.index, line=row.line, page=row.page,
        text=" ".join(filter(None, [row.code_printed, row.name, " ".join(row.printed)])),
    )


def evidence(d: Disclosure, table: Table, rows: Iterable[Row]) -> list[Provenance]:
    return [provenance(d, table, r) for r in rows]


def value(row: Row, column: str) -> Decimal:
    """A cell's amount; a blank cell is zero."""
    return row.values.get(column, Decimal(0))


def indented(rows: list[Row]) -> bool:
    """True when these rows show their levels by indentation: every one has a depth, not all the
    same, and their codes do not already tell the levels (printed codes, one per row and all
    distinct, win over indentation read from a PDF: 烟台 prints long names left-aligned and
    wrapped ones centred, so their offsets say nothing there)."""
    depths = [r.depth for r in rows]
    codes = [r.code for r in rows]
    if codes and all(codes) and len(set(codes)) == len(codes):
        return False
    return bool(depths) and None not in depths and len(set(depths)) > 1

def parents_by_depth(rows: list[Row]) -> dict[int, Optional[Row]]:
    """Each row's parent (by row index): the nearest row above it that is less indented.

    >>> rows = [Row(index=i, line=i, depth=d) for i, d in enumerate([2, 3, 4, 4, 3, 2])]
    >>> {i: p.index if p else None for i, p in parents_by_depth(rows).items()}
    {0: None, 1: 0, 2: 1, 3: 1, 4: 0, 5: None}
    """
    stack: list[Row] = []
    parents: dict[int, Optional[Row]] = {}
    for r in rows:
        while stack and stack[-1].depth >= r.depth:  # type: ignore[operator]
            stack.pop()
        parents[r.index] = stack[-1] if stack else None
        stack.append(r)
    return parents


def children(rows: list[Row], parent: Row) -> list[Row]:
    """The rows directly under `parent` by indentation (see `parents_by_depth`)."""
    parents = parents_by_depth(rows)
    return [r for r in rows if parents[r.index] is parent]


def leaves(table: Table) -> Optional[list[Row]]:
    """The item rows that are no other row's subtotal, or None when codes cannot tell.

    When the rows show their levels by indentation (表2-1 of the flattened
    layout: "  商品和服务支出" above "   办公费"), a leaf is a row no row is
    indented under, whatever its code says.

    A row without a readable code is a heading when the next item row has a
    code (项目支出表: "科普活动" above its projects); any other uncoded row, or
    one code printed on two rows (001's 表2-1 prints "301 12" for a 款 and its
    items alike), leaves the levels unknown, and callers sum nothing rather
    than report a false imbalance.
    """
    items = item_rows(table)
    if indented(items):
        parents = {p.index for p in parents_by_depth(items).values() if p is not None}
        return [r for r in items if r.index not in parents]
    groups = named_groups(table, items)
    if groups is not None:
        return groups
    codes = [r.code if r.code_line is None else None for r in items]  # a code printed elsewhere says no level
    if len(set(c for c in codes if c)) != len([c for c in codes if c]):
        return None
    out = []
    for i, (row, code) in enumerate(zip(items, codes)):
        if code is None:
            if i + 1 < len(codes) and codes[i + 1] is not None:
                continue
            return None
        if not any(c and c != code and c.startswith(code) for c in codes):
            out.append(row)
    return out


def named_groups(table: Table, items: list[Row]) -> Optional[list[Row]]:
    """The rows the vocabulary names as the groups of a table whose items carry no code, when each is
    printed once: they divide the whole table between them (政府采购预算表: 货物, 工程, 服务 — every item
    bought is one of the three), so they, not the uncoded items and the unit rows among them, add up to
    its 合计. None when the table has no such rows, its items are coded, or a group repeats (under
    each of several units: the levels are then not told by the names alone)."""
    groups = [r for r in table.rows if r.role == "subtotal"]
    names = [re.sub(r"\s+", "", r.name) for r in groups]
    if not groups or any(r.code for r in items) or len(set(names)) != len(names):
        return None
    return groups


def undetermined(row: Row) -> set[str]:
    """Columns an ambiguous row may or may not hold an amount in."""
    return {c for cand in row.candidates for c in cand} - set(row.values)


def strip_numbering(name: str) -> str:
    """A row name without spaces and its 一、二、 numbering.

    >>> strip_numbering("一、一般公共预算拨款收入")
    '一般公共预算拨款收入'
    """
    return re.sub(r"^[\s一二三四五六七八九十]+、", "", re.sub(r"\s+", "", name))


def project_key(name: str) -> str:
    """Project names compared without spaces, punctuation width or a code prefix.

    >>> project_key("51340022T000000278902-学术交流业务经费")
    '学术交流业务经费'
    >>> project_key("科创中国·天府科技云服务大会") == project_key("科创中国.天府科技云服务大会")
    True
    """
    name = re.sub(r"^\s*\d{8}[A-Z]\d{12}\s*-\s*", "", name)
    return re.sub(r"[\s·.．“”\"'()（）\-]", "", name)


def source_column(name: str) -> Optional[str]:
    """The 收入总表 column (funding source) an income line of a 收支总表 names, or None.

    Municipal layouts print sources as 资金 (一般公共预算资金, 事业收入资金).

    >>> [source_column(n) for n in ("一、一般公共预算拨款收入", "一般公共预算资金", "事业收入资金", "本年收入合计")]
    ['一般公共预算拨款收入', '一般公共预算拨款收入', '事业收入', None]
    """
    stripped = strip_numbering(name)
    for candidate in (stripped, re.sub(r"资金$", "收入", stripped), re.sub(r"资金$", "", stripped)):
        column = canonical_column(candidate)
        if column and column != "合计":
            return column
    return None
