"""Open the reports in headless Chromium, as a reader would, with no network.

What is checked is what the page shows: the flow table's amounts and shares and the Sankey's
tooltips against `lineage trace --format json`, the chart drawn as SVG, no console errors, no
request leaving the file. A screenshot of every seed's report is kept in artifacts/report/.
"""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from .conftest import ARTIFACTS, SEED_UNITS

# What the flow table shows, per stage: its printed total and one entry per row.
SHOWN_TABLE = """JSON.stringify([...document.querySelectorAll('#u0-flow tbody')].map(tb => ({
  total: tb.querySelector('.stage-total').textContent,
  rows: [...tb.querySelectorAll('tr[data-target]')].map(tr => [
    tr.dataset.target, tr.dataset.parent, tr.querySelector('.amount').textContent, tr.querySelector('.share').textContent])
})))"""


def _expected_rows(stage: dict) -> list[list[str]]:
    rows = []
    for step in stage["steps"]:
        rows.append([step["target"], "", step["amount"], f"{step['share']}%" if step["share"] else ""])
        if "|fn|" in step["target"]:
            rows += [[c["target"], step["target"], c["amount"], f"{c['share']}%" if c["share"] else ""] for c in step["children"]]
    return rows


@pytest.mark.parametrize("seed", sorted(SEED_UNITS))
def test_report_opens_offline_and_shows_the_trace(seed, browser, html_report, trace_json):
    unit = SEED_UNITS[seed]
    browser.open(html_report(unit))
    assert browser.evaluate("document.body.dataset.ready") == "1"
    assert browser.console_errors() == []
    assert [u for u in browser.requests() if not u.startswith("file://")] == []

    # The Sankey is drawn: an SVG with a shape per node and per link, its labels in Chinese.
    drawn = browser.evaluate("""(() => { const svg = document.querySelector('#u0-sankey svg');
        return svg ? {paths: svg.querySelectorAll('path').length, text: svg.textContent} : null; })()""")
    data = browser.evaluate("lineageReport.data.units[0].flows['类']")
    assert drawn is not None and drawn["paths"] >= len(data["nodes"]) + len(data["links"])
    assert "收入" in drawn["text"]

    # The flow table shows the trace, stage by stage, to the cent.
    trace = trace_json(unit)
    shown = json.loads(browser.evaluate(SHOWN_TABLE))
    assert [s["total"] for s in shown] == [s["inflow"] for s in trace["stages"]]
    assert [s["rows"] for s in shown] == [_expected_rows(s) for s in trace["stages"]]

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    browser.screenshot(ARTIFACTS / f"{seed}-sankey.png", "#u0-sankey")
    browser.screenshot(ARTIFACTS / f"{seed}-page.png")
    assert (ARTIFACTS / f"{seed}-sankey.png").stat().st_size > 10_000


def _tooltips(browser) -> list[str]:
    """The tooltip text of every link of the drawn Sankey: the chart's own tooltip formatter on each link."""
    return browser.evaluate("""(() => {
        const option = lineageReport.sankeys[0].getOption(), format = option.tooltip[0].formatter;
        return option.series[0].links.map(l => format({dataType: 'edge', data: l})
          .replace(/<br>/g, '\\n').replace(/<[^>]+>/g, '')); })()""")


def _hover(browser, target_suffix: str) -> str:
    """Move the mouse onto the link into the node whose id ends with `target_suffix` (just right of its
    source node, where only that node's links run) and read the tooltip the page shows."""
    point = browser.evaluate("""(() => {
        const chart = lineageReport.sankeys[0], series = chart.getModel().getSeriesByIndex(0);
        const k = chart.getOption().series[0].links.findIndex(l => l.target.endsWith(%s));
        const edge = series.getGraph().getEdgeByIndex(k), from = edge.node1.getLayout(), at = edge.getLayout();
        const box = document.getElementById('u0-sankey');
        box.scrollIntoView();
        const r = box.getBoundingClientRect();
        return {x: r.left + series.layoutInfo.x + from.x + from.dx + 4, y: r.top + series.layoutInfo.y + from.y + at.sy + at.dy / 2};
    })()""" % json.dumps(target_suffix))
    browser.send("Input.dispatchMouseEvent", {"type": "mouseMoved", "x": point["x"], "y": point["y"]})
    return browser.evaluate("new Promise(ok => setTimeout(() => ok(document.querySelector('.lineage-tip').innerText), 200))")


def test_hover_shows_amount_share_and_line_at_every_level(browser, html_report, trace_json):
    """渠县 (001): 收入 sends 367.11 to its functional subjects (the rows of 表1-2, lines 564-586, add to
    367.11 against the printed 合计 367.12 of line 559: GR01); at 类 level 206 receives 143.09 (line 564)
    + 56.05 (line 566) = 199.14. At every level the links leaving 收入 add to the trace's outflow."""
    browser.open(html_report("渠县"))
    trace = trace_json("渠县")
    outflow = Decimal(trace["stages"][1]["outflow"])
    assert outflow == Decimal("367.11")
    tip = _hover(browser, "|fn|206")
    assert tip.splitlines() == ["收入 → 206 类", "199.14 万元", "占「收入」流出的 54.25%", "占收入合计的 54.24%",
                                "出处：表1-2 第 564、566 行"]  # 199.14 / 367.11 and / 367.12
    for level in ("类", "款", "项"):
        browser.evaluate(f"document.querySelector('#u0 .levels button[data-level=\"{level}\"]').click()")
        assert browser.evaluate("document.getElementById('u0-sankey').dataset.level") == level
        from_income = [t for t in _tooltips(browser) if t.startswith("收入 → ")]
        assert sum(Decimal(t.splitlines()[1].split()[0]) for t in from_income) == outflow
    assert "机构运行" in next(t for t in from_income if "2060701" in t)
    assert browser.console_errors() == []


def test_a_finding_locates_its_place_in_the_flow(browser, html_report):
    """渠县's GR01 (收入 receives 367.12 by 表1-1 line 531, passes on 367.11 by 表1-2 lines 564-586) names
    the 收入 node: clicking 定位 frames that node in red; a BL02 of 表1-2 (lines 558-586) frames the
    functional subjects its rows print, drawn at 类 level as their 类."""
    browser.open(html_report("渠县"))
    findings = browser.evaluate("lineageReport.data.units[0].findings")

    def framed_after_clicking(j: int) -> set[str]:
        browser.evaluate(f"document.querySelector('#u0-f{j} a.locate').click()")
        assert browser.evaluate(f"document.getElementById('u0-f{j}').classList.contains('active')")
        return set(browser.evaluate("""lineageReport.sankeys[0].getOption().series[0].data
            .filter(n => n.itemStyle.borderColor === '#d00000').map(n => n.name)"""))

    gr01 = next(j for j, f in enumerate(findings) if f["code"] == "GR01" and "「收入」" in f["message"])
    assert framed_after_clicking(gr01) == {"2024/渠县科学技术协会/部门预算|pool|收入"}
    bl02 = next(j for j, f in enumerate(findings) if f["code"] == "BL02" and f["evidence"][0]["line"] == 558)
    # the BL02 folds the same rounding differences of 表2-1 (685-722) and 表3-1 (780-840), placed since #11:
    # their economic classes are framed too
    assert {n.rsplit("|", 1)[1] for n in framed_after_clicking(bl02)} == {
        "206", "208", "210", "212", "213", "221", "301", "302", "303"}


def test_comparison_of_three_units_draws_its_charts(browser, html_report, seeds_store):
    from .conftest import invoke

    browser.open(html_report("渠县", "成华区", "凉山州"))
    assert browser.console_errors() == []
    assert browser.evaluate("document.querySelectorAll('.unit .sankey svg').length") == 3
    for chart in ("cmp-totals", "cmp-classes", "cmp-basic", "cmp-three"):
        assert browser.evaluate(f"document.querySelectorAll('#{chart} svg path').length") > 3, chart
    # the table beside the charts shows lineage compare's figures
    compared = json.loads(invoke("compare", "渠县", "成华区", "凉山州", "--store", str(seeds_store), "--format", "json"))
    shown = json.loads(browser.evaluate("""JSON.stringify([...document.querySelectorAll('.compare-table tbody tr')]
        .map(tr => [...tr.querySelectorAll('td')].map(td => td.textContent)))"""))
    expected = [[r["label"]] + ["" if v is None else v + (f"（{s}%）" if s is not None else "") for v, s in zip(r["values"], r["shares"])]
                for r in compared["rows"]]
    assert shown == expected
    # 支出总计 as printed: 渠县 367.12 (001 line 485), the totals chart draws the same numbers
    assert browser.evaluate("lineageReport.charts[0].getOption().series[0].data")[0] == 367.12
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    browser.screenshot(ARTIFACTS / "compare-page.png", "#comparison")


def test_a_pdf_reports_its_pages(browser, tmp_path):
    """Shanghai 普陀区司法局 2026 (data/pdf): page 12 prints 表3's "204 公共安全支出 87267272.44 16726725.44
    70540547.00" and "204 06 01 行政运行 16726725.44"; amounts in 元. Tooltip and flow table name the page."""
    from click.testing import CliRunner

    from lineage_cli.main import cli
    from tests.conftest import ROOT

    out = tmp_path / "sh.html"
    pdf = ROOT / "data" / "pdf" / "shanghai-putuo-sifaju-2026-bumen.pdf"
    assert CliRunner().invoke(cli, ["report", str(pdf), "--html", str(out)]).exit_code == 0
    browser.open(out)
    assert browser.console_errors() == []
    tip = _hover(browser, "|fn|204").splitlines()
    assert tip[:2] == ["收入 → 204 公共安全支出", "87267272.44 元"]
    assert tip[-1].startswith("出处：表3 第 ") and tip[-1].endswith("行（第 12 页）")
    row = browser.evaluate("""[...document.querySelectorAll('#u0-flow tr[data-target$="|fn|2040601"] td')].map(td => td.textContent)""")
    assert row[1:5] == ["行政运行", "2040601", "16726725.44", "17.37%"] and row[6] == "12"


def test_the_report_prints(browser, html_report):
    """Printed (print media, A4 PDF): the level buttons and links are hidden, the charts and tables are kept."""
    import base64

    browser.open(html_report("渠县"))
    browser.send("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        hidden = browser.evaluate("getComputedStyle(document.querySelector('#u0 .levels')).display")
        kept = browser.evaluate("getComputedStyle(document.getElementById('u0-sankey')).display")
        pdf = base64.b64decode(browser.send("Page.printToPDF", {"paperWidth": 8.27, "paperHeight": 11.69, "printBackground": True})["data"])
    finally:
        browser.send("Emulation.setEmulatedMedia", {"media": ""})
    assert (hidden, kept) == ("none", "block")
    assert pdf.startswith(b"%PDF") and pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages") >= 3
    assert browser.console_errors() == []


def test_a_document_without_findings_says_so(browser, parsed, tmp_path):
    """The view of a disclosure with no findings (002 with its findings left out: every seed has some)."""
    from lineage.report.html_report import UnitReport, render_html

    out = tmp_path / "clean.html"
    out.write_text(render_html([UnitReport(parsed("002"), [])]), encoding="utf-8")
    browser.open(out)
    assert browser.evaluate("document.querySelector('#u0 p.clean').textContent").startswith("未发现问题")
    assert browser.evaluate("document.getElementById('u0-findings')") is None
    assert browser.console_errors() == []


def test_a_document_with_no_money_tables_read_says_so(browser, tmp_path):
    """The blank Shanghai 部门决算 template (data/pdf, described in /work/shared/pdf/README.md) prints no
    amounts: the page says that no flow could be drawn and that no 收入 total was read, without errors."""
    from click.testing import CliRunner

    from lineage_cli.main import cli
    from tests.conftest import ROOT

    out = tmp_path / "blank.html"
    pdf = ROOT / "data" / "pdf" / "shanghai-juesuan-template-2024.pdf"
    assert CliRunner().invoke(cli, ["report", str(pdf), "--html", str(out)]).exit_code == 0
    browser.open(out)
    assert browser.console_errors() == []
    assert browser.evaluate("document.getElementById('u0-sankey').textContent").startswith("未能绘制资金流向")
    assert browser.evaluate("document.querySelector('#u0 .summary .total').textContent") == "未读到"


def test_a_juesuans_execution_table_shows_budget_actual_and_rate(browser, tmp_path):
    """The 2024 决算 of 上海市普陀区规划和自然资源局 beside its 预算 as the 决算 states it (tests/juesuan_pair.py):
    the 预算执行 table shows 2120201 城乡社区规划与管理 3110.14 → 2739.56, 88.08% ("完成年初预算的 88.08%",
    page 23) and the 三公 table's own pair 2.85 → 0.39, 13.68% (page 17)."""
    from lineage.report.html_report import UnitReport, render_html
    from tests.juesuan_pair import juesuan_as_read, planned_budget

    juesuan = juesuan_as_read()
    out = tmp_path / "juesuan.html"
    out.write_text(render_html([UnitReport(planned_budget(juesuan), []), UnitReport(juesuan, [])]), encoding="utf-8")
    browser.open(out)
    assert browser.console_errors() == []
    assert browser.evaluate("document.getElementById('u0-execution')") is None  # the 预算 has no execution
    rows = browser.evaluate("""[...document.querySelectorAll('#u1-execution tbody tr')].map(
        tr => [...tr.querySelectorAll('td')].map(td => td.textContent))""")
    item = next(r for r in rows if r[2].startswith("2120201"))
    assert item[:7] == ["一般公共预算财政拨款支出", "项", "2120201 城乡社区规划与管理", "3110.14", "2739.56", "-370.58", "88.08%"]
    own = [r for r in rows if r[0] == "财政拨款“三公”经费支出决算表" and r[2] == "合计"]
    assert [r[3:7] for r in own] == [["2.85", "0.39", "-2.46", "13.68%"]]
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    browser.screenshot(ARTIFACTS / "juesuan-execution.png", "#u1-execution")
