"""What every rule of one run shares: the disclosure and what is derived from it once.

A rule receives a `CheckContext` instead of gathering its own facts, graph or
text: the facts of every table (lineage.checks.facts), the lineage graph, the
tables and targets without their second copies (lineage.checks.walk) and the
document's own lines are computed at most once per disclosure, on first use.

The explanation text is read back from the source file only when the file is
still there with the same sha256 as when it was parsed (so every line number
cited is the parsed file's); otherwise `lines` is None and the few rules that
read sentences the claim parser does not turn into figures (a list of 类
names, a count with its parts) stay quiet rather than guess.
"""

from __future__ import annotations

import hashlib
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Iterator, Optional, Sequence

from lineage.checks import walk
from lineage.model import Disclosure, PerformanceTable, ProjectTarget, Provenance, Table

if TYPE_CHECKING:
    import networkx as nx

    from lineage.checks.facts import Facts


class CheckContext:
    """One disclosure and everything the rules derive from it, built lazily once."""

    def __init__(self, disclosure: Disclosure, lines: Optional[dict[int, str]] = None,
                 related: Sequence[Disclosure] = (), pages: Optional[dict[int, int]] = None):
        self.disclosure = disclosure
        self._lines = lines
        self._pages = pages
        # Other disclosures of the same unit the caller has at hand (a 决算's 预算 of that year): the
        # cross-document rules (XD) read them, and stay quiet without them.
        self.related = list(related)

    @property
    def d(self) -> Disclosure:
        return self.disclosure

    @cached_property
    def facts(self) -> "Facts":
        from lineage.checks.facts import gather

        return gather(self.disclosure)

    @cached_property
    def graph(self) -> "nx.MultiDiGraph":
        from lineage.graph.build import build_graph

        return build_graph([self.disclosure])

    @cached_property
    def tables(self) -> list[Table]:
        return walk.tables(self.disclosure)

    def performance_tables(self, kind: Optional[str] = None) -> list[PerformanceTable]:
        return walk.performance_tables(self.disclosure, kind)

    def targets(self) -> Iterator[tuple[PerformanceTable, ProjectTarget]]:
        return walk.targets(self.disclosure)

    @cached_property
    def _source(self) -> tuple[Optional[dict[int, str]], dict[int, int]]:
        if self._lines is not None:
            return self._lines, self._pages or {}
        return source_text(self.disclosure) or (None, {})

    @property
    def lines(self) -> Optional[dict[int, str]]:
        """The document's lines by number (normalised), or None when the source is gone or changed."""
        return self._source[0]

    def line_evidence(self, no: int, table: Optional[str] = None) -> Provenance:
        """A line of the document as evidence, with its PDF page: a reader of a 40-page PDF looks
        for the page first. The text is the line as read, when the source is at hand."""
        lines, pages = self._source
        return Provenance(file=self.d.source.path, table=table, line=no, page=pages.get(no),
                          text=lines[no][:120] if lines and no in lines else "")


def source_lines(d: Disclosure) -> Optional[dict[int, str]]:
    """The parsed file's normalised lines, if it is still on disk unchanged."""
    text = source_text(d)
    return text[0] if text else None


def source_text(d: Disclosure) -> Optional[tuple[dict[int, str], dict[int, int]]]:
    """The parsed file's normalised lines and the PDF page of each (none for a text file),
    if it is still on disk unchanged."""
    path = Path(d.source.path)
    try:
        data = path.read_bytes()
    except OSError:
        return None
    if hashlib.sha256(data).hexdigest() != d.source.sha256:
        return None
    from lineage.read import InputError, read_document

    try:
        doc = read_document(path)
    except InputError:
        return None
    return {line.no: line.norm for line in doc.lines}, {line.no: line.page for line in doc.lines if line.page}
