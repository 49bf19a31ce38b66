"""Budget execution: what was planned (预算数) against what was spent (决算数), and the rate.

Two readings, both from printed tables only:

- a 决算 on its own: the columns it prints as 预算数/决算数 pairs (the 三公 table
  of the national and Shanghai templates; any table whose header pairs them),
  row by row (`own`);
- a 预算 and the 决算 of the same unit and year: the quantities the budget
  table plans against those its 决算 counterpart states as spent, per
  `lineage.vocab.phases.COUNTERPARTS` (totals, 基本/项目, 类/款/项 by code,
  三公) (`between`).

Nothing is computed into the documents: each side keeps its printed amount,
unit and the row it is printed on. The rate is a derived figure for reports:
决算数 over 预算数 in percent to 0.01, half up, after converting the budget
exactly into the 决算's unit (a Shanghai budget prints 元, its 决算 万元).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Iterable, Optional

from lineage.amounts import convert, percent
from lineage.checks.walk import tables
from lineage.model import Disclosure, Provenance, Row, Table
from lineage.tableview import item_rows, provenance, total_row
from lineage.vocab import label
from lineage.vocab.phases import COUNTERPARTS, Counterpart, pairs, phase_of_kind

LEVELS = {3: "类", 5: "款", 7: "项"}


@dataclass
class Side:
    """One printed amount of a comparison: its value, unit and where it is printed."""

    value: Decimal
    unit: str
    evidence: Provenance


@dataclass
class Execution:
    """One quantity planned and spent. `level` is 合计 for a table's total row, else 类/款/项."""

    section: str
    name: str
    level: str
    code: Optional[str]
    budget: Optional[Side]
    actual: Optional[Side]

    @property
    def unit(self) -> str:
        """The unit both are compared in: the 决算's (its amounts are the subject)."""
        return (self.actual or self.budget).unit  # type: ignore[union-attr]

    @property
    def budget_value(self) -> Optional[Decimal]:
        """The budget in `unit`, converted exactly."""
        return convert(self.budget.value, self.budget.unit, self.unit) if self.budget else None

    @property
    def actual_value(self) -> Optional[Decimal]:
        return self.actual.value if self.actual else None

    @property
    def rate(self) -> Optional[Decimal]:
        """决算数 as a percentage of 预算数, to 0.01; None without both or with a zero budget.

        >>> ev = Provenance(file="f", line=1)
        >>> e = Execution("三公", "合计", "合计", None, Side(Decimal("2.85"), "万元", ev), Side(Decimal("0.39"), "万元", ev))
        >>> e.rate, e.difference
        (Decimal('13.68'), Decimal('-2.46'))
        """
        return percent(self.actual_value, self.budget_value) if self.actual else None

    @property
    def difference(self) -> Optional[Decimal]:
        """决算数 − 预算数 in `unit`; None without both."""
        b, a = self.budget_value, self.actual_value
        return None if a is None or b is None else a - b


@dataclass
class ExecutionSet:
    """The execution lines of one 决算, read from itself (`budget` None) or against a 预算."""

    actual: str  # the 决算's disclosure id
    budget: Optional[str]  # the 预算's disclosure id; None when the 决算's own 预算数 columns are read
    title: str
    lines: list[Execution] = field(default_factory=list)


def phase(d: Disclosure) -> str:
    """'budget' for a 部门/单位预算, 'actual' for a 决算 (from the disclosure's kind)."""
    return phase_of_kind(d.kind)


def _unit(d: Disclosure, t: Table) -> str:
    return t.unit or d.amount_unit


def _named(r: Row) -> str:
    return " ".join(filter(None, [r.code, r.name.strip()]))


def own(d: Disclosure) -> list[Execution]:
    """The 预算数/决算数 pairs a 决算 prints itself, per table, row and paired column.

    A table with one pair per row (三公 prints six pairs on one row) gives a
    line per pair; coded rows give a line per code (and pair, when several).
    """
    out: list[Execution] = []
    for t in tables(d):
        paired = pairs(t.columns)
        if not paired or t.empty:
            continue
        rows = [r for r in t.rows if r.role == "total"][:1] + [r for r in item_rows(t) if r.code]
        for r in rows:
            prov, unit = provenance(d, t, r), _unit(d, t)
            for subject, (b_col, a_col) in paired.items():
                if b_col not in r.values and a_col not in r.values:
                    continue
                level = "合计" if r.role == "total" else LEVELS.get(len(r.code or ""), "项")
                name = subject if r.role == "total" else (_named(r) if len(paired) == 1 else f"{_named(r)} {subject}")
                out.append(Execution(
                    label(t.kind, t.title), name or "合计", level, r.code,
                    Side(r.values.get(b_col, Decimal(0)), unit, prov), Side(r.values.get(a_col, Decimal(0)), unit, prov),
                ))
    return out


def _actual_column(t: Table, column: str) -> str:
    """The column of an actual table holding the spent amount of `column` (its 决算数 when printed as a pair)."""
    if column in t.columns:
        return column
    return pairs(t.columns).get(column, ("", column))[1]


def _side(d: Disclosure, t: Table, r: Optional[Row], column: str) -> Optional[Side]:
    if r is None or column not in r.values:
        return None
    return Side(r.values[column], _unit(d, t), provenance(d, t, r))


def _between(cp: Counterpart, b: Disclosure, bt: Table, a: Disclosure, at: Table) -> list[Execution]:
    section = cp.section
    out = []
    b_total, a_total = total_row(bt), total_row(at)
    for b_col, a_col in cp.columns:
        a_col = _actual_column(at, a_col)
        sides = _side(b, bt, b_total, b_col), _side(a, at, a_total, a_col)
        if any(sides):
            out.append(Execution(section, b_col, "合计", None, *sides))
    if not cp.by_code:
        return out
    b_col, a_col = cp.columns[0][0], _actual_column(at, cp.columns[0][1])
    b_rows = {r.code: r for r in item_rows(bt) if r.code}
    a_rows = {r.code: r for r in item_rows(at) if r.code}
    for code in sorted(set(b_rows) | set(a_rows)):
        br, ar = b_rows.get(code), a_rows.get(code)
        sides = _side(b, bt, br, b_col), _side(a, at, ar, a_col)
        if any(sides):
            name = _named(ar or br)  # type: ignore[arg-type]
            out.append(Execution(section, name, LEVELS.get(len(code), "项"), code, *sides))
    return out


@dataclass
class Figure:
    """A quantity of one phase a disclosure prints outside the flows (三公): `key` is the budget table's
    column, shared by the 预算 and the 决算 that states it, so both phases line up."""

    section: str
    key: str
    phase: str  # "budget" | "actual"
    side: Side


def figures(d: Disclosure) -> list[Figure]:
    """The `Counterpart.figures` quantities a disclosure prints: a 预算's planned ones; a 决算's spent ones and,
    where it prints them beside, its own 预算数."""
    out = []
    for cp in (c for c in COUNTERPARTS if c.figures):
        t = d.table(cp.actual if phase(d) == "actual" else cp.budget)
        total = total_row(t) if t and not t.empty else None
        if t is None or total is None:
            continue
        paired = pairs(t.columns)
        for b_col, a_col in cp.columns:
            if phase(d) == "budget":
                found = [("budget", b_col)]
            else:
                found = [("actual", _actual_column(t, a_col))] + ([("budget", paired[a_col][0])] if a_col in paired else [])
            for ph, column in found:
                side = _side(d, t, total, column)
                if side:
                    out.append(Figure(cp.section, b_col, ph, side))
    return out


def between(budget: Disclosure, actual: Disclosure) -> list[Execution]:
    """A 预算's planned amounts against its 决算's spent ones, for every counterpart table both print."""
    out: list[Execution] = []
    for cp in COUNTERPARTS:
        bt, at = budget.table(cp.budget), actual.table(cp.actual)
        if bt and at and not bt.empty and not at.empty:
            out.extend(_between(cp, budget, bt, actual, at))
    return out


@dataclass
class Restated:
    """An amount a 预算 plans and the 预算数 its 决算 prints for the same quantity (they differ when the
    budget was adjusted during the year)."""

    section: str
    name: str
    code: Optional[str]
    planned: Side  # as the 预算 prints it
    restated: Side  # the 决算's own 预算数


def restated(budget: Disclosure, actual: Disclosure) -> list[Restated]:
    """Each 预算数 a 决算 prints beside its 决算数 (a pair column), with what its 预算 printed for it."""
    out = []
    for cp in COUNTERPARTS:
        bt, at = budget.table(cp.budget), actual.table(cp.actual)
        paired = pairs(at.columns) if at and not at.empty else {}
        if not bt or bt.empty or not paired:
            continue
        b_total, a_total = total_row(bt), total_row(at)  # type: ignore[arg-type]
        rows = [(b_total, a_total, None)]
        if cp.by_code:
            a_rows = {r.code: r for r in item_rows(at) if r.code}  # type: ignore[arg-type]
            rows += [(r, a_rows.get(r.code), r.code) for r in item_rows(bt) if r.code]
        for b_row, a_row, code in rows:
            for b_col, a_col in cp.columns[:1] if code else cp.columns:
                if a_col not in paired:
                    continue
                planned, own_budget = _side(budget, bt, b_row, b_col), _side(actual, at, a_row, paired[a_col][0])  # type: ignore[arg-type]
                if planned and own_budget:
                    name = _named(a_row) if code else b_col  # type: ignore[arg-type]
                    out.append(Restated(cp.section, name, code, planned, own_budget))
    return out


def same_unit_year(a: Disclosure, b: Disclosure) -> bool:
    """Whether two disclosures are the same unit's for the same year (a 预算 and its 决算)."""
    return a.unit_name == b.unit_name and a.year == b.year and a.year is not None


def execution(disclosures: Iterable[Disclosure]) -> list[ExecutionSet]:
    """Every 决算 among `disclosures` against each 预算 of the same unit and year given with it,
    and against its own 预算数 columns."""
    ds = list(disclosures)
    out = []
    for a in (d for d in ds if phase(d) == "actual"):
        for b in (d for d in ds if phase(d) == "budget" and same_unit_year(d, a)):
            lines = between(b, a)
            if lines:
                out.append(ExecutionSet(a.id, b.id, f"{a.unit_name} {a.year}：{b.kind} → {a.kind}", lines))
        lines = own(a)
        if lines:
            out.append(ExecutionSet(a.id, None, f"{a.unit_name} {a.year}：{a.kind}所列预算数 → 决算数", lines))
    return out
