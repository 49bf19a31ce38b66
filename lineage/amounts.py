"""Money as printed: parsing, the rounding band, integer storage.

Amounts are parsed to `Decimal` exactly as printed ("1,029.48" → 1029.48, with
its two printed decimals kept). Where a database needs numbers, amounts are
stored as an integer count of the smallest printed unit (cents of the
disclosure's amount unit, 万元 or 元): `to_minor(Decimal("584.91")) == 58491`.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Optional

# A printed amount: optional sign, digits with optional thousands separators,
# optional decimals. Integers count too (the text says "164 万元").
AMOUNT_RE = re.compile(r"-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")
# An amount cell in a table: always printed with decimals in these layouts.
TABLE_AMOUNT_RE = re.compile(r"^-?(?:\d{1,3}(?:,\d{3})+|\d+)\.\d{1,4}$")

MINOR_PER_UNIT = 100  # amounts are printed to 0.01 of their unit


def parse_amount(text: str) -> Decimal | None:
    """The Decimal a printed amount means, or None.

    >>> parse_amount("1,029.48")
    Decimal('1029.48')
    >>> parse_amount("150.00")
    Decimal('150.00')
    >>> parse_amount("n/a") is None
    True
    """
    t = text.strip().replace(",", "")
    if not t or not re.fullmatch(r"-?\d+(?:\.\d+)?", t):
        return None
    try:
        return Decimal(t)
    except InvalidOperation:
        return None


def printed(value: Decimal) -> str:
    """The amount as a string, as printed but without thousands separators."""
    return format(value, "f")


def rounding_band(n_parts: int) -> Decimal:
    """How far a printed total may honestly differ from the sum of n parts, each rounded to 0.01.

    >>> rounding_band(3)
    Decimal('0.020')
    """
    return Decimal(n_parts + 1) * Decimal("0.005")


def to_minor(value: Decimal) -> int:
    """Integer count of 0.01 units (exact; raises if the amount has finer digits).

    >>> to_minor(Decimal("584.91"))
    58491
    """
    scaled = value * MINOR_PER_UNIT
    if scaled != scaled.to_integral_value():
        raise ValueError(f"{value} has more than two decimals")
    return int(scaled)


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
