"""Event recall on whole-article classes (issue #10), checked on blind cases written before any
articles-dev error was read (``tests/data/event_recall_blind6.jsonl``): two events conjoined in one
sentence, a second event in a subordinate clause, past events mentioned in passing (background) and
nominal events ("the bombing of", "Iran's seizure of").

A gold modality of null accepts any modality; a list accepts any of its members."""

import json
from pathlib import Path

import pytest

from newsgraph.model import Document
from newsgraph.nlp.pipeline import annotate
from test_event_classes import _codes

CASES = [json.loads(line) for line in (Path(__file__).parent / "data" / "event_recall_blind6.jsonl").open()]


def _event_right(doc, gold) -> bool:
    for e in doc.events:
        if not {e.type, e.plover_type} & set(gold["type"]):
            continue
        if gold["source"] is not None and gold["source"] not in _codes(doc, e.source):
            continue
        if gold["target"] is not None and _codes(doc, e.target) != set(gold["target"]):
            continue
        modality = "background" if e.background else e.modality
        want = gold["modality"]
        if want is not None and modality not in (want if isinstance(want, list) else [want]):
            continue
        return True
    return False


@pytest.fixture(scope="module")
def results(nlp):
    batch = [Document(id=str(i), text=c["text"], published="2024-03-05", language="en") for i, c in enumerate(CASES)]
    docs = annotate(batch, nlp)
    return [(c, d, all(_event_right(d, g) for g in c["events"])) for c, d in zip(CASES, docs, strict=True)]


def test_blind_recall_floor(results):
    # first run (before any change): 5/10 (conjoined 2/2, second 2/3, background 0/3, nominal 1/2)
    right = [c["text"] for c, _d, ok in results if ok]
    # at the end: 5/10 (the mechanism landed, accusations' charged acts, is none of these classes)
    assert len(right) >= 5, right


ALLEGED = {
    "accused": "Iran accused Israel of attacking its nuclear facility.",
    "passive": "Moscow was accused of meddling in the election.",
    "condemned": "Beijing condemned Tokyo for interfering in its internal affairs.",
    "punished": "The European Union sanctioned Iran for attacking oil tankers in the Gulf.",
    "purpose": "Esper accused China of using coercion and intimidation against smaller nations to impose its will.",
}


@pytest.fixture(scope="module")
def alleged(nlp):
    batch = [Document(id=k, text=v, published="2024-03-05", language="en") for k, v in ALLEGED.items()]
    return {d.id: d for d in annotate(batch, nlp)}


@pytest.mark.parametrize(
    "key,ptype,source",
    [
        ("accused", "ASSAULT", "ISR"),
        ("passive", "COERCE", "RUS"),
        ("condemned", "COERCE", "JPN"),
        ("punished", "ASSAULT", "IRN"),
    ],
)
def test_the_act_an_accusation_charges_is_the_accuseds_reported_event(alleged, key, ptype, source):
    doc = alleged[key]
    hits = [e for e in doc.events if e.plover_type == ptype and source in _codes(doc, e.source)]
    assert hits and all(e.modality == "reported" for e in hits), [(e.type, e.source, e.modality) for e in doc.events]


def test_a_charge_named_twice_or_its_purpose_is_one_event(alleged):
    doc = alleged["purpose"]
    charged = [e for e in doc.events if e.modality == "reported"]
    assert len(charged) == 1 and charged[0].plover_type == "COERCE", [(e.type, e.trigger) for e in doc.events]


ADJUNCT = {
    "after": "Obama spoke to reporters after meeting with Russian President Vladimir Putin in China.",
    "before": "Before visiting Israel, the British prime minister made a surprise visit to Iraq.",
}


@pytest.fixture(scope="module")
def adjunct(nlp):
    batch = [Document(id=k, text=v, published="2024-03-05", language="en") for k, v in ADJUNCT.items()]
    return {d.id: d for d in annotate(batch, nlp)}


def test_a_gerund_after_a_preposition_is_done_by_its_clauses_subject(adjunct):
    doc = adjunct["after"]
    assert any(e.plover_type == "CONSULT" and "USA" in _codes(doc, e.source) for e in doc.events), doc.events


def test_a_gerund_before_the_clause_act_takes_no_subject(adjunct):
    before = adjunct["before"]
    assert not any(e.trigger == "visiting" for e in before.events), [(e.type, e.trigger) for e in before.events]


RELATIVE = {
    "which": "Hamas, which attacked Israel in October, said it would free the hostages.",
    "conj": "The Palestinian Authority, which considers the US biased and has rejected Washington as a mediator, "
    "called for a meeting.",
    "present": "The Russian law that limits protests to three days was criticised.",
}


@pytest.fixture(scope="module")
def relative(nlp):
    batch = [Document(id=k, text=v, published="2024-03-05", language="en") for k, v in RELATIVE.items()]
    return {d.id: d for d in annotate(batch, nlp)}


@pytest.mark.parametrize("key,ptype", [("which", "ASSAULT"), ("conj", "REJECT")])
def test_a_past_act_in_a_relative_clause_is_done_by_the_phrase_it_hangs_on(relative, key, ptype):
    doc = relative[key]
    assert any(e.plover_type == ptype and "PSE" in _codes(doc, e.source) for e in doc.events), [
        (e.type, e.source, e.trigger) for e in doc.events
    ]


def test_a_present_relative_clause_describes_and_codes_nothing(relative):
    doc = relative["present"]
    assert not any(e.trigger == "limits" for e in doc.events), [(e.type, e.trigger) for e in doc.events]
