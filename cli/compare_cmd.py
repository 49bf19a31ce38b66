"""`lineage compare`: several stored units side by side."""

from __future__ import annotations

import click

from lineage.report.compare import compare
from lineage.report.jsonable import dumps

from .browser_option import browser_option, links, print_link
from .common import csv_text, emit, format_option, input_errors, output_option, resolve_one, store_option, text_report, text_table
from .xlsx_output import FORMATS_WITH_XLSX, emit_xlsx


@click.command("compare")
@click.argument("units", nargs=-1, required=True)
@store_option
@format_option(FORMATS_WITH_XLSX)
@output_option
@browser_option
def compare_cmd(units, store, fmt, output, browser_uri, browser_database) -> None:
    """Compare stored units: totals, funding shares, 类/款, basic vs project, personnel vs public, 三公.

    Shares are of each unit's total expenditure. Subjects (项) present in one
    unit and absent in the others are listed at the end.

    \b
    Examples:
      lineage compare 渠县 成华区 凉山州
      lineage compare 渠县 凉山州 --format csv -o compare.csv
      lineage compare 渠县 成华区 凉山州 --format xlsx -o compare.xlsx
    """
    with input_errors():
        disclosures = [resolve_one(u, store) for u in units]
    comp = compare(disclosures)
    if fmt == "json":
        emit(dumps({"units": comp.units, "amount_unit": comp.amount_unit,
                    "rows": [{"label": l, "values": v, "shares": s} for l, v, s in comp.lines],
                    "only_in": comp.only_in}), output)
        return
    if fmt == "xlsx":
        from lineage.report.xlsx import compare_sheets

        emit_xlsx(compare_sheets(comp), output)
        return
    if fmt == "csv":
        header = ["item"] + [f"{u} ({a})" for u, a in zip(comp.units, comp.amount_unit)] + [f"{u} %" for u in comp.units]
        emit(csv_text(header, (
            [label.strip()] + ["" if v is None else v for v in values] + ["" if s is None else s for s in shares]
            for label, values, shares in comp.lines)), output)
        return
    view = text_table(("项目", "left"), *((f"{u}\n({a} / 占比)", "right") for u, a in zip(comp.units, comp.amount_unit)))
    for label, values, shares in comp.lines:
        view.add_row(label, *["" if v is None else f"{v}  {s if s is not None else ''}%" if s is not None else f"{v}" for v, s in zip(values, shares)])
    with text_report(output, 160) as console:
        console.print(view)
        for unit, only in comp.only_in.items():
            if only:
                console.print(f"仅 {unit} 有的项级科目: {', '.join(only)}")
        if len(disclosures) > 1:
            print_link(console, "compare_units_function", links(browser_uri, browser_database).compare(disclosures[0].id, disclosures[1].id))
