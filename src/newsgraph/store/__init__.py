"""Storage: the DuckDB schema, its migrations, queries, and Parquet export.

The names below are imported on first use, so that reading the default database name (the
settings do) imports neither DuckDB nor Arrow: ``analyze --no-store`` needs neither.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

DEFAULT_DB = "newsgraph.duckdb"

if TYPE_CHECKING:
    from newsgraph.store.db import TABLES, Store, StoreError, WriteResult

__all__ = ["DEFAULT_DB", "TABLES", "Store", "StoreError", "WriteResult"]
_FROM_DB = frozenset({"TABLES", "Store", "StoreError", "WriteResult"})


def __getattr__(name: str) -> Any:
    if name in _FROM_DB:
        from newsgraph.store import db

        return getattr(db, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
