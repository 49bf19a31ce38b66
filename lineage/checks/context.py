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
from lineage.model import Disclosure, PerformanceTable, ProjectTarget, Table

if TYPE_CHECKING:
    import networkx as nx

    from lineage.checks.facts import Facts


class CheckContext:
    """One disclosure and everything the rules derive from it, built lazily once."""

    def __init__(self, disclosure: Disclosure, lines: Optional[dict[int, str]] = None,
                 related: Sequence[Disclosure] = ()):
        self.disclosure = disclosure
        self._lines = lines
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
    def lines(self) -> Optional[dict[int, str]]:
        """The document's lines by number (normalised), or None when the source is gone or changed."""
        if self._lines is not None:
            return self._lines
        return source_lines(self.disclosure)


def source_lines(d: Disclosure) -> Optional[dict[int, str]]:
    """The parsed file's normalised lines, if it is still on disk unchanged."""
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
    return {line.no: line.norm for line in doc.lines}
