"""The command line's scale commands: ``bench``, ``import``, and ``analyze --engine ray``.

Kept beside :mod:`newsgraph.cli` (which imports this module to register them) so that neither
module grows past a readable size; like every command, they parse arguments and call the layers.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from newsgraph.cli import ConfigOpt, DbOpt, _fail, _say, _settings, app, out


def analyze_ray(inputs, output, address, workers, model, batch_size, max_bytes, config) -> None:
    """``analyze --engine ray``: Parquet partitions under ``--output`` (see engines/ray_runner.py)."""
    from newsgraph.engines.ray_runner import RayNotInstalled, run_ray
    from newsgraph.ingest import Limits

    if output is None:
        raise _fail("--engine ray writes Parquet: give --output DIR")
    settings = _settings(config, model=model, batch_size=batch_size, max_bytes=max_bytes)
    try:
        stats = run_ray(
            inputs,
            output,
            address=address,
            workers=workers,
            model=settings.model,
            batch_size=settings.batch_size,
            limits=Limits(max_bytes=settings.max_bytes, timeout=settings.timeout, doc_timeout=settings.doc_timeout),
            on_error=_say,
        )
    except RayNotInstalled as exc:
        raise _fail(exc) from None
    _say(
        f"{stats.documents} document(s) from {stats.inputs} input(s) written to {output} "
        f"({stats.partitions} partition(s)), {stats.skipped} input(s) already done"
        + (f", {len(stats.errors)} error(s)" if stats.errors else "")
    )
    if stats.documents == 0 and stats.skipped == 0:
        raise typer.Exit(1)


@app.command("import")
def import_(
    parquet: Annotated[Path, typer.Option("--parquet", help="Folder of Parquet partitions (analyze --engine ray).")],
    db: DbOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Store the documents a ray run wrote as Parquet partitions."""
    from newsgraph.engines.ray_runner import import_parquet
    from newsgraph.store import Store, StoreError

    if not parquet.is_dir():
        raise _fail(f"{parquet}: not a folder of Parquet partitions")
    settings = _settings(config, db=db)
    try:
        with Store(settings.db) as store:
            stats = import_parquet(parquet, store)
    except StoreError as exc:
        raise _fail(exc) from None
    for line in stats.errors:
        _say(line)
    _say(f"{stats.added} added to {settings.db}, {stats.unchanged} already stored, {stats.replaced} re-analysed")


@app.command()
def bench(
    corpus: Annotated[
        Path | None, typer.Option("--corpus", help="Folder of articles (default: ../shared/corpus/bbc).")
    ] = None,
    limit: Annotated[int | None, typer.Option("--limit", min=1, help="Use the first N articles.")] = None,
    workers: Annotated[int | None, typer.Option("--workers", min=1, help="Processes (default: one per core).")] = None,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, help="Documents per batch.")] = 32,
    model: Annotated[str | None, typer.Option("--model", help="spaCy pipeline to use.")] = None,
    repeat: Annotated[int, typer.Option("--repeat", min=1, help="Alternate the two runs N times; medians.")] = 1,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as one JSON object.")] = False,
) -> None:
    """Throughput of the full analysis against bare nlp.pipe of the same pipeline, same texts, same processes."""
    from newsgraph.engines.bench import BenchError, default_corpus, run_bench
    from newsgraph.engines.pool import default_workers
    from newsgraph.nlp.pipeline import DEFAULT_MODEL

    folder = corpus or default_corpus()
    if folder is None or not folder.is_dir():
        raise _fail(f"{folder or '../shared/corpus/bbc'}: no corpus folder (give --corpus DIR)")
    try:
        figures = run_bench(
            folder,
            limit=limit,
            workers=workers or default_workers(),
            batch_size=batch_size,
            model=model or DEFAULT_MODEL,
            repeat=repeat,
            on_progress=_say,
        )
    except BenchError as exc:
        raise _fail(exc) from None
    if as_json:
        sys.stdout.write(json.dumps(figures) + "\n")
    else:
        for key, value in figures.items():
            out.print(f"{key:>18}  {value}", highlight=False)
