"""Small helpers the pipeline stages share: the document date, date records, order-keeping de-duplication."""

from __future__ import annotations

import datetime as dt

from spacy.tokens import Doc

from newsgraph.model import DateValue, TimeExpr


def doc_date(doc: Doc) -> dt.date | None:
    """The document date set on ``doc._.published`` before the pipeline ran, or None."""
    try:
        return dt.date.fromisoformat(str(doc._.published)[:10]) if doc._.published else None
    except ValueError:
        return None


def date_value(t: TimeExpr) -> DateValue:
    """A normalised time expression as the date of an event or a statement, with its precision."""
    if t.precision:
        return DateValue(t.value or "", t.begin, t.finish, t.precision)
    value = t.value or ""
    precision = None
    if len(value) == 10:
        precision = "day"
    elif len(value) == 7 and value[4] == "-":
        precision = "month"
    elif len(value) == 4 and value.isdigit():
        precision = "year"
    elif len(value) == 3 and value.isdigit():
        precision = "decade"
    elif value.endswith("_REF") or not t.begin or not t.finish:
        precision = "open"
    return DateValue(value, t.begin, t.finish, precision)


def unique(items: list[str]) -> list[str]:
    """``items`` without repeats, first occurrences in order."""
    return list(dict.fromkeys(items))
