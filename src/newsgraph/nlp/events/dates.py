"""The governing date of an event, background events, and the finished Event record."""

from __future__ import annotations

import datetime as dt
import hashlib

from spacy.tokens import Doc, Token

from newsgraph.model import DateValue, Event, Evidence, TimeExpr
from newsgraph.nlp.common import date_value
from newsgraph.nlp.events.rules import (
    _HOSTILE,
    _INVESTIGATE,
    _OBJ,
    _Found,
    _inside_clause,
)


class DatesMixin:
    """The governing date of an event, background events, and the finished Event record."""

    def _date_of(self, doc: Doc, tok: Token, times: list[TimeExpr]) -> TimeExpr | None:
        """The temporal expression governing the trigger's clause (not one inside another clause)."""
        if not times:
            return None
        by_token: dict[int, TimeExpr] = {}
        for t in times:
            span = doc.char_span(t.start, t.end, alignment_mode="expand")
            if span is not None and span.start > 0 and doc[span.start - 1].lower_ == "since":
                continue  # "held since 2016": when a state began, not when the event is (it goes on)
            if span is not None:
                for tk in span:
                    by_token[tk.i] = t
        heads = [tok]
        if tok.dep_ in _OBJ + ("pobj",) and tok.head.pos_ in ("VERB", "AUX", "ADP"):
            heads.append(tok.head if tok.head.pos_ != "ADP" else tok.head.head)
        for head in heads:
            for t in head.subtree:
                if t.i in by_token and not _inside_clause(t, head):
                    return by_token[t.i]
        return None

    def _to_event(self, doc: Doc, f: _Found, on: dt.date | None) -> Event:
        code = self.lex.code(f.cameo)
        ptype = code.plover if code else None
        sent = f.trigger.sent
        date = date_value(f.date) if f.date else None
        background = False
        if f.date and on and f.date.finish:
            try:
                end = dt.date.fromisoformat(f.date.finish)
                background = (on - end).days >= self.background_days and f.modality in ("asserted", "reported")
            except ValueError:
                pass
        if date is None and on and f.modality in ("asserted", "reported", "negated"):
            date = DateValue(on.isoformat(), on.isoformat(), on.isoformat(), "day")
        key = f"{f.trigger.idx}:{f.cameo}:{','.join(f.source)}>{','.join(f.target)}"
        return Event(
            id="ev-" + hashlib.sha1(key.encode()).hexdigest()[:10],
            type=ptype or "UNCODED",
            cameo=f.cameo,
            source=f.source,
            target=f.target,
            modality=f.modality,
            certainty=self._certainty(f),
            date=date,
            evidence=Evidence(sent.text, sent.start_char, sent.end_char),
            mode=code.mode if code else None,
            trigger=f.trigger.text,
            intensity=self.lex.intensity.get(ptype or ""),
            goldstein=code.goldstein if code else None,
            hedges=f.hedges,
            reported_by=f.reported_by,
            background=background,
            plover_type="AGREE"
            if f.refrain
            else _plover_view(
                (code.view if code else None) or ptype,
                f.modality,
                f.ultimatum,
                investigation=f.cameo.startswith(_INVESTIGATE),
            ),
        )


def _plover_view(ptype: str | None, modality: str, ultimatum: bool = False, investigation: bool = False) -> str | None:
    """PLOVER's own convention: a promised or planned action is an AGREE (cooperation) or a THREATEN (hostility).

    Our ``type`` names the action and ``modality`` its status ("will purchase": COOPERATE, planned);
    PLOVER and CAMEO code the promise itself.  The gold-standard records follow PLOVER.  A promise on a
    condition the other side must meet ("will withdraw its force unless ...") is an ultimatum: THREATEN.
    An investigation announced ("police will investigate the shooting") is the investigation, no threat.
    """
    if ptype and ultimatum:
        return "THREATEN"
    if investigation and modality in ("planned", "intended"):
        return ptype
    if ptype and modality in ("planned", "intended") and ptype not in ("AGREE", "THREATEN"):
        return "THREATEN" if ptype in _HOSTILE else "AGREE"
    if ptype and modality == "negated" and ptype not in _HOSTILE and ptype != "REJECT":
        return "REJECT"  # "will not accept refugees", "declined to resign": a refusal
    return ptype
