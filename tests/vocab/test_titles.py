"""Table recognition by title: every table of the Shanghai sets, the seeds' titles, unknown titles.

The titles are copied from the documents (page numbers of the PDFs in
data/pdf, the same files as ../shared/pdf); the expected kinds come from what
each table prints, read on those pages.
"""

import pytest

from lineage.vocab import kind_of_title, read_title, spec

# shanghai-putuo-sifaju-2026-bumen.pdf: table titles on pages 10–21, 目录 on page 2.
SIFAJU_2026 = [
    ("2026年部门财务收支预算总表", "income_expenditure_summary"),  # p10, two-sided 本年收入/本年支出
    ("2026年部门收入预算总表", "income_summary"),  # p11
    ("2026年部门支出预算总表", "expenditure_summary"),  # p12
    ("2026年部门财政拨款收支预算总表", "fiscal_summary"),  # p14
    ("2026年部门一般公共预算支出功能分类预算表", "gp_by_function"),  # p15
    ("2026年部门政府性基金预算支出功能分类预算表", "fund_by_function"),  # p17, empty
    ("2026年部门国有资本经营预算支出功能分类预算表", "soe_by_function"),  # p18, empty
    ("2026年部门一般公共预算基本支出部门预算经济分类预算表", "gp_basic_by_economic"),  # p19
    ("2026年部门“三公”经费和机关运行经费预算表", "gp_three_public"),  # p21, 单位:万元
]

# shanghai-juesuan-template-2024.pdf: the 部门决算 set, pages 5–14 (目录 on page 2).
JUESUAN_TEMPLATE = [
    ("收入支出决算总表", "actual_income_expenditure_summary"),
    ("收入决算表", "actual_income_summary"),
    ("支出决算表", "actual_expenditure_summary"),
    ("财政拨款收入支出决算总表", "actual_fiscal_summary"),
    ("一般公共预算财政拨款支出决算表", "actual_gp_by_function"),
    ("一般公共预算财政拨款基本支出决算表", "actual_gp_basic_by_economic"),
    ("财政拨款“三公”经费支出决算表", "actual_three_public"),
    ("政府性基金预算财政拨款收入支出决算表", "actual_fund"),
    ("国有资本经营预算财政拨款收入支出决算表", "actual_soe"),
]


@pytest.mark.parametrize("title,kind", SIFAJU_2026 + JUESUAN_TEMPLATE)
def test_shanghai_titles(title, kind):
    assert kind_of_title(title) == kind
    # The same titles in the 万里 2025 budget, and with 部门/单位/预算单位 prefixes and no year.
    for variant in (title.replace("2026", "2025"), title.replace("2026年部门", "单位"),
                    title.replace("2026年部门", "预算单位"), title.replace("2026年部门", "")):
        assert kind_of_title(variant) == kind, variant


@pytest.mark.parametrize("line,kind,number", [
    # sifaju p2 目录: numbers only here, dotted leaders, "4．" full-width point.
    ("1. 2026年部门财务收支预算总表 ……………………………………", "income_expenditure_summary", "1"),
    ("4．2026年部门财政拨款收支预算总表 …………………………………", "fiscal_summary", "4"),
    ("9．2026年部门“三公”经费和机关运行经费预算表 ………………………", "gp_three_public", "9"),
    # juesuan template p2 目录: "七、财政拨款“三公”经费支出决算表", no leaders.
    ("七、财政拨款“三公”经费支出决算表", "actual_three_public", "七"),
])
def test_contents_lines(line, kind, number):
    from lineage.read.text import normalise

    t = read_title(normalise(line))
    assert (t.kind, t.ordinal) == (kind, number)
    assert t.leader == ("…" in line)


@pytest.mark.parametrize("line,kind,number", [
    ("表一", None, "一"),  # 004 line 65
    ("重庆市科学技术协会财政拨款“三公”经费支出表", "gp_three_public", None),  # 004 line 178
    ("2024 年市级一般性项目绩效目标表(一级项目)", "project_performance", None),  # 004 line 294
    ("一、部门收支总表（公开表 1）", "income_expenditure_summary", "1"),  # 003 line 77
    ("财政拨款支出预算表（部门经济分类科目）", "fiscal_by_economic", None),  # 003 line 206
])
def test_seed_titles(line, kind, number):
    t = read_title(line)
    assert (t.kind, t.number) == (kind, number)


def test_unknown_title_is_recognised_as_a_title_but_no_kind():
    # A 政府采购 table (printed by many templates, not read by this tool) is a title, kind unknown.
    t = read_title("2024年政府采购预算明细表")
    assert t.unknown and t.kind is None
    # Part headings and prose are not tables at all.
    assert read_title("第二部分 上海市普陀区规划和自然资源局 2024 年度部门决算表") is None
    assert read_title("五、部门预算表 ……………………………………") is None
    assert read_title("注：本表反映部门本年度各项支出情况。") is None


def test_shanghai_units_and_columns():
    # sifaju p21: 单位:万元, columns 合计 因公出国(境)费 公务接待费 小计 购置费 运行费 机关运行经费预算数.
    three = spec("gp_three_public")
    assert three.unit == "万元" and "机关运行经费" in three.optional
    assert "机关运行经费" not in three.base_columns
    # sifaju p11: 收入预算总表 prints 合计 财政拨款收入 事业收入 事业单位经营收入 其他收入.
    from lineage.vocab import canonical_column

    income = spec("income_summary")
    assert canonical_column("财政拨款收入", income.synonyms) == "财政拨款收入"
    assert {"合计", "事业收入", "事业单位经营收入", "其他收入"} <= set(income.columns)
    assert spec("fiscal_summary").two_sided and spec("income_expenditure_summary").two_sided


@pytest.mark.parametrize("line,kind", [
    # 国家信访局 2026 p17: a section of the explanation about a table is not the table.
    ("一、关于部门收支总表的说明", None),
    # 深圳市交通运输局 2026 目录 p3: 基本支出总表 and 项目支出总表 are other tables than 支出总表 (issue 16:
    # the national framework's 基本支出 by economic class and 项目支出 tables).
    ("基本支出总表", "basic_by_economic"),
    ("项目支出总表", "projects"),
    ("一般公共预算支出表(按经济分类)", "gp_by_economic"),
    # 苏州 目录 p2 and 西安 目录 p18, 福州 目录 p2
    ("五、财政拨款支出表（功能科目）", "fiscal_by_function"),
    ("六、财政拨款基本支出表（经济科目）", "basic_by_economic"),
    ("九、一般公共预算“三公”经费、会议费、培训费支出表", "gp_three_public"),
    ("十二、一般公共预算机关运行经费支出预算表", "operating_costs"),
    ("表7 部门综合预算一般公共预算基本支出明细表（按支出功能分类科目）", "gp_basic_by_function"),
    ("表10 部门综合预算专项业务经费支出表", "projects"),
    ("八、一般公共预算支出经济分类情况表", "gp_by_economic"),
    ("九、一般公共预算基本支出经济分类情况表", "gp_basic_by_economic"),
    ("一般公共预算支出表(按功能分类)", "gp_by_function"),
    # 国家信访局 p16: 财政拨款预算“三公”经费支出表.
    ("财政拨款预算“三公”经费支出表", "gp_three_public"),
    # 烟台市人力资源和社会保障局 2026 (Shandong) p8-25: "…情况表" titles.
    ("收支总体情况表", "income_expenditure_summary"),
    ("财政拨款收支总体情况表", "fiscal_summary"),
    ("一般公共预算基本支出情况表", "gp_basic_by_economic"),
    ("一般公共预算“三公”经费支出情况表", "gp_three_public"),
    # The national framework's 政府采购预算表 is recognised (issue 16), its rows not read.
    ("政府采购预算情况表", "procurement"),
    # 000 目录 line 95, wrapped: "五、财政拨款支出预算表（部门经济分类科目）（公开" / "表 2-1）".
    ("五、财政拨款支出预算表（部门经济分类科目）（公开", "fiscal_by_economic"),
])
def test_other_templates_titles(line, kind):
    from lineage.read.text import normalise

    t = read_title(normalise(line))
    assert (t.kind if t else None) == kind


def test_contents_list_ends_with_its_page():
    # 西安市信访局 2026: the 目录 on p18 lists 部门综合预算收支总表 … ; p19 starts with "1" and the
    # table's own title. The title on p19 is the table, not one more 目录 line.
    from lineage.parse.locate import find_anchors
    from lineage.read.text import Document, Line

    texts = [("目录", 18), ("1 部门综合预算收支总表", 18), ("2 部门综合预算收入总表", 18),
             ("3 部门综合预算支出总表", 18), ("", 18), ("表1", 19), ("部门综合预算收支总表", 19)]
    doc = Document("x.pdf", "", "pdf", [Line(i + 1, t, t, page=p) for i, (t, p) in enumerate(texts)])
    anchors = {a.line: a.in_contents for a in find_anchors(doc) if a.kind}
    assert anchors == {2: True, 3: True, 4: True, 7: False}


def test_shaanxi_contents_columns_and_subject_preceding_yusuanbiao():
    # 西安市信访局 2026 p18 目录: "表9 部门综合预算政府性基金收支表 是 不涉及" (是否空表, 理由 columns).
    t = read_title("表9 部门综合预算政府性基金收支表 是 不涉及")
    # 陕西's 政府性基金收支表 is the fund's own two-sided summary (kind fund_summary since issue 16's 表9 work).
    assert (t.number, t.title, t.kind, t.unknown) == ("9", "部门综合预算政府性基金收支表", "fund_summary", False)
    # p31: a 政府采购 table whose title ends in 预算表 is a table (the national 政府采购预算表, issue 16),
    # not a part heading.
    t = read_title("部门综合预算政府采购(资产配置、购买服务)预算表")
    assert t is not None and t.kind == "procurement"
    # …while a unit's "2024 年部门预算表" / "部门决算表" heading is no table (003 line 75; 决算 p7).
    assert read_title("凉山州科学技术协会2024 年部门预算表") is None
    assert read_title("上海市规划和自然资源局2024年度部门决算表") is None
