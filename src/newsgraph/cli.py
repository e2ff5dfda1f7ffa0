"""The ``newsgraph`` command line: parses arguments and calls the layers.

Results go to stdout; progress bars, warnings and errors to stderr.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)

from newsgraph import __version__
from newsgraph.config import Settings, load_settings

app = typer.Typer(
    help="Turn raw geopolitical news into structured, evidence-backed data.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
eval_app = typer.Typer(help="Score the system on benchmark data.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")
actors_app = typer.Typer(help="Look up and resolve actors.", no_args_is_help=True)
app.add_typer(actors_app, name="actors")
kb_app = typer.Typer(help="Grow the actor knowledge base.", no_args_is_help=True)
app.add_typer(kb_app, name="kb")

out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)

ConfigOpt = Annotated[Path | None, typer.Option("--config", help="A newsgraph.toml settings file.")]
DbOpt = Annotated[Path | None, typer.Option("--db", help="DuckDB file (default: newsgraph.duckdb).")]


def _fail(message: object, code: int = 2) -> typer.Exit:
    """Print ``error: message`` on one line (control characters escaped, no markup); the Exit to raise."""
    from newsgraph.inputs import terminal_safe

    err.print("[red]error:[/] ", end="")
    err.print(terminal_safe(" ".join(str(message).split())), markup=False, highlight=False)
    return typer.Exit(code)


def _say(line: str) -> None:
    """A message line on stderr, as it happens, with control characters escaped."""
    from newsgraph.inputs import terminal_safe

    err.print(terminal_safe(line), markup=False, highlight=False)


def _checked(check, *args):
    """Run an option check of :mod:`newsgraph.inputs`; a bad value is a one-line error and exit 2."""
    from newsgraph.inputs import BadInput

    try:
        return check(*args)
    except BadInput as exc:
        raise _fail(exc) from None


def _settings(config: Path | None, **overrides: object) -> Settings:
    try:
        return load_settings(config, **overrides)
    except (OSError, ValueError) as exc:
        raise _fail(exc) from None


def _version(value: bool) -> None:
    if value:
        out.print(f"newsgraph {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """newsgraph: who did, said and predicted what, to whom, when, and according to whom."""


@app.command()
def analyze(
    inputs: Annotated[list[str], typer.Argument(help="Files, directories, URLs, feeds, JSON Lines or WARC files.")],
    db: DbOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per document on stdout.")] = False,
    no_store: Annotated[bool, typer.Option("--no-store", help="Analyse without writing to the database.")] = False,
    model: Annotated[str | None, typer.Option("--model", help="spaCy pipeline to use.")] = None,
    batch_size: Annotated[int | None, typer.Option("--batch-size", min=1, help="Documents per nlp.pipe batch.")] = None,
    max_bytes: Annotated[int | None, typer.Option("--max-bytes", min=1, help="Largest input accepted, bytes.")] = None,
    published: Annotated[
        str | None,
        typer.Option("--published", help="Date (YYYY-MM-DD) of inputs that state none; 'file': the file's date."),
    ] = None,
    config: ConfigOpt = None,
    workers: Annotated[
        int | None, typer.Option("--workers", min=1, help="NLP processes (default: one per core).")
    ] = None,
    reanalyse: Annotated[
        bool, typer.Option("--reanalyse", help="Analyse stored documents again (e.g. after a pipeline update).")
    ] = False,
    engine: Annotated[str, typer.Option("--engine", help="local, or ray (needs newsgraph[ray]).")] = "local",
    address: Annotated[str | None, typer.Option("--address", help="Ray cluster address (--engine ray).")] = None,
    output: Annotated[
        Path | None, typer.Option("--output", help="Parquet folder the ray engine writes (--engine ray).")
    ] = None,
) -> None:
    """Read, clean and analyse news articles, store them, and print what was found."""
    if engine not in ("local", "ray"):
        err.print(f"[red]error:[/] --engine {engine!r}: use local or ray", markup=True, highlight=False)
        raise typer.Exit(2)
    if engine == "ray":
        from newsgraph.cli_scale import analyze_ray

        analyze_ray(inputs, output, address, workers, model, batch_size, max_bytes, config)
        return
    from newsgraph.engines.local import run
    from newsgraph.engines.pool import default_workers
    from newsgraph.ingest import Limits
    from newsgraph.inputs import day
    from newsgraph.nlp.pipeline import ModelNotFound
    from newsgraph.report import render_document
    from newsgraph.store import Store, StoreError

    settings = _settings(config, db=db, model=model, batch_size=batch_size, max_bytes=max_bytes)
    if published is not None and published.strip().lower() != "file":
        published = _checked(day, published, "--published")
    limits = Limits(
        max_bytes=settings.max_bytes,
        timeout=settings.timeout,
        doc_timeout=settings.doc_timeout,
        allow_private_addresses=settings.allow_private_addresses,
        default_published=published.strip().lower() if published and published.strip().lower() == "file" else published,
    )

    def emit(doc) -> None:
        if as_json:
            sys.stdout.write(json.dumps(doc.to_dict(), ensure_ascii=False) + "\n")
            sys.stdout.flush()
        else:
            render_document(doc, out)

    store = None
    if not no_store:
        try:
            store = Store(settings.db)
        except StoreError as exc:
            raise _fail(exc) from None
    show_progress = err.is_terminal and (len(inputs) > 1 or any(Path(i).is_dir() for i in inputs))
    progress = Progress(
        SpinnerColumn(),
        TextColumn("analysing"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("inputs"),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=not show_progress,
    )
    try:
        with progress:
            task = progress.add_task("analyse", total=None)
            stats = run(
                inputs,
                model=settings.model,
                store=store,
                batch_size=settings.batch_size,
                limits=limits,
                workers=workers or default_workers(),
                reanalyse=reanalyse,
                on_document=emit,
                on_error=_say,
                doc_timeout=settings.doc_timeout,
                on_progress=lambda n: progress.advance(task, n),
            )
    except ModelNotFound as exc:
        raise _fail(exc) from None
    finally:
        if store is not None:
            store.close()
    summary = f"{stats.documents} document(s) analysed"
    if store is not None:
        summary += f", {stats.added} added to {settings.db}, {stats.unchanged} already stored"
        if stats.replaced:
            summary += f", {stats.replaced} re-analysed"
    if stats.errors:
        summary += f", {len(stats.errors)} input(s) failed"
    _say(summary)
    if stats.documents == 0:
        raise typer.Exit(1)


@app.command()
def export(
    out_path: Annotated[Path, typer.Option("--out", help="File to write (a directory for csv and parquet).")],
    db: DbOpt = None,
    fmt: Annotated[
        str, typer.Option("--format", help="jsonl, csv, parquet, gdelt (GDELT 2.0 events) or graphml.")
    ] = "parquet",
    force: Annotated[bool, typer.Option("--force", help="Overwrite existing files.")] = False,
    config: ConfigOpt = None,
) -> None:
    """Write the database in a format other tools read (see newsgraph.store.export)."""
    from newsgraph.inputs import output_dir, output_file
    from newsgraph.store import StoreError
    from newsgraph.store.export import DIRECTORY_FORMATS, FORMATS, TABLES
    from newsgraph.store.export import export as run_export

    settings = _settings(config, db=db)
    if fmt not in FORMATS:
        raise _fail(f"unknown format {fmt!r} (available: {', '.join(FORMATS)})")
    if not Path(settings.db).exists():
        raise _fail(f"{settings.db}: no such database")
    if fmt in DIRECTORY_FORMATS:
        _checked(output_dir, out_path, "--out")
        clash = [out_path / f"{t}.{fmt}" for t in TABLES if (out_path / f"{t}.{fmt}").exists()]
        if clash and not force:
            raise _fail(f"--out: {clash[0]} exists (pass --force to overwrite it)")
    else:
        _checked(output_file, out_path, "--out", force)
    kb = None
    if fmt == "graphml":
        from newsgraph.kb import load_kb

        kb = load_kb()
    try:
        with _open_store(settings.db) as store:
            paths = run_export(store, fmt, out_path, kb=kb)
    except StoreError as exc:
        raise _fail(exc) from None
    except OSError as exc:
        raise _fail(f"{out_path}: cannot write ({exc.strerror or exc})") from None
    except Exception as exc:  # DuckDB's COPY reports an unwritable place as its own error
        if "duckdb" not in type(exc).__module__:
            raise
        raise _fail(f"{out_path}: cannot write ({' '.join(str(exc).split())[:200]})") from None
    for path in paths:
        out.print(str(path), highlight=False)


@app.command()
def events(
    db: DbOpt = None,
    actor: Annotated[str | None, typer.Option("--actor", help="Source or target: an actor name or id.")] = None,
    type_: Annotated[str | None, typer.Option("--type", help="PLOVER event type (ASSAULT, AGREE, ...).")] = None,
    since: Annotated[str | None, typer.Option("--since", help="Only events on or after YYYY-MM-DD.")] = None,
    news_only: Annotated[bool, typer.Option("--news-only", help="Leave out background events.")] = False,
    limit: Annotated[int, typer.Option("--limit", min=1, help="At most this many.")] = 200,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per event.")] = False,
    config: ConfigOpt = None,
) -> None:
    """List stored events, newest first."""
    from newsgraph.inputs import day, event_type
    from newsgraph.store.queries import actor_names, list_events

    type_ = _checked(event_type, type_, "--type")
    since = _checked(day, since, "--since")
    settings = _settings(config, db=db)
    store = _open_store(settings.db)
    with store:
        rows = _query(
            list_events, store, actor=actor, type=type_, since=since, include_background=not news_only, limit=limit
        )
        names = actor_names(store)
    if as_json:
        for row in rows:
            sys.stdout.write(json.dumps(row.to_dict(), ensure_ascii=False) + "\n")
        return
    from rich.table import Table

    table = Table(title=f"{len(rows)} event(s)", title_justify="left")
    for col in ("date", "type", "source", "target", "modality", "cert.", "evidence"):
        table.add_column(col)
    for row in rows:
        date = (row.date or {}).get("value") or row.published or ""
        table.add_row(
            date,
            f"{row.type} ({row.cameo})",
            ", ".join(names.get(i, i) for i in row.source),
            ", ".join(names.get(i, i) for i in row.target),
            row.modality,
            f"{row.certainty:.2f}",
            (row.evidence.get("text") or "")[:90],
        )
    out.print(table)


@app.command()
def dyads(
    db: DbOpt = None,
    since: Annotated[str | None, typer.Option("--since", help="Only events on or after YYYY-MM-DD.")] = None,
    top: Annotated[int, typer.Option("--top", min=1, help="Show this many pairs.")] = 30,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per pair.")] = False,
    config: ConfigOpt = None,
) -> None:
    """Who did what to whom, summed: events per pair of actors (asserted and reported news only)."""
    from newsgraph.inputs import day
    from newsgraph.store.queries import actor_names, dyad_scores

    since = _checked(day, since, "--since")
    settings = _settings(config, db=db)
    with _open_store(settings.db) as store:
        rows = _query(dyad_scores, store, since=since, limit=top)
        names = actor_names(store)
    if as_json:
        for row in rows:
            sys.stdout.write(json.dumps(row.to_dict(), ensure_ascii=False) + "\n")
        return
    from rich.table import Table

    table = Table(title="dyads (predicted, planned, negated and background events left out)", title_justify="left")
    for col in ("source", "target", "events", "Goldstein", "types"):
        table.add_column(col)
    for d in rows:
        types = ", ".join(f"{k} {v}" for k, v in sorted(d.by_type.items(), key=lambda kv: -kv[1]))
        table.add_row(
            names.get(d.source, d.source),
            names.get(d.target, d.target) if d.target else "-",
            str(d.events),
            f"{d.goldstein:+.1f}",
            types,
        )
    out.print(table)


@app.command()
def forecasts(
    db: DbOpt = None,
    due_before: Annotated[str | None, typer.Option("--due-before", help="Horizon on or before YYYY-MM-DD.")] = None,
    predictor: Annotated[str | None, typer.Option("--predictor", help="Who predicted: a name or id.")] = None,
    status: Annotated[str | None, typer.Option("--status", help="open, due, came_true or expired.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per forecast.")] = False,
    config: ConfigOpt = None,
) -> None:
    """The forecast ledger: predictions and plans, with their horizons and what became of them."""
    from newsgraph.inputs import FORECAST_STATUSES, choice, day
    from newsgraph.store.queries import actor_names, list_forecasts

    due_before = _checked(day, due_before, "--due-before")
    status = _checked(choice, status, "--status", FORECAST_STATUSES)
    settings = _settings(config, db=db)
    with _open_store(settings.db) as store:
        rows = _query(list_forecasts, store, predictor=predictor, status=status, due_before=due_before)
        names = actor_names(store)
    if as_json:
        for row in rows:
            sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
        return
    from rich.table import Table

    table = Table(title=f"{len(rows)} forecast(s)", title_justify="left")
    for col in ("predictor", "proposition", "stated on", "not before", "by", "confidence", "status"):
        table.add_column(col)
    for r in rows:
        table.add_row(
            names.get(r["predictor"], r["predictor"] or "-"),
            r["proposition"],
            r["stated_on"] or "",
            r["not_before"] or "",
            r["by"] or "open",
            r["confidence"] or "",
            r["status"],
        )
    out.print(table)


@app.command()
def statements(
    db: DbOpt = None,
    speaker: Annotated[str | None, typer.Option("--speaker", help="Who spoke: a name or id.")] = None,
    about: Annotated[str | None, typer.Option("--about", help="An actor the statement mentions.")] = None,
    since: Annotated[str | None, typer.Option("--since", help="Said on or after YYYY-MM-DD.")] = None,
    limit: Annotated[int, typer.Option("--limit", min=1, help="At most this many.")] = 200,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per statement.")] = False,
    config: ConfigOpt = None,
) -> None:
    """Who said what, when, and through whom it reached the page."""
    from newsgraph.inputs import day
    from newsgraph.store.queries import list_statements

    since = _checked(day, since, "--since")
    settings = _settings(config, db=db)
    with _open_store(settings.db) as store:
        rows = _query(list_statements, store, speaker=speaker, about=about, since=since, limit=limit)
    if as_json:
        for row in rows:
            sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
        return
    for r in rows:
        when = (r["date"] or {}).get("value") or f"{r['published']} (published)"
        chain = " -> ".join(hop["name"] for hop in r["chain"])
        out.print(f"[bold]{r['speaker_text'] or '?'}[/] {r['cue']} ({r['form']}, {when})", highlight=False)
        out.print(f"  {r['content']}", highlight=False, markup=False)
        out.print(f"  [dim]via {chain}[/]", highlight=False)


@app.command()
def stories(
    db: DbOpt = None,
    limit: Annotated[int, typer.Option("--limit", min=1, help="At most this many.")] = 50,
    min_size: Annotated[
        int, typer.Option("--min-size", min=1, help="Only stories of this many documents or more.")
    ] = 1,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per story.")] = False,
    config: ConfigOpt = None,
) -> None:
    """Same-story clusters, latest first: documents, copies, events."""
    from newsgraph.store.links import list_stories

    settings = _settings(config, db=db)
    with _open_links(settings.db) as store:
        rows = list_stories(store, limit=limit, min_size=min_size)
    if as_json:
        for row in rows:
            sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
        return
    from rich.table import Table

    table = Table(title=f"{len(rows)} stor{'y' if len(rows) == 1 else 'ies'}", title_justify="left")
    for col in ("story", "first", "last", "docs", "copies", "events", "title"):
        table.add_column(col)
    for r in rows:
        table.add_row(
            r["id"],
            r["first"] or "",
            r["last"] or "",
            str(r["documents"]),
            str(r["copies"]),
            str(r["events"]),
            (r["title"] or "")[:80],
        )
    out.print(table)


@app.command()
def story(
    story_id: Annotated[str, typer.Argument(help="A story id (see newsgraph stories).")],
    db: DbOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="The story as one JSON object.")] = False,
    config: ConfigOpt = None,
) -> None:
    """One story: its documents, earliest source, copies, and the events it reports with their sources."""
    from newsgraph.store.links import get_story

    settings = _settings(config, db=db)
    with _open_links(settings.db) as store:
        found = get_story(store, story_id)
    if found is None:
        err.print(f"[red]error:[/] no story {story_id!r} in {settings.db}", highlight=False)
        raise typer.Exit(1)
    if as_json:
        sys.stdout.write(json.dumps(found, ensure_ascii=False, indent=2) + "\n")
        return
    out.print(f"[bold]{found['id']}[/]: {len(found['documents'])} document(s), earliest {found['earliest']}")
    for d in found["documents"]:
        copy = f" [dim]copy of {d['copy_of']} ({d['copied_share']:.0%})[/]" if d["copy_of"] else ""
        out.print(f"  {d['published'] or '?'}  {d['id']}  {d['title'] or ''}{copy}", highlight=False)
    for e in found["events"]:
        out.print(
            f"  event {e['type']} {','.join(e['source'] or [])} -> {','.join(e['target'] or [])}: "
            f"{e['mentions']} mention(s), {e['documents']} document(s), {e['sources']} source(s), {e['corroboration']}",
            highlight=False,
        )


def _open_links(path: str):
    """The store, read-only, with the link tables (a clear error when it has none)."""
    from newsgraph.store import Store, StoreError
    from newsgraph.store.links import has_links

    if not Path(path).exists():
        err.print(f"[red]error:[/] {path}: no such database (run newsgraph analyze first)")
        raise typer.Exit(2)
    try:
        store = Store(path, read_only=True)
    except StoreError as exc:
        err.print(f"[red]error:[/] {exc}")
        raise typer.Exit(2) from None
    if not has_links(store):
        store.close()
        err.print(f"[red]error:[/] {path}: no story tables yet (run newsgraph analyze with this version)")
        raise typer.Exit(2)
    return store


def _open_store(path: str):
    """Open a database read-only for a read command (two readers may run at once)."""
    from newsgraph.store import StoreError
    from newsgraph.store.queries import open_for_reading

    try:
        return open_for_reading(path)
    except StoreError as exc:
        raise _fail(exc) from None


def _query(fn, *args, **kwargs):
    """Run a read-side query; a bad filter value is a one-line error."""
    from newsgraph.store.queries import QueryError

    try:
        return fn(*args, **kwargs)
    except QueryError as exc:
        raise _fail(exc) from None


@app.command()
def serve(
    db: DbOpt = None,
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="Port to listen on.")] = 8000,
    config: ConfigOpt = None,
) -> None:
    """Serve the database over HTTP: the JSON API under /api, its docs at /docs, and the web app."""
    import uvicorn

    from newsgraph.api import create_app
    from newsgraph.store import StoreError

    settings = _settings(config, db=db)
    if not Path(settings.db).exists():
        raise _fail(f"{settings.db}: no such database (run newsgraph analyze first)")
    try:
        api = create_app(settings.db, settings)
    except StoreError as exc:
        raise _fail(exc) from None
    mode = "read-write (POST /api/documents needs the token)" if api.state.token else "read-only"
    err.print(f"serving {settings.db} ({mode}) on http://{host}:{port}/  (API docs: /docs; Ctrl-C stops)")
    uvicorn.run(api, host=host, port=port, log_level="warning")


@eval_app.command("events")
def eval_events(
    data: Annotated[Path, typer.Option("--data", help="PLOVER gold-standard records (JSON).")],
    predictions_out: Annotated[
        Path | None, typer.Option("--predictions-out", help="Write predictions as JSON Lines here.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
) -> None:
    """Event type, source and target codes on PLOVER gold-standard records."""
    from newsgraph.eval.events import run_event_eval

    if not data.is_file():
        err.print(f"[red]error:[/] {data}: no such file")
        raise typer.Exit(2)
    scores = run_event_eval(data, predictions_out=predictions_out)
    _print_scores("event coding", scores, as_json)


@eval_app.command("attribution")
def eval_attribution(
    data: Annotated[Path, typer.Option("--data", help="PolNeAR layout: text/*.txt and attributions/*.ann.")],
    predictions_out: Annotated[
        Path | None, typer.Option("--predictions-out", help="Write predictions as JSON here.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
) -> None:
    """Attribution (source, cue, content) on PolNeAR: content F1, direct-quote F1, speaker accuracy."""
    from newsgraph.eval.attribution import run_attribution_eval

    if not (data / "text").is_dir():
        err.print(f"[red]error:[/] {data}: no text/ folder (expected the PolNeAR layout)")
        raise typer.Exit(2)
    scores = run_attribution_eval(data, predictions_out=predictions_out)
    _print_scores("attribution", scores, as_json)


@eval_app.command("time")
def eval_time(
    data: Annotated[Path, typer.Option("--data", help="A directory of TimeML (.tml) files.")],
    predictions_out: Annotated[
        Path | None, typer.Option("--predictions-out", help="Write predictions as JSON here.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
) -> None:
    """Temporal expressions on TimeML: relaxed span F1 and value accuracy."""
    from newsgraph.eval.time import run_time_eval

    if not data.is_dir():
        err.print(f"[red]error:[/] {data}: not a directory of .tml files")
        raise typer.Exit(2)
    scores = run_time_eval(data, predictions_out=predictions_out)
    _print_scores("time expressions", scores, as_json)


@eval_app.command("extraction")
def eval_extraction(
    data: Annotated[Path, typer.Option("--data", help="Benchmark directory: ground-truth.json and html/.")],
    predictions_out: Annotated[
        Path | None, typer.Option("--predictions-out", help="Write predictions as JSON here.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
) -> None:
    """Article-body extraction on the article-extraction-benchmark layout (shingle P/R/F1)."""
    from newsgraph.eval.extraction import run_extraction_eval

    if not (data / "ground-truth.json").is_file():
        err.print(f"[red]error:[/] {data}: no ground-truth.json (expected the article-extraction-benchmark layout)")
        raise typer.Exit(2)
    scores = run_extraction_eval(data, predictions_out=predictions_out)
    _print_scores("article extraction", scores, as_json)


@eval_app.command("clustering")
def eval_clustering(
    data: Annotated[Path, typer.Option("--data", help="ECB+ layout: <topic>/<n>_<k>ecb.xml and ..ecbplus.xml.")],
    predictions_out: Annotated[
        Path | None, typer.Option("--predictions-out", help='Write {"<file name>": "<cluster id>"} JSON here.')
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
) -> None:
    """Same-story clustering on ECB+: B3 precision, recall, F1, beside a TF-IDF average-link baseline."""
    from newsgraph.eval.clustering import run_clustering_eval

    if not data.is_dir():
        err.print(f"[red]error:[/] {data}: not a directory (expected the ECB+ layout)")
        raise typer.Exit(2)
    try:
        scores = run_clustering_eval(data, predictions_out=predictions_out)
    except ValueError as exc:
        err.print(f"[red]error:[/] {exc}")
        raise typer.Exit(2) from None
    _print_scores("same-story clustering (B3)", scores, as_json)


@eval_app.command("reprints")
def eval_reprints(
    data: Annotated[Path, typer.Option("--data", help="A folder of articles (*.txt, first line the title).")],
    originals: Annotated[int, typer.Option("--originals", min=1, help="Articles that get copies.")] = 200,
    negatives: Annotated[int, typer.Option("--negatives", min=0, help="Same-topic articles without copies.")] = 200,
    seed: Annotated[int, typer.Option("--seed", help="Seed of the perturbations.")] = 12,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
) -> None:
    """Copy links on perturbed copies built from a corpus: precision and recall."""
    from newsgraph.eval.reprints import run_reprint_eval

    if not data.is_dir():
        err.print(f"[red]error:[/] {data}: not a directory of articles")
        raise typer.Exit(2)
    scores = run_reprint_eval(data, originals=originals, negatives=negatives, seed=seed)
    if scores["documents"] == 0:
        err.print(f"[red]error:[/] {data}: no articles (*.txt with a title and paragraphs)")
        raise typer.Exit(2)
    _print_scores("reprint links", scores, as_json)


@actors_app.command("resolve")
def actors_resolve(
    jsonl: Annotated[Path, typer.Option("--jsonl", help='Lines {"text", "date", "context"}; "-" for stdin.')],
    model: Annotated[str | None, typer.Option("--model", help="spaCy pipeline to use.")] = None,
    config: ConfigOpt = None,
) -> None:
    """Resolve each line's text to an actor; one JSON line out per line in."""
    from newsgraph.inputs import BadInput, resolve_request
    from newsgraph.nlp.pipeline import ModelNotFound, load_pipeline
    from newsgraph.nlp.resolve import resolve_mention

    settings = _settings(config, model=model)
    try:
        nlp = load_pipeline(settings.model)
    except ModelNotFound as exc:
        raise _fail(exc) from None
    if str(jsonl) != "-" and (not jsonl.is_file()):
        raise _fail(f"{jsonl}: {'not a regular file' if jsonl.exists() else 'no such file'}")
    try:
        stream = sys.stdin.buffer if str(jsonl) == "-" else jsonl.open("rb")
    except OSError as exc:
        raise _fail(f"{jsonl}: {exc.strerror}") from None
    failed = done = 0
    with stream:
        for n, raw in enumerate(stream, 1):
            if not raw.strip():
                continue
            try:
                text, date, context = resolve_request(raw, nlp.max_length)
                result = resolve_mention(nlp, text, date, context)
            except BadInput as exc:
                _say(f"{jsonl}:{n}: skipped ({exc})")
                failed += 1
                continue
            except Exception as exc:  # noqa: BLE001 - one bad line must not lose the others' results
                _say(f"{jsonl}:{n}: skipped ({type(exc).__name__}: {exc})")
                failed += 1
                continue
            sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
            sys.stdout.flush()
            done += 1
    if done == 0 and failed:
        raise typer.Exit(1)


@actors_app.command("show")
def actors_show(
    name: Annotated[str, typer.Argument(help="A name, alias, acronym or actor id.")],
    date: Annotated[str | None, typer.Option("--date", help="Roles and memberships on this date.")] = None,
) -> None:
    """Print an actor with its aliases, memberships and roles."""
    from newsgraph.kb import load_kb
    from newsgraph.kb.show import describe

    kb = load_kb()
    entries = [kb.entries[name]] if name in kb.entries else kb.lookup(name)
    if not entries:
        err.print(f"no actor named {name!r}")
        raise typer.Exit(1)
    for entry in entries:
        out.print(describe(kb, entry, date), highlight=False)


@kb_app.command("import")
def kb_import(
    source: Annotated[str, typer.Argument(help="wikidata (entity JSON lines) or cameo (actor dictionary).")],
    path: Annotated[Path, typer.Argument(help="The file to import.")],
    out_path: Annotated[Path, typer.Option("--out", help="YAML file to write (use it with --kb).")],
    kind: Annotated[str, typer.Option("--kind", help="Kind of CAMEO dictionary entries.")] = "person",
    force: Annotated[bool, typer.Option("--force", help="Overwrite --out if it exists.")] = False,
) -> None:
    """Convert Wikidata entities or a CAMEO/PETRARCH dictionary into knowledge-base YAML."""
    from newsgraph.inputs import output_file
    from newsgraph.kb import load_kb
    from newsgraph.kb.importers import ImportError_, from_cameo_dictionary, from_wikidata_jsonl, write_yaml

    _checked(output_file, out_path, "--out", force)
    try:
        lines = path.read_text("utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise _fail(f"{path}: {exc}") from None
    try:
        if source == "wikidata":
            entries = from_wikidata_jsonl(lines, load_kb(), origin=str(path))
        elif source == "cameo":
            entries = from_cameo_dictionary(lines, kind=kind, origin=str(path))
        else:
            raise _fail(f"unknown source {source!r} (wikidata, cameo)")
    except ImportError_ as exc:
        raise _fail(exc, 1) from None
    try:
        write_yaml(entries, out_path)
    except OSError as exc:
        raise _fail(f"{out_path}: cannot write ({exc.strerror or exc})") from None
    err.print(f"{len(entries)} actor(s) written to {out_path}", highlight=False)


@eval_app.command("actors")
def eval_actors(
    data: Annotated[Path, typer.Option("--data", help="Resolution cases, JSON Lines (see newsgraph.eval.actors).")],
    predictions_out: Annotated[
        Path | None, typer.Option("--predictions-out", help="Write each case's resolution as JSON Lines here.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
    failures: Annotated[bool, typer.Option("--failures", help="List the failed cases on stderr.")] = False,
) -> None:
    """Actor resolution accuracy, overall and by category."""
    from newsgraph.eval.actors import run_actor_eval

    if not data.is_file():
        err.print(f"[red]error:[/] {data}: no such file")
        raise typer.Exit(2)
    scores = run_actor_eval(data, predictions_out=predictions_out)
    if failures:
        for f in scores["failures"]:
            err.print(json.dumps(f, ensure_ascii=False), markup=False, highlight=False)
    report = {k: v for k, v in scores.items() if k != "failures"}
    if as_json:
        sys.stdout.write(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
        return
    from rich.table import Table

    table = Table(title=f"actor resolution: {scores['accuracy']:.3f} on {scores['n']} cases", title_justify="left")
    table.add_column("category")
    table.add_column("cases", justify="right")
    table.add_column("accuracy", justify="right")
    for cat, row in scores["by_category"].items():
        table.add_row(cat, str(row["n"]), f"{row['accuracy']:.3f}")
    out.print(table)


def _print_scores(title: str, scores: dict, as_json: bool) -> None:
    if as_json:
        sys.stdout.write(json.dumps(scores, ensure_ascii=False, indent=2) + "\n")
        return
    from rich.table import Table

    table = Table(title=title, title_justify="left")
    table.add_column("metric")
    table.add_column("value", justify="right")
    for key, value in scores.items():
        if isinstance(value, dict | list):
            continue
        table.add_row(key, f"{value:.4f}" if isinstance(value, float) else str(value))
    out.print(table)


from newsgraph import cli_scale  # noqa: E402, F401  (registers bench and import)

if __name__ == "__main__":  # pragma: no cover
    from newsgraph.cli import app as _app  # the module's own copy, with cli_scale's commands

    _app()
