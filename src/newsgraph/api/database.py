"""The server's hold on one database: read cursors for requests, one writer thread for ingests.

DuckDB allows one writing process per file.  Without an API token the server opens the file
read-only (other readers, ``newsgraph events`` and the like, may run beside it; ``analyze`` may
not write to it meanwhile).  With a token it opens it read-write, and every write goes through
one queue to one thread, so reads (each on its own cursor) go on while a document is analysed.
"""

from __future__ import annotations

import concurrent.futures as cf
import contextlib
import datetime as dt
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from newsgraph.ingest.base import IngestError, RawItem
from newsgraph.store import Store, WriteResult
from newsgraph.store.queries import open_for_reading
from newsgraph.store.search import TextIndex


@dataclass(slots=True)
class Analysed:
    result: WriteResult
    events: int = 0
    statements: int = 0


class Database:
    def __init__(self, path: str, *, writable: bool, model: str | None = None, batch_size: int = 8) -> None:
        self.path = path
        self.writable = writable
        self.store = Store(path) if writable else open_for_reading(path)
        self.index = TextIndex(path)
        self._cursor_lock = threading.Lock()
        self._kb = None
        self._kb_lock = threading.Lock()
        self._writer: Writer | None = Writer(path, model, batch_size) if writable else None

    def cursor(self):
        """A cursor of its own for one request (DuckDB cursors are separate connections to the same file)."""
        with self._cursor_lock:
            return self.store.con.cursor()

    @property
    def kb(self):
        with self._kb_lock:
            if self._kb is None:
                from newsgraph.kb import load_kb

                self._kb = load_kb()
            return self._kb

    def submit(self, item: RawItem) -> cf.Future:
        if self._writer is None:
            raise RuntimeError("this server was started without write access")
        return self._writer.submit(item)

    def close(self) -> None:
        if self._writer is not None:
            self._writer.stop()
        self.index.close()
        self.store.close()


class Writer:
    """One thread that analyses and stores submitted articles, one at a time, in order."""

    def __init__(self, path: str, model: str | None, batch_size: int) -> None:
        self.path = path
        self.model = model
        self.batch_size = batch_size
        self._jobs: queue.Queue[tuple[RawItem, cf.Future] | None] = queue.Queue(maxsize=64)
        self._thread = threading.Thread(target=self._loop, name="newsgraph-writer", daemon=True)
        self._thread.start()
        # Overridable in tests: the analysis step (RawItem -> annotated Document).
        self.analyse: Callable[[RawItem], Any] = self._analyse

    def submit(self, item: RawItem) -> cf.Future:
        fut: cf.Future = cf.Future()
        self._jobs.put_nowait((item, fut))
        return fut

    def stop(self) -> None:
        self._jobs.put(None)
        self._thread.join(timeout=30)

    def _analyse(self, item: RawItem):
        from newsgraph.ingest.document import to_document
        from newsgraph.nlp.pipeline import DEFAULT_MODEL, annotate, load_pipeline

        nlp = load_pipeline(self.model or DEFAULT_MODEL)
        return next(iter(annotate([to_document(item)], nlp, batch_size=self.batch_size)))

    def _loop(self) -> None:
        from newsgraph.link.forecasts import resolve_forecasts

        store = Store(self.path)  # a second connection to the server's database instance
        try:
            while (job := self._jobs.get()) is not None:
                item, fut = job
                if not fut.set_running_or_notify_cancel():
                    continue
                try:
                    doc = self.analyse(item)
                    (result,) = store.add_documents([doc])
                    if result.status == "added":
                        resolve_forecasts(store, dt.date.today(), doc_ids=[doc.id])
                    if result.status != "failed":
                        _link(store, doc)
                    fut.set_result(Analysed(result, len(doc.events), len(doc.statements)))
                except IngestError as exc:
                    fut.set_result(Analysed(WriteResult(None, "failed", error=exc.reason)))
                except Exception as exc:  # noqa: BLE001 - one bad article never stops the writer
                    fut.set_result(Analysed(WriteResult(None, "failed", error=f"{type(exc).__name__}: {exc}")))
        finally:
            store.close()


def _link(store: Store, doc: Any) -> None:
    """Link a stored article to the rest (its story, copies, corroboration), as ``analyze`` does;
    a failure leaves the stored article as it is, without links (linking is an addition, and the
    answer already says the article is stored)."""
    from newsgraph.store.links import link_documents

    with contextlib.suppress(Exception):
        link_documents(store, [doc])
