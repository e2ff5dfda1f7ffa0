"""Property tests (hypothesis) for the cleaner, the time normaliser, the quote finder and the readers.

Bounded: each property runs a fixed number of examples (a few seconds); no deadline per example,
since the machine is shared.  The strategies build text from the pieces that the code treats
specially (quotes, dashes, datelines, month names, credit lines, markup) mixed with noise.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from newsgraph.ingest.base import IngestError, Limits, RawItem
from newsgraph.ingest.clean import clean_text
from newsgraph.ingest.document import to_document
from newsgraph.ingest.feeds import iter_feed
from newsgraph.ingest.warc import iter_warc
from newsgraph.nlp.statements.quotes import find_quotes
from newsgraph.nlp.times.tagger import tag_text

PIECES = [
    " ",
    "\n",
    "\n\n",
    '"',
    "“",
    "”",
    "'",
    "‘",
    "’",
    "«",
    "»",
    "``",
    "''",
    " - ",
    " — ",
    "(AP) ",
    "WASHINGTON ",
    "Source : CNBC",
    "Home » News » World",
    "Share",
    "Read also: ",
    "By Jane Roe",
    "on Monday",
    "last year",
    "5 March 2024",
    "2023-09-26",
    "next month",
    "in the 1990s",
    "two years ago",
    "said",
    "Russia",
    "NATO",
    "the talks",
    ". ",
    ", ",
    "&amp;",
    "Ã©",
    "\u00a0",
    "\t",
    "1/2/2020",
    "Q3",
    "since 2001",
    "until June",
]
TEXT = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=8)), max_size=40).map("".join)
FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(TEXT)
@example("Â\na")  # mojibake no-break space at a wrapped line join: found by this test
@example("5 March 2024\r\x80")  # ftfy turned "\r" into a line break inside a line: found by this test
@example('_\n" _')  # a header line repeating the chosen headline: found by this test
@example("0\xa0À\x860")  # ftfy's output read as mojibake when fixed again: found by this test
def test_cleaning_keeps_offsets_inside_and_is_idempotent(raw: str) -> None:
    cleaned = clean_text(raw)
    text = cleaned.text
    for seg in cleaned.offsets.segments:
        assert 0 <= seg.start <= seg.end <= len(text)
        assert 0 <= seg.raw_start <= seg.raw_end <= len(raw)
    for para in cleaned.paragraphs:
        assert para in text
    again = clean_text(text, title=cleaned.title)
    assert again.text == text


@FUZZ
@given(TEXT, st.sampled_from([None, "2023-05-01", "1999-12-31"]))
def test_time_expressions_lie_inside_the_text_and_never_cross(text: str, anchor: str | None) -> None:
    mentions = tag_text(text, anchor)
    previous_end = 0
    for m in sorted(mentions, key=lambda m: (m.start, m.end)):
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start : m.end] == m.text
        assert m.start >= previous_end, "two time expressions cross"
        previous_end = m.end


@FUZZ
@given(TEXT)
def test_quotations_lie_inside_the_text_and_never_cross(text: str) -> None:
    spans = find_quotes(text)
    previous_end = 0
    for start, end, _closed in spans:
        assert 0 <= start < end <= len(text)
        assert start >= previous_end, "two quotations cross"
        previous_end = end


MARKUP = st.lists(
    st.one_of(
        st.sampled_from(
            [
                "<p>",
                "</p>",
                "<div>",
                "</div>",
                "<html>",
                "<body>",
                "<title>",
                "</title>",
                "<script>",
                "<!--",
                "-->",
                "<![CDATA[",
                "]]>",
                "<a href='x'>",
                "</a>",
                "<h1>",
                "</h1>",
                "<",
                ">",
                "&",
                "&#0;",
                "&#xD800;",
                "<meta charset='utf-16'>",
                "<br/>",
                "<li>",
            ]
        ),
        TEXT,
    ),
    max_size=30,
).map("".join)


@FUZZ
@given(MARKUP)
def test_html_reader_never_raises_on_any_markup(html: str) -> None:
    try:
        to_document(RawItem(origin="fuzz.html", data=html, kind="html"))
    except IngestError as err:
        assert "\n" not in str(err)


FEED = st.lists(
    st.one_of(
        st.sampled_from(
            [
                '<?xml version="1.0"?>',
                "<rss version='2.0'>",
                "<channel>",
                "<item>",
                "</item>",
                "<title>",
                "</title>",
                "<link>",
                "</link>",
                "http://169.254.169.254/",
                "<feed>",
                "<entry>",
                "<content:encoded>",
                "<![CDATA[",
                "]]>",
                "<description>",
                "</description>",
                "</channel>",
                "</rss>",
                "<!DOCTYPE x [<!ENTITY a 'aaaa'>]>",
                "&a;",
            ]
        ),
        TEXT,
    ),
    max_size=30,
).map(lambda parts: "".join(parts).encode("utf-8", errors="surrogatepass"))


@FUZZ
@given(FEED)
def test_feed_reader_never_raises(data: bytes) -> None:
    for item in iter_feed(data, "fuzz.rss", Limits(timeout=1), fetch_items=False):
        assert isinstance(item, RawItem | IngestError)


WARC = st.lists(
    st.one_of(
        st.sampled_from(
            [
                b"WARC/1.0\r\n",
                b"WARC-Type: response\r\n",
                b"Content-Length: 20\r\n",
                b"\r\n",
                b"Content-Type: application/http; msgtype=response\r\n",
                b"HTTP/1.1 200 OK\r\n",
                b"Content-Length: 99999999\r\n",
                b"\x1f\x8b\x08\x00",
                b"<html><p>x</p></html>",
                b"WARC-Target-URI: http://a.example/\r\n",
            ]
        ),
        st.binary(max_size=16),
    ),
    max_size=30,
).map(b"".join)


@FUZZ
@given(WARC)
def test_warc_reader_never_raises(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "fuzz.warc"
        path.write_bytes(data)
        for item in iter_warc(path, Limits()):
            assert isinstance(item, RawItem | IngestError)
