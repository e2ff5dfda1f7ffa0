"""Scaling of the Ray runner from 1 to 2 workers on a local Ray instance (issue #13 item 4).

    .venv/bin/python benchmarks/bench_ray.py --limit 60 --json

Starts a local Ray instance with 2 CPUs once; a first run over 4 articles with 2 workers, one
input a task, starts both worker processes and loads their pipelines (``first_run_s``: the
start-up a job pays once, as each ``newsgraph analyze --engine ray`` does; the workers keep the
pipeline for the later runs of the job).  Then the seconds of a 2-document run with 1 and 2
workers (``two_doc_run_s``: what every run pays beside its documents -- Ray Data's planning and
the Parquet writes), and the same articles (default ``../shared/corpus/bbc``, the first
``--limit`` spread over its sections) into a fresh Parquet folder with 1 worker and with 2
workers, alternating ``--repeat`` times; reports medians of docs/s, ``scaling`` = docs/s(2) /
docs/s(1), and ``scaling_after_startup``, the scaling of the median runs less their 2-document
run (an estimate).  Time: about 3 * repeat * limit / (docs/s) seconds plus Ray's start-up: ~2
minutes for --limit 240 --repeat 2 on the 2-core development machine, lightly loaded.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path

from bench_throughput import _copy, _spread

from newsgraph.engines.bench import default_corpus
from newsgraph.engines.ray_runner import run_ray


def main() -> None:
    import ray

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=None)
    parser.add_argument("--limit", type=int, default=60)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    folder = args.corpus or default_corpus()
    if folder is None:
        raise SystemExit("no corpus: give --corpus DIR (../shared/corpus/bbc is not here)")
    paths = _spread(folder, args.limit)
    times: dict[int, list[float]] = {1: [], 2: []}
    startup: dict[int, float] = {}
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    try:
        with tempfile.TemporaryDirectory(prefix="newsgraph-ray-") as tmp:
            corpus = _copy(paths, Path(tmp) / "corpus", 1)
            warm = _copy(paths[:2], Path(tmp) / "warm", 1)
            first = _copy(paths[:4], Path(tmp) / "first", 1)
            start = time.perf_counter()  # starts both workers: each imports spaCy and loads the pipeline
            run_ray([str(first)], Path(tmp) / "first-run", workers=2, inputs_per_task=1)
            first_run = time.perf_counter() - start
            for workers in (1, 2):  # a 2-document run: what a run pays beside its documents
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
        # the job's first run, 4 articles on 2 workers: starting them (spaCy, the pipeline), once a job
        "first_run_s": round(first_run, 1),
        # the seconds of a 2-document run: what each timed run pays beside its documents
        "two_doc_run_s": {w: round(x, 1) for w, x in startup.items()},
        # an estimate of the scaling of the documents alone: each median run less its 2-document run
        "scaling_after_startup": round(
            (statistics.median(times[1]) - startup[1]) / max(1e-9, statistics.median(times[2]) - startup[2]), 3
        ),
    }
    print(json.dumps(figures) if args.json else figures)


if __name__ == "__main__":
    main()
