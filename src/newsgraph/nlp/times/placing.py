"""Placing years, days and weekdays relative to the document date and the tense of the clause."""

from __future__ import annotations

import calendar
import datetime as dt
import re

from newsgraph.nlp.times.context import _Ctx, _number
from newsgraph.nlp.times.lexicon import Lexicon


def _two_digit_year(yy: int, anchor: dt.date | None) -> int:
    base = anchor.year if anchor else 2000
    cands = [c * 100 + yy for c in (base // 100 - 1, base // 100, base // 100 + 1)]
    return min(cands, key=lambda y: (abs(y - base) if y <= base + 20 else 10_000 + y, -y))


_SPELLED_YEAR_RE = re.compile(r"^(nineteen|eighteen|twenty|seventeen)[- ](.+)$")


def _year(word: str, ctx: _Ctx) -> int | None:
    w = word.strip().lower()
    m = re.fullmatch(r"(?:fiscal\s+|calendar\s+|the\s+year\s+|the\s+fiscal\s+year\s+|the\s+calendar\s+year\s+)?(.+)", w)
    w = m.group(1) if m else w
    if re.fullmatch(r"\d{4}", w):
        return int(w)
    if re.fullmatch(r"'\d\d", w):
        return _two_digit_year(int(w[1:]), ctx.anchor)
    m = _SPELLED_YEAR_RE.match(w)
    if m:
        hi = ctx.lex.numbers.get(m.group(1))
        rest = m.group(2)
        if rest == "hundred":
            return hi * 100 if hi else None
        lo = _number(rest, ctx.lex)
        if hi and lo is not None and 10 <= lo < 100:
            return hi * 100 + int(lo)
        return None
    m = re.fullmatch(r"two thousand(?:\s+(?:and\s+)?(.+))?", w)
    if m:
        lo = _number(m.group(1), ctx.lex) if m.group(1) else 0
        if lo is None or lo < 0 or lo >= 100:
            return None
        return 2000 + int(lo)
    return None


def _day_number(w: str, lex: Lexicon) -> int | None:
    w = w.strip().lower()
    m = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)?", w)
    if m:
        return int(m.group(1))
    return lex.ordinals.get(w.replace(" ", "-"))


# How strongly a past clause pulls a day written without a year into the past, in days of
# distance: a report in the past tense may name a day still to come ("the offer was extended to
# Nov. 20").  A month in a past clause is in the past ("in December, the company cut its
# dividend"), and a future clause takes nothing already over ("will meet in August", in September).
TENSE_PULL_DAYS = 240


def _place(month: int, day: int | None, ctx: _Ctx) -> int | None:
    """The year of a month (and day) written without one: the nearest to the document date, with the
    tense of the clause pulling it to the past or the future."""
    a = ctx.anchor
    if a is None:
        return None
    best: tuple[int, int] | None = None
    for y in (a.year - 1, a.year, a.year + 1):
        last = calendar.monthrange(y, month)[1]
        lo = dt.date(y, month, min(day, last)) if day else dt.date(y, month, 1)
        hi = lo if day else dt.date(y, month, last)
        if hi < a:
            dist, side = (a - hi).days, "past"
        elif lo > a:
            dist, side = (lo - a).days, "future"
        else:
            dist, side = 0, None
        if ctx.tense == "past" and side == "future":
            dist += TENSE_PULL_DAYS if day else 1000
        elif ctx.tense == "future" and side == "past":
            dist += 1000
        if best is None or dist < best[0]:
            best = (dist, y)
    return best[1] if best else a.year


def _weekday_date(wd: int, ctx: _Ctx, rel: str | None) -> dt.date | None:
    a = ctx.anchor
    if rel in ("previous", "following", "same") and ctx.prev_point is not None and ctx.prev_point.gran == "day":
        a = ctx.prev_point.first_day()
    if a is None:
        return None
    back = (a.weekday() - wd) % 7
    fwd = (wd - a.weekday()) % 7
    if rel in ("last", "previous", "this past"):
        return a - dt.timedelta(days=back or 7)
    if rel in ("next", "following", "this coming"):
        return a + dt.timedelta(days=fwd or 7)
    if rel in ("this", "same"):
        return a - dt.timedelta(days=a.weekday()) + dt.timedelta(days=wd)
    if ctx.tense == "future":
        return a + dt.timedelta(days=fwd)
    return a - dt.timedelta(days=back)
