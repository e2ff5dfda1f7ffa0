"""The actor stage on the seed article and on small cases (the KB shipped in the package)."""

from pathlib import Path

import pytest

from newsgraph.ingest import iter_documents
from newsgraph.nlp.pipeline import annotate
from newsgraph.nlp.resolve import resolve_mention

SEED = Path(__file__).resolve().parents[1] / "examples" / "nato-asia.txt"


@pytest.fixture(scope="module")
def seed_doc(nlp):
    (doc,) = list(annotate(list(iter_documents([str(SEED)])), nlp))
    return doc


def _actor(doc, name):
    found = [a for a in doc.actors if a.name == name]
    assert found, f"{name} not among {[a.name for a in doc.actors]}"
    return found[0]


def _refs(doc, text):
    return [m.actor_ids for m in doc.mentions if m.text == text]


@pytest.mark.parametrize(
    "name,kind,country,wikidata",
    [
        ("NATO", "alliance", None, "Q7184"),
        ("Russia", "state", "RUS", "Q159"),
        ("United States", "state", "USA", "Q30"),
        ("Japan", "state", "JPN", "Q17"),
        ("South Korea", "state", "KOR", "Q884"),
        ("North Korea", "state", "PRK", "Q423"),
        ("China", "state", "CHN", "Q148"),
        ("Ukraine", "state", "UKR", "Q212"),
        ("Australia", "state", "AUS", "Q408"),
        ("United Kingdom", "state", "GBR", "Q145"),
    ],
)
def test_seed_states_and_alliances(seed_doc, name, kind, country, wikidata):
    actor = _actor(seed_doc, name)
    assert actor.kind == kind and actor.wikidata == wikidata
    if country:
        assert actor.country == country


def test_seed_people_with_roles(seed_doc):
    putin = _actor(seed_doc, "Vladimir Putin")
    assert (putin.id, putin.country, putin.sector) == ("Q7747", "RUS", "GOV") and "President" in putin.role
    (lavrov_id,) = {i for ids in _refs(seed_doc, "Sergei Lavrov") for i in ids}
    lavrov = next(a for a in seed_doc.actors if a.id == lavrov_id)
    assert (lavrov.country, lavrov.sector) == ("RUS", "GOV") and "oreign" in lavrov.role
    hayashi = _actor(seed_doc, "Yoshimasa Hayashi")
    assert (hayashi.country, hayashi.sector) == ("JPN", "GOV") and "oreign" in hayashi.role
    sobolev = _actor(seed_doc, "Viktor Sobolev")
    assert sobolev.kind == "person" and sobolev.country == "RUS"
    assert "General" in sobolev.role and "Communist Party" in sobolev.role


def test_seed_outlets_party_and_regions(seed_doc):
    rt = _actor(seed_doc, "RT")
    assert (rt.kind, rt.country) == ("media", "RUS")
    assert not any(m.text == "Today" for m in seed_doc.mentions)  # "Russia Today" is one outlet
    channel = [a for a in seed_doc.actors if "Taynaya" in a.name]
    assert channel and channel[0].kind == "media" and channel[0].country == "RUS"
    assert _actor(seed_doc, "CNBC").kind == "media"  # from the credit line
    party = [a for a in seed_doc.actors if a.kind == "party"]
    assert party and party[0].country == "RUS" and "Communist" in party[0].name
    for region in ("Asia", "Asia-Pacific", "Europe"):
        assert _actor(seed_doc, region).kind == "region"


def test_seed_references(seed_doc):
    nato = "Q7184"
    # "Washington" is the US government
    assert all(ids == ["USA-GOV"] for ids in _refs(seed_doc, "Washington"))
    washington = next(a for a in seed_doc.actors if a.id == "USA-GOV")
    assert (washington.kind, washington.country, washington.sector) == ("state", "USA", "GOV")
    assert _refs(seed_doc, "US-led military bloc") == [[nato]]
    assert _refs(seed_doc, "military pact of Western countries") == [[nato]]
    assert _refs(seed_doc, "the two countries") == [["Q17", "Q884"]]
    sobolev = _actor(seed_doc, "Viktor Sobolev").id
    assert _refs(seed_doc, "him") == [[sobolev]]
    assert [sobolev] in _refs(seed_doc, "he")
    (blocs,) = _refs(seed_doc, "the two blocs")
    aukus = _actor(seed_doc, "AUKUS").id
    assert sorted(blocs) == sorted([nato, aukus])
    assert _refs(seed_doc, "this project") == [[aukus]]
    hayashi = _actor(seed_doc, "Yoshimasa Hayashi").id
    assert [hayashi] in _refs(seed_doc, "Yoshimasa Hayashi")


def test_every_mention_offset_is_exact(seed_doc):
    for m in seed_doc.mentions:
        assert seed_doc.text[m.start : m.end] == m.text


def test_agent_phrases(nlp):
    r = resolve_mention(nlp, "four Saudi men", "2019-01-01", "Police arrested four Saudi men in Istanbul.")
    assert (r["country"], r["sector"]) == ("SAU", "CVL")
    r = resolve_mention(nlp, "an American destroyer", "2019-01-01", "An American destroyer sailed through the strait.")
    assert (r["country"], r["sector"]) == ("USA", "MIL")
    # a sentence's capitalised first word is no name of its own ("Radical" tagged a proper noun)
    r = resolve_mention(nlp, "French farmers", "2019-01-01", "Radical French farmers said they would blockade Paris.")
    assert (r["country"], r["sector"]) == ("FRA", "AGR")


def test_role_on_date(nlp):
    r = resolve_mention(
        nlp,
        "the Japanese foreign minister",
        "2023-09-01",
        "The Japanese foreign minister met his counterpart in Jakarta.",
    )
    assert r["name"] == "Yoshimasa Hayashi"
    r = resolve_mention(nlp, "Putin", "2010-06-01", "Putin told the Duma that the budget would be balanced.")
    assert r["name"] == "Vladimir Putin" and "Prime Minister" in r["role"]


def test_nonsense_does_not_resolve(nlp):
    for text, context in [
        ("Today", "Today the weather was fine."),
        ("turkey", "We ate turkey at home."),
        ("Smith", "Smith said the shop would open later."),
    ]:
        assert resolve_mention(nlp, text, None, context)["actor_id"] is None


def test_unknown_institution_named_by_country_and_body(nlp):
    r = resolve_mention(
        nlp,
        "The Latvian Constitutional Court",
        "2019-01-01",
        "The Latvian Constitutional Court cancelled restrictions on the use of the Russian language.",
    )
    assert (r["country"], r["sector"]) == ("LVA", "JUD")


def test_honorific_makes_a_person_and_places_are_not_surnames(nlp):
    r = resolve_mention(nlp, "Dr Fox", "2005-01-01", "Dr Fox accused Mr Blair of telling lies about his opponents.")
    assert r["kind"] != "media"  # not Fox News
    r = resolve_mention(nlp, "Liverpool", "2005-01-01", "He visits Manchester and Liverpool this week.")
    assert r["kind"] != "person"


def test_misspelt_state_names(nlp):
    r = resolve_mention(nlp, "Ethopia", "2000-01-01", "Ethopia has agreed to re-open its borders.")
    assert r["country"] == "ETH"
    r = resolve_mention(nlp, "Isreali troops", "2000-01-01", "Isreali troops entered the town.")
    assert (r["country"], r["sector"]) == ("ISR", "MIL")
    # one edit from a state, but part of a longer name
    doc = nlp("Officials in British Columbia said the fires were contained.")
    assert not any(m.actor_ids for m in doc._.mentions)


def test_one_edit():
    from newsgraph.nlp.actors import _one_edit

    assert _one_edit("ethopia", "ethiopia") and _one_edit("quatar", "qatar") and _one_edit("isreal", "israel")
    assert not _one_edit("lybia", "libya") and not _one_edit("france", "france") and not _one_edit("chad", "chadian")


def test_outlets_named_with_their_article(nlp):
    # "The Australian", "The Hindu": the outlet only with its article and no noun after it
    r = resolve_mention(nlp, "Australian troops", "2020-01-01", "Australian troops arrived in Dili.")
    assert (r["country"], r["sector"]) == ("AUS", "MIL")
    doc = nlp("The Australian reported on Monday that the talks had failed.")
    assert [m.actor_ids for m in doc._.mentions] == [["media:the-australian"]]
    doc = nlp("Hindu nationalists marched through the city.")
    assert not any(m.actor_ids for m in doc._.mentions)


def test_leaders_before_2000(nlp):
    r = resolve_mention(nlp, "Boris Yeltsin", "1997-11-01", "Russian President Boris Yeltsin met Ryutaro Hashimoto.")
    assert (r["country"], r["role"]) == ("RUS", "President")
    r = resolve_mention(nlp, "Yitzhak Shamir", "1989-11-01", "Prime Minister Yitzhak Shamir spoke.")
    assert r["country"] == "ISR"


def test_predecessor_states_resolve_to_their_successors(nlp):
    # coded as news event coders code them: the USSR as RUS, Yugoslavia as SRB, Czechoslovakia as CZE
    for text, mention, code in [
        ("Soviet troops withdrew from Afghanistan.", "Soviet troops", "RUS"),
        ("The Yugoslav army shelled the port.", "The Yugoslav army", "SRB"),
        ("Czechoslovak police arrested dissidents.", "Czechoslovak police", "CZE"),
    ]:
        assert resolve_mention(nlp, mention, "1988-01-01", text)["country"] == code


def test_namesakes_out_of_office_resolve_to_who_left_last(nlp):
    # "George Bush" names father and son: in office, the date decides; out of office, who left last
    ids = {
        d: resolve_mention(nlp, "George Bush", d, "George Bush spoke.")["actor_id"]
        for d in ("1990-05-01", "1995-05-01", "2014-05-01")
    }
    assert ids["1990-05-01"] == ids["1995-05-01"] != ids["2014-05-01"]
    assert ids["2014-05-01"] is not None


def _ids(doc, text):
    return [m.actor_ids for m in doc._.mentions if m.text == text]


def test_dateline_and_credit_are_no_actors(nlp):
    doc = nlp("HANOI, Vietnam (AP) — U.S. Defense Secretary Mark Esper accused China of intimidation.")
    labels = {m.text: (m.label, m.actor_ids) for m in doc._.mentions}
    assert labels["HANOI"] == ("DATELINE", []) and labels["Vietnam"] == ("DATELINE", [])
    assert labels["AP"] == ("CREDIT", [])
    assert _ids(doc, "China") == [["Q148"]]
    assert all("Q881" not in e.source + e.target for e in doc._.events)
    # the same words inside a sentence are actors
    doc = nlp("Vietnam said AP reporters could stay.")
    assert _ids(doc, "Vietnam") == [["Q881"]]


def test_capitals_stand_for_governments_only_where_they_act(nlp):
    assert _ids(nlp("Washington imposed new tariffs on Friday."), "Washington") == [["USA-GOV"]]
    assert _ids(nlp("Beijing's envoy rejected the claims."), "Beijing") == [["CHN-GOV"]]
    doc = nlp("Five prisoners were released in Doha on Saturday.")
    assert [(m.label, m.actor_ids) for m in doc._.mentions if m.text == "Doha"] == [("LOC", ["Q846"])]
    assert _ids(nlp("The settlement lies south of Jerusalem."), "Jerusalem") == [["Q801"]]
    doc = nlp("Professor Amir Attaran of the University of Ottawa said the rules were unlawful.")
    assert not any("CAN" in i or i == "Q16" for m in doc._.mentions for i in m.actor_ids)


def test_pronoun_continues_the_last_speaker(nlp):
    doc = nlp(
        'Donald Trump held talks with Rodrigo Duterte in Manila. "We have a great relationship," Trump said. '
        "Duterte smiled. Asked about trade, he said the deal was close."
    )
    he = [m for m in doc._.mentions if m.text == "he"]
    trump = next(a.id for a in doc._.actors if a.name == "Donald Trump")
    assert he and he[0].actor_ids == [trump]


def test_surname_after_a_full_name_is_that_person(nlp):
    doc = nlp("Lisa Monaco announced the charges. Monaco said the department would pursue the hackers.")
    assert not any(i == "Q235" for m in doc._.mentions for i in m.actor_ids)  # not the state of Monaco
    r = resolve_mention(nlp, "Putin", "2019-06-05", "[Russian President Vladimir] Putin told reporters it went well.")
    assert r["actor_id"] == "Q7747"
    r = resolve_mention(nlp, "Atlantic", "2021-04-01", "The cargo ship sank in the Atlantic off Portugal.")
    assert r["actor_id"] is None


def test_government_agencies_and_their_countries(nlp):
    for text, context, country, sector in [
        ("IDF", "The IDF said it had struck targets in Gaza.", "ISR", "MIL"),
        ("ODNI", "The ODNI released an assessment.", "USA", "SPY"),
        ("State Department", "The State Department rejected the claims.", "USA", "GOV"),
        ("Palestinian Authority", "The Palestinian Authority ended coordination.", "PSE", "GOV"),
        ("Defense Department", "Chile's Defense Department said troops would stay.", "CHL", "GOV"),
    ]:
        r = resolve_mention(nlp, text, "2021-01-01", context)
        assert (r["country"], r["sector"]) == (country, sector), (text, r)


def test_generic_agents_and_the_administration(nlp):
    r = resolve_mention(nlp, "riot police", "2019-11-12", "In Santiago, riot police fired tear gas at marchers.")
    assert (r["country"], r["sector"]) == ("CHL", "COP")
    r = resolve_mention(nlp, "Soldiers", "2019-10-20", "Soldiers opened fire on protesters near the palace.")
    assert (r["country"], r["sector"]) == (None, "MIL")
    r = resolve_mention(nlp, "a retired vice president", None, "The panel is chaired by a retired vice president.")
    assert r["sector"] == "ELI"
    doc = nlp("European universities protested against the cuts.")
    assert not any(i.startswith("None") for m in doc._.mentions for i in m.actor_ids)
    context = "President Trump raised tariffs. The administration said more may follow."
    r = resolve_mention(nlp, "The administration", "2019-05-13", context)
    assert (r["country"], r["sector"]) == ("USA", "GOV")
