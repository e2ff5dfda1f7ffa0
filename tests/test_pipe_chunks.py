"""The NLP runs in chunks of about PIPE_CHARS characters (bounding spaCy's working memory): the
chunks respect both bounds, and the annotations do not depend on them."""

from __future__ import annotations

import json

import pytest

import newsgraph.nlp.pipeline as pipeline
from newsgraph.model import Document

TEXTS = [
    "Russia accused Ukraine of shelling the Zaporizhzhia plant on Monday. The Kremlin said Moscow would respond.",
    "France and Germany signed a defence agreement in Paris on Tuesday.",
    "Chancellor Olaf Scholz said the two countries will build a new tank by 2030.",
    "Protesters clashed with police in Nairobi. Kenya's president urged calm.",
    "China warned Taiwan against seeking independence. Beijing held drills near the island.",
]


def _docs() -> list[Document]:
    return [Document(id=str(i), text=t, language="en", published="2024-03-01") for i, t in enumerate(TEXTS)]


def test_chunks_hold_at_most_the_batch_and_about_the_characters(monkeypatch):
    monkeypatch.setattr(pipeline, "PIPE_CHARS", 150)
    chunks = list(pipeline._chunks(_docs(), 2))
    assert [d.id for c in chunks for d in c] == ["0", "1", "2", "3", "4"]  # all, in order
    assert all(len(c) <= 2 for c in chunks)
    assert all(len(c) == 1 or sum(len(d.text) for d in c) <= 150 for c in chunks)
    assert [len(c) for c in chunks] == [1, 2, 1, 1]  # 0 is 106 characters: alone; 1 and 2 fit together
    monkeypatch.setattr(pipeline, "PIPE_CHARS", 10)  # a document longer than the bound is a chunk alone
    assert [len(c) for c in pipeline._chunks(_docs(), 32)] == [1] * 5


@pytest.mark.slow
def test_annotations_do_not_depend_on_the_chunks(nlp, monkeypatch):
    whole = list(pipeline.annotate(_docs(), nlp, batch_size=32))
    monkeypatch.setattr(pipeline, "PIPE_CHARS", 1)
    alone = list(pipeline.annotate(_docs(), nlp, batch_size=32))
    assert any(d.events for d in whole)
    assert [json.dumps(d.to_dict(), sort_keys=True) for d in whole] == [
        json.dumps(d.to_dict(), sort_keys=True) for d in alone
    ]
