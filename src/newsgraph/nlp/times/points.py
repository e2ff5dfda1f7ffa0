"""Calendar points at a granularity (day .. century) and the arithmetic on them."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from newsgraph.nlp.times.lexicon import load_lexicon


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
