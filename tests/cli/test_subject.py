"""`lineage subject CODE`: a functional subject across the stored units (no server)."""

from __future__ import annotations

from click.testing import CliRunner

from lineage_cli.main import cli


def test_20607_in_every_unit_that_spends_on_it(run_json):
    rows = {r["disclosure"]: r for r in run_json("subject", "20607")}
    # 003 lines 144-148: 289.04 (基本) + 12.00 + 2.80 + 12.00 + 228.00 (项目) = 543.84; funding 753.70 (line 127)
    ls = rows["2024/凉山州科学技术协会/部门预算"]
    assert (ls["inflow"], ls["basic"], ls["project"], ls["sources"]) == ("543.84", "289.04", "254.80", ["一般公共预算拨款收入 753.70"])
    # 004 line 230: 20607 科学技术普及 9,814.73 = 1,419.26 基本 + 8,395.47 项目 (表八)
    cq = rows["2024/重庆市科学技术协会/部门预算"]
    assert (cq["inflow"], cq["basic"], cq["project"]) == ("9814.73", "1419.26", "8395.47")
    # 001 lines 564, 566: 机构运行 143.09 (基本), 其他科学技术普及支出 56.05 (项目), placed by the text (lines 195-197)
    qx = rows["2024/渠县科学技术协会/部门预算"]
    assert qx["subjects"] == ["2060701 机构运行 143.09", "2060799 其他科学技术普及支出 56.05"]
    assert (qx["basic"], qx["project"]) == ("143.09", "56.05")
    assert len(rows) == 5  # every seed spends under 20607


def test_a_code_that_is_no_functional_code_is_a_one_line_error(seeds_store):
    result = CliRunner().invoke(cli, ["subject", "2067", "--store", str(seeds_store)])
    assert result.exit_code == 2 and "2067: not a 功能分类 code" in result.stderr
