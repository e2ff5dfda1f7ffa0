"""The read side's derived tables (migration 006), kept up to date on write.

``event_actors``, ``statement_actors`` and ``dyad_days`` let the listings and the API
filter, sort and limit in SQL instead of parsing JSON in Python.  They hold the current
version of each document only: when an article is stored again at the same URL with new
content, the older version's rows leave them (and its dyad sums are subtracted).

:func:`update` is the one function the write path calls, inside its transaction, with the
ids of the documents it has just added.  The derivations themselves are the ``*_rows``
views of the migration, so the backfill and the upkeep cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Sequence

import duckdb

# Sums of dyad_rows; the sign (+1 adds a document, -1 takes a superseded one away).
_DYAD_SUMS = """
INSERT INTO dyad_days
SELECT source, target, day, type, {sign} * count(*), {sign} * sum(greatest(coalesce(intensity, 0), 0)),
       {sign} * sum(greatest(-coalesce(intensity, 0), 0)), {sign} * count(*) FILTER (WHERE intensity > 0),
       {sign} * count(*) FILTER (WHERE intensity < 0), {sign} * sum(coalesce(goldstein, 0))
FROM dyad_rows WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))
GROUP BY ALL
ON CONFLICT (source, target, day, type) DO UPDATE SET
    events = events + excluded.events, cooperation = cooperation + excluded.cooperation,
    conflict = conflict + excluded.conflict, coop_events = coop_events + excluded.coop_events,
    conflict_events = conflict_events + excluded.conflict_events, goldstein = goldstein + excluded.goldstein
"""

_IDS = "doc_id IN (SELECT unnest(?::VARCHAR[]))"


def has_derived_tables(con: duckdb.DuckDBPyConnection) -> bool:
    row = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'dyad_days' AND table_type = 'BASE TABLE'"
    ).fetchone()
    return bool(row and row[0])


def update(con: duckdb.DuckDBPyConnection, doc_ids: Sequence[str]) -> None:
    """Derive the rows of the documents ``doc_ids`` (just added); retire the versions they replace.

    Runs inside the caller's transaction; a failure raises, so the caller rolls back.
    """
    ids = list(doc_ids)
    if not ids:
        return
    # older versions at the same URLs (an old and a new version may even arrive in one batch)
    superseded = {
        r[0]
        for r in con.execute(
            "SELECT DISTINCT o.id FROM documents o JOIN documents n ON o.url = n.url AND o.version < n.version "
            "WHERE n.id IN (SELECT unnest(?::VARCHAR[]))",
            [ids],
        ).fetchall()
    }
    retire = sorted(superseded - set(ids))
    if retire:
        forget(con, retire)  # only versions still counted: a third version does not retire the first twice
    ids = [i for i in ids if i not in superseded]
    con.execute(f"INSERT INTO event_actors SELECT * FROM event_actor_rows WHERE {_IDS}", [ids])
    con.execute(f"INSERT INTO statement_actors SELECT * FROM statement_actor_rows WHERE {_IDS}", [ids])
    con.execute(_DYAD_SUMS.format(sign=1), [ids])


def forget(con: duckdb.DuckDBPyConnection, doc_ids: Sequence[str]) -> None:
    """Take the rows of the stored documents ``doc_ids`` out (before their analysis is replaced).

    Runs inside the caller's transaction, before the documents' own rows are deleted.
    """
    ids = list(doc_ids)
    if not ids or not has_derived_tables(con):
        return
    current = [r[0] for r in con.execute(f"SELECT DISTINCT doc_id FROM event_actors WHERE {_IDS}", [ids]).fetchall()]
    current += [
        r[0] for r in con.execute(f"SELECT DISTINCT doc_id FROM statement_actors WHERE {_IDS}", [ids]).fetchall()
    ]
    if current:  # only documents whose rows are in: a superseded version's were taken out already
        con.execute(_DYAD_SUMS.format(sign=-1), [sorted(set(current))])
        con.execute("DELETE FROM dyad_days WHERE events <= 0")
    con.execute(f"DELETE FROM event_actors WHERE {_IDS}", [ids])
    con.execute(f"DELETE FROM statement_actors WHERE {_IDS}", [ids])
