"""Contents: what a verb cue reports (its clausal complement, infinitive, object, host clause or quotation)."""

from __future__ import annotations

from spacy.tokens import Span, Token

from newsgraph.nlp.statements.quotes import _trim_right
from newsgraph.nlp.statements.spans import (
    _ADJUNCT_PREPS,
    _NOMINAL,
    _SPACED_DASH,
    QUOTE_CHARS,
    _merge_spans,
    _strip,
    open_mark_width,
)


class Contents:
    """The content of a verb frame, the frame left out."""

    def _content(
        self, v: Token, lemma: str, kind: str, passive: bool, subj: Span | None
    ) -> tuple[list[tuple[int, int]], str]:
        """The content of reported speech (character spans, in order), and how it was found."""
        lex = self.lex
        spans: list[tuple[int, int]] = []
        how = "clause"
        if passive:
            sp = next((c for c in v.children if c.dep_ == "nsubjpass"), None)
            if sp is not None and subj is not None:
                if sp.lower_ in lex.demonstratives and sp.pos_ in ("PRON", "DET"):
                    prev = self._previous_sentence(v.sent)
                    if prev is not None:
                        prev = self._trim_discourse(prev)
                        return [(prev.start_char, prev.end_char)], "previous"
                    return [], how
                np = self._np(sp)
                return [(np.start_char, np.end_char)], "object"
            preps = self.lex.object_prep.get(lemma, frozenset())
            prep = next((c for c in v.children if c.dep_ == "prep" and c.lower_ in preps), None)
            if sp is not None and prep is not None:
                if any(c.dep_ == "neg" for c in v.children):
                    return [], how  # 'has never been charged with a crime': nobody said it
                np, pp = self._np(sp), self._np(prep)
                return [(np.start_char, np.end_char), (pp.start_char + len(prep), pp.end_char)], "object"
            if sp is None and subj is not None:
                ccomp = [c for c in v.children if c.dep_ == "ccomp"]
                if ccomp:
                    spans += [self._clause(c) for c in ccomp]
            if not spans:
                return [], how
        else:
            ccomps = [c for c in v.children if c.dep_ == "ccomp" and not self._is_frame_np(c, subj)]
            for c in ccomps:
                if c.left_edge.i < v.i < c.i:
                    spans += self._extracted(v, c)
                else:
                    spans.append(self._clause(c, extend=c.i > v.i and kind == "speech"))
            if not spans:
                spans += self._that_clauses(v)
            if not spans and lemma in lex.object_prep:
                dobj = next((c for c in v.children if c.dep_ == "dobj"), None)
                prep = next((c for c in v.children if c.dep_ == "prep" and c.lower_ in lex.object_prep[lemma]), None)
                if dobj is not None and prep is not None and prep.i > dobj.i:
                    span = _strip(self.doc[dobj.left_edge.i : prep.right_edge.i + 1])
                    spans.append((span.start_char, span.end_char))
                    how = "object"
            if not spans and lemma in lex.predicative:
                oprds = [c for c in v.children if c.dep_ in ("oprd", "xcomp") and c.i > v.i]
                dobj = next((c for c in v.children if c.dep_ == "dobj" and c.i > v.i), None)
                # 'branded North Korea an "outlaw nation"': the parser's second object is the name given
                oprds += [c for c in v.children if c.dep_ == "dobj" and dobj is not None and c.i > dobj.i]
                firsts = [c for c in oprds + ([dobj] if dobj is not None else []) if c.pos_ in _NOMINAL]
                if oprds and firsts and (dobj is not None or len(oprds) > 1):
                    lo = min(c.left_edge.i for c in firsts)
                    hi = max(c.right_edge.i for c in oprds) + 1
                    # 'called him a master at bolting together ...': what the parser hung on the verb
                    # right after the name goes with it
                    for c in sorted(v.children, key=lambda c: c.i):
                        if c.dep_ == "prep" and c.left_edge.i == hi and c.lower_ not in _ADJUNCT_PREPS:
                            hi = c.right_edge.i + 1
                    tail = [
                        t.i + 1
                        for c in v.children
                        if c.dep_ == "advcl" and c.i > lo and self._cue_kind(c) is None  # not ', citing ...'
                        for t in c.subtree
                    ]
                    span = _strip(self.doc[lo : max([hi, *tail])])
                    spans.append((span.start_char, span.end_char))
                    how = "predicative"
            if not spans and lemma in lex.prep_content:
                preps = lex.prep_content[lemma]
                prep = next((c for c in v.children if c.dep_ == "prep" and c.lower_ in preps and c.i > v.i), None)
                pobj = next((g for g in prep.children if g.dep_ in ("pobj", "pcomp")), None) if prep else None
                if pobj is not None:
                    np = self._np(pobj)
                    if lemma == "call" and any(c.dep_ in ("xcomp", "advcl") for c in pobj.children):
                        np = _strip(self.doc[pobj.left_edge.i : pobj.right_edge.i + 1])
                    inf = next(
                        (
                            c
                            for c in v.children
                            if c.dep_ == "xcomp"
                            and c.left_edge.i == np.end
                            and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)
                        ),
                        None,
                    )
                    if inf is not None:
                        # 'called for contestants to wear ...': the infinitive the parser hung on the verb
                        np = _strip(self.doc[np.start : inf.right_edge.i + 1])
                    spans.append((np.start_char, np.end_char))
                    how = "prep"
                mark = next(
                    (
                        c
                        for c in v.children
                        if prep is None
                        and c.dep_ == "advcl"
                        and c.i > v.i
                        and c.left_edge.lower_ in preps
                        and any(g.dep_ == "mark" and g.i == c.left_edge.i for g in c.children)
                    ),
                    None,
                )
                if mark is not None and not spans:
                    # "called for the embargo to be lifted": the parser made the preposition the mark of a clause
                    span = _strip(self.doc[mark.left_edge.i + 1 : mark.right_edge.i + 1])
                    spans.append((span.start_char, span.end_char))
                    how = "prep"
            if not spans and (lemma in lex.infinitive or kind == "attitude"):
                xcomp = next((c for c in v.children if c.dep_ == "xcomp" and c.i > v.i), None)
                if xcomp is not None and any(c.dep_ == "aux" and c.lower_ == "to" for c in xcomp.children):
                    lo, hi = self._clause(xcomp)
                    hi = self._infinitive_conjuncts(v, xcomp, hi)
                    # 'urged Congress to act': the one urged is part of what was urged
                    obj = next((c for c in v.children if c.dep_ == "dobj" and v.i < c.i < xcomp.i), None)
                    if obj is not None and self.in_quote[obj.i] < 0:
                        lo = min(lo, obj.left_edge.idx)
                    spans.append((lo, hi))
                    how = "infinitive"
            if not spans and lemma in lex.regard_as and lemma not in lex.object:
                # 'critics see the program as an easier way to ...': the object and what it is seen as
                dobj = next((c for c in v.children if c.dep_ == "dobj" and c.i > v.i), None)
                if dobj is not None and dobj.lower_ not in ("what", "which") and self.in_quote[dobj.i] < 0:
                    spans.append(self._object_phrase(v, dobj))
                    how = "object"
            if not spans and lemma in lex.object:
                dobj = next((c for c in v.children if c.dep_ == "dobj"), None)
                # a pronoun object after the verb ('cited it as ...'), not a relative one before it
                pron_ok = dobj is not None and dobj.i > v.i and dobj.tag_ not in ("WP", "WDT")
                if (
                    dobj is not None
                    and (self.in_quote[dobj.i] < 0 or self._quote_leads(dobj))
                    and (dobj.pos_ != "PRON" or pron_ok)
                ):
                    spans.append(self._object_phrase(v, dobj))
                    how = "object"
                elif dobj is None:
                    # 'proposed dropping carried interest': a gerund stands for the object
                    ger = next(
                        (c for c in v.children if c.dep_ in ("xcomp", "pcomp") and c.tag_ == "VBG" and c.i > v.i), None
                    )
                    if ger is not None and self.in_quote[ger.i] < 0:
                        spans.append(self._clause(ger))
                        how = "object"
            if spans and how in ("object", "prep", "clause"):
                spans[-1] = (spans[-1][0], self._verb_conjuncts(v, spans[-1][1]))
            if not spans and kind == "speech":
                spans += self._host_clause(v)
                how = "parenthetical"
        # the parser's clause may run into the next paragraph; reported speech stays in its own
        ps, pe = self.paras[self.para_of(v.idx)]
        out = []
        for start, end in sorted(spans):
            start, end = max(start, ps), min(end, pe)
            for q in self._quotes_between(start, end):
                before = self.text[start : self.quotes[q].start].rstrip().rstrip("”’\"'»")
                if self.quotes[q].start > start and before.endswith((".", "!", "?")):
                    # '... be a boon for tax lawyers. ''There's ...,'' said X': a quotation opening the next
                    # sentence is not the end of this one, wherever the parser put the sentence break
                    cut = _trim_right(self.text, self.quotes[q].start)
                    while cut > start and self.text[cut - 1] in ".!? ":
                        cut -= 1
                    end = min(end, cut)
                    break
            # a partial quotation that opens inside the content closes after the parser's clause ends
            start, end = self._close_quotes(start, end)
            if how in ("object", "predicative", "prep", "infinitive"):
                end = self._trailing_dash(start, end)
            if end > start:
                out.append((start, end))
        return _merge_spans(out), how

    def _trailing_dash(self, start: int, end: int) -> int:
        """A content less a trailing aside set off by one dash ('likened the rules to "burning the
        Constitution" - a charge that might have stung'): the writer's gloss, not what was said.  A dash
        pair ('X -- an aside -- Y') and dashes inside quotations stay."""
        dashes = [m for m in _SPACED_DASH.finditer(self.text, start, end)]
        if len(dashes) != 1:
            return end
        m = dashes[0]
        if any(self.quotes[q].start < m.start() < self.quotes[q].end for q in self._quotes_between(start, end)):
            return end
        cut = _trim_right(self.text, m.start())
        return cut if cut > start else end

    def _scare_quoted(self, span: tuple[int, int]) -> bool:
        """Whether a phrase opens with a quotation of a word or two that modifies what follows it
        ('"quack" medical cures'), the phrase's head outside the marks."""
        qs = self._quotes_between(*span)
        if not qs or self.quotes[qs[0]].start != span[0]:
            return False
        quote = self.quotes[qs[0]]
        words = self.text[quote.start : quote.end].strip(QUOTE_CHARS + " ,.").split()
        rest = self.text[quote.end : span[1]].strip()
        return 0 < len(words) <= 2 and bool(rest) and rest[:1].isalnum()

    def _quote_leads(self, tok: Token) -> bool:
        """Whether ``tok``'s phrase opens with a quotation and goes on after it ('claimed "Trump
        exaggerates" the level of ...'): a partial quotation, not the whole object."""
        q = self.in_quote[tok.i]
        if q < 0:
            return False
        quote = self.quotes[q]
        inner = quote.start + open_mark_width(self.text, quote.start)
        return quote.start <= tok.left_edge.idx <= inner and tok.right_edge.idx >= quote.end

    def _extracted(self, v: Token, c: Token) -> list[tuple[int, int]]:
        """'what Trump says his plan would do': a wh-word moved out of the clause before the verb and
        its subject; the content is the wh-word and the clause after the verb."""
        own = {t.i for t in c.subtree}
        k = c.left_edge.i
        while k < v.i and k in own:
            k += 1
        first = _strip(self.doc[c.left_edge.i : k])
        lo, hi = self._clause(c)
        lo = max(lo, v.idx + len(v))
        out = [(first.start_char, first.end_char)] if len(first) else []
        rest = self.doc.char_span(lo, hi, alignment_mode="expand")
        if rest is not None:
            rest = _strip(rest)
            if len(rest):
                out.append((rest.start_char, rest.end_char))
        return out

    def _is_frame_np(self, c: Token, subj: Span | None) -> bool:
        return subj is not None and subj.start <= c.i < subj.end
