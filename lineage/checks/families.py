"""Importing this module registers every rule family."""

from lineage.checks import balances, crosstable, hierarchy, labels, narrative, orphans, tables  # noqa: F401
