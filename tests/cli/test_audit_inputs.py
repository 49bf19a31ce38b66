"""The command-line audit (session 5): odd paths, addresses and ports a user may type.

Each test is a defect found by running `lineage` as a user would: before the
fix the command ended in "internal error" (exit 3) or did the work twice.
Exit codes (README "Commands"): 0 fine, 1 error-level findings, 2 usage or input error.
"""

from __future__ import annotations

import json
import os
import socket

import pytest

from tests.cli.invoke import one_error_line, run
from tests.conftest import SEEDS, seed_path

TOO_LONG = "a" * 5000  # longer than any file name the system allows (ENAMETOOLONG)


# --- a path too long for the file system -------------------------------------------------------

def test_a_file_name_too_long_is_named_and_the_batch_goes_on():
    r = run("parse", TOO_LONG, str(seed_path("002")), "--format", "json")
    assert r.exit_code == 2
    assert one_error_line(r) == f"error: {TOO_LONG}: cannot read: File name too long"
    assert [d["disclosure"]["unit_name"] for d in json.loads(r.stdout)] == ["成华区科学技术协会"]


@pytest.mark.parametrize("command", [["check"], ["load", "--store", "x.db"], ["report"],
                                     ["export", "--neo4j-csv", "out"]])
def test_a_file_name_too_long_is_one_line_exit_2_in_every_command(tmp_path, monkeypatch, command):
    monkeypatch.chdir(tmp_path)
    r = run(*command, TOO_LONG)
    assert r.exit_code == 2 and "Traceback" not in r.output
    line = r.stderr.splitlines()[0]  # export adds "nothing to export, left unchanged"
    assert line == f"error: {TOO_LONG}: cannot read: File name too long"
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("command", [["check"], ["load", str(seed_path("002"))], ["projects"]])
def test_a_store_name_too_long_is_one_line_exit_2(tmp_path, monkeypatch, command):
    monkeypatch.chdir(tmp_path)
    r = run(*command, "--store", TOO_LONG)
    assert r.exit_code == 2
    line = one_error_line(r)
    assert line.startswith(f"error: {TOO_LONG}") and "File name too long" in line


# --- a file given twice ------------------------------------------------------------------------

def test_a_file_given_twice_or_with_its_folder_is_checked_once():
    r = run("check", str(seed_path("001")), str(seed_path("001")), str(SEEDS), "--format", "json")
    assert r.exit_code == 1  # 001 has error-level findings
    report = json.loads(r.stdout)
    ids = [d["id"] for d in report["disclosures"]]
    # 001 first (as given), then the rest of the folder; never 001 again
    assert ids[0] == "2024/渠县科学技术协会/部门预算" and len(ids) == 5 == len(set(ids))


def test_a_stored_unit_named_twice_is_reported_once(seeds_store):
    r = run("check", "渠县", "2024/渠县科学技术协会/部门预算", "--store", str(seeds_store), "--format", "json")
    assert [d["id"] for d in json.loads(r.stdout)["disclosures"]] == ["2024/渠县科学技术协会/部门预算"]


def test_a_file_given_twice_is_parsed_once():
    r = run("parse", str(seed_path("002")), str(seed_path("002")), "--format", "json")
    assert r.exit_code == 0 and len(json.loads(r.stdout)) == 1


def test_a_file_given_twice_is_exported_once(tmp_path):
    r = run("export", "--neo4j-csv", str(tmp_path / "csv"), str(seed_path("002")), str(seed_path("002")))
    assert r.exit_code == 0, r.stderr
    assert "1 disclosures" in r.stderr and "error" not in r.stderr


def test_a_unit_named_twice_is_compared_and_reported_once(seeds_store, tmp_path):
    r = run("compare", "渠县", "渠县科学技术协会", "--store", str(seeds_store), "--format", "json")
    assert r.exit_code == 0 and json.loads(r.stdout)["units"] == ["渠县科学技术协会 2024"]
    html = tmp_path / "r.html"
    r = run("report", "渠县", "渠县", "--store", str(seeds_store), "--html", str(html))
    assert r.exit_code == 0 and "1 disclosure," in r.stderr


# --- standard input ------------------------------------------------------------------------------

@pytest.mark.parametrize("command", [["parse"], ["check"], ["load", "--store", "x.db"]])
def test_a_dash_says_standard_input_is_not_read(tmp_path, monkeypatch, command):
    monkeypatch.chdir(tmp_path)
    r = run(*command, "-", input="2024年部门预算\n")
    assert r.exit_code == 2
    assert one_error_line(r) == "error: -: standard input is not read; save the text to a file and give its name"
    assert list(tmp_path.iterdir()) == []


# --- addresses and ports -----------------------------------------------------------------------

@pytest.mark.parametrize("command", [["load", str(seed_path("002"))], ["query", "disclosures"],
                                     ["check", str(seed_path("002"))], ["trace", "渠县"]])
def test_an_address_python_cannot_split_is_one_line_exit_2(seeds_store, tmp_path, monkeypatch, command):
    monkeypatch.chdir(tmp_path)
    store = [] if command[0] in ("query", "load") else ["--store", str(seeds_store)]
    r = run(*command, *store, "--neo4j", "bolt://[::1")
    assert r.exit_code == 2
    assert one_error_line(r).startswith("error: bolt://[::1: not a Neo4j address")


def test_a_browser_address_that_is_no_neo4j_address_is_refused(seeds_store):
    r = run("trace", "渠县", "--store", str(seeds_store), "--neo4j", "http://localhost:7474")
    assert r.exit_code == 2
    assert one_error_line(r).startswith("error: http://localhost:7474: not a Neo4j address")


@pytest.mark.parametrize("port", ["99999", "-1"])
def test_a_port_out_of_range_is_a_usage_error(port):
    r = run("guide", "--serve", port)
    assert r.exit_code == 2 and "Traceback" not in r.output
    assert "Invalid value for '--serve'" in r.stderr


def test_a_port_in_use_is_one_line_exit_2():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        r = run("guide", "--serve", str(port))
    assert r.exit_code == 2
    assert one_error_line(r) == f"error: port {port}: cannot serve the guide there (Address already in use)"


# --- a file name that is not UTF-8 (a GBK name unzipped on Linux) ---------------------------------

@pytest.fixture
def gbk_named(tmp_path):
    """002 under the GBK bytes of 成华区.txt: a name Python can only hold with surrogates."""
    folder = tmp_path / "in"
    folder.mkdir()
    name = "成华区.txt".encode("gbk")
    path = os.path.join(os.fsencode(folder), name)
    with open(path, "wb") as fh:
        fh.write(seed_path("002").read_bytes())
    return folder, os.fsdecode(path)


def test_a_non_utf8_file_name_is_refused_by_load_and_the_others_are_loaded(tmp_path, gbk_named):
    folder, path = gbk_named
    store = tmp_path / "s.db"
    r = run("load", str(folder), str(seed_path("001")), "--store", str(store))
    assert r.exit_code == 2 and "Traceback" not in r.output
    shown = path.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    assert f"error: {shown}: the file name is not UTF-8; rename it (e.g. convmv -f gbk -t utf-8 --notest)" in r.stderr
    assert "1 added" in r.stderr  # 001 was loaded


def test_a_non_utf8_file_name_is_refused_by_export(tmp_path, gbk_named):
    folder, _ = gbk_named
    r = run("export", "--neo4j-csv", str(tmp_path / "csv"), str(folder), str(seed_path("001")))
    assert r.exit_code == 2 and "Traceback" not in r.output
    assert "the file name is not UTF-8" in r.stderr and "1 disclosures" in r.stderr


@pytest.mark.parametrize("command", [["check", "--format", "json"], ["parse", "--format", "json"],
                                     ["report", "--html", "r.html"]])
def test_a_non_utf8_file_name_is_one_line_in_every_command(tmp_path, monkeypatch, gbk_named, command):
    folder, _ = gbk_named  # before: exit 3 (UnicodeEncodeError) or, from parse, invalid UTF-8 in the JSON
    monkeypatch.chdir(tmp_path)
    r = run(command[0], str(folder), *command[1:])
    assert r.exit_code == 2
    assert one_error_line(r).endswith(": the file name is not UTF-8; rename it (e.g. convmv -f gbk -t utf-8 --notest)")
    assert r.stdout == "" and not (tmp_path / "r.html").exists()


def test_export_with_an_empty_database_name_is_a_usage_error(tmp_path):
    # before: the printed command read "neo4j-admin database import full '' …"
    r = run("export", "--neo4j-csv", str(tmp_path / "csv"), str(seed_path("002")), "--database", "")
    assert r.exit_code == 2 and "Invalid value for '--database'" in r.stderr
    assert not (tmp_path / "csv").exists()
