"""Stories for the API and the web app: same-story clusters, their documents, copies and events.

What the link step (:mod:`newsgraph.store.links`, tables of migration 004) stored, read back in
SQL: a page of stories (filtered and sorted on the ``stories`` table, then the page's figures
gathered for its ids only), one story with its documents in time order, which document copied
which and which paragraphs, and the events and statements it reports counted once each with
their independent sources; and what linking says about one document (its story, copy links and
the corroboration of its events and statements), for the document endpoint.
"""

from __future__ import annotations

import json
from typing import Any

from newsgraph.store.db import Store
from newsgraph.store.queries.common import Con, Page, _con, iso, parse_day
from newsgraph.store.queries.events import _limit_sql

# A document's independent source, as newsgraph.link.corroboration.source_key computes it:
# the agency it is credited to, else the earliest version of its copy group (d: documents,
# c: document_copies).  Written again in SQL so that a page's counts stay one query.
SOURCE_KEY = (
    "CASE WHEN d.credited_source IS NOT NULL AND d.credited_source <> '' "
    "THEN 'credit:' || lower(trim(d.credited_source)) ELSE 'doc:' || coalesce(c.origin_id, d.id) END"
)
# Earliest first: the published date, then the order documents were linked (f: link_fingerprints;
# one batch is stored at one time), as the link step orders a copy group.
_DOC_ORDER = "d.published NULLS LAST, f.seq NULLS LAST, d.ingested_at, d.id"
_FIRST = "(c.doc_id IS NOT NULL, coalesce(d.published, DATE '9999-12-31'), coalesce(f.seq, 0), d.ingested_at, d.id)"
_MEMBERS = (
    "FROM story_members m JOIN documents d ON d.id = m.doc_id LEFT JOIN document_copies c ON c.doc_id = m.doc_id "
    "LEFT JOIN link_fingerprints f ON f.doc_id = m.doc_id"
)


def find_stories(
    store: Store | Con,
    *,
    since: str | None = None,
    until: str | None = None,
    min_size: int = 1,
    limit: int | None = 50,
    offset: int = 0,
) -> Page:
    """Stories, latest reported first: ``since``/``until`` bound the days they were reported on
    (a story overlapping the range is in), ``min_size`` the number of documents."""
    con = _con(store)
    start, end = parse_day(since, "since"), parse_day(until, "until", end=True)
    where, params = ["size >= ?"], [int(min_size)]
    if start:
        where.append("last_date >= ?")
        params.append(start.isoformat())
    if end:
        where.append("first_date <= ?")
        params.append(end.isoformat())
    cond = " AND ".join(where)
    total = con.execute(f"SELECT count(*) FROM stories WHERE {cond}", params).fetchone()[0]
    ids = [
        r[0]
        for r in con.execute(
            f"SELECT id FROM stories WHERE {cond} ORDER BY last_date DESC NULLS LAST, updated DESC, id "
            + _limit_sql(limit, offset),
            params,
        ).fetchall()
    ]
    return Page(int(total), _summaries(con, ids))


def _summaries(con: Con, ids: list[str]) -> list[dict[str, Any]]:
    if not ids:
        return []
    rows = con.execute(
        f"""
        SELECT m.story_id, count(*), count(c.doc_id), count(DISTINCT {SOURCE_KEY}),
               min(d.published), max(d.published), min(d.ingested_at), max(d.ingested_at),
               arg_min(d.id, {_FIRST}), arg_min(d.title, {_FIRST}) FILTER (WHERE d.title <> '')
        {_MEMBERS} WHERE m.story_id IN (SELECT unnest(?::VARCHAR[])) GROUP BY m.story_id
        """,
        [ids],
    ).fetchall()
    events = dict(
        (r[0], r[1:])
        for r in con.execute(
            "SELECT story_id, count(DISTINCT cluster_id), "
            "count(DISTINCT cluster_id) FILTER (WHERE corroboration = 'corroborated') "
            "FROM event_clusters WHERE story_id IN (SELECT unnest(?::VARCHAR[])) GROUP BY story_id",
            [ids],
        ).fetchall()
    )
    found = {}
    for sid, n, copies, sources, first, last, seen, latest, earliest, title in rows:
        n_events, corroborated = events.get(sid, (0, 0))
        found[sid] = {
            "id": sid,
            "title": title,
            "earliest": earliest,
            "first_seen": iso(first),
            "last_seen": iso(last),
            "first_stored": iso(seen),
            "last_stored": iso(latest),
            "documents": int(n),
            "copies": int(copies),
            "sources": int(sources),
            "events": int(n_events),
            "corroborated_events": int(corroborated),
        }
    return [found[sid] for sid in ids if sid in found]


def story_detail(store: Store | Con, story_id: str, *, limit: int | None = 200) -> dict[str, Any] | None:
    """One story, or None: its documents in time order (the earliest source marked), its copy
    links (``copy_links``), the events and statements it reports with their counts (each list cut
    at ``limit``, its whole length in ``n_documents``, ``n_events``, ``n_statements``), and the
    actors they name (``actors``: id, name, kind)."""
    con = _con(store)
    (summary,) = _summaries(con, [story_id]) or [None]
    if summary is None:
        return None
    docs = con.execute(
        f"SELECT d.id, d.title, d.published, d.url, d.site, d.credited_source, d.language, d.ingested_at, "
        f"c.origin_id, c.share, c.paragraphs, {SOURCE_KEY} {_MEMBERS} WHERE m.story_id = ? ORDER BY {_DOC_ORDER} "
        + _limit_sql(limit, 0),
        [story_id],
    ).fetchall()
    documents, copies = [], []
    for doc_id, title, published, url, site, credited, language, stored, origin, share, paras, source in docs:
        documents.append(
            {
                "id": doc_id,
                "title": title,
                "published": iso(published),
                "stored": iso(stored),
                "url": url,
                "site": site,
                "credited_source": credited,
                "language": language,
                "source": source,
                "earliest": doc_id == summary["earliest"],
                "copy_of": origin,
                "copied_share": round(share, 3) if share is not None else None,
            }
        )
        if origin:
            copies.append(_copy_link(doc_id, origin, share, paras))
    out = {k: v for k, v in summary.items() if k not in ("documents", "events")}
    events, statements = _events(con, story_id, limit), _statements(con, story_id, limit)
    return {
        **out,
        "n_documents": summary["documents"],
        "n_events": summary["events"],
        "n_statements": _count(con, "statement_clusters", story_id),
        "documents": documents,
        "copy_links": copies,
        "events": events,
        "statements": statements,
        "actors": _actors(con, events, statements),
    }


def _actors(con: Con, events: list[dict[str, Any]], statements: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The stored actors the events and statements name: id, name, kind (for their labels)."""
    ids = sorted(
        {a for e in events for a in (*e["source"], *e["target"])} | {s["speaker"] for s in statements if s["speaker"]}
    )
    if not ids:
        return []
    cur = con.execute("SELECT id, name, kind FROM actors WHERE id IN (SELECT unnest(?::VARCHAR[])) ORDER BY id", [ids])
    return _records(cur)


def _copy_link(doc_id: str, origin: str, share: float | None, paragraphs: Any) -> dict[str, Any]:
    """A copy and what it took: for each copied paragraph, where in which document it came from."""
    rows = json.loads(paragraphs) if isinstance(paragraphs, str) else paragraphs or []
    return {
        "doc_id": doc_id,
        "origin_id": origin,
        "share": round(share, 3) if share is not None else None,
        "paragraphs": [
            {"paragraph": int(p[0]), "from_doc": p[1], "from_paragraph": int(p[2]), "similarity": round(p[3], 3)}
            for p in rows
        ],
    }


def _count(con: Con, table: str, story_id: str) -> int:
    return int(
        con.execute(f"SELECT count(DISTINCT cluster_id) FROM {table} WHERE story_id = ?", [story_id]).fetchone()[0]
    )


# Each cluster once: its counts, and the words and document of its earliest mention.
_MENTION_ORDER = "(coalesce(d.published, DATE '9999-12-31'), coalesce(f.seq, 0), d.ingested_at, c.doc_id)"
_CLUSTER_COUNTS = (
    "count(*) AS mentions, count(DISTINCT c.doc_id) AS documents, count(DISTINCT c.source_key) AS sources, "
    "any_value(c.corroboration) AS corroboration, list(DISTINCT c.doc_id ORDER BY c.doc_id) AS doc_ids, "
    f"arg_min(c.doc_id, {_MENTION_ORDER}) AS first_doc"
)


def _events(con: Con, story_id: str, limit: int | None) -> list[dict[str, Any]]:
    cur = con.execute(
        f"""
        SELECT c.cluster_id AS id, any_value(e.type) AS type, any_value(e.plover_type) AS plover_type,
               any_value(e.source) AS source, any_value(e.target) AS target,
               min(json_extract_string(e.date, '$.value')) AS date, {_CLUSTER_COUNTS},
               arg_min(json_extract_string(e.evidence, '$.text'), {_MENTION_ORDER}) AS evidence,
               bool_or(e.modality IN ('asserted', 'reported') AND NOT coalesce(e.background, false)) AS news
        FROM event_clusters c JOIN events e ON e.doc_id = c.doc_id AND e.id = c.event_id
        JOIN documents d ON d.id = c.doc_id LEFT JOIN link_fingerprints f ON f.doc_id = c.doc_id
        WHERE c.story_id = ? GROUP BY c.cluster_id
        ORDER BY sources DESC, mentions DESC, id {_limit_sql(limit, 0)}
        """,
        [story_id],
    )
    out = []
    for rec in _records(cur):
        rec["source"] = json.loads(rec["source"] or "[]")
        rec["target"] = json.loads(rec["target"] or "[]")
        out.append(rec)
    return out


def _statements(con: Con, story_id: str, limit: int | None) -> list[dict[str, Any]]:
    cur = con.execute(
        f"""
        SELECT c.cluster_id AS id, any_value(s.speaker) AS speaker,
               arg_min(s.speaker_text, {_MENTION_ORDER}) AS speaker_text,
               arg_min(s.content, {_MENTION_ORDER}) AS content,
               {_CLUSTER_COUNTS}
        FROM statement_clusters c JOIN statements s ON s.doc_id = c.doc_id AND s.id = c.statement_id
        JOIN documents d ON d.id = c.doc_id LEFT JOIN link_fingerprints f ON f.doc_id = c.doc_id
        WHERE c.story_id = ? GROUP BY c.cluster_id
        ORDER BY sources DESC, mentions DESC, id {_limit_sql(limit, 0)}
        """,
        [story_id],
    )
    return _records(cur)


def _records(cur: Any) -> list[dict[str, Any]]:
    cols = [c[0] for c in cur.description]
    out = []
    for row in cur.fetchall():
        rec = dict(zip(cols, row, strict=True))
        for key in ("mentions", "documents", "sources"):
            if key in rec:
                rec[key] = int(rec[key])
        out.append(rec)
    return out


def document_links(store: Store | Con, doc_id: str) -> dict[str, Any]:
    """What linking says about one stored document, in the keys of ``analyze --json``: ``story``,
    ``copy_of`` ({origin, share, paragraphs}), ``copied_by`` (the documents that copy it), and per
    event and statement id its cluster and corroboration."""
    con = _con(store)
    row = con.execute("SELECT story_id FROM story_members WHERE doc_id = ?", [doc_id]).fetchone()
    copy = con.execute("SELECT origin_id, share, paragraphs FROM document_copies WHERE doc_id = ?", [doc_id]).fetchone()
    copied_by = [
        r[0]
        for r in con.execute(
            "SELECT c.doc_id FROM document_copies c JOIN documents d ON d.id = c.doc_id "
            f"LEFT JOIN link_fingerprints f ON f.doc_id = c.doc_id WHERE c.origin_id = ? ORDER BY {_DOC_ORDER}",
            [doc_id],
        ).fetchall()
    ]
    clusters = {}
    for table, key in (("event_clusters", "event_id"), ("statement_clusters", "statement_id")):
        clusters[table] = {
            r[0]: (r[1], r[2])
            for r in con.execute(
                f"SELECT {key}, cluster_id, corroboration FROM {table} WHERE doc_id = ?", [doc_id]
            ).fetchall()
        }
    return {
        "story": row[0] if row else None,
        "copy_of": ({"origin": copy[0], "share": copy[1], "paragraphs": json.loads(copy[2] or "[]")} if copy else None),
        "copied_by": copied_by,
        "events": clusters["event_clusters"],
        "statements": clusters["statement_clusters"],
    }
