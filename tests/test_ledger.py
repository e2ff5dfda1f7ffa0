"""The forecast ledger in the store: resolved in the batch's transaction, the same whatever the
batch size or order (issue #14 item 5); only current versions count (item 7)."""

from __future__ import annotations

import itertools

from newsgraph.model import Actor, Document, Event, Evidence, Forecast
from newsgraph.store import Store

TODAY = "2025-06-01"


def _event(i, type_, source, target, modality="asserted", date=None):
    from newsgraph.model import DateValue

    return Event(
        f"e{i}",
        type_,
        None,
        source,
        target,
        modality,
        1.0,
        DateValue(date, date, date) if date else None,
        Evidence("x", 0, 1),
    )


def _forecast(i, event, stated, by=None):
    return Forecast(f"f{i}", "USA", "p", event, stated, None, by, "likely")


def _docs() -> list[Document]:
    """Four articles: two forecasts, and later news that makes them come true (one of them twice)."""
    usa = Actor("USA", "United States", "state", "USA")
    fra = Actor("FRA", "France", "state", "FRA")
    a = Document("a", "A.", published="2024-01-10", actors=[usa, fra])
    a.events = [_event(1, "AGREE", ["USA"], ["FRA"], "predicted"), _event(2, "ASSAULT", ["RUS"], ["UKR"], "predicted")]
    a.forecasts = [_forecast(1, "e1", "2024-01-10", "2024-12-31"), _forecast(2, "e2", "2024-01-10")]
    # "USA-GOV" is of the United States: it matches the forecast's USA
    b = Document("b", "B.", published="2024-05-02", actors=[fra])
    b.events = [_event(1, "COOPERATE", ["FRA"], ["USA-GOV"], date="2024-05-01")]
    c = Document("c", "C.", published="2024-03-02")
    c.events = [_event(1, "SUPPORT", ["USA"], ["FRA"], date="2024-03-01")]  # earlier: it wins
    d = Document("d", "D.", published="2024-02-02")
    d.events = [_event(1, "ASSAULT", ["RUS"], ["UKR"], "negated")]  # not news: resolves nothing
    return [a, b, c, d]


def _ledger(tmp_path, name, batches) -> list[tuple]:
    with Store(tmp_path / f"{name}.duckdb") as store:
        for batch in batches:
            store.add_documents(batch, resolve_on=TODAY)
        return store.con.execute(
            "SELECT doc_id, id, status, resolved_doc, resolved_event, resolved_on FROM forecasts ORDER BY ALL"
        ).fetchall()


def test_ledger_is_the_same_whatever_the_batch_size_or_order(tmp_path):
    whole = _ledger(tmp_path, "whole", [_docs()])
    assert ("a", "f1", "came_true", "c", "e1", "2024-03-01") in whole
    assert ("a", "f2", "open", None, None, None) in whole
    for n, order in enumerate(itertools.permutations(range(4))):
        docs = _docs()
        ordered = [docs[i] for i in order]
        assert _ledger(tmp_path, f"one{n}", [[d] for d in ordered]) == whole, order
        if n % 6 == 0:
            assert _ledger(tmp_path, f"two{n}", [ordered[:2], ordered[2:]]) == whole, order


def test_resolution_is_in_the_batch_transaction(tmp_path):
    docs = _docs()
    bad = Document("bad", "Bad.", published="not a date")
    with Store(tmp_path / "db.duckdb") as store:
        store.add_documents(docs[:1], resolve_on=TODAY)
        results = store.add_documents([docs[2], bad], resolve_on=TODAY)
        assert [r.status for r in results] == ["added", "failed"]
        (status,) = store.con.execute("SELECT status FROM forecasts WHERE id = 'f1'").fetchone()
        assert status == "came_true"  # written with the batch that stored the event, nothing left for later


def test_a_replaced_document_reopens_what_it_resolved(tmp_path):
    docs = _docs()
    with Store(tmp_path / "db.duckdb") as store:
        store.add_documents([docs[0], docs[2]], resolve_on=TODAY)
        docs[2].events = []
        docs[2].analysis_key = "changed"
        store.add_documents([docs[2]], resolve_on=TODAY, reanalyse=True)
        assert store.con.execute("SELECT status FROM forecasts WHERE id = 'f1'").fetchone() == (
            "due",
        )  # by 2024-12-31, unresolved
        assert store.con.execute("SELECT count(*) FROM event_keys WHERE doc_id = 'c'").fetchone() == (0,)


def test_only_the_latest_version_of_an_article_is_current(tmp_path):
    v1 = Document("v1", "Old.", url="https://example.org/x", published="2024-01-01")
    v1.events = [_event(1, "ASSAULT", ["RUS"], ["UKR"])]
    v2 = Document("v2", "New.", url="https://example.org/x", published="2024-01-01")
    v2.events = [_event(1, "ASSAULT", ["RUS"], ["UKR"])]
    with Store(tmp_path / "db.duckdb") as store:
        store.add_documents([v1])
        store.add_documents([v2])
        assert store.con.execute("SELECT id, version, is_current FROM documents ORDER BY id").fetchall() == [
            ("v1", 1, False),
            ("v2", 2, True),
        ]
        assert store.con.execute("SELECT doc_id FROM current_events").fetchall() == [("v2",)]
        assert store.count("events") == 2


def test_a_migration_numbered_below_the_store_version_is_still_applied(tmp_path, monkeypatch):
    from newsgraph.store import db

    shipped = db.migrations()
    with Store(tmp_path / "db.duckdb") as store:
        top = store.version
    late = (top - 1 if top - 1 not in {v for v, _n, _s in shipped} else top + 1, "late", "CREATE TABLE late (x INT);")
    monkeypatch.setattr(db, "migrations", lambda: sorted([*shipped, late]))
    with Store(tmp_path / "db.duckdb") as store:
        assert store.con.execute("SELECT count(*) FROM late").fetchone() == (0,)
        assert late[0] in {r[0] for r in store.con.execute("SELECT version FROM schema_version").fetchall()}


def test_pre_summed_dyads_count_the_latest_version_once_however_often_it_changes(tmp_path):
    def version(doc_id, text):
        doc = Document(doc_id, text, url="https://example.org/x", published="2024-01-01")
        doc.events = [_event(1, "ASSAULT", ["RUS"], ["UKR"])]
        return doc

    other = Document("o", "Other.", url="https://example.org/other", published="2024-01-01")
    other.events = [_event(1, "ASSAULT", ["RUS"], ["UKR"])]
    with Store(tmp_path / "db.duckdb") as store:
        store.add_documents([other])  # another article on the same pair and day
        for doc_id in ("v1", "v2", "v3"):
            store.add_documents([version(doc_id, doc_id)])
        again = version("v3", "v3")
        again.analysis_key = "changed"
        store.add_documents([again], reanalyse=True)  # the latest analysed again: replaced, not added
        assert store.con.execute("SELECT source, target, sum(events) FROM dyad_days GROUP BY ALL").fetchall() == [
            ("RUS", "UKR", 2)
        ]
        assert store.con.execute("SELECT DISTINCT doc_id FROM event_actors ORDER BY 1").fetchall() == [("o",), ("v3",)]
