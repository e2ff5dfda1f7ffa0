"""Long documents analysed in sections, and the per-document time budget of the NLP.

spaCy refuses texts longer than ``nlp.max_length`` (1,000,000 characters,
error E088) because the parser and NER need about a gigabyte per 100,000
characters.  A longer article is cut at paragraph boundaries into sections of
at most :data:`SECTION_CHARS` characters; each section is analysed on its own
(one at a time, so memory stays that of one section) and what the stages
found is moved back to the document's offsets.  Relations that cross a
section boundary (a pronoun whose antecedent is in the previous section) are
lost; that is the price of analysing such a text at all.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from spacy.language import Language

from newsgraph.model import Document, Evidence, Forecast, Mention, Statement, TimeExpr

# The largest section analysed in one piece (characters).
SECTION_CHARS = 100_000
_PARAGRAPH = re.compile(r"\n\s*\n")
_LINE = re.compile(r"\n")
_SENTENCE = re.compile(r"(?<=[.!?])\s+")
_SPACE = re.compile(r"\s+")


def sections(text: str, size: int = SECTION_CHARS) -> Iterator[tuple[int, int]]:
    """``(start, end)`` spans that cover ``text`` in order, each at most ``size`` characters.

    A span ends at the last paragraph break that fits, else the last line
    break, sentence end or space, and only as a last resort in mid-word.
    """
    start, n = 0, len(text)
    while start < n:
        if n - start <= size:
            yield start, n
            return
        end = start + size
        cut = None
        for pattern in (_PARAGRAPH, _LINE, _SENTENCE, _SPACE):
            # the last boundary in the second half of the window
            found = None
            for m in pattern.finditer(text, start + size // 2, end):
                found = m
            if found is not None:
                cut = found.end()
                break
        cut = cut if cut is not None and cut > start else end
        yield start, cut
        start = cut


def annotate_long(document: Document, nlp: Language, make_doc) -> None:
    """Analyse ``document`` section by section and set its results, offsets relative to its text.

    ``make_doc(document, text)`` builds a ``Doc`` for one section carrying the
    document's metadata (date, credited source).
    """
    results: dict[str, list] = {"mentions": [], "actors": [], "times": [], "events": [], "statements": []}
    forecasts: list[Forecast] = []
    seen: dict[str, set[str]] = {"actors": set(), "events": set(), "statements": set(), "forecasts": set()}
    for start, end in sections(document.text, min(SECTION_CHARS, nlp.max_length)):
        doc = nlp(make_doc(document, document.text[start:end]))
        results["mentions"] += [_shift_span(m, start) for m in doc._.mentions or []]
        results["times"] += [_shift_span(t, start) for t in doc._.times or []]
        for actor in doc._.actors or []:
            if actor.id not in seen["actors"]:
                seen["actors"].add(actor.id)
                results["actors"].append(actor)
        for event in doc._.events or []:
            if event.id not in seen["events"]:
                seen["events"].add(event.id)
                results["events"].append(replace(event, evidence=_shift_span(event.evidence, start)))
        for statement in doc._.statements or []:
            if statement.id not in seen["statements"]:
                seen["statements"].add(statement.id)
                results["statements"].append(_shift_span(statement, start))
        for forecast in doc._.forecasts or []:
            if forecast.id not in seen["forecasts"]:
                seen["forecasts"].add(forecast.id)
                forecasts.append(replace(forecast, statement=[_shift_dict(s, start) for s in forecast.statement]))
        del doc
    document.mentions = results["mentions"]
    document.actors = results["actors"]
    document.times = results["times"]
    document.events = results["events"]
    document.statements = results["statements"]
    document.forecasts = forecasts


def _shift_span(record: Mention | TimeExpr | Statement | Evidence, by: int):
    return replace(record, start=record.start + by, end=record.end + by)


def _shift_dict(part: dict, by: int) -> dict:
    out = dict(part)
    for key in ("start", "end"):
        if isinstance(out.get(key), int):
            out[key] += by
    return out
