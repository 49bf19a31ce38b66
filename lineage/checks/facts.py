"""Quantities a disclosure states, gathered from every table under one vocabulary.

Several tables state the same quantity (the total expenditure is in 收支总表,
收入总表 and 支出总表; 一般公共预算基本支出 in 表3, 表3-1 and 表2-1); the
explanation text states them again. Each is gathered here as a `Fact` under a
key shared with `Claim.subject` ("expenditure_total", "basic",
"source:事业收入", "function:2060701", "three_public.reception" …), so the
cross-table rule compares facts with one key, and the narrative rule compares
a claim with the facts of its subject.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Optional

from lineage.checks.balances import first_amount, side_total
from lineage.checks.walk import tables
from lineage.tableview import evidence, item_rows, named_groups, source_column, strip_numbering, total_row
from lineage.model import Disclosure, Provenance, Row, Table
from lineage.vocab import KIND_LABELS, TWO_SIDED, spec


@dataclass
class Fact:
    key: str
    value: Decimal
    table: str  # table kind it comes from
    evidence: list[Provenance] = field(default_factory=list)
    derived: bool = False  # a sum of printed amounts, not one printed amount
    unit: str = ""  # 万元 or 元: the unit of the table it comes from (Shanghai: tables in 元, 三公 in 万元)

    @property
    def label(self) -> str:
        return KIND_LABELS.get(self.table, self.table)


class Facts:
    def __init__(self) -> None:
        self.by_key: dict[str, list[Fact]] = defaultdict(list)
        # Keys a table states but whose column the text did not determine.
        self.unresolved: set[str] = set()
        self.unit = ""  # the unit of the table being read; a fact without its own takes it

    def add(self, fact: Fact) -> None:
        if not fact.unit:
            fact.unit = self.unit
        self.by_key[fact.key].append(fact)

    def get(self, key: str) -> list[Fact]:
        return self.by_key.get(key, [])


def gather(d: Disclosure) -> Facts:
    facts = Facts()
    for t in tables(d):
        if t.empty:
            continue
        facts.unit = t.unit or d.amount_unit
        _from_total_row(d, t, facts)
        _from_function_rows(d, t, facts)
        if t.kind in TWO_SIDED:
            _from_two_sided(d, t, facts)
        if t.kind == "fiscal_by_economic":
            _from_fiscal_by_economic(d, t, facts)
        _from_subtotals(d, t, facts)
        _from_catalogue(d, t, facts)
    _combine_three_public(facts)
    return facts


def _combine_three_public(facts: Facts) -> None:
    """财政拨款“三公” = 一般公共预算 + 政府性基金 “三公”, when the fund table prints amounts."""
    for key in [k for k in facts.by_key if k.startswith("fund.three_public")]:
        gp_key = key.removeprefix("fund.")
        gp, fund = facts.get(gp_key), facts.get(key)
        if gp and fund and gp[0].unit == fund[0].unit:
            facts.add(Fact("fiscal." + gp_key, gp[0].value + fund[0].value, "fiscal", gp[0].evidence + fund[0].evidence,
                           derived=True, unit=gp[0].unit))


def _from_total_row(d: Disclosure, t: Table, facts: Facts) -> None:
    total = total_row(t)
    if total is None:
        return
    keys = s.total_facts if (s := spec(t.kind)) else {}  # column of the 合计 row → fact key
    if total.ambiguous:
        facts.unresolved.update(
            key for column, key in keys.items()
            if any(column in c for c in total.candidates)
        )
    for column, key in keys.items():
        if column in total.values:
            facts.add(Fact(key, total.values[column], t.kind, evidence(d, t, [total])))


def _from_function_rows(d: Disclosure, t: Table, facts: Facts) -> None:
    s = spec(t.kind)
    if not s or not s.row_facts:  # the column of item rows that states a functional subject
        return
    column, prefix = s.row_facts
    by_code: dict[str, list[Row]] = defaultdict(list)
    for r in item_rows(t):
        if r.code and column in r.values:
            facts.add(Fact(f"{prefix}:{r.code}", r.values[column], t.kind, evidence(d, t, [r])))
            if len(r.code) == 7:
                by_code[r.code[:3]].append(r)
    printed = {r.code for r in item_rows(t) if r.code}
    for cls, rows in by_code.items():  # 类 totals derived from 项 rows when the 类 is not printed
        if cls not in printed:
            total = sum((r.values[column] for r in rows), Decimal(0))
            facts.add(Fact(f"{prefix}:{cls}", total, t.kind, evidence(d, t, rows), derived=True))


def _year_total(t: Table, side: str) -> Optional[Row]:
    """A 决算 summary's 本年收入合计 / 本年支出合计 row: its 总计 adds the carry-over (年初/年末结转和结余)."""
    return next((r for r in t.rows if r.side == side and r.values and
                 re.match(r"^本年(收入|支出)合计$", re.sub(r"\s+", "", r.name))), None)


# The key prefix of what a two-sided summary states: the 财政拨款 and the 政府性基金 summaries speak of
# their own money ("fiscal.income_total", "fund.income_total"), the 收支总表 of all of it.
_TWO_SIDED_PREFIX = {"fiscal_summary": "fiscal.", "actual_fiscal_summary": "fiscal.", "fund_summary": "fund."}


def _from_two_sided(d: Disclosure, t: Table, facts: Facts) -> None:
    prefix = _TWO_SIDED_PREFIX.get(t.kind, "")
    if (s := spec(t.kind)) and s.phase == "actual":
        income, spend = _year_total(t, "income"), _year_total(t, "expenditure")
    else:
        income, spend = side_total(t, "income"), side_total(t, "expenditure")
    for row, key in ((income, "income_total"), (spend, "expenditure_total")):
        if row:
            facts.add(Fact(prefix + key, first_amount(row), t.kind, evidence(d, t, [row])))
    either = side_total(t, "income") or side_total(t, "expenditure")
    if not prefix and either and spec(t.kind) and spec(t.kind).phase == "actual":  # type: ignore[union-attr]
        # a 决算's 收入支出总计 adds 年初结转和结余 to 本年收入合计: a reading of "收入支出总计"
        facts.add(Fact("grand_total", first_amount(either), t.kind, evidence(d, t, [either])))
    if prefix == "fiscal." and either:  # fiscal_summary: either side's total is the fiscal total
        facts.add(Fact("fiscal_total", first_amount(either), t.kind, evidence(d, t, [either])))
    for r in t.rows:
        if not r.values or r.role == "total" or r.panel:  # a further panel classifies the money by economic class
            continue
        name = strip_numbering(r.name)
        amount = first_amount(r)
        if r.side == "income":
            col = source_column(name)
            if col:
                facts.add(Fact(f"{prefix}source:{col}", amount, t.kind, evidence(d, t, [r])))
        elif r.side == "expenditure" and name.endswith("支出") and "合计" not in name and "总计" not in name:
            facts.add(Fact(f"{prefix}function_name:{name}", amount, t.kind, evidence(d, t, [r])))


def _from_subtotals(d: Disclosure, t: Table, facts: Facts) -> None:
    """The vocabulary's subtotal rows (决算 基本支出表: 人员经费合计 → personnel, 公用经费合计 → public;
    政府采购预算表: 货物 → procurement.goods), in the column the table's total states (its first
    `total_facts` column: 苏州's 货物 row prints 一般公共预算资金 before 总计), else its one amount."""
    s = spec(t.kind)
    column = next(iter(s.total_facts), None) if s else None
    by_key: dict[str, list[Row]] = defaultdict(list)
    for r in t.rows:
        if r.role != "subtotal" or not r.values or not s:
            continue
        name = re.sub(r"\s+", "", r.name)
        key = next((k for pattern, _, k in s.subtotals if re.match(pattern, name)), None)
        if key:
            by_key[key].append(r)
    for key, rows in by_key.items():
        amounts = {r.index: r.values[column] if column in r.values else first_amount(r) for r in rows}
        if len(set(amounts.values())) > 1:  # 货物 under each of several units: the table does not say which
            facts.unresolved.add(key)       # total the text means
            continue
        facts.add(Fact(key, amounts[rows[0].index], t.kind, evidence(d, t, rows[:1])))
    _absent_groups(d, t, facts, by_key)


def _absent_groups(d: Disclosure, t: Table, facts: Facts, printed: dict[str, list[Row]]) -> None:
    """A group the table does not print is 0 when the groups it prints make up its whole 合计 (苏州's 政府采购
    支出表: 货物 5.50 + 服务 183.00 = 188.50, so 工程 is 0 — the text's "拟采购工程支出0万元")."""
    s, total = spec(t.kind), total_row(t)
    column = next(iter(s.total_facts), None) if s else None
    groups = named_groups(t, item_rows(t))
    if not s or total is None or not groups or column not in total.values or any(column not in g.values for g in groups):
        return
    if sum((g.values[column] for g in groups), Decimal(0)) != total.values[column]:
        return
    for key in dict.fromkeys(k for _, classes, k in s.subtotals if not classes and k not in printed):
        facts.add(Fact(key, Decimal(0), t.kind, evidence(d, t, [total]), derived=True))


def _from_catalogue(d: Disclosure, t: Table, facts: Facts) -> None:
    """Facts by the national catalogue printed beside the items (TableSpec.catalogue: 西安 政府采购's
    采购目录 "C05040300保安服务" is a 服务): each kind's sum over the catalogued items, when every entry
    names a kind and the items make up the whole 合计; else the kinds are unresolved, never guessed."""
    s = spec(t.kind)
    total = total_row(t)
    if not s or not s.catalogue or total is None:
        return
    header, kinds = s.catalogue
    column = next(iter(s.total_facts), "")
    entries = [(r, text) for r in t.rows if column in r.values for h, text in r.described.items() if re.match(header, h)]
    if not entries:
        return
    keyed = [(r, next((key for pattern, key in kinds if re.match(pattern, text)), None)) for r, text in entries]
    whole = sum((r.values[column] for r, _ in keyed), Decimal(0))
    if any(key is None for _, key in keyed) or whole != total.values.get(column):
        facts.unresolved.update(key for _, key in kinds)
        return
    for _, key in kinds:
        rows = [r for r, k in keyed if k == key]
        value = sum((r.values[column] for r in rows), Decimal(0))
        facts.add(Fact(key, value, t.kind, evidence(d, t, rows or [total]), derived=True))


def _from_fiscal_by_economic(d: Disclosure, t: Table, facts: Facts) -> None:
    total = total_row(t)
    if total is None:
        return
    for part, key in (("基本支出", "gp_basic"), ("项目支出", "gp_project")):
        cols = [c for c in total.values if c.endswith(f"一般公共预算拨款/{part}")]
        if cols:
            value = sum((total.values[c] for c in cols), Decimal(0))
            facts.add(Fact(key, value, t.kind, evidence(d, t, [total]), derived=len(cols) > 1))
