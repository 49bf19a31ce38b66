"""福州市公安局治安管理支队 2026 单位预算 (data/pdf/more/fuzhou-gongan-zhiandui-2026-danwei.pdf), Fujian's 一…十.

Expected values are read from the PDF (`pdftotext -layout -f P -l P`), page numbers as the PDF counts them.
"""

from __future__ import annotations

import pytest

from lineage.parse.disclosure import parse_file
from tests.parse.pdf_rows import PDF, D, row, table, values

FILE = PDF / "more" / "fuzhou-gongan-zhiandui-2026-danwei.pdf"


@pytest.fixture(scope="module")
def fuzhou():
    return parse_file(FILE)


def test_general_budget_by_economic_class(fuzhou):
    # Page 17 (八、一般公共预算支出经济分类情况表), one 预算数 column: "合计 2796.14", "301 工资福利支出 2120.90",
    # "302 商品和服务支出 441.22", "303 对个人和家庭的补助 222.02", "310 资本性支出 12.00"; 307 … 399 blank
    t = table(fuzhou, "gp_by_economic")
    (total,) = [r for r in t.rows if r.role == "total"]
    assert values(total) == {"合计": D("2796.14")}
    got = {r.code: values(r).get("合计") for r in t.rows if r.code}
    assert (got["301"], got["302"], got["303"], got["310"]) == (D("2120.90"), D("441.22"), D("222.02"), D("12.00"))


def test_basic_by_economic_with_one_budget_column(fuzhou):
    # Page 19 (九、一般公共预算基本支出经济分类情况表): "合计 2507.88", "30101 基本工资 464.20"
    (total,) = [r for r in table(fuzhou, "gp_basic_by_economic").rows if r.role == "total"]
    assert values(total) == {"合计": D("2507.88")}
    assert values(row(fuzhou, "gp_basic_by_economic", code="30101")) == {"合计": D("464.20")}


def test_three_public_printed_transposed(fuzhou):
    # Page 23 (十、一般公共预算“三公”经费支出预算表), items as rows under 预算数: "合计 27.31", "1、因公出国（境）费用
    # 0.00", "2、公务接待费 2.00", "3、公务用车购置及运行费 25.31", "其中：（1）公务用车购置费 0.00", "（2）公务用车运行费 25.31"
    (only,) = table(fuzhou, "gp_three_public").rows
    assert only.role == "total"
    assert values(only) == {"合计": D("27.31"), "因公出国（境）费用": D("0.00"), "公务接待费": D("2.00"),
                            "公务用车购置及运行费/小计": D("25.31"), "公务用车购置及运行费/公务用车购置费": D("0.00"),
                            "公务用车购置及运行费/公务用车运行费": D("25.31")}


def test_every_table_of_the_contents_recognised(fuzhou):
    # 目录 (page 2): "一、收支预算总表" … "十、一般公共预算“三公”经费支出预算表"
    assert [t.kind for t in fuzhou.tables if t.kind != "project_performance"] == [
        "income_expenditure_summary", "income_summary", "expenditure_summary", "fiscal_summary", "gp_by_function",
        "fund_by_function", "soe_by_function", "gp_by_economic", "gp_basic_by_economic", "gp_three_public"]
    assert not [p for p in fuzhou.problems if "无法识别的表" in p.message]


def test_project_performance_cards(fuzhou):
    # Page 29 (警务辅助人员经费项目绩效目标表): "项目名称 警务辅助人员经费", "资金总额 44.47", "年度目标 治安 10 人，
    # 工资 3406 元/人.月，绩效考核 0.36 万元/年.人。"; grid rows "成本指标 | 经济成本指标 | 总支出成本控制情况 | ≤44.47 万元",
    # "产出指标 (merged over 3 rows) | 数量指标 | 聘用人员数量 | ≤10 人", "质量指标 | 资金结算（拨付、下达、发放）准确率 | ≥90%"
    (t,) = fuzhou.performance.tables
    assert t.cards and [p.name for p in t.projects] == ["警务辅助人员经费", "民警法定工作日之外加班补贴"]
    p = t.projects[0]
    assert p.amount == D("44.47") and p.goal.startswith("治安10人")
    got = [(i.level1, i.level2, i.level3, i.operator, i.value, i.unit) for i in p.indicators]
    assert got[:3] == [("成本指标", "经济成本指标", "总支出成本控制情况", "≤", "44.47", "万元"),
                       ("产出指标", "数量指标", "聘用人员数量", "≤", "10", "人"),
                       ("产出指标", "质量指标", "资金结算(拨付、下达、发放)准确率", "≥", "90", "%")]
    assert len(p.indicators) == 6
    # Page 30: "民警法定工作日之外加班补贴", 资金总额 56.23, "人均补贴标准 =710 元/人月"
    q = t.projects[1]
    assert q.amount == D("56.23") and (q.indicators[0].level3, q.indicators[0].operator, q.indicators[0].value) == (
        "人均补贴标准", "=", "710")
