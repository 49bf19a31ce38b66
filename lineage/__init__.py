"""budget-lineage: Chinese budget disclosures as a checked financial lineage graph.

The pipeline, one folder a stage: read -> parse -> model -> graph -> checks
-> store / neo4jdb -> report.
"""

__version__ = "0.1.0"
