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

import bisect
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
# Code points that print nothing: no-break, ideographic and zero-width spaces, non-characters.
_BLANKS = frozenset((0xA0, 0x3000, 0xFEFF, 0xFFFE, 0xFFFF, 0x200B))


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


@dataclass(slots=True)
class _Char:
    ch: str
    x0: float
    x1: float
    top: float
    bottom: float


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
    """Every printed character with its loose box (font ascent to descent), in content order."""
    count = raw.FPDFText_CountChars(textpage)
    if count <= 0:
        return []
    # The whole text in one call: one UTF-16 unit per character index unless a
    # character lies outside the BMP, then ask character by character.
    buf = (ctypes.c_ushort * (count + 1))()
    raw.FPDFText_GetText(textpage, 0, count, buf)
    units = list(buf[:count])
    if any(0xD800 <= u <= 0xDFFF for u in units):
        units = [raw.FPDFText_GetUnicode(textpage, i) for i in range(count)]
    rect = raw.FS_RECTF()
    box = raw.FPDFText_GetLooseCharBox
    out = []
    for i, cp in enumerate(units):
        if cp <= 32 or cp in _BLANKS or not box(textpage, i, rect):
            continue
        xa, ya = to_display(rect.left, rect.top)
        xb, yb = to_display(rect.right, rect.bottom)
        top, bottom = (ya, yb) if ya < yb else (yb, ya)
        if bottom - top <= 0:
            continue
        out.append(_Char(chr(cp), min(xa, xb), max(xa, xb), top, bottom))
    return out


def _rules(page, raw, to_display) -> tuple[list, list]:
    """Horizontal and vertical ruling lines: thin path objects and the straight edges of paths.

    Walks the page's objects through PDFium's C API (the Python object wrappers
    cost more than the rest of the reading), into form XObjects with their matrices.
    """
    hrules: list[tuple[float, float, float]] = []
    vrules: list[tuple[float, float, float]] = []

    def add(xa, ya, xb, yb):
        (xa, ya), (xb, yb) = to_display(xa, ya), to_display(xb, yb)
        if abs(ya - yb) <= _RULE_WIDTH and abs(xa - xb) > _RULE_WIDTH:
            hrules.append(((ya + yb) / 2, min(xa, xb), max(xa, xb)))
        elif abs(xa - xb) <= _RULE_WIDTH and abs(ya - yb) > _RULE_WIDTH:
            vrules.append(((xa + xb) / 2, min(ya, yb), max(ya, yb)))

    m = raw.FS_MATRIX()
    x, y = ctypes.c_float(), ctypes.c_float()
    left, bottom, right, top = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()

    def walk(objects, outer):
        a0, b0, c0, d0, e0, f0 = outer

        def to_page(px, py):
            return a0 * px + c0 * py + e0, b0 * px + d0 * py + f0

        for obj in objects:
            kind = raw.FPDFPageObj_GetType(obj)
            if kind == raw.FPDF_PAGEOBJ_FORM:
                if not raw.FPDFPageObj_GetMatrix(obj, m):
                    continue
                a, b, c, d, e, f = m.a, m.b, m.c, m.d, m.e, m.f
                inner = (a * a0 + b * c0, a * b0 + b * d0, c * a0 + d * c0, c * b0 + d * d0,
                         e * a0 + f * c0 + e0, e * b0 + f * d0 + f0)
                n = raw.FPDFFormObj_CountObjects(obj)
                walk((raw.FPDFFormObj_GetObject(obj, k) for k in range(n)), inner)
                continue
            if kind != raw.FPDF_PAGEOBJ_PATH or not raw.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
                continue
            l, b_, r, t = left.value, bottom.value, right.value, top.value
            if r - l <= _RULE_WIDTH or t - b_ <= _RULE_WIDTH:  # a thin box or a single stroke
                if r - l > t - b_:
                    add(*to_page(l, (b_ + t) / 2), *to_page(r, (b_ + t) / 2))
                else:
                    add(*to_page((l + r) / 2, b_), *to_page((l + r) / 2, t))
                continue
            if not raw.FPDFPageObj_GetMatrix(obj, m):
                continue
            pa, pb, pc, pd, pe, pf = m.a, m.b, m.c, m.d, m.e, m.f
            prev = start = None
            for k in range(raw.FPDFPath_CountSegments(obj)):
                seg = raw.FPDFPath_GetPathSegment(obj, k)
                raw.FPDFPathSegment_GetPoint(seg, x, y)
                pt = to_page(pa * x.value + pc * y.value + pe, pb * x.value + pd * y.value + pf)
                kind = raw.FPDFPathSegment_GetType(seg)
                if kind == raw.FPDF_SEGMENT_MOVETO:
                    start = pt
                elif kind == raw.FPDF_SEGMENT_LINETO and prev is not None:
                    add(*prev, *pt)
                prev = pt
                if raw.FPDFPathSegment_GetClose(seg) and start is not None:
                    add(*pt, *start)
                    prev = start

    n = raw.FPDFPage_CountObjects(page)
    walk((raw.FPDFPage_GetObject(page, k) for k in range(n)), (1.0, 0.0, 0.0, 1.0, 0.0, 0.0))
    return hrules, vrules


def _lines_of(chars: list[_Char]) -> list[list[_Char]]:
    """Characters grouped into printed lines (by vertical centre), each sorted left to right."""
    if not chars:
        return []
    heights = sorted(c.bottom - c.top for c in chars)
    tol = heights[len(heights) // 2] * 0.4
    lines: list[list[_Char]] = []
    mids: list[float] = []
    for mid, _, c in sorted(((c.top + c.bottom) / 2, i, c) for i, c in enumerate(chars)):
        if lines and mid - mids[-1] <= tol:
            lines[-1].append(c)
            mids[-1] += (mid - mids[-1]) / len(lines[-1])
        else:
            lines.append([c])
            mids.append(mid)
    return [sorted(line, key=lambda c: c.x0) for line in lines]


def _words(line: list[_Char], vrules: list[tuple[float, float, float]]) -> list[list[_Char]]:
    """A line's characters split into words at wide gaps and at vertical rules between them."""
    top = min(c.top for c in line)
    bottom = max(c.bottom for c in line)
    mid = (top + bottom) / 2
    xs = sorted(x for x, t, b in vrules if t <= mid <= b)
    words = [[line[0]]]
    for prev, c in zip(line, line[1:]):
        gap = c.x0 - prev.x1
        height = max(c.bottom - c.top, prev.bottom - prev.top)
        if gap > _WORD_GAP * height:
            words.append([c])
            continue
        if xs and gap > -1:
            k = bisect.bisect_left(xs, prev.x1 - 1)
            if k < len(xs) and xs[k] <= c.x0 + 1:
                words.append([c])
                continue
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
            hrules, vrules = _rules(page.raw, raw, to_display) if chars else ([], [])
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
