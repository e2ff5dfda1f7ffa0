"""Time-to-usable of the web app's first page (the network view), measured in a real browser.

Serves the database with ``newsgraph serve`` (its own process, on a free port of 127.0.0.1), opens
``/`` in headless chromium (Playwright) in a fresh browser context each round (nothing cached),
and records when the first view is drawn and usable: the page's ``ready:network`` performance
mark, set after the network is laid out and its legend and actor list are in place, counted from
the start of navigation.  Also the same after a reload in the warm context, when the API's data
and the graph library were in (the rest is layout and drawing), and the API answers the page
waits for.  Several rounds; medians.

    python benchmarks/bench_web.py --db /tmp/bbc.duckdb [--rounds 7] [--json]
"""

from __future__ import annotations

import argparse
import json
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

CHROMIUM = Path("/usr/bin/chromium")
READY = "body[data-ready='network']"
MARK = "() => performance.getEntriesByName('ready:network')[0]?.startTime ?? null"
DATA = "() => performance.getEntriesByName('network:data')[0]?.startTime ?? null"


def serve(db: str) -> tuple[subprocess.Popen, str]:
    """``newsgraph serve`` in a child process (not a thread: the browser driver must not share its GIL)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    cmd = [sys.executable, "-c", "from newsgraph.cli import app; app()", "serve", "--db", db, "--port", str(port)]
    proc = subprocess.Popen(cmd, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            httpx.get(f"{base}/api/stats", timeout=5).raise_for_status()
            return proc, base
        except httpx.HTTPError:
            if proc.poll() is not None:
                sys.exit(f"newsgraph serve --db {db} exited with {proc.returncode}")
            time.sleep(0.2)
    proc.kill()
    sys.exit("the server did not start within 120 s")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--db", required=True, help="The newsgraph database to serve.")
    ap.add_argument("--rounds", type=int, default=7)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    if not Path(args.db).exists():
        sys.exit(f"skipped: {args.db} not found")
    if not CHROMIUM.exists():
        sys.exit(f"skipped: {CHROMIUM} not found (apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    proc, base = serve(args.db)
    cold, warm, wall, api, data = [], [], [], [], []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=["--no-sandbox"])
            # One unmeasured round: the server's first answers warm its connection and caches.
            ctx = browser.new_context(viewport={"width": 1400, "height": 900})
            ctx.new_page().goto(base + "/")
            ctx.pages[0].wait_for_selector(READY, state="attached", timeout=60000)
            ctx.close()
            for _ in range(args.rounds):
                ctx = browser.new_context(viewport={"width": 1400, "height": 900})
                page = ctx.new_page()
                timings: dict[str, float] = {}
                page.on("requestfinished", lambda r, t=timings: _api_time(r, t))
                t0 = time.perf_counter()
                page.goto(base + "/", wait_until="commit")
                page.wait_for_selector(READY, state="attached", timeout=60000)
                wall.append((time.perf_counter() - t0) * 1000)
                cold.append(page.evaluate(MARK))
                data.append(page.evaluate(DATA))
                api.append(max(timings.values(), default=0.0))
                page.reload()
                page.wait_for_selector(READY, state="attached", timeout=60000)
                warm.append(page.evaluate(MARK))
                ctx.close()
            browser.close()
    finally:
        proc.terminate()
        proc.wait(timeout=30)

    out = {
        "db": args.db,
        "rounds": args.rounds,
        "first_page_usable_ms_cold": round(statistics.median(cold), 1),
        "first_page_usable_ms_warm": round(statistics.median(warm), 1),
        "first_page_wall_ms_cold": round(statistics.median(wall), 1),
        "data_in_ms_cold": round(statistics.median(data), 1),
        "slowest_api_call_ms": round(statistics.median(api), 1),
    }
    if args.json:
        print(json.dumps(out))
        return
    print(f"web app first page on {args.db} ({args.rounds} rounds, medians)")
    print(f"  usable, fresh browser context : {out['first_page_usable_ms_cold']:8.1f} ms (navigation start -> ready)")
    print(f"  usable, reload (warm cache)   : {out['first_page_usable_ms_warm']:8.1f} ms")
    print(f"  wall clock seen by the driver : {out['first_page_wall_ms_cold']:8.1f} ms")
    print(f"  of which data and library in  : {out['data_in_ms_cold']:8.1f} ms (the rest: layout and drawing)")
    print(f"  slowest API answer it waits on: {out['slowest_api_call_ms']:8.1f} ms")


def _api_time(request, timings: dict[str, float]) -> None:
    if "/api/" in request.url:
        t = request.timing
        timings[request.url] = t["responseEnd"] - t["requestStart"] if t["responseEnd"] > 0 else 0.0


if __name__ == "__main__":
    main()
