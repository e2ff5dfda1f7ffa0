"""What a normaliser knows while it reads one expression (anchor, previous date, tense) and the
helpers the handlers share.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from newsgraph.nlp.times.lexicon import Lexicon, Timex
from newsgraph.nlp.times.points import _month_end, _Point


@dataclass(slots=True)
class _Ctx:
    anchor: dt.date | None
    previous: Timex | None
    tense: str | None
    date_order: str
    lex: Lexicon
    prev_point: _Point | None = None


_CLEAN_RE = re.compile(r"\s+")
_QUOTES = str.maketrans(
    {"’": "'", "‘": "'", "–": "-", "—": "-", "(": " ", ")": " ", "½": " 1/2", "¼": " 1/4", "¾": " 3/4"}
)
_LEADING_PREP_RE = re.compile(
    r"^(?:in|on|at|during|for|since|until|till|by|from|through|throughout|as\s+of|over\s+the\s+course\s+of)\s+"
)


# -- helpers for the handlers ------------------------------------------------

_NUM_TOKEN_RE = re.compile(r"[a-z]+|\d+(?:\.\d+)?")


def _number(s: str, lex: Lexicon) -> float | None:
    """A number written in digits or words ("two", "twenty four", "a couple of", "2 1/2"); -1 for "several"."""
    s = s.strip().lower().replace(",", "").replace("-", " ")
    s = re.sub(r"\s+of$", "", s)
    if not s:
        return None
    if any(s == v or s.endswith(" " + v) or s == "a " + v for v in lex.vague_numbers) or s in (
        "a few",
        "dozens",
        "hundreds",
        "thousands",
    ):
        return -1.0
    m = re.fullmatch(r"(\d+(?:\.\d+)?)(?:\s+(\d)/(\d)|\s*and\s+a\s+half)?", s)
    if m:
        v = float(m.group(1))
        if m.group(2):
            v += int(m.group(2)) / int(m.group(3))
        elif "half" in s:
            v += 0.5
        return v
    total = 0.0
    current = 0.0
    seen = False
    words = s.split()
    half = False
    if words[-3:] == ["and", "a", "half"]:
        half = True
        words = words[:-3]
    for w in words:
        if w in ("and",):
            continue
        if w == "a" and not seen:
            current = 1
            seen = True
            continue
        if w == "couple":
            current = 2
            seen = True
            continue
        if w == "dozen":
            current = max(current, 1) * 12
            seen = True
            continue
        if w not in lex.numbers:
            return None
        v = lex.numbers[w]
        if v in (100, 1000):
            current = max(current, 1) * v
            if v == 1000:
                total += current
                current = 0
        else:
            current += v
        seen = True
    if not seen:
        return None
    return total + current + (0.5 if half else 0)


def _range_of(p: _Point, mod: str | None) -> tuple[dt.date, dt.date]:
    a, b = p.first_day(), p.last_day()
    if mod in ("START", "MID", "END"):
        span_days = (b - a).days + 1
        if p.gran in ("decade", "year", "century", "quarter", "half", "season", "month"):
            if p.gran == "decade":
                ys = {"START": (0, 3), "MID": (3, 6), "END": (6, 9)}[mod]
                return dt.date(a.year + ys[0], 1, 1), dt.date(a.year + ys[1], 12, 31)
            if p.gran == "century":
                ys = {"START": (0, 32), "MID": (33, 66), "END": (67, 99)}[mod]
                return dt.date(a.year + ys[0], 1, 1), dt.date(a.year + ys[1], 12, 31)
            if p.gran == "year":
                ms = {"START": (1, 4), "MID": (5, 8), "END": (9, 12)}[mod]
                return dt.date(a.year, ms[0], 1), _month_end(a.year, ms[1])
            if p.gran == "month":
                ds = {"START": (1, 10), "MID": (11, 20), "END": (21, calendar.monthrange(a.year, a.month)[1])}[mod]
                return dt.date(a.year, a.month, ds[0]), dt.date(a.year, a.month, ds[1])
        third = max(1, span_days // 3)
        if mod == "START":
            return a, a + dt.timedelta(days=third - 1)
        if mod == "MID":
            return a + dt.timedelta(days=third), b - dt.timedelta(days=third)
        return b - dt.timedelta(days=third - 1), b
    return a, b


_PRECISION = {"weekend": "week"}


def _date_result(
    p: _Point,
    mod: str | None = None,
    begin: dt.date | None = None,
    finish: dt.date | None = None,
) -> Timex:
    a, b = _range_of(p, mod)
    if begin is not None:
        a = begin
    if finish is not None:
        b = finish
    typ = "TIME" if p.time else "DATE"
    precision = "time" if p.time and p.time[1:2].isdigit() else _PRECISION.get(p.gran, p.gran)
    return Timex(p.value(), typ, mod, precision, a.isoformat(), b.isoformat())


def _vague_result(value: str, anchor: dt.date | None, mod: str | None = None) -> Timex:
    iso = anchor.isoformat() if anchor else None
    if value == "PRESENT_REF":
        return Timex(value, "DATE", mod, "open", iso, iso)
    if value == "PAST_REF":
        return Timex(value, "DATE", mod, "open", None, iso)
    return Timex(value, "DATE", mod, "open", iso, None)


# -- vague references ---------------------------------------------------------

# -- "two days ago", "a year earlier" -----------------------------------------------

_FUZZY_MODS = {
    "about": "APPROX",
    "around": "APPROX",
    "approximately": "APPROX",
    "roughly": "APPROX",
    "some": "APPROX",
    "nearly": "LESS_THAN",
    "almost": "LESS_THAN",
    "barely": "LESS_THAN",
    "just under": "LESS_THAN",
    "less than": "LESS_THAN",
    "fewer than": "LESS_THAN",
    "under": "LESS_THAN",
    "more than": "MORE_THAN",
    "over": "MORE_THAN",
    "just over": "MORE_THAN",
    "well over": "MORE_THAN",
    "upwards of": "MORE_THAN",
    "at least": "EQUAL_OR_MORE",
    "no less than": "EQUAL_OR_MORE",
    "at most": "EQUAL_OR_LESS",
    "up to": "EQUAL_OR_LESS",
    "within": "EQUAL_OR_LESS",
    "no more than": "EQUAL_OR_LESS",
    "just": None,
    "only": None,
    "a full": None,
    "a mere": None,
    "fully": None,
}
_FUZZY_RE = re.compile(r"^(" + "|".join(sorted(map(re.escape, _FUZZY_MODS), key=len, reverse=True)) + r")\s+(.+)$")


def _peel_fuzzy(low: str) -> tuple[str | None, str]:
    if low.startswith(("over the ", "under the ")):
        return None, low.split(" ", 1)[1]  # "over the past year": a preposition, not "more than"
    m = _FUZZY_RE.match(low)
    if m and m.group(2)[:1] not in ("", " "):
        return _FUZZY_MODS[m.group(1)], m.group(2)
    return None, low


# -- points ---------------------------------------------------------------------

_POS_MOD_RE = re.compile(
    r"^(?:(?:the\s+)?(early|late|mid|earlier|later)(?:-|\s+)(?:in\s+)?|(?:the\s+)?(end|beginning|start|middle|close|dawn|turn|rest|"
    r"remainder|balance)\s+of\s+|(?:the\s+)?(first|second|last|latter)\s+half\s+of\s+)(.+)$"
)
_POS_MOD_VALUE = {
    "early": "START",
    "earlier": "START",
    "beginning": "START",
    "start": "START",
    "dawn": "START",
    "mid": "MID",
    "middle": "MID",
    "late": "END",
    "later": "END",
    "end": "END",
    "close": "END",
    "turn": "END",
    "rest": "REST",
    "remainder": "REST",
    "balance": "REST",
}
