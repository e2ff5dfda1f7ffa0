"""The fetcher under hostile servers and URLs (issue #14, findings 3 and 4).

A loopback server plays the hostile server; the SSRF guard is told to let
that one address through (``allow_private_addresses`` or a patched check), so
that what is refused is refused by the guard and nothing leaves 127.0.0.1.
"""

from __future__ import annotations

import gzip
import os
import socket
import threading
import time
import tracemalloc
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from newsgraph.ingest import iter_raw, netguard, web
from newsgraph.ingest.base import IngestError, Limits
from newsgraph.ingest.budget import time_limit
from newsgraph.ingest.feeds import iter_feed

PAGE = b"<html><body><p>" + b"Ministers met in Vienna on Tuesday to resume the talks. " * 10 + b"</p></body></html>"

Route = Callable[[BaseHTTPRequestHandler], None]


class _Handler(BaseHTTPRequestHandler):
    routes: dict[str, Route] = {}

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        route = self.routes.get(self.path.split("?")[0])
        try:
            if route is None:
                self.send_response(404)
                self.end_headers()
            else:
                route(self)
        except (BrokenPipeError, ConnectionResetError):
            pass


def _send(h: BaseHTTPRequestHandler, status: int, body: bytes, **headers: str) -> None:
    h.send_response(status)
    for name, value in headers.items():
        h.send_header(name.replace("_", "-"), value)
    h.send_header("Content-Length", str(len(body)))
    h.end_headers()
    h.wfile.write(body)


@pytest.fixture
def server() -> Iterator[tuple[str, dict[str, Route]]]:
    routes: dict[str, Route] = {}
    handler = type("H", (_Handler,), {"routes": routes})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", routes
    finally:
        httpd.shutdown()
        httpd.server_close()


def _error(url: str, limits: Limits) -> IngestError:
    with pytest.raises(IngestError) as info:
        web.fetch(url, limits)
    assert "\n" not in str(info.value)
    return info.value


# -- SSRF ------------------------------------------------------------------------------------

INTERNAL = [
    "http://127.0.0.1/",
    "http://localhost:8080/admin",
    "http://sub.localhost/",
    "http://0.0.0.0/",
    "http://2130706433/",  # 127.0.0.1 as a decimal number
    "http://0177.0.0.1/",  # octal
    "http://0x7f.0.0.1/",  # hex
    "http://127.1/",
    "http://[::1]/",
    "http://[::ffff:127.0.0.1]/",
    "http://[::]/",
    "http://169.254.169.254/latest/meta-data/",
    "http://metadata.google.internal/computeMetadata/v1/",
    "http://10.0.0.1/",
    "http://172.16.5.4/",
    "http://192.168.1.1/",
    "http://[fe80::1]/",
    "http://[fc00::1]/",
    "http://224.0.0.1/",
]


@pytest.mark.parametrize("url", INTERNAL)
def test_internal_addresses_are_refused(url: str) -> None:
    reason = netguard.check_url(url)
    assert reason and "refused" in reason, reason
    err = _error(url, Limits(timeout=2))
    # httpx itself rejects some notations (a leading-zero octal address) as invalid URLs.
    assert err.reason.startswith(("refused to fetch", "invalid URL")), err.reason


def test_internal_addresses_pass_when_allowed() -> None:
    for url in ("http://127.0.0.1/", "http://2130706433/", "http://[::1]/", "http://169.254.169.254/"):
        assert netguard.check_url(url, allow_private=True) is None


def test_public_addresses_pass_the_check() -> None:
    for address in ("93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946", "8.8.8.8"):
        assert netguard.forbidden_reason(address) is None


def test_a_name_that_resolves_inside_is_refused_after_dns(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(netguard, "resolve", lambda host, port: ["93.184.216.34", "10.1.2.3"])
    err = _error("http://news.example/article", Limits(timeout=2))
    assert "10.1.2.3 is a private address" in err.reason


def test_loopback_server_is_refused_unless_allowed(server) -> None:
    base, routes = server
    routes["/page.html"] = lambda h: _send(h, 200, PAGE, Content_Type="text/html")
    assert "loopback" in _error(f"{base}/page.html", Limits(timeout=2)).reason
    item = web.fetch(f"{base}/page.html", Limits(timeout=2, allow_private_addresses=True))
    assert item.data == PAGE


def test_every_redirect_is_checked(server, monkeypatch: pytest.MonkeyPatch) -> None:
    base, routes = server
    port = base.rsplit(":", 1)[1]
    # The test server's own address passes; everything else internal stays refused.
    original = netguard.forbidden_reason
    monkeypatch.setattr(netguard, "forbidden_reason", lambda a: None if a == "127.0.0.1" else original(a))
    routes["/go"] = lambda h: _send(h, 302, b"", Location=f"http://127.0.0.2:{port}/secret")
    routes["/meta"] = lambda h: _send(h, 302, b"", Location="http://169.254.169.254/latest/meta-data/")
    assert "127.0.0.2 is a loopback address" in _error(f"{base}/go", Limits(timeout=2)).reason
    assert "metadata" in _error(f"{base}/meta", Limits(timeout=2)).reason


def test_feed_item_links_are_checked() -> None:
    feed = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
    <item><title>a</title><link>http://169.254.169.254/latest/meta-data/iam</link></item>
    <item><title>b</title><link>http://[::1]:9/x</link></item></channel></rss>"""
    out = list(iter_feed(feed, "feed.rss", Limits(timeout=2)))
    assert [type(o) for o in out] == [IngestError, IngestError]
    assert all("refused to fetch" in o.reason for o in out)


def test_credentials_are_stripped_from_stored_urls(server) -> None:
    base, routes = server
    routes["/page.html"] = lambda h: _send(h, 200, PAGE, Content_Type="text/html")
    url = base.replace("http://", "http://reader:s3cret@") + "/page.html"
    item = web.fetch(url, Limits(timeout=2, allow_private_addresses=True))
    assert "s3cret" not in (item.url or "") and "s3cret" not in item.origin
    assert netguard.strip_credentials("https://u:p@example.org:8443/a?b#c") == "https://example.org:8443/a?b#c"


# -- fetcher robustness --------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["http://xn--/", "http://xn--abc.com/", "http://a\u0000b.com/"])
def test_bad_idna_hosts_are_one_line_errors(url: str) -> None:
    err = _error(url, Limits(timeout=2))
    assert err.reason.startswith(("invalid URL", "refused", "host not found"))


def test_double_gzip_bomb_stops_at_the_cap_in_bounded_memory(server) -> None:
    base, routes = server
    inner = gzip.compress(b" " * (64 * 1024 * 1024), compresslevel=9)  # 64 MB of spaces
    body = gzip.compress(inner, compresslevel=9)
    assert len(body) < 100_000
    routes["/bomb"] = lambda h: _send(h, 200, body, Content_Type="text/html", Content_Encoding="gzip, gzip")
    tracemalloc.start()
    try:
        err = _error(f"{base}/bomb", Limits(timeout=5, max_bytes=1_000_000, allow_private_addresses=True))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert "too large" in err.reason
    assert peak < 16 * 1024 * 1024, f"peak {peak / 1e6:.0f} MB"


def test_gzip_body_within_the_cap_is_inflated(server) -> None:
    base, routes = server
    routes["/gz"] = lambda h: _send(h, 200, gzip.compress(PAGE), Content_Type="text/html", Content_Encoding="gzip")
    assert web.fetch(f"{base}/gz", Limits(timeout=2, allow_private_addresses=True)).data == PAGE


def test_trickled_headers_hit_the_header_deadline() -> None:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    port = listener.getsockname()[1]
    stop = threading.Event()

    def trickle() -> None:
        conn, _ = listener.accept()
        with conn:
            conn.recv(4096)
            for byte in b"HTTP/1.1 200 OK\r\nX-Slow: " + b"a" * 200:
                if stop.is_set():
                    return
                try:
                    conn.sendall(bytes([byte]))
                except OSError:
                    return
                time.sleep(0.05)  # well inside the read timeout: only a deadline stops it

    thread = threading.Thread(target=trickle, daemon=True)
    thread.start()
    start = time.monotonic()
    try:
        err = _error(f"http://127.0.0.1:{port}/", Limits(timeout=0.5, allow_private_addresses=True))
    finally:
        stop.set()
        listener.close()
    assert "timed out" in err.reason
    assert time.monotonic() - start < 3


def test_named_pipe_is_refused_not_read(tmp_path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with time_limit(5, "reading a named pipe"):  # the old reader blocked here forever
        (item,) = list(iter_raw([str(fifo)]))
        jsonl = tmp_path / "rows.jsonl"
        os.mkfifo(jsonl)
        (row,) = list(iter_raw([str(jsonl)]))
    assert isinstance(item, IngestError) and item.reason == "not a regular file (a named pipe)"
    assert isinstance(row, IngestError) and "named pipe" in row.reason
