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


def _table(total, first, second):
    """A 3-1 table: its 合计 row and two items 301, 302, each as printed."""
    table = Table(kind="gp_basic_by_economic", title="t", line=1, end_line=20, columns=COLS)
    table.rows = [_row(0, "total", total), _row(1, "subject", first, code="301"), _row(2, "subject", second, code="302")]
    return table


def test_every_candidate_satisfies_the_sum():
    for cand in candidates("expenditure_summary", ["合计", "基本支出", "项目支出"], ["10.00", "4.00", "6.00"]):
        assert cand["合计"] == cand.get("基本支出", 0) + cand.get("项目支出", 0)


def test_column_totals_decide_rows_the_row_alone_cannot():
    # 合计 5.00 = 人员 3.00 + 公用 2.00; the items "3.00 3.00" and "2.00 2.00"
    # are each ambiguous alone, but only one split adds up per column.
    table = _table(["5.00", "3.00", "2.00"], ["3.00", "3.00"], ["2.00", "2.00"])
    assert table.rows[1].ambiguous
    resolve_by_column_totals(table)
    assert table.rows[1].values == {"合计": Decimal("3.00"), "人员经费": Decimal("3.00")}
    assert table.rows[2].values == {"合计": Decimal("2.00"), "公用经费": Decimal("2.00")}
    assert not table.rows[2].ambiguous and "合计" in table.rows[2].note


def test_symmetric_rows_stay_ambiguous():
    # 合计 4.00 = 2.00 + 2.00 with two equal items: either could be 人员.
    table = _table(["4.00", "2.00", "2.00"], ["2.00", "2.00"], ["2.00", "2.00"])
    resolve_by_column_totals(table)
    assert table.rows[1].ambiguous and len(table.rows[1].candidates) == 2


# --- the explanation text decides what the flattened layout lost ------------------------------------------


def _placed(d, kind: str) -> dict[str, dict[str, str]]:
    table = next(t for t in d.tables if t.kind == kind)
    return {r.name.strip(): {k: str(v) for k, v in r.values.items()} for r in table.rows if not r.ambiguous and r.role == "subject"}


def test_the_text_decides_the_flattened_expenditure_summary_of_001(parsed):
    d = parsed("001")
    table = next(t for t in d.tables if t.kind == "expenditure_summary")
    total = next(r for r in table.rows if r.role == "total")
    # line 558 "合    计 367.12 177.07 190.05" fits 基本/项目 as well as 上缴上级/对附属单位; lines 195-197:
    # "2024 年支出预算 367.12 万元，其中：基本支出 177.07 万元，占 48.23%；项目支出 190.05 万元"
    assert {k: str(v) for k, v in total.values.items()} == {"合计": "367.12", "基本支出": "177.07", "项目支出": "190.05"}
    assert not total.ambiguous and total.note == "由说明第195、197行确定"
    # then the column totals place every subject (lines 564-588): 190.05 = 56.05 + 134.00 is the only split
    assert not any(r.ambiguous for r in table.rows)
    placed = _placed(d, "expenditure_summary")
    assert placed["机构运行"] == {"合计": "143.09", "基本支出": "143.09"}  # line 564
    assert placed["其他科学技术普及支出"] == {"合计": "56.05", "项目支出": "56.05"}  # line 566
    assert placed["其他国有土地使用权出让收入安排的支出"] == {"合计": "134.00", "项目支出": "134.00"}  # lines 578-581 (amounts on 581)


def test_the_text_decides_the_flattened_expenditure_summary_of_000(parsed):
    d = parsed("000")
    total = next(r for t in d.tables if t.kind == "expenditure_summary" for r in t.rows if r.role == "total")
    # line 256 "合    计 1162.13 406.12 756.01"; lines 1869-1873: "基本支出 406.12 万元 … 项目支出 756.01 万元"
    assert {k: str(v) for k, v in total.values.items()} == {"合计": "1162.13", "基本支出": "406.12", "项目支出": "756.01"}
    assert total.note == "由说明第1869、1871行确定"
    assert _placed(d, "expenditure_summary")["其他科学技术支出"] == {"合计": "338.03", "项目支出": "338.03"}  # line 262


def _without_text_evidence(monkeypatch):
    """001 parsed as if its explanation text stated nothing: the 支出总表 total row stays ambiguous."""
    import lineage.parse.disclosure as parse_disclosure
    from tests.conftest import seed_path

    monkeypatch.setattr(parse_disclosure, "read_claims", lambda doc, year: ([], []))
    d = parse_disclosure.parse_file(seed_path("001"))
    total = next(r for t in d.tables if t.kind == "expenditure_summary" for r in t.rows if r.role == "total")
    assert total.ambiguous
    return d, total


def _claim(subject, value, line, scope="expenditure_total"):
    from lineage.model import Claim

    return Claim(line=line, text="", subject=subject, kind="amount", value=Decimal(value), unit="万元", year=2024, scope=scope)


def test_a_text_that_contradicts_itself_or_every_placement_decides_nothing(monkeypatch):
    from lineage.parse.placement import resolve_totals_from_text

    d, total = _without_text_evidence(monkeypatch)
    before = len(total.candidates)
    d.claims = [_claim("basic", "177.07", 1), _claim("basic", "177.00", 2)]  # the text disagrees with itself
    assert resolve_totals_from_text(d, {}) == [] and len(total.candidates) == before
    d.claims = [_claim("basic", "999.99", 1)]  # no placement prints it
    assert resolve_totals_from_text(d, {}) == [] and total.ambiguous
    d.claims = [_claim("basic", "177.07", 1).model_copy(update={"year": 2023})]  # last year's figure
    assert resolve_totals_from_text(d, {}) == [] and total.ambiguous
    d.claims = [_claim("project", "190.05", 7)]
    assert resolve_totals_from_text(d, {}) and total.values["项目支出"] == Decimal("190.05") and total.note == "由说明第7行确定"


def test_the_text_decides_current_year_against_carried_over_in_001s_table_3(parsed):
    d = parsed("001")
    table = next(t for t in d.tables if t.kind == "gp_by_function")
    total = next(r for r in table.rows if r.role == "total")
    # line 742 "合    计 233.12 233.12": 当年财政拨款安排 or 上年结转安排? Line 217: "一般公共预算当年拨款233.12万元".
    # Line 291 (一般公共预算基本支出 177.07) names a column this table does not have: not evidence here.
    assert {k: str(v) for k, v in total.values.items()} == {"合计": "233.12", "当年财政拨款安排": "233.12"}
    assert total.note == "由说明第217行确定"
    assert not any(r.ambiguous for r in table.rows)
    assert _placed(d, "gp_by_function")["机构运行"] == {"合计": "143.09", "当年财政拨款安排": "143.09"}  # line 748


# --- pins: another table or the text states the sum of some cells of a row ---------------------------------


def test_a_pin_decides_and_a_contradicting_pin_decides_nothing():
    from lineage.parse.evidence import Pin
    from lineage.parse.placement import apply_pins

    table = _table(["4.00", "2.00", "2.00"], ["2.00", "2.00"], ["2.00", "2.00"])  # symmetric: 2 candidates each
    row = table.rows[1]
    assert apply_pins([Pin(table, row, ("人员经费",), Decimal("9.99"), "表X第1行")], {}) == []
    assert row.ambiguous and len(row.candidates) == 2
    assert apply_pins([Pin(table, row, ("公用经费",), Decimal("2.00"), "表X第1行")], {}) == [table]
    assert row.values == {"合计": Decimal("2.00"), "公用经费": Decimal("2.00")} and row.note == "由表X第1行确定"
    resolve_by_column_totals(table)  # and the column totals then place the other item
    assert table.rows[2].values == {"合计": Decimal("2.00"), "人员经费": Decimal("2.00")}
