"""The fuzz suite, bounded for CI: seeded variants of the seeds and PDFs never crash the tool.

The long run is `python benchmarks/fuzz.py` (README has its figures). Here: every
variant that ever crashed (REGRESSIONS, replayed by number), a fixed sample of
new ones, and property tests of the amount grammar and of normalisation.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lineage.amounts import AMOUNT_RE, MAX_INTEGER_DIGITS, parse_amount, printed, storage_problem, to_minor
from lineage.read.text import normalise
from tests.conftest import ROOT
from tests.fuzz.harness import outcome
from tests.fuzz.mutate import sources, variant

SOURCES = sources(ROOT / "data" / "seeds", ROOT / "data" / "pdf")

# Variants that crashed once, with what they hit (benchmarks/fuzz.py numbers).
REGRESSIONS = {
    3: "003 with a UTF-8 byte-order mark and broken bytes after it: UnicodeDecodeError, exit 3",
    13: "003, tabs and bytes damaged after a byte-order mark: UnicodeDecodeError, exit 3",
}
SAMPLE = range(100_000, 100_024)  # new variants each CI run sees (a fixed set: CI stays reproducible)


@pytest.mark.parametrize("n", sorted(REGRESSIONS))
def test_a_variant_that_once_crashed_is_handled(n):
    name, data, done = variant(SOURCES, n)
    result, trace = outcome(name, data)
    assert result != "crash", f"variant {n} ({name}; {done}): {trace}"


@pytest.mark.parametrize("n", SAMPLE)
def test_a_sample_of_variants_is_handled(n):
    name, data, done = variant(SOURCES, n)
    result, trace = outcome(name, data, with_cli=n % 4 == 0)
    assert result != "crash", f"variant {n} ({name}; {done}): {trace}"


def test_the_sample_reads_most_variants_and_covers_a_pdf():
    """The mutator damages files, it does not just destroy them: most variants are still read."""
    names = [variant(SOURCES, n)[0] for n in SAMPLE]
    assert any(name.endswith(".pdf") for name in names)
    results = [outcome(*variant(SOURCES, n)[:2], with_cli=False)[0] for n in list(SAMPLE)[:12]]
    assert results.count("read") >= 8, results


def test_a_damaged_pdf_page_is_an_input_error(tmp_path):
    """PDFium opens a PDF whose page objects are broken and fails on the page: one line, not a PdfiumError."""
    from lineage.read import InputError, read_document

    pdf = next(s for s in SOURCES if s.pdf)
    data = re.sub(rb"/Type\s*/Page\b", b"/Type /Pagx", pdf.data)  # every page object loses its type
    path = tmp_path / "broken.pdf"
    path.write_bytes(data)
    with pytest.raises(InputError, match="broken.pdf: damaged PDF: page 1 cannot be read"):
        read_document(path)


# ---------------------------------------------------------------- properties of the amount grammar

amounts = st.decimals(min_value=Decimal(-(10 ** MAX_INTEGER_DIGITS) + 1), max_value=Decimal(10 ** MAX_INTEGER_DIGITS - 1),
                      places=2, allow_nan=False, allow_infinity=False)


@settings(max_examples=300, deadline=None)
@given(amounts)
def test_every_printed_amount_reads_back_exactly_and_stores_as_cents(value):
    for text in (printed(value), f"{value:,}", f"({abs(value):,})" if value > 0 else printed(value)):
        read = parse_amount(text)
        assert read == (-value if text.startswith("(") else value), text
    assert to_minor(value) == int(value * 100) and storage_problem(value) is None


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("0123456789.,-()eE+ ０１９．，−﹣ab万元%"), max_size=40))
def test_parse_amount_never_raises_and_returns_only_storable_sizes(text):
    value = parse_amount(text)
    if value is not None:
        assert value.is_finite()
        assert len(str(abs(value)).partition(".")[0]) <= MAX_INTEGER_DIGITS
        assert to_minor(value) is not None or storage_problem(value) is not None


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
def test_normalise_is_one_character_for_one_and_idempotent(text):
    norm = normalise(text)
    assert len(norm) == len(text)
    assert normalise(norm) == norm


@settings(max_examples=200, deadline=None)
@given(st.from_regex(r"-?[0-9]{1,30}(\.[0-9]{1,6})?", fullmatch=True))
def test_a_figure_in_the_text_is_an_amount_only_within_the_limit(text):
    whole = text.lstrip("-").partition(".")[0]
    assert bool(AMOUNT_RE.fullmatch(text)) == (len(whole) <= MAX_INTEGER_DIGITS)
