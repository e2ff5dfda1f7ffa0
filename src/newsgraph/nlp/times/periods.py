"""Named dates, quarters, relative periods ('the next two years') and anaphors ('that year', 'at the time')."""

from __future__ import annotations

import datetime as dt
import re

from newsgraph.nlp.times.context import _LEADING_PREP_RE, _Ctx, _date_result, _vague_result
from newsgraph.nlp.times.lexicon import Timex
from newsgraph.nlp.times.placing import _place, _year
from newsgraph.nlp.times.points import _GRAN_ORDER, _UNIT_OF_GRAN, _coarsen, _month_end, _Point


def _named_date(wd_word: str | None, month: int, day: int | None, rest: str | None, ctx: _Ctx) -> _Point | None:
    lex = ctx.lex
    if day is None or not 1 <= day <= 31:
        return None
    if wd_word and wd_word not in lex.weekdays and wd_word not in ("yesterday", "today", "tomorrow", "the"):
        return None
    if rest:
        y = _year(rest, ctx)
        if y is None:
            return None
    else:
        y = None
        if wd_word in lex.weekdays and ctx.anchor is not None:
            # the year in which that day is that weekday, nearest the document date
            for cand in sorted(
                (ctx.anchor.year, ctx.anchor.year - 1, ctx.anchor.year + 1), key=lambda c: c != ctx.anchor.year
            ):
                try:
                    if dt.date(cand, month, day).weekday() == lex.weekdays[wd_word]:
                        y = cand
                        break
                except ValueError:
                    continue
        if y is None:
            y = _place(month, day, ctx)
        if y is None:
            return None
    try:
        d = dt.date(y, month, day)
    except ValueError:
        return None
    return _Point.of(d, "day")


_QUARTER_ORD = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
_QUARTER_RE = re.compile(
    r"^(?:(the|a|this|last|next|that|the same|this year's|last year's|next year's|the \d{4}|"
    r"the year-(?:ago|earlier))\s+)?"
    r"((?:(?:fiscal|calendar|latest|current|comparable|corresponding|same|year-ago|year-earlier|\d{4})[- ]\s*)*)"
    r"(first|second|third|fourth|1st|2nd|3rd|4th|final|last|latest|current|comparable)?[- ]?(?:fiscal[- ])?"
    r"(quarter|half|period)s?"
    r"(?:\s+(a year (?:ago|earlier)|(?:of\s+)?last year)|\s+of\s+(?:fiscal\s+)?(.+))?$"
)


def _quarter(t: str, ctx: _Ctx) -> _Point | None:
    m = re.fullmatch(r"([qh])([1-4])(?:\s*(?:of\s+)?(?:fy\s?)?(.+))?", t)
    if m:
        if m.group(1) == "h" and m.group(2) not in ("1", "2"):
            return None
        ordinal = {"1": "first", "2": "second", "3": "third", "4": "fourth"}[m.group(2)]
        noun = "quarter" if m.group(1) == "q" else "half"
        rest = m.group(3)
        if rest and re.fullmatch(r"\d\d", rest):
            rest = "'" + rest
        return _quarter(f"the {ordinal} {noun}" + (f" of {rest}" if rest else ""), ctx)
    m = _QUARTER_RE.match(t)
    if not m:
        m2 = re.fullmatch(r"(?:the\s+)?(first|last)\s+(two|three)\s+quarters\s+of\s+(.+)", t)
        if m2:
            y = _year(m2.group(3), ctx)
            if y is None:
                return None
            if m2.group(2) == "two":
                return _Point("half", y, sub=1 if m2.group(1) == "first" else 2)
        return None
    det, adjs, ordinal, noun, ago, of_year = m.groups()
    a = ctx.anchor
    prev = ctx.prev_point
    adjs = adjs or ""
    year_shift = 0
    if det in ("last year's",) or "year-ago" in adjs or "year-earlier" in adjs or "year-" in (det or "") or ago:
        year_shift = -1
    if det == "next year's":
        year_shift = 1
    explicit_year = None
    ym = re.search(r"(\d{4})", (det or "") + " " + adjs)
    if ym:
        explicit_year = int(ym.group(1))
    if of_year:
        if of_year in ("this year", "the year"):
            explicit_year = a.year if a else None
        elif of_year == "last year":
            explicit_year = a.year - 1 if a else None
        elif of_year == "next year":
            explicit_year = a.year + 1 if a else None
        else:
            explicit_year = _year(of_year, ctx)
        if explicit_year is None:
            return None
    if noun == "half":
        if ordinal not in ("first", "second", "1st", "2nd", "last"):
            return None
        h = 1 if ordinal in ("first", "1st") else 2
        if explicit_year is None:
            if a is None:
                return None
            yr = a.year + year_shift
            if ctx.tense == "past" and dt.date(yr, 6 * h - 5, 1) > a and not year_shift:
                yr -= 1
            explicit_year = yr
        return _Point("half", explicit_year, sub=h)
    n = _QUARTER_ORD.get(ordinal or "")
    if n is None:
        # "the quarter", "the latest quarter", "the year-earlier period", "the current quarter", "the 1988 period"
        if a is None:
            return None
        last_complete = _Point.of(a, "quarter").shift(-1, "Q")
        prev_q = prev if prev is not None and prev.gran == "quarter" else None
        if ordinal == "current" or "current" in adjs or det == "this":
            base = _Point.of(a, "quarter")
        elif ordinal in ("latest", "last", "final") or "latest" in adjs or det == "last":
            base = last_complete
        elif det == "next":
            base = _Point.of(a, "quarter").shift(1, "Q")
        elif explicit_year is not None:
            # "the 1988 quarter": the quarter in focus (else the last complete one) of that year
            q = prev_q or last_complete
            return _Point("quarter", explicit_year, sub=q.sub) if q is not None else None
        elif prev_q is not None:
            base = prev_q
        elif noun == "period" and not year_shift:
            return None
        else:
            base = last_complete
        if base is None:
            return None
        return base.shift(year_shift, "Y") if year_shift else base
    if explicit_year is None:
        if a is None:
            return None
        yr = a.year + year_shift
        if not year_shift and det not in ("this",):
            start = dt.date(yr, 3 * n - 2, 1)
            end = _month_end(yr, 3 * n)
            if ctx.tense == "past" and start > a:
                yr -= 1
            elif ctx.tense == "future" and end < a and (a - end).days > 200:
                yr += 1
            elif ctx.tense != "future" and start > a and (start - a).days > 120:
                # "the fourth quarter" reported in January: last year's
                yr -= 1
        explicit_year = yr
    return _Point("quarter", explicit_year, sub=n)


_REL_PERIOD_RE = re.compile(
    r"^(?:(last|this|next|this past|this coming|the past|the last|the previous|the following|the next|the coming|"
    r"the current|the same|the latest|the full|the entire|the whole|the first|the present|the final|that|the)\s+)?"
    r"(?:(fiscal|calendar|financial|school|academic)\s+)?(week|weekend|month|year|decade|century|fortnight|day)$"
)


def _relative_period(t: str, ctx: _Ctx) -> tuple[_Point, str | None] | None:
    a = ctx.anchor
    if t in ("year end", "year-end", "year's end", "yearend"):
        return (_Point("year", a.year), "END") if a is not None else None
    m = _REL_PERIOD_RE.match(t)
    if not m or a is None:
        return None
    rel, _kind, unit = m.groups()
    if unit == "fortnight":
        return None
    if unit == "day":
        p = ctx.prev_point if ctx.prev_point is not None and ctx.prev_point.gran == "day" else _Point.of(a, "day")
        if rel in ("the", "that", "the same"):
            return _Point("day", p.year, p.month, p.day), None
        if rel in ("the following", "the next"):
            return _Point("day", p.year, p.month, p.day).shift(1, "D"), None  # type: ignore[return-value]
        if rel in ("the previous",):
            return _Point("day", p.year, p.month, p.day).shift(-1, "D"), None  # type: ignore[return-value]
        return None
    gran = unit
    letter = _UNIT_OF_GRAN[gran]
    here = _Point.of(a, gran)
    prev = ctx.prev_point
    if rel in ("last", "the past", "the last", "this past"):
        if gran == "weekend" and rel == "this past":
            return _weekend(a, past=True), None
        return here.shift(-1, letter), None  # type: ignore[return-value]
    if rel == "the next" and ctx.tense == "past" and prev is not None and _gran_le(prev.gran, gran):
        # "in August 2016 ... the next year": in a past narrative, the one after the date just named
        return _coarsen(prev, gran).shift(1, letter), None  # type: ignore[return-value]
    if rel in ("next", "the next", "the coming", "this coming"):
        return here.shift(1, letter), None  # type: ignore[return-value]
    if rel in ("the previous",):
        base = _coarsen(prev, gran) if prev is not None and _gran_le(prev.gran, gran) else here
        return base.shift(-1, letter), None  # type: ignore[return-value]
    if rel in ("the following",):
        base = _coarsen(prev, gran) if prev is not None and _gran_le(prev.gran, gran) else here
        return base.shift(1, letter), None  # type: ignore[return-value]
    if rel in ("this", "the current", "the present"):
        if gran == "weekend":
            return _weekend(a, past=ctx.tense == "past"), None
        return here, None
    if rel in ("that", "the same"):
        if prev is not None and _gran_le(prev.gran, gran):
            return _coarsen(prev, gran), None
        return None
    if rel in ("the", None, "the full", "the entire", "the whole", "the latest", "the first", "the final"):
        if gran == "weekend":
            return _weekend(a, past=ctx.tense != "future"), None
        if rel is None and unit not in ("weekend",):
            return None
        if rel == "the latest":
            # the last complete one
            return here.shift(-1, letter), None
        if gran == "year":
            # "the year", "the full year", "the fiscal year": the document's year (TimeBank reads them so)
            return here, None
        if prev is not None and _gran_le(prev.gran, gran) and gran in ("month", "week"):
            return _coarsen(prev, gran), None
        return here, None
    return None


def _gran_le(a: str, b: str) -> bool:
    try:
        return _GRAN_ORDER.index(a) <= _GRAN_ORDER.index(b)
    except ValueError:
        return False


def _weekend(a: dt.date, past: bool) -> _Point:
    sat = a + dt.timedelta(days=(5 - a.weekday()) % 7)  # the coming (or current) Saturday
    if past and a.weekday() < 5:
        sat -= dt.timedelta(days=7)
    return _Point.of(sat, "weekend")


# -- anaphora -------------------------------------------------------------------


def _anaphor(low: str, s: str, ctx: _Ctx) -> Timex | None:
    t = _LEADING_PREP_RE.sub("", low)
    if t in ("the time", "that time", "then", "the same time", "that moment", "that point", "that date", "the date"):
        prev = ctx.previous
        if prev is not None and prev.value and prev.value[:1].isdigit():
            return Timex(prev.value, prev.type, prev.mod, prev.precision, prev.begin, prev.finish)
        return _vague_result("PAST_REF", ctx.anchor)
    m = re.fullmatch(r"(?:that|the same)\s+(year|month|week|day|quarter|period|night|morning|afternoon|evening)", t)
    if m:
        prev = ctx.prev_point
        if prev is None:
            return None
        unit = m.group(1)
        if unit == "period":
            return _date_result(prev)
        if unit in ("night", "morning", "afternoon", "evening"):
            if prev.gran != "day":
                return None
            p = _Point("day", prev.year, prev.month, prev.day, time="T" + ctx.lex.day_parts[unit])
            return _date_result(p)
        if not _gran_le(prev.gran, unit):
            return None
        return _date_result(_coarsen(prev, unit))
    return None
