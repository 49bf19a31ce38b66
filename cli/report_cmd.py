"""`lineage report`: one self-contained HTML file with the money flow, findings and comparison of units."""

from __future__ import annotations

import time
from pathlib import Path

import click

from lineage.report.html_report import UnitReport, default_name, render_html

from .browser_option import browser_option, links
from .common import (
    emit, expand_paths, fail_input, input_errors, on_disk, readable, report_bad, resolve_one, stderr,
    store_option, unique, writable_target,
)


def _units(targets: tuple[str, ...], store: str | None, bad: list[str]) -> list[UnitReport]:
    """Files and folders are parsed and checked (a file that cannot be read goes to `bad`);
    anything else names one stored disclosure."""
    out: list[UnitReport] = []
    for target in targets:
        if on_disk(target):
            from lineage.checks import run_checks  # only here: a stored unit needs no parser

            for d in readable(expand_paths((target,)), bad):
                out.append(UnitReport(d, run_checks(d)))
        else:
            out.append(UnitReport(*resolve_one(target, store, with_findings=True)))
    return unique(out, lambda unit: unit.disclosure.id)  # a unit named twice is shown once


@click.command("report")
@click.argument("targets", nargs=-1, required=True)
@click.option("--html", "html_path", is_flag=False, flag_value="", default="", metavar="FILE",
              help="The HTML file to write. Default: <unit>-<year>-资金流向.html (one unit) or "
                   "<first unit>等N个单位-比较.html, in the working directory.")
@store_option
@browser_option
def report_cmd(targets, html_path, store, browser_uri, browser_database) -> None:
    """Write one HTML file that shows where the money goes, what disagrees, and how units compare.

    TARGETS are stored units (an id, a unit name or part of it, a unit code) or
    files and folders (parsed and checked directly). For each disclosure: a
    Sankey of its lineage (funding sources → 收入 → functional subjects, by 类,
    款 or 项 → 基本/项目支出 → economic subjects and projects → performance
    indicators), hover for amount, share and the printed line; the flow table
    (the same figures as lineage trace); the findings, each linked to its place
    in the flow. For several units, their comparison (totals, 类 shares, basic
    vs project, 三公) as charts beside the table. The file needs no network and
    no server: the chart library (Apache ECharts) is inside it. It prints well.
    Exit code 0 when written (findings are in the report; lineage check exits
    1 on them); 2 on bad input.

    \b
    Examples:
      lineage report 渠县 --html /tmp/r.html
      lineage report 渠县 成华区 凉山州 --html compare.html
      lineage report data/seeds/002_8bc1f5653c84d1bf.txt
      NEO4J_URI=neo4j://localhost:7687 lineage report 渠县   (with Neo4j Browser links)
    """
    started = time.perf_counter()
    if html_path:
        writable_target(Path(html_path))  # before the work, not after it
    bad: list[str] = []
    with input_errors():
        units = _units(targets, store, bad)
    if not units:
        report_bad(bad, read=0)
        raise fail_input(f"{', '.join(targets)}: no disclosure found (folders are searched for *.txt and *.pdf)")
    path = html_path or default_name([u.disclosure for u in units])
    emit(render_html(units, links(browser_uri, browser_database)), path)
    size = Path(path).stat().st_size
    stderr.print(f"wrote {path} ({size / 1024:.0f} KiB, {len(units)} disclosure{'s' if len(units) > 1 else ''}, "
                 f"{time.perf_counter() - started:.2f} s)")
    report_bad(bad, read=len(units))
