"""`lineage projects`: the largest projects of the stored disclosures, with their indicators (no server needed)."""

from __future__ import annotations

from dataclasses import asdict

import click
from lineage.graph.projects import largest_projects
from lineage.report.jsonable import dumps

from .browser_option import browser_option, links, print_link
from .common import csv_text, emit, format_option, output_option, store_option, stored_graph, text_report, text_table
from .xlsx_output import FORMATS_WITH_XLSX, emit_xlsx


@click.command("projects")
@click.option("--unit", default=None, help="Only this disclosure (id) or units whose name contains this.")
@click.option("--limit", type=click.IntRange(min=1), default=10, show_default=True, help="At most this many projects.")
@store_option
@format_option(FORMATS_WITH_XLSX)
@output_option
@browser_option
def projects_cmd(unit, limit, store, fmt, output, browser_uri, browser_database) -> None:
    """The largest projects (项目支出) with their amount, source line and performance indicators.

    A project without indicators spends money with no stated result (see
    lineage check, rule OR01). Indicators the document leaves open between
    several projects are listed under each of them as unresolved, with the
    other candidates (rule OR04), never as the project's own. The Neo4j query largest_projects answers the
    same question on a server.

    \b
    Examples:
      lineage projects
      lineage projects --unit 凉山 --limit 3
      lineage projects --format csv -o projects.csv
      lineage projects --limit 50 --format xlsx -o projects.xlsx
    """
    rows = largest_projects(stored_graph(store, unit), limit, unit)
    if fmt == "json":
        emit(dumps([asdict(r) for r in rows]), output)
        return
    if fmt == "xlsx":
        from lineage.report.xlsx import projects_sheets

        emit_xlsx(projects_sheets(rows), output)
        return
    if fmt == "csv":
        emit(csv_text(["project", "code", "amount", "unit", "disclosure", "line", "indicators", "unresolved", "candidates"], (
            [r.project, r.code or "", r.amount, r.unit, r.disclosure, r.line or "", "; ".join(r.indicators),
             "; ".join(r.unresolved), "; ".join(r.candidates)] for r in rows)), output)
        return
    view = text_table(("项目", "left"), ("金额", "right"), ("单位", "left"), ("行", "right"), ("绩效指标", "left"))
    for r in rows:
        shown = "\n".join(r.indicators) if r.indicators else (
            "[yellow]无已定的绩效指标[/yellow]" if r.unresolved else "[red]无绩效指标[/red]")
        if r.unresolved:
            shown += (f"\n[yellow]未定：{len(r.unresolved)} 项指标可能属于本项目，也可能属于"
                      f"{'、'.join(r.candidates)}（文本未定）[/yellow]\n[dim]" + "；".join(r.unresolved) + "[/dim]")
        view.add_row(f"{r.project}\n[dim]{r.unit_name} {r.code or ''}[/dim]", str(r.amount), r.unit, str(r.line or ""), shown)
    with text_report(output, 160) as console:
        console.print(view)
        print_link(console, "largest_projects", links(browser_uri, browser_database).projects(limit, unit or ""))
