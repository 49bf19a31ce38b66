"""The tab-separated front end on seed 002 (成华区科学技术协会, 2023): no table numbers.

Expected values are read from the seed file; line numbers are quoted.
"""

from decimal import Decimal

import pytest

from lineage.parse.layouts import tsv
from lineage.read import read_document
from lineage.parse.locate import find_anchors
from tests.conftest import problems_at, seed_path

# kind → (title line, amount-bearing rows, {column: printed 合计} of the table's own total row)
EXPECTED = {
    # 230, 235, 237, 239, 249 and the two sides of 260 and 264
    "income_expenditure_summary": (222, 9, {"预算数": "350.22"}),  # 260 本年收入合计
    "expenditure_summary": (266, 11, {"合计": "350.22", "基本支出": "200.22", "项目支出": "150.00"}),  # 274
    "fiscal_summary": (286, 7, None),  # 294-314; no 合计 row is printed
    "gp_by_function": (323, 12, {"合计": "350.22", "当年财政拨款安排": "350.22"}),  # 332
    "gp_basic_by_economic": (345, 34, {"合计": "200.22", "人员经费": "185.04", "公用经费": "15.17"}),  # 354
    "gp_projects": (389, 5, {"金额": "150.00"}),  # 397
    "gp_three_public": (403, 3, None),  # 412-414, header misaligned: see below
}


@pytest.fixture(scope="module")
def raws():
    doc = read_document(seed_path("002"))
    return {t.kind: t for t in tsv.read_tables(doc, find_anchors(doc))}


def test_only_printed_tables_are_returned(raws):
    # The contents list (lines 18-31) names 14 tables; 收入总表, the economic-classification
    # table, 政府性基金预算支出表 and 国有资本经营 are not printed.
    assert list(raws) == [
        "income_expenditure_summary", "expenditure_summary", "fiscal_summary", "gp_by_function",
        "gp_basic_by_economic", "gp_projects", "gp_three_public", "fund_three_public",
        "project_performance", "department_performance",
    ]
    assert all(t.number is None for t in raws.values())


@pytest.mark.parametrize("kind", list(EXPECTED))
def test_rows_and_totals(parsed, raws, kind):
    line, count, totals = EXPECTED[kind]
    raw = raws[kind]
    assert (raw.line, len(raw.rows)) == (line, count)
    if totals:
        total = next(r for r in parsed("002").table(kind).rows if r.role == "total")
        assert total.values == {c: Decimal(v) for c, v in totals.items()}


def test_two_sided_summary_splits_income_and_expenditure(raws):
    rows = raws["income_expenditure_summary"].rows
    line_260 = [(r.side, r.role, r.name) for r in rows if r.line == 260]
    assert line_260 == [("income", "total", "本年收入合计"), ("expenditure", "total", "本年支出合计")]
    science = next(r for r in rows if r.line == 235)
    assert (science.side, science.amounts) == ("expenditure", ["308.86"])


def test_rounding_differences_of_the_own_total_are_recorded(parsed):
    # 276-284: 0.08+12.45+6.93+158.86+0.17+0.48+7.37+150.00+13.87 = 350.21, printed 350.22 (274).
    msgs = problems_at(parsed("002"), "expenditure_summary", 274)
    assert any("合计 列 350.22" in m and "350.21" in m and "在舍入容差内" in m for m in msgs)
    # 基本支出: the eight basic rows sum to 200.21 vs 200.22.
    assert any("基本支出 列 200.22" in m and "200.21" in m for m in msgs)
    # 项目支出 reproduces exactly: 150.00 (283) = 150.00.
    assert not any("项目支出" in m for m in msgs)


def test_class_row_kept_as_printed(parsed):
    # Line 381: 商品和服务支出 20.48 | 5.30 | 15.17, although 5.30 + 15.17 = 20.47.
    row = next(r for r in parsed("002").table("gp_basic_by_economic").rows if r.line == 381)
    assert row.values == {"合计": Decimal("20.48"), "人员经费": Decimal("5.30"), "公用经费": Decimal("15.17")}
    assert row.code == "302"


def test_unit_and_repeat_rows(raws):
    roles = [(r.line, r.role) for r in raws["gp_basic_by_economic"].rows[:4]]
    # 354 合 计, 355 bare repeat, 356 "345001 成都市成华区科学技术协会", 357 "301 工资福利支出"
    assert roles == [(354, "total"), (355, "total_repeat"), (356, "unit"), (357, None)]


def test_three_public_header_misaligned_falls_back_to_arithmetic(parsed, raws):
    # Header lines 410-411 put 公务接待费 over the cell that holds 2.00 and 公务用车运行费 over 0.66,
    # but 合计 2.66 = 2.00 (公务用车) + 0.66 (接待) (line 412): positions are dropped and said so.
    raw = raws["gp_three_public"]
    assert all(r.positions is None for r in raw.rows)
    assert {line for line, _ in raw.problems} == {412, 413, 414}
    total = parsed("002").table("gp_three_public").rows[0]
    assert total.values["公务接待费"] == Decimal("0.66")
    assert total.values["公务用车购置及运行费/小计"] == Decimal("2.00")


def test_empty_and_performance_tables(raws):
    assert raws["fund_three_public"].empty  # line 425: 合 计 with no amounts
    for kind, line in (("project_performance", 427), ("department_performance", 473)):
        assert (raws[kind].line, raws[kind].rows) == (line, [])
