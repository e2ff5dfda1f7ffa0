"""The forecast ledger in the store: indexed, incremental and order-independent resolution.

:func:`resolve_batch` runs inside the transaction that stores a batch (see
:meth:`newsgraph.store.db.Store.add_documents`), so a crash never leaves a stored batch
unresolved.  It keeps one invariant, whatever the batch size or the order documents arrive in:

    a forecast is ``came_true`` with the *earliest* matching stored event, ordered by
    (when it happened, its document's date, document id, event id); otherwise its status
    follows the calendar.

Each side meets only its candidates: ``event_keys`` and ``forecast_keys`` (migration 005) hold
one row per (record, type family, actor key); a news event can only make a forecast come true
when they share a family and an actor key (the actor's id, or the state it belongs to:
:func:`newsgraph.link.forecasts.country_of`), so DuckDB joins the batch's keys against the
stored ones instead of Python testing every stored forecast against every new event.

* a new event is tested against the stored forecasts it shares a key with, and replaces a
  forecast's resolution only when it is earlier (the induction that keeps the invariant);
* a new (or reopened) forecast is tested against every stored event it shares a key with.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import pyarrow as pa

from newsgraph.link.forecasts import (
    NEWS_MODALITIES,
    TYPE_FAMILIES,
    Change,
    _day,
    _Ev,
    _event,
    _prop_dict,
    _proposition,
    country_of,
    match,
)
from newsgraph.nlp.forecasts import parse_day, status_on

_FORECAST_SQL = (
    'SELECT f.doc_id, f.id, f.predictor, f.proposition, f.event, f.stated_on, f.not_before, f."by", '
    "f.confidence, f.status, f.proposition_event, f.resolved_event, f.resolved_doc, "
    "e.type, e.source, e.target, e.trigger, d.published "
    "FROM forecasts f JOIN documents d ON d.id = f.doc_id "
    "LEFT JOIN events e ON e.doc_id = f.doc_id AND e.id = f.event"
)
_EVENT_SQL = (
    "SELECT e.doc_id, e.id, e.type, e.source, e.target, e.modality, e.background, e.trigger, e.date, "
    "d.published FROM events e JOIN documents d ON d.id = e.doc_id"
)


def family(event_type: str | None) -> str | None:
    """The name of the type family ``event_type`` belongs to (SUPPORT, COOPERATE, AGREE: one)."""
    if not event_type:
        return None
    for fam in TYPE_FAMILIES:
        if event_type in fam:
            return "+".join(sorted(fam))
    return event_type


def actor_keys(actor_id: str, countries: Mapping[str, str] | None = None) -> set[str]:
    """The keys an actor is found under: its id and, for an actor of a state, the state's code."""
    keys = {actor_id}
    code = country_of(actor_id, countries)
    if code:
        keys.add(code)
    return keys


def _keys_of(record_family: str | None, actors: Iterable[str], countries: Mapping[str, str]) -> set[tuple[str, str]]:
    if record_family is None:
        return set()
    return {(record_family, k) for a in actors for k in actor_keys(a, countries)}


def _rows(con: Any, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
    cur = con.execute(sql, list(params))
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


def _register_pairs(con: Any, name: str, pairs: Iterable[tuple[str, str]]) -> None:
    pairs = sorted(set(pairs))
    con.register(name, pa.table({"doc_id": [p[0] for p in pairs], "id": [p[1] for p in pairs]}, schema=_PAIR))


_PAIR = pa.schema([("doc_id", pa.string()), ("id", pa.string())])
_KEY = pa.schema([("doc_id", pa.string()), ("id", pa.string()), ("family", pa.string()), ("actor", pa.string())])


def _countries(con: Any, actor_ids: Iterable[str]) -> dict[str, str]:
    ids = sorted(set(actor_ids))
    if not ids:
        return {}
    con.register("_ng_ids", pa.table({"id": ids}))
    try:
        return dict(
            con.execute(
                "SELECT a.id, a.country FROM actors a JOIN _ng_ids USING (id) WHERE country IS NOT NULL"
            ).fetchall()
        )
    finally:
        con.unregister("_ng_ids")


def index_documents(con: Any, doc_ids: Sequence[str]) -> None:
    """Write the resolution keys of the stored documents ``doc_ids``' news events and forecasts."""
    if not doc_ids:
        return
    _register_pairs(con, "_ng_docs", ((d, "") for d in doc_ids))
    try:
        events = _rows(con, _EVENT_SQL + " JOIN _ng_docs n ON n.doc_id = e.doc_id")
        forecasts = _rows(con, _FORECAST_SQL + " JOIN _ng_docs n ON n.doc_id = f.doc_id")
    finally:
        con.unregister("_ng_docs")
    evs = [_event(r) for r in events]
    props = [(f, _proposition(f)) for f in forecasts]
    names = [a for e in evs for a in (*e.source, *e.target)]
    names += [a for _f, p in props if p is not None for a in (*p.source, *p.target)]
    countries = _countries(con, names)
    ev_rows = {
        (e.doc_id, e.id, fam, actor)
        for e in evs
        if e.modality in NEWS_MODALITIES and not e.background
        for fam, actor in _keys_of(family(e.type), (*e.source, *e.target), countries)
    }
    f_rows = {
        (f["doc_id"], str(f["id"]), fam, actor)
        for f, p in props
        if p is not None
        for fam, actor in _keys_of(family(p.type), (*p.source, *p.target), countries)
    }
    for table, rows in (("event_keys", ev_rows), ("forecast_keys", f_rows)):
        if not rows:
            continue
        cols = list(zip(*sorted(rows), strict=True))
        con.register("_ng_keys", pa.table([pa.array(c, pa.string()) for c in cols], schema=_KEY))
        try:
            con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM _ng_keys")
        finally:
            con.unregister("_ng_keys")


def forget_documents(con: Any, doc_ids: Sequence[str]) -> list[tuple[str, str]]:
    """Drop the keys of ``doc_ids`` and reopen the forecasts their events resolved; returns those."""
    if not doc_ids:
        return []
    marks = ", ".join("?" for _ in doc_ids)
    reopened = [
        (r[0], r[1])
        for r in con.execute(
            f"SELECT doc_id, id FROM forecasts WHERE status = 'came_true' AND resolved_doc IN ({marks}) "
            f"AND doc_id NOT IN ({marks})",
            [*doc_ids, *doc_ids],
        ).fetchall()
    ]
    if reopened:
        con.execute(
            "UPDATE forecasts SET status = 'open', resolved_event = NULL, resolved_doc = NULL, resolved_on = NULL "
            f"WHERE status = 'came_true' AND resolved_doc IN ({marks})",
            list(doc_ids),
        )
    for table in ("event_keys", "forecast_keys"):
        con.execute(f"DELETE FROM {table} WHERE doc_id IN ({marks})", list(doc_ids))
    return reopened


def _order(e: _Ev) -> tuple:
    return (e.when or dt.date.max, e.published or dt.date.max, e.doc_id or "", e.id)


def resolve_batch(
    con: Any,
    doc_ids: Sequence[str],
    on: dt.date | str,
    *,
    reopened: Sequence[tuple[str, str]] = (),
) -> list[Change]:
    """Index the newly stored documents ``doc_ids`` and bring the ledger up to date as of ``on``.

    Runs on the caller's connection and transaction; returns the status changes written.
    """
    day = _day(on)
    if day is None:
        raise ValueError(f"not a date: {on!r}")
    index_documents(con, doc_ids)
    _register_pairs(con, "_ng_docs", ((d, "") for d in doc_ids))
    _register_pairs(con, "_ng_reopened", reopened)
    try:
        # (forecast, event) pairs that share a key: new events against every forecast, and new
        # or reopened forecasts against every event.
        pairs = con.execute(
            "SELECT DISTINCT fk.doc_id, fk.id, ek.doc_id, ek.id FROM event_keys ek "
            "JOIN forecast_keys fk ON fk.family = ek.family AND fk.actor = ek.actor "
            "WHERE ek.doc_id IN (SELECT doc_id FROM _ng_docs) OR fk.doc_id IN (SELECT doc_id FROM _ng_docs) "
            "OR EXISTS (SELECT 1 FROM _ng_reopened r WHERE r.doc_id = fk.doc_id AND r.id = fk.id)"
        ).fetchall()
    finally:
        con.unregister("_ng_docs")
        con.unregister("_ng_reopened")
    fresh = set(doc_ids)
    wanted_f = {(r[0], r[1]) for r in pairs} | set(reopened)
    forecasts = _fetch(con, _FORECAST_SQL, "f", wanted_f)
    forecasts += (
        _rows(con, _FORECAST_SQL + f" WHERE f.doc_id IN ({', '.join('?' for _ in fresh)})", sorted(fresh))
        if fresh
        else []
    )
    by_key: dict[tuple[str, str], dict[str, Any]] = {(f["doc_id"], str(f["id"])): f for f in forecasts}
    current = {(f["resolved_doc"], f["resolved_event"]) for f in by_key.values() if f["status"] == "came_true"}
    events = {
        (e.doc_id, e.id): e
        for e in (_event(r) for r in _fetch(con, _EVENT_SQL, "e", {(r[2], r[3]) for r in pairs} | current))
    }
    candidates: dict[tuple[str, str], list[_Ev]] = {}
    for f_doc, f_id, e_doc, e_id in pairs:
        ev = events.get((e_doc, e_id))
        if ev is not None and (ev.published or day) <= day:
            candidates.setdefault((f_doc, f_id), []).append(ev)
    names = [a for e in events.values() for a in (*e.source, *e.target)]
    props = {k: _proposition(f) for k, f in by_key.items()}
    names += [a for p in props.values() if p is not None for a in (*p.source, *p.target)]
    countries = _countries(con, names)
    changes = []
    for key in sorted(by_key):
        f = by_key[key]
        change = _settle(f, props[key], candidates.get(key, []), events, countries, day)
        if change is not None:
            changes.append(change)
    _write(con, changes)
    return changes


def _fetch(con: Any, sql: str, alias: str, keys: set[tuple[str, str]]) -> list[dict[str, Any]]:
    keys = {k for k in keys if k[0] is not None and k[1] is not None}
    if not keys:
        return []
    _register_pairs(con, "_ng_want", keys)
    try:
        return _rows(con, sql + f" JOIN _ng_want w ON w.doc_id = {alias}.doc_id AND w.id = {alias}.id")
    finally:
        con.unregister("_ng_want")


def _settle(
    f: dict[str, Any],
    prop: Any,
    candidates: list[_Ev],
    events: Mapping[tuple[str, str], _Ev],
    countries: Mapping[str, str],
    day: dt.date,
) -> Change | None:
    """The change (if any) that makes ``f`` obey the ledger's invariant."""
    old = f["status"] or "open"
    best = events.get((f["resolved_doc"], f["resolved_event"])) if old == "came_true" else None
    if prop is not None:
        p = _prop_dict(prop)
        for ev in sorted(candidates, key=_order):
            if best is not None and _order(ev) >= _order(best):
                break
            if match(f, ev, ev.published, proposition=p, countries=countries):
                best = ev
                break
    fid, doc_id = str(f["id"]), f["doc_id"]
    if best is not None:
        if old == "came_true" and (best.doc_id, best.id) == (f["resolved_doc"], f["resolved_event"]):
            return None
        not_before = parse_day(f.get("not_before"))
        early = bool(not_before and best.when and best.when < not_before)
        when = best.when.isoformat() if best.when else None
        return Change(fid, doc_id, old, "came_true", best.id, best.doc_id, when, early)
    new = status_on(f, day)
    return Change(fid, doc_id, old, new, on=day.isoformat()) if new != old else None


def _write(con: Any, changes: Sequence[Change]) -> None:
    for c in changes:
        if c.new == "came_true":
            con.execute(
                "UPDATE forecasts SET status = ?, resolved_event = ?, resolved_doc = ?, resolved_on = ? "
                "WHERE doc_id = ? AND id = ?",
                [c.new, c.event, c.event_doc, c.on, c.doc_id, c.forecast],
            )
        else:
            con.execute(
                "UPDATE forecasts SET status = ?, resolved_event = NULL, resolved_doc = NULL, resolved_on = NULL "
                "WHERE doc_id = ? AND id = ?",
                [c.new, c.doc_id, c.forecast],
            )


def refresh_calendar(con: Any, on: dt.date | str) -> list[Change]:
    """Open / due / expired for every unresolved forecast as of ``on`` (re-derivable at any time)."""
    day = _day(on)
    if day is None:
        raise ValueError(f"not a date: {on!r}")
    changes = []
    for doc_id, fid, by, status in con.execute(
        "SELECT doc_id, id, \"by\", status FROM forecasts WHERE status IS DISTINCT FROM 'came_true'"
    ).fetchall():
        new = status_on({"by": by}, day)
        if new != (status or "open"):
            changes.append(Change(str(fid), doc_id, status or "open", new, on=day.isoformat()))
    _write(con, changes)
    return changes
