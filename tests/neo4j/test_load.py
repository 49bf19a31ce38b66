"""Loading into a real Bolt server (ArcadeDB): idempotence, replacement, atomicity, hostile names, errors.

Figures come from the documents: 001 (渠县科学技术协会 2024) line 531 prints
收入 合计 367.12 = 一般公共预算拨款收入 233.12 + 政府性基金 134.00 (万元); line
564 prints 2060701 机构运行 143.09; line 862 the one project,
2024年老科协专项工作经费, 56.05.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap

import pytest
from click.testing import CliRunner

from lineage.checks import run_checks
from lineage.neo4jdb.loader import load
from lineage.neo4jdb.rows import disclosure_rows
from lineage.neo4jdb.schema import DISCLOSURE_LABELS
from lineage_cli.main import cli
from tests.conftest import seed_path

SEEDS = ("000", "001", "002", "003", "004")
QX = "2024/渠县科学技术协会/部门预算"


def counts(cypher) -> tuple[int, int]:
    return (cypher("MATCH (n) RETURN count(n) AS c")[0]["c"], cypher("MATCH ()-[r]->() RETURN count(r) AS c")[0]["c"])


def rows_of(d):
    return disclosure_rows(d, run_checks(d))


def income_minor(cypher, disclosure: str) -> list[dict]:
    return cypher(
        "MATCH (s:FundingSource {disclosure: $d})-[f:FLOWS_TO]->(:Pool {name: '收入'}) "
        "RETURN s.name AS source, f.amountMinor AS minor, f.amount AS amount, f.unit AS unit, f.line AS line "
        "ORDER BY minor DESC",
        d=disclosure,
    )


@pytest.fixture(scope="module")
def seed_rows(parsed):
    return {n: rows_of(parsed(n)) for n in SEEDS}


def test_loading_the_seeds_twice_gives_the_same_counts(neo4j_driver, neo4j_server, cypher, seed_rows):
    results = load(neo4j_driver, seed_rows.values(), neo4j_server.database)
    assert [r.replaced for r in results] == [False] * 5
    once = counts(cypher)
    results = load(neo4j_driver, seed_rows.values(), neo4j_server.database)
    assert [r.replaced for r in results] == [True] * 5
    assert counts(cypher) == once
    assert cypher("MATCH (d:Disclosure) RETURN count(d) AS c")[0]["c"] == 5
    # shared code-tree nodes are merged across units: one 206 (科学技术支出) for all five
    assert cypher("MATCH (c:FunctionCode {code: '206'}) RETURN count(c) AS c")[0]["c"] == 1
    assert cypher("MATCH (c:FunctionCode {code: '206'})<-[:PART_OF*1..2]-(:FunctionCode)<-[:CLASSIFIED_AS]-(f) "
                  "RETURN count(DISTINCT f.disclosure) AS c")[0]["c"] == 5
    assert income_minor(cypher, QX) == [
        {"source": "一般公共预算拨款收入", "minor": 23312, "amount": "233.12", "unit": "万元", "line": 531},
        {"source": "政府性基金预算拨款收入", "minor": 13400, "amount": "134.00", "unit": "万元", "line": 531},
    ]


def test_reloading_a_changed_disclosure_leaves_no_stale_nodes_or_edges(neo4j_driver, neo4j_server, cypher, parsed):
    d = parsed("001")
    load(neo4j_driver, [rows_of(d)], neo4j_server.database)
    assert cypher("MATCH (p:Project {disclosure: $d}) RETURN p.name AS n", d=QX) == [{"n": "2024年老科协专项工作经费"}]
    before = counts(cypher)
    # A corrected version of the same disclosure: the project table is gone.
    changed = d.model_copy(update={"tables": [t for t in d.tables if t.kind != "gp_projects"]})
    old = rows_of(d)
    new = rows_of(changed)
    load(neo4j_driver, [new], neo4j_server.database)
    assert cypher("MATCH (p:Project {disclosure: $d}) RETURN count(p) AS c", d=QX)[0]["c"] == 0
    assert cypher("MATCH (:Project {disclosure: $d})-[r]-() RETURN count(r) AS c", d=QX)[0]["c"] == 0
    lost_nodes = old.node_count - new.node_count
    lost_rels = old.rel_count - new.rel_count
    # the corrected version differs (the project goes; the checks' findings change with it, e.g. TB01)
    assert (lost_nodes, lost_rels) != (0, 0)
    assert counts(cypher) == (before[0] - lost_nodes, before[1] - lost_rels)


def test_the_write_statement_links_relationships_to_the_positions_of_their_ends():
    from lineage.neo4jdb.loader import write_statement
    from lineage.neo4jdb.rows import DisclosureRows, Rels

    rows = DisclosureRows("d", {
        "Pool": [{"id": "p1"}, {"id": "p2"}], "FundingSource": [{"id": "s"}], "FunctionCode": [{"id": "205"}],
        "Project": [],  # no rows: no UNWIND part, which would end the statement's one row
    }, [
        Rels("FLOWS_TO", "FundingSource", "Pool", [{"start": "s", "end": "p2", "props": {"amount": "1.00"}}]),
        Rels("FLOWS_TO", "Pool", "Pool", [{"start": "p2", "end": "p1", "props": {}}]),
        Rels("CLASSIFIED_AS", "Pool", "FunctionCode", [{"start": "p1", "end": "205", "props": {}}]),
    ])
    statement, params = write_statement(rows)
    # shared labels first, then the disclosure's own in schema order: 205, s, p1, p2 at 0, 1, 2, 3
    assert params == {
        "id": "d", "n0": [{"id": "205"}], "n1": [{"id": "s"}], "n2": [{"id": "p1"}, {"id": "p2"}],
        "r0": [[1, 3, {"amount": "1.00"}], [3, 2, {}]],  # one part per type, whatever the ends' labels
        "r1": [[2, 0, {}]],
    }
    lines = statement.splitlines()
    # the old subgraph goes first: the Disclosure node, then every label a disclosure owns
    assert lines[0] == "OPTIONAL MATCH (old:Disclosure {id: $id}) WITH old IS NOT NULL AS replaced, old.file AS previous"
    assert lines[1] == ("OPTIONAL MATCH (n:Disclosure {id: $id}) WITH replaced, previous, collect(n) AS old "
                        "FOREACH (n IN old | DETACH DELETE n) WITH replaced, previous")
    assert len(lines) == 1 + len(DISCLOSURE_LABELS) + 6
    assert lines[1 + len(DISCLOSURE_LABELS):] == [
        "UNWIND $n0 AS row MERGE (n:FunctionCode {id: row.id}) SET n += row WITH replaced, previous, collect(n) AS g",
        "UNWIND $n1 AS row CREATE (n:FundingSource) SET n = row WITH replaced, previous, head(collect(g)) + collect(n) AS g",
        "UNWIND $n2 AS row CREATE (n:Pool) SET n = row WITH replaced, previous, head(collect(g)) + collect(n) AS g",
        "UNWIND $r0 AS row WITH replaced, previous, g, g[row[0]] AS a, g[row[1]] AS b, row "
        "CREATE (a)-[r:FLOWS_TO]->(b) SET r = row[2] WITH replaced, previous, head(collect(g)) AS g",
        "UNWIND $r1 AS row WITH replaced, previous, g, g[row[0]] AS a, g[row[1]] AS b, row "
        "CREATE (a)-[r:CLASSIFIED_AS]->(b) SET r = row[2] WITH replaced, previous, head(collect(g)) AS g",
        "RETURN replaced, previous, size(g) AS nodes",
    ]


def test_every_relationship_joins_the_nodes_its_row_names(neo4j_driver, neo4j_server, cypher, seed_rows):
    """Positions in the statement's node list, not ids, link the ends: read back, every relationship
    must join exactly the two ids its row names, with its properties."""
    load(neo4j_driver, seed_rows.values(), neo4j_server.database)
    sent = sorted((r.type, row["start"], row["end"], row["props"].get("amountMinor"), row["props"].get("line"))
                  for rows in seed_rows.values() for r in rows.rels for row in r.rows if not r.shared)
    read = sorted((r["t"], r["a"], r["b"], r["minor"], r["line"]) for r in cypher(
        "MATCH (a)-[r]->(b) WHERE NOT (a:FunctionCode OR a:EconomicCode) "
        "RETURN type(r) AS t, a.id AS a, b.id AS b, r.amountMinor AS minor, r.line AS line"))
    assert read == sent


KILLED_LOADER = textwrap.dedent("""
    import sys, time
    import neo4j
    from lineage.checks import run_checks
    from lineage.neo4jdb import loader
    from lineage.neo4jdb.rows import disclosure_rows
    from lineage.parse.disclosure import parse_file

    uri, user, password, database, first, second = sys.argv[1:]
    original = loader.write_disclosure
    calls = []

    def write_then_hang(tx, rows, *args):
        result = original(tx, rows, *args)
        calls.append(rows.disclosure)
        if len(calls) == 2:  # the second disclosure is written but not committed
            print("written", flush=True)
            time.sleep(600)
        return result

    loader.write_disclosure = write_then_hang
    items = [disclosure_rows(d, run_checks(d)) for d in (parse_file(first), parse_file(second))]
    with neo4j.GraphDatabase.driver(uri, auth=(user, password)) as driver:
        loader.load(driver, items, database)
""")


def test_a_load_killed_mid_way_leaves_no_partial_disclosure(neo4j_server, neo4j_driver, cypher, seed_rows):
    child = subprocess.Popen(
        [sys.executable, "-c", KILLED_LOADER, neo4j_server.uri, neo4j_server.user, neo4j_server.password,
         neo4j_server.database, str(seed_path("003")), str(seed_path("001"))],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert child.stdout.readline().strip() == "written"
        # Inside the open transaction the whole of 001 exists; nobody else sees any of it.
        assert cypher("MATCH (n {disclosure: $d}) RETURN count(n) AS c", d=QX)[0]["c"] == 0
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
    assert child.returncode == -signal.SIGKILL
    # The first disclosure was committed whole; of the second there is nothing, not even its Disclosure node.
    first = seed_rows["003"]
    own = sum(len(first.nodes.get(label, [])) for label in DISCLOSURE_LABELS if label != "Disclosure")
    assert cypher("MATCH (n {disclosure: $d}) RETURN count(n) AS c", d=first.disclosure)[0]["c"] == own
    assert cypher("MATCH (d:Disclosure) RETURN d.id AS id") == [{"id": first.disclosure}]
    assert cypher("MATCH (n {disclosure: $d}) RETURN count(n) AS c", d=QX)[0]["c"] == 0
    assert cypher("MATCH ()-[f:FLOWS_TO {disclosure: $d}]->() RETURN count(f) AS c", d=QX)[0]["c"] == 0
    # and the server is not left locked: loading 001 now works
    load(neo4j_driver, [seed_rows["001"]], neo4j_server.database)
    assert [r["minor"] for r in income_minor(cypher, QX)] == [23312, 13400]


HOSTILE = [
    "某某\"科协\"",
    "O'Brien's 单位",
    "back\\slash\\n 单位",
    "x'}) DETACH DELETE n //",
    "MATCH (n) RETURN n",
]


@pytest.mark.parametrize("name", HOSTILE)
def test_names_with_quotes_backslashes_and_keywords_load_and_query_exactly(neo4j_driver, neo4j_server, cypher, parsed, name):
    d = parsed("001")
    projects = next(t for t in d.tables if t.kind == "gp_projects")
    row = next(r for r in projects.rows if r.name == "2024年老科协专项工作经费")
    hostile_projects = projects.model_copy(update={"rows": [
        r.model_copy(update={"name": f"项目 {name}"}) if r is row else r for r in projects.rows]})
    hostile = d.model_copy(update={
        "id": f"2024/{name}/部门预算", "unit_name": name,
        "tables": [hostile_projects if t is projects else t for t in d.tables],
    })
    load(neo4j_driver, [rows_of(hostile)], neo4j_server.database)
    load(neo4j_driver, [rows_of(hostile)], neo4j_server.database)  # and again: still one of each
    assert cypher("MATCH (d:Disclosure) RETURN d.unitName AS u, d.id AS id") == [{"u": name, "id": f"2024/{name}/部门预算"}]
    assert cypher("MATCH (u:Unit)<-[:PUBLISHED_BY]-(:Disclosure) RETURN u.name AS u") == [{"u": name}]
    found = cypher("MATCH (p:Project {name: $n})<-[f:FLOWS_TO]-(:Pool {name: '项目支出'}) "
                   "RETURN p.disclosure AS d, f.amountMinor AS minor, f.line AS line", n=f"项目 {name}")
    assert found == [{"d": f"2024/{name}/部门预算", "minor": 5605, "line": 862}]
    assert [r["minor"] for r in income_minor(cypher, f"2024/{name}/部门预算")] == [23312, 13400]


# --- the command line -------------------------------------------------------


def run_cli(args, env):
    return CliRunner().invoke(cli, args, env=env, catch_exceptions=False)


def server_env(server, **changes):
    env = {"NEO4J_URI": server.uri, "NEO4J_USER": server.user, "NEO4J_PASSWORD": server.password,
           "NEO4J_DATABASE": server.database}
    env.update(changes)
    return env


def test_lineage_load_neo4j_from_the_environment(neo4j_server, cypher):
    result = run_cli(["load", str(seed_path("001")), str(seed_path("003"))], server_env(neo4j_server))
    assert result.exit_code == 0, result.output
    assert f"{neo4j_server.uri}: 2 added, 0 replaced" in result.stderr
    assert sorted(r["id"] for r in cypher("MATCH (d:Disclosure) RETURN d.id AS id")) == [
        "2024/凉山州科学技术协会/部门预算", QX]
    again = run_cli(["load", str(seed_path("001")), "--neo4j", neo4j_server.uri], server_env(neo4j_server, NEO4J_URI="bolt://ignored:1"))
    assert again.exit_code == 0, again.output
    assert f"{neo4j_server.uri}: 0 added, 1 replaced" in again.stderr


def test_a_neo4j_load_that_replaces_another_files_disclosure_says_so(neo4j_server, cypher, tmp_path):
    first = run_cli(["load", str(seed_path("001"))], server_env(neo4j_server))
    assert first.exit_code == 0 and "note:" not in first.stderr
    corrected = tmp_path / "001-corrected.txt"
    corrected.write_text(seed_path("001").read_text(encoding="utf-8") + "\n（更正）\n", encoding="utf-8")
    again = run_cli(["load", str(corrected)], server_env(neo4j_server))
    assert again.exit_code == 0, again.output
    assert f"note: replaced {QX}, which came from another file ({seed_path('001').name})" in again.stderr
    assert cypher("MATCH (d:Disclosure {id: $id}) RETURN d.file AS f", id=QX) == [{"f": corrected.name}]


@pytest.mark.parametrize("change, message", [
    ({"NEO4J_PASSWORD": "wrong"}, "refused the credentials of user 'root'"),
    ({"NEO4J_DATABASE": "nosuchdb"}, "has no database 'nosuchdb'"),
    ({"NEO4J_URI": "http://127.0.0.1:7474"}, "not a Neo4j address"),
])
def test_lineage_load_neo4j_says_in_one_line_why_the_server_cannot_be_used(neo4j_server, change, message):
    result = run_cli(["load", str(seed_path("001"))], server_env(neo4j_server, **change))
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and message in lines[0]
    assert "Traceback" not in result.output


def test_lineage_load_neo4j_unreachable():
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    result = run_cli(["load", str(seed_path("001"))], {"NEO4J_URI": f"bolt://127.0.0.1:{port}", "NEO4J_PASSWORD": "x"})
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: cannot reach Neo4j at bolt://127.0.0.1:{port}")


def test_a_disclosure_the_server_refuses_is_not_written_and_the_error_names_its_file(neo4j_driver, neo4j_server, cypher, seed_rows):
    from lineage.neo4jdb.loader import Neo4jError
    from lineage.neo4jdb.rows import DisclosureRows

    good = seed_rows["003"]
    bad = seed_rows["001"]
    subjects = bad.nodes["FunctionalSubject"]
    broken = DisclosureRows(bad.disclosure, {**bad.nodes, "FunctionalSubject": subjects + subjects[:1]}, bad.rels)
    with pytest.raises(Neo4jError) as error:  # the same id twice violates the uniqueness constraint
        load(neo4j_driver, [good, broken], neo4j_server.database)
    message = str(error.value)
    assert message.startswith("001_5e9ab6be9bc004b4.txt: not loaded, nothing of it written (ConstraintError")
    assert message.endswith("disclosures loaded before it: 1")
    assert cypher("MATCH (d:Disclosure) RETURN d.id AS id") == [{"id": good.disclosure}]
    assert cypher("MATCH (n {disclosure: $d}) RETURN count(n) AS c", d=QX)[0]["c"] == 0


def test_an_explicit_store_wins_over_neo4j_uri_from_the_environment(tmp_path):
    env = {"NEO4J_URI": "bolt://127.0.0.1:1", "NEO4J_PASSWORD": "x"}  # nothing listens there
    result = run_cli(["load", str(seed_path("001")), "--store", str(tmp_path / "s.db")], env)
    assert result.exit_code == 0, result.output
    assert f"{tmp_path / 's.db'}: 1 added" in result.stderr
    both = run_cli(["load", str(seed_path("001")), "--store", str(tmp_path / "s.db"), "--neo4j", "bolt://127.0.0.1:1"], {})
    assert both.exit_code == 2 and "give --store or --neo4j, not both" in both.stderr
