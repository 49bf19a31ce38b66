"""Bytes to normalised lines: encodings, line ends, full-width characters."""

from lineage.read.text import Document, InputError, Line, read_document

__all__ = ["Document", "InputError", "Line", "read_document"]
