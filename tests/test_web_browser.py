"""The web app in a real browser (Playwright driving Debian's chromium) against the analysed example.

One store is built for the session from ``examples/`` plus a hostile article; the API app
(``newsgraph.api.create_app``, which mounts ``newsgraph.web``) runs under uvicorn in a thread on a
free port of 127.0.0.1.  Skipped, with the reason, when chromium or Playwright is missing.
"""

from __future__ import annotations

import contextlib
import json
import socket
import threading
import time
from pathlib import Path

import httpx
import pytest

from conftest import SEED

CHROMIUM = Path("/usr/bin/chromium")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason=f"browser tests skipped: {CHROMIUM} not found (install Debian's chromium: apt-get install -y chromium)",
    ),
]
sync_api = pytest.importorskip("playwright.sync_api", reason="browser tests skipped: playwright is not installed")

# Markup that would run if the app ever inserted document text as HTML: every path sets a flag and opens a dialog.
HOSTILE = """Russia accuses NATO <script>window.__pwned = "title"; alert("title")</script>

Moscow, 3 October 2023. Russia accused NATO on Tuesday of preparing an attack, \
<img src=x onerror="window.__pwned='img';alert('img')"> the foreign ministry said.

"We will respond <script>window.__pwned='quote'</script>," Foreign Minister Sergei Lavrov told \
reporters <a href="javascript:window.__pwned='link'">here</a> <svg onload="window.__pwned='svg'"></svg>.
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def web_store(tmp_path_factory) -> Path:
    from newsgraph.engines.local import run
    from newsgraph.store import Store

    folder = tmp_path_factory.mktemp("web")
    hostile = folder / "hostile.txt"
    hostile.write_text(HOSTILE, "utf-8")
    db = folder / "web.duckdb"
    with Store(db) as store:
        stats = run([str(SEED), str(hostile)], store=store)
    assert stats.documents == 2, stats.errors
    return db


@contextlib.contextmanager
def _serving(db: Path):
    """The API and web app over ``db`` on http://127.0.0.1:<port> while the block runs."""
    api = pytest.importorskip("newsgraph.api")
    if not hasattr(api, "create_app"):
        pytest.skip("newsgraph.api.create_app is not available")
    import uvicorn

    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(api.create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        srv.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def server(request):
    """The API and web app on http://127.0.0.1:<port>, for the whole session."""
    with _serving(request.getfixturevalue("web_store")) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=["--no-sandbox"])
        yield b
        b.close()


class Watched:
    """A page with every dialog, page error and CSP violation recorded."""

    def __init__(self, browser, base: str, **context) -> None:
        self.context = browser.new_context(**{"viewport": {"width": 1280, "height": 900}, **context})
        self.page = self.context.new_page()
        self.base = base
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.page.on("dialog", self._dialog)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def open(self, route: str, view: str):
        self.page.goto(f"{self.base}/#{route}")
        return self.ready(view)

    def ready(self, view: str):
        self.page.wait_for_selector(f"body[data-ready='{view}']", state="attached", timeout=15000)
        return self.page

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def watched(browser, server):
    opened: list[Watched] = []

    def make(**context) -> Watched:
        w = Watched(browser, server, **context)
        opened.append(w)
        return w

    yield make
    for w in opened:
        w.close()


def _api(server: str, path: str, **params):
    r = httpx.get(f"{server}/api/{path}", params=params, timeout=10)
    r.raise_for_status()
    return r.json()


def _seed_id(server: str) -> str:
    docs = _api(server, "documents", q="NATO Asia")["items"]
    return next(d["id"] for d in docs if "Expand to Asia" in (d["title"] or ""))


def test_network_shows_the_seeds_actors_and_a_click_on_nato_opens_its_page(watched, server):
    w = watched()
    page = w.open("/network", "network")
    listed = page.locator(".nodelist a").all_inner_texts()
    for name in ("NATO", "Russia", "Japan", "South Korea"):
        assert name in listed
    # The canvas holds the same actors, drawn inside the graph's box, with edges of each relation the seed has.
    drawn = page.evaluate(
        "() => { const cy = window.newsgraph.cy; return {"
        " names: cy.nodes().map(n => n.data('label')),"
        " relations: [...new Set(cy.edges().map(e => e.data('relation')))],"
        " nato: cy.nodes().filter(n => n.data('label') === 'NATO')[0].renderedPosition() }; }"
    )
    assert {"NATO", "Russia", "Japan"} <= set(drawn["names"])
    network = _api(server, "network")
    assert set(drawn["relations"]) == {e["relation"] for e in network["edges"]}
    assert len(drawn["names"]) == len(network["nodes"])
    box = page.locator("#graph").bounding_box()
    x, y = box["x"] + drawn["nato"]["x"], box["y"] + drawn["nato"]["y"]
    assert box["x"] < x < box["x"] + box["width"] and box["y"] < y < box["y"] + box["height"]
    page.mouse.click(x, y)
    w.ready("actor")
    assert page.locator("h1").inner_text() == "NATO"
    assert not w.errors and not w.dialogs


def test_actor_page_shows_timeline_events_and_statements(watched, server):
    w = watched()
    nato = next(a for a in _api(server, "actors", q="NATO")["items"] if a["name"] == "NATO")
    page = w.open(f"/actor/{nato['id']}", "actor")
    # The seed's asserted accusation (Lavrov -> NATO) is counted: the chart is drawn, not its empty state.
    assert page.locator(".chart canvas").count() >= 1
    assert page.locator(".chart .empty").count() == 0
    events = page.locator("section[aria-label='Events'] .items > li")
    assert events.count() == _api(server, f"actors/{nato['id']}/events")["total"] > 0
    assert "ACCUSE" in page.locator("section[aria-label='Events']").inner_text()
    about = _api(server, f"actors/{nato['id']}/statements", role="about")
    assert about["total"] > 0
    statements = page.locator("section[aria-label='Statements']")
    for item in about["items"]:
        assert item["content"] in statements.inner_text()
    assert "this page" in statements.locator(".chain").first.inner_text()
    assert not w.errors and not w.dialogs


def test_reader_highlights_sobolevs_quote_with_its_relay_chain(watched, server):
    w = watched()
    doc_id = _seed_id(server)
    record = _api(server, f"documents/{doc_id}")
    page = w.open(f"/doc/{doc_id}", "doc")
    sobolev = [s for s in record["statements"] if "sobolev" in (s["speaker"] or "")]
    assert sobolev
    for st in sobolev:
        pieces = page.locator(f".text [data-q='{st['id']}']")
        # the highlighted pieces are exactly the statement's words, in the text where the offsets say
        assert "".join(pieces.all_text_contents()) == record["text"][st["start"] : st["end"]]
        pieces.first.hover()
        tip = page.locator("#tip")
        tip.wait_for(state="visible")
        text = tip.inner_text()
        for hop in st["chain"]:
            assert hop["name"] in text
        assert "on" in (pieces.first.get_attribute("class") or "").split()
    relayed = [st for st in sobolev if len(st["chain"]) > 3]
    assert relayed, "the seed's Telegram -> RT -> CNBC relay"
    page.locator(f".text [data-q='{relayed[0]['id']}']").first.focus()
    assert "RT" in page.locator("#tip").inner_text()
    # the furniture cleaning removed is shown apart from the text
    removed = page.locator(".removed").inner_text()
    assert "Source : CNBC" in removed and "printed twice" in removed
    assert "Source : CNBC" not in page.locator(".text").inner_text()
    assert not w.errors and not w.dialogs


@pytest.mark.parametrize("csp", [True, False], ids=["with-csp", "without-csp"])
def test_hostile_article_is_shown_as_text_and_never_runs(watched, server, csp):
    # Without the CSP (bypass_csp) this checks the app's own DOM code; with it, the header as well.
    w = watched(bypass_csp=not csp)
    response = w.page.goto(f"{server}/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    doc = next(d for d in _api(server, "documents")["items"] if "accuses NATO" in (d["title"] or ""))
    page = w.open(f"/doc/{doc['id']}", "doc")
    assert "<script>" in page.locator("h1").inner_text()
    shown = page.locator(".text").inner_text()
    assert "onerror=" in shown and "<script>" in shown
    for st in page.locator(".text [data-q]").all():
        st.hover()
    page.goto(f"{server}/#/documents")
    w.ready("documents")
    page.goto(f"{server}/#/search?q=accuses")
    w.ready("search")
    page.wait_for_timeout(200)
    assert page.evaluate("() => window.__pwned") is None
    assert page.locator("img, svg[onload], script:not([src])").count() == 0
    assert not w.dialogs


def test_every_view_fits_a_phone_screen(watched, server):
    w = watched(viewport={"width": 390, "height": 844})
    doc_id = _seed_id(server)
    nato = next(a for a in _api(server, "actors", q="NATO")["items"] if a["name"] == "NATO")
    for route, view in [
        ("/network", "network"),
        (f"/doc/{doc_id}", "doc"),
        (f"/actor/{nato['id']}", "actor"),
        ("/forecasts", "forecasts"),
        ("/documents", "documents"),
        ("/search?q=Russia", "search"),
        ("/stories", "stories"),
        (f"/story/{_api(server, f'documents/{doc_id}')['story']}", "story"),
    ]:
        page = w.open(route, view)
        wide = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
        assert wide <= 0, f"{route} is {wide}px wider than the screen"
    assert not w.errors and not w.dialogs


# A story of three reports: an original, a reprint of it on another site (a date line added, its last paragraph
# swapped for page furniture) and an independent report of the same signing in other words.
PACT = [
    "Japan and the Philippines signed a reciprocal access agreement in Manila on Monday that allows each country to "
    "deploy troops on the other's territory for joint training and disaster relief, the two governments said.",
    "Japanese Foreign Minister Yoko Kamikawa and Defence Minister Minoru Kihara signed the pact with their "
    "Philippine counterparts, Enrique Manalo and Gilberto Teodoro, at a ceremony attended by President Ferdinand "
    "Marcos Jr.",
    "China's foreign ministry said on Tuesday that military cooperation between countries should not target any "
    "third party, and accused Tokyo of stirring up tension in the South China Sea.",
    "The agreement must still be ratified by the Japanese parliament and the Philippine Senate before it takes "
    "effect, officials said.",
]
STORY_ROWS = [
    {
        "title": "Japan and Philippines sign troop access pact",
        "text": "\n\n".join(PACT),
        "published": "2024-07-08",
        "url": "https://news.example.org/japan-philippines-pact",
    },
    {
        "title": "Japan, Philippines sign defence pact",
        "text": "\n\n".join(["MANILA -", *PACT[:3], "Advertisement. Subscribe to our newsletter for the latest news."]),
        "published": "2024-07-08",
        "url": "https://reprints.example.net/2024/07/08/japan-philippines",
    },
    {
        "title": "Tokyo and Manila agree to host each other's troops",
        "text": "Tokyo and Manila agreed on Monday to let their forces train on each other's soil, signing a "
        "defence deal "
        "in the Philippine capital as both countries face pressure from Beijing in disputed waters.\n\n"
        "The reciprocal access agreement was signed by Manalo, Teodoro, Kamikawa and Kihara in the presence of "
        "Marcos, officials said. Beijing accused Japan of stirring up tension.\n\n"
        "Japan already has a similar agreement with Australia and Britain.",
        "published": "2024-07-08",
        "url": "https://other.example.com/tokyo-manila-troops",
    },
]


@pytest.fixture(scope="module")
def story_server(tmp_path_factory):
    from newsgraph.engines.local import run
    from newsgraph.store import Store

    folder = tmp_path_factory.mktemp("web-story")
    rows = folder / "pact.jsonl"
    rows.write_text("".join(json.dumps(r) + "\n" for r in STORY_ROWS), "utf-8")
    db = folder / "story.duckdb"
    with Store(db) as store:
        stats = run([str(rows)], store=store)
    assert stats.documents == 3, stats.errors
    with _serving(db) as url:
        yield url


def test_the_story_view_lists_the_reports_with_the_copy_under_its_original(browser, story_server):
    original, copy, independent = (r["title"] for r in STORY_ROWS)
    w = Watched(browser, story_server)
    try:
        page = w.open("/stories", "stories")
        assert page.locator(".tabs a[aria-current='page']").inner_text() == "Stories"
        row = page.locator("table.stories tbody tr")
        assert row.count() == 1
        assert original in row.inner_text() and "3 (1 copy)" in row.inner_text()
        row.locator("a").click()
        w.ready("story")
        assert page.locator("h1").inner_text() == original  # the earliest source's headline
        docs = page.locator(".story-docs > li")
        assert docs.count() == 2  # the original (its copy beneath it) and the independent report
        first = docs.nth(0)
        assert first.locator(".earliest-badge").count() == 1 and original in first.locator("a").first.inner_text()
        held = first.locator(".copy-list > li")
        assert held.count() == 1 and copy in held.inner_text() and f"copy of “{original}”" in held.inner_text()
        assert "(copy ← original): 2←1" in held.inner_text()  # the date line moved each copied paragraph down one
        assert independent in docs.nth(1).inner_text() and docs.nth(1).locator(".earliest-badge").count() == 0
        events = page.locator(".story-events > li")
        assert events.count() >= 1 and page.locator(".story-events .badge.cor-relayed").count() >= 1
        held.locator("a").first.click()
        w.ready("doc")
        assert page.locator("h1").inner_text() == copy
        page.locator(".meta a.copy-of").click()
        w.ready("doc")
        assert page.locator("h1").inner_text() == original
        assert not w.errors and not w.dialogs
    finally:
        w.close()
