"""Issue #12 item 4: text is normalised in one place (lineage.read) and every layout reads the result.

Full-width digits and separators (１４３．０９, 1，234.56), minus signs, parenthesised
negatives; "1e309" is no number. Each layout is tested on its seeds: 000/001 flat,
002/003 tab-separated, 004 Chongqing municipal.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from lineage.checks import run_checks
from lineage.parse.disclosure import parse_file
from lineage.read.text import normalise
from tests.conftest import seed_path

FULL_WIDTH = str.maketrans("0123456789.,", "０１２３４５６７８９．，")


def full_width(text: str) -> str:
    """Every 0.01 amount printed in full-width digits, with a full-width thousands separator from 1,000 on."""

    def convert(m: re.Match) -> str:
        whole, _, decimals = m.group(0).replace(",", "").partition(".")
        return f"{int(whole):,}.{decimals}".translate(FULL_WIDTH)

    return re.sub(r"(?<![\d.,])\d[\d,]*\.\d\d(?!\d)", convert, text)


def rows(d):
    return [(t.kind, r.line, r.values) for t in d.tables for r in t.rows]


@pytest.mark.parametrize("seed, layout", [("000", "flat"), ("001", "flat"), ("002", "tsv"), ("003", "tsv"),
                                          ("004", "tsv")])
def test_full_width_amounts_read_as_the_ascii_ones_in_every_layout(tmp_path, parsed, seed, layout):
    variant = tmp_path / f"{seed}-fullwidth.txt"
    text = full_width(seed_path(seed).read_text(encoding="utf-8"))
    assert "１４３．０９" in text or "，" in text
    variant.write_text(text, encoding="utf-8")
    original, wide = parsed(seed), parse_file(variant)
    assert wide.layout == original.layout == layout
    assert len(rows(original)) > 50
    assert rows(wide) == rows(original)  # the audit: 0 of 135 rows of 000 were read
    assert [(c.line, c.value) for c in wide.claims] == [(c.line, c.value) for c in original.claims]
    assert [(p.line, p.amount) for t in wide.performance.tables for p in t.projects] == \
           [(p.line, p.amount) for t in original.performance.tables for p in t.projects]
    found = sorted((f.code, f.evidence[0].line if f.evidence else None) for f in run_checks(wide))
    assert found == sorted((f.code, f.evidence[0].line if f.evidence else None) for f in run_checks(original))


def test_flat_names_keep_their_printed_characters(tmp_path):
    # 001 line 564: "206 07 01 214001  机构运行 143.09 143.09"
    text = seed_path("001").read_text(encoding="utf-8").splitlines()
    assert normalise(text[563]).strip() == "206 07 01 214001  机构运行 143.09 143.09"
    text[563] = text[563].replace("机构运行 143.09 143.09", "机构运行（项） １４３．０９ １４３．０９")
    variant = tmp_path / "001.txt"
    variant.write_text("\n".join(text) + "\n", encoding="utf-8")
    (row,) = [r for t in parse_file(variant).tables for r in t.rows if r.line == 564]
    assert row.name == "机构运行（项）"
    assert set(row.values.values()) == {Decimal("143.09")}


def test_minus_signs_are_folded():
    assert normalise("−１２．００ －3.00 ﹣4.00") == "-12.00 -3.00 -4.00"
    assert len(normalise("a\ufeffb")) == 3  # one character for one: positions agree with the printed line


def edited(tmp_path, seed: str, line: int, old: str, new: str):
    lines = seed_path(seed).read_text(encoding="utf-8").splitlines()
    assert old in lines[line - 1], lines[line - 1]
    lines[line - 1] = lines[line - 1].replace(old, new, 1)
    path = tmp_path / f"{seed}-edited.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return parse_file(path)


def test_negative_and_parenthesised_cells_in_the_tab_separated_layouts(tmp_path):
    # 004 line 99: "2060701\t机构运行\t1,136.31\t1,136.31\t" (合计, 基本支出)
    d = edited(tmp_path, "004", 99, "\t1,136.31\t1,136.31", "\t(1,136.31)\t-1,136.31")
    (row,) = [r for t in d.tables for r in t.rows if r.line == 99]
    assert row.values == {"合计": Decimal("-1136.31"), "基本支出": Decimal("-1136.31")}


def test_negative_and_parenthesised_cells_in_the_flat_layout(tmp_path):
    # 000 line 268: "206 04 01 305911  机构运行 273.47 273.47"
    d = edited(tmp_path, "000", 268, "273.47 273.47", "(273.47) −273.47")
    (row,) = [r for t in d.tables for r in t.rows if r.line == 268]
    assert row.printed == ["(273.47)", "-273.47"]  # as printed, the minus sign folded
    assert row.values["合计"] == Decimal("-273.47")  # the rest is ambiguous now that the table no longer adds up
    assert Decimal("273.47") not in row.values.values()


def test_a_signed_figure_in_the_text_keeps_its_sign_and_1e309_is_no_figure(tmp_path):
    # 001 line 189: "共预算拨款收入233.12万元，占63.50%；政府性基金安排支出"
    d = edited(tmp_path, "001", 189, "233.12万元", "-233.12万元")
    assert Decimal("-233.12") in [c.value for c in d.claims if c.line == 189]
    assert Decimal("233.12") not in [c.value for c in d.claims if c.line == 189]
    d = edited(tmp_path, "001", 189, "233.12万元", "1e309万元")
    assert not [c for c in d.claims if c.value == Decimal("309")]
