"""`lineage find AMOUNT`: where an amount is printed, from the embedded store (no server)."""

from __future__ import annotations

from click.testing import CliRunner

from lineage_cli.main import cli


def test_a_table_amount_is_found_at_every_row_that_prints_it(run_json):
    hits = run_json("find", "143.09")
    # 001 only: line 564 (表1-2 部门支出总表, 机构运行 143.09 in 合计 and 基本支出) and line 748 (表3, 当年财政拨款安排)
    assert [(h["disclosure"], h["line"], h["columns"]) for h in hits] == [
        ("2024/渠县科学技术协会/部门预算", 564, ["合计", "基本支出"]),
        ("2024/渠县科学技术协会/部门预算", 748, ["合计", "当年财政拨款安排"]),
    ]
    assert "机构运行" in hits[0]["printed"] and hits[0]["where"].startswith("表1-2")


def test_a_text_figure_is_found_with_the_findings_that_cite_its_line(run_json):
    hits = run_json("find", "734.24", "--unit", "渠县")
    # line 201: 财政拨款收支预算总数 734.24 万元, twice 367.12: DC01 cites it
    (text,) = [h for h in hits if h["where"] == "说明"]
    assert text["line"] == 201 and any(f.startswith("DC01 error") for f in text["findings"])


def test_thousands_separators_and_the_unit_filter(run_json):
    hits = run_json("find", "1,220.75", "--unit", "重庆")
    # 004 lines 226-228: 201 一般公共服务支出 / 20129 群众团体事务 / 2012901 行政运行 all print 1,220.75
    assert {226, 227, 228} <= {h["line"] for h in hits}
    assert {h["disclosure"] for h in hits} == {"2024/重庆市科学技术协会/部门预算"}
    assert run_json("find", "1,220.75", "--unit", "渠县") == []


def test_not_an_amount_is_a_one_line_error(seeds_store):
    result = CliRunner().invoke(cli, ["find", "abc", "--store", str(seeds_store)])
    assert result.exit_code == 2 and result.stderr.strip() == "error: abc: not an amount (e.g. 143.09 or 1,220.75)"
