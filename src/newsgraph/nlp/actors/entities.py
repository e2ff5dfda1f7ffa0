"""Resolution of a recognised span against the knowledge base: homonyms, people on the date, metonyms, organisations."""

from __future__ import annotations

import datetime as dt
import re

from spacy.tokens import Doc, Span

from newsgraph.kb.base import POSITION_SECTOR, Entry, fold
from newsgraph.nlp.actors.common import (
    _DEFAULT_KIND_ORDER,
    _LABEL_KINDS,
    _SENIOR,
    Resolved,
    _Cand,
    _near,
    _ordinal,
)

# Words of a part of a state named with it ("South Lebanon", "Northern Iraq").
_COMPASS = {
    "north",
    "south",
    "east",
    "west",
    "northern",
    "southern",
    "eastern",
    "western",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "central",
    "upper",
    "lower",
}


class EntityResolution:
    """Methods of :class:`~newsgraph.nlp.actors.component.ActorResolver` (entities)."""

    def _resolve(
        self, doc: Doc, cand: _Cand, on: dt.date | None, persons: dict[str, Resolved], agents: list[_Cand]
    ) -> None:
        span = doc[cand.start : cand.end]
        # "[Russian President Vladimir] Putin": an editor's brackets are no part of the name
        text = " ".join((cand.spelling or span.text).replace("[", " ").replace("]", " ").split())
        kb = self.kb
        if cand.end - cand.start == 1 and cand.how in ("name", "metonym", "ner"):
            # a surname after the person's full name ("Lisa Monaco ... Monaco said") is that person before
            # any knowledge-base entity of the name
            key = fold(re.sub(r"['’]s$", "", text))
            known = persons.get(key)
            if known is not None:
                cand.resolved, cand.out_label = [known], "PERSON"
                return
            if key in self._named:
                cand.label = "PERSON"
                return  # a person the knowledge base does not know, and nothing else
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
            elif cand.how == "demonym" or _person_noun(doc, cand, state):
                # "Ukrainians", "a Saudi", "an American and an Australian": the country's people
                cand.resolved = [self._agent(state, "CVL")]
                cand.out_label = "AGENT"
            else:
                cand.resolved = [self._from_entry(state, on)]
                cand.out_label = "NORP"
            return
        entries = kb.lookup(text)
        if not entries and cand.label in ("GPE", "LOC") and len(text.split()) > 1:
            # "South Lebanon", "northern Iraq" as one name: the part of the state is the state
            first, rest = text.split(None, 1)
            if fold(first) in _COMPASS:
                entries = [
                    e
                    for e in kb.lookup(rest)
                    if e.kind == "state" and fold(rest) in {fold(n) for n in (e.name, *e.aliases)}
                ]
        if not entries and cand.label == "PERSON":
            # "John F. Kerry", "George W. Bush": the knowledge base's name without the middle initial
            plain = re.sub(r"^(\S+)\s+[A-Z]\.\s+(?=\S)", r"\1 ", text)
            entries = [e for e in kb.lookup(plain) if e.kind == "person"] if plain != text else []
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
                elif len(text.split()) > 1:
                    self._named.add(fold(re.sub(r"['’]s$", "", text.split()[-1])))
            elif cand.label == "ORG":
                agent = self._institution(span)
                if agent is not None:
                    cand.resolved, cand.out_label = [agent], "AGENT"
            return
        entry = self._choose(entries, cand, on)
        if entry is None or (entry.kind == "group" and _counted(doc, cand.start)):
            return  # "the only two Arab states - Egypt and Jordan": some of them, named elsewhere, not the whole
        if cand.how == "acronym" and self._acronym_elsewhere(doc, cand, entry):
            return  # "the TPP trade deal", "the Trans-Pacific Partnership (TPP)": not the entry's acronym
        use = self._locative(doc, cand) if entry.kind == "state" else None
        if use == "name" and cand.how == "metonym":
            return  # "the University of Ottawa": a word of a name
        if use == "place":
            self._places.append((cand.start, entry.country))
            if cand.how == "metonym":
                # "released in Doha", "south of Jerusalem": the place (its country), not its government
                cand.resolved, cand.out_label = [self._from_entry(entry, on)], "LOC"
                return
        if entry.kind == "group" and cand.label == "LOC" and self._locative(doc, cand) != "place":
            cand.out_label = "ORG"  # "urged the West to act": a side, not a place ("in the West")
        if entry.kind == "agency":
            other = self._state_before(doc, cand.start)
            if other is not None and other.country != entry.country:
                # "Chile's Defense Department": that country's department of the kind the name says
                cand.resolved, cand.out_label = [self._agent(other, entry.sector or "GOV")], "AGENT"
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

    def _state_before(self, doc: Doc, i: int) -> Entry | None:
        """The state named just before token ``i``: "Chile's | ...", "Chilean | ..."."""
        j = i - 2 if i >= 2 and doc[i - 1].lower_ in ("'s", "’s") else i - 1
        if j < 0 or not doc[j].text[:1].isupper():
            return None
        code = self._country_near(doc[j].text)
        return self.kb.state(code) if code else None

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
        two = fold(span.doc[head.i - 1 : head.i + 1].text) if head.i > span.start else None
        # the kind of body by its last two words first ("Defense Department", "police department")
        sector = (nouns.get(two) if two else None) or nouns.get(head.lower_) or nouns.get(fold(head.lemma_))
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
        sector = sector or entry.sector  # a ministry, an agency, an army: the sector the data gives
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


def _person_noun(doc: Doc, cand: _Cand, state) -> bool:
    """An adjective used as a person noun, one of the state's demonyms: "an American", "two Australians"
    (the head of its phrase, after an article or a number), not "the American" of "the American proposal"."""
    tok = doc[cand.end - 1]
    if cand.end - cand.start != 1 or tok.dep_ in ("amod", "compound", "poss") or tok.head.i == tok.i:
        return False
    before = doc[cand.start - 1] if cand.start > 0 else None
    counted = before is not None and (before.lower_ in ("a", "an") or before.pos_ == "NUM")
    return counted and fold(tok.text) in {fold(d) for d in state.demonyms}


# Words before a plural that pick some members out of a collective ("two Arab states", "several Western countries").
_SOME = frozenset({"some", "several", "many", "few", "most", "other", "these", "those", "both", "only", "certain"})


def _counted(doc: Doc, start: int) -> bool:
    """Whether a number or a quantifier stands before token ``start`` (over adjectives)."""
    i = start - 1
    while i >= 0 and doc[i].pos_ == "ADJ" and doc[i].lower_ not in _SOME:
        i -= 1
    return i >= 0 and (doc[i].like_num or doc[i].lower_ in _SOME)
