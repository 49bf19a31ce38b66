"""西安市信访局（汇总）2026 部门预算 (data/pdf/more/xian-xinfang-2026.pdf), Shaanxi's 部门综合预算 表1–表16, in 元.

Expected values are read from the PDF (`pdftotext -layout -f P -l P`), page numbers as the PDF counts them.
"""

from __future__ import annotations

import pytest

from lineage.parse.disclosure import parse_file
from tests.parse.pdf_rows import PDF, D, row, table, values

FILE = PDF / "more" / "xian-xinfang-2026.pdf"


@pytest.fixture(scope="module")
def xian():
    return parse_file(FILE)


def test_general_budget_by_function_with_shaanxi_column_words(xian):
    # Page 23 (表5): "合计 | 人员经费支出 | 公用经费支出 | 专项业务经费支出" — 专项业务经费 is 陕西's 项目支出;
    # "合计 28,384,234.71 18,119,247.51 1,208,867.20 9,056,120.00"
    (total,) = [r for r in table(xian, "gp_by_function").rows if r.role == "total"]
    assert values(total) == {"合计": D("28,384,234.71"), "基本支出/人员经费": D("18,119,247.51"),
                             "基本支出/公用经费": D("1,208,867.20"), "项目支出": D("9,056,120.00")}


def test_general_budget_by_economic_class(xian):
    # Page 24 (表6 …一般公共预算支出明细表（按支出经济分类科目）): the same 合计 row; "30101 基本工资 50101
    # 工资奖金津补贴 3,868,678.80 3,868,678.80"; "30201 办公费 50201 办公经费 411,000.00 120,000.00 291,000.00"
    t = table(xian, "gp_by_economic")
    assert t.number == "6" and t.unit == "元"
    (total,) = [r for r in t.rows if r.role == "total"]
    assert values(total)["合计"] == D("28,384,234.71")
    assert values(row(xian, "gp_by_economic", code="30101")) == {
        "合计": D("3,868,678.80"), "基本支出/人员经费": D("3,868,678.80")}
    assert values(row(xian, "gp_by_economic", code="30201")) == {
        "合计": D("411,000.00"), "基本支出/公用经费": D("120,000.00"), "项目支出": D("291,000.00")}
    assert row(xian, "gp_by_economic", code="30201").name == "办公费"  # 50201 办公经费 kept apart


def test_basic_expenditure_by_function(xian):
    # Page 26 (表7 …基本支出明细表（按支出功能分类科目）): "合计 19,328,114.71 18,119,247.51 1,208,867.20";
    # "2014001 行政运行 13,733,180.94 12,653,513.74 1,079,667.20"
    t = table(xian, "gp_basic_by_function")
    (total,) = [r for r in t.rows if r.role == "total"]
    assert values(total) == {"合计": D("19,328,114.71"), "人员经费": D("18,119,247.51"), "公用经费": D("1,208,867.20")}
    assert values(row(xian, "gp_basic_by_function", code="2014001"))["合计"] == D("13,733,180.94")


def test_project_table(xian):
    # Page 29 (表10 部门综合预算专项业务经费支出表): "合计 9,056,120.00", "食堂包厨服务 1,310,300.00"
    t = table(xian, "projects")
    (total,) = [r for r in t.rows if r.role == "total"]
    assert values(total) == {"合计": D("9,056,120.00")}
    assert values(row(xian, "projects", name="食堂包厨服务")) == {"合计": D("1,310,300.00")}


def test_three_public_this_years_group_only(xian):
    # Page 32 (表13 …“三公”经费及会议费、培训费支出预算表): groups 上年 | 当年 | 增减变化情况, each "合计 | 三公 (小计
    # 因公出国 公务接待费 公务用车 …) | 会议费 | 培训费"; 当年: "320,800.00 101,000.00 10,000.00 91,000.00 91,000.00
    # 219,800.00" — the 三公's 小计 101,000.00 is the table's 合计, the outer 合计 its 总计 with 培训费 219,800.00
    total = [r for r in table(xian, "gp_three_public").rows if r.role == "total"][0]
    assert values(total) == {"总计": D("320,800.00"), "合计": D("101,000.00"), "公务接待费": D("10,000.00"),
                             "公务用车购置及运行费/小计": D("91,000.00"),
                             "公务用车购置及运行费/公务用车运行费": D("91,000.00"), "培训费": D("219,800.00")}
    assert "上年/合计 242,000.00" in total.note


def test_empty_tables_of_the_shaanxi_set_are_recognised_as_empty(xian):
    # Page 18 (报表目录): "表9 部门综合预算政府性基金收支表 是 不涉及", "表11 部门综合预算财政拨款上年结转资金支出表
    # 是 不涉及". Page 28 prints 表9's grid (收入 | 支出 by 功能 / 部门预算经济 / 政府预算经济分类) with no amount,
    # page 30 表11's header and a bare "合计".
    fund, carried = table(xian, "fund_summary"), table(xian, "carryover_projects")
    assert (fund.number, fund.page, fund.empty) == ("9", 28, True)
    assert (carried.number, carried.page, carried.empty) == ("11", 30, True)
    entries = {c.number: c for c in xian.contents}
    assert entries["9"].kind == "fund_summary" and entries["11"].kind == "carryover_projects"
    unknown = [p.message for p in xian.problems if "无法识别的表" in p.message]
    # 培训费明细表 (page 14) sits in the text's 三公/会议费/培训费 section, not in the 报表目录: no template table.
    assert len(unknown) == 1 and "培训费明细表" in unknown[0]


def test_expenditure_summary_by_funding_source(xian):
    # Page 21 (表3 部门综合预算支出总表): 陕西 prints it by unit and source: "部门预算 › 合计 | 一般公共预算拨款
    # (小计 | 其中：专项资金列入部门预算的项目) | 政府性基金拨款 | 事业收入 …"; "合计 28,384,234.71 28,384,234.71
    # 550,000.00" — the 其中 column is of which, kept as a note.
    t = table(xian, "expenditure_summary")
    (total,) = [r for r in t.rows if r.role == "total"]
    assert values(total) == {"合计": D("28,384,234.71"), "一般公共预算拨款收入": D("28,384,234.71")}
    assert "550,000.00" in total.note
    assert not [p for p in xian.problems if p.line in (260, 261, 262)]
    # Pages 20-21 head the source of 附属单位上缴收入 "对附属单位上缴收入" (blank in both tables here).
    assert "附属单位上缴收入" in t.columns and "附属单位上缴收入" in table(xian, "income_summary").columns


def test_performance_table_headers_are_not_column_problems(xian):
    # Page 42 (表15 部门整体支出绩效目标表): "部门（单位）名称 西安市信访局" over "预算金额（万元） 总额 财政拨款
    # 其他资金" — a card read from its lines by the performance parser, not a grid placed by column.
    assert not [p for p in xian.problems if p.page == 42 and "表头" in p.message]
    assert not [p for p in xian.problems if "表头" in p.message]


def test_no_errors(xian):
    from lineage.checks import run_checks

    assert [f for f in run_checks(xian) if f.severity == "error"] == []


def _panel(t, heading):
    return {r.name: values(r)["预算数"] for r in t.rows if r.side == "expenditure" and r.panel == heading}


def test_summary_expenditure_panels_each_read(xian):
    # Page 19 (表1 部门综合预算收支总表): 支出 printed three times side by side — "支出功能分类科目（按大类）",
    # "部门预算支出经济分类科目（按大类）" and "政府预算支出经济分类科目（按大类）", each with its 预算数 column:
    # "1、一般公共服务支出 22,669,300.94 | 1、人员经费和公用经费支出 19,328,114.71 | 1、机关工资福利支出 17,103,265.51",
    # "(2)商品和服务支出 8,166,120.00" under "2、专项业务经费支出 9,056,120.00", "9、对个人和家庭的补助 1,265,970.00";
    # each panel ends "本年支出合计 28,384,234.71" and "支出总计 28,384,234.71".
    t = table(xian, "income_expenditure_summary")
    first = _panel(t, None)
    assert first["1、一般公共服务支出"] == D("22,669,300.94") and first["支出总计"] == D("28,384,234.71")
    department = _panel(t, "部门预算支出经济分类科目(按大类)")
    assert department["1、人员经费和公用经费支出"] == D("19,328,114.71")
    assert department["2、专项业务经费支出"] == D("9,056,120.00")
    assert department["(2)商品和服务支出"] == D("8,166,120.00")  # the 专项 one: the basic one is 1,753,379.20
    government = _panel(t, "政府预算支出经济分类科目(按大类)")
    assert government["1、机关工资福利支出"] == D("17,103,265.51")
    assert government["9、对个人和家庭的补助"] == D("1,265,970.00")
    assert department["本年支出合计"] == government["支出总计"] == D("28,384,234.71")
    assert not [p for p in xian.problems if "并列" in p.message]
    # Page 22 (表4 财政拨款收支总表) prints the same three panels: "1、人员经费和公用经费支出 19,328,114.71".
    fiscal = _panel(table(xian, "fiscal_summary"), "部门预算支出经济分类科目(按大类)")
    assert fiscal["1、人员经费和公用经费支出"] == D("19,328,114.71")


def test_each_panel_is_summed_on_its_own(xian):
    # The 部门预算 panel's leaves (page 19: 17,103,265.51 + 1,753,379.20 + 415,970.00 + 55,500.00 + 8,166,120.00
    # + 850,000.00 + 40,000.00) add up to its 本年支出合计 28,384,234.71, and so do the other panels': no
    # difference. A changed leaf is reported against its own panel's total, not the first panel's.
    from lineage.parse.reconcile import total_differences

    t = table(xian, "income_expenditure_summary")
    assert total_differences(t) == []
    changed = t.model_copy(deep=True)
    leaf = next(r for r in changed.rows if r.panel == "部门预算支出经济分类科目(按大类)" and r.name == "(1)工资福利支出")
    leaf.values["预算数"] += 1
    (difference,) = total_differences(changed)
    assert difference.total.panel == "部门预算支出经济分类科目(按大类)" and difference.total.name == "本年支出合计"
