"""The seeds with their mistakes corrected give no false finding.

tests/fixtures/clean/ holds each seed with every mistake an error- or
warning-level finding reports corrected as its author would have (the edits,
line by line, and why: tests/fixtures/clean/CORRECTIONS.md). A corrected
document is a clean document: any error left is either a mistake the text
layout cannot correct within its lines (a table not printed, table rows lost
at a page break) — pinned here one by one with the reason — or a false error
of the tool, and the test fails on it. The warnings that stay are the
printed document's own rounding (a total against the sum of its rounded
parts), pinned with their figures as read in the document.
"""

from decimal import Decimal
from pathlib import Path

import pytest

from lineage.checks import run_checks
from lineage.parse.disclosure import parse_file
from tests.conftest import seed_path

CLEAN = Path(__file__).resolve().parent.parent / "fixtures" / "clean"


@pytest.fixture(scope="module")
def findings():
    cache = {}

    def get(prefix: str):
        if prefix not in cache:
            cache[prefix] = run_checks(parse_file(seed_path(prefix, CLEAN)))
        return cache[prefix]

    return get


def at(fs, severity):
    return {(f.code, f.evidence[0].line) for f in fs if f.severity == severity}


def figures(fs, code):
    return [(f.evidence[0].line, f.expected, f.found) for f in fs if f.code == code and f.severity == "warning"]


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003"])
def test_copy_keeps_the_layout(prefix):
    """Edits stay within lines: every line number of the seed still points at the same place."""
    seed = seed_path(prefix).read_text(encoding="utf-8").split("\n")
    copy = seed_path(prefix, CLEAN).read_text(encoding="utf-8").split("\n")
    assert len(copy) == len(seed)
    assert seed_path(prefix, CLEAN).name == seed_path(prefix).name


def test_000_clean(findings):
    # The duplicate print of 表6 (lines 1307-1832 repeat 776-1306) is emptied; nothing else was wrong:
    # the 19 projects of line 2045 are 人员类2 + 运转类6 + 特定目标类11, of which 表6 prints 13 (info).
    fs = findings("000")
    assert at(fs, "error") == set()
    assert at(fs, "warning") == set()
    assert ("NR04", 2045) in at(fs, "info")


def test_001_clean(findings):
    fs = findings("001")
    assert at(fs, "error") == set()
    assert at(fs, "warning") == {("BL02", 558), ("HI01", 689), ("NR05", 181)}
    # 支出总表 (line 558): 合计 367.12 against its 项 rows, which add up to 367.11.
    assert figures(fs, "BL02") == [(558, Decimal("367.12"), Decimal("367.11"))]
    # 财政拨款支出预算表 301 工资福利支出 155.40 (line 689), its items add up to 155.41.
    assert figures(fs, "HI01") == [(689, Decimal("155.40"), Decimal("155.41"))]
    # 一般公共预算资金 (with 上年结转, line 173) up 6.86 (lines 181, 205); its 当年拨款 up 32.12 from
    # 201.00 (line 219): two quantities whose changes differ by the carry-over's — a warning.
    assert figures(fs, "NR05") == [(181, Decimal("6.86"), Decimal("32.12"))]


def test_002_clean(findings):
    fs = findings("002")
    # The 目录 lists 收入总表 (line 19), 财政拨款支出预算表（政府经济分类科目） (22), 政府性基金预算支出预算表 (27)
    # and 国有资本经营预算支出预算表 (29); the body prints none of them: no edit within a line prints a table.
    assert at(fs, "error") == {("TB01", 19), ("TB01", 22), ("TB01", 27), ("TB01", 29)}
    assert at(fs, "warning") == {("BL02", 274), ("BL03", 354), ("HI01", 357), ("NR06", 99)}
    # 支出总表 合计 350.22 (line 274); its 项 rows add up to 350.21.
    assert figures(fs, "BL02") == [(274, Decimal("350.22"), Decimal("350.21"))]
    # 基本支出表 合计 200.22 (line 354) against 人员经费 185.04 + 公用经费 15.17 = 200.21.
    assert figures(fs, "BL03") == [(354, Decimal("200.22"), Decimal("200.21"))]
    assert figures(fs, "HI01") == [(357, Decimal("163.44"), Decimal("163.43"))]
    # line 99: 3.91 / 16.36 = 23.90%, printed 23.89% — within what the rounded 3.91 and 16.36 allow.
    assert figures(fs, "NR06") == [(99, Decimal("23.90"), Decimal("23.89"))]


def test_003_clean(findings):
    fs = findings("003")
    # 财政拨款支出预算表（部门经济分类科目） loses its rows at the break at line 224: after 绩效工资 (line 223)
    # the 301 items 30108-30199 and the 302 商品和服务支出 row (表3-1 prints them, lines 312-328) are
    # missing, some twenty rows no single blank line can hold.
    assert at(fs, "error") == {("HI02", 210)}
    assert at(fs, "warning") == {("BL02", 141), ("BL03", 141), ("HI01", 300), ("XT02", 447)}
    assert figures(fs, "BL02") == [(141, Decimal("753.70"), Decimal("753.71"))]
    assert figures(fs, "BL03") == [(141, Decimal("753.70"), Decimal("753.71"))]
    # 30102 津贴补贴 40.21 (line 300) against 5.38 + 1.04 + 33.80 = 40.22.
    assert figures(fs, "HI01") == [(300, Decimal("40.21"), Decimal("40.22"))]
    # the target table's 34 project amounts add up to 753.72 against its printed 753.70 (line 446).
    assert figures(fs, "XT02") == [(447, Decimal("753.70"), Decimal("753.72"))]


def test_004_has_nothing_to_correct_within_its_lines():
    """004 has no corrected copy: what its errors report cannot be corrected within a line.

    表七 and 表九 are not printed (表六 line 199 is followed by 表八 line 218, 表八 by 表十 line 254);
    表十二's five 当年财政拨款 project amounts (lines 301-325) add up to 8,167.00 while all the
    财政拨款 project money is 7,247.00 (表二 line 93, text line 45) — the document does not show
    which amount (or the column's heading) is wrong, and the text ends inside the table.
    """
    fs = run_checks(parse_file(seed_path("004")))
    assert at(fs, "error") == {("TB01", 201), ("TB01", 220), ("XT02", 301)}
    assert at(fs, "warning") == {("BL02", 83), ("HI01", 132)}
    # 财政拨款收支总表 合计 10,527.11 (line 83) against its rows, 10,527.10.
    assert figures(fs, "BL02") == [(83, Decimal("10527.11"), Decimal("10527.10"))]
    assert figures(fs, "HI01") == [(132, Decimal("2476.03"), Decimal("2476.04"))]
