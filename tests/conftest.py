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


def _synthetic_documents():
    """A few hand-made documents (no NLP): events between Russia and Ukraine over three months,
    a statement, a forecast, and an updated article at the same URL."""
    from newsgraph.model import Actor, DateValue, Document, Event, Evidence, Forecast, Mention, Statement

    actors = [Actor("Q159", "Russia", "state", "RUS"), Actor("Q212", "Ukraine", "state", "UKR")]
    docs = []
    for i, (day, etype, intensity, modality) in enumerate(
        [
            ("2024-01-10", "ASSAULT", -9.0, "asserted"),
            ("2024-01-20", "COOPERATE", 4.0, "reported"),
            ("2024-02-05", "ASSAULT", -9.0, "asserted"),
            ("2024-03-01", "THREATEN", -4.0, "predicted"),  # never counted
        ]
    ):
        text = f"Russia and Ukraine: report number {i} from the front, {day}."
        docs.append(
            Document(
                id=f"syn-{i}",
                text=text,
                url=f"https://example.org/syn-{i}",
                title=f"Synthetic report {i}",
                published=day,
                site="example.org",
                paragraphs=[text],
                mentions=[Mention("Russia", 0, 6, "GPE", "Q159"), Mention("Ukraine", 11, 18, "GPE", "Q212")],
                actors=actors,
                events=[
                    Event(
                        f"ev-{i}",
                        etype,
                        "190",
                        ["Q159"],
                        ["Q212"],
                        modality,
                        0.9,
                        DateValue(day, day, day, "day"),
                        Evidence(text, 0, len(text)),
                        intensity=intensity,
                        goldstein=intensity,
                    )  # fmt: skip
                ],
                statements=[
                    Statement(
                        f"st-{i}",
                        "Q159",
                        "Russia",
                        "said",
                        "Ukraine must talk",
                        "indirect",
                        DateValue(day, day, day, "day"),
                        [],
                        0,
                        len(text),
                    )  # fmt: skip
                ],
                forecasts=[Forecast(f"fc-{i}", "Q159", "Ukraine talks", None, day, None, "2024-06-30", "likely")],
            )
        )
    return docs


@pytest.fixture(scope="session")
def store_path(tmp_path_factory, nlp):
    """A small store built once per session: the example article (analysed) and synthetic documents."""
    from newsgraph.ingest import iter_documents
    from newsgraph.nlp.pipeline import annotate
    from newsgraph.store import Store

    path = tmp_path_factory.mktemp("store") / "news.duckdb"
    seed = [d for d in iter_documents([str(SEED)])]
    with Store(path) as store:
        store.add_documents(list(annotate(seed, nlp)))
        store.add_documents(_synthetic_documents())
    return path
