"""The time stage: finding temporal expressions and normalising them to TIMEX3."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pytest

from newsgraph.model import Document
from newsgraph.nlp.times import (
    Timex,
    detect_date_order,
    find_candidates,
    normalise,
    tag_text,
)

SEED = Path(__file__).resolve().parents[1] / "examples" / "nato-asia.txt"
SEED_DAY = dt.date(2023, 9, 26)  # a Tuesday
TB_DAY = dt.date(1989, 10, 30)  # a Monday (TimeBank-style document date)


def norm(text: str, anchor: dt.date = SEED_DAY, **kw) -> Timex:
    res = normalise(text, anchor, **kw)
    assert res is not None, f"{text!r} not normalised"
    return res


# ---------------------------------------------------------------------------
# normalise(): values


@pytest.mark.parametrize(
    ("text", "kw", "value"),
    [
        # explicit dates, any order
        ("26 September 2023", {}, "2023-09-26"),
        ("September 26, 2023", {}, "2023-09-26"),
        ("Sept. 26", {}, "2023-09-26"),
        ("Feb. 24, 2022", {}, "2022-02-24"),
        ("the 24th of February 2022", {}, "2022-02-24"),
        ("2023-09-26", {}, "2023-09-26"),
        ("26.09.2023", {}, "2023-09-26"),
        ("26/9/2023", {}, "2023-09-26"),  # a part over 12 decides
        ("9/26/2023", {}, "2023-09-26"),
        ("3/4/2023", {}, "2023-04-03"),  # day-first by default
        ("3/4/2023", {"date_order": "MDY"}, "2023-03-04"),
        ("Tuesday (26/9/2023)", {}, "2023-09-26"),
        ("Tue, 26 Sep 2023", {}, "2023-09-26"),
        ("February 2022", {}, "2022-02"),
        ("2021", {}, "2021"),
        ("fiscal 1989", {}, "1989"),
        ("nineteen ninety-six", {}, "1996"),
        ("the year two thousand", {}, "2000"),
        ("'22", {}, "2022"),
        # two-digit years go to the century nearest the document date
        ("11/02/89", {"date_order": "MDY"}, "1989-11-02"),
        ("11/02/19", {"date_order": "MDY"}, "2019-11-02"),
        # relative to the document date
        ("today", {}, "2023-09-26"),
        ("yesterday", {}, "2023-09-25"),
        ("tomorrow", {}, "2023-09-27"),
        ("last year", {}, "2022"),
        ("this year", {}, "2023"),
        ("next year", {}, "2024"),
        ("last month", {}, "2023-08"),
        ("next month", {}, "2023-10"),
        ("last week", {}, "2023-W38"),
        ("next week", {}, "2023-W40"),
        ("two days ago", {}, "2023-09-24"),
        ("three months ago", {}, "2023-06"),
        ("a year ago", {}, "2022"),
        ("two years ago", {}, "2021"),
        ("earlier this month", {}, "2023-09"),
        ("earlier this year", {}, "2023"),
        ("early next year", {}, "2024"),
        ("the end of 1990", {}, "1990"),
        ("mid-2024", {}, "2024"),
        ("year-end", {}, "2023"),
        # weekdays: the past in a report, the future in a future clause
        ("Friday", {}, "2023-09-22"),
        ("Friday", {"tense": "past"}, "2023-09-22"),
        ("Friday", {"tense": "future"}, "2023-09-29"),
        ("Tuesday", {"tense": "past"}, "2023-09-26"),
        ("last Friday", {}, "2023-09-22"),
        ("next Monday", {}, "2023-10-02"),
        # months and seasons placed by tense
        ("August", {"tense": "past"}, "2023-08"),
        ("August", {"tense": "future"}, "2024-08"),
        ("December", {"tense": "future"}, "2023-12"),
        ("last April", {}, "2023-04"),
        ("this past spring", {}, "2023-SP"),
        ("summer 2022", {}, "2022-SU"),
        ("the winter of nineteen ninety-four", {}, "1994-WI"),
        # quarters and halves
        ("the third quarter", {"tense": "past"}, "2023-Q3"),
        ("third-quarter", {}, "2023-Q3"),
        ("the fourth quarter of 1984", {}, "1984-Q4"),
        ("Q3 2023", {}, "2023-Q3"),
        ("H1 2024", {}, "2024-H1"),
        ("the first half of 2024", {}, "2024-H1"),
        ("the latest quarter", {}, "2023-Q2"),
        ("the current quarter", {}, "2023-Q3"),
        # decades and centuries
        ("the 1990s", {}, "199"),
        ("the '80s", {}, "198"),
        ("the nineties", {}, "199"),
        ("the early 2030s", {}, "203"),
        ("the mid-1980s", {}, "198"),
        ("the 20th century", {}, "19"),
        ("the twenty-first century", {}, "20"),
        # times
        ("5 p.m. EST, Nov. 6", {"tense": "future"}, "2023-11-06T17"),
        ("around 7:15 p.m.", {}, "2023-09-26T19:15"),
        ("noon Thursday", {"tense": "past"}, "2023-09-21T12:00"),
        ("this morning", {}, "2023-09-26TMO"),
        ("last night", {}, "2023-09-25TNI"),
        ("Friday evening", {"tense": "past"}, "2023-09-22TEV"),
        # vague references
        ("now", {}, "PRESENT_REF"),
        ("currently", {}, "PRESENT_REF"),
        ("recently", {}, "PAST_REF"),
        ("the past", {}, "PAST_REF"),
        ("recent years", {}, "PAST_REF"),
        ("soon", {}, "FUTURE_REF"),
        ("eventually", {}, "FUTURE_REF"),
        ("the future", {}, "FUTURE_REF"),
        ("the medium term", {}, "FUTURE_REF"),
        ("the near term", {}, "FUTURE_REF"),
        ("coming months", {}, "FUTURE_REF"),
        # durations
        ("ten years", {}, "P10Y"),
        ("the nine months", {}, "P9M"),
        ("two-year", {}, "P2Y"),
        ("the last twenty four hours", {}, "PT24H"),
        ("2 1/2 years", {}, "P2Y6M"),
        ("a year and a half", {}, "P1Y6M"),
        ("a minute and a half", {}, "PT1M30S"),
        ("half an hour", {}, "PT30M"),
        ("several years", {}, "PXY"),
        ("about a decade", {}, "P1E"),
        ("within five years", {}, "P5Y"),
        # sets
        ("each month", {}, "P1M"),
        ("every Thursday", {}, "XXXX-WXX-4"),
        ("Tuesday nights", {}, "XXXX-WXX-2TNI"),
        ("each July", {}, "XXXX-07"),
    ],
)
def test_normalise_value(text, kw, value):
    assert norm(text, **kw).value == value


def test_weekday_decides_numeric_order():
    # 10 May 2023 was a Wednesday, 5 October 2023 a Thursday
    assert norm("Wednesday (10/5/2023)").value == "2023-05-10"
    assert norm("Thursday (10/5/2023)").value == "2023-10-05"


@pytest.mark.parametrize(
    ("text", "typ"),
    [
        ("Tuesday", "DATE"),
        ("5 p.m.", "TIME"),
        ("this morning", "TIME"),
        ("five years", "DURATION"),
        ("every week", "SET"),
        ("now", "DATE"),
    ],
)
def test_normalise_type(text, typ):
    assert norm(text).type == typ


@pytest.mark.parametrize(
    ("text", "mod", "precision"),
    [
        ("the early 2030s", "START", "decade"),
        ("earlier this month", "START", "month"),
        ("mid-November", "MID", "month"),
        ("the end of 1990", "END", "year"),
        ("late yesterday", "END", "day"),
        ("within five years", "EQUAL_OR_LESS", "day"),
        ("about two years ago", "APPROX", "year"),
        ("more than two years", "MORE_THAN", None),
        ("1994 or later", "ON_OR_AFTER", "year"),
        ("the 1990s", None, "decade"),
        ("Q3 2023", None, "quarter"),
        ("now", None, "open"),
    ],
)
def test_normalise_mod_and_precision(text, mod, precision):
    res = norm(text)
    assert (res.mod, res.precision) == (mod, precision)


@pytest.mark.parametrize(
    ("text", "begin", "finish"),
    [
        ("26 September 2023", "2023-09-26", "2023-09-26"),
        ("August", "2023-08-01", "2023-08-31"),
        ("2021", "2021-01-01", "2021-12-31"),
        ("the early 2030s", "2030-01-01", "2033-12-31"),
        ("the 1990s", "1990-01-01", "1999-12-31"),
        ("earlier this month", "2023-09-01", "2023-09-26"),
        ("later this month", "2023-09-26", "2023-09-30"),
        ("the next two to three years", "2025-09-26", "2026-09-26"),
        ("within five years", "2023-09-26", "2028-09-26"),
        ("within the next decade", "2023-09-26", "2033-09-26"),
        ("the past two months", "2023-07-26", "2023-09-26"),
        ("the third quarter", "2023-07-01", "2023-09-30"),
        ("last week", "2023-09-18", "2023-09-24"),
        ("the medium term", "2023-09-26", None),
        ("recently", None, "2023-09-26"),
        ("now", "2023-09-26", "2023-09-26"),
    ],
)
def test_normalise_range(text, begin, finish):
    kw = {"tense": "past"} if text == "August" else {}
    res = norm(text, **kw)
    assert (res.begin, res.finish) == (begin, finish)


def test_normalise_needs_no_anchor_for_absolute_dates():
    assert normalise("26 September 2023", None).value == "2023-09-26"
    assert normalise("the 1990s", None).value == "199"
    assert normalise("five years", None).value == "P5Y"
    assert normalise("last year", None) is None


def test_normalise_rejects_non_times():
    for text in ("the alliance", "", "Russia", "five percent"):
        assert normalise(text, SEED_DAY) is None


# ---------------------------------------------------------------------------
# normalise(): anaphora and comparisons, through ``previous``


def test_anaphora_take_the_previous_date():
    august = Timex("2023-08", "DATE", None, "month", "2023-08-01", "2023-08-31")
    assert norm("the time", previous=august).value == "2023-08"
    assert norm("that time", previous=august).value == "2023-08"
    assert norm("then", previous=august).value == "2023-08"
    assert norm("that year", previous=august).value == "2023"
    assert norm("the following month", previous=august).value == "2023-09"
    day = Timex("2023-03-05")
    assert norm("the same day", previous=day).value == "2023-03-05"
    assert norm("the following day", previous=day).value == "2023-03-06"
    assert norm("three days later", previous=day).value == "2023-03-08"
    # without an antecedent, "the time" is only "the past"
    assert norm("the time").value == "PAST_REF"


def test_a_year_earlier_keeps_the_granularity_of_the_period_compared():
    q3 = Timex("1989-Q3", "DATE", None, "quarter")
    assert norm("a year earlier", TB_DAY, previous=q3).value == "1988-Q3"
    assert norm("a year ago", TB_DAY, previous=q3).value == "1988-Q3"
    assert norm("the year-earlier period", TB_DAY, previous=q3).value == "1988-Q3"
    assert norm("year-ago", TB_DAY, previous=q3).value == "1988-Q3"
    assert norm("a year ago", TB_DAY).value == "1988"


# ---------------------------------------------------------------------------
# finding spans (TimeML conventions)


def spans(text: str) -> list[str]:
    return [text[c.start : c.end] for c in find_candidates(text)]


def test_spans_follow_timeml_conventions():
    assert spans("Meanwhile, in August, Putin predicted it.") == ["August"]
    assert spans("Profit fell in the third quarter.") == ["the third quarter"]
    assert spans("It is possible within five years.") == ["within five years"]
    assert spans("It will enter service in the early 2030s.") == ["the early 2030s"]
    assert spans("Net rose 5% from a year earlier.") == ["a year earlier"]
    assert spans("It happened about two years ago.") == ["about two years ago"]
    assert spans("The offer expires at 5 p.m. EST, Nov. 6.") == ["5 p.m. EST, Nov. 6"]
    assert spans("as reported by Russia Today, Tuesday (26/9/2023).") == ["Tuesday (26/9/2023)"]


def test_wire_clock_times_and_open_counts():
    # a 24-hour clock without its colon, with its zone or "local time" (session 7): not a year
    assert spans("The blast happened at 0900 GMT on Sunday.") == ["0900 GMT on Sunday"]
    assert spans("The rally began at 1430 local time.") == ["1430 local time"]
    assert normalise("0900 GMT on Sunday", dt.date(2005, 1, 12)).value == "2005-01-09T09:00"
    assert normalise("1430 local time", dt.date(2005, 1, 12)).value == "2005-01-12T14:30"
    assert normalise("9 a.m. local time", dt.date(2005, 1, 12)).value == "2005-01-12T09"
    assert spans("Elections were held in 2005.") == ["2005"]
    # a count left open: "months ago", "days later", "weeks after the attack"
    assert spans("Talks collapsed months ago.") == ["months ago"]
    assert normalise("months ago", dt.date(2005, 1, 12)).value == "PAST_REF"
    assert spans("He returned weeks after the attack.") == ["weeks"]
    assert normalise("weeks", dt.date(2005, 1, 12)).value == "PXW"


@pytest.mark.parametrize(
    "text",
    [
        "May I ask a question?",
        "Thousands will march on the capital.",
        "Iraq imports about three-quarters of its food.",
        "The 52 years old man was arrested.",
        "It will save $500 million a year.",
        "We heard it on Russia Today and USA Today.",
        "She studied the future of NATO.",
        "The company has 1,995 employees.",
        "Then we saw two fireballs.",
    ],
)
def test_non_times_are_not_found(text):
    assert spans(text) == []


def test_ambiguous_month_names_with_a_date_are_found():
    assert spans("Elections are due in May.") == ["May"]
    assert spans("It was signed on May 5, 2020.") == ["May 5, 2020"]
    assert spans("May 2020 was warm.") == ["May 2020"]


def test_windowed_search_finds_what_a_full_scan_finds():
    from newsgraph.nlp.times import _grammar

    g = _grammar()
    rng = random.Random(7)
    pieces = [
        "in the early 2030s",
        "5 p.m. EST, Nov. 6",
        "the past two months",
        "two weeks' time",
        "Tuesday (26/9/2023)",
        "third-quarter",
        "a year earlier",
        "recently",
        "at the time",
        "since then",
        "the year-ago period",
        "fourteen years",
        "mid-November",
        "the 1990s",
        "Q3 2023",
    ]
    filler = [
        "the",
        "committee",
        "met",
        "and",
        "said",
        "that",
        "prices",
        "rose",
        "while",
        "officials",
        "of",
        "the",
        "government",
        "disagreed",
    ]
    for _ in range(50):
        words = [rng.choice(filler) for _ in range(rng.randint(20, 200))]
        for p in rng.sample(pieces, 5):
            words.insert(rng.randrange(len(words)), p)
        text = " ".join(words)
        assert [(c.start, c.end) for c in find_candidates(text, g)] == [
            (c.start, c.end) for c in find_candidates(text, g, windowed=False)
        ]


@pytest.mark.slow
def test_windowed_search_on_timebank(shared):
    from newsgraph.eval.time import load_dir
    from newsgraph.nlp.times import _grammar

    g = _grammar()
    for doc in load_dir(shared("eval", "timebank-dev"))[:60]:
        full = find_candidates(doc.text, g, windowed=False)
        assert [(c.start, c.end) for c in find_candidates(doc.text, g)] == [(c.start, c.end) for c in full]


# ---------------------------------------------------------------------------
# tag_text: the whole text, without spaCy


def test_date_order_follows_the_document():
    assert detect_date_order("Published 26/09/2023. Updated 1/10/2023.") == "DMY"
    assert detect_date_order("Filed 09/26/2023.") == "MDY"
    assert detect_date_order("He spoke on Nov. 6 and Nov. 9.") == "MDY"
    assert detect_date_order("He spoke on 6 November.") == "DMY"
    assert detect_date_order("No dates here.") == "DMY"
    # so "1/10/2023" is 1 October in a day-first text and January 10 in a month-first one
    dmy = tag_text("Published 26/09/2023. Updated 1/10/2023.", "2023-10-02")
    assert [m.value for m in dmy] == ["2023-09-26", "2023-10-01"]
    mdy = tag_text("Filed 09/26/2023. Amended 1/10/2023.", "2023-10-02")
    assert [m.value for m in mdy] == ["2023-09-26", "2023-01-10"]


def test_tag_text_resolves_comparisons_against_the_period_in_focus():
    text = (
        "Net income rose 5% in the third quarter from a year earlier. "
        "Sales in the latest quarter rose, and the year-ago results included a charge."
    )
    values = {m.text: m.value for m in tag_text(text, TB_DAY)}
    assert values == {
        "the third quarter": "1989-Q3",
        "a year earlier": "1988-Q3",
        "the latest quarter": "1989-Q3",
        "year-ago": "1988-Q3",
    }


def test_at_the_time_prefers_a_main_clause_date_in_the_past():
    text = (
        "In August, Putin predicted that NATO could join AUKUS, a pact announced in 2021. "
        "Australia will buy a submarine in the early 2030s. Putin said at the time that it was so."
    )
    cands = find_candidates(text)
    kinds = [text[c.start : c.end] for c in cands]
    assert kinds == ["August", "2021", "the early 2030s", "the time"]
    # what the parse says: "August" and "the time" attach to main clauses, "2021" to a relative clause
    tenses = ["past", "past", "future", "past"]
    mains = [True, False, True, True]
    out = tag_text(text, SEED_DAY, tenses=tenses, mains=mains, candidates=cands)
    assert out[-1].value == "2023-08"
    assert (out[-1].begin, out[-1].finish) == ("2023-08-01", "2023-08-31")


def test_time_mentions_map_to_model_records():
    (m,) = tag_text("It happened last year.", SEED_DAY)
    rec = m.to_time_expr()
    assert rec.to_dict() == {
        "text": "last year",
        "start": 12,
        "end": 21,
        "value": "2022",
        "from": "2022-01-01",
        "to": "2022-12-31",
        "type": "DATE",
        "mod": None,
        "precision": "year",
    }
    assert m.to_dict()["type"] == "DATE"


# ---------------------------------------------------------------------------
# the spaCy component on the seed article


@pytest.fixture(scope="module")
def seed_doc():
    from newsgraph.ingest import iter_documents
    from newsgraph.nlp.times import times_pipeline

    documents = [d for d in iter_documents([str(SEED)]) if isinstance(d, Document)]
    assert documents, "the seed article did not ingest"
    nlp = times_pipeline()
    doc = nlp.make_doc(documents[0].text)
    doc._.published = "2023-09-26"
    return nlp(doc)


def find(doc, phrase: str):
    """The time mention that overlaps ``phrase`` in the document text."""
    start = doc.text.index(phrase)
    end = start + len(phrase)
    hits = [t for t in doc._.timex if t.start < end and start < t.end]
    assert len(hits) == 1, f"{phrase!r}: {hits}"
    return hits[0]


SEED_EXPECTED = [
    ("Tuesday (26/9/2023)", "2023-09-26", "2023-09-26", "2023-09-26"),
    ("earlier this month", "2023-09", "2023-09-01", "2023-09-26"),
    ("in August", "2023-08", "2023-08-01", "2023-08-31"),
    ("in 2021", "2021", "2021-01-01", "2021-12-31"),
    ("the early 2030s", "203", "2030-01-01", "2033-12-31"),
    ("the next two to three years", None, "2025-09-26", "2026-09-26"),
    ("within five years", None, "2023-09-26", "2028-09-26"),
    ("the medium term", "FUTURE_REF", "2023-09-26", None),
    ("eventually", "FUTURE_REF", "2023-09-26", None),
    ("last year", "2022", "2022-01-01", "2022-12-31"),
    ("at the time", "2023-08", "2023-08-01", "2023-08-31"),
]


@pytest.mark.slow
@pytest.mark.parametrize(("phrase", "value", "begin", "finish"), SEED_EXPECTED)
def test_seed_times(seed_doc, phrase, value, begin, finish):
    t = find(seed_doc, phrase)
    if value is not None:
        assert t.value == value
    assert (t.begin, t.finish) == (begin, finish)


@pytest.mark.slow
def test_seed_durations_and_records(seed_doc):
    horizon = find(seed_doc, "within five years")
    assert (horizon.type, horizon.value, horizon.mod) == ("DURATION", "P5Y", "EQUAL_OR_LESS")
    window = find(seed_doc, "the next two to three years")
    assert (window.type, window.value) == ("DURATION", "P2Y")
    # "Russia Today" is the outlet, not a date
    assert not any(t.text == "Today" for t in seed_doc._.timex)
    # doc._.times holds the model records, in the same order as doc._.timex
    assert [(t.text, t.start, t.end, t.value, t.begin, t.finish) for t in seed_doc._.times] == [
        (t.text, t.start, t.end, t.value, t.begin, t.finish) for t in seed_doc._.timex
    ]
    for t in seed_doc._.times:
        assert seed_doc.text[t.start : t.end] == t.text


@pytest.mark.slow
def test_tense_from_the_parse():
    from newsgraph.nlp.times import times_pipeline

    nlp = times_pipeline()

    def value(text: str, published: str = "1989-10-27") -> str:
        doc = nlp.make_doc(text)
        doc._.published = published
        return [t.value for t in nlp(doc)._.timex][0]

    # 1989-10-27 was a Friday
    assert value("The king met Bush on Tuesday.") == "1989-10-24"
    assert value("The king will meet Bush on Tuesday.") == "1989-10-31"
    assert value("The deal is scheduled to close Tuesday.") == "1989-10-31"
    assert value("In December, the company cut its dividend.") == "1988-12"
    assert value("The company will cut its dividend in December.") == "1989-12"


def test_without_a_document_date_relative_times_are_kept_without_value():
    out = {m.text: (m.type, m.value) for m in tag_text("Last year, in August 2021, prices rose; soon they fall.", None)}
    assert out == {"Last year": ("DATE", None), "August 2021": ("DATE", "2021-08"), "soon": ("DATE", "FUTURE_REF")}


def test_calendar_edges_do_not_raise():
    for anchor in (dt.date(1, 1, 1), dt.date(9999, 12, 31)):
        for text in ("Feb. 29", "'00", "later this week", "the 30th of February", "next year"):
            normalise(text, anchor)  # None or a value, never an exception
    assert normalise("February 30, 2023", SEED_DAY) is None


# ---------------------------------------------------------------------------
# anchoring to the story's time, and names that only look like times


def _tag_past(text: str, anchor: str) -> dict[str, str | None]:
    """Values of ``tag_text`` with every clause read as past (a narrative), keyed by mention text."""
    from newsgraph.nlp.times import find_candidates

    cands = find_candidates(text)
    tenses = ["past"] * len(cands)
    return {m.text: m.value for m in tag_text(text, anchor, tenses=tenses, candidates=cands)}


@pytest.mark.parametrize(
    ("text", "anchor", "phrase", "value"),
    [
        (
            "The talks began in August 2016. The next year, the two sides signed a deal.",
            "2019-03-10",
            "The next year",
            "2017",
        ),
        (
            "In 2014 Russia annexed Crimea. Two years later, it intervened in Syria.",
            "2020-01-01",
            "Two years later",
            "2016",
        ),
        (
            "The vote was held in May 2011. Three months later the government fell.",
            "2020-01-01",
            "Three months later",
            "2011-08",
        ),
        ("The election took place in 2004. That autumn, protests broke out.", "2010-01-01", "That autumn", "2004-FA"),
        ("The treaty was signed in 1995. That March, troops withdrew.", "2010-06-01", "That March", "1995-03"),
    ],
)
def test_narrative_expressions_count_from_the_date_just_named(text, anchor, phrase, value):
    assert _tag_past(text, anchor)[phrase] == value


def test_next_year_without_a_narrative_date_counts_from_the_document_date():
    assert norm("next year").value == "2024"
    assert norm("the next year").value == "2024"


@pytest.mark.parametrize(
    "text",
    [
        "Since the fall of the Berlin Wall, Europe has changed.",
        "Israel seized the territory in the Six-Day War.",
        "The Spring Festival travel rush began.",
        "The Hundred Years War ended.",
    ],
)
def test_names_and_event_nouns_are_not_times(text):
    assert tag_text(text, "2019-11-09") == []


def test_a_season_with_its_year_is_still_a_time():
    assert [m.value for m in tag_text("He was elected in the fall of 2016.", "2019-01-20")] == ["2016-FA"]


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("The bill is to be voted on Thursday.", "2010-05-06"),
        ("The package is due to be approved on Friday.", "2010-05-07"),
        ("The vote was held on Thursday.", "2010-04-29"),
    ],
)
def test_a_passive_infinitive_looks_ahead_like_an_active_one(nlp, sentence, value):
    doc = nlp.make_doc(sentence)
    doc._.published = "2010-05-05"  # a Wednesday
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    assert [t.value for t in doc._.timex] == [value]
