"""The analysts' web app: static files served by the API's process at ``/``.

The app is plain HTML, CSS and JavaScript modules (no build step); the only
third-party code is vendored from npm under ``static/vendor`` with its licence.
It reads everything through the JSON API under ``/api`` and inserts document
text with DOM text nodes only, so a hostile article never runs in the browser;
the Content-Security-Policy sent with the app's files forbids inline and foreign
scripts as a second line of defence.
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


class AppFiles(StaticFiles):
    """The app's files, each sent with the security headers (the API's own pages, such as the
    OpenAPI docs at /docs, keep theirs)."""

    async def get_response(self, path, scope):  # type: ignore[no-untyped-def]
        response = await super().get_response(path, scope)
        for key, value in SECURITY_HEADERS.items():
            response.headers.setdefault(key, value)
        return response


def mount(app: FastAPI, path: str = "/") -> None:
    """Serve the web app at ``path`` of ``app``; call it after the app's own routes are added."""
    app.mount(path, AppFiles(directory=STATIC_DIR, html=True), name="web")
