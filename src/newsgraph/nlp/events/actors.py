"""Actors of noun phrases: the mentions a phrase names, agents the knowledge base lacks, implicit agents of places."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from newsgraph.nlp.actors.unresolved import unresolved_actor
from newsgraph.nlp.common import unique
from newsgraph.nlp.events.lexicon import Sense
from newsgraph.nlp.events.rules import (
    _NP_DEPS,
    _OCCUR,
    _SUBJ_PASS,
    _inside_clause,
    _is_passive,
    _is_speech,
    _is_state_code,
    _pobj,
)

# Sectors of people who are of a place rather than of one institution: civilians, workers, students, doctors,
# party members and candidates, the opposition.
_PEOPLE = ("CVL", "LAB", "EDU", "MED", "PTY", "OPP")


class ActorsMixin:
    """Actors of noun phrases: the mentions a phrase names, unknown agents, implicit agents of places."""

    def _actor_index(self, doc: Doc) -> dict[int, list[str]]:
        """Token index -> ids of the actors its mention names."""
        index: dict[int, list[str]] = {}
        for m in doc._.mentions or []:
            if not m.actor_ids:
                continue
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None:
                continue
            for t in span:
                index.setdefault(t.i, [])
                for actor_id in m.actor_ids:
                    if actor_id not in index[t.i]:
                        index[t.i].append(actor_id)
        return index

    def _actors_of(self, tok: Token | None, actors_at: dict[int, list[str]], depth: int = 0) -> list[str]:
        """Actors a noun phrase names: its own mention, its modifiers', its coordinated heads'."""
        if tok is None or depth > 6 or (tok.i not in actors_at and self._nonpolitical(tok)):
            return []
        out: list[str] = []
        if tok.i in actors_at:
            out.extend(actors_at[tok.i])
            # "Senior Hungarian and Romanian officials": a coordinated modifier names a second actor
            for child in tok.children:
                if (
                    child.dep_ in ("amod", "compound", "nmod")  # "U.S. and Russian negotiators"
                    and child.i in actors_at
                    and any(g.dep_ == "conj" for g in child.children)
                ):
                    out.extend(actors_at[child.i])
        else:
            for child in tok.children:
                if child.dep_ in _NP_DEPS and child.dep_ != "appos":
                    out.extend(self._actors_of(child, actors_at, depth + 1))
                elif (
                    child.dep_ == "prep"
                    and tok.pos_ in ("NOUN", "PROPN")
                    and (child.lower_ in ("of", "from", "for") or (child.lower_ == "in" and self._sector_of(tok)))
                ):  # "the government of Japan", "officials from Iran", "rebels in the Ivory Coast"
                    # "the government of Japan", "officials from Iran"
                    out.extend(self._actors_of(_pobj(child), actors_at, depth + 1))
        for child in tok.children:
            # "Australia, the UK and the US": the parser hangs list items as appositions too
            if child.dep_ == "conj" or (child.dep_ == "appos" and (not out or child.i in actors_at)):
                out.extend(self._actors_of(child, actors_at, depth + 1))
        return unique(out)

    def _place_only(self, sent_start: int, sent_end: int) -> set[str]:
        """Actors the sentence names only as places: mentions the actor stage labelled ``LOC`` ("released
        in Doha", "south of Jerusalem") and the country in apposition to one ("Doha, Qatar")."""
        loc = {i for i in self._loc_tokens if sent_start <= i < sent_end}
        if not loc:
            return set()
        doc = self._doc
        for i in list(loc):
            loc |= {c.i for c in doc[i].children if c.dep_ in ("appos", "npadvmod")}
        named_elsewhere = {a for i in range(sent_start, sent_end) if i not in loc for a in self._at.get(i, ())}
        return {a for i in loc for a in self._at.get(i, ())} - named_elsewhere

    def _gathering(self, source: list[str]) -> bool:
        """Several who meet: more than one actor, or a body of many (an organisation, an alliance)."""
        return len(source) > 1 or any(self._kinds.get(a) in ("igo", "alliance") for a in source)

    def _only_located(self, actor: str, sent) -> bool:
        """Whether the sentence names ``actor`` only as where something happens ("in China", "at the UN")."""
        toks = [t for t in sent if actor in self._at.get(t.i, ())]
        return bool(toks) and all(
            any(h.dep_ == "pobj" and h.head.lower_ in ("in", "at") for h in (t, t.head)) for t in toks
        )

    def _nonpolitical(self, tok: Token) -> bool:
        """A person in a private, sporting or artistic role ("the Kenyan runner", "Chinese tourists"): the
        nationality adjective names no political actor (``agents.nonpolitical`` of the lexicon); a group
        noun with its of-phrase ("a team of UN inspectors") is looked through elsewhere."""
        return (
            tok.pos_ in ("NOUN", "PROPN")
            and (tok.lower_ in self.nonpolitical or tok.lemma_.lower() in self.nonpolitical)
            and not any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children)
        )

    def _sector_of(self, tok: Token) -> str | None:
        """The PLOVER sector a group noun names ("demonstrators" CVL, "rebels" REB), if any."""
        return self.sector_nouns.get(tok.lower_) or self.sector_nouns.get(tok.lemma_.lower())

    def _place_country(self, tok: Token, actors_at: dict[int, list[str]]) -> str | None:
        """The country of an "in <place>" phrase of the trigger's sentence."""
        for t in tok.sent:
            if t.dep_ == "pobj" and t.head.lower_ == "in":
                for a in _place_actors(t, actors_at):
                    if self._country.get(a):
                        return self._country[a]
        return None

    def _story_country(self) -> str | None:
        """The state the document names most (the first named on a tie): where a domestic story is set."""
        if getattr(self, "_story", False) is False:
            counts: dict[str, int] = {}
            for m in self._doc._.mentions or []:
                for a in m.actor_ids:
                    if self._kinds.get(a) == "state" and _is_state_code(self._country.get(a)):
                        code = self._country[a]
                        counts[code] = counts.get(code, 0) + 1
            self._story = max(counts, key=lambda k: counts[k]) if counts else None  # first on a tie (dict order)
        return self._story

    def _reporter_country(self, tok: Token, actors_at: dict[int, list[str]]) -> str | None:
        """The country of whoever reports the trigger's clause ("Congo announced a commander has been
        killed"): a government reports its own losses unless it names someone else's."""
        cur = tok
        while cur.dep_ == "ccomp" and cur.head.i != cur.i:
            cur = cur.head
            if _is_speech(cur, self.lex) or cur.lemma_.lower() in ("announce", "confirm", "report"):
                speaker = self._clause_subject(cur, actors_at)
                return next((self._country.get(a) for a in speaker if self._country.get(a)), None)
        return None

    def _occurring_protest(self, tok: Token, sense: Sense) -> bool:
        """A protest nominal that is the subject of a verb of happening ("Protests erupted in ...",
        "demonstrations spread to ...", "riots broke out in ...")."""
        return (
            tok.pos_ == "NOUN"
            and tok.dep_ == "nsubj"
            and tok.head.lemma_.lower() in _OCCUR
            and self._ptype(sense.cameo) == "PROTEST"
        )

    def _place_state(self, doc: Doc, tok: Token, actors_at: dict[int, list[str]]) -> list[str]:
        """The state of the place a passive state act happens in: the trigger's own "in", "from" or "at"
        phrase first ("was expelled from Tehran"), else an "in" phrase of the sentence."""
        patient = [a for c in tok.children if c.dep_ in _SUBJ_PASS for a in self._actors_of(c, actors_at)]
        places = [_pobj(c) for c in tok.children if c.dep_ == "prep" and c.lower_ in ("in", "from", "at")]
        for place in places:
            for a in self._actors_of(place, actors_at):
                if self._kinds.get(a) == "state" and a not in patient:
                    return [a]
        country = self._place_country(tok, actors_at)
        if not _is_state_code(country):
            return []
        return [self._implicit_agent(doc, country, "GOV")]

    def _implicit_agent(self, doc: Doc, country: str, sector: str) -> str:
        """An agent the text implies but does not name; added to the document's actors."""
        from newsgraph.model import Actor

        actor_id = f"{country}-{sector}"
        if actor_id not in self._country:
            name = next((a.name for a in doc._.actors or [] if a.kind == "state" and a.country == country), country)
            kind = "state" if sector in ("GOV", "MIL", "COP", "SPY", "JUD", "LEG", "PRM") else "group"
            doc._.actors = [*(doc._.actors or []), Actor(actor_id, f"{name} ({sector})", kind, country, sector)]
            self._country[actor_id] = country
        return actor_id

    def _agent_phrase(self, tok: Token) -> Token | None:
        """The subject phrase of the trigger's clause when it names someone: a name, a titled or
        group noun ("Vice-President Moody Awori", "the Homeland Union", "Hundreds of thousands of
        people"), not a thing ("the plan") or a pronoun."""
        if tok.pos_ in ("NOUN", "PROPN"):
            verb = self._light_verb(tok)
            if verb is None:
                return None
            tok = verb
        if _is_passive(tok):
            for c in tok.children:
                if c.dep_ == "agent":
                    return self._agentive(_pobj(c))
            return None
        cur, subj = tok, None
        for _ in range(4):
            subj = self._subject(cur)
            if subj is not None and subj.pos_ == "PRON" and cur.dep_ in ("ccomp", "xcomp", "conj"):
                subj = None  # "the party has said it will boycott ...": the speaker's subject
            elif subj is not None or cur.dep_ not in ("xcomp", "conj"):
                break
            if cur.head.i == cur.i:
                break
            cur = cur.head
        if subj is None:
            subj = self._acl_subject(cur)
        return self._agentive(subj)

    def _agentive(self, tok: Token | None, depth: int = 0) -> Token | None:
        if tok is None or depth > 3 or tok.pos_ == "PRON" or self._nonpolitical(tok):
            return None
        if tok.lemma_.lower() in self.partitives:
            # "Members of the Association ...", "One third of ethnic Albanian guerrillas"
            prep = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            return self._agentive(_pobj(prep), depth + 1) if prep is not None else None
        named = tok.ent_type_ in ("PERSON", "ORG", "NORP", "GPE")
        return tok if named or self._sector_of(tok) or tok.lemma_.lower() in self.agent_nouns else None

    def _unresolved_source(self, doc: Doc, tok: Token, actors_at: dict[int, list[str]]) -> list[str]:
        """An actor for an agent the knowledge base does not know, its country read from the place of
        the event for unnamed groups ("people blocked streets in Hong Kong")."""
        head = self._agent_phrase(tok)
        if head is None:
            return []
        known = self._actors_of(head, actors_at)
        if known:
            return known  # reached through a clause the role reading does not follow
        words: list[Token] = []
        for t in doc[head.left_edge.i : head.right_edge.i + 1]:
            # the phrase up to a clause, an apposition or a comma inside it ("Militants loyal to ...")
            if t.i > head.i and (t.dep_ in ("punct", "relcl", "acl", "appos", "cc") or _inside_clause(t, head)):
                break
            words.append(t)
        words = words[:14]
        start, end = words[0].idx, words[-1].idx + len(words[-1].text)
        name = doc.text[start:end].strip()
        if name.lower().startswith(("the ", "a ", "an ")):
            name = name.split(" ", 1)[1]
        sector = self._sector_of(head)
        country = self._place_country(tok, actors_at) if sector and head.tag_ == "NNS" else None
        if country is None and sector in _PEOPLE and head.tag_ == "NNS":
            # an unnamed crowd whose sentence names no place ("Demonstrators attempted to break through a
            # police cordon", "An estimated 100,000 people took to the streets") is of the place the story
            # is about
            country = self._story_country()
        if not _is_state_code(country):
            country = None
        # the id is the words and the country (one mechanism with the statements stage's speakers)
        actor_id = unresolved_actor(doc, name, country, sector)
        self._country.setdefault(actor_id, country)
        self._kinds.setdefault(actor_id, "unresolved")
        return [actor_id]

    def _np_source(self, tok: Token, sense: Sense, actors_at: dict[int, list[str]]) -> bool:
        """A nominal trigger names its own agent: "Russia's attack", "an attack by rebels", "Israeli strikes",
        and, for a nominal whose sense lists "of" among its source prepositions, "the withdrawal of Russian
        forces" (the doer of an intransitive act)."""
        for c in tok.children:
            if c.dep_ in ("poss", "compound", "amod", "nmod") and c.i in actors_at:
                return True
            if c.dep_ == "prep" and c.lower_ in sense.source_preps:
                pobj = _pobj(c)
                if c.lower_ == "of" and self._np_actors(pobj, actors_at) or self._actors_of(pobj, actors_at):
                    return True
        return False

    def _np_actors(self, tok: Token | None, actors_at: dict[int, list[str]]) -> list[str]:
        """Actors a noun phrase names in its own words: its head, modifiers and coordinated heads, not its
        prepositional phrases ("Russian forces from Homs" names Russia)."""
        if tok is None:
            return []
        out: list[str] = []
        stack = [tok]
        while stack:
            t = stack.pop()
            out.extend(actors_at.get(t.i, ()))
            stack.extend(c for c in t.children if c.dep_ in ("amod", "compound", "poss", "nmod", "conj", "flat"))
        return unique(out)


def _place_actors(tok: Token, actors_at: dict[int, list[str]]) -> list[str]:
    """Actors a place phrase names: its words and its of-phrases ("the heart of the Afghan capital", "the
    northern city of Thessaloniki"), not a phrase the parser coordinated with it ("in the waters of the Gulf
    of Aden and a German naval helicopter thwarted ...")."""
    out: list[str] = []
    stack = [tok]
    while stack:
        t = stack.pop()
        out.extend(actors_at.get(t.i, ()))
        for c in t.children:
            if c.dep_ in ("compound", "amod", "poss", "nmod", "flat", "appos", "pobj") or (
                c.dep_ == "prep" and c.lower_ == "of"
            ):
                stack.append(c)
    return unique(out)
