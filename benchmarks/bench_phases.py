"""Where the local engine's CPU goes beside bare ``nlp.pipe`` (issue #13, the bench's ``ratio``).

    PYTHONPATH=src .venv/bin/python benchmarks/bench_phases.py --limit 300 --json

In one process, over the first ``--limit`` articles of the corpus (default ``../shared/corpus/bbc``,
the files ``newsgraph bench`` takes): CPU seconds of the ingest (read, clean, language), of bare
``nlp.pipe`` (the pipeline with the newsgraph stages, as the bench's bare side) and of our
``annotate`` over the same documents, alternating ``--repeat`` times, then of the store write (with
the forecast ledger and the derived tables) and of the link step, batch by batch into a new store,
with each batch's seconds (a trend there is a cost that grows with the store).  CPU seconds, not
wall: they hold on a shared machine.  About 2 minutes for 300 articles on a 2-core machine.
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import json
import statistics
import tempfile
import time
from pathlib import Path

from newsgraph.engines.bench import corpus_files, corpus_folder
from newsgraph.ingest import IngestError, iter_documents
from newsgraph.nlp.pipeline import annotate, load_pipeline
from newsgraph.store import Store
from newsgraph.store.links import link_documents


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=None)
    parser.add_argument("--limit", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    folder = corpus_folder(args.corpus)
    paths = corpus_files(folder, args.limit)
    nlp = load_pipeline()
    clock = time.process_time
    start = clock()
    docs = [d for d in iter_documents(paths) if not isinstance(d, IngestError)]
    ingest = clock() - start
    texts = [d.text for d in docs if d.language in (None, "en")]
    bare, ours, analysed = [], [], []
    for _ in range(args.repeat):
        start = clock()
        sum(1 for _ in nlp.pipe(texts, batch_size=args.batch_size))
        bare.append(clock() - start)
        fresh = copy.deepcopy(docs)
        start = clock()
        analysed = list(annotate(fresh, nlp, args.batch_size))
        ours.append(clock() - start)
    writes, links = [], []
    today = dt.date.today()
    with tempfile.TemporaryDirectory(prefix="newsgraph-phases-") as tmp, Store(Path(tmp) / "p.duckdb") as store:
        for i in range(0, len(analysed), args.batch_size):
            batch = analysed[i : i + args.batch_size]
            start = clock()
            results = list(store.add_documents(batch, resolve_on=today))
            middle = clock()
            new = [d for d, r in zip(batch, results, strict=True) if r and r.status in ("added", "replaced")]
            link_documents(store, new)
            writes.append(middle - start)
            links.append(clock() - middle)
    nlp_s = statistics.median(ours)
    figures = {
        "documents": len(docs),
        "ingest_s": round(ingest, 2),
        "bare_nlp_pipe_s": [round(x, 2) for x in bare],
        "annotate_s": [round(x, 2) for x in ours],
        "store_write_s": round(sum(writes), 2),
        "link_s": round(sum(links), 2),
        "write_per_batch_s": [round(x, 3) for x in writes],
        "link_per_batch_s": [round(x, 3) for x in links],
        # ours / bare if the wall time were the CPU time of these phases
        "cpu_ratio": round(statistics.median(bare) / (ingest + nlp_s + sum(writes) + sum(links)), 3),
    }
    print(json.dumps(figures) if args.json else figures)


if __name__ == "__main__":
    main()
