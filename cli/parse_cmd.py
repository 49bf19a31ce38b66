"""`lineage parse`: read disclosures and show what was read, for people or programs."""

from __future__ import annotations

import click

from lineage.report.jsonable import dumps
from lineage.report.parse_view import disclosure_json, print_summary

from .common import emit, expand_paths, format_option, output_option, readable, report_bad, text_report


@click.command("parse")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@format_option()
@output_option
def parse_cmd(paths: tuple[str, ...], fmt: str, output: str | None) -> None:
    """Parse disclosure text files and show every table, row and amount read.

    PATHS are files or folders (folders: every *.txt and *.pdf below them). The JSON is
    a list with one object per file: disclosure, tables (rows with values by
    column, amounts as printed), performance, claims and problems (see README).
    A file that cannot be read is named on stderr and the others are still
    shown (exit 2 at the end).

    \b
    Examples:
      lineage parse data/seeds/003_6281e0e5f963d3fa.txt
      lineage parse data/seeds --format json -o parsed.json
      lineage parse data/seeds/000_207ca02430be9672.txt --format json | jq '.[0].problems'
    """
    files = expand_paths(paths)
    bad: list[str] = []
    disclosures = list(readable(files, bad))
    if disclosures and fmt == "json":
        emit(dumps([disclosure_json(d) for d in disclosures]), output)
    elif disclosures:
        with text_report(output, 120) as console:
            for d in disclosures:
                print_summary(d, console)
                console.print()
    report_bad(bad, len(disclosures))
