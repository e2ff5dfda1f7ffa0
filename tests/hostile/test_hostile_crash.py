"""Crash safety: ``newsgraph analyze`` killed with SIGKILL at random points of an ingest.

After each kill the store must open, hold no half-written document (a
document's rows in every table are all there or all absent, compared with a
clean run), keep a consistent forecast ledger, and a re-run must converge to
the clean result.  The real pipeline runs on small synthetic articles.

The default is two kills (about 30 s).  ``NEWSGRAPH_CRASH_KILLS=20 pytest
tests/hostile/test_hostile_crash.py`` (or ``benchmarks/crash_safety.py``)
runs a longer campaign for docs/RELIABILITY.md; CI does not set it.
"""

from __future__ import annotations

import os
import random
import signal
import sys
import time
from pathlib import Path

import pytest

from newsgraph.engines.local import run
from newsgraph.store import Store

TABLES = ("documents", "mentions", "document_actors", "events", "statements", "times", "forecasts")
PAIRS = [
    ("Russia", "China", "sign a trade agreement with", "signed a trade agreement with"),
    ("France", "Germany", "hold talks with", "held talks with"),
    ("Japan", "India", "sign a defence pact with", "signed a defence pact with"),
    ("Brazil", "Argentina", "meet", "met"),
]


def _articles(folder: Path) -> None:
    """Pairs of articles: a prediction, then a later report that it came true."""
    folder.mkdir()
    for i, (a, b, will, did) in enumerate(PAIRS):
        (folder / f"{i:02d}a.txt").write_text(
            f"Talks {i}\n\nPublished: 2023-0{1 + i % 6}-05\n\n"
            f"The foreign minister of {a} said on Monday that {a} will {will} {b} next month. "
            f"Officials in {b} said they expected progress, according to a statement.\n",
            "utf-8",
        )
        (folder / f"{i:02d}b.txt").write_text(
            f"Report {i}\n\nPublished: 2023-0{2 + i % 6}-20\n\n"
            f"{a} {did} {b} on Tuesday, the foreign ministry said. "
            f"The president of {a} welcomed the outcome and praised {b}.\n",
            "utf-8",
        )


def _snapshot(db: Path) -> dict[str, dict[str, int]]:
    """Rows per document in every table, and the forecast ledger, as comparable data."""
    with Store(str(db)) as store:
        con = store.con
        shot = {
            table: dict(
                con.execute(
                    f"SELECT {'id' if table == 'documents' else 'doc_id'}, count(*) FROM {table} GROUP BY 1"
                ).fetchall()
            )  # noqa: S608
            for table in TABLES
        }
        ledger = con.execute("SELECT doc_id, id, status FROM forecasts ORDER BY 1, 2").fetchall()
        orphans = sum(
            con.execute(f"SELECT count(*) FROM {t} WHERE doc_id NOT IN (SELECT id FROM documents)").fetchone()[0]  # noqa: S608
            for t in TABLES[1:]
        )
    shot["ledger"] = {f"{d}/{f}": s for d, f, s in ledger}
    shot["orphans"] = {"rows": orphans}
    return shot


def _check_consistent(shot: dict, clean: dict) -> None:
    assert shot["orphans"]["rows"] == 0, "rows of a document that is not stored"
    for doc_id in shot["documents"]:
        assert doc_id in clean["documents"], f"unknown document {doc_id}"
        for table in TABLES[1:]:
            assert shot[table].get(doc_id, 0) == clean[table].get(doc_id, 0), f"{doc_id} half-written in {table}"
    for key, status in shot["ledger"].items():
        assert status in ("open", "due", "came_true", "expired"), key


class _Ingest:
    """``newsgraph analyze FOLDER --db DB --batch-size 2 --json`` in a forked child process.

    Forked from the test process, whose pipeline is loaded already, so that a kill costs no
    start-up; the child runs the real command line (the typer app) and its stdout is a pipe.
    """

    def __init__(self, folder: Path, db: Path) -> None:
        read, write = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:  # the child: run the command, never return into pytest
            code = 1
            try:
                os.close(read)
                os.dup2(write, 1)
                devnull = os.open(os.devnull, os.O_WRONLY)
                os.dup2(devnull, 2)
                from newsgraph.cli import app

                app(["analyze", str(folder), "--db", str(db), "--batch-size", "2", "--json"], standalone_mode=False)
                code = 0
            finally:
                sys.stdout.flush()
                os._exit(code)
        os.close(write)
        self.out = os.fdopen(read, "rb")

    def first_line(self) -> bytes:
        return self.out.readline()

    def kill(self) -> None:
        os.kill(self.pid, signal.SIGKILL)
        self.wait()

    def wait(self) -> int:
        _, status = os.waitpid(self.pid, 0)
        self.out.close()
        return status


def crash_campaign(tmp: Path, kills: int, seed: int = 14) -> dict[str, int]:
    """Kill ``kills`` ingests at random points, checking the store after each; returns the figures."""
    rng = random.Random(seed)
    folder = tmp / "in"
    _articles(folder)
    clean_db = tmp / "clean.duckdb"
    with Store(str(clean_db)) as store:
        stats = run([str(folder)], store=store, batch_size=2)
    assert stats.documents == 2 * len(PAIRS)
    clean = _snapshot(clean_db)
    db = tmp / "crash.duckdb"
    figures = {"kills": 0, "stored_at_kill": 0, "documents": len(clean["documents"]), "lost": 0}
    for _ in range(kills):
        ingest = _Ingest(folder, db)
        # Wait for the first analysed document of this run (batches are being written), then
        # kill at a random moment of the rest of the ingest.
        first = ingest.first_line()
        time.sleep(rng.uniform(0, 0.8) if first else 0)
        ingest.kill()
        figures["kills"] += 1
        shot = _snapshot(db)
        _check_consistent(shot, clean)
        figures["stored_at_kill"] += len(shot["documents"])
    ingest = _Ingest(folder, db)
    while ingest.out.readline():
        pass
    assert ingest.wait() == 0
    final = _snapshot(db)
    _check_consistent(final, clean)
    figures["lost"] = len(set(clean["documents"]) - set(final["documents"]))
    assert final == clean, "the re-run did not converge to the clean result"
    return figures


def test_kill_minus_nine_during_ingest_loses_nothing(tmp_path: Path, nlp) -> None:  # noqa: ARG001 - nlp loads the pipeline once
    kills = int(os.environ.get("NEWSGRAPH_CRASH_KILLS", "2"))
    figures = crash_campaign(tmp_path, kills)
    assert figures["lost"] == 0
    print(f"crash campaign: {figures}")


if __name__ == "__main__":  # pragma: no cover - run through benchmarks/crash_safety.py
    pytest.main([__file__, "-q", "-s"])
