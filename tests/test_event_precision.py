"""Event precision (issue #10): senses without political arguments, sources that are no political actor,
and irrealis, negation and reported modality.  Blind cases ``tests/data/event_precision_blind.jsonl`` were
written before any dev error was read: each lists the events a reader codes, ``exact`` when no other event
may appear, and ``absent_factual`` types that may appear only as non-factual (negated, planned, ...)."""

import json
from pathlib import Path

import pytest

from newsgraph.model import Document
from newsgraph.nlp.pipeline import annotate
from test_event_classes import _event_right

BLIND = [json.loads(line) for line in (Path(__file__).parent / "data" / "event_precision_blind.jsonl").open()]
FACTUAL = {"asserted", "reported", "background"}


def _modality(e) -> str:
    return "background" if e.background else e.modality


def precision_case_right(doc, case) -> bool:
    if not all(_event_right(doc, g) for g in case["events"]):
        return False
    wanted = {t for g in case["events"] for t in g["type"]}
    if case.get("exact") and any(not ({e.type, e.plover_type} & wanted) for e in doc.events):
        return False
    banned = set(case.get("absent_factual", []))
    return not any({e.type, e.plover_type} & banned and _modality(e) in FACTUAL for e in doc.events)


def run_precision_cases(nlp, cases=BLIND):
    batch = [Document(id=str(i), text=c["text"], published="2024-03-05", language="en") for i, c in enumerate(cases)]
    return [(c, d, precision_case_right(d, c)) for c, d in zip(cases, annotate(batch, nlp), strict=True)]


@pytest.fixture(scope="module")
def results(nlp):
    return run_precision_cases(nlp)


def test_blind_precision_floor(results):
    # first run (before any change): 11 of 16; after the precision work: 14 (left: a company suing another
    # is coded as an accusation by an unresolved actor; "the city of Kharkiv" gives no target)
    right = [c["text"] for c, _d, ok in results if ok]
    assert len(right) >= 14, right


def _events(nlp, text):
    (doc,) = annotate([Document(id="t", text=text, published="2024-03-05", language="en")], nlp)
    country = {a.id: a.country for a in doc.actors}
    return [
        (e.type, e.plover_type, [country.get(a) for a in e.source], [country.get(a) for a in e.target])
        + (e.modality, e.trigger)
        for e in doc.events
    ]


@pytest.mark.parametrize(
    "text,trigger",
    [
        ("The US defence secretary urged Vietnam to push back against China.", "push"),
        ("Schiff called on President Obama to retaliate against Russia.", "retaliate"),
        ("The foreign minister said Israel expects the Palestinians to give up violence.", "give"),
        ("The Japanese premier urged North Korea to resume talks with Seoul.", "talks"),
    ],
)
def test_what_is_asked_of_another_is_no_event_of_its_own(nlp, text, trigger):
    events = _events(nlp, text)
    assert all(e[5] != trigger for e in events), events


def test_a_verb_of_causing_said_as_fact_keeps_its_complement(nlp):
    events = _events(nlp, "Russian troops forced Ukrainian forces to withdraw from the town.")
    assert any(e[5] in ("withdraw", "forced") for e in events), events
    # ... but not when the forcing is itself only tried
    events = _events(nlp, "The United States is trying to force the Palestinians to capitulate.")
    assert all(e[5] != "capitulate" for e in events), events


@pytest.mark.parametrize(
    "text,ptype,modality",
    [
        ("Germany is not ready to send tanks to Ukraine.", "REJECT", "negated"),
        ("The police are not able to end the violence in the city.", "REJECT", "negated"),
        ("Most foreign navies have been reluctant to detain Somali suspects.", "COERCE", "negated"),
        ("The president declined to threaten Moscow.", "THREATEN", "negated"),
        ("Britain will not accept the ruling of the court.", "REJECT", "asserted"),
        ("The United States does not, and never will, accept North Korea as a nuclear state.", "REJECT", "asserted"),
    ],
)
def test_negation_reaches_the_act(nlp, text, ptype, modality):
    events = _events(nlp, text)
    assert any(e[1] == ptype and e[4] == modality for e in events), events
    assert not any(e[4] == "asserted" and e[1] != ptype for e in events), events


def test_a_refusal_is_one_event(nlp):
    events = _events(nlp, "Hungary refused to sign the joint declaration on Ukraine.")
    assert [e[1] for e in events] == ["REJECT"], events
    events = _events(nlp, "Most foreign navies have been reluctant to detain suspects.")
    assert not [e for e in events if e[1] == "REJECT"], events


def test_a_sought_hostile_measure_is_the_seekers_threat(nlp):
    events = _events(nlp, "The United States and its allies will seek new U.N. sanctions against North Korea.")
    assert any(e[0] == "THREATEN" and e[2] == ["USA"] and e[4] == "intended" for e in events), events


@pytest.mark.parametrize(
    "text",
    [
        "A powerful storm killed twelve people in the Philippines on Sunday.",
        "A new law that sharply limits media freedoms in Barbados was passed.",
        "Brazil captured the title after defeating Argentina 2-1 in the final.",
        "Joe Biden took over the presidency from Donald Trump in January 2021.",
        "The Greek foreign minister cut short his trip to the city on Monday.",
        "The Indian defence minister paid a visit to the old prison.",
    ],
)
def test_no_political_event(nlp, text):
    assert _events(nlp, text) == []


@pytest.mark.parametrize(
    "text,ptype",
    [
        ("A car bomb killed twelve people in Baghdad on Sunday.", "ASSAULT"),
        ("Eight people were killed and 49 injured in a blast in Kabul on Friday.", "ASSAULT"),
        ("Russian troops captured the town of Bakhmut.", "COERCE"),
        ("Russian forces took over the city of Kherson.", "COERCE"),
        ("The Indian defence minister met Vietnamese officials in Hanoi.", "CONSULT"),
        ("The two foreign ministers met in Geneva on Monday.", "CONSULT"),
    ],
)
def test_political_event_kept(nlp, text, ptype):
    assert any(e[1] == ptype for e in _events(nlp, text)), _events(nlp, text)


def test_the_head_word_of_the_object_picks_the_sense(nlp):
    # "national" modifies the strike; the sense of holding nationals (detention) is not read off it
    events = _events(nlp, "Greek unions held a national strike against the government on Wednesday.")
    assert not [e for e in events if e[1] == "COERCE"], events


def test_a_clause_coded_with_its_intent_has_no_second_nominal_event(nlp):
    events = _events(nlp, "The UN Security Council pledged to impose further sanctions on North Korea.")
    assert [(e[1], e[4]) for e in events] == [("THREATEN", "intended")], events


@pytest.mark.parametrize(
    "text,absent",
    [
        ("The Palestinian Authority called for an emergency meeting of the Security Council.", "meeting"),
        ("The union leader called Friday for a nationwide strike against the government.", "strike"),
        ("The Israelis described the meeting as important.", "meeting"),
        ("The Security Council issued a statement calling the overnight nuclear test a clear violation.", "test"),
    ],
)
def test_a_nominal_asked_for_or_characterised_is_no_event(nlp, text, absent):
    events = _events(nlp, text)
    assert all(e[5] != absent for e in events), events


def test_the_lifting_of_a_measure_is_the_event_and_its_holder_the_source(nlp):
    events = _events(nlp, "The EU embargo on arms exports to China is likely to be lifted in the next six months.")
    assert [(e[1], e[2], e[4]) for e in events] == [("RETREAT", ["EUR"], "predicted")], events
    events = _events(nlp, "US sanctions on Iran were lifted in January.")
    assert [(e[1], e[2], e[3]) for e in events] == [("RETREAT", ["USA"], ["IRN"])], events
    # the people released are not who released them
    events = _events(nlp, "The Taliban members were released in Doha.")
    assert not [e for e in events if e[1] == "RETREAT" and e[2] == ["AFG"]], events


@pytest.mark.parametrize(
    "text,ptype,modality",
    [
        ("Obama's veto is expected to come before the deadline.", "REJECT", "predicted"),
        ("Peace would allow for the eventual withdrawal of US troops.", "RETREAT", "predicted"),
        ("Britain was to ask the United Nations to authorize the mission.", "REQUEST", "planned"),
        ("The United States could face new sanctions from the European Union.", "SANCTION", "predicted"),
    ],
)
def test_a_nominal_takes_the_status_of_its_clause(nlp, text, ptype, modality):
    events = _events(nlp, text)
    assert any(ptype in e[:2] and e[4] == modality for e in events), events


def test_a_nominal_after_despite_stays_a_fact(nlp):
    events = _events(nlp, "The US will act on global warming despite George Bush's refusal to sign the protocol.")
    assert any(e[1] == "REJECT" and e[4] == "asserted" for e in events), events


def test_demonstrating_that_is_showing_not_protest(nlp):
    events = _events(nlp, "The allies will take measures to demonstrate to North Korea that there are consequences.")
    assert not [e for e in events if e[1] == "PROTEST"], events
    events = _events(nlp, "Greek workers demonstrated in Athens against the austerity measures.")
    assert [e[1] for e in events] == ["PROTEST"], events


def test_would_have_is_what_did_not_happen(nlp):
    # "would" hangs on "have" in the parse; the perfect conditional is counterfactual, not a prediction
    text = "It would be the first time that Congress would have successfully overridden an Obama veto."
    events = _events(nlp, text)
    assert any(e[1] == "REJECT" and e[4] == "hypothetical" for e in events), events


def test_a_nominal_in_the_clause_of_the_same_act_is_said_once(nlp):
    events = _events(
        nlp, "In an unusual collaboration, Greenland and Belize have joined forces against climate change."
    )
    assert [e[1] for e in events] == ["COOPERATE"], events
    events = _events(nlp, "An Israeli airstrike destroyed a Syrian weapons shipment in the Golan Heights.")
    assert [e[1] for e in events] == ["ASSAULT"], events
