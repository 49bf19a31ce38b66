"""`lineage parse`: read disclosures and show what was read, for people or programs."""

from __future__ import annotations

import click

from lineage.parse.disclosure import parse_file
from lineage.report.jsonable import dumps
from lineage.report.parse_view import disclosure_json, print_summary

from .common import emit, expand_paths, format_option, input_errors, output_option, text_report


@click.command("parse")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@format_option()
@output_option
def parse_cmd(paths: tuple[str, ...], fmt: str, output: str | None) -> None:
    """Parse disclosure text files and show every table, row and amount read.

    PATHS are files or folders (folders: every *.txt and *.pdf below them). The JSON is
    a list with one object per file: disclosure, tables (rows with values by
    column, amounts as printed), performance, claims and problems (see README).

    \b
    Examples:
      lineage parse data/seeds/003_6281e0e5f963d3fa.txt
      lineage parse data/seeds --format json -o parsed.json
      lineage parse data/seeds/000_207ca02430be9672.txt --format json | jq '.[0].problems'
    """
    files = expand_paths(paths)
    with input_errors():
        disclosures = [parse_file(f) for f in files]
    if fmt == "json":
        emit(dumps([disclosure_json(d) for d in disclosures]), output)
        return
    with text_report(output, 120) as console:
        for d in disclosures:
            print_summary(d, console)
            console.print()
