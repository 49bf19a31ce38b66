"""`lineage check` on the 部门决算 (data/pdf/shanghai-putuo-guihuaziyuan-2024-juesuan.pdf) and its blank template.

Each finding is read in the PDF (page and line cited); the document's own rounding-sized
disagreements are warnings, and nothing is an error that a reading of the tables reconciles.
"""

from pathlib import Path

import pytest

from lineage.checks import run_checks
from lineage.parse.disclosure import parse_file

PDF = Path(__file__).resolve().parents[2] / "data" / "pdf"


@pytest.fixture(scope="module")
def findings():
    return run_checks(parse_file(PDF / "shanghai-putuo-guihuaziyuan-2024-juesuan.pdf"))


def _by_code(findings, code):
    return [f for f in findings if f.code == code]


def test_class_amounts_differ_between_tables_by_rounding(findings):
    # p7 收入支出决算总表 "九、卫生健康支出 236.63" (line 114) vs p10 支出决算表 "210 卫生健康支出 236.64"
    # (line 188, = 40.35 + 196.29); p7 "十一、城乡社区支出 3845.25" (line 116) vs p11 "212 … 3845.24" (line 192);
    # p12 财政拨款总表 "九、卫生健康支出 236.63 236.63" (line 220) vs p14 "210 卫生健康支出 236.64" (line 273).
    (f,) = _by_code(findings, "XT03")
    assert f.severity == "warning" and "另有 2 处" in f.message
    assert {e.line for e in f.evidence} == {114, 188, 116, 192, 220, 273}


def test_personnel_footer_is_one_hundredth_off(findings):
    # p16 "人员经费合计 4884.09" (line 359) against 301 工资福利支出 4816.14 + 303 对个人和家庭的补助 67.96 = 4884.10;
    # "公用经费合计 480.66" = 302 440.90 + 310 39.76 agrees.
    (f,) = _by_code(findings, "BL05")
    assert (f.severity, f.evidence[0].line, str(f.expected), str(f.found)) == ("warning", 359, "4884.09", "4884.10")


def test_the_text_errors(findings):
    # p24 line 494: "一般公共预算财政拨款基本支出 5377.64 万元" — 一般公共预算财政拨款支出决算表 prints 基本支出 合计
    # 5364.75 (p15 line 310; = 人员经费合计 4884.09 + 公用经费合计 480.66, p16). 5377.64 is 支出决算表's
    # 基本支出 of all funds (p10): the text gives the wider figure the narrower name.
    # p24 line 495: "其中：人员经费 4896.98 万元" — the table's 人员经费合计 is 4884.09 (p16 line 359), 12.89 less,
    # the same 12.89 as above.
    assert {(f.code, f.evidence[0].line, str(f.found), str(f.expected)) for f in findings if f.severity == "error"} == {
        ("NR01", 494, "5377.64", "5364.75"), ("NR01", 495, "4896.98", "4884.09"),
    }


def test_the_text_warnings(findings):
    warned = {(f.code, f.evidence[0].line) for f in findings if f.severity == "warning" and f.code.startswith("NR")}
    assert warned == {
        # line 417 "占本年支出合计的 99.86%": 9746.50 / 9759.38 = 99.868%, cut not rounded
        ("NR02", 417),
        # line 429 "完成年初预算的 95.45%": 9746.50 / 10210.34 = 95.457%, cut not rounded
        ("NR10", 429),
        # line 453 "机关事业单位退休人员活动费支出（项）": 类 208 prints no such 项 (its 0.88 is 2080599 其他行政事业单位养老支出)
        ("NR12", 453),
        # line 483 "其他国土资源事务支出（项）": the table's 2200199 is 其他自然资源事务支出
        ("NR12", 483),
        # lines 487, 491 "住房保障支出（款）住房公积金（项）", "…购房补贴（项）": their 款 is 22102 住房改革支出 (p15)
        ("NR12", 487), ("NR12", 491),
    }
    # Every other rate, comparison and amount of the 13 项 and the “三公” agrees (e.g. line 457: 40.35 / 42.73 = 94.43%).
    assert not [f for f in findings if f.code == "NR11"]


def test_no_error_the_tables_reconcile(findings):
    # 收入支出决算总表 balances: 本年收入合计 9746.50 + 年初结转和结余 112.88 = 总计 9859.38
    # = 本年支出合计 9759.38 + 年末结转和结余 100.00 (p7); 人员经费合计 4884.09 + 公用经费合计 480.66
    # = 5364.75 = 一般公共预算财政拨款支出决算表 合计 基本支出 (p15, line 310).
    assert not [f for f in findings if f.severity == "error" and f.code in ("BL01", "BL02", "BL04", "BL05", "XT01",
                                                                              "XT03")]


def test_blank_template_has_no_finding_above_info():
    fs = run_checks(parse_file(PDF / "shanghai-juesuan-template-2024.pdf"))
    assert [f for f in fs if f.severity != "info"] == []


def test_unit_labels(findings):
    # p7, above 收入支出决算总表: "上海市规划和自然资源局 2024 年度部门决算表" — the municipal bureau's name;
    # p26: "2024 年，上海市普陀区规划与自然资源局所属各预算单位…", "上海市普陀区规划与自然资源局 2024 年度无政府性
    # 基金预算…" and "…无国有资本经营…" (与 for 和).
    from lineage.read import read_document

    doc = read_document(PDF / "shanghai-putuo-guihuaziyuan-2024-juesuan.pdf")
    labels = {f.found_label: [doc.line(e.line) for e in f.evidence] for f in findings if f.code == "LB06"}
    assert set(labels) == {"上海市普陀区规划与自然资源局", "上海市规划和自然资源局 2024"}
    assert [(ln.page, "规划与自然资源局" in ln.norm) for ln in labels["上海市普陀区规划与自然资源局"]] == \
        [(26, True), (26, True), (26, True)]
    (heading,) = labels["上海市规划和自然资源局 2024"]
    assert heading.page == 7 and "上海市规划和自然资源局2024年度部门决算表" in heading.norm.replace(" ", "")
    assert all(f.severity == "warning" for f in findings if f.code == "LB06")
    # The evidence names the pages itself (the report prints 101@p7), as a table row's evidence does.
    assert sorted((e.line, e.page) for f in findings if f.code == "LB06" for e in f.evidence) == \
        sorted((ln.no, ln.page) for lines in labels.values() for ln in lines)
    assert {e.page for f in findings if f.code == "LB06" for e in f.evidence} == {7, 26}
