"""The ``newsgraph_events`` spaCy component: runs the steps over a ``Doc`` into ``doc._.events``."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.model import Event
from newsgraph.nlp.common import doc_date
from newsgraph.nlp.events.actors import ActorsMixin
from newsgraph.nlp.events.coding import CodingMixin
from newsgraph.nlp.events.dates import DatesMixin
from newsgraph.nlp.events.lexicon import load_lexicon
from newsgraph.nlp.events.modality import ModalityMixin
from newsgraph.nlp.events.roles import RolesMixin
from newsgraph.nlp.events.rules import (
    _STATE_ACTS,
    _SUBJ,
    _depth,
    _Found,
    _inside_clause,
    _is_passive,
    _is_state_code,
    _pobj,
)
from newsgraph.nlp.events.senses import SensesMixin
from newsgraph.nlp.extensions import register_extensions

# Acts that undo what their object names (lifting a ban, ending a ceasefire, rejecting a plan).
_UNDOING = ("RETREAT", "CONCEDE", "REJECT")
# Acts done to what is in a place, and threats of them: their target may be named by the place alone.
_PHYSICAL = ("ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "PROTEST", "THREATEN")


class EventCoder(SensesMixin, ActorsMixin, RolesMixin, CodingMixin, ModalityMixin, DatesMixin):
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
        for tok in doc:
            if tok.i in consumed:
                continue
            hit = self._trigger(tok)
            if hit is None:
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
            if tok.pos_ in ("NOUN", "PROPN") and (
                tok.head.i in coded
                or tok.i in actors_at
                or self._not_done(tok, sense, actors_at)
                or not (
                    self._np_source(tok, sense, actors_at)
                    or self._light_verb(tok) is not None
                    or self._occurring_protest(tok, sense)
                )
            ):
                # a nominal inside a coded clause ("imposed sanctions") or with no actor of its own
                # ("the war in Ukraine") is no event of its own
                continue
            before = set(consumed)
            event = self._code(doc, tok, sense, actors_at, consumed)
            if event is not None:
                found.append(event)
                # the trigger and the clauses it coded with it ("pledged to impose further sanctions"): their
                # nominals are that event's, not events of their own
                coded |= {tok.i} | (consumed - before)
        events: list[Event] = []
        depths: list[int] = []
        for f in found:
            # places are where, not whom: a place does nothing, and it is the target only of an act done to
            # what is in it ("bombed a hospital in Gaza"), the coders' convention; the state of the place of
            # an arrest with no agent named is read below
            places = self._place_only(f.trigger.sent.start, f.trigger.sent.end)
            physical = self._ptype(f.cameo) in _PHYSICAL
            f.source = [a for a in f.source if a not in places]
            f.target = [a for a in f.target if physical or a not in places]
            if not f.source and _is_passive(f.trigger) and self._ptype(f.cameo) in _UNDOING:
                # "the EU embargo ... is likely to be lifted", "Oslo's ban was lifted": who undoes a measure with
                # no agent named is who holds it
                undone = self._undone(f.trigger)
                f.source = [
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
            if not f.source:
                # an agent the knowledge base does not know ("Doctors from two American aid groups",
                # "Vice-President Moody Awori"): kept as an unresolved actor rather than losing the event
                f.source = self._unresolved_source(doc, f.trigger, actors_at)
                f.unresolved = bool(f.source)
            if not f.source and self._occurring_protest(f.trigger, f.sense):
                # "Protests erupted in El Salvador": unnamed protesters are the place's civilians
                country = self._place_country(f.trigger, actors_at)
                if _is_state_code(country):
                    f.source = [self._implicit_agent(doc, country, "CVL")]
            if not f.source and _is_passive(f.trigger) and f.cameo.startswith(_STATE_ACTS):
                # "was arrested in Lebanon", "was expelled from Tehran": an arrest, ban or expulsion with no
                # agent named is the act of the state where it happens -- the coders' convention
                f.source = self._place_state(doc, f.trigger, actors_at)
                if f.source and set(f.target) <= set(f.source):
                    # the place was read as the target ("arrested in Cairo"); the people held are
                    f.target = self._target(doc, f.trigger, f.sense, self._ptype(f.cameo), actors_at, f.source)
            self._modality(doc, f, actors_at)
            f.date = self._date_of(doc, f.trigger, times)
            f.source = [a for a in f.source if kinds.get(a) != "region"]
            f.target = [a for a in f.target if kinds.get(a) != "region" and a not in f.source]
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
        doc._.events = events
        # The sentence's main event: the one nearest the root of its clause tree, earliest on ties.
        ranked = sorted(range(len(events)), key=lambda i: (events[i].background, depths[i], i))
        doc._.main_event = events[ranked[0]].id if ranked else None
        return doc

    def _asked_of_another(self, tok) -> bool:
        """Whether ``tok`` is the infinitive a verb asks, expects or allows its object to do ("urged Vietnam
        to push back", "called on Obama to retaliate against Russia", "will ask the court to open an
        investigation", "expect Palestinians to give up terrorism"): not an act stated to happen.  A
        verb of causing said as a fact ("forced the rebels to withdraw") makes its complement happen."""
        while tok.dep_ == "conj" and tok.head.i != tok.i:
            tok = tok.head  # "to capitulate and give up": the second infinitive is asked as the first
        head = tok.head
        if tok.dep_ not in ("xcomp", "ccomp") or head.pos_ != "VERB":
            return False
        if not any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
            return False
        lemma = head.lemma_.lower()
        if lemma in self.commissive:
            return False  # "promised Kyiv to deliver": the subject's own act
        if tok.dep_ == "ccomp":
            # "expects the Palestinians to give up": the parser gives the infinitive its own subject
            controller = any(c.dep_ in _SUBJ and self._someone(c) for c in tok.children)
        else:
            controller = any(
                c.dep_ in ("dobj", "dative") and c.i < tok.i and self._someone(c) for c in head.children
            ) or any(
                c.dep_ == "prep" and c.lower_ in ("on", "upon") and c.i < tok.i and self._someone(_pobj(c))
                for c in head.children
            )
        if not controller:
            return False
        if lemma not in self.implicative:
            return True
        # a verb of causing makes its complement happen only when it is itself stated as done; one of
        # permitting ("would allow families to sue") passes on its own modality
        if lemma in self.permissive:
            return False
        infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in head.children)
        modal = any(c.dep_ == "aux" and c.lower_ in self.planned_modals | self.predicted_modals for c in head.children)
        return infinitive or modal or head.dep_ in ("xcomp", "advcl")

    def _undone(self, verb) -> list:
        """The measure a passive of undoing names ("the ban was lifted", "the embargo is likely to be
        lifted"): its subject, or the raised subject of the clause above it, when that is itself a measure."""
        subjects = [c for c in verb.children if c.dep_ == "nsubjpass"]
        cur = verb
        while not subjects and cur.dep_ in ("xcomp", "acomp") and cur.head.i != cur.i:
            cur = cur.head
            subjects = [c for c in cur.children if c.dep_ in ("nsubj", "nsubjpass")]
        return [c for c in subjects if c.pos_ in ("NOUN", "PROPN") and self._trigger(c) is not None]

    def _not_done(self, tok, sense, actors_at) -> bool:
        """A nominal the clause does not report as done: what is asked for ("called for an emergency
        meeting", "demanded talks"), what a speaker calls or describes ("calling the overnight test a
        violation", "described the meeting as important") when the nominal names no doer of its own, and
        what is being undone ("the EU embargo ... is likely to be lifted": the lifting is the event)."""
        if tok.dep_ in ("nsubj", "nsubjpass") and any(
            c.dep_ in ("xcomp", "acomp") and tok in self._undone(v)
            for c in tok.head.children
            for v in [c, *(g for g in c.children if g.dep_ == "xcomp")]
            if self._ptype(getattr(self._trigger(v), "cameo", None)) in _UNDOING
        ):
            return True  # "the EU embargo is likely to be lifted": the lifting is the event
        head = tok.head
        asked_for = tok.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ == "for"
        if asked_for:
            head = head.head
        elif tok.dep_ not in ("dobj", "nsubjpass"):
            return False
        if head.pos_ not in ("VERB", "AUX") or head.i == tok.i:
            return False
        governor = self._trigger(head)
        ptype = self._ptype(governor.cameo) if governor is not None else None
        if ptype == "REQUEST":
            return True
        if asked_for:
            return False
        if ptype in _UNDOING:
            return True
        # "calling the test a violation", "described the meeting as important": the nominal is characterised
        characterised = any(
            c.dep_ == "oprd" or (c.dep_ == "prep" and c.lower_ == "as" and c.i > tok.i) for c in head.children
        )
        return characterised and not self._np_source(tok, sense, actors_at)

    def _alone(self, f: _Found) -> bool:
        """A meeting, visit or trip with no one on the other side ("cut short his trip", "paid a visit to
        the prison", "described the meeting as important"): no consultation.  A body meeting (the Security
        Council, a summit of the G-20) and a plural doer ("the two sides met") consult among themselves."""
        if self._ptype(f.cameo) != "CONSULT" or f.target or len(set(f.source)) != 1:
            return False
        trigger = f.trigger
        if self._kinds.get(f.source[0]) not in ("state", "person", "unresolved") or trigger.tag_ in ("NNS", "NNPS"):
            return False  # "intra-Afghan negotiations", "held talks": talks are had with someone
        subject = self._subject(trigger) if trigger.pos_ in ("VERB", "AUX") else None
        if subject is None and trigger.pos_ in ("NOUN", "PROPN"):
            verb = self._light_verb(trigger)
            subject = self._subject(verb) if verb is not None else None
        if subject is not None and (subject.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in subject.children)):
            return False
        # anyone else its own phrase names ("a mission to the Middle East", "sent a delegation to meet the
        # Somali president", "a meeting with whichever candidate won") is the other side, resolved or not
        if any(c.dep_ == "prep" and c.lower_ in ("with", "between", "among") for c in trigger.children):
            return False
        skip = {t.i for t in subject.subtree} if subject is not None else set()
        return not any(
            t.i in self._at and t.i not in skip and set(self._at[t.i]) - set(f.source) for t in trigger.subtree
        )

    def _may_attack(self, subject) -> bool:
        """Whether an unnamed subject may be the doer of an attack: someone, or what someone attacks with
        ("a car bomb killed"), or an act ("a roadside bombing killed"); not a storm, a crash or a disease."""
        if subject.tag_ in ("WDT", "WP") and subject.head.dep_ == "relcl":
            subject = subject.head.head  # "a patrol boat that fired on ...": the relative's antecedent
        lemma = subject.lemma_.lower()
        return (
            subject.pos_ == "PRON"
            or self._someone(subject)
            or lemma in self.instruments
            or subject.lower_ in self.instruments
            or self._trigger(subject) is not None
            or any(c.lemma_.lower() in self.instruments for c in subject.children if c.dep_ == "compound")
        )

    def _someone(self, tok) -> bool:
        """Whether a noun phrase names someone who can act: an actor, a person or group the text names, a
        pronoun, or an agent noun ("urged others", "called on the administration"); not a time ("voted on
        Tuesday to ...") nor a thing ("took a decision not to ...")."""
        if tok is None:
            return False
        if tok.i in self._at or tok.ent_type_ in ("PERSON", "NORP", "ORG", "GPE"):
            return True
        if tok.pos_ == "PRON":
            return tok.lower_ not in ("it", "this", "that", "what", "which")
        lemma = tok.lemma_.lower()
        return (
            lemma in self.agent_nouns
            or tok.lower_ in self.sector_nouns
            or lemma in self.sector_nouns
            or (lemma in self.partitives and any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children))
            or lemma in ("other", "others", "country", "nation", "state", "side", "party")
        )

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
