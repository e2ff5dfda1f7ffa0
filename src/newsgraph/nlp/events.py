"""The ``newsgraph_events`` component: who did what to whom, coded in PLOVER and CAMEO.

For every clause it finds a trigger (a verb, a nominal such as "attack on",
or a predicative adjective such as "willing to") in the trigger lexicon
(``data/event_lexicon.yaml``), picks the trigger's sense by its object and
prepositions, and reads the roles off the dependency parse:

* source: the subject, the by-phrase of a passive, the possessor of a
  nominal ("Russia's attack"), or, for a clause without its own subject, the
  subject of the clause that governs it; coordinated subjects give several
  sources ("announced by Australia, the UK and the US");
* target: the object, the subject of a passive, or the object of one of the
  trigger's target prepositions ("attack on Ukraine"), else the complement's
  subject ("demanded that President Mugabe abandon ...").

Actors are the resolved mentions of the actor stage.  The CAMEO code gives
the PLOVER type, mode and Goldstein weight (``data/cameo.yaml``).

Modality and certainty, which published coders leave out, come from the
clause around the trigger (``data/modality.yaml``): negation, conditionals,
modal verbs, governing verbs of intent and plan, speech verbs (an event in
someone else's words is *reported*), prediction verbs, and hedges
("reportedly", "is said to", "possible") that lower a certainty in [0, 1].
An event dated well before the document is *background*: kept, marked, and
not counted as news (:meth:`Event.counts_as_new`).

A speech verb whose complement says another actor is seeking, trying or
planning something ("Lavrov stated that NATO was seeking to base its troops
...") is the speaker accusing that actor (ACCUSE), as a reader would code it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from spacy.language import Language
from spacy.tokens import Doc, Token

from newsgraph.model import DateValue, Event, Evidence, TimeExpr
from newsgraph.nlp.common import date_value, doc_date, unique
from newsgraph.nlp.extensions import register_extensions

# Dependency labels of a verb's subject and object.
_SUBJ = ("nsubj", "csubj")
_SUBJ_PASS = ("nsubjpass", "csubjpass")
_OBJ = ("dobj", "obj", "dative", "iobj", "attr")
# Children that stay inside a noun phrase when we collect the actors it names.
_NP_DEPS = ("amod", "compound", "poss", "nmod", "nummod", "det", "case", "flat", "appos", "npadvmod", "quantmod")
# Clauses below a trigger whose words belong to another event.
_CLAUSE_DEPS = ("ccomp", "xcomp", "advcl", "relcl", "acl", "conj", "parataxis", "pcomp", "csubj")
_DEFAULT_TARGET_PREPS = {
    "ASSAULT": ("on", "against", "at", "upon", "in", "into"),
    "COERCE": ("on", "against", "in"),
    "SANCTION": ("on", "against", "from"),
    "THREATEN": ("with", "against", "on"),
    "PROTEST": ("against", "outside", "at"),
    "ACCUSE": ("of", "against", "on"),
    "REQUEST": ("on", "from", "to", "of"),
    "CONSULT": ("with", "to", "in"),
    "AGREE": ("with", "to", "in"),
    "COOPERATE": ("with", "to", "in"),
    "SUPPORT": ("for", "to"),
    "AID": ("to", "for"),
    "CONCEDE": ("to",),
    "RETREAT": ("from", "to"),
    "REJECT": ("from", "by"),
    "MOBILIZE": ("to", "near", "along", "in", "into", "on", "against"),
}
# Nouns that measure their of-phrase ("700 kg of medicine"): the sense is chosen by the thing measured.
_MEASURES = {
    "kg",
    "kilogram",
    "ton",
    "tonne",
    "lb",
    "pound",
    "litre",
    "liter",
    "gallon",
    "barrel",
    "worth",
    "amount",
    "quantity",
    "lot",
    "load",
    "consignment",
    "batch",
    "number",
    "shipment",
    "truckload",
    "planeload",
    "crate",
    "box",
    "bag",
    "sack",
    "package",
    "supply",
    "million",
    "billion",
    "thousand",
    "hundred",
    "dozen",
}
# Verbs that act on what their object names rather than describe it: their sense beats the object's nominal.
_ACTS_ON_OBJECT = {"RETREAT", "REJECT", "SANCTION", "CONCEDE"}
_HOSTILE = {"ASSAULT", "COERCE", "THREATEN", "MOBILIZE", "SANCTION", "PROTEST", "ACCUSE", "REJECT"}
# PLOVER types an expressed intention turns into: cooperative intentions are AGREE, hostile ones THREATEN.
_INTENT_CAMEO = {
    "AGREE": "030",
    "CONSULT": "036",
    "SUPPORT": "032",
    "COOPERATE": "031",
    "AID": "033",
    "CONCEDE": "035",
    "RETREAT": "035",
    "REQUEST": "030",
}
# Verbs of command, and the nouns of the forces a leader commands: "ordered troops to ...".
_ORDER_VERBS = {"order", "command", "instruct", "direct"}
_FORCES = {
    "troop",
    "force",
    "soldier",
    "army",
    "military",
    "police",
    "policeman",
    "security",
    "unit",
    "guard",
    "navy",
    "militia",
    "paratrooper",
    "commando",
    "marine",
}
# CAMEO 09: investigate -- hostile in PLOVER (ACCUSE), yet a planned investigation threatens nothing.
_INVESTIGATE = "09"
# Nouns that frame an event nominal as an undertaking ("a mediation effort", "a peace initiative").
_FRAMES = {"effort", "bid", "initiative", "drive", "push", "attempt", "mission", "process", "plan"}
# Verbs of happening, said of an event nominal ("protests erupted", "riots broke out").
_OCCUR = {"erupt", "break", "spread", "continue", "resume", "flare", "escalate", "intensify", "grow", "occur", "begin"}
# Acts only a state performs (bans, curfews, arrests, deportations, expulsions): with no agent named,
# their source is the state of the place where they happen.
_STATE_ACTS = ("172", "173", "174", "166")
_THREAT_CAMEO = {"ASSAULT": "138", "COERCE": "137", "SANCTION": "131", "MOBILIZE": "138", "PROTEST": "130"}


@dataclass(frozen=True, slots=True)
class Sense:
    cameo: str | None = None
    object: tuple[str, ...] = ()
    prep: str | None = None
    particle: str | None = None
    intent: bool = False
    speech: bool = False
    negated_cameo: str | None = None
    target_preps: tuple[str, ...] = ()
    source_preps: tuple[str, ...] = ("by",)


@dataclass(frozen=True, slots=True)
class Code:
    name: str
    goldstein: float | None
    plover: str | None
    mode: str | None
    view: str | None = None  # the PLOVER codebook's type where it departs from the conversion table


@dataclass(slots=True)
class Lexicon:
    verbs: dict[str, list[Sense]]
    nouns: dict[str, list[Sense]]
    adjectives: dict[str, list[Sense]]
    codes: dict[str, Code]
    intensity: dict[str, float]
    modality: dict[str, Any]
    agents: dict[str, Any] = field(default_factory=dict)

    def code(self, cameo: str | None) -> Code | None:
        """The code's entry, or its nearest parent's ("0874" -> "087" -> "08")."""
        while cameo:
            if cameo in self.codes:
                return self.codes[cameo]
            cameo = cameo[:-1]
        return None


def _senses(raw: dict[str, Any]) -> dict[str, list[Sense]]:
    out: dict[str, list[Sense]] = {}
    for lemma, senses in (raw or {}).items():
        out[str(lemma).lower()] = [
            Sense(
                cameo=str(s["cameo"]) if s.get("cameo") is not None else None,
                object=tuple(str(o).lower() for o in s.get("object") or ()),
                prep=s.get("prep"),
                particle=s.get("particle"),
                intent=bool(s.get("intent")),
                speech=bool(s.get("speech")),
                negated_cameo=str(s["negated_cameo"]) if s.get("negated_cameo") else None,
                target_preps=tuple(s.get("target_preps") or ()),
                source_preps=tuple(s.get("source_preps") or ("by",)),
            )
            for s in senses or []
        ]
    return out


@lru_cache(maxsize=4)
def load_lexicon(path: str | None = None) -> Lexicon:
    """The shipped trigger lexicon, CAMEO table and modality cues (or a user's lexicon file)."""
    data = resources.files("newsgraph.nlp").joinpath("data")
    text = Path(path).read_text("utf-8") if path else data.joinpath("event_lexicon.yaml").read_text("utf-8")
    lex = yaml.safe_load(text)
    cameo = yaml.safe_load(data.joinpath("cameo.yaml").read_text("utf-8"))
    modality = yaml.safe_load(data.joinpath("modality.yaml").read_text("utf-8"))
    codes = {
        str(k): Code(v.get("name", ""), v.get("goldstein"), v.get("plover"), v.get("mode"), v.get("view"))
        for k, v in (cameo.get("codes") or {}).items()
    }
    return Lexicon(
        _senses(lex.get("verbs")),
        _senses(lex.get("nouns")),
        _senses(lex.get("adjectives")),
        codes,
        {str(k): float(v) for k, v in (cameo.get("plover_intensity") or {}).items()},
        modality,
        lex.get("agents") or {},
    )


@dataclass(slots=True)
class _Found:
    """An event in the making."""

    trigger: Token
    sense: Sense
    cameo: str
    source: list[str] = field(default_factory=list)
    target: list[str] = field(default_factory=list)
    modality: str = "asserted"
    hedges: list[str] = field(default_factory=list)
    reported_by: list[str] = field(default_factory=list)
    date: TimeExpr | None = None
    negated: bool = False
    derived: bool = False  # read off a speech act (an accusation), not stated as an event
    ultimatum: bool = False  # a promised action on a condition ("will withdraw ... unless"): a threat
    refrain: bool = False  # a hostile act promised not to happen ("will not use violence"): a de-escalation
    unresolved: bool = False  # the source is an agent the knowledge base does not know


class EventCoder:
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
        from newsgraph.kb import load_kb

        self.sector_nouns = dict(load_kb().sectors.nouns)
        self.deontic = set(mod.get("deontic_modals", []))
        self.background_days = int(mod.get("background_days", 120))
        self.partitives = {str(w).lower() for w in self.lex.agents.get("partitives", [])}
        self.agent_nouns = {str(w).lower() for w in self.lex.agents.get("agent_nouns", [])}

    # ------------------------------------------------------------------ main

    def __call__(self, doc: Doc) -> Doc:
        on = doc_date(doc)
        actors_at = self._actor_index(doc)
        kinds = {a.id: a.kind for a in doc._.actors or []}
        self._kinds = kinds
        self._country = {a.id: a.country for a in doc._.actors or []}
        # "@state", "@alliance": the kinds of actor each token names, for senses keyed on them
        self._kinds_at = {i: {"@" + kinds.get(a, "") for a in ids} for i, ids in actors_at.items()}
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
            if sense.speech:
                accusation = self._accusation(doc, tok, actors_at)
                if accusation is not None:
                    found.append(accusation)
                continue
            if tok.pos_ in ("NOUN", "PROPN") and (
                tok.head.i in coded
                or tok.i in actors_at
                or not (
                    self._np_source(tok, sense, actors_at)
                    or self._light_verb(tok) is not None
                    or self._occurring_protest(tok, sense)
                )
            ):
                # a nominal inside a coded clause ("imposed sanctions") or with no actor of its own
                # ("the war in Ukraine") is no event of its own
                continue
            event = self._code(doc, tok, sense, actors_at, consumed)
            if event is not None:
                found.append(event)
                coded.add(tok.i)
        events: list[Event] = []
        depths: list[int] = []
        for f in found:
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
            event = self._to_event(doc, f, on)
            # violence by someone unnamed ("three civilians were killed in a car bombing") stays, sourceless
            unnamed = _is_passive(f.trigger) or self._subject(f.trigger) is not None
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

    # -------------------------------------------------------------- triggers

    def _trigger(self, tok: Token) -> Sense | None:
        lex = self.lex
        lemma = tok.lemma_.lower()
        if tok.pos_ in ("VERB", "AUX") or (tok.pos_ == "NOUN" and tok.dep_ == "ROOT" and tok.tag_.startswith("VB")):
            particles = [c.lower_ for c in tok.children if c.dep_ == "prt"]
            sense = next(
                (
                    self._sense(tok, lex.verbs[c])
                    for c in [f"{lemma} {p}" for p in particles] + [lemma]
                    if c in lex.verbs
                ),
                None,
            )
            for obj in (c for c in tok.children if c.dep_ == "dobj"):
                if any(
                    f"{m.lower_} {obj.lemma_.lower()}" in lex.nouns
                    for m in obj.children
                    if m.dep_ in ("compound", "amod")
                ) and not (
                    sense is not None
                    and sense.object
                    and {obj.lemma_.lower(), *(m.lemma_.lower() for m in obj.children)} & set(sense.object)
                    and self._ptype(sense.cameo) in _ACTS_ON_OBJECT
                ):
                    # "began a hunger strike": the nominal says what happened -- unless the verb undoes or
                    # refuses the thing its object names ("withdrew its peacekeeping force", "rejected a peace plan")
                    return None
            return sense
        if tok.pos_ in ("NOUN", "PROPN"):
            # "hunger strike", "peace talks": a compound and its head first
            for c in tok.children:
                if c.dep_ in ("compound", "amod") and f"{c.lower_} {lemma}" in lex.nouns:
                    return self._sense(tok, lex.nouns[f"{c.lower_} {lemma}"])
            if lemma in lex.nouns:
                return self._sense(tok, lex.nouns[lemma])
        if tok.pos_ == "ADJ" and lemma in lex.adjectives and tok.dep_ in ("acomp", "ROOT", "amod", "xcomp"):
            return self._sense(tok, lex.adjectives[lemma])
        return None

    def _sense(self, tok: Token, senses: list[Sense]) -> Sense | None:
        objects = {c.lemma_.lower() for c in tok.children if c.dep_ in _OBJ + _SUBJ_PASS}
        objects |= {c.lower_ for c in tok.children if c.dep_ in _OBJ + _SUBJ_PASS}
        for c in tok.children:
            if c.dep_ in _OBJ:
                objects |= getattr(self, "_kinds_at", {}).get(c.i, set())
        for c in list(tok.children):
            if c.dep_ in ("dobj", "nsubjpass"):
                objects |= {g.lemma_.lower() for g in c.children if g.dep_ in ("compound", "amod", "conj")}
                if (
                    c.lemma_.lower() in _MEASURES
                    or c.lemma_.lower() in self.partitives
                    or any(g.dep_ == "nummod" for g in c.children)
                ):
                    # "700 kg of medicine", "$50,000 worth of goods", "a mission of observers": the measured
                    # or collected thing is the object
                    for prep in (g for g in c.children if g.dep_ == "prep" and g.lower_ == "of"):
                        thing = _pobj(prep)
                        if thing is not None:
                            objects |= {thing.lemma_.lower(), thing.lower_}
        if tok.dep_ in ("acl", "relcl") and tok.tag_ == "VBN":
            objects.add(tok.head.lemma_.lower())  # "a pact announced by ...": the pact is what was announced
        preps = {c.lower_ for c in tok.children if c.dep_ in ("prep", "agent", "dative")}
        for sense in senses:
            if sense.object and not (objects & set(sense.object)):
                continue
            if sense.prep and sense.prep not in preps:
                continue
            return sense
        return None

    # ----------------------------------------------------------------- roles

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
        if tok is None or depth > 6:
            return []
        out: list[str] = []
        if tok.i in actors_at:
            out.extend(actors_at[tok.i])
            # "Senior Hungarian and Romanian officials": a coordinated modifier names a second actor
            for child in tok.children:
                if (
                    child.dep_ in ("amod", "compound")
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

    def _sector_of(self, tok: Token) -> str | None:
        """The PLOVER sector a group noun names ("demonstrators" CVL, "rebels" REB), if any."""
        return self.sector_nouns.get(tok.lower_) or self.sector_nouns.get(tok.lemma_.lower())

    def _place_country(self, tok: Token, actors_at: dict[int, list[str]]) -> str | None:
        """The country of an "in <place>" phrase of the trigger's sentence."""
        for t in tok.sent:
            if t.dep_ == "pobj" and t.head.lower_ == "in":
                for a in self._actors_of(t, actors_at):
                    if self._country.get(a):
                        return self._country[a]
        return None

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
        if tok is None or depth > 3 or tok.pos_ == "PRON":
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
        from newsgraph.model import Actor

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
        if not _is_state_code(country):
            country = None
        slug = "-".join(w.lower() for w in name.replace("'", "").split() if w.isalnum())[:60] or "agent"
        # the id is the words and the country: the store keeps one row per id, across documents
        actor_id = f"unresolved:{slug}" + (f"@{country.lower()}" if country else "")
        if actor_id not in self._country:
            kind = "unresolved"
            doc._.actors = [*(doc._.actors or []), Actor(actor_id, name, kind, country, sector)]
            self._country[actor_id] = country
            self._kinds[actor_id] = kind
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

    def _clause_subject(self, verb: Token, actors_at: dict[int, list[str]], depth: int = 0) -> list[str]:
        """The actors of a verb's subject; a clause without one borrows its governor's."""
        if depth > 5:
            return []
        subj = self._subject(verb)
        if subj is not None:
            actors = self._actors_of(subj, actors_at)
            if actors:
                return actors
            if subj.pos_ in ("NOUN", "PROPN"):
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

    def _target(
        self, doc: Doc, tok: Token, sense: Sense, ptype: str | None, actors_at: dict[int, list[str]], source: list[str]
    ) -> list[str]:
        preps = sense.target_preps or _DEFAULT_TARGET_PREPS.get(ptype or "", ())
        candidates: list[Token | None] = []
        passive = _is_passive(tok)
        for c in tok.children:
            if c.dep_ in _OBJ and tok.pos_ not in ("NOUN", "PROPN") or c.dep_ in _SUBJ_PASS and passive:
                candidates.append(c)
        if tok.dep_ in ("acl", "relcl") and tok.tag_ == "VBN" and not candidates:
            candidates.append(tok.head)
        # "a mediation effort between the Emirates and Saudi Arabia": the framing noun's phrases are the nominal's
        heads = [tok, tok.head] if tok.dep_ == "compound" and tok.head.lemma_.lower() in _FRAMES else [tok]
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
            actors = [a for a in self._actors_of(cand, actors_at) if a not in source]
            if actors:
                return actors
        # an unnamed group ("dispersed demonstrators", "arresting political opponents"): of the place, else
        # of the source's country -- the coders' convention for domestic actors
        for cand in candidates:
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
                    or next((self._country.get(a) for a in source if self._country.get(a)), None)
                    or (self._reporter_country(tok, actors_at) if person else None)
                )
                if _is_state_code(country):
                    return [self._implicit_agent(doc, country, sector)]
        # a purpose or complement clause names it ("began a hunger strike to protest against Sweden's decision")
        for c in tok.children:
            if (
                c.dep_ in ("xcomp", "advcl") and c.i > tok.i and not any(m.dep_ == "mark" for m in c.children)
            ):  # not a condition or a circumstance ("will not accept refugees if war starts in Iraq")
                for t in c.subtree:
                    if t.i in actors_at and not any(a in source for a in actors_at[t.i]):
                        return [a for a in actors_at[t.i] if a not in source]
        # the object phrase's own modifiers ("withdraw its troops from neighbouring Lebanon")
        for c in tok.children:
            if c.dep_ in _OBJ or (
                c.dep_ == "prep"
                and (
                    c.lower_ in ("from", "to", "in", "into", "with", "towards")
                    or (c.lower_ == "for" and ptype == "MOBILIZE")
                )
            ):
                for t in c.subtree:
                    if t.i in actors_at and not _inside_clause(t, tok):
                        actors = [a for a in actors_at[t.i] if a not in source]
                        if actors:
                            return actors
        return []

    # ---------------------------------------------------------------- coding

    def _code(
        self, doc: Doc, tok: Token, sense: Sense, actors_at: dict[int, list[str]], consumed: set[int]
    ) -> _Found | None:
        if sense.intent:
            comps = [c for c in tok.children if c.dep_ in ("xcomp", "ccomp")] + [
                c
                for c in tok.children
                if c.dep_ == "advcl"
                and c.i == tok.i + 2
                and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
                and self._subject(c) is None
            ]
            comp = next((c for c in comps if self._trigger(c) is not None), comps[0] if comps else None)
            inner_sense = self._trigger(comp) if comp is not None else None
            if comp is not None and inner_sense is not None and not inner_sense.speech and not inner_sense.intent:
                inner = self._code(doc, comp, inner_sense, actors_at, consumed)
                consumed.add(comp.i)
                if inner is not None:
                    ptype = self._ptype(inner.cameo)
                    if ptype in _HOSTILE and not inner.cameo.startswith(_INVESTIGATE):
                        inner.cameo = _THREAT_CAMEO.get(ptype or "", "130")
                    else:
                        inner.cameo = _INTENT_CAMEO.get(ptype or "", sense.cameo or "030")
                    inner.modality = "intended"
                    if not inner.source:
                        inner.source = self._source(doc, tok, sense, actors_at)
                    inner.trigger = tok
                    return inner
            if comp is not None and comp.pos_ in ("VERB", "AUX"):
                if tok.lemma_.lower() not in self.commissive:
                    return None  # a wish to do something we do not code ("seeking to reformat ...")
                # "promised to democratize Serbia", "offered to hand over ...": a commitment, AGREE
                source = self._source(doc, tok, sense, actors_at)
                target = [
                    a
                    for t in comp.subtree
                    if t.i in actors_at and not _inside_clause(t, comp)
                    for a in actors_at[t.i]
                    if a not in source
                ]
                return _Found(tok, sense, sense.cameo or "030", source, unique(target), modality="intended")
        cameo = sense.cameo
        if cameo is None:
            return None
        negated = _negated(tok)
        if negated and sense.negated_cameo:
            cameo, negated = sense.negated_cameo, False
        ptype = self._ptype(cameo)
        source = self._source(doc, tok, sense, actors_at)
        target = self._target(doc, tok, sense, ptype, actors_at, source)
        if ptype == "REQUEST" and tok.lemma_.lower() in _ORDER_VERBS and self._own_forces(tok, source, target):
            # "ordered troops to withdraw from Somalia": a leader's order to his own forces is the act he
            # orders; an order with no act we code ("ordered troops to stand guard") is a show of force
            for comp in (c for c in tok.children if c.dep_ == "xcomp"):
                inner_sense = self._trigger(comp)
                if inner_sense is not None and not inner_sense.speech and not inner_sense.intent:
                    inner = self._code(doc, comp, inner_sense, actors_at, consumed)
                    consumed.add(comp.i)
                    if inner is not None:
                        inner.source = source
                        inner.target = [a for a in inner.target if a not in target] or inner.target
                        inner.trigger = tok
                        return inner
            return _Found(tok, sense, "150", source, [], negated=negated)
        return _Found(tok, sense, cameo, source, target, negated=negated)

    def _own_forces(self, tok: Token, source: list[str], target: list[str]) -> bool:
        """Whether the object of an order is the orderer's own troops or police ("ordered troops to ...")."""
        obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
        if obj is None or obj.lemma_.lower() not in _FORCES or not source:
            return False
        own = {self._country.get(a) for a in source} - {None}
        return all(self._country.get(a) in own for a in target)

    def _ptype(self, cameo: str | None) -> str | None:
        code = self.lex.code(cameo)
        return code.plover if code else None

    def _accusation(self, doc: Doc, verb: Token, actors_at: dict[int, list[str]]) -> _Found | None:
        """ "X stated that NATO was seeking to base its troops ...": X accuses NATO."""
        speaker = self._clause_subject(verb, actors_at)
        # a speaker the knowledge base does not know ("The Third World Water Forum concluded that ...")
        unknown = not speaker and self._agent_phrase(verb) is not None
        if not speaker and not unknown:
            return None
        found = self._speech_act(doc, verb, speaker, actors_at)
        if found is not None and unknown:
            found.source = self._unresolved_source(doc, verb, actors_at)
            found.unresolved = True
        return found if found is None or found.source else None

    def _speech_act(self, doc: Doc, verb: Token, speaker: list[str], actors_at: dict[int, list[str]]) -> _Found | None:
        for comp in self._reported_clauses(verb):
            subject = self._subject(comp)
            own = {self._country.get(a) for a in speaker} - {None}
            # another actor, and not the speaker's own country ("the Palestinians reject ..., Erakat said")
            others = [a for a in self._actors_of(subject, actors_at) if a not in speaker]
            accused = [a for a in others if self._country.get(a) not in own]
            if any(c.dep_ == "aux" and c.lower_ in self.deontic for c in comp.children):
                # "Russia said that Sudan must return the helicopter": a demand; rebels or parties may
                # make one of their own government ("rebels announced that the president must ...")
                domestic = all(self._kinds.get(a) not in ("state", None) for a in speaker)
                demanded = accused or (others if domestic else [])
                if demanded:
                    return _Found(verb, Sense(cameo="100"), "100", speaker, demanded)
            if not accused:
                continue
            inner = self._trigger(comp)
            hostile = inner is not None and not inner.speech and self._ptype(inner.cameo) in _HOSTILE
            if comp.lemma_.lower() in self.accusation_cues or hostile:
                return _Found(verb, Sense(cameo="112"), "112", speaker, accused, derived=True)
        return None

    def _reported_clauses(self, verb: Token) -> list[Token]:
        """The clauses a speech verb reports: its complements, and a that-clause the parser hung on a
        temporal noun ("said at the time that the US was seeking ...", parsed as a relative clause)."""
        out = [c for c in verb.children if c.dep_ == "ccomp"]
        for prep in (c for c in verb.children if c.dep_ == "prep"):
            for t in prep.subtree:
                if (
                    t.dep_ == "relcl"
                    and any(d.lower_ == "that" for d in verb.doc[prep.i : t.i])
                    and any(c.dep_ in _SUBJ for c in t.children)
                ):
                    out.append(t)
        return out

    # -------------------------------------------------------------- modality

    def _governors(self, tok: Token) -> list[Token]:
        """The chain of clauses above a trigger, nearest first, up to the sentence root."""
        out = []
        cur = tok
        while cur.dep_ not in ("ROOT", "acl", "relcl") and cur.head.i != cur.i and len(out) < 8:
            if cur.dep_ in (
                "xcomp",
                "ccomp",
                "advcl",
                "conj",
                "acomp",
                "pcomp",
                "relcl",
                "acl",
                "dobj",
                "pobj",
                "prep",
                "attr",
            ):
                out.append(cur.head)
            cur = cur.head
        return out

    def _modality(self, doc: Doc, f: _Found, actors_at: dict[int, list[str]]) -> None:
        tok = f.trigger
        chain = [tok, *self._governors(tok)]
        hedges: list[str] = []
        modality = f.modality
        if f.negated:
            modality = "negated"
            # "police will not use violence against the protesters": a promise to refrain (CAMEO 0354)
            auxes = {c.lower_ for c in tok.children if c.dep_ == "aux"}
            f.refrain = self._ptype(f.cameo) in _HOSTILE and bool(auxes & (self.planned_modals | {"would"}))
        for level, t in enumerate(chain):
            lemma = t.lemma_.lower()
            auxes = [c.lower_ for c in t.children if c.dep_ in ("aux", "auxpass")]
            if modality == "asserted":
                if level == 0 or chain[level - 1].dep_ in ("xcomp", "conj"):
                    if any(a in self.deontic for a in auxes):
                        modality = "hypothetical"  # "Sudan must return ...": demanded, not done
                    elif any(a in self.planned_modals for a in auxes):
                        modality = "planned"
                    elif any(a in self.predicted_modals for a in auxes):
                        modality = "predicted"
                if level > 0:
                    if lemma in ("attempt", "try") and t.tag_ in ("VBD", "VBN") and self._ptype(f.cameo) == "ASSAULT":
                        pass  # "attempted to assassinate": an attempted attack happened (CAMEO 185)
                    elif lemma in self.intended_gov:
                        modality = "intended"
                    elif lemma in self.planned_gov and chain[level - 1].dep_ == "xcomp":
                        modality = "planned"
                    elif lemma in self.predicted_gov or (
                        lemma in self.predicting_speech and chain[level - 1].dep_ == "ccomp"
                    ):
                        modality = "predicted"
            if level > 0 and _is_speech(t, self.lex) and chain[level - 1].dep_ == "ccomp":
                speaker = self._clause_subject(t, actors_at)
                if speaker and set(speaker) & set(f.source) and modality in ("predicted", "planned"):
                    modality = "intended"  # "the rebels said they would meet ...": the source's own intention
                if speaker and not set(speaker) & set(f.source):
                    f.reported_by = unique(f.reported_by + speaker)
                    if modality == "asserted":
                        modality = "reported"
            for c in t.children:
                if c.dep_ == "mark" and c.lower_ in self.conditional and t.dep_ == "advcl":
                    modality = "hypothetical"
                if c.dep_ in ("advmod", "amod", "acomp") and c.lower_ in self.hedge_words:
                    hedges.append(c.lower_)
            if lemma == "say" and _is_passive(t):
                hedges.append("said to")
            if lemma in ("believe", "think") and _is_passive(t):
                hedges.append(f"{lemma_past(lemma)} to")
            if t.lower_ in self.hedge_words and t.i != tok.i:
                hedges.append(t.lower_)
        if modality in ("asserted",) and f.modality != "asserted":
            modality = f.modality
        f.modality = modality
        if modality in ("planned", "intended", "predicted") and any(
            c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "unless" for m in c.children)
            for c in tok.children
        ):
            f.ultimatum = True  # "will boycott the elections unless the president steps down"
        f.hedges = unique(hedges)

    def _certainty(self, f: _Found) -> float:
        value = self.base_certainty.get(f.modality, 1.0)
        for h in f.hedges:
            value *= self.hedge_words.get(h, 0.8)
        return round(max(0.0, min(1.0, value)), 3)

    # ------------------------------------------------------------------ time

    def _date_of(self, doc: Doc, tok: Token, times: list[TimeExpr]) -> TimeExpr | None:
        """The temporal expression governing the trigger's clause (not one inside another clause)."""
        if not times:
            return None
        by_token: dict[int, TimeExpr] = {}
        for t in times:
            span = doc.char_span(t.start, t.end, alignment_mode="expand")
            if span is not None:
                for tk in span:
                    by_token[tk.i] = t
        heads = [tok]
        if tok.dep_ in _OBJ + ("pobj",) and tok.head.pos_ in ("VERB", "AUX", "ADP"):
            heads.append(tok.head if tok.head.pos_ != "ADP" else tok.head.head)
        for head in heads:
            for t in head.subtree:
                if t.i in by_token and not _inside_clause(t, head):
                    return by_token[t.i]
        return None

    def _to_event(self, doc: Doc, f: _Found, on: dt.date | None) -> Event:
        code = self.lex.code(f.cameo)
        ptype = code.plover if code else None
        sent = f.trigger.sent
        date = date_value(f.date) if f.date else None
        background = False
        if f.date and on and f.date.finish:
            try:
                end = dt.date.fromisoformat(f.date.finish)
                background = (on - end).days >= self.background_days and f.modality in ("asserted", "reported")
            except ValueError:
                pass
        if date is None and on and f.modality in ("asserted", "reported", "negated"):
            date = DateValue(on.isoformat(), on.isoformat(), on.isoformat(), "day")
        key = f"{f.trigger.idx}:{f.cameo}:{','.join(f.source)}>{','.join(f.target)}"
        return Event(
            id="ev-" + hashlib.sha1(key.encode()).hexdigest()[:10],
            type=ptype or "UNCODED",
            cameo=f.cameo,
            source=f.source,
            target=f.target,
            modality=f.modality,
            certainty=self._certainty(f),
            date=date,
            evidence=Evidence(sent.text, sent.start_char, sent.end_char),
            mode=code.mode if code else None,
            trigger=f.trigger.text,
            intensity=self.lex.intensity.get(ptype or ""),
            goldstein=code.goldstein if code else None,
            hedges=f.hedges,
            reported_by=f.reported_by,
            background=background,
            plover_type="AGREE"
            if f.refrain
            else _plover_view(
                (code.view if code else None) or ptype,
                f.modality,
                f.ultimatum,
                investigation=f.cameo.startswith(_INVESTIGATE),
            ),
        )


def _plover_view(ptype: str | None, modality: str, ultimatum: bool = False, investigation: bool = False) -> str | None:
    """PLOVER's own convention: a promised or planned action is an AGREE (cooperation) or a THREATEN (hostility).

    Our ``type`` names the action and ``modality`` its status ("will purchase": COOPERATE, planned);
    PLOVER and CAMEO code the promise itself.  The gold-standard records follow PLOVER.  A promise on a
    condition the other side must meet ("will withdraw its force unless ...") is an ultimatum: THREATEN.
    An investigation announced ("police will investigate the shooting") is the investigation, no threat.
    """
    if ptype and ultimatum:
        return "THREATEN"
    if investigation and modality in ("planned", "intended"):
        return ptype
    if ptype and modality in ("planned", "intended") and ptype not in ("AGREE", "THREATEN"):
        return "THREATEN" if ptype in _HOSTILE else "AGREE"
    if ptype and modality == "negated" and ptype not in _HOSTILE and ptype != "REJECT":
        return "REJECT"  # "will not accept refugees", "declined to resign": a refusal
    return ptype


def _is_state_code(country: str | None) -> bool:
    """A state's three-letter code, not an international one (IGO, NGO, IMG)."""
    return country is not None and len(country) == 3 and country.isalpha() and country not in ("IGO", "NGO", "IMG")


def _depth(tok: Token) -> int:
    depth = 0
    while tok.head.i != tok.i and depth < 50:
        tok, depth = tok.head, depth + 1
    return depth


def lemma_past(lemma: str) -> str:
    return {"believe": "believed", "think": "thought"}.get(lemma, lemma)


def _is_speech(tok: Token, lex: Lexicon) -> bool:
    senses = lex.verbs.get(tok.lemma_.lower()) or []
    return any(s.speech for s in senses)


def _is_passive(tok: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children) or (
        tok.dep_ in ("acl", "relcl") and tok.tag_ == "VBN"
    )


# Verbs that say their complement did not happen: "failed to reach", "declined to resign".
_NEGATING = {"fail", "decline", "refuse", "neglect", "omit"}


def _negated(tok: Token) -> bool:
    if any(c.dep_ == "neg" for c in tok.children):
        return True
    if tok.dep_ == "xcomp":
        return any(c.dep_ == "neg" for c in tok.head.children) or tok.head.lemma_.lower() in _NEGATING
    return False


def _pobj(prep: Token) -> Token | None:
    return next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)


def _inside_clause(t: Token, top: Token) -> bool:
    """Whether ``t`` sits in a clause embedded below ``top``."""
    cur = t
    while cur.i != top.i and cur.head.i != cur.i:
        if cur.dep_ in _CLAUSE_DEPS:
            return True
        cur = cur.head
    return False


@Language.factory(
    "newsgraph_events",
    default_config={"lexicon": None},
    requires=["doc._.mentions", "token.dep"],
    assigns=["doc._.events"],
)
def make_event_coder(nlp: Language, name: str, lexicon: str | None) -> EventCoder:
    return EventCoder(nlp, name, lexicon)
