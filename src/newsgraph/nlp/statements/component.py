"""The spaCy component ``newsgraph_statements``: the factory, the tagger and the order of the steps."""

from __future__ import annotations

import datetime as dt

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.kb.base import fold
from newsgraph.model import Statement
from newsgraph.nlp.extensions import register_extensions
from newsgraph.nlp.statements.antecedents import Speakers
from newsgraph.nlp.statements.article import Article
from newsgraph.nlp.statements.chains import Chains
from newsgraph.nlp.statements.clauses import Clauses
from newsgraph.nlp.statements.contents import Contents
from newsgraph.nlp.statements.cues import Cues
from newsgraph.nlp.statements.layout_frames import LayoutFrames
from newsgraph.nlp.statements.lexicon import _all_verbs, load_lexicon
from newsgraph.nlp.statements.nominal_frames import NominalFrames
from newsgraph.nlp.statements.parts import Parts
from newsgraph.nlp.statements.quote_frames import QuoteFrames
from newsgraph.nlp.statements.records import Attribution, _Frame
from newsgraph.nlp.statements.speaker_actors import SpeakerActors
from newsgraph.nlp.statements.speakers import Records


class StatementTagger:
    """Writes ``doc._.statements`` and ``doc._.attributions``."""

    def __init__(self, nlp: Language, name: str, lexicon: str | None = None) -> None:
        register_extensions()
        register_statement_extensions()
        self.name = name
        self.nlp = nlp
        self.lex = load_lexicon(lexicon)
        self.verbs = _all_verbs(self.lex)

    # ------------------------------------------------------------------ main

    def __call__(self, doc: Doc) -> Doc:
        run = _Run(doc, self)
        doc._.attributions, doc._.statements = run.tag()
        doc._.speech_acts = run.speech_acts
        return doc

    def resolve_outlet(self, name: str, on: dt.date | None) -> tuple[str, str | None]:
        """A credited source's canonical name and actor id, through the actor stage when there is one."""
        if "newsgraph_actors" in self.nlp.pipe_names:
            actor = self.nlp.get_pipe("newsgraph_actors").resolve_name(name, on)
            if actor is not None:
                return actor.name, actor.id
        return name, None

    def _kb(self):  # noqa: ANN202 - the actor stage's knowledge base, or None without that stage
        if "newsgraph_actors" not in self.nlp.pipe_names:
            return None
        return getattr(self.nlp.get_pipe("newsgraph_actors"), "kb", None)

    def titles(self) -> dict[str, tuple[str, str]]:
        """Folded title -> (position, sector), from the knowledge base's ``titles.yaml``."""
        kb = self._kb()
        return kb.sectors.titles if kb is not None else {}

    def title_country(self, text: str) -> str | None:
        """The country a title or party-state tag in ``text`` says by itself ("U.S. Rep.", "(D-Calif.)")."""
        kb = self._kb()
        return kb.sectors.country_of_title(text) if kb is not None else None

    def sector_of(self, noun: str) -> str | None:
        """The PLOVER sector of an agent noun ("diplomat" GOV, "analyst" none), from ``sectors.yaml``."""
        kb = self._kb()
        return kb.sectors.nouns.get(fold(noun)) if kb is not None else None

    def actor_gender(self, actor_id: str) -> str | None:
        """A person's gender (m | f) as the actor stage's knowledge base records it, or None."""
        if "newsgraph_actors" not in self.nlp.pipe_names:
            return None
        kb = getattr(self.nlp.get_pipe("newsgraph_actors"), "kb", None)
        entry = kb.get(actor_id) if kb is not None and hasattr(kb, "get") else None
        return getattr(entry, "gender", None)


class _Run(
    Records,
    Parts,
    SpeakerActors,
    Speakers,
    Chains,
    LayoutFrames,
    NominalFrames,
    QuoteFrames,
    Clauses,
    Contents,
    Cues,
    Article,
):
    """The work on one ``Doc``: each base is one step of the stage (see the package's modules)."""

    def tag(self) -> tuple[list[Attribution], list[Statement]]:
        frames: list[_Frame] = []
        frames += self._label_frames()
        for tok in self.doc:
            frame = self._verb_frame(tok)
            if frame is not None:
                frames.append(frame)
        frames += self._noun_frames()
        frames += self._adjective_frames()
        frames += self._according_frames(frames)
        frames += self._evidence_frames()
        frames += self._signature_frames()
        frames += self._colon_frames(frames)
        frames += self._headline_frames(frames)
        self._continuations(frames)
        frames = self._dedupe(frames)
        return self._records(frames)


def register_statement_extensions() -> None:
    """``doc._.attributions`` (this stage's spans), ``doc._.speech_acts`` (speech acts that report no
    words: events, not statements) and ``doc._.credited_source`` (set before the pipeline)."""
    for name in ("attributions", "credited_source", "speech_acts"):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


@Language.factory(
    "newsgraph_statements",
    default_config={"lexicon": None},
    requires=["doc._.mentions", "token.dep"],
    assigns=["doc._.statements", "doc._.attributions", "doc._.speech_acts"],
)
def make_statement_tagger(nlp: Language, name: str, lexicon: str | None) -> StatementTagger:
    return StatementTagger(nlp, name, lexicon)
