"""The PDF front end's general behaviour: wrapped names, unknown titles, text files untouched."""

from __future__ import annotations

import dataclasses

import pytest

from lineage.parse.disclosure import parse_file
from lineage.parse.layouts import detect_layout, pdf
from lineage.parse.locate import find_anchors
from lineage.read import read_document
from tests.conftest import seed_path
from tests.parse.pdf_rows import PDF, D, row, values

SIFAJU = PDF / "shanghai-putuo-sifaju-2026-bumen.pdf"
JUESUAN = PDF / "shanghai-putuo-guihuaziyuan-2024-juesuan.pdf"


def test_text_files_keep_their_layouts():
    for prefix, name in (("000", "flat"), ("002", "tsv"), ("004", "tsv")):
        assert detect_layout(read_document(seed_path(prefix))).NAME == name
    assert detect_layout(read_document(SIFAJU)).NAME == "pdf"


def test_a_table_the_vocabulary_does_not_know_is_never_absorbed():
    # Pretend the vocabulary did not know page 15's title (2026年部门一般公共预算支出功能分类预算表):
    # its rows (page 15-16) must not run into 表4 (page 14), the table before it.
    doc = read_document(SIFAJU)
    anchors = [
        dataclasses.replace(a, kind=None, unknown=True) if a.kind == "gp_by_function" and not a.in_contents else a
        for a in find_anchors(doc)
    ]
    tables = pdf.read_tables(doc, anchors)
    assert "gp_by_function" not in [t.kind for t in tables]
    fiscal = next(t for t in tables if t.kind == "fiscal_summary")
    assert {doc.line(r.line).page for r in fiscal.rows} == {14}
    assert len(fiscal.rows) == 9  # 3 + 4 items and the two 总计 lines, as printed on page 14


@pytest.fixture(scope="module")
def juesuan():
    return parse_file(JUESUAN)


def test_name_wrapped_around_its_code_and_amounts_is_one_row(juesuan):
    # Page 14, 一般公共预算财政拨款支出决算表 (单位：万元), a ruled table whose name cells wrap:
    #   "行政单位离退" / "2080501  54.53  54.53  0.00" / "休"
    #   "社会保障和就" / "208  754.75  754.75  0.00" / "业支出"
    k = "actual_gp_by_function"
    r = row(juesuan, k, code="2080501")
    assert (r.name, r.page, len(r.lines)) == ("行政单位离退休", 14, 3)
    assert values(r) == {"合计": D("54.53"), "基本支出": D("54.53"), "项目支出": D("0.00")}
    r = row(juesuan, k, code="208")
    assert r.name == "社会保障和就业支出" and values(r)["合计"] == D("754.75")


def test_blank_template_tables_are_printed_not_missing():
    # data/pdf/shanghai-juesuan-template-2024.pdf: the blank 部门决算 template. Pages 7-15 print each
    # table's title, 单位：万元 and its ruled header with no rows (目录 on page 2 lists 一 … 九).
    from lineage.checks import run_checks

    d = parse_file(PDF / "shanghai-juesuan-template-2024.pdf")
    assert [t.number for t in d.tables] == ["一", "二", "三", "四", "五", "六", "七", "八", "九"]
    assert all(t.rows == [] for t in d.tables)
    assert [f for f in run_checks(d) if f.severity == "error"] == []  # no TB01 "missing" for a printed table


def _raw(name, offset, side=None, role="item"):
    from lineage.parse.raw import RawRow

    return RawRow(line=1, lines=[1], code_groups=[], name=name, amounts=["1.00"], depth=offset, side=side, role=role)


def test_depth_only_where_names_are_indented():
    # Offsets (points from the name column's left edge): 深圳's 收支总表 indents 款 and 项 under 类.
    rows = [_raw("一、教育支出", 3.0), _raw("进修及培训", 12.1), _raw("培训支出", 21.0), _raw("二、卫生健康支出", 3.4)]
    pdf._depths(rows)
    assert [r.depth for r in rows] == [0, 1, 2, 0]
    flush = [_raw("公共安全支出", 3.0), _raw("司法", 3.2)]  # Shanghai: left-aligned names
    pdf._depths(flush)
    assert [r.depth for r in flush] == [None, None]
    centred = [_raw(n, x) for n, x in (("合", 40.0), ("办公费", 30.0), ("差旅费", 20.0), ("印刷费", 10.0), ("工资", 50.0))]
    pdf._depths(centred)  # five offsets: centred names, not levels
    assert {r.depth for r in centred} == {None}


def test_two_sided_headings_by_numbering_and_of_which_lines():
    # 西安's 收支总表 income side (page 19): 一、部门预算 28,384,234.71 above 1、财政拨款 28,384,234.71 above
    # (1)一般公共预算拨款 28,384,234.71 and 其中：专项资金列入部门预算的项目 550,000.00: each level repeats
    # the one below, the 其中 line is part of (1); the total is 28,384,234.71.
    from decimal import Decimal

    from lineage.model import Row, Table
    from lineage.parse.reconcile import total_differences

    def r(i, name, amount, role="item"):
        return Row(index=i, line=i, role=role, side="income", name=name, values={"预算数": Decimal(amount)})

    rows = [r(0, "一、部门预算", "28384234.71"), r(1, "1、财政拨款", "28384234.71"),
            r(2, "(1)一般公共预算拨款", "28384234.71"), r(3, "其中：专项资金列入部门预算的项目", "550000.00"),
            r(4, "收入总计", "28384234.71", role="total")]
    table = Table(kind="income_expenditure_summary", title="部门综合预算收支总表", line=1, end_line=5,
                  columns=["预算数"], rows=rows)
    assert total_differences(table) == []
