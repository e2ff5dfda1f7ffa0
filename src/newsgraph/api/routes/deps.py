"""What the routers share: a cursor per request, paging parameters, 404s."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Query, Request

from newsgraph.api.database import Database
from newsgraph.store.queries import Page


def get_db(request: Request) -> Database:
    return request.app.state.db


def get_con(db: Annotated[Database, Depends(get_db)]) -> Iterator[Any]:
    cur = db.cursor()
    try:
        yield cur
    finally:
        cur.close()


Con = Annotated[Any, Depends(get_con)]
Db = Annotated[Database, Depends(get_db)]
Limit = Annotated[int, Query(ge=1, le=1000, description="Rows per page.")]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="Rows to skip.")]
Day = Annotated[str | None, Query(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$", description="YYYY-MM-DD (or YYYY-MM, YYYY)")]
Text = Annotated[str | None, Query(max_length=200)]


def page(result: Page, limit: int, offset: int) -> dict[str, Any]:
    return {"total": result.total, "limit": limit, "offset": offset, "items": result.items}


def not_found(what: str, key: str) -> HTTPException:
    return HTTPException(status_code=404, detail=f"no {what} with id {key!r}")
