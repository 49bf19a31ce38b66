"""The more/ PDFs (data/pdf/more/): one 部门/单位预算 each from other provinces and a central department.

Each expected value is read from the PDF page named in the comment (pdftotext -layout -f P -l P, or the
page rendered with pdftoppm). They pin readings that once produced false error-level findings.
"""

from __future__ import annotations

import pytest

from lineage.parse.disclosure import parse_file
from tests.parse.pdf_rows import PDF, D, table, values

MORE = PDF / "more"


@pytest.fixture(scope="module")
def xinfangju():
    return parse_file(MORE / "central-guojia-xinfangju-2026.pdf")


def test_page_number_centred_under_a_table_is_no_row(xinfangju):
    # Page 8 (部门公开表3 部门支出总表, continued): "合 计 50,616.94 11,056.07 39,560.87", then the page
    # number "7" centred below the table at 88% of the (landscape) page's height: furniture, not a row.
    rows = table(xinfangju, "expenditure_summary").rows
    assert [values(r) for r in rows if r.role == "total"] == [
        {"合计": D("50,616.94"), "基本支出": D("11,056.07"), "项目支出": D("39,560.87")}]
    assert not [r for r in rows if r.role == "total_repeat"]
    # Page 12 (部门公开表6 一般公共预算基本支出表): the page number "11" sits above "合 计 9,880.88 7,504.62 2,376.26".
    totals = [values(r) for r in table(xinfangju, "gp_basic_by_economic").rows if r.role in ("total", "total_repeat")]
    assert totals == [{"合计": D("9,880.88"), "人员经费": D("7,504.62"), "公用经费": D("2,376.26")}]


@pytest.fixture(scope="module")
def suzhou():
    return parse_file(MORE / "suzhou-shenji-2026.pdf")


def claims_at(d, line):
    return [(c.subject, c.kind, c.value) for c in d.claims if c.line == line]


def test_a_name_run_into_a_generic_total_wording_is_that_names_figure(suzhou):
    # Page 29: "苏州市审计局 2026 年度一般公共预算拨款安排的“三公”经费支出预算 10 万元，比上年预算减少 3 万元"
    assert claims_at(suzhou, 601) == [("three_public", "amount", D("10")), ("three_public", "change", D("3"))]
    # "3．公务接待费预算支出 10 万元，比上年预算减少 3 万元"
    assert claims_at(suzhou, 611) == [
        ("three_public.reception", "amount", D("10")), ("three_public.reception", "change", D("3"))]
    # "…一般公共预算拨款安排的会议费预算支出 10 万元，比上年预算减少 7 万元": 会议费's own figure (it was once
    # read as the whole 支出预算, then as 一般公共预算拨款: false NR01/NR05 errors)
    assert claims_at(suzhou, 614) == [("economic_name:会议费", "amount", D("10")), ("economic_name:会议费", "change", D("7"))]
    # Page 30: "2026 年本部门一般公共预算机关运行经费预算支出 395.6 万元"; "政府采购支出预算总额 188.5 万元"
    assert claims_at(suzhou, 628) == [("operating_costs", "amount", D("395.6"))]
    assert claims_at(suzhou, 632) == [("procurement", "amount", D("188.5"))]


def test_a_share_after_an_unknown_subject_is_not_the_previous_subjects(suzhou):
    # Page 25: "项目支出339.5万元，占7.3%；事业单位经营支出0万元，占0%；" — the 0% is 事业单位经营支出's
    assert claims_at(suzhou, 527) == [("project", "amount", D("339.5")), ("project", "share", D("7.3"))]
    assert claims_at(suzhou, 528) == [("use:事业单位经营支出", "amount", D("0")), ("use:事业单位经营支出", "share", D("0"))]


def test_one_projects_money_is_no_document_figure(xinfangju):
    # Page 29 (项目概述, 年度预算安排): "2026年拟安排该项目一般公共预算2,134.87万元（含上年结转750.00万元）。"
    assert claims_at(xinfangju, 490) == [] and claims_at(xinfangju, 491) == []


def test_class_named_with_lei_marker(xinfangju):
    # Page 20: "按照支出功能分类，2026年，一般公共服务（类）支出13,144.37万元，占79.78%"
    assert claims_at(xinfangju, 302)[0] == ("function_name:一般公共服务支出", "amount", D("13,144.37"))


def test_general_budget_expenditure_is_not_its_income():
    # 福州 page 26: "一般公共预算拨款收入增加129.07万元" (line 394) and "2026年度一般公共预算拨款支出2796.14万元，
    # 比上年增加166.68万元" (lines 400-401): income and expenditure change differently (上年结转), not one subject.
    d = parse_file(MORE / "fuzhou-gongan-zhiandui-2026-danwei.pdf")
    assert claims_at(d, 394) == [("source:一般公共预算拨款收入", "change", D("129.07"))]
    assert claims_at(d, 400) == [("gp_total", "amount", D("2796.14"))]


def test_true_findings_of_xinfangju_stay_errors(xinfangju):
    from lineage.checks import run_checks

    errors = {(f.code, f.lines[0] if f.lines else None) for f in run_checks(xinfangju) if f.severity == "error"}
    # Page 18: "2026年国家信访局财政拨款收支总预算18,728.91万元" while 部门公开表4 (page 9) prints
    # "收 入 总 计 18,728.94 … 支 出 总 计 18,728.94": the text is 0.03万元 off the table.
    assert ("NR01", 269) in errors
    # Page 34 (名词解释): "社会保障和就业（类）行政事业单位离退休（款）" — the tables (page 7) print 20805 as
    # 行政事业单位养老支出: the explanation uses the old name.
    assert ("LB04", 673) in errors


def test_basic_expenditure_split_under_its_group_cell(suzhou):
    # Page 16 (公开07表 一般公共预算支出表), header "合计 | 基本支出 (小计 人员经费 公用经费) | 项目支出":
    # "合计 4,651.67 4,312.17 3,916.57 395.60 339.50"; "2010801 行政运行 2,342.00 2,342.00 1,946.40 395.60"
    t = table(suzhou, "gp_by_function")
    (total,) = [r for r in t.rows if r.role == "total"]
    assert values(total) == {"合计": D("4,651.67"), "基本支出": D("4,312.17"), "基本支出/人员经费": D("3,916.57"),
                             "基本支出/公用经费": D("395.60"), "项目支出": D("339.50")}
    (run,) = [r for r in t.rows if r.code == "2010801"]
    assert values(run) == {"合计": D("2,342.00"), "基本支出": D("2,342.00"), "基本支出/人员经费": D("1,946.40"),
                           "基本支出/公用经费": D("395.60")}


@pytest.fixture(scope="module")
def fuzhou():
    return parse_file(MORE / "fuzhou-gongan-zhiandui-2026-danwei.pdf")


def test_fuzhou_summary_columns_named_from_the_national_headers(fuzhou):
    # Page 9 (二、收入预算总表): header "… 上年结转 / 结余", row "合计 2796.14 2796.14 0.00 … 0.00"
    (total,) = [r for r in table(fuzhou, "income_summary").rows if r.role == "total"]
    assert values(total)["一般公共预算拨款收入"] == D("2796.14") and values(total)["上年结转"] == D("0.00")
    # Page 10 (三、支出预算总表): "合计 2796.14 2507.88 288.26 0.00 0.00 0.00" under
    # "合计 基本支出 项目支出 事业单位经营支出 上缴上级支出 对附属单位补助支出"
    (total,) = [r for r in table(fuzhou, "expenditure_summary").rows if r.role == "total"]
    assert values(total) == {"合计": D("2796.14"), "基本支出": D("2507.88"), "项目支出": D("288.26"),
                             "事业单位经营支出": D("0.00"), "上缴上级支出": D("0.00"), "对附属单位补助支出": D("0.00")}


def test_income_and_expenditure_changes_of_the_appropriation_differ_only_as_a_warning(fuzhou):
    from lineage.checks import run_checks

    # Page 26: income "增加129.07万元" (line 394) vs expenditure "比上年增加166.68万元" (line 401):
    # expenditure also spends last year's carry-over, so both can be true.
    nr05 = [f for f in run_checks(fuzhou) if f.code == "NR05"]
    assert [(f.severity, f.lines) for f in nr05] == [("warning", [394, 401])]


@pytest.fixture(scope="module")
def yantai():
    return parse_file(MORE / "yantai-renshe-2026.pdf")


def test_codes_printed_one_level_per_cell_take_their_prefix_from_the_row_above(yantai):
    # Page 9 (公开表2 收入总体情况表), 类 | 款 | 项 cells: "205 教育支出 65.90", "08 进修及培训 65.90",
    # "03 培训支出 65.90", "208 社会保障和就业支出 188,501.98", "01 人力资源和社会保障管理事务 40,781.39"
    rows = table(yantai, "income_summary").rows
    got = [(r.code, r.name, values(r)["合计"]) for r in rows[1:6]]
    assert got == [("205", "教育支出", D("65.90")), ("20508", "进修及培训", D("65.90")),
                   ("2050803", "培训支出", D("65.90")), ("208", "社会保障和就业支出", D("188,501.98")),
                   ("20801", "人力资源和社会保障管理事务", D("40,781.39"))]


def test_printed_codes_not_indentation_tell_the_levels(yantai):
    from lineage.checks import run_checks

    # Page 9-10: 20801 人力资源和社会保障管理事务 40,781.39 = its 项 2080101…2080199 (1,073.45 + 941.00 + 500.00 +
    # 2,482.93 + 2,081.81 + 778.31 + 572.99 + 32,350.90); 烟台 prints wrapped names centred, so their
    # indentation made 2080199 look like a parent of 20805 (false HI01/BL02 errors).
    found = run_checks(yantai)
    assert not [f for f in found if f.severity == "error" and f.code in ("HI01", "BL02") and "收入总表" in f.message]


def test_procurement_table_of_the_national_framework_is_recognised(yantai, suzhou):
    # 烟台 目录 (page 2): "十二、政府采购预算情况表"; page 31 prints it as "政府采购预算表"
    assert [(t.number, t.page) for t in yantai.tables if t.kind == "procurement"] == [("12", 31)]
    # 苏州 page 22: "公开12表 政府采购支出表"
    assert [t.page for t in suzhou.tables if t.kind == "procurement"] == [22]


def test_shandong_basic_columns_renamed(yantai):
    # Page 17 (公开表5 一般公共预算支出情况表): "基本支出 (小 计 | 人员支出 | 日常公用支出) | 项目支出",
    # "合 计 191,114.39 8,882.89 8,227.17 655.72 182,231.50"
    (total,) = [r for r in table(yantai, "gp_by_function").rows if r.role == "total"]
    assert values(total) == {"合计": D("191,114.39"), "基本支出": D("8,882.89"), "基本支出/人员经费": D("8,227.17"),
                             "基本支出/公用经费": D("655.72"), "项目支出": D("182,231.50")}


def test_fuzhou_and_xian_title_variants(fuzhou):
    # 福州 目录 (page 2): "五、一般公共预算拨款支出预算表" … "七、国有资本经营预算拨款支出预算表"; page 13 prints
    # "合计 2796.14 2507.88 288.26" under "合计 基本支出 项目支出"
    kinds = [t.kind for t in fuzhou.tables]
    assert {"gp_by_function", "fund_by_function", "soe_by_function"} <= set(kinds)
    (total,) = [r for r in table(fuzhou, "gp_by_function").rows if r.role == "total"]
    assert values(total) == {"合计": D("2796.14"), "基本支出": D("2507.88"), "项目支出": D("288.26")}
    # 西安 目录 (page 18): "表5 部门综合预算一般公共预算支出明细表(按支出功能分类科目)",
    # "表12 部门综合预算政府采购(资产配置、购买服务)预算表"
    xian = parse_file(MORE / "xian-xinfang-2026.pdf")
    assert [(t.number, t.kind) for t in xian.tables if t.number in ("5", "8", "12")] == [
        ("5", "gp_by_function"), ("8", "gp_basic_by_economic"), ("12", "procurement")]


def test_identity_from_a_cover_title_wrapped_over_lines(fuzhou, yantai, xinfangju, suzhou):
    # 福州 page 1: "2026年度 / 福州市公安局治安管理 / 支队 / 单位预算"
    assert (fuzhou.unit_name, fuzhou.year, fuzhou.kind) == ("福州市公安局治安管理支队", 2026, "单位预算")
    # 烟台 page 1: "2026年烟台市人力资源和社会保 / 障局部门预算"
    assert (yantai.unit_name, yantai.year, yantai.kind) == ("烟台市人力资源和社会保障局", 2026, "部门预算")
    assert (xinfangju.unit_name, suzhou.unit_name) == ("国家信访局", "苏州市审计局")


def test_project_cards_of_the_central_department(xinfangju):
    # Pages 30-32: one card per project, titled by the project ("信息化运行维护绩效目标表"): "项目名称
    # 信息化运行维护", "年度资金总额： 2,134.87"; grid "一级指标 二级指标 三级指标 指标值 分值(90)", rows
    # "成本指标 经济成本指标 项目总成本 ≤2134.87 万元 20", "数量指标 数据中心设备维护量 ≥330 台（套） 8" under
    # 产出指标 (a cell merged over five rows), "… 使用部门满意率 ≥85% 10"
    (t,) = xinfangju.performance.tables
    assert [(p.name, p.amount) for p in t.projects] == [
        ("信息化运行维护", D("2134.87")), ("信访综合保障经费", D("2706.79")), ("信访业务培训", D("118.01"))]
    first = t.projects[0].indicators
    assert [(i.level1, i.level2, i.level3, i.operator, i.value, i.unit, i.weight) for i in first[:2]] == [
        ("成本指标", "经济成本指标", "项目总成本", "≤", "2134.87", "万元", D("20")),
        ("产出指标", "数量指标", "数据中心设备维护量", "≥", "330", "台(套)", D("8"))]
    assert (first[-1].level3, first[-1].value, first[-1].weight) == ("使用部门满意率", "85", D("10"))
    assert len(first) == 9
    # Page 31 (信访综合保障经费): its header wraps "分值权 / 重" over the header lines; "项目成本控制 ≤2706.79万元 20"
    second = t.projects[1].indicators[0]
    assert (second.level3, second.value, second.unit, second.weight) == ("项目成本控制", "2706.79", "万元", D("20"))
    # The cards are a selection of projects: their sum is compared with no table (no XT02)
    from lineage.checks import run_checks

    assert not [f for f in run_checks(xinfangju) if f.code == "XT02"]


def test_last_years_and_comparison_columns_kept_apart(xinfangju):
    # Page 10 (部门公开表5 一般公共预算支出表): "2025 年执行数 (执行数 | 扣除中央基建投资后执行数) | 2026 年预算数
    # (年初预算数: 小计 基本支出 项目支出 | 扣除中央基建投资后预算数) | 2026 年预算数比 2025 年执行数 (增减额 增减(%) …)";
    # "201 一般公共服务支出 33,586.67 10,044.47 13,144.37 6,668.44 6,475.93 13,144.37 -20,442.30 -60.86% 3,099.90 30.86%"
    row201 = next(r for r in table(xinfangju, "gp_by_function").rows if r.code == "201")
    assert values(row201) == {"合计": D("13,144.37"), "基本支出": D("6,668.44"), "项目支出": D("6,475.93")}
    assert "33,586.67" in row201.note and "-60.86%" in row201.note and row201.name == "一般公共服务支出"
