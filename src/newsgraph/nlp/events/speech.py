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

What a plain statement's content does is read in ``speech_content.py`` (refusals, threats, demands
and expectations, failings, stance), who the act is from and at in ``speech_roles.py``.
"""

from __future__ import annotations

import hashlib
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
from newsgraph.nlp.events.rules import _Found, _negated
from newsgraph.nlp.events.speech_content import ContentReadings
from newsgraph.nlp.events.speech_roles import SpeechRoles
from newsgraph.nlp.events.speech_stance import StanceReadings
from newsgraph.nlp.extensions import register_extensions

# Modalities of an event stated as fact by the page; the speaker's content turns them into claims.
_FACTUAL = ("asserted",)


@lru_cache(maxsize=2)
def load_speech_rules() -> dict[str, Any]:
    """The shipped rules of ``data/speech_events.yaml``."""
    text = resources.files("newsgraph.nlp").joinpath("data", "speech_events.yaml").read_text("utf-8")
    return yaml.safe_load(text) or {}


class SpeechEventCoder(AntecedentMixin, ContentReadings, StanceReadings, SpeechRoles):
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
        self.legislature_acts = {str(w) for w in rules.get("legislature_acts") or ()}
        self.lead_types = {str(w) for w in rules.get("lead_target_types") or ()}
        codes = rules.get("content_cameo") or {}
        self.content_cameo = {str(k): str(v) for k, v in codes.items()}
        self._load_content(rules)
        self._load_stance(rules)

    def __call__(self, doc: Doc) -> Doc:
        # with the speech acts that report no words ("condemned the move"): events, not statements
        acts = doc._.speech_acts if Doc.has_extension("speech_acts") else None
        statements: list[Statement] = list(doc._.statements or []) + list(acts or [])
        events: list[Event] = list(doc._.events or [])
        if not statements and not events and not any(t.lemma_ in self.dissociation_verbs for t in doc):
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
            about = [a for a in self._about(content, speaker, actors_at, own) if a not in own]
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
                    if found is None:
                        found = self._stance_act(cue, speaker, chunk, own, actors_at)
                    if found is not None:
                        self._emit(doc, st, cue, found, statements, speaker, own, actors_at, on)
        for verb, code, source, target in self._expressions(doc, actors_at):
            # attitudes expressed outside any statement ("expressed doubt about", "distanced themselves from")
            found = _Found(verb, Sense(cameo=code), code, source, target, derived=True)
            if not self._coded(verb, found, events + added, triggers, verb.sent):
                coder._modality(doc, found, actors_at)
                event = coder._to_event(doc, found, on)
                added.append(event)
                triggers[event.id] = [verb]
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
                e.target = self._legislature_target(doc, e, cue)
                if not e.target and (cue is None or not self._aimed_at_an_instrument(cue, actors_at)):
                    e.target = conj_target(e, events + added, triggers) or lead_target(
                        e.source, e.evidence.start, events + added, coder._country
                    )
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
        if self._refused is not None and any(
            self._refused in triggers.get(e.id, ()) and "REJECT" in (e.type, e.plover_type) for e in events
        ):
            return  # the events stage already coded the refusal on its verb ("does not accept")
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
            if sent.start < cue.sent.start and any(
                e.id == event.id and e.evidence.start == cue.sent.start_char for e in events + added
            ):
                return  # the cue's own act, already coded where the cue is: 'A bid was made. This was rejected by ...'
            event.evidence = Evidence(sent.text, sent.start_char, sent.end_char)
            # the id hashes the cue: an act of the same cue read in another sentence is another event
            event.id = "ev-" + hashlib.sha1(f"{event.id}@{sent.start_char}".encode()).hexdigest()[:10]
        added.append(event)
        triggers[event.id] = [cue]
        st.events = unique([*st.events, event.id])

    # ---------------------------------------------------------------- finding

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
            asked = [a for a in self._about(content, speaker, actors_at, own) if a not in own]
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
                others = [a for a in self._about(content, speaker, actors_at, own) if a not in own]
            if cameo and others and e.modality not in ("negated", "hypothetical"):
                # an act the content states, or one intended ("the latest move to try to force ..."); one it
                # only supposes ("if North Korea conducted another test") is no allegation
                return _Found(cue, Sense(cameo=cameo), cameo, list(speaker), others, derived=True)
        if content is None:
            return None
        first = self._chunks(content)[0]
        found = self._content_act(cue, speaker, first, own, actors_at)
        if found is not None:
            return found
        score = self._stance(content)
        if score:
            words = [t.i for t in content if self._stance(content[t.i - content.start : t.i - content.start + 1])]
            about = [a for a in self._about(content, speaker, actors_at, own, near=words) if a not in own]
            if not about and self._second_person(content):
                # "Your endeavour ... is another example": said to whom the speaker's words are addressed,
                # the cue's addressee ("told the Canadian prime minister"), else whom the speaker's
                # previous statement was about
                about = self._addressee(cue, speaker, actors_at, clauses=False)
                about = about or self._last_about.get(tuple(speaker), [])
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
        # the stance and mood of its first sentence's clauses: a judgement, a wish, an undertaking, a retaliation
        self._at = None
        return self._stance_act(cue, speaker, first, own, actors_at)

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
