"""Crash-safety campaign: kill ``newsgraph analyze`` with SIGKILL N times at random points of an ingest.

Usage: ``python benchmarks/crash_safety.py [KILLS]`` (default 20).  Runs the harness of
``tests/hostile/test_hostile_crash.py`` with ``NEWSGRAPH_CRASH_KILLS=KILLS`` and prints its figures
(kills, documents found stored at the kills, documents lost after the re-run: must be 0).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

if __name__ == "__main__":
    os.environ["NEWSGRAPH_CRASH_KILLS"] = sys.argv[1] if len(sys.argv) > 1 else "20"
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    sys.exit(
        pytest.main([str(ROOT / "tests" / "hostile" / "test_hostile_crash.py"), "-q", "-s", "-p", "no:cacheprovider"])
    )
