"""Ingestion: readers (file, html, jsonl, url, feed, warc) -> cleaning -> Document.

:func:`iter_documents` is the one entry point the rest of the system uses: it
takes what a user typed (paths, directories, URLs) and yields cleaned
documents, or an :class:`IngestError` for each input that could not be read.
It never raises for bad input, so a batch always goes on.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from newsgraph.ingest.base import IngestError, Limits, RawItem, one_line
from newsgraph.model import Document

__all__ = ["IngestError", "Limits", "RawItem", "clean_item", "iter_documents", "iter_raw"]


def _is_url(spec: str) -> bool:
    return spec.startswith(("http://", "https://"))


def iter_raw(specs: Iterable[str], limits: Limits | None = None) -> Iterator[RawItem | IngestError]:
    """Expand inputs into raw articles: directories recursively, feeds into items, WARCs into records."""
    from newsgraph.ingest import files

    limits = limits or Limits()
    for spec in specs:
        if _is_url(spec):
            from newsgraph.ingest.web import iter_url

            yield from iter_url(spec, limits)
            continue
        path = Path(spec)
        if not path.exists():
            yield IngestError(spec, "no such file or directory")
        elif files.special_file_reason(path):
            yield IngestError(spec, files.special_file_reason(path) or "")
        elif path.is_dir():
            found = False
            for child in files.iter_directory(path):
                found = True
                yield from _iter_path(child, limits)
            if not found:
                yield IngestError(spec, "no readable documents in this directory")
        else:
            yield from _iter_path(path, limits)


def _iter_path(path: Path, limits: Limits) -> Iterator[RawItem | IngestError]:
    from newsgraph.ingest import files

    suffix = files.suffix_of(path)
    if suffix in files.JSONL_SUFFIXES:
        yield from files.iter_jsonl(path, limits)
    elif suffix in files.WARC_SUFFIXES:
        from newsgraph.ingest.warc import iter_warc

        yield from iter_warc(path, limits)
    elif suffix in files.FEED_SUFFIXES:
        from newsgraph.ingest.feeds import iter_feed

        try:
            data = files.read_bytes(path, limits)
        except IngestError as err:
            yield err
            return
        yield from iter_feed(data, str(path), limits)
    else:
        yield from files.iter_file(path, limits)


def iter_documents(specs: Iterable[str], limits: Limits | None = None) -> Iterator[Document | IngestError]:
    """Cleaned documents for every article in ``specs``; an IngestError for each one that failed.

    Cleaning one document may take at most ``limits.doc_timeout`` seconds
    (:mod:`newsgraph.ingest.budget`); past it the input is reported and skipped.
    """
    limits = limits or Limits()
    for item in iter_raw(specs, limits):
        yield item if isinstance(item, IngestError) else clean_item(item, limits)


def clean_item(item: RawItem, limits: Limits | None = None) -> Document | IngestError:
    """One raw article cleaned into a document, or the IngestError saying why it could not be."""
    from newsgraph.ingest.budget import BudgetExceeded, time_limit
    from newsgraph.ingest.document import to_document

    limits = limits or Limits()
    try:
        with time_limit(limits.doc_timeout, "cleaning"):
            return to_document(item, limits.default_published)
    except IngestError as err:
        return err
    except BudgetExceeded as exc:
        return IngestError(item.origin, f"skipped: {exc}")
    except Exception as exc:  # an extractor bug must not stop the batch
        return IngestError(item.origin, f"could not be processed ({type(exc).__name__}: {one_line(str(exc))})")
