"""Dates, statuses and horizons of forecasts (no spaCy needed)."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from newsgraph.model import TimeExpr

STATUSES = ("open", "due", "came_true", "expired")
_ISO = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def parse_day(value: str | None, *, end: bool = False) -> dt.date | None:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` as a day: its first (or, with ``end``, last) day."""
    if not value or not _ISO.match(str(value)[:10]):
        return None
    text = str(value)[:10]
    try:
        if len(text) == 10:
            return dt.date.fromisoformat(text)
        if len(text) == 7:
            year, month = int(text[:4]), int(text[5:7])
            return dt.date(year, month, calendar.monthrange(year, month)[1] if end else 1)
        return dt.date(int(text), 12, 31) if end else dt.date(int(text), 1, 1)
    except ValueError:
        return None


def _field(record: Any, name: str) -> Any:
    return record.get(name) if isinstance(record, dict) else getattr(record, name, None)


def status_on(forecast: Any, on: dt.date | str, resolved: bool = False, expire_after_days: int = 365) -> str:
    """The status of a forecast (a :class:`Forecast` or a dict with ``by``) on the date ``on``.

    ``came_true`` when ``resolved`` (a later document asserted the proposition); ``open`` while
    there is no deadline or it has not passed; ``due`` once ``by`` has passed; ``expired`` once
    it passed more than ``expire_after_days`` ago.
    """
    if resolved:
        return "came_true"
    day = on if isinstance(on, dt.date) else parse_day(on)
    by = parse_day(_field(forecast, "by"), end=True)
    if by is None or day is None or day <= by:
        return "open"
    if (day - by).days > expire_after_days:
        return "expired"
    return "due"


@dataclass(slots=True)
class Horizon:
    """What one time expression says about when a proposition comes true."""

    not_before: dt.date | None = None
    not_before_range: tuple[dt.date, dt.date] | None = None
    by: dt.date | None = None
    by_range: tuple[dt.date, dt.date] | None = None
    open: bool = False


def horizon_of(time: TimeExpr, role: str | None, negated: bool, anchor: dt.date | None) -> Horizon | None:
    """Read one time expression as a horizon.

    ``role`` is what its preposition makes of it (``by``, ``before``, ``until``, ``after``,
    ``not_before``, ``window``; see ``horizon_preps`` in the cues file); ``negated`` whether its
    clause is negated ("cannot happen in the next two to three years"); ``anchor`` the date the
    expression was normalised against (durations count from it).
    """
    value = time.value or ""
    begin, finish = parse_day(time.begin), parse_day(time.finish, end=True)
    if value in ("PAST_REF", "PRESENT_REF"):
        return None
    if value == "FUTURE_REF" or finish is None:
        return Horizon(open=True)
    if begin is None:
        begin = finish
    one = dt.timedelta(days=1)
    if time.type == "DURATION":
        # a period from the anchor whose end lies in [lo, hi]: "the next two to three years" is +2y..+3y
        lo, hi = (begin, finish) if anchor is not None and begin > anchor else (finish, finish)
        if negated or role in ("after", "not_before"):
            return Horizon(not_before=lo, not_before_range=(lo, hi))
        return Horizon(by=hi, by_range=(lo, hi))
    if negated:
        if role == "until" or role == "before":  # "not until 2027", "not before 2030"
            return Horizon(not_before=begin, not_before_range=(begin, finish))
        if role == "by":  # "won't happen by 2030"
            return Horizon(not_before=finish + one)
        if role == "after":  # "not after 2030"
            return Horizon(by=finish, by_range=(begin, finish))
        return None
    if role in ("by", "until"):
        return Horizon(by=finish, by_range=(begin, finish))
    if role == "before":
        return Horizon(by=begin - one)
    if role == "after":
        return Horizon(not_before=finish + one)
    if role == "not_before":
        return Horizon(not_before=begin)
    # "in the early 2030s", "next week": within the expression's range
    return Horizon(not_before=begin, not_before_range=(begin, begin), by=finish, by_range=(finish, finish))
