"""Propositions: what a forecast predicts, as text ("NATO joins AUKUS")."""

from __future__ import annotations

from spacy.tokens import Token

from newsgraph.model import Event
from newsgraph.nlp.common import unique
from newsgraph.nlp.forecasts.text import _join, _negated, _phrase, _subject_text, _text, _third_person


class Propositions:
    """The proposition of an event forecast."""

    def _proposition(
        self, event: Event, tok: Token | None, names: dict[str, str], actors_at: dict[int, list[str]]
    ) -> str:
        """ "NATO joins AUKUS", "Japan and South Korea join NATO", "Australia purchases its first ... submarine"."""
        source = _join([names.get(a, a) for a in event.source])
        if tok is None:
            return " ".join(x for x in (source, event.trigger or event.type, _join(event.target)) if x)
        verb = tok
        if event.modality == "intended":  # "promised to withdraw its troops": the promised action
            verb = next((c for c in tok.children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")), tok)
        lemma = verb.lemma_.lower() if verb.pos_ in ("VERB", "AUX", "NOUN") else verb.lower_
        particle = " ".join(c.lower_ for c in verb.children if c.dep_ == "prt")
        plural = len(event.source) > 1 or not source
        if _negated(verb) or _negated(tok):  # 'We will not accept': the negation is the forecast
            lemma = ("do not " if plural else "does not ") + lemma
            plural = True
        words = [source or _subject_text(verb), lemma if plural else _third_person(lemma)]
        if particle:
            words.append(particle)
        words.append(self._object_text(verb, event, names, actors_at))
        return " ".join(w for w in words if w).strip()

    def _object_text(self, verb: Token, event: Event, names: dict[str, str], actors_at: dict[int, list[str]]) -> str:
        targets = [a for a in event.target]
        parts: list[str] = []
        left = list(targets)
        obj = next((c for c in verb.children if c.dep_ in ("dobj", "obj", "attr")), None)
        if obj is not None:
            tokens = _phrase(obj)
            inside = unique([a for t in tokens for a in actors_at.get(t.i, []) if a in targets])
            named = all(t.i in actors_at or t.dep_ in ("cc", "det", "punct") for t in tokens)
            parts.append(_join([names.get(a, a) for a in inside]) if inside and named else _text(tokens))
            left = [a for a in left if a not in inside]
        for prep in (c for c in verb.children if c.dep_ in ("prep", "dative")):
            pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if pobj is None or not left:
                continue
            inside = unique([a for t in pobj.subtree for a in actors_at.get(t.i, []) if a in left])
            if inside:  # "send tanks to Ukraine", "withdraw its troops from Nepal"
                parts.append(f"{prep.lower_} {_join([names.get(a, a) for a in inside])}")
                left = [a for a in left if a not in inside]
        if left and not parts:
            parts.append(_join([names.get(a, a) for a in left]))
        if not parts:  # "will work with Air Deccan": the verb's first prepositional phrase
            prep = next((c for c in verb.children if c.dep_ == "prep" and c.i > verb.i), None)
            if prep is not None and any(c.dep_ == "pobj" for c in prep.children):
                parts.append(_text(_phrase(prep)))
        return " ".join(parts)
