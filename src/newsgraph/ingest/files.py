"""Local inputs: text and HTML files (``.gz`` too), JSON Lines, directories.

Every function yields :class:`RawItem` or :class:`IngestError`; none raises for
bad input.  Files inside a directory are read in sorted order, recursively;
hidden files and files of unknown types are skipped.
"""

from __future__ import annotations

import gzip
import json
import stat
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


def special_file_reason(path: Path) -> str | None:
    """Why ``path`` is not read (a named pipe, a device, a socket would block or never end), or None."""
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        return exc.strerror or str(exc)
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    if stat.S_ISFIFO(mode):
        return "not a regular file (a named pipe)"
    if stat.S_ISSOCK(mode):
        return "not a regular file (a socket)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "not a regular file (a device)"
    return "not a regular file"


def read_bytes(path: Path, limits: Limits) -> bytes:
    """The file's bytes, decompressed if gzip; raises IngestError naming the file."""
    origin = str(path)
    special = special_file_reason(path)
    if special:
        raise IngestError(origin, special)
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
    yield RawItem(origin=origin, data=data, kind=kind, meta={"file_date": _file_date(path)})


def _file_date(path: Path) -> str | None:
    """The file's modification day (used only with ``--published file``)."""
    import datetime as dt

    try:
        return dt.datetime.fromtimestamp(path.stat().st_mtime, tz=dt.UTC).date().isoformat()
    except (OSError, OverflowError, ValueError):
        return None


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
    special = special_file_reason(path)
    if special:
        yield IngestError(str(path), special)
        return
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
    notes: list[str] = []
    fields: dict[str, str | None] = {}
    for name, keys in _JSONL_FIELDS.items():
        value, key, problem = _first(row, keys)
        if problem and name in ("text", "html"):
            # The article itself: a wrong type is an error, never "5" stored as the text.
            return IngestError(origin, f"field {key!r} {problem}")
        if problem:
            notes.append(f"{origin}: field {key!r} {problem}; ignored")
        fields[name] = value
    for name, value in fields.items():
        if value and "\x00" in value:
            fields[name] = value.replace("\x00", "")
            notes.append(f"{origin}: NUL characters removed from {name!r}")
    if fields["url"] and not fields["url"].strip().lower().startswith(("http://", "https://")):
        scheme = fields["url"].split(":", 1)[0][:20] if ":" in fields["url"] else "relative"
        notes.append(f"{origin}: url with scheme {scheme!r} ignored (only http and https URLs are kept)")
        fields["url"] = None
    if fields["html"] and fields["html"].strip():
        kind, data = "html", fields["html"]
    elif fields["text"] and fields["text"].strip():
        kind, data = "text", fields["text"]
    elif fields["html"] is not None or fields["text"] is not None:
        return IngestError(origin, "empty input")
    else:
        return IngestError(origin, "no 'text' or 'html' field")
    meta = {k: fields[k] for k in ("title", "published", "source", "author")}
    return RawItem(origin=origin, data=data, kind=kind, url=fields["url"], meta=meta, warnings=notes)


def _first(row: dict, keys: tuple[str, ...]) -> tuple[str | None, str | None, str | None]:
    """The first of ``keys`` present in ``row``: (value as text, key, problem).

    Strings are taken as they are; numbers only for the date (a year); a list
    of strings is joined (several authors).  Anything else is a problem:
    ``(None, key, "must be a string, not object")``.
    """
    for key in keys:
        if key not in row or row[key] is None:
            continue
        value = row[key]
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            value = ", ".join(v for v in value if v.strip())
        if isinstance(value, int | float) and not isinstance(value, bool) and key in _JSONL_FIELDS["published"]:
            value = str(value)
        if not isinstance(value, str):
            return None, key, f"must be a string, not {_json_type(value)}"
        if value.strip():
            return value, key, None
    return None, None, None


def _json_type(value: object) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__
