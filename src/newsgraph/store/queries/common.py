"""What every read-side query shares: validated filters, actor matching, pages, read-only opens."""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from newsgraph.store.db import Store, StoreError, migrations

# Modalities that count as news in aggregates; predicted, planned, intended, hypothetical and
# negated events, and background recollections, are never counted as events that happened.
COUNTED_MODALITIES = ("asserted", "reported")

Con = duckdb.DuckDBPyConnection


class QueryError(ValueError):
    """A filter value that cannot be used (a bad date, an unknown status); the message names it."""


@dataclass(slots=True)
class Page:
    """One page of a listing: the rows asked for and how many there are in all."""

    total: int
    items: list[Any] = field(default_factory=list)


_DAY = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


def parse_day(value: str | dt.date | None, name: str, *, end: bool = False) -> dt.date | None:
    """``YYYY-MM-DD`` (or ``YYYY-MM``, ``YYYY``: the first day, or the last with ``end``) as a date."""
    if value is None or isinstance(value, dt.date):
        return value
    text = str(value).strip()
    if not _DAY.fullmatch(text):
        raise QueryError(f"{name}: not a date (YYYY-MM-DD): {value!r}")
    parts = [int(p) for p in text.split("-")]
    try:
        if len(parts) == 3:
            return dt.date(*parts)
        if len(parts) == 2:
            first = dt.date(parts[0], parts[1], 1)
            if not end:
                return first
            nxt = dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)
            return nxt - dt.timedelta(days=1)
        return dt.date(parts[0], 12, 31) if end else dt.date(parts[0], 1, 1)
    except ValueError:
        raise QueryError(f"{name}: not a date: {value!r}") from None


def actor_ids(con: Con, name: str | None) -> list[str] | None:
    """Stored actors matching ``name``: its id, else its name (case-insensitive), else a part of the name.

    None when no filter was asked for; an empty list when nothing matches.
    """
    if name is None or not name.strip():
        return None
    key = name.strip()
    for sql in (
        "SELECT id FROM actors WHERE id = ?",
        "SELECT id FROM actors WHERE lower(name) = lower(?)",
        "SELECT id FROM actors WHERE contains(lower(name), lower(?)) ORDER BY id",
    ):
        ids = [r[0] for r in con.execute(sql, [key]).fetchall()]
        if ids:
            return ids
    return []


def actor_names(store_or_con: Store | Con, ids: list[str] | None = None) -> dict[str, str]:
    """Actor id -> name, for ``ids`` (every stored actor when None)."""
    con = _con(store_or_con)
    if ids is None:
        return dict(con.execute("SELECT id, name FROM actors").fetchall())
    if not ids:
        return {}
    return dict(con.execute("SELECT id, name FROM actors WHERE id IN (SELECT unnest(?::VARCHAR[]))", [ids]).fetchall())


def actor_ids_matching(store: Store | Con, name: str) -> set[str]:
    return set(actor_ids(_con(store), name) or [])


def _con(store_or_con: Store | Con) -> Con:
    return store_or_con.con if isinstance(store_or_con, Store) else store_or_con


def iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def open_for_reading(path: str | Path) -> Store:
    """Open a database read-only, so that readers run side by side and a read-only file can be read.

    A file whose schema is older than this newsgraph is upgraded first (one short read-write open)
    when it is writable; otherwise the error says how to upgrade it.
    """
    path = str(path)
    if not Path(path).exists():
        raise StoreError(f"{path}: no such database (run newsgraph analyze first)")
    store = Store(path, read_only=True)
    newest = migrations()[-1][0]
    applied = {r[0] for r in store.con.execute("SELECT version FROM schema_version").fetchall()}
    if all(v in applied for v, _, _ in migrations()):
        return store
    store.close()
    if not os.access(path, os.W_OK):
        raise StoreError(
            f"{path}: the database's schema is older than this newsgraph (wants version {newest}) and the file "
            "is read-only; open it once with write access (newsgraph analyze --db) to upgrade it"
        )
    Store(path).close()  # applies the pending migrations
    return Store(path, read_only=True)
