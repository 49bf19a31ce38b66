"""The unit a table's amounts are printed in, from its 单位 line.

Templates print it as "单位：万元", "金额单位：元", "单位:万元" or "编制部门：… 单位：元";
a line "单位：四川省科技交流中心" names the unit (organisation), not money.
Shanghai prints its budget tables in 元, its 三公 table and its text in 万元, so
the unit is read per table.
"""

from __future__ import annotations

import re
from typing import Optional

AMOUNT_UNIT = re.compile(r"(?:金额)?单位\s*[:：]\s*(?P<unit>万元|元)(?![\u4e00-\u9fff/])|金额\s*[:：]\s*(?P<unit2>万元|元)")


def units_in_line(text: str) -> list[str]:
    """Every money unit a line states.

    >>> units_in_line("编制部门：上海市普陀区司法局 单位：元"), units_in_line("单位:万元")
    (['元'], ['万元'])
    >>> units_in_line("单位：四川省科技交流中心 金额单位：万元"), units_in_line("单位：元/人")
    (['万元'], [])
    """
    if "单位" not in text and "金额" not in text:
        return []
    return [m.group("unit") or m.group("unit2") for m in AMOUNT_UNIT.finditer(text)]


def unit_of_line(text: str) -> Optional[str]:
    """The money unit a line states, or None."""
    found = units_in_line(text)
    return found[0] if found else None
