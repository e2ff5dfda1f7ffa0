"""The spaCy component ``newsgraph_forecasts``: drafts from events, horizons, the finished records."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from newsgraph.model import Event, Forecast, TimeExpr
from newsgraph.nlp.common import unique
from newsgraph.nlp.events import load_lexicon as load_event_lexicon
from newsgraph.nlp.extensions import register_extensions
from newsgraph.nlp.forecasts.anaphors import Anaphors
from newsgraph.nlp.forecasts.clauses import ClauseForecasts
from newsgraph.nlp.forecasts.cues import load_cues
from newsgraph.nlp.forecasts.draft import _Draft
from newsgraph.nlp.forecasts.filters import NotForecasts
from newsgraph.nlp.forecasts.horizons import _ISO, horizon_of, parse_day, status_on
from newsgraph.nlp.forecasts.propositions import Propositions
from newsgraph.nlp.forecasts.syntax import Syntax
from newsgraph.nlp.forecasts.text import _negated

FORECAST_MODALITIES = ("predicted", "planned", "intended")
_PERSONAL = frozenset({"he", "she", "they", "we", "i"})


def _pronoun_subject(verb: Token | None) -> bool:
    """Whether a speech verb's subject is a personal pronoun ('he added')."""
    if verb is None:
        return False
    return any(c.dep_ == "nsubj" and c.lower_ in _PERSONAL for c in verb.children)


class ForecastTagger(ClauseForecasts, NotForecasts, Anaphors, Propositions, Syntax):
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
        drafts = self._unique(drafts, names, actors_at)
        self._attach_anaphors(doc, drafts, sents, times, actors_at, published, triggers)
        # the sentences an event forecast states (its own, and those its anaphors added) make no other
        taken = {s.start for d in drafts for s in d.sentences}
        drafts += self._clause_drafts(doc, taken, drafts, actors_at, times, published, sent_of, triggers)
        drafts.sort(key=lambda d: d.trigger.i if d.trigger is not None else -1)
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
        if tok is not None and (
            self._conditional(tok)  # 'asked whether the president would veto the bill'
            or self._irrealis(tok)
            or self._describing(tok)
        ):
            return None
        if speakers and statement is not None and getattr(statement, "speaker", None) and _pronoun_subject(speech):
            # '"... we will ask the ICC ...," he added': the statements stage follows the speakers of the
            # quotation; the actor stage's reading of a bare pronoun does not
            speakers = [statement.speaker]
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

    def _unique(self, drafts: list[_Draft], names: dict[str, str], actors_at: dict[int, list[str]]) -> list[_Draft]:
        """One forecast per proposition and sentence: two events of one clause ('will meet and talk to')
        that say the same make one forecast."""
        seen: set[tuple[int, str]] = set()
        out = []
        for d in drafts:
            key = (
                d.trigger.sent.start if d.trigger is not None else -1,
                self._proposition(d.event, d.trigger, names, actors_at),
            )
            if key not in seen:
                seen.add(key)
                out.append(d)
        return out

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
        key = f"{event.id}:{event.evidence.start}" if event is not None else f"clause:{d.trigger.idx}"
        forecast = Forecast(
            id="fc-" + hashlib.sha1(key.encode()).hexdigest()[:10],
            predictor=d.predictors[0] if d.predictors else None,
            proposition=self._proposition(event, d.trigger, names, actors_at) if event is not None else d.proposition,
            event=event.id if event is not None else None,
            stated_on=d.stated_on,
            not_before=not_before.isoformat() if not_before else None,
            by=by.isoformat() if by else None,
            confidence=confidence,
        )
        forecast.predictor_text = d.predictor_text
        forecast.status = status_on(forecast, today, expire_after_days=self.cues.expire_after_days)
        statement = [{"text": s.text.strip(), "start": s.start_char, "end": s.end_char} for s in d.sentences]
        if not statement and event is not None:
            statement = [event.evidence.to_dict()]
        detail = {
            "id": forecast.id,
            "statement": statement,
            "proposition_event": None
            if event is None
            else {
                "id": event.id,
                "type": event.type,
                "plover_type": event.plover_type,
                "source": list(event.source),
                "target": list(event.target),
                "trigger": event.trigger,
                "modality": event.modality,
            },
            "kind": d.kind,
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


@Language.factory(
    "newsgraph_forecasts",
    default_config={"cues": None, "today": None},
    requires=["doc._.events", "doc._.times"],
    assigns=["doc._.forecasts"],
)
def make_forecast_tagger(nlp: Language, name: str, cues: str | None, today: str | None) -> ForecastTagger:
    return ForecastTagger(nlp, name, cues, today)
