"""The tab-separated front end on seed 004 (重庆市科学技术协会, municipal layout 表一…表十二),
and on synthetic files: a table cut off mid-way, GB18030 with CRLF and full-width digits.

Expected values are read from the seed file; line numbers are quoted.
"""

from decimal import Decimal

import pytest

from lineage.parse.build import build_table
from lineage.parse.layouts import tsv
from lineage.parse.locate import find_anchors
from lineage.read import read_document
from lineage.parse.disclosure import parse_file
from tests.conftest import problems_at, seed_path

# number → (kind, title line, amount-bearing rows)
EXPECTED = {
    "一": ("fiscal_summary", 67, 10),  # both sides of 73, 74, 83; 75-78
    "二": ("gp_by_function", 87, 26),  # 93-107, 111-121 (header again at 109-110)
    "三": ("gp_basic_by_economic", 125, 38),  # 131-145, 149-167, 171-174 (147-148, 169-170)
    "四": ("gp_three_public", 178, 1),  # 185, no label
    "五": ("fund_by_function", 189, 0),  # 197 故此表无数据
    "六": ("income_expenditure_summary", 201, 10),  # both sides of 207, 208, 212; 209-211, 216
    "八": ("expenditure_summary", 220, 26),  # 225-240, 243-252 (242)
    "十": ("department_performance", 256, 0),
    "十一": ("special_fund_performance", 279, 0),
    "十二": ("project_performance", 294, 0),
}


def _read(path):
    doc = read_document(path)
    return tsv.read_tables(doc, find_anchors(doc))


@pytest.fixture(scope="module")
def raws():
    return {t.number: t for t in _read(seed_path("004"))}


def test_numbered_tables(raws):
    # 表七 and 表九 are not printed.
    assert list(raws) == list(EXPECTED)
    for number, (kind, line, count) in EXPECTED.items():
        assert (raws[number].kind, raws[number].line, len(raws[number].rows)) == (kind, line, count)
    assert raws["五"].empty and raws["十一"].empty and not raws["十二"].empty


def test_thousands_separators_and_subtotal_rows(parsed):
    rows = parsed("004").table("gp_by_function").rows
    total = rows[0]  # 93: 合 计 10,527.11 3,280.11 7,247.00
    assert total.values == {"合计": Decimal("10527.11"), "基本支出": Decimal("3280.11"), "项目支出": Decimal("7247.00")}
    assert [(r.code, r.line) for r in rows[1:4]] == [("201", 94), ("20129", 95), ("2012901", 96)]


def test_leaf_rows_reproduce_table_two(parsed):
    # 表二: the 7-digit rows (96, 99-104, 107, 111-113, 116-118, 121) against 合 计 (93).
    rows = parsed("004").table("gp_by_function").rows
    leaves = [r for r in rows if r.code and len(r.code) == 7]
    assert len(leaves) == 15
    assert sum(r.values.get("项目支出", Decimal(0)) for r in leaves) == Decimal("7247.00")
    assert sum(r.values["合计"] for r in leaves) == Decimal("10527.10")  # printed 10,527.11


def test_rounding_differences_are_detected_within_band(parsed):
    d = parsed("004")
    # 表一 74-78: 1,220.75+8,383.31+600.64+150.96+171.44 = 10,527.10 vs 支出合计 10,527.11 (83);
    # 5 parts: band (5+1)×0.005 = 0.030.
    msgs = problems_at(d, "fiscal_summary", 83)
    assert len(msgs) == 2  # columns 合计 and 一般公共预算
    assert all("10527.10" in m and "相差 0.01" in m and "±0.030" in m and "在舍入容差内" in m for m in msgs)
    # 表六 208-212: 1,220.75+9,814.73+623.87+162.76+171.44 = 11,993.55 vs 合 计 11,993.56 (207),
    # the income side 10,527.11+345.92+1,120.53 = 11,993.56 reproduces it.
    summary = [p for p in d.problems if p.table == "income_expenditure_summary"]
    assert [p.line for p in summary] == [207]
    assert "11993.55" in summary[0].message


def test_total_first_and_label_less_three_public(raws):
    assert [(r.side, r.role) for r in raws["六"].rows[:2]] == [("income", "total"), ("expenditure", "total")]
    (row,) = raws["四"].rows  # 185: 116.00 20.00 54.00 (blank) 54.00 42.00
    assert row.role == "total"
    assert row.positions == [
        "合计", "因公出国（境）费用", "公务用车购置及运行费/小计", "公务用车购置及运行费/公务用车运行费", "公务接待费",
    ]


# A municipal table as 004 prints it (lines 85-107), used for the synthetic files.
TABLE = [
    "表二", "", "某单位一般公共预算财政拨款支出预算表", "", "单位：万元", "",
    "功能分类科目\t\t2024 年预算数\t\t",
    "科目编码\t科目名称\t总 计\t基本支出\t项目支出",
    "\t合 计\t1,300.50\t300.50\t1,000.00",
    "206\t科学技术支出\t1,300.50\t300.50\t1,000.00",
    "2060701\t机构运行\t300.50\t300.50\t",
    "2060702\t科普活动\t1,000.00\t\t1,000.00",
]


def test_table_cut_off_mid_way_is_reported(tmp_path):
    path = tmp_path / "cut.txt"
    path.write_text("\n".join(TABLE[:-1]) + "\n", encoding="utf-8")  # 科普活动 lost
    (raw,) = _read(path)
    assert len(raw.rows) == 3
    msgs = problems_at(parse_file(path), "gp_by_function", 9)
    assert any("1300.50" in m and "300.50" in m and "超出舍入容差" in m for m in msgs)


def test_gb18030_crlf_full_width_digits_read_the_same(tmp_path):
    plain = tmp_path / "utf8.txt"
    plain.write_text("\n".join(TABLE) + "\n", encoding="utf-8")
    wide = tmp_path / "gb.txt"
    full = str.maketrans("0123456789.,", "０１２３４５６７８９．，")
    wide.write_bytes(("\r\n".join(line.translate(full) for line in TABLE) + "\r\n").encode("gb18030"))
    tables = [build_table(_read(p)[0])[0] for p in (plain, wide)]
    values = [[(r.line, r.code, r.values) for r in t.rows] for t in tables]
    assert values[0] == values[1]
    assert values[0][3] == (12, "2060702", {"合计": Decimal("1000.00"), "项目支出": Decimal("1000.00")})
    assert tables[1].rows[0].role == "total" and not _read(wide)[0].problems
    # the only problem: this table has no heading naming its unit and year, so it is keyed by content (issue #12)
    assert [p.message[:11] for p in parse_file(wide).problems] == ["未能从封面、标题或说明"]
