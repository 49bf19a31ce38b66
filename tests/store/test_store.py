"""The embedded store: compact, answers reports from its summary columns, migrates older stores."""

from __future__ import annotations

import json
import sqlite3

from lineage.checks import run_checks
from lineage.results import Summary
from lineage.store import Store
from lineage.store.sqlite import SCHEMA_VERSION
from tests.conftest import SEEDS

PREFIXES = ("000", "001", "002", "003", "004")


def test_store_is_smaller_than_one_and_a_half_times_the_input(tmp_path, parsed):
    path = tmp_path / "s.db"
    with Store(path, create=True) as st:
        for p in PREFIXES:
            d = parsed(p)
            st.put(d, run_checks(d))
    text = sum(f.stat().st_size for f in SEEDS.glob("*.txt"))
    assert path.stat().st_size <= 1.5 * text


def test_get_returns_what_was_put(tmp_path, parsed):
    d = parsed("001")
    findings = run_checks(d)
    with Store(tmp_path / "s.db", create=True) as st:
        assert st.put(d, findings) == "added"
        assert st.put(d, findings) == "unchanged"
        back, back_findings = st.get(d.id)
    assert back == d
    assert back_findings == findings


def test_reports_come_from_the_findings_column_alone(tmp_path, parsed):
    d = parsed("002")
    findings = run_checks(d)
    path = tmp_path / "s.db"
    with Store(path, create=True) as st:
        st.put(d, findings)
    db = sqlite3.connect(path)
    with db:
        db.execute("UPDATE disclosures SET disclosure = x'00'")  # not a document any more
    db.close()
    with Store(path) as st:
        (report,) = st.reports()
    assert (report.id, report.unit_name, report.year) == (d.id, "成华区科学技术协会", 2023)
    assert report.findings == findings


def test_summary_columns(tmp_path, parsed):
    d = parsed("001")
    findings = run_checks(d)
    s = Summary.of(d, findings)
    # 001 部门支出总表 合计 367.12 (the load report's 支出合计 line for 渠县).
    assert (s.unit_name, s.year, s.kind, s.total, s.amount_unit) == ("渠县科学技术协会", 2024, "部门预算", "367.12", "万元")
    assert s.errors == sum(f.severity == "error" for f in findings) >= 1


def test_a_version_1_store_is_migrated_in_place(tmp_path, parsed):
    d = parsed("004")
    findings = run_checks(d)
    path = tmp_path / "old.db"
    db = sqlite3.connect(path)
    with db:  # the schema of version 1, as `lineage load` wrote it before summaries and compression
        db.execute("CREATE TABLE disclosures (id TEXT PRIMARY KEY, unit_name TEXT NOT NULL, unit_code TEXT, year INTEGER,"
                   " path TEXT NOT NULL, sha256 TEXT NOT NULL, loaded_at TEXT NOT NULL DEFAULT (datetime('now')),"
                   " disclosure_json TEXT NOT NULL, findings_json TEXT NOT NULL)")
        db.execute("INSERT INTO disclosures VALUES (?, ?, ?, ?, ?, ?, '2026-01-02 03:04:05', ?, ?)",
                   (d.id, d.unit_name, d.unit_code, d.year, d.source.path, d.source.sha256, d.model_dump_json(),
                    json.dumps([f.model_dump(mode="json") for f in findings], ensure_ascii=False)))
    db.close()
    with Store(path) as st:  # read-only (lineage check, trace …): migrated all the same
        assert st.get(d.id) == (d, findings)
    with Store(path, create=True) as st:
        # a version-1 row does not say which rules made its findings: the first load checks again
        # (keeping its load time), the next one finds it unchanged
        assert st.put(d, findings) == "replaced"
        assert st.put(d, findings) == "unchanged"
        assert st.db.execute("SELECT loaded_at, errors FROM disclosures").fetchone() == (
            "2026-01-02 03:04:05", sum(f.severity == "error" for f in findings))
        assert st.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
