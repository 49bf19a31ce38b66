"""上海市普陀区人民政府万里街道办事处 2025 部门预算 (data/pdf/shanghai-putuo-wanli-2025-bumen.pdf).

Whole 元 with thousands separators (189,767,551) and zeros printed "0". Expected values are read
from the PDF page named in each comment.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from lineage.parse.disclosure import parse_file
from tests.parse.pdf_rows import PDF, D, row, table, values

FILE = PDF / "shanghai-putuo-wanli-2025-bumen.pdf"


@pytest.fixture(scope="module")
def d():
    return parse_file(FILE)


def test_identity_and_the_nine_tables(d):
    # Page 1: "上海市普陀区2025年区级部门预算 / 预算主管部门：上海市普陀区人民政府万里街道办事处".
    assert (d.unit_name, d.year, d.kind) == ("上海市普陀区人民政府万里街道办事处", 2025, "部门预算")
    assert [(t.number, t.kind, t.page) for t in d.tables] == [
        ("1", "income_expenditure_summary", 9), ("2", "income_summary", 10), ("3", "expenditure_summary", 14),
        ("4", "fiscal_summary", 19), ("5", "gp_by_function", 20), ("6", "fund_by_function", 25),
        ("7", "soe_by_function", 26), ("8", "gp_basic_by_economic", 27), ("9", "gp_three_public", 29),
    ]
    assert [t.empty for t in d.tables] == [False] * 5 + [True, True] + [False] * 2


def test_table1_totals_and_classes(d):
    # Page 9, 2025年部门财务收支预算总表: 一、财政拨款收入 189,767,551 | 一、一般公共服务支出 3,296,600 …
    #   九、住房保障支出 9,364,732; 收入总计 189,767,551 | 支出总计 189,767,551
    k = "income_expenditure_summary"
    income = row(d, k, name="收入总计", side="income")
    spend = row(d, k, name="支出总计", side="expenditure")
    assert income.values == spend.values == {"预算数": D("189,767,551")}
    classes = {r.name: r.values["预算数"] for r in table(d, k).rows if r.side == "expenditure" and r.role == "item"}
    assert len(classes) == 9
    assert classes["一、一般公共服务支出"] == D("3,296,600") and classes["八、城乡社区支出"] == D("154,369,326")
    assert classes["九、住房保障支出"] == D("9,364,732")
    assert sum(classes.values(), Decimal(0)) == spend.values["预算数"]


def test_table2_whole_yuan_and_zeros(d):
    # Page 10: 201 05 07 专项普查活动 438,300 | 438,300 | 0 | 0 | 0; page 13: 合计 189,767,551 189,767,551 0 0 0
    r = row(d, "income_summary", code="2010507")
    assert (r.name, r.page) == ("专项普查活动", 10)
    assert values(r) == {"合计": D("438300"), "财政拨款收入": D("438300"), "事业收入": D("0"),
                         "事业单位经营收入": D("0"), "其他收入": D("0")}
    assert r.values["事业收入"].as_tuple().exponent == 0  # "0" kept as printed, not "0.00"
    total = row(d, "income_summary", name="合计")
    assert total.page == 13 and total.values["合计"] == D("189,767,551")


def test_table3_total_alone_on_its_last_page(d):
    # Page 18 prints only the 合计 line of 表3: 合计 189,767,551 | 101,341,746 | 88,425,805
    total = row(d, "expenditure_summary", name="合计")
    assert total.page == 18
    assert values(total) == {"合计": D("189,767,551"), "基本支出": D("101,341,746"), "项目支出": D("88,425,805")}
    # Page 17: 212 01 01 行政运行 17,887,739 | 17,737,739 | 150,000
    r = row(d, "expenditure_summary", code="2120101")
    assert r.page == 17 and values(r) == {"合计": D("17887739"), "基本支出": D("17737739"), "项目支出": D("150000")}


def test_table4_blank_income_lines_are_no_rows(d):
    # Page 19: 一、一般公共预算资金 189,767,551 | 一、一般公共服务支出 3,296,600 3,296,600
    #   二、政府性基金 (blank) | 二、公共安全支出 2,878,025 2,878,025
    #   八、城乡社区支出 154,369,326 154,369,326; 收入总计 189,767,551 | 支出总计 189,767,551 189,767,551
    k = "fiscal_summary"
    assert values(row(d, k, name="一、一般公共预算资金", side="income")) == {"预算数": D("189,767,551")}
    assert values(row(d, k, name="八、城乡社区支出", side="expenditure")) == {
        "合计": D("154,369,326"), "一般公共预算": D("154,369,326")}
    assert row(d, k, name="收入总计", side="income").values["预算数"] == D("189,767,551")
    assert row(d, k, name="支出总计", side="expenditure").values["合计"] == D("189,767,551")
    assert not [r for r in table(d, k).rows if r.name == "二、政府性基金"]  # prints no amount: no row invents one


def test_table5_over_five_pages(d):
    # Page 23: 212 01 01 行政运行 17,887,739 17,737,739 150,000; page 24: 合计 189,767,551 101,341,746 88,425,805
    r = row(d, "gp_by_function", code="2120101")
    assert r.page == 23 and values(r) == {"合计": D("17887739"), "基本支出": D("17737739"), "项目支出": D("150000")}
    assert row(d, "gp_by_function", name="合计").page == 24
    assert {r.page for r in table(d, "gp_by_function").rows} == {20, 21, 22, 23, 24}


def test_table8_and_table9(d):
    # Page 27: 301 07 绩效工资 11,610,630 11,610,630 0; page 28: 合计 101,341,746 90,514,044 10,827,702
    r = row(d, "gp_basic_by_economic", code="30107")
    assert (r.name, r.page) == ("绩效工资", 27)
    assert values(r) == {"合计": D("11610630"), "人员经费": D("11610630"), "公用经费": D("0")}
    assert values(row(d, "gp_basic_by_economic", name="合计")) == {
        "合计": D("101341746"), "人员经费": D("90514044"), "公用经费": D("10827702")}
    # Page 29 (万元): 37.91 | 0 | 1.35 | 36.56 | 15 | 21.56 | 464.64
    (r,) = table(d, "gp_three_public").rows
    assert values(r) == {
        "合计": D("37.91"), "因公出国（境）费用": D("0"), "公务接待费": D("1.35"),
        "公务用车购置及运行费/小计": D("36.56"), "公务用车购置及运行费/公务用车购置费": D("15"),
        "公务用车购置及运行费/公务用车运行费": D("21.56"), "机关运行经费": D("464.64"),
    }


def test_explanation_totals_named_by_the_unit_and_by_fiscal_wording(d):
    # Page 6, lines 63-65: "2025年，上海市普陀区人民政府万里街道办事处收入预算18,976.76万元，其中：财政拨款收入
    # 18,976.76万元，比2024年预算增加 3,355.65万元；…支出预算18,976.76万元，其中：财政拨款支出预算18,976.76万元".
    # The unit's name (…办事处) runs straight into 收入预算: the total of the unit, not a qualified part.
    said = {(c.line, c.subject, c.kind, c.value) for c in d.claims}
    assert (63, "income_total", "amount", Decimal("18976.76")) in said
    assert (63, "fiscal_total", "amount", Decimal("18976.76")) in said
    assert (64, "fiscal_total", "change", Decimal("3355.65")) in said
    assert (65, "fiscal_total", "amount", Decimal("18976.76")) in said
    assert not [p for p in d.problems if p.line in (63, 64, 65)]
