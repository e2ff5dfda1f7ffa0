"""Constants (dependency labels, marks, small word classes) and span helpers shared by the statements stage's steps."""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

OPEN_DOUBLE = "“„«"
CLOSE_DOUBLE = "”»"
QUOTE_CHARS = "\"“”„«»‘’'`"
# Dependency labels of clauses: a time or a cue inside one belongs to that clause, not to ours.
_CLAUSE_DEPS = {"ccomp", "xcomp", "advcl", "relcl", "acl", "conj", "parataxis", "pcomp", "csubj"}
_SUBJ = ("nsubj", "nsubjpass", "csubj", "expl")
_PUNCT_EDGE = set(",.;:!?—–-()[]") | {"--"}
_PERSONISH = ("PERSON", "PRON")
_SENT_END = (".", "!", "?", ";")
# A dash set off by spaces: what follows it is an aside ('X - a charge that might have stung').
_SPACED_DASH = re.compile(r"\s(?:--|-|—|–|―)\s")
# Conjunctions of a verb's adverbial clause of time, cause or condition ('described him as X when he
# ran'): the occasion of the speech act, not part of an object content.
_ADJUNCT_MARKS = {"when", "because", "while", "after", "before", "since", "until", "once", "as", "if"}
_TRAILING_CUTS = {"relcl", "advcl", "vbg"}
_CONTRAST_MARKS = {"although", "though", "while", "whereas", "even"}
_NOMINAL = ("NOUN", "PROPN", "ADJ", "PRON")
_TITLE_SMALL = {"a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "with", "by"}
_REOPEN = re.compile(r"\n\s*[\"“„«‘']")
_SENTENCE_STOP = re.compile(r"[.!?:;][\"”’'\)]*\s+")
# Children of a speech verb that may stand between it and the quotation it frames.
_PRE_DEPS = ("aux", "auxpass", "neg", "advmod", "npadvmod", "prep", "punct", "intj", "nsubj")
_POST_DEPS = _PRE_DEPS + ("dative", "dobj", "agent", "prt", "oprd")
# A non-restrictive modifier set off by a comma after an object ('Trump, who says ...'): the writer's aside.
_OBJECT_ASIDES = ("relcl", "appos")
# Prepositions of a verb's adjunct of time ('mentioned X since the debate'): not part of what was said.
_ADJUNCT_PREPS = ("since", "during", "until")
# Words that cannot be the subject of an impression ('there seems', 'makes him seem').
_NOT_SUBJECTS = {"there", "him", "her", "them", "me", "us"}


_STATEMENT_KINDS = ("speech", "according", "label", "signature")


def open_mark_width(text: str, start: int) -> int:
    """Characters of the opening mark of a quotation at ``start``: two for a doubled one ('' or ``)."""
    return 2 if text[start : start + 2] in ("''", "``") else 1


def close_mark_width(text: str, end: int) -> int:
    """Characters of the closing mark of a quotation ending at ``end`` (0 for a quotation left open)."""
    if end >= 2 and text[end - 2 : end] == "''":
        return 2
    return 1 if end >= 1 and text[end - 1] in QUOTE_CHARS else 0


# --------------------------------------------------------------------------- helpers


def _paragraphs(text: str) -> list[tuple[int, int]]:
    out = []
    pos = 0
    for para in text.split("\n"):
        if para.strip():
            out.append((pos, pos + len(para)))
        pos += len(para) + 1
    return out or [(0, len(text))]


def _strip(span: Span) -> Span:
    """A span without punctuation, conjunctions and spaces at its edges (quotation marks kept)."""
    doc = span.doc
    lo, hi = span.start, span.end
    while lo < hi and (doc[lo].is_space or doc[lo].text in _PUNCT_EDGE or doc[lo].dep_ == "cc" and lo == span.start):
        lo += 1
    while hi > lo and (doc[hi - 1].is_space or doc[hi - 1].text in _PUNCT_EDGE):
        hi -= 1
    return doc[lo:hi]


def _is_headline(para: str) -> bool:
    """A title-case line: most of its longer words capitalised."""
    words = [w for w in para.split() if len(w) > 3 and w[0].isalpha()]
    return len(para) < 200 and bool(words) and sum(w[0].isupper() for w in words) >= 0.6 * len(words)


def _merge_spans(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def _ends_sentence(text: str, i: int) -> bool:
    """Whether the text before ``i`` ends a sentence (a closing mark after the stop counts)."""
    before = text[:i].rstrip()
    while before and before[-1] in "”’\"'»":
        before = before[:-1]
    return not before or before[-1] in ".!?:"


def _only_punct(gap: str) -> bool:
    return all(ch in " ,\u00a0—–-:;" for ch in gap)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = min(a[1], b[1]) - max(a[0], b[0])
    if inter <= 0:
        return 0.0
    return inter / (max(a[1], b[1]) - min(a[0], b[0]))


def _inside_clause(t: Token, top: Token) -> bool:
    cur = t
    while cur.i != top.i and cur.head.i != cur.i:
        if cur.dep_ in _CLAUSE_DEPS and (cur.dep_ != "conj" or cur.pos_ in ("VERB", "AUX")):
            return True
        cur = cur.head
    return False


def _as_phrase(tok: Token) -> Token | None:
    """The 'as' phrase after a verb ('see X as Y', 'was treated as a crime'), or None."""
    return next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "as" and c.i > tok.i), None)


def _head_phrase(span: Span) -> str:
    root = span.root
    toks = [c for c in root.lefts if c.dep_ in ("compound", "amod", "det", "nummod", "poss") and c.i >= span.start]
    toks.append(root)
    lo = min(t.i for t in toks)
    return span.doc[lo : root.i + 1].text
