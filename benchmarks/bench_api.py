"""Latency of every read endpoint of the HTTP API on a store (medians of several runs, in process).

    python benchmarks/bench_api.py --db /tmp/bbc.duckdb [--runs 7] [--json]

The store of the 2,225 BBC articles is built with
``newsgraph analyze ../shared/corpus/bbc --db /tmp/bbc.duckdb``.  Requests go through FastAPI's
test client (routing, validation, the query, JSON encoding; no sockets).  The first search builds
the full-text index (timed apart as ``index build``); every URL is requested once before timing.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--db", required=True)
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    if not Path(args.db).exists():
        sys.exit(f"skipped: {args.db} not found (build it with newsgraph analyze ... --db {args.db})")
    from fastapi.testclient import TestClient

    from newsgraph.api import create_app

    client = TestClient(create_app(args.db))
    t0 = time.perf_counter()
    client.get("/api/documents", params={"q": "government"})
    index_build = time.perf_counter() - t0
    top = client.get("/api/actors", params={"limit": 2, "kind": "state"}).json()["items"]
    a, b = top[0]["id"], top[1]["id"]
    person = client.get("/api/actors", params={"limit": 1, "kind": "person"}).json()["items"][0]["id"]
    doc = client.get("/api/documents", params={"limit": 1}).json()["items"][0]["id"]
    urls = [
        "/api/stats",
        "/api/documents",
        "/api/documents?q=election+campaign",
        "/api/documents?since=2004-01-01&until=2005-12-31",
        f"/api/documents/{doc}",
        "/api/actors?q=united",
        f"/api/actors/{a}?date=2005-01-01",
        f"/api/actors/{a}/events",
        f"/api/actors/{person}/statements",
        f"/api/actors/{a}/timeline?interval=week",
        f"/api/dyads?a={a}&b={b}&interval=month",
        "/api/network",
        f"/api/network?actor={a}",
        "/api/events?type=ACCUSE",
        "/api/statements",
        f"/api/statements?about={a}",
        "/api/forecasts",
        "/api/forecasts?status=open",
        "/api/search?q=minister",
    ]
    rows = []
    for url in urls:
        r = client.get(url)
        if r.status_code != 200:
            sys.exit(f"{url}: HTTP {r.status_code} {r.text[:200]}")
        times = []
        for _ in range(args.runs):
            t = time.perf_counter()
            client.get(url)
            times.append((time.perf_counter() - t) * 1000)
        rows.append({"url": url, "median_ms": round(statistics.median(times), 1), "max_ms": round(max(times), 1)})
    report = {"db": args.db, "runs": args.runs, "index_build_s": round(index_build, 2), "endpoints": rows}
    if args.json:
        print(json.dumps(report, indent=2))
        return
    print(f"full-text index build (first search): {index_build:.2f} s")
    for row in rows:
        print(f"{row['median_ms']:8.1f} ms  (max {row['max_ms']:7.1f})  {row['url']}")


if __name__ == "__main__":
    main()
