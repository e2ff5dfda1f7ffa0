"""The HTTP API on a small store: the example article (analysed once per session) and synthetic documents."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from newsgraph.api import create_app
from newsgraph.config import Settings

SOBOLEV = "person:viktor-sobolev"
NATO = "Q7184"


@pytest.fixture(scope="module")
def client(store_path):
    with TestClient(create_app(store_path, Settings())) as c:
        yield c


def test_documents_search_and_filters(client):
    page = client.get("/api/documents", params={"q": "Sobolev"}).json()
    assert page["total"] == 1 and page["items"][0]["title"].startswith("NATO Wants to Expand")
    assert client.get("/api/documents", params={"q": "front report"}).json()["total"] == 4
    assert client.get("/api/documents", params={"outlet": "example.org"}).json()["total"] == 4
    dated = client.get("/api/documents", params={"since": "2024-02-01", "limit": 1}).json()
    assert dated["total"] == 2 and len(dated["items"]) == 1 and dated["items"][0]["published"] == "2024-03-01"
    second = client.get("/api/documents", params={"since": "2024-02-01", "limit": 1, "offset": 1}).json()
    assert second["items"][0]["published"] == "2024-02-05"


def test_one_document_has_every_annotation(client):
    (doc,) = client.get("/api/documents", params={"q": "Sobolev"}).json()["items"]
    record = client.get(f"/api/documents/{doc['id']}").json()
    for key in (
        "text",
        "paragraphs",
        "boilerplate",
        "mentions",
        "actors",
        "events",
        "statements",
        "times",
        "forecasts",
    ):
        assert record[key], key
    quote = next(s for s in record["statements"] if s["speaker"] == SOBOLEV and s["form"] == "direct")
    assert quote["chain"][0]["actor_id"] == SOBOLEV and "Taynaya" in quote["chain"][1]["name"]
    assert quote["content"] in record["text"][quote["start"] : quote["end"]]


def test_actor_on_a_date(client):
    nato = client.get(f"/api/actors/{NATO}", params={"date": "2022-06-01"}).json()
    members = {m["name"] for m in nato["members"]}
    assert "France" in members and "Finland" not in members  # Finland joined in 2023
    assert "Finland" in {
        m["name"] for m in client.get(f"/api/actors/{NATO}", params={"date": "2024-01-01"}).json()["members"]
    }
    russia = client.get("/api/actors/Q159").json()
    assert russia["events"] >= 4 and russia["statements"] >= 4 and russia["documents"] >= 5
    assert client.get("/api/actors", params={"q": "sobol"}).json()["items"][0]["id"] == SOBOLEV


def test_actor_events_statements_timeline(client):
    events = client.get("/api/actors/Q159/events", params={"limit": 2, "since": "2024-01-01"}).json()
    assert events["total"] == 4 and [e["id"] for e in events["items"]] == ["ev-3", "ev-2"]
    assert client.get("/api/actors/Q159/events", params={"type": "ASSAULT", "since": "2024"}).json()["total"] == 2
    assert client.get("/api/actors/Q159/events", params={"since": "2024", "until": "2024-01"}).json()["total"] == 2
    said = client.get(f"/api/actors/{SOBOLEV}/statements").json()
    assert said["total"] >= 2 and all(s["speaker"] == SOBOLEV for s in said["items"])
    timeline = client.get("/api/actors/Q212/timeline", params={"interval": "month"}).json()["periods"]
    # the predicted threat of March is not counted
    assert [(p["period"], p["events"], p["conflict_events"]) for p in timeline] == [
        ("2024-01-01", 2, 1),
        ("2024-02-01", 1, 1),
    ]


def test_dyads_count_only_asserted_and_reported(client):
    series = client.get("/api/dyads", params={"a": "Ukraine", "b": "Russia", "interval": "month"}).json()
    assert series["a"] == ["Q212"] and series["b"] == ["Q159"]
    jan, feb = series["periods"]
    assert (jan["events"], jan["cooperation"], jan["conflict"]) == (2, 4.0, 9.0)
    assert (feb["events"], feb["conflict"]) == (1, 9.0)
    directed = client.get("/api/dyads", params={"a": "Q212", "b": "Q159", "directed": "true"}).json()
    assert directed["periods"] == []


def test_network_of_a_window(client):
    net = client.get("/api/network", params={"since": "2024-01-01", "until": "2024-01-31"}).json()
    rel = {(e["source"], e["target"], e["relation"]): e for e in net["edges"]}
    assert rel[("Q159", "Q212", "conflict")]["weight"] == 1 and rel[("Q159", "Q212", "cooperation")]["weight"] == 1
    assert {n["id"] for n in net["nodes"]} == {"Q159", "Q212"}
    seed = client.get("/api/network", params={"since": "2023-01-01", "until": "2023-12-31"}).json()
    assert any(e["relation"] == "membership" and e["target"] == NATO for e in seed["edges"])
    assert any(e["relation"] == "statement" and e["source"] == SOBOLEV for e in seed["edges"])
    people = client.get("/api/network", params={"since": "2023-09-01", "until": "2023-09-30", "kinds": "person"}).json()
    assert people["nodes"] and all(n["kind"] == "person" for n in people["nodes"])


def test_statements_forecasts_search_stats(client):
    about = client.get("/api/statements", params={"about": "Japan"}).json()
    assert about["total"] >= 1 and all("Japan" in s["content"] for s in about["items"])
    assert client.get("/api/forecasts", params={"predictor": "Russia"}).json()["total"] == 4
    open_ = client.get("/api/forecasts", params={"status": "open", "due_before": "2024-12-31"}).json()
    assert open_["total"] == 0  # the synthetic forecasts were due by mid-2024
    found = client.get("/api/search", params={"q": "threat"}).json()
    assert found["documents"]["total"] >= 1 and found["statements"]["items"]
    assert client.get("/api/search", params={"q": "nato"}).json()["actors"]["items"][0]["id"] == NATO
    stats = client.get("/api/stats").json()
    assert stats["counts"]["documents"] == 5 and stats["first_published"] == "2023-09-26"


@pytest.mark.parametrize(
    "url",
    [
        "/api/documents?since=yesterday",
        "/api/documents?limit=0",
        "/api/documents?offset=-1",
        "/api/forecasts?status=maybe",
        "/api/forecasts?due_before=garbage",
        "/api/actors/Q159/timeline?interval=fortnight",
        "/api/dyads?a=Q159",
        "/api/network?relations=friendship",
        "/api/events?until=2024-13-45",
    ],
)
def test_malformed_parameters_give_422(client, url):
    r = client.get(url)
    assert r.status_code == 422 and r.json()["detail"]


@pytest.mark.parametrize("url", ["/api/documents/nope", "/api/actors/nope", "/api/actors/nope/events",
                                 "/api/dyads?a=Q159&b=Nowhereland"])  # fmt: skip
def test_unknown_ids_give_404(client, url):
    r = client.get(url)
    assert r.status_code == 404 and "no" in r.json()["detail"]


def test_writes_are_off_without_a_token(client):
    r = client.post("/api/documents", json={"text": "Russia said so."})
    assert r.status_code == 403 and "token" in r.json()["detail"]


def test_json_only_and_openapi(client):
    assert client.get("/api/stats").headers["content-type"] == "application/json"
    spec = client.get("/openapi.json").json()
    for path in ("/api/documents", "/api/documents/{doc_id}", "/api/actors/{actor_id}/timeline", "/api/dyads",
                 "/api/network", "/api/statements", "/api/forecasts", "/api/search", "/api/stats"):  # fmt: skip
        assert path in spec["paths"], path
    assert client.get("/docs").status_code == 200
