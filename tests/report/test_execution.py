"""Budget execution (lineage.execution): a 预算 and its 决算, and a 决算's own 预算数/决算数 columns.

The 决算 is the real one, parsed; the 预算 is built from what the 决算 prints as budget (tests/juesuan_pair.py).
The rates asserted are the ones the 决算's text prints, so the arithmetic is held against the document.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from lineage.execution import between, execution, own
from lineage.model import Disclosure
from tests.juesuan_pair import UNIT, juesuan_as_read, planned_budget

@pytest.fixture(scope="module")
def juesuan() -> Disclosure:
    return juesuan_as_read()


def by_name(lines, section):
    return {(e.level, e.code or e.name): e for e in lines if e.section == section}


def test_a_budget_against_its_juesuan_reproduces_the_rates_the_juesuan_text_states(juesuan):
    lines = between(planned_budget(juesuan), juesuan)
    gp = by_name(lines, "一般公共预算财政拨款支出")
    # "年初预算为 10210.34 万元，支出决算为 9746.50 万元，完成年初预算的 95.45%" (page 22): 9746.50 / 10210.34 is
    # 95.457…%, which the text cuts to 95.45 where its 项 round (98.6096… is printed 98.61); rounded half up: 95.46
    total = gp[("合计", "合计")]
    assert (total.budget_value, total.actual_value, total.rate) == (Decimal("10210.34"), Decimal("9746.50"), Decimal("95.46"))
    assert total.difference == Decimal("-463.84")
    # the text's rate for each 项 (pages 22-23)
    stated = {"2080505": "98.61", "2080506": "99.50", "2101101": "94.43", "2101102": "99.94", "2120101": "97.97",
              "2120201": "88.08", "2200150": "98.65", "2080501": "100.00", "2210203": "100.00"}
    assert {code: str(gp[("项", code)].rate) for code in stated} == stated
    # every amount keeps its provenance: 2080505's 决算数 is the 一般公共预算财政拨款支出决算表's row on page 14
    e = gp[("项", "2080505")]
    assert (e.actual.evidence.table, e.actual.evidence.page, e.actual.value) == ("actual_gp_by_function", 14, Decimal("446.11"))
    # the budget prints no 类 rows here: the 决算's 类 is shown with no budget, never a made-up one
    assert gp[("类", "212")].budget is None and gp[("类", "212")].actual_value == Decimal("3832.36")
    # 三公: "年初预算为 2.85 万元，支出决算为 0.39 万元，完成预算的 13.68%" (page 24)
    tp = by_name(lines, "“三公”经费")
    assert (tp[("合计", "合计")].budget_value, tp[("合计", "合计")].actual_value, tp[("合计", "合计")].rate) == (
        Decimal("2.85"), Decimal("0.39"), Decimal("13.68"))
    assert tp[("合计", "因公出国（境）费用")].rate is None  # 0.00 planned: no rate, not a division by zero


def test_a_juesuan_alone_shows_its_own_budget_columns(juesuan):
    lines = own(juesuan)
    three = {e.name: e for e in lines if e.section == "财政拨款“三公”经费支出决算表"}
    assert three["合计"].budget_value == Decimal("2.85") and three["合计"].actual_value == Decimal("0.39")
    assert three["合计"].rate == Decimal("13.68") and three["公务接待费"].rate == Decimal("13.68")
    assert three["合计"].actual.evidence.page == 17
    # no other table of this 决算 prints 预算数 beside 决算数
    assert {e.section for e in lines} == {"财政拨款“三公”经费支出决算表"}


def test_execution_pairs_a_budget_with_the_juesuan_of_its_unit_and_year_only(juesuan, parsed):
    budget = planned_budget(juesuan)
    other_year = budget.model_copy(update={"id": f"2023/{UNIT}/部门预算", "year": 2023})
    sets = execution([budget, juesuan, other_year, parsed("001")])
    assert [(s.budget, s.actual) for s in sets] == [(budget.id, juesuan.id), (None, juesuan.id)]


def test_a_budget_in_yuan_is_converted_exactly_before_the_rate():
    from lineage.execution import Execution, Side
    from lineage.model import Provenance

    ev = Provenance(file="f", line=1)
    e = Execution("s", "合计", "合计", None, Side(Decimal("4524000.00"), "元", ev), Side(Decimal("446.11"), "万元", ev))
    assert (e.unit, e.budget_value, e.rate, e.difference) == ("万元", Decimal("452.4"), Decimal("98.61"), Decimal("-6.29"))
