"""The DuckDB store: one embedded file, a versioned schema, transactional batches.

Migrations are the numbered SQL files in ``migrations/`` (``001_initial.sql``,
...); :class:`Store` applies those newer than the file's version, each in its
own transaction, when it opens the file.

:meth:`Store.add_documents` writes a batch in one transaction.  If any
document of the batch fails to write, the batch is rolled back and each half
is written the same way, down to the bad document alone, so a bad document
never takes good ones down with it and never leaves half its rows behind, and
costs its batch a few transactions (about two per halving), not one per document.
A document whose records repeat a key (two events with one id), which cannot
be stored, is written alone between the documents before and after it at once.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import duckdb

from newsgraph.model import Document, OffsetMap
from newsgraph.store import DEFAULT_DB, derived, write

__all__ = ["DEFAULT_DB", "TABLES", "Store", "StoreError", "WriteResult"]
MEMORY_LIMIT = "1GB"

# Tables in dependency order (documents first); the export writes each.
TABLES = (
    "documents",
    "document_sources",
    "mentions",
    "actors",
    "document_actors",
    "events",
    "statements",
    "times",
    "forecasts",
    # cross-document links (migration 004): copies, stories and event/statement clusters
    "document_copies",
    "stories",
    "story_members",
    "event_clusters",
    "statement_clusters",
)


class StoreError(RuntimeError):
    pass


@dataclass(slots=True, frozen=True)
class WriteResult:
    """What happened to one document: ``added``, ``unchanged`` (already stored), ``replaced`` (stored,
    its analysis written again) or ``failed``."""

    doc_id: str
    status: str
    version: int | None = None
    error: str | None = None


def migrations() -> list[tuple[int, str, str]]:
    """The shipped migrations as (version, name, sql), in order."""
    folder = resources.files("newsgraph.store").joinpath("migrations")
    out = []
    for entry in folder.iterdir():
        m = re.fullmatch(r"(\d+)_(\w+)\.sql", entry.name)
        if m:
            out.append((int(m.group(1)), m.group(2), entry.read_text("utf-8")))
    return sorted(out)


class Store:
    """A newsgraph database file.  Use as a context manager, or call :meth:`close`."""

    def __init__(
        self, path: str | Path = DEFAULT_DB, *, read_only: bool = False, memory_limit: str = MEMORY_LIMIT
    ) -> None:
        self.path = str(path)
        self.last_changes: list[Any] = []  # forecast status changes of the last add_documents
        try:
            # DuckDB's default is 80 % of RAM; the store shares the machine with the NLP workers.
            self.con = duckdb.connect(self.path, read_only=read_only, config={"memory_limit": memory_limit})
        except duckdb.Error as exc:
            raise StoreError(f"{self.path}: cannot open the database ({exc})") from None
        if not read_only:
            self.migrate()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    def reader(self) -> Store:
        """This store through a connection of its own (a DuckDB cursor on the same database), for a
        second thread to read while this one writes; it sees what is committed.  Close it when done
        (that leaves this store open)."""
        other = object.__new__(Store)
        other.path, other.last_changes = self.path, []
        other.con = self.con.cursor()
        return other

    # -- schema -------------------------------------------------------------

    @property
    def version(self) -> int:
        exists = self.con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_version'"
        ).fetchone()
        if not exists or not exists[0]:
            return 0
        row = self.con.execute("SELECT max(version) FROM schema_version").fetchone()
        return int(row[0] or 0) if row else 0

    def migrate(self) -> int:
        """Apply pending migrations; returns the schema version now in force."""
        self.con.execute(
            "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name VARCHAR, "
            "applied_at TIMESTAMP)"
        )
        # Every shipped migration not applied yet, in order: numbers are assigned per feature, so
        # a store may hold 005 before 004 is shipped; 004 is then applied when it is.
        applied = {int(r[0]) for r in self.con.execute("SELECT version FROM schema_version").fetchall()}
        current = max(applied, default=0)
        for version, name, sql in migrations():
            if version in applied:
                continue
            self.con.execute("BEGIN TRANSACTION")
            try:
                self.con.execute(sql)
                if version == 7:  # the derived tables, filled by the same code that keeps them on write
                    derived.backfill(self.con)
                self.con.execute("INSERT INTO schema_version VALUES (?, ?, ?)", [version, name, _now()])
                self.con.execute("COMMIT")
            except duckdb.Error as exc:
                self.con.execute("ROLLBACK")
                raise StoreError(f"{self.path}: migration {version:03d}_{name} failed ({exc})") from None
            current = max(current, version)
            if version == 5:
                self._index_stored()
        return current

    def _index_stored(self) -> None:
        """Build the forecast-resolution keys of a store written before migration 005."""
        from newsgraph.link import ledger

        ids = [r[0] for r in self.con.execute("SELECT id FROM documents ORDER BY id").fetchall()]
        if ids:
            self.con.execute("BEGIN TRANSACTION")
            ledger.index_documents(self.con, ids)
            self.con.execute("COMMIT")

    # -- writing ------------------------------------------------------------

    def add_documents(
        self,
        documents: Sequence[Document],
        *,
        resolve_on: dt.date | str | None = None,
        reanalyse: bool = False,
    ) -> list[WriteResult]:
        """Store a batch of documents in one transaction (see the module docstring).

        With ``resolve_on`` the forecast ledger is brought up to date as of that day in the same
        transaction (:func:`newsgraph.link.ledger.resolve_batch`), so a stored batch is never left
        unresolved; the changes are in :attr:`last_changes`.  A stored document is ``unchanged``
        unless its ``analysis_key`` differs from the stored one (or ``reanalyse``): then its stored
        analysis is ``replaced``.
        """
        self.last_changes = []
        if not documents:
            return []
        return self._write_parts(list(documents), resolve_on, reanalyse)

    def _write_parts(
        self, documents: list[Document], resolve_on: dt.date | str | None, reanalyse: bool
    ) -> list[WriteResult]:
        """``documents`` in one transaction; when that fails, rolled back and each half written the same
        way, in order, so a bad document ends alone (``failed``, with its error) and the others are stored
        in as few transactions as the search allows."""
        suspect = next((i for i, d in enumerate(documents) if write.repeats_a_key(d)), None)
        if suspect is not None and len(documents) > 1:  # it must fail: alone, between the others
            parts = (documents[:suspect], documents[suspect : suspect + 1], documents[suspect + 1 :])
            return [r for part in parts if part for r in self._write_parts(part, resolve_on, reanalyse)]
        mark = len(self.last_changes)
        self.con.execute("BEGIN TRANSACTION")
        try:
            results = self._write_batch(documents, resolve_on, reanalyse)
            self.con.execute("COMMIT")
            return results
        except Exception as exc:  # noqa: BLE001 - any failure: roll back, then isolate the bad document
            self.con.execute("ROLLBACK")
            del self.last_changes[mark:]
            if len(documents) == 1:
                return [WriteResult(documents[0].id, "failed", error=f"{type(exc).__name__}: {exc}")]
        half = len(documents) // 2
        return self._write_parts(documents[:half], resolve_on, reanalyse) + self._write_parts(
            documents[half:], resolve_on, reanalyse
        )

    def _write_batch(
        self, documents: Sequence[Document], resolve_on: dt.date | str | None, reanalyse: bool
    ) -> list[WriteResult]:
        from newsgraph.link import ledger

        now = _now()
        derived.sync_links(self.con)  # what the link step stored since the last batch
        planned = write.plan(self.con, documents, reanalyse=reanalyse)
        reopened = ledger.forget_documents(self.con, planned.replaced)
        derived.forget(self.con, planned.replaced)
        write.delete_documents(self.con, planned.replaced)
        write.insert_documents(self.con, planned.new, now)
        write.mark_current(self.con, planned.new)
        write.add_sources(self.con, planned.sources, now)
        derived.update(self.con, [doc.id for doc, _v in planned.new])
        if resolve_on is not None:
            changes = ledger.resolve_batch(self.con, [d.id for d, _v in planned.new], resolve_on, reopened=reopened)
            self.last_changes.extend(changes)
        return [
            WriteResult(doc.id, status, version)
            for doc, (status, version) in zip(documents, planned.statuses, strict=True)
        ]

    def stored_keys(self, doc_ids: Sequence[str]) -> dict[str, str | None]:
        """The stored ``analysis_key`` of each of ``doc_ids`` that is stored."""
        ids = sorted(set(doc_ids))
        if not ids:
            return {}
        marks = ", ".join("?" for _ in ids)
        return dict(self.con.execute(f"SELECT id, analysis_key FROM documents WHERE id IN ({marks})", ids).fetchall())

    def refresh_ledger(self, on: dt.date | str) -> int:
        """Open / due / expired for every unresolved forecast as of ``on``; returns how many changed.

        The end of a run: the derived counts also catch up with the links stored since the last batch
        (:meth:`sync_links`).
        """
        from newsgraph.link import ledger

        self.con.execute("BEGIN TRANSACTION")
        try:
            derived.sync_links(self.con)
            changes = ledger.refresh_calendar(self.con, on)
            self.con.execute("COMMIT")
        except Exception:
            self.con.execute("ROLLBACK")
            raise
        return len(changes)

    def sync_links(self) -> int:
        """Bring the derived counts up to date with the links stored (event clusters and their sources).

        The link step (:func:`newsgraph.store.links.link_documents`) runs after a batch is written;
        the next batch and :meth:`refresh_ledger` catch up with it, or this, at once.  Returns how many
        documents' counts changed.
        """
        self.con.execute("BEGIN TRANSACTION")
        try:
            changed = derived.sync_links(self.con)
            self.con.execute("COMMIT")
        except Exception:
            self.con.execute("ROLLBACK")
            raise
        return changed

    # -- reading ------------------------------------------------------------

    def count(self, table: str) -> int:
        if table not in TABLES:
            raise StoreError(f"no table named {table!r}")
        row = self.con.execute(f'SELECT count(*) FROM "{table}"').fetchone()
        return int(row[0]) if row else 0

    def document_ids(self) -> list[str]:
        return [r[0] for r in self.con.execute("SELECT id FROM documents ORDER BY ingested_at, id").fetchall()]

    def get_document(self, doc_id: str) -> Document | None:
        """A stored document with its mentions (the stages' other records are read by their own queries)."""
        cur = self.con.execute("SELECT * FROM documents WHERE id = ?", [doc_id])
        row = cur.fetchone()
        if row is None:
            return None
        rec: dict[str, Any] = dict(zip([d[0] for d in cur.description], row, strict=True))
        from newsgraph.model import Mention

        mentions = [
            Mention(text=r[0], start=r[1], end=r[2], label=r[3], actor_id=r[4])
            for r in self.con.execute(
                'SELECT text, start, "end", label, actor_id FROM mentions WHERE doc_id = ? ORDER BY idx',
                [doc_id],
            ).fetchall()
        ]
        return Document(
            id=rec["id"],
            text=rec["text"],
            url=rec["url"],
            origin=rec["origin"],
            title=rec["title"],
            published=rec["published"].isoformat() if rec["published"] else None,
            published_from=rec["published_from"],
            author=rec["author"],
            site=rec["site"],
            language=rec["language"],
            credited_source=rec["credited_source"],
            translated_from=rec["translated_from"],
            paragraphs=json.loads(rec["paragraphs"] or "[]"),
            duplicates_removed=rec["duplicates_removed"],
            boilerplate=json.loads(rec["boilerplate"] or "[]"),
            offsets=OffsetMap.from_list(json.loads(rec["offsets"] or "[]")),
            notes=json.loads(rec["notes"] or "[]"),
            mentions=mentions,
        )

    # -- export -------------------------------------------------------------

    def export_parquet(self, out_dir: str | Path, tables: Iterable[str] = TABLES) -> list[Path]:
        """Write every table to ``out_dir/<table>.parquet``; returns the paths written."""
        out = Path(out_dir)
        out.mkdir(parents=True, exist_ok=True)
        written = []
        for table in tables:
            target = out / f"{table}.parquet"
            self.con.execute(f"COPY \"{table}\" TO '{_sql_str(str(target))}' (FORMAT PARQUET)")
            written.append(target)
        return written


def _sql_str(text: str) -> str:
    return text.replace("'", "''")


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)
