"""`--format xlsx`: a workbook written atomically to -o FILE (or to a pipe), never to a terminal."""

from __future__ import annotations

import sys

import click

from lineage.report.xlsx import Sheet, workbook_bytes

from .common import fail_input

FORMATS_WITH_XLSX = ("text", "json", "csv", "xlsx")


def emit_xlsx(sheets: list[Sheet], output: str | None) -> None:
    if output is None:
        if sys.stdout.isatty():
            raise fail_input("--format xlsx writes a binary workbook: give -o FILE.xlsx (or redirect stdout to a file)")
        click.get_binary_stream("stdout").write(workbook_bytes(sheets))
        return
    data = workbook_bytes(sheets)
    try:
        with click.open_file(output, "wb", atomic=True) as fh:  # a file appears only when complete
            fh.write(data)
    except OSError as exc:
        raise fail_input(f"{output}: cannot write the workbook there ({exc.strerror})")
