"""Event de-duplication and corroboration across the documents of a story.

One real-world event reported by many documents becomes one *event cluster* with many mentions:
events of one story with the same PLOVER type, the same source and target actors, both news
(asserted or reported, not background) or both not, and compatible dates (the same day, or one
of them undated) are one event.  Each cluster counts (like GDELT's
NumMentions, NumArticles and NumSources):

* ``mentions``: event records; ``documents``: distinct documents;
* ``sources``: distinct *independent* sources -- documents that copy one another (one reprint
  group) count once, and so do documents credited to the same agency ("Reuters").

Corroboration of an event (and of a statement, clustered the same way by speaker and content):
``single_source`` (one document), ``relayed`` (several documents but one origin, or one document
whose statement reached it through intermediaries), ``corroborated`` (two or more independent
sources).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from newsgraph.link.text import words

SINGLE, RELAYED, CORROBORATED = "single_source", "relayed", "corroborated"
NEWS_MODALITIES = ("asserted", "reported")


@dataclass(slots=True)
class Mention:
    """One event or statement record of one document, with what identifies its source."""

    doc_id: str
    id: str
    key: tuple  # what must be equal for two records to be one happening
    date: str | None = None
    source: str = ""  # the independent source of its document (see :func:`source_key`)
    hops: int = 0  # intermediaries named in a statement's chain
    text: frozenset[str] = frozenset()  # content words of a statement


@dataclass(slots=True)
class Cluster:
    id: str
    mentions: list[Mention] = field(default_factory=list)

    @property
    def documents(self) -> int:
        return len({m.doc_id for m in self.mentions})

    @property
    def sources(self) -> int:
        return len({m.source for m in self.mentions})

    @property
    def corroboration(self) -> str:
        if self.sources >= 2:
            return CORROBORATED
        if self.documents >= 2 or any(m.hops for m in self.mentions):
            return RELAYED
        return SINGLE

    def counts(self) -> dict[str, Any]:
        return {
            "mentions": len(self.mentions),
            "documents": self.documents,
            "sources": self.sources,
            "corroboration": self.corroboration,
        }


def source_key(doc_id: str, origin: str | None, credited: str | None) -> str:
    """Copies count once (their group's origin); so do documents credited to one agency."""
    if credited:
        return "credit:" + credited.strip().lower()
    return "doc:" + (origin or doc_id)


def event_mention(doc_id: str, event: Mapping[str, Any], source: str) -> Mention:
    date = (event.get("date") or {}).get("value") if isinstance(event.get("date"), Mapping) else None
    key = (
        event.get("type"),
        tuple(sorted(event.get("source") or [])),
        tuple(sorted(event.get("target") or [])),
        event.get("modality") in NEWS_MODALITIES and not event.get("background"),  # news is not a prediction of it
    )
    return Mention(doc_id, str(event["id"]), key, date if date and len(date) >= 10 else None, source)


def statement_mention(doc_id: str, statement: Mapping[str, Any], source: str) -> Mention:
    # the chain runs speaker -> intermediaries -> the outlet that published -> "this page"
    hops = [c for c in statement.get("chain") or [] if (c.get("name") if isinstance(c, Mapping) else c) != "this page"]
    return Mention(
        doc_id,
        str(statement["id"]),
        (statement.get("speaker") or (statement.get("speaker_text") or "").lower(),),
        None,
        source,
        hops=max(0, len(hops) - 2),
        text=frozenset(words(statement.get("content") or "")),
    )


def cluster_mentions(mentions: Sequence[Mention], *, min_overlap: float = 0.5) -> list[Cluster]:
    """Group mentions of one happening; deterministic (sorted input), so any arrival order gives the same."""
    clusters: list[Cluster] = []
    for m in sorted(mentions, key=lambda m: (m.key, m.doc_id, m.id)):
        home = None
        for c in clusters:
            first = c.mentions[0]
            if first.key != m.key or not _dates_agree(first.date, m.date):
                continue
            if m.text and first.text and _overlap(m.text, first.text) < min_overlap:
                continue
            home = c
            break
        if home is None:
            home = Cluster(_cluster_id(m))
            clusters.append(home)
        home.mentions.append(m)
    return clusters


def _dates_agree(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a[:10] == b[:10]


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / max(1, min(len(a), len(b)))


def _cluster_id(m: Mention) -> str:
    return "ev-" + hashlib.sha1(f"{m.doc_id}\x1f{m.id}".encode()).hexdigest()[:12]
