"""Seed 001 (渠县科学技术协会, flattened): counts and totals read from the document."""

from decimal import Decimal

import pytest

from lineage.parse.disclosure import parse_file
from tests.parse.flat_checks import amount_rows, assert_placed_or_ambiguous, assert_total_reproduced

D = Decimal


@pytest.fixture(scope="module")
def d(parsed):
    return parsed("001")


def test_table_1_continuation_page_is_not_a_second_table(d):
    # 表1 部门收支总表 printed again at 451-453 with the rest of its rows (461-485)
    ones = [t for t in d.tables if t.kind == "income_expenditure_summary"]
    assert len(ones) == 1 and ones[0].line <= 401 and ones[0].end_line >= 485
    names = [r.name for r in ones[0].rows]
    assert "二十、住房保障支出" in names and "收入总计" in names


def test_2_1_without_marker_and_2_on_one_line(d):
    assert d.table("fiscal_by_economic").number is None  # title only, line 666
    assert d.table("fiscal_summary").number == "2"  # "表2财政拨款收支预算总表", line 592


def test_header_running_into_first_row(d):
    rows = d.table("fiscal_summary").rows
    # 604 "营预算一、本年收入 367.12 一、本年支出 367.12 233.12 134.00"
    assert [(r.side, r.name, r.printed) for r in rows if r.line == 604] == [
        ("income", "一、本年收入", ["367.12"]), ("expenditure", "一、本年支出", ["367.12", "233.12", "134.00"])]


@pytest.mark.parametrize("kind,count", [
    ("income_summary", 3),          # 531-535
    ("expenditure_summary", 13),    # 558-588, wrapped rows 578-581 and 583-586
    ("fiscal_by_economic", 34),     # 685-722
    ("gp_by_function", 12),         # 742-764
    ("gp_basic_by_economic", 31),   # 780-840
    ("gp_projects", 5),             # 854-862
    ("gp_three_public", 3),         # 887-891
    ("fund_by_function", 4),        # 909-915
    ("fund_three_public", 3),       # 940-944
])
def test_amount_row_counts(d, kind, count):
    assert len(amount_rows(d.table(kind))) == count


def test_wrapped_name(d):
    row = next(r for r in d.table("expenditure_summary").rows if r.line == 578)
    assert row.name == "其他国有土地使用权出让收入安排的支出" and row.lines == [578, 579, 581]
    assert row.code == "2120899" and row.printed == ["134.00", "134.00"]


def test_income_summary(d):
    total = next(r for r in d.table("income_summary").rows if r.role == "total")
    # 531: 367.12 233.12 134.00; 收支总表 411/413 name the columns
    assert total.values == {"合计": D("367.12"), "一般公共预算拨款收入": D("233.12"),
                            "政府性基金预算拨款收入": D("134.00")}


def test_gp_basic_class_rows(d):
    rows = {r.line: r for r in d.table("gp_basic_by_economic").rows}
    # 786 301 工资福利支出 155.40 155.40: 人员经费 162.07 = 155.40 + 5.45 + 1.22 (780, 812, 836)
    assert rows[786].values == {"合计": D("155.40"), "人员经费": D("155.40")}
    assert rows[812].values == {"合计": D("20.45"), "人员经费": D("5.45"), "公用经费": D("15.00")}


@pytest.mark.parametrize("kind", ["income_summary", "expenditure_summary", "gp_by_function", "gp_basic_by_economic",
                                  "gp_projects", "gp_three_public", "fund_by_function", "fiscal_by_economic"])
def test_totals_and_placement(d, kind):
    t = d.table(kind)
    assert_total_reproduced(d, t)
    assert_placed_or_ambiguous(t)


def test_table_cut_off_mid_row(tmp_path):
    text = "\n".join([
        "2024年部门预算", "", "", "", "表1-2", "", "部门支出总表", "", "部门： 金额单位：万元", "",
        "合计 基本支出 项目支出", "", "合    计 10.00 10.00", "", "10.00 10.00", "",
        "某单位 10.00 10.00", "", "206 07 01 214001  机构运行 10.00 10.00", "",
        "206 07 99 214001  其他科学技术普及支出",
    ])
    path = tmp_path / "cut.txt"
    path.write_text(text + "\n", encoding="utf-8")
    disclosure = parse_file(path)
    assert disclosure.layout == "flat"
    assert any(p.line == 21 and "截断" in p.message for p in disclosure.problems)
    assert len(amount_rows(disclosure.table("expenditure_summary"))) == 4
