"""POST /api/documents: the token, the body cap, the address guard, and reads while a write runs."""

from __future__ import annotations

import shutil
import threading

import pytest
from fastapi.testclient import TestClient

from newsgraph.api import create_app
from newsgraph.config import Settings

TOKEN = "s3cret-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
HOSTILE = (
    "Russia accused Ukraine of shelling the city on Monday, officials said. "
    '<script>alert("x")</script> <img src=x onerror="alert(1)"> The ministry denied it.'
)


@pytest.fixture
def writable(store_path, tmp_path, monkeypatch):
    monkeypatch.delenv("NEWSGRAPH_API_TOKEN", raising=False)
    path = tmp_path / "copy.duckdb"
    shutil.copy(store_path, path)
    settings = Settings(api_token=TOKEN, api_max_body=4000)
    with TestClient(create_app(path, settings)) as client:
        yield client


def test_token_required(writable):
    assert writable.post("/api/documents", json={"text": HOSTILE}).status_code == 401
    wrong = writable.post("/api/documents", json={"text": HOSTILE}, headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401 and wrong.headers["www-authenticate"] == "Bearer"


def test_oversized_body_is_413(writable):
    r = writable.post("/api/documents", json={"text": "x" * 5000}, headers=AUTH)
    assert r.status_code == 413 and "4000" in r.json()["detail"]


def test_bad_bodies_are_422(writable):
    assert writable.post("/api/documents", content=b"{not json", headers=AUTH).status_code == 422
    assert writable.post("/api/documents", json={"title": "no text"}, headers=AUTH).status_code == 422
    assert writable.post("/api/documents", json={"text": 5}, headers=AUTH).status_code == 422
    assert writable.post("/api/documents", json={"text": "a", "evil": 1}, headers=AUTH).status_code == 422


@pytest.mark.parametrize(
    "url", ["http://127.0.0.1:9/", "http://169.254.169.254/latest/meta-data/", "file:///etc/passwd"]
)
def test_internal_addresses_are_refused(writable, url):
    r = writable.post("/api/documents", json={"url": url}, headers=AUTH)
    assert r.status_code == 422 and ("refused" in r.json()["detail"] or "only http" in r.json()["detail"])


def test_post_analyses_stores_and_hostile_text_stays_json(writable):
    r = writable.post("/api/documents", json={"text": HOSTILE, "title": "Hostile", "published": "2024-05-01"},
                      headers=AUTH)  # fmt: skip
    assert r.status_code == 201, r.text
    doc_id = r.json()["id"]
    assert r.json()["status"] == "added" and r.json()["events"] >= 1
    again = writable.post("/api/documents", json={"text": HOSTILE, "title": "Hostile", "published": "2024-05-01"},
                          headers=AUTH)  # fmt: skip
    assert again.json()["status"] == "unchanged"
    got = writable.get(f"/api/documents/{doc_id}")
    assert got.headers["content-type"] == "application/json" and got.headers["x-content-type-options"] == "nosniff"
    assert "<script>" in got.json()["text"]  # kept as data, delivered as JSON, never as HTML
    story = got.json()["story"]  # linked as analyze links: its story is listed with it
    assert story and doc_id in [d["id"] for d in writable.get(f"/api/stories/{story}").json()["documents"]]
    assert writable.get("/api/documents", params={"q": "shelling"}).json()["items"][0]["id"] == doc_id
    assert writable.get("/api/actors/Q212/events", params={"since": "2024-05-01"}).json()["total"] >= 1


def test_reads_go_on_while_an_ingest_runs(writable):
    writer = writable.app.state.db._writer
    entered, release = threading.Event(), threading.Event()
    real = writer.analyse

    def slow(item):
        entered.set()
        assert release.wait(30)
        return real(item)

    writer.analyse = slow
    result = {}
    post = threading.Thread(
        target=lambda: result.update(
            r=writable.post("/api/documents", json={"text": HOSTILE + " Later."}, headers=AUTH)
        )  # fmt: skip
    )
    post.start()
    try:
        assert entered.wait(30)
        for url in ("/api/stats", "/api/actors/Q159/events", "/api/network", "/api/documents?q=nato"):
            assert writable.get(url).status_code == 200
        assert "r" not in result  # the write is still running
    finally:
        release.set()
        post.join(60)
    assert result["r"].status_code == 201
