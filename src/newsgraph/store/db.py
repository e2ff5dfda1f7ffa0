"""The DuckDB store: one embedded file, a versioned schema, transactional batches.

Migrations are the numbered SQL files in ``migrations/`` (``001_initial.sql``,
...); :class:`Store` applies those newer than the file's version, each in its
own transaction, when it opens the file.

:meth:`Store.add_documents` writes a batch in one transaction.  If any
document of the batch fails to write, the batch is rolled back and written
again one document per transaction, so a bad document never takes good ones
down with it and never leaves half its rows behind.
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
from newsgraph.store import derived

DEFAULT_DB = "newsgraph.duckdb"

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
)


class StoreError(RuntimeError):
    pass


@dataclass(slots=True, frozen=True)
class WriteResult:
    """What happened to one document: ``added``, ``unchanged`` (already stored) or ``failed``."""

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

    def __init__(self, path: str | Path = DEFAULT_DB, *, read_only: bool = False) -> None:
        self.path = str(path)
        try:
            self.con = duckdb.connect(self.path, read_only=read_only)
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
        # Every migration not yet applied, even one numbered below the newest applied: branches
        # land their migrations in any order.
        applied = {r[0] for r in self.con.execute("SELECT version FROM schema_version").fetchall()}
        current = self.version
        for version, name, sql in migrations():
            if version in applied:
                continue
            self.con.execute("BEGIN TRANSACTION")
            try:
                self.con.execute(sql)
                self.con.execute("INSERT INTO schema_version VALUES (?, ?, ?)", [version, name, _now()])
                self.con.execute("COMMIT")
            except duckdb.Error as exc:
                self.con.execute("ROLLBACK")
                raise StoreError(f"{self.path}: migration {version:03d}_{name} failed ({exc})") from None
            current = max(current, version)
        return current

    # -- writing ------------------------------------------------------------

    def add_documents(self, documents: Sequence[Document]) -> list[WriteResult]:
        """Store a batch of documents in one transaction (see the module docstring)."""
        if not documents:
            return []
        self.con.execute("BEGIN TRANSACTION")
        try:
            results = [self._write(doc) for doc in documents]
            derived.update(self.con, [r.doc_id for r in results if r.status == "added"])
            self.con.execute("COMMIT")
            return results
        except Exception:  # noqa: BLE001 - any failure: roll back, then isolate the bad document
            self.con.execute("ROLLBACK")
        results = []
        for doc in documents:
            self.con.execute("BEGIN TRANSACTION")
            try:
                result = self._write(doc)
                derived.update(self.con, [doc.id] if result.status == "added" else [])
                self.con.execute("COMMIT")
            except Exception as exc:  # noqa: BLE001
                self.con.execute("ROLLBACK")
                result = WriteResult(doc.id, "failed", error=f"{type(exc).__name__}: {exc}")
            results.append(result)
        return results

    def _write(self, doc: Document) -> WriteResult:
        now = _now()
        existing = self.con.execute("SELECT version FROM documents WHERE id = ?", [doc.id]).fetchone()
        if existing:
            self._add_source(doc, now)
            return WriteResult(doc.id, "unchanged", int(existing[0]))
        version = 1
        if doc.url:
            row = self.con.execute("SELECT max(version) FROM documents WHERE url = ?", [doc.url]).fetchone()
            version = int(row[0]) + 1 if row and row[0] else 1
        self.con.execute(
            "INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                doc.id,
                doc.url,
                version,
                doc.origin,
                doc.title,
                doc.published,
                doc.published_from,
                doc.author,
                doc.site,
                doc.language,
                doc.credited_source,
                doc.translated_from,
                doc.text,
                json.dumps(doc.paragraphs, ensure_ascii=False),
                doc.duplicates_removed,
                json.dumps(doc.boilerplate, ensure_ascii=False),
                json.dumps(doc.offsets.to_list()),
                json.dumps(doc.notes, ensure_ascii=False),
                now,
            ],
        )
        self._add_source(doc, now)
        if doc.mentions:
            self.con.executemany(
                "INSERT INTO mentions VALUES (?, ?, ?, ?, ?, ?, ?)",
                [[doc.id, i, m.start, m.end, m.text, m.label, m.actor_id] for i, m in enumerate(doc.mentions)],
            )
        for actor in doc.actors:
            self.con.execute(
                "INSERT OR IGNORE INTO actors VALUES (?, ?, ?, ?, ?, ?, ?)",
                [actor.id, actor.name, actor.kind, actor.country, actor.sector, actor.role, actor.wikidata],
            )
            self.con.execute(
                "INSERT OR IGNORE INTO document_actors VALUES (?, ?, ?, ?)",
                [doc.id, actor.id, actor.role, actor.sector],
            )
        _insert_json_rows(
            self.con,
            "events",
            doc.id,
            [e.to_dict() for e in doc.events],
            [
                "id",
                "type",
                "cameo",
                "source",
                "target",
                "modality",
                "certainty",
                "date",
                "evidence",
                "mode",
                "trigger",
                "intensity",
                "goldstein",
                "hedges",
                "reported_by",
                "background",
            ],
        )
        _insert_json_rows(
            self.con,
            "statements",
            doc.id,
            [s.to_dict() for s in doc.statements],
            ["id", "speaker", "speaker_text", "cue", "content", "form", "date", "chain", "start", "end"],
        )
        _insert_json_rows(
            self.con,
            "forecasts",
            doc.id,
            [f.to_dict() for f in doc.forecasts],
            [
                "id",
                "predictor",
                "proposition",
                "event",
                "stated_on",
                "not_before",
                "by",
                "confidence",
                "status",
                "statement",
                "proposition_event",
                "window",
                "resolved_event",
                "resolved_doc",
                "resolved_on",
            ],
        )
        if doc.times:
            self.con.executemany(
                'INSERT INTO times (doc_id, idx, text, start, "end", value, "from", "to", type, mod, precision) '
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    [doc.id, i, t.text, t.start, t.end, t.value, t.begin, t.finish, t.type, t.mod, t.precision]
                    for i, t in enumerate(doc.times)
                ],
            )
        return WriteResult(doc.id, "added", version)

    def _add_source(self, doc: Document, now: dt.datetime) -> None:
        seen = self.con.execute(
            "SELECT 1 FROM document_sources WHERE doc_id = ? AND origin IS NOT DISTINCT FROM ? "
            "AND url IS NOT DISTINCT FROM ?",
            [doc.id, doc.origin, doc.url],
        ).fetchone()
        if not seen:
            self.con.execute("INSERT INTO document_sources VALUES (?, ?, ?, ?)", [doc.id, doc.origin, doc.url, now])

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


def _insert_json_rows(
    con: duckdb.DuckDBPyConnection, table: str, doc_id: str, rows: list[dict], cols: list[str]
) -> None:
    """Insert records' fields by column name; lists and mappings are stored as JSON."""
    if not rows:
        return
    names = ", ".join(f'"{c}"' for c in ["doc_id", *cols])
    marks = ", ".join("?" for _ in range(len(cols) + 1))
    values = [
        [doc_id] + [json.dumps(row[c], ensure_ascii=False) if isinstance(row[c], dict | list) else row[c] for c in cols]
        for row in rows
    ]
    con.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", values)


def _sql_str(text: str) -> str:
    return text.replace("'", "''")


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)
