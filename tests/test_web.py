"""The web app's files and how they are served (no browser needed; see test_web_browser.py for one)."""

from __future__ import annotations

import posixpath
import re

from fastapi import FastAPI
from fastapi.testclient import TestClient

from newsgraph import web

STATIC = web.STATIC_DIR
JS = sorted(STATIC.joinpath("js").rglob("*.js"))


def _client() -> TestClient:
    app = FastAPI()

    @app.get("/api/ping")
    def ping() -> dict:
        return {"ok": True}

    web.mount(app)
    return TestClient(app)


def test_app_is_served_at_the_root_with_a_csp_and_routes_before_it_still_answer():
    client = _client()
    page = client.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    csp = page.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "object-src 'none'" in csp
    assert client.get("/api/ping").json() == {"ok": True}
    # the API's own pages (the OpenAPI docs load Swagger UI with inline script) keep their headers
    assert "content-security-policy" not in client.get("/api/ping").headers
    assert "content-security-policy" not in client.get("/docs").headers
    module = client.get("/js/app.js")
    assert module.status_code == 200 and "javascript" in module.headers["content-type"]
    assert "script-src 'self'" in module.headers["content-security-policy"]
    assert client.get("/no-such-file.js").status_code == 404


def test_every_module_and_asset_the_page_names_is_served():
    client = _client()
    html = client.get("/").text
    # the page's own files (the <noscript> note also links the API and its docs, served by the API)
    named = {t for t in re.findall(r'(?:href|src)="([^"#:]+)"', html) if not t.startswith(("api/", "docs"))}
    imported = set()
    for path in JS:
        rel = path.relative_to(STATIC).parent
        for spec in re.findall(r"""(?:from\s+|import\()\s*['"](\.[^'"]+)['"]""", path.read_text("utf-8")):
            imported.add(posixpath.normpath(f"{rel.as_posix()}/{spec}"))
    assert "js/app.js" in named and "vendor/cytoscape.esm.min.js" in named
    assert "vendor/uPlot.esm.js" in imported
    for target in named | imported:
        assert client.get("/" + target).status_code == 200, target


def test_no_script_turns_data_into_html_or_code():
    # The app's own modules build the page with DOM calls only (dom.js); the vendored files are excluded.
    banned = re.compile(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function|srcdoc")
    for path in JS:
        hits = [line for line in path.read_text("utf-8").splitlines() if banned.search(line)]
        assert not hits, f"{path.name}: {hits}"


def test_vendored_libraries_carry_their_licences_and_nothing_comes_from_a_cdn():
    vendor = STATIC / "vendor"
    for lib in ("cytoscape", "uPlot"):
        assert (vendor / f"{lib}.LICENSE").read_text("utf-8").strip()
    for path in [*JS, STATIC / "index.html", STATIC / "style.css"]:
        assert not re.search(r"https?://(?!www\.wikidata\.org)", path.read_text("utf-8")), path.name
