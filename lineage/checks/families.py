"""Importing this module registers every rule family."""

from lineage.checks import (  # noqa: F401
    balances, crosstable, graph_balance, hierarchy, labels, narrative, orphans, tables,
)
