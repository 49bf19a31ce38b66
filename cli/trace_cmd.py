"""`lineage trace`: the flow tree of one stored unit, stage by stage, with shares."""

from __future__ import annotations

from dataclasses import asdict

import click
from rich.tree import Tree

from lineage.graph import build_graph
from lineage.graph.trace import Stage, trace
from lineage.report.jsonable import dumps

from .browser_option import browser_option, links, print_link
from .common import (
    emit, fail_input, format_option, input_errors, output_option, resolve_one, store_option, text_report,
)
from .xlsx_output import emit_xlsx


@click.command("trace")
@click.argument("unit")
@click.option("--from", "source", default=None, help="Only this funding source (e.g. 上年结转); downstream amounts become labelled proportional estimates.")
@click.option("--code", default=None, help="Only functional subjects whose code starts with CODE (e.g. 206, 20607).")
@click.option("--depth", type=click.IntRange(1, 5), default=5, show_default=True,
              help="Stages: 1 sources, 2 functional subjects, 3 economic, 4 projects, 5 财政拨款 by economic subject and funding source (表2-1, where printed).")
@click.option("--lines/--no-lines", "show_lines", default=False, help="Show the source line of every amount.")
@store_option
@format_option(("text", "json", "xlsx"))
@output_option
@browser_option
def trace_cmd(unit, source, code, depth, show_lines, store, fmt, output, browser_uri, browser_database) -> None:
    """Trace a unit's money from funding sources to subjects, projects and indicators.

    UNIT is a stored disclosure id, unit name (or part) or unit code. Each
    stage reconciles: what leaves a pool equals what arrived, or the
    difference is shown (and reported by lineage check, rule GR01).

    \b
    Examples:
      lineage trace 渠县
      lineage trace 凉山州 --code 20607 --lines
      lineage trace 四川省科技交流中心 --from 上年结转 --format json
      lineage trace 渠县 --format xlsx -o 渠县.xlsx
    """
    if code is not None and not code.isdigit():
        raise fail_input(f"--code {code}: not a 功能分类 code (digits, e.g. 206 or 20607)")
    with input_errors():
        d = resolve_one(unit, store)
    g = build_graph([d])
    _require_named(g, d.id, source, code)
    stages = trace(g, d.id, source=source, code=code, depth=depth)
    if fmt == "json":
        emit(dumps({"disclosure": d.id, "amount_unit": d.amount_unit, "stages": [asdict(s) | {"balanced": s.balanced} for s in stages]}), output)
        return
    if fmt == "xlsx":
        from lineage.report.xlsx import trace_sheets

        emit_xlsx(trace_sheets(d, stages), output)
        return
    with text_report(output, 140) as console:
        console.print(f"[bold]{d.unit_name}[/bold] {d.year} · 金额单位 {d.amount_unit}")
        for s in stages:
            console.print(_stage_tree(s, show_lines))
        print_link(console, "flow_trace", links(browser_uri, browser_database).disclosure(d.id))


def _require_named(g, disclosure_id: str, source: str | None, code: str | None) -> None:
    """--from must name exactly one of the unit's funding sources, --code the start of one of its
    subjects' codes: otherwise the trace would show every amount as if the option were not given
    (or scale them by the wrong source's share)."""
    whole = trace(g, disclosure_id, depth=2)
    if source is not None:
        names = [s.name for s in whole[0].steps]
        named = [n for n in names if source in n]
        if not named:
            raise fail_input(f"--from {source}: no funding source of {disclosure_id} is named so "
                             f"(its sources: {', '.join(names)})")
        if len(named) > 1:
            raise fail_input(f"--from {source}: names {len(named)} funding sources of {disclosure_id} "
                             f"({', '.join(named)}); give one")
    if code is not None:
        codes = [s.code for s in whole[1].steps if s.code] if len(whole) > 1 else []
        if not any(c.startswith(code) for c in codes):
            classes = ", ".join(sorted({c[:3] for c in codes})) or "none read"
            raise fail_input(f"--code {code}: no functional subject of {disclosure_id} starts with {code} "
                             f"(its 类: {classes})")


def _stage_tree(s: Stage, show_lines: bool) -> Tree:
    """One stage as a tree: its balance, each step with share and marks, and what the step feeds."""
    mark = "[green]平衡[/green]" if s.balanced else f"[red]不平衡：流入 {s.inflow}，流出 {s.outflow}[/red]"
    tree = Tree(f"[bold]{s.name}[/bold]  {s.inflow}  {mark}")
    for step in s.steps:
        label = f"{step.code + ' ' if step.code else ''}{step.name}  {step.amount}"
        label += f"  ({step.share}%)" if step.share is not None else ""
        label += "  [dim]估算[/dim]" if step.estimate else ""
        label += "  [dim]差额[/dim]" if step.derived else ""
        label += f"  [dim]L{step.line}[/dim]" if show_lines and step.line else ""
        branch = tree.add(label)
        for child in step.children:
            branch.add(f"→ {child.name}" + (f"  {child.amount}" if child.amount else "")
                       + (f"  [dim]L{child.line}[/dim]" if show_lines and child.line else ""))
    return tree
