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

The package follows the stage's steps: :mod:`.cues` (``data/forecast_cues.yaml``), :mod:`.horizons`
(dates, statuses, horizons), :mod:`.syntax` (the parse around a trigger), :mod:`.anaphors` (horizons
of later sentences), :mod:`.propositions` (what is predicted, as text) and :mod:`.component` (the
spaCy factory ``newsgraph_forecasts``).
"""

from typing import Any

from newsgraph.nlp.forecasts.cues import CUES_PATH, Cues, load_cues
from newsgraph.nlp.forecasts.horizons import STATUSES, Horizon, horizon_of, parse_day, status_on

__all__ = [
    "CUES_PATH",
    "FORECAST_MODALITIES",
    "STATUSES",
    "Cues",
    "ForecastTagger",
    "Horizon",
    "horizon_of",
    "load_cues",
    "make_forecast_tagger",
    "parse_day",
    "status_on",
]

_COMPONENT = ("FORECAST_MODALITIES", "ForecastTagger", "make_forecast_tagger")


def __getattr__(name: str) -> Any:
    """The spaCy component on first use: the forecast ledger (``parse_day``, ``status_on``) runs
    in the store's writer, which must not import spaCy for a run with nothing new to analyse."""
    if name in _COMPONENT:
        from newsgraph.nlp.forecasts import component

        return getattr(component, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
