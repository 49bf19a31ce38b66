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

import re
from bisect import bisect_left, bisect_right
from decimal import Decimal
from itertools import product

from lineage.amounts import parse_amount, rounding_band
from lineage.parse.columns import SUMS, canonical_column

Candidate = dict[str, Decimal]

MAX_CANDIDATES = 64


def candidates(kind: str, columns: list[str], amounts: list[str], limit: int = MAX_CANDIDATES) -> list[Candidate]:
    """Every order-preserving placement of amounts into columns that satisfies the sums.

    >>> cols = ["合计", "基本支出", "项目支出", "上缴上级支出", "对附属单位补助支出"]
    >>> [list(c)[1] for c in candidates("expenditure_summary", cols, ["338.03", "338.03"])]
    ['基本支出', '项目支出', '上缴上级支出', '对附属单位补助支出']
    >>> len(candidates("gp_by_function", ["合计", "当年财政拨款安排", "上年结转安排"], ["3.11", "3.11"]))
    2
    >>> candidates("gp_basic_by_economic", ["合计", "人员经费", "公用经费"], ["20.48", "5.30", "15.17"])
    [{'合计': Decimal('20.48'), '人员经费': Decimal('5.30'), '公用经费': Decimal('15.17')}]
    """
    values = [parse_amount(a) for a in amounts]
    if any(v is None for v in values) or len(values) > len(columns):
        return []
    # A sum whose parts the table does not print (一般公共预算支出表 with 当年/上年
    # but no 基本/项目 columns) says nothing about this table.
    sums = [(t, parts) for t, parts in SUMS.get(kind, []) if t in columns and any(p in columns for p in parts)]
    col_index = {c: i for i, c in enumerate(columns)}
    # Exact integers for speed: amounts and bands scaled by one power of ten that
    # leaves no fraction (at least 1000 for the half-cent band).
    scale = 10 ** max([3] + [-v.as_tuple().exponent for v in values])  # type: ignore[union-attr, operator]
    scaled = [int(v * scale) for v in values]  # type: ignore[operator]
    # A sum can be checked once every column it names has been decided:
    # ready_at[col] = (total column, part columns, band) to check there.
    ready_at: list[list[tuple[int, list[int], int]]] = [[] for _ in columns]
    for total, parts in sums:
        named = [col_index[p] for p in parts if p in col_index]
        last = max([col_index[total]] + named)
        ready_at[last].append((col_index[total], named, int(rounding_band(len(named)) * scale)))
    found: list[Candidate] = []
    placed = [0] * len(columns)  # scaled value per column, 0 for a blank
    taken: list[tuple[str, Decimal]] = []  # (column, printed value) placed so far

    def holds(upto: int) -> bool:
        for total, parts, band in ready_at[upto]:
            if abs(placed[total] - sum([placed[p] for p in parts])) > band:
                return False
        return True

    def walk(col: int, val: int) -> None:
        if len(found) >= limit:
            return
        if col == len(columns):
            if val == len(values):
                found.append(dict(taken))
            return
        remaining_cols = len(columns) - col
        remaining_vals = len(values) - val
        if remaining_vals > remaining_cols:
            return
        # put the next value here
        if val < len(values):
            placed[col] = scaled[val]
            taken.append((columns[col], values[val]))  # type: ignore[arg-type]
            if holds(col):
                walk(col + 1, val + 1)
            taken.pop()
            placed[col] = 0
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


# ---------------------------------------------------------------- resolution
#
# A row alone often cannot say where its values go; the table and the
# disclosure can. `resolve_ambiguities` uses, in this order:
#   1. the table's own column totals: a total row equals, column by column,
#      the sum of the rows directly under it (the unit row, the top-level
#      subjects, a parent code's children);
#   2. another table stating the same quantity: the income side of 收支总表
#      names the 收入总表 columns (事业收入 168.73 …);
#   3. nothing else: what is still open stays ambiguous with its candidates.
# Each decided or narrowed row says how in `Row.note`.

SEARCH_BUDGET = 200_000  # search steps per table before giving up (note says so)
WIDE_LIMIT = 4096  # candidates recomputed when a row's list was cut at MAX_CANDIDATES
NOTE_TOTALS = "由本表合计行的各列合计确定"
NOTE_TOTALS_NARROWED = "本表合计行的各列合计排除了部分候选"
NOTE_NO_COMBINATION = "本表合计行的各列合计与所有候选组合都不符"
NOTE_GAVE_UP = "候选组合过多，未用列合计判定"


def _sum_groups(table) -> list[tuple[int, list[int]]]:
    """(total row, rows summing to it) pairs the printed rows support soundly.

    Subject rows count only when every one has a readable, distinct code: a
    name-only row ("  商品和服务支出") has no place in the hierarchy we could
    prove, and a guessed hierarchy would decide placements on false sums.
    """
    rows = table.rows
    totals = [r.index for r in rows if r.role == "total"]
    if not totals or table.kind in ("income_expenditure_summary", "fiscal_summary"):
        return []
    top = totals[0]
    groups = [(top, [r.index]) for r in rows if r.role == "total_repeat"]
    units = [r.index for r in rows if r.role == "unit"]
    if units:
        groups.append((top, units))
    subjects = [r for r in rows if r.role in ("subject", "project")]
    codes = [r.code for r in subjects]
    if not subjects or None in codes or len(set(codes)) != len(codes) or any(r.code_garbled for r in subjects):
        return groups
    parent_of: dict[int, int] = {}
    for r in subjects:
        ancestors = [p for p in subjects if p.code != r.code and r.code.startswith(p.code)]
        if ancestors:
            parent_of[r.index] = max(ancestors, key=lambda p: len(p.code)).index
    under = units[0] if len(units) == 1 else top
    groups.append((under, [r.index for r in subjects if r.index not in parent_of]))
    for parent in sorted(set(parent_of.values())):
        groups.append((parent, [c for c, p in parent_of.items() if p == parent]))
    return groups


def _domain(table, row) -> list[Candidate] | None:
    """The placements a row may take; None when even the wide search is cut off."""
    if not row.ambiguous:
        return [dict(row.values)]
    if len(row.candidates) < MAX_CANDIDATES:
        return list(row.candidates)
    wide = candidates(table.kind, table.columns, row.printed, WIDE_LIMIT)
    return None if len(wide) >= WIDE_LIMIT else wide


def _milli(value: Decimal) -> int:
    """Exact integer thousandths: amounts (0.01) and rounding bands (0.005) alike."""
    return int(value * 1000)


class _Domain:
    """One row's candidate vectors, indexed so the ones inside a box are found without trying each.

    In the income tables a row has hundreds of candidates, and once the rows it
    must add up with are chosen only one or two fit. Every candidate takes its
    column values from a few distinct ones (the printed amounts and 0), so the
    values a box admits per column are found by bisection, and when their
    combinations are fewer than the candidates, each is looked up by vector.
    """

    def __init__(self, vectors: list[tuple[int, ...]]):
        self.vectors = vectors
        self.by_vector: dict[tuple[int, ...], list[int]] = {}
        for idx, v in enumerate(vectors):
            self.by_vector.setdefault(v, []).append(idx)
        self.column_values = [sorted({v[k] for v in vectors}) for k in range(len(vectors[0]))]
        self.low = tuple(values[0] for values in self.column_values)
        self.high = tuple(values[-1] for values in self.column_values)

    def inside(self, lows: list[int], highs: list[int]) -> list[int]:
        """Indices, ascending, of the candidates v with lows[k] <= v[k] <= highs[k] in every column."""
        options = []
        combinations = 1
        for values, lo, hi in zip(self.column_values, lows, highs):
            admitted = values[bisect_left(values, lo):bisect_right(values, hi)]
            if not admitted:
                return []
            options.append(admitted)
            combinations *= len(admitted)
        if combinations <= len(self.by_vector):
            found = [idx for v in product(*options) for idx in self.by_vector.get(v, [])]
        else:
            found = [
                idx for idx, v in enumerate(self.vectors)
                if all(lo <= x <= hi for x, lo, hi in zip(v, lows, highs))
            ]
        return sorted(found)


def _consistent_choices(table, groups, domains) -> dict[int, set[int]] | None:
    """For each row, the indices of its candidates that occur in some combination
    satisfying every group; None when the search ran out of budget.

    Depth-first over rows in printed order (a total before the rows under it),
    pruned by bounds: once a group's total is chosen, the chosen parts plus the
    least and the most the unchosen parts can add must still reach it. Amounts
    are integers (thousandths, exact for amounts and the half-cent band) over
    the table's columns. Every such condition on the row about to be chosen is
    a box, column by column, around its vector (see `_box`), so the search
    visits exactly the candidates inside it, found through `_Domain.inside`
    rather than by testing each.
    """
    order = sorted(domains)
    ncols = len(table.columns)
    rows = {
        i: _Domain([tuple(_milli(d.get(c, Decimal(0))) for c in table.columns) for d in domains[i]]) for i in order
    }
    bands = [_milli(rounding_band(len(parts))) for _, parts in groups]
    # Per group, the least and the most its parts can add, column by column: the
    # chosen parts count their chosen vector, the others their domain's bounds.
    least = [[sum(rows[p].low[k] for p in parts) for k in range(ncols)] for _, parts in groups]
    most = [[sum(rows[p].high[k] for p in parts) for k in range(ncols)] for _, parts in groups]
    totals_of: dict[int, list[int]] = {i: [] for i in order}
    parts_of: dict[int, list[int]] = {i: [] for i in order}
    for g, (total, parts) in enumerate(groups):
        totals_of[total].append(g)
        for p in parts:
            parts_of[p].append(g)
    seen: dict[int, set[int]] = {i: set() for i in order}
    chosen: dict[int, tuple[int, ...]] = {}
    choice: dict[int, int] = {}
    steps = 0

    def box(row: int) -> tuple[list[int], list[int]]:
        """The bounds the row's vector must keep, column by column, for every group
        touching it to stay reachable: as the total, within the band of what its
        parts can add; as a part of a chosen total, such that the total stays within
        the band of what the other parts can add (the unchosen ones between their bounds).
        """
        lows, highs = list(rows[row].low), list(rows[row].high)
        for g in totals_of[row]:
            for k in range(ncols):
                lows[k] = max(lows[k], least[g][k] - bands[g])
                highs[k] = min(highs[k], most[g][k] + bands[g])
        for g in parts_of[row]:
            total = groups[g][0]
            if total not in chosen:
                continue
            t, d = chosen[total], rows[row]
            for k in range(ncols):
                # the group's bounds without this row's own
                lows[k] = max(lows[k], t[k] - (most[g][k] - d.high[k]) - bands[g])
                highs[k] = min(highs[k], t[k] - (least[g][k] - d.low[k]) + bands[g])
        return lows, highs

    def place(row: int, v: tuple[int, ...], sign: int) -> None:
        """Count the row's vector (sign 1) in its groups' bounds instead of its domain's, or undo that (-1)."""
        d = rows[row]
        for g in parts_of[row]:
            for k in range(ncols):
                least[g][k] += sign * (v[k] - d.low[k])
                most[g][k] += sign * (v[k] - d.high[k])

    def walk(k: int) -> bool:
        nonlocal steps
        steps += 1
        if steps > SEARCH_BUDGET:
            return False
        if k == len(order):
            for i in order:
                seen[i].add(choice[i])
            return True
        row = order[k]
        for idx in rows[row].inside(*box(row)):
            v = rows[row].vectors[idx]
            chosen[row], choice[row] = v, idx
            place(row, v, 1)
            complete = walk(k + 1)
            place(row, v, -1)
            del chosen[row], choice[row]
            if not complete:
                return False
        return True

    return seen if walk(0) else None


def resolve_by_column_totals(table) -> None:
    """Decide or narrow ambiguous rows so the table's totals add up column by column."""
    groups = _sum_groups(table)
    involved = {i for t, ps in groups for i in [t] + ps}
    if not any(table.rows[i].ambiguous for i in involved):
        return
    domains: dict[int, list[Candidate]] = {}
    for i in involved:
        d = _domain(table, table.rows[i])
        if d is None:
            _note(table, involved, NOTE_GAVE_UP)
            return
        domains[i] = d
    seen = _consistent_choices(table, groups, domains)
    if seen is None:
        _note(table, involved, NOTE_GAVE_UP)
        return
    if not seen[next(iter(seen))]:
        _note(table, involved, NOTE_NO_COMBINATION)
        return
    for i, kept in seen.items():
        row = table.rows[i]
        if row.ambiguous and len(kept) < len(domains[i]):
            _narrow(row, [domains[i][c] for c in sorted(kept)], NOTE_TOTALS, NOTE_TOTALS_NARROWED)


def _note(table, rows, note: str) -> None:
    for i in rows:
        if table.rows[i].ambiguous:
            table.rows[i].note = note


def _narrow(row, kept: list[Candidate], decided: str, narrowed: str) -> None:
    if len(kept) == 1:
        row.values, row.ambiguous, row.candidates, row.note = kept[0], False, [], decided
    else:
        row.candidates, row.values, row.note = kept, agreed(kept), narrowed


def _income_evidence(disclosure) -> tuple[Candidate, list[int]]:
    """Income columns the 收支总表 states: {column: amount}, and the lines."""
    summary = disclosure.table("income_expenditure_summary")
    found: Candidate = {}
    lines: list[int] = []
    if summary is None:
        return found, lines
    for row in summary.rows:
        if row.side != "income" or row.role != "item" or len(row.printed) != 1:
            continue
        col = canonical_column(re.sub(r"^[一二三四五六七八九十]+、", "", row.name.strip()))
        value = parse_amount(row.printed[0])
        if col and col != "合计" and value is not None:
            found[col] = value
            lines.append(row.line)
    return found, lines


def resolve_income_from_summary(disclosure) -> bool:
    """Narrow the 收入总表 total row with the income items of 收支总表. True when it changed."""
    table = disclosure.table("income_summary")
    if table is None:
        return False
    evidence, lines = _income_evidence(disclosure)
    evidence = {c: v for c, v in evidence.items() if c in table.columns}
    changed = False
    for row in table.rows:
        if row.role != "total" or not row.ambiguous or not evidence:
            continue
        domain = _domain(table, row) or []
        kept = [c for c in domain if all(c.get(col) == v for col, v in evidence.items())]
        if kept and len(kept) < len(domain):
            where = "、".join(str(n) for n in lines)
            _narrow(row, kept, f"由收支总表收入项（第{where}行）确定", f"收支总表收入项（第{where}行）排除了部分候选")
            changed = True
    return changed


def resolve_ambiguities(disclosure) -> None:
    """Decide what the tables' arithmetic and the other tables can decide (see above)."""
    for table in disclosure.tables:
        resolve_by_column_totals(table)
    if resolve_income_from_summary(disclosure):
        resolve_by_column_totals(disclosure.table("income_summary"))
