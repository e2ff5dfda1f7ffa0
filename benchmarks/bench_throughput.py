"""Throughput, scaling, no-op re-run, start-up and memory of the local engine (issue #13).

    .venv/bin/python benchmarks/bench_throughput.py --limit 200 --repeat 3 --json

Measures, in one run on the same articles (default ``../shared/corpus/bbc``, the first
``--limit``, spread over its sections):

* ``bench``: ``newsgraph bench`` at 1 and at 2 processes: docs/s, ratio to bare ``nlp.pipe`` of
  the same pipeline at the same process count, and ``scaling`` = docs/s(2) / docs/s(1);
* ``noop``: ``newsgraph analyze DIR --db FILE --json`` twice, as subprocesses; the second run
  finds every document stored: ``noop_ratio`` = second / first wall time;
* ``startup``: wall time of ``newsgraph analyze ONE_FILE --no-store --json`` (process start to
  exit, one short article), median of ``--repeat``;
* ``rss``: peak resident memory of the analysis (all processes) over ``--copies`` perturbed
  copies of the articles (each copy gets a distinct last line, so none is skipped as stored),
  against the same run over one copy.

Time: about (repeat * 4 + 3 + copies) * limit / (docs/s) seconds; ~10 minutes for --limit 100
--repeat 3 --copies 10 on a quiet 2-core machine.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from newsgraph.engines.bench import _tree_rss, corpus_files, corpus_folder, run_bench

NEWSGRAPH = [sys.executable, "-c", "from newsgraph.cli import app; app()"]


def _spread(folder: Path, limit: int) -> list[str]:
    """``limit`` articles taken in turn from each section, so every kind of article is in."""
    by_section: dict[str, list[str]] = {}
    for path in corpus_files(folder):
        by_section.setdefault(str(Path(path).parent), []).append(path)
    out: list[str] = []
    lists = [v for _k, v in sorted(by_section.items())]
    while len(out) < limit and any(lists):
        for paths in lists:
            if paths and len(out) < limit:
                out.append(paths.pop(0))
    return out


def _copy(paths: list[str], target: Path, copies: int) -> Path:
    target.mkdir(parents=True, exist_ok=True)
    for k in range(copies):
        for i, path in enumerate(paths):
            text = Path(path).read_text("utf-8", errors="replace")
            suffix = f"\n\n(Copy {k + 1} of this article.)\n" if k else ""
            (target / f"{k:02d}-{i:05d}.txt").write_text(text + suffix, "utf-8")
    return target


def _timed(args: list[str]) -> tuple[float, int, int]:
    """Wall seconds, peak RSS and peak PSS (bytes, the process and its children) of a subprocess."""
    peak = pss = 0
    start = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    done = threading.Event()

    def sample() -> None:
        nonlocal peak, pss
        while not done.wait(0.2):
            peak = max(peak, _tree_rss(proc.pid))
            pss = max(pss, _tree_rss(proc.pid, "Pss:"))

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    _out, err = proc.communicate()
    seconds = time.perf_counter() - start
    done.set()
    thread.join()
    if proc.returncode:
        raise SystemExit(f"{' '.join(args)} failed ({proc.returncode}): {err[-2000:]}")
    return seconds, peak, pss


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=None)
    parser.add_argument("--limit", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--copies", type=int, default=10, help="copies of the articles for the memory check (0: skip)")
    parser.add_argument(
        "--parts", default="bench,noop,startup,rss", help="comma-separated: bench, noop, startup, rss (default: all)"
    )
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    folder = corpus_folder(args.corpus)
    paths = _spread(folder, args.limit)
    parts = set(args.parts.split(","))
    figures: dict[str, object] = {"documents": len(paths), "cores": os.cpu_count(), "load": os.getloadavg()}
    with tempfile.TemporaryDirectory(prefix="newsgraph-bench-") as tmp:
        corpus = _copy(paths, Path(tmp) / "corpus", 1)
        if "bench" in parts:
            one = run_bench(corpus, workers=1, repeat=args.repeat)
            two = run_bench(corpus, workers=2, repeat=args.repeat)
            figures["bench_1"], figures["bench_2"] = one, two
            figures["scaling"] = round(two["docs_per_s"] / one["docs_per_s"], 3)

        if "noop" in parts:
            db = Path(tmp) / "noop.duckdb"
            first = _timed([*NEWSGRAPH, "analyze", str(corpus), "--db", str(db), "--json"])[0]
            second = _timed([*NEWSGRAPH, "analyze", str(corpus), "--db", str(db), "--json"])[0]
            ratio = round(second / first, 4)
            figures["noop"] = {"first_s": round(first, 2), "second_s": round(second, 2), "ratio": ratio}

        if "startup" in parts:
            single = Path(tmp) / "one.txt"
            single.write_text("Russia accused Ukraine of shelling the plant on Monday.\n", "utf-8")
            args_one = [*NEWSGRAPH, "analyze", str(single), "--no-store", "--json"]
            starts = [_timed(args_one)[0] for _ in range(args.repeat)]
            figures["startup_s"] = round(statistics.median(starts), 2)

        if args.copies and "rss" in parts:
            big = _copy(paths, Path(tmp) / "big", args.copies)
            rss = {}
            for name, source in (("1x", corpus), (f"{args.copies}x", big)):
                target = Path(tmp) / f"rss-{name}.duckdb"
                seconds, peak, pss = _timed([*NEWSGRAPH, "analyze", str(source), "--db", str(target), "--json"])
                rss[name] = {
                    "peak_rss_mb": round(peak / 2**20, 1),
                    "peak_pss_mb": round(pss / 2**20, 1),
                    "seconds": round(seconds, 1),
                }
                target.unlink(missing_ok=True)
            figures["rss"] = rss
            shutil.rmtree(big, ignore_errors=True)
    if args.json:
        print(json.dumps(figures))
    else:
        for key, value in figures.items():
            print(f"{key}: {value}")


if __name__ == "__main__":
    main()
