"""Importing this module registers every rule family."""

from lineage.checks import (  # noqa: F401
    balances, changes, counts, cross_document, crosstable, final_accounts, graph_balance, hierarchy, labels,
    narrative, orphans, parse_notes,
    tables, targets,
)
