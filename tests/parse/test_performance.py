"""Performance tables of the five seeds, read by hand from the documents (line numbers cited)."""

from decimal import Decimal as D

import pytest

from lineage.parse.locate import find_anchors
from lineage.parse.performance import read_performance
from lineage.read import read_document
from tests.conftest import seed_path


def perf_of(prefix):
    doc = read_document(seed_path(prefix))
    return read_performance(doc, find_anchors(doc))


@pytest.fixture(scope="module")
def seeds():
    return {p: perf_of(p) for p in ("000", "001", "002", "003", "004")}


def projects(table):
    return [(p.name, p.amount, len(p.indicators)) for p in table.projects]


def problem_lines(problems, needle):
    return [line for line, msg in problems if needle in msg]


# --- 000: flattened, scrambled, printed twice ---------------------------------------------

def test_000_table_printed_twice_second_copy_is_duplicate(seeds):
    perf, problems = seeds["000"]
    first, second = perf.tables
    # 776 header, 778 "470.70"; the same header and total again at 1307/1309
    assert (first.line, first.total) == (776, D("470.70"))
    assert (second.line, second.total, second.duplicate_of) == (1307, D("470.70"), 776)
    assert 1307 in problem_lines(problems, "printed a second time")


def test_000_projects_are_name_amount_goal_blocks_without_indicators(seeds):
    first = seeds["000"][0].tables[0]
    # name blocks followed by their amount: 858-864, 895-901, 909-912, 962-972, 1014-1020,
    # 1088-1094, 1132-1138, 1154-1157, 1169-1172, 1180-1188, 1200-1208, 1240-1243, 1259-1265
    assert [(n, a) for n, a, _ in projects(first)] == [
        ("四川省网络科普传播平台建设及应用", D("60.00")),
        ("中医药大会成果展示及科技对接服务", D("78.00")),
        ("四川科普发展情况研究", D("9.00")),
        ("面向川渝国际技术转移服务一体化协同的服务系统及应用", D("30.00")),
        ("四川省战略科技人才培养研究", D("12.00")),
        ("四川省科普与国际创新活动和项目管理", D("55.00")),
        ("中日科技服务创新合作研究等项目2023", D("44.98")),
        ("单位运转项目(不可细化)", D("40.00")),
        ("中医药大会科技对接服务", D("48.72")),
        ("成渝地区一带一路科技交流大会与技术转移服务", D("40.00")),
        ("四川省科技交流中心办公区厕所排污管道更换改造", D("23.00")),
        ("2023年院所基本科研业务费", D("17.00")),
        ("四川省科技交流中心办公设备购置建设", D("13.00")),
    ]
    # no project name block is followed by indicator lines: nothing may be attributed
    assert all(n == 0 for _, _, n in projects(first))
    # the goal printed right after 48.72 (1174-1178) ends at the short line "会场租赁等"
    assert first.projects[8].goal.endswith("会场租赁等")


def test_000_indicators_are_unattributed(seeds):
    first = seeds["000"][0].tables[0]
    # runs 780-816 (19 lines) and 1026-1084 (28 indicators, 1068-1072 wrapped over 3 lines)
    assert len(first.unattributed) == 19 + 28
    by_line = {i.line: i for i in first.unattributed}
    # 782: 产出指标 数量指标 参加培训人次 ≥ 500 人 20 正向指标
    i = by_line[782]
    assert (i.level1, i.level2, i.level3, i.operator, i.value, i.unit, i.weight, i.direction) == (
        "产出指标", "数量指标", "参加培训人次", "≥", "500", "人", D(20), "正向")
    # 1068-1072: name wrapped over two lines, value line "＝ 1 次 20"
    assert (by_line[1072].level3, by_line[1072].operator, by_line[1072].weight) == ("组织国际科技合作交流对接会场次", "=", D(20))
    # 1028: 保障单位正常运转 定性 100 % 10
    assert (by_line[1028].operator, by_line[1028].value, by_line[1028].unit) == ("定性", "100", "%")


def test_000_orphan_goal_is_reported(seeds):
    # 818-856: a goal (战略科技人才) printed before any name or amount
    assert 818 in problem_lines(seeds["000"][1], "text with no project")


# --- 001: flattened, wrapped names, continued on a second page ------------------------------

def test_001_projects(seeds):
    (table,) = seeds["001"][0].tables
    assert table.total == D("205.05")  # 1244: 214-县科协 205.05
    assert projects(table) == [
        ("定额公用经费（行政）", D("7.20"), 4),  # 1250-1253; indicators 1262, 1266-70, 1274, 1279-83
        ("定额公用经费（事业）", D("4.80"), 4),  # 1289-1292; 1300-04, 1310-14, 1318, 1322
        ("公务用车运行维护费", D("3.00"), 4),  # 1327-1330; 1339, 1344, 1349-53, 1357-61
        ("2024年科普专项工作经费", D("134.00"), 9),  # 1365-1368 + 1402-1405; 1387-95 (5), 1416-22 (4)
        ("2024年老科协专项工作经费", D("56.05"), 9),  # 1424-1430; 1462-1478
    ]
    assert table.projects[0].unit_name == "214001-渠县科学技术协会"  # 1246-1248
    # the project continues on the next page (1399-1414): goal text from both pages
    assert 1405 in table.projects[3].lines
    assert table.projects[3].goal.endswith("天府科技云服务工作专项")


def test_001_wrapped_direction_and_name(seeds):
    first = seeds["001"][0].tables[0].projects[0]
    # 1266-1272: 产出指标 质量指标 / 预算编制准确率… / ≤ 5 % 30 / 反向指 / 标
    ind = first.indicators[1]
    assert ind.level3 == "预算编制准确率(计算方法为:∣(执行数-预算数)/预算数∣)"
    assert (ind.operator, ind.value, ind.unit, ind.weight, ind.direction) == ("≤", "5", "%", D(30), "反向")
    assert first.indicators[2].direction == "正向"  # 1274-1277


def test_001_department(seeds):
    dept = seeds["001"][0].department
    # 987: 3671205.44 1770705.44 1770705.44 1900500.00 1900500.00, in 元 (978)
    assert dept.total == D("3671205.44") and dept.split_unit == "元"
    assert dept.split == {"基本支出": D("1770705.44"), "项目支出": D("1900500.00")}
    # tasks 997, 1015, 1047, 1067; indicators 1100-1227: 27 of them
    assert [t.line for t in dept.tasks] == [997, 1015, 1047, 1067]
    assert len(dept.indicators) == 27
    # 1214-1217: 满意度指 / 标 / 服务对象满意度指标 受益对象满意度 ≥ 95 % 15
    last_but_two = dept.indicators[-3]
    assert (last_but_two.level1, last_but_two.level2, last_but_two.level3, last_but_two.weight) == (
        "满意度指标", "服务对象满意度指标", "受益对象满意度", D(15))
    assert sum(i.weight for i in dept.indicators) == D(90)  # the printed weights add up to 90, not 100


# --- 002: TSV, one project, rows shifting columns ----------------------------------------

def test_002_project_and_shifted_rows(seeds):
    (table,) = seeds["002"][0].tables
    assert projects(table) == [("科普专项经费", D("150.00"), 38)]  # 434-471
    inds = {i.line: i for i in table.projects[0].indicators}
    # 448: 时效指标 printed in the 一级 column; 一级 repeats 产出指标 from above
    assert (inds[448].level1, inds[448].level2, inds[448].level3) == ("产出指标", "时效指标", "科普活动完成及时性")
    assert inds[448].inherited == ["level1"]
    # 452: weight 7 printed in the unit column of a 定性 row
    assert (inds[452].operator, inds[452].value, inds[452].unit, inds[452].weight) == ("定性", "优良中低差", None, D(7))
    # 460: name in the 单位名称 column, weight three columns right; levels repeat 成本指标/经济成本指标
    i = inds[460]
    assert (i.level1, i.level2, i.level3, i.operator, i.value, i.unit, i.weight) == (
        "成本指标", "经济成本指标", "服务科技创新企业成本", "≤", "10", "万元", D(2))
    assert sum(i.weight for i in table.projects[0].indicators) == D(90)


def test_002_department(seeds):
    perf, problems = seeds["002"]
    dept = perf.department
    assert (dept.total, dept.split) == (D("350.22"), {"财政拨款": D("350.22"), "其他资金": D("0.00")})  # 485-486
    assert len(dept.tasks) == 6  # 479-484
    assert len(dept.indicators) == 38  # 489-526
    # 489: "=12场次" glued in one cell
    first = dept.indicators[0]
    assert (first.operator, first.value, first.unit) == ("=", "12", "场次")
    # 502: two second-level names (质量指标, 时效指标) on one row: reported, not guessed
    assert 502 in problem_lines(problems, "cannot be placed")
    assert dept.indicators[13].level2 is None


# --- 003: TSV with codes, wraps across page breaks ----------------------------------------

EXPECTED_003 = [
    # (code, amount, indicators, first line) — 447-615
    ("51340022T000000278902", D("12.00"), 7, 447),  # 447-452, 455
    ("51340022T000000278903", D("12.00"), 7, 456),  # 456-460, 463-464
    ("51340022T000000278904", D("12.00"), 7, 465),  # 465-468, 471-473
    ("51340022T000000278905", D("14.57"), 7, 474),  # 474-476, 478-481
    ("51340022T000000278908", D("128.00"), 7, 482),  # 482-484, 486-489
    ("51340023T000009491998", D("25.00"), 7, 490),  # 490-491, 493-497
    ("51340023Y000007909602", D("2.80"), 7, 501),
    ("51340024R000010184587", D("153.72"), 2, 508),  # 508, 510
    ("51340024R000010184871", D("33.88"), 2, 511),
    ("51340024R000010188283", D("20.35"), 2, 513),
    ("51340024R000010188546", D("23.00"), 2, 515),
    ("51340024R000010188820", D("53.92"), 2, 518),
    ("51340024R000010189088", D("21.91"), 2, 520),
    ("51340024R000010189892", D("11.33"), 2, 522),
    ("51340024R000010190962", D("53.53"), 2, 524),  # 524, 526
    ("51340024R000010191316", D("2.18"), 2, 527),
    ("51340024R000010193215", D("3.54"), 2, 529),
    ("51340024R000010721449", D("17.21"), 2, 531),
    ("51340024R000010721454", D("2.21"), 2, 534),
    ("51340024R000010721466", D("17.86"), 2, 536),
    ("51340024R000010721470", D("0.38"), 2, 538),
    ("51340024T000010558143", D("50.00"), 7, 540),  # 540-542, 545-548
    ("51340024T000010581447", D("25.00"), 7, 550),  # 550-555, 557
    ("51340024Y000010282374", D("13.20"), 4, 558),
    ("51340024Y000010282596", D("6.00"), 4, 562),  # 562-563, 565-566
    ("51340024Y000010282983", D("9.70"), 4, 567),
    ("51340024Y000010283058", D("14.44"), 4, 571),
    ("51340024Y000010283360", D("4.02"), 4, 576),
    ("51340024Y000010284429", D("1.26"), 4, 582),
    ("51340024Y000010284485", D("0.45"), 4, 586),
    ("51340024Y000010284569", D("3.73"), 4, 592),
    ("51340024Y000010284590", D("0.16"), 4, 597),
    (None, D("3.56"), 4, 601),  # amount with no code or name, 601-604
    ("51340024Y000010284631", D("3.56"), 5, 605),  # 605-608 and the repeated 611
    ("51340024Y000010284644", D("0.81"), 4, 612),
]


def test_003_projects(seeds):
    perf, problems = seeds["003"]
    (table,) = perf.tables
    assert table.total == D("753.70")  # 446
    assert [(p.code, p.amount, len(p.indicators), p.line) for p in table.projects] == EXPECTED_003
    assert table.projects[0].name == "学术交流业务经费" and table.projects[0].unit_name == "229001-凉山州科学技术协会"
    assert 601 in problem_lines(problems, "without a project code or name")
    assert 601 in problem_lines(problems, "probably printed twice")
    assert 611 in problem_lines(problems, "repeats the row at line 608")


def test_003_wraps_across_page_breaks(seeds):
    projects_ = seeds["003"][0].tables[0].projects
    by_line = {i.line: i for p in projects_ for i in p.indicators}
    # 460 + 462: the name continues after the page break
    assert by_line[460].level3 == "发挥老科技工作者长期积累的科技知识所长，继续为科普宣传、党建工作、乡村振兴等服务"
    # 468 + 470: the value continues
    assert by_line[468].value.endswith("培养他们科技创新精神和实践能力。")
    # 542 + 544: name and value both continue
    assert (by_line[542].level3, by_line[542].value) == ("科创会完成时间", "年度1-5月")
    # 492-499: goal lines after the page break join the goal of 天府科技云服务项目 (490)
    assert projects_[5].goal.endswith("为党和政府科学决策服务,为凉山经济社会发展服务的最终目的。")
    assert 499 in projects_[5].lines
    # 453-455: the goal of 447 continues; 478: goal fragment and an indicator on one line
    assert "全州乡村振兴" in projects_[3].goal and by_line[478].level1 == "效益指标"


def test_003_personnel_indicator(seeds):
    p = seeds["003"][0].tables[0].projects[7]  # 508-510
    i = p.indicators[0]
    assert (i.level1, i.level2, i.level3, i.operator, i.value, i.unit, i.weight, i.direction) == (
        "产出指标", "数量指标", "发放（缴纳）覆盖率", "=", "100", "%", D(60), "正向")


def test_003_department(seeds):
    dept = seeds["003"][0].department
    # 626-627: 300.569 / 300.569 / 0.00 — not the 753.70 of the project table
    assert (dept.total, dept.split) == (D("300.569"), {"财政拨款": D("300.569"), "其他资金": D("0.00")})
    assert len(dept.tasks) == 15  # 630-646
    assert len(dept.indicators) == 6  # 648-653
    assert sum(i.weight for i in dept.indicators) == D(90)
    assert dept.indicators[-1].value == "300.569"


# --- 004: municipal layout ---------------------------------------------------------------

def test_004_projects_and_special_fund(seeds):
    perf, _ = seeds["004"]
    special, project = perf.tables
    assert special.kind == "special_fund_performance" and special.empty  # 290: 故此表无数据
    assert projects(project) == [  # 301-328
        ("服务创新驱动发展", D("364.00"), 6),
        ("提升科协系统能力", D("479.62"), 5),
        ("服务科技工作者", D("1737.20"), 5),
        ("服务公民科学素质提升", D("5440.18"), 6),
        ("服务科学决策咨询", D("146.00"), 4),
    ]
    assert all(sum(i.weight for i in p.indicators) == 100 for p in project.projects)
    q = project.projects[1].indicators[0]  # 307: 保障专项任务完成 定性 是 无 40
    assert (q.operator, q.value, q.unit, q.weight) == ("定性", "是", "无", D(40))


def test_004_department(seeds):
    dept = seeds["004"][0].department
    assert dept.total is None  # 表十 prints no amounts
    assert len(dept.indicators) == 13  # 261-268, 271-275
    assert [i.core for i in dept.indicators].count(True) == 7
    assert sum(i.weight for i in dept.indicators) == 100


# --- bad input -----------------------------------------------------------------------------

HEADER = "单位名称\t项目名称\t预算数\t年度目标\t一级指标\t二级指标\t三级指标\t指标性质\t指标值\t度量单位\t权重\t指标方向性"


def perf_from(tmp_path, body):
    path = tmp_path / "t.txt"
    path.write_text("部门项目支出绩效目标表（2024年度）\n\n" + HEADER + "\n" + body, encoding="utf-8")
    return perf_of_path(path)


def perf_of_path(path):
    doc = read_document(path)
    return read_performance(doc, find_anchors(doc))


def test_indicator_without_value_is_a_problem(tmp_path):
    perf, problems = perf_from(tmp_path, (
        "甲单位\t培训项目\t10.00\t开展培训\t产出指标\t数量指标\t培训人数\t≥\t\t人\t10\t正向指标\n"
        "\t\t\t\t\t质量指标\t合格率\t=\t100\t%\t20\t\n"
    ))
    (p,) = perf.tables[0].projects
    assert len(p.indicators) == 2 and p.indicators[0].value is None and p.indicators[0].unit == "人"
    assert problem_lines(problems, "no value") == [4]


def test_table_cut_off_mid_row_is_a_problem(tmp_path):
    perf, problems = perf_from(tmp_path, (
        "甲单位\t培训项目\t10.00\t开展培训\t产出指标\t数量指标\t培训人数\t≥\t30\t人\t10\t\n"
        "甲单位\t宣传项目\t5.00\t开展宣传\t产出指标\t数量指标\t宣传次数\t≥"
    ))
    amounts = [(p.name, p.amount) for p in perf.tables[0].projects]
    assert amounts == [("培训项目", D("10.00")), ("宣传项目", D("5.00"))]
    assert 5 in problem_lines(problems, "no value") and 5 in problem_lines(problems, "no weight")


def test_flat_table_cut_off_after_an_amount(tmp_path):
    path = tmp_path / "f.txt"
    path.write_text(
        "部门预算项目绩效目标表（2024年度）\n单位名称 项目名称 预算数 年度目标 一级指标 二级指标 三级指标 指标性质 指标值 度量单位 权重\n"
        "培训项目\n10.00\n开展培训。\n产出指标 数量指标 培训人数 ≥\n宣传项目\n5.00\n", encoding="utf-8")
    perf, problems = perf_of_path(path)
    names = [(p.name, len(p.indicators)) for p in perf.tables[0].projects]
    assert names == [("培训项目", 1), ("宣传项目", 0)]
    assert 6 in problem_lines(problems, "no value")
    assert 7 in problem_lines(problems, "no indicator printed")
