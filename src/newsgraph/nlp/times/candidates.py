"""Finding candidate temporal expressions in text: the compiled patterns, trigger windows and plausibility checks."""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsgraph.nlp.times.lexicon import _Grammar, _grammar


@dataclass(slots=True)
class Candidate:
    start: int
    end: int
    kind: str


_YEAR_ONLY_RE = re.compile(r"^(?:1[0-9]|20)\d\d$")
_UNIT_HEAD_RE = re.compile(r"^(?:the\s+)?(?:year|month|week|day|quarter|period|decade|century)$", re.I)


# How far a match may reach from the trigger word it holds (characters).
WINDOW = 90


def _trigger_windows(text: str, g: _Grammar) -> dict[str, list[tuple[int, int]]]:
    """For each pattern kind, the stretches of ``text`` around its trigger words, merged."""
    hits: dict[str, list[tuple[int, int]]] = {}
    word_kinds = g.word_kinds
    for m in g.word_re.finditer(text):
        w = m.group().lower().replace("’", "'")
        ks = word_kinds.get(w) or word_kinds.get(w.rstrip("'"))
        if ks:
            for k in ks:
                hits.setdefault(k, []).append(m.span())
    for kind, rx in g.digit_triggers:
        for m in rx.finditer(text):
            hits.setdefault(kind, []).append(m.span())
    n = len(text)
    out: dict[str, list[tuple[int, int]]] = {}
    for kind, spans in hits.items():
        spans.sort()
        merged: list[list[int]] = []
        for a, b in spans:
            s, e = max(0, a - WINDOW), min(n, b + WINDOW)
            while e < n and (text[e].isalnum() or text[e] in "-'’."):
                e += 1
            if merged and s <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], e)
            else:
                merged.append([s, e])
        out[kind] = [(s, e) for s, e in merged]
    return out


def find_candidates(text: str, grammar: _Grammar | None = None, *, windowed: bool = True) -> list[Candidate]:
    """Temporal expressions in ``text`` (spans, TimeML conventions), without overlaps, in text order."""
    g = grammar or _grammar()
    found: list[Candidate] = []
    by_kind = _trigger_windows(text, g) if windowed else {}
    for kind, pattern in g.patterns:
        windows = by_kind.get(kind, []) if windowed else [(0, len(text))]
        for m in (m for ws, we in windows for m in pattern.finditer(text, ws, we)):
            start, end = (m.start("x"), m.end("x")) if "x" in pattern.groupindex and m.group("x") else m.span()
            span = text[start:end]
            # a closing bracket only with its opening one ("Tuesday (26/9/2023)")
            if span.endswith(")") and "(" not in span:
                end -= 1
                span = span[:-1].rstrip()
                end = start + len(span)
            if not span.strip() or not _plausible(text, start, end, kind, g):
                continue
            found.append(Candidate(start, end, kind))
    # longest first, then earliest; keep what does not overlap a kept span
    found.sort(key=lambda c: (-(c.end - c.start), c.start))
    kept: list[Candidate] = []
    taken = bytearray(len(text))  # characters already in a kept span
    for c in found:
        if 1 in taken[c.start : c.end]:
            continue
        kept.append(c)
        taken[c.start : c.end] = b"\x01" * (c.end - c.start)
    kept.sort(key=lambda c: c.start)
    return kept


def _plausible(text: str, start: int, end: int, kind: str, g: _Grammar) -> bool:
    span = text[start:end]
    low = span.lower()
    before = text[max(0, start - 24) : start]
    after = text[end : end + 24]
    if kind == "year" and _YEAR_ONLY_RE.match(span):
        # a bare four-digit number: not money, a count, a model number or part of a bigger number
        if g.number_before_re.search(before) or re.match(r"^(?:\s*%|\s*(?:percent|per\s+cent)\b|[.,]\d|-\d)", after):
            return False
        if re.search(r"\d[,.]?\s*$", before):
            return False
        y = int(span)
        if not 1800 <= y <= 2099:
            return bool(re.search(r"\b(?:in|since|until|by|of|from|during|before|after|around|year)\s+$", before, re.I))
    if kind in ("month", "date", "season") or kind == "month":
        # "May" the modal, "march" the noun: a month only beside a day or year, or after a date word
        words = re.findall(r"[A-Za-z]+", span)
        if words:
            last = words[-1].lower()
            if len(words) == 1 and last in g.lex.ambiguous_months and not any(ch.isdigit() for ch in span):
                if not (g.ambiguous_month_re.search(before) or g.after_month_ok_re.match(after)):
                    return False
                if (
                    last == "may"
                    and before.rstrip().endswith((".", "!", "?", "\n"))
                    and not g.after_month_ok_re.match(after)
                ):
                    return False
    if kind in ("season", "duration", "ago", "relative", "vague") and _inside_name(text, start, end, g):
        return False
    if kind == "season" and re.fullmatch(r"(?:the\s+)?(?:fall|spring)", low) and re.match(r"^\s+of\s+(?!\d)", after):
        # "the fall of the Berlin Wall", "the fall of Kabul": the noun, not the season ("the fall of 2016" is)
        return False
    if kind == "season" and low in ("fall", "spring"):
        # the verbs and nouns "fall", "spring": a season only with "this/last/next/the" or a year
        return False
    if kind in ("duration", "ago"):
        # ages ("52 years old", "a 136-year-old firm") are not times
        if re.match(r"^[- ]?(?:old|-old)\b", after.lower()) or low.endswith("-old"):
            return False
        # "a day" / "one day" alone, "the first day of": too vague or not a time
        if re.fullmatch(r"(?:an?|one)\s+(?:second|minute|night)", low):
            return False
    if (
        kind == "relative"
        and _UNIT_HEAD_RE.match(span)
        and re.search(r"\b(?:of|per)\s+$", before, re.I)
        and not re.search(r"\b(?:end|rest|start|beginning)\s+of\s+$", before, re.I)
    ):
        # "the year" / "the day" after "of": "the man of the year" is not a time
        return False
    if kind == "dayref" and span[:1].isupper() and re.search(r"(?<![.!?:;\"“])\s[A-Z][\w.&'-]*[\w&'-]\s+$", before):
        # "Russia Today", "USA Today", "VOA Today": a name, not the day
        return False
    if kind == "vague":
        # "as soon as they land", "soon after the vote": a conjunction, not a time
        if low == "soon" and (re.search(r"\bas\s+$", before, re.I) or re.match(r"^\s+(?:after|before|as)\b", after)):
            return False
        # "the future of NATO", "the past of the region": a noun, not a time
        if low in ("the future", "the past") and re.match(r"^\s+of\b", after):
            return False
    if (
        kind in ("duration", "ago", "set")
        and re.search(r"quarters?$", low)
        and (re.match(r"^\s+of\b", after) or re.fullmatch(r"(?:.*\s)?(?:an?|one)\s+quarter|[a-z]+-quarters?", low))
    ):
        # "three-quarters of its food", "more than a quarter of the market": a fraction
        return False
    # "$2 million a year", "four flights a week": a rate, which TimeBank leaves unmarked
    return not (
        kind == "duration"
        and re.fullmatch(r"(?:an?|one|per)\s+(?:year|month|week|day|hour|quarter)", low)
        and _RATE_BEFORE_RE.search(before)
    )


_NAME_NEXT_RE = re.compile(r"^[ -]([A-Z][a-z]+)")
_NAME_PREV_RE = re.compile(r"(?<![.!?:;\"“])\s([A-Z][a-z]+)\s$")


def _inside_name(text: str, start: int, end: int, g: _Grammar) -> bool:
    """A capitalised time word that is part of a proper name: "the Six-Day War", "the Spring Festival",
    "the Arab Spring".  A following month or weekday ("Spring 2016", "Summer Monday") keeps it a time."""
    words = re.findall(r"[A-Za-z]+", text[start:end])
    if not words or not words[-1][:1].isupper():
        return False
    nxt = _NAME_NEXT_RE.match(text[end : end + 30])
    if nxt and not _time_word(nxt.group(1), g):
        return True
    prv = _NAME_PREV_RE.search(text[max(0, start - 30) : start])
    return len(words) == 1 and prv is not None and not _time_word(prv.group(1), g)


def _time_word(word: str, g: _Grammar) -> bool:
    w = word.lower()
    lex = g.lex
    return w in lex.months or w in lex.weekdays or w in lex.seasons or w in lex.day_parts or w in lex.holidays


# ---------------------------------------------------------------------------
# calendar arithmetic


_RATE_BEFORE_RE = re.compile(
    r"(?:[$€£¥]\s?[\d.,]+(?:\s*(?:million|billion|thousand|[mbk]n?))?|\d\s*%|percent|cents?|\d)\s*$", re.I
)
