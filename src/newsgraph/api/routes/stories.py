"""Stories: same-story clusters, their documents, copies, and the events they report counted once."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from newsgraph.api import schemas
from newsgraph.api.routes.deps import Con, Day, Limit, Offset, not_found, page
from newsgraph.store.queries import stories as queries

router = APIRouter(tags=["stories"])

StoryId = Annotated[str, Path(max_length=200, description="A story id (see GET /api/stories).")]


@router.get("/stories", response_model=schemas.Page[schemas.StorySummary])
def list_stories(
    con: Con,
    since: Day = None,
    until: Day = None,
    min_size: Annotated[int, Query(ge=1, le=1_000_000, description="Only stories of this many documents or more.")] = 1,
    limit: Limit = 50,
    offset: Offset = 0,
):
    """Stories, latest reported first: documents, copies, independent sources and events of each."""
    result = queries.find_stories(con, since=since, until=until, min_size=min_size, limit=limit, offset=offset)
    return page(result, limit, offset)


@router.get("/stories/{story_id}", response_model=schemas.StoryDetail)
def get_story(
    story_id: StoryId,
    con: Con,
    limit: Annotated[int, Query(ge=1, le=1000, description="Most documents, events and statements listed.")] = 200,
):
    """One story: its documents in time order with the earliest source marked, which document copied which
    (and which paragraphs), and the events and statements it reports with their sources and corroboration."""
    found = queries.story_detail(con, story_id, limit=limit)
    if found is None:
        raise not_found("story", story_id)
    return found
