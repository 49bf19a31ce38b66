"""A table the vocabulary does not know: reported once (info), never absorbed, counted as printed.

Built from seed 004 (Chongqing), whose numbering skips 表九: the Chongqing
template's 表九 is a 政府采购预算明细表, which this tool does not read. Here
one is printed in its place, with amounts that would break 表八 if they were
read into it.
"""

from lineage.checks import run_checks
from lineage.parse.disclosure import parse_file
from tests.conftest import seed_path

PROCUREMENT = [
    "表九",
    "",
    "重庆市科学技术协会政府采购预算明细表",
    "",
    "单位：万元",
    "",
    "采购项目\t采购目录\t金额",
    "\t合计\t600.16",
    "科技馆展品维护\t服务\t417.00",
    "办公设备\t货物\t183.16",
    "",
]


def _with_procurement(tmp_path):
    lines = seed_path("004").read_text(encoding="utf-8").split("\n")
    at = lines.index("表十")  # 004 line 254: the marker of 表十 部门整体绩效目标表, after 表八 (line 218)
    path = tmp_path / "004_with_procurement.txt"
    path.write_text("\n".join(lines[:at] + PROCUREMENT + lines[at:]), encoding="utf-8")
    return path, at + 1  # the 1-based line of "表九"


def test_unknown_table_reported_once_and_not_absorbed(tmp_path, parsed):
    path, marker = _with_procurement(tmp_path)
    d = parse_file(path)
    title_line = marker + 2
    infos = [p for p in d.problems if p.severity == "info" and "无法识别" in p.message]
    assert [(p.line, p.severity) for p in infos] == [(title_line, "info")]
    assert "政府采购预算明细表" in infos[0].message
    assert [(u.title, u.number) for u in d.unrecognised] == [("重庆市科学技术协会政府采购预算明细表", "九")]
    # 表八 部门支出总表 ends before 表九: same rows as in the seed, none of the procurement amounts.
    before = parsed("004").table("expenditure_summary")
    after = d.table("expenditure_summary")
    assert after.end_line < marker
    assert [r.printed for r in after.rows] == [r.printed for r in before.rows]
    assert not any("600.16" in r.printed for t in d.tables for r in t.rows)
    # The printed 表九 closes the numbering gap it used to be; 表七 is still missing.
    missing = [f.message.split("（")[0] for f in run_checks(d, {"TB01"})]
    assert missing == ["缺少「表七」"]
