"""The Cypher query library: one query per .cypher file, shipped as package data (lineage.cypher).

The files are the product; this marker only lets the wheel carry them so
`lineage query` finds them when installed. Read them, paste them into Neo4j
Browser, or run them with `lineage query NAME`.
"""
