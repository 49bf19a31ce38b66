"""Compare units side by side: totals, funding shares, 类/款 structure, splits, 三公; and budget execution
(预算数, 决算数, rate) for a 决算, against its own 预算数 columns and against the 预算 of its unit and year."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Optional

from lineage.amounts import percent
from lineage.checks.facts import gather
from lineage.checks.finding import Finding
from lineage.execution import ExecutionSet, execution, phase
from lineage.tableview import leaves
from lineage.model import Disclosure
from lineage.vocab.phases import in_phase

ROWS: list[tuple[str, str]] = [
    ("income_total", "收入总计"),
    ("expenditure_total", "支出总计"),
    ("basic", "基本支出"),
    ("project", "项目支出"),
    ("personnel", "人员经费（一般公共预算）"),
    ("public", "公用经费（一般公共预算）"),
    ("three_public", "“三公”经费"),
    ("three_public.abroad", "  因公出国（境）"),
    ("three_public.car", "  公务用车购置及运行"),
    ("three_public.reception", "  公务接待"),
]


@dataclass
class Comparison:
    units: list[str]
    amount_unit: list[str]
    lines: list[tuple[str, list[Optional[Decimal]], list[Optional[Decimal]]]] = field(default_factory=list)
    only_in: dict[str, list[str]] = field(default_factory=dict)  # unit → subjects absent elsewhere
    execution: list[ExecutionSet] = field(default_factory=list)  # each 决算's 预算数 → 决算数 (lineage.execution)
    # XD findings of a 决算 against a 预算 compared with it (its own 预算数 differing from the 预算's: adjusted)
    execution_findings: list[Finding] = field(default_factory=list)


def _name(d: Disclosure, kinds: set[str]) -> str:
    """A unit's column name: unit and year, and the kind when a 预算 and a 决算 are compared."""
    return f"{d.unit_name} {d.year}" + (f" {d.kind}" if len(kinds) > 1 else "")


def _by_prefix(d: Disclosure, length: int) -> dict[str, Decimal]:
    kind, column = in_phase("expenditure_summary", "合计", phase(d))  # a 决算's 支出决算表: 本年支出合计
    t = d.table(kind)
    out: dict[str, Decimal] = defaultdict(Decimal)
    for r in (leaves(t) or []) if t else []:
        if r.code and len(r.code) >= length and column in r.values:
            out[r.code[:length]] += r.values[column]
    return dict(out)


def _cross_document(disclosures: list[Disclosure]) -> list[Finding]:
    """The XD rules over each 决算 given with its 预算 (lineage.checks.cross_document)."""
    from lineage.checks.cross_document import with_related

    return [f for d in disclosures if phase(d) == "actual"
            for f in with_related(d, [x for x in disclosures if x is not d])]


def compare(disclosures: list[Disclosure]) -> Comparison:
    facts = [gather(d) for d in disclosures]
    kinds = {d.kind for d in disclosures}
    comp = Comparison([_name(d, kinds) for d in disclosures], [d.amount_unit for d in disclosures],
                      execution=execution(disclosures), execution_findings=_cross_document(disclosures))

    def fact(i: int, key: str) -> Optional[Decimal]:
        found = facts[i].get(key)
        return found[0].value if found else None

    totals = [fact(i, "expenditure_total") or fact(i, "income_total") for i in range(len(disclosures))]
    for key, label in ROWS:
        values = [fact(i, key) for i in range(len(disclosures))]
        comp.lines.append((label, values, [percent(v, t) for v, t in zip(values, totals)]))
    sources = sorted({k for f in facts for k in f.by_key if k.startswith("source:")})
    for key in sources:
        values = [fact(i, key) for i in range(len(disclosures))]
        comp.lines.append((f"来源 {key.split(':', 1)[1]}", values, [percent(v, t) for v, t in zip(values, totals)]))
    for length, level in ((3, "类"), (5, "款")):
        per_unit = [_by_prefix(d, length) for d in disclosures]
        for code in sorted({c for u in per_unit for c in u}):
            values = [u.get(code) for u in per_unit]
            comp.lines.append((f"{level} {code}", values, [percent(v, t) for v, t in zip(values, totals)]))
    items = [set(_by_prefix(d, 7)) for d in disclosures]
    for unit, mine in zip(comp.units, items):
        others = set().union(*(o for o in items if o is not mine)) if len(items) > 1 else set()
        comp.only_in[unit] = sorted(mine - others)
    return comp
