"""Actors: search, one actor on a date (from the knowledge base and the store), its events,
statements and timeline."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Query

from newsgraph.api import schemas
from newsgraph.api.routes.deps import Con, Day, Db, Limit, Offset, Text, not_found, page
from newsgraph.store import queries
from newsgraph.store.queries import Page
from newsgraph.store.queries.common import parse_day

router = APIRouter(tags=["actors"])
Interval = Annotated[str, Query(pattern="^(day|week|month|year)$")]


def find_actors(con, *, q: str | None, kind: str | None, limit: int, offset: int) -> Page:
    where, params = ["1=1"], []
    if q:
        where.append("(contains(lower(a.name), lower(?)) OR lower(a.id) = lower(?))")
        params += [q, q]
    if kind:
        where.append("a.kind = ?")
        params.append(kind)
    cond = " AND ".join(where)
    total = con.execute(f"SELECT count(*) FROM actors a WHERE {cond}", params).fetchone()[0]
    rows = con.execute(
        "SELECT a.id, a.name, a.kind, a.country, coalesce(n.documents, 0) AS documents FROM actors a "
        "LEFT JOIN (SELECT actor_id, count(*) AS documents FROM document_actors GROUP BY actor_id) n "
        f"ON n.actor_id = a.id WHERE {cond} "
        "ORDER BY (lower(a.name) = lower(coalesce(?, ''))) DESC, documents DESC, a.name LIMIT ? OFFSET ?",
        [*params, q, limit, offset],
    ).fetchall()
    cols = ("id", "name", "kind", "country", "documents")
    return Page(int(total), [dict(zip(cols, r, strict=True)) for r in rows])


@router.get("/actors", response_model=schemas.Page[schemas.ActorSummary])
def list_actors(
    con: Con,
    q: Text = None,
    kind: Annotated[str | None, Query(max_length=40)] = None,
    limit: Limit = 50,
    offset: Offset = 0,
):
    """Actors by name (or id) and kind, the most written about first."""
    return page(find_actors(con, q=q, kind=kind, limit=limit, offset=offset), limit, offset)


def _day(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _role(role) -> dict[str, Any]:
    return {"title": role.title, "position": role.position, "start": _day(role.start), "end": _day(role.end),
            "org": role.org}  # fmt: skip


@router.get("/actors/{actor_id}", response_model=schemas.ActorDetail)
def get_actor(actor_id: str, con: Con, db: Db, date: Day = None):
    """One actor: aliases, members and memberships, roles, and the role held on ``date`` (default today)."""
    row = con.execute("SELECT id, name, kind, country FROM actors WHERE id = ?", [actor_id]).fetchone()
    kb = db.kb
    entry = kb.get(actor_id)
    if row is None and entry is None:
        raise not_found("actor", actor_id)
    on = parse_day(date, "date") or dt.date.today()
    out: dict[str, Any] = {
        "id": actor_id,
        "name": row[1] if row else entry.name,
        "kind": row[2] if row else entry.kind,
        "country": row[3] if row else entry.country,
        "date": on.isoformat(),
        "in_knowledge_base": entry is not None,
    }
    counts = con.execute(
        "SELECT (SELECT count(*) FROM document_actors WHERE actor_id = $a), "
        "(SELECT count(*) FROM (SELECT DISTINCT doc_id, event_id FROM event_actors WHERE actor_id = $a)), "
        "(SELECT count(*) FROM statement_actors WHERE actor_id = $a AND role = 'speaker')",
        {"a": actor_id},
    ).fetchone()
    out.update(documents=counts[0], events=counts[1], statements=counts[2])
    if entry is not None:
        out["aliases"], out["acronyms"] = list(entry.aliases), list(entry.acronyms)
        out["members"] = [
            {"id": s.id, "name": s.name, "since": _day(m.start), "until": _day(m.end)}
            for m in entry.members
            if m.active(on) and (s := kb.state(m.country)) is not None
        ]
        out["member_of"] = _memberships(kb, entry, on)
        out["roles"] = [_role(r) for r in entry.roles]
        current = entry.role_on(on) if entry.roles else None
        out["role_on_date"] = _role(current) if current else None
    return out


def _memberships(kb, entry, on: dt.date) -> list[dict[str, Any]]:
    if entry.kind != "state" or not entry.country:
        return []
    out = []
    for org in kb.entries.values():
        for m in org.members:
            if m.country == entry.country and m.active(on):
                out.append({"id": org.id, "name": org.name, "since": _day(m.start), "until": _day(m.end)})
    return sorted(out, key=lambda m: m["name"])


@router.get("/actors/{actor_id}/events", response_model=schemas.Page[schemas.Event])
def actor_events(
    actor_id: str,
    con: Con,
    since: Day = None,
    until: Day = None,
    type: Annotated[str | None, Query(max_length=40)] = None,  # noqa: A002
    role: Annotated[str | None, Query(pattern="^(source|target)$")] = None,
    counted: Annotated[bool, Query(description="Only asserted and reported news, no background.")] = False,
    limit: Limit = 50,
    offset: Offset = 0,
):
    """The actor's events (as source or target), newest first."""
    _known(con, actor_id)
    result = queries.find_events(
        con, actor=actor_id, since=since, until=until, type=type, role=role, counted_only=counted,
        limit=limit, offset=offset,
    )  # fmt: skip
    result.items = [e.to_dict() for e in result.items]
    return page(result, limit, offset)


@router.get("/actors/{actor_id}/statements", response_model=schemas.Page[schemas.Statement])
def actor_statements(
    actor_id: str,
    con: Con,
    role: Annotated[str, Query(pattern="^(speaker|about)$")] = "speaker",
    since: Day = None,
    until: Day = None,
    limit: Limit = 50,
    offset: Offset = 0,
):
    """What the actor said (``role=speaker``) or what was said about it (``role=about``), newest first."""
    _known(con, actor_id)
    who = {"speaker": actor_id} if role == "speaker" else {"about": actor_id}
    result = queries.find_statements(con, since=since, until=until, limit=limit, offset=offset, **who)
    return page(result, limit, offset)


@router.get("/actors/{actor_id}/timeline", response_model=schemas.Timeline)
def actor_timeline(actor_id: str, con: Con, interval: Interval = "month", since: Day = None, until: Day = None):
    """The actor's counted events per period, with cooperation and conflict (asserted and reported news)."""
    _known(con, actor_id)
    periods = queries.actor_timeline(con, [actor_id], interval=interval, since=since, until=until)
    return {"actor": actor_id, "interval": interval, "periods": periods}


def _known(con, actor_id: str) -> None:
    if con.execute("SELECT 1 FROM actors WHERE id = ?", [actor_id]).fetchone() is None:
        raise not_found("actor", actor_id)
