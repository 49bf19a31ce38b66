"""Budget execution (lineage.execution): a 预算 and its 决算, and a 决算's own 预算数/决算数 columns.

The 决算 is the real one, shanghai-putuo-guihuaziyuan-2024-juesuan.pdf, parsed. Its unit's 2024 预算
is not among the data, so the test builds it from what the 决算 itself prints as the budget: the
年初预算 of each 项 in the text of 五(三) (PDF pages 22-23, "年初预算为 452.40 万元，支出决算为
446.11 万元，完成年初预算的 98.61%") and the 预算数 columns of the 三公 table (page 17). The rates
asserted are the ones that text prints, so the arithmetic is held against the document, not the code.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from lineage.execution import between, execution, own
from lineage.model import Disclosure, Row, Source, Table

ROOT = Path(__file__).resolve().parents[2]
JUESUAN = ROOT / "data" / "pdf" / "shanghai-putuo-guihuaziyuan-2024-juesuan.pdf"
UNIT = "上海市普陀区规划和自然资源局"

# 五(三), pages 22-23: each 项's 年初预算 as the text states it (万元).
PLANNED_ITEMS = {
    "2080501": ("行政单位离退休", "54.53"),
    "2080502": ("事业单位离退休", "28.11"),
    "2080505": ("机关事业单位基本养老保险缴费支出", "452.40"),
    "2080506": ("机关事业单位职业年金缴费支出", "226.25"),
    "2080599": ("其他行政事业单位养老支出", "0.88"),  # the text calls it 机关事业单位退休人员活动费支出
    "2101101": ("行政单位医疗", "42.73"),
    "2101102": ("事业单位医疗", "196.40"),
    "2120101": ("行政运行", "1115.48"),
    "2120201": ("城乡社区规划与管理", "3110.14"),
    "2200150": ("事业运行", "4477.33"),
    "2200199": ("其他自然资源事务支出", "45.00"),
    "2210201": ("住房公积金", "289.59"),
    "2210203": ("购房补贴", "171.49"),
}
# "一般公共预算财政拨款支出年初预算为 10210.34 万元" (page 22; its 项 above add up to 10210.33).
PLANNED_TOTAL = "10210.34"
# 三公 table, page 17, the 预算数 of each pair: 合计 2.85, 出国 0.00, 车 0.00 (0.00, 0.00), 接待 2.85.
PLANNED_THREE_PUBLIC = {
    "合计": "2.85", "因公出国（境）费用": "0.00", "公务用车购置及运行费/小计": "0.00",
    "公务用车购置及运行费/公务用车购置费": "0.00", "公务用车购置及运行费/公务用车运行费": "0.00", "公务接待费": "2.85",
}
# ... and its 决算数: 0.39, 0.00, 0.00, 0.00, 0.00, 0.39.
SPENT_THREE_PUBLIC = {
    "合计": "0.39", "因公出国（境）费用": "0.00", "公务用车购置及运行费/小计": "0.00",
    "公务用车购置及运行费/公务用车购置费": "0.00", "公务用车购置及运行费/公务用车运行费": "0.00", "公务接待费": "0.39",
}


def _values(d: dict[str, str], suffix: str = "") -> dict[str, Decimal]:
    return {k + suffix: Decimal(v) for k, v in d.items()}


def planned_budget(juesuan: Disclosure) -> Disclosure:
    """The unit's 2024 部门预算 as the 决算 states it: 一般公共预算 by 项 and 三公, in 万元."""
    rows = [Row(index=0, line=1, role="total", name="合计", values={"合计": Decimal(PLANNED_TOTAL)})]
    rows += [Row(index=i, line=i + 1, code=code, name=name, scheme="functional", values={"合计": Decimal(amount)})
             for i, (code, (name, amount)) in enumerate(PLANNED_ITEMS.items(), start=1)]
    return Disclosure(
        id=f"2024/{UNIT}/部门预算", unit_name=UNIT, year=2024, kind="部门预算", amount_unit="万元", layout="test",
        source=Source(path="planned-from-juesuan.txt", sha256="0" * 64),
        tables=[
            Table(kind="gp_by_function", title="一般公共预算支出预算表", line=1, end_line=20, columns=["合计"], rows=rows),
            Table(kind="gp_three_public", title="一般公共预算“三公”经费支出预算表", line=30, end_line=31,
                  columns=list(PLANNED_THREE_PUBLIC),
                  rows=[Row(index=0, line=31, role="total", name="合计", values=_values(PLANNED_THREE_PUBLIC))]),
        ],
    )


def with_three_public_pairs(juesuan: Disclosure) -> Disclosure:
    """The 决算 with its 三公 table's pairs as read (until its rows are read by the parser, as printed on page 17)."""
    if juesuan.table("actual_three_public").rows:
        return juesuan
    t = juesuan.table("actual_three_public")
    columns = [c + s for c in PLANNED_THREE_PUBLIC for s in ("/预算数", "/决算数")]
    values = {**_values(PLANNED_THREE_PUBLIC, "/预算数"), **_values(SPENT_THREE_PUBLIC, "/决算数")}
    filled = t.model_copy(update={"columns": columns, "rows": [
        Row(index=0, line=t.line + 5, page=t.page, role="total", name="合计", values=values)]})
    return juesuan.model_copy(update={"tables": [filled if x is t else x for x in juesuan.tables]})


@pytest.fixture(scope="module")
def juesuan() -> Disclosure:
    from lineage.parse.disclosure import parse_file

    return with_three_public_pairs(parse_file(JUESUAN))


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
