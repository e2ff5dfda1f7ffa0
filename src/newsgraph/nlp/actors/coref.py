"""Coreference: pronouns and "the two countries", "the alliance" to the last compatible actors.

A personal pronoun goes to a person of its gender (the knowledge base's, or an
honorific's: "Mr", "Mrs") among those of its own and the two sentences before,
by salience: the subject of a "he said" continues the last speaker (the subject
of a verb of saying), another subject the last subject; otherwise, and when
the window holds nobody, the last person named.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from newsgraph.kb.base import fold
from newsgraph.nlp.actors.common import (
    _GROUP_NOUNS,
    _GROUP_RE,
    _NUMBERS,
    _PRONOUNS,
    _SINGULAR_NOUNS,
    _SINGULAR_RE,
    Resolved,
    _Cand,
)
from newsgraph.nlp.common import doc_date


class Coreference:
    """Methods of :class:`~newsgraph.nlp.actors.component.ActorResolver` (coref)."""

    def _coreference(self, doc: Doc, cands: list[_Cand]) -> list[_Cand]:
        out: list[_Cand] = []
        # places are where, not who ("Russia and China met in Tokyo. The two countries ...")
        resolved = [c for c in cands if c.resolved and c.out_label not in ("NORP", "LOC")]
        for tok in doc:
            gender = _PRONOUNS.get(tok.lower_)
            if gender is None or tok.pos_ != "PRON":
                continue
            before = [
                c
                for c in resolved
                if c.end <= tok.i
                and len(c.resolved) == 1
                and c.resolved[0].kind == "person"
                and (c.resolved[0].gender or self._honorific_gender(doc, c)) in (None, gender)
            ]
            if before:
                out.append(_Cand(tok.i, tok.i + 1, "pronoun", None, [self._antecedent(doc, tok, before)], "PRON"))
        for rx, table in ((_GROUP_RE, _GROUP_NOUNS), (_SINGULAR_RE, _SINGULAR_NOUNS)):
            for m in rx.finditer(doc.text):
                span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
                if span is None:
                    continue
                if any(c.start < span.end and span.start < c.end for c in resolved):
                    continue  # words of a name the knowledge base resolved ("the Islamic State")
                if (m.groupdict().get("modified") or (rx is _GROUP_RE and m.group("num"))) and not _modifies(span):
                    continue  # "the secretary of state": no modifier of the noun
                word = m.group("noun") or m.groupdict().get("deictic") or m.groupdict().get("modified") or ""
                kinds = table[word.lower()]
                n = _NUMBERS.get((m.groupdict().get("num") or "").lower(), 0)
                if rx is _GROUP_RE and n == 0:
                    n = 2 if m.group(0).lower().startswith("both") else 0
                if rx is _SINGULAR_RE:
                    n = 1
                if n == 0:
                    continue
                picked: list[Resolved] = []
                # "China has criticised the two countries": not the subject of the anaphor's own verb
                before = [c for c in resolved if c.end <= span.start and not _coargument(doc, c, span)]
                for c in reversed(before):
                    for r in c.resolved:
                        if r.kind == "state" and r.sector and r.country and self.kb.state(r.country) is not None:
                            # "Aruban soldiers ... the island nation": the state whose agent it is
                            r = self._from_entry(self.kb.state(r.country), doc_date(doc))
                        if r.kind in kinds and r.id not in {p.id for p in picked}:
                            picked.append(r)
                    if len(picked) >= n:
                        break
                if len(picked) >= n:
                    picked = list(reversed(picked[:n]))
                    out.append(_Cand(span.start, span.end, "group", None, picked, "COREF"))
        out += self._compass_states(doc, cands)
        self._collective_members(doc, cands)
        return out

    def _compass_states(self, doc: Doc, cands: list[_Cand]) -> list[_Cand]:
        """ "the North", "the South" after a state whose name begins so ("North Korea ... South Korea accused the
        North", "South Sudan ... the South"): the last such state named before."""
        out: list[_Cand] = []
        for m in _COMPASS_RE.finditer(doc.text):
            span = doc.char_span(m.start("word"), m.end("word"), alignment_mode="expand")
            if span is None or any(c.start < span.end and span.start < c.end and c.resolved for c in cands):
                continue
            word = m.group("word").lower()
            for c in reversed([c for c in cands if c.end <= span.start and len(c.resolved) == 1]):
                r = c.resolved[0]
                if r.kind == "state" and not r.sector and fold(r.name).startswith(word + " "):
                    out.append(_Cand(span.start, span.end, "group", None, [r], "COREF"))
                    break
        return out

    def _collective_members(self, doc: Doc, cands: list[_Cand]) -> None:
        """A collective with members ("the West": NATO's and the EU's states) stands for the member states
        named in its own and the two sentences before ("The United States and Britain imposed sanctions on
        Russia. The Kremlin accused the West"), not counting its clause's own subject; with none, it stays."""
        on = doc_date(doc)
        for cand in cands:
            if len(cand.resolved) != 1 or cand.resolved[0].kind != "group":
                continue
            entry = self.kb.entries.get(cand.resolved[0].id)
            if entry is None or not entry.within:
                continue
            members = {c for org in entry.within if org in self.kb.entries for c in self.kb.entries[org].members_on(on)}
            span = doc[cand.start : cand.end]
            window = span.sent.start
            for _ in range(2):
                if window > 0:
                    window = doc[window - 1].sent.start
            named: dict[str, Resolved] = {}
            for c in cands:
                if not (window <= c.start and c.end <= cand.start) or _coargument(doc, c, span):
                    continue
                for r in c.resolved:
                    if r.kind == "state" and not r.sector and r.country in members:
                        named.setdefault(r.country, r)
            if named:
                cand.resolved = list(named.values())

    def _antecedent(self, doc: Doc, tok: Token, before: list[_Cand]) -> Resolved:
        window_start = tok.sent.start
        for _ in range(2):  # the two sentences before
            if window_start > 0:
                window_start = doc[window_start - 1].sent.start
        near = [c for c in before if c.start >= window_start]
        if not near:
            return before[-1].resolved[0]
        verbs = self.rules["speech_verbs"]
        if tok.dep_ in ("nsubj", "nsubjpass"):
            if fold(tok.head.lemma_) in verbs:
                speakers = [c for c in near if _subject_of(doc, c, verbs)]
                if speakers:
                    return speakers[-1].resolved[0]
            subjects = [c for c in near if _subject_of(doc, c, None)]
            if subjects:
                return subjects[-1].resolved[0]
        return near[-1].resolved[0]

    def _honorific_gender(self, doc: Doc, cand: _Cand) -> str | None:
        if cand.start == 0:
            return None
        return {"mr": "m", "mrs": "f", "ms": "f", "miss": "f", "madam": "f", "sir": "m"}.get(
            doc[cand.start - 1].lower_.rstrip(".")
        )


def _subject_of(doc: Doc, cand: _Cand, verbs: frozenset[str] | None) -> bool:
    """The mention heads (or stands in apposition to) a subject, of a verb of saying when ``verbs`` is given."""
    root = doc[cand.start : cand.end].root
    while root.dep_ in ("appos", "compound") and root.head.i != root.i:
        root = root.head  # "An army spokesman, Colonel Sani Usman, told ..."
    if root.dep_ not in ("nsubj", "nsubjpass"):
        return False
    return verbs is None or fold(root.head.lemma_) in verbs


# "the North", "the North's leader"; not "the North Atlantic", "the South China Sea", "the north of the country"
_COMPASS_RE = re.compile(r"\b[Tt]he\s+(?P<word>North|South)\b(?!\s+[A-Z])(?!-)")


# Modifiers that make a description of a noun phrase rather than a mention of something named before.
_DESCRIBING = frozenset({"only", "first", "last", "same", "other", "next", "whole", "entire", "sole", "single", "new"})


def _modifies(span) -> bool:
    """The words between the determiner (and number) and the noun are its modifiers ("the oil-rich kingdom",
    "the two Asian powers"), not a phrase of another noun ("the secretary of state")."""
    words = [t for t in span[1:-1] if t.lower_ not in _NUMBERS]
    inside = range(span.start, span.end)
    noun = span[-1]
    if noun.dep_ in ("attr", "oprd") or any(c.dep_ in ("relcl", "acl") for c in noun.children):
        return False  # a description, not a mention: "considered the only country that can rein it in"
    if any(t.lower_ in _DESCRIBING for t in words):
        return False
    return span.root.i == noun.i and all(
        t.pos_ not in ("ADP", "DET", "CCONJ", "SCONJ", "PRON", "AUX", "PART") and t.head.i in inside for t in words
    )


def _coargument(doc: Doc, cand: _Cand, span) -> bool:
    """The mention is the subject of the verb whose object (or prepositional object) the anaphor is."""
    if span.root.dep_ in ("nsubj", "nsubjpass"):
        return False  # "Japan and South Korea agreed ..., and the two countries will hold talks"
    root = doc[cand.start : cand.end].root
    while root.dep_ in ("conj", "appos", "compound") and root.head.i != root.i:
        root = root.head
    if root.dep_ not in ("nsubj", "nsubjpass"):
        return False
    verb = span.root.head
    while verb.dep_ == "prep" or (verb.dep_ == "pobj" and verb.head.i != verb.i):
        verb = verb.head
    return root.head.i == verb.i or (verb.dep_ in ("xcomp", "conj") and root.head.i == verb.head.i)
