"""Rows per second into the Bolt test server: the batched loader against two naive loaders, in one run.

    python benchmarks/load_neo4j.py [--n 100] [--naive-n 20]

Disclosures are the five seeds, parsed and checked once, copied N times with a
numbered unit name (and so a distinct disclosure id, which every node id
embeds). Each loader gets a fresh ArcadeDB test server with the same
constraints and indexes (lineage.neo4jdb.schema), and sends the same rows
(lineage.neo4jdb.rows.disclosure_rows):

- batched: lineage.neo4jdb.loader.load — one write statement (UNWIND parts), one transaction per disclosure;
- naive, auto-commit: one statement per node or relationship row, each its own
  transaction (`session.run` outside a transaction);
- naive, one transaction per disclosure: the same statements inside one transaction.

Naive statements: a node is `MERGE (n:Label {id: $id}) SET n += $props`; a
relationship between shared nodes is MERGEd, one owned by a disclosure is
CREATEd, as the batched loader does (MERGE would fold two printed flows between
the same two nodes into one). The naive loaders may run on fewer disclosures
(--naive-n): a rate is rows written per second, so rates compare across sizes.
Each server first loads --warmup other copies with the same loader, untimed
(a fresh JVM compiles as it goes: the first loads measure that, not the loader).
Each server's node and relationship counts and its FLOWS_TO amountMinor sum are
checked against what the rows should give (shared nodes and their PART_OF once).

Target (issue 15): batched at least 20x the naive auto-committing loader (issue 5 asked 10x).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import neo4j

from lineage.checks import run_checks
from lineage.graph import names as N
from lineage.neo4jdb import schema as S
from lineage.neo4jdb.loader import Target, connect, load
from lineage.neo4jdb.rows import DisclosureRows, Rels, Row, disclosure_rows
from lineage.neo4jdb.testserver import start_test_server
from lineage.parse.disclosure import parse_file

SEEDS = Path(__file__).resolve().parent.parent / "data" / "seeds"


def copies(n: int, tag: str = "副本") -> list[DisclosureRows]:
    """N distinct disclosures: the seeds in turn, each with a numbered unit name and its own id."""
    seeds = [parse_file(f) for f in sorted(SEEDS.glob("*.txt"))]
    findings = [run_checks(d) for d in seeds]
    out = []
    for i in range(n):
        d, f = seeds[i % len(seeds)], findings[i % len(seeds)]
        name = f"{d.unit_name}-{tag}{i}"
        out.append(disclosure_rows(d.model_copy(update={"unit_name": name, "id": f"{d.year}/{name}/{d.kind}"}), f))
    return out


@dataclass(frozen=True)
class Graph:
    nodes: int
    relationships: int
    amount_minor: int  # sum of FLOWS_TO amountMinor

    @staticmethod
    def expected(items: list[DisclosureRows]) -> "Graph":
        """What the rows make: shared nodes and relationships between them once, everything else as sent."""
        nodes = {(label, row["id"]) for rows in items for label, node_rows in rows.nodes.items() for row in node_rows}
        rels = [(r.type, row["start"], row["end"]) if r.shared else object()
                for rows in items for r in rows.rels for row in r.rows]
        amount = sum(row["props"]["amountMinor"] for rows in items for r in rows.rels if r.type == N.FLOW
                     for row in r.rows)
        return Graph(len(nodes), len(set(rels)), amount)

    @staticmethod
    def read(driver: neo4j.Driver, database: str) -> "Graph":
        def one(query: str) -> int:
            return driver.execute_query(query, database_=database).records[0]["c"]

        return Graph(one("MATCH (n) RETURN count(n) AS c"), one("MATCH ()-[r]->() RETURN count(r) AS c"),
                     one(f"MATCH ()-[r:{N.FLOW}]->() RETURN sum(r.amountMinor) AS c"))


def _node_statement(label: str) -> str:
    return f"MERGE (n:{label} {{id: $id}}) SET n += $props"


def _rel_statement(rels: Rels) -> str:
    match = f"MATCH (a:{rels.start} {{id: $start}}) MATCH (b:{rels.end} {{id: $end}}) "
    if rels.shared:
        return match + f"MERGE (a)-[:{rels.type}]->(b)"
    return match + f"CREATE (a)-[r:{rels.type}]->(b) SET r = $props"


def naive_statements(rows: DisclosureRows) -> list[tuple[str, Row]]:
    """One statement and its parameters per row: shared nodes first, then the disclosure's, then relationships."""
    out = [(_node_statement(label), {"id": row["id"], "props": row})
           for label in S.SHARED_LABELS + S.DISCLOSURE_LABELS for row in rows.nodes.get(label, [])]
    return out + [(_rel_statement(r), {"start": row["start"], "end": row["end"], "props": row["props"]})
                  for r in rows.rels for row in r.rows]


def naive_autocommit(session: neo4j.Session, rows: DisclosureRows) -> None:
    for statement, params in naive_statements(rows):
        session.run(statement, params).consume()


def naive_per_disclosure(session: neo4j.Session, rows: DisclosureRows) -> None:
    def write(tx: neo4j.ManagedTransaction) -> None:
        for statement, params in naive_statements(rows):
            tx.run(statement, params).consume()

    session.execute_write(write)


def naive(write: Callable[[neo4j.Session, DisclosureRows], None]) -> Callable:
    def run(driver: neo4j.Driver, items: list[DisclosureRows], database: str) -> None:
        with driver.session(database=database) as session:
            S.ensure_schema(session)
            for rows in items:
                write(session, rows)

    return run


@dataclass
class Result:
    name: str
    disclosures: int
    rows: int
    seconds: float
    graph: Graph
    expected: Graph

    @property
    def rate(self) -> float:
        return self.rows / self.seconds


def measure(name: str, loader: Callable, items: list[DisclosureRows], warmup: list[DisclosureRows]) -> Result:
    """Load `items` into a fresh test server with `loader`, after an untimed warm-up load; time it, read counts."""
    with tempfile.TemporaryDirectory() as tmp, start_test_server(Path(tmp)) as server:
        driver = connect(Target(server.uri, server.user, server.password, server.database))
        try:
            loader(driver, warmup, server.database)  # the server's JIT and caches, not the loader, at first
            start = time.perf_counter()
            loader(driver, items, server.database)
            seconds = time.perf_counter() - start
            graph = Graph.read(driver, server.database)
        finally:
            driver.close()
    rows = sum(r.node_count + r.rel_count for r in items)
    result = Result(name, len(items), rows, seconds, graph, Graph.expected(warmup + items))
    check = "ok" if graph == result.expected else f"MISMATCH, expected {result.expected}"
    print(f"  {name:36s} {len(items):5d} disclosures {rows:8d} rows {seconds:8.2f} s {result.rate:9.0f} rows/s  "
          f"graph: {graph.nodes} nodes, {graph.relationships} relationships, "
          f"FLOWS_TO amountMinor {graph.amount_minor} ({check})", flush=True)
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=100, help="disclosures for the batched loader (up to 1000)")
    ap.add_argument("--naive-n", type=int, default=20, help="disclosures for the naive loaders (at most --n)")
    ap.add_argument("--warmup", type=int, default=5, help="untimed disclosures each server gets first")
    args = ap.parse_args()
    naive_n = min(args.naive_n, args.n)
    start = time.perf_counter()
    items, warmup = copies(args.n), copies(args.warmup, tag="预热")
    print(f"{args.n} disclosures (copies of the five seeds) as rows in {time.perf_counter() - start:.1f} s; "
          f"naive loaders on the first {naive_n}: rates are rows written per second, so they compare across sizes; "
          f"each server first loads {args.warmup} other copies, untimed, with the same loader (counts include them)")
    batched = measure("batched (1 statement, 1 tx/disclosure)", load, items, warmup)
    auto = measure("naive, 1 auto-commit tx per row", naive(naive_autocommit), items[:naive_n], warmup)
    per_tx = measure("naive, rows in 1 tx per disclosure", naive(naive_per_disclosure), items[:naive_n], warmup)
    print(f"batched / naive auto-commit per row:            {batched.rate / auto.rate:6.1f}x (target >= 20x)")
    print(f"batched / naive per-row in 1 tx per disclosure: {batched.rate / per_tx.rate:6.1f}x")
    if any(r.graph != r.expected for r in (batched, auto, per_tx)):
        raise SystemExit("a loader's graph differs from what its rows should give")


if __name__ == "__main__":
    main()
