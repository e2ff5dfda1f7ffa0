"""Local inputs: text and HTML files (``.gz`` too), JSON Lines, directories.

Every function yields :class:`RawItem` or :class:`IngestError`; none raises for
bad input.  Files inside a directory are read in sorted order, recursively;
hidden files and files of unknown types are skipped.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from pathlib import Path

from newsgraph.ingest.base import IngestError, Limits, RawItem, check_bytes, gunzip, looks_like_html

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
WARC_SUFFIXES = {".warc", ".arc"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}


def suffix_of(path: Path) -> str:
    """The meaningful suffix: ``.html`` for ``page.html.gz``, ``.warc`` for ``crawl.warc.gz``."""
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        return suffixes[-2] if len(suffixes) >= 2 else ".gz"
    return suffixes[-1] if suffixes else ""


def known_suffixes() -> set[str]:
    return TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | WARC_SUFFIXES | FEED_SUFFIXES


def iter_directory(root: Path) -> Iterator[Path]:
    """Readable files under ``root``, recursively, sorted, hidden ones skipped."""
    for path in sorted(root.rglob("*")):
        if any(part.startswith(".") for part in path.relative_to(root).parts):
            continue
        if path.is_file() and suffix_of(path) in known_suffixes():
            yield path


def read_bytes(path: Path, limits: Limits) -> bytes:
    """The file's bytes, decompressed if gzip; raises IngestError naming the file."""
    origin = str(path)
    try:
        size = path.stat().st_size
        if size > limits.max_bytes and not path.name.lower().endswith(".gz"):
            raise IngestError(
                origin,
                f"too large ({size / 1024 / 1024:.1f} MB; the limit is "
                f"{limits.max_bytes / 1024 / 1024:.1f} MB, see --max-bytes)",
            )
        with path.open("rb") as fh:
            data = fh.read(limits.max_bytes + 1)
    except OSError as exc:
        raise IngestError(origin, exc.strerror or str(exc)) from None
    if data[:2] == b"\x1f\x8b":
        data = gunzip(data, origin, limits)
    return data


def iter_file(path: Path, limits: Limits) -> Iterator[RawItem | IngestError]:
    """One text or HTML file (possibly gzipped) as one RawItem."""
    origin = str(path)
    try:
        data = read_bytes(path, limits)
        check_bytes(data, origin, limits)
    except IngestError as err:
        yield err
        return
    suffix = suffix_of(path)
    if suffix in HTML_SUFFIXES:
        kind = "html"
    elif suffix in TEXT_SUFFIXES:
        kind = "text"
    else:
        kind = "html" if looks_like_html(data[:65536].decode("latin-1")) else "text"
    yield RawItem(origin=origin, data=data, kind=kind)


# Fields of a JSON Lines row, and the names other tools give them.
_JSONL_FIELDS = {
    "text": ("text", "body", "content", "article", "maintext"),
    "html": ("html", "raw_html"),
    "url": ("url", "link", "source_url"),
    "title": ("title", "headline"),
    "published": ("published", "date", "date_publish", "publish_date", "published_at", "pubdate"),
    "source": ("source", "outlet", "source_name", "site"),
    "author": ("author", "authors", "byline"),
}


def iter_jsonl(path: Path, limits: Limits) -> Iterator[RawItem | IngestError]:
    """One article per line: ``text`` or ``html``, optional ``url``, ``title``, ``published``, ``source``."""
    try:
        # Closed by the ``with`` below; opened here so that an OSError is reported, not raised.
        fh = gzip.open(path) if path.name.lower().endswith(".gz") else path.open("rb")  # noqa: SIM115
    except OSError as exc:
        yield IngestError(str(path), exc.strerror or str(exc))
        return
    with fh:
        lineno = 0
        while True:
            lineno += 1
            origin = f"{path}:{lineno}"
            try:
                line = fh.readline(limits.max_bytes + 1)
            except (OSError, EOFError) as exc:
                yield IngestError(str(path), f"unreadable after line {lineno - 1} ({exc})")
                return
            if not line:
                return
            if len(line) > limits.max_bytes:
                yield IngestError(origin, "line too large")
                # skip the rest of the line
                while line and not line.endswith(b"\n"):
                    line = fh.readline(limits.max_bytes)
                continue
            if not line.strip():
                continue
            yield _jsonl_row(line, origin, limits)


def _jsonl_row(line: bytes, origin: str, limits: Limits) -> RawItem | IngestError:
    try:
        row = json.loads(line)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        return IngestError(origin, f"malformed JSON ({exc.msg if hasattr(exc, 'msg') else exc})")
    if not isinstance(row, dict):
        return IngestError(origin, "a JSON Lines row must be an object")
    fields = {name: _first(row, keys) for name, keys in _JSONL_FIELDS.items()}
    if fields["html"]:
        kind, data = "html", fields["html"]
    elif fields["text"]:
        kind, data = "text", fields["text"]
    else:
        return IngestError(origin, "no 'text' or 'html' field")
    if not data.strip():
        return IngestError(origin, "empty input")
    meta = {k: fields[k] for k in ("title", "published", "source", "author")}
    return RawItem(origin=origin, data=data, kind=kind, url=fields["url"], meta=meta)


def _first(row: dict, keys: tuple[str, ...]) -> str | None:
    for key in keys:
        value = row.get(key)
        if isinstance(value, list):
            value = ", ".join(str(v) for v in value if v)
        if value is not None and str(value).strip():
            return str(value)
    return None
