"""Inputs cleaned before, remembered across runs, so a re-run does not clean what it has seen.

Reading an input is cheap; cleaning it (decoding, extraction, cleaning, dates, language) costs
5-10 ms a document and the language models' load, so a re-run of a corpus that is all stored
spent nearly all its time cleaning articles only to find each one stored (issue #13).  The memo
maps a hash of a raw input -- its bytes, where it came from, what its container said about it,
the ``--published`` default, and the code and library versions that clean it -- to what the
engine needs to skip it: the document id, its analysis key under a pipeline, its origin, URL and
the notes cleaning made.  A hit whose document is stored with that key is skipped without
cleaning; any other hit is cleaned as usual (:func:`newsgraph.ingest.clean_item`).

It memoises a pure function, so it can only be stale if that function changes, and then its key
changes.  It lives in SQLite (the standard library: a point lookup is microseconds, and
concurrent processes lock it) in the compiled-cache folder (:func:`newsgraph.kb.cache.cache_dir`;
``NEWSGRAPH_CACHE=off`` turns it off).  Any failure to read or write it turns it off for the
run: the memo can only make a run faster, never change what it does.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import sqlite3
import time
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata, resources
from pathlib import Path

from newsgraph import __version__
from newsgraph.ingest import Limits, RawItem
from newsgraph.model import Document

# Rows kept: past it the least recently written are dropped (a row is ~300 bytes).
MAX_ROWS = 500_000
# Libraries whose version can change what cleaning makes of the same bytes.
_LIBRARIES = ("charset-normalizer", "lxml", "ftfy", "lingua-language-detector", "dateparser")
_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS inputs (key TEXT NOT NULL, pipeline TEXT NOT NULL, doc_id TEXT NOT NULL, "
    "analysis_key TEXT NOT NULL, origin TEXT, url TEXT, notes TEXT, written REAL NOT NULL, "
    "PRIMARY KEY (key, pipeline))"
)


@dataclass(slots=True)
class Remembered:
    """What cleaning an input made, as far as deciding to skip it needs."""

    doc_id: str
    analysis_key: str
    origin: str | None
    url: str | None
    notes: list[str]

    def document(self, pipeline: str) -> Document:
        """A stand-in for the cleaned document, enough for the store to record it as seen again."""
        return Document(
            id=self.doc_id,
            text="",
            origin=self.origin,
            url=self.url,
            notes=list(self.notes),
            analysis_key=self.analysis_key,
            pipeline=pipeline,
        )


@lru_cache(maxsize=1)
def code_version() -> str:
    """A hash of the code and data that clean an input and key its analysis, and of the versions
    of the libraries they use: a change to any of them makes every remembered input new."""
    digest = hashlib.sha256(f"{__version__}\0".encode())
    for name in _LIBRARIES:
        try:
            digest.update(f"{name}={metadata.version(name)}\0".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name}=-\0".encode())
    package = resources.files("newsgraph")
    paths = [*_files(package.joinpath("ingest")), package.joinpath("model.py"), package.joinpath("nlp", "identity.py")]
    for path in sorted(paths, key=str):
        digest.update(str(path).rsplit("newsgraph/", 1)[-1].encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()[:32]


def _files(root):
    for entry in root.iterdir():
        if entry.is_dir():
            if entry.name != "__pycache__":
                yield from _files(entry)
        elif not entry.name.startswith(".") and not entry.name.endswith(".pyc"):
            yield entry


def input_key(item: RawItem, limits: Limits) -> str:
    """The hash of everything cleaning ``item`` depends on."""
    digest = hashlib.sha256(code_version().encode())
    meta = item.meta
    if limits.default_published != "file":  # the file's date is read only for --published file
        meta = {k: v for k, v in meta.items() if k != "file_date"}
    head = [item.origin, item.kind, item.url, sorted(meta.items()), item.warnings, limits.default_published]
    digest.update(json.dumps(head, ensure_ascii=False, default=str).encode("utf-8", "surrogatepass") + b"\0")
    data = item.data
    digest.update(data if isinstance(data, bytes) else b"\1" + data.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


class InputMemo:
    """The memo in one SQLite file (see the module docstring); every method fails quietly."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.con: sqlite3.Connection | None = None
        self._pending: list[tuple] = []
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.con = sqlite3.connect(path, timeout=5, isolation_level=None)
            self.con.execute(_SCHEMA)
        except (OSError, sqlite3.Error):
            self._off()

    def get(self, key: str, pipeline: str) -> Remembered | None:
        if self.con is None:
            return None
        try:
            row = self.con.execute(
                "SELECT doc_id, analysis_key, origin, url, notes FROM inputs WHERE key = ? AND pipeline = ?",
                (key, pipeline),
            ).fetchone()
            return Remembered(row[0], row[1], row[2], row[3], json.loads(row[4] or "[]")) if row else None
        except (sqlite3.Error, ValueError, TypeError):
            self._off()
            return None

    def put(self, key: str, document: Document) -> None:
        """Remember what cleaning made (written with the next :meth:`flush`)."""
        if self.con is None or not document.analysis_key or not document.pipeline:
            return
        notes = json.dumps(document.notes, ensure_ascii=False)
        row = (key, document.pipeline, document.id, document.analysis_key, document.origin, document.url, notes)
        self._pending.append((*row, time.time()))

    def flush(self) -> None:
        if self.con is None or not self._pending:
            return
        rows, self._pending = self._pending, []
        try:
            self.con.execute("BEGIN IMMEDIATE")
            self.con.executemany("INSERT OR REPLACE INTO inputs VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
            self.con.execute("COMMIT")
        except sqlite3.Error:
            self._off()

    def close(self) -> None:
        self.flush()
        if self.con is None:
            return
        try:
            (count,) = self.con.execute("SELECT count(*) FROM inputs").fetchone()
            if count > MAX_ROWS:  # the least recently written go
                self.con.execute(
                    "DELETE FROM inputs WHERE rowid IN (SELECT rowid FROM inputs ORDER BY written LIMIT ?)",
                    (count - MAX_ROWS,),
                )
            self.con.close()
        except sqlite3.Error:
            pass
        self.con = None

    def _off(self) -> None:
        if self.con is not None:
            with contextlib.suppress(sqlite3.Error):
                self.con.close()
        self.con, self._pending = None, []


def open_memo() -> InputMemo | None:
    """The user's memo, or None when the cache is off."""
    from newsgraph.kb.cache import cache_dir

    folder = cache_dir()
    if folder is None:
        return None
    memo = InputMemo(folder / "inputs.sqlite")
    return memo if memo.con is not None else None
