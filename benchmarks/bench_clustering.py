"""Incremental linking at scale: reprint detection and same-story clustering of 100,000 documents.

The documents are the BBC corpus (``../shared/corpus/bbc``) replicated: document ``i`` is a
syndicated copy of article ``i mod N`` perturbed as :func:`newsgraph.eval.reprints.perturb`
perturbs (headline, date line, furniture, dropped/swapped paragraphs, trimmed ending, rewording,
typography), the first round being the articles themselves; documents are dated in a stream
(``--days`` days over the whole run), generated on the fly, and fed one by one to the link layer
directly: :class:`~newsgraph.link.reprints.ReprintIndex` (MinHash LSH, a window of ``--window``
documents) and
:class:`~newsgraph.link.stories.StoryClusterer` (inverted index, bounded postings, stories
evicted past ``--open-stories``).  No spaCy and no store: the story features are the cheap text
keys of :func:`~newsgraph.link.features.text_features`.  Only the link calls are timed.

Reports documents per second, the time of each block of ``--block`` documents (flat when the
cost of one addition does not grow with the store), RSS after each block and peak RSS.

    python benchmarks/bench_clustering.py [--docs 100000] [--block 10000] [--window 20000] [--json]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("NEWSGRAPH_SHARED", ROOT.parent / "shared"))
sys.path.insert(0, str(ROOT / "src"))

from newsgraph.eval.reprints import load_articles, perturb  # noqa: E402
from newsgraph.link.features import text_features  # noqa: E402
from newsgraph.link.reprints import ReprintIndex, fingerprint  # noqa: E402
from newsgraph.link.stories import StoryClusterer  # noqa: E402
from newsgraph.store.links import OPEN_STORIES  # noqa: E402


def rss_mib() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def stream(articles, n: int, days: int, seed: int):
    rng = random.Random(seed)
    base = dt.date(2005, 1, 1)
    for i in range(n):
        _, title, paras = articles[i % len(articles)]
        if i >= len(articles):
            title, paras = perturb(title, paras, rng)
        day = base + dt.timedelta(days=i * days // n)
        yield f"doc{i}", "\n\n".join([title, *paras]), day.isoformat()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--docs", type=int, default=100_000)
    ap.add_argument("--block", type=int, default=10_000)
    ap.add_argument("--days", type=int, default=365)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--window", type=int, default=20_000, help="reprint index capacity (documents)")
    ap.add_argument("--open-stories", type=int, default=OPEN_STORIES, help="stories kept in memory")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    bbc = SHARED / "corpus" / "bbc"
    if not bbc.is_dir():
        sys.exit(f"skipped: {bbc} not found (the data beside the project is not available)")
    articles = load_articles(bbc)
    reprints = ReprintIndex(capacity=args.window)
    stories = StoryClusterer(track_members=False)
    blocks, copies, block_time, total, cpu0 = [], 0, 0.0, 0.0, time.process_time()
    start_rss = rss_mib()
    for n, (doc_id, text, day) in enumerate(stream(articles, args.docs, args.days, args.seed), 1):
        t0 = time.perf_counter()
        links = reprints.add(fingerprint(doc_id, text, None, day, n))
        stories.add(doc_id, text_features(text), day)
        if n % 1000 == 0:
            stories.evict(args.open_stories)
        block_time += time.perf_counter() - t0
        copies += sum(1 for link in links if link.doc_id == doc_id)
        if n % args.block == 0 or n == args.docs:
            cpu = time.process_time()
            blocks.append(
                {
                    "documents": n,
                    "seconds": round(block_time, 2),
                    "cpu_seconds": round(cpu - cpu0, 2),  # the whole process, generation included
                    "rss_mib": round(rss_mib(), 1),
                }
            )
            cpu0 = cpu
            total += block_time
            block_time = 0.0
            if not args.json:
                b = blocks[-1]
                print(
                    f"{n:>7} docs  block {b['seconds']:7.2f} s  cpu {b['cpu_seconds']:7.2f} s"
                    f"  RSS {b['rss_mib']:8.1f} MiB",
                    file=sys.stderr,
                    flush=True,
                )
    per_block = [b["seconds"] for b in blocks if b["documents"] % args.block == 0]
    result = {
        "documents": args.docs,
        "articles": len(articles),
        "docs_per_second": round(args.docs / total, 1),
        "block": args.block,
        "block_seconds": per_block,
        "block_cpu_seconds": [b["cpu_seconds"] for b in blocks if b["documents"] % args.block == 0],
        "median_block_seconds": statistics.median(per_block) if per_block else None,
        "last_over_first_block": round(per_block[-1] / per_block[0], 2) if len(per_block) > 1 else None,
        "start_rss_mib": round(start_rss, 1),
        "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "rss_mib": [b["rss_mib"] for b in blocks],
        "linked_as_copies": copies,
        "open_stories": len(stories.stories),
        "reprint_window": len(reprints),
    }
    print(json.dumps(result, indent=None if args.json else 2))


if __name__ == "__main__":
    main()
