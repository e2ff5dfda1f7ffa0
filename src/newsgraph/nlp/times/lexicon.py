"""The time lexicon (``data/time_lexicon.yaml``), the TIMEX3 records, and the patterns compiled from it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from newsgraph.model import TimeExpr

LEXICON_PATH = Path(__file__).resolve().parent.parent / "data" / "time_lexicon.yaml"

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
                rf"|noon|midnight|mid-?day|{compound}\s+o'clock|\d{{1,2}}\s+o'clock"
                rf"|(?:[01]\d|2[0-3])[0-5]\d(?=\s*(?:GMT|UTC|local\s+time)\b))(?:\s+{TZ}|\s+local\s+time)?"
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
            # a count left open: "months ago", "days later", "weeks after the attack"
            ("ago", rf"{B}(?:years|months|weeks|days|decades|hours)\s+(?:ago|earlier|later){E}"),
            ("duration", rf"{B}(?:years|months|weeks|days|decades|hours){E}(?=\s+(?:after|before)\b)"),
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
            ("time", re.compile(r"\d:\d\d|\d\s*[ap]\.?m\b|\b[012]\d[0-5]\d\s*(?:GMT|UTC|local)\b", re.I)),
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
