"""上海市普陀区司法局 2026 部门预算 (data/pdf/shanghai-putuo-sifaju-2026-bumen.pdf), read from the PDF's geometry.

Every expected value is read from the PDF page named in the comment (rendered with pdftoppm);
the tables are in 元, the 三公 table in 万元.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from lineage.parse.disclosure import parse_file
from tests.parse.pdf_rows import PDF, D, row, table, values

FILE = PDF / "shanghai-putuo-sifaju-2026-bumen.pdf"


@pytest.fixture(scope="module")
def d():
    return parse_file(FILE)


def test_identity_and_the_nine_tables(d):
    # Page 1: "上海市普陀区2026年区级部门预算 / 预算主管部门：上海市普陀区司法局"; 目录 (page 2) lists 1.–9.
    assert (d.unit_name, d.year, d.kind, d.layout) == ("上海市普陀区司法局", 2026, "部门预算", "pdf")
    assert [(t.number, t.kind, t.page, t.unit) for t in d.tables] == [
        ("1", "income_expenditure_summary", 10, "元"),
        ("2", "income_summary", 11, "元"),
        ("3", "expenditure_summary", 12, "元"),
        ("4", "fiscal_summary", 14, "元"),
        ("5", "gp_by_function", 15, "元"),
        ("6", "fund_by_function", 17, "元"),
        ("7", "soe_by_function", 18, "元"),
        ("8", "gp_basic_by_economic", 19, "元"),
        ("9", "gp_three_public", 21, "万元"),
    ]


def test_table1_income_total_equals_expenditure_total_and_classes(d):
    # Page 10, 2026年部门财务收支预算总表: left 本年收入, right 本年支出.
    #   一、财政拨款收入 96,282,213.44 | 一、公共安全支出 87,267,272.44
    #   1. 一般公共预算 96,282,213.44  | 二、社会保障和就业支出 3,343,704.00
    #   2. 政府性基金预算 0.00         | 三、卫生健康支出 1,149,678.00
    #   3. 国有资本经营预算 0.00       | 四、住房保障支出 4,521,559.00
    #   二、事业收入 0.00 / 三、事业单位经营收入 0.00 / 四、其他收入 0.00
    #   收入总计 96,282,213.44         | 支出总计 96,282,213.44
    k = "income_expenditure_summary"
    income = row(d, k, name="收入总计", side="income")
    spend = row(d, k, name="支出总计", side="expenditure")
    assert income.role == spend.role == "total" and income.page == 10
    assert income.values == spend.values == {"预算数": D("96,282,213.44")}
    assert values(row(d, k, name="一、财政拨款收入", side="income")) == {"预算数": D("96,282,213.44")}
    assert values(row(d, k, name="二、事业收入", side="income")) == {"预算数": D("0.00")}
    classes = {r.name: r.values["预算数"] for r in table(d, k).rows if r.side == "expenditure" and r.role == "item"}
    assert classes == {
        "一、公共安全支出": D("87,267,272.44"), "二、社会保障和就业支出": D("3,343,704.00"),
        "三、卫生健康支出": D("1,149,678.00"), "四、住房保障支出": D("4,521,559.00"),
    }
    assert sum(classes.values(), Decimal(0)) == spend.values["预算数"]


def test_table2_income_codes_split_over_lei_kuan_xiang(d):
    # Page 11, 2026年部门收入预算总表, columns 合计 | 财政拨款收入 | 事业收入 | 事业单位经营收入 (wrapped) | 其他收入:
    #   204 | 06 | 01 | 行政运行 | 16726725.44 | 16726725.44 | 0.00 | 0.00 | 0.00
    #   204 |    |    | 公共安全支出 | 87267272.44 | 87267272.44 | 0.00 | 0.00 | 0.00   (类 row: 款/项 blank)
    #   合计 96282213.44 96282213.44 0.00 0.00 0.00
    k = "income_summary"
    r = row(d, k, code="2040601")
    assert (r.name, r.code_printed, r.page) == ("行政运行", "204 06 01", 11)
    assert values(r) == {"合计": D("16726725.44"), "财政拨款收入": D("16726725.44"), "事业收入": D("0.00"),
                         "事业单位经营收入": D("0.00"), "其他收入": D("0.00")}
    r = row(d, k, code="204")
    assert (r.name, r.code_printed) == ("公共安全支出", "204") and r.values["合计"] == D("87267272.44")
    assert row(d, k, name="合计").values["财政拨款收入"] == D("96282213.44")


def test_table3_continues_on_a_page_without_title_or_header(d):
    # Page 12: 204 06 04 基层司法业务 21703947.00 | 0.00 | 21703947.00 (合计 | 基本支出 | 项目支出)
    # Page 13 (no title, no header): 208 05 06 机关事业单位职业年金缴费支出 919739.00 919739.00 0.00,
    #   合计 96282213.44 25741666.44 70540547.00
    k = "expenditure_summary"
    r = row(d, k, code="2040604")
    assert r.page == 12 and values(r) == {"合计": D("21703947.00"), "基本支出": D("0.00"), "项目支出": D("21703947.00")}
    r = row(d, k, code="2080506")
    assert r.page == 13 and values(r) == {"合计": D("919739.00"), "基本支出": D("919739.00"), "项目支出": D("0.00")}
    total = row(d, k, name="合计")
    assert total.page == 13
    assert values(total) == {"合计": D("96282213.44"), "基本支出": D("25741666.44"), "项目支出": D("70540547.00")}
    assert len(table(d, k).rows) == 22  # 21 subject rows (pages 12-13) + 合计


def test_table4_fiscal_summary_two_sides(d):
    # Page 14, 2026年部门财政拨款收支预算总表, left 财政拨款收入, right 财政拨款支出
    # (项目 | 合计 | 一般公共预算 | 政府性基金预算 | 国有资本经营预算):
    #   一、一般公共预算 96,282,213.44 | 一、公共安全支出 87,267,272.44 87,267,272.44 (the fund columns blank)
    #   二、政府性基金预算 0.00        | 二、社会保障和就业支出 3,343,704.00 3,343,704.00
    #   三、国有资本经营预算 0.00      | 三、卫生健康支出 1,149,678.00 1,149,678.00
    #                                 | 四、住房保障支出 4,521,559.00 4,521,559.00
    #   收入总计 96,282,213.44         | 支出总计 96,282,213.44 96,282,213.44
    k = "fiscal_summary"
    r = row(d, k, name="一、一般公共预算", side="income")
    assert values(r) == {"预算数": D("96,282,213.44")} and r.page == 14
    assert values(row(d, k, name="二、政府性基金预算", side="income")) == {"预算数": D("0.00")}
    r = row(d, k, name="一、公共安全支出", side="expenditure")
    assert values(r) == {"合计": D("87,267,272.44"), "一般公共预算": D("87,267,272.44")}  # blank cells stay blank
    assert r.line == row(d, k, name="一、一般公共预算", side="income").line  # printed on one line
    assert values(row(d, k, name="四、住房保障支出", side="expenditure")) == {
        "合计": D("4,521,559.00"), "一般公共预算": D("4,521,559.00")}
    income_total = row(d, k, name="收入总计", side="income")
    spend_total = row(d, k, name="支出总计", side="expenditure")
    assert income_total.role == spend_total.role == "total"
    assert income_total.values["预算数"] == spend_total.values["合计"] == D("96,282,213.44")
    items = [r for r in table(d, k).rows if r.role == "item"]
    assert sum(r.side == "income" for r in items) == 3 and sum(r.side == "expenditure" for r in items) == 4


def test_table5_header_repeated_on_its_second_page(d):
    # Page 15: 204 06 13 信息化建设 2278800.00 0.00 2278800.00
    # Page 16 repeats the header, then 210 11 01 行政单位医疗 1149678.00 1149678.00 0.00 … 合计 96282213.44 25741666.44 70540547.00
    k = "gp_by_function"
    assert values(row(d, k, code="2040613")) == {"合计": D("2278800.00"), "基本支出": D("0.00"), "项目支出": D("2278800.00")}
    r = row(d, k, code="2101101")
    assert r.page == 16 and values(r) == {"合计": D("1149678.00"), "基本支出": D("1149678.00"), "项目支出": D("0.00")}
    assert row(d, k, name="合计").values["项目支出"] == D("70540547.00")
    assert not [r for r in table(d, k).rows if "功能分类" in r.name or r.name == "项目"]  # the repeated header is no row


def test_tables6_and_7_print_wu_and_empty_note(d):
    # Pages 17 and 18: header, "无", "合计" with blank cells, "注:本部门2026年无政府性基金预算财政拨款安排的预算，故本表为空表。"
    for k in ("fund_by_function", "soe_by_function"):
        t = table(d, k)
        assert t.empty and t.rows == []


def test_table8_economic_codes_and_totals(d):
    # Page 19: 301 | | 工资福利支出 23084662.00 | 23084662.00 | 0.00 (合计 | 人员经费 | 公用经费)
    # Page 20: 302 17 公务接待费 8265.00 0.00 8265.00; 合计 25741666.44 23563342.00 2178324.44
    k = "gp_basic_by_economic"
    r = row(d, k, code="301")
    assert (r.name, r.scheme, r.page) == ("工资福利支出", "economic", 19)
    assert values(r) == {"合计": D("23084662.00"), "人员经费": D("23084662.00"), "公用经费": D("0.00")}
    r = row(d, k, code="30217")
    assert (r.name, r.code_printed, r.page) == ("公务接待费", "302 17", 20)
    assert values(r) == {"合计": D("8265.00"), "人员经费": D("0.00"), "公用经费": D("8265.00")}
    assert values(row(d, k, name="合计")) == {"合计": D("25741666.44"), "人员经费": D("23563342.00"),
                                               "公用经费": D("2178324.44")}


def test_table9_grouped_header_puts_each_amount_in_its_column(d):
    # Page 21 (单位:万元): "三公"经费预算数 over 合计 | 因公出国(境)费 | 公务接待费 | 公务用车购置及运行费
    # (小计 | 购置费 | 运行费), then 机关运行经费预算数:
    #   10.81 | 0 | 0.83 | 9.98 | 0 | 9.98 | 217.83
    # Text order would put 0.83 after 因公出国; the header's x-positions say it is 公务接待费.
    (r,) = table(d, "gp_three_public").rows
    assert r.page == 21
    assert values(r) == {
        "合计": D("10.81"), "因公出国（境）费用": D("0"), "公务接待费": D("0.83"),
        "公务用车购置及运行费/小计": D("9.98"), "公务用车购置及运行费/公务用车购置费": D("0"),
        "公务用车购置及运行费/公务用车运行费": D("9.98"), "机关运行经费": D("217.83"),
    }
