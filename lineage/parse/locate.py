"""Find where the budget tables are: title lines, number markers, the contents list.

This module knows nothing of a layout's cells. It returns `Anchor`s (a title
or a number marker with its line), and marks the ones that belong to a table
of contents, so each layout front end can cut its own table extents: the
tab-separated layout starts a table at its title, the flattened layout (where
text order inside a page is scrambled) uses pages and the `表N` markers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lineage.parse.kinds import TITLE_WORD, kind_of_title
from lineage.read import Document

CN_NUM = "一二三四五六七八九十"

# "表1", "表 2-1", "表一", "表十二", possibly followed by a title on the same line.
_MARKER = re.compile(rf"^\s*表\s*(?P<num>\d+(?:\s*-\s*\d+)?|[{CN_NUM}]+)(?P<rest>.*)$")
# "（公开表 1-1）", "(公开表2)" inside a heading.
_PUBLIC_NO = re.compile(r"[(（]\s*公开\s*表\s*(?P<num>\d+(?:\s*-\s*\d+)?)\s*[)）]")
# Things allowed around a title on a title line.
_LEAD = re.compile(rf"^[\s\-.·]*(?:[{CN_NUM}]+、|\d+[.、])?\s*")
_SENTENCE = re.compile(r"[，。；,;]|万元|预算数为|包括")


@dataclass(frozen=True)
class Anchor:
    line: int
    kind: str | None  # None for a bare number marker
    number: str | None  # printed number, normalised: "1-1", "3", "十二"
    title: str  # the title text as printed ("" for a bare marker)
    in_contents: bool = False


def _clean_number(num: str | None) -> str | None:
    return re.sub(r"\s+", "", num) if num else None


def title_of_line(norm: str) -> tuple[str | None, str | None, str]:
    """(kind, number, title) when the line is a table title or marker line.

    >>> title_of_line("四、财政拨款收支预算总表（公开表2）")[:2]
    ('fiscal_summary', '2')
    >>> title_of_line("表2财政拨款收支预算总表")[:2]
    ('fiscal_summary', '2')
    >>> title_of_line("表1-2")[:2]
    (None, '1-2')
    >>> title_of_line("渠县科学技术协会2024年部门收支总表包括：一般公共预算拨款")[0] is None
    True
    """
    text = norm.strip()
    if len(text) > 60 or TITLE_WORD not in text:  # markers and titles all print 表
        return None, None, ""
    number = None
    m = _MARKER.match(text)
    if m:
        number = _clean_number(m.group("num"))
        text = m.group("rest").strip()
        if not text:
            return None, number, ""
    p = _PUBLIC_NO.search(text)
    if p:
        number = number or _clean_number(p.group("num"))
    if _SENTENCE.search(text):
        return None, None, ""
    body = _LEAD.sub("", text)
    kind = kind_of_title(body)
    if kind is None:
        return None, None, ""
    # The title must be most of the line: a unit-name prefix and bracketed
    # suffixes are fine, running prose is not.
    stripped = re.sub(r"[(（][^)）]{0,24}[)）]", "", body)
    if len(stripped) > 44:
        return None, None, ""
    return kind, number, body


def find_anchors(doc: Document) -> list[Anchor]:
    """Every title and number marker, with contents-list entries flagged.

    A contents list is a run of three or more title lines with nothing but
    blank lines, wrapped title fragments or headings between them.
    """
    raw: list[Anchor] = []
    for ln in doc.lines:
        kind, number, title = title_of_line(ln.norm)
        if kind or number:
            raw.append(Anchor(ln.no, kind, number, title))
    titled = [a for a in raw if a.kind]
    contents: set[int] = set()
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
    return [
        Anchor(a.line, a.kind, a.number, a.title, in_contents=a.line in contents)
        for a in raw
    ]


def _only_filler_between(doc: Document, start: int, end: int) -> bool:
    """True when the lines strictly between start and end carry no table content."""
    if end - start > 8:
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
