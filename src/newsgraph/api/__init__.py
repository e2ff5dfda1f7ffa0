"""The HTTP API over a newsgraph store (FastAPI; ``newsgraph serve``)."""

from newsgraph.api.app import create_app

__all__ = ["create_app"]
