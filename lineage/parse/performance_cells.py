"""What the cells of a performance-indicator row mean, whatever the layout.

Performance tables (项目支出绩效目标表, 部门整体支出绩效目标表) follow one national
template: 一级指标 / 二级指标 / 三级指标, 指标性质, 指标值, 度量单位, 权重, 指标方向.
The printed cell positions are unreliable (cells shift a column left or right,
wrap across lines and pages), so rows are read by what their cells say: the
operator (指标性质) anchors the row; to its left sit the level names (a
closed vocabulary) and the indicator name; to its right value, unit, weight,
direction. Both layout readers (performance_tsv, performance_flat) use this.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Optional

from lineage.model import Indicator
from lineage.read import compact
from lineage.vocab.indicators import LEVEL1, LEVEL2

# Longest first, so "社会效益指标" is not read as "效益指标" + rest.
_VOCAB = sorted(LEVEL1 + LEVEL2, key=len, reverse=True)

# 指标性质 as printed (after full-width folding) → normalised.
# "≧" / "≦" (西安's cards: "≧95%", "≦60") print the same comparison; NFKC leaves them apart.
OPERATORS = {"=": "=", "≥": "≥", ">=": "≥", "≧": "≥", "≤": "≤", "<=": "≤", "≦": "≤", ">": ">", "<": "<", "定性": "定性"}
_OP_PREFIX = re.compile(r"^(>=|<=|≥|≤|≧|≦|=|>|<|定性)\s*(\S.*)$")
_NUMBER = re.compile(r"^\d+(?:\.\d+)?$")
_VALUE_UNIT = re.compile(r"^(\d[\d.,]*)\s*(.*)$")
_DIRECTIONS = {"正向指标": "正向", "反向指标": "反向", "正向": "正向", "反向": "反向"}


def operator_of(cell: str) -> Optional[str]:
    """The normalised operator when the whole cell is one, else None.

    >>> operator_of("＝".replace("＝", "=")), operator_of("定性"), operator_of("≥ 5")
    ('=', '定性', None)
    """
    return OPERATORS.get(compact(cell))


def split_operator(cell: str) -> Optional[tuple[str, str]]:
    """(operator, rest) for a cell that glues both, as in "=12场次" or "定性优良中低差".

    >>> split_operator("≥85%")
    ('≥', '85%')
    >>> split_operator("科普活动") is None
    True
    """
    m = _OP_PREFIX.match(cell.strip())
    return (OPERATORS[m.group(1)], m.group(2).strip()) if m else None


def split_value_unit(text: str) -> tuple[str, Optional[str]]:
    """A glued value and unit: "12场次" → ("12", "场次"); text values stay whole.

    >>> split_value_unit("1套(套)")
    ('1', '套(套)')
    >>> split_value_unit("优良中低差")
    ('优良中低差', None)
    """
    m = _VALUE_UNIT.match(text)
    if m and m.group(2):
        return m.group(1), m.group(2)
    return text, None


def level_of(cell: str) -> Optional[int]:
    """1 or 2 when the cell is a level name of the template, else None."""
    c = compact(cell)
    if c in LEVEL1:
        return 1
    if c in LEVEL2:
        return 2
    return None


def direction_of(cell: str) -> Optional[str]:
    return _DIRECTIONS.get(compact(cell))


def peel_levels(text: str) -> tuple[list[str], str]:
    """Level names at the start of joined text, and the rest (the indicator name).

    The flattened layout prints levels and name as one run of text, wrapped
    anywhere ("满意度指" / "标" / "服务对象满意度指标 受益对象满意度").

    >>> peel_levels("满意度指标服务对象满意度指标 受益对象满意度")
    (['满意度指标', '服务对象满意度指标'], '受益对象满意度')
    """
    rest = compact(text)
    found: list[str] = []
    while len(found) < 2:
        word = next((w for w in _VOCAB if rest.startswith(w)), None)
        if word is None:
            break
        found.append(word)
        rest = rest[len(word):]
    return found, rest


def assign_levels(names: list[str]) -> tuple[Optional[str], Optional[str], Optional[str]]:
    """(level1, level2, problem) from the level names printed on one row.

    One name goes where its vocabulary puts it. Two names are (一级, 二级)
    when the first is a first-level name (so "满意度指标 满意度指标" reads as
    both levels); two second-level names cannot be placed.
    """
    names = [compact(n) for n in names]
    if not names:
        return None, None, None
    if len(names) == 1:
        return (names[0], None, None) if names[0] in LEVEL1 else (None, names[0], None)
    if len(names) == 2 and names[0] in LEVEL1:
        return names[0], names[1], None
    return None, None, f"level names {'、'.join(names)} on one row cannot be placed as 一级/二级"


def is_number(cell: str) -> bool:
    return bool(_NUMBER.match(cell.strip()))


def read_tail(op: str, cells: list[str], has_weight: bool = True, has_core: bool = False) -> tuple[dict, list[str]]:
    """Value, unit, weight, direction (and 是否核心) from the cells right of the operator.

    Returns the Indicator fields found and the problems. A comparison operator
    needs a numeric value: "≥ ⇥ % ⇥ 10" has a unit and a weight but no value.
    """
    fields: dict = {}
    problems: list[str] = []
    rest: list[str] = []
    for cell in cells:
        d = direction_of(cell)
        if d:
            fields["direction"] = d
        else:
            rest.append(cell.strip())
    if has_core and rest and rest[-1] in ("是", "否"):
        fields["core"] = rest.pop() == "是"
    if has_weight and len(rest) >= 2 and is_number(rest[-1]):
        fields["weight"] = Decimal(rest.pop())
    elif has_weight:
        problems.append("no weight (权重) printed")
    if rest and op != "定性" and not rest[0][:1].isdigit():
        fields["unit"] = rest.pop(0)
        problems.append("no value (指标值) printed")
        rest = []
    if rest:
        fields["value"] = rest.pop(0)
    elif "unit" not in fields:
        problems.append("no value (指标值) printed")
    if rest:
        fields["unit"] = rest.pop(0)
    if rest:
        problems.append(f"cells not placed: {' | '.join(rest)}")
    return fields, problems


def inherit_levels(ind: Indicator, previous: Optional[Indicator]) -> None:
    """Fill levels left blank because they repeat the row above.

    A printed 一级 without a 二级 starts a new group, so 二级 is not carried
    across it.
    """
    if previous is None:
        return
    if ind.level1 is None and previous.level1:
        ind.level1 = previous.level1
        ind.inherited.append("level1")
        if ind.level2 is None and previous.level2:
            ind.level2 = previous.level2
            ind.inherited.append("level2")


def same_indicator(a: Indicator, b: Indicator) -> bool:
    """True when two rows print the same indicator (a row repeated at a page break)."""
    keys = ("level3", "operator", "value", "unit", "weight", "direction")
    return all(getattr(a, k) == getattr(b, k) for k in keys)


def signature(ind: Indicator) -> tuple:
    """What identifies an indicator when comparing two printed copies of a table."""
    return (ind.level3, ind.operator, ind.value, ind.unit, ind.weight)
