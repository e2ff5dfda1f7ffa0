import duckdb
import pyarrow.parquet as pq
import pytest

from newsgraph.model import Document, Mention
from newsgraph.store import TABLES, Store
from newsgraph.store.db import migrations


def _doc(doc_id: str, text: str = "Some text.", url: str | None = "https://example.org/a") -> Document:
    return Document(
        id=doc_id,
        text=text,
        url=url,
        title="T",
        published="2023-09-26",
        paragraphs=[text],
        mentions=[Mention("Russia", 0, 6, "GPE")],
    )


def test_migrations_applied_once(tmp_path):
    path = tmp_path / "db.duckdb"
    with Store(path) as store:
        assert store.version == migrations()[-1][0]
    with Store(path) as store:  # reopening applies nothing twice
        assert store.con.execute("SELECT count(*) FROM schema_version").fetchone()[0] == len(migrations())


def test_same_content_is_a_noop_and_changed_content_a_new_version(tmp_path):
    with Store(tmp_path / "db.duckdb") as store:
        assert [r.status for r in store.add_documents([_doc("a")])] == ["added"]
        assert [r.status for r in store.add_documents([_doc("a")])] == ["unchanged"]
        (r,) = store.add_documents([_doc("b", text="Changed text.")])
        assert (r.status, r.version) == ("added", 2)
        assert store.count("documents") == 2
        assert store.count("mentions") == 2
        back = store.get_document("a")
        assert back.published == "2023-09-26" and back.mentions[0].text == "Russia"


def test_bad_document_does_not_take_the_batch_down(tmp_path):
    good1, good2 = _doc("g1", url=None), _doc("g2", url=None)
    bad = _doc("bad", url=None)
    bad.published = "not a date"  # DuckDB refuses it mid-batch
    with Store(tmp_path / "db.duckdb") as store:
        results = store.add_documents([good1, bad, good2])
        assert [r.status for r in results] == ["added", "failed", "added"]
        assert sorted(store.document_ids()) == ["g1", "g2"]
        # no half-written rows of the failed document
        assert store.con.execute("SELECT count(*) FROM mentions WHERE doc_id = 'bad'").fetchone()[0] == 0


def test_a_bad_document_costs_its_batch_a_few_transactions_not_one_per_document(tmp_path, monkeypatch):
    docs = [_doc(f"g{i:02d}", url=None) for i in range(16)]
    docs[11].published = "not a date"
    twin = [_doc(f"g{i:02d}", url=None) for i in range(16) if i != 11]  # the same batch without it
    with Store(tmp_path / "one.duckdb") as store, Store(tmp_path / "two.duckdb") as clean:
        writes = []
        original = Store._write_batch

        def counted(self, documents, *args):
            writes.append(len(documents))
            return original(self, documents, *args)

        monkeypatch.setattr(Store, "_write_batch", counted)
        results = store.add_documents(docs)
        assert [r.status for r in results] == ["added"] * 11 + ["failed"] + ["added"] * 4
        assert results[11].error
        # halving: 16 (fails), 8 (ok), 8 (fails), 4 (fails), 2 (ok), 2 (fails), 1 (fails), 1 (ok) -- not 1 + 16
        assert len(writes) <= 2 * 4 + 1 and writes[0] == 16
        clean.add_documents(twin)
        for table in ("documents", "mentions"):
            sql = (
                f"SELECT * EXCLUDE (ingested_at) FROM {table} ORDER BY ALL"
                if table == "documents"
                else (f"SELECT * FROM {table} ORDER BY ALL")
            )
            assert store.con.execute(sql).fetchall() == clean.con.execute(sql).fetchall()


def test_a_document_that_repeats_an_event_id_is_written_alone_without_a_failed_batch(tmp_path, monkeypatch):
    from newsgraph.model import Event, Evidence

    docs = [_doc(f"d{i}", url=None) for i in range(6)]
    twice = Event("ev-1", "ASSAULT", None, ["RUS"], ["UKR"], "asserted", 0.9, None, Evidence("Some", 0, 4))
    docs[2].events = [twice, twice]  # an analysis that repeats a key: its insert must fail
    writes = []
    original = Store._write_batch

    def counted(self, documents, *args):
        writes.append([d.id for d in documents])
        return original(self, documents, *args)

    monkeypatch.setattr(Store, "_write_batch", counted)
    with Store(tmp_path / "db.duckdb") as store:
        results = store.add_documents(docs)
        assert [r.status for r in results] == ["added", "added", "failed", "added", "added", "added"]
        assert writes == [["d0", "d1"], ["d2"], ["d3", "d4", "d5"]]  # no batch that fails first
        assert store.con.execute("SELECT count(*) FROM events").fetchone()[0] == 0


def test_parquet_export_writes_every_table(tmp_path):
    with Store(tmp_path / "db.duckdb") as store:
        store.add_documents([_doc("a")])
        paths = store.export_parquet(tmp_path / "out")
    assert sorted(p.stem for p in paths) == sorted(TABLES)
    assert pq.read_table(tmp_path / "out" / "documents.parquet").num_rows == 1
    assert pq.read_table(tmp_path / "out" / "mentions.parquet").column("text").to_pylist() == ["Russia"]


def test_unopenable_database(tmp_path):
    from newsgraph.store import StoreError

    bad = tmp_path / "not-a-db.duckdb"
    bad.write_bytes(b"this is not a database file" * 100)
    with pytest.raises(StoreError, match="not-a-db.duckdb"):
        Store(bad)
    assert duckdb  # the store is DuckDB


def test_dyads_count_only_what_happened(tmp_path):
    from newsgraph.model import Event, Evidence
    from newsgraph.store.queries import dyad_scores, list_events

    def ev(i, modality, background=False):
        return Event(
            f"e{i}",
            "ASSAULT",
            "190",
            ["RUS"],
            ["UKR"],
            modality,
            1.0,
            None,
            Evidence("x", 0, 1),
            goldstein=-10.0,
            background=background,
        )

    doc = _doc("a")
    doc.events = [
        ev(1, "asserted"),
        ev(2, "reported"),
        ev(3, "predicted"),
        ev(4, "negated"),
        ev(5, "hypothetical"),
        ev(6, "asserted", background=True),
    ]
    with Store(tmp_path / "db.duckdb") as store:
        store.add_documents([doc])
        (dyad,) = dyad_scores(store)
        assert (dyad.source, dyad.target, dyad.events, dyad.goldstein) == ("RUS", "UKR", 2, -20.0)
        assert len(list_events(store)) == 6
        assert len(list_events(store, include_background=False)) == 5
        assert [e.id for e in list_events(store, type="assault", limit=2)] == ["e1", "e2"]


def test_parquet_export_includes_the_cross_document_links(tmp_path):
    with Store(tmp_path / "db.duckdb") as store:
        store.add_documents([_doc("a")])
        paths = store.export_parquet(tmp_path / "out")
    names = {p.stem for p in paths}
    assert {"document_copies", "stories", "story_members", "event_clusters", "statement_clusters"} <= names
    assert "cluster_id" in pq.read_table(tmp_path / "out" / "event_clusters.parquet").column_names
