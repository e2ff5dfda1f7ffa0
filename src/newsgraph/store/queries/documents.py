"""Documents: listings, one document with every annotation, the store's figures."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from newsgraph.store.db import Store
from newsgraph.store.queries.common import Con, Page, _con, iso, parse_day
from newsgraph.store.queries.events import _limit_sql
from newsgraph.store.queries.statements import find_forecasts

if TYPE_CHECKING:
    from newsgraph.store.search import TextIndex

_SUMMARY = (
    "id, url, title, CAST(published AS VARCHAR) AS published, site, credited_source, language, version, "
    "CAST(ingested_at AS VARCHAR) AS ingested_at, left(text, 240) AS snippet"
)


def _rows(cur) -> list[dict[str, Any]]:
    cols = [c[0] for c in cur.description]
    return [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]


def find_documents(
    store: Store | Con,
    *,
    q: str | None = None,
    outlet: str | None = None,
    since: str | None = None,
    until: str | None = None,
    index: TextIndex | None = None,
    limit: int = 50,
    offset: int = 0,
) -> Page:
    """Stored documents: the best matches of ``q`` first (full-text, needs ``index``), else the newest."""
    con = _con(store)
    start, end = parse_day(since, "since"), parse_day(until, "until", end=True)
    if q and q.strip() and index is not None:
        index.sync(con)
        total, hits = index.documents(q, outlet=outlet, since=since, until=until, limit=limit, offset=offset)
        if not hits:
            return Page(total, [])
        found = {
            r["id"]: r
            for r in _rows(
                con.execute(
                    f"SELECT {_SUMMARY} FROM documents WHERE id IN (SELECT unnest(?::VARCHAR[]))",
                    [[h[0] for h in hits]],
                )
            )
        }
        items = []
        for doc_id, score, snippet in hits:
            if doc_id in found:
                items.append({**found[doc_id], "score": score, "snippet": snippet or found[doc_id]["snippet"]})
        return Page(total, items)
    where, params = ["1=1"], []
    if outlet:
        where.append("(lower(site) = lower(?) OR lower(credited_source) = lower(?))")
        params += [outlet, outlet]
    if start:
        where.append("published >= ?")
        params.append(start)
    if end:
        where.append("published <= ?")
        params.append(end)
    cond = " AND ".join(where)
    total = con.execute(f"SELECT count(*) FROM documents WHERE {cond}", params).fetchone()[0]
    cur = con.execute(
        f"SELECT {_SUMMARY} FROM documents WHERE {cond} ORDER BY published DESC NULLS LAST, ingested_at DESC, id "
        + _limit_sql(limit, offset),
        params,
    )
    return Page(int(total), _rows(cur))


def _json(value: Any, default: Any) -> Any:
    return json.loads(value) if value else default


def document_record(store: Store | Con, doc_id: str) -> dict[str, Any] | None:
    """One stored document in the shape of ``newsgraph analyze --json``, with every annotation."""
    con = _con(store)
    cur = con.execute("SELECT * FROM documents WHERE id = ?", [doc_id])
    found = _rows(cur)
    if not found:
        return None
    d = found[0]
    mentions = [
        {"text": t, "start": s, "end": e, "label": label, "actor_id": a, "actor_ids": [a] if a else []}
        for t, s, e, label, a in con.execute(
            'SELECT text, start, "end", label, actor_id FROM mentions WHERE doc_id = ? ORDER BY idx', [doc_id]
        ).fetchall()
    ]
    actors = _rows(
        con.execute(
            "SELECT a.id, a.name, a.kind, a.country, coalesce(da.sector, a.sector) AS sector, "
            "coalesce(da.role, a.role) AS role, a.wikidata FROM document_actors da JOIN actors a ON a.id = da.actor_id "
            "WHERE da.doc_id = ? ORDER BY a.id",
            [doc_id],
        )
    )
    events = []
    for e in _rows(con.execute("SELECT * EXCLUDE (doc_id) FROM events WHERE doc_id = ? ORDER BY id", [doc_id])):
        for key, default in (("source", []), ("target", []), ("date", None), ("evidence", {}), ("hedges", []),
                             ("reported_by", [])):  # fmt: skip
            e[key] = _json(e[key], default)
        e["background"] = bool(e["background"])
        e.setdefault("plover_type", None)
        events.append(e)
    events.sort(key=lambda e: (e["evidence"] or {}).get("start", 0))
    statements = []
    for s in _rows(con.execute("SELECT * EXCLUDE (doc_id) FROM statements WHERE doc_id = ? ORDER BY start", [doc_id])):
        s["date"], s["chain"] = _json(s["date"], None), _json(s["chain"], [])
        s["events"] = _json(s.get("events"), [])
        statements.append(s)
    times = _rows(
        con.execute(
            'SELECT text, start, "end", value, "from", "to", type, mod, precision FROM times WHERE doc_id = ? '
            "ORDER BY idx",
            [doc_id],
        )
    )
    forecasts = []
    for f in _rows(con.execute("SELECT * EXCLUDE (doc_id) FROM forecasts WHERE doc_id = ? ORDER BY id", [doc_id])):
        for key, default in (("statement", []), ("proposition_event", None), ("window", None)):
            f[key] = _json(f[key], default)
        forecasts.append(f)
    current = {r["id"]: r["status"] for r in find_forecasts(con, doc_id=doc_id, limit=None).items}
    for f in forecasts:
        f["status_today"] = current.get(f["id"], f["status"])
    return {
        "id": d["id"],
        "url": d["url"],
        "title": d["title"],
        "published": iso(d["published"]),
        "language": d["language"],
        "credited_source": d["credited_source"],
        "translated_from": d["translated_from"],
        "text": d["text"],
        "paragraphs": _json(d["paragraphs"], []),
        "duplicates_removed": d["duplicates_removed"],
        "boilerplate": _json(d["boilerplate"], []),
        "mentions": mentions,
        "actors": actors,
        "events": events,
        "statements": statements,
        "times": times,
        "forecasts": forecasts,
        "origin": d["origin"],
        "author": d["author"],
        "site": d["site"],
        "notes": _json(d["notes"], []),
        "version": d["version"],
        "ingested_at": iso(d["ingested_at"]),
    }


def stats(store: Store | Con) -> dict[str, Any]:
    """Counts and the date range, for a home page."""
    con = _con(store)
    counts = {}
    for table in ("documents", "actors", "events", "statements", "forecasts", "mentions"):
        counts[table] = int(con.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    first, last = con.execute("SELECT min(published), max(published) FROM documents").fetchone()
    counted, mentioned = con.execute(
        "SELECT coalesce(sum(events), 0), coalesce(sum(mentions), 0) FROM dyad_days"
    ).fetchone()
    kinds = dict(con.execute("SELECT coalesce(kind, 'unknown'), count(*) FROM actors GROUP BY 1").fetchall())
    return {
        "counts": counts,
        "counted_dyad_events": int(counted),  # real-world events (a story's reports of one event count once)
        "counted_dyad_mentions": int(mentioned),
        "actor_kinds": kinds,
        "first_published": iso(first),
        "last_published": iso(last),
    }
