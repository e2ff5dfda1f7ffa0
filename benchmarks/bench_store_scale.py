"""The read side at scale: a store of 10 million synthetic events, and the queries the API runs on it.

    python benchmarks/bench_store_scale.py [--events 10000000] [--runs 5] [--keep] [--json]

Builds ``/tmp/newsgraph-scale.duckdb`` with DuckDB SQL (documents, actors, events, statements and
mentions with a skewed actor distribution, so the busiest actor is in ~10 % of the events; every
tenth document reprinted once, its events clustered with the reprint's), fills
the derived tables of migration 007 with the migration's own backfill, builds the full-text index,
then times (median of ``--runs``, after one warm-up) what the API answers:

* the dyad timeline of the busiest pair (``/api/dyads``, per month);
* the busiest actor's events, newest first, one page (``/api/actors/{id}/events``);
* the busiest speaker's statements, one page (``/api/actors/{id}/statements``);
* the network of one month (``/api/network``);
* text search (``/api/documents?q=``): the synthetic text draws word k of a 50,000-word vocabulary
  with probability ~1/k (a long tail, as in real text); "w20 w300" matches ~0.5 % of the documents.

The files are deleted afterwards unless ``--keep``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

DB = Path("/tmp/newsgraph-scale.duckdb")
EVENTS_PER_DOC = 20
N_ACTORS = 2000
TYPES = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
         "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"]  # fmt: skip
WORDS = ["talks", "ministers", "border", "ceasefire", "sanctions", "trade", "election", "summit", "troops",
         "aid", "protest", "minister", "treaty", "oil", "gas", "nuclear", "refugees", "court", "parliament",
         "budget"]  # fmt: skip


def build(n_events: int) -> dict[str, float]:
    from newsgraph.store import Store

    for suffix in ("", ".wal", ".search.sqlite"):
        Path(f"{DB}{suffix}").unlink(missing_ok=True)
    n_docs = max(1, n_events // EVENTS_PER_DOC)
    timings = {}
    t = time.perf_counter()
    store = Store(DB)
    con = store.con
    con.execute("SET memory_limit = '3GB'")
    types = "[" + ", ".join(f"'{x}'" for x in TYPES) + "]"
    words = "[" + ", ".join(f"'{x}'" for x in WORDS) + "]"
    # actor k is drawn with probability ~ 1/k (skewed: a few actors are in most of the news)
    rank = f"CAST(least({N_ACTORS} - 1, floor(exp(random() * ln({N_ACTORS})) - 1)) AS INTEGER)"
    actor = f"'A' || lpad({rank}::VARCHAR, 4, '0')"
    con.execute(
        f"""INSERT INTO actors SELECT 'A' || lpad(i::VARCHAR, 4, '0'), 'Actor ' || i,
            CASE WHEN i < 200 THEN 'state' WHEN i < 500 THEN 'igo' ELSE 'person' END,
            'C' || lpad((i % 200)::VARCHAR, 2, '0'), NULL, NULL, NULL FROM range({N_ACTORS}) t(i)"""
    )
    con.execute(
        f"""INSERT INTO documents (id, url, version, title, published, text, paragraphs, duplicates_removed,
            boilerplate, offsets, notes, ingested_at)
        SELECT md5(i::VARCHAR), 'https://example.org/' || i, 1, 'Report ' || i,
               DATE '2023-01-01' + CAST(i * 730 // {n_docs} AS INTEGER),
               list_aggregate(list_transform(range(60), lambda x: 'w' || CAST(floor(exp(random() * ln(50000)))
                              AS INTEGER)), 'string_agg', ' '),
               '[]', 0, '[]', '[]', '[]', TIMESTAMP '2024-01-01' + INTERVAL (i) SECOND
        FROM range({n_docs}) t(i)"""
    )
    con.execute(
        f"""INSERT INTO events (doc_id, id, type, cameo, source, target, modality, certainty, date, evidence,
            intensity, goldstein, background)
        SELECT doc_id, 'ev-' || j, {types}[1 + (k % 16)], lpad(((k % 20) + 1)::VARCHAR, 2, '0') || '0',
               '["' || a1 || '"]', '["' || a2 || '"]',
               CASE WHEN k % 10 < 8 THEN 'asserted' WHEN k % 10 = 8 THEN 'reported' ELSE 'predicted' END, 0.9,
               '{{"value": "' || day || '", "from": "' || day || '", "to": "' || day || '"}}',
               '{{"text": "x", "start": 0, "end": 1}}', ((k % 16) - 7.5) * 1.2, ((k % 16) - 7.5), false
        FROM (SELECT d.id AS doc_id, d.published AS day, j, CAST(floor(random() * 1000000) AS INTEGER) AS k,
                     {actor} AS a1, {actor} AS a2 FROM documents d, range({EVENTS_PER_DOC}) t(j))"""
    )
    con.execute(
        f"""INSERT INTO statements (doc_id, id, speaker, speaker_text, cue, content, form, date, chain, start, "end")
        SELECT id, 'st-' || j, {actor}, 'Speaker', 'said', 'the talks on ' || {words}[1 + j * 3] || ' go on',
               'indirect', NULL, '[]', 0, 40
        FROM documents, range(4) t(j)"""
    )
    con.execute(
        f"""INSERT INTO mentions SELECT doc_id, row_number() OVER (PARTITION BY doc_id), 5, 10, 'Actor', 'ORG',
            {actor} FROM statements"""
    )
    # Every tenth document is reprinted once (the next one): the link step's output for the pair, one
    # event cluster per event of the two, from one source, so aggregates count events, not mentions.
    con.execute(
        f"""INSERT INTO event_clusters SELECT md5((i + k)::VARCHAR), 'ev-' || j, 'c' || i || '-' || j, 's' || i,
            'doc:' || md5(i::VARCHAR), 'relayed' FROM range(0, {n_docs} - 1, 10) t(i), range(2) u(k),
            range({EVENTS_PER_DOC}) v(j)"""
    )
    con.execute(
        f"""INSERT INTO link_fingerprints (doc_id, seq) SELECT md5((i + k)::VARCHAR), i + k
            FROM range(0, {n_docs} - 1, 10) t(i), range(2) u(k)"""
    )
    timings["generate_s"] = time.perf_counter() - t
    t = time.perf_counter()
    from newsgraph.store import derived

    # The migration's backfill (007), which loads each derived table in read order (actors and pairs
    # together, edges by day: DuckDB's zone maps then skip every row group but those asked for);
    # rows that ingest adds later append.  Its indexes were made on the empty tables: made again after.
    for table in ("event_actors", "statement_actors"):
        con.execute(f"DROP INDEX {table}_actor; DROP INDEX {table}_doc")
    derived.backfill(con)
    con.execute("CHECKPOINT")
    timings["derive_s"] = time.perf_counter() - t
    counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in
              ("documents", "events", "statements", "event_actors", "dyad_days", "statement_actors", "event_edges",
               "statement_edges", "event_clusters")}  # fmt: skip
    store.close()
    t = time.perf_counter()
    from newsgraph.store.queries import open_for_reading
    from newsgraph.store.search import TextIndex

    with open_for_reading(DB) as reader:
        index = TextIndex(DB)
        index.sync(reader.con)
        index.close()
    timings["search_index_s"] = time.perf_counter() - t
    return {**timings, **counts}


def measure(runs: int) -> dict[str, dict[str, float]]:
    from newsgraph.store.queries import (
        dyad_series,
        find_documents,
        find_events,
        find_statements,
        network,
        open_for_reading,
    )
    from newsgraph.store.search import TextIndex

    reader = open_for_reading(DB)
    con = reader.con
    index = TextIndex(DB)
    a, b = con.execute(
        "SELECT source, target FROM dyad_days WHERE source <> target GROUP BY ALL ORDER BY sum(events) DESC LIMIT 1"
    ).fetchone()
    speaker = con.execute(
        "SELECT actor_id FROM statement_actors WHERE role = 'speaker' GROUP BY 1 ORDER BY count(*) DESC LIMIT 1"
    ).fetchone()[0]
    busiest = con.execute(
        "SELECT count(*) FROM (SELECT DISTINCT doc_id, event_id FROM event_actors WHERE actor_id = ?)", [a]
    ).fetchone()[0]
    cases = {
        "dyad timeline (month)": lambda: dyad_series(con, [a], [b], interval="month"),
        "actor events (page of 50)": lambda: find_events(con, actor=a, limit=50),
        "actor statements (page of 50)": lambda: find_statements(con, speaker=speaker, limit=50),
        "network of a month": lambda: network(con, since="2024-03-01", until="2024-03-31"),
        "text search, two words (page of 50)": lambda: find_documents(con, q="w20 w300", index=index, limit=50),
        "text search, rare word (page of 50)": lambda: find_documents(con, q="w4000", index=index, limit=50),
    }
    out = {}
    for name, fn in cases.items():
        fn()
        times = []
        for _ in range(runs):
            t = time.perf_counter()
            fn()
            times.append((time.perf_counter() - t) * 1000)
        out[name] = {"median_ms": round(statistics.median(times), 1), "max_ms": round(max(times), 1)}
    out["_context"] = {"busiest_actor_events": busiest, "pair": [a, b], "speaker": speaker}
    index.close()
    reader.close()
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--events", type=int, default=10_000_000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--keep", action="store_true", help="Keep the database afterwards.")
    ap.add_argument("--reuse", action="store_true", help="Time an existing database without rebuilding it.")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    try:
        built = {} if args.reuse and DB.exists() else build(args.events)
        report = {"events": args.events, "build": built, "queries": measure(args.runs)}
        report["disk_mb"] = round(sum(p.stat().st_size for p in DB.parent.glob(DB.name + "*")) / 2**20)
    finally:
        if not args.keep:
            for suffix in ("", ".wal", ".search.sqlite"):
                Path(f"{DB}{suffix}").unlink(missing_ok=True)
    if args.json:
        print(json.dumps(report, indent=2))
        return
    print(json.dumps(report["build"], indent=1))
    for name, row in report["queries"].items():
        if not name.startswith("_"):
            print(f"{row['median_ms']:8.1f} ms  (max {row['max_ms']:7.1f})  {name}")
    print(report["queries"]["_context"], f"disk {report['disk_mb']} MB")


if __name__ == "__main__":
    main()
