"""Statements and the forecast ledger, filtered, sorted and limited in SQL."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from newsgraph.store.db import Store
from newsgraph.store.queries.common import Con, Page, QueryError, _con, actor_ids, iso, parse_day
from newsgraph.store.queries.events import _ids_filter, _ids_params, _limit_sql, by_keys

STATEMENT_DAY = (
    "coalesce(try_cast(json_extract_string(s.date, '$.from') AS DATE), "
    "try_cast(json_extract_string(s.date, '$.to') AS DATE), d.published)"
)
_STATEMENT_COLS = (
    's.doc_id, s.id, s.speaker, s.speaker_text, s.cue, s.content, s.form, s.date, s.chain, s.start, s."end", '
    f"d.published, d.title, {STATEMENT_DAY} AS day, s.events"
)
# The same columns as statement_actors carries them (migrations 007, 008).
_ACTOR_STATEMENT_COLS = (
    'doc_id, statement_id, speaker, speaker_text, cue, content, form, date, chain, start, "end", published, title, '
    "day, events"
)
_STATEMENT_KEYS = (
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
    "when",
    "events",
)


def _statement(row: tuple) -> dict[str, Any]:
    rec = dict(zip(_STATEMENT_KEYS, row, strict=True))
    rec["date"] = json.loads(rec["date"]) if rec["date"] else None
    rec["chain"] = json.loads(rec["chain"] or "[]")
    rec["published"] = iso(rec["published"])
    rec["when"] = iso(rec["when"])
    rec["events"] = json.loads(rec["events"] or "[]")
    return rec


def find_statements(
    store: Store | Con,
    *,
    speaker: str | None = None,
    about: str | None = None,
    since: str | None = None,
    until: str | None = None,
    doc_id: str | None = None,
    limit: int | None = 50,
    offset: int = 0,
) -> Page:
    """Stored statements, newest utterance first.

    ``speaker`` matches the speaker actor; ``about`` an actor named inside the content; ``since``
    and ``until`` the utterance date (the document's date when the text gives none).
    """
    con = _con(store)
    start, end = parse_day(since, "since"), parse_day(until, "until", end=True)
    speakers, abouts = actor_ids(con, speaker), actor_ids(con, about)
    if speakers == [] or abouts == []:
        return Page(0, [])
    if speakers is not None or abouts is not None:
        return _actor_statements(con, speakers, abouts, start, end, limit, offset)
    where, params = ["1=1"], []
    for cond, value in ((f"{STATEMENT_DAY} >= ?", start), (f"{STATEMENT_DAY} <= ?", end), ("s.doc_id = ?", doc_id)):
        if value is not None:
            where.append(cond)
            params.append(value)
    sql = f"FROM statements s JOIN documents d ON d.id = s.doc_id WHERE {' AND '.join(where)}"
    total = con.execute(f"SELECT count(*) {sql}", params).fetchone()[0]
    rows = con.execute(
        f"SELECT {_STATEMENT_COLS} {sql} ORDER BY day DESC NULLS LAST, s.doc_id, s.id " + _limit_sql(limit, offset),
        params,
    ).fetchall()
    return Page(int(total), [_statement(r) for r in rows])


def _actor_statements(con, speakers, abouts, start, end, limit, offset) -> Page:
    parts, params = [], []
    for role, ids in (("speaker", speakers), ("about", abouts)):
        if ids is None:
            continue
        where = [_ids_filter("actor_id", ids), "role = ?"]
        p: list[Any] = [*_ids_params(ids), role]
        if start:
            where.append("day >= ?")
            p.append(start)
        if end:
            where.append("day <= ?")
            p.append(end)
        parts.append((" AND ".join(where), p))
    order = "ORDER BY day DESC NULLS LAST, doc_id, statement_id " + _limit_sql(limit, offset)
    if len(parts) == 1:  # the page straight from statement_actors (migration 007 carries the columns)
        cond, params = parts[0]
        total = con.execute(f"SELECT count(*) FROM statement_actors WHERE {cond}", params).fetchone()[0]
        rows = con.execute(f"SELECT {_ACTOR_STATEMENT_COLS} FROM statement_actors WHERE {cond} {order}", params)
        page = rows.fetchall()
    else:  # said by one and about another: the statements in both, each once
        hits = " INTERSECT ".join(f"SELECT doc_id, statement_id, day FROM statement_actors WHERE {c}" for c, _ in parts)
        params = [v for _, p in parts for v in p]
        total = con.execute(f"SELECT count(*) FROM ({hits})", params).fetchone()[0]
        cond, first = parts[0]
        page = con.execute(
            f"SELECT {_ACTOR_STATEMENT_COLS} FROM statement_actors WHERE {cond} AND EXISTS (SELECT 1 FROM ({hits}) h "
            "WHERE h.doc_id = statement_actors.doc_id AND h.statement_id = statement_actors.statement_id) "
            f"QUALIFY row_number() OVER (PARTITION BY doc_id, statement_id) = 1 {order}",
            [*first, *params],
        ).fetchall()
    return Page(int(total), [_statement(r) for r in {(r[0], r[1]): r for r in page}.values()])


def statements_by_keys(con: Con, keys: list[tuple[str, str]]) -> list[dict[str, Any]]:
    """The statements with these (doc_id, statement id) keys, in that order."""
    return [_statement(r) for r in by_keys(con, "statements", "s", _STATEMENT_COLS, keys)]


def list_statements(store: Store | Con, *, limit: int | None = None, **filters: Any) -> list[dict[str, Any]]:
    """The rows of :func:`find_statements` (the ``newsgraph statements`` listing)."""
    return find_statements(store, limit=limit, **filters).items


FORECAST_STATUSES = ("open", "due", "came_true", "expired")
# The last day a forecast's horizon allows ("by" may be a day, a month or a year).
_BY_END = (
    'coalesce(try_cast(f."by" AS DATE), last_day(try_cast(f."by" || \'-01\' AS DATE)), '
    "try_cast(f.\"by\" || '-12-31' AS DATE))"
)
# The status on a day (the parameter), as newsgraph.nlp.forecasts.status_on computes it: came_true
# stays so; open while there is no deadline or it has not passed; due once it has; expired a year on.
_STATUS = (
    "CASE WHEN f.status = 'came_true' THEN 'came_true' "
    f"WHEN {_BY_END} IS NULL OR $on <= {_BY_END} THEN 'open' "
    f"WHEN $on - {_BY_END} > 365 THEN 'expired' ELSE 'due' END"
)
_FORECAST_COLS = (
    'f.doc_id, f.id, f.predictor, f.proposition, f.event, f.stated_on, f.not_before, f."by", f.confidence, '
    f'{_STATUS} AS status, f.resolved_event, f.resolved_doc, d.published, d.title, f."window", f.resolved_on'
)


def find_forecasts(
    store: Store | Con,
    *,
    predictor: str | None = None,
    status: str | None = None,
    due_before: str | None = None,
    today: str | None = None,
    doc_id: str | None = None,
    limit: int | None = 50,
    offset: int = 0,
) -> Page:
    """Stored forecasts, soonest horizon first; ``status`` is the status as of ``today``."""
    con = _con(store)
    if status is not None and status not in FORECAST_STATUSES:
        raise QueryError(f"status: one of {', '.join(FORECAST_STATUSES)}, not {status!r}")
    due = parse_day(due_before, "due_before", end=True)
    on = parse_day(today, "today") or dt.date.today()
    where, params = ["1=1"], {"on": on}
    ids = actor_ids(con, predictor)
    if ids is not None:
        where.append("f.predictor IN (SELECT unnest($ids::VARCHAR[]))")
        params["ids"] = ids
    if status:
        where.append(f"{_STATUS} = $status")
        params["status"] = status
    if due:
        where.append(f"{_BY_END} <= $due")
        params["due"] = due
    if doc_id:
        where.append("f.doc_id = $doc")
        params["doc"] = doc_id
    sql = f"FROM forecasts f JOIN documents d ON d.id = f.doc_id WHERE {' AND '.join(where)}"
    count_params = {k: v for k, v in params.items() if f"${k}" in sql}  # DuckDB refuses unused names
    total = con.execute(f"SELECT count(*) {sql}", count_params).fetchone()[0]
    cur = con.execute(
        f"SELECT {_FORECAST_COLS} {sql} ORDER BY {_BY_END} NULLS LAST, f.stated_on, f.doc_id, f.id "
        + _limit_sql(limit, offset),
        params,
    )
    cols = [c[0] for c in cur.description]
    out = []
    for r in cur.fetchall():
        rec = dict(zip(cols, r, strict=True))
        rec["published"] = iso(rec["published"])
        rec["window"] = json.loads(rec["window"]) if rec["window"] else None
        out.append(rec)
    return Page(int(total), out)


def list_forecasts(store: Store | Con, *, limit: int | None = None, **filters: Any) -> list[dict[str, Any]]:
    """The rows of :func:`find_forecasts` (the ``newsgraph forecasts`` ledger)."""
    return find_forecasts(store, limit=limit, **filters).items
