"""The stage's records: relays (:class:`Hop`), attributions as PolNeAR annotates them, and frames in the making."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Span, Token

from newsgraph.model import DateValue, TimeExpr


@dataclass(slots=True)
class Hop:
    """One relay of a statement, with the words that name it."""

    name: str
    actor_id: str | None
    start: int
    end: int
    date: DateValue | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "actor_id": self.actor_id,
            "start": self.start,
            "end": self.end,
            "date": self.date.to_dict() if self.date else None,
        }


@dataclass(slots=True)
class Attribution:
    """An attribution relation as PolNeAR annotates it: character spans of source, cue and content.

    ``kind`` is ``speech`` (it makes the statement ``statement``), ``attitude`` (belief,
    intention, evidence: no statement), ``noun`` (a noun of saying with no source: "the
    claim that ...") or ``relay`` ("according to <outlet>" around someone else's words).
    ``hops`` are the relays of the statement, in order; ``events`` the ids of the events
    (``doc._.events``) whose trigger lies in the content (what the statement asserts) or is
    the cue (the speech act coded as an event, an accusation).
    """

    source: tuple[int, int] | None
    cue: tuple[int, int]
    content: tuple[int, int]
    kind: str
    statement: str | None = None
    hops: list[Hop] = field(default_factory=list)
    fragments: list[tuple[int, int]] = field(default_factory=list)  # the content less a frame inside it
    events: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": list(self.source) if self.source else None,
            "cue": list(self.cue),
            "content": list(self.content),
            "kind": self.kind,
            "statement": self.statement,
            "hops": [h.to_dict() for h in self.hops],
            "fragments": [list(f) for f in self.fragments],
            "events": list(self.events),
        }


@dataclass(slots=True)
class _Quote:
    start: int  # the opening mark
    end: int  # after the closing mark (or the end of the paragraph for an open one)
    closed: bool = True


@dataclass(slots=True)
class _Frame:
    """A statement in the making (token indices unless said)."""

    kind: str  # speech | attitude | according | label | signature | relay
    cue: tuple[int, int]  # characters
    content: tuple[int, int]  # characters: the whole extent
    verb: Token | None = None
    source: Span | None = None
    speaker_tok: Token | None = None  # the token whose mention names the speaker
    quotes: list[int] = field(default_factory=list)  # indices of the quotations in the content
    hops: list[Hop] = field(default_factory=list)
    date: TimeExpr | None = None
    fragments: list[tuple[int, int]] = field(default_factory=list)  # the content without the frame inside it
    how: str = ""  # how a verb frame's content was found: quote | clause | infinitive | object | ...
