"""Stories in the API: the list, one story (documents, copies, events counted once), the document's links,
and records that read back as they were analysed (no field of an event or statement lost in the store).

The store holds synthetic documents (no NLP): an original report, a reprint of it (another date line,
page furniture), an independent report of the same arrests, and an unrelated story.
"""

from __future__ import annotations

import random

import pytest
from fastapi.testclient import TestClient

from newsgraph.api import create_app
from newsgraph.config import Settings
from newsgraph.eval.reprints import perturb
from newsgraph.model import Actor, ChainLink, DateValue, Document, Event, Evidence, Statement
from newsgraph.store import Store
from newsgraph.store.links import link_documents

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
QUAKE = [
    "A magnitude 6.2 earthquake struck the Indonesian island of Sulawesi early on Friday, killing at least 34 "
    "people in Mamuju and Majene, the disaster agency BNPB said.",
    "Hundreds of houses collapsed in Mamuju and thousands of residents fled to higher ground overnight.",
]


def _doc(doc_id, title, paras, published, credited=None, *, plover="COERCE", march=True):
    text = "\n\n".join([title, *paras])
    at = text.index(paras[0])
    ev = Event(
        "e1",
        "COERCE",
        "173",
        ["USA-POL"],
        ["USA-CVL"],
        "asserted",
        0.9,
        DateValue("2024-03-05"),
        Evidence(paras[0][:60], at, at + 60),
        trigger="arrested",
        plover_type=plover,
    )
    planned = Event(
        "e2",
        "COOPERATE",
        "036",
        ["USA-LAB"],
        [],
        "planned",
        0.6,
        None,
        Evidence(paras[-1][:40], 0, 40),
        plover_type="AGREE",  # PLOVER's reading of a planned action
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
        at,
        at + 40,
        events=["e1"],
    )
    return Document(
        id=doc_id,
        text=text,
        title=title,
        published=published,
        credited_source=credited,
        events=[ev, planned] if march else [ev],
        actors=[
            Actor("USA-POL", "Springfield police", "agency", "USA", "COP"),
            Actor("person:chief", "Chief", "person"),
        ],
        statements=[st],
    )


@pytest.fixture(scope="module")
def linked(tmp_path_factory):
    _, copied = perturb("t", PARAS, random.Random(7), kinds=["dateline", "furniture"])
    docs = [
        _doc("orig", "Protesters arrested at Springfield city hall", PARAS, "2024-03-05"),
        _doc("copy", "Eleven held after Springfield plant protest", copied, "2024-03-06"),
        _doc("indep", "Springfield police detain eleven", INDEPENDENT, "2024-03-06", credited="AP", march=False),
        _doc("quake", "Earthquake kills 34 on Sulawesi", QUAKE, "2024-04-12", plover=None, march=False),
    ]
    db = tmp_path_factory.mktemp("stories") / "linked.duckdb"
    with Store(db) as store:
        for batch in (docs[:2], docs[2:]):
            store.add_documents(batch)
            link_documents(store, batch)
    return db, {d.id: d for d in docs}


@pytest.fixture(scope="module")
def client(linked):
    with TestClient(create_app(linked[0], Settings())) as c:
        yield c


def _story_of(client, doc_id):
    return client.get(f"/api/documents/{doc_id}").json()["story"]


def test_the_list_counts_documents_copies_sources_and_events_latest_first(client):
    page = client.get("/api/stories").json()
    assert page["total"] == 2 and [s["title"] for s in page["items"]] == [
        "Earthquake kills 34 on Sulawesi",
        "Protesters arrested at Springfield city hall",  # the earliest source's headline, not the copy's
    ]
    arrests = page["items"][1]
    assert arrests["id"] == _story_of(client, "orig") == _story_of(client, "copy") == _story_of(client, "indep")
    assert (arrests["documents"], arrests["copies"], arrests["sources"]) == (3, 1, 2)  # the copy is not a source
    assert (arrests["first_seen"], arrests["last_seen"], arrests["earliest"]) == ("2024-03-05", "2024-03-06", "orig")
    # the arrests reported three times are one event, corroborated; the union's planned march (in the
    # original and its copy only) is the other, relayed
    assert (arrests["events"], arrests["corroborated_events"]) == (2, 1)


def test_the_list_pages_and_filters(client):
    first = client.get("/api/stories", params={"limit": 1}).json()
    second = client.get("/api/stories", params={"limit": 1, "offset": 1}).json()
    assert first["total"] == second["total"] == 2 and len(first["items"]) == len(second["items"]) == 1
    assert first["items"][0]["id"] != second["items"][0]["id"]
    assert [s["title"] for s in client.get("/api/stories", params={"min_size": 2}).json()["items"]] == [
        "Protesters arrested at Springfield city hall"
    ]
    assert client.get("/api/stories", params={"since": "2024-04"}).json()["total"] == 1
    assert client.get("/api/stories", params={"until": "2024-03-05"}).json()["total"] == 1
    assert client.get("/api/stories", params={"since": "2025-01-01"}).json() == {
        "total": 0,
        "limit": 50,
        "offset": 0,
        "items": [],
    }


def test_one_story_documents_copies_and_events(client):
    story = client.get(f"/api/stories/{_story_of(client, 'copy')}").json()
    docs = story["documents"]
    assert [d["id"] for d in docs] == ["orig", "copy", "indep"]  # time order (copy and indep: as stored)
    assert [d["earliest"] for d in docs] == [True, False, False]
    assert [d["copy_of"] for d in docs] == [None, "orig", None]
    assert docs[0]["source"] == docs[1]["source"] == "doc:orig" and docs[2]["source"] == "credit:ap"
    (link,) = story["copy_links"]
    assert (link["doc_id"], link["origin_id"]) == ("copy", "orig") and link["share"] > 0.5
    assert {p["from_doc"] for p in link["paragraphs"]} == {"orig"} and len(link["paragraphs"]) >= 2
    assert all(0 < p["similarity"] <= 1 for p in link["paragraphs"])
    assert (story["n_documents"], story["n_events"], story["n_statements"]) == (3, 2, 1)
    arrests, march = story["events"]  # most sources first
    assert (arrests["type"], arrests["source"], arrests["target"]) == ("COERCE", ["USA-POL"], ["USA-CVL"])
    assert (arrests["mentions"], arrests["documents"], arrests["sources"]) == (3, 3, 2)
    assert arrests["corroboration"] == "corroborated" and arrests["news"] is True
    assert sorted(arrests["doc_ids"]) == ["copy", "indep", "orig"] and arrests["first_doc"] == "orig"
    assert arrests["evidence"] == PARAS[0][:60] and arrests["date"] == "2024-03-05"
    assert (march["plover_type"], march["news"], march["corroboration"]) == ("AGREE", False, "relayed")
    assert (march["mentions"], march["sources"], sorted(march["doc_ids"])) == (2, 1, ["copy", "orig"])
    (said,) = story["statements"]
    assert (said["speaker"], said["content"], said["sources"]) == ("person:chief", "eleven protesters were arrested", 2)
    assert said["corroboration"] == "corroborated"
    assert story["actors"] == [  # the stored actors its events and statements name, for their labels
        {"id": "USA-POL", "name": "Springfield police", "kind": "agency"},
        {"id": "person:chief", "name": "Chief", "kind": "person"},
    ]


def test_the_story_limit_cuts_each_list_and_keeps_the_totals(client):
    story = client.get(f"/api/stories/{_story_of(client, 'orig')}", params={"limit": 1}).json()
    assert [d["id"] for d in story["documents"]] == ["orig"] and len(story["events"]) == 1
    assert (story["n_documents"], story["n_events"]) == (3, 2)


def test_a_documents_links_are_added_keys(client):
    orig, copy, indep = (client.get(f"/api/documents/{i}").json() for i in ("orig", "copy", "indep"))
    assert orig["copy_of"] is None and orig["copied_by"] == ["copy"]
    assert copy["copy_of"]["origin"] == "orig" and copy["copy_of"]["paragraphs"] and copy["copied_by"] == []
    assert indep["copy_of"] is None
    for record in (orig, copy, indep):
        ev = next(e for e in record["events"] if e["id"] == "e1")
        assert ev["corroboration"] == "corroborated" and ev["event_cluster"]
        assert record["statements"][0]["corroboration"] == "corroborated"
    clusters = {e["event_cluster"] for r in (orig, copy, indep) for e in r["events"] if e["id"] == "e1"}
    assert len(clusters) == 1


def test_stored_records_read_back_as_analysed(client, linked):
    """Every key of an event and a statement of ``analyze --json`` comes back from the store unchanged
    (the store used to drop an event's plover_type and a statement's events)."""
    _, docs = linked
    for doc in docs.values():
        record = client.get(f"/api/documents/{doc.id}").json()
        want = doc.to_dict()
        assert record["story"] == want["story"] and record["copy_of"] == want["copy_of"]
        for kind in ("events", "statements"):
            got = {r["id"]: r for r in record[kind]}
            for item in want[kind]:
                for key, value in item.items():
                    if key == "corroboration":  # the store's is newer: the first batch's events were corroborated later
                        continue
                    assert got[item["id"]][key] == value, (doc.id, kind, item["id"], key)
    marches = client.get("/api/events", params={"type": "COOPERATE"}).json()["items"]
    assert len(marches) == 2 and {e["plover_type"] for e in marches} == {"AGREE"}
    by_actor = client.get("/api/actors/USA-POL/events").json()["items"]
    assert {e["doc_id"]: e["plover_type"] for e in by_actor} == {
        "orig": "COERCE",
        "copy": "COERCE",
        "indep": "COERCE",
        "quake": None,
    }
    said = client.get("/api/statements").json()["items"]
    assert len(said) == 4 and all(s["events"] == ["e1"] for s in said)
    said = client.get("/api/actors/person:chief/statements").json()["items"]  # read from statement_actors
    assert len(said) == 4 and all(s["events"] == ["e1"] for s in said)


@pytest.mark.parametrize(
    "url",
    [
        "/api/stories?since=yesterday",
        "/api/stories?until=2024-13-01",
        "/api/stories?min_size=0",
        "/api/stories?limit=0",
        "/api/stories?offset=-1",
        "/api/stories/x?limit=0",
        "/api/stories/" + "x" * 201,
    ],
)
def test_malformed_story_parameters_give_422(client, url):
    r = client.get(url)
    assert r.status_code == 422 and r.json()["detail"]


def test_an_unknown_story_is_404(client):
    r = client.get("/api/stories/story-nope")
    assert r.status_code == 404 and "story-nope" in r.json()["detail"]
    assert "/api/stories" in client.get("/openapi.json").json()["paths"]
