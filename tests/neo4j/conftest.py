"""Fixtures for tests that talk to a real Bolt + OpenCypher server.

The server is ArcadeDB with its Bolt plugin (lineage/neo4jdb/testserver.py),
started once per test session on a free loopback port. Without the
``arcadedb-embedded`` package these tests are skipped, unless
LINEAGE_REQUIRE_NEO4J_TESTS=1 is set (CI sets it), in which case they fail:
a CI run must never pass by skipping them.
"""

from __future__ import annotations

import importlib.util
import os

import pytest

REQUIRE_ENV = "LINEAGE_REQUIRE_NEO4J_TESTS"


def _missing(reason: str) -> None:
    """Skip the test for want of a tool, or fail it where the tests are required."""
    if os.environ.get(REQUIRE_ENV) == "1":
        pytest.fail(f"{reason}, and {REQUIRE_ENV}=1 requires these tests to run")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def missing():
    """``missing(reason)``: skip (or, with LINEAGE_REQUIRE_NEO4J_TESTS=1, fail) for want of a tool."""
    return _missing


@pytest.fixture(scope="session")
def neo4j_server(tmp_path_factory):
    """A running test server (uri, user, password, database), stopped after the session."""
    if importlib.util.find_spec("arcadedb_embedded") is None:
        _missing("arcadedb-embedded is not installed (pip install -e '.[test]'): no Bolt test server")
    from lineage.neo4jdb.testserver import start_test_server

    server = start_test_server(tmp_path_factory.mktemp("bolt-server"))
    yield server
    server.stop()


@pytest.fixture(scope="session")
def neo4j_driver(neo4j_server):
    """The official neo4j driver, connected to the test server."""
    import neo4j

    with neo4j.GraphDatabase.driver(
        neo4j_server.uri, auth=(neo4j_server.user, neo4j_server.password)
    ) as driver:
        yield driver


@pytest.fixture
def cypher(neo4j_driver, neo4j_server):
    """Run one auto-committed query on the test database, emptied for this test.

    ``cypher("MATCH (n:Unit {id: $id}) RETURN n.name AS name", id="x")`` returns
    the records as a list of dicts. Constraints and indexes survive between
    tests (only nodes and relationships are deleted), so a test that creates
    schema uses labels no other test uses.
    """

    def run(query: str, **params) -> list[dict]:
        records, _, _ = neo4j_driver.execute_query(query, params, database_=neo4j_server.database)
        return [record.data() for record in records]

    run("MATCH (n) DETACH DELETE n")
    return run


@pytest.fixture(scope="module")
def seeds_in_neo4j(neo4j_driver, neo4j_server, parsed):
    """The five seeds loaded into the emptied test database, as `lineage load --neo4j` loads them.

    Returns {seed number: (Disclosure, findings)}, so a test can compare what a
    query returns with what the library (and so the CLI) reports. Module-scoped:
    tests using it must not use the `cypher` fixture, which empties the database.
    """
    from lineage.checks import run_checks
    from lineage.neo4jdb.loader import load
    from lineage.neo4jdb.rows import disclosure_rows

    neo4j_driver.execute_query("MATCH (n) DETACH DELETE n", database_=neo4j_server.database)
    seeds = {}
    for number in ("000", "001", "002", "003", "004"):
        d = parsed(number)
        seeds[number] = (d, run_checks(d))
    load(neo4j_driver, [disclosure_rows(d, f) for d, f in seeds.values()], neo4j_server.database)
    return seeds
