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
_DECIMALS = rf"\.\d{{1,{MAX_TABLE_DECIMALS}}}"
_INT = rf"(?:\d{{1,3}}(?:,\d{{3}}){{1,4}}|\d{{1,{MAX_INTEGER_DIGITS}}})"
# A printed amount: optional sign, digits with optional thousands separators,
# optional decimals. Integers count too (the text says "164 万元").
AMOUNT_RE = re.compile(rf"-?{_INT}(?:\.\d+)?(?![\d,])")
# An amount cell in a table: printed with decimals; a negative one with a minus or in brackets.
TABLE_AMOUNT_RE = re.compile(rf"^(?:-?{_INT}{_DECIMALS}|\({_INT}{_DECIMALS}\))$")
# Whole 元 with thousands separators ("189,767,551"): an amount wherever it is printed,
# since no code or count is printed with separators.
GROUPED_WHOLE_RE = re.compile(r"^-?\d{1,3}(?:,\d{3}){1,4}$")
# Anything a cell under an amount column may print: decimals or not, separators or not
# ("87267272.44", "189,767,551", "6860000", "0"). A bare integer is an amount only where
# the layout knows the column holds amounts: elsewhere it may be a code ("204") or a count.
CELL_AMOUNT_RE = re.compile(rf"^-?{_INT}(?:{_DECIMALS})?$")
# A decimal number too long to be an amount: reported, never read as one.
OVERLONG_RE = re.compile(rf"(?<![\d,.])\d{{{MAX_INTEGER_DIGITS + 1},}}\.\d+")
# Negative forms: "-1.00", "−1.00" (U+2212 minus sign), "(1.00)" (accounting brackets).
_MINUS = str.maketrans({"\u2212": "-", "\uff0d": "-"})
_BRACKETED = re.compile(r"^\((.*)\)$")

# How many 元 one unit is: amounts in different units are compared through 元.
UNIT_YUAN: dict[str, int] = {"元": 1, "千元": 1000, "万元": 10000, "亿元": 100000000}

MINOR_PER_UNIT = 100  # amounts are printed to 0.01 of their unit


def parse_amount(text: str) -> Decimal | None:
    """The Decimal a printed amount means, or None.

    >>> parse_amount("1,029.48")
    Decimal('1029.48')
    >>> parse_amount("150.00")
    Decimal('150.00')
    >>> parse_amount("189,767,551"), parse_amount("0")
    (Decimal('189767551'), Decimal('0'))
    >>> parse_amount("−12.50"), parse_amount("(12.50)"), parse_amount("-12.50")
    (Decimal('-12.50'), Decimal('-12.50'), Decimal('-12.50'))
    >>> [parse_amount(t) for t in ("n/a", "1e309", "1" * 16 + ".00", "12,34.00", "(-1.00)")]
    [None, None, None, None, None]
    """
    t = text.strip().translate(_MINUS)
    bracketed = _BRACKETED.match(t)
    if bracketed:
        t = bracketed.group(1).strip()
        if t.startswith("-"):
            return None
        t = "-" + t
    if not re.fullmatch(rf"-?{_INT}(?:\.\d+)?", t):
        return None
    try:
        return Decimal(t.replace(",", ""))
    except InvalidOperation:
        return None


def is_amount_cell(text: str, amount_column: bool = False) -> bool:
    """Whether a table cell prints an amount.

    With decimals or thousands separators it is one anywhere; a bare integer
    ("0", "6860000") only when the layout knows the cell sits under an amount
    column (`amount_column`), since codes ("204", "2060701") look the same.

    >>> is_amount_cell("87267272.44"), is_amount_cell("189,767,551"), is_amount_cell("204")
    (True, True, False)
    >>> is_amount_cell("0", amount_column=True), is_amount_cell("−3.00")
    (True, True)
    """
    t = text.strip().translate(_MINUS)
    if TABLE_AMOUNT_RE.match(t) or GROUPED_WHOLE_RE.match(t):
        return True
    return amount_column and bool(CELL_AMOUNT_RE.match(t))


def convert(value: Decimal, from_unit: str, to_unit: str) -> Decimal:
    """The same money in another unit, exactly (no rounding).

    >>> convert(Decimal("16726725.44"), "元", "万元")
    Decimal('1672.672544')
    >>> convert(Decimal("10.81"), "万元", "元")
    Decimal('108100.00')
    """
    if from_unit == to_unit:
        return value
    return value * UNIT_YUAN[from_unit] / UNIT_YUAN[to_unit]


def quantum(value: Decimal) -> Decimal:
    """The precision an amount is printed to: 0.01 for "1672.67", 1 for "686".

    >>> quantum(Decimal("1672.67")), quantum(Decimal("686"))
    (Decimal('0.01'), Decimal('1'))
    """
    return Decimal(1).scaleb(value.as_tuple().exponent)  # type: ignore[arg-type]


def in_unit_of(value: Decimal, unit: str, like: Decimal, like_unit: str) -> Decimal:
    """`value` (in `unit`) in the unit and printed precision of `like`, rounded half-up.

    This is how a 万元 figure of the text is set against a 元 table: the table's
    amount is converted to 万元 and rounded to the text's printed precision.

    >>> in_unit_of(Decimal("16726725.44"), "元", Decimal("1672.67"), "万元")
    Decimal('1672.67')
    >>> in_unit_of(Decimal("6860000.00"), "元", Decimal("686"), "万元")
    Decimal('686')
    >>> in_unit_of(Decimal("2087959.00"), "元", Decimal("208.8"), "万元")
    Decimal('208.8')
    """
    return convert(value, unit, like_unit).quantize(quantum(like), rounding=ROUND_HALF_UP)


def same_amount(a: Decimal, a_unit: str, b: Decimal, b_unit: str) -> bool:
    """Whether two printed amounts, perhaps in different units, state the same money.

    Judged within the coarser of the two printed precisions: both are rounded
    half-up (in 元) to that precision and compared. Amounts in the same unit
    and precision must be equal.

    >>> same_amount(Decimal("9628.22"), "万元", Decimal("96282213.44"), "元")
    True
    >>> same_amount(Decimal("57.8"), "万元", Decimal("578040.00"), "元")
    True
    >>> same_amount(Decimal("1672.68"), "万元", Decimal("16726725.44"), "元")
    False
    >>> same_amount(Decimal("10.81"), "万元", Decimal("10.81"), "万元")
    True
    """
    qa = quantum(a) * UNIT_YUAN[a_unit]
    qb = quantum(b) * UNIT_YUAN[b_unit]
    q = max(qa, qb)
    ya = (a * UNIT_YUAN[a_unit] / q).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    yb = (b * UNIT_YUAN[b_unit] / q).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return ya == yb


def printed(value: Decimal) -> str:
    """The amount as a string, as printed but without thousands separators."""
    return format(value, "f")


def rounding_band(n_parts: int, *printed_values: Decimal) -> Decimal:
    """How far a printed total may honestly differ from the sum of n printed parts.

    Each amount is rounded to the precision it is printed to: 0.01 for
    "143.09", 1 for whole 元 such as "94995790" (Shanghai tables). The band is
    (n + 1) half-quanta of the coarsest precision among `printed_values` (the
    total and the sum compared); zeros do not count, since "0" is how many
    templates print an empty cell, not a rounded amount. Without values, 0.01.

    >>> rounding_band(3)
    Decimal('0.020')
    >>> rounding_band(4, Decimal("154369326"), Decimal("154369327"))
    Decimal('2.5')
    >>> rounding_band(2, Decimal("0"), Decimal("12.34"))
    Decimal('0.015')
    """
    precisions = [quantum(v) for v in printed_values if v]
    q = max(precisions, default=Decimal("0.01"))
    return Decimal(n_parts + 1) * (q * Decimal("0.5"))


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
