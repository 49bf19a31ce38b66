"""Project performance cards (one 绩效目标表 per project) in the more/ PDFs: levels, names, values, goals.

Expected values are read from the PDF (`pdftotext -layout -f P -l P FILE -`, and the page rendered with
pdftoppm where the layout text cannot show a cell's extent), page numbers as the PDF counts them.
"""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from lineage.parse.locate import find_anchors
from lineage.parse.performance import read_performance
from lineage.read import read_document
from lineage.read.pdf import Page, Word
from lineage.read.text import Document, Line
from tests.parse.pdf_rows import PDF

MORE = PDF / "more"


def perf_of(path):
    doc = read_document(path)
    return read_performance(doc, find_anchors(doc))


def rows(project):
    return [(i.level1, i.level2, i.level3, i.operator, i.value, i.unit, i.weight) for i in project.indicators]


@pytest.fixture(scope="module")
def xinfangju():
    return perf_of(MORE / "central-guojia-xinfangju-2026.pdf")[0]


@pytest.fixture(scope="module")
def xian():
    return perf_of(MORE / "xian-xinfang-2026.pdf")[0]


def test_level_cells_printed_one_character_a_line(xinfangju):
    # Page 31 (信访综合保障经费绩效目标表): the 一级 cells print "成本 / 指标", "产 / 出 / 指 / 标" (beside the
    # row label 绩/效/指/标), "效益 / 指标", "满意度 / 指标"; the 二级 cells "经济成本指 / 标", "数量指标",
    # "质量指标", "社会效益指 / 标", "生态效益指 / 标", "服务对象 / 满意度指标".
    project = xinfangju.tables[0].projects[1]
    assert project.name == "信访综合保障经费" and project.amount == D("2706.79")
    assert rows(project) == [
        ("成本指标", "经济成本指标", "项目成本控制", "≤", "2706.79", "万元", D(20)),
        ("产出指标", "数量指标", "指导出台信访业务规范性文件", "≥", "1", "本", D(8)),
        ("产出指标", "数量指标", "舆情报告报送量", "≥", "55", "期", D(8)),
        ("产出指标", "数量指标", "《人民信访》发行量", None, "720000", "册", D(8)),
        ("产出指标", "数量指标", "形成的研究成果数", "≥", "38", "个", D(8)),
        ("产出指标", "质量指标", "购买货物一次性验收通过率", "≥", "95", "%", D(4)),
        ("产出指标", "质量指标", "接访和办公运行事故次数", "≤", "1", "次", D(4)),
        ("效益指标", "社会效益指标", "接访环境", None, "明显改善", None, D(10)),
        ("效益指标", "社会效益指标", "信访工作法治化水平", None, "持续提升", None, D(5)),
        ("效益指标", "生态效益指标", "绿色节能环保产品购置率", "≥", "100", "%", D(5)),
        ("满意度指标", "服务对象满意度指标", "舆情对信访正面中性评价占比", "≥", "85", "%", D(10)),
    ]
    # the 分值 column adds up to the header's "(90)"
    assert sum(i.weight for i in project.indicators) == 90


def test_names_wrapped_around_their_value(xinfangju):
    # Page 32 (信访业务培训): "培养实践锻炼、跟班学习 / ≥110 人 6 / 干部人数" and "信访系统干部整体素质和 / 有所提高 20 /
    # 业务能力"; 一级 "产 / 出 / 指 / 标" over 数量/质量/时效 rows, "效益 / 指标" over the 社会效益指标 row.
    project = xinfangju.tables[0].projects[2]
    got = rows(project)
    assert got[2] == ("产出指标", "数量指标", "培养实践锻炼、跟班学习干部人数", "≥", "110", "人", D(6))
    assert got[6] == ("产出指标", "时效指标", "培训计划按期完成率", None, "100", "%", D(8))
    assert got[7] == ("效益指标", "社会效益指标", "信访系统干部整体素质和业务能力", None, "有所提高", None, D(20))
    assert [i.level1 for i in project.indicators] == ["成本指标"] + ["产出指标"] * 6 + ["效益指标", "满意度指标"]


def test_goal_beside_a_label_printed_one_character_a_line(xinfangju):
    # Page 32: "年 / 度 / 总 / 体 / 目 / 标" down the left, beside "1.分级分类抓好信访系统干部培训，提升队伍整体素质。
    # 2.做好两期中央单位实践锻炼干部的培训，切实做到挂有所获、挂有所得。3.培养锻炼地方信访业务骨干，进一步坚定理想
    # 信念，提升干部业务能力。"
    goal = xinfangju.tables[0].projects[2].goal
    assert goal.startswith("1.分级分类抓好信访系统干部培训")
    assert goal.endswith("3.培养锻炼地方信访业务骨干,进一步坚定理想信念,提升干部业务能力。")
    # Page 30: the goal's six points run from "1.加强对信访信息系统…" to "…全面提高网络安全保障工作水平。"
    first = xinfangju.tables[0].projects[0].goal
    assert first.startswith("1.加强对信访信息系统应用工作的指导和部署") and first.endswith("全面提高网络安全保障工作水平。")


def test_goal_of_several_lines_beside_a_one_word_label():
    # 福州 page 30 (民警法定工作日之外加班补贴): "年度目标" printed centred beside two lines "根据闽人社文[2017]309 号，
    # 月人均 710 元，按 2024 年 8 月在职在编公 / 安干警人数 66 测算，年末根据考勤情况据实结算。" (only the label's own
    # line, which prints no text, was read before: no goal).
    perf, _ = perf_of(MORE / "fuzhou-gongan-zhiandui-2026-danwei.pdf")
    second = perf.tables[0].projects[1]
    assert second.goal == "根据闽人社文[2017]309号,月人均710元,按2024年8月在职在编公安干警人数66测算,年末根据考勤情况据实结算。"


def test_name_left_aligned_under_a_centred_header(xian):
    # Page 33 (表14 部门专项业务经费绩效目标表, 接待中心安保服务): the 三级指标 header is centred in a wide cell, the
    # names start at its left edge: "成本指标 | 经济成本 | 保安服务年度总费用 | ≤50万元 | 10". The 质量指标 cell holds
    # two names over two lines and the value cell "≤1次； / ≤1次", weight 18. The rendered page shows the 一级
    # cell beside 社会效益指标 and 生态效益指标 printed blank: no 一级 is read there, none inherited.
    (project,) = xian.tables[0].projects
    assert (project.name, project.amount) == ("接待中心安保服务", D("50.00"))
    assert rows(project) == [
        ("成本指标", "经济成本", "保安服务年度总费用", "≤", "50", "万元", D(10)),
        ("产出指标", "数量指标", "保安服务人数", None, "15", "人", D(10)),
        ("产出指标", "质量指标", "中心大厅因安保不到位引起影响到工作秩序的事件每年不超过次数;出现消防、治安等安全问题不得超过次数",
         "≤", "1", "次;≤1次", D(18)),
        ("产出指标", "时效指标", "保安维护市信访接待大厅正常工作秩序和安全有序的工作环境", None, "1", "年", D(12)),
        (None, "社会效益指标", "保安维护中心大厅正常工作秩序和安全有序的工作环境", None, "长期", None, D(20)),
        (None, "生态效益指标", "项目发挥作用的可持续性", None, "1", "年", D(10)),
        ("满意度指标", "服务对象满意度指标", "中心工作人员满意率", "≥", "90", "%", D(10)),
    ]
    assert not any(i.inherited for i in project.indicators)
    # "年 / 度 / 目 / 标" beside "1、中心大门口秩序及大厅内人员、物品和秩序的控制；… 5、紧急疏散方案的制定及演习。"
    assert project.goal.startswith("1、中心大门口秩序") and project.goal.endswith("5、紧急疏散方案的制定及演习。")


def test_value_wrapped_inside_its_cell(xian):
    # Page 37 (法律顾问服务): "合同、文件审查完成时间 | ≤5个工 / 作日 | 8"; "社会效益指 / 标 | 单位法治意识提升程度，
    # 更好的依法行政，防范行政法律风险，提升 / 工作效果 | 长期 | 20"; "可持续影响 / 指标"; "服务对象满 / 意度 / 指标".
    (project,) = xian.tables[4].projects
    assert project.name == "法律顾问服务"
    got = rows(project)
    assert len(got) == 9
    assert got[5] == ("产出指标", "时效指标", "合同、文件审查完成时间", "≤", "5", "个工作日", D(8))
    assert got[6] == ("效益指标", "社会效益指标", "单位法治意识提升程度,更好的依法行政,防范行政法律风险,提升工作效果",
                      None, "长期", None, D(20))
    assert got[7][:3] == ("效益指标", "可持续影响指标", "单位依托法律顾问,持续完善内部法治工作事项")
    assert got[8] == ("满意度指标", "服务对象满意度指标", "服务对象满意率", "≥", "95", "%", D(10))
    # every card of 表14 gives 90 points to its indicators ("分值权重（90分）", 10 to 执行率)
    assert all(sum(i.weight for i in t.projects[0].indicators) == 90 for t in xian.tables[:9])


def test_department_card(xian):
    # Page 42 (表15 部门整体支出绩效目标表): tasks "保运转 | 保障人员薪酬等基本支出 | 1932.81 | 1932.81", "信访业务统筹实施",
    # "信访矛盾多元化解", "驻京信访工作开展 | 负责进京信访信息预警、现场接访劝返、京地联动及 / 重大会议活动信访保障。 | 256",
    # "信访运转服务保障", "代管事务经办"; "金额合计 2838.42 2838.42" under 预算金额（万元） 总额 / 财政拨款 / 其他资金;
    # "年度 / 总体 / 目标" beside "2026年，西安市信访局以党的二十届四中全会精神为指引，… 提供坚实信访保障。"; the grid
    # "成本指标 经济成本 信访事务业务经费支出（万元/年） ≤443.62 8", …, "时效指标 信访事项办结时限（日） ≦60 6", …,
    # "满意度指标 服务对象满意度指标 信访事项办理群众满意度 ≥95% 10": 14 indicators, 分值 90.
    dept = xian.department
    assert [t.name for t in dept.tasks] == ["保运转", "信访业务统筹实施", "信访矛盾多元化解", "驻京信访工作开展",
                                            "信访运转服务保障", "代管事务经办"]
    assert dept.tasks[0].content == "保障人员薪酬等基本支出"
    assert dept.tasks[3].content == "负责进京信访信息预警、现场接访劝返、京地联动及重大会议活动信访保障。"
    assert (dept.total, dept.split, dept.split_unit) == (D("2838.42"), {"财政拨款": D("2838.42")}, "万元")
    assert dept.goal.startswith("2026年,西安市信访局以党的二十届四中全会精神为指引") and dept.goal.endswith("提供坚实信访保障。")
    inds = dept.indicators
    assert len(inds) == 14 and sum(i.weight for i in inds) == 90
    assert (inds[0].level1, inds[0].level2, inds[0].level3, inds[0].operator, inds[0].value, inds[0].weight) == (
        "成本指标", "经济成本", "信访事务业务经费支出(万元/年)", "≤", "443.62", D(8))
    assert (inds[9].level3, inds[9].operator, inds[9].value) == ("信访事项办结时限(日)", "≤", "60")  # "≦60"
    assert (inds[-1].level1, inds[-1].level2, inds[-1].value, inds[-1].unit) == ("满意度指标", "服务对象满意度指标", "95", "%")


def test_blank_form_is_an_empty_table(xian):
    # Page 43 (表16 专项资金总体绩效目标表): the form's labels and the grid's level names, no project, amount or value.
    special = xian.tables[-1]
    assert (special.kind, special.empty, special.projects) == ("special_fund_performance", True, [])


@pytest.fixture(scope="module")
def yantai():
    return perf_of(MORE / "yantai-renshe-2026.pdf")[0]


def test_title_lines_printed_over_each_other(yantai):
    # Page 45 prints the heading "（三）部门预算项目绩效目标表" and the card's title "政策和项目预算绩效目标表" in a
    # large font, overlapping in height: the extractor reads one line "（三）部门预算项目政绩策效和目项标目表预算绩效
    # 目标表". It is the 项目 heading, not an unknown table that ends the cards: pages 45-68 hold 19 more cards.
    from lineage.parse.locate import find_anchors

    doc = read_document(MORE / "yantai-renshe-2026.pdf")
    (a,) = [a for a in find_anchors(doc) if doc.line(a.line).page == 45 and a.title.startswith("部门预算")]
    assert (a.kind, a.title, a.unknown) == ("project_performance", "部门预算项目绩效目标表", False)
    (t,) = yantai.tables
    names = [p.name for p in t.projects]
    assert len(names) == 28 and names[9] == "实施公车统管费用" and names[-1] == "市属困难改制企业职工煤暖投资补助"
    # Page 45: "项目名称 实施公车统管费用", "年度预算资金总额： 25.00"; "绩效指标 成本指标 经济成本 实施公车统管总费用
    # ≤26万元"; "车辆使用申请审批流程合规 / 率 =100%"; "服务对象满意度 / 指标  对车辆使用满意度 ≥96%"
    card = t.projects[9]
    assert card.amount == D("25.00") and len(card.indicators) == 12
    got = [(i.level1, i.level2, i.level3, i.operator, i.value, i.unit) for i in card.indicators]
    assert got[0] == ("成本指标", "经济成本", "实施公车统管总费用", "≤", "26", "万元")
    assert got[4] == ("产出指标", "质量指标", "车辆使用申请审批流程合规率", "=", "100", "%")
    assert got[-1] == ("满意度指标", "服务对象满意度指标", "对车辆使用满意度", "≥", "96", "%")
    assert card.goal.startswith("公务用车出行主要指因调研") and card.goal.endswith("提倡绿色出行,节约用车。")


def test_grid_continued_on_the_next_page(yantai):
    # 人力资源社会保障工作经费 (page 47) continues on page 48 under the title printed again ("政策和项目预算绩效目标表 /
    # (2026年度) / 政策和项目预算绩效目标表") and no header: "组织召开事业单位面试公开 / ≥3场 / 招考、三支一扶、遴选场次",
    # …, last "人力资源管理专业高级职称 / 评审参评人员所在单位满意 ≥90% / 度" under 满意度指标.
    card = next(p for p in yantai.tables[0].projects if p.name == "人力资源社会保障工作经费")
    on_48 = [i for i in card.indicators if i.line >= 1193]
    assert len(on_48) == 17
    assert (on_48[0].level1, on_48[0].level2, on_48[0].level3, on_48[0].value, on_48[0].unit) == (
        "产出指标", "数量指标", "组织召开事业单位面试公开招考、三支一扶、遴选场次", "3", "场")
    assert (on_48[-1].level1, on_48[-1].level3, on_48[-1].value) == (
        "满意度指标", "人力资源管理专业高级职称评审参评人员所在单位满意度", "90")


def test_key_project_goals_without_indicators():
    # Page 17 (第七部分 重点项目预算绩效情况说明): "2026年，本单位重点项目绩效目标情况如下：" and an untitled table
    # "二级预算单位名称 | 一级项目名称 | 预算数（万元） | 绩效目标": "深圳市交通运输局 （本级） | 管养维护项目 | 2,573.40 |
    # 保持盐坝高速坝光收费站、…", the goal running on to page 18 ("…发挥主通道对大件运输物流服务的支撑作用。"),
    # then "备注：无。". No indicator is printed: the project is read and flagged as a goal without indicators.
    perf, problems = perf_of(MORE / "shenzhen-jiaotong-2026.pdf")
    (t,) = perf.tables
    (p,) = t.projects
    assert (p.name, p.unit_name, p.amount, p.indicators) == ("管养维护项目", "深圳市交通运输局(本级)", D("2573.40"), [])
    assert p.goal.startswith("保持盐坝高速坝光收费站、清平二期秀峰收费站") and p.goal.endswith("对大件运输物流服务的支撑作用。")
    assert t.selection  # a choice of projects: XT02 compares its sum with no table
    assert [line for line, msg in problems if "no indicator" in msg] == [p.line]


# --- a grid without rules: the vocabulary joins a level cell printed one character a line ----------------

def _doc(rows_):
    """A one-page PDF-like document from (text, x0, y) words, one line per distinct y; no rules drawn."""
    doc = Document("synthetic.pdf", "0", "pdf")
    page = Page(1, 600, 800)
    for y in sorted({y for _, _, y in rows_}):
        no = len(doc.lines) + 1
        words = sorted((w for w in rows_ if w[2] == y), key=lambda w: w[1])
        for text, x0, _ in words:
            page.words.append(Word(text, x0, x0 + 11 * len(text), y, y + 10, no))
        text = " ".join(t for t, _, _ in words)
        doc.lines.append(Line(no, text, text, page=1))
    page.lines = (1, len(doc.lines))
    doc.pages.append(page)
    return doc


def test_unruled_grid_joins_wrapped_level_names():
    from lineage.parse.performance_grid import read_grid

    doc = _doc([
        ("一级指标", 100, 100), ("二级指标", 170, 100), ("三级指标", 260, 100), ("指标值", 400, 100),
        ("产", 110, 120), ("数量指标", 170, 120), ("培训人数", 260, 120), ("≥30人", 400, 120),
        ("出", 110, 135),
        ("指", 110, 150), ("质量指标", 170, 150), ("合格率", 260, 150), ("≥95%", 400, 150),
        ("标", 110, 165),
        ("效益", 105, 185), ("社会效益指", 165, 185), ("知晓率", 260, 190), ("≥90%", 400, 190),
        ("指标", 105, 197), ("标", 185, 197),
    ])
    got = [(i.level1, i.level2, i.level3, i.value) for i in read_grid(doc, 1, len(doc.lines) + 1)]
    assert got == [("产出指标", "数量指标", "培训人数", "30"), ("产出指标", "质量指标", "合格率", "95"),
                   ("效益指标", "社会效益指标", "知晓率", "90")]
