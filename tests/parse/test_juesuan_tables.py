"""上海市普陀区规划和自然资源局 2024 部门决算 (data/pdf/shanghai-putuo-guihuaziyuan-2024-juesuan.pdf), table by table.

Every expected value is read from the PDF (`pdftotext -layout`, checked against the page
rendered); the page is named in each comment. All nine tables print "单位：万元".
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from lineage.parse.disclosure import parse_file
from tests.parse.pdf_rows import PDF, D, row, table, values

FILE = PDF / "shanghai-putuo-guihuaziyuan-2024-juesuan.pdf"


@pytest.fixture(scope="module")
def d():
    return parse_file(FILE)


def test_identity_and_the_nine_tables(d):
    # p1 "上海市普陀区规划和自然 / 资源局 / 2024 年度部门决算"; 目录 p2 一 … 九.
    assert (d.unit_name, d.year, d.kind, d.family) == ("上海市普陀区规划和自然资源局", 2024, "部门决算", "national_final")
    assert [(t.number, t.kind, t.page, t.unit) for t in d.tables] == [
        ("一", "actual_income_expenditure_summary", 7, "万元"),
        ("二", "actual_income_summary", 8, "万元"),
        ("三", "actual_expenditure_summary", 10, "万元"),
        ("四", "actual_fiscal_summary", 12, "万元"),
        ("五", "actual_gp_by_function", 14, "万元"),
        ("六", "actual_gp_basic_by_economic", 16, "万元"),
        ("七", "actual_three_public", 17, "万元"),
        ("八", "actual_fund", 18, "万元"),
        ("九", "actual_soe", 19, "万元"),
    ]


def test_1_income_expenditure_summary_with_carry_over(d):
    # p7 收入支出决算总表 (项目 | 决算数 on each side):
    #   一、一般公共预算财政拨款收入 9746.50 | 一、一般公共服务支出 (blank)
    #   | 八、社会保障和就业支出 754.75 / 九、卫生健康支出 236.63 / 十一、城乡社区支出 3845.25 /
    #   | 十八、自然资源海洋气象等支出 4461.67 / 十九、住房保障支出 461.08
    #   本年收入合计 9746.50 | 本年支出合计 9759.38
    #   年初结转和结余 112.88 | 年末结转和结余 100.00
    #   总计 9859.38 | 总计 9859.38
    k = "actual_income_expenditure_summary"
    assert table(d, k).columns == ["决算数"]
    assert values(row(d, k, name="一、一般公共预算财政拨款收入", side="income")) == {"决算数": D("9746.50")}
    assert row(d, k, name="本年收入合计", side="income").values == {"决算数": D("9746.50")}
    assert row(d, k, name="年初结转和结余", side="income").values == {"决算数": D("112.88")}
    assert row(d, k, name="本年支出合计", side="expenditure").values == {"决算数": D("9759.38")}
    assert row(d, k, name="年末结转和结余", side="expenditure").values == {"决算数": D("100.00")}
    for side in ("income", "expenditure"):
        total = row(d, k, name="总计", side=side)
        assert total.role == "total" and total.values == {"决算数": D("9859.38")}
    classes = {r.name: r.values["决算数"] for r in table(d, k).rows if r.side == "expenditure" and r.role == "item"
               and r.name.endswith("支出")}
    assert classes == {"八、社会保障和就业支出": D("754.75"), "九、卫生健康支出": D("236.63"),
                       "十一、城乡社区支出": D("3845.25"), "十八、自然资源海洋气象等支出": D("4461.67"),
                       "十九、住房保障支出": D("461.08")}
    # The classes with no amount (一、一般公共服务支出 …) print blank cells: no row, no zero.
    assert not [r for r in table(d, k).rows if r.name == "一、一般公共服务支出"]


def test_2_income_by_function_total_above_its_classes(d):
    # p8 收入决算表: "合计 9746.50 9746.50" printed above "208 社会保障和就业支出 754.75 754.75";
    # "2080505 机关事业单位基本养老保险缴 / 费支出 446.11 446.11" (name wrapped); p9 "212 城乡社区支出 3832.36 3832.36".
    k = "actual_income_summary"
    rows = table(d, k).rows
    assert rows[0].role == "total" and rows[0].name == "合计" and rows[1].code == "208"
    assert values(rows[0]) == {"本年收入合计": D("9746.50"), "财政拨款收入": D("9746.50")}
    r = row(d, k, code="2080505")
    assert r.name == "机关事业单位基本养老保险缴费支出" and values(r) == {"本年收入合计": D("446.11"), "财政拨款收入": D("446.11")}
    r = row(d, k, code="212")
    assert (r.page, r.name, r.values["本年收入合计"]) == (9, "城乡社区支出", D("3832.36"))
    assert table(d, k).columns == ["本年收入合计", "财政拨款收入", "上级补助收入", "事业收入", "经营收入",
                                   "附属单位上缴收入", "其他收入"]


def test_3_expenditure_by_function(d):
    # p10 支出决算表: "合计 9759.38 5377.64 4381.74" (本年支出合计 | 基本支出 | 项目支出) above 208;
    # p11 "212 城乡社区支出 3845.24 1585.59 2259.65", "2200199 其他自然资源事务支出 45.00 0.00 45.00".
    k = "actual_expenditure_summary"
    total = table(d, k).rows[0]
    assert total.role == "total"
    assert values(total) == {"本年支出合计": D("9759.38"), "基本支出": D("5377.64"), "项目支出": D("4381.74")}
    assert values(row(d, k, code="212")) == {"本年支出合计": D("3845.24"), "基本支出": D("1585.59"),
                                              "项目支出": D("2259.65")}
    assert values(row(d, k, code="2200199")) == {"本年支出合计": D("45.00"), "基本支出": D("0.00"),
                                                  "项目支出": D("45.00")}


def test_4_fiscal_summary_by_fund_over_two_pages(d):
    # p12 财政拨款收入支出决算总表: income 项目 | 决算数; expenditure 项目 | 合计 | 一般公共预算财政拨款 |
    # 政府性基金预算财政拨款 | 国有资本经营预算财政拨款 (headers wrapped over three lines).
    #   一、一般公共预算财政拨款 9746.50 | 八、社会保障和就业支出 754.75 754.75
    # p13 (no header; its first lines "十六、金融支出", "十七、援助其他地区支出" print no amount):
    #   十八、自然资源海洋气象等支出 4461.67 4461.67 / 十九、住房保障支出 461.08 461.08
    #   本年收入合计 9746.50 | 本年支出合计 9746.50 9746.50;  总计 9746.50 | 总计 9746.50 9746.50
    k = "actual_fiscal_summary"
    assert table(d, k).columns == ["决算数", "合计", "一般公共预算财政拨款", "政府性基金预算财政拨款",
                                   "国有资本经营预算财政拨款"]
    assert row(d, k, name="一、一般公共预算财政拨款", side="income").values == {"决算数": D("9746.50")}
    both = {"合计": D("754.75"), "一般公共预算财政拨款": D("754.75")}
    assert values(row(d, k, name="八、社会保障和就业支出", side="expenditure")) == both
    r = row(d, k, name="十八、自然资源海洋气象等支出", side="expenditure")
    assert r.page == 13 and values(r) == {"合计": D("4461.67"), "一般公共预算财政拨款": D("4461.67")}
    assert row(d, k, name="本年支出合计", side="expenditure").values == {
        "合计": D("9746.50"), "一般公共预算财政拨款": D("9746.50")}
    assert row(d, k, name="总计", side="income").values == {"决算数": D("9746.50")}


def test_5_gp_by_function_total_printed_last(d):
    # p14 一般公共预算财政拨款支出决算表 (合计 | 基本支出 | 项目支出): "212 城乡社区支出 3832.36 1572.70 2259.65",
    # "21201 城乡社区管理 / 事务 1092.80 1084.02 8.77"; p15 last row "合计 9746.50 5364.75 4381.74".
    k = "actual_gp_by_function"
    assert values(row(d, k, code="212")) == {"合计": D("3832.36"), "基本支出": D("1572.70"), "项目支出": D("2259.65")}
    r = row(d, k, code="21201")
    assert r.name == "城乡社区管理事务" and values(r) == {"合计": D("1092.80"), "基本支出": D("1084.02"),
                                                        "项目支出": D("8.77")}
    total = table(d, k).rows[-1]
    assert (total.role, total.page) == ("total", 15)
    assert values(total) == {"合计": D("9746.50"), "基本支出": D("5364.75"), "项目支出": D("4381.74")}


def test_6_basic_by_economic_two_panels_and_footer(d):
    # p16 一般公共预算财政拨款基本支出决算表, two panels of 经济分类科目编码 | 科目名称 | 决算数 on each line:
    #   301 工资福利支出 4816.14 | 302 商品和服务支出 440.90
    #   30108 机关事业单位基本养老保 / 险缴费 446.11 | 30206 电费 18.86
    #   30109 职业年金缴费 225.12 | 30207 / 邮电费 8.05   (the right code a line above its name)
    #   (left panel ends at 30399) | 310 资本性支出 39.76, 31002 办公设备购置 39.76
    #   人员经费合计 4884.09 | 公用经费合计 480.66
    k = "actual_gp_basic_by_economic"
    t = table(d, k)
    assert t.columns == ["决算数"]
    assert values(row(d, k, code="301")) == {"决算数": D("4816.14")}
    assert values(row(d, k, code="302")) == {"决算数": D("440.90")}
    assert row(d, k, code="301").line == row(d, k, code="302").line  # one printed line, two rows
    assert row(d, k, code="30108").name == "机关事业单位基本养老保险缴费"
    assert values(row(d, k, code="30108")) == {"决算数": D("446.11")}
    assert (row(d, k, code="30207").name, values(row(d, k, code="30207"))) == ("邮电费", {"决算数": D("8.05")})
    assert values(row(d, k, code="310")) == {"决算数": D("39.76")}
    assert {r.code for r in t.rows if r.code and len(r.code) == 3} == {"301", "302", "303", "310"}
    assert all(r.scheme == "economic" for r in t.rows if r.code)
    personnel, public = row(d, k, name="人员经费合计"), row(d, k, name="公用经费合计")
    assert (personnel.role, public.role) == ("subtotal", "subtotal")
    assert (personnel.values, public.values) == ({"决算数": D("4884.09")}, {"决算数": D("480.66")})


def test_7_three_public_budget_and_actual_pairs(d):
    # p17 财政拨款“三公”经费支出决算表: 合计 | 因公出国（境）费 | 公务用车购置及运行维护费 (小计, 公务用车购置费,
    # 公务用车运行维护费) | 公务接待费, each 预算数 | 决算数:
    #   2.85 0.39 0.00 0.00 0.00 0.00 0.00 0.00 0.00 0.00 2.85 0.39
    (r,) = table(d, "actual_three_public").rows
    assert r.role == "total"
    assert values(r) == {
        "合计/预算数": D("2.85"), "合计/决算数": D("0.39"),
        "因公出国（境）费用/预算数": D("0.00"), "因公出国（境）费用/决算数": D("0.00"),
        "公务用车购置及运行费/小计/预算数": D("0.00"), "公务用车购置及运行费/小计/决算数": D("0.00"),
        "公务用车购置及运行费/公务用车购置费/预算数": D("0.00"), "公务用车购置及运行费/公务用车购置费/决算数": D("0.00"),
        "公务用车购置及运行费/公务用车运行费/预算数": D("0.00"), "公务用车购置及运行费/公务用车运行费/决算数": D("0.00"),
        "公务接待费/预算数": D("2.85"), "公务接待费/决算数": D("0.39"),
    }


def test_8_9_fund_and_soe_are_empty(d):
    # p18/p19: headers 年初结转和结余 | 本年收入 | 本年支出 (合计 基本支出 项目支出) | 年末结转和结余, no rows;
    # "说明：上海市普陀区规划和自然资源局本年度没有政府性基金预算财政拨款收入和支出，故本表无数据。"
    for k in ("actual_fund", "actual_soe"):
        t = table(d, k)
        assert t.empty and t.rows == []
        assert t.columns == ["年初结转和结余", "本年收入", "本年支出", "基本支出", "项目支出", "年末结转和结余"]


def test_every_amount_is_exact_and_traced(d):
    for t in d.tables:
        for r in t.rows:
            assert r.page is not None and r.line >= t.line
            assert all(isinstance(v, Decimal) for v in r.values.values())
            assert len(r.values) == len(r.printed)  # every printed amount sits in a named column
