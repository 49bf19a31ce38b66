"""Load disclosures into Neo4j over Bolt: batched UNWIND, one transaction per disclosure.

A disclosure's transaction first deletes its old subgraph (every node carrying
its id, with their relationships), then writes the new one, so a reload
leaves no duplicates and no stale edges, and a failure or a killed process
leaves the previous version (or nothing), never half of one.

Writes are `UNWIND $rows` statements of at most BATCH rows. The statement text
is built only from this package's label and type names (Cypher cannot take a
label as a parameter in Neo4j 5 before 5.26, and ArcadeDB ignores dynamic
labels); every value from a document travels as a parameter.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable, Iterator, Optional

import neo4j
from neo4j.exceptions import AuthError, ClientError, ConfigurationError, ServiceUnavailable

from lineage.graph import names as N
from lineage.neo4jdb import schema as S
from lineage.neo4jdb.rows import DisclosureRows, Rels

BATCH = 1000
DEFAULT_USER = "neo4j"
# Bolt only: the driver's preview HTTP support would accept http:// and fail later.
SCHEMES = ("neo4j", "neo4j+s", "neo4j+ssc", "bolt", "bolt+s", "bolt+ssc")


class Neo4jError(Exception):
    """The server cannot be used: unreachable, refused credentials, no such database. One line."""


@dataclass(frozen=True)
class Target:
    """Where to load: the Bolt/Neo4j URI, credentials and database (None: the server's default)."""

    uri: str
    user: str = DEFAULT_USER
    password: str = ""
    database: Optional[str] = None


def connect(target: Target) -> neo4j.Driver:
    """A driver that has reached the server and the database, or Neo4jError saying why not."""
    scheme = target.uri.partition("://")[0]
    if scheme not in SCHEMES:
        raise Neo4jError(f"{target.uri}: not a Neo4j address; expected {'/'.join(SCHEMES)}://HOST:PORT, e.g. neo4j://localhost:7687")
    try:
        driver = neo4j.GraphDatabase.driver(target.uri, auth=(target.user, target.password))
    except (ConfigurationError, ValueError) as exc:
        raise Neo4jError(f"{target.uri}: not a Neo4j address ({exc}); expected e.g. neo4j://localhost:7687") from None
    try:
        driver.execute_query("RETURN 1", database_=target.database)
    except ServiceUnavailable as exc:
        driver.close()
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise Neo4jError(f"cannot reach Neo4j at {target.uri}: {reason}") from None
    except AuthError:
        driver.close()
        raise Neo4jError(
            f"Neo4j at {target.uri} refused the credentials of user '{target.user}' (see NEO4J_USER, NEO4J_PASSWORD)"
        ) from None
    except ClientError as exc:
        driver.close()
        if exc.code == "Neo.ClientError.Database.DatabaseNotFound":
            raise Neo4jError(f"Neo4j at {target.uri} has no database '{target.database}' (see NEO4J_DATABASE)") from None
        raise Neo4jError(f"Neo4j at {target.uri}: {exc.message or exc.code}") from None
    return driver


def _node_statement(label: str) -> str:
    return f"UNWIND $rows AS row MERGE (n:{label} {{id: row.id}}) SET n += row"


def _rel_statement(rels: Rels) -> str:
    match = f"UNWIND $rows AS row MATCH (a:{rels.start} {{id: row.start}}) MATCH (b:{rels.end} {{id: row.end}}) "
    if rels.shared:  # both ends outlive any one disclosure: the relationship may exist already
        return match + f"MERGE (a)-[:{rels.type}]->(b)"
    return match + f"CREATE (a)-[r:{rels.type}]->(b) SET r = row.props"


def _delete_statement(label: str) -> str:
    key = "id" if label == N.DISCLOSURE else "disclosure"
    return f"MATCH (n:{label} {{{key}: $id}}) DETACH DELETE n"


def _batches(rows: list, size: int = BATCH) -> Iterator[list]:
    for i in range(0, len(rows), size):
        yield rows[i:i + size]


def write_disclosure(tx: neo4j.Transaction, rows: DisclosureRows) -> bool:
    """Replace one disclosure's subgraph inside `tx`; True when an older version was there."""
    existed = tx.run(f"MATCH (d:{N.DISCLOSURE} {{id: $id}}) RETURN count(d) AS n", id=rows.disclosure).single()["n"] > 0
    for label in S.DISCLOSURE_LABELS:
        tx.run(_delete_statement(label), id=rows.disclosure).consume()
    for label in S.SHARED_LABELS + S.DISCLOSURE_LABELS:  # shared first: relationships need both ends
        for batch in _batches(rows.nodes.get(label, [])):
            tx.run(_node_statement(label), rows=batch).consume()
    for rels in rows.rels:
        for batch in _batches(rels.rows):
            tx.run(_rel_statement(rels), rows=batch).consume()
    return existed


@dataclass
class LoadResult:
    disclosure: str
    replaced: bool
    nodes: int
    relationships: int


def load(
    driver: neo4j.Driver, items: Iterable[DisclosureRows], database: Optional[str] = None,
    on_loaded: Callable[[LoadResult], None] = lambda result: None,
) -> list[LoadResult]:
    """Create the schema if missing, then load each disclosure in its own transaction."""
    results = []
    with driver.session(database=database) as session:
        S.ensure_schema(session)
        for rows in items:
            replaced = session.execute_write(write_disclosure, rows)
            result = LoadResult(rows.disclosure, replaced, rows.node_count, rows.rel_count)
            results.append(result)
            on_loaded(result)
    return results
