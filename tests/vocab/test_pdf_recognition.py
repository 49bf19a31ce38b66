"""Every table of the Shanghai PDFs recognised by kind, through the real PDF path.

Expected pages, numbers and units read from the PDFs in data/pdf (the same
files as ../shared/pdf): each table's title page, the 目录 on page 2, each
table's 单位 line.
"""

from pathlib import Path

import pytest

from lineage.parse.disclosure import parse_file
from lineage.parse.locate import find_anchors
from lineage.parse.metadata import read_metadata
from lineage.read import read_document

PDF = Path(__file__).resolve().parents[2] / "data" / "pdf"

BUDGET_KINDS = [
    "income_expenditure_summary", "income_summary", "expenditure_summary", "fiscal_summary", "gp_by_function",
    "fund_by_function", "soe_by_function", "gp_basic_by_economic", "gp_three_public",
]
FINAL_KINDS = [
    "actual_income_expenditure_summary", "actual_income_summary", "actual_expenditure_summary",
    "actual_fiscal_summary", "actual_gp_by_function", "actual_gp_basic_by_economic", "actual_three_public",
    "actual_fund", "actual_soe",
]

# file → (title pages of tables 1..9, kinds in printed order, 目录 numbers)
DOCUMENTS = {
    # sifaju: 财务收支 p10, 收入 p11, 支出 p12-13, 财政拨款 p14, 一般公共 p15-16, 基金 p17 (空), 国资 p18 (空),
    # 基本支出 p19-20, 三公 p21.
    "shanghai-putuo-sifaju-2026-bumen.pdf": ([10, 11, 12, 14, 15, 17, 18, 19, 21], BUDGET_KINDS, "123456789"),
    # wanli: p9, p10, p14, p19, p20 (continued p21-24 under a repeated header only), p25, p26, p27, p29.
    "shanghai-putuo-wanli-2025-bumen.pdf": ([9, 10, 14, 19, 20, 25, 26, 27, 29], BUDGET_KINDS, "123456789"),
    # 决算: 收入支出决算总表 p7 … 国有资本经营 p19; the 目录 (p2) numbers them 一 … 九.
    "shanghai-putuo-guihuaziyuan-2024-juesuan.pdf": ([7, 8, 10, 12, 14, 16, 17, 18, 19], FINAL_KINDS, "一二三四五六七八九"),
    # the blank 决算 template, pages 5-14 (p9 continues 财政拨款收入支出决算总表 without a title).
    "shanghai-juesuan-template-2024.pdf": ([5, 6, 7, 8, 10, 11, 12, 13, 14], FINAL_KINDS, "一二三四五六七八九"),
}


@pytest.fixture(scope="module")
def documents():
    return {name: read_document(PDF / name) for name in DOCUMENTS}


@pytest.mark.parametrize("name", list(DOCUMENTS))
def test_every_table_recognised_by_kind_and_page(documents, name):
    doc = documents[name]
    pages, kinds, numbers = DOCUMENTS[name]
    anchors = find_anchors(doc)
    printed = [a for a in anchors if not a.in_contents]
    assert [a.kind for a in printed] == kinds
    assert [doc.line(a.line).page for a in printed] == pages
    listed = [a for a in anchors if a.in_contents]
    assert [a.kind for a in listed] == kinds and {doc.line(a.line).page for a in listed} == {2}
    assert [a.ordinal for a in listed] == list(numbers)
    assert not [a for a in anchors if a.unknown]  # every title of these sets is known


@pytest.mark.parametrize("name,unit,year,kind", [
    # sifaju p1: "预算主管部门：上海市普陀区司法局", "上海市普陀区2026年区级部门预算" (a heading naming only the district).
    ("shanghai-putuo-sifaju-2026-bumen.pdf", "上海市普陀区司法局", 2026, "部门预算"),
    ("shanghai-putuo-wanli-2025-bumen.pdf", "上海市普陀区人民政府万里街道办事处", 2025, "部门预算"),
    # 决算 p1 wraps the name ("上海市普陀区规划和自然" / "资源局"); p2 "第二部分 上海市普陀区规划和自然资源局 2024 年度部门决算".
    ("shanghai-putuo-guihuaziyuan-2024-juesuan.pdf", "上海市普陀区规划和自然资源局", 2024, "部门决算"),
])
def test_metadata(documents, name, unit, year, kind):
    meta = read_metadata(documents[name])
    assert (meta.unit_name, meta.year, meta.kind) == (unit, year, kind)


def test_units_a_department_covers(documents):
    # sifaju p6: "具体包括： 1. 普陀区司法局本部 / 2. 普陀区法律援助中心".
    meta = read_metadata(documents["shanghai-putuo-sifaju-2026-bumen.pdf"])
    assert [c.name for c in meta.covers] == ["普陀区司法局本部", "普陀区法律援助中心"]
    # wanli p4: 本部 + 5 units, one per line.
    meta = read_metadata(documents["shanghai-putuo-wanli-2025-bumen.pdf"])
    assert len(meta.covers) == 6 and meta.covers[0].name == "上海市普陀区人民政府万里街道办事处(本部)"
    assert meta.covers[-1].name == "上海市普陀区万里街道综合行政执法队"


def test_shanghai_budget_family_numbers_units_and_nothing_missing():
    d = parse_file(PDF / "shanghai-putuo-sifaju-2026-bumen.pdf")
    assert d.family == "shanghai_budget" and d.kind == "部门预算"
    # The numbers are printed only in the 目录 (p2, "1. 2026年部门财务收支预算总表 ……").
    assert [t.number for t in d.tables] == list("123456789")
    # 单位：元 on every table but the 三公 table (p21 "单位:万元").
    assert [t.unit for t in d.tables] == ["元"] * 8 + ["万元"]
    assert all(e.printed for e in d.contents) and len(d.contents) == 9
    from lineage.checks import run_checks

    assert [f for f in run_checks(d, {"TB01"})] == []


def test_final_account_is_read_not_refused():
    # The 决算 was refused as "not a budget disclosure"; its tables (万元, p7 "单位：万元") are the 决算 set.
    d = parse_file(PDF / "shanghai-putuo-guihuaziyuan-2024-juesuan.pdf")
    assert (d.kind, d.family) == ("部门决算", "national_final")
    assert [t.kind for t in d.tables] == FINAL_KINDS
    assert {t.unit for t in d.tables} == {"万元"}
    assert [t.number for t in d.tables] == list("一二三四五六七八九")
    # Every table's rows are read (tests/parse/test_juesuan_*.py pin them); 表八/九 say they are empty
    # ("…本年度没有政府性基金预算财政拨款收入和支出，故本表无数据", p18/p19).
    assert [t.kind for t in d.tables if not t.rows] == ["actual_fund", "actual_soe"]
    assert all(t.empty for t in d.tables if not t.rows)
    assert not [p for p in d.problems if "暂不读取" in p.message]
    # The plain function-coded tables: 支出决算表 p10 "2080501 行政单位离退休 54.53 54.53 0.00".
    assert any(r.code == "2080501" for r in d.table("actual_expenditure_summary").rows)


def test_units_a_final_account_covers(documents):
    # 决算 p6, the 单位构成 table (序号 单位名称 备注), its cells wrapped: "上海市普陀区规划和自然资源管理事务中"
    # / "5" / "心（下属事业单位）" is one unit, the 备注 is not part of its name.
    meta = read_metadata(documents["shanghai-putuo-guihuaziyuan-2024-juesuan.pdf"])
    assert [c.name for c in meta.covers] == [
        "上海市普陀区规划和自然资源局(本级)", "上海市普陀区规划和自然资源局执法大队", "上海市普陀区土地发展中心",
        "上海市普陀区自然资源确权登记事务中心", "上海市普陀区规划和自然资源管理事务中心",
    ]
    # The blank template lists "上海市 XX 局（本级）", "上海市 XX 中心", "。。。": placeholders, no unit.
    assert read_metadata(documents["shanghai-juesuan-template-2024.pdf"]).covers == []


def test_seed_covers(parsed):
    # 003 lines 67-70: "序号 预算单位名称 / 1 凉山州科学技术协会机关 / 2 青少年科技活动中心", then 第二部分.
    assert [(c.line, c.name) for c in parsed("003").covers] == [(69, "凉山州科学技术协会机关"), (70, "青少年科技活动中心")]
    # 004 line 17: "…四个市级直属单位：重庆市反邪教协会、重庆科技馆、重庆市科协科技服务中心、重庆市院士工作服务中心，…".
    assert [c.name for c in parsed("004").covers] == ["重庆市反邪教协会", "重庆科技馆", "重庆市科协科技服务中心", "重庆市院士工作服务中心"]
