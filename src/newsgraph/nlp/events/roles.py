"""Roles: source and target read off the dependency parse (subjects, objects, passives, nominals)."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from newsgraph.nlp.common import unique
from newsgraph.nlp.events.lexicon import Sense
from newsgraph.nlp.events.rules import (
    _DEFAULT_TARGET_PREPS,
    _FRAMES,
    _MEDIATION,
    _OBJ,
    _SUBJ,
    _SUBJ_PASS,
    _VERBAL,
    _inside_clause,
    _is_passive,
    _is_state_code,
    _locative,
    _pobj,
)


class RolesMixin:
    """Roles: source and target read off the dependency parse (subjects, objects, passives, nominals)."""

    def _light_verb(self, tok: Token) -> Token | None:
        """The verb a nominal event hangs on ("staged rallies", "began a hunger strike", "in protest"),
        through a noun that frames it ("launched a mediation effort")."""
        if tok.dep_ == "compound" and tok.head.lemma_.lower() in _FRAMES:
            tok = tok.head
        if tok.dep_ in ("dobj", "nsubjpass") and tok.head.pos_ == "VERB" and tok.head.lemma_ != "be":
            return tok.head
        if (
            tok.dep_ == "pobj"
            and tok.head.lower_ in ("in", "for")
            and tok.head.head.pos_ == "VERB"
            and tok.head.head.lemma_ != "be"
        ):
            return tok.head.head
        return None

    def _subject(self, tok: Token) -> Token | None:
        for c in tok.children:
            if c.dep_ in _SUBJ:
                if c.pos_ == "VERB" and c.tag_ == "VBG":
                    # "The Red Cross operating in Iraq said": the parser made the participle the subject
                    inner = next((g for g in c.children if g.dep_ in _SUBJ and g.i < c.i), None)
                    if inner is not None:
                        return inner
                return c
        return None

    def _source(self, doc: Doc, tok: Token, sense: Sense, actors_at: dict[int, list[str]]) -> list[str]:
        # passive: "announced by Australia, the UK and the US"
        for c in tok.children:
            if c.dep_ in ("agent", "prep") and c.lower_ in sense.source_preps and _is_passive(tok):
                actors = self._actors_of(_pobj(c), actors_at)
                if actors:
                    return actors
        if sense.intent and _is_passive(tok):
            # "Vietnam is committed to opening up ...": a stative passive of intent is its subject's own
            for c in tok.children:
                if c.dep_ in _SUBJ_PASS:
                    return self._actors_of(c, actors_at)
        if tok.pos_ in ("NOUN", "PROPN"):
            # "Russia's attack", "the Russian invasion", "an attack by rebels"
            for c in tok.children:
                if c.dep_ in ("poss", "compound", "amod", "nmod") and c.i in actors_at:
                    return list(actors_at[c.i])
                if c.dep_ == "prep" and c.lower_ in sense.source_preps and c.lower_ != "of":
                    actors = self._actors_of(_pobj(c), actors_at)
                    if actors:
                        return actors
            actors = self._nominal_doers(tok, sense, actors_at)
            if actors:
                return actors
            # "Russia launched an attack on ...", "staged rallies", "in protest against": the light verb's subject
            verb = self._light_verb(tok)
            actors = self._clause_subject(verb, actors_at) if verb is not None else []
            if not actors and "of" in sense.source_preps:
                # "the withdrawal of Russian forces from Homs": the doer of an intransitive act, named by the
                # of-phrase's own words (not its "from Homs")
                for c in tok.children:
                    if c.dep_ == "prep" and c.lower_ == "of" and _pobj(c) is not None:
                        actors = self._np_actors(_pobj(c), actors_at)
                        if actors:
                            break
            return actors
        if tok.pos_ == "ADJ":
            return self._clause_subject(tok.head if tok.dep_ in ("acomp", "xcomp") else tok, actors_at)
        return self._clause_subject(tok, actors_at)

    def _nominal_doers(self, tok: Token, sense: Sense, actors_at: dict[int, list[str]]) -> list[str]:
        """The doers a nominal's phrases name beyond its modifiers: a by-phrase the parser hung on its
        of-object ("the bombing of a refugee camp by Sudanese forces"), and the sides of an act done together
        named by its between-phrase ("the prisoner swap between Iran and the United States", "clashes between
        Armenian and Azerbaijani troops"); not the sides a mediation is between."""
        for c in tok.children:
            if c.dep_ != "prep":
                continue
            obj = _pobj(c)
            if obj is None:
                continue
            if c.lower_ == "of":
                for g in obj.children:
                    if g.dep_ in ("prep", "agent") and g.lower_ == "by":
                        actors = self._actors_of(_pobj(g), actors_at)
                        if actors:
                            return actors
            elif c.lower_ == "between" and not (sense.cameo or "").startswith(_MEDIATION):
                actors = self._actors_of(obj, actors_at)
                if len(actors) > 1:
                    return actors
        return []

    def _clause_subject(self, verb: Token, actors_at: dict[int, list[str]], depth: int = 0) -> list[str]:
        """The actors of a verb's subject; a clause without one borrows its governor's."""
        if depth > 5:
            return []
        subj = self._subject(verb)
        if subj is not None and self._nonpolitical(subj):
            return []  # "Chinese tourists are planning to travel", "the Kenyan runner grabbed gold": no political doer
        if subj is not None:
            actors = self._actors_of(subj, actors_at)
            if actors:
                return actors
            if subj.pos_ in ("NOUN", "PROPN") and not self._nonpolitical(subj):
                # "A roadside bombing near Samarra killed ...": the place names the unknown attacker
                inside = [
                    a for t in subj.subtree if t.i in actors_at and not _inside_clause(t, subj) for a in actors_at[t.i]
                ]
                if inside:
                    return unique(inside)
            if subj.pos_ == "PRON" and verb.dep_ in ("ccomp", "xcomp", "conj", "advcl") and verb.head.i != verb.i:
                return self._clause_subject(verb.head, actors_at, depth + 1)  # "Syria says it is willing ..."
            # "officials said": no actor in the subject
            if subj.pos_ != "PRON":
                return []
        if verb.dep_ in ("xcomp", "conj", "acomp") and verb.head.i != verb.i:
            return self._clause_subject(verb.head, actors_at, depth + 1)  # shared subject
        holder = self._acl_subject(verb)
        if holder is not None:
            return self._actors_of(holder, actors_at)
        if verb.dep_ == "acl" and verb.head.pos_ == "NOUN" and any(c.lower_ == "to" for c in verb.children):
            # "Germany's decision to expel ...", "the decision by Germany to expel ...": the nominal's doer
            for c in verb.head.children:
                if c.dep_ == "poss" and c.i in actors_at:
                    return list(actors_at[c.i])
                if c.dep_ in ("prep", "agent") and c.lower_ == "by":
                    actors = self._actors_of(_pobj(c), actors_at)
                    if actors:
                        return actors
        return []

    def _acl_subject(self, verb: Token) -> Token | None:
        """The subject of a verb the parser hung on a noun phrase.

        A finite verb parsed as a modifier is the sentence's predicate ("Doctors from two American aid
        groups donated ...": its subject is the phrase it hangs on); a participle on the object of a
        verb of issuing says what that verb's subject does ("issued a declaration demanding ...").
        """
        if verb.dep_ != "acl" or verb.head.i == verb.i:
            return None
        if verb.tag_ == "VBD" or (verb.tag_ == "VBN" and verb.sent.root.pos_ in ("NOUN", "PROPN")):
            top = verb.head
            while top.dep_ in ("pobj", "prep") and top.head.i != top.i and top.head.pos_ in ("ADP", "NOUN", "PROPN"):
                top = top.head
            return top if top.pos_ in ("NOUN", "PROPN") else None
        if verb.tag_ == "VBG" and verb.head.dep_ == "dobj" and verb.head.head.pos_ == "VERB":
            return self._subject(verb.head.head)
        return None

    def _adjunct_subject(self, tok, actors_at: dict[int, list[str]]) -> list[str]:
        """The subject of the clause a subjectless gerund adjunct hangs on ("after meeting with Putin",
        "by sending troops"), when the clause is active; [] otherwise."""
        if tok.tag_ != "VBG" or tok.dep_ != "pcomp" or self._subject(tok) is not None:
            return []
        prep = tok.head
        if prep.dep_ != "prep" or prep.lower_ not in self.gerund_preps or prep.head.pos_ not in ("VERB", "AUX"):
            return []
        if any(t.pos_ != "ADV" for t in tok.doc[prep.i + 1 : tok.i]):
            return []  # the gerund follows its preposition ("after months of ... threats of the U.S. pulling out")
        if _is_passive(prep.head):
            return []
        return self._clause_subject(prep.head, actors_at)

    def _relative_subject(self, tok, actors_at: dict[int, list[str]]) -> list[str]:
        """The actors of the phrase a relative clause hangs on when its subject is the relative pronoun
        ("Hamas, which attacked Israel", "the Taliban, who have long refused to negotiate"); [] otherwise."""
        verb, path = tok, [tok]
        while verb.dep_ in ("xcomp", "conj") and verb.head.i != verb.i and verb.head.pos_ in ("VERB", "AUX"):
            verb = verb.head
            path.append(verb)
        if verb.dep_ != "relcl" or tok.pos_ not in ("VERB", "AUX"):
            return []
        subj = self._subject(verb)
        if subj is None or subj.lower_ not in ("who", "which", "that"):
            return []
        if not any(v.tag_ == "VBD" or any(c.dep_ == "aux" and c.lemma_ == "have" for c in v.children) for v in path):
            # a past act mentioned in passing ("which attacked Israel", "who have long refused"); a present
            # relative clause describes the phrase ("the bloc that includes Germany", "Americans who visit")
            return []
        actors = self._actors_of(verb.head, actors_at)
        if not actors and subj.lower_ == "who" and not self._someone(verb.head):
            # "talks between his government and the Taliban, who have long refused ...": "who" is someone, so
            # the parser hung it on the wrong phrase; it is the actor named right before it
            before = next((t for t in reversed(verb.doc[verb.sent.start : subj.i]) if not t.is_punct), None)
            actors = list(actors_at.get(before.i, ())) if before is not None else []
        return actors

    def _named_group(self, tok: Token | None, actors_at: dict[int, list[str]]) -> list[str]:
        """A definite plural group ("free the hostages") is the group an earlier phrase with the same head
        noun named ("Two hostages -- an American and an Australian -- ..."): its actors."""
        if tok is None or tok.tag_ != "NNS" or not any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children):
            return []
        lemma = tok.lemma_.lower()
        for t in reversed(tok.doc[: tok.i]):
            if t.lemma_.lower() == lemma and t.pos_ == "NOUN":
                found = self._actors_of(t, actors_at)
                if found:
                    return found
        return []

    def _target(
        self, doc: Doc, tok: Token, sense: Sense, ptype: str | None, actors_at: dict[int, list[str]], source: list[str]
    ) -> list[str]:
        preps = sense.target_preps or _DEFAULT_TARGET_PREPS.get(ptype or "", ())
        candidates: list[Token | None] = []
        passive = _is_passive(tok)
        for c in tok.children:
            if c.dep_ in _OBJ and tok.pos_ not in ("NOUN", "PROPN") or c.dep_ in _SUBJ_PASS and passive:
                # "two hostages, who had been held by the Taliban": the relative pronoun is the noun it hangs on
                relative = c.tag_ in ("WP", "WDT") and tok.dep_ == "relcl"
                candidates.append(tok.head if relative else c)
        if tok.dep_ in ("acl", "relcl") and tok.tag_ == "VBN" and not candidates:
            candidates.append(tok.head)
        # "a mediation effort between the Emirates and Saudi Arabia": the framing noun's phrases are the nominal's
        heads = [tok, tok.head] if tok.dep_ == "compound" and tok.head.lemma_.lower() in _FRAMES else [tok]
        verb = self._light_verb(tok) if tok.pos_ in ("NOUN", "PROPN") else None
        if verb is not None and tok.dep_ == "dobj":
            # "aimed his criticism at Britain", "levelled charges against Iran": the parser hangs the
            # nominal's target on its light verb
            heads.append(verb)
        for head in heads:
            for c in head.children:
                if c.dep_ in ("prep", "dative") and c.lower_ in preps:
                    candidates.append(_pobj(c))
        if sense.target_preps and tok.pos_ not in ("NOUN", "PROPN"):
            # the parser hangs the target on the object ("used tear gas against students")
            for obj in (c for c in tok.children if c.dep_ == "dobj"):
                for c in obj.children:
                    if c.dep_ == "prep" and c.lower_ in sense.target_preps:
                        candidates.append(_pobj(c))
        # "urged X to ...", "demanded that President Mugabe abandon ..."
        for c in tok.children:
            if c.dep_ in ("ccomp", "xcomp"):
                candidates.append(self._subject(c))
        # people the verb acts on directly ("arrested 40 activists in Cairo") are its target, not the place
        people = any(
            c is not None
            and (c.dep_ in _OBJ + _SUBJ_PASS or (c.dep_ == "pobj" and c.head.lower_ != "in"))
            and c.tag_ == "NNS"
            and self._sector_of(c)
            for c in candidates
        )
        for cand in candidates:
            if people and cand is not None and cand.head.lower_ == "in" and cand.head.head.i == tok.i:
                break
            actors = [
                a for a in self._actors_of(cand, actors_at) or self._named_group(cand, actors_at) if a not in source
            ]
            if actors:
                return actors
        # an unnamed group ("dispersed demonstrators", "arresting political opponents"): of the place, else
        # of the source's country -- the coders' convention for domestic actors; also the one a purpose clause
        # acts on ("opened fire to disperse demonstrators")
        purposes = [
            g
            for c in tok.children
            if c.dep_ in ("xcomp", "advcl") and c.i > tok.i and not any(m.dep_ == "mark" for m in c.children)
            for g in c.children
            if g.dep_ in _OBJ
        ]
        for cand in candidates + purposes:
            if cand is not None and cand.lemma_.lower() in self.partitives:
                # "dozens of demonstrators", "hundreds of students": the group counted
                cand = next((_pobj(g) for g in cand.children if g.dep_ == "prep" and g.lower_ == "of"), cand)
            # people in the plural ("demonstrators", "opponents"), not things ("its first submarine")
            # or the one person a passive attack names ("a senior military commander has been killed")
            person = cand is not None and cand.dep_ in _SUBJ_PASS and ptype in ("ASSAULT", "COERCE")
            plural = cand is not None and (cand.tag_ == "NNS" or person)
            sector = self._sector_of(cand) if cand is not None and plural and ptype != "MOBILIZE" else None
            if sector:
                country = (
                    self._place_country(tok, actors_at)
                    # "Esper met with several top government officials" in a story set in Vietnam: the story's
                    # place before the source's own country
                    or self._story_country()
                    or next((self._country.get(a) for a in source if self._country.get(a)), None)
                    or (self._reporter_country(tok, actors_at) if person else None)
                )
                if _is_state_code(country):
                    return [self._implicit_agent(doc, country, sector)]
        if passive and ptype in ("ASSAULT", "COERCE"):
            # "a refugee camp in Chad was bombed": the place of the thing attacked, the coders' convention
            for c in tok.children:
                if c.dep_ in _SUBJ_PASS:
                    for g in c.children:
                        if g.dep_ == "prep" and g.lower_ in ("in", "near", "outside"):
                            actors = [a for a in self._actors_of(_pobj(g), actors_at) if a not in source]
                            if actors:
                                return actors
        # a purpose or complement clause names it ("began a hunger strike to protest against Sweden's decision")
        for c in tok.children:
            if (
                c.dep_ in ("xcomp", "advcl") and c.i > tok.i and not any(m.dep_ == "mark" for m in c.children)
            ):  # not a condition or a circumstance ("will not accept refugees if war starts in Iraq")
                for t in c.subtree:
                    if t.i in actors_at and not any(a in source for a in actors_at[t.i]):
                        return [a for a in actors_at[t.i] if a not in source]
        # the object phrase's own modifiers ("withdraw its troops from neighbouring Lebanon")
        verbal = (sense.cameo or "").startswith(_VERBAL)
        for c in tok.children:
            if c.dep_ in _OBJ or (
                c.dep_ == "prep"
                and (
                    c.lower_ in ("from", "to", "in", "into", "with", "towards")
                    or (c.lower_ == "for" and ptype in ("MOBILIZE", "REQUEST"))  # "called for tariffs on China"
                    # a nominal measure's phrase ("the EU embargo on arms exports to China")
                    or (c.lower_ in ("on", "against") and tok.pos_ == "NOUN" and ptype in ("SANCTION", "COERCE"))
                    # what a nominal measure or withdrawal is of ("a suspension of air links with Serbia", "the
                    # withdrawal of some invasion forces from Panama")
                    or (c.lower_ == "of" and tok.pos_ == "NOUN" and ptype in ("SANCTION", "RETREAT"))
                )
            ):
                for t in c.subtree:
                    # a reaction is aimed at whom, not where: places in locatives are where what it reacts to
                    # happened ("condemned the bombing of a camp in South Sudan"); acts done in a place keep it
                    # as their target, the coders' convention ("lifted a curfew in Montenegro")
                    if t.i in actors_at and not _inside_clause(t, tok) and not (verbal and _locative(t, tok)):
                        actors = [a for a in actors_at[t.i] if a not in source]
                        if actors:
                            # and the actors coordinated with it ("blows to the United States and Israel")
                            head = t
                            while head.dep_ in ("compound", "flat") and head.head.i in actors_at:
                                head = head.head
                            conj = [a for c in head.children if c.dep_ == "conj" for a in self._actors_of(c, actors_at)]
                            return unique([*actors, *(a for a in conj if a not in source)])
        return []

    # ---------------------------------------------------------------- coding
