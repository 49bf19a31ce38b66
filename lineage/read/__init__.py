"""Bytes to normalised lines: encodings, line ends, full-width characters; PDFs with their geometry."""

from __future__ import annotations

import os
from pathlib import Path

from lineage.read.text import Document, InputError, Line, compact
from lineage.read.text import read_document as read_text

__all__ = ["Document", "InputError", "Line", "compact", "read_document", "read_text"]


# The largest input read, in MB ($LINEAGE_MAX_INPUT_MB): a text disclosure is 0.1-1 MB, a PDF a few MB.
# Reading is linear but parsing is not: a 50 MB text took 184 s and 2.1 GB. A PDF's bytes are
# mostly fonts and images, so it may be PDF_FACTOR times larger.
ENV_MAX_INPUT = "LINEAGE_MAX_INPUT_MB"
DEFAULT_MAX_INPUT_MB = 20
PDF_FACTOR = 5


def max_input_mb() -> float:
    """The text size limit in MB: $LINEAGE_MAX_INPUT_MB, else DEFAULT_MAX_INPUT_MB (PDFs: PDF_FACTOR times it)."""
    text = os.environ.get(ENV_MAX_INPUT, "")
    try:
        value = float(text) if text else DEFAULT_MAX_INPUT_MB
    except ValueError:
        raise InputError(ENV_MAX_INPUT, f"{text!r} is not a number of megabytes") from None
    if not value > 0:
        raise InputError(ENV_MAX_INPUT, f"{text!r}: the limit must be above 0 MB")
    return value


def _check_size(path: str | Path, pdf: bool) -> None:
    try:
        size = os.stat(path).st_size
    except OSError:
        return  # the reader names the problem (no such file …)
    limit = max_input_mb() * (PDF_FACTOR if pdf else 1)
    if size > limit * 1_000_000:
        raise InputError(str(path), f"is {size / 1_000_000:.3g} MB, over the {limit:g} MB input limit for a "
                                    f"{'PDF' if pdf else 'text file'} (raise it with {ENV_MAX_INPUT}, in MB of text)")


def read_document(path: str | Path) -> Document:
    """Read one disclosure: a PDF (by its %PDF- signature) or a text file; InputError above the size limit,
    and for a file name that is not UTF-8 (a GBK name unzipped on Linux): every amount cites its file
    by name, in JSON, the store and Neo4j, which hold UTF-8 only."""
    try:
        str(path).encode("utf-8")
    except UnicodeEncodeError:
        shown = str(path).encode("utf-8", "surrogateescape").decode("utf-8", "replace")
        raise InputError(shown, "the file name is not UTF-8; rename it (e.g. convmv -f gbk -t utf-8 --notest)") from None
    try:
        with open(path, "rb") as fh:
            head = fh.read(1024)
    except OSError:
        head = b""  # read_text names the problem (no such file, a folder …)
    pdf = head.lstrip()[:5] == b"%PDF-"
    _check_size(path, pdf)
    if pdf:
        from lineage.read.pdf import read_pdf  # PDFium loads only when a PDF is read

        return read_pdf(path)
    return read_text(path)
