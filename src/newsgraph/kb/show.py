"""A readable description of a knowledge-base entry (``newsgraph actors show``)."""

from __future__ import annotations

import datetime as dt

from newsgraph.kb.base import Entry, KnowledgeBase


def describe(kb: KnowledgeBase, entry: Entry, date: str | None = None) -> str:
    on = dt.date.fromisoformat(date) if date else None
    lines = [f"{entry.name}  [{entry.id}]  {entry.kind}"]
    facts = [
        ("official name", entry.official),
        ("country", entry.country),
        ("code", entry.code),
        ("wikidata", entry.wikidata),
        ("medium", entry.medium),
        ("source file", entry.source),
    ]
    lines += [f"  {k}: {v}" for k, v in facts if v]
    for label, items in (
        ("aliases", entry.aliases),
        ("acronyms", entry.acronyms),
        ("adjectives", entry.adjectives),
        ("demonyms", entry.demonyms),
        ("metonyms", entry.metonyms),
        ("descriptions", entry.descriptions),
    ):
        if items:
            lines.append(f"  {label}: {', '.join(items)}")
    if entry.members:
        members = [m for m in entry.members if on is None or m.active(on)]
        lines.append(
            f"  members{' on ' + date if date else ''}: "
            + ", ".join(f"{m.country} ({m.start or '?'}–{m.end or ''})" for m in members)
        )
    if entry.partners:
        lines.append(f"  partners: {', '.join(entry.partners)}")
    memberships = [
        o
        for o in kb.entries.values()
        if entry.country
        and entry.kind == "state"
        and any(m.country == entry.country and (on is None or m.active(on)) for m in o.members)
    ]
    if memberships:
        lines.append("  member of: " + ", ".join(sorted(o.name for o in memberships)))
    for role in entry.roles:
        lines.append(
            f"  role: {role.title} ({role.position}) {role.start or '?'} – {role.end or 'present'}"
            + (f" [{role.org}]" if role.org else "")
        )
    if entry.kind == "person":
        current = entry.role_on(on or dt.date.today())
        lines.append(f"  on {on or dt.date.today()}: {current.title if current else 'no current role'}")
    return "\n".join(lines)
