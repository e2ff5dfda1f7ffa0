"""The ``newsgraph_events`` spaCy component: runs the steps over a ``Doc`` into ``doc._.events``."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.model import Event
from newsgraph.nlp.common import doc_date, unique
from newsgraph.nlp.events.actors import ActorsMixin
from newsgraph.nlp.events.coding import CodingMixin
from newsgraph.nlp.events.dates import DatesMixin
from newsgraph.nlp.events.factuality import _UNDOING, FactualityMixin
from newsgraph.nlp.events.lexicon import load_lexicon
from newsgraph.nlp.events.modality import ModalityMixin
from newsgraph.nlp.events.roles import RolesMixin
from newsgraph.nlp.events.rules import (
    _STATE_ACTS,
    _depth,
    _Found,
    _inside_clause,
    _is_passive,
    _is_state_code,
    _pobj,
)
from newsgraph.nlp.events.senses import SensesMixin
from newsgraph.nlp.events.story import StoryMixin, _Act
from newsgraph.nlp.extensions import register_extensions

# Acts done to what is in a place, and threats of them: their target may be named by the place alone.
_PHYSICAL = ("ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "PROTEST", "THREATEN")
# CAMEO: refusing entry, visas or permission to foreigners; confiscating property; hijacking.
_REFUSED_ENTRY = "1245"
_CONFISCATE = "1711"
_HIJACK = "181"


class EventCoder(
    SensesMixin, ActorsMixin, RolesMixin, CodingMixin, ModalityMixin, DatesMixin, FactualityMixin, StoryMixin
):
    """Codes the events of a ``Doc`` into ``doc._.events``."""

    def __init__(self, nlp: Language, name: str, lexicon: str | None) -> None:
        register_extensions()
        self.name = name
        self.lex = load_lexicon(lexicon)
        mod = self.lex.modality
        self.planned_modals = set(mod.get("planned_modals", []))
        self.predicted_modals = set(mod.get("predicted_modals", []))
        self.intended_gov = set(mod.get("intended_governors", []))
        self.planned_gov = set(mod.get("planned_governors", []))
        self.predicted_gov = set(mod.get("predicted_governors", []))
        self.predicting_speech = set(mod.get("predicting_speech", []))
        self.conditional = set(mod.get("conditional_marks", []))
        self.hedge_words = {str(k): float(v) for k, v in (mod.get("hedges") or {}).items()}
        self.base_certainty = {str(k): float(v) for k, v in (mod.get("certainty") or {}).items()}
        self.accusation_cues = set(mod.get("accusation_cues", []))
        self.alleging = set(mod.get("alleging_verbs", []))
        self.gerund_preps = set(mod.get("adjunct_gerund_preps", []))
        self.occurrence_preps = set(mod.get("occurrence_preps", []))
        self.commissive = set(mod.get("commissive", []))
        self.implicative = set(mod.get("implicative_governors", []))
        self.permissive = {"allow", "permit", "let", "enable", "authorize", "authorise", "empower"} & self.implicative
        from newsgraph.kb import load_kb

        self.sector_nouns = dict(load_kb().sectors.nouns)
        self.deontic = set(mod.get("deontic_modals", []))
        self.nominal_governors = {str(k): str(v) for k, v in (mod.get("nominal_governors") or {}).items()}
        self.nominal_modality = {str(k): str(v) for k, v in (mod.get("nominal_modality") or {}).items()}
        self.background_days = int(mod.get("background_days", 120))
        self.partitives = {str(w).lower() for w in self.lex.agents.get("partitives", [])}
        self.agent_nouns = {str(w).lower() for w in self.lex.agents.get("agent_nouns", [])}
        self.nonpolitical = {str(w).lower() for w in self.lex.agents.get("nonpolitical", [])}
        self.instruments = {str(w).lower() for w in self.lex.agents.get("instruments", [])}
        self.craft = {str(w).lower() for w in self.lex.agents.get("craft", [])}

    # ------------------------------------------------------------------ main

    def prepare(self, doc: Doc) -> dict[int, list[str]]:
        """Reads the document's actors for the steps; returns token index -> ids of the actors it names."""
        actors_at = self._actor_index(doc)
        self._doc, self._at = doc, actors_at
        self._loc_tokens: set[int] = set()
        self._story: str | None | bool = False  # the document's main state, read when first needed
        for m in doc._.mentions or []:
            if m.label == "LOC" and m.actor_ids:
                span = doc.char_span(m.start, m.end, alignment_mode="expand")
                self._loc_tokens |= {t.i for t in span or ()}
        kinds = {a.id: a.kind for a in doc._.actors or []}
        self._kinds = kinds
        self._country = {a.id: a.country for a in doc._.actors or []}
        # who speaks for a state: the state itself, its office holders and its government organs
        self._official = {
            a.id for a in doc._.actors or [] if a.kind == "state" or a.role or a.sector in ("GOV", "MIL", "ELI")
        }
        # "@state", "@alliance": the kinds of actor each token names, for senses keyed on them
        self._kinds_at = {i: {"@" + kinds.get(a, "") for a in ids} for i, ids in actors_at.items()}
        return actors_at

    def __call__(self, doc: Doc) -> Doc:
        on = doc_date(doc)
        actors_at = self.prepare(doc)
        kinds = self._kinds
        times = list(doc._.times or [])
        found: list[_Found] = []
        consumed: set[int] = set()
        coded: set[int] = set()
        alleging: set[tuple[int, str | None]] = set()  # (first conjunct, type) of the acts coded as charged
        acts: dict[str, list[_Act]] = {}  # the story's acts with their doers, by the words that name them
        for tok in doc:
            if tok.i in consumed:
                continue
            hit = self._trigger(tok)
            if hit is None:
                # "After a test in January" (after "conducted its fifth nuclear test"): a new mention of an
                # act the story has coded, by the same doer
                act = (
                    self._story_act(tok, None, acts)
                    if acts and tok.pos_ == "NOUN" and tok.head.i not in coded and tok.i not in actors_at
                    else None
                )
                if act is not None and not self._not_done(tok, act.sense, actors_at):
                    ptype = act.ptype
                    target = self._target(doc, tok, act.sense, ptype, actors_at, act.source)
                    found.append(_Found(tok, act.sense, act.cameo, list(act.source), target, story=True))
                    coded.add(tok.i)
                continue
            sense = hit
            if self._asked_of_another(tok):
                # "urged Vietnam to push back", "urged North Korea to resume talks": what is asked of another,
                # its nominals included, is no event of its own
                consumed |= {t.i for t in tok.subtree if not _inside_clause(t, tok)}
                continue
            if sense.speech:
                accusation = self._accusation(doc, tok, actors_at)
                if accusation is not None:
                    found.append(accusation)
                continue
            alleged = self._alleged(tok, actors_at)
            if alleged is not None:
                # "accused China of using coercion": the accused's own act, reported by the accuser
                event = self._code(doc, tok, sense, actors_at, consumed)
                ptype = self._ptype(event.cameo) if event is not None else None
                first = tok
                while first.dep_ == "conj" and first.head.i != first.i:
                    first = first.head
                if (first.i, ptype) in alleging:
                    continue  # "coercion and intimidation", "the abduction, torture and killing": one charge
                if event is not None and event.source in ([], alleged[1]):
                    alleging.add((first.i, ptype))
                    event.source, event.modality = alleged[0], "reported"
                    event.target = [a for a in event.target if a not in alleged[0]]
                    event.reported_by = unique(event.reported_by + alleged[1])
                    found.append(event)
                    coded.add(tok.i)
                    continue
            nominal = tok.pos_ in ("NOUN", "PROPN")
            if nominal and (
                (tok.head.i in coded and not self._reaction_object(tok, sense, actors_at))
                or tok.i in actors_at
                or self._not_done(tok, sense, actors_at)
            ):
                # a nominal inside a coded clause ("imposed sanctions") is no event of its own
                continue
            # a nominal with no actor of its own ("the war in Ukraine") is no event, unless it mentions anew an
            # act the story has coded ("a number of failed missile tests", "the protests began in June")
            again = self._story_act(tok, sense, acts) if nominal and self._agent_phrase(tok) is None else None
            attended = self._attended(tok, sense, actors_at) if nominal and again is None else []
            if (
                nominal
                and again is None
                and not attended
                and not (
                    self._np_source(tok, sense, actors_at)
                    or self._nominal_doers(tok, sense, actors_at)
                    or self._light_verb(tok) is not None
                    or self._occurring_protest(tok, sense)
                    or self._protest_mention(tok, sense)
                )
            ):
                continue
            before = set(consumed)
            event = self._code(doc, tok, sense, actors_at, consumed)
            if event is not None and again is not None and not event.source:
                event.source, event.story = [a for a in again.source if a not in event.target], True
            if event is not None and attended and not event.source:
                # "Following a swiftly called meeting, the Security Council issued a statement": who met
                event.source, event.story = [a for a in attended if a not in event.target], True
            if event is not None:
                found.append(event)
                self._register_act(acts, event)
                # the trigger and the clauses it coded with it ("pledged to impose further sanctions"): their
                # nominals are that event's, not events of their own
                coded |= {tok.i} | (consumed - before)
        events: list[Event] = []
        depths: list[int] = []
        triggers: list = []
        for k, f in enumerate(found):
            # places are where, not whom: a place does nothing, and it is the target only of an act done to
            # what is in it ("bombed a hospital in Gaza"), the coders' convention; the state of the place of
            # an arrest with no agent named is read below
            places = self._place_only(f.trigger.sent.start, f.trigger.sent.end)
            physical = self._ptype(f.cameo) in _PHYSICAL
            f.source = [a for a in f.source if a not in places]
            f.target = [a for a in f.target if physical or a not in places]
            undone = self._undone(f.trigger) if _is_passive(f.trigger) and self._ptype(f.cameo) in _UNDOING else []
            if undone:
                # "the EU embargo ... is likely to be lifted", "Oslo's ban was lifted": who undoes a measure with
                # no agent named is who holds it
                f.source = f.source or [
                    a
                    for c in undone
                    for m in c.children
                    if m.dep_ in ("poss", "compound", "amod", "nmod")
                    for a in actors_at.get(m.i, ())
                ]
                f.target = [a for a in f.target if a not in f.source]
                for c in undone if f.source and not f.target else ():
                    # and whom it was aimed at ("the EU embargo on arms exports to China")
                    measure = self._trigger(c)
                    f.target = self._target(doc, c, measure, self._ptype(measure.cameo), actors_at, f.source)
            holder = self._holder(f, found[:k])
            if holder is not None:
                # "two hostages, who had been held by the Taliban since 2016, were released": who held them
                # to whom they were handed ("handed over to US forces"), else the people held
                f.source = list(holder.source)
                f.target = [a for a in self._recipients(f.trigger) if a not in f.source] or [
                    a for a in holder.target if a not in f.source
                ]
            if not f.source and _is_passive(f.trigger):
                # "The national strike was held to protest ...": a passive of staging an act the story has told
                act = self._staged_act(f.trigger, acts)
                if act is not None:
                    f.source, f.story = [a for a in act.source if a not in f.target], True
            if not f.source:
                # "Obama spoke after meeting with Putin": a gerund adjunct's doer is its clause's subject
                f.source = self._adjunct_subject(f.trigger, actors_at) or self._relative_subject(f.trigger, actors_at)
            if not f.source:
                # an agent the knowledge base does not know ("Doctors from two American aid groups",
                # "Vice-President Moody Awori"): kept as an unresolved actor rather than losing the event
                f.source = self._unresolved_source(doc, f.trigger, actors_at)
                f.unresolved = bool(f.source)
            protest = self._occurring_protest(f.trigger, f.sense) or self._protest_mention(f.trigger, f.sense)
            if not f.source and protest:
                # "Protests erupted in El Salvador", "The protests began peacefully in June": unnamed protesters
                # are the place's civilians
                country = self._place_country(f.trigger, actors_at)
                if _is_state_code(country):
                    f.source = [self._implicit_agent(doc, country, "CVL")]
            if not f.source and _is_passive(f.trigger) and f.cameo.startswith(_STATE_ACTS):
                # "was arrested in Lebanon", "was expelled from Tehran": an arrest, ban or expulsion with no
                # agent named is the act of the state where it happens -- the coders' convention
                f.source = self._place_state(doc, f.trigger, actors_at)
                story = self._story_country() if f.cameo.startswith(_REFUSED_ENTRY) else None
                if not f.source and _is_state_code(story):
                    # "Western journalists have been refused permission to cover the vote": entry, visas and
                    # permission are refused by the state the story is about when the sentence names no place
                    f.source = [self._implicit_agent(doc, story, "GOV")]
                if f.source and set(f.target) <= set(f.source):
                    # the place was read as the target ("arrested in Cairo"); the people held are
                    f.target = self._target(doc, f.trigger, f.sense, self._ptype(f.cameo), actors_at, f.source)
            if f.cameo == _CONFISCATE and self._hijacked(f):
                f.cameo = _HIJACK  # "Somali pirates recently seized a Saudi supertanker": no state confiscates
            self._register_act(acts, f)  # with the doer the steps above found ("tens of thousands who marched")
            self._modality(doc, f, actors_at)
            f.date = self._date_of(doc, f.trigger, times)
            if f.story and not self._told_as_done(f):
                continue  # "Talks will resume after a test next month": no act mentioned anew
            f.source = [a for a in f.source if kinds.get(a) != "region"]
            f.target = [a for a in f.target if kinds.get(a) != "region" and a not in f.source]
            if self._ptype(f.cameo) == "CONSULT" and self._gathering(f.source):
                # "the leaders of the G-20 held a summit in China", "Iran and the US held talks in Oman": where
                # several meet is no participant (a visit's host still is: "Esper arrived in Vietnam")
                f.target = [a for a in f.target if not self._only_located(a, f.trigger.sent)]
            if not f.target and f.source and self._ptype(f.cameo) == "PROTEST":
                # a protest that names no target is against the government where it takes place
                # ("staged rallies in the Gaza Strip", "began a hunger strike"): the coders' convention
                country = self._place_country(f.trigger, actors_at) or next(
                    (self._country.get(a) for a in f.source if self._country.get(a)), None
                )
                if _is_state_code(country):
                    f.target = [self._implicit_agent(doc, country, "GOV")]
            if self._alone(f):
                continue
            event = self._to_event(doc, f, on)
            # violence by someone unnamed ("three civilians were killed in a car bombing") stays, sourceless
            subject = self._subject(f.trigger)
            # "were killed and 49 injured": a number before a participle is a passive with its auxiliary shared
            passive = _is_passive(f.trigger) or (
                f.trigger.dep_ == "conj" and f.trigger.tag_ == "VBN" and subject is not None and subject.pos_ == "NUM"
            )
            unnamed = (passive and not self._caused(f.trigger)) or (
                subject is not None and not self._nonpolitical(subject) and self._may_attack(subject)
            )
            if event.type != "UNCODED" and (
                event.source or (event.target and unnamed and event.type in ("ASSAULT", "COERCE"))
            ):
                events.append(event)
                depths.append(_depth(f.trigger) + (100 if f.derived else 0) + (1 if f.unresolved else 0))
                triggers.append(f.trigger)
        # "In an unusual collaboration, Greenland and Belize have joined forces": a nominal in the clause of a
        # verb coded as the same act by the same doers is that act, said twice
        again = {i for i, e in enumerate(events) if self._said_again(i, e, events, triggers)}
        events = [e for i, e in enumerate(events) if i not in again]
        depths = [d for i, d in enumerate(depths) if i not in again]
        doc._.events = events
        # The sentence's main event: the one nearest the root of its clause tree, earliest on ties.
        ranked = sorted(range(len(events)), key=lambda i: (events[i].background, depths[i], i))
        doc._.main_event = events[ranked[0]].id if ranked else None
        return doc

    def _alleged(self, tok, actors_at: dict[int, list[str]]) -> tuple[list[str], list[str]] | None:
        """(accused, accuser) when a trigger is the act an accusation charges its object with, named in the
        accusing verb's "of"/"for" phrase ("accused China of using coercion and intimidation", "blamed Russia
        for interference", "was accused of attempting to intimidate"); None otherwise."""
        cur = tok
        for _ in range(5):
            if cur.dep_ not in ("conj", "dobj", "pcomp", "pobj", "xcomp") or cur.head.i == cur.i:
                return None
            if cur.dep_ == "xcomp" and any(c.dep_ == "dobj" for c in cur.head.children):
                return None  # "of using coercion to impose its will": the purpose of the act, not another act
            prep = cur.head
            if cur.dep_ in ("pcomp", "pobj") and prep.dep_ == "prep" and prep.lower_ in ("of", "for"):
                verb = prep.head
                if verb.pos_ != "VERB" or verb.lemma_.lower() not in self.alleging:
                    return None
                deps = ("nsubjpass",) if _is_passive(verb) else ("dobj",)
                accused = [a for c in verb.children if c.dep_ in deps for a in self._actors_of(c, actors_at)]
                if not accused:  # "retaliate against Russia for interference"
                    accused = [
                        a
                        for c in verb.children
                        if c.dep_ == "prep" and c.lower_ == "against"
                        for a in self._actors_of(_pobj(c), actors_at)
                    ]
                accuser = self._clause_subject(verb, actors_at) if not _is_passive(verb) else []
                accused = [a for a in accused if a not in accuser]
                return (accused, accuser) if accused else None
            cur = prep
        return None

    def _caused(self, trigger) -> bool:
        """A passive with no doer and a complement says what someone had to do, not what was done to them:
        "was forced to step down", "were made to leave" -- no act without the one who forced it."""
        return any(c.dep_ == "xcomp" for c in trigger.children)

    # -------------------------------------------------------------- triggers


@Language.factory(
    "newsgraph_events",
    default_config={"lexicon": None},
    requires=["doc._.mentions", "token.dep"],
    assigns=["doc._.events"],
)
def make_event_coder(nlp: Language, name: str, lexicon: str | None) -> EventCoder:
    return EventCoder(nlp, name, lexicon)
