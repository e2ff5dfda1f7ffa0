"""Triggers: which word starts an event, and which of its senses the object and prepositions pick."""

from __future__ import annotations

import re

from spacy.tokens import Token

from newsgraph.nlp.events.lexicon import Sense
from newsgraph.nlp.events.rules import (
    _ACTS_ON_OBJECT,
    _MEASURES,
    _OBJ,
    _SUBJ_PASS,
    _VERBAL,
    _pobj,
)

# A score: "2-1", "3-0", "21-18".
_SCORE = re.compile(r"^\d{1,3}[-–]\d{1,3}$")


class SensesMixin:
    """Triggers: which word starts an event, and which of its senses the object and prepositions pick."""

    def _trigger(self, tok: Token) -> Sense | None:
        lex = self.lex
        lemma = tok.lemma_.lower()
        if tok.pos_ in ("VERB", "AUX") or (tok.pos_ == "NOUN" and tok.dep_ == "ROOT" and tok.tag_.startswith("VB")):
            particles = [c.lower_ for c in tok.children if c.dep_ == "prt"]
            sense = next(
                (
                    self._sense(tok, lex.verbs[c])
                    for c in [f"{lemma} {p}" for p in particles] + [lemma]
                    if c in lex.verbs
                ),
                None,
            )
            for obj in (c for c in tok.children if c.dep_ == "dobj"):
                if any(
                    f"{m.lower_} {obj.lemma_.lower()}" in lex.nouns
                    for m in obj.children
                    if m.dep_ in ("compound", "amod")
                ) and not (
                    sense is not None
                    and sense.object
                    and {obj.lemma_.lower(), *(m.lemma_.lower() for m in obj.children)} & set(sense.object)
                    and self._ptype(sense.cameo) in _ACTS_ON_OBJECT
                ):
                    if sense is not None and (sense.cameo or "").startswith(_VERBAL):
                        continue  # "condemned North Korea's latest missile launch": a reaction to the act named
                    # "began a hunger strike": the nominal says what happened -- unless the verb undoes or
                    # refuses the thing its object names ("withdrew its peacekeeping force", "rejected a peace plan")
                    return None
            if (
                sense is not None
                and self._ptype(sense.cameo) == "PROTEST"
                and any(c.dep_ == "ccomp" for c in tok.children)
            ):
                return None  # "to demonstrate to North Korea that there are consequences": showing, not protest
            if sense is not None and self._contest(tok):
                return None  # "captured the title", "defeated Argentina 2-1 in the final": sport
            if sense is not None and self._ptype(sense.cameo) == "REJECT" and self._refused_act(tok):
                # "refused to sign the declaration", "declined to threaten Moscow": the act not done, coded
                # negated (a refused cooperation reads REJECT in PLOVER's view), says the refusal
                return None
            return sense
        if tok.pos_ in ("NOUN", "PROPN") and tok.ent_type_ in ("DATE", "TIME"):
            return None  # "in March", "since the March of 2019": a month or a date, not a march
        if tok.pos_ in ("NOUN", "PROPN"):
            # "hunger strike", "peace talks": a compound and its head first
            for c in tok.children:
                if c.dep_ in ("compound", "amod") and f"{c.lower_} {lemma}" in lex.nouns:
                    return self._sense(tok, lex.nouns[f"{c.lower_} {lemma}"])
            if lemma in lex.nouns:
                return self._sense(tok, lex.nouns[lemma])
        if tok.pos_ == "ADJ" and lemma in lex.adjectives and tok.dep_ in ("acomp", "ROOT", "amod", "xcomp"):
            return self._sense(tok, lex.adjectives[lemma])
        return None

    def _contest(self, tok: Token) -> bool:
        """Whether a verb's object or phrase names a contest ("captured the title", "in the final") or a
        score ("beat Argentina 2-1")."""
        words = getattr(self, "_competitions", None)
        if words is None:
            words = self._competitions = {str(w).lower() for w in self.lex.agents.get("competitions", [])}
        for c in tok.children:
            if c.dep_ in ("dobj", "nsubjpass", "npadvmod", "dep", "nummod", "advmod") and _SCORE.match(c.text):
                return True
            if c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in words:
                return True
            if c.dep_ == "prep" and c.lower_ in ("in", "at", "during"):
                pobj = _pobj(c)
                if pobj is not None and pobj.lemma_.lower() in words:
                    return True
        return False

    def _refused_act(self, tok: Token) -> bool:
        """Whether a verb of refusal governs an infinitive that is itself an event ("declined to threaten")."""
        return any(
            c.dep_ == "xcomp" and c.pos_ == "VERB" and (s := self._trigger(c)) is not None and not s.speech
            for c in tok.children
        )

    def _sense(self, tok: Token, senses: list[Sense]) -> Sense | None:
        kids = [c for c in tok.children if c.dep_ in _OBJ + _SUBJ_PASS]
        if not kids and any(c.dep_ == "auxpass" for c in tok.children):
            # "the embargo is likely to be lifted": the passive's subject was raised to the clause above
            cur = tok
            while not kids and cur.dep_ in ("xcomp", "acomp") and cur.head.i != cur.i:
                cur = cur.head
                kids = [c for c in cur.children if c.dep_ in ("nsubj", "nsubjpass")]
        heads = {c.lemma_.lower() for c in kids} | {c.lower_ for c in kids}
        objects = set(heads)
        for c in tok.children:
            if c.dep_ in _OBJ + _SUBJ_PASS:
                # "@state", "@person": the kind of actor the object (or a passive's subject) names
                objects |= getattr(self, "_kinds_at", {}).get(c.i, set())
        for c in list(tok.children):
            if c.dep_ in ("dobj", "nsubjpass"):
                objects |= {g.lemma_.lower() for g in c.children if g.dep_ in ("compound", "amod", "conj")}
                if (
                    c.lemma_.lower() in _MEASURES
                    or c.lemma_.lower() in self.partitives
                    or any(g.dep_ == "nummod" for g in c.children)
                ):
                    # "700 kg of medicine", "$50,000 worth of goods", "a mission of observers": the measured
                    # or collected thing is the object
                    for prep in (g for g in c.children if g.dep_ == "prep" and g.lower_ == "of"):
                        thing = _pobj(prep)
                        if thing is not None:
                            objects |= {thing.lemma_.lower(), thing.lower_}
        if tok.dep_ in ("acl", "relcl") and tok.tag_ == "VBN":
            objects.add(tok.head.lemma_.lower())  # "a pact announced by ...": the pact is what was announced
        preps = {c.lower_ for c in tok.children if c.dep_ in ("prep", "agent", "dative")}
        # the object's own head word decides before its modifiers do: "the national strike was held" is a
        # strike held, not nationals held
        for words in (heads, objects):
            for sense in senses:
                if sense.object and words & set(sense.object) and (not sense.prep or sense.prep in preps):
                    return sense
        for sense in senses:
            if sense.object and not (objects & set(sense.object)):
                continue
            if sense.prep and sense.prep not in preps:
                continue
            return sense
        return None

    # ----------------------------------------------------------------- roles

    def _ptype(self, cameo: str | None) -> str | None:
        code = self.lex.code(cameo)
        return code.plover if code else None
