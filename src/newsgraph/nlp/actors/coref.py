"""Coreference: pronouns and "the two countries", "the alliance" to the last compatible actors."""

from __future__ import annotations

from spacy.tokens import Doc

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


class Coreference:
    """Methods of :class:`~newsgraph.nlp.actors.component.ActorResolver` (coref)."""

    def _coreference(self, doc: Doc, cands: list[_Cand]) -> list[_Cand]:
        out: list[_Cand] = []
        resolved = [c for c in cands if c.resolved and c.out_label != "NORP"]
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
                and c.resolved[0].gender in (None, gender)
            ]
            if before:
                out.append(_Cand(tok.i, tok.i + 1, "pronoun", None, [before[-1].resolved[0]], "PRON"))
        for rx, table in ((_GROUP_RE, _GROUP_NOUNS), (_SINGULAR_RE, _SINGULAR_NOUNS)):
            for m in rx.finditer(doc.text):
                span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
                if span is None:
                    continue
                kinds = table[(m.group("noun") or m.groupdict().get("deictic") or "").lower()]
                n = _NUMBERS.get((m.groupdict().get("num") or "").lower(), 0)
                if rx is _GROUP_RE and n == 0:
                    n = 2 if m.group(0).lower().startswith("both") else 0
                if rx is _SINGULAR_RE:
                    n = 1
                if n == 0:
                    continue
                picked: list[Resolved] = []
                for c in reversed([c for c in resolved if c.end <= span.start]):
                    for r in c.resolved:
                        if r.kind in kinds and r.id not in {p.id for p in picked}:
                            picked.append(r)
                    if len(picked) >= n:
                        break
                if len(picked) >= n:
                    picked = list(reversed(picked[:n]))
                    out.append(_Cand(span.start, span.end, "group", None, picked, "COREF"))
        return out
