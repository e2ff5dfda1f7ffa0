"""Cross-document links in the store: reprints, stories, event clusters and corroboration.

:func:`link_documents` runs the link layer (:mod:`newsgraph.link`) on a batch the store has just
written and keeps its results in the tables of migration 004, in one transaction.  The link
state a process needs (the reprint index, the open stories, the document frequencies) is read
from those tables the first time a store links, and kept with the store object afterwards, so
each addition costs the same however large the store is.

Read side: :func:`list_stories` and :func:`get_story` (``newsgraph stories`` / ``story ID``).
"""

from __future__ import annotations

import json
import weakref
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pyarrow as pa

from newsgraph.link.corroboration import cluster_mentions, event_mention, source_key, statement_mention
from newsgraph.link.features import document_features
from newsgraph.link.reprints import CopyLink, Fingerprint, ReprintIndex, fingerprint
from newsgraph.link.stories import Story, StoryClusterer
from newsgraph.link.text import from_values, values
from newsgraph.model import Document
from newsgraph.store import derived
from newsgraph.store.db import Store

# Stories kept in memory for new documents to join: the latest changed (older ones stay stored).
OPEN_STORIES = 5_000


@dataclass(slots=True)
class LinkState:
    reprints: ReprintIndex
    stories: StoryClusterer
    seq: int


_STATES: weakref.WeakKeyDictionary[Store, LinkState] = weakref.WeakKeyDictionary()


def link_documents(store: Store, docs: Sequence[Document]) -> int:
    """Link documents just stored to the rest; returns how many were linked.

    Sets ``doc.story``, ``doc.copy_of`` and each event's and statement's ``corroboration`` so the
    caller's output shows them.  A document already linked (its analysis replaced) keeps its copy
    link and its story; its story's events and statements are clustered again.

    Placing a document may move earlier ones between stories, split a story or merge stories
    (:class:`~newsgraph.link.stories.StoryClusterer`): the members, the stories and the event and
    statement clusters of every story changed are written again, and the read side's counts
    (:mod:`newsgraph.store.derived`) follow in the same transaction.

    The link layer works in memory; what it decides is written once per batch, one statement per
    table (columnar inserts of registered Arrow tables), never one per document or per story: a
    row-by-row ``INSERT OR REPLACE`` or a filtered ``UPDATE`` costs DuckDB a few milliseconds each,
    and the per-story queries scanned whole tables, so the per-document cost grew with the store.
    """
    con = store.con
    ids = list(dict.fromkeys(d.id for d in docs))
    done = dict(_rows(con, "SELECT doc_id, story_id FROM story_members WHERE doc_id IN", ids))
    todo = list({d.id: d for d in docs if d.id not in done}.values())
    redo = sorted({d.id for d in docs if d.id in done})
    if not todo and not redo:
        return 0
    state = _state(store)
    placed: dict[str, str] = {}  # doc -> story, for the batch's documents and those it moved
    merged: dict[str, str] = {}  # story gone -> the story it is in now
    touched: dict[str, int] = {s: state.seq for s in (done[d] for d in redo)}  # story -> seq of its last change
    copies: dict[str, CopyLink] = {}  # the latest link of each document the batch re-linked
    prints: list[Fingerprint] = []
    held: dict[str, str] = {}  # doc -> its story keys (JSON), for the batch's documents
    terms: Counter[str] = Counter()  # document frequencies the batch adds
    con.execute("BEGIN TRANSACTION")
    try:
        for doc in todo:
            state.seq += 1
            fp = fingerprint(doc.id, doc.text, doc.paragraphs, doc.published, state.seq)
            origin = None
            for link in state.reprints.add(fp):
                copies[link.doc_id] = link
                if link.doc_id == doc.id and link.origin != doc.id:
                    origin = link.origin
            prints.append(fp)
            feats = document_features(doc)
            placement = state.stories.add(doc.id, feats, doc.published, copy_of=origin)
            terms.update(set(feats))
            held[doc.id] = json.dumps(state.stories.held_features(doc.id) or {})
            for gone, kept in placement.merged.items():
                merged[gone] = kept
                for old, new in merged.items():
                    if new == gone:
                        merged[old] = kept
            placed[doc.id] = placement.story_id
            placed.update(placement.moved)
            for sid in placement.touched:
                touched[sid] = state.seq
        placed = {d: merged.get(s, s) for d, s in placed.items()}
        live: dict[str, int] = {}  # the touched stories still there, and their last change
        for s, seq in touched.items():
            live[merged.get(s, s)] = max(seq, live.get(merged.get(s, s), 0))
        _write_links(con, state, prints, copies, placed, held, merged, live)
        _add_terms(con, terms)
        con.execute(
            "INSERT OR REPLACE INTO link_state VALUES ('seq', ?), ('n_docs', ?)", [state.seq, state.stories.n_docs]
        )
        _follow(con, _corroborate(con, sorted(live)), state.seq - len(todo), state.seq)
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        _STATES.pop(store, None)  # the in-memory state ran ahead of the store: reload it next time
        raise
    state.stories.evict(OPEN_STORIES)
    _annotate(con, [*todo, *(d for d in docs if d.id in done)])
    return len(todo) + len(redo)


def _write_links(
    con: Any,
    state: LinkState,
    prints: list[Fingerprint],
    copies: dict[str, CopyLink],
    placed: dict[str, str],
    held: dict[str, str],
    merged: dict[str, str],
    live: dict[str, int],
) -> None:
    """Write the batch's fingerprints, copy links, story members and stories, one statement each."""
    _upsert(
        con,
        "link_fingerprints",
        {
            "doc_id": [fp.doc_id for fp in prints],
            "seq": [fp.order for fp in prints],
            "published": [fp.published for fp in prints],
            "paragraphs": [json.dumps([values(s) for s in fp.paragraphs]) for fp in prints],
            "sizes": [json.dumps(fp.sizes) for fp in prints],
            "indexes": [json.dumps(fp.indexes) for fp in prints],
            "whole": [json.dumps(values(fp.whole)) for fp in prints],
        },
    )
    # a document that became its group's origin is no copy any more
    _in(con, "DELETE FROM document_copies WHERE doc_id IN", [d for d, link in copies.items() if link.origin == d])
    kept = [link for d, link in sorted(copies.items()) if link.origin != d]
    _upsert(
        con,
        "document_copies",
        {
            "doc_id": [link.doc_id for link in kept],
            "origin_id": [link.origin for link in kept],
            "share": [link.share for link in kept],
            "paragraphs": [json.dumps(link.paragraphs) for link in kept],
        },
    )
    if merged:
        # stored members of the stories gone (those in their cores: the others are placed below)
        _register(con, "_ng_merged", {"gone": list(merged), "kept": list(merged.values())})
        try:
            con.execute(
                "UPDATE story_members SET story_id = g.kept FROM _ng_merged g WHERE story_members.story_id = g.gone"
            )
            con.execute("DELETE FROM stories WHERE id IN (SELECT gone FROM _ng_merged)")
        finally:
            con.unregister("_ng_merged")
    if placed:
        docs = sorted(placed)
        _register(
            con,
            "_ng_rows",
            {"doc_id": docs, "story_id": [placed[d] for d in docs], "features": [held.get(d) for d in docs]},
        )
        try:  # a document placed before keeps its keys
            con.execute(
                "INSERT INTO story_members (doc_id, story_id, features) SELECT * FROM _ng_rows "
                "ON CONFLICT (doc_id) DO UPDATE SET story_id = excluded.story_id, "
                "features = coalesce(excluded.features, story_members.features)"
            )
        finally:
            con.unregister("_ng_rows")
    clusterer = state.stories
    stories = [clusterer.stories[s] for s in sorted(clusterer.dirty) if s in clusterer.stories]
    clusterer.dirty.clear()
    if not stories:
        return
    _register(
        con,
        "_ng_rows",
        {
            "id": [st.id for st in stories],
            "size": [st.size for st in stories],
            "first_date": [st.first for st in stories],
            "last_date": [st.last for st in stories],
            "centroid": [json.dumps(st.centroid) for st in stories],
            # a story whose oldest held member only went to its core keeps its place in the reload order
            "updated": pa.array([live.get(st.id) for st in stories], type=pa.int64()),
            "core": [json.dumps(st.core or {}) for st in stories],
            "held": [json.dumps(st.held) for st in stories],
        },
    )
    try:
        con.execute(
            "INSERT INTO stories (id, size, first_date, last_date, centroid, updated, core, held) "
            "SELECT * FROM _ng_rows ON CONFLICT (id) DO UPDATE SET size = excluded.size, "
            "first_date = excluded.first_date, last_date = excluded.last_date, centroid = excluded.centroid, "
            "updated = coalesce(excluded.updated, stories.updated), core = excluded.core, held = excluded.held"
        )
    finally:
        con.unregister("_ng_rows")


def _register(con: Any, name: str, columns: dict[str, list]) -> None:
    con.register(name, pa.table(columns))


def _upsert(con: Any, table: str, columns: dict[str, list]) -> None:
    """``INSERT OR REPLACE`` many rows in one statement (the keys must be distinct)."""
    if not next(iter(columns.values())):
        return
    _register(con, "_ng_rows", columns)
    try:
        con.execute(f"INSERT OR REPLACE INTO {table} ({', '.join(columns)}) SELECT * FROM _ng_rows")
    finally:
        con.unregister("_ng_rows")


def _rows(con: Any, query: str, keys: Sequence[str]) -> list[tuple]:
    """Run ``query`` (ending in ``... IN``) over ``keys``; its rows."""
    if not keys:
        return []
    return con.execute(f"{query} ({', '.join('?' for _ in keys)})", list(keys)).fetchall()


def _in(con: Any, query: str, keys: Sequence[str]) -> set:
    """Run ``query`` (ending in ``... IN``) over ``keys``; the first column of its rows as a set."""
    if not keys:
        return set()
    rows = con.execute(f"{query} ({', '.join('?' for _ in keys)})", list(keys)).fetchall()
    return {r[0] for r in rows} if rows else set()


def _add_terms(con: Any, terms: Counter[str]) -> None:
    """Add the batch's document frequencies in one columnar upsert (a row-by-row ``executemany``
    upsert cost ~1.5 s a document, most of the engine's time outside the NLP)."""
    if not terms:
        return
    keys = sorted(terms)
    con.register("_ng_terms", pa.table({"term": keys, "df": [terms[k] for k in keys]}))
    try:
        con.execute(
            "INSERT INTO link_terms SELECT term, df FROM _ng_terms "
            "ON CONFLICT (term) DO UPDATE SET df = link_terms.df + excluded.df"
        )
    finally:
        con.unregister("_ng_terms")


# -- state ---------------------------------------------------------------------


def _state(store: Store) -> LinkState:
    state = _STATES.get(store)
    if state is not None:
        return state
    con = store.con
    reprints = ReprintIndex()
    rows = con.execute(
        "SELECT doc_id, seq, published, paragraphs, sizes, indexes, whole FROM link_fingerprints "
        "ORDER BY seq DESC LIMIT ?",
        [reprints.capacity],
    ).fetchall()
    for doc_id, seq, published, paras, sizes, indexes, whole in reversed(rows):
        fp = Fingerprint(
            doc_id,
            published,
            seq,
            [from_values(v) for v in json.loads(paras)],
            json.loads(sizes),
            json.loads(indexes),
            from_values(json.loads(whole)),
        )
        reprints.restore(fp)
    for doc_id, origin, share, paras in con.execute(
        "SELECT doc_id, origin_id, share, paragraphs FROM document_copies"
    ).fetchall():
        if doc_id in reprints:
            reprints.restore_link(CopyLink(doc_id, origin, share, json.loads(paras or "[]")))
    stories = StoryClusterer(track_members=False)
    stories.df = Counter(dict(con.execute("SELECT term, df FROM link_terms").fetchall()))
    counters = dict(con.execute("SELECT key, value FROM link_state").fetchall())
    stories.n_docs = int(counters.get("n_docs", 0))
    rows = con.execute(
        "SELECT id, size, first_date, last_date, centroid, core, held FROM stories "
        "ORDER BY updated DESC NULLS LAST, id LIMIT ?",
        [OPEN_STORIES],
    ).fetchall()[::-1]
    for sid, size, first, last, centroid, core, held in rows:
        stories.load(Story(sid, json.loads(centroid), size, first, last, core=_js(core), held=_js(held) or []))
    _hold_again(con, stories, [m for st in stories.stories.values() for m in st.held])
    state = LinkState(reprints, stories, int(counters.get("seq", 0)))
    _STATES[store] = state
    return state


def _hold_again(con: Any, stories: StoryClusterer, doc_ids: list[str]) -> None:
    """Put the held members' keys back, oldest first (one query)."""
    if not doc_ids:
        return
    _register(con, "_ng_docs", {"doc_id": doc_ids})
    try:
        rows = con.execute(
            "SELECT m.doc_id, m.features, f.published FROM story_members m JOIN _ng_docs d ON d.doc_id = m.doc_id "
            "LEFT JOIN link_fingerprints f ON f.doc_id = m.doc_id WHERE m.features IS NOT NULL "
            "ORDER BY f.seq NULLS FIRST, m.doc_id"
        ).fetchall()
    finally:
        con.unregister("_ng_docs")
    found = set()
    for doc_id, features, published in rows:
        keys = json.loads(features)
        if keys:
            stories.hold(doc_id, tuple(keys), tuple(int(c) for c in keys.values()), published)
            found.add(doc_id)
    stories.release(d for d in doc_ids if d not in found)


def _follow(con: Any, doc_ids: Sequence[str], before: int, seq: int) -> None:
    """Bring the read side's counts up to date with the event clusters just written, in this transaction
    (a document that left a story changes the counts of the story it left); when the counts had caught
    up with every earlier link, they have now caught up with this batch's too."""
    if not doc_ids or not derived.has_derived_tables(con):
        return
    derived.relink(con, doc_ids)
    row = con.execute("SELECT value FROM derived_state WHERE key = 'linked_seq'").fetchone()
    if row and row[0] is not None and int(row[0]) >= before:
        con.execute("INSERT OR REPLACE INTO derived_state VALUES ('linked_seq', ?)", [seq])


# -- events and statements -------------------------------------------------------


def _corroborate(con: Any, story_ids: Sequence[str]) -> list[str]:
    """Re-cluster the events and statements of the stories a batch touched and write their counts
    and corroboration: one query per table for all the stories together; returns their documents."""
    if not story_ids:
        return []
    _register(con, "_ng_stories", {"story_id": list(story_ids)})
    try:
        docs = con.execute(
            "SELECT m.doc_id, m.story_id, c.origin_id, d.credited_source FROM story_members m "
            "JOIN _ng_stories s ON s.story_id = m.story_id JOIN documents d ON d.id = m.doc_id "
            "LEFT JOIN document_copies c ON c.doc_id = m.doc_id"
        ).fetchall()
    finally:
        con.unregister("_ng_stories")
    story_of = {doc_id: sid for doc_id, sid, _, _ in docs}
    sources = {doc_id: source_key(doc_id, origin, credited) for doc_id, _, origin, credited in docs}
    ids = sorted(sources)
    if not ids:
        return []
    _register(con, "_ng_docs", {"doc_id": ids})
    try:
        for table, key_col, query, make in (
            (
                "event_clusters",
                "event_id",
                "SELECT doc_id, id, type, source, target, date, modality, background FROM events "
                "WHERE doc_id IN (SELECT doc_id FROM _ng_docs)",
                lambda r: event_mention(
                    r[0],
                    {
                        "id": r[1],
                        "type": r[2],
                        "source": _js(r[3]),
                        "target": _js(r[4]),
                        "date": _js(r[5]),
                        "modality": r[6],
                        "background": r[7],
                    },
                    sources[r[0]],
                ),
            ),
            (
                "statement_clusters",
                "statement_id",
                "SELECT doc_id, id, speaker, speaker_text, content, chain FROM statements "
                "WHERE doc_id IN (SELECT doc_id FROM _ng_docs)",
                lambda r: statement_mention(
                    r[0],
                    {"id": r[1], "speaker": r[2], "speaker_text": r[3], "content": r[4], "chain": _js(r[5])},
                    sources[r[0]],
                ),
            ),
        ):
            by_story: dict[str, list] = {}
            for r in con.execute(query).fetchall():
                by_story.setdefault(story_of[r[0]], []).append(make(r))
            con.execute(f"DELETE FROM {table} WHERE doc_id IN (SELECT doc_id FROM _ng_docs)")
            rows = [
                (m.doc_id, m.id, c.id, sid, m.source, c.corroboration)
                for sid in sorted(by_story)
                for c in cluster_mentions(by_story[sid])
                for m in c.mentions
            ]
            if rows:
                names = ("doc_id", key_col, "cluster_id", "story_id", "source_key", "corroboration")
                _register(
                    con, "_ng_rows", {n: list(col) for n, col in zip(names, zip(*rows, strict=True), strict=True)}
                )
                try:
                    con.execute(f"INSERT INTO {table} ({', '.join(names)}) SELECT * FROM _ng_rows")
                finally:
                    con.unregister("_ng_rows")
    finally:
        con.unregister("_ng_docs")
    return ids


def _js(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value


def _annotate(con: Any, docs: Sequence[Document]) -> None:
    """Put what linking found on the documents, for ``analyze --json`` (one query per table)."""
    ids = sorted({d.id for d in docs})
    marks = ", ".join("?" for _ in ids)
    story = dict(con.execute(f"SELECT doc_id, story_id FROM story_members WHERE doc_id IN ({marks})", ids).fetchall())
    copies = {
        r[0]: r[1:]
        for r in con.execute(
            f"SELECT doc_id, origin_id, share, paragraphs FROM document_copies WHERE doc_id IN ({marks})", ids
        ).fetchall()
    }
    found: dict[str, dict[tuple[str, str], tuple[str, str]]] = {}
    for table, key in (("event_clusters", "event_id"), ("statement_clusters", "statement_id")):
        rows = con.execute(
            f"SELECT doc_id, {key}, cluster_id, corroboration FROM {table} WHERE doc_id IN ({marks})", ids
        ).fetchall()
        found[table] = {(r[0], r[1]): (r[2], r[3]) for r in rows}
    for doc in docs:
        doc.story = story.get(doc.id)
        row = copies.get(doc.id)
        doc.copy_of = {"origin": row[0], "share": row[1], "paragraphs": _js(row[2])} if row else None
        for event in doc.events:
            if (doc.id, event.id) in found["event_clusters"]:
                event.event_cluster, event.corroboration = found["event_clusters"][(doc.id, event.id)]
        for statement in doc.statements:
            if (doc.id, statement.id) in found["statement_clusters"]:
                statement.statement_cluster, statement.corroboration = found["statement_clusters"][
                    (doc.id, statement.id)
                ]


# -- reading -------------------------------------------------------------------


def has_links(store: Store) -> bool:
    """Whether the store has the link tables (a database written before migration 004 has not)."""
    row = store.con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'story_members'"
    ).fetchone()
    return bool(row and row[0])


def list_stories(store: Store, *, limit: int = 50, min_size: int = 1) -> list[dict[str, Any]]:
    """Stories, latest first: size, dates, the earliest document's title, copies and events."""
    rows = store.con.execute(
        """
        WITH m AS (
            SELECT m.story_id, m.doc_id, d.title, d.published, d.ingested_at,
                   c.origin_id IS NOT NULL AS is_copy
            FROM story_members m JOIN documents d ON d.id = m.doc_id
            LEFT JOIN document_copies c ON c.doc_id = m.doc_id
        )
        SELECT story_id, count(*) AS documents, sum(CASE WHEN is_copy THEN 1 ELSE 0 END) AS copies,
               min(published) AS first, max(published) AS last,
               arg_min(title, (coalesce(published, DATE '9999-12-31'), ingested_at)) AS title,
               (SELECT count(DISTINCT cluster_id) FROM event_clusters e WHERE e.story_id = m.story_id) AS events,
               max(ingested_at) AS latest
        FROM m GROUP BY story_id HAVING count(*) >= ?
        ORDER BY last DESC NULLS LAST, latest DESC, story_id LIMIT ?
        """,
        [min_size, limit],
    ).fetchall()
    return [
        {
            "id": sid,
            "documents": int(n),
            "copies": int(copies or 0),
            "first": first.isoformat() if first else None,
            "last": last.isoformat() if last else None,
            "title": title,
            "events": int(events or 0),
        }
        for sid, n, copies, first, last, title, events, _ in rows
    ]


def get_story(store: Store, story_id: str) -> dict[str, Any] | None:
    """One story: its documents (earliest first, copies marked), earliest source, events with counts."""
    con = store.con
    docs = con.execute(
        "SELECT d.id, d.title, d.published, d.url, d.site, d.credited_source, c.origin_id, c.share "
        "FROM story_members m JOIN documents d ON d.id = m.doc_id LEFT JOIN document_copies c ON c.doc_id = d.id "
        "WHERE m.story_id = ? ORDER BY d.published NULLS LAST, d.ingested_at, d.id",
        [story_id],
    ).fetchall()
    if not docs:
        return None
    documents = [
        {
            "id": d[0],
            "title": d[1],
            "published": d[2].isoformat() if d[2] else None,
            "url": d[3],
            "site": d[4],
            "credited_source": d[5],
            "copy_of": d[6],
            "copied_share": round(d[7], 3) if d[7] is not None else None,
        }
        for d in docs
    ]
    events = []
    for cid, etype, source, target, date, mentions, documents_n, sources, corroboration, evidence in con.execute(
        """
        SELECT c.cluster_id, any_value(e.type), any_value(e.source), any_value(e.target),
               min(json_extract_string(e.date, '$.value')), count(*), count(DISTINCT c.doc_id),
               count(DISTINCT c.source_key), any_value(c.corroboration),
               arg_min(json_extract_string(e.evidence, '$.text'), c.doc_id)
        FROM event_clusters c JOIN events e ON e.doc_id = c.doc_id AND e.id = c.event_id
        WHERE c.story_id = ? GROUP BY c.cluster_id ORDER BY count(DISTINCT c.source_key) DESC, count(*) DESC,
        c.cluster_id
        """,
        [story_id],
    ).fetchall():
        events.append(
            {
                "id": cid,
                "type": etype,
                "source": _js(source),
                "target": _js(target),
                "date": date,
                "mentions": int(mentions),
                "documents": int(documents_n),
                "sources": int(sources),
                "corroboration": corroboration,
                "evidence": evidence,
            }
        )
    originals = [d for d in documents if not d["copy_of"]]
    return {
        "id": story_id,
        "documents": documents,
        "earliest": originals[0]["id"] if originals else documents[0]["id"],
        "copies": [d["id"] for d in documents if d["copy_of"]],
        "events": events,
    }
