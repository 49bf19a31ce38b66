"""烟台市人力资源和社会保障局 2026 部门预算 (data/pdf/more/yantai-renshe-2026.pdf), Shandong's 公开表 set.

Expected values are read from the PDF (`pdftotext -layout -f P -l P`), page numbers as the PDF counts them.
"""

from __future__ import annotations

import pytest

from lineage.parse.disclosure import parse_file
from tests.parse.pdf_rows import PDF, D, table, values

FILE = PDF / "more" / "yantai-renshe-2026.pdf"


@pytest.fixture(scope="module")
def yantai():
    return parse_file(FILE)


def test_income_summary_prints_the_appropriation_subtotal_beside_its_funds(yantai):
    # Page 9 (公开表2 收入总体情况表): header "合计 | 财政拨款收入 (小计 一般公共预算收入 政府性基金预算收入
    # 国有资本经营预算收入) | … 其他收入 | 上级补助收入 …"; "合 计 191,394.79 191,195.79 191,114.39 81.40 26.00 173.00"
    t = table(yantai, "income_summary")
    (total,) = [r for r in t.rows if r.role == "total"]
    assert values(total) == {"合计": D("191,394.79"), "财政拨款收入": D("191,195.79"),
                             "一般公共预算拨款收入": D("191,114.39"), "国有资本经营预算拨款收入": D("81.40"),
                             "其他收入": D("26.00"), "上级补助收入": D("173.00")}
    # The subtotal is counted once: 191,114.39 + 81.40 + 26.00 + 173.00 = 191,394.79 (no BL03), and the
    # graph's sources are the funds, not the funds and their 小计 (no GR01).
    from lineage.checks import run_checks

    found = run_checks(yantai)
    assert not [f for f in found if f.code in ("BL03", "GR01") and "收入" in f.message and f.severity == "error"]


def test_income_equals_expenditure_and_the_summary(yantai):
    # Page 8 (公开表1): "收 入 总 计 191,394.79 … 支 出 总 计 191,394.79"; page 12 (公开表3 支出总体情况表) 合计 191,394.79
    income = [r for r in table(yantai, "income_summary").rows if r.role == "total"][0].values["合计"]
    spent = [r for r in table(yantai, "expenditure_summary").rows if r.role == "total"][0].values["合计"]
    assert income == spent == D("191,394.79")


def test_three_public_reads_this_years_columns_not_last_years(yantai):
    # Page 23 (公开表7): "2025年预算数" and "2026年预算数" groups side by side, one row
    # "20.60 8.00 8.00 12.60 | 20.60 5.00 4.00 4.00 11.60": 2026 is 合计 20.60, 因公出国（境）经费 5.00,
    # 公务用车购置及运行维护费 小计 4.00 (运行维护费 4.00), 公务接待费 11.60; 2025's figures are kept as a note.
    (total,) = table(yantai, "gp_three_public").rows
    assert values(total) == {"合计": D("20.60"), "因公出国（境）费用": D("5.00"), "公务用车购置及运行费/小计": D("4.00"),
                             "公务用车购置及运行费/公务用车运行费": D("4.00"), "公务接待费": D("11.60")}
    assert "2025年预算数/公务接待费 12.60" in total.note


def test_basic_table_prints_the_government_economic_class_beside_the_departments(yantai):
    # Page 20 (公开表6): "301 01 基本工资 501 01 工资奖金津补贴 490.83 490.83": the row is 30101 基本工资;
    # 50101 工资奖金津补贴 is the 政府预算 class printed beside it, never part of its name.
    rows = [r for r in table(yantai, "gp_basic_by_economic").rows if r.code == "30101"]
    assert [(r.name, values(r)["合计"]) for r in rows] == [("基本工资", D("490.83")), ("基本工资", D("1,456.73"))]
    assert "工资奖金津补贴" in rows[0].note and "工资福利支出" in rows[1].note
    # Page 21-22: "302 01 办公费 502 01 办公经费 10.00" and "302 01 办公费 505 02 商品和服务支出 113.90"
    assert [values(r)["合计"] for r in table(yantai, "gp_basic_by_economic").rows if r.code == "30201"] == [
        D("10.00"), D("113.90")]


def test_only_true_warnings(yantai):
    from lineage.checks import run_checks

    found = [(f.code, f.severity) for f in run_checks(yantai) if f.severity in ("error", "warning")]
    # Each left is a 0.01 rounding difference in print: page 8 支出 side 65.90 + 188,501.98 + 564.57 + 1,525.00
    # + 655.95 + 81.40 = 191,394.80 against "本年支出合计 191,394.79" (BL02); page 17 "06 就业管理事务 2,482.93
    # 2,288.93 2,119.51 169.41" (2,119.51 + 169.41 = 2,288.92, BL03); page 9 208's 项 add to 188,501.97 (HI01).
    # Pages 36 and 37 print the same card twice ("创业担保贷款贴息及奖补", 年度预算资金总额 674.00, the same
    # indicators; only the page number differs): DC02, a true warning.
    assert sorted(found) == [("BL02", "warning"), ("BL03", "warning"), ("DC02", "warning"), ("HI01", "warning")]


def test_basic_and_project_tables_by_source(yantai):
    # Page 26 (公开表10 基本支出预算情况表): "合计 8,882.89 8,882.89 8,882.89" under 合计 | 财政拨款 (小计
    # 一般公共预算 …); "301 01 基本工资 501 01 工资奖金津补贴 490.83 490.83 490.83"
    t = table(yantai, "basic_by_economic")
    assert t.number == "10"
    (total,) = [r for r in t.rows if r.role == "total"]
    assert values(total) == {"合计": D("8,882.89"), "财政拨款收入": D("8,882.89"), "一般公共预算拨款收入": D("8,882.89")}
    first = next(r for r in t.rows if r.code == "30101")
    assert (first.name, values(first)["合计"]) == ("基本工资", D("490.83"))
    # Page 29 (公开表11 项目支出预算情况表): "合 计 182,511.90 182,312.90 182,231.50 81.40 199.00";
    # "实施公车统管费用 其他运转类 25.00 25.00 25.00"
    t = table(yantai, "projects")
    assert t.number == "11"
    (total,) = [r for r in t.rows if r.role == "total"]
    v = values(total)
    assert (v["合计"], v["财政拨款收入"], v["一般公共预算拨款收入"], v["国有资本经营预算拨款收入"]) == (
        D("182,511.90"), D("182,312.90"), D("182,231.50"), D("81.40"))
    car = next(r for r in t.rows if r.name.startswith("实施公车统管费用"))
    assert values(car)["合计"] == D("25.00")
