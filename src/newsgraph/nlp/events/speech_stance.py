"""What a plain statement's content does when no act word decides it (used by ``speech.py``): the stance
and mood of its clauses.

* an **evaluation** -- a copular predicate that judges ("Pakistan's claims were misleading", "X is
  correct", "the decision was a disgrace"): ACCUSE or SUPPORT of the actor the judged subject is or
  belongs to; the speaker's own feeling about something ("was deeply moved by the announcement", "is
  disappointed with Japan"): of the actor of its cause.  The evaluative words are a polarity lexicon
  derived from general-purpose sentiment resources (``data/polarity.tsv``, ``tools/derive_polarity.py``)
  together with the stage's own stance lists; a negation turns one over;
* a **wish** laid on another actor ("he hoped the United States would reconsider", "it is to be hoped
  that Iran will return"): REQUEST of the actor the wished clause is about;
* an **undertaking** of the speaker's own side ("looks forward to working with X", "is ready to meet X"):
  AGREE, intended, at the partner;
* a **retaliation** promised ("would respond harshly if Finland joined", "will retaliate"): THREATEN.

A statement of fact without one of these codes nothing; a reading whose clause concerns no actor other
than the speaker's own side gives nothing either.  The words of the frames are data
(``data/speech_events.yaml``, section ``stance_frames``).
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any

from spacy.tokens import Doc, Span, Token

from newsgraph.nlp.events.lexicon import Sense
from newsgraph.nlp.events.rules import _OBJ, _SUBJ, _SUBJ_PASS, _Found, _negated, _pobj

_FIRST_PERSON = {"i", "we", "us", "me"}
_MODALS = {"will", "would", "shall", "'ll", "wo", "can", "could", "may", "might", "should"}
# Expletive subjects: "it is wrong to ...", "there is ..." judge no actor of their own.
_EXPLETIVE = {"it", "there", "this", "that", "what"}


def _complemented(p: Token) -> bool:
    """A predicate with a complement of its own ("tired of waiting", "able to end", "suspicious of"), or one
    the parser hung on the copula after it ("has been very good at trying")."""
    return any(c.dep_ in ("prep", "xcomp", "ccomp", "advcl") for c in p.children) or any(
        c.dep_ in ("prep", "xcomp") and c.i > p.i for c in p.head.children
    )


def _conditional(tok: Token) -> bool:
    """Whether a clause is a condition or a concession ("if indeed X is not legitimate"): no judgement."""
    t = tok
    while t.head.i != t.i:
        if any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether", "though", "although") for c in t.children):
            return True
        t = t.head
    return any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in t.children)


@lru_cache(maxsize=1)
def load_polarity() -> dict[str, float]:
    """The shipped polarity lexicon: word -> score in -1..+1."""
    text = resources.files("newsgraph.nlp").joinpath("data", "polarity.tsv").read_text("utf-8")
    out: dict[str, float] = {}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        word, score = line.split("\t")
        out[word] = float(score)
    return out


def _words(rules: dict[str, Any], key: str) -> set[str]:
    return {str(w).lower() for w in rules.get(key) or ()}


class StanceReadings:
    """The stance readings; ``coder`` is the events stage's coder (actors, subjects, senses)."""

    coder: Any
    negative: set[str]
    positive: set[str]

    def _load_stance(self, rules: dict[str, Any]) -> None:
        frames = rules.get("stance_frames") or {}
        self.polarity = load_polarity()
        self.polarity_min = float(frames.get("polarity_min", 0.3))
        self.copulas = _words(frames, "copulas")
        self.feeling_preps = _words(frames, "feeling_preps")
        self.wish_verbs = _words(frames, "wish_verbs")
        self.undertaking_heads = _words(frames, "undertaking_heads")
        self.undertaking_verbs = _words(frames, "undertaking_verbs")
        self.partnership_nouns = _words(frames, "partnership_nouns")
        self.response_verbs = _words(frames, "response_verbs")
        self.severity_adverbs = _words(frames, "severity_adverbs")
        self.relief_verbs = _words(frames, "relief_verbs")
        self.harm_verbs = _words(frames, "harm_verbs")
        self.punitive_verbs = _words(frames, "punitive_verbs")
        self.expression_verbs = _words(frames, "expression_verbs")
        self.wish_nouns = _words(frames, "wish_nouns")
        self.dissociation_verbs = _words(frames, "dissociation_verbs")
        self.frame_cameo = {str(k): str(v) for k, v in (frames.get("cameo") or {}).items()}

    def _stance_act(
        self, cue: Token, speaker: list[str], content: Span, own: set[str], actors_at: dict[int, list[str]]
    ) -> _Found | None:
        """What one sentence of a plain statement's content does by its stance or mood, or None; the token it
        was read at is kept in ``self._at`` (and an undertaking's in ``self._own_move``: intended)."""
        codes = self.frame_cameo
        retaliation = self._retaliation(content)
        if retaliation is not None:
            about = [a for a in self._about(content, speaker, actors_at, own) if a not in own]
            self._at = retaliation
            if self._punished(retaliation):
                # the speaker's side announces it ("vowed that those responsible would be brought to justice"):
                # intended, and the undertaking coded on the cue gives way to it
                self._own_move = self._refused = cue
            code = codes.get("retaliation", "130")
            return _Found(cue, Sense(cameo=code), code, list(speaker), about, derived=True)
        asked = self._wish(content, speaker, own, actors_at)
        if asked:
            self._at = content[0]
            code = codes.get("wish", "100")
            return _Found(cue, Sense(cameo=code), code, list(speaker), asked, derived=True)
        undertaking = self._undertaking(content, speaker, own, actors_at)
        if undertaking is not None:
            self._at = self._own_move = undertaking[0]
            code = codes.get("undertaking", "030")
            return _Found(cue, Sense(cameo=code), code, list(speaker), undertaking[1], derived=True)
        judged = self._evaluation(content, speaker, own, actors_at)
        if judged is not None:
            sign, about, at = judged
            self._at = at
            code = codes.get("criticism", "111") if sign < 0 else codes.get("praise", "051")
            return _Found(cue, Sense(cameo=code), code, list(speaker), about, derived=True)
        return None

    # ------------------------------------------------------------ words

    def _score(self, t: Token) -> int:
        """+1, -1 or 0: the word's polarity, by the stage's stance lists first, else the lexicon."""
        forms = (t.lower_, t.lemma_.lower())
        if any(f in self.negative for f in forms):
            return -1
        if any(f in self.positive for f in forms):
            return 1
        for f in forms:
            score = self.polarity.get(f)
            if score is not None and abs(score) >= self.polarity_min:
                return 1 if score > 0 else -1
        return 0

    def _predicate_score(self, p: Token) -> int:
        """The polarity of a predicate: an adjective's own; a noun's own, else its adjectives' ("a terrible
        mistake", "a historic step")."""
        if any(c.tag_ == "HYPH" for c in p.children):
            return 0  # a compound adjective ("trigger-happy") is not its last word
        if p.pos_ == "ADJ" or (p.pos_ == "VERB" and p.tag_ == "VBN"):
            score = self._score(p)
        elif p.pos_ == "NOUN":
            score = self._score(p) or next((s for c in p.children if c.dep_ == "amod" and (s := self._score(c))), 0)
        else:
            return 0
        if score and (_negated(p) or any(c.dep_ == "neg" for c in p.head.children)):
            score = -score
        return score

    # ------------------------------------------------------------ readings

    def _evaluation(
        self, content: Span, speaker: list[str], own: set[str], actors_at: dict[int, list[str]]
    ) -> tuple[int, list[str], Token] | None:
        """A judgement: the sign, whom it is of, and the predicate it was read at."""
        side = set(speaker) | own
        for p in content:
            if p.dep_ not in ("acomp", "attr", "oprd") or p.head.lemma_.lower() not in self.copulas:
                continue
            score = self._predicate_score(p)
            if not score or _conditional(p.head):
                continue
            verb = p.head
            subj = next((c for c in verb.children if c.dep_ in _SUBJ + _SUBJ_PASS), None)
            if subj is None or subj.lower_ in _EXPLETIVE:
                continue
            actors = self.coder._actors_of(subj, actors_at)
            if subj.lower_ in _FIRST_PERSON or (actors and set(actors) <= side):
                # the speaker's own feeling: of what caused it ("was deeply moved by Spain's recognition")
                cause = next(
                    (_pobj(c) for c in p.children if c.dep_ == "prep" and c.lower_ in self.feeling_preps), None
                )
                about = self._thing_actors(cause, side, actors_at)
                if about:
                    return score, about, p
                continue
            about = [a for a in actors if a not in side]
            if about and (p.tag_ == "VBN" or p.lower_.endswith("ed") or _complemented(p)):
                # of an actor itself, a participle or an adjective with a complement says how it feels or what
                # it can do ("the families are tired of waiting", "police are not able to end the violence"),
                # not what the speaker thinks of it
                continue
            about = about or self._thing_actors(subj, side, actors_at)
            if about:
                return score, about, p
        return self._shifted(content, side, actors_at)

    def _shifted(
        self, content: Span, side: set[str], actors_at: dict[int, list[str]]
    ) -> tuple[int, list[str], Token] | None:
        """An act that turns its object's polarity over, judged by it: relief of something bad is praise of
        the doer ("corrected an historic injustice", "ended the suffering"), harm to something good is
        criticism ("undermined the trust", "destroyed the peace")."""
        for t in content:
            lemma = t.lemma_.lower()
            relief, harm = lemma in self.relief_verbs, lemma in self.harm_verbs
            if not (relief or harm) or t.pos_ != "VERB" or _negated(t):
                continue
            obj = next((c for c in t.children if c.dep_ in ("dobj", "obj")), None)
            score = self._predicate_score(obj) if obj is not None else 0
            if not score or (relief and score > 0) or (harm and score < 0):
                continue
            verb = t.head if t.dep_ == "conj" and self.coder._subject(t) is None else t
            doer = [a for a in self.coder._actors_of(self.coder._subject(verb), actors_at) if a not in side]
            if doer:
                return (1 if relief else -1), doer, t
        return None

    def _thing_actors(self, tok: Token | None, side: set[str], actors_at: dict[int, list[str]]) -> list[str]:
        """Whose thing a noun phrase is: its own actors, else the actor that owns or does it ("Pakistan's
        claims", "the decision by Germany", "the treatment of prisoners by Azerbaijan"), not a place."""
        if tok is None:
            return []
        own = [a for a in self.coder._actors_of(tok, actors_at) if a not in side]
        if own:
            return own
        for c in tok.children:
            if c.dep_ == "poss":
                found = [a for a in self.coder._actors_of(c, actors_at) if a not in side]
            elif c.dep_ == "prep" and c.lower_ in ("by", "of", "from"):
                found = [a for a in self.coder._np_actors(_pobj(c), actors_at) if a not in side]
            else:
                continue
            if found:
                return found
        return []

    def _wish(self, content: Span, speaker: list[str], own: set[str], actors_at: dict[int, list[str]]) -> list[str]:
        """Another actor the content wishes would act: a wish verb whose clause has a modal and an actor
        (or an actor's thing) as its subject."""
        side = set(speaker) | own
        for t in content:
            # by its form too: the lemmatizer makes "hoped" "hop"
            if not {t.lemma_.lower(), t.lower_} & self.wish_verbs or t.pos_ != "VERB" or _negated(t):
                continue
            for c in t.children:
                if c.dep_ != "ccomp" or not any(a.dep_ == "aux" and a.lower_ in _MODALS for a in c.children):
                    continue
                if c.lemma_.lower() in self.copulas:
                    continue  # a state wished for ("hoped Mr Brown would be premier") asks no act of anyone
                subj = next((s for s in c.children if s.dep_ in _SUBJ + _SUBJ_PASS), None)
                asked = self._thing_actors(subj, side, actors_at)
                if asked:
                    return asked
        return []

    def _undertaking(
        self, content: Span, speaker: list[str], own: set[str], actors_at: dict[int, list[str]]
    ) -> tuple[Token, list[str]] | None:
        """The speaker's own side undertakes to work with another actor: "looks forward to working with X",
        "is ready to meet X", "is prepared to continue its partnership with X"."""
        side = set(speaker) | own
        for t in content:
            lemma = t.lemma_.lower()
            if lemma not in self.undertaking_heads or _negated(t):
                continue
            if lemma == "look" and not any(c.dep_ in ("prt", "advmod") and c.lower_ == "forward" for c in t.children):
                continue
            head = t.head if t.dep_ == "acomp" else t
            subj = next((c for c in head.children if c.dep_ in _SUBJ), None)
            actors = self.coder._actors_of(subj, actors_at) if subj is not None else []
            if subj is None or not (subj.lower_ in _FIRST_PERSON or (actors and set(actors) <= side)):
                continue
            for g in t.subtree:
                if g.i == t.i:
                    continue
                if not (
                    g.lemma_.lower() in self.undertaking_verbs
                    and g.pos_ == "VERB"
                    or g.lemma_.lower() in self.partnership_nouns
                    and g.pos_ == "NOUN"
                ):
                    continue
                for c in g.subtree:
                    partner = c if c.dep_ in _OBJ else _pobj(c) if c.dep_ == "prep" and c.lower_ == "with" else None
                    about = [a for a in self.coder._actors_of(partner, actors_at) if a not in side]
                    if about:
                        return g, about
        return None

    def _punished(self, t: Token) -> bool:
        """A punishment promised in the passive: "those responsible would be found and brought to justice",
        "the perpetrators will be punished", "will be held accountable"."""
        if t.lemma_.lower() not in self.punitive_verbs or t.pos_ != "VERB" or _negated(t):
            return False
        verb = t.head if t.dep_ == "conj" else t
        passive = any(c.dep_ == "auxpass" for c in verb.children)
        # promised, not asked for ("should be punished" is a demand)
        future = any(c.dep_ == "aux" and c.lower_ in ("will", "would", "shall", "'ll", "wo") for c in verb.children)
        if not (passive and future):
            return False
        if t.lemma_.lower() in ("bring", "hold"):
            return any(g.lower_ in ("justice", "accountable", "responsible") for g in t.subtree)
        return True

    def _retaliation(self, content: Span) -> Token | None:
        """A retaliation promised: a verb of response in the future, sharpened by an adverb of severity
        ("would respond harshly", "will react firmly"), or a punishment in the passive."""
        for t in content:
            if self._punished(t):
                return t
            if t.lemma_.lower() not in self.response_verbs or t.pos_ != "VERB" or _negated(t):
                continue
            if not any(c.dep_ == "aux" and c.lower_ in ("will", "would", "shall", "'ll") for c in t.children):
                continue
            if any(c.dep_ == "advmod" and c.lower_ in self.severity_adverbs for c in t.children):
                return t
        return None

    def _expressions(self, doc: Doc, actors_at: dict[int, list[str]]) -> list[tuple[Token, str, list[str], list[str]]]:
        """Attitudes expressed outside any statement, as (verb, CAMEO code, source, target): a verb of
        expression with an attitude noun ("expressed doubt about X", "voiced dismay at X": by the noun's
        polarity; "expressed hope that X would": a request of X), and dissociation ("distanced themselves
        from the US position"): a rejection of the actor the object is or belongs to."""
        codes = self.frame_cameo
        out = []
        for t in doc:
            lemma = t.lemma_.lower()
            if t.pos_ != "VERB" or _negated(t) or lemma not in self.expression_verbs | self.dissociation_verbs:
                continue
            source = self.coder._clause_subject(t, actors_at)
            if not source:
                continue
            side = set(source)
            if lemma in self.dissociation_verbs:
                if not any(c.dep_ == "dobj" and c.tag_ == "PRP" for c in t.children):
                    continue  # reflexive only: "distanced itself from"
                away = next((_pobj(c) for c in t.children if c.dep_ == "prep" and c.lower_ == "from"), None)
                target = self._thing_actors(away, side, actors_at)
                if target:
                    out.append((t, codes.get("dissociation", "120"), source, target))
                continue
            noun = next((c for c in t.children if c.dep_ == "dobj" and c.pos_ == "NOUN"), None)
            if noun is None:
                continue
            if noun.lemma_.lower() in self.wish_nouns:
                for c in noun.children:
                    if c.lemma_.lower() in self.copulas:
                        continue
                    if c.dep_ in ("acl", "ccomp") and any(a.dep_ == "aux" and a.lower_ in _MODALS for a in c.children):
                        subj = next((g for g in c.children if g.dep_ in _SUBJ + _SUBJ_PASS), None)
                        target = self._thing_actors(subj, side, actors_at)
                        if target:
                            out.append((t, codes.get("wish", "100"), source, target))
                continue
            score = self._score(noun)
            if not score:
                continue
            about = [
                _pobj(c) for h in (noun, t) for c in h.children if c.dep_ == "prep" and c.lower_ in self.feeling_preps
            ]
            target = next((a for a in (self._thing_actors(o, side, actors_at) for o in about) if a), [])
            if target:
                code = codes.get("criticism", "111") if score < 0 else codes.get("praise", "051")
                out.append((t, code, source, target))
        return out
