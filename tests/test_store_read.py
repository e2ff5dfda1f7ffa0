"""The store's read side: read-only opens, derived tables kept on write, queries in SQL."""

from __future__ import annotations

import os
import stat
import subprocess
import sys

import pytest

from newsgraph.model import Actor, DateValue, Document, Event, Evidence
from newsgraph.store import Store, StoreError, derived
from newsgraph.store.queries import (
    QueryError,
    dyad_scores,
    dyad_series,
    find_events,
    find_forecasts,
    find_statements,
    open_for_reading,
)


def _doc(doc_id: str, url: str, events: list[tuple[str, str, float, str]], published="2024-01-15") -> Document:
    actors = [Actor("RUS", "Russia", "state", "RUS"), Actor("UKR", "Ukraine", "state", "UKR")]
    return Document(
        id=doc_id,
        text="Russia and Ukraine.",
        url=url,
        published=published,
        actors=actors,
        events=[
            Event(
                eid,
                etype,
                "190",
                ["RUS"],
                ["UKR"],
                modality,
                1.0,
                DateValue(published, published, published),
                Evidence("x", 0, 1),
                intensity=intensity,
                goldstein=intensity,
            )  # fmt: skip
            for eid, etype, intensity, modality in events
        ],
    )


def test_updated_article_replaces_its_older_version_in_aggregates(tmp_path):
    with Store(tmp_path / "db.duckdb") as store:
        store.add_documents([_doc("v1", "https://x.org/a", [("e1", "ASSAULT", -9.0, "asserted")])])
        assert [(d.events, d.conflict) for d in dyad_scores(store)] == [(1, 9.0)]
        # the same URL with new content: the first version's event no longer counts
        store.add_documents(
            [_doc("v2", "https://x.org/a", [("e1", "ASSAULT", -9.0, "asserted"), ("e2", "AID", 5.0, "reported")])]
        )
        (dyad,) = dyad_scores(store)
        assert (dyad.events, dyad.conflict, dyad.cooperation, dyad.by_type) == (2, 9.0, 5.0, {"ASSAULT": 1, "AID": 1})
        assert find_events(store, actor="Russia").total == 2
        assert {e.doc_id for e in find_events(store, actor="RUS").items} == {"v2"}


def test_derived_tables_match_a_full_rebuild(tmp_path):
    """What add_documents keeps up batch by batch equals what the migration derives from scratch."""
    path = tmp_path / "db.duckdb"
    with Store(path) as store:
        for i in range(5):
            day = f"2024-0{i + 1}-10"
            store.add_documents(
                [_doc(f"d{i}", f"https://x.org/{i % 3}", [("e", "ASSAULT", -9.0, "asserted")], published=day)]
            )
        kept = _derived(store.con)
        for table in DERIVED:
            store.con.execute(f"DELETE FROM {table}")
        derived.backfill(store.con)
        assert _derived(store.con) == kept
    assert sum(r[4] for r in kept["dyad_days"]) == 3  # three URLs, one current version each


DERIVED = ("event_actors", "statement_actors", "dyad_days", "event_edges", "statement_edges")


def _derived(con) -> dict[str, list]:
    """The derived tables' contents; the appended edge tables as their sums."""
    out = {t: con.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall() for t in DERIVED[:3]}
    out["event_edges"] = con.execute(
        "SELECT day, source, target, type, sum(events), sum(mentions), sum(sources), sum(cooperation), sum(conflict), "
        "sum(coop_events), sum(conflict_events) FROM event_edges GROUP BY ALL HAVING sum(mentions) <> 0 ORDER BY ALL"
    ).fetchall()
    out["statement_edges"] = con.execute(
        "SELECT day, speaker, about, sum(statements) FROM statement_edges GROUP BY ALL "
        "HAVING sum(statements) <> 0 ORDER BY ALL"
    ).fetchall()
    return out


def _back_to_version_5(con) -> None:
    """Make a store look as it did before migrations 006 and 007 (what an older newsgraph wrote)."""
    con.execute("DROP VIEW dyad_rows; DROP VIEW event_actor_rows; DROP VIEW statement_actor_rows")
    con.execute("DROP VIEW statement_edge_rows")
    for table in ("dyad_days", "event_actors", "statement_actors", "event_edges", "statement_edges", "derived_state"):
        con.execute(f"DROP TABLE {table}")
    con.execute("DELETE FROM schema_version WHERE version IN (6, 7)")


def test_read_only_file_and_two_readers(tmp_path):
    path = tmp_path / "db.duckdb"
    with Store(path) as store:
        store.add_documents([_doc("a", "https://x.org/a", [("e1", "ASSAULT", -9.0, "asserted")])])
    os.chmod(path, stat.S_IRUSR | stat.S_IRGRP)
    try:
        first, second = open_for_reading(path), open_for_reading(path)
        assert find_events(first).total == 1 and find_events(second).total == 1
        # a reader in another process at the same time
        probe = (
            "import duckdb, sys; con = duckdb.connect(sys.argv[1], read_only=True); "
            "print(con.execute('select count(*) from events').fetchall()[0][0])"
        )
        out = subprocess.run([sys.executable, "-c", probe, str(path)], capture_output=True, text=True, timeout=60)
        assert out.stdout.strip() == "1", out.stderr
        first.close()
        second.close()
    finally:
        os.chmod(path, stat.S_IRUSR | stat.S_IWUSR)


def test_older_schema_is_upgraded_once_then_read_only(tmp_path):
    path = tmp_path / "db.duckdb"
    with Store(path) as store:
        store.add_documents([_doc("a", "https://x.org/a", [("e1", "ASSAULT", -9.0, "asserted")])])
        _back_to_version_5(store.con)
    with open_for_reading(path) as reader:
        assert dyad_scores(reader)[0].events == 1
        with pytest.raises(Exception, match="read-only"):
            reader.con.execute("DELETE FROM events")


def test_missing_migration_below_the_newest_is_applied(tmp_path):
    path = tmp_path / "db.duckdb"
    with Store(path) as store:
        _back_to_version_5(store.con)
        store.con.execute("INSERT INTO schema_version VALUES (99, 'a later one', now())")
    with Store(path) as store:
        assert {6, 7} <= {r[0] for r in store.con.execute("SELECT version FROM schema_version").fetchall()}
        assert store.con.execute("SELECT count(*) FROM dyad_days").fetchone()[0] == 0


def test_bad_filters_are_errors_not_silent_answers(tmp_path):
    with Store(tmp_path / "db.duckdb") as store:
        for call in (
            lambda: find_events(store, since="garbage"),
            lambda: find_forecasts(store, due_before="garbage"),
            lambda: find_forecasts(store, status="maybe"),
            lambda: find_statements(store, until="2024-02-30"),
            lambda: dyad_series(store, ["RUS"], ["UKR"], interval="fortnight"),
        ):
            with pytest.raises(QueryError):
                call()


def test_queries_page_in_sql(tmp_path):
    with Store(tmp_path / "db.duckdb") as store:
        store.add_documents(
            [
                _doc(f"d{i}", f"https://x.org/{i}", [("e", "ASSAULT", -9.0, "asserted")], f"2024-01-{i + 10}")
                for i in range(9)
            ]
        )
        page = find_events(store, actor="Ukraine", limit=3, offset=3)
        assert page.total == 9 and [e.published for e in page.items] == ["2024-01-15", "2024-01-14", "2024-01-13"]
        assert find_events(store, since="2024-01-17").total == 2
        series = dyad_series(store, ["UKR"], ["RUS"], interval="week")
        assert sum(p["events"] for p in series) == 9 and len(series) == 2


def test_unopenable_for_reading(tmp_path):
    with pytest.raises(StoreError, match="no such database"):
        open_for_reading(tmp_path / "missing.duckdb")


def test_actor_listings_carry_every_field(tmp_path):
    """An actor's events and statements are read from the derived tables alone: they show what the
    events and statements tables hold (migration 008's fields included)."""
    from newsgraph.model import Mention, Statement

    doc = _doc("a", "https://x.org/a", [("e1", "THREATEN", -4.0, "predicted")])
    doc.events[0].plover_type = "THREATEN"
    doc.mentions = [Mention("Russia", 0, 6, "GPE", "RUS")]
    doc.statements = [Statement("s1", "UKR", "Kyiv", "said", "Russia and Ukraine.", "indirect", None, [], 0, 19)]
    doc.statements[0].events = ["e1"]
    path = tmp_path / "db.duckdb"
    with Store(path) as store:
        store.add_documents([doc])
        (event,) = find_events(store, actor="RUS").items
        assert (event.plover_type, event.modality, event.title, event.published) == (
            "THREATEN", "predicted", None, "2024-01-15"
        )  # fmt: skip
        assert find_events(store).items[0].to_dict() == event.to_dict()  # the same row as from events
        (said,) = find_statements(store, speaker="UKR").items
        assert said == find_statements(store, doc_id="a").items[0] and said["events"] == ["e1"]
        (about,) = find_statements(store, speaker="UKR", about="RUS").items
        assert about == said
