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
import re
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from newsgraph.kb.base import POSITION_SECTOR, Entry, KnowledgeBase, fold
from newsgraph.kb.load import load_kb
from newsgraph.model import Actor, Mention
from newsgraph.nlp.common import doc_date
from newsgraph.nlp.extensions import register_extensions

NER_LABELS = ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC")
# Sectors whose agents act for the state.
STATE_SECTORS = {"GOV", "MIL", "COP", "SPY", "JUD", "LEG", "PRM"}
_KIND_LABEL = {
    "state": "GPE",
    "person": "PERSON",
    "region": "LOC",
    "alliance": "ORG",
    "igo": "ORG",
    "party": "ORG",
    "media": "ORG",
    "armed_group": "ORG",
    "ngo": "ORG",
    "group": "ORG",
}
# Which kinds an entity label admits, in order of preference.
_LABEL_KINDS = {
    "PERSON": ("person",),
    "GPE": ("state", "region", "alliance", "igo"),
    "LOC": ("region", "state"),
    "NORP": ("state", "party", "armed_group", "region"),
    "ORG": ("alliance", "igo", "media", "party", "armed_group", "ngo", "state", "group"),
    "FAC": ("media", "state", "igo", "alliance"),
}
_DEFAULT_KIND_ORDER = ("state", "alliance", "igo", "media", "party", "armed_group", "ngo", "region", "group", "person")
# Posts whose holder news names by title alone ("the Japanese foreign minister") or by surname alone.
_SENIOR = ("head_of_state", "head_of_government", "foreign_minister", "defence_minister", "military_chief")
_PRONOUNS = {"he": "m", "him": "m", "his": "m", "himself": "m", "she": "f", "her": "f", "hers": "f", "herself": "f"}
_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "both": 2}
_GROUP_NOUNS = {
    "countries": ("state",),
    "nations": ("state",),
    "states": ("state",),
    "governments": ("state",),
    "neighbours": ("state",),
    "neighbors": ("state",),
    "blocs": ("alliance", "igo"),
    "alliances": ("alliance",),
    "pacts": ("alliance",),
    "organisations": ("igo", "alliance"),
    "organizations": ("igo", "alliance"),
    "sides": ("state", "alliance", "armed_group"),
    "leaders": ("person",),
    "men": ("person",),
}
_SINGULAR_NOUNS = {
    "alliance": ("alliance",),
    "bloc": ("alliance", "igo"),
    "pact": ("alliance",),
    "country": ("state",),
    "nation": ("state",),
    "kingdom": ("state",),
    "republic": ("state",),
    "organisation": ("igo", "alliance"),
    "organization": ("igo", "alliance"),
    "project": ("alliance",),
    "initiative": ("alliance",),
    "partnership": ("alliance",),
    "arrangement": ("alliance",),
    "grouping": ("alliance", "igo"),
}
_GROUP_RE = re.compile(
    r"\b(?:[Tt]he|[Bb]oth|[Tt]hese|[Tt]hose|[Aa]ll)\s+(?:(?P<num>two|three|four|five)\s+)?"
    r"(?P<noun>countries|nations|states|governments|neighbou?rs|blocs|alliances|pacts|organi[sz]ations|sides|leaders)\b"
)
_SINGULAR_RE = re.compile(
    r"\b(?:(?:[Tt]he|[Tt]his|[Tt]hat)\s+(?P<noun>alliance|bloc|pact|country|nation|kingdom|organi[sz]ation)"
    # "As part of this project, Australia will ...": a deictic "this" names the last pact mentioned
    r"|[Tt]his\s+(?P<deictic>project|initiative|partnership|arrangement|grouping))\b(?!\s+of)"
)


@dataclass(slots=True)
class Resolved(Actor):
    """An actor as this document sees it (its role on the document date), with what resolution needs."""

    gender: str | None = None

    def to_actor(self) -> Actor:
        return Actor(self.id, self.name, self.kind, self.country, self.sector, self.role, self.wikidata)


@dataclass(slots=True)
class _Cand:
    start: int  # token offsets
    end: int
    how: str  # name | acronym | metonym | description | adjective | demonym | ner | title
    label: str | None = None  # the NER label, when the pipeline found it too
    resolved: list[Resolved] = field(default_factory=list)
    out_label: str | None = None
    spelling: str | None = None  # the knowledge base's form of a misspelt state name ("Ethopia")


class ActorResolver:
    """Finds actor mentions in a ``Doc`` and resolves them against the knowledge base."""

    def __init__(self, nlp: Language, name: str, kb_paths: list[str], ner_labels: list[str]) -> None:
        register_extensions()
        self.name = name
        self.kb: KnowledgeBase = load_kb(tuple(kb_paths))
        self.ner_labels = frozenset(ner_labels)
        self.vocab = nlp.vocab
        self.phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.acronyms = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.titles = PhraseMatcher(nlp.vocab, attr="LOWER")
        tok = nlp.tokenizer
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
            self.phrases.add(how, list(tok.pipe(sorted(surfaces))))
        self.acronyms.add("acronym", list(tok.pipe(sorted(self.kb.acronyms))))
        self.titles.add("title", list(tok.pipe(sorted(self.kb.sectors.titles))))
        # names written with a small letter first ("al-Qaeda", "de Gaulle"), matched as written
        self.lowercase_names = {n for e in self.kb.entries.values() for n in (e.name, *e.aliases) if n[:1].islower()}
        self._doc: Doc | None = None
        self.honorifics = set(self.kb.sectors.honorifics)
        # one-word names written only with "The" ("The Australian", "The Hindu", "The Nation")
        with_article = {
            fold(n[4:]) for e in self.kb.entries.values() for n in (e.name, *e.aliases) if n.lower().startswith("the ")
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
        self.not_actors.add("not_actor", list(tok.pipe(sorted(self.kb.sectors.not_actors))))

    # ------------------------------------------------------------------ main

    def __call__(self, doc: Doc) -> Doc:
        self._doc = doc
        on = doc_date(doc)
        cands = self._recognise(doc)
        persons: dict[str, Resolved] = {}  # surname / full name (folded) -> person seen in this doc
        agents: list[_Cand] = []  # "Myanmar's military": an agent mention beside the country's
        for cand in cands:
            self._resolve(doc, cand, on, persons, agents)
        cands += agents
        extra = self._titles_without_names(doc, cands, on)
        cands = sorted(cands + extra, key=lambda c: c.start)
        corefs = self._coreference(doc, cands)
        mentions: list[Mention] = []
        actors: dict[str, Resolved] = {}
        for cand in sorted(cands + corefs, key=lambda c: c.start):
            span = doc[cand.start : cand.end]
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

    # ----------------------------------------------------------- recognition

    def _recognise(self, doc: Doc) -> list[_Cand]:
        kb = self.kb
        found: list[_Cand] = []
        adjective_spans = set()
        for match_id, start, end in self.phrases(doc):
            how = self.vocab.strings[match_id]
            span = doc[start:end]
            if how != "description" and not (_capitalised(span) or span.text in self.lowercase_names):
                continue
            if how == "adjective":
                adjective_spans.add((start, end))
            found.append(_Cand(start, end, how))
        # A word that is both adjective and demonym ("Russian") is read as the adjective.
        found = [c for c in found if not (c.how == "demonym" and (c.start, c.end) in adjective_spans)]
        # A one-word title known only with its article ("The Australian", "The Hindu") names the outlet
        # only after the article and with no noun after it ("the Australian government", "Hindu
        # nationalists" are no outlet).
        found = [
            c
            for c in found
            if not (
                c.how == "name"
                and c.end - c.start == 1
                and fold(doc[c.start].text) in self.article_names
                and not self._title_use(doc, c)
            )
        ]
        kb_spans = [(c.start, c.end) for c in found]
        for _, start, end in self.acronyms(doc):
            found.append(_Cand(start, end, "acronym"))
            kb_spans.append((start, end))
        for ent in doc.ents:
            if ent.label_ not in self.ner_labels or self._is_title(ent):
                continue
            start, end = ent.start, ent.end
            if ent[0].lower_ == "the" and end - start > 1:
                start += 1
            if doc[end - 1].lower_ in ("'s", "’s", "'") and end - start > 1:
                end -= 1  # "Guinea-Bissau's" -> "Guinea-Bissau"
            span = doc[start:end]
            if not _capitalised(span):
                continue  # "china" in "fine china"
            # "the Government of the United States of America", "Radical French": the name inside counts,
            # when a function word or only plain modifiers set it apart ("Denzel Washington" stays one
            # unknown name)
            if (
                ent.label_ != "PERSON"
                and not kb.lookup(span.text)
                and any(
                    start < s
                    and e <= end
                    and (
                        doc[s - 1].pos_ in ("ADP", "DET", "CCONJ", "PUNCT")
                        or (e == end and all(t.pos_ in ("ADJ", "ADV", "DET") for t in doc[start:s]))
                        # a capitalised first word before a nationality adjective ("Radical French
                        # farmers" at the start of a sentence, tagged a proper noun)
                        or ((s, e) in adjective_spans and s == start + 1 and doc[start].is_sent_start)
                    )
                    for s, e in kb_spans
                )
            ):
                continue
            found.append(_Cand(start, end, "ner", ent.label_))
        # A capital glued to another proper noun is part of a name ("Real Madrid", "Santiago Bernabeu").
        kb_tokens = {i for s_, e_ in kb_spans for i in range(s_, e_)}
        found += self._misspelt(doc, kb_tokens)
        found = [
            c
            for c in found
            if not (c.how in ("metonym", "name") and c.end - c.start == 1 and self._glued(doc, c, kb_tokens))
        ]
        # Longest first; on equal length the knowledge base beats the tagger.
        prio = {"acronym": 0, "name": 1, "description": 1, "metonym": 2, "demonym": 3, "adjective": 3, "ner": 4}
        found.sort(key=lambda c: (-(c.end - c.start), prio[c.how], c.start))
        taken = [False] * len(doc)
        # Fixed expressions ("Swiss cheese", "guinea pigs") name no actor.
        for _, start, end in self.not_actors(doc):
            for i in range(start, end):
                taken[i] = True
        chosen: list[_Cand] = []
        ent_label = {i: ent.label_ for ent in doc.ents for i in range(ent.start, ent.end)}
        # Words inside a title ("Minister of Foreign Affairs") name no actor of their own.
        in_title = [False] * len(doc)
        for _, start, end in self.titles(doc):
            for i in range(start, end):
                in_title[i] = True
        for cand in found:
            if any(taken[cand.start : cand.end]) or all(in_title[cand.start : cand.end]):
                continue
            for i in range(cand.start, cand.end):
                taken[i] = True
            if cand.label is None:
                cand.label = ent_label.get(cand.start)
            chosen.append(cand)
        chosen.sort(key=lambda c: c.start)
        return chosen

    def _title_use(self, doc: Doc, cand: _Cand) -> bool:
        """Whether a name that is also an adjective is used as a name here: "The Australian reported"."""
        after = doc[cand.end] if cand.end < len(doc) else None
        return (
            cand.start > 0
            and doc[cand.start - 1].lower_ == "the"
            and not (after is not None and after.pos_ in ("NOUN", "PROPN", "ADJ"))
        )

    def _misspelt(self, doc: Doc, kb_tokens: set[int]) -> list[_Cand]:
        """Capitalised words one edit away from exactly one state name or adjective ("Ethopia")."""
        out = []
        seen: dict[str, set[tuple[str, str]]] = {}
        for t in doc:
            # cheap tests first: this looks at every token
            if (
                len(t.text) < 5
                or not t.text[:1].isupper()
                or t.i in kb_tokens
                or t.pos_ not in ("PROPN", "ADJ")
                or t.text.isupper()
                or t.ent_type_ in ("PERSON", "DATE", "TIME")
            ):
                continue
            if t.text not in seen:
                key = fold(t.text)
                forms = [f for n in (-1, 0, 1) for f in self.state_forms.get((key[0], len(key) + n), ())]
                seen[t.text] = {(form, how) for form, how in forms if _one_edit(key, form)} if key.isalpha() else set()
            near = seen[t.text]
            if len({form for form, _ in near}) != 1 or self.kb.lookup(t.text):
                continue
            if any(
                0 <= j < len(doc) and doc[j].pos_ == "PROPN" and doc[j].text[:1].isupper() for j in (t.i - 1, t.i + 1)
            ):
                continue  # part of a longer name ("British Columbia", "Columbia University")
            form, how = sorted(near)[0]
            out.append(_Cand(t.i, t.i + 1, how, spelling=form))
        return out

    def _glued(self, doc: Doc, cand: _Cand, kb_tokens: set[int]) -> bool:
        """The one-word name has a proper-noun neighbour that is no actor, no title and no date."""
        if cand.how == "name" and self.kb.lookup(cand.spelling or doc[cand.start].text)[0].kind != "state":
            return False
        for i in (cand.start - 1, cand.end):
            if not 0 <= i < len(doc) or i in kb_tokens:
                continue
            tok = doc[i]
            if (
                tok.pos_ == "PROPN"
                and tok.text[:1].isupper()
                and tok.ent_type_ not in ("DATE", "TIME")
                and not self._title_follows(doc, i)
                and fold(tok.text) not in self.kb.sectors.titles
                and not (i == cand.start - 1 and tok.is_sent_start and tok.lower_ in ("in", "the"))
            ):
                return True
        return False

    def _is_title(self, ent: Span) -> bool:
        """An entity the tagger cut out of a title ("the Minister of Foreign Affairs (Menlu")."""
        words = fold(re.sub(r"^the\s+", "", ent.text, flags=re.I)).split()
        titles = self.kb.sectors.titles
        for n in range(len(words), 0, -1):
            if " ".join(words[:n]) in titles:
                return n == len(words) or words[n] in ("of", "for") or words[n].startswith("(")
        return False

    # ------------------------------------------------------------ resolution

    def _resolve(
        self, doc: Doc, cand: _Cand, on: dt.date | None, persons: dict[str, Resolved], agents: list[_Cand]
    ) -> None:
        span = doc[cand.start : cand.end]
        text = cand.spelling or span.text
        kb = self.kb
        if cand.how in ("adjective", "demonym"):
            index = kb.adjectives if cand.how == "adjective" else kb.demonyms
            states = [kb.entries[i] for i in index.get(fold(text), [])]
            states = [s for s in states if s.kind == "state"] or states
            if not states:
                return
            state = states[0]
            found = None if self._title_follows(doc, cand.end, senior=True) else self._agent_phrase(doc, cand, state)
            if found is not None:
                cand.resolved, cand.start, cand.end = [found[0]], found[1], found[2]
                cand.out_label = "AGENT"
            elif cand.how == "demonym":
                # "Ukrainians", "a Saudi": the country's people
                cand.resolved = [self._agent(state, "CVL")]
                cand.out_label = "AGENT"
            else:
                cand.resolved = [self._from_entry(state, on)]
                cand.out_label = "NORP"
            return
        entries = kb.lookup(text)
        if (
            entries
            and cand.end - cand.start == 1
            and not text.isupper()
            and fold(text) in self.article_names
            and not self._title_use(doc, cand)
        ):
            entries = []  # "Hindu nationalists": no outlet without its article
        if cand.how == "ner" and not entries:
            if cand.label in ("PERSON", "ORG") and len(span) == 1:
                known = persons.get(fold(span.text)) or self._by_surname(span.text, on)
                if known is not None:
                    cand.resolved = [known]
                    cand.out_label = "PERSON"
                    return
            if cand.label == "PERSON":
                person = self._person(doc, cand, on, persons)
                if person is not None:
                    cand.resolved = [person]
            elif cand.label == "ORG":
                agent = self._institution(span)
                if agent is not None:
                    cand.resolved, cand.out_label = [agent], "AGENT"
            return
        entry = self._choose(entries, cand, on)
        if entry is None:
            return
        resolved = self._from_entry(entry, on)
        if entry.kind == "person":
            title = self._title_for(doc, cand)
            if title:
                self._role_from_title(entry, resolved, title, on)
            self._note_person(resolved, span.text, persons)
        elif entry.kind == "state" and cand.how == "metonym":
            # "Washington", "the Kremlin": the government, not the city
            cand.resolved = [self._agent(entry, "GOV")]
            cand.out_label = "GPE"
            return
        elif (
            entry.kind == "state"
            and cand.how in ("name", "acronym")
            and not self._title_follows(doc, cand.end, senior=True)
        ):
            found = self._agent_phrase(doc, cand, entry, nouns_only=True)  # "US senators", "Myanmar's army"
            if found is not None:
                agent, start, end = found
                if doc[cand.end].lower_ in ("'s", "’s"):
                    agents.append(_Cand(start, end, "agent", None, [agent], "AGENT"))
                else:
                    cand.start, cand.end, cand.resolved, cand.out_label = start, end, [agent], "AGENT"
                    return
        cand.resolved = [resolved]
        if cand.how == "description":
            cand.out_label = "DESC"

    def _honorific_before(self, cand: _Cand) -> bool:
        doc = self._doc
        if doc is None or cand.start == 0:
            return False
        return fold(doc[cand.start - 1].text).rstrip(".") in self.honorifics

    def _institution(self, span: Span) -> Resolved | None:
        """An organisation the KB does not know, named by its country and kind of body:
        "the Latvian Constitutional Court" (LVA JUD), "the Nigerian Union of Teachers" (NGA LAB)."""
        nouns = self.kb.sectors.nouns
        head = span.root
        sector = nouns.get(head.lower_) or nouns.get(fold(head.lemma_))
        if sector is None:
            return None
        for tok in span:
            if tok.i == head.i:
                continue
            for index in (self.kb.adjectives, self.kb.names):
                for actor_id in index.get(fold(tok.text), []):
                    entry = self.kb.entries[actor_id]
                    if entry.kind == "state":
                        return self._agent(entry, sector)
        return None

    def _title_follows(self, doc: Doc, i: int, senior: bool = False) -> bool:
        """A title starts at token ``i`` ("Japanese | foreign minister"); with ``senior``, one of _SENIOR."""
        titles = self.kb.sectors.titles
        for j in range(i + 1, min(len(doc), i + 6) + 1):
            hit = titles.get(fold(doc[i:j].text))
            if hit and (not senior or hit[0] in _SENIOR):
                return True
        return False

    def _by_surname(self, text: str, on: dt.date | None) -> Resolved | None:
        """A bare surname ("Hayashi") naming the one KB person of that name who held office around the date."""
        if on is None:
            return None  # a bare surname without a date is anybody's
        ids = self.kb.surnames.get(fold(re.sub(r"['’]s$", "", text)), [])
        # only holders of the senior posts news names by surname alone
        people = [self.kb.entries[i] for i in ids]
        people = [p for p in people if any(r.position in _SENIOR for r in p.roles)]
        active = [p for p in people if p.role_on(on)]
        if len(active) != 1 and on is not None:
            window = [p for p in people if any(_near(r.start, r.end, on) for r in p.roles)]
            active = window if len(window) == 1 else active
        return self._from_entry(active[0], on) if len(active) == 1 else None

    def _role_from_title(self, entry: Entry, resolved: Resolved, title: tuple, on: dt.date | None) -> None:
        """The text's title for a known person: the role they held as the article speaks of them.

        A minister quoted a few days after leaving office is still "the foreign
        minister" for the statement reported; a title that matches a role held
        within the past year gives that role.  Otherwise the title is kept as
        text when the knowledge base has no role for the date.
        """
        text, sector, _country = title[0], title[1], title[2]
        position = self.kb.sectors.titles.get(fold(text.split(";")[0]), (None, None))[0]
        if position is not None:
            for role in sorted(entry.roles, key=lambda r: _ordinal(r.start), reverse=True):
                if role.position == position and (role.active(on) or _near(role.start, role.end, on)):
                    resolved.role = role.title
                    resolved.sector = POSITION_SECTOR.get(role.position) or sector
                    return
        if not resolved.role:
            resolved.role = text

    def _choose(self, entries: list[Entry], cand: _Cand, on: dt.date | None) -> Entry | None:
        if not entries:
            return None
        kinds = _LABEL_KINDS.get(cand.label or "", _DEFAULT_KIND_ORDER)
        honorific = self._honorific_before(cand)  # "Dr Fox", "Mr Blair": a person, whatever else the name may be
        if honorific:
            kinds = ("person",)
        fitting = [e for e in entries if e.kind in kinds]
        if not fitting and (cand.label != "PERSON" or cand.how != "ner") and not honorific:
            # the tagger's label is wrong ("Chad" as a person): the knowledge base decides
            fitting, kinds = entries, _DEFAULT_KIND_ORDER
        if not fitting:
            return None
        if cand.how == "metonym":
            fitting = [e for e in fitting if e.kind == "state"] or fitting
        people = [e for e in fitting if e.kind == "person"]
        if people and len(people) == len(fitting) and len(people) > 1:
            active = [p for p in people if p.role_on(on)]
            if len(active) == 1:
                return active[0]
            if not active:
                # nobody holds office on the date: the one who left office last ("George Bush" in 1995 is the
                # father, in 2014 the son); someone whose career had not begun is not meant
                ended = [(p.last_role_before(on), p) for p in people]
                ended = sorted(((r.end, p.id, p) for r, p in ended if r is not None and r.end), reverse=True)
                if ended and (len(ended) == 1 or ended[0][0] != ended[1][0]):
                    return ended[0][2]
            return None  # several people share the name and the date does not decide
        order = kinds if cand.label else _DEFAULT_KIND_ORDER
        return min(fitting, key=lambda e: order.index(e.kind) if e.kind in order else 99)

    def _from_entry(self, entry: Entry, on: dt.date | None) -> Resolved:
        sector = role = None
        country = entry.country or entry.code
        if entry.kind == "person":
            current = entry.role_on(on)
            if current is not None:
                role, sector = current.title, self._role_sector(current.position, current.title)
                org = self.kb.get(current.org) if current.org else None
                if org is not None and org.kind in ("igo", "alliance") and org.code:
                    # an official acting for an organisation: PLOVER codes the organisation
                    country = org.code
            else:
                past = entry.last_role_before(on)
                if past is not None:
                    role, sector = f"former {past.title}", "ELI"
        elif entry.kind == "media":
            sector = "JRN"
        elif entry.kind == "party":
            sector = "PTY"
        elif entry.kind == "armed_group":
            sector = "REB"
        return Resolved(entry.id, entry.name, entry.kind, country, sector, role, entry.wikidata, entry.gender)

    def _role_sector(self, position: str, title: str) -> str | None:
        """The sector of a role: by its position, else by the words of its title ("Vice President")."""
        sector = POSITION_SECTOR.get(position)
        if sector:
            return sector
        words = fold(title).split()
        for n in range(len(words), 0, -1):
            for i in range(len(words) - n, -1, -1):  # rightmost first: the head noun ("Deputy President")
                hit = self.kb.sectors.titles.get(" ".join(words[i : i + n]))
                if hit:
                    return hit[1]
        return None

    def _agent(self, state: Entry, sector: str) -> Resolved:
        desc = self.kb.sectors.codes.get(sector, sector).split(":")[0].split(",")[0].strip().lower()
        kind = "state" if sector in STATE_SECTORS else "group"
        return Resolved(f"{state.country}-{sector}", f"{state.name} ({desc})", kind, state.country, sector)

    def _agent_phrase(
        self, doc: Doc, cand: _Cand, state: Entry, nouns_only: bool = False
    ) -> tuple[Resolved, int, int] | None:
        """Nationality + agent noun: "four Saudi men", "an American destroyer".

        With ``nouns_only`` (a country name used as a modifier: "US senators")
        the agent noun must follow at once.
        """
        nouns = self.kb.sectors.nouns
        i = cand.end
        possessive = i < len(doc) and doc[i].lower_ in ("'s", "’s")
        if possessive:
            i += 1  # "Myanmar's military", "Pakistan's Supreme Court"
            if self._title_follows(doc, i, senior=True):
                return None  # "Russia's defence minister": the holder of the post
        elif nouns_only and (i >= len(doc) or doc[i].pos_ != "NOUN" or doc[i].dep_ in ("poss", "compound")):
            return None  # "US senators" yes; "Macedonia candidate status" no
        # the noun phrase continues with at most two modifiers before its head noun
        for j in range(i, min(i + (1 if nouns_only and not possessive else 3), len(doc))):
            tok = doc[j]
            if tok.pos_ not in ("NOUN", "PROPN", "ADJ") and tok.tag_ not in ("NN", "NNS"):
                break
            two = fold(doc[j : j + 2].text) if j + 1 < len(doc) else None
            sector = (nouns.get(two) if two else None) or nouns.get(tok.lower_) or nouns.get(fold(tok.lemma_))
            head = tok.pos_ in ("NOUN", "PROPN") or (tok.pos_ == "ADJ" and tok.dep_ != "amod")  # "Myanmar's military"
            if sector and head:
                end = j + (2 if two and nouns.get(two) else 1)
                start = _left_edge(doc, cand.start)
                if self._former_before(doc, start):
                    sector = "ELI"  # "a former Peruvian minister"
                return self._agent(state, sector), start, end
            if tok.pos_ == "PROPN" and not possessive:
                break
        return None

    def _former_before(self, doc: Doc, i: int) -> bool:
        """ "former", "ex-", "exiled" just before the phrase (after its determiner)."""
        prefixes = set(self.kb.sectors.former_prefixes) or {"former", "ex-", "ex"}
        for j in range(i, max(-1, i - 3), -1):
            if j < len(doc) and (doc[j].lower_ in prefixes or doc[j].lower_.rstrip("-") in prefixes):
                return True
        return False

    # ---------------------------------------------------------------- people

    def _note_person(self, person: Resolved, surface: str, persons: dict[str, Resolved]) -> None:
        for key in {fold(surface), fold(person.name), fold(person.name.split()[-1]), fold(surface.split()[-1])}:
            persons.setdefault(key, person)

    def _person(self, doc: Doc, cand: _Cand, on: dt.date | None, persons: dict[str, Resolved]) -> Resolved | None:
        """A person the knowledge base does not know.

        The same person as a fuller name seen before in the document, else a
        document-local actor -- but only when the text says who they are (a
        title or an apposition naming a role): a bare name stays unresolved.
        """
        span = doc[cand.start : cand.end]
        text = re.sub(r"['’]s$", "", span.text).strip()
        known = persons.get(fold(text)) or persons.get(fold(text.split()[-1]))
        if known is not None:
            return known
        title = self._title_for(doc, cand)
        if title is None:
            return None
        role, sector, country = title
        if country is None:
            # "Vice-President Moody Awori ... the Kenya Anti-Corruption Commission": the one country the
            # sentence names is the official's
            named = {
                self._country_near(t.text)
                for t in span.sent
                if t.text[:1].isupper() and t.i not in range(cand.start, cand.end)
            } - {None}
            country = named.pop() if len(named) == 1 else None
        person = Resolved(f"person:{_slug(text)}", text, "person", country, sector, role)
        self._note_person(person, text, persons)
        return person

    def _title_for(self, doc: Doc, cand: _Cand) -> tuple[str, str | None, str | None] | None:
        """(role, sector, country) from the title before a name or an apposition after it."""
        titles = self.kb.sectors.titles
        left = max(0, cand.start - 8)
        window = doc[left : cand.start]
        # drop a parenthetical gloss between title and name: "Minister of Foreign Affairs (Menlu) Yoshimasa"
        text = re.sub(r"\s*\([^)]*\)\s*$", "", window.text).strip()
        best: tuple[str, str | None, str | None] | None = None
        for n in range(min(6, len(text.split())), 0, -1):
            words = text.split()[-n:]
            phrase = fold(" ".join(words))
            if phrase in titles:
                position, sector = titles[phrase]
                country = self._country_near(" ".join(text.split()[-n - 2 : -n]))
                best = (" ".join(words), sector, country)
                break
        appos = [t for t in doc[cand.start : cand.end].root.children if t.dep_ == "appos"]
        if appos and self._names_a_role(doc[appos[0].left_edge.i : appos[0].right_edge.i + 1].text):
            phrase = doc[appos[0].left_edge.i : appos[0].right_edge.i + 1]
            country = self._country_near(phrase.text)
            desc = re.sub(r"^(?:a|an|the)\s+", "", phrase.text)
            if best is None:
                sector = next(
                    (sec for t, (_, sec) in titles.items() if fold(desc).startswith(t + " ") or fold(desc) == t), None
                )
                best = (desc, sector, country)
            else:
                best = (f"{best[0]}; {desc}", best[1], best[2] or country)
        return best

    def _names_a_role(self, text: str) -> bool:
        """An apposition that says what a person is ("a member of the ... Party", "the army chief")."""
        words = fold(text).split()
        lex = self.kb.sectors
        if any(w in lex.titles or w in lex.nouns for w in words):
            return True
        return bool(
            re.search(r"\b(?:member|leader|head|chief|founder|chairman|chairwoman|secretary)\b", " ".join(words))
        )

    def _country_near(self, text: str) -> str | None:
        words = [re.sub(r"['’]s$", "", w) for w in re.findall(r"[A-Z][\w’'.-]*", text)]
        # two-word names first ("South Korean", "United States"), then single words
        for word in [f"{a} {b}" for a, b in zip(words, words[1:], strict=False)] + words:
            for index in (self.kb.adjectives, self.kb.names, self.kb.metonyms):
                for actor_id in index.get(fold(word), []):
                    entry = self.kb.entries[actor_id]
                    if entry.kind == "state":
                        return entry.country
            for actor_id in self.kb.acronyms.get(word, []):
                entry = self.kb.entries[actor_id]
                if entry.kind == "state":
                    return entry.country
        return None

    def _titles_without_names(self, doc: Doc, cands: list[_Cand], on: dt.date | None) -> list[_Cand]:
        """ "the Japanese foreign minister": whoever held the post on the document date."""
        taken = {i for c in cands if c.resolved and c.how != "adjective" for i in range(c.start, c.end)}
        person_starts = {c.start for c in cands if c.label == "PERSON" or any(r.kind == "person" for r in c.resolved)}
        spans = sorted(((s, e) for _, s, e in self.titles(doc)), key=lambda se: (se[0], -(se[1] - se[0])))
        out: list[_Cand] = []
        last_end = -1
        for start, end in spans:
            if start < last_end or any(i in taken for i in range(start, end)):
                continue
            nxt = end
            if nxt < len(doc) and doc[nxt].text == "(":  # "Minister of Foreign Affairs (Menlu) Yoshimasa Hayashi"
                close = next((k for k in range(nxt, min(nxt + 6, len(doc))) if doc[k].text == ")"), None)
                nxt = close + 1 if close is not None else nxt
            if nxt in person_starts or (nxt < len(doc) and doc[nxt].ent_type_ == "PERSON"):
                continue  # a title before a name: the name carries it
            position, sector = self.kb.sectors.titles[fold(doc[start:end].text)]
            if position not in _SENIOR:
                continue  # "a Canadian judge" is an agent, not the one holder of a post
            country = None
            # "the South Korean president", "Japan's foreign minister", "the US secretary of state"
            for c in cands:
                gap = start - c.end
                if (
                    c.resolved
                    and c.resolved[0].kind == "state"
                    and (gap == 0 or (gap == 1 and doc[c.end].lower_ in ("'s", "’s")))
                ):
                    country, start = c.resolved[0].country, _left_edge(doc, c.start)
                    break
            before = doc[max(0, start - 3) : start]
            for tok in reversed(before) if country is None else ():
                country = self._country_near(tok.text) if tok.text[:1].isupper() else None
                if country:
                    start = _left_edge(doc, tok.i)
                    break
            if country is None and end + 1 < len(doc) and doc[end].lower_ == "of":
                tail = doc[end + 1 : min(len(doc), end + 4)]
                country = self._country_near(tail.text)
                if country:
                    end = next((t.i + 1 for t in tail if self._country_near(t.text)), end)
            if country is None:
                continue
            holders = self.kb.holders(country, position, on)
            if len(holders) != 1:
                continue
            cand = _Cand(start, end, "title", None, [self._from_entry(holders[0], on)], "ROLE")
            out.append(cand)
            last_end = end
        return out

    def resolve_name(self, text: str, on: dt.date | None) -> Actor | None:
        """The actor a bare name denotes (a credit line's outlet, a feed's source), or None."""
        entries = self.kb.lookup(text)
        entry = self._choose(entries, _Cand(0, 0, "name"), on)
        return self._from_entry(entry, on).to_actor() if entry else None

    # ----------------------------------------------------------- coreference

    def _coreference(self, doc: Doc, cands: list[_Cand]) -> list[_Cand]:
        out: list[_Cand] = []
        resolved = [c for c in cands if c.resolved and c.out_label != "NORP"]
        for tok in doc:
            gender = _PRONOUNS.get(tok.lower_)
            if gender is None or tok.pos_ != "PRON":
                continue
            before = [
                c
                for c in resolved
                if c.end <= tok.i
                and len(c.resolved) == 1
                and c.resolved[0].kind == "person"
                and c.resolved[0].gender in (None, gender)
            ]
            if before:
                out.append(_Cand(tok.i, tok.i + 1, "pronoun", None, [before[-1].resolved[0]], "PRON"))
        for rx, table in ((_GROUP_RE, _GROUP_NOUNS), (_SINGULAR_RE, _SINGULAR_NOUNS)):
            for m in rx.finditer(doc.text):
                span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
                if span is None:
                    continue
                kinds = table[(m.group("noun") or m.groupdict().get("deictic") or "").lower()]
                n = _NUMBERS.get((m.groupdict().get("num") or "").lower(), 0)
                if rx is _GROUP_RE and n == 0:
                    n = 2 if m.group(0).lower().startswith("both") else 0
                if rx is _SINGULAR_RE:
                    n = 1
                if n == 0:
                    continue
                picked: list[Resolved] = []
                for c in reversed([c for c in resolved if c.end <= span.start]):
                    for r in c.resolved:
                        if r.kind in kinds and r.id not in {p.id for p in picked}:
                            picked.append(r)
                    if len(picked) >= n:
                        break
                if len(picked) >= n:
                    picked = list(reversed(picked[:n]))
                    out.append(_Cand(span.start, span.end, "group", None, picked, "COREF"))
        return out


def _ordinal(d: dt.date | None) -> int:
    return d.toordinal() if d else 0


def _near(start: dt.date | None, end: dt.date | None, on: dt.date | None, days: int = 400) -> bool:
    """A role that ended within ``days`` before ``on`` (or is active on it)."""
    if on is None:
        return end is None
    if start is not None and start > on:
        return False
    return end is None or 0 <= (on - end).days <= days


def _one_edit(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` differ by one insertion, deletion, substitution or swap of neighbours.

    Written out because it is the only fuzzy comparison needed, bounded and on short words; a general
    edit-distance library would compute the whole distance."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        return a[i + 1 :] == b[i + 1 :] or (a[i : i + 2] == b[i : i + 2][::-1] and a[i + 2 :] == b[i + 2 :])
    longer, shorter = (a, b) if len(a) > len(b) else (b, a)
    return longer[i + 1 :] == shorter[i:]


def _capitalised(span: Span) -> bool:
    first = span[0].text
    return first[:1].isupper() or first[:1].isdigit()


def _left_edge(doc: Doc, i: int) -> int:
    """Extend left over determiners and numbers: "four Saudi men", "an American destroyer"."""
    while i > 0 and doc[i - 1].pos_ in ("DET", "NUM") and doc[i - 1].lower_ not in ("this", "that"):
        i -= 1
    return i


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


@Language.factory(
    "newsgraph_actors",
    default_config={"kb_paths": [], "ner_labels": list(NER_LABELS)},
    requires=["doc.ents", "token.pos", "token.dep"],
    assigns=["doc._.mentions", "doc._.actors"],
)
def make_actor_resolver(nlp: Language, name: str, kb_paths: list[str], ner_labels: list[str]) -> ActorResolver:
    return ActorResolver(nlp, name, kb_paths, ner_labels)
