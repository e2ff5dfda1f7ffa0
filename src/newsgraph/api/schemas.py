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
    story: str | None = Field(None, description="The same-story cluster it belongs to (GET /api/stories/{id}).")
    copy_of: dict[str, Any] | None = Field(None, description="{origin, share, paragraphs} when it is a reprint.")
    copied_by: list[str] = Field([], description="The documents that copy it.")


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


class StorySummary(BaseModel):
    id: str
    title: str | None = Field(None, description="The headline of its earliest source (the earliest with one).")
    earliest: str | None = Field(None, description="The earliest document that is not a copy.")
    first_seen: str | None = Field(None, description="Published date of its first report.")
    last_seen: str | None = Field(None, description="Published date of its latest report.")
    first_stored: str | None = None
    last_stored: str | None = None
    documents: int
    copies: int = Field(description="Documents that copy another (reprints).")
    sources: int = Field(description="Independent sources: copies and one agency count once.")
    events: int = Field(description="Real-world events it reports, each counted once.")
    corroborated_events: int = 0


class StoryDocument(BaseModel):
    id: str
    title: str | None = None
    published: str | None = None
    stored: str | None = None
    url: str | None = None
    site: str | None = None
    credited_source: str | None = None
    language: str | None = None
    source: str = Field(description="Its independent source (shared by copies and by one agency's reports).")
    earliest: bool = Field(description="Whether it is the story's earliest source.")
    copy_of: str | None = Field(None, description="The document it copies, when it is a reprint.")
    copied_share: float | None = None


class CopiedParagraph(BaseModel):
    paragraph: int = Field(description="Paragraph of the copy (0-based, in its paragraphs).")
    from_doc: str
    from_paragraph: int
    similarity: float


class CopyLink(BaseModel):
    doc_id: str
    origin_id: str
    share: float | None = Field(None, description="Share of the copy's paragraphs found in the group.")
    paragraphs: list[CopiedParagraph]


class StoryCluster(BaseModel):
    id: str
    mentions: int
    documents: int
    sources: int
    corroboration: str | None = Field(None, description="single_source | relayed | corroborated")
    doc_ids: list[str]
    first_doc: str


class StoryEvent(StoryCluster):
    type: str | None = None
    plover_type: str | None = None
    source: list[str] = []
    target: list[str] = []
    date: str | None = None
    evidence: str | None = None
    news: bool = Field(True, description="Asserted or reported news (not predicted, planned or background).")


class StoryStatement(StoryCluster):
    speaker: str | None = None
    speaker_text: str | None = None
    content: str | None = None


class StoryActor(BaseModel):
    id: str
    name: str
    kind: str | None = None


class StoryDetail(BaseModel):
    id: str
    title: str | None = None
    earliest: str | None = None
    first_seen: str | None = None
    last_seen: str | None = None
    first_stored: str | None = None
    last_stored: str | None = None
    copies: int
    sources: int
    corroborated_events: int = 0
    n_documents: int
    n_events: int
    n_statements: int
    documents: list[StoryDocument]
    copy_links: list[CopyLink]
    events: list[StoryEvent]
    statements: list[StoryStatement]
    actors: list[StoryActor] = Field([], description="The stored actors its events and statements name.")
