"""Find where the budget tables are: title lines, number markers, the contents list (目录).

This module knows nothing of a layout's cells. It returns `Anchor`s (a title
or a number marker with its line), and marks the ones that belong to a table
of contents, so each layout front end can cut its own table extents: the
tab-separated layout starts a table at its title, the flattened layout (where
text order inside a page is scrambled) uses pages and the `表N` markers.
"""

from __future__ import annotations

import re
import weakref
from dataclasses import dataclass, replace
from typing import Optional

from lineage.read import Document
from lineage.vocab import read_title
from lineage.vocab.titles import kind_of_title, untangle


@dataclass(frozen=True)
class Anchor:
    """A table title or number marker on a line.

    `kind` is None for a bare number marker ("表1-2") and for a title the
    vocabulary does not know (`unknown`): a layout must end the table before
    such a title and never read its rows into that table.
    """

    line: int
    kind: str | None
    number: str | None  # printed number, normalised: "1-1", "3", "十二"
    title: str  # the title text as printed ("" for a bare marker)
    in_contents: bool = False
    ordinal: str | None = None  # "1" of "1. …" / "一" of "一、…": a 目录's numbering
    unknown: bool = False


def title_of_line(norm: str) -> tuple[str | None, str | None, str]:
    """(kind, number, title) when the line is a known table title or a marker line.

    >>> title_of_line("四、财政拨款收支预算总表（公开表2）")[:2]
    ('fiscal_summary', '2')
    >>> title_of_line("表1-2")[:2]
    (None, '1-2')
    """
    t = read_title(norm)
    if t is None or t.unknown:
        return None, None, ""
    return t.kind, t.number, t.title


def find_anchors(doc: Document) -> list[Anchor]:
    """Every title and number marker, with contents-list entries flagged.

    A contents list is a run of three or more title lines with nothing but
    blank lines, wrapped title fragments or headings between them.

    The parser, the tab layout's detect() and the claim reader all ask for the
    same document's anchors: they are found once per document (the last one
    asked about is remembered, without keeping it alive) and each caller gets
    its own list.
    """
    global _last
    known = _last[0]() if _last else None
    if known is not doc:
        _last = (weakref.ref(doc), _find_anchors(doc))
    return list(_last[1])


_last: Optional[tuple[weakref.ref, list[Anchor]]] = None


def _find_anchors(doc: Document) -> list[Anchor]:
    raw: list[Anchor] = []
    contents: set[int] = set()
    for ln in doc.lines:
        t = read_title(ln.norm)
        if t is None:
            continue
        raw.append(Anchor(ln.no, t.kind, t.number, t.title, ordinal=t.ordinal, unknown=t.unknown))
        if t.leader:  # dotted leaders to a page number: only a contents list prints them
            contents.add(ln.no)
    raw = _untangled(raw)
    titled = [a for a in raw if a.kind or a.unknown]
    run: list[Anchor] = []

    def close_run() -> None:
        if len(run) >= 3:
            contents.update(a.line for a in run)

    for a in titled:
        if run and _only_filler_between(doc, run[-1].line, a.line):
            run.append(a)
        else:
            close_run()
            run = [a]
    close_run()
    return [replace(a, in_contents=a.line in contents) for a in raw]


def _untangled(raw: list[Anchor]) -> list[Anchor]:
    """An unknown title that is two titles printed over each other (`untangle`), one of them a title the
    document prints elsewhere, is the other one when the vocabulary knows it; the nearest title wins."""
    known = [a for a in raw if a.kind]
    out = []
    for a in raw:
        if a.unknown:
            for other in sorted(known, key=lambda b: abs(b.line - a.line)):
                rest = untangle(a.title, other.title)
                if rest and kind_of_title(rest):
                    a = replace(a, kind=kind_of_title(rest), title=rest, unknown=False)
                    break
        out.append(a)
    return out


def _only_filler_between(doc: Document, start: int, end: int) -> bool:
    """True when the lines strictly between start and end carry no table content.

    In a PDF a contents list ends with its page: a table title at the top of
    the next page is the table itself, not one more 目录 line.
    """
    if end - start > 8:
        return False
    if doc.line(start).page != doc.line(end).page:
        return False
    for no in range(start + 1, end):
        text = doc.line(no).norm.strip()
        if not text:
            continue
        if re.search(r"\d+\.\d\d", text):  # an amount: real table content
            return False
        if len(text) > 30:
            return False
    return True
