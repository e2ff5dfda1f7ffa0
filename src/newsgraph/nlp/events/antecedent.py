"""Reactions to an act named earlier: "Obama condemned Friday's test", "the Arab League condemned the move".

A reaction (criticism, praise, rejection) whose object is an event noun with no actor of its own
("the test", "the exchange", "the decision") is aimed at whoever did that act.  Its doer is in the
discourse, not in the clause: the first earlier event whose trigger is the same word ("North Korea's
nuclear test ... Obama condemned Friday's test") -- the lede states the news, later mentions recall it.
When that earlier event is a reaction itself ("the condemnation"), what it reacts to is meant: its
target.  Nearest-first and any-act-for-"the move" readings were tried on the dev articles and picked
wrong antecedents (a reaction in between, an act named in passing).

Hand-written because it is discourse, not syntax: spaCy's small English model has no coreference of
events, and the rule only needs the events this stage has already coded.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc, Token

from newsgraph.model import Event
from newsgraph.nlp.events.rules import _OBJ, _is_state_code

# PLOVER types of a reaction to what someone did.
REACTIONS = ("ACCUSE", "SUPPORT", "REJECT")
# Prepositions that introduce what a reaction is about ("opposed to the test", "outrage over the move").
_ABOUT = ("to", "over", "at", "about", "against", "of", "on", "by", "with")


def reaction_object(cue: Token) -> Token | None:
    """The noun a reaction is aimed at: its object, the object of an "about" preposition of it or of
    its complement ("was resolutely opposed to the test"), a nominal's of-phrase ("criticism of")."""
    heads = [cue] + [c for c in cue.children if c.dep_ in ("acomp", "xcomp") and c.pos_ == "ADJ"]
    if cue.pos_ == "AUX" or cue.lemma_ == "be":
        heads += [c for c in cue.children if c.dep_ in ("acomp", "attr")]
    for head in heads:
        for c in head.children:
            if c.dep_ in _OBJ and c.pos_ == "NOUN" and head.pos_ != "NOUN":
                return c
            if c.dep_ == "prep" and c.lower_ in _ABOUT:
                obj = next((g for g in c.children if g.dep_ == "pobj"), None)
                if obj is not None and obj.pos_ == "NOUN":
                    return obj
    return None


class AntecedentMixin:
    """Targets of reactions read off the discourse (used by the speech-events stage, which runs last)."""

    anaphors: set[str]
    instruments: set[str]
    legislature_acts: set[str]
    coder: Any

    def _legislature_target(self, doc: Doc, e: Event, cue: Token | None) -> list[str]:
        """A veto whose sentence names no recipient ("has promised a veto", "Obama's veto is expected") is
        aimed at the legislature whose bill it stops: the one of the vetoer's country."""
        if cue is None:
            return []
        words = [cue, *(c for c in cue.children if c.dep_ in _OBJ + ("nsubj", "nsubjpass", "compound"))]
        if not any(w.lemma_.lower() in self.legislature_acts or w.lower_ in self.legislature_acts for w in words):
            return []
        coder = self.coder
        country = next((coder._country.get(a) for a in e.source if coder._country.get(a)), None)
        if not _is_state_code(country):
            return []
        return [coder._implicit_agent(doc, country, "LEG")]

    def _aimed_at_an_instrument(self, cue: Token, actors_at: dict[int, list[str]]) -> bool:
        """A reaction to an instrument that names no actor ("criticized free-trade deals", "opposed a new
        trade deal", "refusal to sign up to the Kyoto protocol"): agreements, bills and treaties are not
        actors, so the act has no recipient -- it is not aimed at the story's lead."""
        objs = [reaction_object(cue)]
        # "refusal to sign up to the protocol", "refused to ratify the treaty": the object of its complement
        objs += [reaction_object(c) for c in cue.children if c.dep_ in ("xcomp", "acl") and c.pos_ == "VERB"]
        for obj in objs:
            if obj is None or obj.lemma_.lower() not in self.instruments and obj.lower_ not in self.instruments:
                continue
            named = [t for t in obj.subtree if t.i in actors_at and t.head.dep_ != "relcl" and t.dep_ != "relcl"]
            if not any(t.dep_ in ("poss", "compound", "amod", "nmod") and t.head.i == obj.i for t in named):
                return True
        return False

    def _antecedent_target(
        self,
        doc: Doc,
        obj: Token,
        before: int,
        events: list[Event],
        triggers: dict[str, list[Token]],
        source: list[str],
        actors_at: dict[int, list[str]],
    ) -> list[str]:
        """The doer of the act ``obj`` names, from the events coded before character ``before``."""
        if any(t.i in actors_at for t in obj.subtree):
            return []  # the phrase names its own actors: the clause's roles have had their say
        lemma = obj.lemma_.lower()
        if lemma not in self.anaphors:
            return []
        # the act the article introduced first: the lede states the news, later mentions recall it
        earlier = sorted(
            (e for e in events if _trigger_at(e, triggers) < before),
            key=lambda e: _trigger_at(e, triggers),
        )
        for e in earlier:
            if not any(t.lemma_.lower() == lemma for t in triggers.get(e.id) or []):
                continue
            doer = list(e.target) if e.type in REACTIONS or e.plover_type in REACTIONS else list(e.source)
            doer = [a for a in doer if a not in source]
            if doer:
                return doer
        return []


def _clause_verb(tok: Token) -> Token:
    """The verb of the clause a trigger belongs to: a nominal's light verb ("made a condemnation"), an
    infinitive's governor ("pledged to impose")."""
    cur = tok
    if cur.pos_ in ("NOUN", "PROPN") and cur.dep_ in _OBJ + ("nsubjpass",):
        cur = cur.head
    while cur.dep_ == "xcomp" and cur.head.i != cur.i:
        cur = cur.head
    return cur


def conj_target(e: Event, events: list[Event], triggers: dict[str, list[Token]]) -> list[str]:
    """The recipient of a coordinated act of the same subject ("the Security Council made a strong
    condemnation of North Korea's test and pledged to impose further sanctions"): an act that names no
    recipient shares the one its coordinated clause names."""
    toks = triggers.get(e.id) or []
    if not toks:
        return []
    verb = _clause_verb(toks[0])
    if verb.pos_ not in ("VERB", "AUX"):
        return []
    coordinated = {c.i for c in verb.children if c.dep_ == "conj"}
    if verb.dep_ == "conj":
        coordinated.add(verb.head.i)
    if not coordinated:
        return []
    for other in events:
        if other is e or not other.target or not set(other.source) & set(e.source):
            continue
        other_toks = triggers.get(other.id) or []
        if other_toks and other_toks[0].sent == toks[0].sent and _clause_verb(other_toks[0]).i in coordinated:
            return [a for a in other.target if a not in e.source]
    return []


def lead_target(source: list[str], before: int, events: list[Event], country: dict[str, str | None]) -> list[str]:
    """Whom an act with no recipient in its own words is aimed at, read off the story: the participants
    of its lead event -- the first event coded in the document, what the lede states as the news -- that
    are not on the act's own side ("North Korea conducted a nuclear test ... Ban Ki-moon condemned",
    "Esper accused China ... the United States firmly opposes intimidation").  Only an act in a later
    sentence than the lead (``before``: the start of the act's sentence) reads it: the lede itself names
    its own participants."""
    earlier = [x for x in events if x.source and x.evidence.start < before]
    if not earlier:
        return []
    lead = min(earlier, key=lambda x: x.evidence.start)
    side = set(source)
    # the speaker's own state is no recipient -- unless the speaker is someone the knowledge base does not know
    # (a pensioner in the street blames his own politicians)
    countries = {country.get(a) for a in source if not a.startswith("unresolved:")} - {None, ""}
    # a lead that is a criticism ("the United States faced international criticism") is about whom it
    # criticises: its target first (a support or a rejection is about its doer: "NATO could include Japan")
    criticism = "ACCUSE" in (lead.type, lead.plover_type)
    for group in (lead.target, lead.source) if criticism else (lead.source, lead.target):
        # a participant with no country (a region, "the Middle East"; an unnamed group) is no recipient to guess
        found = [a for a in group if a not in side and country.get(a) and country.get(a) not in countries]
        if found:
            return found
    return []


def _trigger_at(e: Event, triggers: dict[str, list[Token]]) -> int:
    toks = triggers.get(e.id) or []
    return toks[0].idx if toks else e.evidence.start
