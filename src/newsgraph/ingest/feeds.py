"""RSS and Atom feeds, expanded item by item.

:func:`iter_feed` parses a feed with feedparser and yields one
:class:`RawItem` per entry: the linked page fetched with
:func:`newsgraph.ingest.web.fetch`, or, when the entry already carries the
full article (``content:encoded`` or Atom ``content``) or fetching is off, the
entry's own content.  Feed-level facts (title, date, author, feed title) go
into ``meta``.  A feed that cannot be parsed yields one :class:`IngestError`;
an item whose page cannot be fetched yields an error naming the item URL and
the feed goes on.

:func:`is_feed` tells a feed from a web page by content type or by the root
element (``rss``, ``feed``, ``rdf:RDF``).
"""

from __future__ import annotations

import html
import io
import re
import time
from collections.abc import Iterator
from typing import Any

import feedparser
import httpx

from newsgraph.ingest import web
from newsgraph.ingest.base import IngestError, Limits, RawItem, check_bytes

# An entry whose own content has at least this many characters of text is
# taken as the full article and its link is not fetched.
FULL_CONTENT_CHARS = 500

# What may precede the root element: XML declaration, processing
# instructions (xml-stylesheet), comments, a DOCTYPE (internal subset too).
_PROLOG = re.compile(r"(?:\s+|<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>\[]*(?:\[.*?\])?\s*>)*", re.S | re.I)
_FEED_ROOT = re.compile(r"<(?:[A-Za-z_][\w.-]*:)?(?:rss|feed|RDF)[\s>/]")
_TAG = re.compile(r"<[^<>]*>")  # not [^>]*: a run of "<<<<" would be read in quadratic time


def is_feed(data: bytes | str, content_type: str | None) -> bool:
    """Whether ``data`` is an RSS/Atom/RDF feed: by a feed content type, else by its root element."""
    mimetype, _ = web.parse_content_type(content_type)
    if mimetype in web.FEED_TYPES:
        return True
    head = data[:4096]
    if isinstance(head, bytes):
        if head.startswith((b"\xff\xfe", b"\xfe\xff")):
            text = head[: len(head) // 2 * 2].decode("utf-16", errors="replace")
        else:
            # Root element names are ASCII, and latin-1 never fails.
            text = head.decode("latin-1")
    else:
        text = head
    text = text.removeprefix("\ufeff").removeprefix("ï»¿")  # UTF-8 BOM, as text or as latin-1
    start = _PROLOG.match(text)
    rest = text[start.end() if start else 0 :]
    return _FEED_ROOT.match(rest) is not None


def iter_feed(
    data: bytes | str,
    origin: str,
    limits: Limits,
    client: httpx.Client | None = None,
    fetch_items: bool = True,
) -> Iterator[RawItem | IngestError]:
    """Yield one RawItem (or IngestError) per feed entry; never raises for bad input.

    ``origin`` names the feed in messages; when it is an http(s) URL, relative
    item links are resolved against it.  With ``fetch_items`` (the default)
    each linked page is fetched, unless the entry holds the full article
    itself; the client (made from ``limits`` when not given) is shared by all
    items.
    """
    raw = data.encode("utf-8") if isinstance(data, str) else data
    try:
        check_bytes(raw, origin, limits)
    except IngestError as err:
        yield err
        return
    base = origin if origin.lower().startswith(("http://", "https://")) else None
    # Deviation from feedparser's usual call: parse() treats a str or bytes
    # argument that names a URL or an existing file as something to fetch or
    # open.  A stream is always read as the document itself.
    # Without a content type feedparser flags every feed as bozo; application/xml
    # (no charset) lets the XML declaration or BOM decide the encoding.
    headers = {"content-type": "application/xml"}
    if base:
        headers["content-location"] = base
    parsed = feedparser.parse(io.BytesIO(raw), response_headers=headers)
    entries = parsed.get("entries") or []
    if not entries:
        if parsed.get("bozo"):
            yield IngestError(origin, f"malformed feed ({_one_line(parsed.get('bozo_exception'))})")
        elif not parsed.get("version"):
            yield IngestError(origin, "malformed feed (not an RSS or Atom feed)")
        return  # a well-formed feed with no items yields nothing
    warning = None
    if parsed.get("bozo"):
        warning = f"{origin}: feed is not well-formed ({_one_line(parsed.get('bozo_exception'))})"
    source = _clean(parsed.get("feed", {}).get("title"))

    own_client: httpx.Client | None = None
    try:
        for number, entry in enumerate(entries, start=1):
            link = _link(entry, base)
            meta = _meta(entry, source, link)
            content, content_kind = _content(entry)
            full = content is not None and _text_length(content) >= FULL_CONTENT_CHARS
            if fetch_items and link and not full:
                if client is None and own_client is None:
                    own_client = web.make_client(limits)
                try:
                    item = web.fetch(link, limits, client or own_client)
                except IngestError as err:
                    yield IngestError(err.origin, f"{err.reason} (item {number} of feed {origin})")
                    continue
                item.meta.update({k: v for k, v in meta.items() if v})
            else:
                if content is None:
                    content, content_kind = _summary(entry)
                if content is None or not content.strip():
                    if link:
                        reason = f"feed item {number} has no content (and fetching linked pages is off)"
                    else:
                        reason = f"feed item {number} has no content and no link to fetch"
                    yield IngestError(link or f"{origin}#item{number}", reason)
                    continue
                item = RawItem(
                    origin=link or f"{origin}#item{number}",
                    data=content,
                    kind=content_kind,
                    url=link,
                    meta={k: v for k, v in meta.items() if v},
                )
            if warning:
                item.warnings.append(warning)
            yield item
    finally:
        if own_client is not None:
            own_client.close()


def _link(entry: Any, base: str | None) -> str | None:
    """The entry's http(s) link, made absolute against the feed URL."""
    link = (entry.get("link") or "").strip()
    if not link:
        return None
    if base:
        try:
            link = str(httpx.URL(base).join(link))
        except httpx.InvalidURL:
            return None
    return link if link.lower().startswith(("http://", "https://")) else None


def _meta(entry: Any, source: str | None, link: str | None) -> dict[str, str | None]:
    parsed_date = entry.get("published_parsed") or entry.get("updated_parsed")
    published = time.strftime("%Y-%m-%d", parsed_date) if parsed_date else None
    site = None
    if link:
        try:
            site = httpx.URL(link).host or None
        except httpx.InvalidURL:
            site = None
    return {
        "title": _clean(entry.get("title")),
        "published": published,
        "author": _clean(entry.get("author")),
        "source": source,
        "site": site,
    }


def _content(entry: Any) -> tuple[str | None, str]:
    """The longest of the entry's ``content`` blocks (``content:encoded``, Atom content) and its kind."""
    blocks = [c for c in entry.get("content") or [] if (c.get("value") or "").strip()]
    if not blocks:
        return None, "html"
    best = max(blocks, key=lambda c: len(c.get("value") or ""))
    return best["value"], _kind(best.get("type"))


def _summary(entry: Any) -> tuple[str | None, str]:
    summary = entry.get("summary")
    detail = entry.get("summary_detail") or {}
    return (summary or None), _kind(detail.get("type"))


def _kind(content_type: str | None) -> str:
    return "text" if content_type == "text/plain" else "html"


def _text_length(markup: str) -> int:
    """Characters of visible text in an HTML fragment (tags dropped, entities decoded, spaces collapsed)."""
    return len(" ".join(html.unescape(_TAG.sub(" ", markup)).split()))


def _clean(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    text = " ".join(value.split())
    return text or None


def _one_line(exc: Any) -> str:
    text = " ".join(str(exc).split()) if exc is not None else "unknown error"
    return text if len(text) <= 200 else text[:197] + "..."
