"""The ``newsgraph_times`` component: find temporal expressions and normalise them to TIMEX3.

Every temporal expression of a ``Doc`` (dates, times, durations, sets, vague
references) is found in the text and normalised against the document date
(``doc._.published``) to a TIMEX3 ``value`` ("2023-09", "1989-Q3", "P5Y",
"FUTURE_REF", ...) and the day range it covers (``begin``/``finish``,
YYYY-MM-DD, ``None`` when open).  Results go to

* ``doc._.times``: :class:`newsgraph.model.TimeExpr` records (the public shape);
* ``doc._.timex``: :class:`TimeMention` records in the same order, which also
  carry the TIMEX3 ``type`` (DATE, TIME, DURATION, SET), ``mod`` (START, MID,
  END, APPROX, EQUAL_OR_LESS, ...), ``precision`` (day, week, month, quarter,
  season, half, year, decade, century, time, open) and the clause ``tense``.

Finding.  spaCy's DATE/TIME entities miss vague words ("now", "recently"),
merge neighbours ("the third quarter ended Sept. 30") and cut spans
differently from TimeML, so spans come from our own patterns over the text,
compiled once from ``data/time_lexicon.yaml``; overlapping candidates go to
the longest.  Spans follow the TimeML conventions of TimeBank: determiners and
modifiers in ("the third quarter", "the early 2030s", "within five years",
"about two years ago"), prepositions out ("in August" -> "August").

Normalising (:func:`normalise`, usable without spaCy) is rule-based:

* explicit dates in any order; numeric dates read day-first or month-first by
  a part over 12, then a weekday beside them ("Tuesday (26/9/2023)"), then the
  document's own habit (``date_order="auto"``: its other dates), then
  day-first; two-digit years go to the century nearest the document date;
* dates without a year, weekdays, months and seasons are placed by the tense
  of their clause, read from the parse: the last one on or before the
  document date in a past clause, the next one in a future clause;
* relative expressions ("last year", "earlier this month", "two days ago",
  "next week") count from the document date; "a year earlier", "the
  following month", "that year", "at the time" from the previous date of the
  text, at its granularity ("the third quarter ... a year earlier" is the
  third quarter of the year before);
* durations ("ten years" P10Y) get a range when they have a horizon
  ("within five years": document date .. +5 years; "the next two to three
  years": +2 .. +3 years; "the past two months": -2 months .. document date);
* vague references are PRESENT_REF / PAST_REF / FUTURE_REF with an open range.

dateparser is not used: it reads single strings but does not find dates in
text, does not know TIMEX3 values, and is slow.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from newsgraph.model import TimeExpr

LEXICON_PATH = Path(__file__).with_name("data") / "time_lexicon.yaml"

# ---------------------------------------------------------------------------
# results


@dataclass(slots=True, frozen=True)
class Timex:
    """A normalised temporal expression (what :func:`normalise` returns)."""

    value: str | None
    type: str = "DATE"  # DATE, TIME, DURATION, SET
    mod: str | None = None
    precision: str | None = None  # day, week, month, quarter, season, half, year, decade, century, time, open
    begin: str | None = None  # YYYY-MM-DD: first day of the range
    finish: str | None = None  # YYYY-MM-DD: last day of the range

    def to_dict(self) -> dict[str, Any]:
        return {
            "value": self.value,
            "type": self.type,
            "mod": self.mod,
            "precision": self.precision,
            "from": self.begin,
            "to": self.finish,
        }


@dataclass(slots=True)
class TimeMention(TimeExpr):
    """A temporal expression found in a text (the model's :class:`TimeExpr`) and the tense of its clause."""

    tense: str | None = None

    def to_time_expr(self) -> TimeExpr:
        return TimeExpr(
            self.text, self.start, self.end, self.value, self.begin, self.finish, self.type, self.mod, self.precision
        )

    def to_dict(self) -> dict[str, Any]:
        return {**TimeExpr.to_dict(self), "tense": self.tense}


# ---------------------------------------------------------------------------
# lexicon


@dataclass(slots=True)
class Lexicon:
    months: dict[str, int]
    ambiguous_months: frozenset[str]
    weekdays: dict[str, int]
    seasons: dict[str, str]
    season_ranges: dict[str, tuple[str, str]]
    day_parts: dict[str, str]
    numbers: dict[str, int]
    vague_numbers: tuple[str, ...]
    ordinals: dict[str, int]
    decade_words: dict[str, int]
    units: dict[str, tuple[str, str]]
    mods: dict[str, str]  # phrase -> mod
    vague: dict[str, str]  # phrase -> value
    time_zones: tuple[str, ...]
    holidays: dict[str, str]


@lru_cache(maxsize=4)
def load_lexicon(path: str | Path = LEXICON_PATH) -> Lexicon:
    raw = yaml.safe_load(Path(path).read_text("utf-8"))

    def invert(section: dict[Any, list[str]]) -> dict[str, Any]:
        return {name.lower(): key for key, names in section.items() for name in names}

    return Lexicon(
        months={k: int(v) for k, v in invert(raw["months"]).items()},
        ambiguous_months=frozenset(raw.get("ambiguous_months", [])),
        weekdays={k: int(v) for k, v in invert(raw["weekdays"]).items()},
        seasons=invert(raw["seasons"]),
        season_ranges={k: tuple(v) for k, v in raw["season_ranges"].items()},
        day_parts=invert(raw["day_parts"]),
        numbers={str(k).lower(): int(v) for k, v in raw["numbers"].items()},
        vague_numbers=tuple(raw["vague_numbers"]),
        ordinals={str(k).lower(): int(v) for k, v in raw["ordinals"].items()},
        decade_words={str(k).lower(): int(v) for k, v in raw["decade_words"].items()},
        units={str(k): (v[0], v[1]) for k, v in raw["units"].items()},
        mods=invert(raw["mods"]),
        vague=invert(raw["vague"]),
        time_zones=tuple(raw["time_zones"]),
        holidays={str(k).lower(): str(v) for k, v in raw["holidays"].items()},
    )


def _alt(words: list[str] | set[str] | tuple[str, ...], flexible_space: bool = True) -> str:
    """A regex alternation of phrases, longest first (so that the longest wins)."""
    out = []
    for w in sorted(set(words), key=len, reverse=True):
        esc = re.escape(w)
        if flexible_space:
            esc = esc.replace(r"\ ", r"\s+")
        out.append(esc)
    return "(?:" + "|".join(out) + ")"


def _cased(words: list[str] | set[str]) -> str:
    """Alternation of capitalised (or all-caps) forms only: month and weekday names."""
    forms = set()
    for w in words:
        forms.add(w[:1].upper() + w[1:])
        forms.add(w.upper())
    return "(?-i:" + _alt(forms)[3:]


class _Grammar:
    """The compiled patterns, built once per lexicon."""

    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex
        full_months = [m for m in lex.months if len(m) > 4 or m in ("may", "june", "july")]
        abbr_months = [m for m in lex.months if m not in full_months]
        full_days = [d for d in lex.weekdays if len(d) > 4 or d in ("friday",)]
        abbr_days = [d for d in lex.weekdays if d not in full_days]
        B = r"(?<![\w'’-])"  # a word starts
        EARLY = r"(?:(?:early|late|mid|earlier|later)[- ]?\s*)?"
        E = r"(?![\w-])"  # a word ends
        self.B, self.E = B, E
        month_full = _cased(full_months)
        month_abbr = _cased(abbr_months) + r"(?:\.|(?=\s*\d))"
        MONTH = rf"(?:{month_full}|{month_abbr})(?![a-z])"
        WEEKDAY = rf"(?:{_cased(full_days)}|{_cased(abbr_days)}\.)(?![a-z])"
        self.MONTH, self.WEEKDAY = MONTH, WEEKDAY
        self.named_mdy_re: re.Pattern[str] | None = None
        self.named_dmy_re: re.Pattern[str] | None = None
        ones = [k for k, v in lex.numbers.items() if v < 10 and k not in ("a", "an")]
        teens = [k for k, v in lex.numbers.items() if 10 <= v < 20 and k != "dozen"]
        tens = [k for k, v in lex.numbers.items() if v >= 20 and v % 10 == 0 and v < 100]
        units_w = _alt(ones)
        compound = rf"(?:{_alt(tens)}(?:[- ]{units_w})?|{_alt(teens)}|{units_w})"
        big = rf"(?:(?:{compound}|a)\s+(?:hundred|thousand)(?:\s+(?:and\s+)?{compound})?)"
        vague_n = _alt(list(lex.vague_numbers))
        NUMW = (
            rf"(?:{big}|{compound}|a\s+couple\s+of|couple\s+of|a\s+dozen|dozens\s+of|hundreds\s+of|"
            rf"thousands\s+of|a\s+few|{vague_n}|an?)"
        )
        NUMD = r"(?:\d{1,3}(?:,\d{3})*(?:\.\d+)?(?:\s+\d/\d|\s*[½¼¾])?)"
        NUM = rf"(?:{NUMD}|{NUMW})"
        self.NUM = NUM
        unit_names = list(lex.units)
        UNIT_SG = _alt(unit_names)
        UNITS = r"(?:centur(?:y|ies)|millenni(?:um|a|ums)|" + UNIT_SG[3:-1] + r")s?"
        self.UNITS = UNITS
        ORD_W = _alt(list(lex.ordinals))
        DAYNUM = rf"(?:(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?!\d)|{ORD_W})"
        spelled_tens = _alt(tens)
        SPELLED_YEAR = (
            rf"(?:(?:nineteen|eighteen|twenty)[- ]{spelled_tens}(?:[- ]{units_w})?|(?:nineteen|eighteen)[- ]hundred"
            rf"|two\s+thousand(?:\s+(?:and\s+)?{compound})?)"
        )
        YEAR = rf"(?:(?:1[0-9]|20)\d\d(?!\d)|’\d\d|'\d\d|{SPELLED_YEAR})"
        self.YEAR = YEAR
        SEASON = _alt(list(lex.seasons))
        DAYPART = _alt(list(lex.day_parts))
        TZ = "(?-i:" + "|".join(lex.time_zones) + ")"
        REL = r"(?:last|this|next|this\s+past|this\s+coming|the\s+previous|the\s+following|the\s+next|the\s+same|that)"
        POS_MOD = (
            r"(?:(?:early|late|mid|earlier|later)[- ]?\s*(?:in\s+)?"
            r"|(?:the\s+)?(?:end|beginning|start|middle|close|dawn|turn|rest|remainder|balance)\s+of\s+)"
        )
        self.POS_MOD = POS_MOD
        FUZZY = (
            r"(?:about|around|approximately|roughly|nearly|almost|some|more\s+than|less\s+than|fewer\s+than|"
            r"over|under|at\s+least|at\s+most|up\s+to|within|no\s+more\s+than|no\s+less\s+than|just|only|"
            r"barely|just\s+over|just\s+under|upwards\s+of|well\s+over|a\s+full|a\s+mere|fully)"
        )
        QUARTER_ORD = r"(?:first|second|third|fourth|1st|2nd|3rd|4th|final|last|latest|current|comparable)"
        Q_PRE = (
            r"(?:(?:the|its|their|his|her|our|a|this|last|next|that|the\s+same|this\s+year's|last\s+year's|"
            r"next\s+year's|the\s+\d{4}|the\s+year-(?:ago|earlier))\s+)?"
        )
        Q_ADJ = (
            r"(?:(?:fiscal|calendar|latest|current|comparable|corresponding|same|year-ago|year-earlier|\d{4})[- ]\s*)*"
        )
        Q_OF = r"(?:\s+of\s+(?:fiscal\s+)?(?:" + YEAR + r"|this\s+year|last\s+year|next\s+year|the\s+year))?"

        pats: list[tuple[str, str]] = [
            # "Tuesday (26/9/2023)", "26/9/2023", "11/02/89", "2023-09-26"
            (
                "numeric",
                rf"{B}(?:{WEEKDAY},?\s*\(?\s*)?(?:\d{{1,2}}[/.]\d{{1,2}}[/.](?:\d{{4}}|\d{{2}})|\d{{1,2}}-\d{{1,2}}-\d{{4}}"
                rf"|\d{{4}}-\d\d-\d\d)(?![\d/.-]\d)(?:\s*\))?",
            ),
            # "Friday Oct. 13", "Oct. 15, 1999", "Saturday, April 25", "March eighth"
            (
                "date",
                rf"{B}(?:(?:{WEEKDAY}|today|yesterday|tomorrow),?\s+)?(?:(?:early|late|mid)[- ]?\s*)?{MONTH}\s*{DAYNUM}"
                rf"(?:,?\s+{YEAR})?{E}",
            ),
            # "26 September 2023", "the 26th of September"
            (
                "date",
                rf"{B}(?:{WEEKDAY},?\s+)?(?:the\s+)?(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH}"
                rf"(?:,?\s+{YEAR})?{E}",
            ),
            # clock times, with the day they are on: "5 p.m. EST, Nov. 6", "noon Thursday", "around 7:15 p.m."
            (
                "time",
                rf"{B}(?:(?:about|around|approximately|shortly\s+(?:before|after)|just\s+(?:before|after)|"
                rf"after|before|until|by)\s+)?"
                rf"(?:\d{{1,2}}(?:[:.]\d\d)?\s*(?:a\.m\.|p\.m\.|am{E}|pm{E}|a\.m{E}|p\.m{E})|\d{{1,2}}:\d\d(?:\s*(?:hours|hrs|GMT|UTC))?"
                rf"|noon|midnight|mid-?day|{compound}\s+o'clock|\d{{1,2}}\s+o'clock)(?:\s+{TZ})?"
                rf"(?:,?\s+(?:on\s+)?(?:(?:{WEEKDAY},?\s+)?{MONTH}\s*{DAYNUM}(?:,?\s+{YEAR})?|{WEEKDAY}|today|"
                rf"yesterday|tomorrow|tonight))?{E}",
            ),
            # day parts: "this morning", "last night", "Friday evening", "mid-afternoon yesterday"
            (
                "daypart",
                rf"{B}{EARLY}(?:(?:this|last|tomorrow|yesterday|{WEEKDAY}|the)\s+)"
                rf"{DAYPART}s?(?:\s+(?:yesterday|today|tomorrow|{WEEKDAY}))?{E}",
            ),
            (
                "daypart",
                rf"{B}{EARLY}{DAYPART}\s+(?:yesterday|today|tomorrow|{WEEKDAY}){E}",
            ),
            ("daypart", rf"{B}(?:overnight|tonight){E}"),
            # yesterday, today, tomorrow
            (
                "dayref",
                rf"{B}(?:(?:early|late|mid|earlier|later)\s+)?(?:the\s+day\s+(?:before|after)\s+)?"
                rf"(?:yesterday|today|tomorrow)(?:\s+{DAYPART})?{E}",
            ),
            # weekdays: "Tuesday", "last Friday", "the previous Friday", "Tuesday nights"
            (
                "weekday",
                rf"{B}(?:(?:early|late|earlier|later)\s+)?(?:{REL}\s+)?{WEEKDAY}s?(?:\s+{DAYPART}s?)?{E}",
            ),
            # months: "August", "last April", "mid-November", "June last year", "the beginning of October"
            (
                "month",
                rf"{B}{POS_MOD}?(?:{REL}\s+)?{MONTH}(?:(?:,?\s+(?:of\s+)?{YEAR})|\s+(?:last|this|next)\s+year)?{E}",
            ),
            # seasons: "this past spring", "the summer of 1989", "last fall"
            (
                "season",
                rf"{B}{POS_MOD}?(?:(?:{REL}|the|this|last|next)\s+)?{SEASON}(?:\s+(?:of\s+)?{YEAR})?{E}",
            ),
            # quarters and halves: "the third quarter", "third-quarter", "the fiscal first quarter",
            # "this year's third quarter", "the third quarter of 1984", "the first half"
            (
                "quarter",
                rf"{B}{POS_MOD}?{Q_PRE}{Q_ADJ}{QUARTER_ORD}[- ](?:fiscal[- ])?(?:quarter|half|period)s?{Q_OF}{E}",
            ),
            (
                "quarter",
                rf"{B}(?:the|this|last|next|that)\s+{Q_ADJ}(?:quarter|period)(?:\s+a\s+year\s+(?:ago|earlier))?{E}",
            ),
            ("quarter", rf"{B}(?:the\s+)?(?:first|second|last|latter)\s+half\s+of\s+(?:{YEAR}|the\s+year){E}"),
            # "Q3 2023", "Q1", "H1 2024", "3Q23"
            ("quarter", rf"{B}(?-i:[QH][1-4])(?:\s*(?:of\s+)?(?:{YEAR}|FY\s?\d\d(?:\d\d)?))?{E}"),
            (
                "quarter",
                rf"{B}(?:the\s+)?(?:first|last)\s+(?:two|three)\s+quarters\s+of\s+{YEAR}{E}",
            ),
            (
                "quarter",
                rf"{B}the\s+(?:same|corresponding|comparable|year-ago|year-earlier)\s+(?:period|quarter)"
                rf"(?:\s+(?:a\s+year\s+(?:ago|earlier)|(?:of\s+)?last\s+year))?{E}",
            ),
            ("yearago", rf"{B}(?:year-(?:earlier|ago)|(?:a|one)\s+year-(?:earlier|ago)){E}"),
            # years: "1989", "fiscal 1989", "mid-1996", "the end of 1990", "1994 or later", "nineteen ninety-six"
            (
                "year",
                rf"{B}{POS_MOD}?(?:(?:fiscal|calendar|the\s+year|the\s+fiscal\s+year|the\s+calendar\s+year)\s+)?"
                rf"{YEAR}(?:\s+(?:or\s+later|or\s+earlier|and\s+beyond|onwards?))?{E}",
            ),
            ("year", rf"{B}the\s+(?:\d{{4}})\s+(?:period|quarter|fiscal\s+year|season){E}"),
            # decades and centuries: "the 1990s", "the early 2030s", "the '80s", "the nineties", "the 20th century"
            (
                "decade",
                rf"{B}(?:the\s+)?(?:(?:first|second|last|latter)\s+half\s+of\s+the\s+|(?:end|beginning|start|middle)"
                rf"\s+of\s+the\s+)?(?:(?:early|late|mid)[- ]?\s*)?(?:(?:1[0-9]|20)\d0[’']?s|[’']\d0s|"
                rf"(?:nineteen[- ]|twenty[- ])?{_alt(list(lex.decade_words))}){E}",
            ),
            (
                "century",
                rf"{B}(?:the\s+)?(?:(?:early|late|mid)[- ]?\s*)?(?:\d{{1,2}}(?:st|nd|rd|th)|{ORD_W})[- ]century{E}",
            ),
            ("century", rf"{B}the\s+turn\s+of\s+the\s+century{E}"),
            # relative periods: "last year", "this past week", "earlier this month", "the end of the year",
            # "the following month", "the past year", "the weekend", "the year", "year-end"
            (
                "relative",
                rf"{B}{POS_MOD}?(?:(?:last|this|next|this\s+past|this\s+coming|the\s+(?:past|last|previous|following|"
                rf"next|coming|current|same|latest|full|entire|whole|first|present|final)|that|the)\s+)"
                rf"(?:(?:fiscal|calendar|financial|school|academic)\s+)?"
                rf"(?:week|weekend|month|year|decade|century|fortnight){E}(?!-)"
                rf"|{B}the\s+(?:following|next|previous|same)\s+day{E}",
            ),
            ("relative", rf"{B}(?:(?:around|about)\s+)?year[- ]end{E}|{B}year's\s+end{E}"),
            ("relative", rf"{B}the\s+day{E}(?!\s+(?:before|after|of|when|that)){E}"),
            ("relative", rf"{B}(?:the\s+)?weekend{E}"),
            # "two days ago", "a year earlier", "about two years ago", "a week or so ago", "five months later"
            (
                "ago",
                rf"{B}(?:{FUZZY}\s+)?{NUM}[- ]?(?:more\s+)?{UNITS}(?:\s+or\s+(?:so|{NUM}))?"
                rf"\s+(?:ago|earlier|later|from\s+now|hence){E}",
            ),
            # durations: "five years", "the past two months", "within five years", "the next two to three years",
            # "two-year", "2 1/2 years", "a minute and a half", "at least 20 more years", "several months"
            (
                "duration",
                rf"{B}(?:{FUZZY}\s+(?!the\b))?(?:(?:the|each\s+of\s+the|all\s+of\s+the)\s+)?"
                rf"(?:(?:past|last|next|first|coming|previous|latest|following|final|remaining|initial|ensuing|"
                rf"same|entire|whole|full|other|additional|further|early|closing|opening|recent)\s+)?"
                rf"{NUM}(?:\s+(?:to|or|and|-|–)\s+{NUM})?[- ]?\s*(?:(?:additional|more|straight|consecutive|"
                rf"trading|business|working|calendar|full|long|fiscal|extra)\s+)?{UNITS}"
                rf"(?:\s+(?:and\s+a\s+half|or\s+so|or\s+(?:two|three|more|less|{UNITS})))?(?:\s+(?:ahead|to\s+come))?{E}",
            ),
            ("duration", rf"{B}(?:a|an|one)\s+(?:{UNIT_SG})\s+and\s+a\s+half{E}"),
            ("duration", rf"{B}(?:half\s+an?\s+(?:hour|day|year|century|decade)|a\s+half[- ](?:hour|day|year)){E}"),
            (
                "duration",
                rf"{B}(?:(?:the\s+)?(?:past|recent|coming|next|last|early|first|final|later|previous|following|"
                rf"closing|ensuing|intervening|future|subsequent)\s+)(?:(?:few|several|many)\s+)?"
                rf"(?:years|months|weeks|days|decades|centuries|quarters|hours|minutes){E}",
            ),
            ("duration", rf"{B}the\s+(?:years|months|weeks|days|decades)\s+(?:ahead|to\s+come){E}"),
            (
                "duration",
                rf"{B}(?:years|months|weeks|days|decades|centuries)\s+or\s+(?:years|months|weeks|days|decades){E}",
            ),
            (
                "duration",
                rf"(?<=\bfor\s)(?:years|months|weeks|days|decades|centuries|hours|ages){E}"
                rf"|(?<=\bin\s)(?:years|months|weeks|decades|centuries){E}",
            ),
            # sets: "each month", "every Thursday", "per year", "each July"
            (
                "set",
                rf"{B}(?:each|every|per)\s+(?:other\s+|single\s+)?(?:{UNIT_SG}|{WEEKDAY}|{MONTH}|{SEASON})"
                rf"(?:\s+{DAYPART})?{E}",
            ),
            ("set", rf"{B}{WEEKDAY}s(?:\s+{DAYPART}s?)?{E}"),
            ("set", rf"{B}(?:(?:once|twice|thrice|{NUM}\s+times)\s+(?:a|an|per|each|every)\s+{UNIT_SG}){E}"),
            # vague references: "now", "recently", "the future", "the medium term", "eventually"
            ("vague", rf"{B}(?:{_alt(list(lex.vague))}){E}"),
            ("vague", rf"{B}(?:the\s+)?(?:past|recent|future|coming|previous)\s+(?:years|quarters|decades){E}"),
            # anaphora: "the time" (after "at"), "that year", "the same day", "since then"
            (
                "anaphor",
                rf"(?<=\bat\s)the\s+time{E}|{B}that\s+(?:time|year|month|day|week|quarter|period|date|"
                rf"moment|night|morning|afternoon|evening){E}|{B}the\s+same\s+(?:day|year|month|week|quarter|date){E}",
            ),
            (
                "anaphor",
                rf"\b(?:since|until|till|by|from|back|before|than|even|just|right)\s+(?P<x>then){E}|{B}then(?=-\w)"
                rf"|(?<=\bthe\s)then(?=\s+(?:current|prevailing|existing|president|chairman|leader|head|chief))",
            ),
            ("holiday", rf"{B}{_alt(list(lex.holidays))}{E}"),
        ]
        self.patterns = [(kind, re.compile(p, re.I)) for kind, p in pats]
        # Every match of a pattern holds one of its trigger words (or numbers), within WINDOW
        # characters of the match's ends: each pattern runs only around its triggers.  Words are
        # found in one pass over the text and looked up here; numbers by a few digit patterns.
        kinds: dict[str, set[str]] = {}

        def add(kind: str, *groups: Any) -> None:
            for group in groups:
                for w in group:
                    for form in (w, w + "s", w + "'s"):
                        kinds.setdefault(form, set()).add(kind)

        unit_words = [*lex.units, "centuries", "millennia", "ages", "yearend", "midweek"]
        add("date", lex.months)
        add("month", lex.months)
        add("weekday", lex.weekdays)
        add("season", lex.seasons)
        add("time", ["noon", "midnight", "midday", "o'clock"])
        add("daypart", lex.day_parts, ["overnight", "tonight"])
        add("dayref", ["yesterday", "today", "tomorrow"])
        add("quarter", ["quarter", "half", "period", "q1", "q2", "q3", "q4", "h1", "h2"])
        add("year", ["nineteen", "eighteen", "thousand", "hundred", "twenty"])
        add("decade", lex.decade_words)
        add("century", ["century", "centuries"])
        add("relative", ["week", "weekend", "month", "year", "decade", "century", "fortnight", "day", "yearend"])
        add("ago", ["ago", "earlier", "later", "hence", "now"])
        add("duration", unit_words)
        add("set", ["each", "every", "per", "once", "twice", "thrice", "times"], [f"{d}s" for d in lex.weekdays])
        add("vague", [p.split()[-1] for p in lex.vague], ["years", "quarters", "decades"])
        add("anaphor", ["time", "then"], unit_words, lex.day_parts, ["date", "moment", "period"])
        add("holiday", [p.split()[-1] for p in lex.holidays])
        self.word_kinds = {w: tuple(sorted(k)) for w, k in kinds.items()}
        self.word_re = re.compile(r"[A-Za-z][A-Za-z0-9'’]*")
        self.digit_triggers = [
            ("numeric", re.compile(r"\d[/.-]\d{1,2}[/.-]\d|\d{4}-\d\d-\d\d")),
            ("time", re.compile(r"\d:\d\d|\d\s*[ap]\.?m\b", re.I)),
            ("year", re.compile(r"\b(?:1[0-9]|20)\d\d\b|['’]\d\d")),
            ("decade", re.compile(r"\d0['’]?s\b")),
            ("yearago", re.compile(r"year-", re.I)),
        ]
        self.ambiguous_month_re = re.compile(
            r"(?:\b(?:in|since|until|till|by|of|from|to|through|during|last|this|next|early|late|mid|before|after|"
            r"and|or|between|on|each|every)\s+$|mid-$|\d\s*$)",
            re.I,
        )
        self.after_month_ok_re = re.compile(rf"^\s*(?:,?\s*{YEAR}|\s*{DAYNUM}|\s+(?:last|this|next)\s+year)", re.I)
        self.number_before_re = re.compile(r"(?:[$€£¥#]|\bNo\.\s*|\b(?:[Nn]umber|[Rr]oute|[Pp]age|[Ff]light)\s+)$")


@lru_cache(maxsize=4)
def _grammar(path: str | Path = LEXICON_PATH) -> _Grammar:
    return _Grammar(load_lexicon(path))


# ---------------------------------------------------------------------------
# finding spans


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


# ---------------------------------------------------------------------------
# calendar arithmetic


def _add_months(d: dt.date, n: int) -> dt.date:
    m = d.month - 1 + n
    y = d.year + m // 12
    m = m % 12 + 1
    return dt.date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def _add(d: dt.date, n: float, unit: str) -> dt.date | None:
    """``d`` plus ``n`` units (Y, M, W, D, Q, E, C, L, H, ...): a day (time units round to days)."""
    try:
        if unit == "Y":
            return _add_months(d, round(12 * n))
        if unit == "M":
            return _add_months(d, round(n))
        if unit == "Q":
            return _add_months(d, round(3 * n))
        if unit == "E":
            return _add_months(d, round(120 * n))
        if unit == "C":
            return _add_months(d, round(1200 * n))
        if unit == "L":
            return _add_months(d, round(12000 * n))
        if unit in ("W", "WE"):
            return d + dt.timedelta(days=round(7 * n))
        if unit == "D":
            return d + dt.timedelta(days=round(n))
        if unit == "H":
            return d + dt.timedelta(hours=n)
        return d
    except (OverflowError, ValueError):
        return None


def _month_end(y: int, m: int) -> dt.date:
    return dt.date(y, m, calendar.monthrange(y, m)[1])


@dataclass(slots=True, frozen=True)
class _Point:
    """A calendar point at some granularity."""

    gran: str  # day, week, weekend, month, quarter, half, season, year, decade, century
    year: int
    month: int = 1
    day: int = 1
    sub: int = 0  # quarter / half / ISO week number; decade (199) or century (19) number
    season: str = ""
    time: str = ""  # "T17", "T17:30", "TMO", ...

    @classmethod
    def of(cls, d: dt.date, gran: str, season: str = "") -> _Point:
        if gran == "day":
            return cls("day", d.year, d.month, d.day)
        if gran in ("week", "weekend"):
            iso = d.isocalendar()
            return cls(gran, iso[0], sub=iso[1])
        if gran == "month":
            return cls("month", d.year, d.month)
        if gran == "quarter":
            return cls("quarter", d.year, sub=(d.month - 1) // 3 + 1)
        if gran == "half":
            return cls("half", d.year, sub=1 if d.month <= 6 else 2)
        if gran == "season":
            s = season or _season_of(d.month)
            y = d.year - 1 if s == "WI" and d.month <= 2 else d.year
            return cls("season", y, season=s)
        if gran == "year":
            return cls("year", d.year)
        if gran == "decade":
            return cls("decade", d.year, sub=d.year // 10)
        if gran == "century":
            return cls("century", d.year, sub=d.year // 100)
        raise ValueError(gran)

    def first_day(self) -> dt.date:
        if self.gran == "day":
            return dt.date(self.year, self.month, self.day)
        if self.gran == "week":
            return dt.date.fromisocalendar(self.year, self.sub, 1)
        if self.gran == "weekend":
            return dt.date.fromisocalendar(self.year, self.sub, 6)
        if self.gran == "month":
            return dt.date(self.year, self.month, 1)
        if self.gran == "quarter":
            return dt.date(self.year, 3 * self.sub - 2, 1)
        if self.gran == "half":
            return dt.date(self.year, 6 * self.sub - 5, 1)
        if self.gran == "season":
            mm, dd = (int(x) for x in load_lexicon().season_ranges[self.season][0].split("-"))
            return dt.date(self.year, mm, dd)
        if self.gran == "year":
            return dt.date(self.year, 1, 1)
        if self.gran == "decade":
            return dt.date(self.sub * 10, 1, 1)
        if self.gran == "century":
            return dt.date(max(1, self.sub * 100), 1, 1)
        raise ValueError(self.gran)

    def last_day(self) -> dt.date:
        if self.gran == "day":
            return self.first_day()
        if self.gran == "week":
            return dt.date.fromisocalendar(self.year, self.sub, 7)
        if self.gran == "weekend":
            return dt.date.fromisocalendar(self.year, self.sub, 7)
        if self.gran == "month":
            return _month_end(self.year, self.month)
        if self.gran == "quarter":
            return _month_end(self.year, 3 * self.sub)
        if self.gran == "half":
            return _month_end(self.year, 6 * self.sub)
        if self.gran == "season":
            mm, dd = (int(x) for x in load_lexicon().season_ranges[self.season][1].split("-"))
            y = self.year + 1 if self.season == "WI" else self.year
            return _month_end(y, mm) if mm == 2 else dt.date(y, mm, dd)
        if self.gran == "year":
            return dt.date(self.year, 12, 31)
        if self.gran == "decade":
            return dt.date(self.sub * 10 + 9, 12, 31)
        if self.gran == "century":
            return dt.date(self.sub * 100 + 99, 12, 31)
        raise ValueError(self.gran)

    def value(self) -> str:
        if self.gran == "day":
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}{self.time}"
        if self.gran == "week":
            return f"{self.year:04d}-W{self.sub:02d}"
        if self.gran == "weekend":
            return f"{self.year:04d}-W{self.sub:02d}-WE"
        if self.gran == "month":
            return f"{self.year:04d}-{self.month:02d}"
        if self.gran == "quarter":
            return f"{self.year:04d}-Q{self.sub}"
        if self.gran == "half":
            return f"{self.year:04d}-H{self.sub}"
        if self.gran == "season":
            return f"{self.year:04d}-{self.season}"
        if self.gran == "year":
            return f"{self.year:04d}"
        if self.gran == "decade":
            return f"{self.sub:03d}"
        if self.gran == "century":
            return f"{self.sub:02d}"
        raise ValueError(self.gran)

    def shift(self, n: float, unit: str) -> _Point | None:
        """The point ``n`` units later (earlier when negative), at its own granularity."""
        if self.gran == "decade" and unit in ("E", "Y"):
            k = round(n) if unit == "E" else round(n / 10)
            return _Point("decade", self.year + 10 * k, sub=self.sub + k)
        if self.gran == "century" and unit in ("C", "E", "Y"):
            k = round(n) if unit == "C" else round(n / (10 if unit == "E" else 100))
            return _Point("century", self.year + 100 * k, sub=self.sub + k)
        if self.gran == "season" and unit == "Y":
            return _Point("season", self.year + round(n), season=self.season)
        d = _add(self.first_day(), n, unit)
        if d is None or not 1 <= d.year <= 9999:
            return None
        p = _Point.of(d, self.gran, self.season)
        return p


def _season_of(month: int) -> str:
    return {12: "WI", 1: "WI", 2: "WI", 3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU", 8: "SU"}.get(month, "FA")


_VALUE_RES = [
    (re.compile(r"^(\d{4})-(\d\d)-(\d\d)(T.*)?$"), "day"),
    (re.compile(r"^(\d{4})-W(\d\d)-WE$"), "weekend"),
    (re.compile(r"^(\d{4})-W(\d\d)$"), "week"),
    (re.compile(r"^(\d{4})-(\d\d)$"), "month"),
    (re.compile(r"^(\d{4})-Q([1-4])$"), "quarter"),
    (re.compile(r"^(\d{4})-H([12])$"), "half"),
    (re.compile(r"^(\d{4})-(SP|SU|FA|WI)$"), "season"),
    (re.compile(r"^(\d{4})$"), "year"),
    (re.compile(r"^(\d{3})$"), "decade"),
    (re.compile(r"^(\d{2})$"), "century"),
]


def _point_of_value(value: str | None) -> _Point | None:
    """Parse a TIMEX3 DATE/TIME value back into a point (None for anything else)."""
    if not value:
        return None
    for rx, gran in _VALUE_RES:
        m = rx.match(value)
        if not m:
            continue
        try:
            if gran == "day":
                return _Point("day", int(m.group(1)), int(m.group(2)), int(m.group(3)), time=m.group(4) or "")
            if gran in ("week", "weekend", "quarter", "half"):
                return _Point(gran, int(m.group(1)), sub=int(m.group(2)))
            if gran == "month":
                return _Point("month", int(m.group(1)), int(m.group(2)))
            if gran == "season":
                return _Point("season", int(m.group(1)), season=m.group(2))
            if gran == "year":
                return _Point("year", int(m.group(1)))
            if gran == "decade":
                return _Point("decade", int(m.group(1)) * 10, sub=int(m.group(1)))
            if gran == "century":
                return _Point("century", int(m.group(1)) * 100, sub=int(m.group(1)))
        except ValueError:
            return None
    return None


_GRAN_OF_UNIT = {
    "D": "day",
    "W": "week",
    "WE": "weekend",
    "M": "month",
    "Q": "quarter",
    "Y": "year",
    "E": "decade",
    "C": "century",
}
_UNIT_OF_GRAN = {v: k for k, v in _GRAN_OF_UNIT.items()}
_GRAN_ORDER = ["day", "week", "weekend", "month", "quarter", "season", "half", "year", "decade", "century"]


def _coarsen(p: _Point, gran: str) -> _Point:
    if p.gran == gran:
        return p
    return _Point.of(p.first_day(), gran)


# ---------------------------------------------------------------------------
# normalising


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


def _clock(low: str, s: str, ctx: _Ctx) -> Timex | None:
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
        if rest:
            return None
        rest = tz
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
_AGO_RE = re.compile(
    r"^(.+?)[- ]?(?:more\s+)?([a-z]+)(\s+or\s+(?:so|.+?))?\s+(ago|earlier|later|from now|hence|back|before|after)$"
)


def _peel_fuzzy(low: str) -> tuple[str | None, str]:
    if low.startswith(("over the ", "under the ")):
        return None, low.split(" ", 1)[1]  # "over the past year": a preposition, not "more than"
    m = _FUZZY_RE.match(low)
    if m and m.group(2)[:1] not in ("", " "):
        return _FUZZY_MODS[m.group(1)], m.group(2)
    return None, low


def _ago(low: str, s: str, ctx: _Ctx) -> Timex | None:
    mod, t = _peel_fuzzy(low)
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


_RATE_BEFORE_RE = re.compile(
    r"(?:[$€£¥]\s?[\d.,]+(?:\s*(?:million|billion|thousand|[mbk]n?))?|\d\s*%|percent|cents?|\d)\s*$", re.I
)


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
    if v.tag_ == "VB" and any(a.lower_ == "to" for a in auxes):
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


# ---------------------------------------------------------------------------
# the spaCy component


def _register() -> None:
    from spacy.tokens import Doc

    from newsgraph.nlp.extensions import register_extensions

    register_extensions()
    if not Doc.has_extension("timex"):
        Doc.set_extension("timex", default=None)


class TimeTagger:
    """Finds and normalises the temporal expressions of a ``Doc`` (see the module docstring)."""

    def __init__(self, nlp: Any, name: str, date_order: str = "auto", use_tense: bool = True) -> None:
        _register()
        self.name = name
        self.date_order = date_order
        self.use_tense = use_tense
        self.grammar = _grammar()

    def __call__(self, doc: Any) -> Any:
        anchor = _parse_anchor(doc._.published)
        text = doc.text  # built from the tokens on each access: read it once
        cands = find_candidates(text, self.grammar)
        has_parse = self.use_tense and doc.has_annotation("DEP")
        tenses: list[str | None] = []
        mains: list[bool] = []
        for c in cands:
            tense, main = clause_of(doc, c.start, c.end) if has_parse else (None, True)
            tenses.append(tense)
            mains.append(main)
        mentions = tag_text(text, anchor, tenses=tenses, mains=mains, date_order=self.date_order, candidates=cands)
        doc._.timex = mentions
        doc._.times = [m.to_time_expr() for m in mentions]
        return doc


def timexes_of(doc: Any) -> list[TimeMention]:
    """The time mentions the component wrote on ``doc`` (empty when it did not run)."""
    return list(doc._.timex or []) if doc.has_extension("timex") else []


def ensure_times_pipe(nlp: Any) -> Any:
    """Add ``newsgraph_times`` to ``nlp`` if the pipeline lacks it."""
    if "newsgraph_times" not in nlp.pipe_names:
        nlp.add_pipe("newsgraph_times", last=True)
    return nlp


def times_pipeline(model: str | None = None) -> Any:
    """A pipeline that runs ``newsgraph_times``: the project's pipeline once the stage is one of its
    ``STAGES``, else the base model with the stage added (cached; the project's cached pipeline is
    left as it is)."""
    from newsgraph.nlp.pipeline import DEFAULT_MODEL, STAGES, load_pipeline

    model = model or DEFAULT_MODEL
    if "newsgraph_times" in STAGES:
        return load_pipeline(model)
    return _base_with_times(model)


@lru_cache(maxsize=2)
def _base_with_times(model: str) -> Any:
    import spacy

    _register()
    return ensure_times_pipe(spacy.load(model))


try:  # the factory needs spaCy; normalise() and tag_text() do not
    from spacy.language import Language

    @Language.factory(
        "newsgraph_times",
        default_config={"date_order": "auto", "use_tense": True},
        requires=["token.dep", "token.tag"],
        assigns=["doc._.times", "doc._.timex"],
    )
    def make_time_tagger(nlp: Language, name: str, date_order: str, use_tense: bool) -> TimeTagger:
        return TimeTagger(nlp, name, date_order, use_tense)

except ImportError:  # pragma: no cover
    pass


__all__ = [
    "Candidate",
    "TimeMention",
    "TimeTagger",
    "Timex",
    "clause_tense",
    "detect_date_order",
    "find_candidates",
    "normalise",
    "tag_text",
    "timexes_of",
]
