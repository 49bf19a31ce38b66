"""上海市普陀区司法局 2026 部门预算 (data/pdf/shanghai-putuo-sifaju-2026-bumen.pdf), read from the PDF's geometry.

Every expected value is read from the PDF page named in the comment (rendered with pdftoppm).
"""

from __future__ import annotations

import pytest

from lineage.parse.disclosure import parse_file
from tests.parse.pdf_rows import PDF, D, row, table, values

FILE = PDF / "shanghai-putuo-sifaju-2026-bumen.pdf"


@pytest.fixture(scope="module")
def d():
    return parse_file(FILE)


def test_read_by_the_pdf_layout_with_pages(d):
    assert d.layout == "pdf"
    assert d.source.encoding == "pdf"


def test_fiscal_summary_two_sides(d):
    # Page 14, 2026年部门财政拨款收支预算总表 (单位：元), left 财政拨款收入, right 财政拨款支出:
    #   一、一般公共预算 96,282,213.44 | 一、公共安全支出 87,267,272.44 87,267,272.44 (政府性基金预算, 国有资本经营预算 blank)
    #   二、政府性基金预算 0.00        | 二、社会保障和就业支出 3,343,704.00 3,343,704.00
    #   三、国有资本经营预算 0.00      | 三、卫生健康支出 1,149,678.00 1,149,678.00
    #                                 | 四、住房保障支出 4,521,559.00 4,521,559.00
    #   收入总计 96,282,213.44         | 支出总计 96,282,213.44 96,282,213.44
    t = table(d, "fiscal_summary")
    assert t.page == 14
    r = row(d, "fiscal_summary", name="一、一般公共预算", side="income")
    assert values(r) == {"预算数": D("96,282,213.44")} and r.page == 14
    assert values(row(d, "fiscal_summary", name="二、政府性基金预算", side="income")) == {"预算数": D("0.00")}
    r = row(d, "fiscal_summary", name="一、公共安全支出", side="expenditure")
    assert values(r) == {"合计": D("87,267,272.44"), "一般公共预算": D("87,267,272.44")}  # blank cells stay blank
    assert r.line == row(d, "fiscal_summary", name="一、一般公共预算", side="income").line  # printed on one line
    r = row(d, "fiscal_summary", name="四、住房保障支出", side="expenditure")
    assert values(r) == {"合计": D("4,521,559.00"), "一般公共预算": D("4,521,559.00")}
    income_total = row(d, "fiscal_summary", name="收入总计", side="income")
    spend_total = row(d, "fiscal_summary", name="支出总计", side="expenditure")
    assert income_total.role == spend_total.role == "total"
    assert income_total.values["预算数"] == spend_total.values["合计"] == D("96,282,213.44")
    # Different row counts per side: 3 income items, 4 expenditure items.
    items = [r for r in t.rows if r.role == "item"]
    assert sum(r.side == "income" for r in items) == 3 and sum(r.side == "expenditure" for r in items) == 4


def test_tables_do_not_run_into_the_next(d):
    # Page 15 starts 2026年部门一般公共预算支出功能分类预算表: none of its rows belong to 表4.
    t = table(d, "fiscal_summary")
    assert t.end_line < 193 and {r.page for r in t.rows} == {14}
