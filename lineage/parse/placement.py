"""Place values whose cell positions were lost, using the arithmetic the table obeys.

The flattened layout drops blank cells: "206 99 99 305911 其他科学技术支出
338.03 338.03" does not say whether the second 338.03 is 基本支出 or 项目支出.
The printed order survives, so the candidates are the order-preserving
assignments of the values to the table's columns that satisfy every sum the
table obeys (合计 = 基本 + 项目 …, blank = 0). One candidate: placed. Several:
the row stays ambiguous with all of them, unless other evidence (column totals,
another table of the same document) decides — see `resolve`.
Sums are compared within the rounding band ((n + 1) × 0.005 for n parts):
placement must not fail on an honest rounding difference, which the checks
then report as a warning.
"""

from __future__ import annotations

from decimal import Decimal

from lineage.amounts import parse_amount, rounding_band
from lineage.parse.columns import SUMS

Candidate = dict[str, Decimal]

MAX_CANDIDATES = 64


def candidates(kind: str, columns: list[str], amounts: list[str]) -> list[Candidate]:
    """Every order-preserving placement of amounts into columns that satisfies the sums.

    >>> cols = ["合计", "基本支出", "项目支出", "上缴上级支出", "对附属单位补助支出"]
    >>> [list(c)[1] for c in candidates("expenditure_summary", cols, ["338.03", "338.03"])]
    ['基本支出', '项目支出', '上缴上级支出', '对附属单位补助支出']
    >>> candidates("gp_basic_by_economic", ["合计", "人员经费", "公用经费"], ["20.48", "5.30", "15.17"])
    [{'合计': Decimal('20.48'), '人员经费': Decimal('5.30'), '公用经费': Decimal('15.17')}]
    """
    values = [parse_amount(a) for a in amounts]
    if any(v is None for v in values) or len(values) > len(columns):
        return []
    sums = [(t, parts) for t, parts in SUMS.get(kind, []) if t in columns]
    col_index = {c: i for i, c in enumerate(columns)}
    # A sum can be checked once every column it names has been decided.
    ready_at: dict[int, list[tuple[str, list[str]]]] = {}
    for total, parts in sums:
        named = [total] + [p for p in parts if p in col_index]
        last = max(col_index[c] for c in named)
        ready_at.setdefault(last, []).append((total, [p for p in parts if p in col_index]))
    found: list[Candidate] = []
    assignment: Candidate = {}

    def holds(upto: int) -> bool:
        for total, parts in ready_at.get(upto, []):
            t = assignment.get(total, Decimal(0))
            parts_sum = sum((assignment.get(p, Decimal(0)) for p in parts), Decimal(0))
            if abs(t - parts_sum) > rounding_band(len(parts)):
                return False
        return True

    def walk(col: int, val: int) -> None:
        if len(found) >= MAX_CANDIDATES:
            return
        if col == len(columns):
            if val == len(values):
                found.append(dict(assignment))
            return
        remaining_cols = len(columns) - col
        remaining_vals = len(values) - val
        if remaining_vals > remaining_cols:
            return
        name = columns[col]
        # put the next value here
        if val < len(values):
            assignment[name] = values[val]  # type: ignore[assignment]
            if holds(col):
                walk(col + 1, val + 1)
            del assignment[name]
        # or leave this column blank
        if remaining_vals < remaining_cols and holds(col):
            walk(col + 1, val)

    walk(0, 0)
    return found


def agreed(cands: list[Candidate]) -> Candidate:
    """The placements every candidate agrees on (same column, same value)."""
    if not cands:
        return {}
    common = dict(cands[0])
    for c in cands[1:]:
        for k in list(common):
            if c.get(k) != common[k]:
                del common[k]
        for k in c:
            if k not in cands[0]:
                common.pop(k, None)
    return common
