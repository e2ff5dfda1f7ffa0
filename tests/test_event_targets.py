"""Sources and targets of events we already find (issue #10, full-event precision): people given a country by
the post they hold, crowds by the story's place, instruments that are no recipients, reactions read against
the story.  Blind cases ``tests/data/event_cases_blind4.jsonl`` were written before any dev error was read."""

import json
from pathlib import Path

from newsgraph.kb import load_kb
from newsgraph.model import Document
from newsgraph.nlp.pipeline import annotate
from test_event_classes import run_cases

BLIND4 = [json.loads(line) for line in (Path(__file__).parent / "data" / "event_cases_blind4.jsonl").open()]


def _events(nlp, text, published="2024-03-05"):
    (doc,) = annotate([Document(id="t", text=text, published=published, language="en")], nlp)
    country = {a.id: a.country for a in doc.actors}
    return [(e.type, [country.get(a) for a in e.source], [country.get(a) for a in e.target]) for e in doc.events]


def _mention(nlp, text, words, published="2024-03-05"):
    (doc,) = annotate([Document(id="t", text=text, published=published, language="en")], nlp)
    actors = {a.id: a for a in doc.actors}
    return [actors[i] for m in doc.mentions if m.text == words for i in m.actor_ids]


def test_blind4_floor(nlp):
    # first run (before any change): 18 of 20 (Jack Straw had no country; "the government" of an accusation
    # was no actor); now 20
    right = [c["text"] for c, _d, ok in run_cases(nlp, BLIND4) if ok]
    assert len(right) >= 20


def test_a_title_with_no_country_is_the_last_person_holding_it(nlp):
    text = "Schiff called on President Obama to act against Russia. This week, the president declined to threaten it."
    assert [a.id for a in _mention(nlp, text, "the president", "2016-09-08")] == ["Q76"]
    # by the title the text gave a person the knowledge base does not know
    text = "Foreign Minister Amina Odhiambo of Kenya arrived on Monday. The foreign minister urged Somalia to act."
    assert [a.country for a in _mention(nlp, text, "The foreign minister")] == ["KEN"]
    # no one named before holds it: nothing is guessed
    assert not _mention(nlp, "The president declined to comment.", "The president")


def test_the_blair_governments_are_in_the_knowledge_base():
    kb = load_kb()
    import datetime as dt

    straw = kb.entries["person:jack-straw"]
    assert straw.country == "GBR" and straw.role_on(dt.date(2005, 1, 12)).position == "foreign_minister"
    assert kb.entries["person:michael-howard"].role_on(dt.date(2004, 11, 3)).position == "party_leader"


def test_gaza_is_palestinian_the_west_bank_keeps_no_country():
    kb = load_kb()
    assert kb.entries["Q39760"].country == "PSE"
    assert kb.entries["Q36678"].country is None


def test_a_crowd_with_no_place_in_its_sentence_is_of_the_story(nlp):
    text = (
        "Greece announced new austerity measures on Sunday. The Greek government said the cuts were needed. "
        "Thousands of demonstrators marched through the city centre."
    )
    events = _events(nlp, text)
    # the protest with no target named is against the government of the crowd's country
    assert ("PROTEST", ["GRC"], ["GRC"]) in events, events


def test_a_reaction_to_an_instrument_is_not_aimed_at_the_lead(nlp):
    text = "Britain voted to leave the European Union in June. Trump has sharply criticized free-trade deals."
    events = _events(nlp, text)
    assert ("ACCUSE", ["USA"], []) in events, events
    # with no instrument the lead still gives the target
    text = "North Korea conducted a nuclear test on Friday. The UN Security Council pledged to impose new sanctions."
    assert ("THREATEN", ["UNO"], ["PRK"]) in _events(nlp, text)


def test_a_middle_initial_finds_the_knowledge_base_person(nlp):
    text = "Secretary of State John F. Kerry, speaking in South Korea, urged North Korea to resume talks."
    assert ("REQUEST", ["USA"], ["PRK"]) in _events(nlp, text, "2016-09-10")


def test_criticism_faced_is_by_its_coordinated_modifiers_and_by_no_one_else(nlp):
    text = "The United States faced stiff international and Palestinian criticism over its decision."
    assert ("ACCUSE", ["PSE"], ["USA"]) in _events(nlp, text)
    assert not any(t == "ACCUSE" for t, _s, _t in _events(nlp, "India's navy drew criticism on Friday."))


def test_a_lead_that_is_a_reaction_gives_what_it_reacts_to(nlp):
    text = (
        "The United States faced Palestinian criticism on Tuesday over its decision. "
        "The Arab League condemned the unilateral move."
    )
    assert ("ACCUSE", ["IGO"], ["USA"]) in [(t, ["IGO" if s == ["UNO"] else s][0], g) for t, s, g in _events(nlp, text)]


def test_hostages_named_by_their_nationality(nlp):
    text = "Two hostages, an American and an Australian, who had been held by the Taliban in Afghanistan were released."
    events = _events(nlp, text)
    assert any(t == "ASSAULT" and s == ["AFG"] and set(g) == {"USA", "AUS"} for t, s, g in events), events


def test_doctors_from_abroad_keep_their_origin_not_the_place(nlp):
    text = "Doctors from two Swiss aid groups donated medicine to a hospital in Gaza."
    assert any(t == "AID" and s == ["CHE"] for t, s, _ in _events(nlp, text))


def test_an_act_coordinated_with_a_reaction_shares_its_recipient(nlp):
    text = (
        "The United Nations Security Council on Friday made a strong condemnation of North Korea's latest nuclear "
        "test and pledged to impose further sanctions as a deterrence."
    )
    events = _events(nlp, text, "2016-09-10")
    assert ("THREATEN", ["UNO"], ["PRK"]) in events, events


def test_the_place_of_a_post_is_not_its_holders_country(nlp):
    text = "China's ambassador to Britain Liu Xiaoming said that China has the power to end the unrest."
    assert [a.country for a in _mention(nlp, text, "Liu Xiaoming", "2019-11-19")] == ["CHN"]


def test_unnamed_officials_met_are_of_the_storys_place(nlp):
    text = (
        "Mark Esper arrived in Vietnam on Tuesday. Vietnam has sought closer ties with the United States. "
        "Esper met with several top government officials."
    )
    (doc,) = annotate([Document(id="t", text=text, published="2019-11-20", language="en")], nlp)
    country = {a.id: a.country for a in doc.actors}
    met = [[country[a] for a in e.target] for e in doc.events if "officials" in e.evidence.text]
    assert met == [["VNM"]], met


def test_a_place_phrase_is_not_what_the_parser_coordinated_with_it(nlp):
    text = (
        "The Indian navy captured 23 pirates who threatened a merchant vessel in the lawless waters of the Gulf of "
        "Aden and a German naval helicopter thwarted another attack Saturday."
    )
    events = _events(nlp, text, "2008-12-13")
    assert not any(t == "COERCE" and "DEU" in g for t, _s, g in events), events


def test_a_definite_group_is_the_one_named_before(nlp):
    text = "Somali pirates seized a Greek tanker on Monday. The Indian navy later captured the pirates near the coast."
    assert ("COERCE", ["IND"], ["SOM"]) in _events(nlp, text, "2008-12-13")


def test_a_veto_is_aimed_at_the_legislature(nlp):
    text = "Congress passed the bill on Friday. However, the Obama administration has promised a veto."
    events = _events(nlp, text, "2016-09-23")
    assert any(s == ["USA"] and g == ["USA"] for t, s, g in events if t in ("THREATEN", "REJECT")), events


def test_a_nominal_measure_is_aimed_at_whom_its_phrase_names(nlp):
    text = "The EU embargo on arms exports to China is likely to be lifted in the next six months."
    assert any(s == ["EUR"] and g == ["CHN"] for _t, s, g in _events(nlp, text, "2005-01-12"))


def test_unnamed_candidates_are_of_the_story(nlp):
    text = (
        "Turkmenistan holds parliamentary elections on Sunday. Turkmenistan's president has promised reforms. "
        "All candidates have stressed support for the president while campaigning."
    )
    assert any(t == "SUPPORT" and s == ["TKM"] for t, s, _g in _events(nlp, text, "2008-12-14"))


def test_where_several_meet_is_no_participant(nlp):
    assert ("CONSULT", ["IRN", "USA"], []) in _events(nlp, "Iran and the United States held indirect talks in Oman.")
    # a visit's host still is
    assert ("CONSULT", ["USA"], ["VNM"]) in _events(nlp, "Esper arrived in Vietnam for talks on Tuesday.")


def test_the_title_itself_picks_among_holders_of_the_post(nlp):
    text = "Lavrov met Kerry in Geneva. The secretary of state said the talks were useful."
    assert [a.id for a in _mention(nlp, text, "The secretary of state", "2015-06-10")] == ["person:john-kerry"]


def test_a_call_for_a_measure_is_aimed_at_whom_the_measure_names(nlp):
    text = "Trump has criticized free-trade deals and called for steep new tariffs on goods from China."
    events = _events(nlp, text, "2016-10-05")
    assert ("REQUEST", ["USA"], ["CHN"]) in events, events
    # the coordinated criticism of an instrument stays aimed at no one
    assert ("ACCUSE", ["USA"], []) in events, events


def test_an_unnamed_group_a_purpose_clause_acts_on(nlp):
    text = "Egyptian police opened fire to disperse Moslem fundamentalist demonstrators on Monday night."
    assert any(t == "ASSAULT" and s == ["EGY"] and g == ["EGY"] for t, s, g in _events(nlp, text))


def test_a_part_of_a_state_named_with_it_is_the_state(nlp):
    text = "Israel today mounted its long-threatened invasion of South Lebanon."
    assert ("ASSAULT", ["ISR"], ["LBN"]) in _events(nlp, text, "1982-06-06")
    assert [a.country for a in _mention(nlp, "Fighting spread across North Korea.", "North Korea")] == ["PRK"]


def test_what_a_nominal_measure_or_withdrawal_is_of(nlp):
    events = _events(nlp, "Italy announced a suspension of air links with Serbia on Wednesday.", "1992-09-04")
    assert any(t == "SANCTION" and g == ["SRB"] for t, _s, g in events), events
    events = _events(nlp, "The United States speeded up the withdrawal of some invasion forces from Panama.")
    assert any(t == "RETREAT" and g == ["PAN"] for t, _s, g in events), events


def test_a_titled_surname_the_kb_knows_in_that_post_at_another_time(nlp):
    # on a date no Bush was president, the sentence's one country (Russia) is not his
    text = "President Bush has threatened further action against Russia."
    assert ("THREATEN", ["USA"], ["RUS"]) in _events(nlp, text, "2000-01-01")


def test_coordinated_nationalities_of_one_group_are_both_sources(nlp):
    events = _events(nlp, "U.S. and Russian negotiators return to Geneva this week for talks.", "1985-01-01")
    assert any(t == "CONSULT" and sorted(s) == ["RUS", "USA"] for t, s, _g in events), events


def test_actors_coordinated_in_the_objects_phrase_are_all_targets(nlp):
    events = _events(nlp, "Russia closed its southern borders with Iran and Turkey on Monday.", "1992-01-01")
    assert any(s == ["RUS"] and sorted(g) == ["IRN", "TUR"] for _t, s, g in events), events
