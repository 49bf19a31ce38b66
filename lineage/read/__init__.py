"""Bytes to normalised lines: encodings, line ends, full-width characters."""

from lineage.read.text import Document, InputError, Line, compact, read_document

__all__ = ["Document", "InputError", "Line", "compact", "read_document"]
