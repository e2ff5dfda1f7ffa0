"""The command line's read commands over a stored database: ``events``, ``dyads``, ``statements``,
``forecasts``, ``stories`` and ``story`` (each opens the database read-only).

Imported at the end of :mod:`newsgraph.cli`, which registers these commands on its app; like every
command they parse arguments and call the layers.
"""

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from newsgraph.cli import ConfigOpt, DbOpt, _checked, _fail, _settings, app, err, out


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
