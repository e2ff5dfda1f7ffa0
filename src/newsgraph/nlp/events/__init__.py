"""The ``newsgraph_events`` component: who did what to whom, coded in PLOVER and CAMEO.

For every clause it finds a trigger (a verb, a nominal such as "attack on",
or a predicative adjective such as "willing to") in the trigger lexicon
(``data/event_lexicon.yaml``), picks the trigger's sense by its object and
prepositions, and reads the roles off the dependency parse:

* source: the subject, the by-phrase of a passive, the possessor of a
  nominal ("Russia's attack"), or, for a clause without its own subject, the
  subject of the clause that governs it; coordinated subjects give several
  sources ("announced by Australia, the UK and the US");
* target: the object, the subject of a passive, or the object of one of the
  trigger's target prepositions ("attack on Ukraine"), else the complement's
  subject ("demanded that President Mugabe abandon ...").

Actors are the resolved mentions of the actor stage.  The CAMEO code gives
the PLOVER type, mode and Goldstein weight (``data/cameo.yaml``).

Modality and certainty, which published coders leave out, come from the
clause around the trigger (``data/modality.yaml``): negation, conditionals,
modal verbs, governing verbs of intent and plan, speech verbs (an event in
someone else's words is *reported*), prediction verbs, and hedges
("reportedly", "is said to", "possible") that lower a certainty in [0, 1].
An event dated well before the document is *background*: kept, marked, and
not counted as news (:meth:`Event.counts_as_new`).

A speech verb whose complement says another actor is seeking, trying or
planning something ("Lavrov stated that NATO was seeking to base its troops
...") is the speaker accusing that actor (ACCUSE), as a reader would code it.

The package follows the steps: ``lexicon`` (data), ``senses`` (triggers), ``actors`` and ``roles``
(arguments), ``coding``, ``modality``, ``dates``, ``factuality`` (which coded triggers the article reports
as events: not what is asked of another, asked for or undone, nor a meeting with no one on the other side)
and ``component`` (the registered stage).
"""

from newsgraph.nlp.events.component import EventCoder, make_event_coder
from newsgraph.nlp.events.lexicon import Code, Lexicon, Sense, load_lexicon
from newsgraph.nlp.events.speech import SpeechEventCoder, make_speech_event_coder

__all__ = [
    "Code",
    "EventCoder",
    "Lexicon",
    "Sense",
    "SpeechEventCoder",
    "load_lexicon",
    "make_event_coder",
    "make_speech_event_coder",
]
