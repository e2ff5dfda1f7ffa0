"""Web archives: HTML pages from WARC files (``.warc`` and ``.warc.gz``; ARC files too).

Every ``response`` record whose HTTP payload is HTML with a 2xx status becomes
a :class:`RawItem` (raw payload bytes, transfer and content encodings undone;
the charset from the HTTP ``Content-Type`` in ``meta["charset"]``).  Other
records (requests, metadata, images, redirects, ...) are skipped silently.

warcio is lenient with damaged files: it stops quietly at a truncated gzip
member and hands out a short payload for a record cut off mid-body.  So this
reader checks, itself, that each record is complete and that the whole file
was read, and yields one :class:`IngestError` naming the file when not.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator

from newsgraph.ingest.base import IngestError, Limits, RawItem, check_bytes
from newsgraph.ingest.web import HTML_TYPES, parse_content_type, too_large_reason

_CHUNK = 64 * 1024
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def iter_warc(path: Path, limits: Limits) -> Iterator[RawItem | IngestError]:
    """Yield the HTML pages of a WARC file; never raises for bad input.

    ``origin`` of each item is ``"{path}#{offset}"`` (the record's byte
    offset in the file, compressed offset for ``.warc.gz``, as in CDX
    indexes).  ``meta["published"]`` is the crawl day from ``WARC-Date``,
    flagged by ``meta["published_is_crawl_date"] = "1"``.
    """
    name = str(path)
    try:
        fh = Path(path).open("rb")  # noqa: SIM115 - closed by the `with` below
    except OSError as exc:
        yield IngestError(name, f"cannot open ({exc.strerror or exc})")
        return
    with fh:
        size = _file_size(fh)
        yield from _iter_records(fh, name, size, limits)


def _iter_records(fh: BinaryIO, name: str, size: int | None, limits: Limits) -> Iterator[RawItem | IngestError]:
    records = 0
    end = 0  # where the last complete record ended
    archive = ArchiveIterator(fh)
    try:
        for record in archive:
            if records == 0 and record.format.startswith("arc") and record.rec_type != "arc_header":
                # warcio reads any line of five words as an ARC record header;
                # a real ARC file opens with its filedesc:// record.
                yield IngestError(name, "not a WARC file (no WARC record or ARC file header at the start)")
                return
            item = _item(record, name, limits)
            # Reads the rest of the record: after the payload, never before.
            offset = archive.get_record_offset()
            end = offset + archive.get_record_length()
            missing = _missing_bytes(record)
            if missing:
                yield IngestError(
                    name,
                    f"truncated or corrupt WARC: the record at offset {offset} is cut short "
                    f"({missing} bytes missing) after {_records(records)}",
                )
                return
            records += 1
            if isinstance(item, RawItem):
                item.origin = f"{name}#{offset}"
                yield item
            elif isinstance(item, IngestError):
                yield IngestError(f"{name}#{offset}", item.reason)
    # warcio raises a wide range of exceptions on damaged input (ValueError,
    # AttributeError, zlib.error, its own ArchiveLoadFailed, ...), and a
    # reader must never raise for bad input: catch them all, report the file.
    except Exception as exc:
        yield IngestError(name, f"truncated or corrupt WARC after {_records(records)} ({_describe(exc)})")
        return
    if size == 0:
        yield IngestError(name, "empty input")
    elif records == 0:
        yield IngestError(name, "no WARC records found (not a WARC file, or truncated or corrupt)")
    elif size is not None and end < size and not _blank_tail(fh, end, size):
        yield IngestError(
            name,
            f"truncated or corrupt WARC: {size - end} bytes after offset {end} could not be read "
            f"(after {_records(records)})",
        )


def _item(record: Any, name: str, limits: Limits) -> RawItem | IngestError | None:
    """The RawItem for an HTML 2xx response record, an IngestError, or None to skip."""
    if record.rec_type != "response" or record.http_headers is None:
        return None
    try:
        status = int(record.http_headers.get_statuscode())
    except (TypeError, ValueError):
        return None
    if not 200 <= status < 300:
        return None
    mimetype, charset = parse_content_type(record.http_headers.get_header("Content-Type"))
    if mimetype not in HTML_TYPES:
        return None
    stream = record.content_stream()
    chunks: list[bytes] = []
    total = 0
    while total <= limits.max_bytes:
        chunk = stream.read(min(_CHUNK, limits.max_bytes + 1 - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    if total > limits.max_bytes:
        return IngestError(name, too_large_reason(total, limits, exact=False))
    data = b"".join(chunks)
    try:
        check_bytes(data, name, limits)  # empty, binary
    except IngestError as err:
        return err
    headers = record.rec_headers
    # ARC records (which warcio reads too) name the URL and date differently.
    uri = headers.get_header("WARC-Target-URI") or headers.get_header("uri") or ""
    url = uri.strip().strip("<>") or None
    meta: dict[str, str | None] = {}
    day = _crawl_day(headers.get_header("WARC-Date") or headers.get_header("archive-date") or "")
    if day:
        meta["published"] = day
        meta["published_is_crawl_date"] = "1"
    if charset:
        meta["charset"] = charset
    if url:
        host = re.match(r"[a-z][a-z0-9+.-]*://([^/?#:@]*@)?([^/?#:]+)", url, re.I)
        if host:
            meta["site"] = host.group(2).lower()
    return RawItem(origin=name, data=data, kind="html", url=url, meta=meta)


def _crawl_day(value: str) -> str | None:
    """YYYY-MM-DD from a WARC-Date (``2024-03-05T10:11:12Z``) or an ARC date (``20240305101112``)."""
    value = value.strip()
    if _DAY.match(value):
        return value[:10]
    if len(value) >= 8 and value[:8].isdigit():
        return f"{value[:4]}-{value[4:6]}-{value[6:8]}"
    return None


def _missing_bytes(record: Any) -> int:
    """Bytes the record's Content-Length promised that the file did not hold (0: complete).

    After warcio has read a record to its end, its length-limited raw stream
    has nothing left to give only if the whole block was there.
    """
    remaining = getattr(record.raw_stream, "limit", 0)
    return remaining if isinstance(remaining, int) and remaining > 0 else 0


def _file_size(fh: BinaryIO) -> int | None:
    try:
        return os.fstat(fh.fileno()).st_size
    except (OSError, AttributeError, ValueError):
        return None


def _blank_tail(fh: BinaryIO, end: int, size: int) -> bool:
    """Whether only the blank lines that close an uncompressed WARC follow ``end``.

    warcio counts those lines out of an uncompressed record's length.
    """
    if size - end > 4096:
        return False
    try:
        fh.seek(end)
        return not fh.read(size - end).strip()
    except OSError:
        return False


def _records(n: int) -> str:
    return f"{n} complete record" + ("" if n == 1 else "s")


def _describe(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    if type(exc).__name__ != "ArchiveLoadFailed":
        text = f"{type(exc).__name__}: {text}" if text else type(exc).__name__
    return text if len(text) <= 200 else text[:197] + "..."
