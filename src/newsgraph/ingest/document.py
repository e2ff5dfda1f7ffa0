"""From a :class:`RawItem` to a cleaned :class:`~newsgraph.model.Document`.

decode -> (HTML: main-text extraction with metadata) -> cleaning -> publication
date -> language -> content-hash id.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re

from newsgraph.ingest.base import IngestError, RawItem, decode, strip_credentials
from newsgraph.ingest.clean import clean_text
from newsgraph.ingest.dates import published_from_text
from newsgraph.ingest.language import detect_language
from newsgraph.ingest.translation import translated_from
from newsgraph.model import Document


def content_id(title: str | None, text: str) -> str:
    """Stable document id: a hash of the cleaned content (whitespace and case do not count)."""
    norm = re.sub(r"\s+", " ", f"{title or ''}\n{text}").strip().casefold()
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()[:24]


# Languages dateparser tries on a free-form date.  Without a list it tries all of its ~200
# locales on a string it cannot read: 20 s for "never" (a JSON Lines date could stall a batch).
DATE_LANGUAGES = ("en", "fr", "de", "es", "it", "pt", "nl", "id", "ru", "uk", "pl", "tr", "ar", "zh", "ja")


def normalise_date(value: str | None) -> str | None:
    """``YYYY-MM-DD`` from an ISO string, an RFC 822 date or a free-form date; None if unreadable."""
    if not value:
        return None
    value = value.strip()
    if len(value) > 100:  # no date is that long; dateparser would take its time over it
        return None
    try:
        return dt.date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        pass
    import dateparser  # slow to import; most inputs never need it

    try:
        parsed = dateparser.parse(
            value,
            languages=list(DATE_LANGUAGES),
            settings={"RETURN_AS_TIMEZONE_AWARE": False, "PREFER_DAY_OF_MONTH": "first"},
        )
    except (ValueError, OverflowError, TypeError):
        return None
    return parsed.date().isoformat() if parsed else None


def to_document(item: RawItem, default_published: str | None = None) -> Document:
    """Build the cleaned document; raises IngestError when nothing article-like is left.

    ``default_published`` dates a document that states no date of its own
    (a YYYY-MM-DD date, or ``"file"`` for the file's date); a document left
    undated gets a note saying so.
    """
    notes = list(item.warnings)
    if isinstance(item.data, bytes):
        text, warning = decode(item.data, item.origin, item.meta.get("charset"))
        if warning:
            notes.append(warning)
    else:
        text = item.data
    title = item.meta.get("title")
    published = normalise_date(item.meta.get("published"))
    if item.meta.get("published") and not published:
        notes.append(f"{item.origin}: unreadable date {item.meta['published'][:40]!r} ignored")
    published_from = "metadata" if published else None
    author = item.meta.get("author")
    site = item.meta.get("site") or item.meta.get("source")
    url = item.url
    meta_language = None
    if item.kind == "html":
        from newsgraph.ingest.html import extract_html

        page = extract_html(text, url=url, origin=item.origin)
        text = page.text
        title = title or page.title
        if not published and page.published:
            published, published_from = normalise_date(page.published), "metadata"
        author = author or page.author
        site = site or page.site
        url = url or page.url
        meta_language = page.language
        if page.warning:
            notes.append(f"{item.origin}: {page.warning}")

    cleaned = clean_text(text, title=title, extracted=item.kind == "html")
    if not cleaned.text.strip():
        raise IngestError(item.origin, "no article text left after cleaning")
    if not published:
        published = published_from_text(cleaned.boilerplate, cleaned.paragraphs)
        published_from = "text" if published else None
    if not published and default_published:
        if default_published == "file":
            published, published_from = item.meta.get("file_date"), "file"
        else:
            published, published_from = normalise_date(default_published), "option"
        published_from = published_from if published else None
    if not published:
        notes.append(
            f"{item.origin}: no publication date found: roles are resolved as of today and relative "
            "dates left open (give one with --published YYYY-MM-DD)"
        )
    language = detect_language(cleaned.text) or (meta_language[:2].lower() if meta_language else None)
    if language and language != "en":
        notes.append(f"{item.origin}: language '{language}': English-only stages skipped")
    return Document(
        id=content_id(cleaned.title, cleaned.text),
        text=cleaned.text,
        url=strip_credentials(url),
        origin=strip_credentials(item.origin),
        title=cleaned.title,
        published=published,
        published_from=published_from,
        author=author or cleaned.author,
        site=site,
        language=language,
        credited_source=cleaned.credited_source,
        translated_from=translated_from(cleaned.text, language),
        paragraphs=cleaned.paragraphs,
        duplicates_removed=cleaned.duplicates_removed,
        boilerplate=cleaned.boilerplate,
        offsets=cleaned.offsets,
        notes=notes,
    )
