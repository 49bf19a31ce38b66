"""苏州市审计局 2026 部门预算 (data/pdf/more/suzhou-shenji-2026.pdf), Jiangsu's 公开01–12表.

Expected values are read from the PDF (`pdftotext -layout -f P -l P`), page numbers as the PDF counts them.
"""

from __future__ import annotations

import pytest

from lineage.parse.disclosure import parse_file
from tests.parse.pdf_rows import PDF, D, row, table, values

FILE = PDF / "more" / "suzhou-shenji-2026.pdf"


@pytest.fixture(scope="module")
def suzhou():
    return parse_file(FILE)


def test_income_summary_with_this_year_and_carried_over_groups(suzhou):
    # Page 10 (公开02表 收入总表): "合计 | 本年收入 (小计 一般公共预算 … 其他收入) | 上年结转结余 (小计 一般公共预算 …
    # 单位资金)"; "合计 4,651.67 4,651.67 4,651.67": 合计, 本年收入 小计, its 一般公共预算
    (total,) = [r for r in table(suzhou, "income_summary").rows if r.role == "total"]
    assert values(total) == {"合计": D("4,651.67"), "本年收入": D("4,651.67"), "一般公共预算拨款收入": D("4,651.67")}
    # Page 11 (公开03表 支出总表): "合计 4,651.67 4,312.17 339.50" — income equals expenditure
    (spent,) = [r for r in table(suzhou, "expenditure_summary").rows if r.role == "total"]
    assert values(spent)["合计"] == values(total)["合计"]


def test_fiscal_expenditure_by_function(suzhou):
    # Page 14 (公开05表 财政拨款支出表（功能科目）): "合计 4,651.67 4,312.17 3,916.57 395.60 339.50";
    # "2010802 一般行政管理事务 339.50 … 339.50" (项目支出 only)
    t = table(suzhou, "fiscal_by_function")
    (total,) = [r for r in t.rows if r.role == "total"]
    assert values(total) == {"合计": D("4,651.67"), "基本支出": D("4,312.17"), "基本支出/人员经费": D("3,916.57"),
                             "基本支出/公用经费": D("395.60"), "项目支出": D("339.50")}
    assert values(row(suzhou, "fiscal_by_function", code="2010802")) == {"合计": D("339.50"), "项目支出": D("339.50")}


def test_fiscal_basic_expenditure_by_economic_class(suzhou):
    # Page 15 (公开06表 财政拨款基本支出表（经济科目）): "合计 4,312.17 3,916.57 395.60"; "30101 基本工资 469.17 469.17"
    t = table(suzhou, "basic_by_economic")
    (total,) = [r for r in t.rows if r.role == "total"]
    assert values(total) == {"合计": D("4,312.17"), "人员经费": D("3,916.57"), "公用经费": D("395.60")}
    assert values(row(suzhou, "basic_by_economic", code="30101")) == {"合计": D("469.17"), "人员经费": D("469.17")}


def test_three_public_with_meeting_and_training_columns(suzhou):
    # Page 18 (公开09表 一般公共预算“三公”经费、会议费、培训费支出表):
    # "“三公”经费合计 | 因公出国（境）费 | 公务用车购置及运行维护费 (小计 购置费 运行维护费) | 公务接待费 | 会议费 | 培训费"
    # "10.00 0.00 0.00 0.00 0.00 10.00 10.00 43.00"
    (only,) = table(suzhou, "gp_three_public").rows
    assert values(only) == {"合计": D("10.00"), "因公出国（境）费用": D("0.00"), "公务用车购置及运行费/小计": D("0.00"),
                            "公务用车购置及运行费/公务用车购置费": D("0.00"),
                            "公务用车购置及运行费/公务用车运行费": D("0.00"), "公务接待费": D("10.00"),
                            "会议费": D("10.00"), "培训费": D("43.00")}


def test_operating_costs_table(suzhou):
    # Page 21 (公开12表 一般公共预算机关运行经费支出预算表): "合计 395.60", "302 商品和服务支出 395.60",
    # "30201 办公费 29.00"; the text (page 30) states "机关运行经费预算支出 395.6 万元"
    t = table(suzhou, "operating_costs")
    (total,) = [r for r in t.rows if r.role == "total"]
    assert values(total) == {"合计": D("395.60")}
    assert values(row(suzhou, "operating_costs", code="30201")) == {"合计": D("29.00")}
    from lineage.checks import run_checks

    assert not [f for f in run_checks(suzhou) if f.severity in ("error", "warning")]


def test_every_table_of_the_contents_recognised(suzhou):
    # 目录 (page 2): "一、收支总表" … "十三、政府采购支出表" — thirteen tables, each printed (pages 9-22) and
    # each of its own kind; none is reported unrecognised
    assert [t.kind for t in suzhou.tables] == [
        "income_expenditure_summary", "income_summary", "expenditure_summary", "fiscal_summary",
        "fiscal_by_function", "basic_by_economic", "gp_by_function", "gp_basic_by_economic", "gp_three_public",
        "fund_by_function", "soe_by_function", "operating_costs", "procurement"]
    assert not [p for p in suzhou.problems if "无法识别的表" in p.message]
