"""The `lineage` command-line app (installed as the package lineage_cli)."""
