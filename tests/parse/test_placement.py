"""Placement of values whose cells were lost, and its resolution by column totals."""

from decimal import Decimal

from lineage.model import Row, Table
from lineage.parse.placement import candidates, resolve_by_column_totals

COLS = ["合计", "人员经费", "公用经费"]


def _row(index, role, printed, code=None):
    cands = candidates("gp_basic_by_economic", COLS, printed)
    row = Row(index=index, line=10 + index, role=role, code=code, printed=printed)
    if len(cands) == 1:
        row.values = cands[0]
    else:
        row.ambiguous, row.candidates = True, cands
    return row


def test_every_candidate_satisfies_the_sum():
    for cand in candidates("expenditure_summary", ["合计", "基本支出", "项目支出"], ["10.00", "4.00", "6.00"]):
        assert cand["合计"] == cand.get("基本支出", 0) + cand.get("项目支出", 0)


def test_column_totals_decide_rows_the_row_alone_cannot():
    # 合计 5.00 = 人员 3.00 + 公用 2.00; the items "3.00 3.00" and "2.00 2.00"
    # are each ambiguous alone, but only one split adds up per column.
    table = Table(kind="gp_basic_by_economic", title="t", line=1, end_line=20, columns=COLS)
    table.rows = [
        _row(0, "total", ["5.00", "3.00", "2.00"]),
        _row(1, "subject", ["3.00", "3.00"], code="301"),
        _row(2, "subject", ["2.00", "2.00"], code="302"),
    ]
    assert table.rows[1].ambiguous
    resolve_by_column_totals(table)
    assert table.rows[1].values == {"合计": Decimal("3.00"), "人员经费": Decimal("3.00")}
    assert table.rows[2].values == {"合计": Decimal("2.00"), "公用经费": Decimal("2.00")}
    assert not table.rows[2].ambiguous and "合计" in table.rows[2].note


def test_symmetric_rows_stay_ambiguous():
    # 合计 4.00 = 2.00 + 2.00 with two equal items: either could be 人员.
    table = Table(kind="gp_basic_by_economic", title="t", line=1, end_line=20, columns=COLS)
    table.rows = [
        _row(0, "total", ["4.00", "2.00", "2.00"]),
        _row(1, "subject", ["2.00", "2.00"], code="301"),
        _row(2, "subject", ["2.00", "2.00"], code="302"),
    ]
    resolve_by_column_totals(table)
    assert table.rows[1].ambiguous and len(table.rows[1].candidates) == 2
