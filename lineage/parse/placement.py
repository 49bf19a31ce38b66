"""Place values whose cell positions were lost, using the arithmetic the table obeys.

The flattened layout drops blank cells: "206 99 99 305911 其他科学技术支出
338.03 338.03" does not say whether the second 338.03 is 基本支出 or 项目支出.
The printed order survives, so the candidates are the order-preserving
assignments of the values to the table's columns that satisfy every sum the
table obeys (合计 = 基本 + 项目 …, blank = 0). One candidate: placed. Several:
the row stays ambiguous with all of them, unless other evidence decides: column
totals, another table of the same document, or the column totals the document's
explanation text states — see `resolve_ambiguities`.
Sums are compared within the rounding band ((n + 1) × 0.005 for n parts):
placement must not fail on an honest rounding difference, which the checks
then report as a warning.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from decimal import Decimal
from functools import lru_cache
from itertools import product
from operator import sub

from lineage.amounts import parse_amount, rounding_band
from lineage.model import Problem
from lineage.parse.evidence import PINNED_KINDS, codes_from_names, function_pins, list_pins, table_pins
from lineage.parse.reconcile import ORDINAL
from lineage.tableview import indented, parents_by_depth, source_column
from lineage.vocab import TWO_SIDED
from lineage.vocab import columns as kind_columns
from lineage.vocab import sums as kind_sums

Candidate = dict[str, Decimal]

MAX_CANDIDATES = 64


@lru_cache(maxsize=1024)
def _table_sums(kind: str, columns: tuple[str, ...]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The sums of a kind that a table printing `columns` can check: the same for every row of the table,
    so worked out once (candidates() runs about a hundred times per flattened seed)."""
    return tuple((t, tuple(parts)) for t, parts in kind_sums(kind, columns)
                 if t in columns and any(p in columns for p in parts))


@lru_cache(maxsize=None)
def _scaled_band(n_parts: int, scale: int) -> int:
    """The rounding band of n parts in units of 1/scale (candidates() asks for the same few thousands of times)."""
    return int(rounding_band(n_parts) * scale)


def candidates(kind: str, columns: list[str], amounts: list[str], limit: int = MAX_CANDIDATES,
               pinned: tuple = (), blank: frozenset = frozenset()) -> list[Candidate]:
    """Every order-preserving placement of amounts into columns that satisfies the sums.

    `pinned`: (cells, value) pairs another part of the document states — the
    cells add up to the value (one cell exactly, several within their rounding
    band); `blank`: columns known to be blank. Both only cut the search.

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
    sums = _table_sums(kind, tuple(columns))
    col_index = {c: i for i, c in enumerate(columns)}
    pinned = tuple((cells, value) for cells, value in pinned if any(c in col_index for c in cells))
    # Exact integers for speed: amounts and bands scaled by one power of ten that
    # leaves no fraction (at least 1000 for the half-cent band).
    exponents = [-v.as_tuple().exponent for v in values + [value for _, value in pinned]]  # type: ignore[operator]
    scale = 10 ** max([3] + exponents)  # type: ignore[operator]
    scaled = [int(v * scale) for v in values]  # type: ignore[operator]
    # Each sum keeps its residual (total minus parts placed so far), updated as
    # a value is placed or taken back, so a check never re-adds its parts:
    # effects[col] = (sum, +1 for its total / -1 for a part) per sum col is in.
    # A sum can be checked once every column it names has been decided:
    # ready_at[col] = (sum, band) to check there.
    effects: list[list[tuple[int, int]]] = [[] for _ in columns]
    ready_at: list[list[tuple[int, int]]] = [[] for _ in columns]
    first_at: list[int] = []  # the total's column: the sum is open from there on
    for s, (total, parts) in enumerate(sums):
        named = [col_index[p] for p in parts if p in col_index]
        effects[col_index[total]].append((s, 1))
        for p in named:
            effects[p].append((s, -1))
        ready_at[max([col_index[total]] + named)].append((s, _scaled_band(len(named), scale)))
        first_at.append(col_index[total])
    # A pinned sum is a sum whose total is a constant: open from the start, its
    # residual starting at the stated value.
    for s, (cells, _) in enumerate(pinned, start=len(sums)):
        named = [col_index[c] for c in cells if c in col_index]
        for p in named:
            effects[p].append((s, -1))
        ready_at[max(named)].append((s, _scaled_band(len(named), scale) if len(named) > 1 else 0))
        first_at.append(-1)
    blocked = [c in blank for c in columns]
    # checked_from[col]: every sum checked at col or later, for the placements
    # that leave all of those columns blank.
    checked_from: list[list[tuple[int, int]]] = [[]] * (len(columns) + 1)
    for col in range(len(columns) - 1, -1, -1):  # built from the right: each is its column's checks + the next's
        checked_from[col] = ready_at[col] + checked_from[col + 1] if ready_at[col] else checked_from[col + 1]
    # reach[val]: the least and the most values[val:] can add to any columns (the
    # negatives, the positives); open_at[col]: the sums whose total is decided
    # before col but some part only at col or later. What is still to place
    # must bring such a sum within its band.
    reach = [(sum(v for v in scaled[i:] if v < 0), sum(v for v in scaled[i:] if v > 0)) for i in range(len(scaled) + 1)]
    open_at = [[c for c in checked_from[col] if first_at[c[0]] < col] for col in range(len(columns) + 1)]
    found: list[Candidate] = []
    residual = [0] * len(sums) + [int(value * scale) for _, value in pinned]  # total minus parts placed so far
    taken: list[tuple[str, Decimal]] = []  # (column, printed value) placed so far

    def holds(checks: list[tuple[int, int]]) -> bool:
        for s, band in checks:
            if abs(residual[s]) > band:
                return False
        return True

    def walk(col: int, val: int) -> None:
        if len(found) >= limit:
            return
        if val == len(values):
            # every value placed: the one way on leaves the other columns blank
            if holds(checked_from[col]):
                found.append(dict(taken))
            return
        remaining_cols = len(columns) - col
        remaining_vals = len(values) - val
        if remaining_vals > remaining_cols:
            return
        least, most = reach[val]
        for s, band in open_at[col]:
            gap = residual[s]
            if gap < least - band or gap > most + band:
                return
        checks = ready_at[col]
        if not blocked[col]:  # put the next value here
            value = scaled[val]
            for s, sign in effects[col]:
                residual[s] += sign * value
            taken.append((columns[col], values[val]))  # type: ignore[arg-type]
            if not checks or holds(checks):
                walk(col + 1, val + 1)
            taken.pop()
            for s, sign in effects[col]:
                residual[s] -= sign * value
        # or leave this column blank
        if remaining_vals < remaining_cols and (not checks or holds(checks)):
            walk(col + 1, val)

    walk(0, 0)
    return found


NOTE_ROW_SUMS = "位置未印出，由本表的合计关系唯一确定"


def place(row, kind: str, columns: list[str], cache: dict | None = None) -> str | None:
    """Place a row's printed amounts by its own table's arithmetic; a problem message when nothing fits.

    One placement: decided. Several: the row is ambiguous with all of them
    (`resolve_ambiguities` may decide later). `cache` keeps the placements of
    one table by printed amounts: a total, its repeats and single-subject rows
    often print the same.
    """
    cache = {} if cache is None else cache
    key = tuple(row.printed)
    if key not in cache:
        cache[key] = candidates(kind, columns, row.printed)
    cands = [dict(c) for c in cache[key]]  # copies: rows are narrowed and decided one by one
    row.ambiguous, row.candidates, row.values = False, [], {}
    if len(cands) == 1:
        row.values = cands[0]
        if len(cands[0]) < len(columns):  # blank columns: the arithmetic, not the order, decided
            row.note = NOTE_ROW_SUMS
    elif not cands:
        return f"金额 {' '.join(row.printed)} 无法按本表的合计关系放入任何列"
    else:
        row.ambiguous, row.candidates, row.values = True, cands, agreed(cands)
    return None


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

    The levels of subject rows come from their indentation when the layout
    shows it (`tableview.indented`: 表2-1 prints its 类 rows by name alone,
    "  商品和服务支出", and repeats "301 12" for a 款 and its items), otherwise
    from their codes, and then only when every one has a readable, distinct
    code: a guessed hierarchy would decide placements on false sums.
    Two-sided tables: on each side, a heading ("一、本年支出") sums the items
    printed under it.
    """
    rows = table.rows
    if table.kind in TWO_SIDED:
        return _side_groups(rows)
    totals = [r.index for r in rows if r.role == "total"]
    if not totals:
        return []
    top = totals[0]
    groups = [(top, [r.index]) for r in rows if r.role == "total_repeat"]
    units = [r.index for r in rows if r.role == "unit"]
    if units:
        groups.append((top, units))
    under = units[0] if len(units) == 1 else top
    subjects = [r for r in rows if r.role in ("subject", "project")]
    if indented(subjects):
        parents = parents_by_depth(subjects)
        groups.append((under, [r.index for r in subjects if parents[r.index] is None]))
        for parent in subjects:
            kids = [r.index for r in subjects if parents[r.index] is parent]
            if kids:
                groups.append((parent.index, kids))
        return groups
    codes = [r.code for r in subjects]
    if not subjects or None in codes or len(set(codes)) != len(codes) or any(r.code_garbled for r in subjects):
        return groups
    parent_of: dict[int, int] = {}
    for r in subjects:
        ancestors = [p for p in subjects if p.code != r.code and r.code.startswith(p.code)]
        if ancestors:
            parent_of[r.index] = max(ancestors, key=lambda p: len(p.code)).index
    groups.append((under, [r.index for r in subjects if r.index not in parent_of]))
    for parent in sorted(set(parent_of.values())):
        groups.append((parent, [c for c, p in parent_of.items() if p == parent]))
    return groups


def _side_groups(rows) -> list[tuple[int, list[int]]]:
    """A heading of a two-sided table and the items printed under it, per side.

    A heading is an ordinal item ("一、本年支出") followed by items without one;
    its items run to the next ordinal item or total. A further panel of a side (Row.panel) has its own.
    """
    groups = []
    for side, panel in dict.fromkeys((r.side, r.panel) for r in rows if r.side):
        items = [r for r in rows if (r.side, r.panel) == (side, panel) and r.printed]
        for i, head in enumerate(items):
            if head.role == "total" or not ORDINAL.match(head.name):
                continue
            parts = []
            for r in items[i + 1:]:
                if r.role == "total" or ORDINAL.match(r.name):
                    break
                parts.append(r.index)
            if parts:
                groups.append((head.index, parts))
    return groups


def _domain(table, row, wide: dict, blank: frozenset = frozenset(), pinned: tuple = (),
            strict: bool = False) -> list[Candidate] | None:
    """The placements a row may take; None when even the wide search is cut off.

    `blank`: columns the row must leave blank, `pinned`: (cells, value) sums it
    must satisfy (see `candidates`). When no placement satisfies them, `strict`
    gives [], otherwise the row's placements without them, so that the
    contradiction is reported, not hidden. A row not placed yet (表2-1 is
    placed only here, see `DEFERRED_KINDS`) is searched like a row whose list
    was cut. `wide` keeps the searches of one `resolve_ambiguities` call: rows
    that print the same amounts (a total and its repeats) share them.
    """
    if not row.ambiguous:
        return [dict(row.values)]
    if row.candidates and len(row.candidates) < MAX_CANDIDATES:
        kept = [c for c in row.candidates if not blank.intersection(c) and all(_adds_up(c, *p) for p in pinned)]
        return kept if kept or strict else list(row.candidates)
    attempts = [(blank, pinned)] if strict else [(blank, pinned), (blank, ()), (frozenset(), ())]
    for constraints in dict.fromkeys(attempts):
        key = (table.kind, tuple(table.columns), tuple(row.printed), *constraints)
        if key not in wide:
            found = candidates(table.kind, table.columns, row.printed, WIDE_LIMIT, pinned=constraints[1],
                               blank=constraints[0])
            wide[key] = None if len(found) >= WIDE_LIMIT else found
        if wide[key] is None:
            return None
        if wide[key]:
            # copies: a row narrowed to some of them must not share its dicts with another row
            return [dict(c) for c in wide[key]]
    return []


def _pinned_domain(table, row, wide: dict, blank: frozenset, pins: list) -> tuple[list[Candidate] | None, list]:
    """The row's placements under its pins, and the pins kept: all together when some
    placement satisfies them all, else each in turn that fits with those kept before."""
    if pins:
        together = _domain(table, row, wide, blank, tuple((p.columns, p.value) for p in pins), strict=True)
        if together:
            return together, pins
        kept: list = []
        found = None
        for pin in pins:
            trial = _domain(table, row, wide, blank, tuple((p.columns, p.value) for p in kept + [pin]), strict=True)
            if trial:
                kept, found = kept + [pin], trial
        if found:
            return found, kept
    return _domain(table, row, wide, blank), []


class _OverBudget(Exception):
    """The column-total search did more than SEARCH_BUDGET steps on one table."""


class _Domain:
    """Candidates of one row as integer vectors by id, indexed so the ones inside a box are found without trying each.

    In the income tables a row has hundreds of candidates, and once the rows it
    must add up with are chosen only one or two fit. Every candidate takes its
    column values from a few distinct ones (the printed amounts and 0), so the
    values a box admits per column are found by bisection, and when their
    combinations are fewer than the candidates, each is looked up by vector.
    """

    def __init__(self, vectors: dict[int, tuple[int, ...]]):
        self.vectors = vectors
        self.by_vector: dict[tuple[int, ...], list[int]] = {}
        for idx, v in vectors.items():
            self.by_vector.setdefault(v, []).append(idx)
        columns = zip(*vectors.values())
        self.column_values = [sorted(set(values)) for values in columns]
        self.low = tuple(values[0] for values in self.column_values)
        self.high = tuple(values[-1] for values in self.column_values)

    def inside(self, lows: list[int], highs: list[int]) -> list[int]:
        """Ids of the candidates v with lows[k] <= v[k] <= highs[k] in every column."""
        options = []
        combinations = 1
        for values, lo, hi in zip(self.column_values, lows, highs):
            admitted = values[bisect_left(values, lo):bisect_right(values, hi)]
            if not admitted:
                return []
            options.append(admitted)
            combinations *= len(admitted)
        if combinations <= len(self.by_vector):
            return [idx for v in product(*options) for idx in self.by_vector.get(v, [])]
        return [
            idx for idx, v in self.vectors.items() if all(lo <= x <= hi for x, lo, hi in zip(v, lows, highs))
        ]

    def keep(self, ids: set[int]) -> _Domain:
        if ids.issuperset(self.vectors):
            return self
        return _Domain({idx: v for idx, v in self.vectors.items() if idx in ids})


def _integer_domains(table, domains) -> tuple[dict[int, _Domain], int]:
    """Each row's candidates as exact integer vectors over the table's columns
    (blank = 0), and the power of ten they were scaled by: the least, at least
    1000 for the half-cent rounding band, that leaves no amount a fraction.

    >>> from types import SimpleNamespace
    >>> t = SimpleNamespace(columns=["合计", "基本支出"])
    >>> rows, scale = _integer_domains(t, {0: [{"合计": Decimal("1.2345")}]})
    >>> rows[0].vectors, scale
    ({0: (12345, 0)}, 10000)
    """
    # Candidates of a row share their Decimal objects: each distinct one is asked
    # its exponent once (by identity, since 1.0 == 1.00 but their exponents differ).
    distinct = {id(v): v for cands in domains.values() for c in cands for v in c.values()}
    exponents = {v.as_tuple().exponent for v in distinct.values()}
    scale = 10 ** max([3] + [-e for e in exponents])  # type: ignore[operator]
    scaled: dict[Decimal, int] = {}
    rows = {}
    for i, cands in domains.items():
        vectors = {}
        for idx, c in enumerate(cands):
            for v in c.values():
                if v not in scaled:
                    scaled[v] = int(v * scale)
            vectors[idx] = tuple(scaled[c[col]] if col in c else 0 for col in table.columns)
        rows[i] = _Domain(vectors)
    return rows, scale


def _group_supports(total: _Domain, parts: list[_Domain], band: int, budget: list[int]) -> list[set[int]]:
    """Ids of the total's and of each part's candidates that occur in some choice
    where the total and the sum of the parts differ by at most `band` in every column.

    The choice is made total first, then part by part, keeping what is left of
    the total (the residual); two choices with the same residual so far have the
    same completions, so the work grows with the distinct residuals, not with
    the combinations. A residual the remaining parts can no longer bring within
    the band (given the least and the most they can add) is not kept. A sweep
    back from the residuals that end within the band keeps the steps on a
    complete choice. `budget` holds the steps left for the table.

    The order of the parts does not change what is kept, only how much is
    tried: parts with one candidate go first (they only shift the residual),
    then the widest, as in subset sums, so that few small parts are left when
    the bounds start to cut.
    """
    order = sorted(range(len(parts)), key=lambda j: (len(parts[j].vectors) > 1, -_spread(parts[j])))
    ordered = [parts[j] for j in order]
    ncols = len(total.low)
    # least and most ordered[i:] can add, column by column
    rest_low, rest_high = [[0] * ncols], [[0] * ncols]
    for d in reversed(ordered):
        rest_low.insert(0, [a + b for a, b in zip(rest_low[0], d.low)])
        rest_high.insert(0, [a + b for a, b in zip(rest_high[0], d.high)])
    ts = total.inside([lo - band for lo in rest_low[0]], [hi + band for hi in rest_high[0]])
    steps: list[list[tuple[tuple[int, ...] | None, int, tuple[int, ...]]]] = [
        [(None, idx, total.vectors[idx]) for idx in ts]
    ]
    layer = {r for _, _, r in steps[0]}
    for i, d in enumerate(ordered):
        step = []
        # a residual r admits this part's v when r - v can still end within the band
        most = [hi + band for hi in rest_high[i + 1]]
        least = [lo - band for lo in rest_low[i + 1]]
        for r in layer:
            for idx in d.inside(list(map(sub, r, most)), list(map(sub, r, least))):
                step.append((r, idx, tuple(map(sub, r, d.vectors[idx]))))
        budget[0] -= len(layer) + len(step)
        if budget[0] < 0:
            raise _OverBudget
        steps.append(step)
        layer = {r for _, _, r in step}
    kept: list[set[int]] = []
    complete = layer  # every residual of the last step is within the band
    for step in reversed(steps):
        used = {(r, idx) for r, idx, after in step if after in complete}
        kept.insert(0, {idx for _, idx in used})
        complete = {r for r, _ in used}
    by_part = dict(zip(order, kept[1:]))
    return [kept[0]] + [by_part[j] for j in range(len(parts))]


def _spread(d: _Domain) -> int:
    """How far apart a row's candidates lie, summed over the columns."""
    return sum(hi - lo for lo, hi in zip(d.low, d.high))


def _consistent_choices(table, groups, domains) -> dict[int, set[int]] | None:
    """For each row, the indices of its candidates that occur in some combination
    satisfying every group; None when the search ran out of budget.

    Each row is a part of at most one group (`_sum_groups` builds them so): the
    groups meet only at single rows and form a tree hanging from the rows that
    are no part. On a tree, a candidate occurs in a complete combination exactly
    when it survives two sweeps: upwards, a total keeps the candidates some
    choice of its parts (each able to satisfy its own groups) adds up to;
    downwards, a part keeps the candidates of some choice adding up to one of
    its total's remaining candidates. Each group is so solved on its own,
    rather than multiplying its choices with every other group's.
    """
    rows, scale = _integer_domains(table, domains)
    totals_of: dict[int, list[int]] = {i: [] for i in rows}
    part_of: dict[int, int] = {}
    for g, (total, parts) in enumerate(groups):
        totals_of[total].append(g)
        for p in parts:
            if p in part_of:
                raise ValueError(f"row {p} is a part of two groups; the search assumes a tree")
            part_of[p] = g
    bands = [int(rounding_band(len(parts)) * scale) for _, parts in groups]
    budget = [SEARCH_BUDGET]
    # per group, the total's candidates it was last solved for, and the answer
    solved: dict[int, tuple[set[int], list[set[int]]]] = {}

    def solve(g: int) -> list[set[int]]:
        total, parts = groups[g]
        ids = set(rows[total].vectors)
        if g not in solved or solved[g][0] != ids:
            solved[g] = ids, _group_supports(rows[total], [rows[p] for p in parts], bands[g], budget)
        return solved[g][1]

    def up(row: int) -> bool:
        """Keep the row's candidates its groups below can complete; False when none is left."""
        for g in totals_of[row]:
            if not all(up(p) for p in groups[g][1]):
                return False
            kept = solve(g)[0]
            if not kept:
                return False
            rows[row] = rows[row].keep(kept)
        return True

    def down(row: int) -> None:
        """Keep the candidates of the parts under the row that complete one of its candidates.

        A group whose total kept every candidate it was solved for upwards has
        its answer already: its parts' candidates have not changed since.
        """
        for g in totals_of[row]:
            parts = groups[g][1]
            for p, kept in zip(parts, solve(g)[1:]):
                rows[p] = rows[p].keep(kept)
            for p in parts:
                down(p)

    roots = [i for i in rows if i not in part_of]
    try:
        if not all(up(root) for root in roots):
            return {i: set() for i in domains}
        for root in roots:
            down(root)
    except _OverBudget:
        return None
    return {i: set(d.vectors) for i, d in rows.items()}


def resolve_by_column_totals(table, wide: dict | None = None, pins: list = ()) -> None:
    """Decide or narrow ambiguous rows so the table's totals add up column by column.

    `wide`: the wide searches already made in this resolution (see `_domain`);
    `pins`: what other tables and the text state about this table's rows
    (`lineage.parse.evidence`), applied while the rows are searched.
    """
    wide = {} if wide is None else wide
    groups = _sum_groups(table)
    involved = {i for t, ps in groups for i in [t] + ps}
    if not any(table.rows[i].ambiguous for i in involved):
        return
    by_row: dict[int, list] = {}
    for pin in pins:
        by_row.setdefault(pin.row.index, []).append(pin)
    domains, sources = _domains(table, groups, involved, wide, by_row)
    if domains is None:
        _note(table, involved, NOTE_GAVE_UP)
        return
    seen = _consistent_choices(table, groups, domains)
    if seen is None:
        _note(table, involved, NOTE_GAVE_UP)
        return
    if not seen[next(iter(seen))]:
        _note(table, involved, NOTE_NO_COMBINATION)
        return
    for i, kept in seen.items():
        row = table.rows[i]
        if row.ambiguous and (len(kept) < len(row.candidates) or not row.candidates):
            said = "、".join(dict.fromkeys(sources.get(i, [])))
            if said and len(domains[i]) == 1:
                notes = (f"由{said}确定", "")
            elif said:
                notes = (f"由{said}与{NOTE_TOTALS[1:]}", f"{said}与{NOTE_TOTALS_NARROWED}")
            else:
                notes = (NOTE_TOTALS, NOTE_TOTALS_NARROWED)
            _narrow(row, [domains[i][c] for c in sorted(kept)], *notes)


def _domains(table, groups, involved: set[int], wide: dict,
             pins: dict[int, list]) -> tuple[dict[int, list[Candidate]] | None, dict[int, list[str]]]:
    """The placements of every row in the groups; None when a search is cut off.

    A column every placement of a total leaves blank is blank in the rows that
    add up to it too, when no amount of the table is negative (a negative part
    could offset a positive one): the search for those rows is told so, which
    keeps the wide tables (表2-1 has 34 columns) small. Groups come parents first.
    """
    nonnegative = not any(a.startswith("-") for r in table.rows for a in r.printed)
    blank: dict[int, frozenset] = {}
    domains: dict[int, list[Candidate]] = {}
    sources: dict[int, list[str]] = {}
    for i in [t for t, _ in groups] + sorted(involved):
        if i in domains:
            continue
        d, kept = _pinned_domain(table, table.rows[i], wide, blank.get(i, frozenset()), pins.get(i, []))
        if d is None:
            return None, sources
        domains[i] = d
        sources[i] = [p.where for p in kept]
        if nonnegative:
            zero = blank.get(i, frozenset()) | {c for c in table.columns if not any(c in cand for cand in d)}
            for t, parts in groups:
                if t == i:
                    for p in parts:
                        blank[p] = zero
    return domains, sources


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
        col = source_column(row.name)
        value = parse_amount(row.printed[0])
        if col and value is not None:
            found[col] = value
            lines.append(row.line)
    return found, lines


def resolve_income_from_summary(disclosure, wide: dict) -> bool:
    """Narrow the 收入总表 total row with the income items of 收支总表. True when it changed.

    `wide`: the wide searches already made in this resolution (see `_domain`).
    """
    table = disclosure.table("income_summary")
    if table is None:
        return False
    evidence, lines = _income_evidence(disclosure)
    evidence = {c: v for c, v in evidence.items() if c in table.columns}
    changed = False
    for row in table.rows:
        if row.role != "total" or not row.ambiguous or not evidence:
            continue
        domain = _domain(table, row, wide) or []
        kept = [c for c in domain if all(c.get(col) == v for col, v in evidence.items())]
        if kept and len(kept) < len(domain):
            where = "、".join(str(n) for n in lines)
            _narrow(row, kept, f"由收支总表收入项（第{where}行）确定", f"收支总表收入项（第{where}行）排除了部分候选")
            changed = True
    return changed


# What an explanation-text claim states about a table's 合计 row: (claim subject, claim scope,
# a word the claim's own wording must contain or None) → (table kind, column). "基本支出 177.07
# 万元，占48.23%" in the paragraph on the 支出预算 is the 基本支出 column of the 部门支出总表;
# "一般公共预算当年拨款233.12万元" is the 当年 column of the 一般公共预算 table by function.
TOTAL_CLAIMS: list[tuple[str, str | None, str | None, str, str]] = [
    ("expenditure_total", None, None, "expenditure_summary", "合计"),
    ("basic", "expenditure_total", None, "expenditure_summary", "基本支出"),
    ("project", "expenditure_total", None, "expenditure_summary", "项目支出"),
    ("gp_total", None, "当年", "gp_by_function", "当年财政拨款安排"),
    ("basic", "gp_total", None, "gp_by_function", "基本支出"),
    ("project", "gp_total", None, "gp_by_function", "项目支出"),
    ("basic", "fund_total", None, "fund_by_function", "基本支出"),
    ("project", "fund_total", None, "fund_by_function", "项目支出"),
] + [
    # The text's "三公" figures are the 财政拨款 ones, both 三公 tables together: one table
    # whose cell a figure fits is decided by it, and a 0 is 0 in both ("公务用车购置费0万元").
    (f"three_public.{part}", "three_public", None, kind, column)
    for kind in ("gp_three_public", "fund_three_public")
    for part, column in (
        ("abroad", "因公出国（境）费用"), ("car", "公务用车购置及运行费/小计"),
        ("car_purchase", "公务用车购置及运行费/公务用车购置费"),
        ("car_running", "公务用车购置及运行费/公务用车运行费"), ("reception", "公务接待费"),
    )
]


def _claimed_column(claim, kind: str) -> str | None:
    """The column of table `kind` whose 合计 the claim states, or None."""
    for subject, scope, word, table, column in TOTAL_CLAIMS:
        if (claim.subject, claim.scope, table) == (subject, scope, kind) and (word is None or word in claim.subject_label):
            return column
    return None


def _text_evidence(disclosure, table) -> tuple[Candidate, dict[str, list[int]]]:
    """Column totals of one table that the explanation text states: {column: amount}, and their lines.

    Only amounts of the disclosure's own year and amount unit count, and a
    column the text states twice with different amounts is left out: the
    text may disagree with itself, and then it decides nothing. Columns the
    table does not have (layouts differ) are not evidence about it.
    """
    stated: dict[str, set] = {}
    lines: dict[str, list[int]] = {}
    for c in disclosure.claims:
        column = _claimed_column(c, table.kind)
        if (column not in table.columns or c.kind != "amount" or c.unit != disclosure.amount_unit
                or (disclosure.year and c.year != disclosure.year)):
            continue
        stated.setdefault(column, set()).add(c.value)
        lines.setdefault(column, []).append(c.line)
    found = {col: next(iter(values)) for col, values in stated.items() if len(values) == 1}
    return found, {col: lines[col] for col in found}


def resolve_totals_from_text(disclosure, wide: dict) -> list:
    """Narrow ambiguous 合计 rows with the column totals the explanation text states; the tables changed.

    The flattened layouts lose blank cells, so "合计 367.12 177.07 190.05" fits
    基本/项目 as well as 上缴上级/对附属单位 columns, and the arithmetic is
    symmetric. The document's own text ("基本支出177.07万元…项目支出190.05万元")
    says which: a placement it contradicts is dropped, and the row's note names
    the text's lines. A text that fits no placement decides nothing.
    """
    changed = []
    for table in disclosure.tables:
        total = next((r for r in table.rows if r.role == "total" and r.ambiguous), None)
        if total is None:
            continue
        evidence, lines = _text_evidence(disclosure, table)
        if not evidence:
            continue
        domain = _domain(table, total, wide) or []
        kept = [c for c in domain if all(c.get(col, 0) == v for col, v in evidence.items())]
        used = list(evidence)
        if not kept:  # the figures fit no placement together: each one that fits with the others kept decides
            kept, used = domain, []
            for col, v in evidence.items():
                fits = [c for c in kept if c.get(col, 0) == v]
                if fits:
                    kept, used = fits, used + [col]
        if kept and len(kept) < len(domain):
            where = "、".join(str(n) for n in sorted({n for col in used for n in lines[col]}))
            _narrow(total, kept, f"由说明第{where}行确定", f"说明第{where}行排除了部分候选")
            changed.append(table)
    return changed


def apply_pins(pins, wide: dict) -> list:
    """Narrow each pinned row to the placements whose pinned cells add up to the figures; the tables changed.

    A row's pins are taken in order, each kept when some placement satisfies it
    together with those kept before; a pin no placement agrees with is skipped
    (the checks report the disagreement). The row's note names the pins kept.
    """
    by_row: dict[int, list] = {}
    for pin in pins:
        if pin.row.ambiguous:
            by_row.setdefault(id(pin.row), []).append(pin)
    changed: dict[int, object] = {}
    for row_pins in by_row.values():
        table, row = row_pins[0].table, row_pins[0].row
        kept: list = []
        domain = None
        for pin in row_pins:
            trial = _domain(table, row, wide, pinned=tuple((p.columns, p.value) for p in kept + [pin]))
            if trial and all(_adds_up(c, pin.columns, pin.value) for c in trial):
                kept.append(pin)
                domain = trial
        if domain is not None and (len(domain) < len(row.candidates) or not row.candidates):
            said = "、".join(dict.fromkeys(p.where for p in kept))
            _narrow(row, domain, f"由{said}确定", f"{said}排除了部分候选")
            changed[id(table)] = table
    return list(changed.values())


def _adds_up(cand: Candidate, columns: tuple[str, ...], value: Decimal) -> bool:
    parts = [cand[c] for c in columns if c in cand]
    band = rounding_band(len(parts)) if len(parts) > 1 else 0
    return abs(sum(parts, Decimal(0)) - value) <= band


MAX_PASSES = 4  # a table decided by a pin is evidence for the next pass


def _pins(disclosure) -> list:
    return [*table_pins(disclosure), *list_pins(disclosure), *function_pins(disclosure)]


def resolve_ambiguities(disclosure) -> None:
    """Decide what the tables' arithmetic, the other tables and the text can decide (see above and
    `lineage.parse.evidence`).

    The evidence about a total row comes first, so that the column-total search
    starts from a decided total; tables that other tables pin (表2, 表2-1) are
    solved by their column totals only once those pins are in.
    """
    wide: dict = {}
    resolve_income_from_summary(disclosure, wide)
    resolve_totals_from_text(disclosure, wide)
    pending = [t for t in disclosure.tables if t.kind in PINNED_KINDS and t.kind not in DEFERRED_KINDS]
    for table in disclosure.tables:
        if table.kind not in PINNED_KINDS:
            resolve_by_column_totals(table, wide)
    codes_from_names(disclosure)
    for _ in range(MAX_PASSES):
        pins = [p for p in _pins(disclosure) if p.table.kind not in DEFERRED_KINDS]
        changed = apply_pins(pins, wide)
        for table in {id(t): t for t in pending + changed}.values():
            resolve_by_column_totals(table, wide)
        pending = []
        if not changed:
            break
    # the wide tables last, their pins applied while their rows are searched
    pins = [p for p in _pins(disclosure) if p.table.kind in DEFERRED_KINDS]
    for table in disclosure.tables:
        if table.kind in DEFERRED_KINDS:
            resolve_by_column_totals(table, wide, [p for p in pins if p.table is table])
    apply_pins(pins, wide)  # rows in no sum group
    _place_deferred(disclosure)


# Wide tables that other tables pin are placed only here, once those tables are: their
# own search (表2-1 has 34 columns) is then small, where at build it was the slowest part.
WIDE = 16
DEFERRED_KINDS = {kind for kind in PINNED_KINDS if len(kind_columns(kind)) > WIDE}


def _place_deferred(disclosure) -> None:
    """Rows nothing above reached (no total row, no pin): placed by their own arithmetic, as at build."""
    for table in disclosure.tables:
        cache: dict = {}
        for row in table.rows:
            if row.ambiguous and not row.candidates:
                problem = place(row, table.kind, table.columns, cache)
                if problem:
                    disclosure.problems.append(
                        Problem(file=disclosure.source.path, line=row.line, message=problem, table=table.kind))
