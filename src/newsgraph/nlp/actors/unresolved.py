"""Document actors for agents the knowledge base does not know (kind ``unresolved``).

One mechanism for every stage that needs an actor for words the actor stage could not resolve: the
events stage for an unknown agent ("Vice-President Moody Awori" acts), the statements stage for an
unknown speaker ("Rep. Margaret Dunleavy (D-Ore.) said"), and through it the forecasts stage for the
predictor.  The id is the words and the country, ``unresolved:<words>[@country]``: the store keeps
one row per id, across documents, so the same words with the same country are one actor.
"""

from __future__ import annotations

from spacy.tokens import Doc

from newsgraph.model import Actor


def unresolved_id(name: str, country: str | None = None) -> str:
    """The id of an unresolved actor named ``name`` (its words, folded) with ``country``."""
    slug = "-".join(w.lower() for w in name.replace("'", "").split() if w.isalnum())[:60]
    return f"unresolved:{slug or 'agent'}" + (f"@{country.lower()}" if country else "")


def unresolved_actor(doc: Doc, name: str, country: str | None = None, sector: str | None = None) -> str:
    """The id of the document's unresolved actor for ``name`` and ``country``, added to
    ``doc._.actors`` when it is not there yet."""
    actor_id = unresolved_id(name, country)
    actors = list(doc._.actors or [])
    if not any(a.id == actor_id for a in actors):
        doc._.actors = [*actors, Actor(actor_id, name, "unresolved", country, sector)]
    return actor_id
