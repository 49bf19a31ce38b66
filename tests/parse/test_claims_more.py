"""Claims read from the explanation text of the more/ PDFs (other provinces, a central department).

Each expected value was read from the PDF page named in the comment (`pdftotext -layout -f P -l P`);
the line is the repo reader's line the figure is printed on. These phrasings were once left unread
("PA02 …: no subject is named before this figure").
"""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from lineage.parse.claims import read_claims
from lineage.read import read_document
from tests.parse.pdf_rows import PDF

MORE = PDF / "more"


@pytest.fixture(scope="module")
def read():
    cache: dict[str, tuple] = {}

    def get(name: str, year: int = 2026):
        if name not in cache:
            cache[name] = read_claims(read_document(MORE / name), year)
        return cache[name]

    return get


def at(found, line):
    claims, _ = found
    return [(c.kind, c.subject, c.value, c.unit) for c in claims if c.line == line]


def firsts(found, *lines):
    """The first claim printed at each line (an amount before the share or change that follows it)."""
    return [at(found, line)[0] for line in lines]


def read_lines(tmp_path, *lines):
    """The claims of a small text made of these lines and a closing 名词解释 part (line numbers from 1)."""
    text = tmp_path / "text.txt"
    text.write_text("\n".join(lines + ("第九部分 名词解释",)) + "\n", encoding="utf-8")
    return read_claims(read_document(text), 2026)


def unread(found, line):
    return [msg for ln, msg in found[1] if ln == line]


SUZHOU = "suzhou-shenji-2026.pdf"
FUZHOU = "fuzhou-gongan-zhiandui-2026-danwei.pdf"
CENTRAL = "central-guojia-xinfangju-2026.pdf"


def test_a_change_in_a_sentence_of_its_own_is_the_subject_stated_before(read):
    # 苏州 page 24: "(1)一般公共服务支出(类)支出2,906.63万元,主要用于审计事务。与上年相比减少17.08万元,减少0.58%。"
    found = read(SUZHOU)
    assert at(found, 495) == [("change", "function_name:一般公共服务支出", D("17.08"), "万元"),
                              ("change", "function_name:一般公共服务支出", D("0.58"), "%")]
    assert unread(found, 495) == []


def test_a_percentage_after_a_change_is_that_changes(read):
    # 苏州 page 26: "与上年相比,财政拨款收、支总计各增加47.15万元,增长1.02%" (lines 535–536) — and the 、
    # inside "收、支" ends no clause: "财政拨款收、支总预算4,651.67万元" (line 534)
    found = read(SUZHOU)
    assert at(found, 534) == [("amount", "fiscal_total", D("4651.67"), "万元")]
    assert at(found, 535) == [("change", "fiscal_total", D("47.15"), "万元")]
    assert at(found, 536) == [("change", "fiscal_total", D("1.02"), "%")]
    # "与上年相比,财政拨款支出增加47.15万元,增长1.02%" (lines 539–540)
    assert ("change", "fiscal_total", D("1.02"), "%") in at(found, 540)


def test_income_by_fund_and_carried_over_parts(read):
    # 苏州 page 24: "本年一般公共预算收入4,651.67万元,占100%;" … "上年结转结余的一般公共预算收入0万元,占0%;"
    found = read(SUZHOU)
    assert at(found, 508)[0] == ("amount", "source:一般公共预算拨款收入", D("4651.67"), "万元")
    assert at(found, 510)[0] == ("amount", "source:国有资本经营预算拨款收入", D("0"), "万元")
    assert at(found, 517)[0] == ("amount", "carryover:一般公共预算", D("0"), "万元")
    # page 25: "上年结转结余的单位资金0万元,占0%。" — a part of 上年结转, not the whole
    assert at(found, 523)[0] == ("amount", "carryover:单位资金", D("0"), "万元")
    # page 24: "2.年终结转结余为0万元。"
    assert at(found, 503) == [("amount", "carryforward", D("0"), "万元")]


def test_uses_of_the_expenditure_summary(read):
    # 苏州 page 25: "上缴上级支出0万元,占0%;" "对附属单位补助支出0万元,占0%。"
    assert firsts(read(SUZHOU), 529, 530) == [("amount", "use:上缴上级支出", D("0"), "万元"),
                                              ("amount", "use:对附属单位补助支出", D("0"), "万元")]


def test_meeting_and_training_fees_and_car_purchase(read):
    # 苏州 page 29: "(1)公务用车购置预算支出0万元" (line 608); "…培训费预算支出43万元,比上年预算减少21.73万元"
    found = read(SUZHOU)
    assert at(found, 608) == [("amount", "three_public.car_purchase", D("0"), "万元")]
    assert at(found, 617) == [("amount", "economic_name:培训费", D("43"), "万元"),
                              ("change", "economic_name:培训费", D("21.73"), "万元")]
    # 会议费 follows the 三公 but is no part of them
    claims, _ = found
    assert {c.scope for c in claims if c.subject == "economic_name:会议费"} == {None}


def test_procurement_parts_and_performance_money(read):
    # 苏州 page 30: "政府采购支出预算总额188.5万元,其中:拟采购货物支出5.5万元、拟采购工程支出0万元、拟采购服务支出183万元"
    found = read(SUZHOU)
    assert at(found, 633) == [("amount", "procurement.goods", D("5.5"), "万元"),
                              ("amount", "procurement.works", D("0"), "万元"),
                              ("amount", "procurement.services", D("183"), "万元")]
    claims, _ = found
    assert {c.scope for c in claims if c.line == 633} == {"procurement"}
    # "单价100万元(含)以上的设备0台(套)": a threshold, no figure
    assert at(found, 639) == [] and unread(found, 639) == []
    # "本部门整体支出纳入绩效目标管理,涉及财政性资金4,651.67万元;本部门共7个项目纳入绩效目标管理,涉及财政性资金合计339.5万元"
    assert at(found, 643) == [("amount", "performance_departments", D("4651.67"), "万元")]
    assert at(found, 644) == [("amount", "performance_projects", D("339.5"), "万元")]


def test_code_prefixed_items(read):
    # 福州 page 26: "(二)2080501-行政单位离退休227.72万元。" and "(一)204-公共安全支出1994.64万元。"
    found = read(FUZHOU)
    assert at(found, 413) == [("amount", "function:2080501", D("227.72"), "万元")]
    assert at(found, 407) == [("amount", "function:204", D("1994.64"), "万元")]
    # page 27: "(三)2080505-机关事业单位基本养老保险缴费支出188.72" / "万元。": a numbered line that ends in a
    # figure is no heading
    assert at(found, 416) == [("amount", "function:2080505", D("188.72"), "万元")]
    # page 27: "(一)人员经费2286.69万元,主要包括:基本工资、津贴"
    assert at(found, 434) == [("amount", "personnel", D("2286.69"), "万元")]


def test_expenditure_arranged_accordingly_is_the_whole_budget(read):
    # 福州 page 26: "相应安排支出预算2796.14万元,比上年增加129.07万元,增长4.84%"
    found = read(FUZHOU)
    assert at(found, 396) == [("amount", "expenditure_total", D("2796.14"), "万元"),
                              ("change", "expenditure_total", D("129.07"), "万元")]
    assert ("change", "expenditure_total", D("4.84"), "%") in at(found, 397)


def test_a_change_named_earlier_in_its_sentence(read):
    # 国家信访局 page 19: "…项级支出科目为2014099其他信访事务支出,2026年预算数3,623.98为万元,比2025年执行减少21,519.26
    # 万元,减少85.59%" — "3,623.98为万元" prints no unit after the figure, so the change names the 项 itself
    found = read(CENTRAL)
    assert at(found, 284) == [("change", "function:2014099", D("21519.26"), "万元")]
    assert at(found, 285) == [("change", "function:2014099", D("85.59"), "%")]
    # "主要是2014099其他信访事务支出,2026年预算数为3,623.98万元"
    assert at(found, 288) == [("amount", "function:2014099", D("3623.98"), "万元")]


def test_commissioned_services(read):
    # 国家信访局 page 25: "国家信访局2026年委托业务费财政拨款预算1,391.68万元,比2025年预算增加333.83万元,增长31.35%"
    found = read(CENTRAL)
    assert at(found, 406) == [("amount", "economic_name:委托业务费", D("1391.68"), "万元")]
    assert at(found, 407) == [("change", "economic_name:委托业务费", D("333.83"), "万元"),
                              ("change", "economic_name:委托业务费", D("31.35"), "%")]


def test_no_figure_of_the_three_left_unread(read):
    for name in (SUZHOU, FUZHOU):
        assert [p for p in read(name)[1] if "no subject" in p[1]] == [], name
    # 国家信访局 page 19: "…减幅55.76%,扣除中央基建后比2025年执行数增加2,775.6万元" — the change of a quantity the
    # text names only by what it leaves out: unread (it was once taken for the 一般公共预算当年拨款's own change)
    assert [ln for ln, msg in read(CENTRAL)[1] if "no subject" in msg] == [295]
    assert at(read(CENTRAL), 295) == []


XIAN = "xian-xinfang-2026.pdf"
SHENZHEN = "shenzhen-jiaotong-2026.pdf"
YANTAI = "yantai-renshe-2026.pdf"


def test_explanation_parts_named_otherwise_are_read(read):
    # 西安 "第二部分:部门预算收支情况说明" / "第三部分:其他重要事项说明", 深圳 "第二部分 部门预算收支总体情况" …
    # "第八部分 其他需要说明情况", 烟台 "2026年部门预算情况和重要事项说明": each document's text was skipped whole
    # page 9 (西安): "本部门当年一般公共预算支出2,838.42万元,其中:" / "1.行政运行(2014001)1,373.32万元,较上年增加41.86万元"
    xian = read(XIAN)
    assert at(xian, 91) == [("amount", "gp_total", D("2838.42"), "万元")]
    assert at(xian, 92) == [("amount", "function:2014001", D("1373.32"), "万元"),
                            ("change", "function:2014001", D("41.86"), "万元"),
                            ("change", "function:2014001", D("3.14"), "%")]
    # page 15: "本部门绩效目标管理全覆盖,涉及当年一般公共预算拨款2838.42万元"
    assert at(xian, 165) == [("amount", "performance_departments", D("2838.42"), "万元")]
    # 深圳 page 15: "…其中:货物类项目23.00万元、工程类项目0.00万元、服务类项目7,535.99万元。"
    assert at(read(SHENZHEN), 292) == [("amount", "procurement.works", D("0.00"), "万元"),
                                       ("amount", "procurement.services", D("7535.99"), "万元")]
    # 烟台 page 34: "委托业务费财政拨款预算为2,042.55万元,比上年预算2,920.59万元,减少878.04万元,下降30%"
    (change,) = [c for c in read(YANTAI)[0] if c.line == 713 and c.unit == "万元"]
    assert (change.subject, change.value, change.previous, change.direction) == (
        "economic_name:委托业务费", D("878.04"), D("2920.59"), "decrease")


def test_economic_class_codes_are_no_functional_codes(read):
    # 西安 page 11: "(3)对个人和家庭的补助(303)126.60万元" (部门预算支出经济分类) and page 12: "(4)对个人和家庭的补助
    # (509)126.60万元" (政府预算支出经济分类): two classifications, not one name with two 功能分类 codes
    assert firsts(read(XIAN), 120, 131) == [("amount", "economic_class:303", D("126.60"), "万元"),
                                            ("amount", "gov_economic_class:509", D("126.60"), "万元")]


def test_a_projects_money_is_no_document_figure(read):
    # 深圳 page 15: "深圳机场T2项目非民航专业工程初步设计评审项目支出304.16万元" — one project's, not 项目支出
    # page 12: "其他轨道交通管理经费135.50万元,上年结转项目196.50万元" — one item's carried-over projects, not 上年结转
    shenzhen = read(SHENZHEN)
    assert at(shenzhen, 287) == [] and at(shenzhen, 216) == []
    # the list under "(五)项目支出376,936.60万元,具体包括:" (page 11) is noted once, not figure by figure
    notes = [msg for ln, msg in shenzhen[1] if "single projects" in msg]
    assert len(notes) == 1 and notes[0].startswith("74 figures under 项目支出 (lines 184–288)")


def test_a_change_with_words_of_its_own_is_not_the_one_before(read):
    # 烟台 page 33: "上级补助收入增加113万元,使用非财政拨款结余减少193万元" and "…基本支出增加24.86万元,总体收支预算
    # 降低3303.14万元" (a unit's total, named by words the vocabulary does not know)
    yantai = read(YANTAI)
    assert at(yantai, 678) == [("change", "source:上级补助收入", D("113"), "万元"),
                               ("change", "source:使用非财政拨款结余", D("193"), "万元")]
    assert at(yantai, 689) == [] and [ln for ln, _ in yantai[1] if ln == 689] == [689]
    # page 33: "3.收支预算减少的主要原因,…三是市社保中心机关事业单位养老保险基金补助收支缺口资金减少3430万元": the
    # sentence names 收支预算 first, but the change's clause has words of its own
    assert at(yantai, 686) == []
    # page 33: "(三)增减变化情况:2026年收支预算191,394.79万元,比上年减少13,469.96万元,其中:"
    assert at(yantai, 674) == [("amount", "income_total", D("191394.79"), "万元")]
    assert at(yantai, 675) == [("change", "income_total", D("13469.96"), "万元")]


def test_a_wording_run_into_a_projects_name_is_that_projects(tmp_path):
    # 深圳 page 11 (lines 183–186) with its first project renamed "…运行经费": inside the list of projects the
    # wording is part of the project's name, not the document's 机关运行经费
    claims, problems = read_lines(tmp_path, "第三部分 部门预算支出具体情况", "(五)项目支出376,936.60万元,具体包括:",
                                  "1.上级下达资金4,167.70万元,主要用于中央及省转移支付项目。",
                                  "2.收费站运行经费2,573.40万元,主要用于收费站运营管理支出。")
    assert [(c.line, c.subject) for c in claims] == [(2, "project")]
    assert [msg for _, msg in problems] == [
        "2 figures under 项目支出 (lines 3–4) name single projects, not subjects of the tables: not compared"]


def test_shanghai_items_with_their_level_and_the_years_after():
    # 上海市普陀区司法局 2026 page 8: "1、公共安全支出(204类)司法(06款)行政运行(01项)1672.67万元。主要用于:行政单位的
    # 基本支出。2025年当年预算执行数为" / "1690.69万元,2026年预算安排1672.67万元,比2025年预算执行数减少1.07%。"
    claims, _ = read_claims(read_document(PDF / "shanghai-putuo-sifaju-2026-bumen.pdf"), 2026)
    assert [(c.line, c.kind, c.subject, c.value, c.year) for c in claims if c.line in (87, 88)] == [
        (87, "amount", "function:2040601", D("1672.67"), 2026),
        (88, "amount", "function:2040601", D("1690.69"), 2025),
        (88, "amount", "function:2040601", D("1672.67"), 2026),
        (88, "change", "function:2040601", D("1.07"), 2026)]


def test_a_part_about_the_unit_itself_is_no_explanation(tmp_path):
    # 深圳's part titles (page 2: "第一部分 部门概况", "第二部分 部门预算收支总体情况"), with the first printed as
    # other templates print it ("单位基本情况"): its figures describe the unit, not the budget
    claims, _ = read_lines(tmp_path, "第一部分 单位基本情况", "本单位收入预算较成立之初增长1,000.00万元。",
                           "第二部分 部门预算收支总体情况", "2026年深圳市交通运输局(本级)部门预算收入388,763.56万元。")
    assert [(c.line, c.subject, c.value) for c in claims] == [(4, "income_total", D("388763.56"))]
