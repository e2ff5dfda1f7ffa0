"""The read side's derived tables (migrations 006 and 007), kept up to date on write.

``event_actors`` and ``statement_actors`` (one row per record and actor, with the listing's
columns), ``dyad_days`` (counted events pre-summed per pair, day and type) and the day-ordered
``event_edges`` / ``statement_edges`` (signed sums, appended) let the listings, timelines and the
network filter, sort and limit in SQL.  They hold the current version of each document only:
when an article is stored again at the same URL with new content, the older version's rows
leave them (and its sums are subtracted).

Aggregates count real-world events, not mentions: each event record carries its cluster
(``event_clusters``, written by the link step) and a weight, 1 on the record that counts the
cluster (its earliest linked current record) and 0 on the others; that record also carries the
cluster's independent sources.  The link step runs after the write, in its own transaction, so
:func:`sync_links` brings the weights up to date with the links stored since it last ran (the
store calls it before each write batch and when the ledger is refreshed at the end of a run).

:func:`update` is what the write path calls, inside its transaction, with the ids of the
documents it has just added; :func:`backfill` fills the tables from scratch (migration 007).
The derivations are the ``*_rows`` views of the migrations, so the backfill and the upkeep
cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Sequence

import duckdb

_IDS = "doc_id IN (SELECT unnest(?::VARCHAR[]))"

# Sums of dyad_rows; the sign (+1 adds documents, -1 takes them away).  Weighted: a record that
# does not count its cluster adds a mention and nothing else.
_SUMS = """
    {sign} * sum(weight), {sign} * sum(weight * greatest(coalesce(intensity, 0), 0)),
    {sign} * sum(weight * greatest(-coalesce(intensity, 0), 0)),
    {sign} * coalesce(sum(weight) FILTER (WHERE intensity > 0), 0),
    {sign} * coalesce(sum(weight) FILTER (WHERE intensity < 0), 0), {sign} * sum(weight * coalesce(goldstein, 0)),
    {sign} * count(*), {sign} * sum(sources)
"""
_DYAD_SUMS = f"""
INSERT INTO dyad_days
SELECT source, target, day, type, {_SUMS}
FROM dyad_rows WHERE {{where}}
GROUP BY ALL
ON CONFLICT (source, target, day, type) DO UPDATE SET
    events = events + excluded.events, cooperation = cooperation + excluded.cooperation,
    conflict = conflict + excluded.conflict, coop_events = coop_events + excluded.coop_events,
    conflict_events = conflict_events + excluded.conflict_events, goldstein = goldstein + excluded.goldstein,
    mentions = mentions + excluded.mentions, sources = sources + excluded.sources
"""
_EDGE_SUMS = """
INSERT INTO event_edges
SELECT day, source, target, type, {sign} * sum(weight), {sign} * count(*), {sign} * sum(sources),
       {sign} * sum(weight * greatest(coalesce(intensity, 0), 0)),
       {sign} * sum(weight * greatest(-coalesce(intensity, 0), 0)),
       {sign} * coalesce(sum(weight) FILTER (WHERE intensity > 0), 0),
       {sign} * coalesce(sum(weight) FILTER (WHERE intensity < 0), 0)
FROM dyad_rows WHERE target <> '' AND source <> target AND {where}
GROUP BY ALL {order}
"""
_STATEMENT_EDGE_SUMS = """
INSERT INTO statement_edges
SELECT day, speaker, about, {sign} * count(*) FROM statement_edge_rows WHERE {where} GROUP BY ALL {order}
"""

# The weight of each current event record of ``recs`` (doc_id, event_id): its cluster, whether it is
# the record that counts the cluster (the earliest linked, then the smallest key: a later report of
# a known event leaves the counting record where it is), and the cluster's independent sources.
# ``recs`` must hold every current record of the clusters it touches (all the documents of a story).
_WEIGHTS = """
WITH recs AS ({recs}),
linked AS (
    SELECT r.doc_id, r.event_id, c.cluster_id, coalesce(c.cluster_id, r.doc_id || '/' || r.event_id) AS cluster,
           coalesce(c.source_key, 'doc:' || r.doc_id) AS source_key, f.seq
    FROM recs r LEFT JOIN event_clusters c ON c.doc_id = r.doc_id AND c.event_id = r.event_id
    LEFT JOIN link_fingerprints f ON f.doc_id = r.doc_id
)
SELECT doc_id, event_id, cluster_id,
       (row_number() OVER (PARTITION BY cluster ORDER BY seq NULLS LAST, doc_id, event_id) = 1)::INTEGER AS weight,
       count(DISTINCT source_key) OVER (PARTITION BY cluster) AS n_sources
FROM linked
"""


def has_derived_tables(con: duckdb.DuckDBPyConnection) -> bool:
    row = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'event_edges' AND table_type = 'BASE TABLE'"
    ).fetchone()
    return bool(row and row[0])


def backfill(con: duckdb.DuckDBPyConnection) -> None:
    """Fill the derived tables from what is stored (current documents only), in read order.

    Runs inside the caller's transaction (the migration's).
    """
    con.execute(
        "CREATE OR REPLACE TEMP TABLE _ng_current AS SELECT id FROM documents d WHERE d.url IS NULL OR NOT EXISTS "
        "(SELECT 1 FROM documents n WHERE n.url = d.url AND n.version > d.version)"
    )
    recs = "SELECT doc_id, id AS event_id FROM events WHERE doc_id IN (SELECT id FROM _ng_current)"
    con.execute(f"CREATE OR REPLACE TEMP TABLE _ng_weights AS {_WEIGHTS.format(recs=recs)}")
    con.execute(
        "INSERT INTO event_actors SELECT r.* REPLACE (w.cluster_id AS cluster_id, coalesce(w.weight, 1) AS weight, "
        "coalesce(w.weight * w.n_sources, 1) AS sources) FROM event_actor_rows r "
        "LEFT JOIN _ng_weights w ON w.doc_id = r.doc_id AND w.event_id = r.event_id "
        "WHERE r.doc_id IN (SELECT id FROM _ng_current) ORDER BY r.actor_id, r.day"
    )
    con.execute(
        "INSERT INTO statement_actors SELECT * FROM statement_actor_rows WHERE doc_id IN (SELECT id FROM _ng_current) "
        "ORDER BY actor_id, day"
    )
    # a plain insert (the table is empty): an upsert does not keep the order, and zone maps need it
    con.execute(_DYAD_SUMS.format(sign=1, where="true").split("ON CONFLICT")[0] + "ORDER BY source, target, day")
    con.execute(_EDGE_SUMS.format(sign=1, where="true", order="ORDER BY day, source, target"))
    con.execute(_STATEMENT_EDGE_SUMS.format(sign=1, where="true", order="ORDER BY day, speaker, about"))
    for table in ("event_actors", "statement_actors"):
        con.execute(f"CREATE INDEX IF NOT EXISTS {table}_actor ON {table} (actor_id)")
        con.execute(f"CREATE INDEX IF NOT EXISTS {table}_doc ON {table} (doc_id)")
    seq = con.execute("SELECT coalesce(max(seq), 0) FROM link_fingerprints").fetchone()[0]
    con.execute("INSERT OR REPLACE INTO derived_state VALUES ('linked_seq', ?)", [seq])
    con.execute("DROP TABLE _ng_weights")
    con.execute("DROP TABLE _ng_current")


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
    _add(con, ids, 1)
    con.execute(_STATEMENT_EDGE_SUMS.format(sign=1, where=_IDS, order=""), [ids])
    # a document linked before (its analysis replaced): its clusters may already be known
    relink(con, _story_documents(con, ids, linked_only=True))


def forget(con: duckdb.DuckDBPyConnection, doc_ids: Sequence[str]) -> None:
    """Take the rows of the stored documents ``doc_ids`` out (before their analysis is replaced).

    Runs inside the caller's transaction, before the documents' own rows are deleted.
    """
    ids = list(doc_ids)
    if not ids or not has_derived_tables(con):
        return
    current = [r[0] for r in con.execute(f"SELECT DISTINCT doc_id FROM event_actors WHERE {_IDS}", [ids]).fetchall()]
    stated = [r[0] for r in con.execute(f"SELECT DISTINCT doc_id FROM statement_actors WHERE {_IDS}", [ids]).fetchall()]
    if current:  # only documents whose rows are in: a superseded version's were taken out already
        _add(con, current, -1)
        con.execute("DELETE FROM dyad_days WHERE mentions <= 0")
    if stated:
        con.execute(_STATEMENT_EDGE_SUMS.format(sign=-1, where=_IDS, order=""), [stated])
    mates = _story_documents(con, current, linked_only=True) if current else []
    con.execute(f"DELETE FROM event_actors WHERE {_IDS}", [ids])
    con.execute(f"DELETE FROM statement_actors WHERE {_IDS}", [ids])
    # another record of their events may count them now
    relink(con, sorted(set(mates) - set(ids)))


def _add(con: duckdb.DuckDBPyConnection, ids: list[str], sign: int) -> None:
    """Add (or with -1 subtract) the event sums of the documents ``ids`` as their rows stand."""
    # the documents' dyad rows once, for both sums (the view's self-join is the costly part)
    con.execute(f"CREATE OR REPLACE TEMP TABLE _ng_dyads AS SELECT * FROM dyad_rows WHERE {_IDS}", [ids])
    try:
        con.execute(_DYAD_SUMS.format(sign=sign, where="true").replace("FROM dyad_rows", "FROM _ng_dyads"))
        con.execute(_EDGE_SUMS.format(sign=sign, where="true", order="").replace("FROM dyad_rows", "FROM _ng_dyads"))
    finally:
        con.execute("DROP TABLE IF EXISTS _ng_dyads")


def _story_documents(con: duckdb.DuckDBPyConnection, ids: list[str], *, linked_only: bool = False) -> list[str]:
    """The documents of the stories of ``ids`` (with ``ids`` themselves unless ``linked_only``)."""
    if not ids:
        return []
    found = {
        r[0]
        for r in con.execute(
            "SELECT DISTINCT m2.doc_id FROM story_members m JOIN story_members m2 ON m2.story_id = m.story_id "
            "WHERE m.doc_id IN (SELECT unnest(?::VARCHAR[]))",
            [ids],
        ).fetchall()
    }
    return sorted(found if linked_only else found | set(ids))


def relink(con: duckdb.DuckDBPyConnection, doc_ids: Sequence[str]) -> int:
    """Bring the weights of the documents ``doc_ids`` (whole stories) up to date with ``event_clusters``.

    Only the documents whose weights change are taken out of the sums and added again; returns how many.
    """
    ids = sorted(set(doc_ids))
    if not ids:
        return 0
    recs = f"SELECT DISTINCT doc_id, event_id FROM event_actors WHERE {_IDS}"
    con.execute(f"CREATE OR REPLACE TEMP TABLE _ng_weights AS {_WEIGHTS.format(recs=recs)}", [ids])
    try:
        changed = [
            r[0]
            for r in con.execute(
                "SELECT DISTINCT a.doc_id FROM event_actors a JOIN _ng_weights w "
                "ON w.doc_id = a.doc_id AND w.event_id = a.event_id WHERE a.doc_id IN (SELECT unnest(?::VARCHAR[])) "
                "AND (a.cluster_id IS DISTINCT FROM w.cluster_id OR a.weight <> w.weight "
                "OR a.sources <> w.weight * w.n_sources)",
                [ids],
            ).fetchall()
        ]
        if changed:
            _add(con, changed, -1)
            con.execute(
                "UPDATE event_actors SET cluster_id = w.cluster_id, weight = w.weight, "
                "sources = w.weight * w.n_sources FROM _ng_weights w WHERE w.doc_id = event_actors.doc_id "
                "AND w.event_id = event_actors.event_id AND event_actors.doc_id IN (SELECT unnest(?::VARCHAR[]))",
                [changed],
            )
            _add(con, changed, 1)
            con.execute("DELETE FROM dyad_days WHERE mentions <= 0")
    finally:
        con.execute("DROP TABLE IF EXISTS _ng_weights")
    return len(changed)


def sync_links(con: duckdb.DuckDBPyConnection) -> int:
    """Catch the weights up with the documents linked since the last call; returns the documents re-weighed.

    Runs inside the caller's transaction.
    """
    if not has_derived_tables(con):
        return 0
    row = con.execute("SELECT value FROM derived_state WHERE key = 'linked_seq'").fetchone()
    seen = int(row[0]) if row and row[0] is not None else 0
    top = con.execute("SELECT max(seq) FROM link_fingerprints").fetchone()[0]
    if top is None or int(top) <= seen:
        return 0
    fresh = [r[0] for r in con.execute("SELECT doc_id FROM link_fingerprints WHERE seq > ?", [seen]).fetchall()]
    changed = relink(con, _story_documents(con, fresh))
    con.execute("INSERT OR REPLACE INTO derived_state VALUES ('linked_seq', ?)", [int(top)])
    return changed
