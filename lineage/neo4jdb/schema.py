"""The Neo4j schema: labels, relationship types, keys, constraints and indexes.

The Neo4j graph is the networkx lineage graph (lineage/graph) with two more
kinds of node a Browser user wants to click: the Unit that publishes
disclosures year after year, and the Findings the checks report. Node labels
and relationship types are the networkx names, so a query reads the same in
Python and in Cypher.

Every node has a unique `id` (the networkx node id), so MERGE finds it through
a uniqueness constraint instead of scanning a label. Nodes that belong to one
disclosure also carry `disclosure` (its id), indexed, which is how a reload
finds and deletes the old subgraph. Shared nodes (Unit, FundingKind and the
two code trees) belong to no disclosure: they are what links units.

Statements are idempotent (IF NOT EXISTS) and must run before the first load:
without the constraint, MERGE scans the whole label (docs/neo4j-compat.md).
"""

from __future__ import annotations

from lineage.graph import names as N

UNIT = "Unit"
FINDING = "Finding"
# One per disclosure, between it and its findings: Browser expands at most 100 neighbours
# of a node, and a disclosure has that many findings, which would hide its pools.
REPORT = "CheckReport"
PUBLISHED_BY = "PUBLISHED_BY"  # (:Disclosure)-[:PUBLISHED_BY]->(:Unit)
FOUND_IN = "FOUND_IN"  # (:Finding)-[:FOUND_IN]->(:CheckReport)-[:OF_DISCLOSURE]->(:Disclosure)
# A quantity no flow carries (三公 and its parts), of one phase: (:Figure)-[:OF_DISCLOSURE]->(:Disclosure)
FIGURE = "Figure"

# Nodes owned by one disclosure: deleted and rewritten when it is reloaded.
DISCLOSURE_LABELS = (
    N.DISCLOSURE, N.SOURCE, N.POOL, N.FUNCTION, N.ECONOMIC, N.PROJECT, N.TARGET, N.INDICATOR, N.UNITEMISED, REPORT, FINDING,
    FIGURE,
)
# Nodes shared by every disclosure: merged, never deleted by a reload.
SHARED_LABELS = (UNIT, N.FUNDING_KIND, N.FUNCTION_CODE, N.ECONOMIC_CODE)
LABELS = DISCLOSURE_LABELS + SHARED_LABELS
REL_TYPES = (N.FLOW, N.FUNDS, N.CLASSIFIED_AS, N.PART_OF, N.OF_DISCLOSURE, N.MEASURED_BY, N.MAY_MEASURE, PUBLISHED_BY, FOUND_IN)


def _constraint(label: str) -> str:
    return f"CREATE CONSTRAINT {label.lower()}_id IF NOT EXISTS FOR (n:{label}) REQUIRE n.id IS UNIQUE"


def _index(label: str, prop: str) -> str:
    return f"CREATE INDEX {label.lower()}_{prop.lower()} IF NOT EXISTS FOR (n:{label}) ON (n.{prop})"


STATEMENTS: tuple[str, ...] = (
    tuple(_constraint(label) for label in LABELS)
    + tuple(_index(label, "disclosure") for label in DISCLOSURE_LABELS if label != N.DISCLOSURE)
    + (
        _index(N.FUNCTION, "code"),
        _index(N.ECONOMIC, "code"),
        _index(N.PROJECT, "name"),
        _index(N.DISCLOSURE, "unitName"),
        _index(FINDING, "code"),
        f"CREATE INDEX flows_to_line IF NOT EXISTS FOR ()-[r:{N.FLOW}]-() ON (r.line)",
        f"CREATE INDEX flows_to_amount IF NOT EXISTS FOR ()-[r:{N.FLOW}]-() ON (r.amount)",  # amount_to_source
    )
)


def ensure_schema(session) -> None:
    """Create every constraint and index that is missing (safe to run on every load)."""
    for statement in STATEMENTS:
        session.run(statement).consume()
