"""The ``Doc`` extension attributes the newsgraph components write.

Each stage is a spaCy pipeline component that writes one of these; the
pipeline wrapper turns them into :mod:`newsgraph.model` records.  Defaults are
``None`` (a shared mutable default would leak between documents); a reader
treats ``None`` as "stage not run".  ``published`` is the document date (``YYYY-MM-DD``),
set before the pipeline runs, so that stages can resolve roles and dates on it; ``credited_source``
(the outlet a credit line names, which the cleaner took out of the text) likewise.
"""

from __future__ import annotations

from spacy.tokens import Doc

DOC_EXTENSIONS = (
    "published",
    "credited_source",
    "mentions",
    "actors",
    "events",
    "main_event",
    "statements",
    "times",
    "forecasts",
)


def register_extensions() -> None:
    """Register the ``Doc._.*`` attributes once per process (idempotent)."""
    for name in DOC_EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
