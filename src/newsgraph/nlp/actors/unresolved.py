"""Document actors for agents the knowledge base does not know (kind ``unresolved``).

One mechanism for every stage that needs an actor for words the actor stage could not resolve: the
events stage for an unknown agent ("Vice-President Moody Awori" acts), the statements stage for an
unknown speaker ("Rep. Margaret Dunleavy (D-Ore.) said"), and through it the forecasts stage for the
predictor.  The id is the words and the country, ``unresolved:<words>[@country]``: the store keeps
one row per id, across documents, so the same words with the same country are one actor.

A person's name with nothing around it that says their country ("said 9/11 widow Terry Strada", "said
76-year-old Constantinos Doganis") is of the story's home country (:func:`home_country`): a person has a
country, and the people a story names unannounced are mostly of the country whose people it quotes.
"""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc

from newsgraph.model import Actor

# Codes of international bodies, not of a state whose people a story is about.
_NOT_STATES = frozenset({"UNO", "EUR", "IGO", "NGO", "IMG"})


def home_country(people: list[str | None], states: list[str | None]) -> str | None:
    """The country whose people the story names: the most frequent state code among its mentions of
    people (``people``, one per mention), a tie broken by how often the story names the state itself
    (``states``); with no person of a known country, the state the story is plainly set in, else None."""
    named = Counter(c for c in states if _state(c))
    counts = Counter(c for c in people if _state(c))
    if counts:
        top = max(counts.values())
        tied = [c for c in counts if counts[c] == top]  # first mentioned first
        return max(tied, key=lambda c: named[c])
    # with nobody of a known country, only a state the story is plainly set in: named twice or more and at
    # least twice as often as any other ("Ana Lopez said Russia was wrong" says nothing of where she is from)
    ranked = named.most_common(2)
    if ranked and ranked[0][1] >= 2 and (len(ranked) == 1 or ranked[0][1] >= 2 * ranked[1][1]):
        return ranked[0][0]
    return None


def doc_home_country(doc: Doc) -> str | None:
    """:func:`home_country` of a document the actor stage has resolved."""
    actors = {a.id: a for a in doc._.actors or []}
    people: list[str | None] = []
    states: list[str | None] = []
    for m in doc._.mentions or []:
        if len(m.actor_ids) != 1 or m.actor_ids[0] not in actors:
            continue
        a = actors[m.actor_ids[0]]
        if a.kind == "person":
            people.append(a.country)
        elif a.kind == "state" and not a.sector:
            states.append(a.country)
    return home_country(people, states)


def _state(code: str | None) -> bool:
    return code is not None and len(code) == 3 and code.isalpha() and code not in _NOT_STATES


def _personal_name(doc: Doc, name: str) -> bool:
    """Whether ``name`` is a person's name the parser found: every word capitalised, and its last word the
    last word of a PERSON entity of the document."""
    words = name.replace("’", "'").removesuffix("'s").split()
    if not words or len(words) > 4 or not all(w[:1].isupper() for w in words):
        return False
    return any(e.label_ == "PERSON" and e[-1].text == words[-1] for e in doc.ents)


def unresolved_id(name: str, country: str | None = None) -> str:
    """The id of an unresolved actor named ``name`` (its words, folded) with ``country``."""
    slug = "-".join(w.lower() for w in name.replace("'", "").split() if w.isalnum())[:60]
    return f"unresolved:{slug or 'agent'}" + (f"@{country.lower()}" if country else "")


def unresolved_actor(doc: Doc, name: str, country: str | None = None, sector: str | None = None) -> str:
    """The id of the document's unresolved actor for ``name`` and ``country``, added to
    ``doc._.actors`` when it is not there yet.  A person's name with no country is of the story's home
    country."""
    if country is None and sector is None and _personal_name(doc, name):
        country = doc_home_country(doc)
    actor_id = unresolved_id(name, country)
    actors = list(doc._.actors or [])
    if not any(a.id == actor_id for a in actors):
        doc._.actors = [*actors, Actor(actor_id, name, "unresolved", country, sector)]
    return actor_id
