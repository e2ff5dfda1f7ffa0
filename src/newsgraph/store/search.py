"""Full-text search over stored documents and statements: SQLite FTS5 beside the DuckDB file.

DuckDB's own ``fts`` extension is downloaded at run time, which an air-gapped install cannot do;
SQLite's FTS5 ships with Python.  The index is a cache of the store: a file ``<db>.search.sqlite``
next to the database (in memory when that place is not writable), brought up to date from the
documents ingested since it last looked, whenever a search runs, so the write path never touches it.
"""

from __future__ import annotations

import re
import sqlite3
import threading
from pathlib import Path

from newsgraph.store.queries.common import Con, parse_day

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS indexed (doc_id TEXT PRIMARY KEY);
CREATE VIRTUAL TABLE IF NOT EXISTS docs USING fts5(
    doc_id UNINDEXED, title, text, site UNINDEXED, source UNINDEXED, published UNINDEXED,
    tokenize = 'unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE IF NOT EXISTS stmts USING fts5(
    doc_id UNINDEXED, stmt_id UNINDEXED, content, speaker, tokenize = 'unicode61 remove_diacritics 2');
"""
_WORD = re.compile(r"\w+", re.UNICODE)


def match_expression(query: str) -> str | None:
    """The words of a free-text query as an FTS5 expression (all words, any order; a last word as a prefix).

    User text never reaches FTS5's own syntax: each word is quoted.
    """
    words = _WORD.findall(query or "")[:32]
    if not words:
        return None
    return " ".join(f'"{w}"' for w in words[:-1]) + (" " if len(words) > 1 else "") + f'"{words[-1]}"*'


class TextIndex:
    """The FTS5 index of one database (thread-safe: one lock around the SQLite connection)."""

    def __init__(self, db_path: str | Path) -> None:
        target = Path(f"{db_path}.search.sqlite")
        self._lock = threading.Lock()
        try:
            self._sql = sqlite3.connect(target, check_same_thread=False)
            self._sql.executescript(_SCHEMA)
        except sqlite3.Error:  # a read-only place: keep the index in memory for this process
            self._sql = sqlite3.connect(":memory:", check_same_thread=False)
            self._sql.executescript(_SCHEMA)
        self.path = target

    def close(self) -> None:
        self._sql.close()

    def sync(self, con: Con, batch: int = 5000) -> int:
        """Index the documents (and their statements) stored since the last sync; returns how many."""
        with self._lock:
            state = con.execute("SELECT count(*), max(ingested_at) FROM documents").fetchone()
            seen = dict(self._sql.execute("SELECT key, value FROM meta").fetchall())
            stamp = f"{state[0]}|{state[1]}"
            if seen.get("stamp") == stamp:
                return 0
            indexed = self._sql.execute("SELECT count(*) FROM indexed").fetchone()[0]
            since = seen.get("since")
            if indexed > state[0]:  # the database was replaced: start again
                self._sql.executescript("DELETE FROM indexed; DELETE FROM docs; DELETE FROM stmts; DELETE FROM meta;")
                since = None
            added = 0
            cur = con.cursor()
            cur.execute(
                "SELECT id, coalesce(title, ''), text, site, credited_source, CAST(published AS VARCHAR), "
                "CAST(ingested_at AS VARCHAR) FROM documents WHERE ingested_at >= coalesce(?::TIMESTAMP, "
                "'-infinity'::TIMESTAMP) ORDER BY ingested_at",
                [since],
            )
            while rows := cur.fetchmany(batch):
                fresh = [
                    r
                    for r in rows
                    if not self._sql.execute("SELECT 1 FROM indexed WHERE doc_id = ?", [r[0]]).fetchone()
                ]
                self._sql.executemany("INSERT INTO indexed VALUES (?)", [[r[0]] for r in fresh])
                self._sql.executemany("INSERT INTO docs VALUES (?, ?, ?, ?, ?, ?)", [r[:6] for r in fresh])
                ids = [r[0] for r in fresh]
                if ids:
                    stmts = con.execute(
                        "SELECT doc_id, id, coalesce(content, ''), coalesce(speaker_text, '') FROM statements "
                        "WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))",
                        [ids],
                    ).fetchall()
                    self._sql.executemany("INSERT INTO stmts VALUES (?, ?, ?, ?)", stmts)
                added += len(fresh)
                since = rows[-1][6]
            cur.close()
            self._sql.executemany(
                "INSERT OR REPLACE INTO meta VALUES (?, ?)", [("stamp", stamp), ("since", since or "")]
            )
            self._sql.commit()
            return added

    def documents(
        self,
        query: str,
        *,
        outlet: str | None = None,
        since: str | None = None,
        until: str | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> tuple[int, list[tuple[str, float, str]]]:
        """(total, [(doc_id, score, snippet)]) of the documents matching ``query``, best first."""
        expr = match_expression(query)
        if expr is None:
            return 0, []
        start, end = parse_day(since, "since"), parse_day(until, "until", end=True)
        where, params = ["docs MATCH ?"], [expr]
        if outlet:
            where.append("(lower(site) = lower(?) OR lower(source) = lower(?))")
            params += [outlet, outlet]
        if start:
            where.append("published >= ?")
            params.append(start.isoformat())
        if end:
            where.append("published <= ?")
            params.append(end.isoformat())
        cond = " AND ".join(where)
        with self._lock:
            total = self._sql.execute(f"SELECT count(*) FROM docs WHERE {cond}", params).fetchone()[0]
            rows = self._sql.execute(
                f"SELECT doc_id, bm25(docs, 0, 4.0, 1.0), snippet(docs, 2, '', '', ' … ', 24) FROM docs "
                f"WHERE {cond} ORDER BY rank LIMIT ? OFFSET ?",
                [*params, limit, offset],
            ).fetchall()
        return int(total), [(r[0], -float(r[1]), r[2]) for r in rows]

    def statements(self, query: str, *, limit: int = 50, offset: int = 0) -> tuple[int, list[tuple[str, str, float]]]:
        """(total, [(doc_id, statement_id, score)]) of the statements whose words or speaker match."""
        expr = match_expression(query)
        if expr is None:
            return 0, []
        with self._lock:
            total = self._sql.execute("SELECT count(*) FROM stmts WHERE stmts MATCH ?", [expr]).fetchone()[0]
            rows = self._sql.execute(
                "SELECT doc_id, stmt_id, bm25(stmts) FROM stmts WHERE stmts MATCH ? ORDER BY rank LIMIT ? OFFSET ?",
                [expr, limit, offset],
            ).fetchall()
        return int(total), [(r[0], r[1], -float(r[2])) for r in rows]
