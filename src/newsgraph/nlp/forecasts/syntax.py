"""Parse reading for forecasts: trigger tokens, governing speech verbs, speakers, the clause and
the role of a time expression, confidence cues."""

from __future__ import annotations

import hashlib
from typing import Any

from spacy.tokens import Doc, Span, Token

from newsgraph.model import Event, TimeExpr
from newsgraph.nlp.common import unique
from newsgraph.nlp.forecasts.text import _negated

# Clauses whose times are their own, not the event's (a relative clause on the object is not one of
# them: "a submarine, which is scheduled to enter service in the early 2030s").
_OTHER_CLAUSE = ("advcl", "pcomp", "ccomp", "csubj", "parataxis")


class Syntax:
    """What the parse says around a forecast's trigger."""

    def _trigger_token(self, doc: Doc, event: Event) -> Token | None:
        span = doc.char_span(event.evidence.start, event.evidence.end, alignment_mode="expand")
        if span is None or not event.trigger:
            return None
        matches = [t for t in span if t.text == event.trigger]
        if len(matches) > 1:
            # the event coder's id is a hash of the trigger's offset, its code and its actors
            for t in matches:
                key = f"{t.idx}:{event.cameo}:{','.join(event.source)}>{','.join(event.target)}"
                if "ev-" + hashlib.sha1(key.encode()).hexdigest()[:10] == event.id:
                    return t
        return matches[0] if matches else None

    def _speech_governor(self, tok: Token) -> Token | None:
        """The nearest speech or prediction verb above the trigger ("said", "predicted", "according to")."""
        cur, steps = tok, 0
        while steps < 8:
            if cur.i != tok.i and cur.pos_ in ("VERB", "AUX") and cur.lemma_.lower() in self.speech_lemmas:
                return cur
            for c in cur.children:  # "According to him, ..."
                if c.dep_ == "prep" and c.lower_ == "according":
                    return c
            if cur.head.i == cur.i:
                break
            cur, steps = cur.head, steps + 1
        return None

    def _speaker(self, verb: Token, actors_at: dict[int, list[str]], raised: bool = False) -> list[str]:
        """The actors of a speech verb's subject (or of its agent); a verb with no subject of its own has
        the subject of the verb it is coordinated with ('May said ... and suggested ...') or that controls
        it ('Britain is set to warn that ...': the passive or raised subject, when ``raised``)."""
        if verb.lower_ == "according":
            pobj = next((t for t in verb.subtree if t.dep_ == "pobj"), None)
            return unique([a for t in pobj.subtree for a in actors_at.get(t.i, [])]) if pobj is not None else []
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None and (subj.dep_ == "nsubj" or raised):
            if subj.i in actors_at:  # the head's own mention: "Russian President Vladimir Putin" is Putin
                return list(actors_at[subj.i])
            heads = [subj, *(c for c in subj.children if c.dep_ == "conj")]
            return unique([a for h in heads for a in actors_at.get(h.i, [])])
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        if agent is not None:
            return unique([a for t in agent.subtree for a in actors_at.get(t.i, [])])
        if (
            subj is None
            and verb.dep_ in ("conj", "xcomp")
            and verb.head.pos_ in ("VERB", "AUX")
            and verb.head.i != verb.i
        ):
            return self._speaker(verb.head, actors_at, raised=verb.dep_ == "xcomp")
        return []

    def _statement_at(self, doc: Doc, tok: Token | None) -> Any:
        if tok is None:
            return None
        for st in getattr(doc._, "statements", None) or []:
            start, end = getattr(st, "start", None), getattr(st, "end", None)
            if start is not None and end is not None and start <= tok.idx < end:
                return st
        return None

    def _belongs(self, time_root: Token, trigger: Token, speech: Token | None, triggers: dict[int, str]) -> bool:
        """Whether a time expression bounds the trigger's clause (not another event's, not the utterance's)."""
        path = [trigger]
        cur = trigger
        while cur.head.i != cur.i and len(path) < 10:
            cur = cur.head
            if speech is not None and cur.i == speech.i:
                break
            path.append(cur)
        on_path = {t.i for t in path}
        cur, steps = time_root, 0
        while steps < 20:
            if cur.i in on_path:
                return True
            if cur.i in triggers and cur.i != trigger.i:
                return False  # another event's time
            if cur.head.i == cur.i or cur.dep_ in _OTHER_CLAUSE:
                return False  # "return ... after leaving Liverpool in May": the time of another clause
            cur, steps = cur.head, steps + 1
        return False

    def _clause_head(self, tok: Token) -> Token:
        """The verb or predicate a time expression modifies ("in the next two years" -> "happen")."""
        cur, steps = tok, 0
        while steps < 6:
            if cur.pos_ in ("VERB", "AUX") and cur.i != tok.i:
                return cur
            if cur.pos_ == "ADJ" and cur.dep_ in ("acomp", "ROOT") and cur.i != tok.i:
                return cur
            if cur.head.i == cur.i:
                return cur
            cur, steps = cur.head, steps + 1
        return cur

    def _role(self, span: Span) -> str | None:
        """What the preposition of a time expression makes of it: by, before, until, after, not_before, window."""
        first = span[0].lower_
        preps = self.cues.horizon_preps
        if first in preps:
            return "until" if first in ("until", "till") else preps[first]
        head = span.root.head
        if span.root.dep_ in ("pobj", "pcomp") and head.i != span.root.i and head.lower_ in preps:
            return "until" if head.lower_ in ("until", "till") else preps[head.lower_]
        return "window"

    def _cue_above(self, head: Token, speech: Token | None) -> str | None:
        """The nearest confidence cue on a clause or the clauses above it, below the speech verb."""
        cur, steps = head, 0
        while steps < 6:
            if speech is not None and cur.i == speech.i:
                return None
            cue = self._cue_at(cur)
            if cue is not None:
                return cue
            if cur.head.i == cur.i:
                return None
            cur, steps = cur.head, steps + 1
        return None

    def _own_cue(self, tok: Token, speech: Token | None) -> str | None:
        return self._cue_above(tok, speech)

    def _cue_at(self, tok: Token) -> str | None:
        """A cue on one clause: the predicate itself ("possible", "is scheduled to"), its modal, its adverb."""
        conf = self.cues.confidence
        if _negated(tok):
            return None  # "cannot happen": a negated modal says when not, not how sure
        if (tok.lower_ in conf or tok.lemma_.lower() in conf) and (
            tok.pos_ == "ADJ" or (tok.pos_ == "VERB" and (tok.tag_ == "VBN" or tok.lemma_.lower() in conf))
        ):
            return tok.lower_
        for c in tok.children:
            if c.dep_ == "aux" and c.lower_ in conf:
                return c.lower_
        for c in tok.children:
            if c.dep_ in ("acomp", "advmod") and c.lower_ in conf:
                return c.lower_
        return None

    def _actor_index(self, doc: Doc) -> dict[int, list[str]]:
        index: dict[int, list[str]] = {}
        for m in doc._.mentions or []:
            ids = list(m.actor_ids) or ([m.actor_id] if m.actor_id else [])
            if not ids:
                continue
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None:
                continue
            for t in span:
                bucket = index.setdefault(t.i, [])
                bucket.extend(a for a in ids if a not in bucket)
        return index

    @staticmethod
    def _span(doc: Doc, t: TimeExpr) -> Span | None:
        return doc.char_span(t.start, t.end, alignment_mode="expand")
