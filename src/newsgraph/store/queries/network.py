"""The network of the system of interaction in a time window.

Nodes are actors; edges are cooperation and conflict (counted events: real-world events, not
their reports), statements (a speaker's statements that name another actor) and, when a
knowledge base is given, membership (a state in an alliance or organisation on the window's
last day).  The first two are summed from the day-ordered ``event_edges`` and ``statement_edges``
(migration 007), so a month's network reads that month's rows.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Protocol

from newsgraph.store.db import Store
from newsgraph.store.queries.common import Con, _con, actor_ids, parse_day

EDGE_RELATIONS = ("membership", "cooperation", "conflict", "statement")


class MembershipSource(Protocol):
    """What the network needs of a knowledge base (newsgraph.kb.KnowledgeBase provides it)."""

    def get(self, actor_id: str) -> Any: ...

    def state(self, code: str) -> Any: ...


def network(
    store: Store | Con,
    *,
    since: str | None = None,
    until: str | None = None,
    actor: str | None = None,
    type: str | None = None,  # noqa: A002 - the PLOVER field name
    kinds: list[str] | None = None,
    relations: list[str] | None = None,
    kb: MembershipSource | None = None,
    max_edges: int = 400,
) -> dict[str, list[dict[str, Any]]]:
    """``{nodes: [{id, name, kind, country, weight}], edges: [{source, target, relation, weight, intensity}]}``."""
    con = _con(store)
    start, end = parse_day(since, "since"), parse_day(until, "until", end=True)
    wanted = set(relations or EDGE_RELATIONS)
    focus = actor_ids(con, actor)
    where, params = ["true"], []  # event_edges holds pairs of two distinct actors only
    for cond, value in (("day >= ?", start), ("day <= ?", end), ("upper(type) = upper(?)", type or None)):
        if value is not None:
            where.append(cond)
            params.append(value)
    if focus is not None:
        where.append("(source IN (SELECT unnest(?::VARCHAR[])) OR target IN (SELECT unnest(?::VARCHAR[])))")
        params += [focus, focus]
    edges: list[dict[str, Any]] = []
    if wanted & {"cooperation", "conflict"}:
        for s, t, coop, conf, ce, xe, _n in con.execute(
            "SELECT source, target, sum(cooperation), sum(conflict), sum(coop_events), sum(conflict_events), "
            f"sum(events) AS n FROM event_edges WHERE {' AND '.join(where)} GROUP BY source, target "
            f"HAVING sum(events) > 0 ORDER BY n DESC, source, target LIMIT {int(max_edges)}",
            params,
        ).fetchall():
            if "cooperation" in wanted and ce:
                edges.append(_edge(s, t, "cooperation", ce, coop))
            if "conflict" in wanted and xe:
                edges.append(_edge(s, t, "conflict", xe, -conf))
    if "statement" in wanted and not type:
        edges += _statement_edges(con, start, end, focus, max_edges)
    node_ids = {e["source"] for e in edges} | {e["target"] for e in edges}
    if focus:
        node_ids |= set(focus)
    if "membership" in wanted and kb is not None:
        edges += _membership_edges(kb, node_ids, end or dt.date.today())
    nodes = _nodes(con, node_ids, edges, kinds)
    keep = {n["id"] for n in nodes}
    return {"nodes": nodes, "edges": [e for e in edges if e["source"] in keep and e["target"] in keep]}


def _edge(source: str, target: str, relation: str, weight: float, intensity: float | None) -> dict[str, Any]:
    return {"source": source, "target": target, "relation": relation, "weight": float(weight), "intensity": intensity}


def _statement_edges(con: Con, start, end, focus, max_edges: int) -> list[dict[str, Any]]:
    where, params = ["true"], []
    for cond, value in (("day >= ?", start), ("day <= ?", end)):
        if value is not None:
            where.append(cond)
            params.append(value)
    if focus is not None:
        where.append("(speaker IN (SELECT unnest(?::VARCHAR[])) OR about IN (SELECT unnest(?::VARCHAR[])))")
        params += [focus, focus]
    rows = con.execute(
        f"SELECT speaker, about, sum(statements) AS n FROM statement_edges WHERE {' AND '.join(where)} "
        f"GROUP BY ALL HAVING sum(statements) > 0 ORDER BY n DESC, 1, 2 LIMIT {int(max_edges)}",
        params,
    ).fetchall()
    return [_edge(s, a, "statement", n, None) for s, a, n in rows]


def _membership_edges(kb: MembershipSource, node_ids: set[str], on: dt.date) -> list[dict[str, Any]]:
    edges = []
    for org_id in sorted(node_ids):
        org = kb.get(org_id)
        if org is None or not getattr(org, "members", None):
            continue
        for m in org.members:
            if not m.active(on):
                continue
            state = kb.state(m.country)
            if state is not None and state.id in node_ids and state.id != org_id:
                edges.append(_edge(state.id, org_id, "membership", 1.0, None))
    return edges


def _nodes(con: Con, ids: set[str], edges: list[dict[str, Any]], kinds: list[str] | None) -> list[dict[str, Any]]:
    if not ids:
        return []
    weight: dict[str, float] = {}
    for e in edges:
        if e["relation"] != "membership":
            for end in (e["source"], e["target"]):
                weight[end] = weight.get(end, 0.0) + e["weight"]
    rows = con.execute(
        "SELECT id, name, kind, country FROM actors WHERE id IN (SELECT unnest(?::VARCHAR[])) ORDER BY id",
        [sorted(ids)],
    ).fetchall()
    known = {r[0] for r in rows}
    rows += [(i, i, None, None) for i in sorted(ids - known)]
    return [
        {"id": i, "name": name, "kind": kind, "country": country, "weight": weight.get(i, 0.0)}
        for i, name, kind, country in rows
        if not kinds or kind in kinds
    ]
