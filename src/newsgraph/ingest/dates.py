"""The publication date of a page that carries no metadata.

Scraped text keeps its date in the page furniture or in a dateline:
"Tuesday (26/9/2023)", "Jakarta, 26/09/2023 -", "Sept. 26, 2023".  We accept
only full dates (day, month and year), and only where a dateline puts them: in
a line that is not prose (header or footer), next to a weekday that agrees
with it, or at the head of the first paragraph.  A date merely mentioned in
the story ("on 24 February 2022 Russia invaded") is not the publication date.

Numeric dates are read day-first or month-first: a part over 12 decides, then
a weekday written beside the date; otherwise day-first, the order of most of
the world's press (a US outlet's metadata date usually exists and wins).

dateparser reads single strings well but does not find dates inside text or
check weekdays; ``search_dates`` over a whole article is slow and takes
"Today" or "May" for dates, so the finding is ours.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

MONTHS = {
    name: i
    for i, names in enumerate(
        [
            ("january", "jan", "januari", "janvier", "enero", "januar"),
            ("february", "feb", "februari", "février", "febrero", "februar"),
            ("march", "mar", "maret", "mars", "marzo", "märz"),
            ("april", "apr", "avril", "abril"),
            ("may", "mei", "mai", "mayo"),
            ("june", "jun", "juni", "juin", "junio"),
            ("july", "jul", "juli", "juillet", "julio"),
            ("august", "aug", "agustus", "août", "agosto"),
            ("september", "sep", "sept", "septembre", "septiembre"),
            ("october", "oct", "oktober", "octobre", "octubre", "okt"),
            ("november", "nov", "nopember", "novembre", "noviembre"),
            ("december", "dec", "desember", "décembre", "diciembre", "dezember", "des"),
        ],
        start=1,
    )
    for name in names
}
WEEKDAYS = {
    name: i
    for i, names in enumerate(
        [
            ("monday", "mon", "senin", "lundi", "lunes", "montag"),
            ("tuesday", "tue", "tues", "selasa", "mardi", "martes", "dienstag"),
            ("wednesday", "wed", "rabu", "mercredi", "miércoles", "mittwoch"),
            ("thursday", "thu", "thurs", "kamis", "jeudi", "jueves", "donnerstag"),
            ("friday", "fri", "jumat", "jum'at", "vendredi", "viernes", "freitag"),
            ("saturday", "sat", "sabtu", "samedi", "sábado", "samstag"),
            ("sunday", "sun", "minggu", "dimanche", "domingo", "sonntag"),
        ]
    )
    for name in names
}

_MONTH_ALT = "|".join(sorted((re.escape(m) for m in MONTHS), key=len, reverse=True))
_WEEKDAY_ALT = "|".join(sorted((re.escape(w) for w in WEEKDAYS), key=len, reverse=True))

_NUMERIC_RE = re.compile(r"(?<![\d/.-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4})(?![\d/.-]|\.\d)")
_ISO_RE = re.compile(r"(?<![\d-])(\d{4})-(\d{2})-(\d{2})(?![\d-])")
_DMY_NAME_RE = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH_ALT})\.?,?\s+(\d{{4}})\b", re.I)
_MDY_NAME_RE = re.compile(rf"\b({_MONTH_ALT})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", re.I)
# A dateline ends with a dash or a colon: "Jakarta, 26/09/2023 - ...", "(26 Sept 2023) — ...".
# Possessive: a long run of spaces after a date must not make the engine backtrack (cubic before).
_DATELINE_END_RE = re.compile(r"(?<!\s)\s*+(?:[)\]]\s*+)?[-–—|:]")
_WEEKDAY_RE = re.compile(rf"\b({_WEEKDAY_ALT})\b\.?,?\s*\(?\s*$", re.I)


@dataclass(slots=True, frozen=True)
class FoundDate:
    date: dt.date
    start: int
    end: int
    weekday_checked: bool


def find_dates(text: str) -> list[FoundDate]:
    """Every full date written in ``text``, in order, each read in the most consistent way."""
    found: list[FoundDate] = []
    for m in _ISO_RE.finditer(text):
        d = _make(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if d:
            found.append(_with_weekday(text, d, m.start(), m.end(), [d]))
    for m in _NUMERIC_RE.finditer(text):
        a, b, y = int(m.group(1)), int(m.group(3)), int(m.group(4))
        readings = [d for d in (_make(y, b, a), _make(y, a, b)) if d]  # day-first reading first
        if readings:
            found.append(_with_weekday(text, readings[0], m.start(), m.end(), readings))
    for m in _DMY_NAME_RE.finditer(text):
        d = _make(int(m.group(3)), MONTHS[m.group(2).lower()], int(m.group(1)))
        if d:
            found.append(_with_weekday(text, d, m.start(), m.end(), [d]))
    for m in _MDY_NAME_RE.finditer(text):
        d = _make(int(m.group(3)), MONTHS[m.group(1).lower()], int(m.group(2)))
        if d:
            found.append(_with_weekday(text, d, m.start(), m.end(), [d]))
    found.sort(key=lambda f: f.start)
    return found


def _make(y: int, m: int, d: int) -> dt.date | None:
    if not 1800 <= y <= 2200:
        return None
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _with_weekday(text: str, default: dt.date, start: int, end: int, readings: list[dt.date]) -> FoundDate:
    """Pick the reading that agrees with a weekday written just before the date."""
    m = _WEEKDAY_RE.search(text[max(0, start - 24) : start])
    if m:
        wd = WEEKDAYS[m.group(1).lower()]
        for d in readings:
            if d.weekday() == wd:
                return FoundDate(d, start, end, True)
    return FoundDate(default, start, end, False)


def published_from_text(lines: list[str], body: list[str]) -> str | None:
    """The publication date (YYYY-MM-DD) written in a scraped page, or None.

    ``lines`` are the furniture lines the cleaner removed (header, footer,
    credit lines) and ``body`` the article's paragraphs.
    """
    candidates: list[tuple[int, int, dt.date]] = []  # (rank, order, date): lower rank wins
    order = 0
    for line in lines:
        for f in find_dates(line):
            candidates.append((0, order, f.date))
            order += 1
    for i, para in enumerate(body):
        for f in find_dates(para):
            if f.weekday_checked:
                candidates.append((1, order, f.date))
            elif i == 0 and f.start < 60 and _DATELINE_END_RE.match(para, f.end):
                candidates.append((2, order, f.date))
            order += 1
    if not candidates:
        return None
    return min(candidates)[2].isoformat()
