"""The store serves no stale findings: results are keyed on the file's hash and the tool's version."""

from lineage.checks import run_checks
from lineage.checks.registry import checks_version
from lineage.store import Store
from lineage.store.sqlite import _pack


def test_findings_of_another_tool_version_are_checked_again(tmp_path, parsed):
    d = parsed("001")
    with Store(tmp_path / "s.db", create=True) as st:
        assert st.put(d, run_checks(d)) == "added"
        assert st.put(d, run_checks(d)) == "unchanged"  # same file, same rules
        # As if an older version had stored other messages: no findings, another version key.
        with st.db:
            st.db.execute("UPDATE disclosures SET findings = ?, checked_with = 'old' WHERE id = ?", (_pack("[]"), d.id))
        again, findings = st.get(d.id)
        # 001 line 201: 734.24 = 2 × 367.12 — found again, not the stored empty list
        assert [f.lines[0] for f in findings if f.code == "DC01"] == [201]
        assert st.db.execute("SELECT checked_with FROM disclosures").fetchone()[0] == checks_version()
        # a reload after a rule change replaces the stored findings instead of saying "unchanged"
        with st.db:
            st.db.execute("UPDATE disclosures SET checked_with = 'old'")
        assert st.put(d, run_checks(d)) == "replaced"
        # lineage check reads summaries and findings through reports(): stale ones are checked again too
        with st.db:
            st.db.execute("UPDATE disclosures SET findings = ?, checked_with = 'old'", (_pack("[]"),))
        (report,) = st.reports()
        assert [f.lines[0] for f in report.findings if f.code == "DC01"] == [201]


def test_a_store_from_before_the_version_key_is_upgraded(tmp_path, parsed):
    import sqlite3

    path = tmp_path / "old.db"
    db = sqlite3.connect(path)
    db.executescript(
        "CREATE TABLE disclosures (id TEXT PRIMARY KEY, unit_name TEXT NOT NULL, unit_code TEXT, year INTEGER,"
        " path TEXT NOT NULL, sha256 TEXT NOT NULL, loaded_at TEXT NOT NULL DEFAULT (datetime('now')),"
        " disclosure_json TEXT NOT NULL, findings_json TEXT NOT NULL);"
    )
    d = parsed("002")
    db.execute(
        "INSERT INTO disclosures (id, unit_name, path, sha256, disclosure_json, findings_json) VALUES (?, ?, ?, ?, ?, '[]')",
        (d.id, d.unit_name, d.source.path, d.source.sha256, d.model_dump_json()),
    )
    db.commit()
    db.close()
    with Store(path) as st:  # read-only (lineage check): checked again, nothing written
        _, findings = st.get(d.id)
        # 002 line 163: the 部门整体 target's 150 against its table's 350.22 (line 486)
        assert [f.lines[0] for f in findings if f.code == "NR07"] == [163]
    with Store(path, create=True) as st:  # lineage load upgrades the store and keeps the new findings
        st.get(d.id)
        assert st.db.execute("SELECT checked_with FROM disclosures").fetchone()[0] == checks_version()


def test_only_what_produces_findings_makes_them_stale(tmp_path):
    import shutil
    from pathlib import Path

    import lineage
    from lineage.checks.registry import source_key

    root = tmp_path / "lineage"
    shutil.copytree(Path(lineage.__file__).parent, root, ignore=shutil.ignore_patterns("__pycache__", "assets"))
    key = source_key(root)
    # the store, a report view, a rule's case file: findings stay valid
    for name in ("store/sqlite.py", "report/findings_view.py", "checks/rule_cases/BL03.yml"):
        (root / name).write_text((root / name).read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert source_key(root) == key
    # the parser's placement search, a rule, the vocabulary, the graph the rules build: stale
    for name in ("parse/placement.py", "checks/changes.py", "vocab/titles.py", "graph/build.py"):
        before = (root / name).read_text(encoding="utf-8")
        (root / name).write_text(before + "\n# edited\n", encoding="utf-8")
        assert source_key(root) != key, name
        (root / name).write_text(before, encoding="utf-8")
    assert source_key(root) == key
