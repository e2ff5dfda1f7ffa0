"""The distributed runner: Ray Data over the inputs, one spaCy pipeline per worker actor.

``newsgraph analyze --engine ray INPUTS --output DIR`` expands the inputs (directories into
their files) on the driver, skips those a previous run finished (:func:`finished_inputs`: the
runner is resumable), and streams the rest through ``map_batches`` into a pool of actors
(:class:`_Analyse`), each of which loads the pipeline once and reads, cleans and analyses whole
inputs, so every document of an input lands in the same partition.  The driver takes the results
as they stream out (``iter_batches``), prints errors as they come and writes each batch as one
Parquet partition (:mod:`newsgraph.engines.parquet`); ``newsgraph import --parquet DIR`` stores
them.  The analysis is the local engine's own (the same ingest, ``annotate_batch``, keys), so
the stored result is the same.

Ray is an optional extra (``pip install 'newsgraph[ray]'``); without it the runner says so.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsgraph.engines.parquet import document_row, error_row, finished_inputs, write_partition
from newsgraph.ingest import IngestError, Limits, iter_documents
from newsgraph.nlp.identity import DEFAULT_MODEL


class RayNotInstalled(RuntimeError):
    pass


@dataclass(slots=True)
class RayStats:
    inputs: int = 0  # inputs analysed in this run
    skipped: int = 0  # inputs a previous run finished
    documents: int = 0
    partitions: int = 0
    errors: list[str] = field(default_factory=list)


def expand_inputs(specs: Iterable[str]) -> Iterator[str]:
    """Each input as the local engine would read it: a directory's files, sorted; others as given."""
    from newsgraph.ingest import files

    for spec in specs:
        path = Path(spec)
        if not spec.startswith(("http://", "https://")) and path.is_dir():
            yield from (str(p) for p in files.iter_directory(path))
        else:
            yield spec


class _Analyse:
    """A Ray actor: reads, cleans and analyses the inputs of each batch with its own pipeline."""

    def __init__(self, model: str, batch_size: int, limits: Limits) -> None:
        from newsgraph.nlp.pipeline import load_pipeline, pipeline_id

        self.model, self.batch_size, self.limits = model, batch_size, limits
        self.pipeline = pipeline_id(model)
        load_pipeline(model)

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[Any]]:
        from newsgraph.engines.pool import annotate_batch
        from newsgraph.nlp.pipeline import analysis_key

        rows: list[dict[str, Any]] = []
        for source in batch["input"]:
            source = str(source)
            docs, errors = [], []
            for item in iter_documents([source], self.limits):
                if isinstance(item, IngestError):
                    errors.append(str(item))
                    continue
                item.pipeline = self.pipeline
                item.analysis_key = analysis_key(item, self.pipeline)
                docs.append(item)
            budget = self.limits.doc_timeout or None
            done = annotate_batch(docs, self.model, self.batch_size, budget) if docs else []
            good = [a.document for a in done if a.error is None]
            errors += [f"{a.document.origin}: {a.error}" for a in done if a.error is not None]
            rows += [document_row(d, source, len(good)) for d in good]
            rows += [error_row(source, e) for e in errors]
            if not good and not errors:
                rows.append(error_row(source, f"{source}: no documents"))
        names = list(error_row("", "").keys())
        return {name: [r[name] for r in rows] for name in names}


def run_ray(
    specs: Iterable[str],
    output: str | Path,
    *,
    address: str | None = None,
    workers: int | None = None,
    model: str = DEFAULT_MODEL,
    batch_size: int = 32,
    limits: Limits | None = None,
    inputs_per_task: int = 8,
    on_error: Callable[[str], None] | None = None,
    on_progress: Callable[[int], None] | None = None,
) -> RayStats:
    """Analyse ``specs`` on Ray into Parquet partitions under ``output`` (see the module docstring)."""
    try:
        import ray
    except ImportError:
        raise RayNotInstalled("the ray engine needs Ray: pip install 'newsgraph[ray]'") from None
    limits = limits or Limits()
    out = Path(output)
    stats = RayStats()
    done = finished_inputs(out) if out.exists() else set()
    todo = []
    for source in expand_inputs(specs):
        if source in done:
            stats.skipped += 1
        else:
            todo.append(source)
    if not todo:
        return stats
    started_here = not ray.is_initialized()
    if started_here:
        kwargs: dict[str, Any] = {"include_dashboard": False, "log_to_driver": False}
        if address:
            kwargs["address"] = address
        elif workers:
            kwargs["num_cpus"] = workers
        ray.init(**kwargs)
    try:
        actors = workers or max(1, int(ray.cluster_resources().get("CPU", 1)))
        ds = ray.data.from_items([{"input": s} for s in todo], override_num_blocks=max(1, len(todo) // inputs_per_task))
        ds = ds.map_batches(
            _Analyse,
            fn_constructor_kwargs={"model": model, "batch_size": batch_size, "limits": limits},
            batch_size=inputs_per_task,
            concurrency=actors,
            num_cpus=1,
            batch_format="default",
        )
        seen: set[str] = set()
        for batch in ds.iter_batches(batch_size=None, batch_format="pyarrow"):
            rows = batch.to_pylist()
            if write_partition(out, rows) is not None:
                stats.partitions += 1
            for row in rows:
                if row["error"] is not None:
                    stats.errors.append(row["error"])
                    if on_error:
                        on_error(row["error"])
                else:
                    stats.documents += 1
                if row["input"] not in seen:
                    seen.add(row["input"])
                    stats.inputs += 1
                    if on_progress:
                        on_progress(1)
    finally:
        if started_here:
            ray.shutdown()
    return stats


def import_parquet(folder: str | Path, store: Any, *, batch_size: int = 64, today: dt.date | None = None) -> Any:
    """Store the documents of the partitions under ``folder``; returns the local engine's counts."""
    from newsgraph.engines.local import RunStats, _link_batch
    from newsgraph.engines.parquet import read_partitions

    stats = RunStats()
    today = today or dt.date.today()
    batch = []

    def flush() -> None:
        results = store.add_documents(batch, resolve_on=today)
        stored = [d for d, r in zip(batch, results, strict=True) if r.status in ("added", "replaced")]
        stats.linked += _link_batch(store, stored, stats.errors.append)
        for result in results:
            stats.documents += result.status != "failed"
            stats.added += result.status == "added"
            stats.replaced += result.status == "replaced"
            stats.unchanged += result.status == "unchanged"
            if result.status == "failed":
                stats.errors.append(f"{result.doc_id}: not stored ({result.error})")
        stats.forecasts_resolved += len(store.last_changes)
        batch.clear()

    for _source, doc, error in read_partitions(Path(folder)):
        if doc is None:
            stats.errors.append(error or "unknown error")
            continue
        batch.append(doc)
        if len(batch) >= batch_size:
            flush()
    if batch:
        flush()
    stats.forecasts_resolved += store.refresh_ledger(today)
    return stats
