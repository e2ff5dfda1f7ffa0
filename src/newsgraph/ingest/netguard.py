"""What the fetcher may connect to, and for how long: the SSRF guard and the download deadlines.

Analysts feed newsgraph URLs from anywhere (feeds, redirects, JSON Lines
rows), and the server fetches them.  A URL must not make it reach inside the
network it runs in: loopback, private, link-local (the cloud metadata service
at 169.254.169.254), multicast, reserved and unspecified addresses are refused
unless the setting ``allow_private_addresses`` says otherwise.

The check runs **after DNS resolution, on the address actually connected
to**: :class:`GuardedBackend` is the network backend of the HTTP client, so
every connection (the first request, every redirect, every feed item) resolves
the host itself, refuses the request if any address is forbidden, and
connects to the checked address -- a host name that resolves to 127.0.0.1,
``2130706433``, ``0x7f.1``, ``[::ffff:127.0.0.1]`` or a DNS-rebinding trick
are all caught the same way.

:func:`check_url` is the same check as a function (the API calls it before it
accepts a URL); :func:`strip_credentials` removes ``user:password@`` before
a URL is stored or printed.

The backend also enforces the download's deadline: every read and connect is
given at most the time left (:func:`deadline`), so a server that trickles its
headers or body one byte at a time is cut off.
"""

from __future__ import annotations

import contextvars
import ipaddress
import socket
import time
import typing
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit

import httpcore

from newsgraph.ingest.base import strip_credentials  # noqa: F401  (kept here too: where it was)

# Names that always mean this machine or the cloud metadata service, whatever DNS says.
_LOCAL_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"})
_METADATA_NAMES = frozenset({"metadata.google.internal", "metadata", "instance-data"})

# (monotonic time, the reason given when it passes), or None.
_DEADLINE: contextvars.ContextVar[tuple[float, str] | None] = contextvars.ContextVar(
    "newsgraph_fetch_deadline", default=None
)


class BlockedAddress(httpcore.ConnectError):
    """A connection refused by the guard.  ``str()`` is the one-line reason."""


class DeadlineExceeded(httpcore.ReadTimeout):
    """The download ran past its deadline.  ``str()`` is the one-line reason."""


def forbidden_reason(address: str) -> str | None:
    """Why connecting to the IP ``address`` is refused, or None when it is a public address."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return f"{address} is not an IP address"
    if isinstance(ip, ipaddress.IPv6Address):
        mapped = ip.ipv4_mapped or ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
        if mapped is not None:
            inner = forbidden_reason(str(mapped))
            if inner:
                return inner
    if ip.is_loopback:
        return f"{ip} is a loopback address"
    if ip.is_unspecified:
        return f"{ip} is an unspecified address"
    if ip.is_link_local:
        what = "the cloud metadata service" if str(ip) in ("169.254.169.254", "fe80::a9fe:a9fe") else "link-local"
        return f"{ip} is {what}" + ("" if what != "link-local" else " address")
    if ip.is_multicast:
        return f"{ip} is a multicast address"
    if ip.is_private:
        return f"{ip} is a private address"
    if ip.is_reserved:
        return f"{ip} is a reserved address"
    if not ip.is_global:
        return f"{ip} is not a public address"
    return None


def resolve(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to (an IP literal in any notation the OS accepts, too)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except UnicodeError:
        raise BlockedAddress(f"invalid host name {host!r}") from None
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def checked_addresses(host: str, port: int, *, allow_private: bool = False) -> list[str]:
    """The addresses of ``host``; raises :class:`BlockedAddress` if any of them is forbidden.

    All of them are checked, not only the first: a name that resolves to a
    public and a private address is refused (the OS might pick either).
    """
    name = host.strip("[]").rstrip(".").lower()
    if not allow_private and (name in _LOCAL_NAMES or name.endswith(".localhost") or name in _METADATA_NAMES):
        raise BlockedAddress(f"refused to fetch from {name} (a local or metadata host; see allow_private_addresses)")
    addresses = resolve(name, port)
    if not allow_private:
        for address in addresses:
            reason = forbidden_reason(address)
            if reason:
                raise BlockedAddress(f"refused to fetch from {host}: {reason} (see allow_private_addresses)")
    return addresses


def check_url(url: str, *, allow_private: bool = False) -> str | None:
    """Why fetching ``url`` is refused (bad scheme, no host, a forbidden address), or None if allowed.

    Resolves the host (DNS).  For the API and any caller that accepts URLs
    from users; the fetcher checks again on every connection it makes.
    """
    try:
        parts = urlsplit(url)
        host = parts.hostname
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as exc:
        return f"invalid URL ({exc})"
    if parts.scheme not in ("http", "https"):
        return f"unsupported URL scheme {parts.scheme!r} (only http and https are fetched)"
    if not host:
        return "invalid URL (no host)"
    try:
        checked_addresses(host, port, allow_private=allow_private)
    except BlockedAddress as exc:
        return str(exc)
    except OSError:
        return "host not found (DNS lookup failed)"
    return None


@contextmanager
def deadline(at: float, reason: str) -> Iterator[None]:
    """Every connect, read and write of the guarded client in this block ends by ``at``
    (``time.monotonic()``); past it, :class:`DeadlineExceeded` with ``reason``."""
    token = _DEADLINE.set((at, reason))
    try:
        yield
    finally:
        _DEADLINE.reset(token)


def _time_left(timeout: float | None) -> tuple[float | None, bool]:
    """The timeout for the next network operation, and whether the deadline is what limits it."""
    current = _DEADLINE.get()
    if current is None:
        return timeout, False
    left = current[0] - time.monotonic()
    if left <= 0:
        raise DeadlineExceeded(current[1])
    if timeout is None or left < timeout:
        return left, True
    return timeout, False


@contextmanager
def _within_deadline(limited: bool) -> Iterator[None]:
    try:
        yield
    except (httpcore.ReadTimeout, httpcore.WriteTimeout, httpcore.ConnectTimeout) as exc:
        current = _DEADLINE.get()
        if limited and current is not None and not isinstance(exc, DeadlineExceeded):
            raise DeadlineExceeded(current[1]) from exc
        raise


class _DeadlineStream(httpcore.NetworkStream):
    """A network stream whose reads and writes end by the current deadline."""

    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        timeout, limited = _time_left(timeout)
        with _within_deadline(limited):
            return self._inner.read(max_bytes, timeout)

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        timeout, limited = _time_left(timeout)
        with _within_deadline(limited):
            self._inner.write(buffer, timeout)

    def close(self) -> None:
        self._inner.close()

    def start_tls(self, ssl_context, server_hostname: str | None = None, timeout: float | None = None):
        timeout, limited = _time_left(timeout)
        with _within_deadline(limited):
            return _DeadlineStream(self._inner.start_tls(ssl_context, server_hostname, timeout))

    def get_extra_info(self, info: str) -> typing.Any:
        return self._inner.get_extra_info(info)


class GuardedBackend(httpcore.NetworkBackend):
    """httpcore's network backend with the address check and the deadline (see the module docstring)."""

    def __init__(self, allow_private: bool = False) -> None:
        self.allow_private = allow_private
        self._inner = httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: typing.Iterable[typing.Any] | None = None,
    ) -> httpcore.NetworkStream:
        try:
            addresses = checked_addresses(host, port, allow_private=self.allow_private)
        except OSError as exc:
            raise httpcore.ConnectError(f"[Errno {exc.errno}] {exc.strerror}") from exc
        error: Exception | None = None
        for address in addresses:  # connect to a checked address, never to the name again
            left, limited = _time_left(timeout)
            try:
                with _within_deadline(limited):
                    stream = self._inner.connect_tcp(address, port, left, local_address, socket_options)
            except DeadlineExceeded:
                raise
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                error = exc
                continue
            return _DeadlineStream(stream)
        raise error or httpcore.ConnectError(f"no address for {host}")

    def connect_unix_socket(self, path, timeout=None, socket_options=None):  # noqa: ANN001
        raise BlockedAddress("unix sockets are not fetched")

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)
