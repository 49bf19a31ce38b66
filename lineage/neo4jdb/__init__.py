"""Neo4j: schema, batched loader, query catalog (reads cypher/), CSV export for neo4j-admin.

Named neo4jdb, not neo4j, so imports and tracebacks never confuse it with the driver.
"""
