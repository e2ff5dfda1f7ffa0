"""The API's response models (they are the OpenAPI schema at /docs).

Records keep the field names of ``newsgraph analyze --json``; models allow extra fields so that
keys added to the stored records later pass through.
"""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field

T = TypeVar("T")


class Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class Page(BaseModel, Generic[T]):
    total: int = Field(description="How many rows match, in all pages.")
    limit: int
    offset: int
    items: list[T]


class DocumentSummary(Open):
    id: str
    url: str | None = None
    title: str | None = None
    published: str | None = None
    site: str | None = None
    credited_source: str | None = None
    language: str | None = None
    version: int | None = None
    snippet: str | None = None
    score: float | None = None


class Event(Open):
    doc_id: str | None = None
    id: str
    type: str | None = None
    cameo: str | None = None
    source: list[str] = []
    target: list[str] = []
    modality: str | None = None
    certainty: float | None = None
    date: dict[str, Any] | None = None
    evidence: dict[str, Any] = {}
    intensity: float | None = None
    goldstein: float | None = None
    background: bool = False


class Statement(Open):
    doc_id: str | None = None
    id: str
    speaker: str | None = None
    speaker_text: str | None = None
    cue: str | None = None
    content: str | None = None
    form: str | None = None
    date: dict[str, Any] | None = None
    chain: list[dict[str, Any]] = []
    start: int | None = None
    end: int | None = None


class Forecast(Open):
    doc_id: str | None = None
    id: str
    predictor: str | None = None
    proposition: str | None = None
    stated_on: str | None = None
    not_before: str | None = None
    by: str | None = None
    confidence: str | None = None
    status: str | None = None


class DocumentRecord(Open):
    """One document with every annotation, in the shape of ``newsgraph analyze --json``."""

    id: str
    url: str | None = None
    title: str | None = None
    published: str | None = None
    language: str | None = None
    credited_source: str | None = None
    translated_from: str | None = None
    text: str
    paragraphs: list[str] = []
    duplicates_removed: int = 0
    boilerplate: list[str] = []
    mentions: list[dict[str, Any]] = []
    actors: list[dict[str, Any]] = []
    events: list[Event] = []
    statements: list[Statement] = []
    times: list[dict[str, Any]] = []
    forecasts: list[Forecast] = []


class ActorSummary(Open):
    id: str
    name: str
    kind: str | None = None
    country: str | None = None
    documents: int = 0


class Membership(BaseModel):
    id: str
    name: str
    since: str | None = None
    until: str | None = None


class RoleOut(BaseModel):
    title: str
    position: str
    start: str | None = None
    end: str | None = None
    org: str | None = None


class ActorDetail(ActorSummary):
    date: str | None = None
    in_knowledge_base: bool = False
    aliases: list[str] = []
    acronyms: list[str] = []
    members: list[Membership] = []
    member_of: list[Membership] = []
    roles: list[RoleOut] = []
    role_on_date: RoleOut | None = None
    events: int = 0
    statements: int = 0


class Period(Open):
    period: str
    events: int
    cooperation: float
    conflict: float
    cooperation_events: int
    conflict_events: int


class Series(BaseModel):
    a: list[str]
    b: list[str]
    interval: str
    periods: list[Period]


class Timeline(BaseModel):
    actor: str
    interval: str
    periods: list[Period]


class Node(BaseModel):
    id: str
    name: str
    kind: str | None = None
    country: str | None = None
    weight: float


class Edge(BaseModel):
    source: str
    target: str
    relation: str = Field(description="membership | cooperation | conflict | statement")
    weight: float
    intensity: float | None = None


class Network(BaseModel):
    nodes: list[Node]
    edges: list[Edge]


class SearchResult(BaseModel):
    q: str
    documents: Page[DocumentSummary]
    actors: Page[ActorSummary]
    statements: Page[Statement]


class Stats(Open):
    counts: dict[str, int]
    first_published: str | None = None
    last_published: str | None = None


class IngestRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: str | None = Field(None, description="Plain text of the article.")
    html: str | None = Field(None, description="The article's HTML page.")
    url: str | None = Field(None, description="Where it was published; fetched when neither text nor html is given.")
    title: str | None = None
    published: str | None = Field(None, description="YYYY-MM-DD")


class IngestResult(BaseModel):
    id: str | None
    status: str = Field(description="added | unchanged | failed")
    version: int | None = None
    error: str | None = None
    events: int = 0
    statements: int = 0
