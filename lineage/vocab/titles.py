"""Recognising a table from its title, its header, or a line of the 目录.

The title variants are the specs' data (lineage.vocab.tables); this module only
strips what surrounds a title on a printed line — numbering (表1, 表 2-1, 表一,
公开表 1, "1."/"一、"), dotted leaders and page numbers of a contents list — and
tells a title the vocabulary does not know (reported, never absorbed) from a
heading of the document ("五、部门预算表", "2024 年度部门决算表").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from lineage.read import compact
from lineage.vocab.tables import SPECS, TITLE_WORD

CN_DIGITS = "零一二三四五六七八九十"

# "表1", "表 2-1", "表一", "表十二", "附表3", "公开表1", possibly followed by the title.
_MARKER = re.compile(rf"^\s*(?:附|公开)?表\s*(?P<num>\d+(?:\s*-\s*\d+)?|[{CN_DIGITS}]+)(?P<rest>.*)$")
# "（公开表 1-1）", "(公开表2)" inside a heading.
_PUBLIC_NO = re.compile(r"[(（]\s*公开\s*表\s*(?P<num>\d+(?:\s*-\s*\d+)?)\s*[)）]")
# An ordinal before a title: "一、", "1.", "4．", "(三)".
# "4．2026年…" is normalised to "4.2026年…": a year may follow the point directly.
_ORDINAL = re.compile(
    rf"^[\s\-·]*(?:(?P<cn>[{CN_DIGITS}]+)\s*、|(?P<ar>\d{{1,2}})\s*(?:、|\.(?!\d)|\.(?=20\d\d\s*年))"
    rf"|[(（][{CN_DIGITS}\d]+[)）])\s*"
)
# Dotted leaders of a contents list and the page number after them.
_LEADER = re.compile(r"\s*(?:[.…·]\s*){3,}\s*(?P<page>\d+)?\s*$|\s*[…]+\s*(?P<page2>\d+)?\s*$")
# Running prose, not a title.
_SENTENCE = re.compile(r"[，。；,;]|万元|预算数为|包括")
# A bracketed remark after a title: "（2024年度）", "(一级项目)", "(公开表2)", or one the line
# break cut ("…预算表（部门经济分类科目）（公开" / "表 2-1）").
_REMARK = re.compile(r"[(（][^)）]{0,24}[)）]|[(（][^)）]{0,24}$")
# Wordings of the same title: Shandong's "收支总体情况表" is the 收支总表.
SUFFIX_VARIANTS: list[tuple[str, str]] = [("总体情况表", "总表"), ("情况表", "表")]
# Headings that name the document's part, not one table: "部门预算表", "…局 2024 年度部门决算表"
# (the scope word, a year or a unit name's last character right before 预算/决算表), but not
# "政府采购预算表", whose 预算表 follows the subject of a table.
_HEADING = re.compile(
    r"(^|\d{4}年度?|[局委会办院所队站馆处室心级])(部门|单位|区级|市级|县级)?(综合)?(预算|决算)(公开)?(报)?表(格)?$"
    r"|^(公开|附)表$|^[一二三四五六七八九十]+表$|目录"
)
# A 目录 with columns after the title (陕西: "表9 …政府性基金收支表 是 不涉及"): 是否空表 and the reason.
_CONTENTS_COLUMNS = re.compile(r"(?<=表)[)）]?\s+[是否](\s+\S{1,20})?$")
_MAX_TITLE = 44  # characters of a title line without its remarks: longer is prose


@dataclass(frozen=True)
class Title:
    """What a printed line says about a table."""

    kind: Optional[str]  # None: a bare number marker, or a title the vocabulary does not know
    number: Optional[str]  # printed number, normalised: "1-1", "3", "十二"
    title: str  # the title as printed, numbering removed ("" for a bare marker)
    ordinal: Optional[str] = None  # "1." / "一、" before the title (a 目录's numbering)
    leader: bool = False  # dotted leaders: a contents-list line
    unknown: bool = False  # looks like a table title, but no spec names it


def kind_of_title(title: str) -> Optional[str]:
    """The kind a title names, or None.

    >>> kind_of_title("重庆市科学技术协会财政拨款收支总表")
    'fiscal_summary'
    >>> kind_of_title("2026年部门财务收支预算总表")
    'income_expenditure_summary'
    >>> kind_of_title("一般公共预算财政拨款基本支出决算表")
    'actual_gp_basic_by_economic'
    >>> kind_of_title("部门项目支出绩效目标表（2024年度）")
    'project_performance'
    >>> kind_of_title("收支总体情况表"), kind_of_title("基本支出总表"), kind_of_title("培训费明细表")
    ('income_expenditure_summary', 'basic_by_economic', None)
    """
    words = compact(title)
    for suffix, same in SUFFIX_VARIANTS:
        if words.endswith(suffix):
            words = words[: -len(suffix)] + same
            break
    for s in SPECS:
        if s.names(words):
            return s.kind
    return None


def _clean_number(num: Optional[str]) -> Optional[str]:
    return re.sub(r"\s+", "", num) if num else None


def read_title(norm: str) -> Optional[Title]:
    """The table title or number marker a line prints, or None.

    >>> t = read_title("四、财政拨款收支预算总表（公开表2）"); (t.kind, t.number)
    ('fiscal_summary', '2')
    >>> t = read_title("表2财政拨款收支预算总表"); (t.kind, t.number)
    ('fiscal_summary', '2')
    >>> t = read_title("表1-2"); (t.kind, t.number)
    (None, '1-2')
    >>> t = read_title("5. 2026年部门一般公共预算支出功能分类预算表 ………………………… 12")
    >>> (t.kind, t.ordinal, t.leader)
    ('gp_by_function', '5', True)
    >>> read_title("七、财政拨款“三公”经费支出决算表").kind
    'actual_three_public'
    >>> t = read_title("2024年政府采购预算明细表"); (t.kind, t.unknown, t.title)
    (None, True, '2024年政府采购预算明细表')
    >>> read_title("五、部门预算表") is None, read_title("渠县科学技术协会2024年部门收支总表包括：一般公共预算拨款") is None
    (True, True)
    >>> read_title("一、关于部门收支总表的说明") is None
    True
    """
    text = norm.strip()
    if TITLE_WORD not in text:  # markers and titles all print 表
        return None
    leader = _LEADER.search(text)
    if leader:
        text = text[: leader.start()].strip()
    text = _CONTENTS_COLUMNS.sub("", text)
    if len(text) > 60:
        return None
    number = None
    m = _MARKER.match(text)
    if m:
        number = _clean_number(m.group("num"))
        text = m.group("rest").strip()
        if not text:
            return Title(None, number, "", leader=bool(leader))
    p = _PUBLIC_NO.search(text)
    if p:
        number = number or _clean_number(p.group("num"))
    if _SENTENCE.search(text):
        return None
    ordinal = None
    o = _ORDINAL.match(text)
    if o:
        ordinal = o.group("cn") or o.group("ar")
        text = text[o.end():]
    body = text.strip()
    if len(_REMARK.sub("", body)) > _MAX_TITLE:  # a unit-name prefix and remarks are fine, prose is not
        return None
    if not _REMARK.sub("", compact(body)).endswith(TITLE_WORD):  # "关于部门收支总表的说明": a heading about a table
        return None
    kind = kind_of_title(body)
    if kind is not None:
        return Title(kind, number, body, ordinal, bool(leader))
    if _looks_like_title(_REMARK.sub("", compact(body))):
        return Title(None, number, body, ordinal, bool(leader), unknown=True)
    return None


def _looks_like_title(bare: str) -> bool:
    """A line the vocabulary does not know that still names a table: "…表", a few words, no heading.

    >>> _looks_like_title("2024年政府采购预算明细表"), _looks_like_title("部门预算表"), _looks_like_title("附表")
    (True, False, False)
    >>> _looks_like_title("部门综合预算政府采购预算表"), _looks_like_title("上海市规划和自然资源局2024年度部门决算表")
    (True, False)
    """
    if not bare.endswith(TITLE_WORD) or _HEADING.search(bare) or re.search("[:：]", bare):
        return False
    return len(re.findall(r"[\u4e00-\u9fff]", bare)) >= 5


def untangle(line: str, title: str) -> Optional[str]:
    """What is left of `line` once the characters of `title` are taken out, when `title` is printed
    interleaved in it, else None.

    Two title lines set in a large font overlap in height; the extractor then reads them as one line,
    their characters merged left to right (烟台 page 45: "（三）部门预算项目绩效目标表" over
    "政策和项目预算绩效目标表" reads "部门预算项目政绩策效和目项标目表预算绩效目标表"). A title merely
    printed beside another (a substring) is not untangled: that is two titles, not one garbled line.

    >>> untangle("部门预算项目政绩策效和目项标目表预算绩效目标表", "政策和项目预算绩效目标表")
    '部门预算项目绩效目标表'
    >>> untangle("部门收支总表政府采购预算表", "政府采购预算表") is None, untangle("收入总表", "支出总表") is None
    (True, True)
    """
    line, title = compact(line), compact(title)
    if not title or title in line:
        return None
    taken: list[int] = []
    for ch in title:
        at = line.find(ch, taken[-1] + 1 if taken else 0)
        if at < 0:
            return None
        taken.append(at)
    rest = "".join(ch for i, ch in enumerate(line) if i not in set(taken))
    return rest or None


def number_value(number: str) -> Optional[tuple[int, ...]]:
    """A printed table number as a sortable tuple: "七" → (7,), "3-1" → (3, 1), "十二" → (12,).

    >>> number_value("十二"), number_value("3-1"), number_value("二十"), number_value("x")
    ((12,), (3, 1), (20,), None)
    """
    if re.fullmatch(r"\d+(-\d+)*", number):
        return tuple(int(p) for p in number.split("-"))
    if not number or any(c not in CN_DIGITS for c in number):
        return None
    if number == "十":
        return (10,)
    if "十" in number:
        tens, _, ones = number.partition("十")
        return ((CN_DIGITS.index(tens) if tens else 1) * 10 + (CN_DIGITS.index(ones) if ones else 0),)
    return (CN_DIGITS.index(number),) if len(number) == 1 else None


def number_text(value: tuple[int, ...], chinese: bool) -> str:
    """A number tuple printed the way the document numbers its tables.

    >>> number_text((7,), True), number_text((12,), True), number_text((3, 2), False)
    ('七', '十二', '3-2')
    """
    if not chinese:
        return "-".join(str(v) for v in value)
    n = value[0]
    if n <= 10:
        return CN_DIGITS[n]
    tens, ones = divmod(n, 10)
    return (CN_DIGITS[tens] if tens > 1 else "") + "十" + (CN_DIGITS[ones] if ones else "")
