"""Whole-元 tables round to 1 元, so their rounding band is (n + 1) × 0.5 元, not × 0.005.

上海市普陀区万里街道 2025 部门预算 (data/pdf/shanghai-putuo-wanli-2025-bumen.pdf) prints its tables in 元
without decimals. 部门收入预算总表, pages 12–13 (read with pdftotext -layout):
    212 01     城乡社区管理事务      94,995,790
    212 01 01  行政运行            17,887,739
    212 01 02  一般行政管理事务     17,464,243
    212 01 04  城管执法             6,522,681
    212 01 99  其他城乡社区管理事务支出 53,121,126
The four 项 add up to 94,995,789: one 元 short of the 款, well inside the 2.5 元 that five amounts each
rounded to the 元 may honestly differ by. It is a rounding difference to show, never an error.
"""

from decimal import Decimal
from pathlib import Path

import pytest

from lineage.amounts import rounding_band
from lineage.checks import run_checks
from lineage.parse.disclosure import parse_file

PDF = Path(__file__).resolve().parents[2] / "data" / "pdf" / "shanghai-putuo-wanli-2025-bumen.pdf"


def test_band_follows_the_printed_precision():
    assert rounding_band(4, Decimal("94995790"), Decimal("94995789")) == Decimal("2.5")
    assert rounding_band(4, Decimal("143.09"), Decimal("143.08")) == Decimal("0.025")
    # A misprinted digit in whole 元 is still far outside the band.
    assert Decimal("94995790") - Decimal("94995780") > rounding_band(4, Decimal("94995790"), Decimal("94995780"))


@pytest.fixture(scope="module")
def wanli_findings():
    return run_checks(parse_file(PDF))


def test_one_yuan_differences_are_warnings(wanli_findings):
    # HI01's rounding-sized differences of one document are one warning, every row of them in its evidence
    kuan = [f for f in wanli_findings if f.code == "HI01"
            and any(e.text.replace(" ", "").startswith("21201城乡社区管理事务94995790") for e in f.evidence)]
    assert kuan, "the 1 元 difference of 21201 in 收入预算总表 is still shown"
    assert {f.severity for f in kuan} == {"warning"}


def test_no_error_from_whole_yuan_rounding(wanli_findings):
    assert not [f for f in wanli_findings if f.code in {"HI01", "BL03"} and f.severity == "error"]
