"""The forecast ledger: the seed's three forecasts, statuses on a calendar, and came_true across documents."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import newsgraph.nlp.forecasts  # noqa: F401  (registers the newsgraph_forecasts factory)
from newsgraph.ingest import iter_documents
from newsgraph.link.forecasts import (
    apply_changes,
    country_of,
    event_rows,
    forecast_rows,
    match,
    resolve_forecasts,
    update_statuses,
)
from newsgraph.model import Document, Forecast, TimeExpr
from newsgraph.nlp.forecasts import horizon_of, parse_day, status_on

SEED = Path(__file__).resolve().parents[1] / "examples" / "nato-asia.txt"
LATER = "Japan and South Korea joined NATO on Monday, the alliance announced."


# ---------------------------------------------------------------------------
# the pipeline with the forecast stage (added here until it is one of the pipeline's STAGES)


@pytest.fixture(scope="module")
def fnlp(nlp):
    added = "newsgraph_forecasts" not in nlp.pipe_names
    if added:
        nlp.add_pipe("newsgraph_forecasts", after="newsgraph_events")
    yield nlp
    if added:
        nlp.remove_pipe("newsgraph_forecasts")


def _analyse(document: Document, nlp):
    """What ``annotate`` does, forecasts included: the stages' records copied onto the document."""
    doc = nlp.make_doc(document.text)
    doc._.published = document.published
    doc = nlp(doc)
    document.mentions = list(doc._.mentions or [])
    document.actors = list(doc._.actors or [])
    document.times = list(doc._.times or [])
    document.events = list(doc._.events or [])
    document.forecasts = list(doc._.forecasts or [])
    return document, doc


@pytest.fixture(scope="module")
def seed(fnlp):
    (document,) = list(iter_documents([str(SEED)]))
    return _analyse(document, fnlp)


@pytest.fixture(scope="module")
def later(fnlp):
    document = Document(id="later-2027", text=LATER, language="en", published="2027-03-01")
    return _analyse(document, fnlp)[0]


def _by_predictor(document: Document, name: str | None) -> Forecast:
    names = {a.id: a.name for a in document.actors}
    found = [f for f in document.forecasts if (names.get(f.predictor) if f.predictor else None) == name]
    assert len(found) == 1, [(f.predictor, f.proposition) for f in document.forecasts]
    return found[0]


def _details(doc, forecast: Forecast) -> dict:
    return next(d for d in doc._.forecast_details if d["id"] == forecast.id)


# ---------------------------------------------------------------------------
# acceptance: the seed's three forecasts


@pytest.mark.slow
def test_seed_has_three_forecasts(seed):
    document, _doc = seed
    assert len(document.forecasts) == 3, [(f.predictor, f.proposition) for f in document.forecasts]
    # "NATO also reportedly intends to open an office in Japan": someone else's report of an intention
    assert not any("office" in f.proposition for f in document.forecasts)


@pytest.mark.slow
def test_seed_sobolev_forecast(seed):
    document, doc = seed
    f = _by_predictor(document, "Viktor Sobolev")
    assert "NATO" in f.proposition and "Japan" in f.proposition and "South Korea" in f.proposition
    assert f.stated_on is not None and "2023-09" <= f.stated_on <= "2023-09-26"
    # "cannot happen in the next two to three years, but such an outcome is possible within five years"
    assert f.not_before == "2025-09-26"
    assert f.by == "2028-09-26"
    assert f.confidence == "possible"
    detail = _details(doc, f)
    assert detail["not_before_range"] == ["2025-09-26", "2026-09-26"]
    assert any("such an outcome is possible" in s["text"] for s in detail["statement"])
    event = next(e for e in document.events if e.id == f.event)
    assert event.modality == "predicted" and event.type == "SUPPORT"


@pytest.mark.slow
def test_seed_putin_forecast_is_open_ended(seed):
    document, _doc = seed
    f = _by_predictor(document, "Vladimir Putin")
    assert "NATO" in f.proposition and "AUKUS" in f.proposition
    assert f.stated_on == "2023-08"  # "in August, ... Putin predicted"
    assert f.by is None and f.not_before is None  # "eventually"
    assert f.confidence == "could"
    assert f.status == "open"


@pytest.mark.slow
def test_seed_submarine_is_a_scheduled_plan(seed):
    document, doc = seed
    f = _by_predictor(document, None)
    assert "Australia" in f.proposition and "submarine" in f.proposition
    assert (f.not_before, f.by) == ("2030-01-01", "2033-12-31")  # "the early 2030s"
    assert f.confidence == "scheduled"
    assert _details(doc, f)["window"] == ["2030-01-01", "2033-12-31"]


@pytest.mark.slow
def test_seed_statuses_are_as_of_the_run(seed, fnlp):
    document, _doc = seed
    configured = fnlp.get_pipe("newsgraph_forecasts").today
    today = parse_day(configured) if configured else dt.date.today()
    for f in document.forecasts:
        assert f.status == status_on(f, today)


# ---------------------------------------------------------------------------
# came_true: a later article reports the event


@pytest.mark.slow
def test_later_article_makes_sobolev_come_true(seed, later):
    document, _doc = seed
    joined = [e for e in later.events if e.trigger == "joined"]
    assert joined and joined[0].counts_as_new()
    forecasts = forecast_rows([document])
    changes = update_statuses(forecasts, event_rows([document, later]), "2027-03-02")
    sobolev = _by_predictor(document, "Viktor Sobolev")
    true = [c for c in changes if c.new == "came_true"]
    assert [c.forecast for c in true] == [sobolev.id]
    assert true[0].event == joined[0].id and true[0].event_doc == "later-2027"
    assert true[0].on == "2027-03-01" and not true[0].early
    apply_changes(forecasts, changes)
    row = next(r for r in forecasts if r["id"] == sobolev.id)
    assert row["status"] == "came_true" and row["resolved_doc"] == "later-2027"
    # the others stay open: nothing about NATO in AUKUS, nor about the submarine
    assert all(r["status"] == "open" for r in forecasts if r["id"] != sobolev.id)


@pytest.mark.slow
def test_same_event_after_the_deadline_does_not_count(seed, fnlp):
    document, _doc = seed
    late = _analyse(Document(id="late", text=LATER, language="en", published="2029-03-05"), fnlp)[0]
    changes = update_statuses(forecast_rows([document]), [document, late], "2029-03-06")
    sobolev = _by_predictor(document, "Viktor Sobolev")
    assert not any(c.new == "came_true" for c in changes)
    assert any(c.forecast == sobolev.id and c.new == "due" for c in changes)


@pytest.mark.slow
def test_resolve_in_the_store(seed, later, tmp_path):
    from newsgraph.store.db import Store

    document, _doc = seed
    sobolev = _by_predictor(document, "Viktor Sobolev")
    with Store(tmp_path / "ledger.duckdb") as store:
        store.add_documents([document])
        assert resolve_forecasts(store, "2027-03-02", doc_ids=[document.id]) == []
        store.add_documents([later])
        changes = resolve_forecasts(store, "2027-03-02", doc_ids=[later.id])
        assert [(c.forecast, c.new) for c in changes] == [(sobolev.id, "came_true")]
        status = dict(store.con.execute("SELECT id, status FROM forecasts").fetchall())
        assert status[sobolev.id] == "came_true"
        assert sorted(status.values()) == ["came_true", "open", "open"]


# ---------------------------------------------------------------------------
# small cases through the pipeline


def _forecasts(nlp, text: str, published: str = "2024-01-15"):
    doc = nlp.make_doc(text)
    doc._.published = published
    doc = nlp(doc)
    names = {a.id: a.name for a in doc._.actors or []}
    return doc, [(names.get(f.predictor, f.predictor), f) for f in doc._.forecasts]


@pytest.mark.slow
def test_own_stated_intention_is_a_forecast(fnlp):
    _doc, found = _forecasts(fnlp, "Iran said it will attack Israel within a week.")
    assert len(found) == 1
    name, f = found[0]
    assert name == "Iran" and f.by == "2024-01-22" and f.confidence == "will"


@pytest.mark.slow
def test_reported_intention_is_not_a_forecast(fnlp):
    _doc, found = _forecasts(fnlp, "NATO reportedly intends to open an office in Japan.")
    assert found == []


@pytest.mark.slow
def test_deadlines_from_prepositions(fnlp):
    _doc, found = _forecasts(fnlp, "Erdogan predicted that Turkey would invade Syria before 2026.")
    assert [(f.by, f.stated_on, f.confidence) for _n, f in found] == [("2025-12-31", "2024-01-15", "would")]
    assert found[0][0] is not None  # the predictor: Erdogan
    _doc, found = _forecasts(fnlp, "Germany will host France after 2026.")
    assert [(f.not_before, f.by, f.predictor) for _n, f in found] == [("2027-01-01", None, None)]


@pytest.mark.slow
def test_anaphor_of_another_speaker_is_not_attached(fnlp):
    text = "Putin said Russia could attack Poland. This will not happen before 2030, Scholz added."
    _doc, found = _forecasts(fnlp, text)
    putin = [f for name, f in found if name == "Vladimir Putin"]
    assert len(putin) == 1 and putin[0].not_before is None
    # Scholz's answer is a forecast of his own (a clause forecast), not a horizon of Putin's
    ((name, scholz),) = [(name, f) for name, f in found if "not happen" in f.proposition]
    assert "Scholz" in name and scholz.event is None
    text = "Putin said Russia could attack Poland. This will not happen before 2030, he added."
    _doc, found = _forecasts(fnlp, text)
    assert len(found) == 1 and found[0][1].not_before == "2030-01-01"


# ---------------------------------------------------------------------------
# statuses and horizons on hand-made records (no pipeline)


def _forecast(**kw) -> dict:
    base = {
        "doc_id": "d1",
        "id": "fc-1",
        "predictor": "Q7747",
        "proposition": "NATO joins AUKUS",
        "event": "ev-1",
        "stated_on": "2023-09-26",
        "not_before": None,
        "by": "2028-09-26",
        "confidence": "could",
        "status": "open",
        "type": "SUPPORT",
        "source": ["Q7184"],
        "target": ["org:aukus"],
        "trigger": "join",
    }
    base.update(kw)
    return base


def _event(**kw) -> dict:
    base = {
        "doc_id": "d2",
        "id": "ev-2",
        "type": "SUPPORT",
        "source": ["Q7184"],
        "target": ["org:aukus"],
        "modality": "asserted",
        "background": False,
        "trigger": "joined",
        "date": {"from": "2026-05-04", "to": "2026-05-04"},
        "published": "2026-05-05",
    }
    base.update(kw)
    return base


def test_status_on_the_calendar():
    f = Forecast("fc", None, "x", None, "2023-09-26", None, "2028-09-26", "possible")
    assert status_on(f, dt.date(2028, 9, 26)) == "open"
    assert status_on(f, dt.date(2028, 9, 27)) == "due"
    assert status_on(f, "2029-09-26") == "due"
    assert status_on(f, "2029-09-27") == "expired"
    assert status_on(f, "2040-01-01", resolved=True) == "came_true"
    assert status_on({"by": None}, "2099-01-01") == "open"
    assert status_on({"by": "2024-02"}, "2024-02-29") == "open"  # a month's deadline is its last day
    assert status_on({"by": "2024-02"}, "2024-03-01") == "due"


def _time(value, begin, finish, type_="DATE"):
    return TimeExpr("t", 0, 1, value, begin, finish, type_)


def test_horizons():
    anchor = dt.date(2023, 9, 26)
    # "cannot happen in the next two to three years": not before the earlier bound, the range kept
    h = horizon_of(_time("P2Y", "2025-09-26", "2026-09-26", "DURATION"), "window", True, anchor)
    assert h.not_before == dt.date(2025, 9, 26) and h.not_before_range == (dt.date(2025, 9, 26), dt.date(2026, 9, 26))
    assert h.by is None
    # "possible within five years"
    h = horizon_of(_time("P5Y", "2023-09-26", "2028-09-26", "DURATION"), "by", False, anchor)
    assert h.by == dt.date(2028, 9, 26) and h.not_before is None
    # "in the early 2030s": a window
    h = horizon_of(_time("203", "2030-01-01", "2033-12-31"), "window", False, anchor)
    assert (h.not_before, h.by) == (dt.date(2030, 1, 1), dt.date(2033, 12, 31))
    # "eventually", "in the medium term": open
    h = horizon_of(_time("FUTURE_REF", "2023-09-26", None), "window", False, anchor)
    assert h.open and h.by is None and h.not_before is None
    year = _time("2027", "2027-01-01", "2027-12-31")
    assert horizon_of(year, "by", False, anchor).by == dt.date(2027, 12, 31)
    assert horizon_of(year, "before", False, anchor).by == dt.date(2026, 12, 31)
    assert horizon_of(year, "after", False, anchor).not_before == dt.date(2028, 1, 1)
    assert horizon_of(year, "until", True, anchor).not_before == dt.date(2027, 1, 1)  # "not until 2027"
    assert horizon_of(year, "window", True, anchor) is None  # "not in 2027" bounds nothing


def test_match_membership_either_way_and_by_country():
    f = _forecast(type="SUPPORT", source=["Q7184"], target=["Q17", "Q884"], trigger="include")
    joined = _event(type="COOPERATE", source=["Q17", "Q884"], target=["Q7184"])
    assert match(f, joined, "2026-05-05")
    only_japan = _event(source=["Q17"], target=["Q7184"])
    assert not match(f, only_japan, "2026-05-05")  # the proposition names both
    # a state's government stands for the state
    f2 = _forecast(type="COERCE", source=["Q30"], target=["Q794"], trigger="sanction")
    ev = _event(type="COERCE", source=["USA-GOV"], target=["Q794"], trigger="sanctioned")
    assert match(f2, ev, "2026-05-05", countries={"Q30": "USA", "Q794": "IRN"})
    # hostile types keep their direction
    assert not match(f2, _event(type="COERCE", source=["Q794"], target=["Q30"]), "2026-05-05")
    # alliances have no country: NATO is not AUKUS
    assert country_of("Q7184", {"Q7184": "IGO"}) is None
    assert not match(_forecast(), _event(source=["Q7184"], target=["org:quad"]), "2026-05-05")


def test_match_needs_news_after_the_statement_within_the_horizon():
    f = _forecast()
    assert match(f, _event(), "2026-05-05")
    assert not match(f, _event(modality="predicted"), "2026-05-05")
    assert not match(f, _event(background=True), "2026-05-05")
    assert not match(f, _event(type="ASSAULT"), "2026-05-05")
    assert not match(f, _event(doc_id="d1"), "2026-05-05")  # the forecast's own document
    assert not match(f, _event(date={"from": "2023-01-01"}, published="2023-09-20"), "2023-09-20")
    assert not match(f, _event(date={"from": "2029-01-01"}, published="2029-01-02"), "2029-01-02")  # after `by`
    assert match(_forecast(by=None), _event(date={"from": "2035-01-01"}, published="2035-01-02"), "2035-01-02")


def test_match_without_a_target_needs_the_same_verb():
    f = _forecast(type="COOPERATE", source=["Q408"], target=[], trigger="purchase", by="2033-12-31")
    assert match(f, _event(type="COOPERATE", source=["Q408"], target=[], trigger="purchased"), "2026-05-05")
    assert not match(f, _event(type="COOPERATE", source=["Q408"], target=["Q17"], trigger="trained"), "2026-05-05")


def test_update_statuses_due_expired_and_final_came_true():
    forecasts = [
        _forecast(id="a", by="2024-12-31"),
        _forecast(id="b", by="2020-06-30", stated_on="2019-01-01"),
        _forecast(id="c", by=None),
        _forecast(id="d", status="came_true"),
        _forecast(id="e", by="2026-12-31", status="due"),
    ]
    changes = update_statuses(forecasts, [], "2025-06-01")
    assert {c.forecast: c.new for c in changes} == {"a": "due", "b": "expired", "e": "open"}
    news = [_event(date={"from": "2025-05-01"}, published="2025-05-02")]
    changes = update_statuses(forecasts, news, "2025-06-01")
    # "a" stays due: the event came after its deadline
    assert {c.forecast: c.new for c in changes} == {"a": "due", "b": "expired", "c": "came_true", "e": "came_true"}
    # an event published after the evaluation date does not count yet
    changes = update_statuses(forecasts, news, "2025-05-01")
    assert "came_true" not in {c.new for c in changes}
    apply_changes(forecasts, update_statuses(forecasts, news, "2025-06-01"))
    assert [f["status"] for f in forecasts] == ["due", "expired", "came_true", "came_true", "came_true"]
    assert forecasts[2]["resolved_event"] == "ev-2" and forecasts[2]["resolved_doc"] == "d2"


def test_early_fulfilment_is_flagged_and_rows_resolve_in_place():
    forecasts = [_forecast(not_before="2026-01-01")]
    changes = resolve_forecasts(
        forecasts, "2025-06-01", events=[_event(date={"from": "2025-05-01"}, published="2025-05-02")]
    )
    assert len(changes) == 1 and changes[0].early and forecasts[0]["status"] == "came_true"


# ---------------------------------------------------------------------------
# clause forecasts: plans, schedules and predictions with no event (issue #10 item 16)


@pytest.mark.slow
def test_schedule_and_expectation_reach_the_ledger_without_an_event(fnlp):
    text = (
        "The draft bill of the new austerity measures is to be voted on 6 May. "
        "The bill is expected to be passed easily."
    )
    _doc, found = _forecasts(fnlp, text, published="2010-05-05")
    props = sorted(f.proposition for _name, f in found)
    assert len(found) == 2, props
    assert any("to be voted on 6 May" in p for p in props) and any("expected to be passed" in p for p in props)
    assert all(f.predictor is None for _name, f in found)  # the page states the schedule
    voted = next(f for _name, f in found if "voted" in f.proposition)
    assert voted.by == "2010-05-06"


@pytest.mark.slow
def test_clause_forecast_keeps_negation_and_its_speaker(fnlp):
    text = 'Chinese ambassador Liu Xiaoming warned: "The central government will not sit on its hands."'
    _doc, found = _forecasts(fnlp, text)
    assert len(found) == 1
    name, f = found[0]
    assert "will not sit" in f.proposition
    assert "Liu" in (name or "")


@pytest.mark.slow
def test_conditions_questions_and_rumours_are_no_forecasts(fnlp):
    for text in (
        "If the embargo is lifted, arms sales would rise.",
        "Will the embargo be lifted?",
        "NATO reportedly intends to open an office in Tokyo.",
        "She said she would have liked a longer debate.",
    ):
        _doc, found = _forecasts(fnlp, text)
        assert found == [], (text, [f.proposition for _n, f in found])


@pytest.mark.slow
def test_a_pronoun_predictor_goes_on_with_the_forecast_before(fnlp):
    text = (
        "The International Monetary Fund said global growth will stay at 3.1 percent this year. "
        "It edged up its forecast for emerging economies by 0.1 percentage points."
    )
    _doc, found = _forecasts(fnlp, text, published="2016-10-05")
    assert len(found) == 2
    assert {f.predictor for _name, f in found} == {found[0][1].predictor} and found[0][1].predictor is not None


# ---------------------------------------------------------------------------
# session 7: what is no forecast, and who predicts (nlp/forecasts/filters.py, clauses.py, syntax.py)


@pytest.mark.slow
def test_purposes_attitudes_directives_and_descriptions_are_no_forecasts(fnlp):
    for text in (
        # a purpose clause
        "The strike was held to protest the cuts so that Greece can get a bailout from the fund.",
        # a reported auxiliary under a noun of attitude, not of words
        "The rioting underlined skepticism that the Greek government could keep up its end of the bargain.",
        # 'warn' with an object and a to-infinitive is a directive
        "China warned North Korea to refrain from further tests.",
        # a prediction verb as a to-infinitive is no one's prediction
        "He said the Israelis were entitled to expect Palestinians to give up violence.",
        # a content in the past under a prediction verb
        "Solving the conflict was the most pressing challenge of the day, Mr Blair warned.",
        # a reported auxiliary in a relative clause describes a noun
        'Mr Hogg said the plan was a "regressive" step which would intrude into the lives of citizens.',
        # an impersonal or obligatory hope
        'Mr Kennedy said: "It is to be hoped that a second term will see a better approach."',
        # a question without its question mark
        "Why on earth will the prime minister not simply take up the offer, Mr Howard demanded.",
        # an indirect question opened by a wh-word
        "Labour have refused to discuss his new position and have not said how it would affect his successor.",
    ):
        _doc, found = _forecasts(fnlp, text)
        assert found == [], (text, [f.proposition for _n, f in found])


@pytest.mark.slow
def test_a_speakers_own_hope_and_a_warning_about_the_future_stay(fnlp):
    for text in (
        "Afghan President Ashraf Ghani said he hoped the swap would pave the way for direct talks.",
        "Still, the fund warned that the exit will raise many questions in the coming years.",
        # a bare 'so' is a consequence, not a purpose
        '"Deregulation is spreading, so we can expect the relationship to get even stronger," said Mr Nozaki.',
        # a prediction verb over a to-infinitive
        "Earlier this week Jack Straw said he expected the embargo to be lifted within six months.",
        # a free relative after a preposition is no indirect question
        "The cash will keep council tax rises below 5% in what is likely to be a general election year.",
    ):
        _doc, found = _forecasts(fnlp, text)
        assert len(found) == 1, (text, [f.proposition for _n, f in found])


@pytest.mark.slow
def test_predictors_of_session_7(fnlp):
    # a named subject keeps its forecast though its object has a possessive pronoun
    text = (
        'Daryl Kimball said: "The next president will face this on day one." '
        "Ban, a diplomat from South Korea, will finish his term by the end of the year."
    )
    _doc, found = _forecasts(fnlp, text, published="2016-09-10")
    ban = next(f for _n, f in found if "finish his term" in f.proposition)
    assert ban.predictor is None
    # a forecast noun's possessor owns the forecast
    text = "That was enough to hold the IMF's estimate of global growth steady at 3.1 percent this year."
    _doc, found = _forecasts(fnlp, text, published="2016-10-05")
    assert [n for n, _f in found] == ["International Monetary Fund"]
    # a quoted sentence with no frame goes on with the quotation before it
    text = (
        'Menzies Campbell said: "Europe and America must work together. '
        '"Iraq will remain an issue of potential division for some time to come."'
    )
    _doc, found = _forecasts(fnlp, text, published="2004-11-03")
    assert [n for n, f in found if "Iraq will remain" in f.proposition] == ["Menzies Campbell"]


@pytest.mark.slow
def test_a_pronoun_speaker_is_the_statements_speaker(fnlp):
    text = (
        "Jordan's Foreign Minister Ayman Safadi condemned the decision on Monday. Palestinian chief negotiator "
        'Saeb Erekat said the decision was illegal. "We are going to the General Assembly and we will ask the '
        'International Criminal Court to open an investigation," he added.'
    )
    _doc, found = _forecasts(fnlp, text, published="2019-11-20")
    assert [n for n, _f in found] == ["Saeb Erekat"], [(n, f.proposition) for n, f in found]


@pytest.mark.slow
def test_a_prediction_reported_inside_a_statement_is_its_own_subjects(fnlp):
    for text, who in (
        ("Mr Howard said the police had said ID cards would help them foil terror plots.", "police"),
        ("According to Mr Sands, Lord Goldsmith warned Tony Blair that the war would last for years.", "goldsmith"),
        # no one predicts but the speaker when the subject is evidence
        ("Charles Kennedy said the experience of Wales indicated households would pay more.", "kennedy"),
        ("Our correspondent said privately ministers believe this will be the less painful option.", "minister"),
    ):
        doc, found = _forecasts(fnlp, text, published="2005-01-12")
        assert len(found) == 1, (text, [f.proposition for _n, f in found])
        name, f = found[0]
        assert who in ((name or "") + " " + (f.predictor_text or "")).lower(), (text, name, f.predictor_text)


@pytest.mark.slow
def test_addressees_reports_and_means_keep_their_forecasts(fnlp):
    for text in (
        # the that-clause the parser hangs on the addressee of 'warn'
        "Officials in California are warning residents that oncoming rains will cause dangerous landslides.",
        # a reported auxiliary under a noun of words
        "Pentagon officials confirmed reports that a fourth aircraft carrier could head for the Gulf within days.",
        # a gerund of means shares its clause's subject
        "Saddam Hussein today sought peace by promising to withdraw from Iranian territory.",
    ):
        _doc, found = _forecasts(fnlp, text, published="1990-08-15")
        assert len(found) == 1, (text, [f.proposition for _n, f in found])
        if text.startswith("Officials"):  # the warning's subject predicts, not the page
            name, f = found[0]
            assert "officials" in ((name or "") + " " + (f.predictor_text or "")).lower(), (name, f.predictor_text)
