"""表2-1 财政拨款支出预算表（部门经济分类科目）of the flattened seeds, and what else the documents decide.

Expected values are read from the seed files; line numbers are quoted. "当/一般/基" below is the column
当年财政拨款安排/一般公共预算拨款/基本支出, and so on.
"""

from decimal import Decimal

import pytest

from lineage.parse.evidence import listed_names
from lineage.tableview import leaves

D = Decimal
NOW, LAST = "当年财政拨款安排", "上年结转安排"
GP, FUND = "一般公共预算拨款", "政府性基金安排"


def _row(d, kind, line):
    return next(r for r in d.table(kind).rows if r.line == line)


def _values(row):
    return {k: str(v) for k, v in row.values.items()}


def _cells(total=None, now=None, gp=None, gp_basic=None, gp_project=None, fund=None, fund_project=None,
           last=None, last_gp=None, last_gp_project=None):
    names = {
        "总计": total, f"{NOW}/合计": now, f"{NOW}/{GP}/小计": gp, f"{NOW}/{GP}/基本支出": gp_basic,
        f"{NOW}/{GP}/项目支出": gp_project, f"{NOW}/{FUND}/小计": fund, f"{NOW}/{FUND}/项目支出": fund_project,
        f"{LAST}/合计": last, f"{LAST}/{GP}/小计": last_gp, f"{LAST}/{GP}/项目支出": last_gp_project,
    }
    return {k: v for k, v in names.items() if v is not None}


# ---------------------------------------------------------------- 001 渠县科学技术协会


def test_001_indentation_is_carried_into_the_rows(parsed):
    d = parsed("001")
    # 688 " 渠县科学技术协会" (one NBSP), 689 "  工资福利支出" (two), 698 "301 12 214001    其他社会保障缴费" (three),
    # 699 "301 12 214001     医疗补助缴费" (four): the 款 and its items print the same code "301 12"
    assert [(_row(d, "fiscal_by_economic", n).depth) for n in (685, 688, 689, 698, 699)] == [0, 1, 2, 3, 4]
    # 3-1 (784-840) indents every subject alike: its levels come from its codes
    assert {r.depth for r in d.table("gp_basic_by_economic").rows if r.role == "subject"} == {1}


def test_001_office_costs(parsed):
    # 705 "302 01 214001 办公费 75.65 75.65 59.65 3.60 56.05 16.00 16.00": 3.60 is the 一般公共预算 基本支出
    # (3-1 line 814 prints 30201 办公费 3.60), 56.05 its 项目支出, 16.00 the 政府性基金 项目支出
    row = _row(parsed("001"), "fiscal_by_economic", 705)
    assert not row.ambiguous and row.code == "30201"
    assert _values(row) == _cells("75.65", "75.65", "59.65", "3.60", "56.05", "16.00", "16.00")


def test_001_class_rows_take_their_codes_from_table_3_1(parsed):
    d = parsed("001")
    # 689 "  工资福利支出 155.40 155.40 155.40 155.40", 704 "  商品和服务支出 180.50 180.50 76.50 20.45 56.05
    # 104.00 104.00", 720 "  对个人和家庭的补助 31.22 31.22 1.22 1.22 30.00 30.00" print no code;
    # 3-1 prints "301 工资福利支出" (786), "302 商品和服务支出" (812), "303 对个人和家庭的补助" (836)
    wages, goods, families = (_row(d, "fiscal_by_economic", n) for n in (689, 704, 720))
    assert [(r.code, r.code_printed, r.code_line) for r in (wages, goods, families)] == [
        ("301", None, 786), ("302", None, 812), ("303", None, 836)]
    assert _values(wages) == _cells("155.40", "155.40", "155.40", "155.40")
    assert _values(goods) == _cells("180.50", "180.50", "76.50", "20.45", "56.05", "104.00", "104.00")
    assert _values(families) == _cells("31.22", "31.22", "1.22", "1.22", fund="30.00", fund_project="30.00")


def test_001_total_row_decided_by_tables_3_and_4(parsed):
    total = _row(parsed("001"), "fiscal_by_economic", 685)
    # 685 "合 计 367.12 367.12 233.12 177.07 56.05 134.00 134.00"; 表3 合计 233.12 当年 (742), 表3-1 基本支出
    # 177.07 (780), 表3-2 项目 56.05 (854), 表4 (政府性基金) 合计 134.00 项目支出 (909): every one agrees
    assert _values(total) == _cells("367.12", "367.12", "233.12", "177.07", "56.05", "134.00", "134.00")
    assert total.note == "由表3第742行、表3-1第780行、表3-2第854行、表4第909行确定"


def test_001_every_row_of_2_1_is_placed_and_leaves_skip_subtotals(parsed):
    t = parsed("001").table("fiscal_by_economic")
    assert not any(r.ambiguous for r in t.rows)
    lines = [r.line for r in leaves(t)]
    # 698 其他社会保障缴费 0.91 = 699-701 (0.28 + 0.41 + 0.22) is a subtotal, its items are leaves
    assert 698 not in lines and {699, 700, 701} <= set(lines) and 689 not in lines


def test_001_personnel_and_public_lists_of_the_text_decide_3_1(parsed):
    d = parsed("001")
    # 3-1 812 "302 商品和服务支出 20.45 5.45 15.00": which 302 items are 人员经费? Lines 293-299 list 工会经费
    # and 其他交通费用 under 人员经费, lines 303-307 办公费 … 其他商品服务支出 under 公用经费.
    assert _values(_row(d, "gp_basic_by_economic", 828)) == {"合计": "0.77", "人员经费": "0.77"}  # 工会经费
    assert _values(_row(d, "gp_basic_by_economic", 832)) == {"合计": "4.68", "人员经费": "4.68"}  # 其他交通费用
    assert _values(_row(d, "gp_basic_by_economic", 814)) == {"合计": "3.60", "公用经费": "3.60"}  # 办公费
    assert _values(_row(d, "gp_basic_by_economic", 834)) == {"合计": "0.20", "公用经费": "0.20"}  # 其他商品和服务支出
    assert "说明第303行" in _row(d, "gp_basic_by_economic", 814).note


def test_001_fiscal_summary_by_fund(parsed):
    d = parsed("001")
    # 628 "城乡社区支出 134.00 134.00": the 政府性基金 column, since 604 "一、本年支出 367.12 233.12 134.00"
    # splits as 表3 (233.12, line 742) and 表4 (134.00, line 909) print, and only 134.00 adds up to 134.00
    assert _values(_row(d, "fiscal_summary", 628)) == {"合计": "134.00", "政府性基金预算": "134.00"}
    assert _values(_row(d, "fiscal_summary", 616)) == {"合计": "199.14", "一般公共预算": "199.14"}
    assert not any(r.ambiguous for r in d.table("fiscal_summary").rows)


def test_001_three_public_decided_by_the_text(parsed):
    d = parsed("001")
    # 887 "合 计 3.19 3.00 3.00 0.19": 公务用车购置费 or 运行费? Line 335: "2024年安排公务用车购置费0万元".
    # Line 317's 11.00 (both 三公 tables together: 3.00 + 8.00) fits neither table alone and decides nothing.
    total = _row(d, "gp_three_public", 887)
    assert total.values["公务用车购置及运行费/公务用车运行费"] == D("3.00")
    assert "公务用车购置及运行费/公务用车购置费" not in total.values
    assert total.note == "由说明第315、317、335行确定"  # 315 接待费 0.19, 317 因公出国 0, 335 购置费 0
    fund = _row(d, "fund_three_public", 940)  # "合 计 8.00 8.00 8.00"
    assert fund.values["公务用车购置及运行费/公务用车运行费"] == D("8.00")


# ---------------------------------------------------------------- 000 四川省科技交流中心


def test_000_2_1_rows(parsed):
    d = parsed("000")
    # 387 "合 计 870.22 584.91 584.91 325.91 259.00 285.31 285.31 285.31": 表3 478 (当年 584.91, 上年结转
    # 285.31) and 表3-1 529 (基本支出 325.91) decide it
    total = _row(d, "fiscal_by_economic", 387)
    assert _values(total) == _cells("870.22", "584.91", "584.91", "325.91", "259.00",
                                    last="285.31", last_gp="285.31", last_gp_project="285.31")
    # 403 "   差旅费 46.17 21.50 21.50 8.70 12.80 24.67 24.67 24.67": 3-1 line 543 prints 差旅费 8.70
    travel = _row(d, "fiscal_by_economic", 403)
    assert _values(travel) == _cells("46.17", "21.50", "21.50", "8.70", "12.80",
                                     last="24.67", last_gp="24.67", last_gp_project="24.67")
    assert travel.code == "30211" and travel.code_line == 543
    # 399 "   咨询费 40.19 23.48 23.48 23.48 16.71 16.71 16.71": not in 3-1, so no 基本支出: all 项目支出.
    # No other line prints 咨询费 with a code: it keeps none.
    advice = _row(d, "fiscal_by_economic", 399)
    assert _values(advice) == _cells("40.19", "23.48", "23.48", gp_project="23.48",
                                     last="16.71", last_gp="16.71", last_gp_project="16.71")
    assert advice.code is None
    # 425 "  工资福利支出 339.71 339.71 339.71 307.21 32.50" and its 绩效工资 431 "84.21 84.21 84.21 51.71 32.50"
    assert _values(_row(d, "fiscal_by_economic", 431)) == _cells("84.21", "84.21", "84.21", "51.71", "32.50")
    assert not any(r.ambiguous for r in d.table("fiscal_by_economic").rows)


def test_000_table_3_current_year_from_the_text(parsed):
    d = parsed("000")
    # 496 "208 05 06 305 机关事业单位职业年金缴费支出 18.50 18.50": lines 1933-1935 "…职业年金缴费支出（项）2023
    # 年预算数为 18.5万元" under 1898 "一般公共预算当年拨款584.91 万元": 当年. The 当年 column (584.91) is then
    # full, so 486 重点研发计划 3.11 and 502 其他科学技术普及支出 15.35 are 上年结转.
    row = _row(d, "gp_by_function", 496)
    assert _values(row) == {"合计": "18.50", "当年财政拨款安排": "18.50"} and row.note == "由说明第1935行确定"
    assert _values(_row(d, "gp_by_function", 486)) == {"合计": "3.11", "上年结转安排": "3.11"}
    assert _values(_row(d, "gp_by_function", 502)) == {"合计": "15.35", "上年结转安排": "15.35"}


# ---------------------------------------------------------------- over the five seeds


def test_ambiguous_rows_at_most_two_percent(parsed):
    rows = [r for s in ("000", "001", "002", "003", "004") for t in parsed(s).tables for r in t.rows if r.printed]
    assert sum(r.ambiguous for r in rows) <= len(rows) * 0.02


def test_listed_names_split_the_last_item_at_he():
    # 001 lines 303-307: "…公务用车运行维护费和其他商品服务支出。"
    names = listed_names("公用经费15.00万元,主要包括:办公费、公务用车运行维护费和其他商品服务支出。")
    assert "其他商品服务支出" in names and "公务用车运行维护费" in names and "办公费" in names
    assert listed_names("公用经费15.00万元。") == []


def test_002_three_public_decided_by_the_text(parsed):
    # 002 (tab-separated) line 412 "合 计 ⇥ 2.66 ⇥ ⇥ 2.00 ⇥ ⇥ 2.00 ⇥ 0.66": its tabs do not put 2.00 under a column
    # the sums accept, so placement is by arithmetic; line 125 "2023 年安排公务用车运行维护费 2 万元" says which.
    total = _row(parsed("002"), "gp_three_public", 412)
    assert _values(total) == {"合计": "2.66", "公务用车购置及运行费/小计": "2.00",
                              "公务用车购置及运行费/公务用车运行费": "2.00", "公务接待费": "0.66"}
    assert "125" in total.note
