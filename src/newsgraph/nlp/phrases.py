"""Phrase-matcher patterns from a compiled cache.

A :class:`~spacy.matcher.PhraseMatcher` matches on one hash per token (the ``LOWER`` or ``ORTH``
of each token of a pattern).  Tokenizing the ~16,000 names, aliases and titles of the knowledge
base to get them took ~2 s at every start (most of the actor stage's constructor), yet the result
only changes with the strings or the tokenizer.  :func:`pattern_hashes` keeps it in the compiled
cache of :mod:`newsgraph.kb.cache`, keyed by a hash of the strings, of the tokenizer's rules
(``Tokenizer.to_bytes`` without the vocabulary: prefixes, suffixes, infixes, special cases,
token and URL matches), of the language and of the spaCy version; the matcher's ``add`` takes
the hash tuples as it takes ``Doc`` objects (``PhraseMatcher`` pickles its patterns the same
way), so what matches is unchanged.  Any miss, a corrupt file or a cache turned off builds the
patterns with the tokenizer as before.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

import spacy
from spacy.language import Language

from newsgraph.kb.cache import cached

ATTRS = ("LOWER", "ORTH")


def pattern_hashes(nlp: Language, name: str, strings: Iterable[str], attr: str) -> list[tuple[int, ...]]:
    """One tuple of token hashes (``attr`` of each token) per string, in the order given;
    strings that tokenize to nothing are left out."""
    if attr not in ATTRS:
        raise ValueError(f"attr must be one of {ATTRS}, not {attr!r}")
    strings = list(strings)
    digest = hashlib.sha256()
    for s in strings:
        digest.update(s.encode("utf-8", "surrogatepass") + b"\0")
    try:
        rules = hashlib.sha256(nlp.tokenizer.to_bytes(exclude=["vocab"])).hexdigest()
    except Exception:  # a custom tokenizer that cannot serialise itself: never cached
        return _build(nlp, strings, attr)
    extra = (attr, nlp.lang or "", spacy.__version__, rules, digest.hexdigest())
    return cached(f"phrases-{name}", [], lambda: _build(nlp, strings, attr), *extra)


def _build(nlp: Language, strings: list[str], attr: str) -> list[tuple[int, ...]]:
    lower = attr == "LOWER"
    return [tuple(t.lower if lower else t.orth for t in doc) for doc in nlp.tokenizer.pipe(strings) if len(doc)]
