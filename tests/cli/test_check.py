"""`lineage check`: the same report from files and from the store, in order, whatever the number of workers."""

from __future__ import annotations

import json

from click.testing import CliRunner

from lineage_cli.main import cli
from tests.conftest import ROOT, SEEDS, seed_path


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def findings_by_disclosure(report: dict) -> list[tuple[str, list[tuple[str, str, tuple[int, ...]]]]]:
    """(unit, [(code, severity, lines)]) per disclosure, in report order; files differ by how they were named."""
    return [(d["unit_name"], [(f["code"], f["severity"], tuple(e["line"] for e in f["evidence"])) for f in d["findings"]])
            for d in report["disclosures"]]


def test_files_on_two_workers_report_as_on_one(tmp_path):
    one = run("check", str(SEEDS), "--format", "json", "--jobs", "1")
    two = run("check", str(SEEDS), "--format", "json", "--jobs", "2")
    assert one.exit_code == two.exit_code == 1  # the seeds have errors, e.g. 001 line 385 (NR04)
    assert one.stdout == two.stdout
    assert [d["file"] for d in json.loads(two.stdout)["disclosures"]] == [str(p) for p in sorted(SEEDS.glob("*.txt"))]


def test_the_store_reports_what_the_files_report(seeds_store):
    files = json.loads(run("check", str(SEEDS), "--format", "json").stdout)
    stored = json.loads(run("check", "--store", str(seeds_store), "--format", "json").stdout)
    assert stored["counts"] == files["counts"]
    by_unit = lambda report: sorted(findings_by_disclosure(report))  # the store reports by id
    assert by_unit(stored) == by_unit(files)


def test_targets_keep_their_order_and_rule_filter(seeds_store):
    # 004 (重庆) as a file first, then 渠县 (001) from the store.
    r = run("check", str(seed_path("004")), "渠县", "--store", str(seeds_store), "--rule", "NR04", "--format", "json")
    report = json.loads(r.stdout)
    assert [d["unit_name"] for d in report["disclosures"]] == ["重庆市科学技术协会", "渠县科学技术协会"]
    codes = {f["code"] for d in report["disclosures"] for f in d["findings"]}
    assert codes == {"NR04"}
    # 001 line 385: the text's project count disagrees with the 绩效目标表 (tests/checks/test_seed_findings.py).
    assert any(385 in [e["line"] for e in f["evidence"]] for f in report["disclosures"][1]["findings"])
    assert r.exit_code == 1


def test_an_unreadable_file_is_named_and_the_others_still_reported(tmp_path):
    bad = tmp_path / "poem.txt"
    bad.write_text("床前明月光\n疑是地上霜\n", encoding="utf-8")
    r = run("check", str(seed_path("002")), str(bad), str(seed_path("003")), "--format", "json", "--jobs", "2")
    assert r.exit_code == 2
    assert f"{bad}: not a budget disclosure" in r.stderr
    units = [d["unit_name"] for d in json.loads(r.stdout)["disclosures"]]
    assert units == ["成华区科学技术协会", "凉山州科学技术协会"]


def test_text_and_csv_list_every_finding(seeds_store):
    report = json.loads(run("check", "--store", str(seeds_store), "--format", "json").stdout)
    n = sum(len(d["findings"]) for d in report["disclosures"])
    csv_lines = run("check", "--store", str(seeds_store), "--format", "csv").stdout.splitlines()
    assert len(csv_lines) == n + 1
    text = run("check", "--store", str(seeds_store)).stdout
    finding_lines = [line for line in text.splitlines() if line[:4] in {f["code"] for d in report["disclosures"] for f in d["findings"]}]
    assert len(finding_lines) == n
    errors_only = run("check", "--store", str(seeds_store), "--min-severity", "error").stdout
    assert sum(1 for line in errors_only.splitlines() if " error " in line) == report["counts"]["error"]
    assert " warning " not in errors_only


def test_a_report_file_is_written_whole(tmp_path, seeds_store):
    out = tmp_path / "findings.json"
    r = run("check", "--store", str(seeds_store), "--format", "json", "-o", str(out))
    assert r.stdout == ""
    assert json.loads(out.read_text(encoding="utf-8"))["counts"]["error"] > 0
    assert [p.name for p in tmp_path.iterdir()] == ["findings.json"]


def test_checking_files_creates_no_store(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    run("check", str(seed_path("004")))
    assert not (tmp_path / "lineage.db").exists()


def test_the_streamed_json_is_the_whole_report_dumped_at_once(parsed):
    from lineage.checks import run_checks
    from lineage.report.findings_view import finding_json, write_json
    from lineage.report.jsonable import dumps
    from lineage.results import Checked

    for results in ([], [Checked.of(parsed(p), run_checks(parsed(p))) for p in ("002", "004")]):
        out: list[str] = []
        counts = write_json(iter(results), out.append)
        errors = sum(f.severity == "error" for c in results for f in c.findings)
        whole = {"valid": errors == 0, "counts": {s: counts[s] for s in ("error", "warning", "info")},
                 "disclosures": [{"id": c.id, "unit_name": c.unit_name, "year": c.year, "file": c.file,
                                  "valid": not any(f.severity == "error" for f in c.findings),
                                  "findings": [finding_json(f) for f in c.findings]} for c in results]}
        assert "".join(out) == dumps(whole) + "\n"
        assert counts["error"] == errors


def test_load_on_two_workers_reports_and_stores_in_file_order(tmp_path):
    store = tmp_path / "s.db"
    r = run("load", str(SEEDS), "--store", str(store), "--jobs", "2")
    assert r.exit_code == 0
    # the unit each seed's heading names, in file order (000 … 004)
    units = ["四川省科技交流中心", "渠县科学技术协会", "成华区科学技术协会", "凉山州科学技术协会", "重庆市科学技术协会"]
    lines = [line.strip().split()[0] for line in r.stderr.splitlines() if line.startswith("  ")]
    assert lines == units
    stored = json.loads(run("check", "--store", str(store), "--format", "json").stdout)
    assert sorted(d["unit_name"] for d in stored["disclosures"]) == sorted(units)


def test_a_text_line_cited_from_a_pdf_names_its_page():
    """国家信访局 2026, p34 line 673: "…行政事业单位离退休…" — the old name of 20805 (LB04). The evidence of a text
    line carries its page, whether the rule gets the lines from the parser (files) or reads them itself."""
    r = run("check", str(ROOT / "data" / "pdf" / "more" / "central-guojia-xinfangju-2026.pdf"), "--rule", "LB04",
            "--format", "json")
    (finding,) = json.loads(r.stdout)["disclosures"][0]["findings"]
    assert [(e["line"], e["page"]) for e in finding["evidence"]] == [(673, 34)]
