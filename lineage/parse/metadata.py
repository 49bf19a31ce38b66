"""Who and when: unit name, year, kind (部门/单位预算), amount unit, unit code."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Optional

from lineage.read import Document

_UNIT_CHARS = r"[\u4e00-\u9fff（）()·]"
# "重庆市科学技术协会 2024 年部门预算情况说明", "渠县科学技术协会 2024 年部门预算表"
_NAME_YEAR = re.compile(rf"(?P<name>{_UNIT_CHARS}{{4,40}}?)\s*(?P<year>20\d\d)\s*年\s*(?P<kind>部门|单位)预算")
# "2023 年成华区科学技术协会 部门预算"
_YEAR_NAME = re.compile(rf"(?P<year>20\d\d)\s*年\s*(?P<name>{_UNIT_CHARS}{{4,40}}?)\s*(?P<kind>部门|单位)预算")
# "2024 年部门预算" alone, name on an earlier line
_YEAR_ONLY = re.compile(r"^\s*(?P<year>20\d\d)\s*年\s*(?P<kind>部门|单位)预算")
_UNIT_LINE = re.compile(r"(?:部门|单位)[:：]\s*(?P<name>[\u4e00-\u9fff（）()]{4,40}?)(?:\s|金额|$)")
_AMOUNT_UNIT = re.compile(r"(?:金额)?单位\s*[:：]\s*(?P<unit>万元|元)|金额\s*[:：]\s*(?P<unit2>万元|元)")
_PART = re.compile(r"^第[一二三四五六七八九十]+部分\s*")


@dataclass
class Metadata:
    unit_name: str
    year: Optional[int]
    kind: str
    amount_unit: str


def read_metadata(doc: Document) -> Metadata:
    """Identity of the disclosure from its headings; the most common answer wins."""
    names: Counter[str] = Counter()
    years: Counter[int] = Counter()
    kinds: Counter[str] = Counter()
    prev = ""
    for ln in doc.lines[:400]:
        text = _PART.sub("", ln.norm.strip())
        if not text:
            continue
        if "预算" not in text:  # all three heading patterns need it; cheaper than trying them
            prev = text
            continue
        for pattern in (_NAME_YEAR, _YEAR_NAME):
            m = pattern.search(text)
            if m:
                names[m.group("name").strip()] += 1
                years[int(m.group("year"))] += 1
                kinds[m.group("kind") + "预算"] += 1
                break
        else:
            m = _YEAR_ONLY.match(text)
            if m:
                years[int(m.group("year"))] += 1
                kinds[m.group("kind") + "预算"] += 1
                if re.fullmatch(f"{_UNIT_CHARS}{{4,40}}", prev):
                    names[prev] += 1
        prev = text
    for ln in doc.lines:
        m = _UNIT_LINE.search(ln.norm) if ":" in ln.norm or "：" in ln.norm else None
        if m:
            names[m.group("name")] += 0.01  # type: ignore[assignment]  # tie-breaker only
    units: Counter[str] = Counter()
    for ln in (ln for ln in doc.lines if "单位" in ln.norm or "金额" in ln.norm):
        for m in _AMOUNT_UNIT.finditer(ln.norm):
            units[m.group("unit") or m.group("unit2")] += 1
    # "县科学技术协会" in the text is "渠县科学技术协会" in the heading: count a
    # short form towards the full name that ends with it.
    for short in list(names):
        longer = [n for n in names if n != short and n.endswith(short) and names[n] >= 1]
        if longer:
            names[max(longer, key=len)] += names.pop(short)
    name = names.most_common(1)[0][0] if names else ""
    return Metadata(
        unit_name=name,
        year=years.most_common(1)[0][0] if years else None,
        kind=kinds.most_common(1)[0][0] if kinds else "部门预算",
        amount_unit=units.most_common(1)[0][0] if units else "万元",
    )
