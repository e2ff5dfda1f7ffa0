"""URL fetching against a real loopback HTTP server run in a background thread.

No test reaches outside 127.0.0.1; DNS failure is simulated with
``httpx.MockTransport``.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from newsgraph.ingest import web
from newsgraph.ingest.base import IngestError, Limits, RawItem

PAGE = "<html><head><title>Summit</title></head><body><p>Caf\u00e9 talks in Vienna.</p></body></html>"
PAGE_BYTES = PAGE.encode("iso-8859-1")
ARTICLE = "<html><body><h1>Article {n}</h1><p>Ministers met on Tuesday.</p></body></html>"
LONG_CONTENT = "<p>" + "The foreign ministers agreed to resume talks next month. " * 20 + "</p>"


def _feed(base: str) -> str:
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"
     xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
  <title>Loopback News</title>
  <link>{base}/</link>
  <item>
    <title>First article</title>
    <link>{base}/article/1</link>
    <pubDate>Tue, 03 Jun 2025 10:00:00 GMT</pubDate>
    <dc:creator>Jane Roe</dc:creator>
  </item>
  <item>
    <title>Second article</title>
    <link>/article/2</link>
    <pubDate>Wed, 04 Jun 2025 10:00:00 GMT</pubDate>
  </item>
  <item>
    <title>Gone</title>
    <link>{base}/missing</link>
  </item>
  <item>
    <title>Full text in the feed</title>
    <link>{base}/never-fetched</link>
    <content:encoded><![CDATA[{LONG_CONTENT}]]></content:encoded>
  </item>
</channel>
</rss>
"""


@dataclass
class Site:
    """The running loopback server: its base URL and the requests it saw."""

    base: str
    requests: list[tuple[str, str | None]] = field(default_factory=list)  # (path, User-Agent)

    def paths(self) -> list[str]:
        return [path for path, _ in self.requests]


class _Server(ThreadingHTTPServer):
    daemon_threads = True  # handlers stuck in a slow response never block shutdown
    site: Site
    release: threading.Event


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, format: str, *args: object) -> None:  # keep test output quiet
        pass

    def do_GET(self) -> None:
        self.server.site.requests.append((self.path, self.headers.get("User-Agent")))
        route = ROUTES.get(self.path)
        if route is None and self.path.startswith("/hop/"):
            route = _hop
        if route is None and self.path.startswith("/article/"):
            route = _article
        # The client hangs up on purpose on a size cap or a timeout.
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            (route or _not_found)(self)

    def send(self, status: int, body: bytes, content_type: str | None, **headers: str) -> None:
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)


def _not_found(h: _Handler) -> None:
    h.send(404, b"<html><body>no such page</body></html>", "text/html")


def _page(h: _Handler) -> None:
    h.send(200, PAGE_BYTES, "text/html; charset=ISO-8859-1")


def _plain(h: _Handler) -> None:
    h.send(200, b"Ministers met on Tuesday.\n", "text/plain; charset=utf-8")


def _article(h: _Handler) -> None:
    n = h.path.rsplit("/", 1)[-1]
    h.send(200, ARTICLE.format(n=n).encode(), "text/html; charset=utf-8")


def _hop(h: _Handler) -> None:
    n = int(h.path.rsplit("/", 1)[-1])
    h.send(302, b"", None, Location="/page.html" if n == 0 else f"/hop/{n - 1}")


def _loop(h: _Handler) -> None:
    h.send(302, b"", None, Location="/loop")


def _to_ftp(h: _Handler) -> None:
    h.send(302, b"", None, Location="ftp://127.0.0.1/file.txt")


def _big(h: _Handler) -> None:
    h.send(200, b"<p>" + b"a" * 5000 + b"</p>", "text/html")


def _lying_length(h: _Handler) -> None:
    """Announces 50 MB and then sends nothing: only the Content-Length check can reject it at once."""
    h.send_response(200)
    h.send_header("Content-Type", "text/html")
    h.send_header("Content-Length", str(50_000_000))
    h.end_headers()
    h.wfile.flush()
    h.server.release.wait(5)


def _endless(h: _Handler) -> None:
    """An HTML body with no Content-Length that never ends (within 64 MB)."""
    h.send_response(200)
    h.send_header("Content-Type", "text/html")
    h.end_headers()
    chunk = b"<p>" + b"x" * 16_000 + b"</p>\n"
    for _ in range(4000):
        if h.server.release.is_set():
            return
        h.wfile.write(chunk)


def _pdf(h: _Handler) -> None:
    h.send(200, b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "application/pdf")


def _image(h: _Handler) -> None:
    h.send(200, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "image/png")


def _disguised_png(h: _Handler) -> None:
    h.send(200, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "text/html")


def _empty(h: _Handler) -> None:
    h.send(200, b"", "text/html")


def _slow(h: _Handler) -> None:
    h.server.release.wait(5)
    h.send(200, PAGE_BYTES, "text/html")


def _trickle(h: _Handler) -> None:
    """One byte every 50 ms: no single read times out, the whole download does."""
    h.send_response(200)
    h.send_header("Content-Type", "text/html")
    h.send_header("Content-Length", "400")
    h.end_headers()
    for _ in range(400):
        if h.server.release.wait(0.05):
            return
        h.wfile.write(b"x")
        h.wfile.flush()


def _feed_route(content_type: str) -> Callable[[_Handler], None]:
    def route(h: _Handler) -> None:
        h.send(200, _feed(h.server.site.base).encode(), content_type)

    return route


def _bad_feed(h: _Handler) -> None:
    h.send(200, b"<?xml version='1.0'?>\n<rss version='2.0'><channel><<<garbage>>>", "application/rss+xml")


ROUTES: dict[str, Callable[[_Handler], None]] = {
    "/page.html": _page,
    "/plain.txt": _plain,
    "/loop": _loop,
    "/to-ftp": _to_ftp,
    "/big": _big,
    "/lying-length": _lying_length,
    "/endless": _endless,
    "/doc.pdf": _pdf,
    "/photo": _image,
    "/disguised": _disguised_png,
    "/empty": _empty,
    "/slow": _slow,
    "/trickle": _trickle,
    "/feed.rss": _feed_route("application/rss+xml; charset=utf-8"),
    "/feed.xml": _feed_route("text/xml"),  # a feed only sniffing can recognise
    "/bad-feed": _bad_feed,
}


@pytest.fixture
def site() -> Iterator[Site]:
    server = _Server(("127.0.0.1", 0), _Handler)
    server.site = Site(base=f"http://127.0.0.1:{server.server_address[1]}")
    server.release = threading.Event()
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield server.site
    finally:
        server.release.set()
        server.shutdown()
        server.server_close()
        thread.join(5)


def LOCAL(**kwargs) -> Limits:  # noqa: N802 - reads like the class it builds
    """Limits that let the fetcher reach the loopback test server (the SSRF guard refuses it otherwise)."""
    return Limits(allow_private_addresses=True, **kwargs)


def _error(url: str, limits: Limits | None = None, client: httpx.Client | None = None) -> IngestError:
    with pytest.raises(IngestError) as info:
        web.fetch(url, limits or LOCAL(), client)
    err = info.value
    assert "\n" not in str(err) and "Traceback" not in str(err)
    assert str(err).startswith(f"{url}: ")
    return err


# -- pages ------------------------------------------------------------------------------------


def test_fetch_html_page_keeps_bytes_and_charset(site: Site) -> None:
    item = web.fetch(f"{site.base}/page.html", LOCAL())
    assert isinstance(item, RawItem)
    assert item.kind == "html"
    assert item.data == PAGE_BYTES  # raw bytes: decoding happens later
    assert item.url == f"{site.base}/page.html"
    assert item.origin == f"{site.base}/page.html"
    assert item.meta["charset"] == "iso-8859-1"
    assert item.meta["site"] == "127.0.0.1"


def test_plain_text_response_is_text_kind(site: Site) -> None:
    item = web.fetch(f"{site.base}/plain.txt", LOCAL())
    assert item.kind == "text"
    assert item.data == b"Ministers met on Tuesday.\n"


def test_user_agent_comes_from_limits(site: Site) -> None:
    web.fetch(f"{site.base}/page.html", LOCAL(user_agent="newsgraph-test/9.9"))
    assert site.requests == [("/page.html", "newsgraph-test/9.9")]


def test_make_client_sets_user_agent_and_timeout() -> None:
    limits = LOCAL(timeout=7.5, user_agent="ua-from-limits")
    with web.make_client(limits) as client:
        assert client.headers["User-Agent"] == "ua-from-limits"
        assert client.timeout.read == 7.5
        assert client.timeout.connect == 7.5


def test_iter_url_yields_one_page(site: Site) -> None:
    items = list(web.iter_url(f"{site.base}/page.html", LOCAL()))
    assert len(items) == 1
    assert isinstance(items[0], RawItem)
    assert items[0].data == PAGE_BYTES


# -- HTTP errors ------------------------------------------------------------------------------


def test_404_is_an_error_with_the_status(site: Site) -> None:
    err = _error(f"{site.base}/missing")
    assert err.reason == "HTTP 404 Not Found"


def test_iter_url_yields_errors_instead_of_raising(site: Site) -> None:
    items = list(web.iter_url(f"{site.base}/missing", LOCAL()))
    assert len(items) == 1
    assert isinstance(items[0], IngestError)
    assert "404" in items[0].reason


def test_redirects_are_followed_up_to_the_cap(site: Site) -> None:
    item = web.fetch(f"{site.base}/hop/1", LOCAL(max_redirects=2))  # hop/1 -> hop/0 -> page
    assert item.url == f"{site.base}/page.html"
    assert item.origin == f"{site.base}/hop/1"
    err = _error(f"{site.base}/hop/2", LOCAL(max_redirects=2))  # three redirects
    assert err.reason.startswith("too many redirects")


def test_redirect_loop_is_cut(site: Site) -> None:
    err = _error(f"{site.base}/loop", LOCAL(max_redirects=3))
    assert err.reason.startswith("too many redirects")
    assert site.paths().count("/loop") == 4  # the first request and three redirects


def test_redirect_cap_holds_for_a_callers_client(site: Site) -> None:
    with httpx.Client(follow_redirects=True, max_redirects=50) as client:
        err = _error(f"{site.base}/loop", LOCAL(max_redirects=2), client)
    assert err.reason.startswith("too many redirects")
    assert site.paths().count("/loop") == 3


def test_redirect_to_another_scheme_is_refused(site: Site) -> None:
    err = _error(f"{site.base}/to-ftp")
    assert err.reason.startswith("redirected to a ftp URL")


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("ftp://127.0.0.1/file.txt", "unsupported URL scheme 'ftp'"),
        ("file:///etc/passwd", "unsupported URL scheme 'file'"),
        ("127.0.0.1/page.html", "not an absolute URL"),
        ("http://", "invalid URL (no host)"),
    ],
)
def test_only_http_and_https_urls(url: str, reason: str) -> None:
    err = _error(url)
    assert err.reason.startswith(reason)


# -- size cap ---------------------------------------------------------------------------------


def test_oversize_body_is_too_large(site: Site) -> None:
    err = _error(f"{site.base}/big", LOCAL(max_bytes=1000))
    assert err.reason.startswith("too large")
    assert "see --max-bytes" in err.reason
    assert web.fetch(f"{site.base}/big", LOCAL(max_bytes=6000)).kind == "html"


def test_declared_content_length_over_the_cap_is_rejected_before_reading(site: Site) -> None:
    start = time.monotonic()
    err = _error(f"{site.base}/lying-length", LOCAL(max_bytes=1_000_000, timeout=3))
    assert err.reason.startswith("too large (47.7 MB")
    assert time.monotonic() - start < 2


def test_size_cap_is_enforced_while_streaming(site: Site) -> None:
    # The body never ends: only a cap checked chunk by chunk stops the download.
    start = time.monotonic()
    err = _error(f"{site.base}/endless", LOCAL(max_bytes=200_000, timeout=5))
    assert err.reason.startswith("too large (over the limit of 195.3 KB")
    assert time.monotonic() - start < 5


# -- content types and content ----------------------------------------------------------------


def test_pdf_is_not_a_text_document(site: Site) -> None:
    err = _error(f"{site.base}/doc.pdf")
    assert err.reason == "not a text document (application/pdf)"


def test_image_is_not_a_text_document(site: Site) -> None:
    err = _error(f"{site.base}/photo")
    assert err.reason == "not a text document (image/png)"


def test_body_is_checked_even_when_the_content_type_says_html(site: Site) -> None:
    assert _error(f"{site.base}/disguised").reason == "not a text document (PNG image)"
    assert _error(f"{site.base}/empty").reason == "empty input"


# -- network failures -------------------------------------------------------------------------


def test_slow_server_times_out(site: Site) -> None:
    start = time.monotonic()
    err = _error(f"{site.base}/slow", LOCAL(timeout=0.3))
    assert "timed out" in err.reason
    assert time.monotonic() - start < 3


def test_trickling_body_hits_the_total_deadline(site: Site) -> None:
    start = time.monotonic()
    err = _error(f"{site.base}/trickle", LOCAL(timeout=0.3))
    assert err.reason.startswith("timed out (the download took longer than")
    assert time.monotonic() - start < 5


def test_connection_refused_on_a_closed_port() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    # The port is closed now: nothing listens there.
    err = _error(f"http://127.0.0.1:{port}/page.html", LOCAL(timeout=2))
    assert err.reason == "connection refused"


def test_dns_failure_has_a_short_reason() -> None:
    def fail(request: httpx.Request) -> httpx.Response:
        try:
            raise socket.gaierror(-2, "Name or service not known")
        except socket.gaierror as exc:
            raise httpx.ConnectError("[Errno -2] Name or service not known", request=request) from exc

    with httpx.Client(transport=httpx.MockTransport(fail)) as client:
        err = _error("http://no-such-host.invalid/", LOCAL(), client)
    assert err.reason == "host not found (DNS lookup failed)"


def test_other_network_errors_have_a_one_line_reason() -> None:
    def drop(request: httpx.Request) -> httpx.Response:
        raise httpx.RemoteProtocolError("Server disconnected\nwithout sending a response.", request=request)

    with httpx.Client(transport=httpx.MockTransport(drop)) as client:
        err = _error("http://example.test/", LOCAL(), client)
    assert err.reason == "protocol error (Server disconnected without sending a response.)"


# -- feeds at a URL ---------------------------------------------------------------------------


def test_feed_url_is_expanded_into_its_items(site: Site) -> None:
    items = list(web.iter_url(f"{site.base}/feed.rss", LOCAL()))
    assert [type(i).__name__ for i in items] == ["RawItem", "RawItem", "IngestError", "RawItem"]
    first, second, gone, full = items
    assert isinstance(first, RawItem) and isinstance(second, RawItem)
    assert first.data == ARTICLE.format(n=1).encode()
    assert first.url == f"{site.base}/article/1"
    assert first.meta == {
        "site": "127.0.0.1",
        "charset": "utf-8",
        "title": "First article",
        "published": "2025-06-03",
        "author": "Jane Roe",
        "source": "Loopback News",
    }
    # A relative item link is resolved against the feed URL.
    assert second.url == f"{site.base}/article/2"
    assert second.meta["published"] == "2025-06-04"
    assert isinstance(gone, IngestError)
    assert gone.origin == f"{site.base}/missing"
    assert gone.reason.startswith("HTTP 404 Not Found")
    # Full content in the feed: used as is, the link is not fetched.
    assert isinstance(full, RawItem)
    assert full.kind == "html"
    assert full.data == LONG_CONTENT
    assert full.url == f"{site.base}/never-fetched"
    assert "/never-fetched" not in site.paths()
    assert site.paths() == ["/feed.rss", "/article/1", "/article/2", "/missing"]


def test_feed_is_recognised_by_sniffing_the_body(site: Site) -> None:
    items = list(web.iter_url(f"{site.base}/feed.xml", LOCAL()))
    assert len(items) == 4
    assert items[0].url == f"{site.base}/article/1"


def test_one_client_serves_the_whole_feed(site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    made: list[httpx.Client] = []
    real = web.make_client

    def counting(limits: Limits) -> httpx.Client:
        made.append(real(limits))
        return made[-1]

    monkeypatch.setattr(web, "make_client", counting)
    items = list(web.iter_url(f"{site.base}/feed.rss", LOCAL()))
    assert len(items) == 4
    assert len(made) == 1
    assert made[0].is_closed


def test_malformed_feed_is_one_error(site: Site) -> None:
    items = list(web.iter_url(f"{site.base}/bad-feed", LOCAL()))
    assert len(items) == 1
    assert isinstance(items[0], IngestError)
    assert items[0].reason.startswith("malformed feed (")
    assert "\n" not in str(items[0])
