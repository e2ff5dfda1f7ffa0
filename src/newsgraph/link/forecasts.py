"""Cross-document forecast resolution: which forecasts came true, which are due, which expired.

A forecast (:mod:`newsgraph.nlp.forecasts`) names a proposition as an event: a PLOVER type, a
source and a target ("NATO includes Japan and South Korea": SUPPORT, NATO -> JPN, KOR).  It
*came true* when a later document asserts a matching event (:func:`match`):

* the event is news: asserted or reported, not background;
* its document was published after the forecast was stated (and is not the forecast's own);
* it happened after the forecast was stated and, when the forecast has a deadline, by it
  (one that happened before ``not_before`` still makes it come true, flagged ``early``);
* same PLOVER type, or the same family: SUPPORT, COOPERATE, AGREE (joining, including,
  cooperating) are one family;
* every proposition source is among the event's sources and every proposition target among
  its targets (the same actor, or an actor of the same country: "USA-GOV" is the United
  States), in either order for the symmetric types of that family ("NATO includes Japan" is
  matched by "Japan joined NATO"); a proposition without a target also needs the same verb.

Otherwise its status follows the calendar (:func:`newsgraph.nlp.forecasts.status_on`): ``open``,
``due`` once ``by`` passed, ``expired`` a year after that.  ``came_true`` is final.

Everything works on plain records, so it is testable without the store: forecasts are dicts (or
objects) with the :class:`~newsgraph.model.Forecast` fields plus ``doc_id`` and the proposition's
``type``/``source``/``target`` (or found through ``event`` among the events given); events are
dicts (or objects) with the :class:`~newsgraph.model.Event` fields plus ``doc_id`` and
``published``, or :class:`~newsgraph.model.Document` objects, which give both.
:func:`forecast_rows` and :func:`event_rows` flatten documents into such records;
:func:`resolve_forecasts` also takes a :class:`~newsgraph.store.db.Store` and updates it.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from functools import lru_cache
from typing import Any

from newsgraph.model import Document
from newsgraph.nlp.forecasts import parse_day, status_on

# Types that are one proposition for matching ("could include Japan" / "Japan joined").
TYPE_FAMILIES: tuple[frozenset[str], ...] = (frozenset({"SUPPORT", "COOPERATE", "AGREE"}),)
# Types whose source and target may swap: membership and cooperation go both ways.
SYMMETRIC_TYPES = frozenset({"SUPPORT", "COOPERATE", "AGREE", "CONSULT"})
NEWS_MODALITIES = ("asserted", "reported")
EXPIRE_AFTER_DAYS = 365
# Country codes that name no single state (PLOVER's codes for international and regional actors).
_NOT_STATES = frozenset({"IGO", "NGO", "UNO", "IMG", "MNC", "EUR", "AFR", "ASA", "MEA", "LAM", "WST", "NAF"})
_ISO3 = re.compile(r"^[A-Z]{3}$")


@dataclass(slots=True)
class Change:
    """A forecast's status change: ``came_true`` with the matching event, or a calendar change."""

    forecast: str  # the forecast's id
    doc_id: str | None  # the document that holds the forecast
    old: str
    new: str
    event: str | None = None  # came_true: the matching event ...
    event_doc: str | None = None  # ... and its document
    on: str | None = None  # came_true: when the event happened; otherwise the evaluation date
    early: bool = False  # came true before its not_before

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class _Ev:
    doc_id: str | None
    id: str
    type: str | None
    source: list[str]
    target: list[str]
    modality: str
    background: bool
    trigger: str | None
    when: dt.date | None  # when it happened (its date, else its document's)
    published: dt.date | None


# ---------------------------------------------------------------------------
# records


def _get(record: Any, name: str, default: Any = None) -> Any:
    if isinstance(record, Mapping):
        return record.get(name, default)
    return getattr(record, name, default)


def _list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return [value]
    return [str(v) for v in value]


def _day(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return parse_day(str(value)) if value else None


def _event(record: Any, doc_id: str | None = None, published: Any = None) -> _Ev:
    if isinstance(record, tuple):  # (event, doc_id, published)
        record, doc_id, published = (*record, None, None)[:3]
    date = _get(record, "date")
    if isinstance(date, str):
        date = json.loads(date) if date.startswith("{") else {"from": date}
    start = None
    if date is not None:
        start = _get(date, "from") if isinstance(date, Mapping) else getattr(date, "start", None)
    pub = _day(_get(record, "published", published) or published)
    return _Ev(
        doc_id=_get(record, "doc_id", doc_id) or doc_id,
        id=str(_get(record, "id")),
        type=_get(record, "type"),
        source=_list(_get(record, "source")),
        target=_list(_get(record, "target")),
        modality=str(_get(record, "modality") or ""),
        background=bool(_get(record, "background", False)),
        trigger=_get(record, "trigger"),
        when=_day(start) or pub,
        published=pub,
    )


def _events(events: Iterable[Any]) -> list[_Ev]:
    out: list[_Ev] = []
    for e in events:
        if isinstance(e, Document):
            out.extend(_event(ev, e.id, e.published) for ev in e.events)
        else:
            out.append(_event(e))
    return out


def event_rows(documents: Iterable[Document]) -> list[dict[str, Any]]:
    """Every event of the documents as a record with its ``doc_id`` and ``published``."""
    return [dict(e.to_dict(), doc_id=d.id, published=d.published) for d in documents for e in d.events]


def forecast_rows(documents: Iterable[Document]) -> list[dict[str, Any]]:
    """Every forecast of the documents as a record with ``doc_id``, ``published`` and its proposition event's
    ``type``, ``source``, ``target`` and ``trigger``."""
    out = []
    for d in documents:
        by_id = {e.id: e for e in d.events}
        for f in d.forecasts:
            row = dict(f.to_dict(), doc_id=d.id, published=d.published)
            event = by_id.get(f.event or "")
            if event is not None:
                row.update(type=event.type, source=list(event.source), target=list(event.target), trigger=event.trigger)
            out.append(row)
    return out


@dataclass(slots=True)
class _Prop:
    type: str | None
    source: list[str]
    target: list[str]
    trigger: str | None


def _proposition(forecast: Any, index: Mapping[Any, _Ev] | None = None) -> _Prop | None:
    if _get(forecast, "type"):
        return _Prop(
            _get(forecast, "type"),
            _list(_get(forecast, "source")),
            _list(_get(forecast, "target")),
            _get(forecast, "trigger"),
        )
    nested = _get(forecast, "proposition_event")
    if nested:
        return _Prop(_get(nested, "type"), _list(_get(nested, "source")), _list(_get(nested, "target")), None)
    if index:
        ev = index.get((_get(forecast, "doc_id"), _get(forecast, "event"))) or index.get(_get(forecast, "event"))
        if ev is not None:
            return _Prop(ev.type, ev.source, ev.target, ev.trigger)
    return None


# ---------------------------------------------------------------------------
# matching


def same_family(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return False
    return a == b or any(a in fam and b in fam for fam in TYPE_FAMILIES)


@lru_cache(maxsize=1)
def _kb() -> Any:
    try:
        from newsgraph.kb import load_kb

        return load_kb()
    except Exception:  # noqa: BLE001 - the knowledge base is a fallback only
        return None


def country_of(actor_id: str, countries: Mapping[str, str] | None = None) -> str | None:
    """The state an actor belongs to (an ISO3 code), or None for international and unknown actors."""
    code = (countries or {}).get(actor_id)
    if code is None:
        m = re.match(r"^([A-Z]{3})-[A-Z]{3}$", actor_id)  # "USA-GOV": the state's sector agent
        if m:
            code = m.group(1)
    if code is None:
        kb = _kb()
        entry = kb.get(actor_id) if kb is not None else None
        code = entry.country if entry is not None else None
    if code and _ISO3.match(code) and code not in _NOT_STATES:
        return code
    return None


def _same_actor(a: str, b: str, countries: Mapping[str, str] | None) -> bool:
    if a == b:
        return True
    ca = country_of(a, countries)
    return ca is not None and ca == country_of(b, countries)


def _covers(wanted: list[str], have: list[str], countries: Mapping[str, str] | None) -> bool:
    return all(any(_same_actor(w, h, countries) for h in have) for w in wanted)


def _stem(word: str | None) -> str:
    w = (word or "").lower()
    for suffix in ("ing", "ed", "es", "s", "e"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            return w[: -len(suffix)]
    return w


def match(
    forecast: Any,
    event: Any,
    event_doc_date: dt.date | str | None,
    *,
    proposition: Any = None,
    countries: Mapping[str, str] | None = None,
) -> bool:
    """Whether ``event`` (asserted in a document published on ``event_doc_date``) makes ``forecast`` come true.

    ``forecast`` carries its proposition (``type``/``source``/``target``, as :func:`forecast_rows` gives it),
    or ``proposition`` is the proposition event (an :class:`~newsgraph.model.Event` or a dict).
    """
    prop = _proposition(proposition) if proposition is not None else _proposition(forecast)
    if prop is None or not (prop.source or prop.target):
        return False
    ev = event if isinstance(event, _Ev) else _event(event, published=event_doc_date)
    if ev.modality not in NEWS_MODALITIES or ev.background:
        return False
    if ev.doc_id is not None and ev.doc_id == _get(forecast, "doc_id"):
        return False
    published = _day(event_doc_date) or ev.published
    stated = parse_day(_get(forecast, "stated_on"))
    if stated is not None and (published is None or published <= stated):
        return False
    when = ev.when or published
    if stated is not None and when is not None and when < stated:
        return False  # recalled from before the prediction
    by = parse_day(_get(forecast, "by"), end=True)
    if by is not None and (when is None or when > by):
        return False
    if not same_family(prop.type, ev.type):
        return False
    if not prop.target and _stem(prop.trigger) and _stem(prop.trigger) != _stem(ev.trigger):
        return False  # "Australia will purchase a submarine": any Australian cooperation is not it
    if _covers(prop.source, ev.source, countries) and _covers(prop.target, ev.target, countries):
        return True
    symmetric = prop.type in SYMMETRIC_TYPES and ev.type in SYMMETRIC_TYPES
    return symmetric and _covers(prop.source, ev.target, countries) and _covers(prop.target, ev.source, countries)


def update_statuses(
    forecasts: Iterable[Any],
    events: Iterable[Any],
    today: dt.date | str,
    *,
    countries: Mapping[str, str] | None = None,
    expire_after_days: int = EXPIRE_AFTER_DAYS,
) -> list[Change]:
    """The status changes of ``forecasts`` given ``events`` (the new ones, or all) as of ``today``.

    Nothing is modified; :func:`apply_changes` writes the changes onto the records.
    """
    day = _day(today)
    if day is None:
        raise ValueError(f"not a date: {today!r}")
    evs = _events(events)
    index: dict[Any, _Ev] = {}
    for e in evs:
        index[(e.doc_id, e.id)] = e
        index.setdefault(e.id, e)
    news = sorted(
        (e for e in evs if e.modality in NEWS_MODALITIES and not e.background and (e.published or day) <= day),
        key=lambda e: (e.when or dt.date.max, e.published or dt.date.max, e.id),
    )
    changes: list[Change] = []
    for f in forecasts:
        old = _get(f, "status") or "open"
        if old == "came_true":
            continue
        prop = _proposition(f, index)
        hit = None
        if prop is not None:
            hit = next(
                (e for e in news if match(f, e, e.published, proposition=_prop_dict(prop), countries=countries)), None
            )
        fid, doc_id = str(_get(f, "id")), _get(f, "doc_id")
        if hit is not None:
            not_before = parse_day(_get(f, "not_before"))
            early = bool(not_before and hit.when and hit.when < not_before)
            when = hit.when.isoformat() if hit.when else None
            changes.append(Change(fid, doc_id, old, "came_true", hit.id, hit.doc_id, when, early))
            continue
        new = status_on(f, day, expire_after_days=expire_after_days)
        if new != old:
            changes.append(Change(fid, doc_id, old, new, on=day.isoformat()))
    return changes


def _prop_dict(prop: _Prop) -> dict[str, Any]:
    return {"type": prop.type, "source": prop.source, "target": prop.target, "trigger": prop.trigger}


def apply_changes(forecasts: Iterable[Any], changes: Iterable[Change]) -> None:
    """Write the changes onto the records: ``status``; on dicts also ``resolved_event``, ``resolved_doc``,
    ``resolved_on``."""
    by_key = {(c.doc_id, c.forecast): c for c in changes}
    for f in forecasts:
        c = by_key.get((_get(f, "doc_id"), str(_get(f, "id"))))
        if c is None:
            continue
        if isinstance(f, dict):
            f["status"] = c.new
            if c.new == "came_true":
                f.update(resolved_event=c.event, resolved_doc=c.event_doc, resolved_on=c.on)
        else:
            f.status = c.new


# ---------------------------------------------------------------------------
# the store


def resolve_forecasts(
    store_or_rows: Any,
    on: dt.date | str,
    *,
    events: Iterable[Any] | None = None,
    doc_ids: Iterable[str] | None = None,
    countries: Mapping[str, str] | None = None,
) -> list[Change]:
    """Resolve forecasts as of ``on`` and write the changes back; returns them.

    ``store_or_rows`` is a :class:`~newsgraph.store.db.Store` (its stored forecasts are checked
    against its stored events, or only those of ``doc_ids``: the batch just written), or a list of
    forecast records checked against ``events`` and updated in place.
    """
    if not hasattr(store_or_rows, "con"):
        forecasts = list(store_or_rows)
        changes = update_statuses(forecasts, events or [], on, countries=countries)
        apply_changes(forecasts, changes)
        return changes
    con = store_or_rows.con
    f_rows = _query(
        con,
        'SELECT f.doc_id, f.id, f.predictor, f.proposition, f.event, f.stated_on, f.not_before, f."by", '
        "f.confidence, f.status, e.type, e.source, e.target, e.trigger, d.published "
        "FROM forecasts f JOIN documents d ON d.id = f.doc_id "
        "LEFT JOIN events e ON e.doc_id = f.doc_id AND e.id = f.event",
        [],
    )
    if not f_rows:
        return []
    sql = (
        "SELECT e.doc_id, e.id, e.type, e.source, e.target, e.modality, e.background, e.trigger, e.date, "
        "d.published FROM events e JOIN documents d ON d.id = e.doc_id WHERE e.modality IN ('asserted', 'reported')"
    )
    params: list[Any] = []
    ids = list(doc_ids) if doc_ids is not None else None
    if ids is not None:
        if not ids:
            ids = [""]
        sql += " AND e.doc_id IN (" + ", ".join("?" for _ in ids) + ")"
        params.extend(ids)
    e_rows = _query(con, sql, params)
    known = dict(con.execute("SELECT id, country FROM actors WHERE country IS NOT NULL").fetchall())
    changes = update_statuses(f_rows, e_rows, on, countries={**known, **(countries or {})})
    columns = {
        r[0]
        for r in con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'forecasts'"
        ).fetchall()
    }
    extra = [c for c in ("resolved_event", "resolved_doc", "resolved_on") if c in columns]
    for c in changes:
        sets, values = ["status = ?"], [c.new]
        if c.new == "came_true":
            for col, value in zip(extra, (c.event, c.event_doc, c.on), strict=False):
                sets.append(f"{col} = ?")
                values.append(value)
        con.execute(
            f"UPDATE forecasts SET {', '.join(sets)} WHERE doc_id = ? AND id = ?", [*values, c.doc_id, c.forecast]
        )
    return changes


def _query(con: Any, sql: str, params: list[Any]) -> list[dict[str, Any]]:
    cur = con.execute(sql, params)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]
