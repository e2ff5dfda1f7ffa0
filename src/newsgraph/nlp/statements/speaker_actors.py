"""Speaker actors: every statement whose speaker the text names points at an actor entry.

The speaker of a frame (``antecedents.Speakers``) is an actor of the knowledge base when the actor
stage resolved its words.  When it did not, the words still say who spoke, and the statement (and the
forecast it states, through ``Statement.speaker``) needs an actor with a name and, where the text says
it, a country:

* a person's name goes to the document's person of that surname named before ("Okonkwo" after
  "Foreign Minister Adebayo Okonkwo"), else becomes an unresolved actor ("Saeb Erekat", with the
  country of the nationality word before it: "Palestinian chief negotiator Saeb Erekat");
* a role phrase with no name ("the minister", "the California congressman") goes to the last person
  before it who holds that role (the role's words, or the same position in ``titles.yaml``);
* a relative pronoun ("seamen ..., who said") is the noun it hangs on;
* any other agent noun ("analysts", "a senior Western diplomat") becomes an unresolved actor.

Unresolved actors are made by :func:`newsgraph.nlp.actors.unresolved.unresolved_actor`, the events
stage's mechanism for unknown agents.  The country comes from the speaker phrase: a nationality or
state mention inside it, or a title or tag that says it ("U.S. Rep.", "(D-Calif.)": ``titles.yaml``).
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from newsgraph.kb.base import fold
from newsgraph.nlp.actors.unresolved import unresolved_actor
from newsgraph.nlp.statements.records import _Frame

# Heads that name nobody in particular: quantifiers and the like ("many said", "some argued").
_NOBODY = frozenset({"many", "some", "most", "few", "several", "all", "both", "others", "other", "one", "none", "each"})


class SpeakerActors:
    """The actor for a speaker the actor stage left without one (see the module's docstring)."""

    def _speaker_actor(self, f: _Frame, speaker: str | None, text: str | None) -> tuple[str | None, str | None]:
        head = f.speaker_tok if f.speaker_tok is not None else (f.source.root if f.source is not None else None)
        if isinstance(head, Span):
            head = head.root
        if head is None or not text:
            return speaker, text
        if speaker is not None:
            return self._named_person_over(head, speaker), text
        if head.pos_ == "PRON" and head.tag_ not in ("WP", "WDT"):
            # a personal pronoun whose antecedent is a name no actor stands for ('9/11 widow Terry Strada')
            if text == head.text:
                return None, text
            return self._person_actor(text, None), text
        if head.tag_ in ("WP", "WDT") and head.head.dep_ == "relcl":
            head = head.head.head  # 'seamen on board the ship, who said ...'
            m = self.mentions.get(head.i)
            if m is not None and m.actor_ids:
                return m.actor_ids[0], text
        lemma = head.lemma_.lower()
        if head.pos_ not in ("NOUN", "PROPN") or lemma in _NOBODY or lemma in self.lex.document_nouns:
            return None, text
        if lemma in self.lex.not_sources or self.in_quote[head.i] >= 0:
            return None, text
        name = self._person_name(head)
        country = self._phrase_country(head)
        if name is not None:
            return self._person_actor(name, country), text
        if head.pos_ == "PROPN":
            # a surname the parser's entities missed ('Schiff told ...' after 'Rep. Adam Schiff')
            known = self._person_actor(head.text, None, create=False)
            if known is not None:
                return known, text
        role = self._role_holder(head, country)
        if role is None and head.pos_ == "NOUN":
            role = self._introduced_holder(head, country)
        if role is None and head.pos_ == "NOUN" and any(c.lower_ == "the" for c in head.lefts):
            role = self._named_by_noun(head)
        if role is not None:
            return role, text
        words = self._phrase_words(head)
        sector = self._sector_of_noun(lemma) or self._sector_of_noun(head.lower_)
        if not words or not (sector or self._agent_noun(head)):
            return None, text  # 'a compromise gesture agreed ...': no agent to speak
        return self._unresolved(words, country, sector), text

    # ------------------------------------------------------------------ names

    def _named_person_over(self, head: Token, speaker: str) -> str:
        """A name at the head of the phrase beats a country or body in a modifier of it
        ('Palestinian chief negotiator Saeb Erekat': Erekat speaks, not Palestine)."""
        actor = self.actors.get(speaker) or next((a for a in self.doc._.actors or [] if a.id == speaker), None)
        if actor is None or actor.kind == "person":
            return speaker
        m = self.names.get(head.i)
        if m is None or head.pos_ != "PROPN":
            # or a name in apposition to the head ("China's ambassador to Britain Liu Xiaoming")
            name = next(
                (c for c in head.children if c.dep_ == "appos" and c.pos_ == "PROPN" and c.i in self.names), None
            )
            if name is None or head.pos_ != "NOUN":
                if head.pos_ == "NOUN" and actor.kind == "state":
                    # 'China's ambassador' again, after 'China's ambassador to Britain Liu Xiaoming'
                    return self._introduced_holder(head, actor.country) or speaker
                return speaker
            head, m = name, self.names[name.i]
        if speaker in (self.mentions.get(head.i) or m).actor_ids:
            return speaker
        country = actor.country if actor.kind in ("state", "group", "agency") else None
        return self._person_actor(m.text, country)

    def _person_name(self, head: Token) -> str | None:
        """The person's name the head is, or that stands in apposition to it ('the group's spokesman,
        Jens Hagen Eschenbecher')."""
        for t in [head, *(c for c in head.children if c.dep_ == "appos")]:
            m = self.names.get(t.i)
            if m is not None:
                return m.text
            if t.pos_ == "PROPN" and t.ent_type_ == "PERSON":
                toks = [c for c in t.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"] + [t]
                return " ".join(x.text for x in toks)
        return None

    def _person_actor(self, name: str, country: str | None, create: bool = True) -> str | None:
        """The document's person whose name ends with this name's surname, else an unresolved actor."""
        name = re.sub(r"['’]s$", "", name.strip())
        surname = fold(name.split()[-1]) if name.split() else ""
        for a in reversed(self.doc._.actors or []):
            # a person, or a person's name made an unresolved actor before ('Maury Obstfeld' ... 'Obstfeld')
            named = a.kind == "person" or (a.kind == "unresolved" and a.name[:1].isupper() and len(a.name.split()) > 1)
            if named and a.name and fold(a.name.split()[-1]) == surname:
                first = fold(name.split()[0])
                if len(name.split()) == 1 or fold(a.name).startswith(first) or first in fold(a.name).split():
                    return a.id
        if len(name.split()) == 1:
            # a family name written first ('Liu' after 'Liu Xiaoming', 'Kim' after 'Kim Jong Un'): one
            # person of the document whose full name starts with it
            starts = [
                a.id
                for a in self.doc._.actors or []
                if (a.kind == "person" or (a.kind == "unresolved" and a.name[:1].isupper()))
                and len(a.name.split()) > 1
                and fold(a.name.split()[0]) == surname
            ]
            if len(set(starts)) == 1:
                return starts[0]
        return self._unresolved(name, country, None) if create else None

    def _unresolved(self, name: str, country: str | None, sector: str | None) -> str:
        actor_id = unresolved_actor(self.doc, name, country, sector)
        if actor_id not in self.actors:
            self.actors = {a.id: a for a in self.doc._.actors or []}
        return actor_id

    # ------------------------------------------------------------------ roles

    def _role_holder(self, head: Token, country: str | None) -> str | None:
        """The last person before ``head`` whose role is the one the phrase names ('the minister')."""
        titles = self.tagger.titles()
        words = [t.lower_ for t in head.lefts if t.dep_ in ("compound", "amod") and t.i >= head.i - 3] + [head.lower_]
        title = next((" ".join(words[i:]) for i in range(len(words)) if fold(" ".join(words[i:])) in titles), None)
        if title is None:
            return None
        position = titles[fold(title)][0]
        seen: list[str] = []
        for m in self.doc._.mentions or []:
            if m.start >= head.idx:
                break
            if m.actor_ids and len(m.actor_ids) == 1:
                seen.append(m.actor_ids[0])
        for actor_id in reversed(seen):
            actor = self.actors.get(actor_id)
            if actor is None or actor.kind != "person" or not actor.role:
                continue
            if country is not None and actor.country not in (None, country):
                continue
            role = fold(actor.role)
            if re.search(r"\b" + re.escape(fold(head.lower_)) + r"\b", role):
                return actor_id
            held = {titles[t][0] for t in titles if re.search(r"(?<![\w.])" + re.escape(t) + r"(?![\w])", role)}
            if position != "other" and position in held:
                return actor_id
        return None

    def _introduced_holder(self, head: Token, country: str | None) -> str | None:
        """The person an earlier phrase with the same head noun introduced by name: 'Peru's ambassador'
        after 'Peru's ambassador to Chile, Rosa Quispe' (a name in apposition to the noun, or the noun
        a modifier of the name).  The earlier phrase's own modifiers must include the later one's
        ('the finance minister' is not 'the foreign minister'), and its country must not differ."""
        lemma = head.lemma_.lower()
        wanted = self._role_modifiers(head)
        found: str | None = None
        for t in self.doc[: head.i]:
            if t.pos_ != "NOUN" or t.lemma_.lower() != lemma:
                continue
            names = [c for c in t.children if c.dep_ == "appos" and c.pos_ == "PROPN"]
            if t.dep_ == "compound" and t.head.pos_ == "PROPN":
                names.append(t.head)
            person = next((p for p in map(self._person_named, names) if p is not None), None)
            if person is None or not wanted <= self._role_modifiers(t):
                continue
            if country is not None and self._phrase_country(t) not in (None, country):
                continue
            found = person
        return found

    def _person_named(self, tok: Token) -> str | None:
        """The person actor a name token stands for: resolved by the actor stage, else made from the
        name's words (a person no knowledge base knows)."""
        m = self.mentions.get(tok.i)
        if m is not None and len(m.actor_ids) == 1:
            actor = self.actors.get(m.actor_ids[0])
            return actor.id if actor is not None and actor.kind == "person" else None
        m = self.names.get(tok.i)
        return self._person_actor(m.text, None) if m is not None else None

    @staticmethod
    def _role_modifiers(noun: Token) -> set[str]:
        """The words that narrow a role noun ('finance' in 'the finance minister'), less names of
        places and peoples, which the country check compares."""
        return {
            c.lower_
            for c in noun.lefts
            if c.dep_ in ("compound", "amod") and c.ent_type_ not in ("GPE", "NORP", "PERSON", "LOC")
        }

    def _named_by_noun(self, head: Token) -> str | None:
        """The last body named before ``head`` whose name has the head noun: 'the fund' after 'the
        International Monetary Fund', 'the party' after 'the Democratic Party'."""
        noun = fold(head.lower_)
        for m in reversed(self.doc._.mentions or []):
            if m.start >= head.idx or len(m.actor_ids) != 1:
                continue
            actor = self.actors.get(m.actor_ids[0])
            if actor is None or actor.kind in ("person", "state", "unresolved"):
                continue
            if noun in fold(actor.name).split():
                return actor.id
        return None

    # ------------------------------------------------------------------ words

    def _phrase_words(self, head: Token) -> str:
        """The speaker phrase's own words (modifiers and head; no determiner, clause or apposition)."""
        toks = [t for t in head.lefts if t.dep_ in ("compound", "amod", "nummod", "poss", "nmod") and t.i < head.i]
        lo = min((t.left_edge.i for t in toks), default=head.i)
        words = [t for t in self.doc[lo : head.i + 1] if not t.is_punct or t.text in ("-", "'s", "’s")]
        text = " ".join(t.text for t in words)
        return re.sub(r"^(?:the|a|an)\s+", "", text, flags=re.IGNORECASE).replace(" 's", "'s").replace(" ’s", "’s")

    def _phrase_country(self, head: Token) -> str | None:
        """The country the speaker phrase says: a state or nationality inside it, a title or tag."""
        lo = min(head.left_edge.i, head.i)
        hi = head.i + 1
        for c in head.rights:
            if c.dep_ in ("appos", "prep", "punct", "npadvmod", "compound", "amod"):
                hi = max(hi, c.right_edge.i + 1)
        for t in self.doc[lo:hi]:
            m = self.mentions.get(t.i)
            if m is None or len(m.actor_ids) != 1:
                continue
            actor = self.actors.get(m.actor_ids[0])
            if actor is not None and actor.kind == "state" and actor.country:
                return actor.country
        end = self.doc[min(len(self.doc), hi + 4) - 1]
        return self.tagger.title_country(self.text[self.doc[lo].idx : end.idx + len(end)])

    def _agent_noun(self, head: Token) -> bool:
        """A noun that names who can speak: a named entity, a title ('the minister'), or one of
        ``speaker_nouns`` ('analysts', 'experts', 'observers')."""
        if head.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
            return True
        lemma = head.lemma_.lower()
        return (
            lemma in self.lex.speaker_nouns
            or head.lower_ in self.lex.speaker_nouns
            or fold(lemma) in self.tagger.titles()
        )

    def _sector_of_noun(self, lemma: str) -> str | None:
        return self.tagger.sector_of(lemma)
