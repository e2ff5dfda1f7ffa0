"""Speakers (issue #10 items 9, 14, 15): the head of the source phrase, pronouns resolved by gender,
number and salience, documents that speak for their issuer, headlines that make no statement."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def _doc(nlp, text: str):
    doc = nlp.make_doc(text)
    doc._.published = "2016-09-23"
    return nlp(doc)


def _speaker_of(doc, words: str) -> str | None:
    (st,) = [s for s in doc._.statements if words in s.content]
    names = {a.id: a.name for a in doc._.actors or []}
    return names.get(st.speaker) or st.speaker_text


def test_she_skips_a_man_and_names_without_an_actor_count(nlp) -> None:
    doc = _doc(
        nlp,
        "White House spokesman Josh Earnest defended the veto on Friday.\n\n"
        "“The rationales don’t hold weight,” said 9/11 widow Terry Strada.\n\n"
        "“Nobody should make us wait another day,” she said.",
    )
    assert "Strada" in _speaker_of(doc, "wait another day")


def test_he_goes_to_the_last_speaker_not_to_a_name_in_what_was_said(nlp) -> None:
    doc = _doc(
        nlp,
        "Tony Blair said George Bush had won a clear victory.\n\n"
        "“The election was significant for the world,” he told reporters.",
    )
    assert "Blair" in _speaker_of(doc, "significant for the world")


def test_a_document_speaks_for_the_last_speaker(nlp) -> None:
    doc = _doc(
        nlp,
        "The Indian navy said it had sunk a pirate ship in the Gulf of Aden.\n\n"
        "The statement said the prisoners would be handed over to the authorities.",
    )
    assert "India" in _speaker_of(doc, "handed over")


def test_the_head_of_the_phrase_speaks_not_a_name_inside_it(nlp) -> None:
    doc = _doc(nlp, "Settlers, who form part of Netanyahu's constituency, said the ruling would embolden them.")
    assert _speaker_of(doc, "embolden them").lower() == "settlers"


def test_a_headline_makes_an_attribution_but_no_statement(nlp) -> None:
    doc = _doc(nlp, "Clinton Says Trade Deal Is Dead\n\nHillary Clinton said on Monday the deal would not pass.")
    assert [s.content for s in doc._.statements] == ["the deal would not pass"]
    assert any(a.kind == "speech" and a.cue[0] < 30 for a in doc._.attributions)


def test_a_participle_of_saying_hung_in_the_reported_clause_is_the_outer_speakers(nlp) -> None:
    doc = _doc(
        nlp,
        "Lib Dem foreign affairs spokesman Menzies Campbell said a win by Mr Kerry would have given Mr Blair "
        'the chance of a fresh start, adding it was almost as if there was an "umbilical cord" between them.',
    )
    assert "Campbell" in _speaker_of(doc, "umbilical cord")


def test_a_verb_coordinated_with_an_expletive_clause_shares_the_outer_speaker(nlp) -> None:
    doc = _doc(
        nlp,
        "Myron Ebell, an adviser on climate change to President Bush, has said there would be no change in the "
        "US stance and rejected the threat of climate change.",
    )
    assert "Ebell" in _speaker_of(doc, "the threat of climate change")


# Session 6, written before the mechanism: a role phrase that introduced a person ("Peru's ambassador
# to Chile, Rosa Quispe") refers to that person when the text names the role again without a name.
@pytest.mark.parametrize(
    ("text", "words", "expected"),
    [
        (
            "Peru's ambassador to Chile, Rosa Quispe, said the border was calm.\n\n"
            "Peru's ambassador warned that Lima would respond to any incursion.",
            "respond to any incursion",
            "Quispe",
        ),
        (
            "Ghana's finance minister Kwame Mensah said the budget was balanced.\n\n"
            "The finance minister told reporters that talks with lenders would continue.",
            "talks with lenders",
            "Mensah",
        ),
        (
            "The Bolivian envoy, Marta Choque, said the talks had stalled.\n\n"
            "The envoy said a new round would begin in May.",
            "a new round",
            "Choque",
        ),
    ],
)
def test_a_role_phrase_names_the_person_it_introduced(nlp, text: str, words: str, expected: str) -> None:
    assert expected in (_speaker_of(_doc(nlp, text), words) or "")


def test_a_role_phrase_of_another_country_is_not_the_person_introduced(nlp) -> None:
    doc = _doc(
        nlp,
        "Norway's defence minister Ola Berg said the exercise would go ahead.\n\n"
        "Sweden's defence minister said Stockholm would send observers.",
    )
    assert "Berg" not in (_speaker_of(doc, "send observers") or "")
