"""TB01 follows the document's own 目录, its numbering and its template family.

Expected values read from the seeds (line numbers cited).
"""

from lineage.checks import run_checks
from lineage.model import Disclosure, Source, Table


def tb01(d):
    return [f for f in run_checks(d, {"TB01"})]


def test_004_chongqing_numbering_gaps_and_no_foreign_tables(parsed):
    d = parsed("004")
    assert d.family == "chongqing_budget"
    found = tb01(d)
    # 004 prints 表一 … 表六 (line 199), 表八 (line 218), 表十 (line 254), 表十一, 表十二 — no 目录.
    # 表七 and 表九 are not printed; nothing else is missing (the five Sichuan-only tables of the
    # old check — 收入总表 under 表1-1, 经济分类表, 项目支出表, 基金三公, 国资表 — are not Chongqing's).
    assert sorted(f.message.split("（")[0] for f in found) == ["缺少「表七」", "缺少「表九」"]
    seven, nine = sorted(found, key=lambda f: f.evidence[0].line)
    assert seven.severity == nine.severity == "error"
    # Each cites its neighbours: 表六 部门收支总表 (title line 201) and 表八 部门支出总表 (line 220) …
    assert [e.line for e in seven.evidence] == [201, 220]
    # … and 表八 and 表十 部门整体绩效目标表 (line 256).
    assert [e.line for e in nine.evidence] == [220, 256]
    assert (seven.expected, seven.found) == (1, 0)
    assert seven.expected_label == "表七「部门收入总表」"
    assert seven.found_label == "表六（第 201 行）之后即是表八（第 220 行）"


def test_seeds_with_complete_sets_report_nothing(parsed):
    # 000 and 003 print every table of their 目录 (000 lines 87-115, 003 lines 17-30); 001 has no 目录
    # and prints the whole national set (表1 line 401 … 绩效目标表 line 1015).
    for seed in ("000", "001", "003"):
        assert tb01(parsed(seed)) == [], seed


def test_shanghai_family_from_contents_numbers_only_there():
    # A Shanghai-style document: tables printed without numbers, the 目录 numbering them 1–9.
    from lineage.model import ContentsEntry
    from lineage.vocab.families import BY_NAME

    sh = BY_NAME["shanghai_budget"]
    d = Disclosure(id="x", unit_name="x", layout="pdf", source=Source(path="x.pdf", sha256=""),
                   family="shanghai_budget")
    line = 100
    for e in sh.tables:
        d.contents.append(ContentsEntry(line=e.number and int(e.number) + 10, title=e.title, kind=e.kind,
                                        number=e.number, printed=None if e.number == "6" else line))
        if e.number != "6":
            d.tables.append(Table(kind=e.kind, number=e.number, title=e.title, line=line, end_line=line + 5))
        line += 10
    (f,) = tb01(d)
    # The 目录 entry of 表6 (line 16) is cited; numbering does not report it a second time.
    assert f.severity == "error" and f.lines == [16] and "政府性基金" in f.message
    assert (f.expected_label, f.found_label) == ("目录第 16 行：部门政府性基金预算支出功能分类预算表", "正文未印出")


def test_family_table_missing_without_contents_is_a_warning(parsed):
    d = parsed("001").model_copy(deep=True)
    d.tables = [t for t in d.tables if t.kind != "gp_projects"]
    (f,) = tb01(d)
    # 001 has no 目录 and prints 表3-1 (line 768) and 表3-3 (line 866): 表3-2 is a numbering gap, an error.
    assert f.severity == "error" and f.lines == [768, 866]
    d.tables = [t for t in d.tables if t.kind != "soe_by_function"]  # 表5, the last numbered money table
    warnings = [f for f in tb01(d) if f.severity == "warning"]
    assert [f.message.split("（")[0] for f in warnings] == ["缺少「国有资本经营预算支出预算表」"]
