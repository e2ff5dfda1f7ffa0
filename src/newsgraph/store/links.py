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
    caller's output shows them.  Documents already linked are skipped.
    """
    con = store.con
    todo = [d for d in docs if not con.execute("SELECT 1 FROM story_members WHERE doc_id = ?", [d.id]).fetchone()]
    if not todo:
        return 0
    state = _state(store)
    touched: set[str] = set()
    terms: Counter[str] = Counter()  # document frequencies the batch adds
    con.execute("BEGIN TRANSACTION")
    try:
        for doc in todo:
            state.seq += 1
            fp = fingerprint(doc.id, doc.text, doc.paragraphs, doc.published, state.seq)
            for link in state.reprints.add(fp):
                _write_copy(con, link)
            _write_fingerprint(con, fp)
            feats = document_features(doc)
            placed = state.stories.add(doc.id, feats, doc.published)
            terms.update(set(feats))
            for gone, kept in placed.merged.items():
                con.execute("UPDATE story_members SET story_id = ? WHERE story_id = ?", [kept, gone])
                con.execute("DELETE FROM stories WHERE id = ?", [gone])
                touched.discard(gone)
            con.execute("INSERT OR REPLACE INTO story_members VALUES (?, ?)", [doc.id, placed.story_id])
            _write_story(con, state.stories.stories[placed.story_id], state.seq)
            touched.add(placed.story_id)
        _add_terms(con, terms)
        con.execute(
            "INSERT OR REPLACE INTO link_state VALUES ('seq', ?), ('n_docs', ?)", [state.seq, state.stories.n_docs]
        )
        for sid in sorted(touched):
            _corroborate(con, sid)
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        _STATES.pop(store, None)  # the in-memory state ran ahead of the store: reload it next time
        raise
    state.stories.evict(OPEN_STORIES)
    for doc in todo:
        _annotate(con, doc)
    return len(todo)


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
    for sid, size, first, last, centroid in con.execute(
        "SELECT id, size, first_date, last_date, centroid FROM stories ORDER BY updated DESC LIMIT ?", [OPEN_STORIES]
    ).fetchall()[::-1]:
        stories.load(Story(sid, json.loads(centroid), size, first, last))
    state = LinkState(reprints, stories, int(counters.get("seq", 0)))
    _STATES[store] = state
    return state


def _write_fingerprint(con: Any, fp: Fingerprint) -> None:
    con.execute(
        "INSERT OR REPLACE INTO link_fingerprints VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            fp.doc_id,
            fp.order,
            fp.published,
            json.dumps([values(s) for s in fp.paragraphs]),
            json.dumps(fp.sizes),
            json.dumps(fp.indexes),
            json.dumps(values(fp.whole)),
        ],
    )


def _write_copy(con: Any, link: CopyLink) -> None:
    if link.origin == link.doc_id:
        con.execute("DELETE FROM document_copies WHERE doc_id = ?", [link.doc_id])
        return
    con.execute(
        "INSERT OR REPLACE INTO document_copies VALUES (?, ?, ?, ?)",
        [link.doc_id, link.origin, link.share, json.dumps(link.paragraphs)],
    )


def _write_story(con: Any, story: Story, seq: int) -> None:
    con.execute(
        "INSERT OR REPLACE INTO stories VALUES (?, ?, ?, ?, ?, ?)",
        [story.id, story.size, story.first, story.last, json.dumps(story.centroid), seq],
    )


# -- events and statements -------------------------------------------------------


def _corroborate(con: Any, story_id: str) -> None:
    """Re-cluster the events and statements of one story and write their counts and corroboration."""
    docs = con.execute(
        "SELECT m.doc_id, c.origin_id, d.credited_source FROM story_members m JOIN documents d ON d.id = m.doc_id "
        "LEFT JOIN document_copies c ON c.doc_id = m.doc_id WHERE m.story_id = ?",
        [story_id],
    ).fetchall()
    sources = {doc_id: source_key(doc_id, origin, credited) for doc_id, origin, credited in docs}
    ids = sorted(sources)
    if not ids:
        return
    marks = ", ".join("?" for _ in ids)
    for table, key_col, query, make in (
        (
            "event_clusters",
            "event_id",
            f"SELECT doc_id, id, type, source, target, date, modality, background FROM events "
            f"WHERE doc_id IN ({marks})",
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
            f"SELECT doc_id, id, speaker, speaker_text, content, chain FROM statements WHERE doc_id IN ({marks})",
            lambda r: statement_mention(
                r[0],
                {"id": r[1], "speaker": r[2], "speaker_text": r[3], "content": r[4], "chain": _js(r[5])},
                sources[r[0]],
            ),
        ),
    ):
        mentions = [make(r) for r in con.execute(query, ids).fetchall()]
        con.execute(f"DELETE FROM {table} WHERE doc_id IN ({marks})", ids)
        rows = [
            [m.doc_id, m.id, c.id, story_id, m.source, c.corroboration]
            for c in cluster_mentions(mentions)
            for m in c.mentions
        ]
        if rows:
            con.executemany(
                f"INSERT INTO {table} (doc_id, {key_col}, cluster_id, story_id, source_key, "
                "corroboration) VALUES (?, ?, ?, ?, ?, ?)",
                rows,
            )


def _js(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value


def _annotate(con: Any, doc: Document) -> None:
    """Put what linking found on the document, for ``analyze --json``."""
    row = con.execute("SELECT story_id FROM story_members WHERE doc_id = ?", [doc.id]).fetchone()
    doc.story = row[0] if row else None
    row = con.execute("SELECT origin_id, share, paragraphs FROM document_copies WHERE doc_id = ?", [doc.id]).fetchone()
    doc.copy_of = {"origin": row[0], "share": row[1], "paragraphs": _js(row[2])} if row else None
    events = _clusters_of(con, "event_clusters", "event_id", doc.id)
    for event in doc.events:
        if event.id in events:
            event.event_cluster, event.corroboration = events[event.id]
    statements = _clusters_of(con, "statement_clusters", "statement_id", doc.id)
    for statement in doc.statements:
        if statement.id in statements:
            statement.statement_cluster, statement.corroboration = statements[statement.id]


def _clusters_of(con: Any, table: str, key: str, doc_id: str) -> dict[str, tuple[str, str]]:
    rows = con.execute(f"SELECT {key}, cluster_id, corroboration FROM {table} WHERE doc_id = ?", [doc_id]).fetchall()
    return {r[0]: (r[1], r[2]) for r in rows}


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
