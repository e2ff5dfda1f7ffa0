"""Acts read against the story: a nominal event that names no doer of its own ("After a test in January",
"a number of failed missile tests", "the protests began in June") is a new mention of an act the story
has already coded with its doer; a release or hand-over with no agent ("two hostages were released",
"were handed over to US forces") is done by whoever held the people released (issue #10, recall of
nominal events and agentless passives)."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from newsgraph.nlp.events.lexicon import Sense
from newsgraph.nlp.events.rules import _OBJ, _OCCUR, _SUBJ_PASS, _VERBAL, _Found, _is_passive, _pobj

# Determiners of a phrase that refers back to something already named ("the test", "this swap"): a bare
# anaphoric noun phrase is not coded again (the articles' convention).
_ANAPHORIC = {"the", "this", "that", "these", "those", "its", "their", "his", "her", "our", "my", "your"}
# Nouns that count occurrences: "a series of strikes", "a wave of attacks", "a round of talks".
_COUNTERS = {"number", "series", "wave", "round", "spate", "string", "succession", "flurry"}
# Passives that say an event happened: "the national strike was held", "a protest was organised".
_STAGED = {"hold", "stage", "organize", "organise", "carry", "conduct"}
# CAMEO codes of holding people: abducting, taking hostage (181), arresting and detaining (173).
_HOLDING = ("181", "173")
# CAMEO codes of releasing people (0841) and handing them over.
_RELEASING = ("0841",)


@dataclass(slots=True)
class _Act:
    """An act the story has coded with its doer: the words that name it, its type and roles."""

    sense: Sense
    cameo: str
    ptype: str | None
    source: list[str]
    target: list[str]
    sent: int  # the sentence's first token


class StoryMixin:
    """Acts read against the story: nominal mentions of an act coded before, and who held the released."""

    def _act_words(self, f: _Found) -> set[str]:
        """The lemmas that name the act of an event: its nominal trigger and the head of a compound one
        ("nuclear test"), or the nominal object of its verb ("conducted its fifth nuclear test", "held a
        general strike")."""
        tok = f.trigger
        words = set()
        if tok.pos_ in ("NOUN", "PROPN"):
            words.add(tok.lemma_.lower())
        else:
            words |= {
                c.lemma_.lower()
                for c in tok.children
                if c.dep_ in ("dobj", "nsubjpass") and c.pos_ == "NOUN" and self._trigger(c) is not None
            }
            if tok.pos_ == "VERB" and not words:
                words.add(tok.lemma_.lower())  # "protesters clashed with police": the verb names the act
        return words

    def _register_act(self, acts: dict[str, list[_Act]], f: _Found) -> None:
        """Keeps an event with its doer among the story's acts of its kind; protesters may be a crowd the
        knowledge base does not know ("tens of thousands who marched")."""
        if not f.source or f.derived:
            return
        act = _Act(f.sense, f.cameo, self._ptype(f.cameo), list(f.source), list(f.target), f.trigger.sent.start)
        if not f.unresolved:
            for word in self._act_words(f):
                acts.setdefault(word, []).append(act)
        if act.ptype == "PROTEST":
            # the story's protesters, whatever the word ("marched", "a general strike")
            acts.setdefault("@PROTEST", []).append(act)

    def _new_mention(self, tok: Token) -> bool:
        """Whether a nominal tells an occurrence of its own rather than referring back to one or naming a kind
        of act: the subject of a verb of happening ("the protests began in June"), what there was ("there had
        been attacks for weeks"), or, indefinite or a bare plural, the object of a preposition that sets its
        clause against it ("After a test in January, ...", "Despite a number of failed missile tests")."""
        if tok.pos_ != "NOUN":
            return False
        if self._happening(tok):
            return True
        dets = {c.lower_ for c in tok.children if c.dep_ == "det"}
        if dets & _ANAPHORIC or any(c.dep_ == "poss" for c in tok.children):
            return False
        if not (dets & {"a", "an", "another"} or (tok.tag_ == "NNS" and not dets)):
            return False
        if tok.dep_ == "attr" and any(c.dep_ == "expl" for c in tok.head.children):
            return True  # "there had been attacks for weeks against the country"
        phrase = tok
        if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.pos_ == "NOUN":
            # "a number of failed missile tests", "a series of strikes": the occurrences counted
            counter = tok.head.head
            if counter.lemma_.lower() in self.partitives or counter.lemma_.lower() in _COUNTERS:
                phrase = counter
        prep = phrase.head
        return phrase.dep_ == "pobj" and prep.lower_ in self.occurrence_preps and prep.head.pos_ in ("VERB", "AUX")

    def _protest_mention(self, tok: Token, sense: Sense) -> bool:
        """A protest nominal that tells an occurrence of its own ("amid a 24-hour nationwide general strike")."""
        return tok.pos_ == "NOUN" and self._ptype(sense.cameo) == "PROTEST" and self._new_mention(tok)

    def _story_act(self, tok: Token, sense: Sense | None, acts: dict[str, list[_Act]]) -> _Act | None:
        """The act coded earlier in the story that a new nominal mention without a doer repeats: the same
        word, of the same type when the nominal is a trigger of its own, in an earlier sentence."""
        if not acts or tok.pos_ != "NOUN":
            return None
        start = tok.sent.start
        act = next((a for a in reversed(acts.get(tok.lemma_.lower(), ())) if a.sent < start), None)
        if act is not None and any(c.dep_ == "det" and c.lower_ in _ANAPHORIC for c in tok.children):
            return None  # "the protest had been organized to promote ...": the one told before, not a new one
        if act is None and sense is not None and self._ptype(sense.cameo) == "PROTEST":
            act = next((a for a in reversed(acts.get("@PROTEST", ())) if a.sent < start), None)
        if act is None or not self._new_mention(tok):
            return None
        if sense is not None and self._ptype(sense.cameo) != act.ptype:
            return None  # "a general strike" after an air strike: another act
        return act

    def _holder(self, f: _Found, events: list[_Found]) -> _Found | None:
        """Who held the people an agentless release frees or hands over: the event of holding them -- in the
        release's own sentence ("hostages, who had been held by the Taliban since 2016, were released"), else
        the latest before it whose target is of the released people's country ("Turkey detained two Swedish
        reporters ... The reporters were handed over")."""
        tok = f.trigger
        if f.source or not f.cameo.startswith(_RELEASING) or not _is_passive(tok):
            return None
        held = [e for e in events if e.cameo.startswith(_HOLDING) and e.source and e.trigger.i < tok.i]
        same = [e for e in held if e.trigger.sent.start == tok.sent.start]
        if same:
            return same[-1]
        patients = [a for c in tok.children if c.dep_ in _SUBJ_PASS + _OBJ for a in self._actors_of(c, self._at)]
        patients += self._named_group(next((c for c in tok.children if c.dep_ in _SUBJ_PASS), None), self._at)
        countries = {self._country.get(a) for a in patients} - {None}
        if not countries:
            return None
        for e in reversed(held):
            if countries & {self._country.get(a) for a in e.target}:
                return e
        return None

    def _recipients(self, tok: Token) -> list[str]:
        """The actors a release hands people over to ("were handed over to US forces")."""
        return [
            a
            for c in tok.children
            if c.dep_ in ("prep", "dative") and c.lower_ == "to"
            for a in self._actors_of(_pobj(c), self._at)
        ]

    def _told_as_done(self, f: _Found) -> bool:
        """Whether a new mention of a story's act is told as done: stated, and not set against a clause to come
        ("Talks will resume after a test next month").  Its date is not read: a month without a year may be
        resolved forward ("After a test in January" in September)."""
        if f.modality not in ("asserted", "reported"):
            return False
        verb = f.trigger.head.head if f.trigger.dep_ == "pobj" else f.trigger.head
        modals = self.planned_modals | self.predicted_modals
        # nor an infinitive's ("Israel hopes to reach an accord after peace talks")
        return not any(c.dep_ == "aux" and (c.lower_ in modals or c.lower_ == "to") for c in verb.children)

    def _reaction_object(self, tok: Token, sense: Sense, actors_at: dict[int, list[str]]) -> bool:
        """Whether a nominal a verbal reaction is aimed at names an act of its own doer ("condemned North
        Korea's latest missile launch", "welcomed the withdrawal of Russian forces"): the act is an event of
        its own besides the reaction (a light verb's nominal, "imposed sanctions", is the verb's event)."""
        if tok.dep_ != "dobj":
            return False
        reaction = self._trigger(tok.head)
        if reaction is None or not (reaction.cameo or "").startswith(_VERBAL):
            return False
        doers = self._nominal_doers(tok, sense, actors_at) or [
            a for c in tok.children if c.dep_ in ("poss", "compound", "amod", "nmod") for a in actors_at.get(c.i, ())
        ]
        reactors = self._clause_subject(tok.head, actors_at)
        return bool(doers) and not set(doers) & set(reactors)

    def _happening(self, tok: Token) -> bool:
        """Whether a nominal is the subject of a predicate that says it happened: a verb of happening
        ("the protests began in June", "riots broke out"), "took place", or a passive of holding or staging
        ("The national strike was held to protest ...", "a protest was organised on Tuesday")."""
        head = tok.head
        lemma = head.lemma_.lower()
        if tok.dep_ == "nsubj" and lemma in _OCCUR:
            return True
        if (
            tok.dep_ == "nsubj"
            and lemma == "take"
            and any(c.dep_ == "dobj" and c.lower_ == "place" for c in head.children)
        ):
            return True
        return tok.dep_ == "nsubjpass" and lemma in _STAGED

    def _attended(self, tok: Token, sense: Sense, actors_at: dict[int, list[str]]) -> list[str]:
        """Who attended a meeting that a phrase sets its clause against, when it names no one of its own:
        the clause's subject ("Following a swiftly called meeting, the Security Council issued a statement",
        "After talks with Putin, Obama said ...")."""
        if tok.pos_ != "NOUN" or self._ptype(sense.cameo) != "CONSULT" or not self._new_mention(tok):
            return []
        cur = tok
        if cur.dep_ == "pobj" and cur.head.lower_ == "of" and cur.head.head.pos_ == "NOUN":
            cur = cur.head.head
        prep = cur.head
        if cur.dep_ != "pobj" or prep.lower_ not in self.occurrence_preps or prep.head.pos_ not in ("VERB", "AUX"):
            return []
        if _is_passive(prep.head):
            return []
        return self._clause_subject(prep.head, actors_at)

    def _hijacked(self, f: _Found) -> bool:
        """Whether a seizure of a craft (a ship, a plane) is a hijacking: no state or state organ seizes it."""
        tok = f.trigger
        craft = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in self.craft]
        if tok.dep_ in ("relcl", "acl") and tok.head.lemma_.lower() in self.craft:
            craft.append(tok.head)  # "a Thai fishing trawler that had been commandeered hours earlier by pirates"
        if not craft or not f.source:
            return False
        return not any(a in self._official or self._kinds.get(a) in ("state", "igo") for a in f.source)

    def _staged_act(self, verb: Token, acts: dict[str, list[_Act]]) -> _Act | None:
        """The story's act a passive of staging names as its subject with no agent ("The national strike was
        held to protest the austerity measures", after the marches): the act's doer stages it."""
        for c in verb.children:
            if c.dep_ == "nsubjpass" and c.pos_ == "NOUN" and self._happening(c):
                sense = self._trigger(c)
                if sense is not None:
                    return self._story_act(c, sense, acts)
        return None
