"""Dependency labels, word classes and parse helpers the event steps share, and the event in the making."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from spacy.tokens import Token

from newsgraph.model import TimeExpr
from newsgraph.nlp.events.lexicon import Sense

if TYPE_CHECKING:
    from newsgraph.nlp.events.lexicon import Lexicon


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
    "ACCUSE": ("of", "against", "on", "at"),
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
# Acts only a state performs (bans, curfews, arrests, deportations, expulsions, refusing entry, visas or
# permission): with no agent named, their source is the state of the place where they happen.
_STATE_ACTS = ("172", "173", "174", "166", "1245")
# Light verbs of undergoing: the nominal's doer is its from- or by-phrase and the subject is its target
# ("the United States faced criticism from China", "drew condemnation from the EU").
_UNDERGO = {"face", "receive", "suffer", "draw", "attract", "endure", "incur", "weather"}
_THREAT_CAMEO = {"ASSAULT": "138", "COERCE": "137", "SANCTION": "131", "MOBILIZE": "138", "PROTEST": "130"}


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
    refusal: bool = False  # a negated act coded as its refusal ("will not accept"): the refusal is stated now
    unresolved: bool = False  # the source is an agent the knowledge base does not know
    story: bool = False  # a nominal mention of an act the story coded before, by its doer ("a test in January")


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


# Verbs and adjectives that say their complement did not happen: "failed to reach", "declined to resign",
# "were unable to agree", "made it impossible for the EU to approve".
_NEGATING = {
    "fail",
    "decline",
    "refuse",
    "neglect",
    "omit",
    "unable",
    "impossible",
    # reluctance: the act is not done (nor, by itself, refused): "have been reluctant to detain suspects"
    "reluctant",
    "unwilling",
    "loath",
    "loth",
    "hesitant",
}
# Prepositions of place: an actor named in their phrase says where something happened, not to whom.
# CAMEO codes of reactions to what someone did: praise, verbal defence (051, 052) and disapproval (11x).
# A demand (10x) for something in a place is asked of that place ("sought refuge in Germany").
_VERBAL = ("051", "052", "11")
# CAMEO: mediating (045), between others by definition.
_MEDIATION = "045"
_LOCATIVE = ("in", "at", "near", "inside", "outside", "across", "throughout", "within", "around")


def _has_neg(tok: Token) -> bool:
    """A negation on the verb or its auxiliaries ("will never accept", parsed "never" under "will"), or on
    the copula of a predicative adjective ("is not ready to", "are not able to")."""
    if any(c.dep_ == "neg" for c in tok.children):
        return True
    if any(c.dep_ == "neg" for a in tok.children if a.dep_ in ("aux", "auxpass") for c in a.children):
        return True
    return tok.pos_ == "ADJ" and tok.dep_ == "acomp" and any(c.dep_ == "neg" for c in tok.head.children)


def _negated(tok: Token) -> bool:
    if _has_neg(tok):
        return True
    head = tok.head
    if (
        tok.dep_ == "conj"
        and head.lemma_.lower() == "do"
        and any(c.dep_ == "neg" for c in head.children)
        and not any(c.dep_ in ("dobj", "xcomp", "ccomp") for c in head.children)
    ):
        return True  # "does not, and never will, accept ...": the verb shared by both halves
    infinitive = tok.dep_ == "xcomp" or (
        tok.dep_ == "advcl" and head.pos_ == "ADJ" and any(c.dep_ == "mark" and c.lower_ == "for" for c in tok.children)
    )
    if infinitive:
        if _has_neg(head) or head.lemma_.lower() in _NEGATING:
            return True
        return _not_yet(tok)
    return False


def _not_yet(tok: Token) -> bool:
    """ "have yet to agree", "is yet to be approved": not done so far (no refusal either)."""
    head = tok.head
    return (
        tok.dep_ == "xcomp"
        and head.lemma_.lower() in ("have", "be")
        and any(c.dep_ == "advmod" and c.lower_ == "yet" for c in head.children)
    )


def _locative(t: Token, top: Token) -> bool:
    """Whether ``t`` sits in a place phrase ("in South Sudan", "at the border") below ``top``."""
    cur = t
    while cur.i != top.i and cur.head.i != cur.i:
        if cur.dep_ == "pobj" and cur.head.lower_ in _LOCATIVE:
            return True
        cur = cur.head
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
