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
    from newsgraph.nlp.identity import ModelNotFound
    from newsgraph.report import render_document

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
        from newsgraph.store import Store, StoreError  # with DuckDB and Arrow: only when storing

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
    from newsgraph.cli_query import _open_store

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


from newsgraph import cli_eval, cli_query, cli_scale  # noqa: E402, F401  (register their commands)

if __name__ == "__main__":  # pragma: no cover
    from newsgraph.cli import app as _app  # the module's own copy, with cli_scale's commands

    _app()
