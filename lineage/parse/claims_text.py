"""The explanation text (情况说明) as sentences that remember their lines.

The explanation sections sit between a heading such as "第三部分 … 预算情况说明",
"…部门预算情况说明", "一、收支预算情况说明", "…重要事项说明" or a part named
for what it explains ("第二部分 部门预算收支总体情况", 深圳) and the next 名词解释
heading, the next 第N部分 heading (which may open the next section) or the next
budget table. Flattened PDFs wrap lines in
the middle of a word ("一般公共预算拨" / "款收入"), and the tab-separated ones
split a sentence over paragraphs at page breaks, so the lines of a section are
joined without separators and cut into sentences at "。". Each character keeps
the number of the line it was printed on, so every figure found in a sentence
can name its line(s).

Headings ("一、…", "（二）…": short, no "。") are kept as sentences of their
own: they name the subject of the text below them and close the sentence
before them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lineage.parse.locate import find_anchors
from lineage.read import Document

CN = "一二三四五六七八九十"
# A 决算 heads its text "第三部分 … 2024 年度部门决算 / 情况说明" or "…部门决算情况说明"; 烟台
# "2026年部门预算情况和重要事项说明".
_START = re.compile(r"(预算情况说明|预算编制说明|收支预算情况说明|决算情况说明|^情况说明|重要事项说明)\s*$")
# Parts of the text named for what they explain: "第二部分:部门预算收支情况说明", "第三部分:其他重要
# 事项说明" (西安), "第二部分 部门预算收支总体情况" … "第八部分 其他需要说明情况" (深圳). Not the
# 部门概况 (also printed "单位基本情况", "主要职能"), the tables or the glossary.
_PART_START = re.compile(
    rf"^\s*第[{CN}]+部分[:：\s]*(?!.*(概况|基本情况|职能|职责|机构设置|名词解释|预算表|公开表|报表|决算表|目录)).*(情况|说明)\s*$")
_STOP = re.compile(rf"名词解释|^\s*第[{CN}]+部分(?!.*(情况说明|编制说明))")
TOP_HEADING = re.compile(rf"^\s*[{CN}]+、")
_SUB_HEADING = re.compile(rf"^\s*[(（][{CN}]+[)）]")
_MAX_HEADING = 40
# A numbered line that prints a money figure, or ends in one whose unit the next line prints, opens a
# sentence: "(一)人员经费2286.69万元,主要包括:基本工资、津贴", "(三)2080505-机关事业单位基本养老
# 保险缴费支出188.72" / "万元。" (福州).
_FIGURE_IN_LINE = re.compile(r"\d\s*(万元|元)|\d\.\d+$")


@dataclass
class Sentence:
    """A run of text with the line number of each of its characters."""

    text: str
    line_of: list[int]
    heading: bool = False
    top: bool = False  # a top-level heading ("一、…", "第三部分 …")

    def lines(self, start: int, end: int) -> list[int]:
        """The distinct lines printed between two positions (end exclusive)."""
        return sorted(set(self.line_of[max(start, 0) : max(end, start + 1)]))


def explanation_spans(doc: Document) -> list[tuple[int, int]]:
    """(first line, last line) of each explanation section, 1-based, inclusive.

    A contents list may name the section without any text under it; such a
    span holds no figures and is harmless.
    """
    tables = sorted(a.line for a in find_anchors(doc) if a.kind and not a.in_contents)
    spans: list[tuple[int, int]] = []
    start: int | None = None
    for ln in doc.lines:
        text = ln.norm.strip()
        if start is not None:
            if not (_STOP.search(text) or ln.no in tables):
                continue
            spans.append((start, ln.no - 1))
            start = None
        if (_START.search(text) or _PART_START.match(text)) and len(text) <= 60:
            start = ln.no  # the part that ends one span may open the next
    if start is not None:
        spans.append((start, len(doc.lines)))
    return spans


def is_heading(text: str) -> bool:
    """A short numbered heading line without a full stop.

    >>> is_heading("（一）收入预算情况"), is_heading("（一）公务接待费与 2022 年预算持平。")
    (True, False)
    >>> is_heading("(一)人员经费2286.69万元,主要包括:基本工资、津贴")
    False
    """
    t = text.strip()
    return bool((TOP_HEADING.match(t) or _SUB_HEADING.match(t)) and "。" not in t and len(t) <= _MAX_HEADING
                and not _FIGURE_IN_LINE.search(t))


def sentences(doc: Document, first: int, last: int) -> list[Sentence]:
    """The sentences of lines first..last: joined across line ends, cut at "。"."""
    out: list[Sentence] = []
    text: list[str] = []
    line_of: list[int] = []

    def close() -> None:
        if "".join(text).strip():
            out.append(Sentence("".join(text), list(line_of)))
        text.clear()
        line_of.clear()

    for no in range(first, last + 1):
        norm = doc.line(no).norm.strip()
        if not norm:
            continue
        if is_heading(norm) or no == first:
            close()
            out.append(Sentence(norm, [no] * len(norm), heading=True, top=no == first or bool(TOP_HEADING.match(norm))))
            continue
        start = 0
        while (stop := norm.find("。", start)) >= 0:  # the line's sentence ends, a piece at a time
            text.append(norm[start:stop + 1])
            line_of.extend([no] * (stop + 1 - start))
            close()
            start = stop + 1
        text.append(norm[start:])
        line_of.extend([no] * (len(norm) - start))
    close()
    return out
