"""`--format xlsx`: a workbook written atomically to -o FILE (or to a pipe), never to a terminal."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from lineage.report.xlsx import Sheet, workbook_bytes

from .common import atomic_file, fail_input

FORMATS_WITH_XLSX = ("text", "json", "csv", "xlsx")


def emit_xlsx(sheets: list[Sheet], output: str | None) -> None:
    if output is None:
        if sys.stdout.isatty():
            raise fail_input("--format xlsx writes a binary workbook: give -o FILE.xlsx (or redirect stdout to a file)")
        click.get_binary_stream("stdout").write(workbook_bytes(sheets))
        return
    data = workbook_bytes(sheets)
    with atomic_file(Path(output), "wb", "the workbook") as fh:  # a file appears only when complete
        fh.write(data)
