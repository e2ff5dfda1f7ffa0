"""Places that are not actors: datelines and wire credits, and capitals used as locations.

A story's dateline ("HANOI, Vietnam (AP) —", "Washington (AFP) -") says where
the story was filed and which agency filed it; its words act in no event.  A
capital or seat of power stands for its government only where it acts or is
acted upon ("Washington imposed tariffs", "Beijing's envoy", "talks with
Moscow"); as the object of a locative preposition ("released in Doha", "over
Hanoi"), after a place noun ("south of Jerusalem", "the mayor of London") or
inside an organisation's name ("University of Ottawa") it is a place.  Which
prepositions and nouns those are is data (``nlp/data/actors.yaml``).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml
from spacy.tokens import Doc

from newsgraph.kb.base import fold
from newsgraph.nlp.actors.common import _Cand

RULES_PATH = Path(__file__).resolve().parents[1] / "data" / "actors.yaml"

# A dateline opens a paragraph: one to six capitalised words (commas between: "KYIV, Ukraine, Sept. 26"),
# an optional agency credit in brackets, then a dash or a colon.  It is a dateline when the first word
# is written in capitals ("HANOI") or an agency is credited ("Washington (AFP) -").
_DATELINE_RE = re.compile(
    r"(?m)^[ \t]*(?P<place>[A-Z][\w.'’-]*(?:,?[ \t]+[A-Z0-9][\w.'’-]*){0,5}),?[ \t]*"
    r"(?:\((?P<src>[A-Z][\w.&/ -]{0,30})\))?[ \t]*(?:[-–—]{1,2}|:)[ \t]"
)


@lru_cache(maxsize=2)
def load_rules(path: str = str(RULES_PATH)) -> dict[str, frozenset[str]]:
    raw = yaml.safe_load(Path(path).read_text("utf-8")) or {}
    return {key: frozenset(fold(str(w)) for w in value or []) for key, value in raw.items()}


class Places:
    """Methods of :class:`~newsgraph.nlp.actors.component.ActorResolver` (places)."""

    def _datelines(self, doc: Doc) -> dict[int, str]:
        """Token index -> "dateline" (the place words) or "credit" (the agency in brackets)."""
        out: dict[int, str] = {}
        for m in _DATELINE_RE.finditer(doc.text):
            first = m.group("place").split()[0].strip(",")
            if not (m.group("src") or (len(first) >= 3 and first.isupper() and first.isalpha())):
                continue
            for part, role in (("place", "dateline"), ("src", "credit")):
                if m.group(part) is None:
                    continue
                span = doc.char_span(m.start(part), m.end(part), alignment_mode="expand")
                for tok in span or ():
                    out[tok.i] = role
        return out

    def _locative(self, doc: Doc, cand: _Cand) -> str | None:
        """How a capital or seat of power is used when not for its government: "name" (a word of an
        organisation's name), "place" (a location), else None."""
        rules = self.rules
        span = doc[cand.start : cand.end]
        # inside a longer name the tagger found ("the University of Ottawa", "Port of Hanoi")
        for ent in doc.ents:
            if (
                ent.start <= cand.start
                and cand.end <= ent.end
                and ent.end - ent.start > cand.end - cand.start
                and ent.label_ in ("ORG", "FAC", "EVENT", "WORK_OF_ART", "PRODUCT")
                and not cand.start <= ent.root.i < cand.end
            ):
                return "name"
        tok = span.root
        while tok.dep_ in ("conj", "appos") and tok.head.i != tok.i:  # "in Moscow and Kyiv"
            tok = tok.head
        if tok.dep_ == "dobj":
            # "flew over Hanoi", parsed as a particle and an object
            prt = any(
                c.dep_ == "prt" and c.i < tok.i and fold(c.text) in rules["locative_prepositions"]
                for c in tok.head.children
            )
            return "place" if prt else None
        if tok.dep_ != "pobj":
            return None
        prep = tok.head
        word = fold(prep.text)
        if word in rules["locative_prepositions"]:
            return "place"
        if word == "of":
            gov = prep.head
            if gov.pos_ == "PROPN" and gov.text[:1].isupper() and gov.i < cand.start:
                return "name"  # "University of Ottawa", "Port of Hanoi"
            if fold(gov.text) in rules["place_nouns"] or fold(gov.lemma_) in rules["place_nouns"]:
                return "place"  # "south of Jerusalem", "the streets of Santiago"
        return None
