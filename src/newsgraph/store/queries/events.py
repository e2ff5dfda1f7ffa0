"""Events, dyads and timelines, filtered, sorted and limited in SQL.

An actor's events are read from ``event_actors`` alone (one row per event and actor, with its
day and the listing's columns, in actor and day order: migration 007), dyads and timelines from
the pre-summed ``dyad_days``.  Aggregates count real-world events (event clusters, each counted
by one of its records), not mentions, and say how many independent sources back them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from newsgraph.store.db import Store
from newsgraph.store.queries.common import Con, Page, QueryError, _con, actor_ids, iso, parse_day

# The day of an event straight from the events table: its start, else its end, else the document's date.
EVENT_DAY = (
    "coalesce(try_cast(json_extract_string(e.date, '$.from') AS DATE), "
    "try_cast(json_extract_string(e.date, '$.to') AS DATE), d.published)"
)
# The same columns as event_actors carries them (migrations 007, 008).
_ACTOR_EVENT_COLS = (
    "doc_id, event_id, type, cameo, source, target, modality, certainty, date, evidence, published, title, mode, "
    "trigger, intensity, goldstein, hedges, reported_by, background, plover_type"
)
_EVENT_COLS = (
    "e.doc_id, e.id, e.type, e.cameo, e.source, e.target, e.modality, e.certainty, e.date, e.evidence, "
    "d.published, d.title, e.mode, e.trigger, e.intensity, e.goldstein, e.hedges, e.reported_by, e.background, "
    "e.plover_type"
)
INTERVALS = ("day", "week", "month", "year")


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
    mode: str | None = None
    trigger: str | None = None
    intensity: float | None = None
    goldstein: float | None = None
    hedges: list[str] | None = None
    reported_by: list[str] | None = None
    background: bool = False
    plover_type: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in self.__slots__}


def _event_row(r: tuple) -> EventRow:
    return EventRow(
        r[0],
        r[1],
        r[2],
        r[3],
        json.loads(r[4] or "[]"),
        json.loads(r[5] or "[]"),
        r[6],
        r[7],
        json.loads(r[8]) if r[8] else None,
        json.loads(r[9] or "{}"),
        iso(r[10]),
        r[11],
        r[12],
        r[13],
        r[14],
        r[15],
        json.loads(r[16] or "[]"),
        json.loads(r[17] or "[]"),
        bool(r[18]),
        r[19],
    )


def find_events(
    store: Store | Con,
    *,
    actor: str | None = None,
    type: str | None = None,  # noqa: A002 - the PLOVER field name
    since: str | None = None,
    until: str | None = None,
    include_background: bool = True,
    counted_only: bool = False,
    role: str | None = None,
    limit: int | None = 50,
    offset: int = 0,
) -> Page:
    """Stored events, newest first; ``actor`` (a name or id) matches the source or the target."""
    con = _con(store)
    start, end = parse_day(since, "since"), parse_day(until, "until", end=True)
    if role not in (None, "source", "target"):
        raise QueryError(f"role: source or target, not {role!r}")
    ids = actor_ids(con, actor)
    if ids is not None:
        return _actor_events(con, ids, type, start, end, include_background, counted_only, role, limit, offset)
    where, params = ["1=1"], []
    if type:
        where.append("upper(e.type) = upper(?)")
        params.append(type)
    if start:
        where.append(f"{EVENT_DAY} >= ?")
        params.append(start)
    if end:
        where.append(f"{EVENT_DAY} <= ?")
        params.append(end)
    if not include_background or counted_only:
        where.append("NOT coalesce(e.background, false)")
    if counted_only:
        where.append("e.modality IN ('asserted', 'reported')")
    sql = f"FROM events e JOIN documents d ON d.id = e.doc_id WHERE {' AND '.join(where)}"
    total = con.execute(f"SELECT count(*) {sql}", params).fetchone()[0]
    page = con.execute(
        f"SELECT {_EVENT_COLS} {sql} ORDER BY {EVENT_DAY} DESC NULLS LAST, e.doc_id, e.id " + _limit_sql(limit, offset),
        params,
    ).fetchall()
    return Page(int(total), [_event_row(r) for r in page])


def _actor_events(con, ids, type_, start, end, include_background, counted_only, role, limit, offset) -> Page:
    # Plain filters on event_actors, no DISTINCT (it costs a hash of every match): an event in which the
    # actor is both source and target is one row per role, so it counts twice in ``total`` and is shown once.
    where, params = [_ids_filter("actor_id", ids)], list(_ids_params(ids))
    if type_:
        where.append("type = ?")
        params.append(type_.upper())
    if start:
        where.append("day >= ?")
        params.append(start)
    if end:
        where.append("day <= ?")
        params.append(end)
    if counted_only:
        where.append("counted")
    if role:
        where.append("role = ?")
        params.append(role)
    cond = " AND ".join(where)
    total = con.execute(f"SELECT count(*) FROM event_actors WHERE {cond}", params).fetchone()[0]
    page = con.execute(
        f"SELECT {_ACTOR_EVENT_COLS} FROM event_actors WHERE {cond} ORDER BY day DESC NULLS LAST, doc_id, event_id "
        + _limit_sql(limit, offset),
        params,
    ).fetchall()
    rows = [_event_row(r) for r in {(r[0], r[1]): r for r in page}.values()]  # an event shown once
    return Page(int(total), [r for r in rows if include_background or not r.background])


def _ids_filter(column: str, ids: list[str]) -> str:
    """``column = ?`` for one id (a plain comparison DuckDB's zone maps and index can use), else a list."""
    return f"{column} = ?" if len(ids) == 1 else f"{column} IN (SELECT unnest(?::VARCHAR[]))"


def _ids_params(ids: list[str]) -> list:
    return [ids[0]] if len(ids) == 1 else [ids]


def by_keys(con: Con, table: str, alias: str, cols: str, keys: list[tuple[str, str]]) -> list[tuple]:
    """The rows of ``table`` with these (doc_id, id) keys, in the keys' order: one query for a page."""
    if not keys:
        return []
    rows = con.execute(
        f"SELECT {cols} FROM {table} {alias} JOIN documents d ON d.id = {alias}.doc_id "
        f"WHERE {alias}.doc_id IN (SELECT unnest(?::VARCHAR[]))",
        [sorted({k[0] for k in keys})],
    ).fetchall()
    found = {(r[0], r[1]): r for r in rows}
    return [found[k] for k in keys if k in found]


def _limit_sql(limit: int | None, offset: int) -> str:
    return (f"LIMIT {int(limit)} " if limit else "") + (f"OFFSET {int(offset)}" if offset else "")


def list_events(store: Store | Con, *, limit: int | None = None, **filters: Any) -> list[EventRow]:
    """The rows of :func:`find_events` (the ``newsgraph events`` listing)."""
    return find_events(store, limit=limit, **filters).items


@dataclass(slots=True)
class Dyad:
    source: str
    target: str
    events: int
    goldstein: float  # sum of the Goldstein weights
    by_type: dict[str, int]
    cooperation: float = 0.0  # sum of positive intensities
    conflict: float = 0.0  # sum of the magnitudes of negative intensities
    mentions: int = 0  # event records: every report of those events
    sources: int = 0  # sum over the events of the independent sources that report each

    def to_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in self.__slots__}


def _window(start, end) -> tuple[str, list]:
    where, params = [], []
    if start:
        where.append("day >= ?")
        params.append(start)
    if end:
        where.append("day <= ?")
        params.append(end)
    return (" AND ".join(where) or "true"), params


def dyad_scores(
    store: Store | Con, *, since: str | None = None, until: str | None = None, limit: int | None = None
) -> list[Dyad]:
    """Events between pairs of actors, counting only what happened (asserted and reported news).

    Each counted event counts once per (source, target) pair of its actors; events with no
    target count toward (source, "").  An event reported by several documents counts once
    (``mentions`` counts the reports, ``sources`` the independent sources).  Ordered by the
    number of events, most first.
    """
    con = _con(store)
    cond, params = _window(parse_day(since, "since"), parse_day(until, "until", end=True))
    rows = con.execute(
        "SELECT source, target, sum(events) AS n, sum(goldstein), "
        "map_from_entries(list((type, t_events)) FILTER (WHERE t_events > 0)), sum(cooperation), sum(conflict), "
        "sum(mentions), sum(sources) FROM (SELECT source, target, type, sum(events) AS events, "
        "sum(events)::BIGINT AS t_events, sum(goldstein) AS goldstein, sum(cooperation) AS cooperation, "
        "sum(conflict) AS conflict, sum(mentions) AS mentions, sum(sources) AS sources "
        f"FROM dyad_days WHERE {cond} GROUP BY ALL) GROUP BY source, target HAVING sum(events) > 0 "
        "ORDER BY n DESC, source, target " + _limit_sql(limit, 0),
        params,
    ).fetchall()
    return [
        Dyad(s, t, int(n), float(g), dict(bt), float(c), float(x), int(m), int(src))
        for s, t, n, g, bt, c, x, m, src in rows
    ]


def period_sql(interval: str, column: str = "day") -> str:
    if interval not in INTERVALS:
        raise QueryError(f"interval: one of {', '.join(INTERVALS)}, not {interval!r}")
    return f"date_trunc('{interval}', {column})::DATE"


def dyad_series(
    store: Store | Con,
    a: list[str],
    b: list[str],
    *,
    interval: str = "month",
    since: str | None = None,
    until: str | None = None,
    directed: bool = False,
) -> list[dict[str, Any]]:
    """Cooperation and conflict between actors ``a`` and ``b`` per period (both directions unless ``directed``)."""
    con = _con(store)
    cond, params = _window(parse_day(since, "since"), parse_day(until, "until", end=True))
    pair = f"({_ids_filter('source', a)} AND {_ids_filter('target', b)})"
    pairs, pair_params = pair, [*_ids_params(a), *_ids_params(b)]
    if not directed:
        back = f"({_ids_filter('source', b)} AND {_ids_filter('target', a)})"
        pairs, pair_params = f"({pair} OR {back})", [*pair_params, *_ids_params(b), *_ids_params(a)]
    return _series(con, f"{pairs} AND {cond}", [*pair_params, *params], interval)


def actor_timeline(
    store: Store | Con, ids: list[str], *, interval: str = "month", since: str | None = None, until: str | None = None
) -> list[dict[str, Any]]:
    """An actor's counted events per period, as source or target, with cooperation and conflict.

    An event reported by several documents counts once, in the period of the record that counts
    it; ``mentions`` counts the reports, ``sources`` the independent sources behind the events.
    """
    con = _con(store)
    start, end = parse_day(since, "since"), parse_day(until, "until", end=True)
    cond, params = _window(start, end)
    period = period_sql(interval)
    rows = con.execute(
        f"SELECT {period} AS period, count(DISTINCT (doc_id, event_id)) FILTER (WHERE weight > 0) AS events, "
        "count(DISTINCT (doc_id, event_id)) FILTER (WHERE weight > 0 AND intensity > 0), "
        "count(DISTINCT (doc_id, event_id)) FILTER (WHERE weight > 0 AND intensity < 0), "
        "count(DISTINCT (doc_id, event_id)) FILTER (WHERE weight > 0 AND role = 'source'), "
        "count(DISTINCT (doc_id, event_id)) FILTER (WHERE weight > 0 AND role = 'target'), "
        "count(DISTINCT (doc_id, event_id)) "
        f"FROM event_actors WHERE counted AND day IS NOT NULL AND actor_id IN (SELECT unnest(?::VARCHAR[])) "
        f"AND {cond} GROUP BY period ORDER BY period",
        [ids, *params],
    ).fetchall()
    sums = con.execute(
        f"SELECT {period} AS period, sum(weight * greatest(intensity, 0)), sum(weight * greatest(-intensity, 0)), "
        "sum(sources) FROM (SELECT DISTINCT doc_id, event_id, day, coalesce(intensity, 0) AS intensity, weight, "
        "sources FROM event_actors "
        f"WHERE counted AND day IS NOT NULL AND actor_id IN (SELECT unnest(?::VARCHAR[])) AND {cond}) "
        "GROUP BY period",
        [ids, *params],
    ).fetchall()
    intensity = {p: (c, x, src) for p, c, x, src in sums}
    return [
        {
            "period": iso(p),
            "events": int(n),
            "cooperation_events": int(c),
            "conflict_events": int(x),
            "as_source": int(s),
            "as_target": int(t),
            "cooperation": float(intensity.get(p, (0, 0, 0))[0] or 0),
            "conflict": float(intensity.get(p, (0, 0, 0))[1] or 0),
            "mentions": int(m),
            "sources": int(intensity.get(p, (0, 0, 0))[2] or 0),
        }
        for p, n, c, x, s, t, m in rows
        if n
    ]


def _series(con: Con, cond: str, params: list, interval: str) -> list[dict[str, Any]]:
    period = period_sql(interval)
    rows = con.execute(
        f"SELECT {period} AS period, sum(events), sum(cooperation), sum(conflict), sum(coop_events), "
        f"sum(conflict_events), sum(goldstein), sum(mentions), sum(sources) FROM dyad_days WHERE {cond} "
        "GROUP BY period HAVING sum(events) > 0 ORDER BY period",
        params,
    ).fetchall()
    return [
        {
            "period": iso(p),
            "events": int(n),
            "cooperation": float(c),
            "conflict": float(x),
            "cooperation_events": int(ce),
            "conflict_events": int(xe),
            "goldstein": float(g),
            "mentions": int(m),
            "sources": int(src),
        }
        for p, n, c, x, ce, xe, g, m, src in rows
    ]
