"""Read-side queries over the store: the listings behind ``newsgraph events`` (and later the API)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from newsgraph.store.db import Store


@dataclass(slots=True)
class EventRow:
    doc_id: str
    id: str
    type: str
    cameo: str | None
    source: list[str]
    target: list[str]
    modality: str
    certainty: float
    date: dict[str, Any] | None
    evidence: dict[str, Any]
    published: str | None
    title: str | None

    def to_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in self.__slots__}


def actor_names(store: Store) -> dict[str, str]:
    """Actor id -> name, for every actor the store knows."""
    return dict(store.con.execute("SELECT id, name FROM actors").fetchall())


def actor_ids_matching(store: Store, name: str) -> set[str]:
    """Ids of stored actors whose id or name matches ``name`` (case-insensitive, exact first, then substring)."""
    rows = store.con.execute("SELECT id, name FROM actors").fetchall()
    key = name.casefold()
    exact = {i for i, n in rows if i.casefold() == key or (n or "").casefold() == key}
    if exact:
        return exact
    return {i for i, n in rows if key in (n or "").casefold()}


def list_events(
    store: Store,
    *,
    actor: str | None = None,
    type: str | None = None,  # noqa: A002 - the PLOVER field name
    since: str | None = None,
    include_background: bool = True,
    limit: int | None = None,
) -> list[EventRow]:
    """Stored events, newest first; ``actor`` matches the source or the target."""
    sql = (
        "SELECT e.doc_id, e.id, e.type, e.cameo, e.source, e.target, e.modality, e.certainty, e.date, e.evidence, "
        "d.published, d.title, e.background FROM events e JOIN documents d ON d.id = e.doc_id WHERE 1=1"
    )
    params: list[Any] = []
    if type:
        sql += " AND upper(e.type) = upper(?)"
        params.append(type)
    sql += (
        " ORDER BY coalesce(json_extract_string(e.date, '$.from'), CAST(d.published AS VARCHAR)) DESC NULLS LAST, e.id"
    )
    ids = actor_ids_matching(store, actor) if actor else None
    out: list[EventRow] = []
    for row in store.con.execute(sql, params).fetchall():
        source, target = json.loads(row[4] or "[]"), json.loads(row[5] or "[]")
        date = json.loads(row[8]) if row[8] else None
        if ids is not None and not (ids & set(source) or ids & set(target)):
            continue
        when = (date or {}).get("to") or (date or {}).get("from") or (row[10].isoformat() if row[10] else None)
        if since and (when is None or when < since):
            continue
        evidence = json.loads(row[9] or "{}")
        if not include_background and row[12]:
            continue
        out.append(
            EventRow(
                row[0],
                row[1],
                row[2],
                row[3],
                source,
                target,
                row[6],
                row[7],
                date,
                evidence,
                row[10].isoformat() if row[10] else None,
                row[11],
            )
        )
        if limit and len(out) >= limit:
            break
    return out


# Modalities that count as news in aggregates; predicted, planned, intended, hypothetical and
# negated events, and background recollections, are never counted as events that happened.
COUNTED_MODALITIES = ("asserted", "reported")


@dataclass(slots=True)
class Dyad:
    source: str
    target: str
    events: int
    goldstein: float  # sum of the Goldstein weights
    by_type: dict[str, int]

    def to_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in self.__slots__}


def dyad_scores(store: Store, *, since: str | None = None) -> list[Dyad]:
    """Events between pairs of actors, counting only what happened (see COUNTED_MODALITIES).

    Each reported event counts once per (source, target) pair of its actors; events with no target
    count toward (source, "").  Ordered by the number of events, most first.
    """
    marks = ", ".join("?" for _ in COUNTED_MODALITIES)
    sql = (
        "SELECT e.source, e.target, e.type, coalesce(e.goldstein, 0), e.date, d.published FROM events e "
        f"JOIN documents d ON d.id = e.doc_id WHERE e.modality IN ({marks}) AND NOT coalesce(e.background, false)"
    )
    pairs: dict[tuple[str, str], Dyad] = {}
    for source, target, etype, goldstein, date, published in store.con.execute(
        sql, list(COUNTED_MODALITIES)
    ).fetchall():
        when = (json.loads(date) or {}).get("from") if date else None
        when = when or (published.isoformat() if published else None)
        if since and (when is None or when < since):
            continue
        for s in json.loads(source or "[]"):
            for t in json.loads(target or "[]") or [""]:
                dyad = pairs.setdefault((s, t), Dyad(s, t, 0, 0.0, {}))
                dyad.events += 1
                dyad.goldstein += float(goldstein)
                dyad.by_type[etype] = dyad.by_type.get(etype, 0) + 1
    return sorted(pairs.values(), key=lambda d: (-d.events, d.source, d.target))


def list_forecasts(
    store: Store,
    *,
    predictor: str | None = None,
    status: str | None = None,
    due_before: str | None = None,
    today: str | None = None,
) -> list[dict[str, Any]]:
    """Stored forecasts with their document; ``status`` is recomputed as of ``today``.

    A came_true forecast stays so; the others are open, due (the horizon has passed) or expired.
    """
    import datetime as dt

    from newsgraph.nlp.forecasts import status_on

    cursor = store.con.execute(
        'SELECT f.doc_id, f.id, f.predictor, f.proposition, f.event, f.stated_on, f.not_before, f."by", '
        "f.confidence, f.status, f.resolved_event, f.resolved_doc, d.published, d.title "
        'FROM forecasts f JOIN documents d ON d.id = f.doc_id ORDER BY f."by" NULLS LAST, f.stated_on'
    )
    columns = [c[0] for c in cursor.description]
    rows = cursor.fetchall()
    ids = actor_ids_matching(store, predictor) if predictor else None
    on = dt.date.fromisoformat(today) if today else dt.date.today()
    out = []
    for r in rows:
        rec = dict(zip(columns, r, strict=True))
        rec["published"] = rec["published"].isoformat() if rec["published"] else None
        rec["status"] = status_on(rec, on, resolved=rec["status"] == "came_true")
        if ids is not None and rec["predictor"] not in ids:
            continue
        if status and rec["status"] != status:
            continue
        if due_before and (rec["by"] is None or rec["by"] > due_before):
            continue
        out.append(rec)
    return out


def list_statements(
    store: Store,
    *,
    speaker: str | None = None,
    about: str | None = None,
    since: str | None = None,
    limit: int | None = None,
) -> list[dict[str, Any]]:
    """Stored statements, newest utterance first.

    ``speaker`` matches the speaker actor; ``about`` an actor mentioned inside the content; ``since``
    the utterance date (the document's date when the text gives none).
    """
    rows = store.con.execute(
        "SELECT s.doc_id, s.id, s.speaker, s.speaker_text, s.cue, s.content, s.form, s.date, s.chain, s.start, "
        's."end", d.published, d.title FROM statements s JOIN documents d ON d.id = s.doc_id'
    ).fetchall()
    speakers = actor_ids_matching(store, speaker) if speaker else None
    about_ids = actor_ids_matching(store, about) if about else None
    out = []
    for r in rows:
        rec = dict(
            zip(
                (
                    "doc_id",
                    "id",
                    "speaker",
                    "speaker_text",
                    "cue",
                    "content",
                    "form",
                    "date",
                    "chain",
                    "start",
                    "end",
                    "published",
                    "title",
                ),
                r,
                strict=True,
            )
        )
        rec["date"] = json.loads(rec["date"]) if rec["date"] else None
        rec["chain"] = json.loads(rec["chain"] or "[]")
        rec["published"] = rec["published"].isoformat() if rec["published"] else None
        if speakers is not None and rec["speaker"] not in speakers:
            continue
        if about_ids is not None:
            marks = ", ".join("?" for _ in about_ids) or "NULL"
            hit = store.con.execute(
                'SELECT 1 FROM mentions WHERE doc_id = ? AND start >= ? AND "end" <= ? '
                f"AND actor_id IN ({marks}) LIMIT 1",
                [rec["doc_id"], rec["start"], rec["end"], *about_ids],
            ).fetchone()
            if not hit:
                continue
        when = (rec["date"] or {}).get("to") or (rec["date"] or {}).get("from") or rec["published"]
        rec["when"] = when
        if since and (when is None or when < since):
            continue
        out.append(rec)
    out.sort(key=lambda r: r["when"] or "", reverse=True)
    return out[:limit] if limit else out
