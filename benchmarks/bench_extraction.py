"""Throughput of HTML main-text extraction: bare trafilatura vs our pipeline.

Times, over the pages of the article-extraction benchmark's dev split
(decompressed into memory first):

  (a) ``trafilatura.extract(html)``                       -- the reference
  (b) ``extract_html(html)`` + ``clean_text(text, title)`` -- our pipeline

Repetitions alternate (a) and (b) (the order flips every round) so that
machine noise hits both alike; medians are reported, with the overhead
ratio median(b) / median(a) (and, as a check on a busy machine, the ratio of
the fastest rounds).  The acceptance budget is a ratio <= 1.25.

    .venv/bin/python benchmarks/bench_extraction.py [--repeat 5] [--json]

Data: ``../shared/eval/aeb-dev`` beside the repository, or
``$NEWSGRAPH_SHARED/eval/aeb-dev``.  Skips (exit 0) when absent.
"""

from __future__ import annotations

import argparse
import gc
import gzip
import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

BUDGET = 1.25


def shared_dir() -> Path:
    env = os.environ.get("NEWSGRAPH_SHARED")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[1] / ".." / "shared"


def load_pages(data_dir: Path, limit: int | None = None) -> list[tuple[str, str]]:
    pages = []
    for path in sorted((data_dir / "html").glob("*.html.gz"))[:limit]:
        with gzip.open(path, "rb") as fh:
            pages.append((path.name.split(".")[0], fh.read().decode("utf-8", errors="replace")))
    return pages


def run_trafilatura(pages: list[tuple[str, str]]) -> int:
    import trafilatura

    chars = 0
    for _key, html in pages:
        chars += len(trafilatura.extract(html) or "")
    return chars


def run_pipeline(pages: list[tuple[str, str]]) -> int:
    from newsgraph.ingest.base import IngestError
    from newsgraph.ingest.clean import clean_text
    from newsgraph.ingest.html import extract_html

    chars = 0
    for key, html in pages:
        try:
            page = extract_html(html, origin=key)
        except IngestError:
            continue
        chars += len(clean_text(page.text, title=page.title, extracted=True).text)
    return chars


def timed(fn: Callable[[list[tuple[str, str]]], int], pages: list[tuple[str, str]]) -> float:
    gc.collect()
    t0 = time.perf_counter()
    fn(pages)
    return time.perf_counter() - t0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=None, help="AEB-layout directory (default: shared aeb-dev)")
    ap.add_argument("--repeat", type=int, default=5, help="timed rounds per contender (default 5)")
    ap.add_argument("--limit", type=int, default=None, help="use only the first N pages")
    ap.add_argument("--json", action="store_true", help="print the result as JSON")
    args = ap.parse_args(argv)

    data_dir = args.data or shared_dir() / "eval" / "aeb-dev"
    if not (data_dir / "html").is_dir():
        print(f"skipped: {data_dir} not found (set NEWSGRAPH_SHARED or pass --data)")
        return 0
    pages = load_pages(data_dir, args.limit)
    if not pages:
        print(f"skipped: no pages in {data_dir / 'html'}")
        return 0
    contenders = {"trafilatura.extract": run_trafilatura, "extract_html+clean_text": run_pipeline}

    # Warm-up: imports, compiled patterns, lexicons, caches.
    for fn in contenders.values():
        fn(pages)
    times: dict[str, list[float]] = {name: [] for name in contenders}
    names = list(contenders)
    for r in range(args.repeat):
        for name in names if r % 2 == 0 else names[::-1]:
            times[name].append(timed(contenders[name], pages))

    base, ours = (statistics.median(times[n]) for n in names)
    ratio = ours / base
    # The fastest round is the least disturbed by other processes (the timeit convention).
    min_ratio = min(times[names[1]]) / min(times[names[0]])
    mb = sum(len(h.encode("utf-8")) for _k, h in pages) / 1e6
    result = {
        "pages": len(pages),
        "megabytes": round(mb, 2),
        "repeat": args.repeat,
        "median_s": {n: round(statistics.median(times[n]), 4) for n in names},
        "pages_per_s": {n: round(len(pages) / statistics.median(times[n]), 1) for n in names},
        "min_s": {n: round(min(times[n]), 4) for n in names},
        "all_s": {n: [round(t, 4) for t in times[n]] for n in names},
        "overhead_ratio": round(ratio, 3),
        "overhead_ratio_of_minimums": round(min_ratio, 3),
        "budget": BUDGET,
        "within_budget": ratio <= BUDGET,
        "python": sys.version.split()[0],
    }
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    print(f"{len(pages)} pages, {mb:.1f} MB of HTML, {args.repeat} interleaved rounds each")
    print(f"{'contender':<26} {'median s':>9} {'min s':>7} {'pages/s':>8}")
    for n in names:
        print(f"{n:<26} {result['median_s'][n]:>9.3f} {result['min_s'][n]:>7.3f} {result['pages_per_s'][n]:>8.1f}")
    verdict = "within" if ratio <= BUDGET else "OVER"
    print(f"overhead ratio {ratio:.3f} of medians ({verdict} the {BUDGET:.2f} budget), {min_ratio:.3f} of minimums")
    return 0


if __name__ == "__main__":
    sys.exit(main())
