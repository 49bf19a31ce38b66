"""The more/ PDFs (data/pdf/more/): one 部门/单位预算 each from other provinces and a central department.

Each expected value is read from the PDF page named in the comment (pdftotext -layout -f P -l P, or the
page rendered with pdftoppm). They pin readings that once produced false error-level findings.
"""

from __future__ import annotations

import pytest

from lineage.parse.disclosure import parse_file
from tests.parse.pdf_rows import PDF, D, table, values

MORE = PDF / "more"


@pytest.fixture(scope="module")
def xinfangju():
    return parse_file(MORE / "central-guojia-xinfangju-2026.pdf")


def test_page_number_centred_under_a_table_is_no_row(xinfangju):
    # Page 8 (部门公开表3 部门支出总表, continued): "合 计 50,616.94 11,056.07 39,560.87", then the page
    # number "7" centred below the table at 88% of the (landscape) page's height: furniture, not a row.
    rows = table(xinfangju, "expenditure_summary").rows
    assert [values(r) for r in rows if r.role == "total"] == [
        {"合计": D("50,616.94"), "基本支出": D("11,056.07"), "项目支出": D("39,560.87")}]
    assert not [r for r in rows if r.role == "total_repeat"]
    # Page 12 (部门公开表6 一般公共预算基本支出表): the page number "11" sits above "合 计 9,880.88 7,504.62 2,376.26".
    totals = [values(r) for r in table(xinfangju, "gp_basic_by_economic").rows if r.role in ("total", "total_repeat")]
    assert totals == [{"合计": D("9,880.88"), "人员经费": D("7,504.62"), "公用经费": D("2,376.26")}]
