"""Reprints: copies linked to the earliest version, paragraph by paragraph, incrementally and from the store."""

import random

import pytest

from newsgraph.eval.reprints import PERTURBATIONS, perturb, run_reprint_eval
from newsgraph.link.reprints import ReprintIndex, fingerprint
from newsgraph.model import Document
from newsgraph.store import Store
from newsgraph.store.links import _STATES, link_documents

TITLE = "Flood defences fail as river bursts its banks in the north"
PARAS = [
    "Hundreds of homes were evacuated overnight after the River Aire burst its banks, flooding the centre "
    "of the town and cutting off the main road to the coast, the county council said on Tuesday.",
    "Emergency crews used boats to reach elderly residents trapped on upper floors, and a rest centre was "
    "opened at the local school for families who could not stay with relatives.",
    "The Environment Agency said the new flood wall, finished only last spring at a cost of 40 million "
    "pounds, had been overtopped when the river rose more than a metre in three hours.",
    "Local MP Sarah Jennings called for an inquiry into why the defences failed and demanded that the "
    "government release emergency funds for the businesses that lost stock in the water.",
    "Forecasters warned that more heavy rain was expected across the region on Thursday, with a further "
    "25 millimetres possible on ground that is already saturated.",
    "Insurers estimated the cost of the damage at several million pounds and said claims handlers would "
    "be sent to the town as soon as the water had receded.",
]
# Same topic, same place, other words: a hard negative.
OTHER = [
    "The county council has approved plans for a new flood wall along the River Aire, to be finished next "
    "spring, after residents campaigned for better protection for the town centre.",
    "Councillors voted by 32 to 5 in favour of the scheme, which will be paid for by the Environment Agency "
    "and a levy on the businesses that benefit from it.",
    "Opponents said the wall would spoil the view of the river and questioned whether it would cope with "
    "the heavier rain that climate scientists expect in the coming decades.",
]


def _text(title, paras):
    return "\n\n".join([title, *paras])


@pytest.mark.parametrize("kind", PERTURBATIONS)
def test_a_copy_survives_each_perturbation(kind):
    title, paras = perturb(TITLE, PARAS, random.Random(3), kinds=[kind])
    index = ReprintIndex()
    assert index.add(fingerprint("orig", _text(TITLE, PARAS), published="2024-03-01", order=1)) == []
    (link,) = index.add(fingerprint("copy", _text(title, paras), published="2024-03-02", order=2))
    assert (link.doc_id, link.origin) == ("copy", "orig")
    assert link.share > 0.5


def test_a_same_topic_article_is_not_a_copy():
    index = ReprintIndex()
    index.add(fingerprint("orig", _text(TITLE, PARAS), published="2024-03-01", order=1))
    assert index.add(fingerprint("other", _text("Flood wall approved", OTHER), published="2024-03-01", order=2)) == []


def test_copies_point_to_the_earliest_version_with_their_paragraphs():
    rng = random.Random(5)
    index = ReprintIndex()
    # the trimmed copy arrives first, then a retitled one, then the original (published earliest)
    t1, p1 = perturb(TITLE, PARAS, rng, kinds=["trim", "furniture"])
    index.add(fingerprint("trimmed", _text(t1, p1), published="2024-03-03", order=1))
    t2, p2 = perturb(TITLE, PARAS, rng, kinds=["headline", "dateline"])
    (link,) = index.add(fingerprint("retitled", _text(t2, p2), published="2024-03-02", order=2))
    assert (link.doc_id, link.origin) == ("trimmed", "retitled")  # the earlier published is the origin
    changed = index.add(fingerprint("orig", _text(TITLE, PARAS), published="2024-03-01", order=3))
    assert {c.doc_id: c.origin for c in changed} == {"trimmed": "orig", "retitled": "orig"}
    final = index.links["trimmed"]
    # every copied paragraph names where it came from: the original's paragraphs, title being 0
    assert final.paragraphs and all(src == "orig" for _, src, _, _ in final.paragraphs)
    assert [j for _, _, j, _ in final.paragraphs] == sorted(j for _, _, j, _ in final.paragraphs)


def test_the_window_is_bounded():
    index = ReprintIndex(capacity=3)
    for n in range(6):
        index.add(fingerprint(f"d{n}", _text(f"Title {n}", [p + f" Number {n}." for p in OTHER]), order=n))
    assert len(index) == 3 and "d0" not in index and "d5" in index


def test_the_index_is_rebuilt_from_the_store(tmp_path):
    orig = Document(id="orig", text=_text(TITLE, PARAS), published="2024-03-01")
    title, paras = perturb(TITLE, PARAS, random.Random(1), kinds=["headline", "drop"])
    copy = Document(id="copy", text=_text(title, paras), published="2024-03-02")
    with Store(tmp_path / "db.duckdb") as store:
        store.add_documents([orig])
        assert link_documents(store, [orig]) == 1
    _STATES.clear()
    with Store(tmp_path / "db.duckdb") as store:  # a new process: the index comes from the stored signatures
        store.add_documents([copy])
        link_documents(store, [copy])
        assert copy.copy_of and copy.copy_of["origin"] == "orig"
        (story,) = store.con.execute("SELECT story_id FROM story_members WHERE doc_id = 'orig'").fetchone()
        assert copy.story == story


def test_reprint_set_from_the_bbc_corpus(shared):
    scores = run_reprint_eval(shared("corpus", "bbc"), originals=80, negatives=80, seed=3)
    assert scores["gold_links"] > 80
    assert scores["precision"] >= 0.98 and scores["recall"] >= 0.95, scores
