"""Signs that a main-text extraction went wrong, and the page's own statement of its article.

A page whose extraction kept a few teaser lines and lost the article says so
itself: the text holds little prose (sentences in paragraphs), while the
page's JSON-LD ``articleBody`` (schema.org ``NewsArticle``), or the same page
extracted with other settings, holds much more.  :func:`prose_words` measures
the first; :func:`jsonld_article_body` reads the second.  The choice between
candidates is made in :mod:`newsgraph.ingest.html`.
"""

from __future__ import annotations

import html as html_lib
import json
import re
from typing import Any

from lxml.html import HtmlElement

# An extraction with fewer words of prose than this is compared with other candidates.
POOR_BELOW = 150
# A candidate replaces it only with this many times its words of prose (and 40 words more).
BETTER_BY = 1.5
# A text kept with fewer words of prose than this is flagged: it reads as no article.
NO_ARTICLE_BELOW = 40

_SENTENCE_END = tuple('.!?…"”’»)')
_TAG_RE = re.compile(r"<[^>]{0,400}>")


def prose_words(paragraphs: list[str]) -> int:
    """Words in paragraphs that read as prose: twelve words or more, or six ending like a sentence."""
    total = 0
    for p in paragraphs:
        words = p.split()
        if len(words) >= 12 or (len(words) >= 6 and p.endswith(_SENTENCE_END)):
            total += len(words)
    return total


def jsonld_article_body(tree: HtmlElement) -> list[str]:
    """The longest ``articleBody`` of the page's JSON-LD, as paragraphs (empty when there is none)."""
    best = ""
    for script in tree.iter("script"):
        if "ld+json" not in (script.get("type") or "").lower():
            continue
        try:
            data = json.loads(script.text or "")
        except (ValueError, RecursionError):
            continue  # broken JSON-LD is common; it says nothing
        for body in _article_bodies(data, 0):
            if len(body) > len(best):
                best = body
    if not best:
        return []
    text = html_lib.unescape(_TAG_RE.sub("\n", best))
    return [line for line in (" ".join(ln.split()) for ln in text.splitlines()) if line]


def _article_bodies(data: Any, depth: int) -> list[str]:
    if depth > 8:
        return []
    if isinstance(data, dict):
        out = [data["articleBody"]] if isinstance(data.get("articleBody"), str) else []
        for value in data.values():
            if isinstance(value, dict | list):
                out += _article_bodies(value, depth + 1)
        return out
    if isinstance(data, list):
        return [b for item in data[:50] for b in _article_bodies(item, depth + 1)]
    return []
