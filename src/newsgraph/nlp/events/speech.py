"""The ``newsgraph_speech_events`` component: speech acts are events.

It runs after the statements stage and reads ``doc._.statements`` through the
:class:`~newsgraph.model.Statement` record only (speaker, cue, content span).
For each statement:

* the cue is an event from the speaker to whom the statement is about: a cue that
  names an act is coded by the event lexicon ("condemned" ACCUSE, "urged" REQUEST,
  "welcomed" SUPPORT); a cue of plain saying by what its content does, with the
  rules of ``data/speech_events.yaml`` (alleging another actor's hostile act is
  ACCUSE, saying another actor must act is REQUEST, denying is REJECT).  The
  target is the cue's addressee or object, else the actor the content is about;
* the events inside the content are what the speaker says: ``reported`` (with
  who reports them) when another actor does them, ``negated`` under a denial.

An event the events stage already coded on the cue, or of the same type from the
same speaker in the same sentence, is not made again.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any

import yaml
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from newsgraph.model import Event, Evidence, Statement
from newsgraph.nlp.common import doc_date, unique
from newsgraph.nlp.events.antecedent import REACTIONS, AntecedentMixin, conj_target, lead_target, reaction_object
from newsgraph.nlp.events.component import EventCoder
from newsgraph.nlp.events.lexicon import Sense
from newsgraph.nlp.events.rules import _OBJ, _SUBJ, _Found, _negated, _pobj
from newsgraph.nlp.events.speech_content import ContentReadings
from newsgraph.nlp.extensions import register_extensions

# Modalities of an event stated as fact by the page; the speaker's content turns them into claims.
_FACTUAL = ("asserted",)
# Prepositions of a cue that name its addressee or what it is about ("called on", "appealed to").
_LOCATIVE = ("in", "at", "near", "inside", "outside", "across", "throughout", "within", "around")
_ADDRESSEE_PREPS = ("on", "upon", "to", "for", "against", "at", "with", "over", "of")


@lru_cache(maxsize=2)
def load_speech_rules() -> dict[str, Any]:
    """The shipped rules of ``data/speech_events.yaml``."""
    text = resources.files("newsgraph.nlp").joinpath("data", "speech_events.yaml").read_text("utf-8")
    return yaml.safe_load(text) or {}


class SpeechEventCoder(AntecedentMixin, ContentReadings):
    """Codes the statements of a ``Doc`` as events, appended to ``doc._.events``."""

    def __init__(self, nlp: Language, name: str, lexicon: str | None) -> None:
        register_extensions()
        self.name = name
        # the events stage's steps (senses, roles, modality, dates), reused on the cue
        self.coder = EventCoder(nlp, name, lexicon)
        rules = load_speech_rules()
        self.content_acts = {str(k): str(v) for k, v in (rules.get("content_acts") or {}).items()}
        self.demand_modals = set(rules.get("demand_modals") or ())
        self.demand_verbs = set(rules.get("demand_verbs") or ())
        self.demand_cameo = str(rules.get("demand_cameo") or "100")
        self.demand_cues = set(rules.get("demand_cues") or ())
        stance = rules.get("stance") or {}
        self.negative = {str(w) for w in stance.get("negative") or ()}
        self.positive = {str(w) for w in stance.get("positive") or ()}
        self.stance_cameo = (str(stance.get("negative_cameo", "111")), str(stance.get("positive_cameo", "051")))
        self.denials = {str(k): str(v) for k, v in (rules.get("denial_cues") or {}).items()}
        self.skip = set(rules.get("skip_cues") or ())
        self.anaphors = {str(w) for w in rules.get("act_anaphors") or ()}
        self.instruments = {str(w) for w in rules.get("instrument_nouns") or ()}
        self.lead_types = {str(w) for w in rules.get("lead_target_types") or ()}
        codes = rules.get("content_cameo") or {}
        self.content_cameo = {str(k): str(v) for k, v in codes.items()}
        self._load_content(rules)

    def __call__(self, doc: Doc) -> Doc:
        # with the speech acts that report no words ("condemned the move"): events, not statements
        acts = doc._.speech_acts if Doc.has_extension("speech_acts") else None
        statements: list[Statement] = list(doc._.statements or []) + list(acts or [])
        events: list[Event] = list(doc._.events or [])
        if not statements and not events:
            return doc
        coder = self.coder
        actors_at = coder.prepare(doc)
        actor_ids = {a.id for a in doc._.actors or []}
        triggers = self._trigger_index(doc, events)
        on = doc_date(doc)
        added: list[Event] = []
        self._now = (events, added, triggers)
        self._last_about: dict[tuple[str, ...], list[str]] = {}
        for st in statements:
            cue = self._cue(doc, st)
            if cue is None or cue.lemma_.lower() in self.skip:
                continue
            speaker = self._speaker(doc, st, cue, actors_at, actor_ids)
            if not speaker:
                continue
            content = doc.char_span(st.start, st.end, alignment_mode="expand")
            inside = [e for e in events if any(st.start <= t.idx < st.end for t in triggers.get(e.id, ()))]
            denial = self.denials.get(cue.lemma_.lower())
            # what the content states in a clause is the speaker's claim; an event it names with a noun
            # ("called Russia's attack an event with ramifications") is taken as known
            claims = [e for e in inside if any(t.pos_ in ("VERB", "AUX") for t in triggers.get(e.id, ()))]
            self._mark_claims(claims, speaker, self._own(doc, speaker), denial is not None)
            self._refused = self._at = self._own_move = None
            found = self._act(doc, cue, st, speaker, content, claims, denial, actors_at)
            own = self._own(doc, speaker)
            about = [a for a in self._about(content, speaker, actors_at) if a not in own]
            if found is not None and found.target:
                about = found.target
            if about:
                self._last_about[tuple(speaker)] = about
            if found is not None:
                self._emit(doc, st, cue, found, statements, speaker, own, actors_at, on)
            if denial is None and content is not None:
                # each later sentence of a quotation is read on its own: "These rioters are criminals.
                # They have to face the consequences of their acts." is an accusation and a threat
                for chunk in self._chunks(content)[1:]:
                    self._refused = self._at = self._own_move = None
                    found = self._content_act(cue, speaker, chunk, own, actors_at)
                    if found is not None:
                        self._emit(doc, st, cue, found, statements, speaker, own, actors_at, on)
        for e in events + added:
            # a reaction to an act named earlier ("condemned Friday's test"): aimed at its doer
            if not e.target and (e.type in REACTIONS or e.plover_type in REACTIONS) and triggers.get(e.id):
                cue = triggers[e.id][0]
                obj = reaction_object(cue)
                if obj is not None:
                    e.target = self._antecedent_target(doc, obj, cue.idx, events + added, triggers, e.source, actors_at)
        for e in events + added:
            # an act aimed at no one its sentence names ("Ban Ki-moon condemned", "pledged further sanctions"):
            # at whom the story is about, the participants of its lead event
            if not e.target and e.source and (e.type in self.lead_types or e.plover_type in self.lead_types):
                cue = (triggers.get(e.id) or [None])[0]
                e.target = conj_target(e, events + added, triggers)
                if not e.target and (cue is None or not self._aimed_at_an_instrument(cue, actors_at)):
                    e.target = lead_target(e.source, e.evidence.start, events + added, coder._country)
        doc._.events = events + added
        if doc._.main_event is not None and doc._.main_event not in {e.id for e in events}:
            doc._.main_event = None  # given way to a refusal
        if doc._.main_event is None and added:
            doc._.main_event = added[0].id
        return doc

    def _emit(
        self,
        doc: Doc,
        st: Statement,
        cue: Token,
        found: _Found,
        statements: list[Statement],
        speaker: list[str],
        own: set[str],
        actors_at: dict[int, list[str]],
        on: Any,
    ) -> None:
        """Add the act ``found`` of statement ``st``, unless it is already coded; its evidence is the
        sentence it was read in (``self._at``), the cue's by default."""
        events, added, triggers = self._now
        coder = self.coder
        if self._refused is not None:
            # the speaker's "would not attend" is the refusal itself: the negated or intended
            # participation the events stage coded on that verb gives way to it
            gone = {e.id for e in events if self._refused in triggers.get(e.id, ()) and self._yields(e, speaker, own)}
            events[:] = [e for e in events if e.id not in gone]
            for other in statements:
                other.events = [i for i in other.events if i not in gone]
        sent = self._at.sent if self._at is not None else cue.sent
        content = doc.char_span(st.start, st.end, alignment_mode="expand")
        if self._at is None and content is not None and not content[0].sent.start <= cue.i < content[-1].sent.end:
            # a quotation that goes on in a sentence of its own ('... said Grisham. "We thank ..."'):
            # the act is evidenced where its words are
            sent = content[0].sent
        if self._coded(cue, found, events + added, triggers, sent):
            return
        coder._modality(doc, found, actors_at)
        if self._own_move is not None and found.modality == "asserted":
            found.modality = "intended"  # "we will take further measures": a coercive move of one's own, announced
        # the act is dated when it was said, not by the times its content speaks of ("called Russia's
        # attack last year an event ...")
        event = coder._to_event(doc, found, on)
        if st.date is not None and st.date.value[:1].isdigit():
            event.date = st.date  # a calendar date; a vague one ("PAST_REF") says less than the page's
        if event.type == "UNCODED":
            return
        if sent.start != cue.sent.start:
            event.evidence = Evidence(sent.text, sent.start_char, sent.end_char)
        added.append(event)
        triggers[event.id] = [cue]
        st.events = unique([*st.events, event.id])

    # ---------------------------------------------------------------- finding

    def _trigger_index(self, doc: Doc, events: list[Event]) -> dict[str, list[Token]]:
        """Event id -> the tokens of its evidence sentence that are its trigger word."""
        out: dict[str, list[Token]] = {}
        for e in events:
            if not e.trigger:
                continue
            sent = doc.char_span(e.evidence.start, e.evidence.end, alignment_mode="expand")
            if sent is None:
                continue
            out[e.id] = [t for t in sent if t.text == e.trigger.split()[0]]
        return out

    def _cue(self, doc: Doc, st: Statement) -> Token | None:
        """The cue's token: the word the statement names as its cue nearest to its content."""
        if not st.cue:
            return None
        word = st.cue.split()[0].lower()
        first = doc.char_span(st.start, st.end, alignment_mode="expand")
        if first is None:
            return None
        lo = first[0].sent.start
        hi = first[-1].sent.end
        if lo > 0:
            lo = doc[lo - 1].sent.start  # "He said: / 'A ...'" across a sentence break
        if hi < len(doc):
            hi = doc[hi].sent.end
        best: tuple[int, Token] | None = None
        for t in doc[lo:hi]:
            if t.lower_ != word:
                continue
            dist = 0 if st.start <= t.idx < st.end else min(abs(t.idx - st.start), abs(t.idx - st.end))
            if best is None or dist < best[0]:
                best = (dist, t)
        return best[1] if best else None

    def _speaker(
        self, doc: Doc, st: Statement, cue: Token, actors_at: dict[int, list[str]], actor_ids: set[str]
    ) -> list[str]:
        """The speaker's actors: the statements stage's resolution, else the cue's subject, else a mention
        of the speaker's words next to the cue."""
        if st.speaker and st.speaker in actor_ids:
            return [st.speaker]
        subject = self.coder._clause_subject(cue, actors_at)
        if subject:
            return subject
        words = [w for w in (st.speaker_text or "").replace("'s", "").split() if w[:1].isupper()]
        if words and not words[-1].isupper():
            # "Schiff" after "Rep. Adam Schiff": the one actor of the document whose name ends the same
            named = [a.id for a in doc._.actors or [] if a.kind == "person" and a.name.split()[-1:] == words[-1:]]
            if len(named) == 1:
                return named
        return []

    # ----------------------------------------------------------------- coding

    def _mark_claims(self, inside: list[Event], speaker: list[str], own: set[str], denial: bool) -> None:
        """Events inside the content are the speaker's claims: reported when someone else does them (not
        the speaker or the speaker's own government: "we call for an end to ..."), negated when denied."""
        for e in inside:
            if e.modality not in _FACTUAL or e.type in ("UNCODED",):
                continue
            if denial:
                e.modality = "negated"
            elif set(e.source) & (set(speaker) | own):
                continue
            else:
                e.modality = "reported"
            e.reported_by = unique([*e.reported_by, *speaker])

    def _act(
        self,
        doc: Doc,
        cue: Token,
        st: Statement,
        speaker: list[str],
        content: Span | None,
        inside: list[Event],
        denial: str | None,
        actors_at: dict[int, list[str]],
    ) -> _Found | None:
        """The cue as an event of the speaker's: its type and target, or None."""
        coder = self.coder
        sense = coder._trigger(cue)
        if denial is not None:
            sense = Sense(cameo=denial)
        if (sense is None or sense.speech) and self._calls_for(cue):
            # "called for the embargo to be lifted" (the parser made "for" a clause's mark): a demand, of
            # whom the content names, else of whom the story is about
            own = self._own(doc, speaker)
            asked = [a for a in self._about(content, speaker, actors_at) if a not in own]
            if not asked:
                events, added, _ = self._now
                asked = [
                    a for a in lead_target(speaker, cue.sent.start_char, events + added, coder._country) if a not in own
                ]
            if asked:
                code = self.demand_cameo
                return _Found(cue, Sense(cameo=code), code, list(speaker), asked, negated=_negated(cue))
        if sense is not None and not sense.speech and sense.cameo and not sense.intent:
            if denial is not None:
                # a denial is of the claim, not of the actors it names ("denied that Russian troops crossed")
                target = self._addressee(cue, speaker, actors_at, clauses=False)
            else:
                target = self._addressee(cue, speaker, actors_at) or self._about(content, speaker, actors_at)
                obj = reaction_object(cue) if not target else None
                if obj is not None and coder._ptype(sense.cameo) in REACTIONS:
                    events, added, triggers = self._now
                    target = self._antecedent_target(doc, obj, cue.idx, events + added, triggers, speaker, actors_at)
                if not target:
                    return None  # a reaction aimed at nobody ("warned that growth could slow") is no event
            return _Found(cue, sense, sense.cameo, list(speaker), target, negated=_negated(cue))
        # a cue of plain saying: what the content does
        own = self._own(doc, speaker)
        for e in inside:
            others = [a for a in e.source if a not in speaker and a not in own]
            cameo = self.content_acts.get(e.type)
            if cameo and not e.source and e.modality != "negated":
                # an act the content names without its doer ("hacking ... can be traced to the Russian
                # government"): the speaker accuses whom the content is about
                others = [a for a in self._about(content, speaker, actors_at) if a not in own]
            if cameo and others and e.modality != "negated":
                return _Found(cue, Sense(cameo=cameo), cameo, list(speaker), others, derived=True)
        if content is None:
            return None
        first = self._chunks(content)[0]
        found = self._content_act(cue, speaker, first, own, actors_at)
        if found is not None:
            return found
        score = self._stance(content)
        if score:
            about = [a for a in self._about(content, speaker, actors_at) if a not in own]
            if not about and self._second_person(content):
                # "Your endeavour ... is another example": said to whom the speaker's words are addressed,
                # the cue's addressee ("told the Canadian prime minister"), else whom the speaker's
                # previous statement was about
                about = self._addressee(cue, speaker, actors_at, clauses=False)
                about = about or self._last_about.get(tuple(speaker), [])
            if not about and not any(t.i in actors_at for t in content):
                about = self._last_about.get(tuple(speaker), [])
            if not about and not any(t.i in actors_at for t in content):
                # an evaluation that names no actor ("it is a tremendous achievement", "they are 100
                # percent wrong"): of what the story is about, its lead event's participants
                events, added, _ = self._now
                lead = lead_target(speaker, cue.sent.start_char, events + added, coder._country)
                about = [a for a in lead if a not in own]
            if about:
                code = self.stance_cameo[0] if score < 0 else self.stance_cameo[1]
                # the evaluation is evidenced by the sentence of the quotation whose words carry it
                # ('"We pray for their recovery." ... "We thank the Afghan government ..."')
                sign = 1 if score > 0 else -1
                best = max(self._chunks(content), key=lambda c: sign * self._stance(c))
                if best.start != content.start and sign * self._stance(best) > 0:
                    self._at = best[0]
                return _Found(cue, Sense(cameo=code), code, list(speaker), about, derived=True)
        return None

    def _content_act(
        self, cue: Token, speaker: list[str], content: Span, own: set[str], actors_at: dict[int, list[str]]
    ) -> _Found | None:
        """What one sentence of a plain statement's content does: a refusal, a threat, a demand or
        expectation, a failing of another actor (``speech_content.py``); the token it was read at is
        kept in ``self._at``."""
        coder = self.coder
        codes = self.content_cameo
        refusal = self._refusal(content, speaker, own, actors_at)
        if refusal is not None:
            self._refused = self._at = refusal[0]
            code = codes.get("refusal", "120")
            return _Found(cue, Sense(cameo=code), code, list(speaker), refusal[1], derived=True)
        threat = self._threat(content)
        if threat is not None:
            self._at = threat
            # measures of one's own ("we will work on appropriate measures") are a move announced; a price
            # the other pays, a forbearance ("will not sit idly by") or resolve is a threat as such
            moves = [g for g in threat.subtree if g.lemma_.lower() in self.bare_nouns and g.pos_ == "NOUN"]
            if moves and threat.lemma_.lower() not in self.forbearance and self._side(threat, speaker, own, actors_at):
                self._own_move = threat
            # at whom: the one who would pay or face it, what it would end ("to end Hong Kong unrest"),
            # else whom the content is about
            about = self._others(coder._subject(threat), speaker, own, actors_at)
            for t in threat.subtree if not about else ():
                if t.dep_ in (*_OBJ, "pobj") and not (t.dep_ == "pobj" and t.head.lower_ in _LOCATIVE):
                    about = about or self._others(t, speaker, own, actors_at)
            about = about or [a for a in self._about(content, speaker, actors_at) if a not in own]
            # else whom the speaker's previous statement was about ("... to end Hong Kong unrest." ... "We
            # have the power to end the unrest.")
            about = about or self._last_about.get(tuple(speaker), [])
            code = codes.get("threat", "130")
            return _Found(cue, Sense(cameo=code), code, list(speaker), about, derived=True)
        for t in content:
            if self._obliged(t):
                subject = next((c for c in t.head.children if c.dep_ in _SUBJ), None)
                asked = [a for a in coder._actors_of(subject, actors_at) if a not in speaker and a not in own]
                if asked and any(c.dep_ == "aux" and c.lemma_ == "have" and c.i > t.i for c in t.head.children):
                    # "should have told us sooner": what another actor ought to have done is a reproach
                    self._at = t
                    code = codes.get("failing", "111")
                    return _Found(cue, Sense(cameo=code), code, list(speaker), asked, derived=True)
                if asked:
                    self._at = t
                    return _Found(
                        cue, Sense(cameo=self.demand_cameo), self.demand_cameo, list(speaker), asked, derived=True
                    )
        asked = self._expectation(content, speaker, own, actors_at)
        if asked:
            self._at = content[0]
            return _Found(cue, Sense(cameo=self.demand_cameo), self.demand_cameo, list(speaker), asked, derived=True)
        failing = self._failing(content, speaker, own, actors_at)
        if failing:
            self._at = content[0]
            code = codes.get("failing", "111")
            return _Found(cue, Sense(cameo=code), code, list(speaker), failing, derived=True)
        return None

    @staticmethod
    def _chunks(content: Span) -> list[Span]:
        """The content's parts, one per sentence ("A. B." gives "A." and "B.")."""
        doc = content.doc
        out = []
        for sent in content.sents:
            lo, hi = max(sent.start, content.start), min(sent.end, content.end)
            if hi > lo:
                out.append(doc[lo:hi])
        return out or [content]

    def _calls_for(self, cue: Token) -> bool:
        """A verb of demand whose "for" the parser hung as the mark of a clause ("called for X to be ...")."""
        return cue.lemma_.lower() in self.demand_cues and any(
            c.dep_ == "advcl" and c.i > cue.i and c.left_edge.lower_ == "for" for c in cue.children
        )

    @staticmethod
    def _yields(e: Event, speaker: list[str], own: set[str]) -> bool:
        """Whether an event on a refusal's verb is the refused act itself: the speaker's side's, not stated
        as having happened."""
        return e.modality not in ("asserted", "reported", "background") and set(e.source) <= set(speaker) | own

    def _obliged(self, t: Token) -> bool:
        """A modal or verb of obligation on its clause ("must withdraw", "had to work", "needs to stop")."""
        if t.dep_ == "aux" and t.lower_ in self.demand_modals:
            return True
        return (
            t.lemma_.lower() in self.demand_verbs
            and any(c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children) for c in t.children)
            and not any(c.dep_ in _OBJ for c in t.children)
        )

    def _stance(self, content: Span) -> int:
        """Positive or negative: the evaluative words of the content, each turned over by its negation."""
        score = 0
        for t in content:
            # the word or its lemma: the lists hold participles of state the lemmatizer may turn into verbs
            # ("was committed to the plan"; not "crimes were committed")
            words = {t.lemma_.lower()}
            if t.pos_ != "VERB" or any(c.dep_ == "prep" and c.lower_ == "to" for c in t.children):
                words.add(t.lower_)
            sign = -1 if words & self.negative else 1 if words & self.positive else 0
            # "not satisfied", "is not a partner": the negation of the word or of the verb it completes
            if sign and (
                any(c.dep_ == "neg" for c in t.children)
                or (t.dep_ in ("acomp", "attr", "oprd") and any(c.dep_ == "neg" for c in t.head.children))
            ):
                sign = -sign
            score += sign
        return score

    def _own(self, doc: Doc, speaker: list[str]) -> set[str]:
        """The speaker's own state and its organs: a leader speaking of "the United States" speaks of
        his own side."""
        kinds = {a.id: a for a in doc._.actors or []}
        official = [
            a for a in speaker if a in kinds and (kinds[a].kind == "state" or kinds[a].role or a.endswith("-GOV"))
        ]
        country = {self.coder._country.get(a) for a in official} - {None}
        return {
            a.id
            for a in doc._.actors or []
            if a.country in country and (a.kind == "state" or a.id.endswith(("-GOV", "-MIL", "-COP")))
        }

    def _addressee(
        self, cue: Token, speaker: list[str], actors_at: dict[int, list[str]], clauses: bool = True
    ) -> list[str]:
        """Whom the cue addresses or is about: its object ("condemned Turkey"), the agent of an object
        that names an act ("welcomed the decision by South Korea"), or a preposition's object ("called on
        Congress"); places in locatives ("the bombing of a camp in South Sudan") are where, not whom."""
        coder = self.coder
        for c in cue.children:
            if c.dep_ in _OBJ or (c.dep_ == "prep" and c.lower_ in _ADDRESSEE_PREPS):
                head = _pobj(c) if c.dep_ == "prep" else c
                if head is None:
                    continue
                own = [a for a in coder._np_actors(head, actors_at) if a not in speaker]
                if own:
                    return own
                for g in head.children:
                    if g.dep_ == "prep" and g.lower_ in ("by", "of", "from"):
                        agent = [a for a in coder._np_actors(_pobj(g), actors_at) if a not in speaker]
                        if agent:
                            return agent
        for c in cue.children if clauses else ():
            if c.dep_ in ("ccomp", "xcomp"):
                subject = coder._subject(c)
                asked = [a for a in coder._actors_of(subject, actors_at) if a not in speaker]
                if asked:
                    return asked
        return []

    def _about(self, content: Span | None, speaker: list[str], actors_at: dict[int, list[str]]) -> list[str]:
        """The actor the content is about: the subject of its main clause, else the first actor it names
        outside a locative."""
        if content is None:
            return []
        coder = self.coder
        for t in content:
            if t.dep_ in _SUBJ and t.head.i >= content.start and t.head.i < content.end:
                found = [a for a in coder._actors_of(t, actors_at) if a not in speaker]
                if found:
                    return found
                break
        for t in content:
            if t.i in actors_at and not (t.dep_ == "pobj" and t.head.lower_ in ("in", "at", "near")):
                found = [a for a in actors_at[t.i] if a not in speaker]
                if found:
                    return found
        return []

    def _coded(
        self, cue: Token, found: _Found, events: list[Event], triggers: dict[str, list[Token]], sent: Span
    ) -> bool:
        """Whether the events stage (or an earlier statement) already coded this act: an event on the cue
        itself, or one of the same type from the same speaker in the same sentence."""
        ptype = self.coder._ptype(found.cameo)
        for e in events:
            if e.evidence.start != sent.start_char:
                continue
            if any(t.i == cue.i for t in triggers.get(e.id, ())):
                return True
            if (ptype in (e.type, e.plover_type)) and set(e.source) & set(found.source):
                return True
        return False


@Language.factory(
    "newsgraph_speech_events",
    default_config={"lexicon": None},
    requires=["doc._.statements", "doc._.events", "doc._.mentions"],
    assigns=["doc._.events"],
)
def make_speech_event_coder(nlp: Language, name: str, lexicon: str | None) -> SpeechEventCoder:
    return SpeechEventCoder(nlp, name, lexicon)
