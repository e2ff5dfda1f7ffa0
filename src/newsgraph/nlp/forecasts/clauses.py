"""Clause forecasts: a plan, schedule, promise or prediction stated in a clause becomes a forecast even
when the event stage coded no event for it (issue #10 item 16).

A clause is a forecast when (cues under ``clauses`` in ``data/forecast_cues.yaml``)

* its verb has an auxiliary of the future ("will", "'ll", "shall");
* its verb has an auxiliary of a possible or reported future ("would", "could", "may", "might") and
  the clause is what someone said (inside a statement's content, or under a prediction verb), or it
  names a time ahead ("may soon announce");
* a raising predicate governs its to-infinitive ("is expected to pass", "is set to", "is likely to be
  lifted", "is to be voted", "is going to be");
* a verb of plan or promise has its subject's action as object ("are planning to send", "promised a
  veto"), or a prediction verb its content ("forecast that", "lowered its forecast for ...").

Not a forecast: a clause under a condition ("if it is lifted"), a question, a modal perfect ("would have
...").  Negation is kept: the proposition is the clause's own words.  One forecast per sentence: a
sentence that already has an event forecast gets none of these, and of several clauses the one with a
named predictor, then the main one, is kept.

The predictor is the speaker of the statement the clause is part of, else the subject of the prediction,
plan or raising verb when it names an actor, else the speaker of a governing speech verb; ``None`` when
the page itself states the plan or the schedule.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from spacy.tokens import Doc, Span, Token

from newsgraph.model import TimeExpr
from newsgraph.nlp.forecasts.draft import _Draft
from newsgraph.nlp.forecasts.horizons import _ISO, parse_day
from newsgraph.nlp.forecasts.text import _phrase, _text

_PRIORITY = {"predicting": 0, "plan": 1, "raising": 2, "future": 3, "reported": 4}
_MAX_WORDS = 40
_PRONOUNS = {"it", "its", "they", "their", "he", "his", "she", "her"}


class ClauseForecasts:
    """Drafts of forecasts read off clauses (see the module's docstring)."""

    def _clause_drafts(
        self,
        doc: Doc,
        taken: set[int],
        events: list[_Draft],
        actors_at: dict[int, list[str]],
        times: list[tuple[TimeExpr, Span]],
        published: dt.date | None,
        sent_of: dict[int, int],
        triggers: dict[int, str],
    ) -> list[_Draft]:
        statements = [s for s in getattr(doc._, "statements", None) or [] if s.end > s.start]
        best: dict[int, tuple[tuple[int, int, int], _Draft]] = {}
        for tok in doc:
            found = self._future_clause(tok, statements)
            if found is None:
                continue
            kind, cue, head = found
            sent = tok.sent
            if sent.start in taken or sent.text.rstrip().rstrip("\"”’'").endswith("?"):
                continue
            draft = self._clause_draft(doc, kind, cue, head, statements, actors_at, times, published, sent_of)
            if draft is None:
                continue
            rank = (0 if draft.predictors or draft.predictor_text else 1, _PRIORITY[kind], head.i)
            old = best.get(sent.start)
            if old is None or rank < old[0]:
                best[sent.start] = (rank, draft)
        drafts = [d for _, d in sorted(best.values(), key=lambda x: x[1].trigger.i)]
        drafts = self._merge_into(drafts, events)
        prev: _Draft | None = None
        for d in drafts:
            # 'It edged up its forecast for ...' after 'The IMF said ...': the pronoun goes on with the
            # predictor of the forecast just before (the actor stage resolves persons' pronouns only)
            near = prev is not None and 0 <= d.sent_index - prev.sent_index <= 3
            if not d.predictors and not d.predictor_text and near and _pronoun_subject(d.trigger):
                d.predictors = list(prev.predictors)
            if d.predictors:
                prev = d
        for d in drafts:
            self._clause_horizons(d, times, published, triggers)
        return self._anaphoric_clauses(doc, drafts, events, actors_at, times, published)

    def _anaphoric_clauses(
        self,
        doc: Doc,
        drafts: list[_Draft],
        events: list[_Draft],
        actors_at: dict[int, list[str]],
        times: list[tuple[TimeExpr, Span]],
        published: dt.date | None,
    ) -> list[_Draft]:
        """'This will not happen before 2030, he added': a clause about the prediction just before, said
        by the same predictor, bounds that prediction instead of making another."""
        sents = list(doc.sents)
        kept: list[_Draft] = []
        for d in drafts:
            head, i = d.trigger, d.sent_index
            before = [
                p
                for p in [*events, *kept]
                if 0 < i - p.sent_index <= self.cues.anaphor_window and p.trigger is not None
            ]
            target = max(before, key=lambda p: (p.sent_index, p.trigger.i), default=None)
            if (
                target is None
                or d.kind not in ("future", "reported", "raising")  # not 'It edged up its forecast'
                or any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ == "it" for c in head.children)
                or not self._anaphoric_subject(head)
                or d.predictors not in ([], target.predictors)
                or not self._same_speaker(doc, head.sent, sents, i, target, actors_at)
            ):
                kept.append(d)
                continue
            target.horizons += d.horizons
            target.sentences.append(head.sent)
        return kept

    def _merge_into(self, drafts: list[_Draft], events: list[_Draft]) -> list[_Draft]:
        """A clause forecast in the sentence right after an event forecast of the same predictor goes on
        with it ('... could include Japan and South Korea. According to him, the two countries will be
        involved ...'): one prediction, stated over two sentences."""
        out = []
        for d in drafts:
            before = [
                e for e in events if e.predictors and e.predictors == d.predictors and d.sent_index - e.sent_index == 1
            ]
            if before:
                before[-1].sentences.append(d.trigger.sent)
            else:
                out.append(d)
        return out

    # ------------------------------------------------------------- detection

    def _future_clause(self, tok: Token, statements: list[Any]) -> tuple[str, str, Token] | None:
        """``(kind, cue word, clause head)`` when ``tok`` heads a clause that states a forecast."""
        if tok.pos_ not in ("VERB", "AUX", "ADJ") or tok.dep_ in ("aux", "auxpass", "amod", "compound"):
            return None
        if self._conditional(tok):
            return None
        if any(c.dep_ == "advmod" and c.lower_ in self.cues.clauses["hearsay"] for c in tok.children):
            return None  # 'NATO reportedly intends to ...': a rumour of a plan, no one's forecast
        if self._irrealis(tok):
            return None  # a hope, an obligation, a purpose, a counterfactual (filters.py)
        kind = self._governing_kind(tok)
        if kind is not None:
            return kind[0], kind[1], tok
        if tok.pos_ not in ("VERB", "AUX") or any(c.lemma_ == "have" and c.dep_ == "aux" for c in tok.children):
            return None  # 'would have ...': a past that did not happen
        cl = self.cues.clauses
        auxes = [c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")]
        future = next((a for a in auxes if a in cl["future_aux"]), None)
        if future is not None:
            return "future", ("will" if future in ("wo", "'ll") else future), tok
        reported = next((a for a in auxes if a in cl["reported_aux"]), None)
        if reported is None:
            return None
        if tok.tag_ == "VBG" or (tok.lemma_ == "be" and any(c.dep_ in ("acomp", "attr") for c in tok.children)):
            return None  # 'could be hampering', 'would be tough': a guess about now, or a judgement
        if self._describing(tok):
            return None  # 'further actions that would worsen the situation'
        said = any(s.start <= tok.idx < s.end for s in statements)
        said = said or self._said_through(tok, self._speech_governor(tok))
        if said or any(t.lower_ in cl["ahead"] for t in tok.subtree):
            return "reported", reported, tok
        return None

    def _governing_kind(self, tok: Token) -> tuple[str, str] | None:
        """A verb of prediction or plan, or a raising predicate, with what it governs."""
        cl = self.cues.clauses
        lemma, low = tok.lemma_.lower(), tok.lower_
        children = list(tok.children)
        passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in children)
        xcomp = next((c for c in children if c.dep_ == "xcomp" and _to_infinitive(c)), None)
        objects = [c for c in children if c.dep_ == "dobj"]
        governs = xcomp is not None or any(c.dep_ == "ccomp" for c in children) or bool(objects)
        if lemma in cl["predicting"] and tok.pos_ == "VERB" and not passive and governs:
            return ("predicting", low) if self._predicts(tok, children, xcomp, objects) else None
        if (
            lemma in cl["plans"]
            and (tok.tag_ != "VBN" or any(c.dep_ == "aux" for c in children))  # not 'changes intended to ...'
            and tok.pos_ == "VERB"
            and (xcomp is not None or any(o.pos_ == "NOUN" for o in objects))
            and _has_subject(tok)  # not 'a constitution approved ... and intended to increase ...'
        ):
            return "plan", low  # 'are planning to send', 'has promised a veto'
        if tok.pos_ == "VERB" and any(o.lower_ in cl["forecast_nouns"] for o in objects):
            return "predicting", low  # 'lowered its forecast for U.S. growth'
        if xcomp is not None and (lemma in cl["raising"] or low in cl["raising"]):
            if lemma == "be" and any(c.dep_ in ("acomp", "attr") for c in children):
                return None
            if lemma == "expect" and not passive:
                return None  # 'we expect them to ...' is a prediction verb (above)
            if lemma == "go" and tok.tag_ != "VBG":
                return None
            if xcomp.lemma_.lower() in cl["not_predicted"] or xcomp.lower_ in cl["hoping"]:
                return None  # 'it is to be hoped that ...': an attitude, not a plan
            return "raising", ("is to" if lemma == "be" else low)
        scheduled = (
            lemma in cl["scheduled"]
            and (tok.pos_ == "ADJ" or tok.tag_ == "VBN")
            and any(c.dep_ in ("auxpass", "cop") for c in children)  # 'is scheduled for', not 'set up by'
            and not any(c.dep_ in ("prt", "agent") for c in children)
        )
        if scheduled and any(c.dep_ in ("prep", "npadvmod") for c in children):
            return "raising", low  # 'which is scheduled for next month': a schedule with its date
        return None

    def _predicts(self, tok: Token, children: list[Token], xcomp: Token | None, objects: list[Token]) -> bool:
        """Whether a prediction verb states a prediction: not as a to-infinitive ('entitled to expect',
        'declined to predict'), not a directive ('warned North Korea to refrain'), not over a content in
        the past ('... was the world's most pressing challenge, Mr Blair warned')."""
        cl = self.cues.clauses
        if _to_infinitive(tok):
            return False
        comps = [c for c in children if c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX")]
        # 'warning residents that rains will cause ...': the that-clause the parser hangs on the addressee
        if tok.lemma_.lower() in cl["addressee_verbs"]:
            comps += [a for o in objects for a in o.children if a.dep_ == "acl" and _that_clause(a)]
        if tok.lemma_.lower() in cl["predicting_needs_clause"] and not comps:
            return False
        if comps and xcomp is None and not objects:
            ahead = cl["future_aux"] | cl["reported_aux"] | {"to"}  # 'expected the embargo to be lifted'
            return any(
                c.tag_ not in ("VBD", "VBN")
                or any(a.dep_ in ("aux", "auxpass") and a.lower_ in ahead for a in c.children)
                for c in comps
            )
        return True

    def _conditional(self, tok: Token) -> bool:
        """Whether the clause of ``tok`` (or one it hangs in) is a condition: 'if it is lifted'."""
        cur, steps = tok, 0
        while steps < 4:
            if any(c.dep_ == "mark" and c.lower_ in self.cues.clauses["conditions"] for c in cur.children):
                return True
            if cur.dep_ not in ("conj", "xcomp", "ccomp", "advcl", "relcl") or cur.head.i == cur.i:
                return False
            cur, steps = cur.head, steps + 1
        return False

    # --------------------------------------------------------------- drafting

    def _clause_draft(
        self,
        doc: Doc,
        kind: str,
        cue: str,
        head: Token,
        statements: list[Any],
        actors_at: dict[int, list[str]],
        times: list[tuple[TimeExpr, Span]],
        published: dt.date | None,
        sent_of: dict[int, int],
    ) -> _Draft | None:
        words = self._clause_words(head)
        if len(words) < 3:
            return None
        statement = next((s for s in statements if s.start <= head.idx < s.end), None)
        speech = self._speech_governor(head)
        # 'Erdogan predicted that Turkey would invade Syria before 2026': the predicted clause bounds the
        # forecast and says how sure; the prediction verb is the utterance
        inner = None
        if kind == "predicting":
            inner = next((c for c in head.children if c.dep_ in ("ccomp", "xcomp") and c.pos_ in ("VERB", "AUX")), None)
        predictors: list[str] = []
        named = None  # the predictor's words when no actor stands for them ('Margaret Beckett')
        verb = head if kind in ("predicting", "plan") else speech
        if statement is not None and verb is not None and statement.start <= verb.idx < statement.end:
            # the prediction or speech verb is in what the statement reports ('He also says Lord Goldsmith
            # warned Tony Blair that the war could be illegal'): its own named subject predicts
            subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            if subj is not None and subj.pos_ != "PRON":
                predictors = [a for a in self._speaker(verb, actors_at) if a != statement.speaker]
                evidential = verb.lemma_.lower() in self.cues.clauses["evidential"]
                if evidential:
                    predictors = []  # 'the experience of Wales indicated', 'statistics suggested': the speaker's
                elif not predictors and not self._speaker(verb, actors_at):
                    named = _text(_phrase(subj))  # no actor stands for them ('Lord Goldsmith', 'ministers')
        if predictors or named:
            pass
        elif statement is not None and statement.speaker:
            predictors = [statement.speaker]
        elif statement is not None and statement.speaker_text:
            named = statement.speaker_text
        elif kind in ("predicting", "plan"):
            predictors = self._speaker(head, actors_at)
        if not predictors:
            # the speaker the statements stage gave this verb as a cue ('the fund predicted that ...': the
            # fund named before), or the verb that frames the clause
            for verb in (head, speech):
                cued = _cued_speaker(statements, verb) if verb is not None else None
                if cued is not None:
                    predictors, named = [cued], None
                    break
        if not predictors and speech is not None:
            predictors = self._speaker(speech, actors_at)
        if not predictors and kind == "predicting":
            predictors = self._forecast_owner(head, actors_at)
        if not predictors and named is None and speech is None:
            statement = _quoted_after(head.sent, statements) or statement
            if statement is not None and statement.speaker:
                predictors = [statement.speaker]  # a quoted sentence with no frame goes on the quotation before
        if not predictors and named is None and kind in ("predicting", "plan"):
            subj = next((c for c in head.children if c.dep_ == "nsubj" and c.pos_ != "PRON"), None)
            named = _text(_phrase(subj)) if subj is not None else None  # 'Congressional leaders predicted'

        stated_on, stated_from = None, "document"
        date = getattr(statement, "date", None) if statement is not None else None
        if date is not None and _ISO.match(date.value or ""):
            stated_on, stated_from = date.value, "statement"
        elif published is not None:
            stated_on = published.isoformat()
        return _Draft(
            event=None,
            trigger=inner if inner is not None else head,
            sent_index=sent_of.get(head.sent.start, -1),
            predictors=predictors,
            speech=head if inner is not None else speech,
            stated_on=stated_on,
            stated_from=stated_from,
            own_cue=self._own_cue(inner, head) or cue
            if inner is not None
            else (cue if cue in self.cues.confidence else self._own_cue(head, speech)),
            sentences=[head.sent],
            proposition=_text(words),
            kind=kind,
            predictor_text=named,
        )

    def _forecast_owner(self, head: Token, actors_at: dict[int, list[str]]) -> list[str]:
        """Whose forecast the object names: 'to hold the IMF's estimate of global growth steady'."""
        nouns = self.cues.clauses["forecast_nouns"]
        for obj in (c for c in head.children if c.dep_ == "dobj" and c.lower_ in nouns):
            for poss in (c for c in obj.children if c.dep_ == "poss"):
                owners = [a for t in poss.subtree for a in actors_at.get(t.i, [])]
                if owners:
                    return list(dict.fromkeys(owners))
        return []

    def _clause_words(self, head: Token) -> list[Token]:
        """The clause's own words: its subtree less a leading mark, a nested statement frame and edge
        punctuation, at most ``_MAX_WORDS`` words."""
        toks = [t for t in head.subtree if not (t.dep_ == "mark" and t.head.i == head.i and t.i < head.i)]
        while toks and (toks[0].is_punct or toks[0].lower_ in ("that", "and", "but")):
            toks = toks[1:]
        while toks and toks[-1].is_punct:
            toks = toks[:-1]
        return toks[:_MAX_WORDS]

    def _clause_horizons(
        self, d: _Draft, times: list[tuple[TimeExpr, Span]], published: dt.date | None, triggers: dict[int, str]
    ) -> None:
        head = d.trigger
        stated = parse_day(d.stated_on)
        for t, span in times:
            if span.sent.start != head.sent.start or not self._belongs(span.root, head, d.speech, triggers):
                continue
            if d.speech is not None and self._clause_head(span.root).i == d.speech.i:
                continue
            finish = parse_day(t.finish, end=True)
            if stated is not None and finish is not None and finish < stated:
                continue
            self._add_horizon(d, t, span, published)


def _pronoun_subject(head: Token) -> bool:
    """Whether the clause's subject, or the possessor of its object, is a third-person pronoun."""
    subj = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is not None and subj.lower_ not in _PRONOUNS:
        return False  # 'Ban, a diplomat from South Korea, will finish his term': Ban's own
    for c in head.children:
        if c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in _PRONOUNS:
            return True
        if c.dep_ == "dobj" and any(g.dep_ == "poss" and g.lower_ in _PRONOUNS for g in c.children):
            return True
    return False


def _has_subject(tok: Token) -> bool:
    """Whether a verb has a subject of its own or shares one with the verb it is coordinated with or
    controlled by ('are planning to', 'said and promised to'), or a gerund of means with its clause's
    ('sought peace by promising to withdraw'); a participle has none ('a constitution approved ... and
    intended to', 'a scheme aiming to boost ...')."""
    cur, steps = tok, 0
    while steps < 5:
        if any(c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for c in cur.children):
            return True
        if cur.head.i == cur.i:
            return False
        if cur.dep_ in ("conj", "xcomp"):
            cur = cur.head
        elif cur.tag_ == "VBG" and cur.dep_ == "pcomp" and cur.head.lower_ == "by" and cur.head.head.i != cur.head.i:
            cur = cur.head.head  # 'sought peace by promising to withdraw': the means, the clause's subject
        else:
            return False
        steps += 1
    return False


def _that_clause(tok: Token) -> bool:
    """Whether a verb heads a clause opened by 'that'."""
    return tok.pos_ in ("VERB", "AUX") and any(c.dep_ == "mark" and c.lower_ == "that" for c in tok.children)


def _to_infinitive(tok: Token) -> bool:
    """Whether a verb is a to-infinitive ('to pass', 'to be voted')."""
    return any(c.dep_ in ("aux", "mark") and c.lower_ == "to" for c in tok.children)


_OPENING = "\"\u201c\u2018'"


def _quoted_after(sent: Span, statements: list[Any]) -> Any:
    """The statement right before a sentence that is a quotation with no frame of its own
    ('"Europeans must hope that ..., he said. "Iraq will remain an issue ..."'): the one ending at most
    one sentence's length before it, when nothing but white space and quotation marks lies between."""
    text = sent.text.lstrip()
    if text[:1] in _OPENING and text[1:2].isspace():
        text = text[1:].lstrip()  # the closing mark of the paragraph before, parsed into this sentence
    if len(text) < 2 or text[0] not in _OPENING or text[1].isspace():
        return None
    doc_text = sent.doc.text
    before = [st for st in statements if st.end <= sent.start_char and sent.start_char - st.end <= 400]
    if not before:
        return None
    last = max(before, key=lambda st: st.end)
    prev = next((s for s in sent.doc.sents if s.start_char <= last.end - 1 < s.end_char), None)
    if prev is None or prev.end != sent.start:
        gap = doc_text[last.end : sent.start_char]
        if gap.strip(" \n\t\"\u201c\u201d\u2018\u2019'.,"):
            return None  # other words between: not the same quotation
    return last


def _cued_speaker(statements: list[Any], verb: Token) -> str | None:
    """The speaker of the statement whose cue is ``verb`` (its word, in the verb's sentence)."""
    sent = verb.sent
    for st in statements:
        cue = (getattr(st, "cue", None) or "").split()
        if not cue or cue[0].lower() != verb.lower_ or not getattr(st, "speaker", None):
            continue
        if sent.start_char <= st.start < sent.end_char + 1 or sent.start_char <= st.end <= sent.end_char + 1:
            return st.speaker
    return None
