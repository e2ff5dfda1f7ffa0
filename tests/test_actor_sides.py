"""Countries of the actors on events' sides (issue #10, full-event precision, session 7): people nothing
names the country of, collectives with no single country, anaphors, titles with an of-phrase or an
organisation.  Blind cases ``tests/data/event_cases_blind7.jsonl`` were written before any dev error was read."""

import json
from pathlib import Path

from newsgraph.kb import load_kb
from newsgraph.model import Document
from newsgraph.nlp.actors.unresolved import home_country
from newsgraph.nlp.events.antecedent import lead_target
from newsgraph.nlp.pipeline import annotate
from test_event_classes import run_cases

BLIND7 = [json.loads(line) for line in (Path(__file__).parent / "data" / "event_cases_blind7.jsonl").open()]


def _doc(nlp, text, published="2024-03-05"):
    (doc,) = annotate([Document(id="t", text=text, published=published, language="en")], nlp)
    return doc


def _events(nlp, text, published="2024-03-05"):
    doc = _doc(nlp, text, published)
    country = {a.id: a.country or "---" for a in doc.actors}
    return [(e.type, [country.get(a) for a in e.source], [country.get(a) for a in e.target]) for e in doc.events]


def _mention(nlp, text, words, published="2024-03-05"):
    doc = _doc(nlp, text, published)
    actors = {a.id: a for a in doc.actors}
    return [actors[i] for m in doc.mentions if m.text == words for i in m.actor_ids]


def test_blind7_floor(nlp):
    # first run (before any change): 15 of 19 (a campaigner in a Kenyan story had no country; the international
    # community and Western observers coded nothing; "the two countries" took the clause's own subject); now 16
    # ("the two countries"; the campaigner stays without a country: a story that names Kenya once is not plainly
    # set there)
    right = [c["text"] for c, _d, ok in run_cases(nlp, BLIND7) if ok]
    assert len(right) >= 16, right


def test_home_country_is_the_country_of_the_storys_people():
    assert home_country(["USA", "USA", "RUS", None], ["RUS", "RUS", "RUS", "USA"]) == "USA"
    # a tie among people: the state the story names more
    assert home_country(["CHN", "HKG"], ["CHN", "HKG", "HKG"]) == "HKG"
    # international officials are no state's people
    assert home_country(["UNO", "UNO", "GRC"], ["GRC"]) == "GRC"
    # nobody of a known country: only a state the story is plainly set in
    assert home_country([], ["GRC", "GRC", "DEU"]) == "GRC"
    assert home_country([], ["RUS"]) is None
    assert home_country([], ["GRC", "GRC", "DEU", "DEU"]) is None


def test_a_person_nothing_names_the_country_of_is_of_the_storys_people(nlp):
    text = (
        "President Obama vetoed the bill on Friday. Senator Chuck Schumer said Congress would override the veto. "
        '"The rationales do not hold weight," said 9/11 widow Terry Strada. Strada accused the Saudi government '
        "of intimidating the families."
    )
    events = _events(nlp, text, "2016-09-23")
    assert ("ACCUSE", ["USA"], ["SAU"]) in events, events
    # and one the actor stage made from an apposition that names no country
    text = (
        "Chinese ambassador Liu Xiaoming spoke on Monday. Hong Kong leader Carrie Lam met police chiefs. "
        "Cheuk Hau-yip, the commander of Kowloon West district, said the protesters were criminals."
    )
    assert [a.country for a in _mention(nlp, text, "Cheuk Hau-yip", "2019-11-19")] in (["CHN"], ["HKG"])


def test_an_unknown_speaker_may_blame_his_own_state():
    country = {"GRC-GOV": "GRC", "unresolved:constantinos-doganis@grc": "GRC", "Q41": "GRC"}
    from newsgraph.model import Event, Evidence

    lead = Event("e1", "SANCTION", "163", ["GRC-GOV"], [], "asserted", 1.0, None, Evidence("x", 0, 10))
    assert lead_target(["unresolved:constantinos-doganis@grc"], 50, [lead], country) == ["GRC-GOV"]
    # a known official's own state is no recipient of his words
    assert lead_target(["Q41"], 50, [lead], country) == []


def test_collectives_are_actors_of_no_country(nlp):
    kb = load_kb()
    assert kb.entries["region:the-west"].kind == "group" and kb.entries["region:the-west"].country is None
    assert ("ACCUSE", ["RUS"], ["---"]) in _events(nlp, "Putin accused the West of waging a proxy war.")
    assert ("REQUEST", ["---"], ["IRN"]) in _events(nlp, "World powers urged Iran to return to the talks.")
    events = _events(nlp, "The international community condemned Myanmar's military for the coup.")
    assert any(t == "ACCUSE" and s == ["---"] for t, s, _ in events), events
    # "in the West" is a place
    assert [m.label for m in _doc(nlp, "Prices rose in the West.").mentions if m.text == "West"] == ["LOC"]


def test_the_west_stands_for_the_western_states_just_named(nlp):
    text = "The United States and Britain imposed new sanctions on Russia. The Kremlin accused the West of waging war."
    assert ("ACCUSE", ["RUS"], ["USA", "GBR"]) in _events(nlp, text)
    # not its own clause's subject
    assert ("REQUEST", ["GBR"], ["---"]) in _events(nlp, "Britain urged the West to act.")


def test_counted_members_of_a_collective_are_not_the_collective(nlp):
    text = "The only two Arab states to have signed treaties with Israel - Egypt and Jordan - criticised the move."
    assert not [a for a in _mention(nlp, text, "Arab states") if a.kind == "group"]


def test_western_and_foreign_agents_have_no_country(nlp):
    doc = _doc(nlp, "Western journalists were expelled from Russia.")
    actors = {a.id: a for a in doc.actors}
    agents = [actors[i] for m in doc.mentions if m.text == "Western journalists" for i in m.actor_ids]
    assert [(a.country, a.sector) for a in agents] == [(None, "JRN")]
    # a title is not a collective: "the foreign minister" is someone's
    assert not _mention(nlp, "The foreign minister said it was wrong.", "The foreign minister")
    # nor a state's own ministry
    text = "China warned Japan on Monday. The foreign ministry said Tokyo must stop."
    assert not [a for a in _mention(nlp, text, "The foreign ministry") if a.id.startswith("agent:")]


def test_a_group_anaphor_is_not_its_own_verbs_subject(nlp):
    text = "Japan and South Korea signed a defence pact in 2019. China has repeatedly criticised the two countries."
    assert {a.country for a in _mention(nlp, text, "the two countries")} == {"JPN", "KOR"}


def test_a_yaml_name_with_a_comma_is_whole():
    entry = load_kb().entries["agency:gbr-fcdo"]
    assert entry.name == "Foreign, Commonwealth and Development Office"


def test_foreign_ministers_are_not_the_foreign_office(nlp):
    assert not [a for a in _mention(nlp, "Foreign ministers met in Brussels.", "Foreign") if a.kind == "agency"]


def test_a_title_of_a_country_and_of_an_organisation(nlp):
    text = "Foreign Minister of Bahamas, Mr. Willem Kooi, expressed support for the United States."
    assert [a.country for a in _mention(nlp, text, "Willem Kooi")] == ["BHS"]
    text = "OAS deputy spokesman Flavio Di Giacomo said the threat was alarming."
    assert [a.country for a in _mention(nlp, text, "Flavio Di Giacomo")] == ["IGO"]
    text = "Hans Berger, a spokesman for the Arab League, said Israel was wrong."
    assert [a.country for a in _mention(nlp, text, "Hans Berger")] == ["IGO"]


def test_anonymity_requested_is_no_request(nlp):
    text = '"The facade has changed," said a Western diplomat, who requested anonymity.'
    assert not [t for t, _s, _t in _events(nlp, text) if t == "REQUEST"]


def test_modified_anaphors_name_the_state_before(nlp):
    assert {
        a.country
        for a in _mention(nlp, "Cuba freed prisoners. Washington praised the communist island.", "the communist island")
    } == {"CUB"}
    text = "Saudi Arabia executed 37 men. Canada condemned the oil-rich kingdom."
    assert {a.country for a in _mention(nlp, text, "the oil-rich kingdom")} == {"SAU"}
    text = "Japan and China met on Monday. The two Asian powers agreed to talk."
    assert {a.country for a in _mention(nlp, text, "The two Asian powers")} == {"JPN", "CHN"}
    # not a phrase of another noun, not a description, not a name
    assert not _mention(nlp, "Kerry spoke in Oslo. The secretary of state said it.", "The secretary of state")
    text = "China is North Korea's ally and is considered the only country that can rein it in."
    assert not _mention(nlp, text, "the only country")
    assert [a.kind for a in _mention(nlp, "The Islamic State claimed the attack.", "Islamic State")] == ["armed_group"]


def test_a_place_is_no_antecedent(nlp):
    text = "Russia and China met in Tokyo. The two countries agreed to talk."
    assert {a.country for a in _mention(nlp, text, "The two countries")} == {"RUS", "CHN"}


def test_the_north_after_a_state_named_so(nlp):
    text = "North Korea fired a missile. South Korea accused the North of provocation."
    assert [a.country for a in _mention(nlp, text, "North")] == ["PRK"]
    assert not _mention(nlp, "South Korea accused the North of provocation.", "North")
