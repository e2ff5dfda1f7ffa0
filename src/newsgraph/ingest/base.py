"""What every reader yields, and how input bytes are judged and decoded.

A reader turns one input (a file, a JSON Lines row, a URL, a feed item, a WARC
record) into a :class:`RawItem`, or an :class:`IngestError` naming the input
and the reason.  Readers never raise for bad input: a batch goes on.
"""

from __future__ import annotations

import codecs
import gzip
import re
import zlib
from dataclasses import dataclass, field
from urllib.parse import urlsplit, urlunsplit

import charset_normalizer

DEFAULT_MAX_BYTES = 10 * 1024 * 1024


# Control characters (C0, DEL, C1) and the bidirectional overrides that reorder what a terminal shows.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def terminal_safe(text: str) -> str:
    """``text`` with control characters escaped (``\\n``, ``\\x1b``): file names and URLs may hold
    newlines or ANSI escapes, which must not reach the terminal raw."""
    return _UNSAFE.sub(lambda m: m.group(0).encode("unicode_escape").decode("ascii"), text)


def strip_credentials(url: str | None) -> str | None:
    """``url`` without ``user:password@`` (kept as is when it has none or is not a URL)."""
    if not url or "@" not in url:
        return url
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    if not parts.scheme or "@" not in parts.netloc:
        return url
    host = parts.netloc.rsplit("@", 1)[1]
    return urlunsplit((parts.scheme, host, parts.path, parts.query, parts.fragment))


class IngestError(Exception):
    """An input that could not be read.  ``str()`` is the one-line message (the origin escaped)."""

    def __init__(self, origin: str, reason: str) -> None:
        super().__init__(f"{terminal_safe(origin)}: {terminal_safe(' '.join(reason.split()))}")
        self.origin = origin
        self.reason = reason


@dataclass(slots=True)
class Limits:
    """Safety limits applied to every input."""

    max_bytes: int = DEFAULT_MAX_BYTES
    timeout: float = 20.0  # seconds, network reads
    max_redirects: int = 5
    user_agent: str = "newsgraph/0.1 (+https://github.com/newsgraph)"
    # Fetch from loopback, private, link-local and metadata addresses (off: see ingest.netguard).
    allow_private_addresses: bool = False
    # Seconds one document may spend in cleaning (see ingest.budget); 0: no limit.
    doc_timeout: float = 60.0
    # The publication date of documents that state none (``analyze --published``): a
    # YYYY-MM-DD date, or "file" for the date of the file read.  None: left undated.
    default_published: str | None = None


@dataclass(slots=True)
class RawItem:
    """One article as read, before extraction and cleaning.

    ``kind`` is ``"html"`` or ``"text"``.  ``meta`` holds what the container
    said about the article (a JSON Lines row, a feed item, HTTP headers):
    keys ``title``, ``published``, ``source``, ``author``, ``site``.
    """

    origin: str
    data: str | bytes
    kind: str
    url: str | None = None
    meta: dict[str, str | None] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


# Magic numbers of formats that are certainly not articles.
_BINARY_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "PDF document"),
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"RIFF", "RIFF media file"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"\x7fELF", "executable"),
    (b"OggS", "Ogg media file"),
    (b"ID3", "MP3 audio"),
    (b"\x00\x00\x00", "binary data"),
)


def binary_kind(data: bytes) -> str | None:
    """Name the binary format of ``data``, or None when it may be text."""
    head = data[:16]
    for magic, name in _BINARY_MAGIC:
        if head.startswith(magic):
            return name
    if len(head) >= 12 and head[4:8] == b"ftyp":
        return "MP4/HEIF media file"
    sample = data[:8192]
    if b"\x00" in sample:
        # UTF-16 text has NULs too; a BOM says so.
        if sample.startswith((b"\xff\xfe", b"\xfe\xff")):
            return None
        return "binary data"
    return None


def gunzip(data: bytes, origin: str, limits: Limits) -> bytes:
    """Decompress gzip ``data`` with a size cap; truncated or corrupt input raises IngestError."""
    try:
        d = zlib.decompressobj(16 + zlib.MAX_WBITS)
        out = d.decompress(data, limits.max_bytes + 1)
        if len(out) > limits.max_bytes:
            raise IngestError(origin, f"too large once decompressed (over {_mb(limits.max_bytes)})")
        if not d.eof:
            raise IngestError(origin, "truncated gzip stream")
        return out
    except (zlib.error, gzip.BadGzipFile, EOFError) as exc:
        raise IngestError(origin, f"corrupt gzip stream ({exc})") from None


def check_bytes(data: bytes, origin: str, limits: Limits) -> None:
    """Reject empty, oversized and binary inputs with a one-line reason."""
    if not data.strip():
        raise IngestError(origin, "empty input")
    if len(data) > limits.max_bytes:
        raise IngestError(
            origin, f"too large ({_mb(len(data))}; the limit is {_mb(limits.max_bytes)}, see --max-bytes)"
        )
    kind = binary_kind(data)
    if kind:
        raise IngestError(origin, f"not a text document ({kind})")


# Undeclared text whose bytes are at most this share non-ASCII is Western text in a single-byte
# code page (English, French, German news have well under 5%; CJK and Cyrillic text far more).
WESTERN_MAX_HIGH_SHARE = 0.08
# The code pages such text is read in; charset-normalizer picks among them, windows-1252 on ties.
WESTERN_CODECS = frozenset(
    {
        "cp1252",
        "latin_1",
        "iso8859_15",
        "cp1250",
        "iso8859_2",
        "cp1257",
        "iso8859_13",
        "iso8859_4",
        "cp1254",
        "iso8859_9",
    }
)
_ASCII = bytes(range(128))


def decode(data: bytes, origin: str, declared: str | None = None) -> tuple[str, str | None]:
    """Decode bytes to text.

    UTF-8 first (with or without BOM), then the declared charset, then a
    guess: text that is almost all ASCII is Western (windows-1252 unless
    charset-normalizer finds another Latin code page fits clearly better: a
    lone "£" must not make a BBC file Japanese), anything else is charset-normalizer's
    best guess.  Returns ``(text, warning)``: the warning is set when the
    input was not valid UTF-8 and had to be guessed.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), None
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        bad_at = exc.start
    if declared:
        try:
            return data.decode(declared), None
        except (UnicodeDecodeError, LookupError):
            pass
    mixed = _utf8_with_cp1252(data)
    if mixed is not None:
        return mixed, f"{origin}: not valid UTF-8 (byte {bad_at}); mixed encodings: UTF-8, the rest read as cp1252"
    sample = data[:200_000]
    matches = charset_normalizer.from_bytes(sample)
    if len(sample.translate(None, _ASCII)) <= WESTERN_MAX_HIGH_SHARE * len(sample):
        encoding = _western(matches)
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:  # cp1252 leaves five bytes undefined; Latin-1 has them all
            encoding, text = "latin-1", data.decode("latin-1")
        return text, f"{origin}: not valid UTF-8 (byte {bad_at}); decoded as {encoding}"
    best = matches.best()
    if best is not None:
        # Several code pages often fit equally well; windows-1252 is the web's
        # default for undeclared Latin text, so it wins among the best fits.
        tied = [m.encoding for m in matches if m.chaos <= best.chaos + 0.01]
        for encoding in (["cp1252"] if "cp1252" in tied else []) + [best.encoding]:
            try:
                text = data.decode(encoding)
            except (UnicodeDecodeError, LookupError):
                continue
            return text, f"{origin}: not valid UTF-8 (byte {bad_at}); decoded as {encoding}"
    text = data.decode("utf-8", errors="replace")
    return text, f"{origin}: not valid UTF-8 (byte {bad_at}); undecodable bytes replaced"


def _cp1252_fallback(exc: UnicodeError) -> tuple[str, int]:
    bad = exc.object[exc.start : exc.end]  # type: ignore[attr-defined]
    return bad.decode("cp1252", errors="replace").replace("\ufffd", bad.decode("latin-1")), exc.end  # type: ignore[attr-defined]


codecs.register_error("newsgraph-cp1252", _cp1252_fallback)


def _utf8_with_cp1252(data: bytes) -> str | None:
    """Text pasted together from UTF-8 and a Western code page: the UTF-8 parts as UTF-8, the
    rest as windows-1252.  None unless the data holds real UTF-8: valid multi-byte characters
    at least a quarter as many as the invalid bytes (text in another multi-byte encoding holds a
    few valid UTF-8 sequences by chance, among many times more invalid bytes)."""
    sample = data[:200_000].decode("utf-8", errors="replace")
    invalid = sample.count("\ufffd")
    valid = sum(1 for c in sample if ord(c) > 127) - invalid
    if valid == 0 or 4 * valid < invalid:
        return None
    return data.decode("utf-8", errors="newsgraph-cp1252")


def _western(matches) -> str:
    """The Latin code page for mostly-ASCII text: windows-1252 unless another fits clearly better."""
    latin = [m for m in matches if m.encoding in WESTERN_CODECS]
    cp1252 = next((m for m in latin if m.encoding == "cp1252"), None)
    if not latin:
        return "cp1252"
    best = min(latin, key=lambda m: m.chaos)
    if cp1252 is not None and cp1252.chaos <= best.chaos + 0.05:
        return "cp1252"
    return best.encoding


def looks_like_html(text: str) -> bool:
    head = text[:2048].lstrip().lower()
    return (
        head.startswith(("<!doctype html", "<html", "<?xml version"))
        and "<html" in text[:65536].lower()
        or ("<body" in head or "<head" in head or "<p>" in head or "<div" in head)
    )


def one_line(text: str, limit: int = 300) -> str:
    """``text`` on one line (whitespace runs collapsed), cut to ``limit`` characters."""
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB"
