"""The analysts' web app: static files served by the API's process at ``/``.

The app is plain HTML, CSS and JavaScript modules (no build step); the only
third-party code is vendored from npm under ``static/vendor`` with its licence.
It reads everything through the JSON API under ``/api`` and inserts document
text with DOM text nodes only, so a hostile article never runs in the browser;
the Content-Security-Policy set here forbids inline and foreign scripts as a
second line of defence.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

STATIC_DIR = Path(__file__).parent / "static"

# script-src 'self': no inline script, no eval, nothing from another origin;
# style-src 'self': no inline <style> or style="" attributes in markup (the
# vendored libraries set styles through the CSSOM, which CSP allows).
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'; form-action 'self'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


def mount(app: FastAPI, path: str = "/") -> None:
    """Serve the web app at ``path`` of ``app`` (after the app's own routes) with security headers."""

    @app.middleware("http")
    async def _security_headers(request, call_next):  # type: ignore[no-untyped-def]
        response = await call_next(request)
        for key, value in SECURITY_HEADERS.items():
            response.headers.setdefault(key, value)
        return response

    app.mount(path, StaticFiles(directory=STATIC_DIR, html=True), name="web")
