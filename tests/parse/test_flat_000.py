"""Seed 000 (四川省科技交流中心, flattened): counts and totals read from the document."""

from decimal import Decimal

import pytest

from tests.parse.flat_checks import amount_rows, assert_placed_or_ambiguous, assert_total_reproduced

D = Decimal


@pytest.fixture(scope="module")
def d(parsed):
    return parsed("000")


def test_layout_and_table_set(d):
    assert d.layout == "flat"
    # markers 表1…表5 at lines 124-748; 2-1 title at 456; contents list 87-115 is not a table
    assert [t.number for t in d.tables if t.kind != "project_performance"] == [
        "1", "1-1", "1-2", "2", "2-1", "3", "3-1", "3-2", "3-3", "4", "4-1", "5"]
    assert all(t.line > 115 for t in d.tables)


@pytest.mark.parametrize("kind,count", [
    ("income_summary", 3),          # lines 212, 214, 216
    ("expenditure_summary", 15),    # 256, 258, 260 and 12 subject rows 262-284
    ("fiscal_by_economic", 30),     # 387-448, the wrapped 439-442 is one row
    ("gp_by_function", 14),         # 表3 data 478-504, before its marker at 509
    ("gp_basic_by_economic", 17),   # 529-561
    ("gp_projects", 32),            # 585-647
    ("gp_three_public", 3),         # 666-670
])
def test_amount_row_counts(d, kind, count):
    assert len(amount_rows(d.table(kind))) == count


def test_table_3_keeps_data_printed_before_its_marker(d):
    t = d.table("gp_by_function")
    assert t.number == "3" and t.line <= 478 < 509
    total = next(r for r in t.rows if r.role == "total")
    # line 478: 合计 870.22 584.91 285.31 under 合计/当年财政拨款/上年结转安排 (516-519, 506)
    assert total.values == {"合计": D("870.22"), "当年财政拨款安排": D("584.91"), "上年结转安排": D("285.31")}


def test_wrapped_name_joined(d):
    row = next(r for r in d.table("fiscal_by_economic").rows if r.line == 439)
    assert row.name == "机关事业单位基本养老保险缴费" and row.lines == [439, 440, 442]
    assert row.printed == ["37.00"] * 4


def test_economic_rows_as_printed(d):
    rows = d.table("fiscal_by_economic").rows
    # 395 name only and 397 with code cells "302 99 305911": 395 prints no code and takes the one 397 prints
    # with the same name; only 397 has a printed code
    same = [r for r in rows if r.name == "其他商品和服务支出"]
    assert [(r.line, r.code, r.code_printed, r.code_line) for r in same] == [
        (395, "30299", None, 397), (397, "30299", "302 99 305911", None)]


def test_income_summary_decided_by_the_summary_table(d):
    t = d.table("income_summary")
    total = next(r for r in t.rows if r.role == "total")
    # 212: 1,162.13 408.29 584.91 168.73 0.20; 收支总表 196/130/136/140 name the columns
    assert total.values == {"合计": D("1162.13"), "上年结转": D("408.29"), "一般公共预算拨款收入": D("584.91"),
                            "事业收入": D("168.73"), "其他收入": D("0.20")}
    unit = next(r for r in t.rows if r.role == "unit")
    assert unit.values == total.values and "合计" in unit.note


def test_two_sided_summary_split(d):
    t = d.table("income_expenditure_summary")
    by = {(r.side, r.name): r.printed for r in t.rows}
    assert by[("income", "六、其他收入")] == ["0.20"]            # line 140, left side
    assert by[("expenditure", "六、科学技术支出")] == ["1029.48"]  # line 140, right side
    f = d.table("fiscal_summary")
    assert ("expenditure", "科学技术支出") in {(r.side, r.name) for r in f.rows}  # 328 after a blank income item
    # 316: "一、本年收入 584.91 一、本年支出 870.22 870.22": the lone income amount can only be the
    # 预算数 (合计 would need its 一般公共预算 … parts); the arithmetic decided it and the row says so.
    income = next(r for r in f.rows if r.line == 316 and r.side == "income")
    assert income.values == {"预算数": D("584.91")} and "合计关系" in income.note


def test_gp_basic_decided_by_column_totals(d):
    t = d.table("gp_basic_by_economic")
    row = next(r for r in t.rows if r.line == 535)  # 302 商品和服务支出 18.70 18.70; 合计 公用 18.70 (529)
    assert not row.ambiguous and row.values["公用经费"] == D("18.70")


def test_empty_tables(d):
    for kind in ("fund_by_function", "fund_three_public", "soe_by_function"):  # 注：无此项内容 701, 729, 767
        assert d.table(kind).empty


@pytest.mark.parametrize("kind", ["income_summary", "expenditure_summary", "gp_by_function",
                                  "gp_basic_by_economic", "gp_projects", "gp_three_public", "fiscal_by_economic"])
def test_totals_and_placement(d, kind):
    t = d.table(kind)
    assert_total_reproduced(d, t)
    assert_placed_or_ambiguous(t)


def test_indicators_printed_apart_from_their_projects(d):
    """000's 绩效目标表 prints each page's indicator column (780-816, 1026-1084) before the page's projects
    (858-1014, 1088-1259), and not in their order: 1026 "购置办公设备" opens the second run while
    1259 "四川省科技交流中心办公设备购置建设" closes its projects. Which project a group belongs to stays open,
    per indicator; which indicators belong together the weights say (each project's add up to 90)."""
    table = d.performance.tables[0]
    assert len(table.unattributed) == 47 and all(i.candidates and i.note for i in table.unattributed)
    first = next(i for i in table.unattributed if i.line == 780)  # "产出指标 时效指标 任务目标完成时限 ＝ 1 年 10"
    assert first.candidates == [858, 895, 909, 962, 1014]  # 网络科普 60.00 … 战略科技人才培养研究 12.00
    # 780-786 weigh 10 + 20 + 30 + 30 = 90
    assert first.note == "与第780–786行的指标同属一个项目（权重合计90），属于第858、895、909、962、1014行项目之一，文本未定"
    later = next(i for i in table.unattributed if i.line == 1026)  # 购置办公设备 70, then 10 (1028), 10 (1030)
    assert later.candidates == [1088, 1132, 1154, 1169, 1180, 1200, 1240, 1259]
    assert later.note.startswith("与第1026–1030行的指标同属一个项目（权重合计90）")
    groups = {i.note.split("，")[0] for i in table.unattributed}
    assert len(groups) == 13 == len(table.projects)  # one group of indicators per project


def test_a_run_before_a_single_project_belongs_to_it():
    from lineage.model import Indicator, PerformanceTable, ProjectTarget
    from lineage.parse.performance_flat import place_orphans

    run = [Indicator(line=n, lines=[n], level3=f"指标{n}", weight=D(w)) for n, w in ((10, 50), (11, 40))]
    table = PerformanceTable(kind="project_performance", line=1, end_line=30, unattributed=list(run),
                             projects=[ProjectTarget(line=20, name="某项目", amount=D("1.00"))])
    place_orphans(table)
    assert table.unattributed == [] and [i.line for i in table.projects[0].indicators] == [10, 11]
    assert "第20行" in table.projects[0].indicators[0].note
