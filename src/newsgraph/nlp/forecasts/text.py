"""Token helpers of the forecast tagger: negation, phrases, verb forms, lists of names."""

from __future__ import annotations

from spacy.tokens import Token

from newsgraph.nlp.common import unique


def _negated(tok: Token) -> bool:
    return any(c.dep_ == "neg" for c in tok.children)


def _phrase(tok: Token) -> list[Token]:
    """A noun phrase without its clauses, appositions and trailing punctuation."""
    drop = {"relcl", "acl", "appos", "punct"}
    skip: set[int] = set()
    for c in tok.children:
        if c.dep_ in drop:
            skip |= {t.i for t in c.subtree}
    return [t for t in tok.subtree if t.i not in skip]


def _subject_text(verb: Token) -> str:
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return _text(_phrase(subj)) if subj is not None else ""


def _text(tokens: list[Token]) -> str:
    return "".join(t.text_with_ws for t in tokens).strip()


def _third_person(lemma: str) -> str:
    if not lemma or " " in lemma:
        return lemma
    if lemma == "be":
        return "is"
    if lemma == "have":
        return "has"
    if lemma.endswith("y") and len(lemma) > 1 and lemma[-2] not in "aeiou":
        return lemma[:-1] + "ies"
    if lemma.endswith(("s", "sh", "ch", "x", "z", "o")):
        return lemma + "es"
    return lemma + "s"


def _join(names: list[str]) -> str:
    names = unique([n for n in names if n])
    if len(names) <= 1:
        return names[0] if names else ""
    return ", ".join(names[:-1]) + " and " + names[-1]
