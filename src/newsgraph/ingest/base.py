"""What every reader yields, and how input bytes are judged and decoded.

A reader turns one input (a file, a JSON Lines row, a URL, a feed item, a WARC
record) into a :class:`RawItem`, or an :class:`IngestError` naming the input
and the reason.  Readers never raise for bad input: a batch goes on.
"""

from __future__ import annotations

import gzip
import zlib
from dataclasses import dataclass, field

import charset_normalizer

DEFAULT_MAX_BYTES = 10 * 1024 * 1024


class IngestError(Exception):
    """An input that could not be read.  ``str()`` is the one-line message."""

    def __init__(self, origin: str, reason: str) -> None:
        super().__init__(f"{origin}: {reason}")
        self.origin = origin
        self.reason = reason


@dataclass(slots=True)
class Limits:
    """Safety limits applied to every input."""

    max_bytes: int = DEFAULT_MAX_BYTES
    timeout: float = 20.0  # seconds, network reads
    max_redirects: int = 5
    user_agent: str = "newsgraph/0.1 (+https://github.com/newsgraph)"


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


def decode(data: bytes, origin: str, declared: str | None = None) -> tuple[str, str | None]:
    """Decode bytes to text.

    UTF-8 first (with or without BOM), then the declared charset, then the
    best guess of charset-normalizer.  Returns ``(text, warning)``: the warning
    is set when the input was not valid UTF-8 and had to be guessed.
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
    matches = charset_normalizer.from_bytes(data[:200_000])
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


def looks_like_html(text: str) -> bool:
    head = text[:2048].lstrip().lower()
    return (
        head.startswith(("<!doctype html", "<html", "<?xml version"))
        and "<html" in text[:65536].lower()
        or ("<body" in head or "<head" in head or "<p>" in head or "<div" in head)
    )


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB"
