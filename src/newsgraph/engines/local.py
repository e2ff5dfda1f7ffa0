"""The local engine: ingest -> NLP -> store, in batches, in this process.

Documents are read lazily, run through the spaCy pipeline ``batch_size`` at a
time with ``nlp.pipe``, and written to the store one transaction per batch.
Inputs that fail are reported through ``on_error`` and never stop the run.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice

from newsgraph.ingest import IngestError, Limits, iter_documents
from newsgraph.link.forecasts import resolve_forecasts
from newsgraph.model import Document
from newsgraph.nlp.pipeline import DEFAULT_MODEL, annotate, load_pipeline
from newsgraph.store import Store
from newsgraph.store.links import link_documents


@dataclass(slots=True)
class RunStats:
    documents: int = 0  # documents produced (analysed)
    added: int = 0  # new rows in the store
    unchanged: int = 0  # already in the store
    forecasts_resolved: int = 0  # forecasts whose status changed
    linked: int = 0  # documents linked to the others (reprints, stories, corroboration)
    errors: list[str] = field(default_factory=list)


def _batches(items: Iterable, size: int) -> Iterator[list]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


def _link_batch(store: Store, docs: list[Document], report: Callable[[str], None]) -> int:
    """Link a stored batch to the store; a failure is reported and never loses the stored documents."""
    try:
        return link_documents(store, docs)
    except Exception as exc:  # noqa: BLE001 - linking is an addition: the batch is stored either way
        report(f"linking {len(docs)} document(s) failed ({type(exc).__name__}: {exc})")
        return 0


def run(
    specs: Iterable[str],
    *,
    model: str = DEFAULT_MODEL,
    store: Store | None = None,
    batch_size: int = 32,
    limits: Limits | None = None,
    on_document: Callable[[Document], None] | None = None,
    on_error: Callable[[str], None] | None = None,
    on_progress: Callable[[int], None] | None = None,
    doc_timeout: float | None = None,
) -> RunStats:
    """Analyse every article in ``specs``; returns counts and the error lines.

    Errors and notes are reported as they happen, not when their batch is
    full.  ``doc_timeout`` is the NLP's time budget per document: a document
    over it is reported and skipped (:func:`newsgraph.nlp.pipeline.annotate`).
    """
    stats = RunStats()
    nlp = load_pipeline(model)

    def report(message: str) -> None:
        stats.errors.append(message)
        if on_error:
            on_error(message)

    def documents() -> Iterator[Document]:
        for item in iter_documents(specs, limits):
            if isinstance(item, IngestError):
                report(str(item))
                if on_progress:
                    on_progress(1)
                continue
            for note in item.notes:
                if on_error:
                    on_error(note)
            yield item

    def skip(document: Document, reason: str) -> None:
        report(f"{document.origin}: {reason}")

    for docs in _batches(documents(), batch_size):
        batch = docs
        docs = list(annotate(docs, nlp, batch_size=batch_size, time_budget=doc_timeout, on_skip=skip))
        results = store.add_documents(docs) if store is not None else [None] * len(docs)
        if store is not None:
            # later news may make earlier forecasts come true (or their horizon pass)
            added = [r.doc_id for r in results if r is not None and r.status == "added"]
            stats.forecasts_resolved += len(resolve_forecasts(store, dt.date.today(), doc_ids=added))
            # reprints, same-story clusters, event de-duplication and corroboration (newsgraph.link)
            stats.linked += _link_batch(
                store, [d for d, r in zip(docs, results, strict=True) if r.status == "added"], report
            )
        for doc, result in zip(docs, results, strict=True):
            if result is not None and result.status == "failed":
                report(f"{doc.origin}: not stored ({result.error})")
                continue
            if result is not None:
                if result.status == "added":
                    stats.added += 1
                else:
                    stats.unchanged += 1
            stats.documents += 1
            if on_document:
                on_document(doc)
        if on_progress:
            on_progress(len(batch))
    return stats
