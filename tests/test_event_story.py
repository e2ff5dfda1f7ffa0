"""Acts read against the story (issue #10): an act whose sentence names no recipient is aimed at whom the
story's lead event is about, and a plain statement's evaluation that names no actor is of that too.
Blind cases ``tests/data/event_cases_blind3.jsonl`` were written before any dev error was read."""

import json
from pathlib import Path

import pytest

from newsgraph.model import Document
from newsgraph.nlp.pipeline import annotate
from test_event_classes import run_cases

BLIND3 = [json.loads(line) for line in (Path(__file__).parent / "data" / "event_cases_blind3.jsonl").open()]


def _events(nlp, text):
    (doc,) = annotate([Document(id="t", text=text, published="2024-03-05", language="en")], nlp)
    country = {a.id: a.country for a in doc.actors}
    return [(e.type, [country.get(a) for a in e.source], [country.get(a) for a in e.target]) for e in doc.events]


def test_an_act_with_no_recipient_is_aimed_at_the_lead_events_doer(nlp):
    text = (
        "North Korea conducted a nuclear test on Friday. The UN Security Council pledged to impose further sanctions."
    )
    events = _events(nlp, text)
    assert ("THREATEN", ["UNO"], ["PRK"]) in events


def test_the_lede_itself_reads_no_lead(nlp):
    events = _events(nlp, "The UN Security Council pledged to impose further sanctions.")
    assert all(not target for _type, _source, target in events)


def test_an_evaluation_naming_no_actor_is_of_the_lead_events_doer(nlp):
    events = _events(nlp, "Russia annexed Crimea in March. The German chancellor said it was a shameful violation.")
    assert ("ACCUSE", ["DEU"], ["RUS"]) in events


@pytest.mark.parametrize(
    "text,want",
    [
        ("The French foreign minister said the Iranian proposal was a breakthrough.", ("SUPPORT", ["FRA"], ["IRN"])),
        ("The Japanese government said the Chinese claims were baseless.", ("ACCUSE", ["JPN"], ["CHN"])),
    ],
)
def test_general_evaluative_words_give_a_stance(nlp, text, want):
    assert want in _events(nlp, text)


def test_blind3_floor(nlp):
    # first run (before any change): 11 of 14; with the lead-event target: 13
    right = [c["text"] for c, _d, ok in run_cases(nlp, BLIND3) if ok]
    assert len(right) >= 13


def test_a_month_is_no_march(nlp):
    assert [t for t, _s, _t in _events(nlp, "Russia annexed Crimea in March.")] == ["COERCE"]
    events = _events(nlp, "Greek workers joined a march in Athens in March against the government.")
    assert [t for t, _s, _t in events] == ["PROTEST"]


def test_a_doerless_forced_to_is_no_act(nlp):
    # "was forced to" is had to, when no one is named who forced it
    assert not _events(nlp, "The Greek government was forced to raise taxes.")
    assert ("ASSAULT", [], ["AFG"]) in _events(nlp, "Two protesters were killed by a bomb in Kabul.")
