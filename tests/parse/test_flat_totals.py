"""Every one-sided table of the flattened seeds adds up to its 合计, or a finding says why not.

The rows summed are a table's leaves (rows no other row is a subtotal of, by code or indentation),
or its unit rows where it lists units only (收入总表, 三公 tables). A difference within the rounding band
((n + 1) × 0.005) must be reported as a warning citing the 合计 line, one beyond it as an error.
Two-sided tables (收支总表, 财政拨款收支总表) are balanced by their sides (BL01) and are left out here.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from lineage.amounts import rounding_band
from lineage.checks.registry import run_checks
from lineage.tableview import leaves, total_row


def differences(d) -> dict[tuple[str, str], tuple[Decimal, Decimal, int]]:
    """(table kind, column) → (rows' sum, printed 合计, 合计 line) where they differ."""
    out = {}
    for t in d.tables:
        total = total_row(t) if t.rows else None
        if total is None or any(r.side for r in t.rows):
            continue
        rows = leaves(t)
        assert rows is not None, t.kind  # the levels of every table of 000/001 can be told
        rows = rows or [r for r in t.rows if r.role == "unit"]
        assert rows, t.kind
        for column in t.columns:
            got = sum((r.values.get(column, Decimal(0)) for r in rows), Decimal(0))
            printed = total.values.get(column, Decimal(0))
            if got != printed:
                assert abs(got - printed) <= rounding_band(len(rows)), (t.kind, column, got, printed)
                out[(t.kind, column)] = (got, printed, total.line)
    return out


@pytest.mark.parametrize("seed", ["000", "001"])
def test_rows_add_up_to_the_total_or_a_warning_cites_it(parsed, seed):
    d = parsed(seed)
    findings = run_checks(d)
    for (kind, column), (got, printed, line) in differences(d).items():
        cited = [f for f in findings if any(e.line == line for e in f.evidence)]
        assert any(f.severity == "warning" for f in cited), (kind, column)


def test_000_every_table_adds_up_exactly(parsed):
    # 000's tables (表1-1 … 表3-3, 2-1) print totals their rows reproduce to the cent, e.g. 表3-2 line 585 470.70
    assert differences(parsed("000")) == {}


def test_001_one_cent_differences_are_the_printed_ones(parsed):
    got = {key: (str(a), str(b), line) for key, (a, b, line) in differences(parsed("001")).items()}
    assert got == {
        # 表1-2 lines 564-588: 143.09 + 56.05 + 15.25 + 0.91 + 3.40 + 2.67 + 1.32 + 134.00 + 1.20 + 9.22 = 367.11, printed 367.12 (line 558)
        ("expenditure_summary", "合计"): ("367.11", "367.12", 558),
        ("expenditure_summary", "基本支出"): ("177.06", "177.07", 558),
        # 表2-1 lines 689-722: its items add up to 367.13 against 367.12 (line 685): 301's items are 155.41, printed 155.40
        ("fiscal_by_economic", "总计"): ("367.13", "367.12", 685),
        ("fiscal_by_economic", "当年财政拨款安排/合计"): ("367.13", "367.12", 685),
        ("fiscal_by_economic", "当年财政拨款安排/一般公共预算拨款/小计"): ("233.13", "233.12", 685),
        ("fiscal_by_economic", "当年财政拨款安排/一般公共预算拨款/基本支出"): ("177.08", "177.07", 685),
        # 表3 lines 744-760: the 9 项 add up to 233.11, printed 233.12 (line 742)
        ("gp_by_function", "合计"): ("233.11", "233.12", 742),
        ("gp_by_function", "当年财政拨款安排"): ("233.11", "233.12", 742),
        # 表3-1 lines 788-840: 177.08 and 人员经费 162.08 against 177.07 / 162.07 (line 780)
        ("gp_basic_by_economic", "合计"): ("177.08", "177.07", 780),
        ("gp_basic_by_economic", "人员经费"): ("162.08", "162.07", 780),
    }
