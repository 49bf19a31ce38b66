"""`lineage subject CODE`: a functional subject across the stored units (no server needed)."""

from __future__ import annotations

from dataclasses import asdict

import click
from lineage.graph.subject import subject_across_units
from lineage.report.jsonable import dumps
from lineage.store import store_path

from .common import csv_text, emit, fail_input, format_option, output_option, store_option, stored_graph, text_report, text_table


@click.command("subject")
@click.argument("code")
@store_option
@format_option(("text", "json", "csv"))
@output_option
def subject_cmd(code, store, fmt, output) -> None:
    """Where the money of functional subject CODE (类 206, 款 20607 or 项 2060701) comes from and goes, per unit.

    Per stored disclosure: what 收入 pays into its subjects under CODE, what
    they pass on to 基本支出, 项目支出 and other (上缴上级 / 对附属单位), the subjects
    as printed, and the unit's funding sources. The disclosures do not say
    which source pays which subject, so sources are listed, not apportioned.
    The Neo4j query subject_across_units answers the same on a server.

    \b
    Examples:
      lineage subject 20607
      lineage subject 2060701 --format csv -o 机构运行.csv
    """
    if not code.isdigit() or len(code) not in (3, 5, 7):
        raise fail_input(f"{code}: not a 功能分类 code (3, 5 or 7 digits: 206, 20607, 2060701)")
    rows = subject_across_units(stored_graph(store), code)
    if fmt == "json":
        emit(dumps([asdict(r) for r in rows]), output)
        return
    if fmt == "csv":
        emit(csv_text(["disclosure", "unit", "inflow", "basic", "project", "other", "subjects", "sources"], (
            [r.disclosure, r.unit, r.inflow, r.basic, r.project, r.other, "; ".join(r.subjects), "; ".join(r.sources)]
            for r in rows)), output)
        return
    view = text_table(("单位", "left"), ("收入→科目", "right"), ("→基本支出", "right"), ("→项目支出", "right"),
                      ("→其他", "right"), ("科目", "left"), ("本单位资金来源", "left"))
    for r in rows:
        view.add_row(f"{r.unit_name}\n[dim]{r.unit}[/dim]", str(r.inflow), str(r.basic), str(r.project), str(r.other),
                     "\n".join(r.subjects), "\n".join(r.sources))
    with text_report(output, 170) as console:
        console.print(view)
        if not rows:
            console.print(f"(no stored disclosure has functional subject {code} in {store_path(store)})", highlight=False)
