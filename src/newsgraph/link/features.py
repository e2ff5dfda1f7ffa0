"""Story features: what a document is about, as weighted keys, without running spaCy.

A story is told by its names, its numbers and its content words; two reports of the same
kind of happening (two earthquakes, two arrests by the same police) share the content words
and differ in names, places, dates and numbers, so those weigh more.  Keys:

* ``w:<word>`` content words (lower case, function words out, plural -s off);
* ``n:<name>`` capitalised words and runs of them inside sentences (names, places);
* ``#:<number>`` numbers (casualties, magnitudes, years);
* ``a:<actor id>`` and ``t:<event type>`` when the NLP stages resolved actors and coded events;
* ``d:<YYYY-MM>`` dates the time stage normalised (the month the story is about).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources

from newsgraph.model import Document

# How much one occurrence of a key weighs against a content word's.
KIND_WEIGHTS = {"w": 1.0, "n": 2.0, "#": 1.5, "a": 2.0, "t": 1.0, "d": 1.5}

_TOKEN = re.compile(r"[A-Za-z][\w'’.-]*[A-Za-z0-9]|[A-Za-z]|\d[\d,.]*\d|\d")
_SENTENCE_END = re.compile(r"[.!?:;\"“”]$")


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    text = resources.files("newsgraph.link").joinpath("data/stopwords.txt").read_text("utf-8")
    return frozenset(w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#"))


def text_features(text: str) -> Counter[str]:
    """Keys of the words, names and numbers of a text (see the module docstring)."""
    stop = stopwords()
    out: Counter[str] = Counter()
    for line in text.splitlines():
        run: list[str] = []
        first = True
        for m in _TOKEN.finditer(line):
            tok = m.group().replace("’", "'")
            low = tok.lower()
            if tok[0].isdigit():
                out["#:" + tok.replace(",", "")] += 1
                _flush(run, out)
            elif tok[0].isupper() and not first and low not in stop:
                run.append(low)
            else:
                _flush(run, out)
            if tok[0].isalpha() and low not in stop and len(low) > 2:
                out["w:" + _stem(low)] += 1
            first = bool(_SENTENCE_END.search(tok)) or line[m.end() : m.end() + 1] in ".!?"
        _flush(run, out)
    return out


def _flush(run: list[str], out: Counter[str]) -> None:
    if run:
        for word in run:
            out["n:" + word] += 1
        if len(run) > 1:
            out["n:" + "_".join(run)] += 1
        run.clear()


def _stem(word: str) -> str:
    # Deliberately crude (plurals and the possessive only): a stemmer would need a library we do
    # not ship, and names must survive intact.
    word = word.removesuffix("'s")
    if len(word) > 4 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def document_features(doc: Document) -> Counter[str]:
    """Text keys plus the resolved actors, the coded event types and the months the times name."""
    feats = text_features("\n".join(filter(None, [doc.title, doc.text])))
    actors: Iterable[str] = (m.actor_id for m in doc.mentions if m.actor_id)
    feats.update("a:" + a for a in actors)
    for ev in doc.events:
        if ev.counts_as_new():
            feats["t:" + ev.type] += 1
    for t in doc.times:
        if t.value and re.match(r"^\d{4}-\d{2}", t.value):
            feats["d:" + t.value[:7]] += 1
    return feats
