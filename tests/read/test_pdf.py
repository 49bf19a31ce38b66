"""PDF input: numbered lines with their page, geometry kept, one-line errors for PDFs without text."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from click.testing import CliRunner

from lineage.read import InputError, read_document
from lineage.read.pdf import read_pdf
from lineage_cli.main import cli

PDF = Path(__file__).resolve().parents[2] / "data" / "pdf"
SIFAJU = PDF / "shanghai-putuo-sifaju-2026-bumen.pdf"
SEED = Path(__file__).resolve().parents[2] / "data" / "seeds" / "002_8bc1f5653c84d1bf.txt"


@pytest.fixture(scope="module")
def sifaju():
    return read_document(SIFAJU)


def _find(doc, text):
    return [ln for ln in doc.lines if text in ln.text]


def test_pdf_is_read_by_its_signature_with_pages(sifaju):
    assert sifaju.encoding == "pdf"
    assert len(sifaju.pages) == 23  # the file has 23 pages
    assert [ln.no for ln in sifaju.lines] == list(range(1, len(sifaju.lines) + 1))
    # Page 1 is the cover: "上海市普陀区2026年区级部门预算" then "预算主管部门：上海市普陀区司法局".
    assert sifaju.lines[0].text == "上海市普陀区2026年区级部门预算" and sifaju.lines[0].page == 1
    assert sifaju.lines[1].text == "预算主管部门：上海市普陀区司法局"


def test_table_row_is_one_line_with_its_cells_in_order(sifaju):
    # Page 11, 2026年部门收入预算总表: "204 | 06 | 01 | 行政运行 | 16726725.44 | 16726725.44 | 0.00 | 0.00 | 0.00".
    title = _find(sifaju, "2026年部门收入预算总表")
    assert [ln.page for ln in title] == [2, 11]  # the 目录 entry, then the table's own title
    rows = [ln for ln in _find(sifaju, "行政运行 16726725.44") if ln.page == 11]
    assert [ln.text for ln in rows] == ["204 06 01 行政运行 16726725.44 16726725.44 0.00 0.00 0.00"]


def test_words_keep_boxes_and_page_rules(sifaju):
    page = sifaju.pages[10]  # page 11: a ruled table
    assert page.no == 11 and page.vrules and page.hrules
    words = [w for w in page.words if w.text == "16726725.44"]
    assert len(words) == 2  # 合计 and 财政拨款收入 columns of the 行政运行 row
    left, right = sorted(words, key=lambda w: w.x0)
    assert left.x1 < right.x0 and abs(left.top - right.top) < 1
    # A vertical rule separates the two cells.
    assert any(left.x1 <= x <= right.x0 for x, top, bottom in page.vrules if top <= left.top <= bottom)


def test_text_files_have_no_pages():
    doc = read_document(SEED)
    assert doc.pages == [] and doc.lines[0].page is None


def _blank_pdf(tmp_path, pages=2) -> Path:
    pdf = pdfium.PdfDocument.new()
    for _ in range(pages):
        pdf.new_page(595, 842)
    buf = io.BytesIO()
    pdf.save(buf)
    path = tmp_path / "scan.pdf"
    path.write_bytes(buf.getvalue())
    return path


def test_pdf_without_text_layer_is_one_clear_error(tmp_path):
    path = _blank_pdf(tmp_path)
    with pytest.raises(InputError) as exc:
        read_pdf(path)
    assert str(exc.value) == f"{path}: no text layer in 2 page(s): a scanned image? OCR is out of scope"


def test_encrypted_pdf_is_one_clear_error():
    # fixtures/encrypted.pdf: page 1 of the 司法局 PDF, encrypted with a user password (qpdf --encrypt … 256).
    path = Path(__file__).parent / "fixtures" / "encrypted.pdf"
    with pytest.raises(InputError) as exc:
        read_document(path)
    assert str(exc.value) == f"{path}: encrypted PDF (password required): cannot read its text"


def test_cli_scan_corrupt_and_mixed_folder(tmp_path):
    runner = CliRunner()
    scan = _blank_pdf(tmp_path)
    r = runner.invoke(cli, ["parse", str(scan)])
    assert r.exit_code == 2 and "no text layer" in r.output and "Traceback" not in r.output
    assert sum("no text layer" in line for line in r.output.splitlines()) == 1  # one line for the file
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(SIFAJU.read_bytes()[:3000])  # a download cut short
    r = runner.invoke(cli, ["parse", str(broken)])
    assert r.exit_code == 2 and f"{broken}: not a readable PDF" in r.output and "Traceback" not in r.output
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "a.txt").write_bytes(SEED.read_bytes())
    (folder / "b.PDF").write_bytes(SIFAJU.read_bytes())
    r = runner.invoke(cli, ["parse", str(folder), "--format", "json"])
    assert r.exit_code == 0, r.output
    parsed = json.loads(r.output)
    assert [Path(p["disclosure"]["source"]["path"]).name for p in parsed] == ["a.txt", "b.PDF"]
    assert parsed[0]["tables"][0]["page"] is None
    assert all(t["page"] for t in parsed[1]["tables"])


def test_find_names_the_page_of_a_pdf_amount(tmp_path):
    # Page 21, 2026年部门“三公”经费和机关运行经费预算表: 机关运行经费预算数 217.83 (万元).
    runner = CliRunner()
    store = str(tmp_path / "s.db")
    assert runner.invoke(cli, ["load", str(SIFAJU), "--store", store]).exit_code in (0, 1)
    r = runner.invoke(cli, ["find", "217.83", "--store", store, "--format", "json"])
    hits = [h for h in json.loads(r.output) if h["where"].startswith("表9")]
    assert [(h["page"], h["columns"]) for h in hits] == [(21, ["机关运行经费"])]
    r = runner.invoke(cli, ["find", "217.83", "--store", store])
    assert f"{hits[0]['line']}@p21" in r.output
