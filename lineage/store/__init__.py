"""The embedded local store (no server): parsed disclosures and their findings in one SQLite file."""

from lineage.store.sqlite import DEFAULT_STORE, Store, StoreError, store_path

__all__ = ["DEFAULT_STORE", "Store", "StoreError", "store_path"]
