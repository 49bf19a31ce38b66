"""Bytes to normalised lines: encodings, line ends, full-width characters; PDFs with their geometry."""

from __future__ import annotations

from pathlib import Path

from lineage.read.text import Document, InputError, Line, compact
from lineage.read.text import read_document as read_text

__all__ = ["Document", "InputError", "Line", "compact", "read_document", "read_text"]


def read_document(path: str | Path) -> Document:
    """Read one disclosure: a PDF (by its %PDF- signature) or a text file."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(1024)
    except OSError:
        head = b""  # read_text names the problem (no such file, a folder …)
    if head.lstrip()[:5] == b"%PDF-":
        from lineage.read.pdf import read_pdf  # PDFium loads only when a PDF is read

        return read_pdf(path)
    return read_text(path)
