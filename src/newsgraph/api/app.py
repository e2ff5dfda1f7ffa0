"""The HTTP API: ``create_app(db_path, settings)`` builds the FastAPI app that ``newsgraph serve`` runs.

Read endpoints live under ``/api`` (paginated with ``limit`` and ``offset``, each page with its
``total``); OpenAPI docs at ``/docs``.  Everything is JSON: no document text is ever sent as HTML.
The web app (``newsgraph.web``) is mounted when that package provides ``mount(app)``.
"""

from __future__ import annotations

import os
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from newsgraph import __version__
from newsgraph.api.database import Database
from newsgraph.config import Settings
from newsgraph.store import StoreError
from newsgraph.store.queries import QueryError

TOKEN_ENV = "NEWSGRAPH_API_TOKEN"


def api_token(settings: Settings) -> str | None:
    token = os.environ.get(TOKEN_ENV) or settings.api_token
    return token or None


def create_app(db_path: str | Path, settings: Settings | None = None) -> FastAPI:
    """The API over the database at ``db_path``; writable (POST /api/documents) only with a token."""
    from newsgraph.api.routes import actors, documents, graph, ingest, stories

    settings = settings or Settings()
    token = api_token(settings)
    database = Database(str(db_path), writable=token is not None, model=settings.model)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        database.close()

    app = FastAPI(
        title="newsgraph",
        version=__version__,
        description="Who did, said and predicted what, to whom, when, and according to whom: "
        "the documents, actors, events, statements and forecasts of a newsgraph store.",
        lifespan=lifespan,
    )
    app.state.db = database
    app.state.settings = settings
    app.state.token = token

    @app.exception_handler(QueryError)
    async def bad_filter(request: Request, exc: QueryError) -> JSONResponse:
        # the shape of FastAPI's own validation errors, as the OpenAPI spec documents for 422
        name, _, message = str(exc).partition(": ")
        detail = [{"type": "value_error", "loc": ["query", name], "msg": message or str(exc), "input": None}]
        return JSONResponse(status_code=422, content={"detail": detail})

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError) -> JSONResponse:
        return JSONResponse(status_code=503, content={"detail": str(exc)})

    @app.middleware("http")
    async def no_sniffing(request: Request, call_next):
        response = await call_next(request)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        return response

    for module in (documents, actors, graph, stories, ingest):
        app.include_router(module.router, prefix="/api")
    try:
        from newsgraph import web
    except ImportError:
        web = None
    if web is not None and callable(getattr(web, "mount", None)):
        web.mount(app)
    return app
