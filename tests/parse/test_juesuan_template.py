"""The blank 部门决算 template (data/pdf/shanghai-juesuan-template-2024.pdf), "上海市 XX 局".

Pages 5-14 print each table's title, "单位：万元" and its ruled header with no amounts; the
目录 (page 2) lists 一 … 九. Read table by table: kind, number, page, unit and the columns its
header names, with no values.
"""

from __future__ import annotations

import pytest

from lineage.checks import run_checks
from lineage.parse.disclosure import parse_file
from tests.parse.pdf_rows import PDF

FILE = PDF / "shanghai-juesuan-template-2024.pdf"


@pytest.fixture(scope="module")
def d():
    return parse_file(FILE)


def test_no_unit_is_named_and_it_says_so(d):
    # p1 "上海市 XX 局 / 2024 年度部门决算": a placeholder, not a unit.
    assert (d.unit_name, d.year, d.kind, d.family) == ("", 2024, "部门决算", "national_final")
    (p,) = [p for p in d.problems if "XX" in p.message]
    assert "未指明单位" in p.message and "上海市XX局" in p.message and p.severity == "info"


@pytest.mark.parametrize("number,kind,page,columns", [
    # p5: 收入 / 支出, 项目 | 决算数 on each side.
    ("一", "actual_income_expenditure_summary", 5, ["决算数"]),
    # p6: 本年收入合计 | 财政拨款收入 | 上级补助收入 | 事业收入 | 经营收入 | 附属单位 / 上缴收入 | 其他收入.
    ("二", "actual_income_summary", 6, ["本年收入合计", "财政拨款收入", "上级补助收入", "事业收入", "经营收入",
                                       "附属单位上缴收入", "其他收入"]),
    # p7: 本年支出合计 | 基本支出 | 项目支出 | 上缴上级支出 | 经营支出 | 对附属单位补 / 助支出.
    ("三", "actual_expenditure_summary", 7, ["本年支出合计", "基本支出", "项目支出", "上缴上级支出", "经营支出",
                                            "对附属单位补助支出"]),
    # p8: income 决算数; expenditure 合计 | 一般公共 / 预算财政 / 拨款 | 政府性基 / 金预算财 / 政拨款 | 国有资本 / 经营预算 / 财政拨款.
    ("四", "actual_fiscal_summary", 8, ["决算数", "合计", "一般公共预算财政拨款", "政府性基金预算财政拨款",
                                       "国有资本经营预算财政拨款"]),
    # p10: 合计 | 基本支出 | 项目支出.
    ("五", "actual_gp_by_function", 10, ["合计", "基本支出", "项目支出"]),
    # p11: two panels 经济分类科目编码 | 科目名称 | 决算数.
    ("六", "actual_gp_basic_by_economic", 11, ["决算数"]),
    # p12: 合计 | 因公出国（境）费 | 公务用车购置及运行维护费 (小计 | 公务用车购置费 | 公务用车运行维护费) | 公务接待费,
    # each 预算数 | 决算数.
    ("七", "actual_three_public", 12, [
        "合计/预算数", "合计/决算数", "因公出国（境）费用/预算数", "因公出国（境）费用/决算数",
        "公务用车购置及运行费/小计/预算数", "公务用车购置及运行费/小计/决算数",
        "公务用车购置及运行费/公务用车购置费/预算数", "公务用车购置及运行费/公务用车购置费/决算数",
        "公务用车购置及运行费/公务用车运行费/预算数", "公务用车购置及运行费/公务用车运行费/决算数",
        "公务接待费/预算数", "公务接待费/决算数"]),
    # p13/p14: 年初结转和结余 | 本年收入 | 本年支出 (合计 基本支出 项目支出) | 年末结转和结余, "…故本表无数据".
    ("八", "actual_fund", 13, ["年初结转和结余", "本年收入", "本年支出", "基本支出", "项目支出", "年末结转和结余"]),
    ("九", "actual_soe", 14, ["年初结转和结余", "本年收入", "本年支出", "基本支出", "项目支出", "年末结转和结余"]),
])
def test_each_table_recognised_with_its_columns_and_no_values(d, number, kind, page, columns):
    (t,) = [t for t in d.tables if t.number == number]
    assert (t.kind, t.page, t.unit) == (kind, page, "万元")
    assert t.columns == columns
    assert not [r for r in t.rows if r.values]


def test_template_has_no_error(d):
    assert [f for f in run_checks(d) if f.severity == "error"] == []
