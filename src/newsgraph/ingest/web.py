"""Pages fetched over HTTP(S), and feeds found at a URL.

:func:`fetch` downloads one page and returns a :class:`RawItem` holding the
raw bytes (decoding happens later, with ``meta["charset"]`` from the
``Content-Type`` header as a hint).  :func:`iter_url` does the same but, when
the URL turns out to be an RSS/Atom feed, expands it item by item through
:mod:`newsgraph.ingest.feeds`.

Every network failure becomes an :class:`IngestError` with a short human
reason ("connection refused", "HTTP 404 Not Found", "too large ...") instead
of a traceback.  The safety limits of :class:`Limits` are enforced here:
connect, header and total deadlines, a byte cap enforced *while* streaming
(and while decompressing: the body is inflated here, a bounded piece at a
time, so a gzip bomb stops at the cap), a redirect cap, the user agent, and
the SSRF guard of :mod:`newsgraph.ingest.netguard` (loopback, private,
link-local and metadata addresses refused after DNS resolution, on every
connection) unless ``allow_private_addresses`` is set.
"""

from __future__ import annotations

import socket
import ssl
import time
import zlib
from collections.abc import Iterator
from dataclasses import dataclass

import httpcore
import httpx

from newsgraph.ingest.base import IngestError, Limits, RawItem, check_bytes, looks_like_html
from newsgraph.ingest.netguard import BlockedAddress, DeadlineExceeded, GuardedBackend, deadline, strip_credentials

SCHEMES = ("http", "https")

# The whole download (all redirects and the body) may take this many times
# ``limits.timeout``.  httpx timeouts are per network operation, so a server
# trickling one byte per second would otherwise never time out.
TOTAL_TIMEOUT_FACTOR = 3.0
# A connection must be made within this many seconds (or ``limits.timeout`` if shorter).
CONNECT_TIMEOUT = 10.0
# Only these content codings are asked for, and inflated here under the byte cap.
ACCEPT_ENCODING = "gzip, deflate"
_INFLATE_CHUNK = 64 * 1024

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
    Its connections go through :class:`~newsgraph.ingest.netguard.GuardedBackend`
    (the address check after DNS, the deadlines).  Proxy variables of the
    environment are not used: a proxy would connect on our behalf, past the guard.
    """
    transport = httpx.HTTPTransport(retries=0)
    # httpx has no option for httpcore's network backend: the transport's pool is rebuilt with
    # the guarded one (same TLS context and HTTP/1.1 settings).
    transport._pool = httpcore.ConnectionPool(
        ssl_context=httpx.create_ssl_context(),
        network_backend=GuardedBackend(allow_private=limits.allow_private_addresses),
    )
    return httpx.Client(
        timeout=httpx.Timeout(limits.timeout, connect=min(limits.timeout, CONNECT_TIMEOUT)),
        follow_redirects=False,
        max_redirects=limits.max_redirects,
        headers={"User-Agent": limits.user_agent, "Accept": ACCEPT, "Accept-Encoding": ACCEPT_ENCODING},
        transport=transport,
        trust_env=False,
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
        _check_url(url, target, redirected=False)
        request = client.build_request(
            "GET",
            target,
            headers={"User-Agent": limits.user_agent, "Accept": ACCEPT, "Accept-Encoding": ACCEPT_ENCODING},
            timeout=limits.timeout,
        )
    except (httpx.InvalidURL, TypeError, ValueError) as exc:  # ValueError: IDNA errors ("xn--" hosts)
        raise IngestError(url, f"invalid URL ({_one_line(exc)})") from None
    total = time.monotonic() + limits.timeout * TOTAL_TIMEOUT_FACTOR
    total_late = f"timed out (the download took longer than {limits.timeout * TOTAL_TIMEOUT_FACTOR:g}s)"
    headers_late = f"timed out (no complete response headers within {limits.timeout:g}s)"
    redirects = 0
    try:
        while True:
            # The headers must arrive within ``limits.timeout``, however slowly they trickle.
            with deadline(min(total, time.monotonic() + limits.timeout), headers_late):
                response = client.send(request, stream=True, follow_redirects=False)
            try:
                if response.next_request is not None:
                    redirects += 1
                    if redirects > limits.max_redirects:
                        raise IngestError(url, f"too many redirects (more than {limits.max_redirects})")
                    request = response.next_request
                    _check_url(url, request.url, redirected=True)
                    continue
                with deadline(total, total_late):
                    return _read(url, response, limits, total)
            finally:
                response.close()
    except httpx.HTTPError as exc:
        raise IngestError(url, network_reason(exc, limits)) from None
    except (httpx.InvalidURL, ValueError) as exc:  # a bad Location header, an IDNA error
        raise IngestError(url, f"invalid URL ({_one_line(exc)})") from None


def network_reason(exc: httpx.HTTPError, limits: Limits) -> str:
    """A short human reason for an httpx error (no traceback, one line)."""
    cause = exc.__cause__
    if isinstance(cause, BlockedAddress):
        return _one_line(cause)
    if isinstance(cause, DeadlineExceeded):
        return _one_line(cause)
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


def _read(origin: str, response: httpx.Response, limits: Limits, until: float) -> Download:
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
    if response.is_stream_consumed:  # a transport that read the body already (httpx.MockTransport)
        encoding, pieces = "", iter([response.content])
    else:
        encoding, pieces = response.headers.get("content-encoding", ""), response.iter_raw()
    inflate = _Inflater(origin, encoding, limits)
    # The raw bytes, inflated here a bounded piece at a time, so that the cap applies to what we
    # keep as it arrives (httpx's own decoder would inflate a whole chunk at once: a 3.5 KB
    # double-gzip body became 2 GiB before any check).
    for raw in pieces:
        if time.monotonic() > until:
            total = limits.timeout * TOTAL_TIMEOUT_FACTOR
            raise IngestError(origin, f"timed out (the download took longer than {total:g}s)")
        for chunk in inflate.feed(raw):
            size += len(chunk)
            if size > limits.max_bytes:
                raise IngestError(origin, too_large_reason(size, limits, exact=False))
            chunks.append(chunk)
    inflate.finish()
    body = b"".join(chunks)
    check_bytes(body, origin, limits)
    return Download(url=str(response.url), mimetype=mimetype, charset=charset, body=body)


class _Stage:
    """One content coding being undone: its decompressor and how much it has produced."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.raw_deflate = False
        self.produced = 0
        self.d = self.fresh()

    def fresh(self):
        if self.name == "deflate":
            return zlib.decompressobj(-zlib.MAX_WBITS if self.raw_deflate else zlib.MAX_WBITS)
        return zlib.decompressobj(16 + zlib.MAX_WBITS)


class _Inflater:
    """Undoes a response's Content-Encoding (``gzip``, ``deflate``, stacked), bounded at every step.

    Each stage inflates at most :data:`_INFLATE_CHUNK` bytes per call and
    keeps the rest of its input for the next call, so memory stays bounded
    whatever the compression ratio; a stage producing more than twice the
    byte cap is a bomb.  Why our own: httpx's decoders inflate a whole
    chunk in one call, without a limit.
    """

    def __init__(self, origin: str, encodings: str, limits: Limits) -> None:
        self.origin = origin
        self.cap = 2 * limits.max_bytes + _INFLATE_CHUNK
        names = [e.strip().lower() for e in encodings.split(",") if e.strip().lower() not in ("", "identity")]
        for name in names:
            if name not in ("gzip", "x-gzip", "deflate"):
                raise IngestError(origin, f"unsupported content encoding {name!r}")
        # Undone in reverse order of the header (the last coding listed was applied last).
        self.stages = [_Stage(name) for name in reversed(names)]

    def feed(self, data: bytes) -> Iterator[bytes]:
        """The inflated bytes of the next piece of the body, in pieces of at most 64 KB."""
        return self._run(0, data)

    def _run(self, index: int, data: bytes) -> Iterator[bytes]:
        if index == len(self.stages):
            if data:
                yield data
            return
        stage = self.stages[index]
        while data:
            out = self._inflate(stage, data)
            stage.produced += len(out)
            if stage.produced > self.cap:
                raise IngestError(self.origin, f"too large once decompressed (over {self.cap // 2:,} bytes)")
            data = stage.d.unconsumed_tail
            if stage.d.eof and stage.d.unused_data and stage.name != "deflate":  # concatenated gzip members
                data = data + stage.d.unused_data
                stage.d = stage.fresh()
            elif stage.d.eof:
                data = b""  # trailing garbage after the stream
            yield from self._run(index + 1, out)

    def _inflate(self, stage: _Stage, data: bytes) -> bytes:
        try:
            return stage.d.decompress(data, _INFLATE_CHUNK)
        except zlib.error as exc:
            if stage.name == "deflate" and not stage.raw_deflate and stage.produced == 0:
                stage.raw_deflate = True  # "deflate" is often sent raw, without the zlib header
                stage.d = stage.fresh()
                return self._inflate(stage, data)
            raise IngestError(self.origin, f"corrupt {stage.name} body ({exc})") from None

    def finish(self) -> None:
        """Raise if a compressed stream ended early."""
        for stage in self.stages:
            if not stage.d.eof and (stage.produced or stage.d.unconsumed_tail):
                raise IngestError(self.origin, f"truncated {stage.name} body")


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
    return RawItem(
        origin=strip_credentials(origin) or origin,
        data=response.body,
        kind=kind,
        url=strip_credentials(response.url),
        meta=meta,
    )


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
