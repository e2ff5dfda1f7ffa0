"""Is the output of this checkout byte-identical to another's?  The check behind a speed change.

    .venv/bin/python benchmarks/same_output.py --before ../main-before [--batch-size 8] [--json]

Runs ``newsgraph analyze`` with each checkout's own ``src`` over the same inputs -- every
``--every``-th BBC article of ``../shared/corpus/bbc`` (30 of 2,225 by default), plus an empty file,
a missing file and a copy of the first article -- with ``--published 2005-01-01`` and ``--workers
1``: once ``--json --no-store`` and once ``--json --db`` into a new store, and compares what each
printed on stdout, its error lines (the store's path taken out) and a dump of every table of the
two stores (rows sorted; ``ingested_at``, ``seen_at`` and ``applied_at``, the time of the run,
blanked).  Prints one line per comparison and exits 1 when anything differs.  Both checkouts use
this Python (the same libraries); about 1-2 minutes.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

RUN_TIME_COLUMNS = ("ingested_at", "seen_at", "applied_at")


def dump_store(path: Path) -> str:
    """Every table of a store, rows sorted, the time-of-run columns blanked."""
    import duckdb

    con = duckdb.connect(str(path), read_only=True)
    try:
        out = []
        tables = con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' ORDER BY 1"
        ).fetchall()
        for (table,) in tables:
            columns = [
                r[0]
                for r in con.execute(
                    "SELECT column_name FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position",
                    [table],
                ).fetchall()
            ]
            select = ", ".join("NULL" if c in RUN_TIME_COLUMNS else f'"{c}"' for c in columns)
            rows = sorted(repr(r) for r in con.execute(f'SELECT {select} FROM "{table}"').fetchall())
            out.append(f"## {table} {columns} {len(rows)} rows")
            out.extend(rows)
        return "\n".join(out) + "\n"
    finally:
        con.close()


def inputs(corpus: Path, every: int, scratch: Path) -> list[str]:
    files = sorted(str(p) for p in corpus.glob("*/*.txt"))[::every]
    extra = scratch / "extra"
    extra.mkdir()
    (extra / "empty.txt").write_text("", "utf-8")
    shutil.copy(files[0], extra / "copy.txt")
    return [*files, str(extra / "empty.txt"), str(extra / "copy.txt"), str(extra / "missing.txt")]


def analyse(checkout: Path, files: list[str], out: Path, batch_size: int) -> dict[str, str]:
    """stdout and error lines of the two runs, and the store's dump, for one checkout."""
    env = {**os.environ, "PYTHONPATH": str(checkout / "src"), "HF_HUB_OFFLINE": "1"}
    command = [sys.executable, "-m", "newsgraph.cli", "analyze", *files, "--json", "--published", "2005-01-01"]
    command += ["--workers", "1", "--batch-size", str(batch_size)]
    found = {}
    db = out / "store.duckdb"
    for name, extra in (("no_store", ["--no-store"]), ("store", ["--db", str(db)])):
        done = subprocess.run(command + extra, cwd=checkout, env=env, capture_output=True, text=True, timeout=1800)
        found[f"{name}_stdout"] = done.stdout
        found[f"{name}_errors"] = done.stderr.replace(str(db), "DB")
    found["store_tables"] = dump_store(db)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--before", type=Path, required=True, help="the other checkout (its src is used)")
    parser.add_argument("--after", type=Path, default=Path(__file__).resolve().parent.parent)
    parser.add_argument("--corpus", type=Path, default=Path("../shared/corpus/bbc"))
    parser.add_argument("--every", type=int, default=75)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if not args.corpus.is_dir():
        raise SystemExit(f"no corpus at {args.corpus}: give --corpus DIR")
    with tempfile.TemporaryDirectory(prefix="newsgraph-same-") as tmp:
        scratch = Path(tmp)
        files = inputs(args.corpus.resolve(), args.every, scratch)
        results = {}
        for side, checkout in (("before", args.before), ("after", args.after)):
            (scratch / side).mkdir()
            results[side] = analyse(checkout.resolve(), files, scratch / side, args.batch_size)
    same = {key: results["before"][key] == results["after"][key] for key in results["before"]}
    documents = len(results["after"]["no_store_stdout"].splitlines())  # not a comparison of two empty outputs
    figures = {
        "inputs": len(files),
        "documents": documents,
        "batch_size": args.batch_size,
        "same": same,
        "identical": all(same.values()) and documents > 0,
    }
    if args.json:
        print(json.dumps(figures))
    else:
        print(f"{len(files)} inputs, {documents} documents")
        for key, equal in same.items():
            print(f"{key:>16}  {'same' if equal else 'DIFFERENT'}")
    sys.exit(0 if figures["identical"] else 1)


if __name__ == "__main__":
    main()
