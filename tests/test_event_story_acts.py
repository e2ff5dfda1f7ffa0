"""Nominal events, agentless passives and relative clauses on whole stories (issue #10, session 7): blind
cases written before any articles-dev error was read (``tests/data/event_nominal_blind7.jsonl``), and one
test per mechanism (``nlp/events/story.py``): a new mention of an act the story has told is done by the
same doer; an agentless release is done by whoever held the people; refusing entry or permission is a state
act; a "since" date is when a state began, not the event's date; a gerund takes its clause's subject only
right after its preposition."""

import json
from pathlib import Path

import pytest

from newsgraph.model import Document
from newsgraph.nlp.pipeline import annotate
from test_event_classes import _codes
from test_event_recall_blind6 import _event_right

CASES = [json.loads(line) for line in (Path(__file__).parent / "data" / "event_nominal_blind7.jsonl").open()]


@pytest.fixture(scope="module")
def blind(nlp):
    batch = [Document(id=str(i), text=c["text"], published="2024-03-05", language="en") for i, c in enumerate(CASES)]
    docs = annotate(batch, nlp)
    return [(c, all(_event_right(d, g) for g in c["events"])) for c, d in zip(CASES, docs, strict=True)]


def test_blind_floor(blind):
    # first run (before any change): 19/30 (nominal 4/10, passive 8/10, relative 7/10); now 27/30 (nominal
    # 9/10, passive 10/10, relative 8/10)
    right = [c["text"] for c, ok in blind if ok]
    assert len(right) >= 27, right


STORIES = {
    "after": "Pakistan conducted a missile test on Monday. After a test in March, India had warned of consequences.",
    "despite": "Iran carried out a missile test on Sunday. Despite a number of failed tests last year, Iran went on.",
    "will": "Pakistan conducted a missile test on Monday. Talks will resume after a test next month.",
    "anaphor": "Pakistan conducted a missile test on Monday. India condemned the test.",
    "holder": "Turkey detained two Swedish reporters last week. The reporters were handed over to Sweden on Thursday.",
    "held": "Two hostages, who had been held by Somali pirates since 2019, were released on Sunday.",
    "place": "Foreign observers have been refused permission to monitor the vote in Belarus.",
    "story": "Belarus holds a presidential election on Sunday. Belarus says the vote will be fair. "
    "Western journalists have been refused permission to cover the vote.",
    "since": "Two French journalists have been detained in Iran since 2019.",
    "strike": "Greek workers marched in Athens on Tuesday. The marches came amid a nationwide general strike.",
    "gerund": "After months of delays and warnings of Washington pulling its troops out, Kabul accepted the plan.",
}


@pytest.fixture(scope="module")
def stories(nlp):
    batch = [Document(id=k, text=v, published="2024-03-05", language="en") for k, v in STORIES.items()]
    return {d.id: d for d in annotate(batch, nlp)}


def _events(doc):
    return [
        (e.type, e.trigger, sorted(_codes(doc, e.source)), sorted(_codes(doc, e.target)), e.modality)
        for e in doc.events
    ]


@pytest.mark.parametrize("key,trigger,source", [("after", "test", "PAK"), ("despite", "tests", "IRN")])
def test_a_new_mention_of_an_act_the_story_told_is_done_by_the_same_doer(stories, key, trigger, source):
    doc = stories[key]
    hits = [e for e in doc.events if e.trigger == trigger and e.plover_type == "MOBILIZE"]
    assert hits and source in _codes(doc, hits[0].source), _events(doc)


def test_a_mention_not_told_as_done_and_a_bare_anaphor_are_no_new_act(stories):
    for key in ("will", "anaphor"):
        doc = stories[key]
        second = doc.text.index(". ") + 2
        assert not [e for e in doc.events if e.trigger == "test" and e.evidence.start >= second], (key, _events(doc))


def test_an_agentless_release_is_done_by_whoever_held_the_people(stories):
    doc = stories["holder"]
    hits = [e for e in doc.events if e.trigger == "handed" and e.plover_type == "RETREAT"]
    assert hits and _codes(doc, hits[0].source) == {"TUR"} and _codes(doc, hits[0].target) == {"SWE"}, _events(doc)
    doc = stories["held"]
    hits = [e for e in doc.events if e.trigger == "released"]
    assert hits and _codes(doc, hits[0].source) == {"SOM"}, _events(doc)


@pytest.mark.parametrize("key,state", [("place", "BLR"), ("story", "BLR")])
def test_refusing_entry_or_permission_is_the_states_act(stories, key, state):
    doc = stories[key]
    hits = [e for e in doc.events if e.trigger == "refused" and e.type == "REJECT"]
    assert hits and _codes(doc, hits[0].source) == {state}, _events(doc)


def test_since_dates_the_start_of_a_state_not_the_event(stories):
    doc = stories["since"]
    hits = [e for e in doc.events if e.trigger == "detained"]
    assert hits and not hits[0].background, [(e.trigger, e.date, e.background) for e in doc.events]


def test_a_protest_mention_takes_the_storys_protesters(stories):
    doc = stories["strike"]
    hits = [e for e in doc.events if e.trigger == "strike" and e.type == "PROTEST"]
    assert hits and "GRC" in _codes(doc, hits[0].source), _events(doc)


def test_a_gerund_not_right_after_its_preposition_takes_no_clause_subject(stories):
    # "After months of delays and warnings of Washington pulling its troops out": the parser hangs "pulling"
    # on "After"; it is not Kabul's act
    doc = stories["gerund"]
    assert not [e for e in doc.events if e.trigger == "pulling" and "AFG" in _codes(doc, e.source)], _events(doc)


NOMINALS = {
    "by": "The shelling of a school by Russian troops drew condemnation.",
    "between": "Talks between Serbia and Kosovo resumed in Brussels on Monday.",
    "reaction": "Japan condemned China's latest missile launch.",
    "mediation": "Qatar, which mediated the talks, urged restraint.",
}


@pytest.fixture(scope="module")
def nominals(nlp):
    batch = [Document(id=k, text=v, published="2024-03-05", language="en") for k, v in NOMINALS.items()]
    return {d.id: d for d in annotate(batch, nlp)}


def test_a_by_phrase_hung_on_the_of_object_is_the_nominals_doer(nominals):
    doc = nominals["by"]
    hits = [e for e in doc.events if e.trigger == "shelling"]
    assert hits and _codes(doc, hits[0].source) == {"RUS"}, _events(doc)


def test_the_sides_of_a_between_phrase_do_the_act_together(nominals):
    doc = nominals["between"]
    hits = [e for e in doc.events if e.trigger == "Talks" and e.type == "CONSULT"]
    assert hits and {"SRB"} <= _codes(doc, hits[0].source) and not hits[0].target, _events(doc)


def test_a_reaction_to_an_act_with_its_own_doer_is_two_events(nominals):
    doc = nominals["reaction"]
    assert any(e.type == "ACCUSE" and _codes(doc, e.source) == {"JPN"} for e in doc.events), _events(doc)
    assert any(e.type == "MOBILIZE" and _codes(doc, e.source) == {"CHN"} for e in doc.events), _events(doc)


def test_a_mediation_needs_no_other_side_named(nominals):
    doc = nominals["mediation"]
    assert any(e.trigger == "mediated" and _codes(doc, e.source) == {"QAT"} for e in doc.events), _events(doc)


MORE = {
    "staged": "Greek workers marched in Athens on Tuesday. The national strike was held to protest the new taxes.",
    "again": "Greek workers staged a protest in Athens on Tuesday. The protest had been organised by e-mail.",
    "attended": "Following a late-night meeting, the Security Council issued a statement on Syria.",
    "hoped": "Israel hopes to reach an accord with Jordan after talks in Amman.",
    "who": "He hoped the swap would pave the way for direct talks between the government and the Taliban, who have "
    "long refused to negotiate with Kabul.",
    "hijack": "Somali pirates seized a Greek tanker in the Gulf of Aden on Monday.",
    "confiscate": "Iran seized a Greek tanker in the Gulf on Monday.",
}


@pytest.fixture(scope="module")
def more(nlp):
    batch = [Document(id=k, text=v, published="2024-03-05", language="en") for k, v in MORE.items()]
    return {d.id: d for d in annotate(batch, nlp)}


def test_a_passive_of_staging_an_act_is_the_storys_act_by_its_doers(more):
    doc = more["staged"]
    assert any(e.type == "PROTEST" and e.trigger == "held" and "GRC" in _codes(doc, e.source) for e in doc.events), (
        _events(doc)
    )


def test_a_definite_phrase_naming_an_act_told_before_is_that_act(more):
    doc = more["again"]
    assert [e.trigger for e in doc.events if e.type == "PROTEST"] == ["protest"], _events(doc)


def test_a_meeting_a_clause_is_set_against_was_attended_by_its_subject(more):
    doc = more["attended"]
    assert any(e.type == "CONSULT" and e.trigger == "meeting" and "IGO" in _codes(doc, e.source) for e in doc.events)
    doc = more["hoped"]
    assert not any(e.trigger == "talks" for e in doc.events), _events(doc)


def test_a_who_clause_hung_on_a_thing_is_said_of_the_actor_before_it(more):
    doc = more["who"]
    hits = [e for e in doc.events if e.trigger == "negotiate"]
    assert hits and _codes(doc, hits[0].source) == {"AFG"} and hits[0].plover_type == "REJECT", _events(doc)


def test_a_seizure_of_a_craft_is_a_hijacking_unless_a_state_seizes_it(more):
    doc = more["hijack"]
    assert any(e.trigger == "seized" and e.type == "ASSAULT" for e in doc.events), _events(doc)
    doc = more["confiscate"]
    assert any(e.trigger == "seized" and e.type == "COERCE" for e in doc.events), _events(doc)
