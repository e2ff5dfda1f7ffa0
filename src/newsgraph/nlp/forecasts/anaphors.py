"""Anaphoric horizons: a later sentence about "this" or "such an outcome" bounds the prediction before it."""

from __future__ import annotations

import datetime as dt

from spacy.tokens import Doc, Span, Token

from newsgraph.model import TimeExpr
from newsgraph.nlp.forecasts.draft import _Draft
from newsgraph.nlp.forecasts.horizons import parse_day


class Anaphors:
    """Horizons that later sentences add to a prediction."""

    def _attach_anaphors(
        self,
        doc: Doc,
        drafts: list[_Draft],
        sents: list[Span],
        times: list[tuple[TimeExpr, Span]],
        actors_at: dict[int, list[str]],
        published: dt.date | None,
        triggers: dict[int, str],
    ) -> None:
        """Horizons of later sentences about "this" / "such an outcome" go to the nearest preceding prediction."""
        if not drafts:
            return
        own_sents = {d.sent_index for d in drafts}
        for i, sent in enumerate(sents):
            if i in own_sents:
                continue
            in_sent = [(t, s) for t, s in times if s.sent.start == sent.start]
            if not in_sent:
                continue
            candidates = [d for d in drafts if 0 <= d.sent_index < i and i - d.sent_index <= self.cues.anaphor_window]
            if not candidates:
                continue
            target = max(candidates, key=lambda d: (d.sent_index, d.trigger.i if d.trigger is not None else -1))
            if not self._same_speaker(doc, sent, sents, i, target, actors_at):
                continue
            stated = parse_day(target.stated_on)
            added = False
            for t, span in in_sent:
                head = self._clause_head(span.root)
                if head.i in triggers or not self._anaphoric_subject(head):
                    continue
                finish = parse_day(t.finish, end=True)
                if stated is not None and finish is not None and finish < stated:
                    continue
                self._add_horizon(target, t, span, published)
                added = True
            if added and all(s.start != sent.start for s in target.sentences):
                target.sentences.append(sent)

    def _anaphoric_subject(self, head: Token) -> bool:
        """Whether a clause's subject refers back: "this", "it", "such an outcome", "that scenario"."""
        cur, seen = head, 0
        while cur is not None and seen < 4:
            subj = next((c for c in cur.children if c.dep_ in ("nsubj", "nsubjpass", "expl")), None)
            if subj is not None:
                if subj.lower_ in self.cues.anaphor_pronouns:
                    return True
                dets = {c.lower_ for c in subj.children if c.dep_ in ("det", "predet", "amod")}
                return bool(dets & self.cues.anaphor_determiners) and (
                    subj.lemma_.lower() in self.cues.anaphor_nouns or "such" in dets
                )
            # a clause without its own subject shares its governor's ("... and is possible within five years")
            cur = cur.head if cur.dep_ in ("conj", "xcomp", "acomp") and cur.head.i != cur.i else None
            seen += 1
        return False

    def _same_speaker(
        self, doc: Doc, sent: Span, sents: list[Span], i: int, target: _Draft, actors_at: dict[int, list[str]]
    ) -> bool:
        """No named speaker other than the predictor says the sentence (by its statement, or its paragraph's
        speech verb)."""
        for st in getattr(doc._, "statements", None) or []:
            start, end = getattr(st, "start", None), getattr(st, "end", None)
            if start is not None and end is not None and start <= sent.start_char < end:
                speaker = getattr(st, "speaker", None)
                if speaker:
                    return not target.predictors or speaker in target.predictors
        # the speech verbs of the sentence and of the rest of its paragraph ("..., he said")
        for s in sents[i:]:
            if s.start != sent.start and "\n" in doc.text[sent.end_char : s.start_char]:
                break
            for tok in s:
                if tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() in self.speech_lemmas:
                    named = self._speaker(tok, actors_at)
                    if named and not set(named) & set(target.predictors):
                        return False
                    if named or any(c.dep_ == "nsubj" for c in tok.children):
                        return True
        return True
