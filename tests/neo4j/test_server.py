"""What the Bolt test server (ArcadeDB) does with the Cypher a Neo4j 5 loader needs.

Each test pins one behaviour that the loader and the query library rely on, or
one known difference from Neo4j 5 (docs/neo4j-compat.md lists them all with the
workaround that works on both servers).
"""

from __future__ import annotations

import socket
import time
from decimal import Decimal

import neo4j
import pytest
from neo4j.exceptions import AuthError, ClientError, ConstraintError, ServiceUnavailable

from lineage.neo4jdb import testserver


def count(cypher, label: str) -> int:
    return cypher(f"MATCH (n:{label}) RETURN count(n) AS c")[0]["c"]


# --- the server itself ------------------------------------------------------


def test_server_listens_on_loopback_with_the_lineage_database(neo4j_server, cypher):
    assert neo4j_server.uri.startswith("bolt://127.0.0.1:")
    port = neo4j_server.uri.rsplit(":", 1)[1]
    log = neo4j_server.log_path.read_text(encoding="utf-8", errors="replace")
    assert f"Listening for incoming BOLT connections on /127.0.0.1:{port}" in log
    assert "host=127.0.0.1" in log  # the HTTP listener, which cannot be switched off
    assert cypher("RETURN $x AS x", x=1) == [{"x": 1}]


def test_sessions_without_a_database_use_the_lineage_database(neo4j_driver, cypher):
    neo4j_driver.execute_query("CREATE (:DefaultDbProbe {v: 1})")  # no database_
    assert count(cypher, "DefaultDbProbe") == 1


def test_bad_password_and_unknown_database_are_driver_errors(neo4j_server, neo4j_driver):
    with neo4j.GraphDatabase.driver(neo4j_server.uri, auth=(neo4j_server.user, "wrong")) as driver:
        with pytest.raises(AuthError):
            driver.verify_connectivity()
    with pytest.raises(ClientError) as error:
        neo4j_driver.execute_query("RETURN 1", database_="no_such_database")
    assert error.value.code == "Neo.ClientError.Database.DatabaseNotFound"


def test_a_second_server_stops_cleanly_and_then_refuses_connections(tmp_path):
    with testserver.start_test_server(tmp_path) as server:
        with neo4j.GraphDatabase.driver(server.uri, auth=(server.user, server.password)) as driver:
            assert driver.execute_query("RETURN 2 AS x").records[0]["x"] == 2
    assert server.process.returncode == 0
    assert server.log_path.read_text(encoding="utf-8").rstrip().endswith("test server: stopped")
    with neo4j.GraphDatabase.driver(server.uri, auth=(server.user, server.password)) as driver:
        with pytest.raises(ServiceUnavailable):
            driver.verify_connectivity()


def test_a_server_that_cannot_start_reports_its_log(tmp_path, monkeypatch):
    with socket.socket() as taken:
        taken.bind((testserver.HOST, 0))
        taken.listen()
        ports = iter([taken.getsockname()[1], testserver._free_port()])  # Bolt's port is taken
        monkeypatch.setattr(testserver, "_free_port", lambda: next(ports))
        with pytest.raises(testserver.TestServerError) as error:
            testserver.start_test_server(tmp_path, timeout=60)
    message = str(error.value)
    assert "test server exited with status" in message
    assert "Unable to listen for BOLT connections" in message


# --- parameters and values --------------------------------------------------

TRICKY_STRINGS = [
    'say "hi"',
    "it's",
    "back\\slash \\n not a newline",
    "四川省达州市渠县财政局（本级）",
    "MATCH (n) DETACH DELETE n; RETURN 1 // */",
    "line one\nline two\ttab",
    "",
]


def test_strings_are_stored_exactly_as_sent_as_parameters(cypher):
    cypher("MERGE (:Keep {id: 'sentinel'})")
    cypher(
        "UNWIND $rows AS row MERGE (n:Unit {id: row.id}) SET n.name = row.name",
        rows=[{"id": i, "name": text} for i, text in enumerate(TRICKY_STRINGS)],
    )
    stored = cypher("MATCH (n:Unit) RETURN n.name AS name ORDER BY n.id")
    assert [row["name"] for row in stored] == TRICKY_STRINGS
    assert count(cypher, "Keep") == 1  # the keyword-laden value was data, not a query
    assert cypher("MATCH (n:Unit {name: $name}) RETURN n.id AS id", name=TRICKY_STRINGS[4]) == [{"id": 4}]


def test_money_as_integer_cents_stays_exact_beyond_32_bits(cypher):
    # 10527.11 yuan as cents; 2**62 is far beyond a double's 53-bit mantissa.
    cypher("CREATE (:Amount {cents: $a}), (:Amount {cents: $b})", a=1052711, b=2**62)
    rows = cypher("MATCH (a:Amount) RETURN a.cents AS cents ORDER BY cents")
    assert rows == [{"cents": 1052711}, {"cents": 2**62}]
    assert all(type(row["cents"]) is int for row in rows)
    # A sum that no 32-bit integer holds: 3,000 nodes of 1,000,000 cents.
    cypher("UNWIND range(1, 3000) AS i CREATE (:Part {cents: 1000000})")
    total = cypher("MATCH (p:Part) RETURN sum(p.cents) AS total")[0]["total"]
    assert total == 3_000_000_000 and type(total) is int


def test_the_driver_refuses_decimal_parameters(cypher):
    # Decimal must become integer minor units before it reaches the driver.
    with pytest.raises(ValueError, match="Decimal"):
        cypher("RETURN $x AS x", x=Decimal("10527.11"))


def test_list_properties_round_trip(cypher):
    cypher(
        "CREATE (:Listy {codes: $codes, names: $names, none: []})",
        codes=[201, 20101, 2010101],
        names=["一般公共服务支出", "人大事务"],
    )
    assert cypher("MATCH (n:Listy) RETURN n.codes AS codes, n.names AS names, n.none AS none") == [
        {"codes": [201, 20101, 2010101], "names": ["一般公共服务支出", "人大事务"], "none": []}
    ]


def test_maps_are_refused_as_property_values(cypher):
    with pytest.raises(neo4j.exceptions.CypherTypeError):  # as in Neo4j
        cypher("CREATE (:Bad {m: $m})", m={"a": 1})


def test_difference_mixed_and_null_lists_are_stored(cypher):
    # Neo4j 5 refuses both (homogeneous lists without null only); ArcadeDB
    # stores them. The loader must send homogeneous, null-free lists.
    cypher("CREATE (:Mixed {a: $a, b: $b})", a=[1, "x"], b=[1, None])
    assert cypher("MATCH (n:Mixed) RETURN n.a AS a, n.b AS b") == [{"a": [1, "x"], "b": [1, None]}]


# --- the loader's write pattern ---------------------------------------------


def test_unwind_merge_set_plus_equals_is_idempotent_and_updates(neo4j_driver, neo4j_server, cypher):
    load = "UNWIND $rows AS row MERGE (n:Unit {id: row.id}) SET n += row.props"
    rows = [{"id": f"u{i}", "props": {"name": f"单位{i}", "cents": 100 * i}} for i in range(3)]
    first = neo4j_driver.execute_query(load, rows=rows, database_=neo4j_server.database).summary
    assert first.counters.nodes_created == 3
    rows[1]["props"] = {"cents": 999, "name": None}  # += with null removes the property, as in Neo4j
    second = neo4j_driver.execute_query(load, rows=rows, database_=neo4j_server.database).summary
    assert second.counters.nodes_created == 0
    assert cypher("MATCH (n:Unit) RETURN n.id AS id, n.name AS name, n.cents AS cents ORDER BY id") == [
        {"id": "u0", "name": "单位0", "cents": 0},
        {"id": "u1", "name": None, "cents": 999},
        {"id": "u2", "name": "单位2", "cents": 200},
    ]


def test_merge_relationships_between_matched_nodes(cypher):
    cypher("UNWIND ['a', 'b', 'c'] AS id CREATE (:Node {id: id})")
    link = (
        "UNWIND $rels AS rel MATCH (s:Node {id: rel.source}) MATCH (t:Node {id: rel.target}) "
        "MERGE (s)-[r:FUNDS {line: rel.line}]->(t) SET r.cents = rel.cents"
    )
    rels = [
        {"source": "a", "target": "b", "line": 7, "cents": 5},
        {"source": "a", "target": "b", "line": 8, "cents": 6},  # a parallel edge with its own key
        {"source": "b", "target": "missing", "line": 9, "cents": 1},  # no target: no edge
    ]
    cypher(link, rels=rels)
    cypher(link, rels=rels)
    assert cypher("MATCH (:Node)-[r:FUNDS]->(:Node) RETURN r.line AS line, r.cents AS cents ORDER BY line") == [
        {"line": 7, "cents": 5},
        {"line": 8, "cents": 6},
    ]


def test_difference_merge_ignores_a_dynamic_label(cypher):
    # Neo4j 5.26 would create (:Other {id: 1}); ArcadeDB matches the :Unit node.
    # The loader writes labels literally, one statement per label.
    cypher("CREATE (:Unit {id: 1})")
    rows = cypher("UNWIND $rows AS row MERGE (n:$(row.label) {id: row.id}) RETURN labels(n) AS l",
                  rows=[{"label": "Other", "id": 1}])
    assert rows == [{"l": ["Unit"]}]
    assert count(cypher, "Other") == 0


def test_constraints_and_indexes_if_not_exists_are_idempotent(neo4j_driver, neo4j_server, cypher):
    statements = [
        "CREATE CONSTRAINT schema_probe_id IF NOT EXISTS FOR (n:SchemaProbe) REQUIRE n.id IS UNIQUE",
        "CREATE INDEX schema_probe_code IF NOT EXISTS FOR (n:SchemaProbe) ON (n.code)",
        "CREATE INDEX schema_probe_rel IF NOT EXISTS FOR ()-[r:PROBES]-() ON (r.disclosure)",
    ]
    for run in range(2):
        for statement in statements:
            counters = neo4j_driver.execute_query(statement, database_=neo4j_server.database).summary.counters
            assert counters.constraints_added + counters.indexes_added == (1 if run == 0 else 0)
    names = {row["name"] for row in cypher("SHOW CONSTRAINTS")}
    assert "schema_probe_id" in names
    indexes = {row["name"] for row in cypher("SHOW INDEXES")}
    assert {"schema_probe_code", "schema_probe_rel"} <= indexes
    cypher("CREATE (:SchemaProbe {id: 1})")
    with pytest.raises(ConstraintError):
        cypher("CREATE (:SchemaProbe {id: 1})")
    with pytest.raises(ConstraintError):  # a node with one more label is still a :SchemaProbe
        cypher("CREATE (:SchemaProbe:Extra {id: 1})")


# --- transactions -----------------------------------------------------------


def test_a_failure_mid_transaction_leaves_nothing(neo4j_driver, neo4j_server, cypher):
    cypher("CREATE CONSTRAINT tx_probe_id IF NOT EXISTS FOR (n:TxProbe) REQUIRE n.id IS UNIQUE")
    cypher("CREATE (:TxProbe {id: 'existing'})")
    with neo4j_driver.session(database=neo4j_server.database) as session:
        with pytest.raises(ConstraintError):
            with session.begin_transaction() as tx:
                tx.run("UNWIND range(1, 50) AS i CREATE (:TxProbe {id: toString(i)})").consume()
                assert tx.run("MATCH (n:TxProbe) RETURN count(n) AS c").single()["c"] == 51
                tx.run("CREATE (:TxProbe {id: 'existing'})").consume()
                tx.commit()
    assert count(cypher, "TxProbe") == 1


def test_one_statement_is_atomic(cypher):
    cypher("CREATE CONSTRAINT atomic_probe_id IF NOT EXISTS FOR (n:AtomicProbe) REQUIRE n.id IS UNIQUE")
    with pytest.raises(ConstraintError):
        cypher("UNWIND $ids AS id CREATE (:AtomicProbe {id: id})", ids=["a", "b", "a"])
    assert count(cypher, "AtomicProbe") == 0


def test_uncommitted_writes_are_invisible_and_vanish_with_the_connection(neo4j_server, cypher):
    with neo4j.GraphDatabase.driver(neo4j_server.uri, auth=(neo4j_server.user, neo4j_server.password)) as driver:
        session = driver.session(database=neo4j_server.database)
        tx = session.begin_transaction()
        tx.run("UNWIND range(1, 100) AS i CREATE (:Abandoned {i: i})").consume()
        assert count(cypher, "Abandoned") == 0  # another session does not see them
    # the driver closed without commit, like a killed loader
    assert count(cypher, "Abandoned") == 0


def test_an_exception_in_a_managed_transaction_rolls_it_back(neo4j_driver, neo4j_server, cypher):
    def work(tx):
        tx.run("CREATE (:Managed {id: 1})").consume()
        raise RuntimeError("loader failed half-way")

    with neo4j_driver.session(database=neo4j_server.database) as session:
        with pytest.raises(RuntimeError):
            session.execute_write(work)
    assert count(cypher, "Managed") == 0


def test_detach_delete_removes_nodes_with_their_relationships(neo4j_driver, neo4j_server, cypher):
    cypher("CREATE (:D {d: 'x'})-[:R]->(:D {d: 'x'})-[:R]->(:D {d: 'y'})")
    summary = neo4j_driver.execute_query(
        "MATCH (n:D {d: $d}) DETACH DELETE n", d="x", database_=neo4j_server.database
    ).summary
    assert (summary.counters.nodes_deleted, summary.counters.relationships_deleted) == (2, 2)
    assert cypher("MATCH (n:D) OPTIONAL MATCH (n)-[r]-() RETURN n.d AS d, count(r) AS rels") == [
        {"d": "y", "rels": 0}
    ]


# --- reading ----------------------------------------------------------------


@pytest.fixture
def chain(cypher):
    """u1 -> f1 -> f2 -> f3 -> f4 along :FLOWS, each edge with cents; u2 isolated."""
    cypher(
        "CREATE (u1:Unit {id: 'u1', name: '甲单位'}), (u2:Unit {id: 'u2', name: '乙单位', short: '乙'}) "
        "CREATE (u1)-[:FLOWS {cents: 100}]->(f1:Fund {id: 'f1', cents: 10})"
        "-[:FLOWS {cents: 200}]->(f2:Fund {id: 'f2', cents: 20})"
        "-[:FLOWS {cents: 300}]->(f3:Fund {id: 'f3', cents: 30})"
        "-[:FLOWS {cents: 400}]->(:Fund {id: 'f4', cents: 40})"
    )
    return cypher


def test_variable_length_paths(chain):
    rows = chain(
        "MATCH p = (:Unit {id: 'u1'})-[:FLOWS*1..3]->(f:Fund) "
        "RETURN f.id AS id, length(p) AS hops, reduce(s = 0, r IN relationships(p) | s + r.cents) AS cents "
        "ORDER BY hops"
    )
    assert rows == [
        {"id": "f1", "hops": 1, "cents": 100},
        {"id": "f2", "hops": 2, "cents": 300},
        {"id": "f3", "hops": 3, "cents": 600},
    ]


def test_aggregation_sum_count_collect(chain):
    rows = chain(
        "MATCH (f:Fund) WITH f ORDER BY f.id "
        "RETURN count(f) AS n, sum(f.cents) AS total, collect(f.id) AS ids"
    )
    assert rows == [{"n": 4, "total": 100, "ids": ["f1", "f2", "f3", "f4"]}]
    assert chain("MATCH (n:Nothing) RETURN sum(n.cents) AS s, count(n) AS c, collect(n) AS l") == [
        {"s": 0, "c": 0, "l": []}
    ]


def test_optional_match_coalesce_order_by_limit(chain):
    rows = chain(
        "MATCH (u:Unit) OPTIONAL MATCH (u)-[r:FLOWS]->(f:Fund) "
        "RETURN coalesce(u.short, u.name) AS unit, f.id AS fund, coalesce(r.cents, 0) AS cents "
        "ORDER BY unit DESC LIMIT $n",
        n=2,
    )
    assert rows == [{"unit": "甲单位", "fund": "f1", "cents": 100}, {"unit": "乙", "fund": None, "cents": 0}]
    assert chain("MATCH (f:Fund) RETURN f.id AS id ORDER BY f.cents DESC SKIP 1 LIMIT 2") == [
        {"id": "f3"},
        {"id": "f2"},
    ]


def test_map_projections(chain):
    rows = chain(
        "MATCH (u:Unit {id: 'u1'}) "
        "RETURN u {.id, .name, .missing, funds: [(u)-[:FLOWS]->(f) | f {.id, .cents}], kind: 'unit'} AS u"
    )
    assert rows == [
        {"u": {"id": "u1", "name": "甲单位", "missing": None, "funds": [{"id": "f1", "cents": 10}], "kind": "unit"}}
    ]
    assert chain("MATCH (f:Fund {id: 'f4'}) RETURN f {.*} AS f") == [{"f": {"id": "f4", "cents": 40}}]


def test_difference_aggregating_inside_a_map_projection_returns_an_empty_row(chain):
    # Neo4j 5 (and the linter) reject this as implicit grouping; ArcadeDB
    # silently answers a row without columns. Aggregate in WITH first:
    assert chain("MATCH (u:Unit {id: 'u1'})-[r:FLOWS]->() RETURN u {.id, cents: sum(r.cents)} AS u") == [{}]
    assert chain(
        "MATCH (u:Unit {id: 'u1'})-[r:FLOWS]->() WITH u, sum(r.cents) AS cents RETURN u {.id, cents: cents} AS u"
    ) == [{"u": {"id": "u1", "cents": 100}}]


def test_difference_shortest_keyword_is_missing_but_shortest_path_and_quantifiers_work(chain):
    with pytest.raises(neo4j.exceptions.CypherSyntaxError, match="SHORTEST"):
        chain("MATCH p = SHORTEST 1 (:Unit {id: 'u1'})-[:FLOWS]->+(:Fund {id: 'f3'}) RETURN length(p) AS hops")
    assert chain(
        "MATCH p = shortestPath((:Unit {id: 'u1'})-[:FLOWS*]->(:Fund {id: 'f3'})) RETURN length(p) AS hops"
    ) == [{"hops": 3}]
    assert chain("MATCH (:Unit {id: 'u1'})-[:FLOWS]->{2,3}(f:Fund) RETURN f.id AS id ORDER BY id") == [
        {"id": "f2"},
        {"id": "f3"},
    ]


def test_nodes_come_back_as_driver_nodes(chain, neo4j_driver, neo4j_server):
    record = neo4j_driver.execute_query(
        "MATCH (u:Unit {id: 'u1'})-[r:FLOWS]->(f) RETURN u, r, f", database_=neo4j_server.database
    ).records[0]
    assert isinstance(record["u"], neo4j.graph.Node) and record["u"].labels == {"Unit"}
    assert record["r"].type == "FLOWS" and record["r"]["cents"] == 100
    assert record["r"].start_node.element_id == record["u"].element_id


# --- speed (printed, not asserted) --------------------------------------------


def test_batched_unwind_merge_and_per_row_merge_build_the_same_nodes(
    neo4j_driver, neo4j_server, cypher, capsys
):
    cypher("CREATE CONSTRAINT speed_probe_id IF NOT EXISTS FOR (n:SpeedProbe) REQUIRE n.id IS UNIQUE")
    rows = [{"id": f"n{i}", "props": {"name": f"节点{i}", "cents": 1052711 + i}} for i in range(5000)]

    def batched(tx):
        for start in range(0, len(rows), 1000):
            tx.run(
                "UNWIND $rows AS row MERGE (n:SpeedProbe {id: row.id}) SET n += row.props",
                rows=rows[start : start + 1000],
            ).consume()

    def per_row(tx):
        for row in rows:
            tx.run("MERGE (n:SpeedProbe {id: $id}) SET n += $props", id=row["id"], props=row["props"]).consume()

    rates, contents = {}, []
    for name, work in [("batched UNWIND (1000/statement)", batched), ("one MERGE per row", per_row)]:
        cypher("MATCH (n:SpeedProbe) DETACH DELETE n")
        started = time.perf_counter()
        with neo4j_driver.session(database=neo4j_server.database) as session:
            session.execute_write(work)
        rates[name] = len(rows) / (time.perf_counter() - started)
        contents.append(cypher("MATCH (n:SpeedProbe) RETURN count(n) AS n, sum(n.cents) AS cents"))
    assert contents[0] == contents[1] == [{"n": 5000, "cents": 5000 * 1052711 + sum(range(5000))}]
    with capsys.disabled():
        print("\n" + "; ".join(f"{name}: {rate:,.0f} rows/s" for name, rate in rates.items()))
