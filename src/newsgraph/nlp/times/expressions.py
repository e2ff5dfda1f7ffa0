"""Normalising one temporal expression: :func:`normalise` and its handlers for vague references,
sets, clock times, 'ago' phrases and durations.
"""

from __future__ import annotations

import datetime as dt
import re

from newsgraph.nlp.times.context import (
    _CLEAN_RE,
    _LEADING_PREP_RE,
    _QUOTES,
    _Ctx,
    _date_result,
    _number,
    _peel_fuzzy,
    _vague_result,
)
from newsgraph.nlp.times.dates import _point_expr
from newsgraph.nlp.times.lexicon import Lexicon, Timex, load_lexicon
from newsgraph.nlp.times.periods import _anaphor, _gran_le
from newsgraph.nlp.times.points import _GRAN_OF_UNIT, _add, _coarsen, _Point, _point_of_value


def normalise(
    text: str,
    anchor: dt.date | None,
    *,
    previous: Timex | None = None,
    tense: str | None = None,
    date_order: str = "DMY",
) -> Timex | None:
    """Normalise one temporal expression to TIMEX3 against ``anchor`` (the document date).

    ``previous``: the last DATE/TIME normalised before it in the same text (for
    "a year earlier", "that year", "at the time"); ``tense``: "past", "present"
    or "future", the tense of the clause the expression is in (where the
    calendar places "Tuesday" or "August"); ``date_order``: "DMY" or "MDY", how
    to read an ambiguous numeric date.  Returns None when the text is not a
    temporal expression we can read.
    """
    lex = load_lexicon()
    s = _CLEAN_RE.sub(" ", text.translate(_QUOTES)).strip().strip(",;:").strip()
    if not s:
        return None
    ctx = _Ctx(anchor, previous, tense, date_order.upper(), lex, _point_of_value(previous.value) if previous else None)
    low = s.lower()
    for handler in (_vague, _set, _clock, _ago, _duration, _point_expr, _anaphor):
        try:
            res = handler(low, s, ctx)
        except (ValueError, OverflowError):  # a date outside the calendar (year 0, year 10000)
            return None
        if res is not None:
            return res
    stripped = _LEADING_PREP_RE.sub("", low)
    if stripped != low:
        return normalise(s[len(low) - len(stripped) :], anchor, previous=previous, tense=tense, date_order=date_order)
    return None


def _fmt_num(n: float) -> str:
    return str(int(n)) if n == int(n) else f"{n:g}"


def _duration_value(n: float | None, unit: str, time_unit: bool) -> str:
    """P5Y, PT2H, PXY, P2Y6M (fractions go to the next smaller unit)."""
    prefix = "PT" if time_unit else "P"
    if n is None or n < 0:
        return f"{prefix}X{unit}"
    if n != int(n):
        whole = int(n)
        frac = n - whole
        smaller = {
            "Y": ("M", 12),
            "H": ("M", 60),
            "M": ("S", 60) if time_unit else ("D", 30),
            "D": ("H", 24),
            "W": ("D", 7),
        }
        if unit in smaller:
            su, k = smaller[unit]
            part = round(frac * k)
            if unit == "D":
                return f"P{whole}DT{part}H" if whole else f"PT{part}H"
            head = f"{whole}{unit}" if whole else ""
            if unit == "M" and time_unit:
                return f"PT{head}{part}S"
            return f"{prefix}{head}{part}{su}"
        return f"{prefix}{n:g}{unit}"
    return f"{prefix}{int(n)}{unit}"


_UNIT_RE = re.compile(
    r"^(?:(centur(?:y|ies))|(millenni(?:um|a|ums))|(second|minute|hour|day|night|week(?:end)?|fortnight|month|quarter|year|decade)s?)$"
)


def _unit(word: str, lex: Lexicon) -> tuple[str, bool] | None:
    """(TIMEX3 unit letter, is a time unit) for a unit word: "years" -> ("Y", False)."""
    m = _UNIT_RE.match(word.lower())
    if not m:
        return None
    if m.group(1):
        return ("C", False)
    if m.group(2):
        return ("L", False)
    letter, kind = lex.units[m.group(3)]
    return (letter, kind == "time")


def _vague(low: str, s: str, ctx: _Ctx) -> Timex | None:
    t = _LEADING_PREP_RE.sub("", low) if low not in ctx.lex.vague else low
    if low in ("for now", "until now", "by now", "up to now", "till now"):
        t = "now"
    value = ctx.lex.vague.get(t) or ctx.lex.vague.get(low)
    if value:
        return _vague_result(value, ctx.anchor)
    m = re.fullmatch(r"(?:the\s+)?(past|recent|future|coming|previous)\s+(years|quarters|decades)", t)
    if m:
        return _vague_result("FUTURE_REF" if m.group(1) in ("future", "coming") else "PAST_REF", ctx.anchor)
    return None


# -- sets -----------------------------------------------------------------------

_ADVERB_SETS = {
    "daily": ("XXXX-XX-XX", None),
    "nightly": ("XXXX-XX-XXTNI", None),
    "weekly": ("P1W", None),
    "monthly": ("P1M", None),
    "quarterly": ("P3M", None),
    "annually": ("P1Y", None),
    "yearly": ("P1Y", None),
    "hourly": ("PT1H", None),
}


def _set(low: str, s: str, ctx: _Ctx) -> Timex | None:
    lex = ctx.lex
    if low in _ADVERB_SETS:
        return Timex(_ADVERB_SETS[low][0], "SET", None, None)
    m = re.fullmatch(r"(?:each|every|per|a|an)\s+(other\s+|single\s+)?([a-z']+)(?:\s+([a-z]+))?", low)
    if m and not (low.startswith(("a ", "an ")) and ctx.tense != "set"):
        n = 2 if m.group(1) and "other" in m.group(1) else 1
        w = m.group(2)
        part = lex.day_parts.get(m.group(3) or "", "")
        u = _unit(w, lex)
        if u and not m.group(3):
            return Timex(_duration_value(n, u[0], u[1]), "SET")
        if w in lex.weekdays:
            return Timex(f"XXXX-WXX-{lex.weekdays[w] + 1}" + (f"T{part}" if part else ""), "SET")
        if w in lex.months and len(w) > 3:
            return Timex(f"XXXX-{lex.months[w]:02d}", "SET")
        if w in lex.seasons:
            return Timex(f"XXXX-{lex.seasons[w]}", "SET")
    m = re.fullmatch(r"([a-z]+?)s(?:\s+([a-z]+?)s?)?|([a-z]+)\s+([a-z]+?)s", low)
    if m and m.group(3):
        m = re.fullmatch(r"([a-z]+)\s+([a-z]+?)s", low)
    if m and m.group(1) in lex.weekdays and len(m.group(1)) > 4:
        part = lex.day_parts.get(m.group(2) or "", "")
        if m.group(2) and not part:
            return None
        return Timex(f"XXXX-WXX-{lex.weekdays[m.group(1)] + 1}" + (f"T{part}" if part else ""), "SET")
    m = re.fullmatch(r"(once|twice|thrice|.+?\s+times)\s+(?:a|an|per|each|every)\s+([a-z]+)", low)
    if m:
        u = _unit(m.group(2), lex)
        if u:
            return Timex(_duration_value(1, u[0], u[1]), "SET")
    return None


# -- clock times ----------------------------------------------------------------

_CLOCK_RE = re.compile(
    r"^(?:(about|around|approximately|shortly before|shortly after|just before|just after|after|before|until|by)\s+)?"
    r"(?:(\d{1,2})(?:[:.](\d\d))?\s*(a\.?m\.?|p\.?m\.?)|(\d{1,2}):(\d\d)(?:\s*(?:hours|hrs|gmt|utc))?|(noon|midday|mid-day|midnight)"
    r"|([a-z-]+|\d{1,2})\s+o'clock)"
    r"(?:\s+([a-z]{2,4}))?(?:,?\s+(?:on\s+)?(.+))?$"
)


_MILITARY_RE = re.compile(r"^((?:[a-z]+\s+)*?)([01]\d|2[0-3])([0-5]\d)(\s*(?:gmt|utc)\b|\s+local\s+time\b)(.*)$")


def _clock(low: str, s: str, ctx: _Ctx) -> Timex | None:
    m = _MILITARY_RE.match(low)
    if m:
        # "0900 GMT", "1430 local time": a 24-hour clock written without its colon
        zone = "" if "local" in m.group(4) else m.group(4)
        low = f"{m.group(1)}{m.group(2)}:{m.group(3)}{zone}{m.group(5)}"
    low = re.sub(r"\s+local\s+time\b", "", low)  # "9 a.m. local time"
    m = _CLOCK_RE.match(low)
    if not m:
        return None
    mod = {"about": "APPROX", "around": "APPROX", "approximately": "APPROX"}.get(m.group(1) or "")
    if m.group(1) in ("after", "shortly after", "just after"):
        mod = "AFTER"
    elif m.group(1) in ("before", "shortly before", "just before", "until", "by"):
        mod = "BEFORE"
    if m.group(2):
        h = int(m.group(2))
        if not 1 <= h <= 12:
            return None
        pm = m.group(4).startswith("p")
        h = (h % 12) + (12 if pm else 0)
        clock = f"T{h:02d}" + (f":{m.group(3)}" if m.group(3) else "")
    elif m.group(5):
        h, mi = int(m.group(5)), int(m.group(6))
        if h > 24 or mi > 59:
            return None
        clock = f"T{h:02d}:{mi:02d}"
    elif m.group(7):
        clock = "T24" if m.group(7) == "midnight" else "T12:00"
    else:
        n = _number(m.group(8), ctx.lex)
        if n is None or not 1 <= n <= 12:
            return None
        clock = f"T{int(n):02d}"
    tz = m.group(9)
    rest = m.group(10)
    if tz and tz.upper() not in ctx.lex.time_zones:
        if rest and tz != "on":  # "20:00 GMT on Sunday": the zone went with the clock
            return None
        rest = rest or tz
    day: _Point | None = None
    if rest:
        res = _point_expr(rest, rest, ctx)
        if res is None:
            return None
        day = _point_of_value(res.value)
        if day is None or day.gran != "day":
            return None
    elif ctx.prev_point is not None and ctx.prev_point.gran == "day":
        day = ctx.prev_point
    elif ctx.anchor is not None:
        day = _Point.of(ctx.anchor, "day")
    if day is None:
        return Timex(f"XXXX-XX-XX{clock}", "TIME", mod, "time")
    p = _Point("day", day.year, day.month, day.day, time=clock)
    d = p.first_day().isoformat()
    return Timex(p.value(), "TIME", mod, "time", d, d)


_AGO_RE = re.compile(
    r"^(.+?)[- ]?(?:more\s+)?([a-z]+)(\s+or\s+(?:so|.+?))?\s+(ago|earlier|later|from now|hence|back|before|after)$"
)


def _ago(low: str, s: str, ctx: _Ctx) -> Timex | None:
    mod, t = _peel_fuzzy(low)
    if re.fullmatch(r"(?:years|months|weeks|days|decades|hours)\s+(?:ago|earlier|later)", t):
        t = "a few " + t  # "months ago": a count left open, like "a few months ago"
    m = _AGO_RE.match(t)
    if not m:
        return None
    n = _number(m.group(1), ctx.lex)
    u = _unit(m.group(2), ctx.lex)
    if n is None or u is None:
        return None
    if m.group(3) and "so" in m.group(3):
        mod = mod or "APPROX"
    letter, time_unit = u
    direction = m.group(4)
    sign = 1 if direction in ("later", "from now", "hence", "after") else -1
    if direction in ("before", "after"):
        # "two days before": a duration whose anchor is an event we do not resolve
        return Timex(_duration_value(n, letter, time_unit), "DURATION", mod, None)
    relative_to_previous = direction in ("earlier", "later")
    if n < 0:
        # "a few years ago": the past, at the unit's granularity with an unknown count
        gran = _GRAN_OF_UNIT.get(letter, "year")
        if ctx.anchor is None:
            return None
        p = _Point.of(ctx.anchor, gran)
        base = p.value()
        if gran == "year":
            return Timex(base[:3] + "X", "DATE", mod, "decade", None, ctx.anchor.isoformat())
        return _vague_result("PAST_REF" if sign < 0 else "FUTURE_REF", ctx.anchor, mod)
    if time_unit:
        if ctx.anchor is None:
            return None
        return Timex(_duration_value(n, letter, True), "DURATION", mod, None)
    base: _Point | None = None
    gran = _GRAN_OF_UNIT.get(letter, "day")
    prev = ctx.prev_point
    if prev is not None and prev.gran in ("quarter", "half", "month", "season") and letter == "Y":
        # "the third quarter ... a year earlier / a year ago": the same quarter of the year before
        base = prev
        gran = prev.gran
    elif relative_to_previous and prev is not None and prev.gran == "day" and letter in ("D", "W"):
        # "on March 3 ... two days later"
        base = prev
    elif relative_to_previous and prev is not None and letter in ("M", "Y") and _gran_le(prev.gran, gran):
        # "in 2014 ... two years later", "in May ... three months later": counted from the date just named
        base = _coarsen(prev, gran)
    elif ctx.anchor is not None:
        base = _Point.of(ctx.anchor, gran)
    if base is None:
        return None
    p = base.shift(sign * n, letter)
    if p is None:
        return None
    return _date_result(p, mod)


# -- durations ------------------------------------------------------------------

_DUR_RE = re.compile(
    r"^(?:(?:the|each of the|all of the|for the)\s+)?"
    r"(?:(past|last|next|first|coming|previous|latest|following|final|remaining|initial|ensuing|same|entire|whole|full|"
    r"other|additional|further|early|closing|opening|recent)\s+)?"
    r"(.+?)(?:\s+(?:to|or|and|-)\s+(.+?))?[- ]?\s*(?:(?:additional|more|straight|consecutive|trading|business|working|"
    r"calendar|full|long|fiscal|extra)\s+)?"
    r"([a-z]+?)(\s+and\s+a\s+half|\s+or\s+so|\s+or\s+(?:two|three|more|less))?(?:\s+(ahead|to come))?$"
)
_VAGUE_DUR_RE = re.compile(
    r"^(?:(?:the)\s+)?(?:(past|recent|coming|next|last|early|first|final|later|previous|following|closing|ensuing|"
    r"intervening|future|subsequent)\s+)?(?:(few|several|many)\s+)?"
    r"(years|months|weeks|days|decades|centuries|quarters|hours|minutes|ages)(?:\s+(ahead|to come))?$"
)


def _duration(low: str, s: str, ctx: _Ctx) -> Timex | None:
    mod, t = _peel_fuzzy(low)
    lex = ctx.lex
    m = re.fullmatch(r"(?:the\s+)?(?:next|coming)\s+(year|decade|century|month|week)", t)
    if m and mod == "EQUAL_OR_LESS":
        # "within the next decade": a horizon from the document date, like "within ten years"
        return _duration(f"within the next one {m.group(1)}", s, ctx)
    m = re.fullmatch(r"(?:a|an|one)\s+([a-z]+)\s+and\s+a\s+half", t)
    if m and _unit(m.group(1), lex):
        letter, tu = _unit(m.group(1), lex)  # type: ignore[misc]
        return Timex(_duration_value(1.5, letter, tu), "DURATION", mod, None)
    m = re.fullmatch(r"(.+?)\s+and\s+a\s+half\s+([a-z]+)", t)
    if m and _unit(m.group(2), lex) and _number(m.group(1), lex) is not None and _number(m.group(1), lex) >= 0:
        letter, tu = _unit(m.group(2), lex)  # type: ignore[misc]
        return Timex(_duration_value(_number(m.group(1), lex) + 0.5, letter, tu), "DURATION", mod, None)  # type: ignore[operator]
    m = re.fullmatch(r"half\s+an?\s+([a-z]+)|a\s+half[- ]([a-z]+)", t)
    if m and _unit(m.group(1) or m.group(2), lex):
        letter, tu = _unit(m.group(1) or m.group(2), lex)  # type: ignore[misc]
        return Timex(_duration_value(0.5, letter, tu), "DURATION", mod, None)
    m = re.fullmatch(r"(years|months|weeks|days|decades)\s+or\s+(years|months|weeks|days|decades)", t)
    if m:
        letter, tu = _unit(m.group(1), lex)  # type: ignore[misc]
        return Timex(_duration_value(None, letter, tu), "DURATION", mod or "APPROX", None)
    m = _VAGUE_DUR_RE.match(t)
    if (
        m
        and m.group(1) in ("recent", "coming", "future", "past", "previous", "later", "subsequent")
        and not m.group(2)
        and (not t.startswith("the ") or m.group(1) in ("recent", "coming"))
    ):
        # "in recent years", "in coming months", "past years": the past / the future, not a length
        ref = "PAST_REF" if m.group(1) in ("recent", "past", "previous") else "FUTURE_REF"
        return _vague_result(ref, ctx.anchor, mod)
    if m and (m.group(1) or m.group(2) or t in ("years", "months", "weeks", "days", "decades", "centuries", "hours")):
        word = m.group(3)
        if word == "ages":
            word = "years"
        letter, tu = _unit(word, lex)  # type: ignore[misc]
        rel = m.group(1)
        begin = finish = None
        if ctx.anchor is not None and rel in ("past", "recent", "last"):
            finish = ctx.anchor.isoformat()
        if ctx.anchor is not None and (rel in ("coming", "next", "future") or m.group(4)):
            begin = ctx.anchor.isoformat()
        return Timex(_duration_value(None, letter, tu), "DURATION", mod, None, begin, finish)
    m = _DUR_RE.match(t)
    if not m:
        return None
    rel, n1s, n2s, word, tail, ahead = m.groups()
    u = _unit(word, lex)
    if u is None:
        return None
    if re.fullmatch(r"\d{4}", n1s.strip()):
        return None  # "the 1988 quarter": a year, not a count
    n1 = _number(n1s, lex)
    if n1 is None:
        return None
    n2 = _number(n2s, lex) if n2s else None
    if n2s and n2 is None:
        return None
    if tail and "half" in tail:
        n1 = n1 + 0.5 if n1 >= 0 else n1
    if tail and ("or so" in tail):
        mod = mod or "APPROX"
    letter, tu = u
    if letter == "WE":
        letter = "W"
    if letter == "W2":
        letter, n1 = "W", n1 * 2
    if n2 is not None and n2 >= 0 and n1 >= 0:
        if n2 <= n1:
            n2 = None
        else:
            mod = mod or "EQUAL_OR_MORE"
    value = _duration_value(n1, letter, tu)
    begin = finish = None
    if ctx.anchor is not None and n1 >= 0 and not tu:
        lo = ctx.anchor
        if rel in ("past", "last", "previous", "recent"):
            start_day = _add(lo, -n1, letter)
            begin, finish = (start_day.isoformat() if start_day else None), lo.isoformat()
        elif rel in ("next", "coming", "following") or ahead or (mod == "EQUAL_OR_LESS" and ctx.tense != "past"):
            if n2 is not None:
                b, f = _add(lo, n1, letter), _add(lo, n2, letter)
            else:
                b, f = lo, _add(lo, n1, letter)
            begin = b.isoformat() if b else None
            finish = f.isoformat() if f else None
    precision = "day" if begin or finish else None
    return Timex(value, "DURATION", mod, precision, begin, finish)
