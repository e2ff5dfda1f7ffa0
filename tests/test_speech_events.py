"""Speech acts are events (``newsgraph_speech_events``), and the event classes of issue #10:
negation and irrealis, reported claims, roles of undergoing and of place.

All sentences are annotated in one batch; each test reads its own document."""

import pytest

from newsgraph.model import Document
from newsgraph.nlp.pipeline import annotate

CASES = {
    "alleged": '"The Chinese navy attacked our fishing boats near the shoal," the Philippine foreign ministry said.',
    "praise": '"Japan has been a generous friend to our people," the Philippine president said.',
    "demand": '"Iran must stop enriching uranium," the French foreign minister told reporters.',
    "denial": "The Kremlin denied that Russian troops had shelled the village in Ukraine.",
    "warning": "The IMF warned that growth could slow in Britain next year.",
    "not_yet": "Israel and Hamas have yet to agree on a ceasefire.",
    "impossible": "The Hungarian veto made it impossible for the EU to approve new sanctions against Russia.",
    "pending": "Ukraine warned of a pending invasion by Russia.",
    "pursuing": "Washington and the Taliban had been holding talks pursuing an agreement for US troops to leave.",
    "undergo": "The United States faced criticism from China over the sanctions.",
    "locative": "France condemned the bombing of a refugee camp in South Sudan.",
    "own_quote": '"France firmly opposes the annexation of Crimea," the French foreign minister said.',
    "own_clause": "The French foreign minister said France firmly opposes the annexation of Crimea.",
    "earlier_content": (
        "Iran made an offer to resume talks with the United States. "
        "However, this was rejected by the US State Department and the talks collapsed."
    ),
    "two_sentences": (
        "Mr Schmidt made a bid last year to become chancellor after the death of president Helmut Kohl. "
        "However, this was rejected by the Christian Democrats and Mr Schmidt subsequently resigned."
    ),
}


@pytest.fixture(scope="module")
def docs(nlp):
    batch = [Document(id=k, text=v, published="2024-03-05", language="en") for k, v in CASES.items()]
    return {d.id: d for d in annotate(batch, nlp)}


def _events(doc, etype):
    country = {a.id: a.country for a in doc.actors}
    return [
        (sorted({country.get(a) for a in e.source} - {None}), sorted({country.get(a) for a in e.target} - {None}), e)
        for e in doc.events
        if etype in (e.type, e.plover_type)
    ]


def test_plain_statement_alleging_an_attack_is_an_accusation_and_the_attack_is_reported(docs):
    doc = docs["alleged"]
    assert [(s, t) for s, t, _ in _events(doc, "ACCUSE")] == [(["PHL"], ["CHN"])]
    ((source, _, attack),) = _events(doc, "ASSAULT")
    assert source == ["CHN"] and attack.modality == "reported" and attack.reported_by
    statement = doc.statements[0]
    assert any(e.id in statement.events for _, _, e in _events(doc, "ACCUSE"))


def test_praise_in_a_quote_is_support_and_a_must_is_a_request(docs):
    assert [(s, t) for s, t, _ in _events(docs["praise"], "SUPPORT")] == [(["PHL"], ["JPN"])]
    assert [(s, t) for s, t, _ in _events(docs["demand"], "REQUEST")] == [(["FRA"], ["IRN"])]


def test_denial_is_a_rejection_and_what_it_denies_is_negated(docs):
    doc = docs["denial"]
    ((source, target, _),) = _events(doc, "REJECT")
    assert source == ["RUS"] and target == []
    ((_, _, shelling),) = _events(doc, "ASSAULT")
    assert shelling.modality == "negated"


def test_a_warning_aimed_at_nobody_is_no_threat(docs):
    assert _events(docs["warning"], "THREATEN") == []


def test_not_yet_impossible_pending_and_pursued_events_are_not_facts(docs):
    assert [e.modality for _, _, e in _events(docs["not_yet"], "AGREE")] == ["negated"]
    assert [e.modality for _, _, e in _events(docs["impossible"], "SANCTION")] == ["negated"]
    assert {e.modality for _, _, e in _events(docs["pending"], "ASSAULT")} == {"planned"}
    assert {e.modality for _, _, e in _events(docs["pursuing"], "AGREE")} == {"intended"}


def test_who_faces_criticism_is_its_target_and_a_place_is_not(docs):
    assert [(s, t) for s, t, _ in _events(docs["undergo"], "ACCUSE")] == [(["CHN"], ["USA"])]
    assert [(s, t) for s, t, _ in _events(docs["locative"], "ACCUSE")] == [(["FRA"], [])]


def test_an_official_speaking_for_his_state_states_its_acts(docs):
    for key in ("own_quote", "own_clause"):
        ((source, _, event),) = _events(docs[key], "ACCUSE")
        assert source == ["FRA"] and event.modality == "asserted" and not event.reported_by


def test_blind_cases_first_run_floor(nlp):
    """Blind cases written before looking at any error (tests/data/speech_event_cases_blind.jsonl):
    9 of 14 events fully right on the first run, 10 with the speech-events stage."""
    import json
    from pathlib import Path

    rows = [json.loads(line) for line in (Path(__file__).parent / "data" / "speech_event_cases_blind.jsonl").open()]
    batch = [Document(id=str(i), text=r["text"], published="2024-03-05", language="en") for i, r in enumerate(rows)]
    right = 0
    for row, doc in zip(rows, annotate(batch, nlp), strict=True):
        for gold in row["events"]:
            want = gold["target"] if isinstance(gold["target"], list) else [gold["target"]]
            factual = gold["modality"] in ("asserted", "reported", "background")
            right += any(
                gold["source"] in s
                and t == sorted(want)
                and (e.modality in ("asserted", "reported", "background")) == factual
                for s, t, e in _events(doc, gold["type"])
            )
    assert right >= 10


def test_a_cue_whose_content_came_before_codes_its_act_once_with_unique_ids(docs):
    """'An offer was made. This was rejected by X': the rejection is coded on its verb, not again in the
    sentence its content points back to; every event of a document has its own id (the store keys on it)."""
    for key in ("earlier_content", "two_sentences"):
        doc = docs[key]
        rejects = [e for e in doc.events if "REJECT" in (e.type, e.plover_type) and e.trigger == "rejected"]
        assert len(rejects) == 1 and rejects[0].evidence.text.startswith("However")
        assert len({e.id for e in doc.events}) == len(doc.events)
    for doc in docs.values():
        assert len({e.id for e in doc.events}) == len(doc.events)
