"""Typed records shared by every layer.

Data flows one way (ingest -> nlp -> link -> store -> api/web/export); these
records are the only thing the layers have in common.  Each record knows how
to turn itself into the public JSON shape of ``newsgraph analyze --json``
(keys may be added over time, never renamed).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(slots=True)
class DateValue:
    """A normalised date: a TIMEX3-style ``value`` and the ``from``/``to`` day range it covers."""

    value: str
    start: str | None = None  # "from" in JSON (a Python keyword)
    end: str | None = None  # "to" in JSON
    precision: str | None = None  # day, month, year, decade, open

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"value": self.value, "from": self.start, "to": self.end}
        if self.precision:
            out["precision"] = self.precision
        return out


@dataclass(slots=True)
class Mention:
    """A span of the document text that names (or refers to) an actor."""

    text: str
    start: int
    end: int
    label: str
    actor_id: str | None = None
    # every actor the span refers to: one for a name, several for "the two countries"
    actor_ids: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Actor:
    """A canonical actor: state, alliance, organisation, outlet, person, ..."""

    id: str
    name: str
    kind: str
    country: str | None = None
    sector: str | None = None
    role: str | None = None
    wikidata: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Evidence:
    text: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Event:
    id: str
    type: str
    cameo: str | None
    source: list[str]
    target: list[str]
    modality: str
    certainty: float
    date: DateValue | None
    evidence: Evidence
    mode: str | None = None  # PLOVER mode ("withdraw", "explosives", ...)
    trigger: str | None = None  # the word(s) that express the event
    intensity: float | None = None  # PLOVER scale, -10..+10
    goldstein: float | None = None  # Goldstein weight of the CAMEO code
    hedges: list[str] = field(default_factory=list)  # "reportedly", "could", ...
    reported_by: list[str] = field(default_factory=list)  # actor ids of who reports it, when not the source
    background: bool = False  # a past event recalled as context ("last year's invasion"), not news
    plover_type: str | None = None  # PLOVER's convention: a promised/planned action is AGREE or THREATEN
    # set by the link layer when the document is stored: the real-world event this record is a
    # mention of (shared by the documents that report it) and single_source / relayed / corroborated
    event_cluster: str | None = None
    corroboration: str | None = None

    def counts_as_new(self) -> bool:
        """Whether aggregates (counts, dyad scores) may count it: asserted or reported news, not background."""
        return self.modality in ("asserted", "reported") and not self.background

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": self.type,
            "cameo": self.cameo,
            "source": list(self.source),
            "target": list(self.target),
            "modality": self.modality,
            "certainty": self.certainty,
            "date": self.date.to_dict() if self.date else None,
            "evidence": self.evidence.to_dict(),
            "mode": self.mode,
            "trigger": self.trigger,
            "intensity": self.intensity,
            "goldstein": self.goldstein,
            "hedges": list(self.hedges),
            "reported_by": list(self.reported_by),
            "background": self.background,
            "plover_type": self.plover_type,
            "event_cluster": self.event_cluster,
            "corroboration": self.corroboration,
        }


@dataclass(slots=True)
class ChainLink:
    """One hop of the path by which a statement reached the page."""

    name: str
    actor_id: str | None = None
    evidence: str | None = None  # the words that name the hop ("as quoted by the Russian Telegram channel ...")
    date: DateValue | None = None  # when this hop passed it on, where the text says

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "actor_id": self.actor_id,
            "evidence": self.evidence,
            "date": self.date.to_dict() if self.date else None,
        }


@dataclass(slots=True)
class Statement:
    id: str
    speaker: str | None
    speaker_text: str | None
    cue: str | None
    content: str
    form: str  # direct | indirect | mixed
    date: DateValue | None
    chain: list[ChainLink]
    start: int
    end: int
    events: list[str] = field(default_factory=list)  # ids of the events it asserts (or its cue is)
    statement_cluster: str | None = None  # set by the link layer: the same statement in other documents
    corroboration: str | None = None  # single_source | relayed | corroborated

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "speaker": self.speaker,
            "speaker_text": self.speaker_text,
            "cue": self.cue,
            "content": self.content,
            "form": self.form,
            "date": self.date.to_dict() if self.date else None,
            "chain": [c.to_dict() for c in self.chain],
            "start": self.start,
            "end": self.end,
            "events": list(self.events),
            "statement_cluster": self.statement_cluster,
            "corroboration": self.corroboration,
        }


@dataclass(slots=True)
class TimeExpr:
    text: str
    start: int
    end: int
    value: str | None
    begin: str | None = None  # "from" in JSON
    finish: str | None = None  # "to" in JSON
    type: str | None = None  # TIMEX3 type: DATE, TIME, DURATION, SET
    mod: str | None = None  # TIMEX3 mod: START, MID, END, APPROX, ...
    precision: str | None = None  # day, month, year, decade, open, ...

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "value": self.value,
            "from": self.begin,
            "to": self.finish,
            "type": self.type,
            "mod": self.mod,
            "precision": self.precision,
        }


@dataclass(slots=True)
class Forecast:
    id: str
    predictor: str | None
    proposition: str
    event: str | None
    stated_on: str | None
    not_before: str | None
    by: str | None
    confidence: str | None
    status: str = "open"
    statement: list[dict[str, Any]] = field(default_factory=list)  # the sentences that state it: text, start, end
    proposition_event: dict[str, Any] | None = None  # the event predicted: type, source, target, trigger
    window: list[str] | None = None  # [not_before, by] when both are known
    resolved_event: str | None = None  # the event that made it come true
    resolved_doc: str | None = None  # ... and the document that reported it
    resolved_on: str | None = None
    predictor_text: str | None = None  # the predictor as the text names them when no actor stands for them

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Cluster:
    """A group of documents that are reprints of, or report, the same story."""

    id: str
    kind: str  # reprint | story
    members: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Segment:
    """Maps ``text[start:end]`` (cleaned) to ``raw[raw_start:raw_end]`` (as read)."""

    start: int
    end: int
    raw_start: int
    raw_end: int


@dataclass(slots=True)
class OffsetMap:
    """Offsets from the cleaned text back to the raw input text.

    Segments are in cleaned-text order and never overlap.  Inside a segment
    whose lengths agree the mapping is exact; otherwise it is proportional.
    Offsets between segments (the paragraph separators the cleaner wrote)
    map to the end of the preceding segment.
    """

    segments: list[Segment] = field(default_factory=list)

    def to_raw(self, offset: int) -> int | None:
        prev: Segment | None = None
        for seg in self.segments:
            if offset < seg.start:
                break
            if offset <= seg.end:
                span, raw_span = seg.end - seg.start, seg.raw_end - seg.raw_start
                if span == raw_span or span == 0:
                    return seg.raw_start + (offset - seg.start)
                return seg.raw_start + round((offset - seg.start) * raw_span / span)
            prev = seg
        return prev.raw_end if prev else None

    def to_list(self) -> list[list[int]]:
        return [[s.start, s.end, s.raw_start, s.raw_end] for s in self.segments]

    @classmethod
    def from_list(cls, rows: list[list[int]]) -> OffsetMap:
        return cls([Segment(*row) for row in rows])


@dataclass(slots=True)
class Document:
    """One article: cleaned text, metadata, and what the NLP stages found in it."""

    id: str
    text: str
    url: str | None = None
    origin: str | None = None  # the input that produced it: a path, URL, "file.jsonl:3", ...
    title: str | None = None
    published: str | None = None  # YYYY-MM-DD
    published_from: str | None = None  # where the date came from: metadata, text
    author: str | None = None
    site: str | None = None
    language: str | None = None
    credited_source: str | None = None
    translated_from: str | None = None
    paragraphs: list[str] = field(default_factory=list)
    duplicates_removed: int = 0
    boilerplate: list[str] = field(default_factory=list)
    offsets: OffsetMap = field(default_factory=OffsetMap)
    notes: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    times: list[TimeExpr] = field(default_factory=list)
    forecasts: list[Forecast] = field(default_factory=list)
    # set by the link layer when the document is stored
    story: str | None = None  # the same-story cluster it belongs to
    copy_of: dict[str, Any] | None = None  # {"origin", "share", "paragraphs"} when it is a reprint
    # What the analysis depends on (text, paragraphing, title, date, pipeline): a stored document
    # whose key matches is not analysed again; set by the engine, stored by the store.
    analysis_key: str | None = None
    pipeline: str | None = None  # the pipeline (model and version) that analysed it

    def to_dict(self) -> dict[str, Any]:
        """The public JSON contract of ``newsgraph analyze --json``."""
        return {
            "id": self.id,
            "url": self.url,
            "title": self.title,
            "published": self.published,
            "language": self.language,
            "credited_source": self.credited_source,
            "translated_from": self.translated_from,
            "text": self.text,
            "paragraphs": list(self.paragraphs),
            "duplicates_removed": self.duplicates_removed,
            "boilerplate": list(self.boilerplate),
            "mentions": [m.to_dict() for m in self.mentions],
            "actors": [a.to_dict() for a in self.actors],
            "events": [e.to_dict() for e in self.events],
            "statements": [s.to_dict() for s in self.statements],
            "times": [t.to_dict() for t in self.times],
            "forecasts": [f.to_dict() for f in self.forecasts],
            # added keys (the contract allows additions)
            "origin": self.origin,
            "author": self.author,
            "site": self.site,
            "notes": list(self.notes),
            "story": self.story,
            "copy_of": self.copy_of,
            # where "published" came from: metadata, text (the document's own), option or file
            # (``analyze --published``), or null (undated); inferred: the document itself gave it
            "published_from": self.published_from,
            "published_inferred": self.published_from in ("metadata", "text"),
        }
