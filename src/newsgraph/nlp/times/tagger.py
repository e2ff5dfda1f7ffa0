"""The text-level tagger (no spaCy needed): date order, tagging a whole text in context, and clause
tense from a parse.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from newsgraph.nlp.times.candidates import Candidate, find_candidates
from newsgraph.nlp.times.expressions import normalise
from newsgraph.nlp.times.lexicon import TimeMention, Timex, _grammar

# ---------------------------------------------------------------------------
# the text-level tagger (no spaCy needed)


def detect_date_order(text: str, default: str = "DMY") -> str:
    """How this text writes numeric dates: "DMY" or "MDY" (its unambiguous dates decide)."""
    g = _grammar()
    dmy = mdy = 0
    if g.named_mdy_re is None:
        g.named_mdy_re = re.compile(rf"{g.MONTH}\s*\d{{1,2}}(?!\d)", re.I)
        g.named_dmy_re = re.compile(rf"(?<!\d)\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{g.MONTH}", re.I)
    for m in re.finditer(r"(?<![\d/.-])(\d{1,2})[/.-](\d{1,2})[/.-](\d{2,4})(?![\d/.-]\d)", text):
        a, b = int(m.group(1)), int(m.group(2))
        if a > 12 >= b:
            dmy += 1
        elif b > 12 >= a:
            mdy += 1
    if dmy != mdy:
        return "DMY" if dmy > mdy else "MDY"
    named_mdy = len(g.named_mdy_re.findall(text))
    named_dmy = len(g.named_dmy_re.findall(text))
    if named_mdy != named_dmy:
        return "MDY" if named_mdy > named_dmy else "DMY"
    return default


def tag_text(
    text: str,
    anchor: dt.date | str | None,
    *,
    tenses: list[str | None] | None = None,
    mains: list[bool] | None = None,
    date_order: str = "auto",
    candidates: list[Candidate] | None = None,
) -> list[TimeMention]:
    """Find and normalise every temporal expression of ``text``.

    ``tenses`` (one per candidate, if known): the tense of each candidate's
    clause; ``mains``: whether each candidate attaches to a main clause (the
    antecedent that "at the time" prefers).
    """
    if isinstance(anchor, str):
        anchor = _parse_anchor(anchor)
    cands = candidates if candidates is not None else find_candidates(text)
    # the document's habit matters only for an ambiguous numeric date
    order = date_order
    if date_order == "auto":
        order = detect_date_order(text) if any(c.kind == "numeric" for c in cands) else "DMY"
    out: list[TimeMention] = []
    previous: Timex | None = None
    # earlier dates: (timex, attached to a main clause)
    history: list[tuple[Timex, bool]] = []
    prev_end: int | None = None
    period: Timex | None = None  # the last quarter / half / month / season named
    period_end = 0
    for i, c in enumerate(cands):
        tense = tenses[i] if tenses is not None else None
        span = text[c.start : c.end]
        prev = previous
        if c.kind == "anaphor":
            prev = _antecedent(history, anchor, tense)
        elif c.kind in ("ago", "yearago"):
            # a comparison ("a year earlier") is with the period named just before it
            prev = period if period is not None and c.start - period_end <= COMPARISON_REACH else None
            if (
                prev is None
                and previous is not None
                and prev_end is not None
                and c.start - prev_end <= COMPARISON_REACH
            ):
                prev = previous
        res = _normalise_in_context(text, c, span, anchor, prev, tense, order)
        if res is None and anchor is None:
            # no document date: "last year" is still a time, with no value
            probe = _normalise_in_context(text, c, span, _PROBE_DAY, prev, tense, order)
            if probe is not None:
                res = Timex(None if probe.value and probe.value[:1].isdigit() else probe.value, probe.type, probe.mod)
        if res is None:
            continue
        out.append(
            TimeMention(
                text=span,
                start=c.start,
                end=c.end,
                value=res.value,
                begin=res.begin,
                finish=res.finish,
                type=res.type,
                mod=res.mod,
                precision=res.precision,
                tense=tense,
            )
        )
        if (
            res.type in ("DATE", "TIME")
            and res.value
            and res.value[:1].isdigit()
            and c.kind != "anaphor"
            and not _COMPARISON_RE.search(span)
        ):
            # the focus of the text: what "the quarter", "that year", "a year earlier" count from
            # ("a year earlier" itself is a comparison, not a new focus)
            previous = res
            prev_end = c.end
            if res.precision in ("quarter", "half", "month", "season"):
                period, period_end = res, c.end
            history.append((res, mains[i] if mains is not None else True))
    return out


_PROBE_DAY = dt.date(2000, 6, 15)
# "a year earlier" compares with the period named just before it, if that is near
COMPARISON_REACH = 400
_COMPARISON_RE = re.compile(
    r"year[- ](?:ago|earlier)|\b(?:a|one)\s+year\s+(?:ago|earlier|before)|\blast\s+year's|\bprevious\s+year's", re.I
)


def _antecedent(history: list[tuple[Timex, bool]], anchor: dt.date | None, tense: str | None) -> Timex | None:
    """What "at the time" / "then" refers to: the last earlier date of a main clause, not after the
    document date when the clause is in the past; else the last earlier date."""
    if not history:
        return None
    iso = anchor.isoformat() if anchor else None

    def fits(t: Timex) -> bool:
        return not (tense == "past" and iso and t.begin and t.begin > iso)

    for want_main in (True, False):
        for t, main in reversed(history):
            if fits(t) and (main or not want_main):
                return t
    return history[-1][0]


def _normalise_in_context(
    text: str,
    c: Candidate,
    span: str,
    anchor: dt.date | None,
    previous: Timex | None,
    tense: str | None,
    order: str,
) -> Timex | None:
    return normalise(span, anchor, previous=previous, tense=tense, date_order=order)


def _parse_anchor(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


# ---------------------------------------------------------------------------
# tense of the clause (from the parse)

_FUTURE_AUX = {"will", "'ll", "shall", "wo", "ll"}
# governors of an infinitive that look ahead ("plans to", "is expected to", "set to", "due to")
_PROSPECTIVE_RE = re.compile(
    r"^(?:plan|expect|intend|schedul|set$|due$|hope|promis|aim|want|prepar|decid|vote|threaten|pledge|vow|likely|"
    r"going$|ready|poised|propos|seek|try|tries|agree|wish|await|resolv|determin)"
)


def clause_tense(doc: Any, start: int, end: int) -> str | None:
    """The tense of the clause around ``doc.text[start:end]``: "past", "present", "future" or None."""
    return clause_of(doc, start, end)[0]


def clause_of(doc: Any, start: int, end: int) -> tuple[str | None, bool]:
    """(tense, attached to a main clause) for the expression at ``doc.text[start:end]``."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None, True
    # from the expression up to the verb it modifies, through prepositions and coordination only:
    # a time attached to a noun or an adjective ("payable Dec. 7", "the meeting on Monday") has no tense
    root = span.root
    tok = root
    for _ in range(6):
        if tok.pos_ in ("VERB", "AUX") and tok.dep_ not in ("aux", "auxpass"):
            break
        if tok.head.i == tok.i:
            return None, True
        if tok.i != root.i and tok.pos_ != "ADP" and tok.dep_ not in ("conj", "appos", "prep"):
            if tok.pos_ == "ADJ" and _PROSPECTIVE_RE.match(tok.lower_):
                return "future", False  # "due in May", "likely by June"
            return None, True
        tok = tok.head
    if tok.pos_ not in ("VERB", "AUX"):
        return None, True
    main = tok.dep_ == "ROOT" or (tok.dep_ == "conj" and tok.head.dep_ == "ROOT")
    return _verb_tense(tok, 0), main


def _verb_tense(v: Any, depth: int) -> str | None:
    auxes = [c for c in v.children if c.dep_ in ("aux", "auxpass")]
    for a in auxes:
        if a.lower_ in _FUTURE_AUX:
            return "future"
        if a.tag_ == "MD":
            return "future"
    if any(c.dep_ == "xcomp" for c in v.children) and v.lower_ == "going":
        return "future"
    passive_infinitive = v.tag_ == "VBN" and any(a.lower_ == "be" and a.tag_ == "VB" for a in auxes)
    if (v.tag_ == "VB" or passive_infinitive) and any(a.lower_ == "to" for a in auxes):
        # an infinitive looks ahead from its governor: "is scheduled to close Monday", "is to resume Tuesday",
        # "plans to meet in May"; after a past governor ("agreed to meet Monday") it may be either
        gov = v.head
        if gov.i != v.i and depth < 3 and gov.pos_ in ("VERB", "AUX", "ADJ"):
            t = _verb_tense(gov, depth + 1) if gov.pos_ != "ADJ" else None
            if t in ("future", "present"):
                return "future"
            if _PROSPECTIVE_RE.match(gov.lower_):
                # "set to resume Monday" looks ahead; "had been scheduled to expire Friday",
                # "was due to end Tuesday" looked ahead from a past that may be over
                gov_auxes = [c for c in gov.children if c.dep_ in ("aux", "auxpass")]
                if gov.tag_ == "VBD" or any(a.tag_ == "VBD" or a.lower_ in ("had", "'d") for a in gov_auxes):
                    return None
                return "future"
            return None
        return None
    tags = {v.tag_} | {a.tag_ for a in auxes}
    if v.tag_ == "VBD" or "VBD" in tags:
        return "past"
    if v.tag_ == "VBN":
        if any(a.lower_ in ("has", "have", "'ve", "'s", "had", "'d") for a in auxes):
            return "past"
        if not auxes:
            return "past"
    if v.tag_ in ("VBZ", "VBP") or tags & {"VBZ", "VBP"}:
        return "present"
    if v.tag_ == "VBG" and depth < 3 and v.head.i != v.i and v.head.pos_ in ("VERB", "AUX"):
        return _verb_tense(v.head, depth + 1)
    return None
