"""The command-line audit (session 5): questions to the store that match nothing, and Ctrl-C.

Each test is a defect found by running `lineage` as a user would. Before the fix an
option that matched nothing (trace --from, --code; projects/find --unit; a unit name
with % or _) answered as if it had not been given, or with an empty table and exit
0; an empty store gave empty tables; Ctrl-C gave exit 1, which reads as "the
document has errors".
"""

from __future__ import annotations

import json
import shutil
import sqlite3

import pytest

from tests.cli.invoke import one_error_line, run
from tests.conftest import seed_path


@pytest.fixture
def empty_store(tmp_path):
    """A store with its table and no disclosure (every disclosure deleted from a loaded store)."""
    from lineage.store import Store

    path = tmp_path / "empty.db"
    Store(path, create=True).close()
    return path


# --- trace: --from and --code must name something the unit has -------------------------------

def test_trace_from_a_source_the_unit_does_not_have_is_refused(seeds_store):
    # 001 (渠县) 表1-1 prints two sources: 一般公共预算拨款收入 233.12 and 政府性基金预算拨款收入 134.00;
    # before, the trace printed every amount unscaled, under an empty sources stage marked balanced
    r = run("trace", "渠县", "--from", "上年结转", "--store", str(seeds_store))
    assert r.exit_code == 2
    assert one_error_line(r) == ("error: --from 上年结转: no funding source of 2024/渠县科学技术协会/部门预算 "
                                 "is named so (its sources: 一般公共预算拨款收入, 政府性基金预算拨款收入)")


def test_trace_from_a_name_matching_two_sources_is_refused(seeds_store):
    # before, the estimate used the share of whichever source came last
    r = run("trace", "渠县", "--from", "拨款收入", "--store", str(seeds_store))
    assert r.exit_code == 2
    assert one_error_line(r) == ("error: --from 拨款收入: names 2 funding sources of 2024/渠县科学技术协会/部门预算 "
                                 "(一般公共预算拨款收入, 政府性基金预算拨款收入); give one")


def test_trace_from_one_source_scales_the_downstream_amounts(seeds_store):
    r = run("trace", "渠县", "--from", "政府性基金", "--store", str(seeds_store), "--format", "json")
    assert r.exit_code == 0
    sources = json.loads(r.stdout)["stages"][0]["steps"]
    assert [(s["name"], s["amount"]) for s in sources] == [("政府性基金预算拨款收入", "134.00")]


@pytest.mark.parametrize("code, message", [
    ("abc", "error: --code abc: not a 功能分类 code (digits, e.g. 206 or 20607)"),
    ("211", "error: --code 211: no functional subject of 2024/渠县科学技术协会/部门预算 starts with 211 "
            "(its 类: 206, 208, 210, 212, 213, 221)"),
])
def test_trace_code_that_matches_nothing_is_refused(seeds_store, code, message):
    # 001's 表1-2 (lines 564-585) prints subjects under 类 206, 208, 210, 212, 213 and 221 only
    r = run("trace", "渠县", "--code", code, "--store", str(seeds_store))
    assert r.exit_code == 2
    assert one_error_line(r) == message


# --- unit names ---------------------------------------------------------------------------------

@pytest.mark.parametrize("key", ["%", "_", "渠县%"])
def test_sql_wildcards_in_a_unit_name_are_plain_characters(seeds_store, key):
    r = run("trace", key, "--store", str(seeds_store))
    assert r.exit_code == 2
    assert one_error_line(r) == f"error: {key}: no stored unit matches in {seeds_store} (see lineage load)"


def test_an_empty_unit_name_is_refused(seeds_store):
    r = run("trace", "", "--store", str(seeds_store))
    assert r.exit_code == 2
    assert one_error_line(r) == "error: an empty unit name: give a unit name (or part of it), an id or a unit code"


@pytest.mark.parametrize("command", [["projects", "--unit", "不存在"], ["find", "143.09", "--unit", "不存在"]])
def test_a_unit_filter_that_matches_nothing_is_refused(seeds_store, command):
    r = run(*command, "--store", str(seeds_store))
    assert r.exit_code == 2
    assert one_error_line(r) == f"error: --unit 不存在: no stored unit matches in {seeds_store} (see lineage load)"


@pytest.mark.parametrize("command", [["projects"], ["subject", "206"], ["find", "143.09"], ["check"]])
def test_an_empty_store_is_one_line_exit_2(empty_store, command):
    r = run(*command, "--store", str(empty_store))
    assert r.exit_code == 2
    assert one_error_line(r) == f"error: {empty_store}: the store is empty; run lineage load PATH first"


def test_a_subject_no_unit_has_says_so(seeds_store):
    # 211 (节能环保支出) is printed by none of the seeds
    r = run("subject", "211", "--store", str(seeds_store))
    assert r.exit_code == 0
    assert r.stdout.strip().splitlines()[-1] == f"(no stored disclosure has functional subject 211 in {seeds_store})"


# --- query --list ---------------------------------------------------------------------------------

def test_query_list_honours_format_json():
    r = run("query", "--list", "--format", "json")
    assert r.exit_code == 0
    queries = {q["name"]: q for q in json.loads(r.stdout)}
    assert queries["flow_trace"]["params"][0]["name"] == "disclosure"
    assert queries["largest_projects"]["title"]


# --- --output is checked before the work ------------------------------------------------------------

def test_output_into_a_missing_folder_is_refused_before_the_server_is_asked(tmp_path):
    target = tmp_path / "missing" / "rows.csv"
    r = run("query", "disclosures", "--neo4j", "bolt://127.0.0.1:1", "--format", "csv", "-o", str(target))
    assert r.exit_code == 2
    assert one_error_line(r) == f"error: {target}: cannot write the report there (No such file or directory)"


def test_output_onto_a_folder_is_one_line_exit_2(tmp_path):
    r = run("parse", str(seed_path("002")), "-o", str(tmp_path))
    assert r.exit_code == 2
    assert one_error_line(r) == f"error: {tmp_path}: cannot write the report there (Is a directory)"


# --- Ctrl-C -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("command, reader", [(["parse"], "lineage.parse.disclosure.parse_file"),
                                             (["check", "--jobs", "1"], "lineage.workers.read_document")])
def test_ctrl_c_is_exit_130_and_leaves_no_report(tmp_path, monkeypatch, command, reader):
    def interrupted(path):
        raise KeyboardInterrupt

    monkeypatch.setattr(reader, interrupted)
    target = tmp_path / "report.json"
    r = run(*command, str(seed_path("002")), "--format", "json", "-o", str(target))
    assert r.exit_code == 130  # not 1: that means "error-level findings"
    assert one_error_line(r) == "stopped: by Ctrl-C before the end; no file was half-written"
    assert list(tmp_path.iterdir()) == []


def test_a_store_row_deleted_leaves_an_empty_store_not_a_crash(tmp_path, seeds_store):
    store = tmp_path / "emptied.db"
    shutil.copy(seeds_store, store)
    with sqlite3.connect(store) as db:
        db.execute("DELETE FROM disclosures")
    r = run("projects", "--store", str(store))
    assert r.exit_code == 2 and "the store is empty" in one_error_line(r)


def test_compare_execution_of_a_budget_says_there_is_none(seeds_store):
    # 001 is a 部门预算: it prints no 预算数 beside 决算数; before, the text was one blank line
    r = run("compare", "渠县", "--execution", "--store", str(seeds_store))
    assert r.exit_code == 0
    assert r.stdout.strip() == ("(no budget execution in 2024/渠县科学技术协会/部门预算: only a 决算 prints 预算数 "
                                "beside 决算数; load a unit's 决算, and its 预算 of that year to compare the two)")


def test_report_goes_on_after_a_file_it_cannot_read(tmp_path):
    bad = tmp_path / "empty.txt"
    bad.write_text("", encoding="utf-8")
    html = tmp_path / "r.html"
    r = run("report", str(bad), str(seed_path("002")), "--html", str(html))
    assert r.exit_code == 2  # as every batch: the others are done, the bad file named at the end
    assert f"error: {bad}: empty file" in r.stderr.splitlines()
    assert html.exists() and "成华区科学技术协会" in html.read_text(encoding="utf-8")


@pytest.mark.parametrize("command", ["trace", "compare"])
def test_a_file_given_where_a_stored_unit_is_expected_says_to_load_it(seeds_store, command):
    # before: "no stored unit matches", which a user who gave an existing file cannot make sense of
    path = str(seed_path("001"))
    r = run(command, path, "--store", str(seeds_store))
    assert r.exit_code == 2
    assert one_error_line(r) == (f"error: {path}: lineage {command} takes stored units, not files; "
                                 f"run lineage load {path} first, then name its unit")


def test_find_takes_an_amount_as_printed_in_full_width(seeds_store):
    # 001 line 564 prints 143.09 (机构运行); a user may paste it in full-width digits, which the
    # reader normalises in documents ("１４３．０９" was "not an amount")
    r = run("find", "１４３．０９", "--store", str(seeds_store), "--format", "json")
    assert r.exit_code == 0
    assert 564 in [h["line"] for h in json.loads(r.stdout) if h["disclosure"] == "2024/渠县科学技术协会/部门预算"]


def test_an_empty_rule_id_is_a_usage_error_not_every_rule():
    r = run("check", str(seed_path("002")), "--rule", "")
    assert r.exit_code == 2 and "Invalid value for --rule: an empty rule id" in r.stderr
