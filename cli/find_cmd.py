"""`lineage find`: where an amount is printed, in the stored disclosures (no server needed)."""

from __future__ import annotations

from dataclasses import asdict

import click
from lineage.amounts import parse_amount
from lineage.read.text import normalise
from lineage.report.jsonable import dumps
from lineage.report.where_printed import where_printed
from lineage.store import Store, store_path

from .common import (
    emit, fail_input, format_option, output_option, require_stored, store_option, text_report, text_table,
)


@click.command("find")
@click.argument("amount")
@click.option("--unit", default=None, help="Only disclosures whose id or unit name contains this (e.g. 渠县).")
@store_option
@format_option()
@output_option
def find_cmd(amount, unit, store, fmt, output) -> None:
    """Find where AMOUNT is printed: table rows and explanation-text figures, with file, table, line and findings.

    AMOUNT is compared as a number (1,220.75 = 1220.75), exactly. A row whose
    column the layout lost shows "?" as its column. The Neo4j query
    amount_to_source answers the same question on a server.

    \b
    Examples:
      lineage find 143.09
      lineage find 1,220.75 --unit 重庆
      lineage find 734.24 --format json
    """
    value = parse_amount(normalise(amount))  # as the reader folds a document: １４３．０９ is 143.09
    if value is None:
        raise fail_input(f"{amount}: not an amount (e.g. 143.09 or 1,220.75)")
    with Store(store_path(store)) as st:
        require_stored(st, unit)
        hits = where_printed(st.all(), value, unit)
    if fmt == "json":
        emit(dumps([asdict(h) for h in hits]), output)
        return
    view = text_table(*((column, "left") for column in ("disclosure", "line", "where", "columns", "printed", "findings")))
    for h in hits:
        view.add_row(h.disclosure, f"{h.line}@p{h.page}" if h.page else str(h.line), h.where, "、".join(h.columns), h.printed, "\n".join(h.findings))
    with text_report(output, 200) as console:
        console.print(view)
        console.print(f"({len(hits)} places print {amount} in {store_path(store)})")
