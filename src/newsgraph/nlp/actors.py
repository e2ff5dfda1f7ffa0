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
class Resolved:
    """An actor as this document sees it (its role on the document date)."""

    id: str
    name: str
    kind: str
    country: str | None = None
    sector: str | None = None
    role: str | None = None
    wikidata: str | None = None
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

    # ------------------------------------------------------------------ main

    def __call__(self, doc: Doc) -> Doc:
        on = _doc_date(doc)
        cands = self._recognise(doc)
        persons: dict[str, Resolved] = {}  # surname / full name (folded) -> person seen in this doc
        for cand in cands:
            self._resolve(doc, cand, on, persons)
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
        found: list[_Cand] = []
        for match_id, start, end in self.phrases(doc):
            how = self.vocab.strings[match_id]
            span = doc[start:end]
            if how != "description" and not _capitalised(span):
                continue
            found.append(_Cand(start, end, how))
        for _, start, end in self.acronyms(doc):
            found.append(_Cand(start, end, "acronym"))
        for ent in doc.ents:
            if ent.label_ in self.ner_labels and not self._is_title(ent):
                start = ent.start + (1 if ent[0].lower_ == "the" and len(ent) > 1 else 0)
                found.append(_Cand(start, ent.end, "ner", ent.label_))
        # Longest first; on equal length the knowledge base beats the tagger.
        prio = {"acronym": 0, "name": 1, "description": 1, "metonym": 2, "demonym": 3, "adjective": 3, "ner": 4}
        found.sort(key=lambda c: (-(c.end - c.start), prio[c.how], c.start))
        taken = [False] * len(doc)
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

    def _is_title(self, ent: Span) -> bool:
        """An entity the tagger cut out of a title ("the Minister of Foreign Affairs (Menlu")."""
        words = fold(re.sub(r"^the\s+", "", ent.text, flags=re.I)).split()
        titles = self.kb.sectors.titles
        for n in range(len(words), 0, -1):
            if " ".join(words[:n]) in titles:
                return n == len(words) or words[n] in ("of", "for") or words[n].startswith("(")
        return False

    # ------------------------------------------------------------ resolution

    def _resolve(self, doc: Doc, cand: _Cand, on: dt.date | None, persons: dict[str, Resolved]) -> None:
        span = doc[cand.start : cand.end]
        kb = self.kb
        if cand.how in ("adjective", "demonym"):
            states = [
                kb.entries[i]
                for i in (kb.adjectives if cand.how == "adjective" else kb.demonyms).get(fold(span.text), [])
            ]
            states = [s for s in states if s.kind == "state"] or states
            if not states:
                return
            state = states[0]
            agent = self._agent_phrase(doc, cand, state)
            if agent is not None:
                cand.resolved = [agent]
                cand.out_label = "AGENT"
            elif cand.how == "demonym" and span[-1].tag_ in ("NNS", "NNPS"):
                cand.resolved = [self._agent(state, "CVL")]
                cand.out_label = "AGENT"
            else:
                cand.resolved = [self._from_entry(state, on)]
                cand.out_label = "NORP"
            return
        entries = kb.lookup(span.text)
        if cand.how == "ner" and not entries and cand.label == "PERSON":
            cand.resolved = [self._person(doc, cand, on, persons)]
            return
        if cand.how == "ner" and not entries:
            # "the Russian Communist Party": try without a leading adjective's article only
            return
        entry = self._choose(entries, cand, on)
        if entry is None:
            return
        resolved = self._from_entry(entry, on)
        if entry.kind == "person":
            self._note_person(resolved, span.text, persons)
            title = self._title_for(doc, cand)
            if title and not resolved.role:
                resolved.role = title[0]
        cand.resolved = [resolved]
        if cand.how == "description":
            cand.out_label = "DESC"

    def _choose(self, entries: list[Entry], cand: _Cand, on: dt.date | None) -> Entry | None:
        if not entries:
            return None
        kinds = _LABEL_KINDS.get(cand.label or "", _DEFAULT_KIND_ORDER)
        fitting = [e for e in entries if e.kind in kinds] or (entries if cand.label not in ("PERSON",) else [])
        if not fitting:
            return None
        if cand.how == "metonym":
            fitting = [e for e in fitting if e.kind == "state"] or fitting
        people = [e for e in fitting if e.kind == "person"]
        if people and len(people) == len(fitting) and len(people) > 1:
            active = [p for p in people if p.role_on(on)]
            if len(active) == 1:
                return active[0]
            return None  # several people share the name and the date does not decide
        order = kinds if cand.label else _DEFAULT_KIND_ORDER
        return min(fitting, key=lambda e: order.index(e.kind) if e.kind in order else 99)

    def _from_entry(self, entry: Entry, on: dt.date | None) -> Resolved:
        sector = role = None
        if entry.kind == "person":
            current = entry.role_on(on)
            if current is not None:
                role, sector = current.title, POSITION_SECTOR.get(current.position)
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
        return Resolved(
            entry.id, entry.name, entry.kind, entry.country or entry.code, sector, role, entry.wikidata, entry.gender
        )

    def _agent(self, state: Entry, sector: str) -> Resolved:
        desc = self.kb.sectors.codes.get(sector, sector).split(":")[0].split(",")[0].strip().lower()
        kind = "state" if sector in STATE_SECTORS else "group"
        return Resolved(f"{state.country}-{sector}", f"{state.name} ({desc})", kind, state.country, sector)

    def _agent_phrase(self, doc: Doc, cand: _Cand, state: Entry) -> Resolved | None:
        """Nationality + agent noun: "four Saudi men", "an American destroyer"."""
        nouns = self.kb.sectors.nouns
        i = cand.end
        # the noun phrase continues with at most two modifiers before its head noun
        for j in range(i, min(i + 3, len(doc))):
            tok = doc[j]
            if tok.pos_ not in ("NOUN", "PROPN", "ADJ") and tok.tag_ not in ("NN", "NNS"):
                break
            two = fold(doc[j : j + 2].text) if j + 1 < len(doc) else None
            sector = (nouns.get(two) if two else None) or nouns.get(tok.lower_) or nouns.get(fold(tok.lemma_))
            if sector and tok.pos_ in ("NOUN", "PROPN"):
                end = j + (2 if two and nouns.get(two) else 1)
                cand.start = _left_edge(doc, cand.start)
                cand.end = end
                return self._agent(state, sector)
            if tok.pos_ == "PROPN":
                break
        return None

    # ---------------------------------------------------------------- people

    def _note_person(self, person: Resolved, surface: str, persons: dict[str, Resolved]) -> None:
        for key in {fold(surface), fold(person.name), fold(person.name.split()[-1]), fold(surface.split()[-1])}:
            persons.setdefault(key, person)

    def _person(self, doc: Doc, cand: _Cand, on: dt.date | None, persons: dict[str, Resolved]) -> Resolved:
        span = doc[cand.start : cand.end]
        text = re.sub(r"['’]s$", "", span.text).strip()
        known = persons.get(fold(text)) or persons.get(fold(text.split()[-1]))
        if known is not None:
            return known
        title = self._title_for(doc, cand)
        role, sector, country = title if title else (None, None, None)
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
        if appos:
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

    def _country_near(self, text: str) -> str | None:
        for word in re.findall(r"[A-Z][\w’'-]+(?:\s+[A-Z][\w-]+)?", text):
            word = re.sub(r"['’]s$", "", word)
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
            country = None
            before = doc[max(0, start - 3) : start]
            for tok in reversed(before):
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


def _doc_date(doc: Doc) -> dt.date | None:
    value = doc._.published
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


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
