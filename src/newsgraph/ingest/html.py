"""Main-text extraction from HTML pages.

:func:`extract_html` returns the article body of a page (paragraphs separated
by a blank line, one paragraph per block: headings, list items and table rows
of the article are paragraphs of their own) and the page's metadata.

Choices, each measured on the article-extraction benchmark (see
``docs/BENCHMARKS.md``, "Article extraction (AEB)"):

* **trafilatura in precision mode, fast.**  ``favor_precision`` removes more
  link-dense and teaser blocks and drops text outside paragraphs; news pages
  lose far more to furniture than to over-pruning, so it is the better
  trade-off (dev F1 0.975 against 0.965 for the default settings).  ``fast``
  skips the readability/jusText comparison that trafilatura otherwise runs on
  *every* page, its most expensive step; with precision focus that comparison
  changed a single dev page, one whose extraction had come out short, so we
  run the full cascade ourselves on exactly those pages (the *rescue* below).
* **One parse.**  The page is parsed once (``trafilatura.utils.load_html``);
  the metadata readers and the extractor work on that tree (trafilatura
  copies it before pruning).
* **Metadata from markup only.**  OpenGraph/``<meta>`` tags and JSON-LD
  (trafilatura's readers), ``htmldate`` without its free-text search for the
  date, ``<link rel=canonical>`` for the URL, ``<html lang>`` for the
  language.  trafilatura's full ``extract_metadata`` also reads categories,
  tags and licences and scans the body for an author, which costs more than
  the text extraction is allowed to (a small throughput budget over bare
  trafilatura); an author is only searched for in bylines when no tag names one.
* **Rescue for short results.**  When the extraction is shorter than
  :data:`RESCUE_BELOW` characters, the page is extracted again with
  trafilatura's full cascade (balanced focus, external comparison), and the
  longer of the two results is kept.
* **Page-independent rules** on the extracted blocks and the embeds, about
  what an article body is and is not:

  - the headline printed again in the text (it is in ``title``; the body, as
    the benchmark and we define it, excludes it);
  - *link teasers*: short blocks whose whole text is the text of a hyperlink
    on the page and that do not end like a sentence -- "related article"
    headlines and link lists interleaved with the article.  A lone linked
    line is kept (a product or a document the article points to); a teaser
    is labelled ("Related: <link>"), stands in a run of two or more, or is a
    list of linked items;
  - *embedded posts* are kept: a tweet's ``blockquote`` is lifted out of the
    "social"/"embed" wrapper that boilerplate removal would discard (quoted
    posts are often the very statement the story reports);
  - trailing *calls to action*: newsletter, "follow us on", reporter-contact,
    app-download and copyright blocks after the last paragraph of prose.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass
from typing import Any

from lxml.etree import strip_tags
from lxml.html import HtmlElement

from newsgraph.ingest.base import IngestError
from newsgraph.ingest.html_inline import prepare_inline
from newsgraph.ingest.html_recovery import (
    BETTER_BY,
    NO_ARTICLE_BELOW,
    POOR_BELOW,
    jsonld_article_body,
    prose_words,
)

__all__ = ["ExtractedPage", "extract_html", "RESCUE_BELOW"]

# Extractions shorter than this (characters) are retried with trafilatura's full cascade.
RESCUE_BELOW = 250
# A link teaser has at most this many words.
TEASER_MAX_WORDS = 16

_WORD_RE = re.compile(r"\w+")
_SENTENCE_END = tuple('.!?…"”’»)')
# Possessive quantifiers (``*+``, ``++``) and the lookbehinds below keep every pattern of this module
# linear in its input: runs of spaces, dashes or ampersands must not make the engine backtrack
# (issue #14: 100 KB of dashes took 19 s).  tests/hostile/test_regex.py checks each of them.
_LABEL_RE = re.compile(r"^\s*+[\w'’ -]{2,30}?\s*+[:|»›>–—-]\s++(?=\S)")
# Calls to action and page furniture that trail an article (searched in the blocks after the last
# paragraph of prose that is not one of them).
_CALL_TO_ACTION_RE = re.compile(
    r"\b(?:subscribe|subscribing|sign(?:ing)? up|register) (?:to|for) (?:our|the) [\w'’ ]{0,40}"
    r"(?:newsletters?|updates|alerts|e-?mails?)\b"
    r"|\b(?:to|in) your inbox\b"
    r"|^\W*+(?:[\w'’&+-]++ ){0,4}newsletters?\W*$"
    r"|\bfollow (?:us|him|her|me|them|[\w'’@.]+) on (?:twitter|facebook|instagram|linkedin|youtube|tiktok|x)\b"
    r"|\bfollow [\w'’]++(?: [\w'’]++){0,3} (?:full )?coverage\b"
    r"|\b(?:may|can) be reached at\b"
    r"|\bdownload (?:the|our) [\w ]{0,30}\bapp\b"
    r"|\bclick here\b"
    r"|^\W*(?:copyright\b|©)|\ball rights reserved\b",
    re.IGNORECASE,
)
# A call to action is a short block (in words, and in characters: one "word" of a megabyte is no
# call to action, and searching it would cost a second).
CALL_TO_ACTION_MAX_WORDS = 60
CALL_TO_ACTION_MAX_CHARS = 1000


@dataclass(slots=True)
class ExtractedPage:
    """What :func:`extract_html` found in one page."""

    text: str
    title: str | None = None
    published: str | None = None  # YYYY-MM-DD
    author: str | None = None
    site: str | None = None
    url: str | None = None
    language: str | None = None
    description: str | None = None
    # set when the text kept reads as no article (headlines, links) and no other candidate did better
    warning: str | None = None


def extract_html(html: str | bytes, url: str | None = None, origin: str = "<html>") -> ExtractedPage:
    """Extract the main article text and metadata of one HTML page.

    Raises :class:`~newsgraph.ingest.base.IngestError` when the page has no
    article text (or cannot be parsed at all).
    """
    tree = _parse(html)
    if tree is None:
        raise IngestError(origin, "no article text found in the HTML")
    meta = _metadata(tree, url)
    page_url = meta.get("url") or url
    _unwrap_embeds(tree)
    prepare_inline(tree)

    body = _extract_body(tree, page_url, rescue=False)
    if body is None or _body_length(body) < RESCUE_BELOW:
        rescued = _extract_body(tree, page_url, rescue=True)
        if rescued is not None and (body is None or _body_length(rescued) > _body_length(body)):
            body = rescued
    if body is None:
        raise IngestError(origin, "no article text found in the HTML")

    _filter_blocks(body, tree, meta.get("title"))
    paragraphs = _paragraphs(body)
    if prose_words(paragraphs) < POOR_BELOW:
        paragraphs = _recover(tree, page_url, meta.get("title"), paragraphs)
    if not paragraphs or _only_links(paragraphs, tree):
        raise IngestError(origin, "no article text found in the HTML")
    prose = prose_words(paragraphs)
    warning = (
        f"poor extraction: {prose} words of prose in {len(paragraphs)} paragraphs (headlines or links, not an article?)"
        if prose < NO_ARTICLE_BELOW
        else None
    )
    return ExtractedPage(
        text="\n\n".join(paragraphs),
        title=meta.get("title"),
        published=meta.get("date"),
        author=meta.get("author"),
        site=meta.get("site"),
        url=page_url,
        language=meta.get("language"),
        description=meta.get("description"),
        warning=warning,
    )


# --------------------------------------------------------------------------- parsing


def _parse(html: str | bytes) -> HtmlElement | None:
    from trafilatura.utils import load_html

    if isinstance(html, bytes | bytearray):
        if not bytes(html).strip():
            return None
    elif not html or not html.strip():
        return None
    try:
        tree = load_html(html)
    except (TypeError, ValueError):
        tree = None
    if tree is None:
        # trafilatura rejects fragments that do not mention <html>; wrap and retry.
        if isinstance(html, bytes | bytearray):
            html = bytes(html).decode("utf-8", errors="replace")
        if "<" not in html:
            return None
        try:
            tree = load_html(f"<html><body>{html}</body></html>")
        except (TypeError, ValueError):
            tree = None
    return tree


# --------------------------------------------------------------------------- metadata


def _metadata(tree: HtmlElement, url: str | None) -> dict[str, str | None]:
    from htmldate import find_date
    from trafilatura.metadata import examine_meta, extract_meta_json

    meta = examine_meta(tree)
    # trafilatura's JSON-LD reader can fail on odd JSON; the tags read so far still count.
    with contextlib.suppress(Exception):
        meta = extract_meta_json(tree, meta)
    title = _clean(meta.title) or _h1_or_title(tree)
    author = _author(meta.author) if meta.author and " " in meta.author.strip() else None
    if not author:
        author = _byline(tree)
    page_url = _canonical(tree) or _clean(meta.url) or url
    if page_url and not page_url.startswith(("http://", "https://")):
        page_url = url
    try:
        date = find_date(tree, extensive_search=False, original_date=True, url=page_url)
    except Exception:  # htmldate can raise on exotic markup; a missing date is fine
        date = None
    site = _clean(meta.sitename)
    if site:
        site = site.lstrip("@")
    return {
        "title": title,
        "author": author,
        "url": page_url,
        "date": date,
        "site": site or None,
        "language": _language(tree),
        "description": _clean(meta.description),
    }


def _clean(value: Any) -> str | None:
    if not value or not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None


def _h1_or_title(tree: HtmlElement) -> str | None:
    for h1 in tree.iter("h1"):
        text = _clean(h1.text_content())
        if text:
            return text
    el = tree.find(".//title")
    if el is not None:
        return _clean(el.text_content())
    return None


_BYLINE_XPATH = (
    './/*[@rel="author" or @itemprop="author" or contains(@class, "byline") or contains(@class, "author-name")]'
)


_BYLINE_PREFIX_RE = re.compile(
    r"^\W*+(?:(?:written|posted|published|story|words)\s++)?(?:by|von|par|por|oleh)\b\W*", re.I
)


def _author(value: str | None) -> str | None:
    """A name or names: no "By" prefix, no stray punctuation, no dates."""
    text = _clean(value)
    if not text:
        return None
    text = _BYLINE_PREFIX_RE.sub("", text).strip(" |,;:-–—")
    if not text or any(ch.isdigit() for ch in text) or "@" in text or len(text) > 120:
        return None
    return text


def _byline(tree: HtmlElement) -> str | None:
    for el in tree.xpath(_BYLINE_XPATH)[:5]:
        text = _author(el.get("content") or el.text_content())
        if text and 1 < len(text.split()) <= 6 and len(text) <= 80:
            return text
    return None


def _canonical(tree: HtmlElement) -> str | None:
    for link in tree.iterfind(".//head/link[@rel]"):
        if link.get("rel", "").lower() == "canonical":
            href = _clean(link.get("href"))
            if href and href.startswith(("http://", "https://")):
                return href
    return None


def _language(tree: HtmlElement) -> str | None:
    root = tree.getroottree().getroot()
    lang = root.get("lang") or root.get("xml:lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang")
    if not lang:
        for el in tree.iterfind(".//head/meta"):
            name = (el.get("http-equiv") or el.get("name") or el.get("property") or "").lower()
            if name in ("content-language", "language", "og:locale", "dc.language"):
                lang = el.get("content")
                if lang:
                    break
    if not lang:
        return None
    lang = lang.strip().split(",")[0].strip().replace("_", "-")
    return lang.lower() if re.fullmatch(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*", lang) else None


# --------------------------------------------------------------------------- text

# Standard markup of embedded social-media posts (Twitter/X, Instagram, TikTok, Facebook).
_EMBED_XPATH = (
    "//blockquote[contains(@class, 'twitter-tweet') or contains(@class, 'instagram-media')"
    " or contains(@class, 'tiktok-embed') or contains(@class, 'fb-xfbml-parse-ignore')]"
)


def _unwrap_embeds(tree: HtmlElement) -> None:
    """Lift embedded posts out of their "social"/"embed" wrappers.

    Quoted posts are part of the story (the statement the article reports),
    but the wrappers' class names are the ones boilerplate removal discards.
    The wrapper is replaced by the post when it holds nothing else of text.
    """
    for bq in tree.xpath(_EMBED_XPATH):
        wrapper = None
        node = bq
        while True:
            parent = node.getparent()
            if parent is None or parent.tag in ("body", "article", "main", "html"):
                break
            others = [
                c for c in parent if c is not node and isinstance(c.tag, str) and c.tag not in ("script", "style")
            ]
            if any(" ".join(c.text_content().split()) for c in others) or (parent.text or "").strip():
                break
            wrapper = parent
            node = parent
        if wrapper is not None:
            tail = wrapper.tail
            wrapper.addprevious(bq)
            bq.tail = tail
            wrapper.getparent().remove(wrapper)


def _recover(tree: HtmlElement, url: str | None, title: str | None, paragraphs: list[str]) -> list[str]:
    """A poor extraction (little prose) against the other candidates: trafilatura's full cascade, its
    recall mode, and the article body the page states in its JSON-LD.  A candidate with clearly more
    prose wins ("51 words of sidebar teasers" against a 309-word body); otherwise the first stands."""
    best, best_words = paragraphs, prose_words(paragraphs)
    candidates: list[list[str]] = []
    for rescue, recall in ((True, False), (False, True)):
        body = _extract_body(tree, url, rescue=rescue, recall=recall)
        if body is not None:
            _filter_blocks(body, tree, title)
            candidates.append(_paragraphs(body))
    candidates.append(jsonld_article_body(tree))
    for candidate in candidates:
        words = prose_words(candidate)
        if words >= max(best_words * BETTER_BY, best_words + 40):
            best, best_words = candidate, words
    return best


def _extract_body(tree: HtmlElement, url: str | None, rescue: bool, recall: bool = False) -> Any:
    from trafilatura import bare_extraction
    from trafilatura.settings import Extractor

    options = Extractor(
        output_format="xml",  # skips trafilatura's own text rendering: we render after filtering
        fast=not rescue,
        precision=not (rescue or recall),
        recall=recall,
        comments=False,
        tables=True,
        formatting=False,
        url=url,
    )
    try:
        doc = bare_extraction(tree, options=options)
    except Exception:  # extractor bugs on broken markup mean "nothing found"
        return None
    return None if doc is None else doc.body


def _body_length(body: Any) -> int:
    return len(" ".join("".join(body.itertext()).split()))


def _paragraphs(body: Any) -> list[str]:
    from trafilatura.xml import xmltotxt

    strip_tags(body, "ref")
    return [line for line in (" ".join(ln.split()) for ln in xmltotxt(body, False).split("\n")) if line]


def _key(text: str | None) -> str:
    return " ".join(_WORD_RE.findall((text or "").casefold()))


def _block_text(el: Any) -> str:
    return " ".join("".join(el.itertext()).split())


def _filter_blocks(body: Any, tree: HtmlElement, title: str | None) -> None:
    """Drop headline repeats, link teasers and trailing calls to action from ``body`` in place."""
    blocks = list(body)
    if not blocks:
        return
    texts = [_block_text(el) for el in blocks]
    drop: set[int] = set()

    # 1. The headline printed again (before the text, or between paragraphs as a page heading).
    headlines = _headline_keys(tree, title)
    for i, text in enumerate(texts):
        if _key(text) in headlines:
            drop.add(i)

    # 2. Link teasers: short blocks that are hyperlinks of the page ("related" headlines, link
    #    lists).  A lone linked line inside the article is kept (a product or a cross-reference);
    #    it is a teaser when labelled ("Related: ..."), when a run of them stands together, or
    #    when it is a list of two or more linked items.
    anchors: set[str] | None = None
    linked: dict[int, str] = {}  # block index -> "label" | "plain" | "list"
    for i, (el, text) in enumerate(zip(blocks, texts, strict=True)):
        if i in drop or not _teaser_shaped(text):
            continue
        items = [t for t in (_block_text(it) for it in el.iter("item")) if t] if el.tag == "list" else [text]
        if not items or not all(_teaser_shaped(t) for t in items):
            continue
        if anchors is None:
            anchors = _anchor_texts(tree)
        kinds = [_link_kind(t, anchors) for t in items]
        if not all(kinds):
            continue
        if el.tag == "list":
            if len(items) >= 2:
                linked[i] = "list"
        else:
            linked[i] = kinds[0]  # type: ignore[assignment]
    for i, kind in linked.items():
        if kind in ("label", "list") or linked.get(i - 1) == "plain" or linked.get(i + 1) == "plain":
            drop.add(i)

    # 3. Calls to action after the last paragraph of prose.
    for i in range(len(blocks) - 1, -1, -1):
        text = texts[i]
        if i in drop or not text:
            continue
        if (
            len(text) <= CALL_TO_ACTION_MAX_CHARS
            and len(text.split()) <= CALL_TO_ACTION_MAX_WORDS
            and _CALL_TO_ACTION_RE.search(text)
        ):
            drop.add(i)
            continue
        if _is_prose(text):
            break

    for i in sorted(drop, reverse=True):
        el = blocks[i]
        parent = el.getparent()
        if parent is not None:
            parent.remove(el)


_TITLE_SPLIT_RE = re.compile(r"(?<!\s)\s++[|–—·:»-]{1,2}\s+")


def _headline_keys(tree: HtmlElement, title: str | None) -> set[str]:
    """Comparison keys of the page's headline: metadata title, ``<title>`` minus the site name, ``<h1>``."""
    candidates = [title or ""]
    el = tree.find(".//title")
    if el is not None:
        full = el.text_content()
        candidates.append(full)
        parts = _TITLE_SPLIT_RE.split(full)
        if len(parts) > 1:
            candidates.append(max(parts, key=len))
    candidates.extend(h1.text_content() for h1 in tree.iter("h1"))
    return {k for k in (_key(c) for c in candidates) if len(k.split()) >= 2}


def _is_prose(text: str) -> bool:
    words = text.split()
    return len(words) >= 12 or (len(words) >= 6 and text.endswith(_SENTENCE_END))


def _only_links(paragraphs: list[str], tree: HtmlElement) -> bool:
    """Every paragraph is the text of a link: navigation picked up from a page without an article
    (a few words of it, or a whole menu of short link lines)."""
    anchors = _anchor_texts(tree)
    if sum(len(p.split()) for p in paragraphs) > TEASER_MAX_WORDS and not all(
        len(p.split()) <= TEASER_MAX_WORDS for p in paragraphs
    ):
        return False
    return all(_key(p) in anchors for p in paragraphs)


def _anchor_texts(tree: HtmlElement) -> set[str]:
    out: set[str] = set()
    for a in tree.iter("a"):
        href = (a.get("href") or "").strip()
        if not href or href.startswith(("#", "javascript:")):
            continue  # in-page anchors: a table of contents repeats the article's own headings
        key = _key(a.text_content())
        if key:
            out.add(key)
    return out


def _teaser_shaped(text: str) -> bool:
    """Short and not ending like a sentence or a lead-in."""
    return bool(text) and len(text.split()) <= TEASER_MAX_WORDS and not text.endswith(_SENTENCE_END + (":",))


def _link_kind(text: str, anchors: set[str]) -> str | None:
    """ "plain" when ``text`` is a link's text, "label" for "Label: <a headline link>", else None."""
    key = _key(text)
    if not key:
        return None
    if key in anchors:
        return "plain"
    m = _LABEL_RE.match(text)
    if not m:
        return None
    rest = text[m.end() :]
    if "://" in rest or "www." in rest or len(_WORD_RE.findall(rest)) < 3:
        return None
    return "label" if _key(rest) in anchors else None
