"""Resolve one surface form in its context: the engine of ``newsgraph actors resolve``."""

from __future__ import annotations

from typing import Any

from spacy.language import Language

from newsgraph.model import Actor


def resolve_mention(nlp: Language, text: str, date: str | None = None, context: str | None = None) -> dict[str, Any]:
    """The actor that ``text`` names inside ``context`` (or on its own) on ``date``.

    Returns ``{"text", "actor_id", "name", "kind", "country", "sector", "role"}``
    (and ``actor_ids`` for references to several actors); nulls where nothing resolves.
    """
    body = context if context and text in context else text
    start = body.index(text) if text in body else 0
    end = start + len(text)
    doc = nlp.make_doc(body)
    doc._.published = date
    doc = nlp(doc)
    actors: dict[str, Actor] = {a.id: a for a in doc._.actors or []}
    best = None
    best_overlap = 0
    best_miss = 0
    for m in doc._.mentions or []:
        overlap = min(end, m.end) - max(start, m.start)
        miss = abs((m.end - m.start) - (end - start))  # on equal overlap, the span closest in length
        if m.actor_ids and overlap > 0 and (overlap > best_overlap or (overlap == best_overlap and miss < best_miss)):
            best, best_overlap, best_miss = m, overlap, miss
    out: dict[str, Any] = {
        "text": text,
        "actor_id": None,
        "name": None,
        "kind": None,
        "country": None,
        "sector": None,
        "role": None,
    }
    if best is None:
        return out
    if best.actor_id is None:
        out["actor_ids"] = list(best.actor_ids)
        return out
    actor = actors.get(best.actor_id)
    out["actor_id"] = best.actor_id
    if actor is not None:
        out.update(name=actor.name, kind=actor.kind, country=actor.country, sector=actor.sector, role=actor.role)
    return out
