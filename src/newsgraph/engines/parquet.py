"""Analysed documents as Parquet partitions, and back (what the Ray runner writes, ``import`` reads).

One row per document, one file per partition (``part-<n>.parquet``, written to a temporary name
and renamed, so a partition is either whole or absent).  Plain columns say where each document
came from (``input``, the input it was read from, and ``input_docs``, how many documents that
input gave) and what DuckDB needs to query the files directly (``id``, ``url``, ``title``,
``published``, ``language``, ``text``, and the stages' records as JSON); ``document`` holds the
whole document as JSON: the public contract of ``analyze --json`` plus the fields the store
keeps beyond it.  A row with ``error`` set records an input that failed.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Sequence
from dataclasses import fields
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from newsgraph.model import (
    Actor,
    ChainLink,
    DateValue,
    Document,
    Event,
    Evidence,
    Forecast,
    Mention,
    OffsetMap,
    Statement,
    TimeExpr,
)

SCHEMA = pa.schema(
    [
        ("input", pa.string()),
        ("input_docs", pa.int64()),
        ("error", pa.string()),
        ("id", pa.string()),
        ("url", pa.string()),
        ("title", pa.string()),
        ("published", pa.string()),
        ("language", pa.string()),
        ("text", pa.string()),
        ("events", pa.string()),
        ("statements", pa.string()),
        ("forecasts", pa.string()),
        ("document", pa.string()),
    ]
)


def document_row(doc: Document, source: str, input_docs: int) -> dict[str, Any]:
    full = doc.to_dict()
    full.update(
        published_from=doc.published_from,
        offsets=doc.offsets.to_list(),
        analysis_key=doc.analysis_key,
        pipeline=doc.pipeline,
    )
    return {
        "input": source,
        "input_docs": input_docs,
        "error": None,
        "id": doc.id,
        "url": doc.url,
        "title": doc.title,
        "published": doc.published,
        "language": doc.language,
        "text": doc.text,
        "events": json.dumps(full["events"], ensure_ascii=False),
        "statements": json.dumps(full["statements"], ensure_ascii=False),
        "forecasts": json.dumps(full["forecasts"], ensure_ascii=False),
        "document": json.dumps(full, ensure_ascii=False),
    }


def error_row(source: str, message: str) -> dict[str, Any]:
    return {name: None for name in SCHEMA.names} | {"input": source, "input_docs": 0, "error": message}


def _known(cls: type, d: dict[str, Any]) -> dict[str, Any]:
    """The keys of ``d`` that are fields of ``cls`` (records gain keys over time)."""
    names = {f.name for f in fields(cls)}
    return {k: v for k, v in d.items() if k in names}


def _date(d: dict[str, Any] | None) -> DateValue | None:
    if not d:
        return None
    return DateValue(d.get("value"), d.get("from"), d.get("to"), d.get("precision"))


def _event(d: dict[str, Any]) -> Event:
    rec = _known(Event, d)
    rec.update(date=_date(d.get("date")), evidence=Evidence(**_known(Evidence, d["evidence"])))
    return Event(**rec)


def _statement(d: dict[str, Any]) -> Statement:
    rec = _known(Statement, d)
    chain = [ChainLink(**(_known(ChainLink, c) | {"date": _date(c.get("date"))})) for c in d.get("chain") or []]
    rec.update(date=_date(d.get("date")), chain=chain)
    return Statement(**rec)


def document_from_json(text: str) -> Document:
    """The document a :func:`document_row` was made from, as the store needs it."""
    d = json.loads(text)
    return Document(
        id=d["id"],
        text=d["text"],
        url=d.get("url"),
        origin=d.get("origin"),
        title=d.get("title"),
        published=d.get("published"),
        published_from=d.get("published_from"),
        author=d.get("author"),
        site=d.get("site"),
        language=d.get("language"),
        credited_source=d.get("credited_source"),
        translated_from=d.get("translated_from"),
        paragraphs=list(d.get("paragraphs") or []),
        duplicates_removed=d.get("duplicates_removed") or 0,
        boilerplate=list(d.get("boilerplate") or []),
        offsets=OffsetMap.from_list(d.get("offsets") or []),
        notes=list(d.get("notes") or []),
        mentions=[Mention(**_known(Mention, m)) for m in d.get("mentions") or []],
        actors=[Actor(**_known(Actor, a)) for a in d.get("actors") or []],
        times=[
            TimeExpr(
                text=t["text"],
                start=t["start"],
                end=t["end"],
                value=t.get("value"),
                begin=t.get("from"),
                finish=t.get("to"),
                type=t.get("type"),
                mod=t.get("mod"),
                precision=t.get("precision"),
            )
            for t in d.get("times") or []
        ],
        events=[_event(e) for e in d.get("events") or []],
        statements=[_statement(s) for s in d.get("statements") or []],
        forecasts=[Forecast(**_known(Forecast, f)) for f in d.get("forecasts") or []],
        analysis_key=d.get("analysis_key"),
        pipeline=d.get("pipeline"),
    )


def write_partition(folder: Path, rows: Sequence[dict[str, Any]]) -> Path | None:
    """Write rows as the next ``part-<n>.parquet`` of ``folder`` (atomically); None if no rows."""
    if not rows:
        return None
    folder.mkdir(parents=True, exist_ok=True)
    n = len(list(folder.glob("part-*.parquet")))
    while (target := folder / f"part-{n:06d}.parquet").exists():
        n += 1
    tmp = folder / f".{target.name}.tmp"
    pq.write_table(pa.Table.from_pylist(list(rows), schema=SCHEMA), tmp)
    os.replace(tmp, target)
    return target


def partitions(folder: Path) -> list[Path]:
    return sorted(Path(folder).glob("part-*.parquet"))


def finished_inputs(folder: Path) -> set[str]:
    """Inputs whose every document (or whose error) is in a partition: a resumed run skips them."""
    counts: dict[str, int] = {}
    expected: dict[str, int] = {}
    for part in partitions(folder):
        try:
            table = pq.read_table(part, columns=["input", "input_docs", "error"])
        except (OSError, pa.ArrowException):
            continue
        for source, n, error in zip(
            *(table.column(c).to_pylist() for c in ("input", "input_docs", "error")), strict=True
        ):
            if error is not None:
                expected.setdefault(source, 0)
                continue
            counts[source] = counts.get(source, 0) + 1
            expected[source] = n
    return {s for s, n in expected.items() if counts.get(s, 0) >= n}


def read_partitions(folder: Path) -> Iterator[tuple[str, Document | None, str | None]]:
    """(input, document, error) for every row of every partition, in partition order."""
    for part in partitions(folder):
        table = pq.read_table(part, columns=["input", "error", "document"])
        for source, error, doc in zip(
            *(table.column(c).to_pylist() for c in ("input", "error", "document")), strict=True
        ):
            yield source, (document_from_json(doc) if doc else None), error
