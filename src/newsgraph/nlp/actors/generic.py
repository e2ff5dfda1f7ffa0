"""Agents named without a knowledge-base actor: "soldiers", "riot police", "a retired vice president",
"the Biden administration", "the government".

* A noun phrase whose head is an agent noun of ``sectors.yaml`` gets that
  sector ("former"/"retired" before it: ELI), with the country of the one place
  its sentence names as a location ("riot police fired tear gas in Santiago":
  CHL), else no country.  Nouns of the state's own sectors (officials,
  ministry, parliament, court) are not coded without a country: their
  government is unknown.
* "the <person> administration/government" is the government of the person's
  country; a bare "the administration"/"the government" the government of the
  last such phrase, else of the state the document names most.
"""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc, Token

from newsgraph.kb.base import fold
from newsgraph.nlp.actors.common import Resolved, _Cand

# Sectors whose agents belong to a state's institutions: without a country they name nobody.
_NEEDS_COUNTRY = {"GOV", "LEG", "JUD", "SPY", "PTY", "OPP", "PRE"}
# Crowds ("people", "residents", "protesters") are left to the events stage, which codes an unnamed
# crowd that acts by the place it acts in.
_CROWDS = {"CVL", "UNK"}
_HEADS = ("head_of_state", "head_of_government")


class GenericAgents:
    """Methods of :class:`~newsgraph.nlp.actors.component.ActorResolver` (generic agents)."""

    def _generic_agents(self, doc: Doc, cands: list[_Cand]) -> list[_Cand]:
        nouns = self.kb.sectors.nouns
        covered = {i for c in cands for i in range(c.start, c.end)}
        former = set(self.kb.sectors.former_prefixes)
        country_at = {
            i: r.country
            for c in cands
            for r in c.resolved[:1]
            if len(c.resolved) == 1 and r.country and r.kind != "person"
            for i in range(c.start, c.end)
        }
        out: list[_Cand] = []
        for tok in doc:
            if tok.i in covered or tok.pos_ not in ("NOUN", "PROPN") or tok.dep_ in ("compound", "amod", "poss"):
                continue
            if tok.pos_ == "PROPN" and not (tok.is_sent_start or tok.text.islower()):
                continue  # a name ("Police Scotland"), not a common noun capitalised at the start
            start, sector = tok.i, None
            if tok.i > 0 and tok.i - 1 not in covered:
                sector = nouns.get(fold(doc[tok.i - 1 : tok.i + 1].text))  # "riot police", "vice president"
                start = tok.i - 1 if sector else tok.i
            sector = sector or nouns.get(fold(tok.text)) or nouns.get(fold(tok.lemma_))
            if sector is None or any(c.dep_ == "poss" for c in tok.children):
                continue  # "its troops": someone's own, for coreference to tell
            while (
                start > 0
                and start - 1 not in covered
                and doc[start - 1].pos_ in ("DET", "NUM", "ADJ", "VERB")
                and doc[start - 1].head.i in range(start, tok.i + 1)
                and doc[start - 1].dep_ in ("det", "nummod", "amod", "compound")
            ):
                start -= 1
            if any(fold(t.text).rstrip("-") in former for t in doc[start : tok.i]):
                sector = "ELI"  # "a retired vice president"
            collective = [
                fold(t.text) for t in doc[start : tok.i] if fold(t.text) in self.rules["collective_modifiers"]
            ]
            if (
                sector not in _CROWDS
                and collective
                # "the foreign ministry", "a foreign ministry spokesman" are a state's own; "foreign observers" are not
                and not (collective == ["foreign"] and tok.tag_ != "NNS")
                and fold(doc[tok.i - 1 : tok.i + 1].text) not in self.kb.sectors.titles  # "the foreign minister"
                and fold(doc[tok.i - 1].lemma_ + " " + tok.lemma_) not in self.kb.sectors.titles
            ):
                # "Western journalists", "foreign observers": of no single country, acting or not
                out.append(_Cand(start, tok.i + 1, "agent", None, [self._sector_agent(sector)], "AGENT"))
                covered.update(range(start, tok.i + 1))
                continue
            if sector in _NEEDS_COUNTRY | _CROWDS or (
                sector == "GOV" and fold(tok.text) in self.rules["government_nouns"]
            ):
                continue
            # "doctors from two Swiss aid groups donated ... to a hospital in Gaza": a from-phrase says whose they
            # are (the events stage reads it), not the sentence's place
            origin = any(c.dep_ == "prep" and c.lower_ == "from" for c in tok.children)
            country = self._own_country(tok, country_at) or (None if origin else self._place_of(tok, country_at))
            if country is None and (not _acting(tok) or any(c.lower_ == "from" for c in tok.children)):
                # without a country, only an agent that acts is worth an actor: as an object or a
                # complement ("mobilised reservists for a war against Iraq") it would stand in for
                # the country-coded participants of the event; one with a phrase of its own ("doctors
                # from two Swiss aid groups") is left to the events stage, which reads the phrase
                continue
            state = self.kb.state(country) if country else None
            agent = self._agent(state, sector) if state is not None else self._sector_agent(sector)
            out.append(_Cand(start, tok.i + 1, "agent", None, [agent], "AGENT"))
            covered.update(range(start, tok.i + 1))
        return out

    def _sector_agent(self, sector: str) -> Resolved:
        desc = self.kb.sectors.codes.get(sector, sector).split(":")[0].split(",")[0].strip().lower()
        return Resolved(f"agent:{sector}", f"{desc} (no country)", "group", None, sector)

    def _own_country(self, tok: Token, country_at: dict[int, str]) -> str | None:
        """A country the noun phrase names in its own words: its modifiers ("Vietnamese-led forces",
        "militants loyal to Iraq's ...") and an "of" phrase, not a clause attached to it nor a
        "from"/"in" phrase, which says where they are or leave ("forces from Panama")."""
        found: set[str] = set()
        clauses = ("relcl", "acl", "advcl", "appos", "conj", "cc")
        stack = [c for c in tok.children if c.dep_ not in clauses and (c.dep_ != "prep" or c.lower_ == "of")]
        while stack:
            t = stack.pop()
            if t.i in country_at:
                found.add(country_at[t.i])
            stack.extend(c for c in t.children if c.dep_ not in clauses)
        states = {c for c in found if self.kb.state(c) is not None}
        return states.pop() if len(states) == 1 else None

    def _place_of(self, tok: Token, country_at: dict[int, str]) -> str | None:
        """The country of the one place the token's sentence names as a location ("in Santiago",
        "in the heart of the Afghan capital")."""
        sent = tok.sent
        countries = {c for i, c in self._places if sent.start <= i < sent.end}
        for t in sent:
            if t.dep_ == "pobj" and fold(t.head.text) in self.rules["locative_prepositions"]:
                countries |= {country_at[s.i] for s in _place_words(t) if s.i in country_at}
        countries = {c for c in countries if self.kb.state(c) is not None}
        return countries.pop() if len(countries) == 1 else None

    def _governments(self, doc: Doc, cands: list[_Cand]) -> list[_Cand]:
        """ "the Biden administration" (extends the person's mention), "the administration", "the government"."""
        words = self.rules["government_nouns"]
        by_end = {c.end: c for c in cands if c.resolved}
        counts = Counter(
            r.country for c in cands for r in c.resolved if r.kind == "state" and r.country and c.role is None
        )
        if not counts:
            # no state named by itself ("Kenyan opposition leader James Otieno accused the government"): the
            # countries of the people and agents it names
            counts = Counter(r.country for c in cands for r in c.resolved if r.country and c.role is None)
            counts = Counter({k: v for k, v in counts.items() if self.kb.state(k) is not None})
        first: dict[str, int] = {}
        for c in cands:
            for r in c.resolved:
                if r.kind == "state" and r.country:
                    first.setdefault(r.country, c.start)
        main = min(counts, key=lambda k: (-counts[k], first.get(k, 0))) if counts else None
        last: str | None = None  # the country of the last "<person> administration"
        out: list[_Cand] = []
        covered = {i for c in cands if c.resolved for i in range(c.start, c.end)}
        for tok in doc:
            word = fold(tok.text)
            if word not in words or tok.pos_ != "NOUN" or tok.i in covered:
                continue
            before = by_end.get(tok.i)
            if before is not None and len(before.resolved) == 1 and before.resolved[0].kind == "person":
                country = before.resolved[0].country
                state = self.kb.state(country) if country else None
                if state is not None:
                    before.resolved, before.end, before.out_label = [self._agent(state, "GOV")], tok.i + 1, "AGENT"
                    last = state.country
                continue
            if tok.i == 0 or doc[tok.i - 1].lower_ != "the" or any(_names_a_place(c, covered) for c in tok.children):
                continue  # "an administration", "the government of Chile" (the country is named)
            if word == "administration":
                # news says "the administration" of a president's government: the last one named
                country = last or self._leader_country(cands, tok.i) or ("USA" if "USA" in counts else main)
            else:
                country = main
            state = self.kb.state(country) if country else None
            if state is not None:
                out.append(_Cand(tok.i - 1, tok.i + 1, "agent", None, [self._agent(state, "GOV")], "AGENT"))
        return out

    def _leader_country(self, cands: list[_Cand], before: int) -> str | None:
        """The country of the head of state or government named most often before token ``before``
        (the last named on a tie): whose administration the text speaks of."""
        heads = {t for t, (position, _) in self.kb.sectors.titles.items() if position in _HEADS}
        seen: Counter[str] = Counter()
        last: dict[str, int] = {}
        for c in cands:
            if c.end > before or len(c.resolved) != 1:
                continue
            r = c.resolved[0]
            role = fold(r.role or "")
            if r.kind == "person" and r.country and any(role == h or role.startswith(h + " ") for h in heads):
                seen[r.country] += 1
                last[r.country] = c.start
        return max(seen, key=lambda k: (seen[k], last[k])) if seen else None


def _acting(tok: Token) -> bool:
    """The head of an active subject or of a passive's "by" agent (a passive subject is acted upon)."""
    if tok.dep_ == "nsubj":
        return True
    return tok.dep_ == "pobj" and tok.head.dep_ == "agent"


def _names_a_place(child: Token, covered: set[int]) -> bool:
    """A prepositional phrase of "the government" that says whose it is ("of Chile", "in Kabul"), not what it
    is accused of ("accused the government of rigging the election")."""
    return child.dep_ == "prep" and any(
        g.dep_ == "pobj" and (g.pos_ == "PROPN" or g.i in covered) for g in child.children
    )


def _place_words(tok: Token) -> list[Token]:
    """The words of a place phrase: its subtree without what the parser coordinated with it ("in the waters
    of the Gulf of Aden and a German naval helicopter thwarted ...": the helicopter is no place)."""
    out, stack = [], [tok]
    while stack:
        t = stack.pop()
        out.append(t)
        stack.extend(c for c in t.children if c.dep_ not in ("conj", "cc", "relcl", "acl"))
    return out
