"""The one write endpoint: POST /api/documents analyses an article and stores it.

Off unless an API token is configured; ``Authorization: Bearer <token>`` checked; the body is
read in chunks and refused (413) past ``api_max_body`` bytes.  URLs are fetched only through the
ingest layer, which refuses internal addresses unless ``allow_private_addresses`` is set.
"""

from __future__ import annotations

import asyncio
import hmac
import json

from fastapi import APIRouter, HTTPException, Request
from pydantic import ValidationError

from newsgraph.api import schemas
from newsgraph.ingest.base import IngestError, Limits, RawItem

router = APIRouter(tags=["ingest"])


def _check_token(request: Request) -> None:
    token = request.app.state.token
    if token is None:
        raise HTTPException(status_code=403, detail="writes are disabled: start the server with an API token "
                            "(setting api_token or $NEWSGRAPH_API_TOKEN) to allow POST /api/documents")  # fmt: skip
    sent = request.headers.get("authorization", "")
    scheme, _, value = sent.partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(value.strip().encode(), token.encode()):
        raise HTTPException(
            status_code=401, detail="missing or wrong API token", headers={"WWW-Authenticate": "Bearer"}
        )


async def _read_body(request: Request, cap: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > cap:
        raise HTTPException(status_code=413, detail=f"body over {cap} bytes")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > cap:
            raise HTTPException(status_code=413, detail=f"body over {cap} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def _item(body: schemas.IngestRequest, settings) -> RawItem:
    meta = {"title": body.title, "published": body.published}
    if body.html and body.html.strip():
        return RawItem(origin="api", data=body.html, kind="html", url=body.url, meta=meta)
    if body.text and body.text.strip():
        return RawItem(origin="api", data=body.text, kind="text", url=body.url, meta=meta)
    if body.url:
        return _fetch(body.url, settings)
    raise HTTPException(status_code=422, detail="send 'text', 'html' or 'url'")


def _fetch(url: str, settings) -> RawItem:
    if not url.startswith(("http://", "https://")):
        raise HTTPException(status_code=422, detail=f"url: only http and https are fetched, not {url[:80]!r}")
    from newsgraph.ingest import web

    # The ingest layer's guard refuses loopback, private, link-local and metadata addresses, after DNS
    # resolution and on every redirect, unless the settings allow them.
    limits = Limits(
        max_bytes=settings.max_bytes,
        timeout=settings.timeout,
        allow_private_addresses=settings.allow_private_addresses,
    )
    try:
        return web.fetch(url, limits)
    except IngestError as exc:
        raise HTTPException(status_code=422, detail=str(exc)) from None


_BODY = {
    "requestBody": {
        "required": True,
        "content": {"application/json": {"schema": schemas.IngestRequest.model_json_schema()}},
    }
}


@router.post("/documents", response_model=schemas.IngestResult, status_code=201, openapi_extra=_BODY)
async def add_document(request: Request):
    """Analyse one article (``text``, ``html`` or ``url``) and store it.  Needs the API token."""
    _check_token(request)
    settings = request.app.state.settings
    raw = await _read_body(request, settings.api_max_body)
    try:
        body = schemas.IngestRequest.model_validate(json.loads(raw or b"null"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise HTTPException(status_code=422, detail=f"body: not JSON ({exc})") from None
    except ValidationError as exc:
        raise HTTPException(status_code=422, detail=json.loads(exc.json(include_url=False))) from None
    item = await asyncio.to_thread(_item, body, settings)
    try:
        future = request.app.state.db.submit(item)
    except Exception as exc:  # noqa: BLE001 - queue full
        raise HTTPException(status_code=503, detail=f"the write queue is full, try again ({exc})") from None
    done = await asyncio.wrap_future(future)
    if done.result.status == "failed":
        raise HTTPException(status_code=422, detail=f"not stored: {done.result.error}")
    return {
        "id": done.result.doc_id,
        "status": done.result.status,
        "version": done.result.version,
        "events": done.events,
        "statements": done.statements,
    }
