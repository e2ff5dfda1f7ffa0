"""Scaling of the Ray runner from 1 to 2 workers on a local Ray instance (issue #13 item 4).

    .venv/bin/python benchmarks/bench_ray.py --limit 60 --json

Starts a local Ray instance with ``max(--workers)`` CPUs once, warms the actors' start-up out of
the timing (a first tiny run), then analyses the same articles (default ``../shared/corpus/bbc``,
the first ``--limit`` spread over its sections) into a fresh Parquet folder with 1 worker and with
2 workers, alternating ``--repeat`` times; reports medians of docs/s and ``scaling`` =
docs/s(2) / docs/s(1), and the seconds of a 2-document run with 1 and 2 workers (``two_doc_run_s``:
nearly all the actors' start-up, which every timed run pays once) with ``scaling_after_startup``, the
scaling of the median runs less those seconds (an estimate).  Time: about
3 * repeat * limit / (docs/s) seconds plus Ray's start-up: ~2 minutes for --limit 240 --repeat 2 on
the 2-core development machine, lightly loaded.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path

from bench_throughput import _copy, _spread

from newsgraph.engines.bench import corpus_folder
from newsgraph.engines.ray_runner import run_ray


def main() -> None:
    import ray

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=None)
    parser.add_argument("--limit", type=int, default=60)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    folder = corpus_folder(args.corpus)
    paths = _spread(folder, args.limit)
    times: dict[int, list[float]] = {1: [], 2: []}
    startup: dict[int, float] = {}
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    try:
        with tempfile.TemporaryDirectory(prefix="newsgraph-ray-") as tmp:
            corpus = _copy(paths, Path(tmp) / "corpus", 1)
            warm = _copy(paths[:2], Path(tmp) / "warm", 1)
            for workers in (1, 2):  # the first run of each pays Ray's worker start-up, not timed
                run_ray([str(warm)], Path(tmp) / f"warm-{workers}", workers=workers)
            for workers in (1, 2):  # a 2-document run: mostly the actors' start-up (pipeline load)
                start = time.perf_counter()
                run_ray([str(warm)], Path(tmp) / f"start-{workers}", workers=workers)
                startup[workers] = time.perf_counter() - start
            for i in range(args.repeat):
                for workers in (1, 2):
                    out = Path(tmp) / f"out-{workers}-{i}"
                    start = time.perf_counter()
                    stats = run_ray([str(corpus)], out, workers=workers, inputs_per_task=4)
                    times[workers].append(time.perf_counter() - start)
                    assert stats.documents == len(paths), stats
    finally:
        ray.shutdown()
    rate = {w: len(paths) / statistics.median(t) for w, t in times.items()}
    figures = {
        "documents": len(paths),
        "docs_per_s_1": round(rate[1], 3),
        "docs_per_s_2": round(rate[2], 3),
        "scaling": round(rate[2] / rate[1], 3),
        "seconds": {w: [round(x, 1) for x in t] for w, t in times.items()},
        # each timed run starts new actors that import spaCy and load the pipeline: the seconds of a
        # 2-document run, for the share of that start-up in each timed run
        "two_doc_run_s": {w: round(x, 1) for w, x in startup.items()},
        # an estimate of the scaling once the actors are up: each median run less its 2-document run
        "scaling_after_startup": round(
            (statistics.median(times[1]) - startup[1]) / max(1e-9, statistics.median(times[2]) - startup[2]), 3
        ),
    }
    print(json.dumps(figures) if args.json else figures)


if __name__ == "__main__":
    main()
