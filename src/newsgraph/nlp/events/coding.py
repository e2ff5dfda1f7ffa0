"""Coding a trigger: intentions, orders, and accusations read off speech verbs."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from newsgraph.nlp.common import unique
from newsgraph.nlp.events.lexicon import Sense
from newsgraph.nlp.events.rules import (
    _FORCES,
    _HOSTILE,
    _INTENT_CAMEO,
    _INVESTIGATE,
    _OBJ,
    _ORDER_VERBS,
    _SUBJ,
    _THREAT_CAMEO,
    _UNDERGO,
    _Found,
    _inside_clause,
    _negated,
    _not_yet,
    _pobj,
)


class CodingMixin:
    """Coding a trigger: intentions, orders, and accusations read off speech verbs."""

    def _code(
        self, doc: Doc, tok: Token, sense: Sense, actors_at: dict[int, list[str]], consumed: set[int]
    ) -> _Found | None:
        if sense.intent:
            comps = [c for c in tok.children if c.dep_ in ("xcomp", "ccomp")] + [
                c
                for c in tok.children
                if c.dep_ == "advcl"
                and c.i == tok.i + 2
                and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
                and self._subject(c) is None
            ]
            obj = next(
                (
                    c
                    for c in tok.children
                    if c.dep_ == "dobj" and self._ptype(getattr(self._trigger(c), "cameo", None)) in _HOSTILE
                ),
                None,
            )
            if not comps and obj is not None:
                # a hostile object nominal is the act: "aimed his criticism at Britain" (directed at someone:
                # done, coded on the nominal itself), "has promised a veto", "will seek new sanctions" (sought
                # or promised: intended, on this verb); a cooperative one is what is sought ("pursuing an
                # agreement"), read below
                if any(c.dep_ == "prep" and c.lower_ == "at" for h in (tok, obj) for c in h.children):
                    return None
                inner = self._code(doc, obj, self._trigger(obj), actors_at, consumed)
                consumed.add(obj.i)
                if inner is not None:
                    inner.modality, inner.trigger = "intended", tok
                    # the one who seeks or promises it is the source ("the United States will seek new U.N.
                    # sanctions": not the U.N.), and a hostile act not yet done is a threat of it
                    inner.source = self._source(doc, tok, sense, actors_at) or inner.source
                    ptype = self._ptype(inner.cameo)
                    if (
                        ptype in _HOSTILE
                        and ptype not in ("THREATEN", "REJECT")
                        and not inner.cameo.startswith(_INVESTIGATE)
                    ):
                        inner.cameo = _THREAT_CAMEO.get(ptype or "", "130")
                return inner
            comp = next((c for c in comps if self._trigger(c) is not None), comps[0] if comps else None)
            inner_sense = self._trigger(comp) if comp is not None else None
            if comp is not None and inner_sense is not None and not inner_sense.speech and not inner_sense.intent:
                inner = self._code(doc, comp, inner_sense, actors_at, consumed)
                consumed.add(comp.i)
                if inner is not None:
                    ptype = self._ptype(inner.cameo)
                    if ptype in _HOSTILE and not inner.cameo.startswith(_INVESTIGATE):
                        inner.cameo = _THREAT_CAMEO.get(ptype or "", "130")
                    else:
                        inner.cameo = _INTENT_CAMEO.get(ptype or "", sense.cameo or "030")
                    inner.modality = "intended"
                    if not inner.source:
                        inner.source = self._source(doc, tok, sense, actors_at)
                    inner.trigger = tok
                    return inner
            if comp is not None and comp.pos_ in ("VERB", "AUX"):
                if tok.lemma_.lower() not in self.commissive:
                    return None  # a wish to do something we do not code ("seeking to reformat ...")
                # "promised to democratize Serbia", "offered to hand over ...": a commitment, AGREE
                source = self._source(doc, tok, sense, actors_at)
                target = [
                    a
                    for t in comp.subtree
                    if t.i in actors_at and not _inside_clause(t, comp)
                    for a in actors_at[t.i]
                    if a not in source
                ]
                return _Found(tok, sense, sense.cameo or "030", source, unique(target), modality="intended")
        cameo = sense.cameo
        if cameo is None:
            return None
        negated = _negated(tok)
        refusal = False
        if negated and sense.negated_cameo and not _not_yet(tok):
            cameo, negated, refusal = sense.negated_cameo, False, True
        ptype = self._ptype(cameo)
        source = self._source(doc, tok, sense, actors_at)
        target = self._target(doc, tok, sense, ptype, actors_at, source)
        verb = self._light_verb(tok) if tok.pos_ in ("NOUN", "PROPN") else None
        if verb is not None and verb.lemma_.lower() in _UNDERGO:
            # "the United States faced criticism from China": the subject undergoes the act
            target = self._clause_subject(verb, actors_at)
            doers = [_pobj(c) for h in (tok, verb) for c in h.children if c.dep_ in ("prep", "agent")]
            # its doers: its own modifiers ("faced Palestinian criticism") and its from- or by-phrase
            mods = [c for c in tok.children if c.dep_ in ("amod", "poss", "compound")]
            mods += [g for c in mods for g in c.children if g.dep_ == "conj"]  # "international and Palestinian"
            named = [a for c in mods for a in actors_at.get(c.i, ())]
            source = [
                a
                for a in named
                + [
                    a
                    for p in doers
                    if p is not None and p.head.lower_ in ("from", "by")
                    for a in self._actors_of(p, actors_at)
                ]
                if a not in target
            ]
            if not source:
                return None  # "India's navy drew criticism": criticism by no one named, not the subject's act
        if (
            ptype == "THREATEN"
            and not target
            and tok.pos_ == "VERB"
            and any(c.dep_ == "ccomp" for c in tok.children)
            and not any(c.dep_ in _OBJ + ("xcomp",) for c in tok.children)
        ):
            # "the IMF warned that growth could slow": a warning of what may happen, aimed at nobody
            return None
        if ptype == "REQUEST" and tok.lemma_.lower() in _ORDER_VERBS and self._own_forces(tok, source, target):
            # "ordered troops to withdraw from Somalia": a leader's order to his own forces is the act he
            # orders; an order with no act we code ("ordered troops to stand guard") is a show of force
            for comp in (c for c in tok.children if c.dep_ == "xcomp"):
                inner_sense = self._trigger(comp)
                if inner_sense is not None and not inner_sense.speech and not inner_sense.intent:
                    inner = self._code(doc, comp, inner_sense, actors_at, consumed)
                    consumed.add(comp.i)
                    if inner is not None:
                        inner.source = source
                        inner.target = [a for a in inner.target if a not in target] or inner.target
                        inner.trigger = tok
                        return inner
            return _Found(tok, sense, "150", source, [], negated=negated)
        return _Found(tok, sense, cameo, source, target, negated=negated, refusal=refusal)

    def _own_forces(self, tok: Token, source: list[str], target: list[str]) -> bool:
        """Whether the object of an order is the orderer's own troops or police ("ordered troops to ...")."""
        obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
        if obj is None or obj.lemma_.lower() not in _FORCES or not source:
            return False
        own = {self._country.get(a) for a in source} - {None}
        return all(self._country.get(a) in own for a in target)

    def _ptype(self, cameo: str | None) -> str | None:
        code = self.lex.code(cameo)
        return code.plover if code else None

    def _accusation(self, doc: Doc, verb: Token, actors_at: dict[int, list[str]]) -> _Found | None:
        """ "X stated that NATO was seeking to base its troops ...": X accuses NATO."""
        speaker = self._clause_subject(verb, actors_at)
        # a speaker the knowledge base does not know ("The Third World Water Forum concluded that ...")
        unknown = not speaker and self._agent_phrase(verb) is not None
        if not speaker and not unknown:
            return None
        found = self._speech_act(doc, verb, speaker, actors_at)
        if found is not None and unknown:
            found.source = self._unresolved_source(doc, verb, actors_at)
            found.unresolved = True
        return found if found is None or found.source else None

    def _speech_act(self, doc: Doc, verb: Token, speaker: list[str], actors_at: dict[int, list[str]]) -> _Found | None:
        for comp in self._reported_clauses(verb):
            subject = self._subject(comp)
            own = {self._country.get(a) for a in speaker} - {None}
            # another actor, and not the speaker's own country ("the Palestinians reject ..., Erakat said")
            others = [a for a in self._actors_of(subject, actors_at) if a not in speaker]
            accused = [a for a in others if self._country.get(a) not in own]
            # "should have told us", "must have known": a reproach or an inference, not a demand (the
            # speech-events stage reads the reproach as ACCUSE)
            reproach = any(c.dep_ == "aux" and c.lemma_ == "have" for c in comp.children)
            if not reproach and any(c.dep_ == "aux" and c.lower_ in self.deontic for c in comp.children):
                # "Russia said that Sudan must return the helicopter": a demand; rebels or parties may
                # make one of their own government ("rebels announced that the president must ...")
                domestic = all(self._kinds.get(a) not in ("state", None) for a in speaker)
                demanded = accused or (others if domestic else [])
                if demanded:
                    return _Found(verb, Sense(cameo="100"), "100", speaker, demanded)
            if not accused:
                continue
            inner = self._trigger(comp)
            hostile = inner is not None and not inner.speech and self._ptype(inner.cameo) in _HOSTILE
            if comp.lemma_.lower() in self.accusation_cues or hostile:
                return _Found(verb, Sense(cameo="112"), "112", speaker, accused, derived=True)
        return None

    def _reported_clauses(self, verb: Token) -> list[Token]:
        """The clauses a speech verb reports: its complements, and a that-clause the parser hung on a
        temporal noun ("said at the time that the US was seeking ...", parsed as a relative clause)."""
        out = [c for c in verb.children if c.dep_ == "ccomp"]
        for prep in (c for c in verb.children if c.dep_ == "prep"):
            for t in prep.subtree:
                if (
                    t.dep_ == "relcl"
                    and any(d.lower_ == "that" for d in verb.doc[prep.i : t.i])
                    and any(c.dep_ in _SUBJ for c in t.children)
                ):
                    out.append(t)
        return out

    # -------------------------------------------------------------- modality
