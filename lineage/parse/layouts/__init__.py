"""Layout front ends: one module per way a disclosure's tables reach us as text.

Each module offers:
    NAME: str
    detect(doc) -> float      how strongly the text looks like this layout (0..1)
    read_tables(doc, anchors) -> list[RawTable]
pdf reads a PDF's own geometry (word boxes, ruling lines); it claims every PDF and no text file.
"""

from __future__ import annotations

from lineage.parse.layouts import flat, pdf, tsv

LAYOUTS = [pdf, tsv, flat]


def detect_layout(doc):
    """The front end whose detect() scores highest (ties: the first listed)."""
    return max(LAYOUTS, key=lambda m: m.detect(doc))
