"""Layout front ends: one module per way a disclosure's tables reach us as text.

Each module offers:
    NAME: str
    detect(doc) -> float      how strongly the text looks like this layout (0..1)
    read_tables(doc, anchors) -> list[RawTable]
pdf reads a PDF's own geometry (word boxes, ruling lines); it claims every PDF and no text file,
so it is imported only for a PDF: a one-file text parse does not load the PDF reader.
"""

from __future__ import annotations

from lineage.parse.layouts import flat, tsv

TEXT_LAYOUTS = [tsv, flat]


def detect_layout(doc):
    """The front end for `doc`: pdf for a PDF, else the text layout whose detect() scores highest (ties: the first listed)."""
    if doc.pages:
        from lineage.parse.layouts import pdf

        return pdf
    return max(TEXT_LAYOUTS, key=lambda m: m.detect(doc))
