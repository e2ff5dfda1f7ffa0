"""Shared pieces of the actor stage: label and kind tables, the candidate and resolved-actor records, small helpers."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from newsgraph.kb.base import fold
from newsgraph.model import Actor

NER_LABELS = ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC")
# Sectors whose agents act for the state.
STATE_SECTORS = {"GOV", "MIL", "COP", "SPY", "JUD", "LEG", "PRM"}
_KIND_LABEL = {
    "state": "GPE",
    "person": "PERSON",
    "region": "LOC",
    "alliance": "ORG",
    "igo": "ORG",
    "party": "ORG",
    "media": "ORG",
    "armed_group": "ORG",
    "ngo": "ORG",
    "group": "ORG",
    "agency": "ORG",
}
# Which kinds an entity label admits, in order of preference.
_LABEL_KINDS = {
    "PERSON": ("person",),
    "GPE": ("state", "region", "alliance", "igo"),
    "LOC": ("region", "state"),
    "NORP": ("state", "party", "armed_group", "region"),
    "ORG": ("alliance", "igo", "agency", "media", "party", "armed_group", "ngo", "state", "group"),
    "FAC": ("media", "state", "igo", "alliance", "agency"),
}
_DEFAULT_KIND_ORDER = (
    "state",
    "alliance",
    "igo",
    "agency",
    "media",
    "party",
    "armed_group",
    "ngo",
    "region",
    "group",
    "person",
)
# Posts whose holder news names by title alone ("the Japanese foreign minister") or by surname alone.
_SENIOR = ("head_of_state", "head_of_government", "foreign_minister", "defence_minister", "military_chief")
_PRONOUNS = {"he": "m", "him": "m", "his": "m", "himself": "m", "she": "f", "her": "f", "hers": "f", "herself": "f"}
_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "both": 2}
_GROUP_NOUNS = {
    "countries": ("state",),
    "nations": ("state",),
    "states": ("state",),
    "governments": ("state",),
    "neighbours": ("state",),
    "neighbors": ("state",),
    "blocs": ("alliance", "igo"),
    "alliances": ("alliance",),
    "pacts": ("alliance",),
    "organisations": ("igo", "alliance"),
    "organizations": ("igo", "alliance"),
    "sides": ("state", "alliance", "armed_group"),
    "leaders": ("person",),
    "men": ("person",),
    "powers": ("state",),
    "allies": ("state", "alliance"),
    "rivals": ("state",),
    "giants": ("state",),
}
_SINGULAR_NOUNS = {
    "alliance": ("alliance",),
    "bloc": ("alliance", "igo"),
    "pact": ("alliance",),
    "country": ("state",),
    "nation": ("state",),
    "kingdom": ("state",),
    "republic": ("state",),
    "organisation": ("igo", "alliance"),
    "organization": ("igo", "alliance"),
    "project": ("alliance",),
    "initiative": ("alliance",),
    "partnership": ("alliance",),
    "arrangement": ("alliance",),
    "grouping": ("alliance", "igo"),
    # only after a modifier ("the Jewish state", "the communist island", "the oil-rich emirate")
    "state": ("state",),
    "island": ("state",),
    "emirate": ("state",),
}
_GROUP_RE = re.compile(
    # "the two countries", "both nuclear-armed neighbours", "the two Asian powers" (modifiers after a number only)
    r"\b(?:[Tt]he|[Bb]oth|[Tt]hese|[Tt]hose|[Aa]ll)\s+(?:(?P<num>two|three|four|five)\s+(?:[\w-]+\s+){0,2}?)?"
    r"(?P<noun>countries|nations|states|governments|neighbou?rs|blocs|alliances|pacts|organi[sz]ations|sides|leaders"
    r"|powers|allies|rivals|giants)\b"
)
_SINGULAR_RE = re.compile(
    r"\b(?:(?:[Tt]he|[Tt]his|[Tt]hat)\s+(?P<noun>alliance|bloc|pact|country|nation|kingdom|organi[sz]ation)"
    # "the oil-rich kingdom", "the communist island", "the Jewish state": one or two lower-case modifiers
    r"|[Tt]he\s+(?:[a-z][\w-]*\s+){1,2}(?P<modified>kingdom|nation|country|republic|state|island|emirate)"
    # "As part of this project, Australia will ...": a deictic "this" names the last pact mentioned
    r"|[Tt]his\s+(?P<deictic>project|initiative|partnership|arrangement|grouping))\b(?!\s+of)"
)


@dataclass(slots=True)
class Resolved(Actor):
    """An actor as this document sees it (its role on the document date), with what resolution needs."""

    gender: str | None = None

    def to_actor(self) -> Actor:
        return Actor(self.id, self.name, self.kind, self.country, self.sector, self.role, self.wikidata)


@dataclass(slots=True)
class _Cand:
    start: int  # token offsets
    end: int
    how: str  # name | acronym | metonym | description | adjective | demonym | ner | title
    label: str | None = None  # the NER label, when the pipeline found it too
    resolved: list[Resolved] = field(default_factory=list)
    out_label: str | None = None
    spelling: str | None = None  # the knowledge base's form of a misspelt state name ("Ethopia")
    role: str | None = None  # "dateline" | "credit": words of a dateline, named but no actor


def _ordinal(d: dt.date | None) -> int:
    return d.toordinal() if d else 0


def _near(start: dt.date | None, end: dt.date | None, on: dt.date | None, days: int = 400) -> bool:
    """A role that ended within ``days`` before ``on`` (or is active on it)."""
    if on is None:
        return end is None
    if start is not None and start > on:
        return False
    return end is None or 0 <= (on - end).days <= days


def _one_edit(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` differ by one insertion, deletion, substitution or swap of neighbours.

    Written out because it is the only fuzzy comparison needed, bounded and on short words; a general
    edit-distance library would compute the whole distance."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        return a[i + 1 :] == b[i + 1 :] or (a[i : i + 2] == b[i : i + 2][::-1] and a[i + 2 :] == b[i + 2 :])
    longer, shorter = (a, b) if len(a) > len(b) else (b, a)
    return longer[i + 1 :] == shorter[i:]


def _capitalised(span: Span) -> bool:
    first = span[0].text
    return first[:1].isupper() or first[:1].isdigit()


def _left_edge(doc: Doc, i: int) -> int:
    """Extend left over determiners and numbers: "four Saudi men", "an American destroyer"."""
    while i > 0 and doc[i - 1].pos_ in ("DET", "NUM") and doc[i - 1].lower_ not in ("this", "that"):
        i -= 1
    return i


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")
