"""Points in time: explicit and relative dates with START/MID/END modifiers ('the early 2030s',
'earlier this month').
"""

from __future__ import annotations

import datetime as dt
import re

from newsgraph.nlp.times.context import _POS_MOD_RE, _POS_MOD_VALUE, _Ctx, _date_result, _peel_fuzzy
from newsgraph.nlp.times.lexicon import Timex
from newsgraph.nlp.times.periods import _gran_le, _named_date, _quarter, _relative_period
from newsgraph.nlp.times.placing import _day_number, _place, _two_digit_year, _weekday_date, _year
from newsgraph.nlp.times.points import _Point


def _point_expr(low: str, s: str, ctx: _Ctx) -> Timex | None:
    """A DATE at some granularity, with a START/MID/END modifier: "the early 2030s", "earlier this month"."""
    mod, t = _peel_fuzzy(low)
    suffix_mod = None
    m = re.fullmatch(r"(.+?)\s+(or later|and later|and beyond|onwards?|or earlier|or before)", t)
    if m:
        t = m.group(1)
        suffix_mod = "ON_OR_BEFORE" if m.group(2) in ("or earlier", "or before") else "ON_OR_AFTER"
    pos = None
    half = None
    m = _POS_MOD_RE.match(t)
    if m:
        word = m.group(1) or m.group(2)
        if word:
            pos = _POS_MOD_VALUE[word]
        else:
            half = 1 if m.group(3) == "first" else 2
        inner = m.group(4)
        # "earlier this month" / "later this year": up to / from the document date
        rel_anchor = word in ("earlier", "later") or pos == "REST"
        core = _core_point(inner, ctx)
        if core is None or core[0] is None:  # nothing, or a shift off the calendar
            return None
        p, core_mod = core
        if half is not None:
            if p.gran == "year":
                return _date_result(_Point("half", p.year, sub=half))
            pos = "START" if half == 1 else "END"
        if pos == "REST":
            if ctx.anchor is None:
                return None
            return _date_result(p, None, begin=max(ctx.anchor, p.first_day()), finish=p.last_day())
        begin = finish = None
        if rel_anchor and ctx.anchor is not None and p.first_day() <= ctx.anchor <= p.last_day():
            if word == "earlier":
                begin, finish = p.first_day(), ctx.anchor
            else:
                begin, finish = ctx.anchor, p.last_day()
        if p.gran == "day" and word in ("early", "earlier", "late", "later", "mid") and not p.time:
            # "late yesterday", "early Tuesday": the day, with its part as the modifier
            return _date_result(p, pos)
        return _date_result(p, pos or core_mod or mod, begin=begin, finish=finish)
    core = _core_point(t, ctx)
    if core is None or core[0] is None:
        return None
    p, core_mod = core
    res = _date_result(p, suffix_mod or core_mod or mod)
    if suffix_mod == "ON_OR_AFTER":
        return Timex(res.value, res.type, res.mod, res.precision, res.begin, None)
    if suffix_mod == "ON_OR_BEFORE":
        return Timex(res.value, res.type, res.mod, res.precision, None, res.finish)
    return res


_REL_WORDS = "|".join(
    sorted(
        (
            "last",
            "this",
            "next",
            "this past",
            "this coming",
            "the previous",
            "the following",
            "the next",
            "the same",
            "that",
            "the past",
            "the last",
            "the coming",
            "the current",
            "the latest",
            "the present",
            "the full",
            "the entire",
            "the whole",
            "the first",
            "the final",
            "the",
        ),
        key=len,
        reverse=True,
    )
)
_DATE_NUM_RE = re.compile(r"^(?:([a-z]+)\.?,?\s*)?(\d{1,4})[/.-](\d{1,2})[/.-](\d{2,4})$")


def _core_point(t: str, ctx: _Ctx) -> tuple[_Point, str | None] | None:
    """Parse a point without positional modifiers.  Returns (point, its mod: "year-end" is END)."""
    lex = ctx.lex
    a = ctx.anchor
    t = t.strip().strip(",.").strip()
    t = re.sub(r"^(?:its|their|his|her|our)\s+", "the ", t)
    if not t:
        return None
    # day references, with a day part
    m = re.fullmatch(
        r"(?:the day (before|after) )?(yesterday|today|tomorrow|tonight)(?:\s+([a-z]+))?"
        r"|(this|last|tomorrow|yesterday)\s+([a-z]+)",
        t,
    )
    if m and a is not None:
        word = m.group(2) or m.group(4)
        part_word = m.group(3) or m.group(5)
        part = lex.day_parts.get(part_word or "", "")
        if part_word and not part:
            m = None
    if m and a is not None:
        offset = {"yesterday": -1, "today": 0, "tomorrow": 1, "tonight": 0, "this": 0, "last": 0}[word]
        if word == "last" and part != "NI":
            offset = -1
        if word == "last" and part == "NI":
            offset = -1
        if word == "tonight":
            part = "NI"
        if m.group(1):
            offset += -1 if m.group(1) == "before" else 1
        d = a + dt.timedelta(days=offset)
        p = _Point.of(d, "day")
        if part:
            p = _Point("day", p.year, p.month, p.day, time="T" + part)
        return p, None
    m = re.fullmatch(r"(?:the\s+)?([a-z]+)", t)
    if m and m.group(1) in ("overnight",) and a is not None:
        base = ctx.prev_point if ctx.prev_point is not None and ctx.prev_point.gran == "day" else _Point.of(a, "day")
        return _Point("day", base.year, base.month, base.day, time="TNI"), None
    if t in ("the morning", "the afternoon", "the evening", "the night") and a is not None:
        base = ctx.prev_point if ctx.prev_point is not None and ctx.prev_point.gran == "day" else _Point.of(a, "day")
        return _Point("day", base.year, base.month, base.day, time="T" + lex.day_parts[t.split()[1]]), None
    # numeric dates: 26/9/2023, 11/02/89, 2023-09-26, "Tuesday (26/9/2023)"
    m = _DATE_NUM_RE.match(t)
    if m:
        wd_word, x, y, z = m.groups()
        wd = lex.weekdays.get(wd_word) if wd_word else None
        if wd_word and wd is None:
            return None
        if len(x) == 4:
            cands = [(int(x), int(y), int(z))]
        else:
            yy = int(z) if len(z) == 4 else _two_digit_year(int(z), a)
            p1, p2 = int(x), int(y)
            dmy, mdy = (yy, p2, p1), (yy, p1, p2)
            cands = [dmy, mdy] if ctx.date_order != "MDY" else [mdy, dmy]
        valid = []
        for yv, mv, dv in cands:
            try:
                valid.append(dt.date(yv, mv, dv))
            except ValueError:
                continue
        if not valid:
            return None
        pick = valid[0]
        if wd is not None:
            for d in valid:
                if d.weekday() == wd:
                    pick = d
                    break
        return _Point.of(pick, "day"), None
    # named dates: "Oct. 15, 1999", "Friday Oct. 13", "26 September 2023", "the 26th of September", "March eighth"
    m = re.fullmatch(
        r"(?:([a-z]+)\.?,?\s+)?([a-z]+)\.?\s*(\d{1,2}(?:st|nd|rd|th)?|[a-z]+(?:-[a-z]+)?)(?:,?\s+(.+))?",
        t,
    )
    if m and m.group(2) in lex.months and _day_number(m.group(3), lex) is not None:
        res = _named_date(m.group(1), lex.months[m.group(2)], _day_number(m.group(3), lex), m.group(4), ctx)
        if res is not None:
            return res, None
    m = re.fullmatch(
        r"(?:([a-z]+),?\s+)?(?:the\s+)?(\d{1,2}(?:st|nd|rd|th)?|[a-z]+(?:-[a-z]+)?)\s+(?:of\s+)?([a-z]+)\.?(?:,?\s+(.+))?",
        t,
    )
    if m and m.group(3) in lex.months and _day_number(m.group(2), lex) is not None:
        res = _named_date(m.group(1), lex.months[m.group(3)], _day_number(m.group(2), lex), m.group(4), ctx)
        if res is not None:
            return res, None
    # holidays
    if t in lex.holidays and a is not None:
        mm, dd = (int(x) for x in lex.holidays[t].split("-"))
        y = _place(mm, dd, ctx)
        return _Point("day", y or a.year, mm, dd), None
    # weekdays: "Tuesday", "last Friday", "the previous Friday", "Friday evening", "this coming Sunday"
    m = re.fullmatch(rf"(?:({_REL_WORDS})\s+)?([a-z]+)\.?(?:\s+([a-z]+))?", t)
    if m and m.group(2) in lex.weekdays:
        part = ""
        if m.group(3):
            part = lex.day_parts.get(m.group(3), "")
            if not part:
                return None
        rel = m.group(1)
        if rel:
            rel = rel.replace("the ", "") if rel.startswith("the ") else rel
        d = _weekday_date(lex.weekdays[m.group(2)], ctx, rel)
        if d is None:
            return None
        p = _Point.of(d, "day")
        if part:
            p = _Point("day", p.year, p.month, p.day, time="T" + part)
        return p, None
    m = re.fullmatch(rf"([a-z]+)\s+({'|'.join(lex.day_parts)})", t)
    if m and m.group(1) in lex.weekdays:
        return _core_point(f"{m.group(1)} {m.group(2)}", ctx)
    m = re.fullmatch(rf"({'|'.join(lex.day_parts)})\s+(yesterday|today|tomorrow|[a-z]+)", t)
    if m:
        inner = _core_point(m.group(2), ctx)
        if inner and inner[0].gran == "day":
            p = inner[0]
            return _Point("day", p.year, p.month, p.day, time="T" + lex.day_parts[m.group(1)]), None
    # months: "August", "last April", "June last year", "February 1947", "January this year", "this September"
    m = re.fullmatch(rf"(?:({_REL_WORDS})\s+)?([a-z]+)\.?(?:,?\s+(?:of\s+)?(.+))?", t)
    if m and m.group(2) in lex.months:
        month = lex.months[m.group(2)]
        rel = m.group(1)
        rest = m.group(3)
        if rest:
            if rest in ("last year", "this year", "next year"):
                if a is None:
                    return None
                y = a.year + {"last year": -1, "this year": 0, "next year": 1}[rest]
            else:
                y = _year(rest, ctx)
                if y is None:
                    return None
            return _Point("month", y, month), None
        if a is None:
            return None
        if rel in ("last", "the last", "the past", "this past", "the previous"):
            y = a.year if month < a.month else a.year - 1
        elif rel in ("next", "this coming", "the next", "the coming", "the following"):
            y = a.year if month > a.month else a.year + 1
        elif rel in ("this", "the current", "the present"):
            y = a.year
        elif rel in ("that", "the same") and _year_of_previous(ctx) is not None:
            y = _year_of_previous(ctx)  # "in 2004 ... that March": the March of the year just named
        elif rel in (None, "the", "that", "the same"):
            y = _place(month, None, ctx)
        else:
            return None
        return _Point("month", y or a.year, month), None
    # seasons: "this past spring", "the summer of 1989", "last fall", "summer", "winter 1994"
    m = re.fullmatch(rf"(?:({_REL_WORDS})\s+)?([a-z]+)(?:\s+(?:of\s+)?(.+))?", t)
    if m and m.group(2) in lex.seasons:
        season = lex.seasons[m.group(2)]
        rel, rest = m.group(1), m.group(3)
        if rest:
            y = _year(rest, ctx)
            if y is None:
                return None
            return _Point("season", y, season=season), None
        if a is None:
            return None
        cur = _Point.of(a, "season")
        this_year = _Point("season", a.year if not (season == "WI" and a.month <= 2) else a.year - 1, season=season)
        if rel in ("last", "the last", "the previous"):
            # "last spring" (in October) is the spring of the year before, as TimeBank reads it
            p = _Point("season", this_year.year - 1, season=season)
        elif rel in ("this past", "the past"):
            p = this_year if this_year.first_day() <= a else _Point("season", this_year.year - 1, season=season)
        elif rel in ("next", "this coming", "the coming", "the next", "the following"):
            p = this_year if this_year.first_day() > a else _Point("season", this_year.year + 1, season=season)
        elif rel in ("that", "the same") and _year_of_previous(ctx) is not None:
            p = _Point("season", _year_of_previous(ctx), season=season)  # "in 2004 ... that autumn"
        elif ctx.tense == "past" and this_year.first_day() > a:
            p = _Point("season", this_year.year - 1, season=season)
        elif ctx.tense == "future" and this_year.last_day() < a and cur.season != season:
            p = _Point("season", this_year.year + 1, season=season)
        else:
            p = this_year
        return p, None
    # quarters and halves
    q = _quarter(t, ctx)
    if q is not None:
        return q, None
    # "year-earlier", "year-ago": the previous period a year before
    if t in ("year-earlier", "year-ago", "a year-earlier", "a year-ago", "one year-earlier"):
        prev = ctx.prev_point
        if prev is not None and prev.gran in ("quarter", "half", "month", "season"):
            return prev.shift(-1, "Y"), None  # type: ignore[return-value]
        if a is None:
            return None
        return _Point("year", a.year - 1), None
    # years: "1989", "fiscal 1989", "'89", "nineteen ninety-six", "the year two thousand", "the 1988 period"
    m = re.fullmatch(r"(?:the\s+)?(\d{4})\s+(?:period|quarter|fiscal year|season)", t)
    if m:
        y = int(m.group(1))
        prev = ctx.prev_point
        if t.endswith(("quarter", "period")) and prev is not None and prev.gran == "quarter":
            return _Point("quarter", y, sub=prev.sub), None
        return _Point("year", y), None
    y = _year(t, ctx)
    if y is not None:
        return _Point("year", y), None
    # decades: "the 1990s", "the '80s", "the nineties", "the last decade"
    m = re.fullmatch(r"(?:the\s+)?(?:(\d{3})0'?s|'(\d)0s|(?:(nineteen|twenty)[- ])?([a-z]+ies))", t)
    if m:
        if m.group(1):
            return _Point("decade", int(m.group(1)) * 10, sub=int(m.group(1))), None
        digit = int(m.group(2)) if m.group(2) else lex.decade_words.get(m.group(4) or "")
        if digit is None:
            return None
        if m.group(3):
            dec = (19 if m.group(3) == "nineteen" else 20) * 10 + digit
        else:
            base = (a.year if a else 2000) // 10
            dec = min(
                (c * 10 + digit for c in (base // 10 - 1, base // 10, base // 10 + 1)),
                key=lambda x: abs(x - base) if x <= base + 1 else 1000 + x,
            )
        return _Point("decade", dec * 10, sub=dec), None
    # centuries: "the 20th century", "the twentieth century"
    m = re.fullmatch(r"(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)[- ]century|(?:the\s+)?([a-z-]+)[- ]century", t)
    if m:
        n = int(m.group(1)) if m.group(1) else lex.ordinals.get(m.group(2) or "")
        if n:
            return _Point("century", (n - 1) * 100, sub=n - 1), None
    if t == "the century" and a is not None:
        return _Point.of(a, "century"), None
    # relative periods: "last year", "this week", "the following month", "the past year", "the weekend"
    rel = _relative_period(t, ctx)
    if rel is not None:
        return rel
    return None


def _year_of_previous(ctx: _Ctx) -> int | None:
    """The year of the previous date of the text, when it names one ("2004", "August 2016"), else None."""
    prev = ctx.prev_point
    if prev is None or not _gran_le(prev.gran, "year") or prev.gran in ("week", "weekend"):
        return None
    return prev.year
