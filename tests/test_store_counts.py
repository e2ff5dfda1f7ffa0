"""Aggregates count real-world events, not their reports, and say how many independent sources back them."""

from __future__ import annotations

import random

from newsgraph.eval.reprints import perturb
from newsgraph.model import DateValue, Document, Event, Evidence
from newsgraph.store import Store, derived
from newsgraph.store.links import link_documents
from newsgraph.store.queries import actor_timeline, dyad_scores, dyad_series, network, stats

PARAS = [
    "Police in Springfield arrested eleven protesters outside the city hall on Tuesday after a march against the "
    "closure of the steel plant turned violent, the police chief said in a statement.",
    "Officers used pepper spray when a group of demonstrators tried to force their way into the building, where "
    "the council was meeting to vote on the plant's future, according to witnesses.",
    "The union that represents the plant's 900 workers condemned the arrests and said it would hold another "
    "march on Saturday, while the mayor appealed for calm.",
]
INDEPENDENT = [
    "Eleven people were detained by Springfield police on Tuesday when a protest over the steel plant's closure "
    "turned violent outside city hall, officials said, in a clash that left two officers hurt.",
    "The union vowed to keep marching until the council reverses its decision on the plant.",
]


def _doc(doc_id: str, paras: list[str], published: str, url: str | None = None, events: bool = True) -> Document:
    text = "\n\n".join(["Protesters arrested at Springfield city hall", *paras])
    ev = Event(
        "e1",
        "COERCE",
        "173",
        ["USA-POL"],
        ["USA-CVL"],
        "asserted",
        0.9,
        DateValue("2024-03-05", "2024-03-05", "2024-03-05"),
        Evidence("Police in Springfield arrested eleven protesters", 0, 10),
        intensity=-6.0,
        goldstein=-7.0,
    )
    return Document(id=doc_id, text=text, url=url, published=published, events=[ev] if events else [])


def _store(tmp_path, docs: list[Document]) -> Store:
    store = Store(tmp_path / "db.duckdb")
    for doc in docs:  # one batch each, linked after it is written, as the engine does
        store.add_documents([doc])
        link_documents(store, [doc])
    store.sync_links()
    return store


def _copy() -> list[str]:
    return perturb("t", PARAS, random.Random(7), kinds=["dateline", "furniture"])[1]


def test_two_reprints_of_one_report_are_one_event_from_one_source(tmp_path):
    with _store(tmp_path, [_doc("orig", PARAS, "2024-03-05"), _doc("copy", _copy(), "2024-03-06")]) as store:
        assert store.con.execute("SELECT origin_id FROM document_copies").fetchall() == [("orig",)]
        (dyad,) = dyad_scores(store)
        assert (dyad.events, dyad.mentions, dyad.sources) == (1, 2, 1)
        assert dyad.conflict == 6.0 and dyad.goldstein == -7.0 and dyad.by_type == {"COERCE": 1}
        (period,) = dyad_series(store, ["USA-POL"], ["USA-CVL"], interval="month")
        assert (period["events"], period["mentions"], period["sources"], period["conflict_events"]) == (1, 2, 1, 1)
        (month,) = actor_timeline(store, ["USA-POL"])
        assert (month["events"], month["mentions"], month["sources"], month["conflict"]) == (1, 2, 1, 6.0)
        edges = network(store, relations=["conflict"])["edges"]
        assert [(e["source"], e["target"], e["weight"], e["intensity"]) for e in edges] == [
            ("USA-POL", "USA-CVL", 1.0, -6.0)
        ]
        assert stats(store)["counted_dyad_events"] == 1 and stats(store)["counted_dyad_mentions"] == 2


def test_two_independent_reports_are_one_event_from_two_sources(tmp_path):
    with _store(tmp_path, [_doc("orig", PARAS, "2024-03-05"), _doc("indep", INDEPENDENT, "2024-03-06")]) as store:
        (dyad,) = dyad_scores(store)
        assert (dyad.events, dyad.mentions, dyad.sources) == (1, 2, 2)
        (period,) = dyad_series(store, ["USA-CVL"], ["USA-POL"], interval="day")  # either direction
        assert (period["period"], period["events"], period["sources"]) == ("2024-03-05", 1, 2)


def test_counts_catch_up_with_links_at_the_end_of_a_run_and_match_a_rebuild(tmp_path):
    docs = [_doc("orig", PARAS, "2024-03-05"), _doc("copy", _copy(), "2024-03-06")]
    docs.append(_doc("indep", INDEPENDENT, "2024-03-06"))
    with Store(tmp_path / "db.duckdb") as store:
        store.add_documents(docs)
        link_documents(store, docs)
        # the link step brings the counts up to date with the clusters it writes (session 6; they
        # used to wait for the next batch or the end of the run)
        assert [(d.events, d.mentions, d.sources) for d in dyad_scores(store)] == [(1, 3, 2)]
        assert store.sync_links() == 0  # nothing left to catch up with
        store.refresh_ledger("2024-03-07")  # what the engine calls at the end of a run
        assert [(d.events, d.mentions, d.sources) for d in dyad_scores(store)] == [(1, 3, 2)]
        kept = {t: store.con.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall() for t in ("dyad_days",)}
        weights = store.con.execute("SELECT doc_id, weight, sources FROM event_actors ORDER BY ALL").fetchall()
        for table in ("event_actors", "statement_actors", "dyad_days", "event_edges", "statement_edges"):
            store.con.execute(f"DELETE FROM {table}")
        derived.backfill(store.con)
        assert store.con.execute("SELECT * FROM dyad_days ORDER BY ALL").fetchall() == kept["dyad_days"]
        assert store.con.execute("SELECT doc_id, weight, sources FROM event_actors ORDER BY ALL").fetchall() == weights


def test_a_withdrawn_report_hands_its_event_to_another_record(tmp_path):
    first = _doc("orig", PARAS, "2024-03-05", url="https://a.example/1")
    second = _doc("indep", INDEPENDENT, "2024-03-06", url="https://b.example/1")
    with _store(tmp_path, [first, second]) as store:
        assert [(d.events, d.mentions, d.sources) for d in dyad_scores(store)] == [(1, 2, 2)]
        counting = store.con.execute("SELECT doc_id FROM event_actors WHERE weight = 1").fetchall()
        assert counting == [("orig",), ("orig",)]  # the earliest linked record counts (source and target rows)
        # the counting article is updated at its URL and no longer reports the event
        store.add_documents([_doc("orig-v2", ["The march was called off."], "2024-03-07", url=first.url, events=False)])
        assert [(d.events, d.mentions, d.sources) for d in dyad_scores(store)] == [(1, 1, 1)]
        (edge,) = network(store, relations=["conflict"])["edges"]
        assert edge["weight"] == 1.0
