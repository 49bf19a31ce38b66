"""上海市普陀区人民政府万里街道办事处 2025 部门预算 (data/pdf/shanghai-putuo-wanli-2025-bumen.pdf).

Whole 元 with thousands separators (189,767,551) and zeros printed "0". Expected values are read
from the PDF page named in each comment.
"""

from __future__ import annotations

import pytest

from lineage.parse.disclosure import parse_file
from tests.parse.pdf_rows import PDF, D, row, table, values

FILE = PDF / "shanghai-putuo-wanli-2025-bumen.pdf"


@pytest.fixture(scope="module")
def d():
    return parse_file(FILE)


def test_fiscal_summary(d):
    # Page 19, 2025年部门财政拨款收支预算总表 (单位：元):
    #   一、一般公共预算资金 189,767,551 | 一、一般公共服务支出 3,296,600 3,296,600
    #   二、政府性基金 (blank)            | 二、公共安全支出 2,878,025 2,878,025
    #   …                                | 八、城乡社区支出 154,369,326 154,369,326
    #   收入总计 189,767,551              | 支出总计 189,767,551 189,767,551
    assert table(d, "fiscal_summary").page == 19
    assert values(row(d, "fiscal_summary", name="一、一般公共预算资金", side="income")) == {"预算数": D("189,767,551")}
    assert values(row(d, "fiscal_summary", name="八、城乡社区支出", side="expenditure")) == {
        "合计": D("154,369,326"), "一般公共预算": D("154,369,326")}
    assert row(d, "fiscal_summary", name="收入总计", side="income").values["预算数"] == D("189,767,551")
    assert row(d, "fiscal_summary", name="支出总计", side="expenditure").values["合计"] == D("189,767,551")
    # 二、政府性基金 prints no amount at all: no income row invents one.
    assert not [r for r in table(d, "fiscal_summary").rows if r.name == "二、政府性基金"]
