"""The two Shanghai 部门预算 PDFs (tables in 元, text in 万元): their errors, read in the documents."""

from pathlib import Path

import pytest

from lineage.checks import run_checks
from lineage.parse.disclosure import parse_file

PDF = Path(__file__).resolve().parents[2] / "data" / "pdf"


@pytest.fixture(scope="module")
def findings():
    cache = {}

    def get(name):
        if name not in cache:
            cache[name] = run_checks(parse_file(PDF / name))
        return cache[name]

    return get


def test_sifaju_2026_errors(findings):
    fs = findings("shanghai-putuo-sifaju-2026-bumen.pdf")
    assert {(f.code, f.lines[0]) for f in fs if f.severity == "error"} == {
        # line 110 (page 9): "11、医疗卫生与计划生育支出（210类）行政事业单位医疗（11款）…" — 210 is 卫生健康支出.
        ("LB04", 110),
        # lines 98-99: 专项… 2025年执行数 43269.3 万元, 2026年 3845.49, "增加17.62%" (3845.49 / 3269.3: one digit too many)
        ("NR09", 98),
        # lines 105-106: 77.99 → 91.97 is +17.93%, printed 17.66% (the percentage of line 103's item)
        ("NR09", 105),
        # lines 112-113: 住房公积金 208.8 万元, then "2026年预算安排201.50万元" (5.27% is 208.8 on 198.34)
        ("NR09", 112),
    }
    # line 82: 支出预算 9628.22 万元 against 收支总表's 96,282,213.44 元: the same money, rounded
    assert not [f for f in fs if f.code == "NR01" and f.severity != "info"]


def test_wanli_2025_has_no_error(findings):
    # tables in whole 元: one-元 differences (212 01: 94,995,790 against Σ 94,995,789) are rounding
    fs = findings("shanghai-putuo-wanli-2025-bumen.pdf")
    assert not [f for f in fs if f.severity == "error"], [f.message for f in fs if f.severity == "error"]
    assert {f.code for f in fs if f.severity == "warning"} <= {"BL03", "HI01", "BL02"}
