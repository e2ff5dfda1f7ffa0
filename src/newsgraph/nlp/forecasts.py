"""The ``newsgraph_forecasts`` component: predictions and plans as dated, checkable forecasts.

Every event the event stage codes as *predicted* or *planned* (and an *intended* one when its
source states the plan itself: "the rebels said they would meet ...", "India promised to
withdraw ...") becomes a :class:`newsgraph.model.Forecast`:

* ``predictor``: the actor who predicts: the subject of the speech or prediction verb that
  governs the event ("Putin predicted that ..."), else the speaker of a statement (from the
  statements stage, when it ran) around it, else the event's ``reported_by``; ``None`` for an
  impersonal plan ("Australia will purchase a submarine, which is scheduled to enter service
  ...") told by the writer;
* ``proposition``: what is predicted, as text: "<source> <verb> <target or object>"
  ("NATO joins AUKUS"); the event id is ``event``;
* ``stated_on``: when it was said: the date of a time expression governing the speech verb
  ("in August, Putin predicted" -> 2023-08), else the statement's date, else the document date;
* ``not_before`` / ``by``: from horizon expressions of the event's clause, and of the following
  sentences whose subject refers back to the prediction ("Of course, this cannot happen in the
  next two to three years, but such an outcome is possible within five years"): "within five
  years" bounds ``by``, a negated period ("cannot happen in the next two to three years") gives
  ``not_before`` (the earlier bound of a range), a dated period ("enter service in the early
  2030s") gives both; vague references ("eventually", "in the medium term") leave it open;
* ``confidence``: the cue word ("possible", "could", "will", "scheduled"): the one governing the
  horizon that sets the deadline, else the one on the event's own clause;
* ``status``: :func:`status_on` the evaluation date (the day the stage runs unless configured):
  ``open``, ``due`` (deadline passed), ``expired`` (long past); ``came_true`` is decided across
  documents by :mod:`newsgraph.link.forecasts`.

What the Forecast record has no field for (the statement's span, the ranges behind
``not_before``/``by``, the proposition event's type and actors, every cue) goes to
``doc._.forecast_details``: one dict per forecast, in the same order.
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from newsgraph.model import Event, Forecast, TimeExpr
from newsgraph.nlp.common import unique
from newsgraph.nlp.events import load_lexicon as load_event_lexicon
from newsgraph.nlp.extensions import register_extensions

CUES_PATH = Path(__file__).with_name("data") / "forecast_cues.yaml"
FORECAST_MODALITIES = ("predicted", "planned", "intended")
STATUSES = ("open", "due", "came_true", "expired")
_ISO = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
# Clauses whose times are their own, not the event's (a relative clause on the object is not one of
# them: "a submarine, which is scheduled to enter service in the early 2030s").
_OTHER_CLAUSE = ("advcl", "pcomp", "ccomp", "csubj", "parataxis")


# ---------------------------------------------------------------------------
# cues


@dataclass(frozen=True, slots=True)
class Cues:
    confidence: dict[str, str]
    horizon_preps: dict[str, str]
    open_horizons: tuple[str, ...]
    anaphor_pronouns: frozenset[str]
    anaphor_determiners: frozenset[str]
    anaphor_nouns: frozenset[str]
    anaphor_window: int
    commissive: frozenset[str]
    expire_after_days: int


@lru_cache(maxsize=4)
def load_cues(path: str | Path = CUES_PATH) -> Cues:
    raw = yaml.safe_load(Path(path).read_text("utf-8")) or {}
    return Cues(
        confidence={str(k).lower(): str(v) for k, v in (raw.get("confidence") or {}).items()},
        horizon_preps={str(k).lower(): str(v) for k, v in (raw.get("horizon_preps") or {}).items()},
        open_horizons=tuple(str(w).lower() for w in raw.get("open_horizons") or ()),
        anaphor_pronouns=frozenset(str(w).lower() for w in raw.get("anaphor_pronouns") or ()),
        anaphor_determiners=frozenset(str(w).lower() for w in raw.get("anaphor_determiners") or ()),
        anaphor_nouns=frozenset(str(w).lower() for w in raw.get("anaphor_nouns") or ()),
        anaphor_window=int(raw.get("anaphor_window", 3)),
        commissive=frozenset(str(w).lower() for w in raw.get("commissive") or ()),
        expire_after_days=int(raw.get("expire_after_days", 365)),
    )


# ---------------------------------------------------------------------------
# dates and statuses (no spaCy needed)


def parse_day(value: str | None, *, end: bool = False) -> dt.date | None:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` as a day: its first (or, with ``end``, last) day."""
    if not value or not _ISO.match(str(value)[:10]):
        return None
    text = str(value)[:10]
    try:
        if len(text) == 10:
            return dt.date.fromisoformat(text)
        if len(text) == 7:
            year, month = int(text[:4]), int(text[5:7])
            return dt.date(year, month, calendar.monthrange(year, month)[1] if end else 1)
        return dt.date(int(text), 12, 31) if end else dt.date(int(text), 1, 1)
    except ValueError:
        return None


def _field(record: Any, name: str) -> Any:
    return record.get(name) if isinstance(record, dict) else getattr(record, name, None)


def status_on(forecast: Any, on: dt.date | str, resolved: bool = False, expire_after_days: int = 365) -> str:
    """The status of a forecast (a :class:`Forecast` or a dict with ``by``) on the date ``on``.

    ``came_true`` when ``resolved`` (a later document asserted the proposition); ``open`` while
    there is no deadline or it has not passed; ``due`` once ``by`` has passed; ``expired`` once
    it passed more than ``expire_after_days`` ago.
    """
    if resolved:
        return "came_true"
    day = on if isinstance(on, dt.date) else parse_day(on)
    by = parse_day(_field(forecast, "by"), end=True)
    if by is None or day is None or day <= by:
        return "open"
    if (day - by).days > expire_after_days:
        return "expired"
    return "due"


@dataclass(slots=True)
class Horizon:
    """What one time expression says about when a proposition comes true."""

    not_before: dt.date | None = None
    not_before_range: tuple[dt.date, dt.date] | None = None
    by: dt.date | None = None
    by_range: tuple[dt.date, dt.date] | None = None
    open: bool = False


def horizon_of(time: TimeExpr, role: str | None, negated: bool, anchor: dt.date | None) -> Horizon | None:
    """Read one time expression as a horizon.

    ``role`` is what its preposition makes of it (``by``, ``before``, ``until``, ``after``,
    ``not_before``, ``window``; see ``horizon_preps`` in the cues file); ``negated`` whether its
    clause is negated ("cannot happen in the next two to three years"); ``anchor`` the date the
    expression was normalised against (durations count from it).
    """
    value = time.value or ""
    begin, finish = parse_day(time.begin), parse_day(time.finish, end=True)
    if value in ("PAST_REF", "PRESENT_REF"):
        return None
    if value == "FUTURE_REF" or finish is None:
        return Horizon(open=True)
    if begin is None:
        begin = finish
    one = dt.timedelta(days=1)
    if time.type == "DURATION":
        # a period from the anchor whose end lies in [lo, hi]: "the next two to three years" is +2y..+3y
        lo, hi = (begin, finish) if anchor is not None and begin > anchor else (finish, finish)
        if negated or role in ("after", "not_before"):
            return Horizon(not_before=lo, not_before_range=(lo, hi))
        return Horizon(by=hi, by_range=(lo, hi))
    if negated:
        if role == "until" or role == "before":  # "not until 2027", "not before 2030"
            return Horizon(not_before=begin, not_before_range=(begin, finish))
        if role == "by":  # "won't happen by 2030"
            return Horizon(not_before=finish + one)
        if role == "after":  # "not after 2030"
            return Horizon(by=finish, by_range=(begin, finish))
        return None
    if role in ("by", "until"):
        return Horizon(by=finish, by_range=(begin, finish))
    if role == "before":
        return Horizon(by=begin - one)
    if role == "after":
        return Horizon(not_before=finish + one)
    if role == "not_before":
        return Horizon(not_before=begin)
    # "in the early 2030s", "next week": within the expression's range
    return Horizon(not_before=begin, not_before_range=(begin, begin), by=finish, by_range=(finish, finish))


# ---------------------------------------------------------------------------
# the component


@dataclass(slots=True)
class _Draft:
    event: Event
    trigger: Token | None
    sent_index: int
    predictors: list[str]
    speech: Token | None
    stated_on: str | None
    stated_from: str
    own_cue: str | None
    horizons: list[tuple[Horizon, str | None, dict[str, Any]]] = field(default_factory=list)
    sentences: list[Span] = field(default_factory=list)


class ForecastTagger:
    """Builds ``doc._.forecasts`` (and ``doc._.forecast_details``) from ``doc._.events`` and ``doc._.times``."""

    def __init__(self, nlp: Language, name: str, cues: str | None, today: str | None) -> None:
        register_extensions()
        if not Doc.has_extension("forecast_details"):
            Doc.set_extension("forecast_details", default=None)
        self.name = name
        self.cues = load_cues(cues) if cues else load_cues()
        self.today = today
        lex = load_event_lexicon()
        self.speech_lemmas = {lemma for lemma, senses in lex.verbs.items() if any(s.speech for s in senses)}
        mod = lex.modality
        self.speech_lemmas |= set(mod.get("predicting_speech", []))
        self.commissive = set(self.cues.commissive)

    # ------------------------------------------------------------------ main

    def __call__(self, doc: Doc) -> Doc:
        events = [e for e in doc._.events or [] if e.modality in FORECAST_MODALITIES]
        if not events:
            doc._.forecasts, doc._.forecast_details = [], []
            return doc
        published = parse_day(doc._.published)
        actors_at = self._actor_index(doc)
        names = {a.id: a.name for a in doc._.actors or []}
        times = [(t, self._span(doc, t)) for t in doc._.times or []]
        times = [(t, s) for t, s in times if s is not None]
        sents = list(doc.sents)
        sent_of = {s.start: i for i, s in enumerate(sents)}
        triggers = {}
        for e in doc._.events or []:
            tok = self._trigger_token(doc, e)
            if tok is not None:
                triggers[tok.i] = e.id
        drafts: list[_Draft] = []
        for event in events:
            tok = self._trigger_token(doc, event)
            draft = self._draft(doc, event, tok, actors_at, times, published, sent_of, triggers)
            if draft is not None:
                drafts.append(draft)
        self._attach_anaphors(doc, drafts, sents, times, actors_at, published, triggers)
        forecasts: list[Forecast] = []
        details: list[dict[str, Any]] = []
        today = parse_day(self.today) if self.today else dt.date.today()
        for d in drafts:
            forecast, detail = self._finish(doc, d, names, actors_at, today)
            forecasts.append(forecast)
            details.append(detail)
        doc._.forecasts, doc._.forecast_details = forecasts, details
        return doc

    # ------------------------------------------------------------ one event

    def _draft(
        self,
        doc: Doc,
        event: Event,
        tok: Token | None,
        actors_at: dict[int, list[str]],
        times: list[tuple[TimeExpr, Span]],
        published: dt.date | None,
        sent_of: dict[int, int],
        triggers: dict[int, str],
    ) -> _Draft | None:
        speech = self._speech_governor(tok) if tok is not None else None
        speakers = self._speaker(speech, actors_at) if speech is not None else []
        statement = self._statement_at(doc, tok)
        if event.modality == "intended":
            # only the source's own statement of its plan: "X said it would ...", "X promised to ..."
            own = (
                tok is not None
                and tok.lemma_.lower() in self.commissive
                and any(c.dep_ == "xcomp" for c in tok.children)  # "agreed to pay", not "agreed that ..."
            )
            if not own and not (set(speakers) & set(event.source)):
                stated = statement is not None and getattr(statement, "speaker", None) in event.source
                if not stated:
                    return None
            if own and not speakers:
                speakers = list(event.source)
        predictors = speakers
        if not predictors and statement is not None and getattr(statement, "speaker", None):
            predictors = [statement.speaker]
        if not predictors:
            predictors = list(event.reported_by)
        stated_on, stated_from = None, "document"
        if speech is not None:
            for t, span in times:
                if self._clause_head(span.root).i == speech.i and _ISO.match(t.value or ""):
                    when = parse_day(t.value)
                    if when is not None and (published is None or when <= published):
                        stated_on, stated_from = t.value, "time"
                        break
        if stated_on is None and statement is not None and getattr(statement, "date", None) is not None:
            value = statement.date.value
            if _ISO.match(value or ""):
                stated_on, stated_from = value, "statement"
        if stated_on is None and published is not None:
            stated_on = published.isoformat()
        sent_index = sent_of.get(tok.sent.start, -1) if tok is not None else -1
        draft = _Draft(
            event=event,
            trigger=tok,
            sent_index=sent_index,
            predictors=predictors,
            speech=speech,
            stated_on=stated_on,
            stated_from=stated_from,
            own_cue=self._own_cue(tok, speech) if tok is not None else None,
            sentences=[tok.sent] if tok is not None else [],
        )
        if tok is None:
            return draft
        anchor = published
        stated = parse_day(stated_on)
        for t, span in times:
            if span.sent.start != tok.sent.start or not self._belongs(span.root, tok, speech, triggers):
                continue
            if speech is not None and self._clause_head(span.root).i == speech.i:
                continue  # the time of the utterance
            finish = parse_day(t.finish, end=True)
            if stated is not None and finish is not None and finish < stated:
                continue  # a past date ("announced ... in 2021")
            self._add_horizon(draft, t, span, anchor)
        return draft

    def _add_horizon(self, draft: _Draft, t: TimeExpr, span: Span, anchor: dt.date | None) -> None:
        role = self._role(span)
        head = self._clause_head(span.root)
        negated = _negated(head)
        h = horizon_of(t, role, negated, anchor)
        if h is None:
            return
        cue = self._cue_above(head, draft.speech)
        info = {"text": t.text, "start": t.start, "end": t.end, "role": role, "negated": negated, "cue": cue}
        draft.horizons.append((h, cue, info))

    # ------------------------------------------------------ anaphoric horizons

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

    # --------------------------------------------------------------- finish

    def _finish(
        self, doc: Doc, d: _Draft, names: dict[str, str], actors_at: dict[int, list[str]], today: dt.date
    ) -> tuple[Forecast, dict[str, Any]]:
        event = d.event
        not_before = by = None
        nb_range = by_range = None
        by_cue = nb_cue = None
        is_open = False
        for h, cue, _info in d.horizons:
            if h.open:
                is_open = True
            if h.not_before is not None and (not_before is None or h.not_before > not_before):
                not_before, nb_range, nb_cue = h.not_before, h.not_before_range, cue
            if h.by is not None and (by is None or h.by < by):
                by, by_range, by_cue = h.by, h.by_range, cue
        confidence = by_cue or d.own_cue or nb_cue or next((c for _, c, _ in d.horizons if c), None)
        if confidence is None and d.speech is not None and d.speech.lower_ in self.cues.confidence:
            confidence = d.speech.lower_
        forecast = Forecast(
            id="fc-" + hashlib.sha1(f"{event.id}:{event.evidence.start}".encode()).hexdigest()[:10],
            predictor=d.predictors[0] if d.predictors else None,
            proposition=self._proposition(event, d.trigger, names, actors_at),
            event=event.id,
            stated_on=d.stated_on,
            not_before=not_before.isoformat() if not_before else None,
            by=by.isoformat() if by else None,
            confidence=confidence,
        )
        forecast.status = status_on(forecast, today, expire_after_days=self.cues.expire_after_days)
        statement = [{"text": s.text.strip(), "start": s.start_char, "end": s.end_char} for s in d.sentences] or [
            event.evidence.to_dict()
        ]
        detail = {
            "id": forecast.id,
            "statement": statement,
            "proposition_event": {
                "id": event.id,
                "type": event.type,
                "plover_type": event.plover_type,
                "source": list(event.source),
                "target": list(event.target),
                "trigger": event.trigger,
                "modality": event.modality,
            },
            "predictors": list(d.predictors),
            "stated_on_from": d.stated_from,
            "not_before_range": [x.isoformat() for x in nb_range] if nb_range else None,
            "by_range": [x.isoformat() for x in by_range] if by_range else None,
            "window": [forecast.not_before, forecast.by] if forecast.not_before and forecast.by else None,
            "open": by is None,
            "open_horizon": is_open,
            "horizons": [info for _, _, info in d.horizons],
            "cues": unique([c for c in [d.own_cue, *(c for _, c, _ in d.horizons)] if c]),
            "confidence_level": self.cues.confidence.get((confidence or "").lower()),
        }
        forecast.statement = statement
        forecast.proposition_event = detail["proposition_event"]
        forecast.window = detail["window"]
        return forecast, detail

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
        lemma = verb.lemma_.lower() if verb.pos_ in ("VERB", "AUX") else verb.lower_
        particle = " ".join(c.lower_ for c in verb.children if c.dep_ == "prt")
        plural = len(event.source) > 1 or not source
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

    # ----------------------------------------------------------------- parse

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

    def _speaker(self, verb: Token, actors_at: dict[int, list[str]]) -> list[str]:
        if verb.lower_ == "according":
            pobj = next((t for t in verb.subtree if t.dep_ == "pobj"), None)
            return unique([a for t in pobj.subtree for a in actors_at.get(t.i, [])]) if pobj is not None else []
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None and subj.dep_ == "nsubj":
            if subj.i in actors_at:  # the head's own mention: "Russian President Vladimir Putin" is Putin
                return list(actors_at[subj.i])
            heads = [subj, *(c for c in subj.children if c.dep_ == "conj")]
            return unique([a for h in heads for a in actors_at.get(h.i, [])])
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        if agent is not None:
            return unique([a for t in agent.subtree for a in actors_at.get(t.i, [])])
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


# ---------------------------------------------------------------------------
# helpers


def _negated(tok: Token) -> bool:
    return any(c.dep_ == "neg" for c in tok.children)


def _phrase(tok: Token) -> list[Token]:
    """A noun phrase without its clauses, appositions and trailing punctuation."""
    drop = {"relcl", "acl", "appos", "punct"}
    skip: set[int] = set()
    for c in tok.children:
        if c.dep_ in drop:
            skip |= {t.i for t in c.subtree}
    return [t for t in tok.subtree if t.i not in skip]


def _subject_text(verb: Token) -> str:
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return _text(_phrase(subj)) if subj is not None else ""


def _text(tokens: list[Token]) -> str:
    return "".join(t.text_with_ws for t in tokens).strip()


def _third_person(lemma: str) -> str:
    if not lemma or " " in lemma:
        return lemma
    if lemma == "be":
        return "is"
    if lemma == "have":
        return "has"
    if lemma.endswith("y") and len(lemma) > 1 and lemma[-2] not in "aeiou":
        return lemma[:-1] + "ies"
    if lemma.endswith(("s", "sh", "ch", "x", "z", "o")):
        return lemma + "es"
    return lemma + "s"


def _join(names: list[str]) -> str:
    names = unique([n for n in names if n])
    if len(names) <= 1:
        return names[0] if names else ""
    return ", ".join(names[:-1]) + " and " + names[-1]


@Language.factory(
    "newsgraph_forecasts",
    default_config={"cues": None, "today": None},
    requires=["doc._.events", "doc._.times"],
    assigns=["doc._.forecasts"],
)
def make_forecast_tagger(nlp: Language, name: str, cues: str | None, today: str | None) -> ForecastTagger:
    return ForecastTagger(nlp, name, cues, today)
