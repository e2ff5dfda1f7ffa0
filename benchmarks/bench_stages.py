"""Cost of the newsgraph stages relative to the spaCy pipeline they extend.

Runs the base pipeline (tokenizer, tagger, parser, NER, ...) and then each of
our components over the same documents, and reports each stage's time as a
fraction of the base pipeline's.  The base pipeline is timed by running
``nlp.pipe`` with our components disabled; each stage is timed by calling it
on the finished ``Doc`` objects.  Several rounds; medians.

    python benchmarks/bench_stages.py [--docs 300] [--rounds 3] [--json]

Documents: the BBC news corpus in ../shared/corpus/bbc (skips with a message
when it is absent), else the bundled examples.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("NEWSGRAPH_SHARED", ROOT.parent / "shared"))


def corpus(n: int) -> list[tuple[str, str]]:
    bbc = SHARED / "corpus" / "bbc"
    if not bbc.is_dir():
        sys.exit(f"skipped: {bbc} not found (the data beside the project is not available)")
    files = sorted(bbc.rglob("*.txt"))
    files = files[:: max(1, len(files) // n)][:n]
    return [(f.read_text("latin-1"), "2005-01-01") for f in files]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--docs", type=int, default=300)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()

    from newsgraph.nlp.pipeline import STAGES, load_pipeline

    nlp = load_pipeline()
    texts = corpus(args.docs)
    chars = sum(len(t) for t, _ in texts)
    base_times: list[float] = []
    stage_times: dict[str, list[float]] = {s: [] for s in STAGES if s in nlp.pipe_names}
    for _ in range(args.rounds):
        docs = []
        for text, date in texts:
            doc = nlp.make_doc(text)
            doc._.published = date
            docs.append(doc)
        t0 = time.perf_counter()
        with nlp.select_pipes(disable=list(stage_times)):
            docs = list(nlp.pipe(docs, batch_size=32))
        base_times.append(time.perf_counter() - t0)
        for name in stage_times:
            component = nlp.get_pipe(name)
            t0 = time.perf_counter()
            for doc in docs:
                component(doc)
            stage_times[name].append(time.perf_counter() - t0)
    base = statistics.median(base_times)
    result = {
        "documents": len(texts),
        "characters": chars,
        "rounds": args.rounds,
        "base_pipeline_s": round(base, 3),
        "base_docs_per_s": round(len(texts) / base, 1),
        "stages": {
            name: {
                "seconds": round(statistics.median(ts), 3),
                "fraction_of_base": round(statistics.median(ts) / base, 4),
            }
            for name, ts in stage_times.items()
        },
    }
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(f"{len(texts)} documents, {chars} characters, median of {args.rounds} rounds")
    print(f"spaCy base pipeline: {base:.2f} s ({len(texts) / base:.1f} docs/s)")
    for name, r in result["stages"].items():
        print(f"  {name:24s} {r['seconds']:.3f} s  = {100 * r['fraction_of_base']:.1f}% of the base pipeline")


if __name__ == "__main__":
    main()
