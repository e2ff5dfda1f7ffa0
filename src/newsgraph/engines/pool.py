"""Where the NLP runs: in this process, or in a pool of worker processes (one pipeline each).

Both give the same :class:`Analyser` interface: :meth:`submit` a batch of documents, later
:meth:`result` it back, annotated, in the same order.  The engine keeps a bounded number of
batches in flight, so the workers stay busy while this process writes the previous batch, and
memory does not grow with the size of the input.

A batch whose annotation raises is annotated again one document at a time, and a document that
still raises comes back with ``error`` set, so one bad document never takes its batch down.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
from collections.abc import Sequence
from concurrent.futures import CancelledError, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any

from newsgraph.model import Document


@dataclass(slots=True)
class Annotated:
    """The outcome of one document: the annotated document, or why it failed."""

    document: Document
    error: str | None = None


def default_workers() -> int:
    """One worker per core this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def annotate_batch(
    documents: Sequence[Document], model: str, batch_size: int, time_budget: float | None = None
) -> list[Annotated]:
    """Annotate a batch with the process's pipeline (see the module docstring for failures).

    ``time_budget`` is the NLP's budget per document (:func:`newsgraph.nlp.pipeline.annotate`):
    a document over it comes back with ``error`` saying so."""
    from newsgraph.nlp.pipeline import annotate, load_pipeline

    nlp = load_pipeline(model)
    skipped: dict[int, str] = {}

    def on_skip(document: Document, reason: str) -> None:
        skipped[id(document)] = reason

    def outcome(document: Document) -> Annotated:
        return Annotated(document, skipped.get(id(document)))

    try:
        kept = annotate(documents, nlp, batch_size=batch_size, time_budget=time_budget, on_skip=on_skip)
        list(kept)
        return [outcome(d) for d in documents]
    except Exception:  # noqa: BLE001 - isolate the document that fails
        skipped.clear()
    out = []
    for document in documents:
        try:
            list(annotate([document], nlp, batch_size=1, time_budget=time_budget, on_skip=on_skip))
            out.append(outcome(document))
        except Exception as exc:  # noqa: BLE001
            out.append(Annotated(document, f"analysis failed ({type(exc).__name__}: {exc})"))
    return out


class Analyser:
    """Runs the NLP in this process: :meth:`submit` does the work, :meth:`result` returns it."""

    processes = 1

    def __init__(self, model: str, batch_size: int, time_budget: float | None = None) -> None:
        from newsgraph.nlp.pipeline import load_pipeline

        self.model, self.batch_size, self.time_budget = model, batch_size, time_budget
        load_pipeline(model)  # fail early (ModelNotFound) and pay the start-up once

    def submit(self, documents: Sequence[Document]) -> Any:
        done: Future = Future()
        try:
            done.set_result(annotate_batch(documents, self.model, self.batch_size, self.time_budget))
        except BaseException as exc:  # noqa: BLE001 - surfaced by result()
            done.set_exception(exc)
        return done

    def result(self, handle: Any) -> list[Annotated]:
        return handle.result()

    def close(self) -> None:
        pass

    def __enter__(self) -> Analyser:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _init_worker(model: str) -> None:
    from newsgraph.nlp.pipeline import load_pipeline

    with contextlib.suppress(Exception):  # the probe task reports a failure as itself
        load_pipeline(model)


@dataclass(slots=True)
class _Job:
    """A batch submitted to the pool: its documents (to submit again), its future, the pool's generation."""

    documents: list[Document]
    future: Future
    generation: int


class PoolAnalyser(Analyser):
    """Runs the NLP in ``workers`` processes, each loading the pipeline once.

    Each worker enforces the time budget itself (its tasks run in its main thread, where
    :func:`~newsgraph.ingest.budget.time_limit` arms a signal timer).  Work that a signal cannot
    interrupt (a C extension that does not return) or a worker that dies (killed, out of memory,
    a crash in C) would stall or break the run, so this process also waits on each batch at most
    twice its documents' budgets (the worker may try the batch whole, then one document at a
    time) plus :attr:`GRACE` seconds: past that, or when the pool breaks, the workers are ended,
    a new pool is started, and the batch's documents are analysed again one at a time, so that
    only the document at fault is reported and skipped.
    """

    GRACE = 30.0  # seconds a worker may run past its budget before it is ended

    def __init__(self, model: str, batch_size: int, workers: int, time_budget: float | None = None) -> None:
        from newsgraph.nlp.identity import ModelNotFound

        self.model, self.batch_size, self.processes = model, batch_size, workers
        self.time_budget = time_budget
        self.generation = 0
        self.pool = self._start()
        try:  # the first task surfaces a missing model before any input is read
            self.pool.submit(_probe, model).result()
        except ModelNotFound:
            self.close()
            raise

    def _start(self) -> ProcessPoolExecutor:
        # fork: the workers start from this process's imports (spaCy, the stages' modules).
        context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else None)
        return ProcessPoolExecutor(self.processes, mp_context=context, initializer=_init_worker, initargs=(self.model,))

    def submit(self, documents: Sequence[Document]) -> Any:
        docs = list(documents)
        future = self.pool.submit(annotate_batch, docs, self.model, self.batch_size, self.time_budget)
        return _Job(docs, future, self.generation)

    def result(self, handle: Any) -> list[Annotated]:
        try:
            return handle.future.result(timeout=self._deadline(len(handle.documents)))
        except (TimeoutError, BrokenProcessPool, CancelledError):
            pass
        if handle.generation == self.generation:  # this pool failed under the batch: end it
            self._restart()
        else:  # the batch was lost when another one ended the pool: submit it again, whole
            again = self.submit(handle.documents)
            try:
                return again.future.result(timeout=self._deadline(len(handle.documents)))
            except (TimeoutError, BrokenProcessPool, CancelledError):
                self._restart()
        return [self._one(document) for document in handle.documents]

    def _one(self, document: Document) -> Annotated:
        job = self.submit([document])
        try:
            (outcome,) = job.future.result(timeout=self._deadline(1))
            return outcome
        except TimeoutError:
            self._restart()
            return Annotated(document, f"skipped: analysis took longer than {self.time_budget:g}s and was stopped")
        except (BrokenProcessPool, CancelledError):
            self._restart()
            return Annotated(document, "analysis failed (its worker process died)")

    def _deadline(self, documents: int) -> float | None:
        return 2 * self.time_budget * max(1, documents) + self.GRACE if self.time_budget else None

    def _restart(self) -> None:
        """End every worker now (a stalled one does not return) and start a new pool."""
        # ProcessPoolExecutor has no way to end its workers before Python 3.14 (kill_workers):
        # its ``_processes`` are the worker processes.
        for process in list((getattr(self.pool, "_processes", None) or {}).values()):
            with contextlib.suppress(Exception):
                process.kill()
        self.pool.shutdown(wait=False, cancel_futures=True)
        self.generation += 1
        self.pool = self._start()

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


def _probe(model: str) -> bool:
    from newsgraph.nlp.pipeline import load_pipeline

    load_pipeline(model)
    return True


def make_analyser(model: str, batch_size: int, workers: int, time_budget: float | None = None) -> Analyser:
    if workers <= 1:
        return Analyser(model, batch_size, time_budget)
    return PoolAnalyser(model, batch_size, workers, time_budget)
