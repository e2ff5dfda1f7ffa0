"""What a plain statement's content does (``nlp/events/speech_content.py``): a refusal, a threat, an
expectation laid on another actor, another actor's failing; a quotation's later sentences read on
their own; "your" addressed to whom the speaker speaks to.

All sentences are annotated in one batch; each test reads its own document."""

import json
from pathlib import Path

import pytest

from newsgraph.model import Document
from newsgraph.nlp.pipeline import annotate

CASES = {
    "refusal": "The Iranian foreign ministry said Tehran would not attend the talks in Vienna.",
    "past": "The Iranian foreign ministry said Tehran did not attend the talks in Vienna.",
    "threat": "China said the United States would pay a heavy price if it sold more weapons to Taiwan.",
    "own_move": '"We will take further measures against North Korea," the South Korean foreign minister said.',
    "no_threat": "Unions say low-income Greeks will suffer disproportionately from the measures.",
    "expect": "The British foreign secretary said Israel was entitled to expect Palestinians to give up violence.",
    "prediction": "The German chancellor said Russia was expected to win the vote in the council.",
    "failing": "The Indian foreign minister said Pakistan had done nothing to stop militants crossing the border.",
    "second": (
        '"Your leadership has been an inspiration to the world," the French president told the Canadian prime minister.'
    ),
    "near": (
        '"The United States will take steps to show North Korea that there are consequences to its unlawful '
        'and dangerous actions," the American president said.'
    ),
    "blame": "Russia's foreign ministry said Ukraine was responsible for the deaths of civilians in Donetsk.",
    "duty": "The Kenyan interior minister said Uganda was responsible for security at the border crossing.",
    "had_to": "The British prime minister said Israel had to withdraw its troops from Gaza.",
    "no_choice": "Israeli officials said Hamas had no choice but to accept the ceasefire.",
    "not_ready": "The European Union pledged to lift the embargo on China but said it was not ready to do so yet.",
    "count_on": '"I count on the Security Council to remain united and act," Ban Ki-moon told reporters.',
    "reproach": '"The Indian government should have told us sooner," the Nepalese foreign minister said.',
    "call_for": "German Chancellor Gerhard Schroeder has repeatedly called for the EU embargo on China to be lifted.",
    "not_stand": "The former Iraqi prime minister told a newspaper he would not stand in the parliamentary race.",
    "continued": (
        "China's ambassador to Britain, Liu Xiaoming, said that China has the power to end Hong Kong's unrest. "
        'Liu added: "We have enough resolution and power to end the unrest."'
    ),
    "later": (
        'The Chinese ambassador to Britain said: "Hong Kong is an internal affair of China. '
        'The central government certainly would not sit on its hands and watch the unrest in Hong Kong."'
    ),
}


@pytest.fixture(scope="module")
def docs(nlp):
    batch = [Document(id=k, text=v, published="2024-03-05", language="en") for k, v in CASES.items()]
    return {d.id: d for d in annotate(batch, nlp)}


def _igo(code):
    """The UN's and the EU's codes are IGO, as the whole-article readings write them."""
    return "IGO" if code in ("UNO", "EUR") else code


def _events(doc, etype):
    country = {a.id: a.country for a in doc.actors}
    return [
        (sorted({country.get(a) for a in e.source} - {None}), sorted({country.get(a) for a in e.target} - {None}), e)
        for e in doc.events
        if etype in (e.type, e.plover_type)
    ]


def test_the_speakers_side_that_will_not_take_part_rejects(docs):
    ((source, _, reject),) = _events(docs["refusal"], "REJECT")
    assert source == ["IRN"] and reject.modality == "asserted" and reject.trigger == "said"
    # the participation it refuses is not a second event
    assert not _events(docs["refusal"], "CONSULT")
    # what the speaker's side did not do is a report, not a refusal
    assert not [e for _, _, e in _events(docs["past"], "REJECT") if e.trigger == "said"]


def test_a_promised_consequence_is_a_threat_at_whom_would_pay(docs):
    assert [(s, t, e.modality) for s, t, e in _events(docs["threat"], "THREATEN")] == [(["CHN"], ["USA"], "asserted")]
    # measures of one's own, announced, are an intended move
    assert [(s, t, e.modality) for s, t, e in _events(docs["own_move"], "THREATEN") if e.trigger == "said"] == [
        (["KOR"], ["PRK"], "intended")
    ]
    assert not [e for _, _, e in _events(docs["no_threat"], "THREATEN")]


def test_an_expectation_laid_on_another_actor_is_a_request(docs):
    assert [(s, t) for s, t, e in _events(docs["expect"], "REQUEST") if e.trigger == "said"] == [(["GBR"], ["PSE"])]
    assert not [e for _, _, e in _events(docs["prediction"], "REQUEST")]


def test_an_evaluation_is_of_the_actor_named_nearest_its_words_past_the_speakers_side(docs):
    assert [(s, t) for s, t, e in _events(docs["near"], "ACCUSE") if e.trigger == "said"] == [(["USA"], ["PRK"])]


def test_blame_for_a_harm_is_an_accusation_and_a_duty_is_not(docs):
    assert [(s, t) for s, t, e in _events(docs["blame"], "ACCUSE") if e.trigger == "said"] == [(["RUS"], ["UKR"])]
    assert not [e for _, _, e in _events(docs["duty"], "ACCUSE") if e.trigger == "said"]


def test_had_to_is_asked_of_the_clause_subject_not_the_speaker(docs):
    assert [(s, t) for s, t, e in _events(docs["had_to"], "REQUEST") if e.trigger == "said"] == [(["GBR"], ["ISR"])]


def test_no_choice_but_to_is_asked_of_whom_it_is_left_to(docs):
    assert [(s, t) for s, t, e in _events(docs["no_choice"], "REQUEST") if e.trigger == "said"] == [(["ISR"], ["PSE"])]


def test_another_actors_failing_is_an_accusation(docs):
    assert [(s, t) for s, t, _ in _events(docs["failing"], "ACCUSE")] == [(["IND"], ["PAK"])]


def test_praise_addressed_in_the_second_person_is_aimed_at_the_addressee(docs):
    assert [(s, t) for s, t, _ in _events(docs["second"], "SUPPORT")] == [(["FRA"], ["CAN"])]


def test_a_later_sentence_of_a_quotation_is_read_on_its_own(docs):
    doc = docs["later"]
    threats = _events(doc, "THREATEN")
    assert threats, "the threat in the quotation's second sentence"
    (source, target, threat) = threats[0]
    assert source == ["CHN"] and target == ["HKG"]
    assert doc.text[threat.evidence.start :].startswith("The central government")


def test_not_ready_is_a_refusal_and_should_have_a_reproach(docs):
    ((source, _, reject),) = _events(docs["not_ready"], "REJECT")
    assert source and reject.modality == "asserted" and reject.trigger == "said"
    assert not [e for _, _, e in _events(docs["not_ready"], "AGREE") if e.trigger == "ready"]
    assert [(s, t) for s, t, _ in _events(docs["reproach"], "ACCUSE")] == [(["NPL"], ["IND"])]
    assert not _events(docs["reproach"], "REQUEST")


def test_demands_the_parser_hides(docs):
    # "count on X to" with the infinitive parsed as an adverbial clause, "called for" parsed as a clause mark
    assert [t for _, t, e in _events(docs["count_on"], "REQUEST") if e.trigger == "told"] == [["UNO"]]
    (statement,) = docs["call_for"].statements
    assert docs["call_for"].text[statement.start : statement.end].startswith("the EU embargo")
    assert [s for s, _, _ in _events(docs["call_for"], "REQUEST")] == [["DEU"]]
    # standing in a race is no threat
    assert not _events(docs["not_stand"], "THREATEN")


def test_a_speaker_named_in_apposition_and_by_family_name_first(docs):
    doc = docs["continued"]
    first, second = doc.statements
    person = next(a for a in doc.actors if a.id == first.speaker)
    assert person.name == "Liu Xiaoming" and person.country == "CHN"
    assert second.speaker == first.speaker  # "Liu", the family name written first
    # the threat that names no one is aimed at whom the speaker's previous statement was about
    threats = [(s, t) for s, t, e in _events(doc, "THREATEN") if e.evidence.start >= doc.text.index("Liu added")]
    assert threats == [(["CHN"], ["HKG"])]


def test_blind_cases_session6_floor(nlp):
    """Blind cases written before looking at any error (tests/data/speech_event_cases_blind6.jsonl):
    4 of 14 events right on the first run; 13 with the general readings (the UN counted as IGO, as the
    articles' readings do), 14 once a blame frame was added after that case was seen failing."""
    rows = [json.loads(line) for line in (Path(__file__).parent / "data" / "speech_event_cases_blind6.jsonl").open()]
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
                and sorted({_igo(country.get(a)) or "---" for a in e.target}) == sorted(want)
                and (e.modality in ("asserted", "reported", "background")) == factual
                for e in doc.events
            )
    assert right >= 14
