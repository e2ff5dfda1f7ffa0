"""The local engine's writer thread: with the NLP in this process, the store write and the link step
run on a thread of their own, and everything the caller sees (documents, errors, progress, counts,
the store) is what it was with the write in line, in the same order, on the caller's thread.
And analysing without a store starts without the store's libraries."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from concurrent.futures import Future

import pytest

from newsgraph.engines import local
from newsgraph.engines.pool import Analyser, Annotated
from newsgraph.store import Store

TEXTS = {
    "a.txt": "Russia accused Ukraine of shelling the plant on Monday, officials in Kyiv said.",
    "b.txt": "France and Germany signed a defence agreement in Paris on Tuesday afternoon.",
    "c.txt": "FAIL: this article's analysis fails in the stand-in analyser below, on purpose.",
    "d.txt": "China warned Taiwan against seeking independence, the foreign ministry said.",
    "e.txt": "",  # an input that fails to read
    "f.txt": "Russia accused Ukraine of shelling the plant on Monday, officials in Kyiv said.",  # a copy of a
    "g.txt": "Kenya's president urged calm in Nairobi after the protests of the weekend.",
}


class _StandIn(Analyser):
    """The in-process analyser without spaCy: documents come back as they went, "FAIL" ones failed."""

    def __init__(self, *args: object) -> None:
        self.threads: set[str] = set()

    def submit(self, documents):
        self.threads.add(threading.current_thread().name)
        done: Future = Future()
        done.set_result([Annotated(d, "analysis failed (stand-in)" if "FAIL" in d.text else None) for d in documents])
        return done


class _InLine:
    """The write in line, on the caller's thread (what the engine did before the writer thread)."""

    def submit(self, fn, *args):
        done: Future = Future()
        done.set_result(fn(*args))
        return done

    def close(self) -> None:
        pass


@pytest.fixture
def corpus(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSGRAPH_CACHE", "off")
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in TEXTS.items():
        (folder / name).write_text(text, "utf-8")
    return folder


def _run(folder, db, monkeypatch, writer=None):
    """Every callback, in order, with the thread it came on; the writes' threads; the stats."""
    analysers: list[_StandIn] = []

    def make(*args: object) -> _StandIn:
        analysers.append(_StandIn())
        return analysers[-1]

    monkeypatch.setattr(local, "make_analyser", make)
    if writer is not None:
        monkeypatch.setattr(local, "_Writer", writer)
    calls: list[tuple[str, str, str]] = []
    writes: set[str] = set()

    def note(kind: str, value: object) -> None:
        calls.append((kind, str(value), threading.current_thread().name))

    with Store(db) as store:
        add = store.add_documents

        def recorded(*args, **kw):
            writes.add(threading.current_thread().name)
            return add(*args, **kw)

        monkeypatch.setattr(store, "add_documents", recorded)
        stats = local.run(
            [str(folder)],
            store=store,
            batch_size=2,
            workers=1,
            on_document=lambda d: note("document", d.id),
            on_error=lambda m: note("error", m),
            on_progress=lambda n: note("progress", n),
        )
        rows = store.con.execute("SELECT id, analysis_key FROM documents ORDER BY id").fetchall()
        sources = store.con.execute("SELECT doc_id, origin FROM document_sources ORDER BY ALL").fetchall()
    return calls, writes, stats, (rows, sources)


def test_the_write_runs_beside_the_nlp_and_the_caller_sees_the_same(corpus, tmp_path, monkeypatch):
    calls, writes, stats, stored = _run(corpus, tmp_path / "thread.duckdb", monkeypatch)
    main = threading.current_thread().name
    assert writes and all(name.startswith("newsgraph-writer") for name in writes)  # not this thread
    assert {thread for _kind, _value, thread in calls} == {main}  # every callback here
    in_line, in_line_writes, in_line_stats, in_line_stored = _run(
        corpus, tmp_path / "inline.duckdb", monkeypatch, writer=_InLine
    )
    assert in_line_writes == {main}
    assert calls == in_line  # the same callbacks, in the same order
    assert stored == in_line_stored
    assert (stats.documents, stats.added, stats.unchanged, stats.analysed, stats.errors) == (
        in_line_stats.documents,
        in_line_stats.added,
        in_line_stats.unchanged,
        in_line_stats.analysed,
        in_line_stats.errors,
    )
    assert stats.added == 4 and stats.unchanged == 1 and len(stats.errors) == 2  # f.txt the copy; c.txt, e.txt
    documents = [value for kind, value, _thread in calls if kind == "document"]
    assert len(documents) == 4


def test_a_failure_on_the_writer_thread_reaches_the_caller(corpus, tmp_path, monkeypatch):
    def broken(*args, **kw):
        raise RuntimeError("the link step broke")

    # inside the write, where nothing catches it (the link step's own failures are only reported)
    monkeypatch.setattr(local, "_link_batch", broken)
    with pytest.raises(RuntimeError, match="the link step broke"):
        _run(corpus, tmp_path / "broken.duckdb", monkeypatch)
    assert not [t for t in threading.enumerate() if t.name.startswith("newsgraph-writer")]


def test_an_interrupt_ends_the_writer_thread(corpus, tmp_path, monkeypatch):
    def interrupted(*args, **kw):
        raise KeyboardInterrupt

    def make(*args: object) -> _StandIn:
        return _StandIn()

    monkeypatch.setattr(local, "make_analyser", make)
    with Store(tmp_path / "stop.duckdb") as store, pytest.raises(KeyboardInterrupt):
        local.run([str(corpus)], store=store, batch_size=2, workers=1, on_document=interrupted)
    assert not [t for t in threading.enumerate() if t.name.startswith("newsgraph-writer")]


def test_analysing_without_a_store_imports_neither_duckdb_nor_arrow():
    """``analyze --no-store`` (the settings, the CLI, the engine) starts without the store's libraries."""
    code = (
        "import sys\n"
        "import newsgraph.cli, newsgraph.engines.local, newsgraph.report\n"
        "from newsgraph.config import load_settings\n"
        "from newsgraph.store import DEFAULT_DB\n"
        "assert load_settings().db == DEFAULT_DB == 'newsgraph.duckdb'\n"
        "print(sorted(m for m in ('duckdb', 'pyarrow') if m in sys.modules))\n"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path), "NEWSGRAPH_CONFIG": os.devnull}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
    from newsgraph.store import Store  # imported on first use, as before

    assert Store.__module__ == "newsgraph.store.db"
