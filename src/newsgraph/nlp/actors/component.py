"""The ``newsgraph_actors`` component: recognise actor mentions and resolve them to canonical actors.

Recognition joins three sources over the ``Doc``: the pipeline's named
entities, a phrase matcher over every name, alias, metonym ("Washington",
"the Kremlin"), adjective ("Russian"), demonym and definite description
("the US-led military bloc") of the knowledge base (acronyms matched with their
case), and the titles of ``titles.yaml``.  Overlaps go to the longest span.

Resolution gives each mention an ``actor_id``:

* a knowledge-base name, chosen among homonyms by the entity label and, for
  people, by who held a role on the document date;
* a person the KB does not know: the same person as a fuller name earlier in
  the document ("Sobolev" after "Viktor Sobolev"), else a document-local actor
  whose country and role come from the title around the name
  ("Russian Foreign Minister ...", "..., a member of the Russian Communist Party");
* nationality + agent noun ("four Saudi men", "an American destroyer"): the
  country's sector agent (SAU civilians, USA military);
* a title with no name ("the Japanese foreign minister"): whoever held it on the date;
* pronouns, "the two countries", "the two blocs", "the alliance": the last
  compatible actors mentioned before.

What resolves to nothing keeps ``actor_id = None``: no guessing.
"""

from __future__ import annotations

import datetime as dt

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from newsgraph.kb.base import KnowledgeBase, fold
from newsgraph.kb.load import load_kb
from newsgraph.model import Actor, Mention
from newsgraph.nlp.actors.acronyms import Acronyms
from newsgraph.nlp.actors.agents import Agents
from newsgraph.nlp.actors.common import (
    _KIND_LABEL,
    NER_LABELS,
    Resolved,
    _Cand,
)
from newsgraph.nlp.actors.coref import Coreference
from newsgraph.nlp.actors.entities import EntityResolution
from newsgraph.nlp.actors.generic import GenericAgents
from newsgraph.nlp.actors.people import People
from newsgraph.nlp.actors.places import Places, load_rules
from newsgraph.nlp.actors.recognise import Recognition
from newsgraph.nlp.actors.unresolved import home_country
from newsgraph.nlp.common import doc_date
from newsgraph.nlp.extensions import register_extensions
from newsgraph.nlp.phrases import pattern_hashes


class ActorResolver(Recognition, EntityResolution, Acronyms, Agents, People, Coreference, Places, GenericAgents):
    """Finds actor mentions in a ``Doc`` and resolves them against the knowledge base."""

    def __init__(self, nlp: Language, name: str, kb_paths: list[str], ner_labels: list[str]) -> None:
        register_extensions()
        self.name = name
        self.kb: KnowledgeBase = load_kb(tuple(kb_paths))
        self.rules = load_rules()
        self._kb_starts: set[int] = set()
        self._places: list[tuple[int, str]] = []
        self._named: set[str] = set()
        self.ner_labels = frozenset(ner_labels)
        self.vocab = nlp.vocab
        self.phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.acronyms = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.titles = PhraseMatcher(nlp.vocab, attr="LOWER")
        groups = {
            "name": self.kb.names,
            "metonym": self.kb.metonyms,
            "description": self.kb.descriptions,
            "adjective": self.kb.adjectives,
            "demonym": self.kb.demonyms,
        }
        for how, index in groups.items():
            surfaces = set()
            for key, ids in index.items():
                surfaces.add(key)
                for actor_id in ids:  # the original spelling too (folding removed its accents)
                    e = self.kb.entries[actor_id]
                    for s in (e.name, e.official or "", *e.aliases, *e.metonyms, *e.adjectives, *e.demonyms):
                        if s and fold(s) == key:
                            surfaces.add(s.lower())
            self.phrases.add(how, pattern_hashes(nlp, how, sorted(surfaces), "LOWER"))
        self.acronyms.add("acronym", pattern_hashes(nlp, "acronym", sorted(self.kb.acronyms), "ORTH"))
        self.titles.add("title", pattern_hashes(nlp, "title", sorted(self.kb.sectors.titles), "LOWER"))
        # names written with a small letter first ("al-Qaeda", "de Gaulle"), matched as written
        self.lowercase_names = {n for e in self.kb.entries.values() for n in (e.name, *e.aliases) if n[:1].islower()}
        self._doc: Doc | None = None
        self.honorifics = set(self.kb.sectors.honorifics)
        # one-word names written only with "The" ("The Australian", "The Hindu", "The Nation")
        # (outlets only: "the West", "the Gulf" are regions whose article is no part of a title)
        with_article = {
            fold(n[4:])
            for e in self.kb.entries.values()
            if e.kind == "media"
            for n in (e.name, *e.aliases)
            if n.lower().startswith("the ")
        }
        bare = {
            fold(n) for e in self.kb.entries.values() for n in (e.name, *e.aliases) if not n.lower().startswith("the ")
        }
        self.article_names = {n for n in with_article - bare if " " not in n}
        # state names and adjectives of five letters or more, by first letter and length: misspellings are
        # looked up against them ("Ethopia", "Quatar", "Isreali")
        self.state_forms: dict[tuple[str, int], list[tuple[str, str]]] = {}
        for e in self.kb.entries.values():
            if e.kind != "state":
                continue
            for how, forms in (("name", (e.name, *e.aliases)), ("adjective", e.adjectives)):
                for form in forms:
                    key = fold(form)
                    if len(key) >= 5 and key.isalpha():
                        self.state_forms.setdefault((key[0], len(key)), []).append((key, how))
        self.not_actors = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.not_actors.add("not_actor", pattern_hashes(nlp, "not_actor", sorted(self.kb.sectors.not_actors), "LOWER"))

    def __call__(self, doc: Doc) -> Doc:
        self._doc = doc
        on = doc_date(doc)
        cands = self._recognise(doc)
        persons: dict[str, Resolved] = {}  # surname / full name (folded) -> person seen in this doc
        agents: list[_Cand] = []  # "Myanmar's military": an agent mention beside the country's
        self._places = []  # (token, country) of places named as locations
        self._named = set()  # surnames (folded) of people named in full whom nothing resolved
        self._kb_starts = {c.start for c in cands if c.how != "ner"}
        datelines = self._datelines(doc)
        for cand in cands:
            cand.role = datelines.get(cand.start)
            if cand.role is None:
                self._resolve(doc, cand, on, persons, agents)
        cands += agents
        extra = self._titles_without_names(doc, cands, on)
        cands = sorted(cands + extra, key=lambda c: c.start)
        cands += self._governments(doc, cands)
        cands += self._generic_agents(doc, cands)
        self._home_people(cands)
        corefs = self._coreference(doc, cands)
        mentions: list[Mention] = []
        actors: dict[str, Resolved] = {}
        for cand in sorted(cands + corefs, key=lambda c: c.start):
            span = doc[cand.start : cand.end]
            if cand.role is not None:
                # a dateline's place, a wire credit: named, but acting in nothing
                mentions.append(Mention(span.text, span.start_char, span.end_char, cand.role.upper()))
                continue
            ids = [r.id for r in cand.resolved]
            if not ids and cand.how not in ("ner",):
                continue
            label = cand.out_label or cand.label or (_KIND_LABEL.get(cand.resolved[0].kind) if ids else None)
            mention = Mention(
                span.text, span.start_char, span.end_char, label or "ORG", ids[0] if len(ids) == 1 else None, ids
            )
            mentions.append(mention)
            for r in cand.resolved:
                actors.setdefault(r.id, r)
        doc._.mentions = mentions
        doc._.actors = [r.to_actor() for r in actors.values()]
        return doc

    def _home_people(self, cands: list[_Cand]) -> None:
        """People the knowledge base does not know and whose words say no country ("Cheuk Hau-yip, the
        commander of Kowloon West district") are of the story's home country (``unresolved.home_country``)."""
        single = [c.resolved[0] for c in cands if len(c.resolved) == 1 and c.role is None]
        stray = [r for r in single if r.kind == "person" and r.country is None and r.id not in self.kb.entries]
        if not stray:
            return
        home = home_country(
            [r.country for r in single if r.kind == "person"],
            [r.country for r in single if r.kind == "state" and not r.sector],
        )
        for r in stray:
            r.country = home

    def resolve_name(self, text: str, on: dt.date | None) -> Actor | None:
        """The actor a bare name denotes (a credit line's outlet, a feed's source), or None."""
        entries = self.kb.lookup(text)
        entry = self._choose(entries, _Cand(0, 0, "name"), on)
        return self._from_entry(entry, on).to_actor() if entry else None


@Language.factory(
    "newsgraph_actors",
    default_config={"kb_paths": [], "ner_labels": list(NER_LABELS)},
    requires=["doc.ents", "token.pos", "token.dep"],
    assigns=["doc._.mentions", "doc._.actors"],
)
def make_actor_resolver(nlp: Language, name: str, kb_paths: list[str], ner_labels: list[str]) -> ActorResolver:
    return ActorResolver(nlp, name, kb_paths, ner_labels)
