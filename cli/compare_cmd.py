"""`lineage compare`: several stored units side by side."""

from __future__ import annotations

import click

from lineage.report.compare import Comparison, compare
from lineage.report.execution_view import COLUMNS, records
from lineage.report.jsonable import dumps

from .browser_option import browser_option, links, print_link
from .common import (
    csv_text, emit, format_option, input_errors, output_option, resolve_one, store_option, text_report, text_table,
    unique,
)
from .xlsx_output import FORMATS_WITH_XLSX, emit_xlsx


@click.command("compare")
@click.argument("units", nargs=-1, required=True)
@store_option
@format_option(FORMATS_WITH_XLSX)
@output_option
@click.option("--execution", "execution_only", is_flag=True,
              help="Only budget execution (预算数, 决算数, 差额, 执行率): the table CSV prints.")
@browser_option
def compare_cmd(units, store, fmt, output, execution_only, browser_uri, browser_database) -> None:
    """Compare stored units: totals, funding shares, 类/款, basic vs project, personnel vs public, 三公.

    Shares are of each unit's total expenditure. Subjects (项) present in one
    unit and absent in the others are listed at the end.

    A 部门决算 is shown with its execution: what it prints as 预算数 beside
    决算数 (the 三公 table), and, when the same unit's 预算 of that year is
    given too, the budget's amounts against the 决算's (totals, 基本/项目,
    类/款/项, 三公) with the rate 决算数 / 预算数. A name matching a unit's 预算
    and 决算 of one year takes both. `--format csv` prints the comparison, or
    with `--execution` the execution lines.

    \b
    Examples:
      lineage compare 渠县 成华区 凉山州
      lineage compare 渠县 凉山州 --format csv -o compare.csv
      lineage compare 渠县 成华区 凉山州 --format xlsx -o compare.xlsx
      lineage compare 普陀区规划和自然资源局               # its 2024 预算 and 决算, when both are loaded
      lineage compare 普陀区规划和自然资源局 --execution --format csv
    """
    with input_errors():
        disclosures = unique((d for u in units for d in _resolve(u, store)), lambda d: d.id)  # named twice: one column
    comp = compare(disclosures)
    executed = records(comp.execution)
    if fmt == "json":
        notes = [f.model_dump(mode="json") for f in comp.execution_findings]
        data = {"execution": executed, "execution_findings": notes} if execution_only else {
            "units": comp.units, "amount_unit": comp.amount_unit,
            "rows": [{"label": l, "values": v, "shares": s} for l, v, s in comp.lines],
            "only_in": comp.only_in, "execution": executed, "execution_findings": notes}
        emit(dumps(data), output)
        return
    if fmt == "xlsx":
        from lineage.report.xlsx import compare_sheets, execution_sheet

        emit_xlsx(([] if execution_only else compare_sheets(comp)) + ([execution_sheet(executed)] if executed else []), output)
        return
    if fmt == "csv" and execution_only:
        emit(csv_text([key for key, _ in COLUMNS], ([r[key] for key, _ in COLUMNS] for r in executed)), output)
        return
    if execution_only:
        with text_report(output, 160) as console:
            _print_execution(console, comp)
            if not comp.execution:
                console.print(f"(no budget execution in {', '.join(d.id for d in disclosures)}: only a 决算 prints "
                              "预算数 beside 决算数; load a unit's 决算, and its 预算 of that year to compare the two)",
                              highlight=False, soft_wrap=True)
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
        _print_execution(console, comp)
        if len(disclosures) > 1:
            print_link(console, "compare_units_function", links(browser_uri, browser_database).compare(disclosures[0].id, disclosures[1].id))


def _resolve(key: str, store: str | None) -> list:
    """The stored disclosures a key means: one, or a unit's 预算 and 决算 of one year when it names both."""
    from lineage.store import Store, store_path

    with Store(store_path(store)) as st:
        ids = st.find(key)
        found = [st.get(i)[0] for i in ids] if 1 < len(ids) <= 4 else []
    if found and len({(d.unit_name, d.year) for d in found}) == 1 and len({d.kind for d in found}) == len(found):
        return found
    return [resolve_one(key, store)]


def _print_execution(console, comp: Comparison) -> None:
    """Each 决算's execution: section, subject, 预算数, 决算数, 差额 and 执行率, in the 决算's unit."""
    for s in comp.execution:
        unit = s.lines[0].unit
        console.print(f"\n预算执行 {s.title}（{unit}）")
        view = text_table(("部分", "left"), ("层级", "left"), ("科目/项目", "left"), ("预算数", "right"),
                          ("决算数", "right"), ("差额", "right"), ("执行率", "right"))
        for e in s.lines:
            view.add_row(e.section, e.level, e.name, *("" if v is None else str(v) for v in (e.budget_value, e.actual_value, e.difference)),
                         "" if e.rate is None else f"{e.rate}%")
        console.print(view)
    for f in comp.execution_findings:
        console.print(f"{f.code} {f.message}（第 {'、'.join(str(e.line) for e in f.evidence)} 行）", highlight=False)
