"""The ``newsgraph_times`` spaCy component and its factory."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from newsgraph.nlp.times.candidates import find_candidates
from newsgraph.nlp.times.lexicon import TimeMention, _grammar
from newsgraph.nlp.times.tagger import _parse_anchor, clause_of, tag_text

# ---------------------------------------------------------------------------
# the spaCy component


def _register() -> None:
    from spacy.tokens import Doc

    from newsgraph.nlp.extensions import register_extensions

    register_extensions()
    if not Doc.has_extension("timex"):
        Doc.set_extension("timex", default=None)


class TimeTagger:
    """Finds and normalises the temporal expressions of a ``Doc`` (see the module docstring)."""

    def __init__(self, nlp: Any, name: str, date_order: str = "auto", use_tense: bool = True) -> None:
        _register()
        self.name = name
        self.date_order = date_order
        self.use_tense = use_tense
        self.grammar = _grammar()

    def __call__(self, doc: Any) -> Any:
        anchor = _parse_anchor(doc._.published)
        text = doc.text  # built from the tokens on each access: read it once
        cands = _outside_names(find_candidates(text, self.grammar), doc)
        has_parse = self.use_tense and doc.has_annotation("DEP")
        tenses: list[str | None] = []
        mains: list[bool] = []
        for c in cands:
            tense, main = clause_of(doc, c.start, c.end) if has_parse else (None, True)
            tenses.append(tense)
            mains.append(main)
        mentions = tag_text(text, anchor, tenses=tenses, mains=mains, date_order=self.date_order, candidates=cands)
        doc._.timex = mentions
        doc._.times = [m.to_time_expr() for m in mentions]
        return doc


def _outside_names(cands: list[Any], doc: Any) -> list[Any]:
    """Candidates not inside the name of an actor the actor stage resolved, when it ran before: "The
    Sunday Times", "the Mail on Sunday", "Black September" name an outlet or a group, not a day."""
    names = [(m.start, m.end) for m in getattr(doc._, "mentions", None) or [] if m.actor_id or m.actor_ids]
    if not names:
        return cands
    return [c for c in cands if not any(s <= c.start and c.end <= e for s, e in names)]


def timexes_of(doc: Any) -> list[TimeMention]:
    """The time mentions the component wrote on ``doc`` (empty when it did not run)."""
    return list(doc._.timex or []) if doc.has_extension("timex") else []


def ensure_times_pipe(nlp: Any) -> Any:
    """Add ``newsgraph_times`` to ``nlp`` if the pipeline lacks it."""
    if "newsgraph_times" not in nlp.pipe_names:
        nlp.add_pipe("newsgraph_times", last=True)
    return nlp


def times_pipeline(model: str | None = None) -> Any:
    """A pipeline that runs ``newsgraph_times``: the project's pipeline once the stage is one of its
    ``STAGES``, else the base model with the stage added (cached; the project's cached pipeline is
    left as it is)."""
    from newsgraph.nlp.pipeline import DEFAULT_MODEL, STAGES, load_pipeline

    model = model or DEFAULT_MODEL
    if "newsgraph_times" in STAGES:
        return load_pipeline(model)
    return _base_with_times(model)


@lru_cache(maxsize=2)
def _base_with_times(model: str) -> Any:
    import spacy

    _register()
    return ensure_times_pipe(spacy.load(model))


try:  # the factory needs spaCy; normalise() and tag_text() do not
    from spacy.language import Language

    @Language.factory(
        "newsgraph_times",
        default_config={"date_order": "auto", "use_tense": True},
        requires=["token.dep", "token.tag"],
        assigns=["doc._.times", "doc._.timex"],
    )
    def make_time_tagger(nlp: Language, name: str, date_order: str, use_tense: bool) -> TimeTagger:
        return TimeTagger(nlp, name, date_order, use_tense)

except ImportError:  # pragma: no cover
    pass
