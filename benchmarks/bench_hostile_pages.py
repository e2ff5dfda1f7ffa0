"""Cleaning time of adversarial pages (the inputs that made ingest regexes backtrack, issue #14).

Usage: ``python benchmarks/bench_hostile_pages.py`` -- prints, for each page of
``tests/hostile/test_hostile_regex.py::PAGES``, its size and the median of three cleaning runs.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "hostile"))

import contextlib

from test_hostile_regex import PAGES  # noqa: E402

from newsgraph.ingest.base import IngestError, RawItem  # noqa: E402
from newsgraph.ingest.document import to_document  # noqa: E402


def main() -> None:
    for name, (data, kind) in PAGES.items():
        runs = []
        for _ in range(3):
            start = time.perf_counter()
            with contextlib.suppress(IngestError):
                to_document(RawItem(origin=name, data=data, kind=kind))
            runs.append(time.perf_counter() - start)
        print(f"{name:40s} {len(data) / 1e6:6.2f} MB  {statistics.median(runs):6.2f} s")


if __name__ == "__main__":
    main()
