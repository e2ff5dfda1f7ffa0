"""Event de-duplication and corroboration: copies are one source, independent reports corroborate."""

import json
import random

from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.eval.reprints import perturb
from newsgraph.link.corroboration import cluster_mentions, event_mention, source_key, statement_mention
from newsgraph.model import ChainLink, DateValue, Document, Event, Evidence, Statement
from newsgraph.store import Store
from newsgraph.store.links import link_documents

ARREST = {"id": "e1", "type": "COERCE", "source": ["USA-POL"], "target": ["USA-CVL"], "date": {"value": "2024-03-05"}}


def test_copies_relay_and_independent_reports_corroborate():
    # doc b copies doc a (one origin); doc c is independent
    mentions = [
        event_mention("a", ARREST, source_key("a", None, None)),
        event_mention("b", ARREST, source_key("b", "a", None)),
    ]
    (only,) = cluster_mentions(mentions)
    assert only.counts() == {"mentions": 2, "documents": 2, "sources": 1, "corroboration": "relayed"}
    mentions.append(event_mention("c", ARREST, source_key("c", None, None)))
    (only,) = cluster_mentions(mentions)
    assert only.counts() == {"mentions": 3, "documents": 3, "sources": 2, "corroboration": "corroborated"}
    assert cluster_mentions(mentions[:1])[0].corroboration == "single_source"


def test_the_same_agency_is_one_source_and_other_days_other_events():
    m1 = event_mention("a", ARREST, source_key("a", None, "Reuters"))
    m2 = event_mention("b", ARREST, source_key("b", None, "reuters"))
    assert cluster_mentions([m1, m2])[0].sources == 1
    later = dict(ARREST, date={"value": "2024-04-09"})
    assert len(cluster_mentions([m1, event_mention("c", later, "doc:c")])) == 2
    other_target = dict(ARREST, target=["USA-OPP"])
    assert len(cluster_mentions([m1, event_mention("c", other_target, "doc:c")])) == 2


def test_any_order_gives_the_same_clusters():
    ms = [event_mention(d, ARREST, f"doc:{d}") for d in "abcde"] + [
        event_mention("f", dict(ARREST, type="ASSAULT"), "doc:f")
    ]
    want = sorted(sorted(m.doc_id for m in c.mentions) for c in cluster_mentions(ms))
    random.Random(2).shuffle(ms)
    assert sorted(sorted(m.doc_id for m in c.mentions) for c in cluster_mentions(ms)) == want


def test_a_statement_passed_through_intermediaries_is_relayed():
    chain = [{"name": n} for n in ("Viktor Sobolev", "Telegram", "RT", "CNBC", "this page")]
    st = {"id": "s1", "speaker": "person:sobolev", "content": "NATO is expanding its sphere", "chain": chain}
    assert cluster_mentions([statement_mention("a", st, "doc:a")])[0].corroboration == "relayed"
    direct = dict(st, chain=[{"name": "Viktor Sobolev"}, {"name": "CNBC"}, {"name": "this page"}])
    assert cluster_mentions([statement_mention("a", direct, "doc:a")])[0].corroboration == "single_source"
    other = dict(direct, content="The weather in Moscow is cold today")
    assert len(cluster_mentions([statement_mention("a", direct, "doc:a"), statement_mention("b", other, "doc:b")])) == 2


PARAS = [
    "Police in Springfield arrested eleven protesters outside the city hall on Tuesday after a march against the "
    "closure of the steel plant turned violent, the police chief said in a statement.",
    "Officers used pepper spray when a group of demonstrators tried to force their way into the building, where "
    "the council was meeting to vote on the plant's future, according to witnesses.",
    "The union that represents the plant's 900 workers condemned the arrests and said it would hold another "
    "march on Saturday, while the mayor appealed for calm.",
]


def _doc(doc_id, paras, published, credited=None):
    text = "\n\n".join(["Protesters arrested at Springfield city hall", *paras])
    ev = Event(
        "e1",
        "COERCE",
        "173",
        ["USA-POL"],
        ["USA-CVL"],
        "asserted",
        0.9,
        DateValue("2024-03-05"),
        Evidence("Police in Springfield arrested eleven protesters", 0, 10),
    )
    st = Statement(
        "s1",
        "person:chief",
        "the police chief",
        "said",
        "eleven protesters were arrested",
        "indirect",
        None,
        [ChainLink("the police chief"), ChainLink("this page")],
        0,
        10,
    )
    return Document(id=doc_id, text=text, published=published, credited_source=credited, events=[ev], statements=[st])


def test_stored_clusters_count_events_not_mentions(tmp_path):
    rng = random.Random(7)
    _, copied = perturb("t", PARAS, rng, kinds=["dateline", "furniture"])
    independent = [
        "Eleven people were detained by Springfield police on Tuesday when a protest over the steel plant's closure "
        "turned violent outside city hall, officials said, in a clash that left two officers hurt.",
        "The union vowed to keep marching until the council reverses its decision on the plant.",
    ]
    docs = [
        _doc("orig", PARAS, "2024-03-05"),
        _doc("copy", copied, "2024-03-06"),
        _doc("indep", independent, "2024-03-06"),
    ]
    db = tmp_path / "db.duckdb"
    with Store(db) as store:
        store.add_documents(docs[:2])
        link_documents(store, docs[:2])
        assert docs[1].copy_of["origin"] == "orig"
        assert docs[1].events[0].corroboration == "relayed"
        store.add_documents(docs[2:])
        link_documents(store, docs[2:])
        assert docs[2].story == docs[0].story
        assert docs[2].events[0].corroboration == "corroborated"
        assert docs[2].to_dict()["events"][0]["corroboration"] == "corroborated"
        rows = store.con.execute(
            "SELECT mentions, documents, sources, corroboration FROM event_cluster_counts"
        ).fetchall()
        assert rows == [(3, 3, 2, "corroborated")]
        n_events = store.con.execute(
            "SELECT count(DISTINCT c.cluster_id) FROM events e JOIN event_clusters c "
            "ON c.doc_id = e.doc_id AND c.event_id = e.id"
        ).fetchone()[0]
        assert n_events == 1 and store.count("events") == 3
    runner = CliRunner()
    listed = runner.invoke(app, ["stories", "--db", str(db), "--json"], catch_exceptions=False)
    assert listed.exit_code == 0, listed.output
    (story,) = [json.loads(line) for line in listed.stdout.splitlines()]
    assert (story["documents"], story["copies"], story["events"]) == (3, 1, 1)
    shown = runner.invoke(app, ["story", story["id"], "--db", str(db), "--json"], catch_exceptions=False)
    found = json.loads(shown.stdout)
    assert found["earliest"] == "orig" and found["copies"] == ["copy"]
    assert found["events"][0]["sources"] == 2
    missing = runner.invoke(app, ["story", "story-nope", "--db", str(db)])
    assert missing.exit_code == 1 and "story-nope" in missing.output
