"""The HTML report's data and file, without a browser: what the Sankey is drawn from, read against the
documents; the file needs nothing from outside; the command's defaults and errors."""

from __future__ import annotations

import hashlib
import os
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from lineage.graph import build_graph
from lineage.report.html_flow import flow
from lineage.report.html_report import UnitReport, default_name, render_html, report_data
from lineage_cli.main import cli
from tests.conftest import ROOT

from .conftest import REQUIRE_ENV

QX = "2024/渠县科学技术协会/部门预算"


def _links(f, source_suffix: str) -> dict[str, object]:
    return {l.target.rsplit("|", 1)[1]: l for l in f.links if l.source.endswith(source_suffix)}


def test_functional_subjects_are_summed_exactly_into_their_class(parsed):
    """001 表1-2 (lines 564-586): 2060701 机构运行 143.09 + 2060799 其他科学技术普及支出 56.05 = 206: 199.14;
    208: 15.25 + 0.91 = 16.16; 210: 3.40 + 2.67 + 1.32 = 7.39; 212 134.00; 213 1.20; 221 9.22."""
    d = parsed("001")
    g = build_graph([d])
    by_class = _links(flow(g, d, "类"), "|pool|收入")
    assert {k: l.amount for k, l in by_class.items()} == {
        "206": Decimal("199.14"), "208": Decimal("16.16"), "210": Decimal("7.39"),
        "212": Decimal("134.00"), "213": Decimal("1.20"), "221": Decimal("9.22")}
    assert by_class["206"].lines == [564, 566] and by_class["206"].tables == ["表1-2"]
    assert by_class["206"].share == Decimal("54.25")  # of the 367.11 the rows pass on
    assert by_class["206"].share_total == Decimal("54.24")  # of the 367.12 收入 receives (表1-1 line 531)
    by_item = _links(flow(g, d, "项"), "|pool|收入")
    assert by_item["2060701"].amount == Decimal("143.09") and by_item["2060701"].lines == [564]
    assert sum(l.amount for l in by_item.values()) == sum(l.amount for l in by_class.values()) == Decimal("367.11")


def test_pools_and_remainders_are_marked_undisclosed_and_indicators_are_counted(parsed):
    """001: 项目支出 190.05 (表1-2 line 558); the 项目支出表 lists one project, 2024年老科协专项工作经费 56.05
    (line 862), so 134.00 is not itemised (a derived remainder). Its target has nine indicators (lines 1462-1478)."""
    d = parsed("001")
    f = flow(build_graph([d]), d, "类")
    nodes = {n.id.split("|", 1)[1]: n for n in f.nodes}
    assert nodes["pool|收入"].undisclosed and nodes["pool|项目支出"].undisclosed
    assert nodes["unitemised|项目支出"].undisclosed and nodes["unitemised|项目支出"].depth == 4
    assert not nodes["proj|0"].undisclosed
    remainder = _links(f, "|pool|项目支出")["项目支出"]
    assert remainder.derived and remainder.amount == Decimal("134.00") and remainder.lines == []
    assert nodes["indicators|yes"].label == "有绩效指标（1 个项目，9 项指标）"
    (measured,) = [l for l in f.links if l.target.endswith("indicators|yes")]
    assert measured.amount == Decimal("56.05") and measured.note == "9 项绩效指标"


def test_indicators_the_document_leaves_unassigned_are_not_drawn_as_none(parsed):
    """000's flattened 绩效目标表 prints 19 indicator lines under its first header (lines 776-892) and 28 under
    its second (1024-1086), without saying which listed project each measures; a project that may be measured
    by them ends in "绩效指标未定", never in "无绩效指标", and its link counts its candidates."""
    d = parsed("000")
    f = flow(build_graph([d]), d, "类")
    labels = {n.id.rsplit("|", 1)[1]: n.label for n in f.nodes if n.kind == "indicators"}
    assert "yes" not in labels and labels["unresolved"].endswith("47 项候选指标）")
    notes = {l.note for l in f.links if l.target.endswith("indicators|unresolved") and not l.source.endswith("others")}
    assert notes == {"19 项候选绩效指标（文件未写明属于哪个项目）", "28 项候选绩效指标（文件未写明属于哪个项目）"}


def test_a_class_one_unit_leaves_unnamed_takes_the_name_another_prints(parsed):
    """001 prints only 项 rows; 004 prints 206 科学技术支出 (line 97), so their joint report names 206."""
    alone = report_data([UnitReport(parsed("001"), [])])["units"][0]["flows"]["类"]["nodes"]
    together = report_data([UnitReport(parsed("001"), []), UnitReport(parsed("004"), [])])["units"][0]["flows"]["类"]["nodes"]
    label = lambda nodes: next(n["label"] for n in nodes if n["id"].endswith("|fn|206"))  # noqa: E731
    assert label(alone) == "206 类" and label(together) == "206 科学技术支出"


def test_link_widths_are_exact_counts_of_cents(parsed):
    links = report_data([UnitReport(parsed("001"), [])])["units"][0]["flows"]["项"]["links"]
    for link in links:
        assert link["value"] == int(Decimal(link["amount"]) * 100)


def test_the_file_needs_nothing_from_outside(parsed):
    page = render_html([UnitReport(parsed("002"), [])])
    assert "<script src" not in page and "<link" not in page and "@import" not in page
    assert page.count("</script>") == 3  # the data, ECharts, the page's script: nothing else to load


def test_the_shipped_echarts_is_the_pinned_npm_package():
    shipped = ROOT / "lineage" / "report" / "assets" / "echarts.min.js"
    installed = ROOT / "tools" / "echarts" / "node_modules" / "echarts" / "dist" / "echarts.min.js"
    if not installed.exists():
        if os.environ.get(REQUIRE_ENV) == "1":
            pytest.fail(f"tools/echarts is not installed (npm ci), and {REQUIRE_ENV}=1 requires this check")
        pytest.skip("tools/echarts is not installed (cd tools/echarts && npm ci)")
    assert hashlib.sha256(shipped.read_bytes()).hexdigest() == hashlib.sha256(installed.read_bytes()).hexdigest()


def test_default_file_name_and_errors(seeds_store, tmp_path, monkeypatch):
    runner = CliRunner()
    result = runner.invoke(cli, ["report", "渠县", "--store", str(seeds_store), "--html", str(tmp_path / "r.html")])
    assert result.exit_code == 0 and (tmp_path / "r.html").stat().st_size > 1_000_000
    assert "r.html" in result.stderr
    here = tmp_path / "cwd"
    here.mkdir()
    monkeypatch.chdir(here)
    assert runner.invoke(cli, ["report", "凉山州", "--store", str(seeds_store)]).exit_code == 0
    assert runner.invoke(cli, ["report", "渠县", "凉山州", "--store", str(seeds_store), "--html"]).exit_code == 0
    assert sorted(p.name for p in here.iterdir()) == ["凉山州科学技术协会-2024-资金流向.html", "渠县科学技术协会等2个单位-比较.html"]
    missing = runner.invoke(cli, ["report", "无此单位", "--store", str(seeds_store)])
    assert missing.exit_code == 2 and len(missing.stderr.strip().splitlines()) == 1 and "无此单位" in missing.stderr
    ambiguous = runner.invoke(cli, ["report", "科学技术协会", "--store", str(seeds_store)])
    assert ambiguous.exit_code == 2 and "give the full id" in ambiguous.stderr


def test_a_file_can_be_reported_without_loading_it(tmp_path):
    from tests.conftest import seed_path

    result = CliRunner().invoke(cli, ["report", str(seed_path("004")), "--html", str(tmp_path / "cq.html")])
    assert result.exit_code == 0, result.output
    assert "重庆市科学技术协会" in (tmp_path / "cq.html").read_text(encoding="utf-8")


def test_browser_links_are_in_the_report_when_a_server_is_configured(seeds_store, tmp_path, monkeypatch):
    monkeypatch.setenv("NEO4J_URI", "neo4j://localhost:7687")
    monkeypatch.delenv("NEO4J_BROWSER_URL", raising=False)
    out = tmp_path / "r.html"
    assert CliRunner().invoke(cli, ["report", "渠县", "--store", str(seeds_store), "--html", str(out)]).exit_code == 0
    page = out.read_text(encoding="utf-8")
    assert '"browser":"http://localhost:7474/browser/?cmd=edit&arg=' in page
    monkeypatch.delenv("NEO4J_URI")
    assert CliRunner().invoke(cli, ["report", "渠县", "--store", str(seeds_store), "--html", str(out)]).exit_code == 0
    assert "localhost:7474" not in out.read_text(encoding="utf-8")


def test_a_juesuans_report_shows_its_execution_against_its_budget_and_its_own_columns():
    """The 2024 决算 of 上海市普陀区规划和自然资源局 with its 预算 as the 决算 states it (tests/juesuan_pair.py)."""
    from tests.juesuan_pair import juesuan_as_read, planned_budget

    juesuan = juesuan_as_read()
    budget = planned_budget(juesuan)
    data = report_data([UnitReport(budget, []), UnitReport(juesuan, [])])
    planned, actual = data["units"]
    assert planned["execution"] == []  # a 预算 has no execution of its own
    by_title = {s["budget"]: s for s in actual["execution"]}
    rows = {(r["section"], r["level"], r["code"] or r["name"]): r for r in by_title[budget.id]["rows"]}
    # "年初预算为 3110.14 万元，支出决算为 2739.56 万元，完成年初预算的 88.08%" (page 23)
    r = rows[("一般公共预算财政拨款支出", "项", "2120201")]
    assert (r["budget"], r["actual"], r["difference"], r["rate"], r["actual_page"]) == ("3110.14", "2739.56", "-370.58", "88.08", 14)
    own = {r["name"]: r for r in by_title[None]["rows"]}  # the 三公 table's own pairs (page 17)
    assert (own["合计"]["budget"], own["合计"]["actual"], own["合计"]["rate"]) == ("2.85", "0.39", "13.68")
    assert by_title[None]["unit"] == "万元"
    # the 决算's 三公 预算数 equals the 预算's: no XD01 finding
    assert not [f for f in actual["findings"] if f["code"] == "XD01"]
    html = render_html([UnitReport(budget, []), UnitReport(juesuan, [])])
    assert "executionBlock" in html and '"rate":"88.08"' in html
