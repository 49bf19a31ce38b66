"""Who and when: unit name, year, kind (部门/单位 预算/决算), amount unit, the units covered.

The name comes from where a document states it: the cover ("预算主管部门：上海市
普陀区司法局"), a heading ("重庆市科学技术协会 2024 年部门预算情况说明", "上海市
普陀区规划和自然资源局 2024 年度部门决算"), the 编制部门 line of a table, or the
编制说明 ("2026年，上海市普陀区司法局收入预算…"). A table title is not a place
a name is stated, and a heading that names only the district ("上海市普陀区
2026年区级部门预算") gives the year and kind but no unit. Each statement votes;
the most stated answer wins.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Optional

from lineage.model import CoveredUnit
from lineage.read import Document, compact
from lineage.vocab.units import units_in_line

_UNIT_CHARS = r"[\u4e00-\u9fff（）()·]"
_KIND = r"(?P<scope>部门|单位)(?P<phase>预算|决算)"
# "重庆市科学技术协会 2024 年部门预算情况说明", "上海市普陀区规划和自然资源局 2024 年度部门决算"
_NAME_YEAR = re.compile(rf"(?P<name>{_UNIT_CHARS}{{4,40}}?)\s*(?P<year>20\d\d)\s*年度?\s*{_KIND}")
# "2023 年成华区科学技术协会 部门预算"
_YEAR_NAME = re.compile(rf"(?P<year>20\d\d)\s*年度?\s*(?P<name>{_UNIT_CHARS}{{4,40}}?)\s*{_KIND}")
# "2024 年部门预算" alone (name on an earlier line), "上海市普陀区2026年区级部门预算"
_YEAR_ONLY = re.compile(rf"(?P<year>20\d\d)\s*年度?\s*(?:区级|市级|县级|省级)?\s*{_KIND}")
# The cover: "预算主管部门：X", "部门名称：X"; a table's 编制 line: "编制部门：X", "单位：X".
# A table names the unit it shows (a 本级 sub-unit, say): a tie-breaker only.
_STATED = re.compile(
    r"(?P<who>预算主管部门|主管部门|部门名称|单位名称|编制部门|编制单位|部门|单位)\s*[:：]\s*"
    r"(?P<name>[\u4e00-\u9fff（）()]{4,40}?)(?:\s|金额|单位|$)"
)
_COVER_WORDS = {"预算主管部门", "主管部门", "部门名称", "单位名称"}
# 编制说明: "2026年，上海市普陀区司法局收入预算9628.22万元"
_EXPLAINED = re.compile(rf"^\s*(?P<year>20\d\d)\s*年\s*[，,]\s*(?P<name>{_UNIT_CHARS}{{4,40}}?)(?:部门)?(?:收入|收支|支出)(?:预算|决算)")
_PART = re.compile(r"^第[一二三四五六七八九十]+部分\s*")
_NOT_A_NAME = re.compile(r"^(本部门|本单位|部门|单位|纳入|根据|按照|其中|关于)|表$|预算$|决算$|说明$")
# "具体包括： 1. 普陀区司法局本部", "1. 上海市普陀区万里街道社区事务受理服务中心。", "1 上海市 XX 局（本级）"
_COVER_START = re.compile(r"(具体包括|单位包括|编制范围的单位包括|包括以下单位|单位构成|直属单位[:：])[:：]?")
_COVERED = re.compile(rf"^\s*(?:\d{{1,2}}\s*[.、]?\s*)(?P<name>{_UNIT_CHARS}{{4,40}})[。；;]?\s*(?:\S{{0,8}})?$")
# Cells of the 决算's 单位构成 table: 序号, a 备注 like "（下属事业单位）", a name without its number.
_NUMBER_CELL = re.compile(r"\d{1,2}")
_END_OF_LIST = re.compile(r"^第[一二三四五六七八九十]+部分|^[一二三四五六七八九十]+、|表$")
_REMARK_CELL = re.compile(r"[(（]下属[^)）]*[)）]")
_REMARK_TAIL = re.compile(r"[(（]下属[^)）]*[)）]$")
_WRAPPED_TAIL = re.compile(r"([\u4e00-\u9fff]{1,3})[(（]下属[^)）]*[)）]")
_TABLE_NAME = re.compile(rf"(?:\d{{1,2}})?(?P<name>{_UNIT_CHARS}{{4,40}})")
_LISTED = re.compile(rf"[:：](?P<names>(?:{_UNIT_CHARS}{{4,40}}?、)+{_UNIT_CHARS}{{4,40}}?)(?=[，。；,;]|$)")

# A blank template's placeholder for the unit: "第二部分 上海市 XX 局 2024 年度部门决算表".
_PLACEHOLDER = re.compile(rf"(?P<name>[\u4e00-\u9fff]{{0,12}}\s*(?:XX|ＸＸ|××|xx)\s*[\u4e00-\u9fff]{{1,12}}?)\s*20\d\d\s*年度?\s*{_KIND}")

# Votes: a statement on the cover outweighs a heading, which outweighs the text.
_W_STATED, _W_HEADING, _W_TEXT = 3, 2, 1


@dataclass
class Metadata:
    unit_name: str
    year: Optional[int]
    kind: str
    amount_unit: str
    covers: list[CoveredUnit] = field(default_factory=list)
    # A blank template names no unit, only a placeholder ("上海市 XX 局"): kept to say so, never a name.
    placeholder: Optional[str] = None


def _name_ok(name: str) -> bool:
    return not _NOT_A_NAME.search(name) and len(name) >= 4


def read_metadata(doc: Document) -> Metadata:
    """Identity of the disclosure from its cover, headings and text; the most stated answer wins."""
    names: Counter[str] = Counter()
    years: Counter[int] = Counter()
    kinds: Counter[str] = Counter()
    prev = ""
    for ln in doc.lines[:400]:
        text = _PART.sub("", ln.norm.strip())
        if not text:
            continue
        if "预算" in text or "决算" in text:
            _vote_heading(text, prev, names, years, kinds)
        if "，" in text[:8] or "," in text[:8]:
            m = _EXPLAINED.match(text)
            if m and _name_ok(m.group("name")):
                names[m.group("name")] += _W_TEXT
        prev = text
    for ln in doc.lines:
        if ":" in ln.norm or "：" in ln.norm:
            for m in _STATED.finditer(ln.norm):
                if _name_ok(m.group("name")):
                    cover = m.group("who") in _COVER_WORDS and ln.no <= 400
                    names[m.group("name")] += _W_STATED if cover else 0.01  # type: ignore[assignment]
    units: Counter[str] = Counter()
    for ln in doc.lines:
        for unit in units_in_line(ln.norm):
            units[unit] += 1
    if not names:
        _vote_wrapped_cover(doc, names, years, kinds)
    _fold_short_forms(names)
    name = names.most_common(1)[0][0] if names else ""
    return Metadata(
        unit_name=name,
        year=years.most_common(1)[0][0] if years else None,
        kind=kinds.most_common(1)[0][0] if kinds else "部门预算",
        amount_unit=units.most_common(1)[0][0] if units else "万元",
        covers=read_covers(doc),
        placeholder=None if name else _placeholder(doc),
    )


def _placeholder(doc: Document) -> Optional[str]:
    """The template placeholder a heading prints where the unit's name goes, if any.

    >>> from lineage.read.text import Line
    >>> heading = "第二部分 上海市 XX 局 2024 年度部门决算表"
    >>> _placeholder(Document("t.txt", "", "utf-8", [Line(1, heading, heading)]))
    '上海市XX局'
    """
    for ln in doc.lines[:400]:
        m = _PLACEHOLDER.search(ln.norm)
        if m:
            return compact(m.group("name"))
    return None


def _vote_wrapped_cover(doc: Document, names: Counter, years: Counter, kinds: Counter) -> None:
    """A cover title wrapped over lines ("2026年度 / 福州市公安局治安管理 / 支队 / 单位预算", 福州;
    "2026年烟台市人力资源和社会保 / 障局部门预算", 烟台): the lines before the 目录, read joined.
    Used only when no single line named the unit."""
    cover = []
    for ln in doc.lines[:8]:
        text = re.sub(r"\s+", "", ln.norm)
        if text.startswith("目录") or (ln.page or 1) > 1:
            break
        cover.append(text)
    if len(cover) > 1:
        _vote_heading("".join(cover), "", names, years, kinds)


def stated_headings(doc: Document) -> list[tuple[int, str, int, str]]:
    """(line, unit name, year, kind) of every heading in the file that states all three, in order.

    Unlike read_metadata this reads the whole file: a second cover far down is
    how a file holding two disclosures shows itself (lineage.parse.disclosure).
    """
    found = []
    for ln in doc.lines:
        if "预算" not in ln.norm and "决算" not in ln.norm:
            continue
        text = _PART.sub("", ln.norm.strip())
        for pattern in (_NAME_YEAR, _YEAR_NAME):
            m = pattern.search(text)
            if m and _name_ok(m.group("name").strip()) and not re.search(r"(区级|市级|县级|省级)$", m.group("name")):
                found.append((ln.no, m.group("name").strip(), int(m.group("year")), m.group("scope") + m.group("phase")))
                break
    return found


def _vote_heading(text: str, prev: str, names: Counter, years: Counter, kinds: Counter) -> None:
    for pattern in (_NAME_YEAR, _YEAR_NAME):
        m = pattern.search(text)
        if m and _name_ok(m.group("name").strip()) and not re.search(r"(区级|市级|县级|省级)$", m.group("name")):
            names[m.group("name").strip()] += _W_HEADING
            years[int(m.group("year"))] += 1
            kinds[m.group("scope") + m.group("phase")] += 1
            return
    m = _YEAR_ONLY.search(text)
    if m and m.start() <= len(text) // 2 + 8:
        years[int(m.group("year"))] += 1
        kinds[m.group("scope") + m.group("phase")] += 1
        if m.start() == 0 and re.fullmatch(f"{_UNIT_CHARS}{{4,40}}", prev) and _name_ok(prev):
            names[prev] += _W_HEADING


# "县科学技术协会", "区财政局": a level word and the body, no place; never a full unit name.
_LEVEL = "省市州县区旗"


def _fold_short_forms(names: Counter) -> None:
    """"县科学技术协会" in the text is "渠县科学技术协会" in the heading: count a short form towards the full name.

    A name that is only a level word and the body ("县科学技术协会") names no
    place, so it also counts towards a full name with that body ("达川区科学技术
    协会"): it must never win over one and make two units' disclosures one.
    """
    for short in list(names):
        body = short[1:] if short[:1] in _LEVEL and len(short) > 4 else None
        longer = [n for n in names if n != short and len(n) > len(short) and names[n] >= 1
                  and (n.endswith(short) or (body and n.endswith(body)))]
        if longer:
            names[max(longer, key=len)] += names.pop(short)


def read_covers(doc: Document) -> list[CoveredUnit]:
    """The units a 部门 document says it covers, as listed after "具体包括：" and the like.

    Shanghai lists them one per line ("1. 普陀区司法局本部"), the 决算 in a
    numbered table ("1 上海市 XX 局（本级）"), Chongqing in one sentence
    ("…四个市级直属单位：重庆市反邪教协会、重庆科技馆…").
    """
    covers: list[CoveredUnit] = []
    lines = doc.lines
    for i, ln in enumerate(lines):
        m = _COVER_START.search(ln.norm)
        if not m:
            continue
        rest = ln.norm[m.end():]
        listed = _LISTED.search(ln.norm)
        if listed:
            return [CoveredUnit(line=ln.no, name=n) for n in listed.group("names").split("、")]
        candidates = [(ln.no, rest)] + [(x.no, x.norm) for x in lines[i + 1:i + 24]]
        table = False  # a 序号/单位名称/备注 table, whose cells wrap: "名称" / "2" / "（下属事业单位）"
        for no, text in candidates:
            words = compact(text)
            if not words or _NUMBER_CELL.fullmatch(words):
                continue
            if words.startswith("序号"):
                table = True
                continue
            if table and _REMARK_CELL.fullmatch(words):
                continue
            if _END_OF_LIST.search(words):  # the next part, heading or table: the list is over
                break
            wrapped = _WRAPPED_TAIL.fullmatch(words) if table and covers else None
            if wrapped:  # "…管理事务中" / "心（下属事业单位）": the name's tail
                covers[-1] = CoveredUnit(line=covers[-1].line, name=covers[-1].name + wrapped.group(1))
                continue
            c = _COVERED.match(text) or (_TABLE_NAME.fullmatch(words) if table else None)
            if not c:
                if covers:
                    break
                continue
            name = compact(c.group("name"))
            name = _REMARK_TAIL.sub("", name) if table else name
            if re.search(r"[。.]{2,}|XX", name) is None:
                covers.append(CoveredUnit(line=no, name=name))
        if covers:
            return covers
    return covers
