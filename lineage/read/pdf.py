"""Read a PDF disclosure into the same numbered lines as a text file, keeping its geometry.

The text pipeline (locate, metadata, claims) reads `Document.lines`; a PDF
gives it one `Line` per printed line, numbered through the whole document
(1-based, in page order) and knowing its page, so evidence reads "page 11,
line 214" and both can be found by a person. The geometry stays on
`Document.pages`: every word with its box and the page's ruling lines, which
is what the PDF table front end (lineage.parse.layouts.pdf) reads cells from.

Library: pypdfium2 (PDFium, Apache-2.0/BSD-3, a pure pip wheel). Measured on
the Shanghai and more/ PDFs it extracts characters with boxes and path
objects 10-20x faster than pdfplumber (benchmarks/parse_pdf.py; README).

Coordinates are PDF points with the origin at the top left of the page as
displayed (page rotation applied), `top` < `bottom`.
"""

from __future__ import annotations

import ctypes
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from lineage.read.text import Document, InputError, Line, normalise

PDF_MAGIC = b"%PDF-"

# A rule is a path at most this thick (points); anything thicker is a box or a fill.
_RULE_WIDTH = 2.0
# Two characters on one line belong to different words when the gap between
# them exceeds this share of the character height.
_WORD_GAP = 0.45


@dataclass(frozen=True)
class Word:
    """A run of characters printed close together on one line: a cell's text or part of it."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    line: int  # Document line number

    @property
    def norm(self) -> str:
        return normalise(self.text)


@dataclass
class Page:
    no: int  # 1-based page number
    width: float
    height: float
    words: list[Word] = field(default_factory=list)
    hrules: list[tuple[float, float, float]] = field(default_factory=list)  # (y, x0, x1)
    vrules: list[tuple[float, float, float]] = field(default_factory=list)  # (x, top, bottom)
    lines: tuple[int, int] = (0, -1)  # first and last Document line number on the page


@dataclass
class _Char:
    ch: str
    x0: float
    x1: float
    top: float
    bottom: float

    @property
    def mid(self) -> float:
        return (self.top + self.bottom) / 2


def _transform(rotation: int, width: float, height: float):
    """Map PDF user space (origin bottom left) to displayed top-down coordinates."""
    if rotation == 90:
        return lambda x, y: (y, x)
    if rotation == 180:
        return lambda x, y: (width - x, y)
    if rotation == 270:
        return lambda x, y: (height - y, width - x)
    return lambda x, y: (x, height - y)


def _chars(raw, textpage, to_display) -> list[_Char]:
    count = raw.FPDFText_CountChars(textpage)
    rect = raw.FS_RECTF()
    out = []
    for i in range(count):
        cp = raw.FPDFText_GetUnicode(textpage, i)
        if cp <= 32 or cp in (0xA0, 0x3000, 0xFEFF, 0xFFFE, 0xFFFF) or raw.FPDFText_IsGenerated(textpage, i) == 1:
            continue
        if not raw.FPDFText_GetLooseCharBox(textpage, i, rect):
            continue
        xa, ya = to_display(rect.left, rect.top)
        xb, yb = to_display(rect.right, rect.bottom)
        x0, x1 = min(xa, xb), max(xa, xb)
        top, bottom = min(ya, yb), max(ya, yb)
        if bottom - top <= 0:
            continue
        out.append(_Char(chr(cp), x0, x1, top, bottom))
    return out


def _rules(page, raw, to_display) -> tuple[list, list]:
    """Horizontal and vertical ruling lines: thin path objects and the straight edges of paths."""
    hrules, vrules = [], []

    def add(xa, ya, xb, yb):
        (xa, ya), (xb, yb) = to_display(xa, ya), to_display(xb, yb)
        if abs(ya - yb) <= _RULE_WIDTH and abs(xa - xb) > _RULE_WIDTH:
            hrules.append(((ya + yb) / 2, min(xa, xb), max(xa, xb)))
        elif abs(xa - xb) <= _RULE_WIDTH and abs(ya - yb) > _RULE_WIDTH:
            vrules.append(((xa + xb) / 2, min(ya, yb), max(ya, yb)))

    for obj in page.get_objects(filter=[raw.FPDF_PAGEOBJ_PATH], max_depth=3):
        left, bottom, right, top = obj.get_bounds()
        if right - left <= _RULE_WIDTH or top - bottom <= _RULE_WIDTH:
            add(left, (bottom + top) / 2, right, (bottom + top) / 2) if right - left > top - bottom else \
                add((left + right) / 2, bottom, (left + right) / 2, top)
            continue
        m = raw.FS_MATRIX()
        if not raw.FPDFPageObj_GetMatrix(obj.raw, m):
            continue
        n = raw.FPDFPath_CountSegments(obj.raw)
        x, y = ctypes.c_float(), ctypes.c_float()
        prev = None
        start = None
        for k in range(n):
            seg = raw.FPDFPath_GetPathSegment(obj.raw, k)
            raw.FPDFPathSegment_GetPoint(seg, x, y)
            px, py = m.a * x.value + m.c * y.value + m.e, m.b * x.value + m.d * y.value + m.f
            kind = raw.FPDFPathSegment_GetType(seg)
            if kind == raw.FPDF_SEGMENT_LINETO and prev is not None:
                add(prev[0], prev[1], px, py)
            if kind == raw.FPDF_SEGMENT_MOVETO:
                start = (px, py)
            prev = (px, py)
            if raw.FPDFPathSegment_GetClose(seg) and start is not None:
                add(px, py, start[0], start[1])
                prev = start
    return hrules, vrules


def _lines_of(chars: list[_Char]) -> list[list[_Char]]:
    """Characters grouped into printed lines (by vertical centre), each sorted left to right."""
    if not chars:
        return []
    heights = sorted(c.bottom - c.top for c in chars)
    tol = heights[len(heights) // 2] * 0.4
    lines: list[list[_Char]] = []
    mids: list[float] = []
    for c in sorted(chars, key=lambda c: c.mid):
        if lines and abs(c.mid - mids[-1]) <= tol:
            lines[-1].append(c)
            mids[-1] += (c.mid - mids[-1]) / len(lines[-1])
        else:
            lines.append([c])
            mids.append(c.mid)
    return [sorted(line, key=lambda c: c.x0) for line in lines]


def _words(line: list[_Char], vrules: list[tuple[float, float, float]]) -> list[list[_Char]]:
    """A line's characters split into words at wide gaps and at vertical rules between them."""
    words = [[line[0]]]
    for prev, c in zip(line, line[1:]):
        height = max(c.bottom - c.top, prev.bottom - prev.top)
        gap = c.x0 - prev.x1
        ruled = any(
            prev.x1 - 1 <= x <= c.x0 + 1 and top <= c.mid <= bottom for x, top, bottom in vrules
        ) if gap > -1 else False
        if gap > _WORD_GAP * height or ruled:
            words.append([c])
        else:
            words[-1].append(c)
    return words


def read_pdf(path: str | Path, data: bytes | None = None) -> Document:
    """Read a PDF into numbered lines and per-page geometry; InputError for a PDF without text."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    name = str(path)
    if data is None:
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            raise InputError(name, f"cannot read: {exc.strerror}")
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        why = str(exc).lower()
        if "password" in why:
            raise InputError(name, "encrypted PDF (password required): cannot read its text")
        raise InputError(name, f"not a readable PDF ({exc})")
    doc = Document(name, hashlib.sha256(data).hexdigest(), "pdf")
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            width, height = page.get_size()
            rotation = page.get_rotation()
            base_w, base_h = (height, width) if rotation in (90, 270) else (width, height)
            to_display = _transform(rotation, base_w, base_h)
            textpage = page.get_textpage()
            chars = _chars(raw, textpage.raw, to_display)
            hrules, vrules = _rules(page, raw, to_display) if chars else ([], [])
            geo = Page(index + 1, width, height, hrules=hrules, vrules=vrules)
            first = len(doc.lines) + 1
            for line in _lines_of(chars):
                no = len(doc.lines) + 1
                texts = []
                for w in _words(line, vrules):
                    text = "".join(c.ch for c in w)
                    texts.append(text)
                    geo.words.append(Word(text, w[0].x0, w[-1].x1, min(c.top for c in w), max(c.bottom for c in w), no))
                text = " ".join(texts)
                doc.lines.append(Line(no, text, normalise(text), page=index + 1))
            geo.lines = (first, len(doc.lines))
            doc.pages.append(geo)
            textpage.close()
            page.close()
    except pdfium.PdfiumError as exc:  # a damaged page: the file opened but is broken inside
        raise InputError(name, f"damaged PDF: page {len(doc.pages) + 1} cannot be read ({exc})") from None
    finally:
        pdf.close()
    if not doc.lines:
        raise InputError(name, f"no text layer in {len(doc.pages)} page(s): a scanned image? OCR is out of scope")
    return doc
