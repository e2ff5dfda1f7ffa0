"""Pages fetched over HTTP(S), and feeds found at a URL.

:func:`fetch` downloads one page and returns a :class:`RawItem` holding the
raw bytes (decoding happens later, with ``meta["charset"]`` from the
``Content-Type`` header as a hint).  :func:`iter_url` does the same but, when
the URL turns out to be an RSS/Atom feed, expands it item by item through
:mod:`newsgraph.ingest.feeds`.

Every network failure becomes an :class:`IngestError` with a short human
reason ("connection refused", "HTTP 404 Not Found", "too large ...") instead
of a traceback.  The safety limits of :class:`Limits` are enforced here:
timeouts, a byte cap enforced *while* streaming, a redirect cap, and the
user agent.
"""

from __future__ import annotations

import socket
import ssl
import time
from collections.abc import Iterator
from dataclasses import dataclass

import httpx

from newsgraph.ingest.base import IngestError, Limits, RawItem, check_bytes, looks_like_html

SCHEMES = ("http", "https")

# The whole download (all redirects and the body) may take this many times
# ``limits.timeout``.  httpx timeouts are per network operation, so a server
# trickling one byte per second would otherwise never time out.
TOTAL_TIMEOUT_FACTOR = 3.0

ACCEPT = (
    "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
    "application/xml;q=0.9,text/*;q=0.8,*/*;q=0.5"
)

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
FEED_TYPES = frozenset({"application/rss+xml", "application/atom+xml", "application/rdf+xml"})
# Content types accepted besides text/* and */*+xml.  ``application/octet-stream``
# is what misconfigured servers send for anything; the body is sniffed instead.
OTHER_TEXT_TYPES = frozenset({"application/xml", "application/octet-stream"}) | FEED_TYPES | HTML_TYPES


@dataclass(slots=True)
class Download:
    """A fully read 2xx response."""

    url: str  # final URL, after redirects
    mimetype: str | None
    charset: str | None
    body: bytes


def make_client(limits: Limits) -> httpx.Client:
    """An HTTP client configured from ``limits``; reuse one for a whole feed.

    Redirects are followed by :func:`fetch` itself (so that the cap and the
    scheme check apply to clients callers bring too), not by the client.
    """
    return httpx.Client(
        timeout=httpx.Timeout(limits.timeout),
        follow_redirects=False,
        max_redirects=limits.max_redirects,
        headers={"User-Agent": limits.user_agent, "Accept": ACCEPT},
    )


def parse_content_type(value: str | None) -> tuple[str | None, str | None]:
    """``("text/html", "utf-8")`` from ``"text/html; charset=UTF-8"``; None for what is missing."""
    if not value:
        return None, None
    mimetype, _, params = value.partition(";")
    mimetype = mimetype.strip().lower() or None
    charset = None
    for param in params.split(";"):
        key, _, val = param.partition("=")
        if key.strip().lower() == "charset":
            charset = val.strip().strip("\"'").lower() or None
    return mimetype, charset


def is_text_type(mimetype: str | None) -> bool:
    """Whether a response of this content type may hold an article (None: unknown, sniff it)."""
    if mimetype is None:
        return True
    return mimetype.startswith("text/") or mimetype.endswith("+xml") or mimetype in OTHER_TEXT_TYPES


def fetch(url: str, limits: Limits, client: httpx.Client | None = None) -> RawItem:
    """Download one page; raises :class:`IngestError` naming ``url`` with a one-line reason.

    ``kind`` is ``"html"`` for HTML content types (or HTML-looking bodies of
    unknown type) and ``"text"`` otherwise.  ``meta`` has ``site`` (the host
    of the final URL) and ``charset`` when the server declared one.
    """
    if client is None:
        with make_client(limits) as own:
            return _to_item(url, download(url, limits, own))
    return _to_item(url, download(url, limits, client))


def iter_url(url: str, limits: Limits, client: httpx.Client | None = None) -> Iterator[RawItem | IngestError]:
    """Fetch ``url``: a feed is expanded into its items, anything else yields one page.

    Never raises for bad input: failures are yielded as :class:`IngestError`.
    One client serves the feed and all of its items.
    """
    # Imported here: feeds.py imports this module for fetch().
    from newsgraph.ingest import feeds

    own = client is None
    http = make_client(limits) if client is None else client
    try:
        try:
            response = download(url, limits, http)
        except IngestError as err:
            yield err
            return
        if feeds.is_feed(response.body, response.mimetype):
            yield from feeds.iter_feed(response.body, response.url, limits, client=http)
        else:
            yield _to_item(url, response)
    finally:
        if own:
            http.close()


def download(url: str, limits: Limits, client: httpx.Client) -> Download:
    """GET ``url`` following at most ``limits.max_redirects`` redirects; read at most ``limits.max_bytes``.

    Raises :class:`IngestError` (origin ``url``) for a bad URL, a network
    failure, a non-2xx status, a non-text content type, or a body that is
    too large, empty or binary.
    """
    try:
        target = httpx.URL(url)
    except (httpx.InvalidURL, TypeError) as exc:
        raise IngestError(url, f"invalid URL ({_one_line(exc)})") from None
    _check_url(url, target, redirected=False)
    request = client.build_request(
        "GET", target, headers={"User-Agent": limits.user_agent, "Accept": ACCEPT}, timeout=limits.timeout
    )
    deadline = time.monotonic() + limits.timeout * TOTAL_TIMEOUT_FACTOR
    redirects = 0
    try:
        while True:
            response = client.send(request, stream=True, follow_redirects=False)
            try:
                if response.next_request is not None:
                    redirects += 1
                    if redirects > limits.max_redirects:
                        raise IngestError(url, f"too many redirects (more than {limits.max_redirects})")
                    request = response.next_request
                    _check_url(url, request.url, redirected=True)
                    continue
                return _read(url, response, limits, deadline)
            finally:
                response.close()
    except httpx.HTTPError as exc:
        raise IngestError(url, network_reason(exc, limits)) from None
    except httpx.InvalidURL as exc:  # a bad Location header
        raise IngestError(url, f"invalid URL ({_one_line(exc)})") from None


def network_reason(exc: httpx.HTTPError, limits: Limits) -> str:
    """A short human reason for an httpx error (no traceback, one line)."""
    if isinstance(exc, httpx.ConnectTimeout):
        return f"connection timed out (after {limits.timeout:g}s)"
    if isinstance(exc, httpx.ReadTimeout):
        return f"timed out waiting for the server (after {limits.timeout:g}s)"
    if isinstance(exc, httpx.TimeoutException):
        return f"timed out (after {limits.timeout:g}s)"
    if isinstance(exc, httpx.ConnectError):
        return _connect_reason(exc)
    if isinstance(exc, httpx.TooManyRedirects):
        return f"too many redirects (more than {limits.max_redirects})"
    if isinstance(exc, httpx.RemoteProtocolError):
        return f"protocol error ({_one_line(exc)})"
    if isinstance(exc, httpx.ReadError):
        return f"connection lost while reading ({_one_line(exc) or 'read error'})"
    if isinstance(exc, httpx.DecodingError):
        return f"could not decode the response body ({_one_line(exc)})"
    if isinstance(exc, httpx.UnsupportedProtocol):
        return f"unsupported URL ({_one_line(exc)})"
    return f"network error ({type(exc).__name__}: {_one_line(exc)})"


def _connect_reason(exc: httpx.ConnectError) -> str:
    """Why a connection could not be made, from the OS error under the httpx one."""
    cause: BaseException | None = exc
    for _ in range(10):  # a bounded walk down the exception chain
        if cause is None:
            break
        if isinstance(cause, socket.gaierror):
            return "host not found (DNS lookup failed)"
        if isinstance(cause, ConnectionRefusedError):
            return "connection refused"
        if isinstance(cause, ssl.SSLError):
            return f"TLS error ({getattr(cause, 'reason', None) or _one_line(cause)})"
        if isinstance(cause, TimeoutError):
            return "connection timed out"
        cause = cause.__cause__ or cause.__context__
    # httpcore may keep only the message: match the usual OS wordings.
    message = _one_line(exc)
    lowered = message.lower()
    if any(
        s in lowered
        for s in (
            "name or service not known",
            "nodename nor servname",
            "name resolution",
            "getaddrinfo failed",
            "no address associated",
        )
    ):
        return "host not found (DNS lookup failed)"
    if "connection refused" in lowered or "errno 111" in lowered:
        return "connection refused"
    if "unreachable" in lowered:
        return "host unreachable"
    return f"could not connect ({message or type(exc).__name__})"


def _check_url(origin: str, url: httpx.URL, *, redirected: bool) -> None:
    """Only absolute http(s) URLs are fetched, first or after a redirect."""
    if url.scheme not in SCHEMES:
        if redirected:
            reason = f"redirected to a {url.scheme or 'relative'} URL ({url}); only http and https are fetched"
        elif not url.scheme:
            reason = "not an absolute URL (it should start with http:// or https://)"
        else:
            reason = f"unsupported URL scheme {url.scheme!r} (only http and https are fetched)"
        raise IngestError(origin, reason)
    if not url.host:
        raise IngestError(origin, "invalid URL (no host)")


def _read(origin: str, response: httpx.Response, limits: Limits, deadline: float) -> Download:
    """Check status and content type, then stream the body under the byte cap and the deadline."""
    if not response.is_success:
        phrase = f" {response.reason_phrase}" if response.reason_phrase else ""
        raise IngestError(origin, f"HTTP {response.status_code}{phrase}")
    mimetype, charset = parse_content_type(response.headers.get("content-type"))
    if not is_text_type(mimetype):
        raise IngestError(origin, f"not a text document ({mimetype})")
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limits.max_bytes:
        raise IngestError(origin, too_large_reason(int(declared), limits, exact=True))
    chunks: list[bytes] = []
    size = 0
    # iter_bytes() undoes Content-Encoding, so the cap applies to what we keep.
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > limits.max_bytes:
            raise IngestError(origin, too_large_reason(size, limits, exact=False))
        if time.monotonic() > deadline:
            total = limits.timeout * TOTAL_TIMEOUT_FACTOR
            raise IngestError(origin, f"timed out (the download took longer than {total:g}s)")
        chunks.append(chunk)
    body = b"".join(chunks)
    check_bytes(body, origin, limits)
    return Download(url=str(response.url), mimetype=mimetype, charset=charset, body=body)


def _to_item(origin: str, response: Download) -> RawItem:
    if response.mimetype in HTML_TYPES:
        kind = "html"
    elif response.mimetype == "text/plain":
        kind = "text"
    else:
        kind = "html" if looks_like_html(response.body[:65536].decode("latin-1")) else "text"
    meta: dict[str, str | None] = {"site": httpx.URL(response.url).host or None}
    if response.charset:
        meta["charset"] = response.charset
    return RawItem(origin=origin, data=response.body, kind=kind, url=response.url, meta=meta)


def too_large_reason(size: int, limits: Limits, *, exact: bool) -> str:
    """The reason for an input over ``limits.max_bytes``; ``exact=False`` when reading stopped at the cap."""
    limit = _size(limits.max_bytes)
    if exact:
        return f"too large ({_size(size)}; the limit is {limit}, see --max-bytes)"
    return f"too large (over the limit of {limit}, see --max-bytes)"


def _size(n: int) -> str:
    if n < 1024:
        return f"{n} bytes"
    if n < 1024 * 1024:
        return f"{n / 1024:.1f} KB"
    return f"{n / 1024 / 1024:.1f} MB"


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text if len(text) <= 200 else text[:197] + "..."
