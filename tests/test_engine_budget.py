"""The per-document time budget in the worker processes (``--workers 2``): a document over it is
reported and skipped and the others are analysed -- when the worker's own timer stops it, when
the work cannot be interrupted (the pool ends the worker), and when a worker dies."""

from __future__ import annotations

import os
import signal
import time

import pytest

import newsgraph.nlp.pipeline as pipeline
from newsgraph.engines import local
from newsgraph.engines.pool import PoolAnalyser

TEXTS = {
    "a.txt": "Russia accused Ukraine of shelling the plant on Monday.",
    "b.txt": "MARK France and Germany signed a defence agreement in Paris on Tuesday.",
    "c.txt": "China warned Taiwan against seeking independence on Wednesday.",
    "d.txt": "Kenya's president urged calm after protests in Nairobi on Thursday.",
}


@pytest.fixture
def corpus(tmp_path):
    for name, text in TEXTS.items():
        (tmp_path / name).write_text(text + "\n", "utf-8")
    return tmp_path


def _misbehave(monkeypatch, action) -> None:
    """The analysis of the document marked MARK does ``action`` (in the worker: the pool forks)."""
    real = pipeline._annotate

    def annotate(english, nlp, batch_size):
        if any("MARK" in d.text for d in english):
            action()
        return real(english, nlp, batch_size)

    monkeypatch.setattr(pipeline, "_annotate", annotate)


def _run(corpus, **kw):
    done: list[str] = []
    stats = local.run(
        [str(corpus)], workers=2, batch_size=2, on_document=lambda d: done.append(d.origin), doc_timeout=1.0, **kw
    )
    return stats, sorted(os.path.basename(o) for o in done)


@pytest.mark.slow
def test_a_worker_stops_a_document_over_its_budget(nlp, corpus, monkeypatch):
    _misbehave(monkeypatch, lambda: time.sleep(60))
    start = time.monotonic()
    stats, done = _run(corpus)
    assert time.monotonic() - start < 30
    assert done == ["a.txt", "c.txt", "d.txt"]
    assert len(stats.errors) == 1 and "b.txt: skipped: analysis took longer than 1s" in stats.errors[0]


def _uninterruptible() -> None:
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})  # as C code that never returns to Python
    time.sleep(60)


@pytest.mark.slow
def test_work_the_timer_cannot_stop_ends_the_worker(nlp, corpus, monkeypatch):
    _misbehave(monkeypatch, _uninterruptible)
    monkeypatch.setattr(PoolAnalyser, "GRACE", 1.0)
    start = time.monotonic()
    stats, done = _run(corpus)
    assert time.monotonic() - start < 40
    assert done == ["a.txt", "c.txt", "d.txt"]  # c.txt shared the batch; d.txt came after the restart
    assert len(stats.errors) == 1 and "b.txt: skipped: analysis took longer than 1s" in stats.errors[0]


@pytest.mark.slow
def test_a_worker_that_dies_takes_only_its_document(nlp, corpus, monkeypatch):
    _misbehave(monkeypatch, lambda: os._exit(3))
    stats, done = _run(corpus)
    assert done == ["a.txt", "c.txt", "d.txt"]
    assert len(stats.errors) == 1 and "b.txt: analysis failed (its worker process died)" in stats.errors[0]
