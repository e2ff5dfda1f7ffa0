"""Issue #10's open event classes, checked on blind cases written before any dev error was read
(``tests/data/event_cases_blind2.jsonl``): senses without political arguments (frame), passive and
nominal events, event dates and background, and places in locatives (where, not whom).

Each case lists the events a reader codes (types a careful coder could defend, source country or
null for none, target countries or null when not checked, modality, date prefix) and the types that
must not appear at all."""

import json
from pathlib import Path

import pytest

from newsgraph.model import Document
from newsgraph.nlp.pipeline import annotate

CASES = [json.loads(line) for line in (Path(__file__).parent / "data" / "event_cases_blind2.jsonl").open()]


def _codes(doc, ids):
    actors = {a.id: a for a in doc.actors}
    out = set()
    for i in ids:
        a = actors.get(i)
        if a is None:
            continue
        out.add("IGO" if a.kind == "igo" or a.country in ("UNO", "EUR", "IGO") else a.country or "---")
    return out


def _event_right(doc, gold) -> bool:
    for e in doc.events:
        if not {e.type, e.plover_type} & set(gold["type"]):
            continue
        source = _codes(doc, e.source)
        if gold["source"] is None:
            if source - {"---"}:
                continue
        elif gold["source"] not in source:
            continue
        if gold["target"] is not None and _codes(doc, e.target) != set(gold["target"]):
            continue
        modality = "background" if e.background else e.modality
        if modality != gold["modality"]:
            continue
        if "date" in gold and not (e.date and e.date.value.startswith(gold["date"])):
            continue
        return True
    return False


def case_right(doc, case) -> bool:
    """Every gold event found, and no event of an absent type."""
    if any({e.type, e.plover_type} & set(case.get("absent", [])) for e in doc.events):
        return False
    return all(_event_right(doc, g) for g in case["events"])


def run_cases(nlp, cases=CASES):
    batch = [
        Document(id=str(i), text=c["text"], published=c.get("published", "2024-03-05"), language="en")
        for i, c in enumerate(cases)
    ]
    return [(c, d, case_right(d, c)) for c, d in zip(cases, annotate(batch, nlp), strict=True)]


@pytest.fixture(scope="module")
def results(nlp):
    return run_cases(nlp)


@pytest.mark.parametrize(
    "klass,floor",
    # first run (before any change): frame 5/10, passive 7/10, date 8/10, locative 7/10
    # after the changes: frame 9, passive 9 (one expectation changed after the first run: "the decision by
    # Germany to expel" is planned, the README convention for decided acts), date 8, locative 7
    [("frame", 9), ("passive", 9), ("date", 8), ("locative", 7)],
)
def test_blind_classes_floor(results, klass, floor):
    right = [c["text"] for c, _d, ok in results if c["class"] == klass and ok]
    assert len(right) >= floor, right


DISCOURSE = {
    "antecedent": "North Korea conducted a nuclear test on Friday. Japan condemned the test on Saturday.",
    "place": "Iran and the United States held indirect talks in Muscat on Saturday.",
    "veto": "The Chilean president has promised a veto of the pension bill passed by Congress.",
    "decision": "Britain's decision to leave the European Union worried investors.",
    "aimed": "The Irish foreign minister aimed his criticism at Britain over the protocol.",
}


@pytest.fixture(scope="module")
def discourse(nlp):
    batch = [Document(id=k, text=v, published="2024-03-05", language="en") for k, v in DISCOURSE.items()]
    return {d.id: d for d in annotate(batch, nlp)}


def _typed(doc, ptype):
    return [
        (sorted(_codes(doc, e.source)), sorted(_codes(doc, e.target)), e)
        for e in doc.events
        if ptype in (e.type, e.plover_type)
    ]


def test_reaction_to_an_act_named_earlier_is_aimed_at_its_doer(discourse):
    assert any(s == ["JPN"] and t == ["PRK"] for s, t, _ in _typed(discourse["antecedent"], "ACCUSE"))


def test_a_place_labelled_loc_is_no_target_of_talks(discourse):
    # "in Muscat": where the talks were held (the actor stage's LOC), not whom they were held with
    found = _typed(discourse["place"], "CONSULT")
    assert found and all(s == ["IRN", "USA"] and "OMN" not in t for s, t, _ in found), found


def test_a_promised_hostile_act_is_an_intended_threat_on_the_promise(discourse):
    found = _typed(discourse["veto"], "THREATEN")
    assert any(s == ["CHL"] and e.modality == "intended" and e.trigger == "promised" for s, _, e in found), found


def test_a_decision_to_act_is_planned_and_its_doer_is_the_decider(discourse):
    doc = discourse["decision"]
    assert any(
        s == ["GBR"] and e.modality == "planned" for s, _, e in _typed(doc, "SANCTION") + _typed(doc, "THREATEN")
    ), [(e.type, e.trigger, e.source, e.modality) for e in doc.events]


def test_criticism_aimed_at_someone_is_an_asserted_accusation_of_them(discourse):
    found = _typed(discourse["aimed"], "ACCUSE")
    assert any(s == ["IRL"] and t == ["GBR"] and e.modality == "asserted" for s, t, e in found), found
