"""The tab-separated front end on seed 003 (凉山州科学技术协会, 2024): 公开表 numbers, wide 2-1.

Expected values are read from the seed file; line numbers are quoted.
"""

from decimal import Decimal

import pytest

from lineage.parse.layouts import tsv
from lineage.parse.locate import find_anchors
from lineage.read import read_document
from tests.conftest import problems_at, seed_path

# kind → (number from the heading, title line, amount-bearing rows)
EXPECTED = {
    "income_expenditure_summary": ("1", 77, 9),  # 85, 90, 92, 94, 104, both sides of 113 and 115
    "income_summary": ("1-1", 119, 3),  # 127-129
    "expenditure_summary": ("1-2", 133, 18),  # 141-158
    "fiscal_summary": ("2", 162, 7),  # both sides of 170, 171, 176, 178, 180, 190
    "fiscal_by_economic": (None, 206, 42),  # 210-223, 225-246, 248-253 (heading line 200 has no number)
    "gp_by_function": ("3", 257, 18),  # 266-283
    "gp_basic_by_economic": ("3-1", 287, 58),  # 295-323, 325-353
    "gp_projects": ("3-2", 357, 17),  # 365-381
    "gp_three_public": ("3-3", 385, 3),  # 394-396
}


@pytest.fixture(scope="module")
def raws():
    doc = read_document(seed_path("003"))
    return {t.kind: t for t in tsv.read_tables(doc, find_anchors(doc))}


@pytest.mark.parametrize("kind", list(EXPECTED))
def test_numbers_lines_and_row_counts(raws, kind):
    raw = raws[kind]
    assert (raw.number, raw.line, len(raw.rows)) == EXPECTED[kind]


def test_headings_and_titles_are_one_table_each(raws):
    # 14 tables printed (75 … 619), each heading joined with its title line.
    assert len(raws) == 14
    assert [raws[k].empty for k in ("fund_by_function", "fund_three_public", "soe_by_function")] == [True] * 3
    assert raws["project_performance"].number == "6" and raws["project_performance"].rows == []


def test_wide_economic_table_multi_line_header(parsed):
    # 206-209: 总计 | 本级当年财政拨款安排 › 合计 | › 一般公共预算拨款 › 小计/基本支出/项目支出
    table = parsed("003").table("fiscal_by_economic")
    office = next(r for r in table.rows if r.line == 225)  # 办公费 5.70 5.70 5.70 1.20 4.50
    assert office.values == {
        "总计": Decimal("5.70"),
        "当年财政拨款安排/合计": Decimal("5.70"),
        "当年财政拨款安排/一般公共预算拨款/小计": Decimal("5.70"),
        "当年财政拨款安排/一般公共预算拨款/基本支出": Decimal("1.20"),
        "当年财政拨款安排/一般公共预算拨款/项目支出": Decimal("4.50"),
    }
    total = table.rows[0]  # 210 合 计 753.70 753.70 753.70 472.34 281.37
    assert total.values["当年财政拨款安排/一般公共预算拨款/项目支出"] == Decimal("281.37")


def test_garbled_code_cells_kept(parsed, raws):
    # Line 245: "3⇥0⇥229001⇥基本离休费"
    row = next(r for r in raws["fiscal_by_economic"].rows if r.line == 245)
    assert row.code_groups == ["3", "0", "229001"]
    assert next(r for r in parsed("003").table("fiscal_by_economic").rows if r.line == 245).code_garbled


def test_unit_code_glued_to_name_is_split(raws):
    # Line 269: "206⇥07⇥01⇥229 机构运行⇥289.04⇥289.04⇥"
    row = next(r for r in raws["gp_by_function"].rows if r.line == 269)
    assert (row.code_groups, row.name) == (["206", "07", "01", "229"], "机构运行")


def test_shifted_expenditure_rows_are_reported_and_placed(parsed, raws):
    # 145: "206⇥07⇥02⇥229001⇥科普活动⇥12.00⇥⇥⇥12.00": the 合计 cell sits under the name column.
    lines = {line for line, _ in raws["expenditure_summary"].problems}
    assert lines == set(range(144, 159))
    rows = {r.line: r for r in parsed("003").table("expenditure_summary").rows}
    assert rows[145].values == {"合计": Decimal("12.00"), "项目支出": Decimal("12.00")}
    assert rows[150].values == {"合计": Decimal("80.86"), "基本支出": Decimal("80.86")}
    # Placed by header and arithmetic, not by the printed cell: the row says so.
    assert "不对齐" in rows[145].note and "合计关系" in rows[145].note
    assert rows[141].note is None  # 141: 合 计 753.70 472.34 281.37, every cell under its header


def test_own_totals_against_leaf_rows(parsed):
    d = parsed("003")
    # 3: 15 项 rows 269-283 sum to 753.71 (210 rows 279-282 give 23.50; 收支总表 line 94 prints 23.49)
    # against 合 计 753.70 (266): a rounding-size difference, recorded.
    msgs = problems_at(d, "gp_by_function", 266)
    assert any("753.70" in m and "753.71" in m and "在舍入容差内" in m for m in msgs)
    # 3-1: 30102 津贴补贴 40.21 vs 5.38+1.04+33.80 = 40.22 and 30112 2.26 vs 2.27: leaves 472.36 vs 472.34 (295).
    msgs = problems_at(d, "gp_basic_by_economic", 295)
    assert any("472.34" in m and "472.36" in m for m in msgs)
    # 3-2 projects reproduce 281.37 exactly (365; leaf projects 369-381).
    assert [p for p in d.problems if p.table == "gp_projects"] == []
    # 收支总表: 570.41 + 132.23 + 23.49 + 27.57 = 753.70 (113): nothing to record.
    assert [p for p in d.problems if p.table == "income_expenditure_summary"] == []
