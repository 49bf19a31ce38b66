"""Layout front ends: one module per way a disclosure's tables reach us as text.

Each module offers:
    NAME: str
    detect(doc) -> float      how strongly the text looks like this layout (0..1)
    read_tables(doc, anchors) -> list[RawTable]
A PDF reader with cell geometry would be one more module here.
"""

from __future__ import annotations

from lineage.parse.layouts import flat, tsv

LAYOUTS = [tsv, flat]


def detect_layout(doc):
    """The front end whose detect() scores highest (ties: the first listed)."""
    return max(LAYOUTS, key=lambda m: m.detect(doc))
