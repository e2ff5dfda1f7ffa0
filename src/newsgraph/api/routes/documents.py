"""Documents, statements, forecasts, search and the store's figures."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from newsgraph.api import schemas
from newsgraph.api.routes.deps import Con, Day, Db, Limit, Offset, Text, not_found, page
from newsgraph.store import queries
from newsgraph.store.queries.stories import document_links

router = APIRouter(tags=["documents"])


@router.get("/documents", response_model=schemas.Page[schemas.DocumentSummary])
def list_documents(
    con: Con,
    db: Db,
    q: Text = None,
    outlet: Text = None,
    since: Day = None,
    until: Day = None,
    limit: Limit = 50,
    offset: Offset = 0,
):
    """Documents: the best matches of ``q`` (full-text) first, else the newest; by outlet and date."""
    result = queries.find_documents(
        con, q=q, outlet=outlet, since=since, until=until, index=db.index, limit=limit, offset=offset
    )
    return page(result, limit, offset)


@router.get("/documents/{doc_id}", response_model=schemas.DocumentRecord)
def get_document(doc_id: str, con: Con):
    """One document with every annotation (the ``analyze --json`` record), boilerplate removed apart."""
    record = queries.document_record(con, doc_id)
    if record is None:
        raise not_found("document", doc_id)
    return with_links(record, document_links(con, doc_id))


def with_links(record: dict, links: dict) -> dict:
    """The record with what linking found, in the keys ``analyze --json`` gives them (added keys)."""
    record.update(story=links["story"], copy_of=links["copy_of"], copied_by=links["copied_by"])
    for key, items, found in (
        ("event_cluster", record["events"], links["events"]),
        ("statement_cluster", record["statements"], links["statements"]),
    ):
        for item in items:
            item[key], item["corroboration"] = found.get(item["id"], (None, None))
    return record


@router.get("/statements", response_model=schemas.Page[schemas.Statement])
def list_statements(
    con: Con,
    speaker: Text = None,
    about: Text = None,
    since: Day = None,
    until: Day = None,
    limit: Limit = 50,
    offset: Offset = 0,
):
    """Statements, newest first: by speaker, by an actor they name, by utterance date."""
    result = queries.find_statements(
        con, speaker=speaker, about=about, since=since, until=until, limit=limit, offset=offset
    )
    return page(result, limit, offset)


@router.get("/forecasts", response_model=schemas.Page[schemas.Forecast])
def list_forecasts(
    con: Con,
    status: Annotated[str | None, Query(pattern="^(open|due|came_true|expired)$")] = None,
    due_before: Day = None,
    predictor: Text = None,
    limit: Limit = 50,
    offset: Offset = 0,
):
    """The forecast ledger, soonest horizon first; status as of today."""
    result = queries.find_forecasts(
        con, status=status, due_before=due_before, predictor=predictor, limit=limit, offset=offset
    )
    return page(result, limit, offset)


@router.get("/search", response_model=schemas.SearchResult)
def search(
    con: Con,
    db: Db,
    q: Annotated[str, Query(min_length=1, max_length=200)],
    limit: Annotated[int, Query(ge=1, le=100)] = 10,
):
    """Documents, actors and statements matching ``q``."""
    from newsgraph.api.routes.actors import find_actors

    docs = queries.find_documents(con, q=q, index=db.index, limit=limit)
    total, hits = db.index.statements(q, limit=limit)
    from newsgraph.store.queries.statements import statements_by_keys

    scores = {(h[0], h[1]): h[2] for h in hits}
    items = [{**s, "score": scores[(s["doc_id"], s["id"])]} for s in statements_by_keys(con, list(scores))]
    actors = find_actors(con, q=q, kind=None, limit=limit, offset=0)
    return {
        "q": q,
        "documents": page(docs, limit, 0),
        "actors": page(actors, limit, 0),
        "statements": {"total": total, "limit": limit, "offset": 0, "items": items},
    }


@router.get("/stats", response_model=schemas.Stats)
def stats(con: Con):
    """Counts and the date range of the store."""
    return queries.stats(con)
