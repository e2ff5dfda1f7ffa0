"""What a plain statement's content does, read off its clauses (used by ``speech.py``).

A cue of plain saying ("said", "told", "added") names no act; its content does:

* a **refusal** -- the speaker's own side will not take part, meet, attend, negotiate or agree
  ("Tehran would not attend the talks", "they would not need to attend"): REJECT;
* a **threat** -- a consequence the content promises ("would pay a heavy price", "would be met with a
  decisive response", "will not sit idly by", "will not tolerate"): THREATEN, aimed at whom the
  content is about;
* an **expectation** laid on another actor ("entitled to expect the Palestinians to give up",
  "I count on the Council to act", "Russia is expected to honour its commitments"): REQUEST;
* a **failing** of another actor -- a constructive act it has not done ("Pakistan has done nothing to
  stop ...", "has not honoured", "I have not seen the slightest step the Palestinians ..."): ACCUSE.

The words are data (``data/speech_events.yaml``, section ``content``); the frames are the parse's.
Each reading returns the actors it concerns, or nothing: a statement whose content concerns no actor
is no event of this kind.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Span, Token

from newsgraph.nlp.events.lexicon import Sense
from newsgraph.nlp.events.rules import _OBJ, _SUBJ, _SUBJ_PASS, _Found, _negated, _pobj

# Words of the first person: a content whose clause has one as its subject speaks of the speaker's side.
_FIRST_PERSON = {"i", "we", "us", "me", "our", "my"}
_SECOND_PERSON = {"you", "your", "yours", "yourself", "yourselves"}
_FUTURE = {"will", "would", "shall", "'ll", "wo", "going"}
_LOCATIVE = ("in", "at", "near", "inside", "outside", "across", "throughout", "within", "around")


def _words(rules: dict[str, Any], key: str) -> set[str]:
    return {str(w).lower() for w in rules.get(key) or ()}


class ContentReadings:
    """The content readings; ``coder`` is the events stage's coder (actors, subjects, senses)."""

    coder: Any

    def _load_content(self, rules: dict[str, Any]) -> None:
        content = rules.get("content") or {}
        self.participation = _words(content, "participation_verbs")
        self.participation_types = _words(content, "participation_types")
        self.threat_nouns = _words(content, "threat_nouns")
        self.threat_verbs = _words(content, "threat_verbs")
        self.threat_adjectives = _words(content, "threat_adjectives")
        self.bare_nouns = _words(content, "threat_nouns_sharp_only")
        self.forbearance = _words(content, "forbearance_verbs")
        self.idle_verbs = _words(content, "idle_verbs")
        self.idle_words = _words(content, "idle_words")
        self.resolve_nouns = _words(content, "resolve_nouns")
        self.expect_verbs = _words(content, "expectation_verbs")
        self.no_choice = _words(content, "no_choice_nouns")
        self.bound_adjectives = _words(content, "obligation_participles")
        self.compliance = _words(content, "compliance_verbs")
        self.constructive = _words(content, "constructive_nouns")
        self.effort_verbs = _words(content, "effort_verbs")
        self.none_words = _words(content, "none_words")
        self.blame_nouns = _words(content, "blame_nouns")
        self.blame_verbs = _words(content, "blame_verbs")
        self.blame_adjectives = _words(content, "blame_adjectives")
        self.harms = _words(content, "harms")
        self.permission_verbs = _words(content, "permission_verbs")

    # ------------------------------------------------------------ helpers

    def _side(self, verb: Token, speaker: list[str], own: set[str], actors_at: dict[int, list[str]]) -> bool:
        """Whether the clause of ``verb`` has the speaker's side as its subject: a first-person pronoun,
        a pronoun that stands for the speaker, or the speaker's own actors."""
        subj = self.coder._subject(verb)
        if subj is not None and subj.lower_ in _FIRST_PERSON:
            return True
        actors = self.coder._clause_subject(verb, actors_at)
        return bool(actors) and set(actors) <= set(speaker) | own

    def _others(self, tok: Token | None, speaker: list[str], own: set[str], actors_at) -> list[str]:
        return [a for a in self.coder._actors_of(tok, actors_at) if a not in speaker and a not in own]

    @staticmethod
    def _future(verb: Token) -> bool:
        """A verb in the future or under a modal of intent ("will", "would", "is going to")."""
        heads = [verb]
        if verb.dep_ == "xcomp":
            heads.append(verb.head)
        return any(c.dep_ == "aux" and c.lower_ in _FUTURE for h in heads for c in h.children)

    # ------------------------------------------------------------ readings

    def _refusal(self, content: Span, speaker: list[str], own: set[str], actors_at) -> tuple[Token, list[str]] | None:
        """The speaker's side will not take part: a negated verb of participation whose subject is the
        speaker's side.  Returns the verb and whom the refusal is aimed at.  A verb of refusal ("would
        boycott") is the events stage's own (PLOVER codes an announced boycott as THREATEN)."""
        for t in content:
            if t.pos_ not in ("VERB", "AUX", "ADJ"):
                continue
            lemma = t.lemma_.lower()
            # "was not ready to": the negation is the copula's
            copula = t.pos_ == "ADJ" and t.dep_ == "acomp" and any(c.dep_ == "neg" for c in t.head.children)
            if not (_negated(t) or copula):
                continue
            sense = self.coder._trigger(t)
            ptype = self.coder._ptype(sense.cameo) if sense is not None and sense.cameo else None
            if lemma not in self.participation and (ptype or "").lower() not in self.participation_types:
                continue
            heads = [t, t.head] if t.dep_ == "xcomp" else [t]
            modal = any(c.tag_ == "MD" for h in heads for c in h.children)
            if t.pos_ != "ADJ" and not modal and not self._future(t):
                continue  # "did not attend": a report of what happened, not a refusal
            if not self._side(t, speaker, own, actors_at):
                continue
            target: list[str] = []
            for c in t.children:
                if c.dep_ in _OBJ:
                    target = self._others(c, speaker, own, actors_at)
                elif c.dep_ == "prep" and c.lower_ in ("with", "to"):
                    target = self._others(_pobj(c), speaker, own, actors_at)
                if target:
                    break
            return t, target
        return None

    def _threat(self, content: Span) -> Token | None:
        """A consequence the content promises: a threat noun under a future or obligation ("would pay a
        heavy price", "will face serious consequences", "would be met with a decisive response"), a
        negated verb of forbearance in the future ("will not tolerate", "would not sit idly by"), or
        the resolve and power to end something ("we have the resolution and power to end the unrest")."""
        for t in content:
            lemma = t.lemma_.lower()
            if lemma in self.threat_nouns and t.pos_ == "NOUN":
                verb = t.head if t.dep_ in _OBJ else t.head.head if t.dep_ == "pobj" else None
                if verb is None or verb.lemma_.lower() not in self.threat_verbs:
                    continue
                sharp = any(c.lemma_.lower() in self.threat_adjectives for c in t.children if c.dep_ == "amod")
                bound = any(c.lower_ in ("must", "have", "has") for c in verb.children if c.dep_ == "aux")
                bound = bound or (verb.dep_ == "xcomp" and verb.head.lemma_.lower() in ("have", "need"))
                if not _negated(verb) and (self._future(verb) or bound) and (sharp or lemma not in self.bare_nouns):
                    return verb
            elif lemma in self.forbearance and t.pos_ in ("VERB", "AUX") and _negated(t) and self._future(t):
                # "will not tolerate"; "would not sit idly by" (not "would not stand in the race")
                if lemma not in self.idle_verbs or any(g.lemma_.lower() in self.idle_words for g in t.subtree):
                    return t
            elif lemma in self.resolve_nouns and t.pos_ == "NOUN":
                for c in [*t.children, *(g for g in t.children if g.dep_ == "conj" for g in g.children)]:
                    if c.dep_ in ("acl", "relcl", "xcomp") and c.lemma_.lower() in self.threat_verbs:
                        return c
        return None

    def _expectation(self, content: Span, speaker: list[str], own: set[str], actors_at) -> list[str]:
        """Another actor whom the content expects to act: "expect X to", "count on X to", "want X to",
        or X "is expected / obliged / bound to" comply."""
        for t in content:
            lemma = t.lemma_.lower()
            if t.pos_ not in ("VERB", "ADJ") or _negated(t):
                continue
            acts = [
                c
                for c in t.children
                if c.dep_ in ("xcomp", "ccomp", "advcl") and any(a.lower_ == "to" for a in c.children)
            ]
            if lemma == "have" and acts == []:
                # "had no option but to surrender": what is left to another actor is asked of it
                for o in (c for c in t.children if c.dep_ in _OBJ and c.lemma_.lower() in self.no_choice):
                    if any(d.lower_ in ("no", "little") for d in o.children):
                        asked = self._others(self.coder._subject(t), speaker, own, actors_at)
                        if asked and self._agent(self.coder._subject(t), actors_at):
                            return asked
            if lemma in self.expect_verbs and not any(c.dep_ in _SUBJ_PASS for c in t.children):
                for act in acts:
                    # "expect Palestinians to give up": the parser hangs the expected one as the
                    # infinitive's subject or as the verb's object
                    who = next((c for c in act.children if c.dep_ in _SUBJ), None)
                    who = who or next((c for c in t.children if c.dep_ in _OBJ), None)
                    for c in t.children:
                        if who is None and c.dep_ == "prep" and c.lower_ in ("on", "upon"):
                            who = _pobj(c)
                    # the one expected is an actor, not a thing of one ("expects the country's recovery
                    # to drag on" is a prediction)
                    asked = self._others(who, speaker, own, actors_at) if self._agent(who, actors_at) else []
                    if asked:
                        return asked
            elif lemma in self.bound_adjectives or (lemma in self.expect_verbs and t.tag_ == "VBN"):
                subj = next((c for c in t.children if c.dep_ in _SUBJ + _SUBJ_PASS), None)
                if subj is None or not acts:
                    continue
                if lemma in self.expect_verbs and not any(a.lemma_.lower() in self.compliance for a in acts):
                    continue  # "X is expected to win": a prediction; "to honour its commitments": a demand
                asked = self._others(subj, speaker, own, actors_at) if self._agent(subj, actors_at) else []
                if asked:
                    return asked
        return []

    def _agent(self, tok: Token | None, actors_at: dict[int, list[str]]) -> bool:
        """Whether a noun phrase is an actor itself (its head a mention, or a group noun of one), not a
        thing an actor has."""
        return tok is not None and (tok.i in actors_at or self.coder._sector_of(tok) is not None)

    def _failing(self, content: Span, speaker: list[str], own: set[str], actors_at) -> list[str]:
        """Another actor said not to have done something constructive: "has done nothing to stop",
        "made no effort", "has not honoured its promises", "I have not seen the slightest step the
        Palestinians were working to ..." (the doer named inside the missing step)."""
        for t in content:
            blamed = self._blame(t, speaker, own, actors_at)
            if blamed:
                return blamed
            if t.pos_ not in ("VERB", "AUX"):
                continue
            lemma = t.lemma_.lower()
            objs = [c for c in t.children if c.dep_ in _OBJ]
            negated = _negated(t)
            nothing = any(
                o.lemma_.lower() in self.none_words
                or (o.lemma_.lower() in self.constructive and any(d.lower_ == "no" for d in o.children))
                for o in objs
            )
            if lemma in self.effort_verbs and nothing:
                doer = self._others(self.coder._subject(t), speaker, own, actors_at)
                if doer:
                    return doer
            if negated and lemma in self.compliance and not self._future(t):
                doer = self._others(self.coder._subject(t), speaker, own, actors_at)
                if doer:
                    return doer
            if negated or nothing:
                for o in objs:
                    if o.lemma_.lower() not in self.constructive:
                        continue
                    for g in o.subtree:
                        if g.dep_ in (*_SUBJ, "poss") or (g.dep_ == "pobj" and g.head.lower_ in ("by", "from")):
                            doer = self._others(g, speaker, own, actors_at)
                            if doer:
                                return doer
        return []

    def _blame(self, t: Token, speaker: list[str], own: set[str], actors_at) -> list[str]:
        """Another actor given the blame for something bad: "X bears full responsibility for the collapse",
        "X is responsible for the deaths" -- the for-phrase names a hostile act or a harm."""
        lemma = t.lemma_.lower()
        borne = lemma in self.blame_nouns and t.dep_ in _OBJ and t.head.lemma_.lower() in self.blame_verbs
        held = lemma in self.blame_adjectives and t.dep_ in ("acomp", "attr")
        holder = t.head
        if not (borne or held) or _negated(holder):
            return []
        cause = next((_pobj(c) for c in t.children if c.dep_ == "prep" and c.lower_ == "for"), None)
        if cause is None:
            return []
        sense = self.coder._trigger(cause)
        ptype = (self.coder._ptype(sense.cameo) or "") if sense is not None and sense.cameo else ""
        bad = cause.lemma_.lower() in self.harms or ptype.lower() in ("assault", "coerce", "threaten", "mobilize")
        if not bad:
            return []
        return self._others(self.coder._subject(holder), speaker, own, actors_at)

    @staticmethod
    def _second_person(content: Span) -> bool:
        return any(t.lower_ in _SECOND_PERSON for t in content)

    @staticmethod
    def _chunks(content: Span) -> list[Span]:
        """The content's parts, one per sentence ("A. B." gives "A." and "B.")."""
        doc = content.doc
        out = []
        for sent in content.sents:
            lo, hi = max(sent.start, content.start), min(sent.end, content.end)
            if hi > lo:
                out.append(doc[lo:hi])
        return out or [content]

    def _obliged(self, t: Token) -> bool:
        """A modal or verb of obligation on its clause ("must withdraw", "had to work", "needs to stop")."""
        if t.dep_ == "aux" and t.lower_ in self.demand_modals:
            return True
        return (
            t.lemma_.lower() in self.demand_verbs
            and any(c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children) for c in t.children)
            and not any(c.dep_ in _OBJ for c in t.children)
        )

    def _stance(self, content: Span) -> int:
        """Positive or negative: the evaluative words of the content, each turned over by its negation."""
        score = 0
        for t in content:
            # the word or its lemma: the lists hold participles of state the lemmatizer may turn into verbs
            # ("was committed to the plan"; not "crimes were committed")
            words = {t.lemma_.lower()}
            if t.pos_ != "VERB" or any(c.dep_ == "prep" and c.lower_ == "to" for c in t.children):
                words.add(t.lower_)
            sign = -1 if words & self.negative else 1 if words & self.positive else 0
            # "not satisfied", "is not a partner": the negation of the word or of the verb it completes
            if sign and (
                any(c.dep_ == "neg" for c in t.children)
                or (t.dep_ in ("acomp", "attr", "oprd") and any(c.dep_ == "neg" for c in t.head.children))
            ):
                sign = -sign
            score += sign
        return score

    def _content_act(
        self, cue: Token, speaker: list[str], content: Span, own: set[str], actors_at: dict[int, list[str]]
    ) -> _Found | None:
        """What one sentence of a plain statement's content does: a refusal, a threat, a demand or
        expectation, a failing of another actor (``speech_content.py``); the token it was read at is
        kept in ``self._at``."""
        coder = self.coder
        codes = self.content_cameo
        refusal = self._refusal(content, speaker, own, actors_at)
        if refusal is not None:
            self._refused = self._at = refusal[0]
            code = codes.get("refusal", "120")
            return _Found(cue, Sense(cameo=code), code, list(speaker), refusal[1], derived=True)
        threat = self._threat(content)
        if threat is not None:
            self._at = threat
            # measures of one's own ("we will work on appropriate measures") are a move announced; a price
            # the other pays, a forbearance ("will not sit idly by") or resolve is a threat as such
            moves = [g for g in threat.subtree if g.lemma_.lower() in self.bare_nouns and g.pos_ == "NOUN"]
            if moves and threat.lemma_.lower() not in self.forbearance and self._side(threat, speaker, own, actors_at):
                self._own_move = threat
            # at whom: the one who would pay or face it, what it would end ("to end Hong Kong unrest"),
            # else whom the content is about
            about = self._others(coder._subject(threat), speaker, own, actors_at)
            for t in threat.subtree if not about else ():
                if t.dep_ in (*_OBJ, "pobj") and not (t.dep_ == "pobj" and t.head.lower_ in _LOCATIVE):
                    about = about or self._others(t, speaker, own, actors_at)
            about = about or [a for a in self._about(content, speaker, actors_at, own) if a not in own]
            # else whom the speaker's previous statement was about ("... to end Hong Kong unrest." ... "We
            # have the power to end the unrest.")
            about = about or self._last_about.get(tuple(speaker), [])
            code = codes.get("threat", "130")
            return _Found(cue, Sense(cameo=code), code, list(speaker), about, derived=True)
        for t in content:
            if self._obliged(t):
                # the clause's subject: the modal's verb's ("X must withdraw"), or the verb's own ("X had to")
                clause = t.head if t.dep_ == "aux" else t
                # "X must not be allowed to ...": the one whose permission is at stake is asked
                deps = _SUBJ + _SUBJ_PASS if clause.lemma_.lower() in self.permission_verbs else _SUBJ
                subject = next((c for c in clause.children if c.dep_ in deps), None)
                asked = [a for a in coder._actors_of(subject, actors_at) if a not in speaker and a not in own]
                if asked and any(c.dep_ == "aux" and c.lemma_ == "have" and c.i > t.i for c in t.head.children):
                    # "should have told us sooner": what another actor ought to have done is a reproach
                    self._at = t
                    code = codes.get("failing", "111")
                    return _Found(cue, Sense(cameo=code), code, list(speaker), asked, derived=True)
                if asked:
                    self._at = t
                    return _Found(
                        cue, Sense(cameo=self.demand_cameo), self.demand_cameo, list(speaker), asked, derived=True
                    )
        asked = self._expectation(content, speaker, own, actors_at)
        if asked:
            self._at = content[0]
            return _Found(cue, Sense(cameo=self.demand_cameo), self.demand_cameo, list(speaker), asked, derived=True)
        failing = self._failing(content, speaker, own, actors_at)
        if failing:
            self._at = content[0]
            code = codes.get("failing", "111")
            return _Found(cue, Sense(cameo=code), code, list(speaker), failing, derived=True)
        return None
