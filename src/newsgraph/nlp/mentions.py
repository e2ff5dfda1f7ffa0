"""The ``newsgraph_mentions`` component: entity mentions with character offsets.

It reads the named entities the pipeline found and keeps those that can name
an actor (people, organisations, places, nationalities) as
:class:`~newsgraph.model.Mention` records in ``doc._.mentions``.  The actor
stage resolves their ``actor_id`` later.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.model import Mention
from newsgraph.nlp.extensions import register_extensions

DEFAULT_LABELS = ["PERSON", "NORP", "ORG", "GPE", "LOC", "FAC"]


class MentionCollector:
    """Collects ``doc.ents`` whose label is in ``labels`` into ``doc._.mentions``."""

    def __init__(self, nlp: Language, name: str, labels: list[str]) -> None:
        self.name = name
        self.labels = frozenset(labels)
        register_extensions()

    def __call__(self, doc: Doc) -> Doc:
        doc._.mentions = [
            Mention(text=ent.text, start=ent.start_char, end=ent.end_char, label=ent.label_)
            for ent in doc.ents
            if ent.label_ in self.labels
        ]
        return doc


@Language.factory(
    "newsgraph_mentions",
    default_config={"labels": DEFAULT_LABELS},
    requires=["doc.ents"],
    assigns=["doc._.mentions"],
)
def make_mention_collector(nlp: Language, name: str, labels: list[str]) -> MentionCollector:
    return MentionCollector(nlp, name, labels)
