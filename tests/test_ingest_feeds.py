"""RSS/Atom parsing and item expansion; item pages come from ``httpx.MockTransport``."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from newsgraph.ingest import feeds, web
from newsgraph.ingest.base import IngestError, Limits, RawItem

LONG = "<p>" + "The ministers agreed to resume the talks in Geneva next month. " * 12 + "</p>"
SHORT = "<p>Ministers met.</p>"

RSS = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"
     xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
  <title>World Desk</title>
  <item>
    <title>Talks resume</title>
    <link>https://news.example/a</link>
    <pubDate>Mon, 02 Jun 2025 23:30:00 -0200</pubDate>
    <dc:creator>Jane Roe</dc:creator>
    <content:encoded><![CDATA[{LONG}]]></content:encoded>
  </item>
  <item>
    <title>Short item</title>
    <link>https://news.example/b</link>
    <description><![CDATA[{SHORT}]]></description>
  </item>
</channel>
</rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Atom Wire</title>
  <entry>
    <title>Plain entry</title>
    <link href="story/7"/>
    <updated>2024-02-03T08:00:00Z</updated>
    <author><name>A. Writer</name></author>
    <content type="text">Plain words only.</content>
  </entry>
</feed>
"""

RDF = """<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
  <channel rdf:about="https://rdf.example/"><title>RDF</title></channel>
</rdf:RDF>
"""


class Pages:
    """A mock web: /a and /b are HTML pages, /down answers 500, anything else 404."""

    def __init__(self) -> None:
        self.requested: list[str] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requested.append(str(request.url))
        path = request.url.path
        if path == "/down":
            return httpx.Response(500)
        if path in ("/a", "/b", "/story/7"):
            body = f"<html><body><p>page {path}</p></body></html>".encode()
            return httpx.Response(200, content=body, headers={"Content-Type": "text/html; charset=utf-8"})
        return httpx.Response(404)

    def client(self) -> httpx.Client:
        return httpx.Client(transport=httpx.MockTransport(self))


def run(data: bytes | str, **kwargs: object) -> list[RawItem | IngestError]:
    return list(feeds.iter_feed(data, "https://news.example/feed", Limits(), **kwargs))  # type: ignore[arg-type]


# -- is_feed ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        RSS.encode(),
        ATOM.encode(),
        RDF.encode(),
        b'\xef\xbb\xbf<?xml version="1.0"?>\n<!-- generated -->\n<?xml-stylesheet href="s.xsl"?>\n'
        b'<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "rss-0.91.dtd">\n'
        b'<rss version="0.91"><channel/></rss>',
        ATOM.replace('encoding="utf-8"', 'encoding="utf-16"').encode("utf-16"),
        b"<atom:feed xmlns:atom='http://www.w3.org/2005/Atom'/>",
    ],
    ids=["rss", "atom", "rdf", "prolog", "utf16", "prefixed"],
)
def test_is_feed_sniffs_the_root_element(data: bytes) -> None:
    assert feeds.is_feed(data, "text/xml")
    assert feeds.is_feed(data, None)


@pytest.mark.parametrize(
    "data",
    [
        b"<!DOCTYPE html><html><head><title>rss</title></head><body><feed>x</feed></body></html>",
        b'<?xml version="1.0"?><urlset><url><loc>https://x/</loc></url></urlset>',
        b"<rssfeed>not a feed</rssfeed>",
        b"Just text about an RSS feed.",
    ],
)
def test_is_feed_rejects_other_documents(data: bytes) -> None:
    assert not feeds.is_feed(data, "text/html")


def test_is_feed_trusts_a_feed_content_type() -> None:
    assert feeds.is_feed(b"anything", "application/atom+xml; charset=utf-8")
    assert feeds.is_feed(b"anything", "application/rss+xml")
    assert not feeds.is_feed(b"anything", "text/plain")


# -- entries without fetching -----------------------------------------------------------------


def test_entries_become_items_with_meta_when_fetching_is_off() -> None:
    full, short = run(RSS, fetch_items=False)
    assert isinstance(full, RawItem) and isinstance(short, RawItem)
    assert full.kind == "html"
    assert full.data == LONG
    assert full.url == full.origin == "https://news.example/a"
    assert full.meta == {
        "title": "Talks resume",
        "published": "2025-06-03",  # 23:30 at -02:00 is the next day in UTC
        "author": "Jane Roe",
        "source": "World Desk",
        "site": "news.example",
    }
    # No full content: the summary is the best the feed has.
    assert short.data == SHORT
    assert short.meta["title"] == "Short item"
    assert "published" not in short.meta


def test_atom_text_content_relative_link_and_updated_date() -> None:
    (item,) = run(ATOM.encode(), fetch_items=False)
    assert isinstance(item, RawItem)
    assert item.kind == "text"
    assert item.data == "Plain words only."
    assert item.url == "https://news.example/story/7"
    assert item.meta["published"] == "2024-02-03"
    assert item.meta["author"] == "A. Writer"
    assert item.meta["source"] == "Atom Wire"


def test_entry_with_no_content_and_no_link_is_an_error() -> None:
    data = "<rss version='2.0'><channel><title>T</title><item><title>Empty</title></item></channel></rss>"
    (err,) = run(data)
    assert isinstance(err, IngestError)
    assert err.origin == "https://news.example/feed#item1"
    assert "no content" in err.reason


def test_feed_without_items_yields_nothing() -> None:
    assert run("<rss version='2.0'><channel><title>Quiet</title></channel></rss>") == []


def test_recovered_items_of_an_ill_formed_feed_carry_a_warning() -> None:
    data = (
        "<rss version='2.0'><channel><title>T</title><item><title>A</title>"
        "<link>https://news.example/x</link><description>hello world</description></item>"
    )
    (item,) = run(data, fetch_items=False)
    assert isinstance(item, RawItem)
    assert item.data == "hello world"
    assert item.warnings and "feed is not well-formed" in item.warnings[0]


# -- malformed input --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"<?xml version='1.0'?>\n<rss version='2.0'><channel><<<garbage>>>", "malformed feed (<unknown>:2:"),
        (b"<html><body><p>A web page.</p></body></html>", "malformed feed (not an RSS or Atom feed)"),
        (b"", "empty input"),
    ],
)
def test_malformed_feed_is_one_error(data: bytes, reason: str) -> None:
    (err,) = run(data)
    assert isinstance(err, IngestError)
    assert err.origin == "https://news.example/feed"
    assert err.reason.startswith(reason)
    assert "\n" not in str(err)


def test_a_string_naming_a_file_is_parsed_as_text_not_opened(tmp_path: Path) -> None:
    # feedparser.parse() would open this path and read the feed in it.
    path = tmp_path / "feed.xml"
    path.write_text(RSS, encoding="utf-8")
    (err,) = run(str(path), fetch_items=False)
    assert isinstance(err, IngestError)
    assert err.reason.startswith("malformed feed")


# -- fetching linked pages --------------------------------------------------------------------


def test_items_without_full_content_are_fetched() -> None:
    pages = Pages()
    with pages.client() as client:
        full, short = run(RSS, client=client)
    # Item a has full content: not fetched.  Item b's summary is short: fetched.
    assert pages.requested == ["https://news.example/b"]
    assert isinstance(full, RawItem) and full.data == LONG
    assert isinstance(short, RawItem)
    assert short.data == b"<html><body><p>page /b</p></body></html>"
    assert short.meta == {
        "site": "news.example",
        "charset": "utf-8",
        "title": "Short item",
        "source": "World Desk",
    }


def test_fetch_errors_name_the_item_and_the_feed_goes_on() -> None:
    data = RSS.replace("https://news.example/a", "https://news.example/down").replace(LONG, SHORT)
    pages = Pages()
    with pages.client() as client:
        err, item = run(data, client=client)
    assert isinstance(err, IngestError)
    assert err.origin == "https://news.example/down"
    assert err.reason == "HTTP 500 Internal Server Error (item 1 of feed https://news.example/feed)"
    assert isinstance(item, RawItem) and item.url == "https://news.example/b"


def test_fetch_items_false_never_fetches() -> None:
    pages = Pages()
    with pages.client() as client:
        items = run(RSS, client=client, fetch_items=False)
    assert len(items) == 2
    assert pages.requested == []


def test_one_client_is_made_and_closed_when_none_is_given(monkeypatch: pytest.MonkeyPatch) -> None:
    pages = Pages()
    made: list[httpx.Client] = []

    def make(limits: Limits) -> httpx.Client:
        made.append(pages.client())
        return made[-1]

    monkeypatch.setattr(web, "make_client", make)
    data = RSS.replace(LONG, SHORT)  # both items need fetching
    items = run(data)
    assert [i.url for i in items] == ["https://news.example/a", "https://news.example/b"]
    assert len(made) == 1
    assert made[0].is_closed
