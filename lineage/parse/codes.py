"""Classification codes as printed → digits, scheme and unit code.

Tables print codes in pieces: functional codes as 类/款/项 cells ("206 07 01"),
economic codes as 类/款 plus the full code ("301 02 30102"), municipal tables
as one 7-digit cell ("2012901"); a unit code (3 or 6 digits) often follows in
the same run of digits ("206 99 99 305911"). Some PDFs garble the cells
("3 0"): those are kept as printed and flagged, never guessed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

FUNCTIONAL = "functional"
ECONOMIC = "economic"


@dataclass(frozen=True)
class Code:
    code: Optional[str]  # digits, None when garbled or absent
    printed: Optional[str]  # the digit groups as printed, space-joined
    unit_code: Optional[str]
    scheme: Optional[str]
    garbled: bool = False


def scheme_of(code: str) -> Optional[str]:
    """Functional codes start with 2 (类 201…234), department economic codes with 3.

    >>> scheme_of("2060701"), scheme_of("30102"), scheme_of("501")
    ('functional', 'economic', None)
    """
    if code.startswith("2"):
        return FUNCTIONAL
    if code.startswith("3"):
        return ECONOMIC
    return None


def level_of(code: str) -> Optional[str]:
    """类/款/项 from the code's length (3/5/7 digits; economic 款 is 5, its items 7+)."""
    return {3: "类", 5: "款", 7: "项"}.get(len(code), "项" if len(code) > 7 else None)


def parse_code(groups: list[str]) -> Code:
    """Join printed digit groups into one code and an optional unit code.

    >>> parse_code(["206", "07", "01"]).code
    '2060701'
    >>> c = parse_code(["206", "99", "99", "305911"]); (c.code, c.unit_code)
    ('2069999', '305911')
    >>> parse_code(["301", "02", "30102"]).code
    '30102'
    >>> c = parse_code(["302", "99", "305911"]); (c.code, c.unit_code)
    ('30299', '305911')
    >>> parse_code(["301", "12", "3011201"]).code
    '3011201'
    >>> parse_code(["2012901"]).code
    '2012901'
    >>> c = parse_code(["3", "0", "229001"]); (c.code, c.garbled, c.unit_code)
    (None, True, '229001')
    >>> parse_code(["301"]).code
    '301'
    >>> c = parse_code(["229001"]); (c.code, c.unit_code, c.garbled)
    (None, '229001', False)
    """
    groups = [g for g in groups if g]
    if not groups:
        return Code(None, None, None, None)
    printed = " ".join(groups)
    head = groups[0]
    if len(groups) == 1 and len(head) == 6:
        # A unit code alone (the 类/款 cells left blank): no subject code, nothing garbled.
        return Code(None, printed, head, None)
    if len(head) in (5, 7) or len(head) > 7:
        unit = groups[1] if len(groups) > 1 and len(groups[1]) in (3, 6) else None
        return Code(head, printed, unit, scheme_of(head))
    if len(head) != 3:
        unit = groups[-1] if len(groups) > 1 and len(groups[-1]) in (3, 6) else None
        return Code(None, printed, unit, None, garbled=True)
    code = head
    rest = groups[1:]
    scheme = scheme_of(head)
    # 款
    if rest and len(rest[0]) == 2:
        code += rest.pop(0)
        # 项 (functional) as a 2-digit cell
        if rest and len(rest[0]) == 2 and scheme == FUNCTIONAL:
            code += rest.pop(0)
        # economic full code repeating its prefix: "301 02 30102"
        elif rest and len(rest[0]) >= 5 and rest[0].startswith(code):
            code = rest.pop(0)
    elif rest and len(rest[0]) >= 5 and rest[0].startswith(head):
        code = rest.pop(0)
    unit = None
    if rest and len(rest[0]) in (3, 6):
        unit = rest.pop(0)
    if rest:  # digits we cannot place: keep the code, flag it
        return Code(code, printed, unit, scheme, garbled=True)
    return Code(code, printed, unit, scheme)
