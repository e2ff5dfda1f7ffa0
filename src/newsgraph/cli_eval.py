"""The command line's ``newsgraph eval ...`` commands: score the system on benchmark data.

Imported at the end of :mod:`newsgraph.cli`, which registers these commands on its app; like every
command they parse arguments and call the layers.
"""

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from newsgraph.cli import _fail, err, eval_app, out
from newsgraph.eval.metrics import HALVES

JsonOpt = Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")]
HalfOpt = Annotated[
    str | None,
    typer.Option("--half", help="Score only the items at even or odd positions (name order): even, odd or all."),
]


@eval_app.command("events")
def eval_events(
    data: Annotated[Path, typer.Option("--data", help="PLOVER gold-standard records (JSON).")],
    predictions_out: Annotated[
        Path | None, typer.Option("--predictions-out", help="Write predictions as JSON Lines here.")
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Event type, source and target codes on PLOVER gold-standard records."""
    from newsgraph.eval.events import run_event_eval

    if not data.is_file():
        raise _fail(f"{data}: no such file")
    scores = run_event_eval(data, predictions_out=predictions_out)
    _print_scores("event coding", scores, as_json)


@eval_app.command("attribution")
def eval_attribution(
    data: Annotated[Path, typer.Option("--data", help="PolNeAR layout: text/*.txt and attributions/*.ann.")],
    predictions_out: Annotated[
        Path | None, typer.Option("--predictions-out", help="Write predictions as JSON here.")
    ] = None,
    as_json: JsonOpt = False,
    half: HalfOpt = None,
    marks: Annotated[
        str | None,
        typer.Option("--marks", help="Rewrite every double quotation mark first: straight, curly, doubled or latex."),
    ] = None,
) -> None:
    """Attribution (source, cue, content) on PolNeAR: content F1, direct-quote F1, speaker accuracy."""
    from newsgraph.eval.attribution import MARK_STYLES, run_attribution_eval

    _check_choice("--half", half, HALVES)
    _check_choice("--marks", marks, MARK_STYLES)
    if not (data / "text").is_dir():
        raise _fail(f"{data}: no text/ folder (expected the PolNeAR layout)")
    scores = run_attribution_eval(data, predictions_out=predictions_out, half=half, marks=marks)
    _print_scores("attribution", scores, as_json)


@eval_app.command("time")
def eval_time(
    data: Annotated[Path, typer.Option("--data", help="A directory of TimeML (.tml) files.")],
    predictions_out: Annotated[
        Path | None, typer.Option("--predictions-out", help="Write predictions as JSON here.")
    ] = None,
    as_json: JsonOpt = False,
    half: HalfOpt = None,
) -> None:
    """Temporal expressions on TimeML: relaxed span F1 and value accuracy."""
    from newsgraph.eval.time import run_time_eval

    _check_choice("--half", half, HALVES)
    if not data.is_dir():
        raise _fail(f"{data}: not a directory of .tml files")
    scores = run_time_eval(data, predictions_out=predictions_out, half=half)
    _print_scores("time expressions", scores, as_json)


@eval_app.command("extraction")
def eval_extraction(
    data: Annotated[Path, typer.Option("--data", help="Benchmark directory: ground-truth.json and html/.")],
    predictions_out: Annotated[
        Path | None, typer.Option("--predictions-out", help="Write predictions as JSON here.")
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Article-body extraction on the article-extraction-benchmark layout (shingle P/R/F1)."""
    from newsgraph.eval.extraction import run_extraction_eval

    if not (data / "ground-truth.json").is_file():
        raise _fail(f"{data}: no ground-truth.json (expected the article-extraction-benchmark layout)")
    scores = run_extraction_eval(data, predictions_out=predictions_out)
    _print_scores("article extraction", scores, as_json)


@eval_app.command("clustering")
def eval_clustering(
    data: Annotated[Path, typer.Option("--data", help="ECB+ layout: <topic>/<n>_<k>ecb.xml and ..ecbplus.xml.")],
    predictions_out: Annotated[
        Path | None, typer.Option("--predictions-out", help='Write {"<file name>": "<cluster id>"} JSON here.')
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Same-story clustering on ECB+: B3 precision, recall, F1, beside a TF-IDF average-link baseline."""
    from newsgraph.eval.clustering import run_clustering_eval

    if not data.is_dir():
        raise _fail(f"{data}: not a directory (expected the ECB+ layout)")
    try:
        scores = run_clustering_eval(data, predictions_out=predictions_out)
    except ValueError as exc:
        raise _fail(exc) from None
    _print_scores("same-story clustering (B3)", scores, as_json)


@eval_app.command("reprints")
def eval_reprints(
    data: Annotated[Path, typer.Option("--data", help="A folder of articles (*.txt, first line the title).")],
    originals: Annotated[int, typer.Option("--originals", min=1, help="Articles that get copies.")] = 200,
    negatives: Annotated[int, typer.Option("--negatives", min=0, help="Same-topic articles without copies.")] = 200,
    seed: Annotated[int, typer.Option("--seed", help="Seed of the perturbations.")] = 12,
    as_json: JsonOpt = False,
) -> None:
    """Copy links on perturbed copies built from a corpus: precision and recall."""
    from newsgraph.eval.reprints import run_reprint_eval

    if not data.is_dir():
        raise _fail(f"{data}: not a directory of articles")
    scores = run_reprint_eval(data, originals=originals, negatives=negatives, seed=seed)
    if scores["documents"] == 0:
        raise _fail(f"{data}: no articles (*.txt with a title and paragraphs)")
    _print_scores("reprint links", scores, as_json)


@eval_app.command("actors")
def eval_actors(
    data: Annotated[Path, typer.Option("--data", help="Resolution cases, JSON Lines (see newsgraph.eval.actors).")],
    predictions_out: Annotated[
        Path | None, typer.Option("--predictions-out", help="Write each case's resolution as JSON Lines here.")
    ] = None,
    as_json: JsonOpt = False,
    failures: Annotated[bool, typer.Option("--failures", help="List the failed cases on stderr.")] = False,
) -> None:
    """Actor resolution accuracy, overall and by category."""
    from newsgraph.eval.actors import run_actor_eval

    if not data.is_file():
        raise _fail(f"{data}: no such file")
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


def _check_choice(option: str, value: str | None, choices: tuple[str, ...]) -> None:
    """A one-line error for an option value outside its choices, before any data is read."""
    if value is not None and value not in choices:
        raise _fail(f"{option} {value!r}: expected one of {', '.join(choices)}")
