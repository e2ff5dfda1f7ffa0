"""What a plain statement's content does by its stance and mood (``nlp/events/speech_stance.py``): a
judgement in a copular predicate (polarity lexicon ``data/polarity.tsv``), the speaker's own feeling about
a cause, a valence-shifting act, a wish laid on another actor, an undertaking, a retaliation or punishment
promised; and what codes nothing (a fact, a feeling of another actor, a condition).

All sentences are annotated in one batch; each test reads its own document."""

import json
from pathlib import Path

import pytest

from newsgraph.model import Document
from newsgraph.nlp.events.speech_stance import load_polarity
from newsgraph.nlp.pipeline import annotate

CASES = {
    "misleading": "The Indian foreign ministry said Pakistan's claims about the dam were misleading.",
    "inhumane": "The Armenian prime minister said Azerbaijan's treatment of the prisoners was inhumane.",
    "fraud": '"The Russian president is a disgusting fraud," the Ukrainian foreign minister said.',
    "great": '"The German chancellor would be a great partner for Europe," the French president said.',
    "tired": "The Greek prime minister said the German families were tired of waiting for the money.",
    "able": "The Kenyan police chief said Ugandan troops were not able to end the violence.",
    "if": '"If indeed Obama is not intelligent, then nobody is," the Ghanaian president said.',
    "hyphen": 'The Iranian foreign minister said: "The American president is trigger-happy."',
    "shifted": "The Israeli prime minister said the American administration had corrected an historic injustice.",
    "harm": "The Polish president said Russia had undermined the peace in Europe.",
    "hoped": "The Mexican president said he hoped the United States would reconsider its decision to close the border.",
    "to_be_hoped": (
        "The French foreign minister said it was to be hoped that Iran would return to the negotiating table."
    ),
    "no_actor_wish": "The French foreign minister said he hoped the talks would succeed.",
    "state_wish": "The British foreign secretary said he hoped the German chancellor would be president one day.",
    "undertaking": "The British prime minister said he looks forward to working with the American president.",
    "retaliation": "Russia's foreign ministry said Moscow would respond harshly if Finland joined the alliance.",
    "punished": "The Greek prime minister vowed that those responsible for the deaths would be brought to justice.",
    "supposed": (
        'The Security Council noted it would take "further significant measures" if North Korea conducted another test.'
    ),
    "doubt": "The Brazilian president expressed doubt about the results of Venezuela's election.",
    "hope": "France expressed hope that Iran would return to the talks.",
    "distanced": "Germany distanced itself from France's proposal for a European army.",
    "never_bow": "North Korea's foreign ministry said Pyongyang would never bow to American pressure.",
    "not_allowed": "The Israeli prime minister said Iran must not be allowed to acquire nuclear weapons.",
    "should_punish": "The British foreign secretary said the perpetrators should be punished.",
    "fact": "The Chilean finance minister said copper exports to China rose by five percent last year.",
}


@pytest.fixture(scope="module")
def docs(nlp):
    batch = [Document(id=k, text=v, published="2024-03-05", language="en") for k, v in CASES.items()]
    return {d.id: d for d in annotate(batch, nlp)}


def _speech(doc, etype):
    """(source countries, target countries, event) of the statements' events of a type."""
    country = {a.id: a.country for a in doc.actors}
    return [
        (sorted({country.get(a) for a in e.source} - {None}), sorted({country.get(a) for a in e.target} - {None}), e)
        for e in doc.events
        if etype in (e.type, e.plover_type) and e.trigger in ("said", "vowed", "noted", "expressed", "distanced")
    ]


def test_the_lexicon_is_derived_data():
    polarity = load_polarity()
    assert len(polarity) > 4000
    assert polarity["misleading"] < 0 < polarity["great"]


def test_a_copular_judgement_is_of_the_actor_its_subject_is_or_belongs_to(docs):
    assert [(s, t) for s, t, _ in _speech(docs["misleading"], "ACCUSE")] == [(["IND"], ["PAK"])]
    assert [(s, t) for s, t, _ in _speech(docs["inhumane"], "ACCUSE")] == [(["ARM"], ["AZE"])]
    assert [(s, t) for s, t, _ in _speech(docs["fraud"], "ACCUSE")] == [(["UKR"], ["RUS"])]
    assert [(s, t) for s, t, _ in _speech(docs["great"], "SUPPORT")] == [(["FRA"], ["DEU"])]


def test_feelings_conditions_and_compounds_judge_no_one(docs):
    for key in ("tired", "able", "if", "hyphen", "fact"):
        for etype in ("ACCUSE", "SUPPORT", "REQUEST", "THREATEN", "REJECT"):
            assert not _speech(docs[key], etype), (key, etype)


def test_an_act_that_turns_its_object_over_is_judged_by_it(docs):
    assert [(s, t) for s, t, _ in _speech(docs["shifted"], "SUPPORT")] == [(["ISR"], ["USA"])]
    assert [(s, t) for s, t, _ in _speech(docs["harm"], "ACCUSE")] == [(["POL"], ["RUS"])]


def test_a_wish_laid_on_another_actor_is_a_request(docs):
    assert [(s, t) for s, t, _ in _speech(docs["hoped"], "REQUEST")] == [(["MEX"], ["USA"])]
    assert [(s, t) for s, t, _ in _speech(docs["to_be_hoped"], "REQUEST")] == [(["FRA"], ["IRN"])]
    assert not _speech(docs["no_actor_wish"], "REQUEST")
    assert not _speech(docs["state_wish"], "REQUEST")


def test_an_undertaking_of_ones_own_is_an_intended_agreement(docs):
    ((source, target, e),) = _speech(docs["undertaking"], "AGREE")
    assert source == ["GBR"] and target == ["USA"] and e.modality == "intended"


def test_a_retaliation_or_punishment_promised_is_a_threat(docs):
    ((source, target, e),) = _speech(docs["retaliation"], "THREATEN")
    assert source == ["RUS"] and target == ["FIN"] and e.modality == "asserted"
    # announced by the speaker's own side: intended, and the undertaking coded on "vowed" gives way
    ((source, _, e),) = _speech(docs["punished"], "THREATEN")
    assert source == ["GRC"] and e.modality == "intended"
    assert not _speech(docs["punished"], "AGREE")


def test_whose_permission_is_at_stake_is_asked(docs):
    assert [(s, t) for s, t, _ in _speech(docs["not_allowed"], "REQUEST")] == [(["ISR"], ["IRN"])]
    # a punishment asked for is no punishment promised
    assert not _speech(docs["should_punish"], "THREATEN")


def test_an_act_the_content_only_supposes_is_no_allegation(docs):
    assert not _speech(docs["supposed"], "ACCUSE")
    assert [(s, t) for s, t, _ in _speech(docs["supposed"], "THREATEN")] == [(["UNO"], ["PRK"])]


def test_attitudes_expressed_outside_statements(docs):
    assert [(s, t) for s, t, _ in _speech(docs["doubt"], "ACCUSE")] == [(["BRA"], ["VEN"])]
    assert [(s, t) for s, t, _ in _speech(docs["hope"], "REQUEST")] == [(["FRA"], ["IRN"])]
    assert [(s, t) for s, t, _ in _speech(docs["distanced"], "REJECT")] == [(["DEU"], ["FRA"])]


def test_a_yield_refused_by_the_speakers_side_is_a_rejection(docs):
    ((source, target, e),) = _speech(docs["never_bow"], "REJECT")
    assert source == ["PRK"] and target == ["USA"] and e.modality == "asserted"


def test_blind_cases(nlp):
    """Blind cases written before any articles-dev error was read (tests/data/speech_event_cases_blind7.jsonl):
    4 of 19 right on the first run (main at 9a1159c)."""
    rows = [json.loads(line) for line in (Path(__file__).parent / "data" / "speech_event_cases_blind7.jsonl").open()]
    batch = [Document(id=str(i), text=r["text"], published="2024-03-05", language="en") for i, r in enumerate(rows)]
    right = 0
    for row, doc in zip(rows, annotate(batch, nlp), strict=True):
        country = {a.id: a.country for a in doc.actors}
        for gold in row["events"]:
            want = gold["target"] if isinstance(gold["target"], list) else [gold["target"]]
            factual = gold["modality"] in ("asserted", "reported", "background")
            right += any(
                gold["type"] in (e.type, e.plover_type)
                and gold["source"] in {country.get(a) for a in e.source}
                and sorted({country.get(a) or "---" for a in e.target}) == sorted(want)
                and (e.modality in ("asserted", "reported", "background")) == factual
                for e in doc.events
            )
        if "none" in row:
            right += not any({e.type, e.plover_type} & set(row["none"]) for e in doc.events)
    assert right >= 12
