"""Time PDF input per file: reading (characters with boxes, ruling lines) and the full parse.

    python benchmarks/parse_pdf.py [--runs 5] [--compare] [PDF ...]

Default files: data/pdf/*.pdf, plus ../shared/pdf/more/*.pdf when that folder exists.
Target (issue 9): a 20-30-page PDF parsed fully in at most 1 s on one core.
`--compare` also times pdfplumber (if installed) getting characters and lines of every
page, the measurement behind the choice of pypdfium2.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from lineage.parse.disclosure import parse_file
from lineage.read import InputError
from lineage.read.pdf import read_pdf

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = sorted((ROOT / "data" / "pdf").glob("*.pdf")) + sorted((ROOT.parent.parent / "shared" / "pdf" / "more").glob("*.pdf"))


def _median(fn, runs: int) -> float:
    """Median CPU seconds of this process: on a shared machine, wall time measures the neighbours."""
    times = []
    for _ in range(runs):
        start = time.process_time()
        fn()
        times.append(time.process_time() - start)
    return statistics.median(times)


def _plumber(path: Path) -> None:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.chars, page.lines, page.rects  # noqa: B018 - forces extraction


def _parse(path: Path) -> None:
    try:
        parse_file(path)
    except InputError:
        pass  # a scan or an unknown document: the time to say so is what is measured


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("pdfs", nargs="*", type=Path)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--compare", action="store_true", help="also time pdfplumber's characters and lines")
    args = ap.parse_args()
    files = args.pdfs or DEFAULT
    _parse(files[0])  # warm-up: imports, regex compilation
    head = f"{'file':46s} {'pages':>5s} {'read s':>7s} {'parse s':>8s}" + (f" {'pdfplumber s':>13s}" if args.compare else "")
    print(f"median CPU seconds of {args.runs} runs, one core")
    print(head)
    for f in files:
        try:
            pages = len(read_pdf(f).pages)
        except InputError:
            pages = 0
        read = _median(lambda: _try_read(f), args.runs)
        parse = _median(lambda: _parse(f), args.runs)
        line = f"{f.name:46s} {pages:5d} {read:7.3f} {parse:8.3f}"
        if args.compare:
            line += f" {_median(lambda: _plumber(f), max(1, args.runs // 2)):13.3f}"
        print(line, flush=True)
    print("target: a 20-30-page PDF parsed in <= 1 s")


def _try_read(path: Path) -> None:
    try:
        read_pdf(path)
    except InputError:
        pass


if __name__ == "__main__":
    main()
