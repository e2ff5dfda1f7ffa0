"""Shared fixtures.  Data beside the project (../shared) is optional: tests that need it skip."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SEED = EXAMPLES / "nato-asia.txt"


def shared_path(*parts: str) -> Path:
    base = Path(os.environ.get("NEWSGRAPH_SHARED", ROOT.parent / "shared"))
    return base.joinpath(*parts)


@pytest.fixture
def shared():
    """Return a function giving a path under ../shared, skipping the test when it is absent."""

    def get(*parts: str) -> Path:
        path = shared_path(*parts)
        if not path.exists():
            pytest.skip(f"{path} not found: the data beside the project (../shared) is not available")
        return path

    return get


@pytest.fixture(scope="session")
def nlp():
    from newsgraph.nlp.pipeline import load_pipeline

    return load_pipeline()


@pytest.fixture
def seed_text() -> str:
    return SEED.read_text("utf-8")


@pytest.fixture(scope="session")
def kb():
    from newsgraph.kb import load_kb

    return load_kb()
