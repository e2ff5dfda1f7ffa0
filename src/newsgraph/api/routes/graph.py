"""The system of interaction: dyad series and the network of a time window."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query

from newsgraph.api import schemas
from newsgraph.api.routes.deps import Con, Day, Db, Limit, Offset, page
from newsgraph.store import queries
from newsgraph.store.queries import QueryError

router = APIRouter(tags=["graph"])
Actor = Annotated[str, Query(min_length=1, max_length=200, description="An actor id or name.")]


@router.get("/dyads", response_model=schemas.Series)
def dyads(
    con: Con,
    a: Actor,
    b: Actor,
    interval: Annotated[str, Query(pattern="^(day|week|month|year)$")] = "month",
    since: Day = None,
    until: Day = None,
    directed: bool = False,
):
    """A-B cooperation and conflict per period, from event intensities (asserted and reported events only)."""
    ids_a, ids_b = queries.actor_ids(con, a), queries.actor_ids(con, b)
    for name, ids in ((a, ids_a), (b, ids_b)):
        if not ids:
            raise HTTPException(status_code=404, detail=f"no actor matches {name!r}")
    periods = queries.dyad_series(con, ids_a, ids_b, interval=interval, since=since, until=until, directed=directed)
    return {"a": ids_a, "b": ids_b, "interval": interval, "periods": periods}


@router.get("/network", response_model=schemas.Network)
def network(
    con: Con,
    db: Db,
    since: Day = None,
    until: Day = None,
    actor: Annotated[str | None, Query(max_length=200)] = None,
    type: Annotated[str | None, Query(max_length=40)] = None,  # noqa: A002
    kinds: Annotated[str | None, Query(max_length=200, description="Comma-separated actor kinds.")] = None,
    relations: Annotated[str | None, Query(max_length=200, description="Comma-separated edge relations.")] = None,
    max_edges: Annotated[int, Query(ge=1, le=5000)] = 400,
):
    """Nodes (actors) and edges (membership, cooperation, conflict, statement) for a time window."""
    rels = [r.strip() for r in relations.split(",") if r.strip()] if relations else None
    unknown = set(rels or ()) - set(queries.EDGE_RELATIONS)
    if unknown:
        raise QueryError(f"relations: unknown {', '.join(sorted(unknown))}")
    kind_list = [k.strip() for k in kinds.split(",") if k.strip()] if kinds else None
    return queries.network(
        con, since=since, until=until, actor=actor, type=type, kinds=kind_list, relations=rels, kb=db.kb,
        max_edges=max_edges,
    )  # fmt: skip


@router.get("/events", response_model=schemas.Page[schemas.Event])
def events(
    con: Con,
    actor: Annotated[str | None, Query(max_length=200, description="Source or target: an id or name.")] = None,
    type: Annotated[str | None, Query(max_length=40)] = None,  # noqa: A002
    since: Day = None,
    until: Day = None,
    counted: Annotated[bool, Query(description="Only asserted and reported news, no background.")] = False,
    limit: Limit = 50,
    offset: Offset = 0,
):
    """Events, newest first, by actor, type and date."""
    result = queries.find_events(
        con, actor=actor, type=type, since=since, until=until, counted_only=counted, limit=limit, offset=offset
    )
    result.items = [e.to_dict() for e in result.items]
    return page(result, limit, offset)
