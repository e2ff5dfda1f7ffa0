"""Which coded triggers the article reports as political events: what is asked of another, what is asked
for, characterised or undone, a meeting with no one on the other side, violence by no one (issue #10,
event precision)."""

from __future__ import annotations

from spacy.tokens import Token

from newsgraph.nlp.events.rules import _MEDIATION, _SUBJ, _Found, _pobj

# Dependencies that open a clause of its own: a nominal below one is not in its governor's clause.
_CLAUSES = ("ccomp", "xcomp", "advcl", "relcl", "acl", "csubj", "parataxis", "conj")
# Acts that undo what their object names (lifting a ban, ending a ceasefire, rejecting a plan).
_UNDOING = ("RETREAT", "CONCEDE", "REJECT")


class FactualityMixin:
    """Which coded triggers the article reports as political events."""

    def _asked_of_another(self, tok: Token) -> bool:
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

    def _undone(self, verb: Token) -> list[Token]:
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
        if f.cameo.startswith(_MEDIATION):
            return False  # "Egypt, which brokered the truce": mediating is between others, named or not
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

    def _may_attack(self, subject: Token) -> bool:
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

    def _someone(self, tok: Token) -> bool:
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

    def _said_again(self, i: int, event, events: list, triggers: list[Token]) -> bool:
        """Whether event ``i`` is a nominal in the clause of another event's verb of the same type and the
        same doers ("In an unusual collaboration, X and Y joined forces")."""
        tok = triggers[i]
        if tok.pos_ not in ("NOUN", "PROPN"):
            return False
        for j, other in enumerate(events):
            verb = triggers[j]
            if j == i or verb.pos_ not in ("VERB", "AUX") or verb.sent.start != tok.sent.start:
                continue
            same = (other.plover_type or other.type) == (event.plover_type or event.type)
            if not same or set(other.source) != set(event.source) or not event.source:
                continue
            cur = tok
            while cur.head.i != cur.i and cur.dep_ not in _CLAUSES and cur.head.i != verb.i:
                cur = cur.head
            if cur.head.i == verb.i and cur.dep_ not in _CLAUSES:
                return True
        return False
