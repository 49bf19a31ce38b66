"""Money as printed: what an amount is, parsing, the rounding band, integer storage.

This module is the one definition of a valid amount, shared by the parser
(which reads only what matches it) and every writer (which stores exactly what
it can and reports what it cannot): an optional minus sign or parentheses
around the number (a negative), at most MAX_INTEGER_DIGITS digits before the
point (thousands separators allowed), and decimals. Lines reach here
normalised by lineage.read (full-width digits and separators folded, U+2212
minus as "-"), so "１４３．０９", "1，234.56" and "−12.00" are amounts too.

Amounts are parsed to `Decimal` exactly as printed ("1,029.48" → 1029.48, with
its two printed decimals kept). Where a database needs numbers, amounts are
stored as an integer count of the smallest printed unit (cents of the
disclosure's amount unit, 万元 or 元): `to_minor(Decimal("584.91")) == 58491`;
an amount printed with finer digits keeps its exact string and has no integer
(`storage_problem` says why, and the parser reports it as a finding).
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Optional

# 15 digits before the point: 999 万亿, far above any budget in 元, and with 4
# decimals still exact in Decimal's 28-digit arithmetic and, as cents, in a
# 64-bit integer. A longer digit run is a garbled cell, not an amount.
MAX_INTEGER_DIGITS = 15
MAX_TABLE_DECIMALS = 4  # a table cell with more decimals is not read as an amount
_INT = rf"(?:\d{{1,3}}(?:,\d{{3}}){{1,4}}|\d{{1,{MAX_INTEGER_DIGITS}}})"
# A printed amount: optional sign (or parentheses), digits with optional thousands
# separators, optional decimals. Integers count too (the text says "164 万元").
AMOUNT_RE = re.compile(rf"-?{_INT}(?:\.\d+)?(?![\d,])")
# An amount cell in a table: always printed with decimals in these layouts.
TABLE_AMOUNT_RE = re.compile(rf"^(?:-?{_INT}\.\d{{1,{MAX_TABLE_DECIMALS}}}|\({_INT}\.\d{{1,{MAX_TABLE_DECIMALS}}}\))$")
# A decimal number too long to be an amount: reported, never read as one.
OVERLONG_RE = re.compile(rf"(?<![\d,.])\d{{{MAX_INTEGER_DIGITS + 1},}}\.\d+")

MINOR_PER_UNIT = 100  # amounts are printed to 0.01 of their unit


def parse_amount(text: str) -> Decimal | None:
    """The Decimal a printed amount means, or None.

    >>> parse_amount("1,029.48")
    Decimal('1029.48')
    >>> parse_amount("150.00")
    Decimal('150.00')
    >>> parse_amount("-12.00"), parse_amount("(12.00)")
    (Decimal('-12.00'), Decimal('-12.00'))
    >>> [parse_amount(t) for t in ("n/a", "1e309", "1" * 16 + ".00", "12,34.00")]
    [None, None, None, None]
    """
    t = text.strip()
    negative = t.startswith("(") and t.endswith(")")
    if negative:
        t = t[1:-1]
    if not re.fullmatch(rf"-?{_INT}(?:\.\d+)?", t) or (negative and t.startswith("-")):
        return None
    try:
        value = Decimal(t.replace(",", ""))
    except InvalidOperation:
        return None
    return -value if negative else value


def printed(value: Decimal) -> str:
    """The amount as a string, as printed but without thousands separators."""
    return format(value, "f")


def rounding_band(n_parts: int) -> Decimal:
    """How far a printed total may honestly differ from the sum of n parts, each rounded to 0.01.

    >>> rounding_band(3)
    Decimal('0.020')
    """
    return Decimal(n_parts + 1) * Decimal("0.005")


def storage_problem(value: Decimal) -> Optional[str]:
    """Why `value` has no exact integer count of 0.01 (None when it has one): what writers leave out.

    >>> storage_problem(Decimal("143.09")) is None
    True
    >>> storage_problem(Decimal("143.095"))
    '金额 143.095 有 3 位小数，细于 0.01：按原文保存，不计入整数金额（amountMinor）'
    """
    if not value.is_finite():
        return f"金额 {value} 不是有限数"
    digits = len(value.as_tuple().digits) + value.as_tuple().exponent  # type: ignore[operator]
    if digits > MAX_INTEGER_DIGITS:
        return f"金额 {printed(value)} 超过 {MAX_INTEGER_DIGITS} 位整数：按原文保存，不计入整数金额（amountMinor）"
    decimals = -value.as_tuple().exponent  # type: ignore[operator]
    if decimals > 2 and value != value.quantize(Decimal("0.01")):
        return f"金额 {printed(value)} 有 {decimals} 位小数，细于 0.01：按原文保存，不计入整数金额（amountMinor）"
    return None


def to_minor(value: Decimal) -> Optional[int]:
    """Integer count of 0.01 units, exact; None when there is none (see storage_problem).

    >>> to_minor(Decimal("584.91")), to_minor(Decimal("584.9100")), to_minor(Decimal("143.095"))
    (58491, 58491, None)
    """
    if storage_problem(value) is not None:
        return None
    return int(value * MINOR_PER_UNIT)


def percent(part: Optional[Decimal], whole: Optional[Decimal]) -> Optional[Decimal]:
    """part as a percentage of whole, to 0.01 (a derived figure for reports, never stored as printed); None without both.

    >>> percent(Decimal("143.09"), Decimal("367.12"))
    Decimal('38.98')
    >>> percent(Decimal("1"), Decimal("0")) is None
    True
    """
    if part is None or not whole:
        return None
    return (part * 100 / whole).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
