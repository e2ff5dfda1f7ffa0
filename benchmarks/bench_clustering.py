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

``--articles N`` replicates only the first N articles, so each article's story of copies grows
N times faster than with the whole corpus (the cost of re-clustering a story grows with its held
members until it holds 32).

``--store``: the product's link step instead, :func:`newsgraph.store.links.link_documents` on a
DuckDB store (a temporary file), fed batches of ``--batch`` documents as the engine feeds them,
each stored first with synthetic NLP output (five events and two statements a document, actors
drawn from a short list; real BBC text, so copies and stories are real); reports the link step's
milliseconds per document, median of the eight batches after ``--at`` stored documents (default 100
and 1,000) and their ratio (1.0: the cost does not grow with the store).

    python benchmarks/bench_clustering.py --store [--at 100 1000] [--batch 32] [--json]
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


TYPES = ["AGREE", "CONSULT", "SUPPORT", "ACCUSE", "REJECT", "PROTEST", "ASSAULT"]
ACTORS = ["GBR", "USA", "FRA", "GBRGOV", "EU", "RUS", "CHN", "GBRBUS"]


def synthetic_document(doc_id: str, text: str, day: str, rng: random.Random):
    """A document as the NLP would leave it: real text, made-up events, statements and mentions."""
    from newsgraph.model import ChainLink, DateValue, Document, Event, Evidence, Mention, Statement

    paras = text.split("\n\n")
    events = [
        Event(f"e{k}", rng.choice(TYPES), None, [rng.choice(ACTORS)], [rng.choice(ACTORS)], "asserted", 0.8,
              DateValue(day), Evidence(paras[0][:40], 0, 40))
        for k in range(5)
    ]  # fmt: skip
    statements = [
        Statement(f"s{k}", rng.choice(ACTORS), "a minister", "said", paras[min(k + 1, len(paras) - 1)][:80],
                  "direct", None, [ChainLink("a minister")], 0, 10)
        for k in range(2)
    ]  # fmt: skip
    mentions = [Mention(a, 0, 1, "GPE", a) for a in rng.sample(ACTORS, 3)]
    return Document(doc_id, text, title=paras[0], published=day, paragraphs=paras[1:], events=events,
                    statements=statements, mentions=mentions)  # fmt: skip


def store_mode(args, articles) -> dict:
    import tempfile

    from newsgraph.store import Store
    from newsgraph.store.links import link_documents

    rng = random.Random(args.seed)
    articles = list(articles)
    rng.shuffle(articles)  # the corpus is in category order: long and short articles alike at every size
    total = max(args.at) + 8 * args.batch
    docs = [synthetic_document(d, text, day, rng) for d, text, day in stream(articles, total, 60, args.seed)]
    per_doc: list[tuple[int, float]] = []  # (documents stored before the batch, ms per document)
    both: list[tuple[int, float]] = []  # the same for the write and the link step together
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "bench.duckdb") as store:
        for start in range(0, total, args.batch):
            batch = docs[start : start + args.batch]
            t0 = time.perf_counter()
            store.add_documents(batch)
            t1 = time.perf_counter()
            link_documents(store, batch)
            t2 = time.perf_counter()
            per_doc.append((start, (t2 - t1) * 1000 / len(batch)))
            both.append((start, (t2 - t0) * 1000 / len(batch)))
            if not args.json:
                print(f"{start:>6} stored  link {per_doc[-1][1]:7.1f} ms/doc", file=sys.stderr, flush=True)

    def medians(rows: list[tuple[int, float]]) -> dict[int, float]:
        return {
            at: round(statistics.median([ms for n, ms in rows if at <= n < at + 8 * args.batch]), 2) for at in args.at
        }

    link, total = medians(per_doc), medians(both)
    lo, hi = min(args.at), max(args.at)
    return {
        "mode": "store",
        "batch": args.batch,
        "ms_per_document_at": link,
        "ratio_last_over_first": round(link[hi] / link[lo], 2),
        # the write and the link step together: the read side's counts follow the links in the one or the other
        "write_and_link_ms_per_document_at": total,
        "write_and_link_ratio": round(total[hi] / total[lo], 2),
        "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--docs", type=int, default=100_000)
    ap.add_argument("--block", type=int, default=10_000)
    ap.add_argument("--days", type=int, default=365)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--window", type=int, default=20_000, help="reprint index capacity (documents)")
    ap.add_argument("--open-stories", type=int, default=OPEN_STORIES, help="stories kept in memory")
    ap.add_argument("--articles", type=int, default=0, help="use only the first N articles (0: all)")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--store", action="store_true", help="time the product's link step on a DuckDB store")
    ap.add_argument("--at", type=int, nargs="+", default=[100, 1000], help="stored documents to time at")
    ap.add_argument("--batch", type=int, default=32, help="documents per link batch (--store)")
    args = ap.parse_args()
    bbc = SHARED / "corpus" / "bbc"
    if not bbc.is_dir():
        sys.exit(f"skipped: {bbc} not found (the data beside the project is not available)")
    articles = load_articles(bbc)
    if args.articles:  # fewer articles: each story of copies grows faster
        articles = articles[: args.articles]
    if args.store:
        print(json.dumps(store_mode(args, articles), indent=None if args.json else 2))
        return
    reprints = ReprintIndex(capacity=args.window)
    stories = StoryClusterer(track_members=False)
    blocks, copies, block_time, total, cpu0 = [], 0, 0.0, 0.0, time.process_time()
    start_rss = rss_mib()
    for n, (doc_id, text, day) in enumerate(stream(articles, args.docs, args.days, args.seed), 1):
        t0 = time.perf_counter()
        links = reprints.add(fingerprint(doc_id, text, None, day, n))
        origin = next((link.origin for link in links if link.doc_id == doc_id and link.origin != doc_id), None)
        stories.add(doc_id, text_features(text), day, copy_of=origin)  # as the product's link step does
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
