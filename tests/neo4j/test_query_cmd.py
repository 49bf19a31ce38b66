"""`lineage query` against the Bolt test server: parameters, formats, hostile names, errors.

001 (渠县科学技术协会 2024): line 531 prints 收入 367.12 = 一般公共预算拨款收入 233.12
+ 政府性基金预算拨款收入 134.00; line 862 its one project 2024年老科协专项工作经费 56.05.
"""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from lineage.checks import run_checks
from lineage.neo4jdb.loader import load
from lineage.neo4jdb.rows import disclosure_rows
from lineage_cli.main import cli

HOSTILE = "渠县\"科协\" O'Brien \\ MATCH (n) DETACH DELETE n //"


@pytest.fixture
def env(neo4j_server, neo4j_driver, cypher, parsed):
    """001 and a copy under a hostile unit name, loaded into the emptied test database."""
    d = parsed("001")
    hostile = d.model_copy(update={"id": f"2024/{HOSTILE}/部门预算", "unit_name": HOSTILE})
    load(neo4j_driver, [disclosure_rows(x, run_checks(x)) for x in (d, hostile)], neo4j_server.database)
    return {"NEO4J_URI": neo4j_server.uri, "NEO4J_USER": neo4j_server.user, "NEO4J_PASSWORD": neo4j_server.password,
            "NEO4J_DATABASE": neo4j_server.database}


def run(args, env):
    return CliRunner().invoke(cli, ["query", *args], env=env, catch_exceptions=False)


def test_a_hostile_unit_name_is_a_parameter_and_matches_only_itself(env):
    result = run(["flow_trace", "--param", f"disclosure={HOSTILE}", "--format", "json"], env)
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert {r["disclosure"] for r in rows} == {f"2024/{HOSTILE}/部门预算"}
    sources = sorted((r["from"], r["amountMinor"], r["amount"], r["line"]) for r in rows if r["stage"] == 1)
    assert sources == [("一般公共预算拨款收入", 23312, "233.12", 531), ("政府性基金预算拨款收入", 13400, "134.00", 531)]
    projects = [(r["to"], r["amount"], r["line"]) for r in rows if r["stage"] == 5 and not r["derived"]]
    assert projects == [("2024年老科协专项工作经费", "56.05", 862)]


def test_csv_and_text_formats(env):
    result = run(["flow_trace", "-p", "disclosure=2024/渠县科学技术协会/部门预算", "--format", "csv"], env)
    assert result.exit_code == 0, result.output
    table = list(csv.reader(io.StringIO(result.stdout)))
    header, body = table[0], table[1:]
    assert header[:3] == ["disclosure", "stage", "stageName"] and "amountMinor" in header
    first = dict(zip(header, body[0]))
    assert first["disclosure"] == "2024/渠县科学技术协会/部门预算" and first["stage"] == "1"
    text = run(["flow_trace", "-p", "disclosure=2024/渠县科学技术协会/部门预算"], env)
    assert text.exit_code == 0
    assert f"({len(body)} rows)" in text.stdout


def test_list_shows_every_query_with_its_parameters(env):
    result = run(["--list"], env)
    assert result.exit_code == 0
    assert "flow_trace" in result.stdout and "disclosure=…" in result.stdout


@pytest.mark.parametrize("args, message", [
    (["flow_trace"], "flow_trace: parameter disclosure is required"),
    (["flow_trace", "--param", "disclosure"], "--param disclosure: expected NAME=VALUE"),
    (["flow_trace", "-p", "disclosure=x", "-p", "unit=y"], "flow_trace: unknown parameter unit"),
    (["no_such_query"], "no query named 'no_such_query'"),
])
def test_wrong_use_is_one_line_and_exit_2(env, args, message):
    result = run(args, env)
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [result.stderr.strip()]
    assert message in result.stderr


def test_without_a_server_address_query_says_so():
    result = CliRunner().invoke(cli, ["query", "flow_trace", "-p", "disclosure=x"], env={"NEO4J_URI": ""})
    assert result.exit_code == 2
    assert "no Neo4j address: give --neo4j URI or set NEO4J_URI" in result.stderr
