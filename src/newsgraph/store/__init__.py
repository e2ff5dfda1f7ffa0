"""Storage: the DuckDB schema, its migrations, queries, and Parquet export."""

from newsgraph.store.db import DEFAULT_DB, TABLES, Store, StoreError, WriteResult

__all__ = ["DEFAULT_DB", "TABLES", "Store", "StoreError", "WriteResult"]
