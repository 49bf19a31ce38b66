"""Shared assertions for the flattened-layout seed tests."""

from decimal import Decimal

from lineage.amounts import rounding_band
from lineage.parse.placement import candidates


def amount_rows(table):
    return [r for r in table.rows if r.printed]


def assert_total_reproduced(disclosure, table):
    """The rows under the unit row add up to the 合计 row in every column, or a Problem says so."""
    total = next(r for r in table.rows if r.role == "total")
    unit = [r for r in table.rows if r.role == "unit"]
    zero = Decimal(0)
    for col in table.columns:
        if any(r.ambiguous for r in unit):
            continue
        got = sum((r.values.get(col, zero) for r in unit), zero)
        if abs(got - total.values.get(col, zero)) > rounding_band(len(unit)):
            assert any(p.line == total.line for p in disclosure.problems), (table.kind, col)


def assert_placed_or_ambiguous(table):
    for r in amount_rows(table):
        if r.ambiguous:
            assert len(r.candidates) >= 2
            for c in r.candidates:
                assert c in candidates(table.kind, table.columns, r.printed, 4096)
        else:
            assert len(r.values) == len(r.printed), (table.kind, r.line)
