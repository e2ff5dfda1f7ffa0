"""A forecast in the making."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Span, Token

from newsgraph.model import Event
from newsgraph.nlp.forecasts.horizons import Horizon


@dataclass(slots=True)
class _Draft:
    event: Event | None  # None for a clause forecast (see clauses.py)
    trigger: Token | None
    sent_index: int
    predictors: list[str]
    speech: Token | None
    stated_on: str | None
    stated_from: str
    own_cue: str | None
    horizons: list[tuple[Horizon, str | None, dict[str, Any]]] = field(default_factory=list)
    sentences: list[Span] = field(default_factory=list)
    proposition: str | None = None  # a clause forecast's own words
    predictor_text: str | None = None  # the predictor as the text names them, when no actor does
    kind: str = "event"  # event | predicting | plan | raising | future | reported
