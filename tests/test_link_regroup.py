"""Stories clustered again around each new document: documents move, stories split, the store follows."""

from __future__ import annotations

import random
from collections import Counter

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import squareform

from newsgraph.link.regroup import average_link, gram
from newsgraph.link.stories import StoryClusterer
from newsgraph.model import DateValue, Document, Event, Evidence, Statement
from newsgraph.store import Store, derived
from newsgraph.store.links import _STATES, link_documents


def _keys(*words: str) -> Counter[str]:
    return Counter({"w:" + w: 1 for w in words})


def _background(clusterer: StoryClusterer, n: int = 20) -> None:
    for i in range(n):  # unrelated documents, so the IDF is not that of four documents
        clusterer.add(f"bg{i}", _keys(f"bg{i}", f"bgx{i}"))


def test_average_link_on_single_documents_is_scipys():
    rng = np.random.default_rng(3)
    vecs = []
    for _ in range(12):
        v = {f"k{j}": float(rng.random()) for j in rng.choice(20, size=6, replace=False)}
        norm = sum(w * w for w in v.values()) ** 0.5
        vecs.append({k: w / norm for k, w in v.items()})
    dist = 1.0 - gram(vecs)
    np.fill_diagonal(dist, 0.0)
    tree = linkage(squareform(dist.clip(0), checks=False), method="average")
    for threshold in (0.2, 0.35, 0.5):
        ours = average_link(vecs, [1] * len(vecs), threshold)
        theirs = fcluster(tree, t=1 - threshold, criterion="distance")
        pairs = {(i, j) for i in range(12) for j in range(12) if ours[i] == ours[j]}
        assert pairs == {(i, j) for i in range(12) for j in range(12) if theirs[i] == theirs[j]}


def test_a_core_counts_as_many_documents_as_it_sums():
    a = {"x": 1.0}
    # one document like a, one unlike; the core of three like a outweighs the single unlike one
    labels = average_link([a, {"x": 0.6, "y": 0.8}, {"x": 3.0}], [1, 1, 3], 0.7)
    assert labels[0] == labels[2] and labels[1] != labels[0]


def test_a_document_that_joined_the_wrong_story_moves():
    clusterer = StoryClusterer(threshold=0.25, prior=0)
    _background(clusterer)
    first = clusterer.add("A1", _keys("a1", "a2", "a3", "a4"))
    clusterer.add("A2", _keys("a1", "a2", "a3", "a5"))
    x = clusterer.add("X", _keys("a1", "a2", "x1", "x2", "x3"))
    assert x.story_id == first.story_id  # what it shared with A was all there was to go by
    b = clusterer.add("B1", _keys("x1", "x2", "x3", "b1"))
    assert b.moved == {"X": b.story_id} and b.story_id != first.story_id
    assert sorted(b.touched) == sorted({first.story_id, b.story_id})
    part = clusterer.partition()
    assert part["A1"] == part["A2"] == first.story_id and part["X"] == part["B1"] == b.story_id
    assert clusterer.stories[first.story_id].size == 2 and clusterer.stories[b.story_id].size == 2


def test_a_story_splits_when_what_held_it_together_turns_out_common():
    clusterer = StoryClusterer(threshold=0.25, prior=0)  # the IDF of the documents seen alone
    _background(clusterer)
    p1 = clusterer.add("P1", _keys("k", "p1a", "p1b"))
    p2 = clusterer.add("P2", _keys("k", "p2a", "p2b"))
    assert p1.story_id == p2.story_id  # "k" was rare: a strong link
    split = clusterer.add("K0", _keys("k", "kk0", "ky0"))  # "k" is everywhere from now on
    for i in range(1, 8):
        clusterer.add(f"K{i}", _keys("k", f"kk{i}", f"ky{i}"))
    part = clusterer.partition()
    assert part["P1"] != part["P2"]
    assert split.moved and set(split.moved) <= {"P1", "P2"}
    sizes = Counter(part.values())
    assert all(clusterer.stories[sid].size == n for sid, n in sizes.items())


def test_held_members_are_bounded_and_the_rest_is_a_core():
    clusterer = StoryClusterer(threshold=0.2, per_story=4, held=10, prior=0)
    _background(clusterer, 40)
    for i in range(12):
        clusterer.add(f"s{i}", Counter({"w:storm": 3, "w:coast": 3, "w:surge": 3, f"w:extra{i}": 1}))
    story = clusterer.stories[clusterer.partition()["s0"]]
    assert all(clusterer.partition()[f"s{i}"] == story.id for i in range(12))
    assert story.size == 12 and len(story.held) <= 4 and story.core_size == story.size - len(story.held)
    assert story.core and len(clusterer._held) <= 10


# -- the store -----------------------------------------------------------------------------

ALPHA = [f"alpha{i}" for i in range(14)]
XRAY = [f"xray{i}" for i in range(10)]
BRAVO = [f"bravo{i}" for i in range(6)]
# X shares two words with the A reports and eight with the B reports, which come after it
WORDS = {
    "A1": " ".join(ALPHA[:10]),
    "A2": " ".join(ALPHA[:6] + ALPHA[10:14]),
    "X": " ".join(ALPHA[:2] + XRAY[:8]),
    "B1": " ".join(XRAY[:7] + BRAVO[:3]),
    "B2": " ".join(XRAY[2:10] + BRAVO[3:5]),
}


def _doc(key: str, text: str, types=("COERCE",)) -> Document:
    events = [
        Event(f"e{i}", t, None, ["USA-POL"], ["USA-CVL"], "asserted", 0.9, DateValue("2024-03-05"),
              Evidence(text[:10], 0, 10))
        for i, t in enumerate(types)
    ]  # fmt: skip
    statements = [Statement("s0", "USA-POL", "a spokesman", "said", text, "direct", None, [], 0, 10)]
    return Document(id=key, text=text, published="2024-03-05", events=events, statements=statements)


def _texts() -> dict[str, str]:
    texts = {f"bg{i}": f"filler{i} padding{i} other{i}" for i in range(20)}
    return texts | WORDS


def _link(store: Store, order: list[str], texts: dict[str, str], batch: int = 1) -> None:
    for i in range(0, len(order), batch):
        docs = [_doc(k, texts[k]) for k in order[i : i + batch]]
        store.add_documents(docs)
        link_documents(store, docs)


def _consistent(store: Store) -> set[frozenset[str]]:
    """The store's link tables agree with one another and with the counts a rebuild gives; its groups."""
    con = store.con
    members = con.execute("SELECT doc_id, story_id FROM story_members").fetchall()
    sizes = dict(con.execute("SELECT id, size FROM stories").fetchall())
    assert dict(Counter(s for _, s in members)) == sizes  # no story without members, every size right
    story_of = dict(members)
    for table, records, key in (("event_clusters", "events", "event_id"), ("statement_clusters", "statements",
                                                                            "statement_id")):  # fmt: skip
        rows = con.execute(f"SELECT doc_id, {key}, story_id FROM {table}").fetchall()
        assert all(story_of[d] == s for d, _, s in rows)  # each cluster row in its document's story
        stored = set(con.execute(f"SELECT doc_id, id FROM {records}").fetchall())
        assert {(d, k) for d, k, _ in rows} == stored  # one row per record, none left over
    held = {r[0] for r in con.execute("SELECT doc_id FROM story_members WHERE features IS NOT NULL").fetchall()}
    assert held == set(story_of)
    weights = con.execute("SELECT doc_id, event_id, cluster_id, weight, sources FROM event_actors ORDER BY ALL")
    kept = weights.fetchall()
    for table in ("event_actors", "statement_actors", "dyad_days", "event_edges", "statement_edges"):
        con.execute(f"DELETE FROM {table}")
    derived.backfill(con)
    rebuilt = con.execute("SELECT doc_id, event_id, cluster_id, weight, sources FROM event_actors ORDER BY ALL")
    assert rebuilt.fetchall() == kept  # the counts followed the moves
    groups: dict[str, set[str]] = {}
    for d, s in members:
        groups.setdefault(s, set()).add(d)
    return {frozenset(g) for g in groups.values()}


def test_the_store_moves_a_document_and_stays_consistent(tmp_path):
    order = [f"bg{i}" for i in range(20)] + ["A1", "A2", "X", "B1"]
    with Store(tmp_path / "db.duckdb") as store:
        _link(store, order[:-1], _texts())
        (before,) = store.con.execute("SELECT story_id FROM story_members WHERE doc_id = 'X'").fetchone()
        assert before == store.con.execute("SELECT story_id FROM story_members WHERE doc_id = 'A1'").fetchone()[0]
        b1 = _doc("B1", WORDS["B1"])
        store.add_documents([b1])
        link_documents(store, [b1])
        groups = _consistent(store)
        assert frozenset({"A1", "A2"}) in groups and frozenset({"X", "B1"}) in groups
        (ev_story,) = store.con.execute("SELECT DISTINCT story_id FROM event_clusters WHERE doc_id = 'X'").fetchone()
        assert ev_story == b1.story != before  # the moved document's events went with it


def test_the_same_stories_in_other_orders_batches_and_processes(tmp_path):
    texts = _texts()
    names = list(WORDS)
    found = []
    for seed in range(4):
        order = names[:]
        random.Random(seed).shuffle(order)
        order = [f"bg{i}" for i in range(20)] + order
        with Store(tmp_path / f"{seed}.duckdb") as store:
            if seed == 3:  # a new process halfway: the link state is read back from the store
                _link(store, order[:22], texts, batch=3)
                _STATES.pop(store, None)
                _link(store, order[22:], texts)
            else:
                _link(store, order, texts, batch=1 + seed)
            found.append(_consistent(store))
    assert all(f == found[0] for f in found)
    assert {frozenset({"A1", "A2"}), frozenset({"X", "B1", "B2"})} <= found[0]


def test_a_document_analysed_again_leaves_no_stale_clusters(tmp_path):
    texts = _texts()
    with Store(tmp_path / "db.duckdb") as store:
        _link(store, [f"bg{i}" for i in range(20)] + ["B1", "B2"], texts)
        again = _doc("B2", WORDS["B2"], types=("ASSAULT", "PROTEST"))  # the NLP now finds other events
        (result,) = store.add_documents([again], reanalyse=True)
        assert result.status == "replaced"
        assert link_documents(store, [again]) == 1
        _consistent(store)
        types = store.con.execute(
            "SELECT e.type FROM event_clusters c JOIN events e ON e.doc_id = c.doc_id AND e.id = c.event_id "
            "WHERE c.doc_id = 'B2' ORDER BY 1"
        ).fetchall()
        assert types == [("ASSAULT",), ("PROTEST",)]
        assert again.story and all(ev.corroboration for ev in again.events)


def test_a_reprint_joins_its_origins_story_without_clustering_again():
    for copy_of in ("O", None):
        clusterer = StoryClusterer(prior=0)
        _background(clusterer)
        origin = clusterer.add("O", _keys(*(f"a{i}" for i in range(8))))
        # a trimmed copy with new furniture: too little of it is left to link it by its words
        placed = clusterer.add("C", _keys("a1", *(f"z{i}" for i in range(7))), copy_of=copy_of)
        if copy_of:
            assert placed.story_id == origin.story_id and placed.moved == {}
            assert clusterer.stories[origin.story_id].held == ["O", "C"]
        else:
            assert placed.story_id != origin.story_id


def test_copies_follow_the_latest_copy_when_the_origin_left_for_the_core():
    clusterer = StoryClusterer(prior=0, per_story=2)
    _background(clusterer)
    origin = clusterer.add("O", _keys(*(f"a{i}" for i in range(8))))
    for n in range(4):  # the origin leaves for the core after two copies
        placed = clusterer.add(f"C{n}", _keys("a1", *(f"z{n}{i}" for i in range(7))), copy_of="O")
        assert placed.story_id == origin.story_id
    assert "O" not in clusterer.stories[origin.story_id].held
