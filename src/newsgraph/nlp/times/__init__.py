"""The ``newsgraph_times`` stage: find temporal expressions and normalise them to TIMEX3.

Every temporal expression of a ``Doc`` (dates, times, durations, sets, vague
references) is found in the text and normalised against the document date
(``doc._.published``) to a TIMEX3 ``value`` ("2023-09", "1989-Q3", "P5Y",
"FUTURE_REF", ...) and the day range it covers (``begin``/``finish``,
YYYY-MM-DD, ``None`` when open).  Results go to

* ``doc._.times``: :class:`newsgraph.model.TimeExpr` records (the public shape);
* ``doc._.timex``: :class:`TimeMention` records in the same order, which also
  carry the TIMEX3 ``type`` (DATE, TIME, DURATION, SET), ``mod`` (START, MID,
  END, APPROX, EQUAL_OR_LESS, ...), ``precision`` (day, week, month, quarter,
  season, half, year, decade, century, time, open) and the clause ``tense``.

Finding.  spaCy's DATE/TIME entities miss vague words ("now", "recently"),
merge neighbours ("the third quarter ended Sept. 30") and cut spans
differently from TimeML, so spans come from our own patterns over the text,
compiled once from ``data/time_lexicon.yaml``; overlapping candidates go to
the longest.  Spans follow the TimeML conventions of TimeBank: determiners and
modifiers in ("the third quarter", "the early 2030s", "within five years",
"about two years ago"), prepositions out ("in August" -> "August").

Normalising (:func:`normalise`, usable without spaCy) is rule-based:

* explicit dates in any order; numeric dates read day-first or month-first by
  a part over 12, then a weekday beside them ("Tuesday (26/9/2023)"), then the
  document's own habit (``date_order="auto"``: its other dates), then
  day-first; two-digit years go to the century nearest the document date;
* dates without a year, weekdays, months and seasons are placed by the tense
  of their clause, read from the parse: the last one on or before the
  document date in a past clause, the next one in a future clause;
* relative expressions ("last year", "earlier this month", "two days ago",
  "next week") count from the document date; "a year earlier", "the
  following month", "that year", "at the time" from the previous date of the
  text, at its granularity ("the third quarter ... a year earlier" is the
  third quarter of the year before);
* durations ("ten years" P10Y) get a range when they have a horizon
  ("within five years": document date .. +5 years; "the next two to three
  years": +2 .. +3 years; "the past two months": -2 months .. document date);
* vague references are PRESENT_REF / PAST_REF / FUTURE_REF with an open range.

dateparser is not used: it reads single strings but does not find dates in
text, does not know TIMEX3 values, and is slow.

The package follows those steps: :mod:`.lexicon` (the data file and the
records), :mod:`.candidates` (finding), :mod:`.points`, :mod:`.context`,
:mod:`.placing`, :mod:`.dates`, :mod:`.periods` and :mod:`.expressions`
(normalising one expression), :mod:`.tagger` (a whole text in context, clause
tense) and :mod:`.component` (the spaCy component).
"""

from newsgraph.nlp.times.candidates import Candidate, find_candidates
from newsgraph.nlp.times.component import TimeTagger, ensure_times_pipe, times_pipeline, timexes_of
from newsgraph.nlp.times.expressions import normalise
from newsgraph.nlp.times.lexicon import LEXICON_PATH, Lexicon, TimeMention, Timex, _grammar, load_lexicon
from newsgraph.nlp.times.tagger import clause_of, clause_tense, detect_date_order, tag_text

__all__ = [
    "LEXICON_PATH",
    "Candidate",
    "Lexicon",
    "TimeMention",
    "TimeTagger",
    "Timex",
    "_grammar",
    "clause_of",
    "clause_tense",
    "detect_date_order",
    "ensure_times_pipe",
    "find_candidates",
    "load_lexicon",
    "normalise",
    "tag_text",
    "times_pipeline",
    "timexes_of",
]
