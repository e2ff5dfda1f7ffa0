"""The local engine: ingest -> NLP -> store, in batches, streaming, on one machine.

Documents are read lazily and cleaned here; each batch's documents that the store already holds
with the same analysis (:func:`newsgraph.nlp.pipeline.analysis_key`) are skipped *before* the NLP;
the rest go to the NLP, in this process or in a pool of ``workers`` processes
(:mod:`newsgraph.engines.pool`), and come back in input order to this process, the store's single
writer, which writes each batch in one transaction together with the forecast ledger's update.
At most ``2 * workers`` batches are in flight, so memory stays flat whatever the input's size,
and the output is the same, in the same order, for any number of workers.
Inputs that fail are reported through ``on_error`` and never stop the run.

With the NLP in this process (``workers`` 1), the store write and the link step of each analysed
batch run on a thread of their own (:class:`_Writer`, still the store's single writer, batches
in order) while this thread reads and analyses the next batch: DuckDB and the parser's matrix
products release the GIL, so the two overlap where a second core is free.  What the write
reports (errors, documents, counts, progress) is recorded there and replayed here, at the point
where the batch would have been written without the thread, so callbacks, their order and the
results are the same either way.
"""

from __future__ import annotations

import datetime as dt
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from itertools import islice
from typing import TYPE_CHECKING, Any

from newsgraph.engines.memo import input_key, open_memo
from newsgraph.engines.pool import Analyser, Annotated, make_analyser
from newsgraph.ingest import IngestError, Limits, RawItem, clean_item, iter_raw
from newsgraph.model import Document
from newsgraph.nlp.identity import DEFAULT_MODEL, analysis_key, pipeline_id

if TYPE_CHECKING:
    from newsgraph.store import Store, WriteResult


@dataclass(slots=True)
class RunStats:
    documents: int = 0  # documents produced (analysed, or found stored)
    added: int = 0  # new rows in the store
    unchanged: int = 0  # already in the store (not analysed again)
    forecasts_resolved: int = 0  # forecasts whose status changed
    linked: int = 0  # documents linked to the others (reprints, stories, corroboration)
    errors: list[str] = field(default_factory=list)
    replaced: int = 0  # stored, analysed again (a changed analysis key, or --reanalyse)
    analysed: int = 0  # documents that went through the NLP


@dataclass(slots=True)
class _Batch:
    size: int  # inputs it covers (for progress)
    documents: list[Document]  # in input order
    skip: list[bool]  # per document: already stored with this analysis
    handle: object | None = None  # what the analyser's submit returned
    written: Future | None = None  # the writer thread's job: the calls its finish made, to replay


class _Calls:
    """The callbacks a batch's finish makes: made at once (``record`` False) or recorded for replay."""

    def __init__(self, record: bool) -> None:
        self.calls: list[tuple[Callable[..., Any], tuple[Any, ...]]] | None = [] if record else None

    def __call__(self, fn: Callable[..., Any] | None, *args: Any) -> None:
        if fn is None:
            return
        if self.calls is None:
            fn(*args)
        else:
            self.calls.append((fn, args))

    def replay(self) -> None:
        for fn, args in self.calls or ():
            fn(*args)


class _Writer:
    """The store's single writer on a thread of its own: jobs run one at a time, in order."""

    def __init__(self) -> None:
        self.pool = ThreadPoolExecutor(1, thread_name_prefix="newsgraph-writer")

    def submit(self, fn: Callable[..., Any], *args: Any) -> Future:
        return self.pool.submit(fn, *args)

    def close(self) -> None:
        # on an error or an interrupt, jobs not started are dropped and the one running ends
        # (its transaction commits or rolls back) before the store may be closed
        self.pool.shutdown(wait=True, cancel_futures=True)


def _batches(items: Iterable, size: int) -> Iterator[list]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


def _link_batch(store: Store, docs: list[Document], report: Callable[[str], None]) -> int:
    """Link a stored batch to the store; a failure is reported and never loses the stored documents."""
    if not docs:
        return 0
    from newsgraph.store.links import link_documents  # with datasketch and SciPy: only when something is new

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
    workers: int = 1,
    reanalyse: bool = False,
    today: dt.date | None = None,
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
    limits = limits or Limits()
    today = today or dt.date.today()
    pipeline = pipeline_id(model)
    seen: dict[str, str] = {}  # id -> analysis key of the documents handled in this run
    failed: set[str] = set()  # ids whose analysis failed in this run

    def report(message: str) -> None:
        stats.errors.append(message)
        if on_error:
            on_error(message)

    memo = open_memo() if store is not None else None  # a run that stores nothing skips nothing
    stand_ins: dict[int, tuple[RawItem, str]] = {}  # id(document) -> raw input, memo key: not cleaned yet

    def cleaned(item: RawItem, key: str | None) -> Document | None:
        document = clean_item(item, limits)
        if isinstance(document, IngestError):
            report(str(document))
            return None
        document.pipeline = pipeline
        document.analysis_key = analysis_key(document, pipeline)
        if memo is not None and key is not None:
            memo.put(key, document)
        return document

    def documents() -> Iterator[Document]:
        for item in iter_raw(specs, limits):
            if isinstance(item, IngestError):
                report(str(item))
                if on_progress:
                    on_progress(1)
                continue
            key = input_key(item, limits) if memo is not None else None
            known = memo.get(key, pipeline) if memo is not None and key is not None else None
            if known is not None:  # cleaned in an earlier run: cleaned again only if it must be analysed
                document = known.document(pipeline)
                stand_ins[id(document)] = (item, key or "")
            else:
                document = cleaned(item, key)
                if document is None:
                    if on_progress:
                        on_progress(1)
                    continue
            for note in document.notes:
                if on_error:
                    on_error(note)
            yield document

    def prepare(docs: list[Document]) -> _Batch:
        skip = [False] * len(docs)
        if store is not None and docs:
            stored = (lookup or store).stored_keys([d.id for d in docs if d.id not in seen])
            for i, d in enumerate(docs):
                if d.id in seen:  # the same article earlier in this run: that input decides its analysis
                    skip[i] = True
                elif d.id in stored:
                    key = stored[d.id]
                    skip[i] = not reanalyse and (key is None or key == d.analysis_key)
                seen.setdefault(d.id, d.analysis_key or "")
        kept, kept_skip = [], []
        for d, s in zip(docs, skip, strict=True):
            raw = stand_ins.pop(id(d), None)
            if raw is not None and not s:  # remembered, but to be analysed: clean it now
                again = cleaned(*raw)
                if again is None:
                    failed.add(d.id)  # a later input of the same article is not recorded either
                    continue
                d = again
            kept.append(d)
            kept_skip.append(s)
        if memo is not None:
            memo.flush()
        return _Batch(len(docs), kept, kept_skip)

    def count(result: WriteResult | None) -> None:
        stats.documents += 1
        if result is None:
            return
        if result.status == "added":
            stats.added += 1
        elif result.status == "replaced":
            stats.replaced += 1
        else:
            stats.unchanged += 1

    def finish(batch: _Batch, analyser: Analyser | None, call: _Calls) -> _Calls:
        """Write an analysed batch and link it; ``call`` makes (or records) every callback, in order."""
        done: list[Annotated] = analyser.result(batch.handle) if analyser and batch.handle is not None else []
        todo = iter(done)
        fresh: list[Document] = []  # analysed, in input order
        known: list[Document] = []  # stored already, or an earlier input of this run: only seen again
        for document, skip in zip(batch.documents, batch.skip, strict=True):
            if skip:
                if document.id in failed:
                    call(report, f"{document.origin}: not analysed (the same article failed earlier in this run)")
                else:
                    known.append(document)
                continue
            outcome = next(todo)
            if outcome.error:
                call(report, f"{document.origin}: {outcome.error}")
                failed.add(document.id)
                continue
            fresh.append(outcome.document)
            stats.analysed += 1
        if store is None:
            results: list[WriteResult | None] = [None] * len(fresh)
        else:
            results = list(store.add_documents(fresh, resolve_on=today, reanalyse=reanalyse))
            stats.forecasts_resolved += len(store.last_changes)
            # reprints, same-story clusters, event de-duplication and corroboration (newsgraph.link)
            new = [d for d, r in zip(fresh, results, strict=True) if r and r.status in ("added", "replaced")]
            stats.linked += _link_batch(store, new, lambda message: call(report, message))
        for doc, result in zip(fresh, results, strict=True):
            if result is not None and result.status == "failed":
                call(report, f"{doc.origin}: not stored ({result.error})")
                failed.add(doc.id)
                continue
            call(count, result)
            call(on_document, doc)  # a stored document not analysed again has nothing new to show
        if store is not None and known:
            # Written after the batch's analysed documents, with the analysis the store holds (the
            # first input's in this run), so an input skipped is recorded as seen and never replaces it.
            for doc in known:
                doc.analysis_key = seen.get(doc.id) or doc.analysis_key
            for doc, result in zip(known, store.add_documents(known), strict=True):
                if result.status == "failed":
                    call(report, f"{doc.origin}: not stored ({result.error})")
                    continue
                call(count, result)
        call(on_progress, batch.size)
        return call

    def written(batch: _Batch) -> None:
        """The batch's write is done (here, or on the writer thread: its callbacks are replayed now)."""
        if batch.written is None:
            finish(batch, analyser, _Calls(record=False))
        else:
            batch.written.result().replay()

    pending: deque[_Batch] = deque()
    analyser: Analyser | None = None
    writer: _Writer | None = None
    lookup = store  # what prepare asks for the stored keys: its own connection once the writer has a thread
    try:
        for docs in _batches(documents(), batch_size):
            batch = prepare(docs)
            todo = [d for d, skip in zip(batch.documents, batch.skip, strict=True) if not skip]
            if todo:
                if analyser is None:  # loaded on first need: a no-op re-run never loads the pipeline
                    # an input that ends within its first batch to analyse is analysed here: a pool
                    # of processes, each loading the pipeline, would only delay the first document
                    processes = workers if len(docs) >= batch_size else 1
                    analyser = make_analyser(model, batch_size, processes, doc_timeout)
                    if store is not None and analyser.processes == 1:  # the NLP is here: write beside it
                        writer, lookup = _Writer(), store.reader()
                batch.handle = analyser.submit(todo)
            if writer is not None:
                batch.written = writer.submit(finish, batch, analyser, _Calls(record=True))
            pending.append(batch)
            while len(pending) > 2 * max(1, workers) or (pending and analyser is None):
                written(pending.popleft())
        while pending:
            written(pending.popleft())
    finally:
        if writer is not None:
            writer.close()
        if lookup is not None and lookup is not store:
            lookup.close()
        if analyser is not None:
            analyser.close()
        if memo is not None:
            memo.close()
    if store is not None:
        stats.forecasts_resolved += store.refresh_ledger(today)
    return stats
