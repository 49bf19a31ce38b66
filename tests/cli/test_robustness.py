"""Issue #12: bad input, bad stores, bad addresses: one line, the right exit code, nothing lost.

Exit codes: 0 fine, 1 error-level findings, 2 usage or input error, 3 internal error.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import sqlite3
import time

import pytest

from lineage_cli.crash import EXIT_INTERNAL
from tests.cli.invoke import one_error_line, run
from tests.conftest import SEEDS, seed_path


# --- item 5: the store file ---------------------------------------------------------------

def test_a_store_that_is_not_a_database_is_one_line_exit_2(tmp_path):
    store = tmp_path / "notes.db"
    store.write_text("meeting notes, not a database\n", encoding="utf-8")
    r = run("check", "--store", str(store))
    assert r.exit_code == 2
    assert one_error_line(r) == f"error: {store}: not a lineage store (the file is not an SQLite database)"
    assert store.read_text(encoding="utf-8") == "meeting notes, not a database\n"  # left as it was


def test_a_truncated_store_is_one_line_exit_2(tmp_path, seeds_store):
    store = tmp_path / "cut.db"
    data = seeds_store.read_bytes()
    store.write_bytes(data[: len(data) // 3])  # a copy interrupted a third of the way
    r = run("check", "--store", str(store))
    assert r.exit_code == 2
    assert "damaged" in one_error_line(r) and str(store) in r.stderr


def test_a_read_only_store_can_be_read_and_refuses_a_load_in_one_line(tmp_path, seeds_store):
    store = tmp_path / "ro.db"
    shutil.copy(seeds_store, store)
    store.chmod(0o444)
    if os.access(store, os.W_OK):
        pytest.skip("running as a user who may write read-only files (root)")
    assert run("check", "渠县", "--store", str(store)).exit_code == 1  # 001 has error-level findings
    edited = tmp_path / "001.txt"
    edited.write_text(seed_path("001").read_text(encoding="utf-8") + "\n", encoding="utf-8")
    r = run("load", str(edited), "--store", str(store))
    assert r.exit_code == 2 and "read-only" in r.stderr and "Traceback" not in r.output


def test_writing_to_a_store_opened_read_only_is_a_store_error(tmp_path, seeds_store, parsed):
    from lineage.store import Store, StoreError

    store = tmp_path / "copy.db"
    shutil.copy(seeds_store, store)
    d = parsed("002").model_copy(update={"id": "2023/another/部门预算"})
    with Store(store) as st, pytest.raises(StoreError, match="the store is read-only: cannot write to it"):
        st.put(d, [])  # commands other than load open the store read-only


def test_a_store_in_a_missing_folder_is_one_line_exit_2_and_creates_nothing(tmp_path):
    store = tmp_path / "no" / "such" / "lineage.db"
    r = run("load", str(seed_path("002")), "--store", str(store))
    assert r.exit_code == 2
    assert f"{store}: cannot create the store: folder {store.parent} does not exist" in r.stderr
    assert not (tmp_path / "no").exists()
    r = run("trace", "渠县", "--store", str(store))
    assert r.exit_code == 2 and "no such store" in one_error_line(r)


def test_a_corrupted_store_row_names_the_disclosure(tmp_path, seeds_store):
    store = tmp_path / "bad-row.db"
    shutil.copy(seeds_store, store)
    with sqlite3.connect(store) as db:  # check reads the findings column, trace the disclosure column
        db.execute("UPDATE disclosures SET findings = CAST('{\"id\": 3' AS BLOB) WHERE unit_name LIKE '%渠县%'")
        db.execute("UPDATE disclosures SET disclosure = CAST('{\"id\": 3' AS BLOB) WHERE unit_name LIKE '%渠县%'")
    for command in ("check", "trace"):
        r = run(command, *(["渠县"] if command == "trace" else []), "--store", str(store))
        assert r.exit_code == 2
        line = one_error_line(r)
        assert "2024/渠县科学技术协会/部门预算 is damaged" in line and str(store) in line


def test_a_mistyped_path_creates_no_empty_store(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    r = run("load", "dta/seeds")
    assert r.exit_code == 2 and "dta/seeds: no such file" in r.stderr
    r = run("check", "渠县县")
    assert r.exit_code == 2
    r = run("trace", "渠县")
    assert r.exit_code == 2 and "no such store" in r.stderr
    assert list(tmp_path.iterdir()) == []


# --- item 5: output, query parameters, internal errors ------------------------------------------

def test_output_into_an_unwritable_folder_is_one_line_exit_2(tmp_path):
    target = tmp_path / "missing-folder" / "report.json"
    r = run("parse", str(seed_path("002")), "--format", "json", "-o", str(target))
    assert r.exit_code == 2
    assert one_error_line(r) == f"error: {target}: cannot write the report there (No such file or directory)"


def test_a_written_report_gets_the_mode_a_plain_open_gives(tmp_path):
    report, workbook = tmp_path / "report.json", tmp_path / "report.xlsx"
    old = os.umask(0o022)
    try:
        assert run("parse", str(seed_path("002")), "--format", "json", "-o", str(report)).exit_code == 0
        assert run("check", str(seed_path("002")), "--format", "xlsx", "-o", str(workbook)).exit_code == 1
        os.umask(0o027)
        assert run("check", str(seed_path("002")), "--format", "csv", "-o", str(tmp_path / "c.csv")).exit_code == 1
    finally:
        os.umask(old)
    # not tempfile's 0600: readable by the group and others, as `>` would make it
    assert (report.stat().st_mode & 0o777, workbook.stat().st_mode & 0o777) == (0o644, 0o644)
    assert (tmp_path / "c.csv").stat().st_mode & 0o777 == 0o640
    report.chmod(0o600)  # a file the user made private stays private when written again
    assert run("parse", str(seed_path("002")), "--format", "json", "-o", str(report)).exit_code == 0
    assert report.stat().st_mode & 0o777 == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.csv", "report.json", "report.xlsx"]  # no temp left


def test_a_report_that_fails_half_way_leaves_no_file(tmp_path, monkeypatch):
    import lineage_cli.common as common

    target = tmp_path / "report.txt"
    with pytest.raises(ZeroDivisionError):
        with common.emit_stream(str(target)) as write:
            write("half a report")
            raise ZeroDivisionError
    assert list(tmp_path.iterdir()) == []


def test_a_negative_limit_is_refused_before_any_server_is_asked():
    r = run("query", "largest_projects", "-p", "limit=-1", "--neo4j", "bolt://127.0.0.1:1")
    assert r.exit_code == 2
    assert one_error_line(r) == "error: --param limit=-1: expected a whole number 0 or more"


def test_an_internal_error_is_one_line_exit_3_with_the_traceback_in_a_file(tmp_path, monkeypatch):
    import lineage_cli.parse_cmd as parse_cmd

    def broken(*args, **kwargs):
        raise ZeroDivisionError("a bug\nwith a second line")

    monkeypatch.setattr(parse_cmd, "disclosure_json", broken)
    monkeypatch.setenv("LINEAGE_CRASH_DIR", str(tmp_path / "crashes"))
    r = run("parse", str(seed_path("002")), "--format", "json")
    assert r.exit_code == EXIT_INTERNAL == 3
    line = one_error_line(r)
    assert line.startswith("internal error: ZeroDivisionError: a bug (full traceback in ")
    (written,) = (tmp_path / "crashes").iterdir()
    assert str(written) in line
    text = written.read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in text and "in broken" in text


# --- item 7 and batches: unreadable files ---------------------------------------------------------

def test_a_folder_without_a_readable_disclosure_is_never_valid(tmp_path):
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "poem.txt").write_text("床前明月光\n疑是地上霜\n", encoding="utf-8")
    r = run("check", str(folder), "--format", "json")
    assert r.exit_code == 2 and r.stdout == ""
    assert one_error_line(r).endswith("poem.txt: not a budget disclosure: no budget table titles and no "
                                      "20xx年部门/单位预算/决算 heading")
    (folder / "blank.txt").write_text("\n", encoding="utf-8")
    r = run("check", str(folder), "--format", "json")
    assert r.exit_code == 2 and r.stdout == ""
    assert r.stderr.splitlines()[-1] == "error: no readable disclosure: nothing to report"
    r = run("parse", str(folder), "--format", "json")
    assert r.exit_code == 2 and r.stdout == ""
    store = tmp_path / "never.db"
    r = run("load", str(folder), "--store", str(store))
    assert r.exit_code == 2 and not store.exists()
    assert r.stderr.splitlines()[-1] == "error: no readable disclosure: nothing to report"
    assert "added" not in r.stderr  # no summary of a load that loaded nothing
    empty = tmp_path / "empty"
    empty.mkdir()
    for command in ("check", "parse", "load"):
        r = run(command, str(empty))
        assert r.exit_code == 2 and f"{empty}: no *.txt or *.pdf files in this folder" in r.stderr, command


def test_a_batch_goes_on_after_a_bad_file_and_names_it(tmp_path):
    folder = tmp_path / "batch"
    shutil.copytree(SEEDS, folder)
    (folder / "001_broken.txt").write_bytes(b"\x00\x01 not text")
    r = run("check", str(folder), "--format", "json")
    assert r.exit_code == 2  # input error outranks findings
    report = json.loads(r.stdout)
    assert len(report["disclosures"]) == 5  # every seed still checked
    assert "001_broken.txt:1: binary file" in r.stderr
    r = run("parse", str(folder), "--format", "json")
    assert r.exit_code == 2 and len(json.loads(r.stdout)) == 5


# --- item 1: export --force -----------------------------------------------------------------------

def test_force_never_replaces_the_working_directory_or_a_folder_of_inputs(tmp_path, monkeypatch):
    project = tmp_path / "project"
    shutil.copytree(SEEDS, project / "seeds")
    (project / "notes.md").write_text("mine", encoding="utf-8")
    monkeypatch.chdir(project)
    r = run("export", "--neo4j-csv", ".", "--force", "seeds")  # the audit's command
    assert r.exit_code == 2 and "is the working directory" in one_error_line(r)
    r = run("export", "--neo4j-csv", "seeds", "--force", "seeds")
    assert r.exit_code == 2 and "holds the input" in one_error_line(r)
    r = run("export", "--neo4j-csv", str(tmp_path), "--force", "seeds")  # above the working directory
    assert r.exit_code == 2
    assert (project / "notes.md").read_text(encoding="utf-8") == "mine"
    assert len(list((project / "seeds").glob("*.txt"))) == 5


def test_force_replaces_only_an_earlier_export(tmp_path):
    own = tmp_path / "own"
    own.mkdir()
    (own / "keep.txt").write_text("mine", encoding="utf-8")
    r = run("export", "--neo4j-csv", str(own), "--force", str(seed_path("002")))
    assert r.exit_code == 2 and "not an earlier export" in one_error_line(r)
    assert (own / "keep.txt").read_text(encoding="utf-8") == "mine"
    out = tmp_path / "csv"
    assert run("export", "--neo4j-csv", str(out), str(seed_path("002"))).exit_code == 0
    assert (out / ".lineage-export").is_file()
    assert run("export", "--neo4j-csv", str(out), str(seed_path("003"))).exit_code == 2  # no --force
    r = run("export", "--neo4j-csv", str(out), "--force", str(seed_path("003")))
    assert r.exit_code == 0, r.stderr
    disclosures = (out / "nodes" / "Disclosure.csv").read_text(encoding="utf-8")
    assert "成华区" not in disclosures and (out / ".lineage-export").is_file()  # 002 swapped out whole


# --- item 8: Neo4j addresses and servers --------------------------------------------------------

@pytest.mark.parametrize("uri, message", [
    ("", "the Neo4j address is empty"),
    ("bolt://localhost:99999", "port 99999 is not a port number (1-65535)"),
    ("bolt://localhost:0", "port 0 is not a port number"),
    ("bolt://localhost:http", "port http is not a port number"),
    ("bolt://:7687", "no host in the address"),
    ("localhost:7687", "not a Neo4j address"),
    ("http://localhost:7474", "not a Neo4j address"),
])
def test_malformed_addresses_are_refused_and_nothing_is_written(tmp_path, monkeypatch, uri, message):
    monkeypatch.chdir(tmp_path)
    r = run("load", str(seed_path("002")), "--neo4j", uri)
    assert r.exit_code == 2
    assert message in one_error_line(r)
    assert list(tmp_path.iterdir()) == []  # an empty --neo4j no longer writes ./lineage.db


def test_an_unreachable_server_fails_fast_in_one_line(tmp_path):
    with socket.socket() as s:  # a port nobody listens on: bound, never listening
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
        started = time.monotonic()
        r = run("load", str(seed_path("002")), "--neo4j", f"neo4j://127.0.0.1:{port}")
        elapsed = time.monotonic() - started
    assert r.exit_code == 2
    assert one_error_line(r).startswith(f"error: cannot reach Neo4j at neo4j://127.0.0.1:{port}")
    assert elapsed < 10  # was 31-65 s with a dozen driver retry lines


def test_a_server_that_accepts_but_never_answers_times_out(tmp_path, monkeypatch):
    monkeypatch.setenv("LINEAGE_NEO4J_TIMEOUT", "1")
    with socket.socket() as s:  # listening, but nobody ever speaks Bolt
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        started = time.monotonic()
        r = run("load", str(seed_path("002")), "--neo4j", f"bolt://127.0.0.1:{port}")
        elapsed = time.monotonic() - started
    assert r.exit_code == 2 and "Neo4j at bolt://127.0.0.1" in one_error_line(r)
    assert elapsed < 8
