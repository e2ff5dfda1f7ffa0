"""Clause extents: where a reported clause, an object phrase or an infinitive a cue governs begins and ends."""

from __future__ import annotations

from spacy.tokens import Span, Token

from newsgraph.nlp.statements.spans import (
    _ADJUNCT_MARKS,
    _ADJUNCT_PREPS,
    _CONTRAST_MARKS,
    _OBJECT_ASIDES,
    _SUBJ,
    _TRAILING_CUTS,
    _strip,
)


class Clauses:
    """The token extent of what a cue's clause, object or infinitive says."""

    def _clause(self, tok: Token, extend: bool = False) -> tuple[int, int]:
        """A clause's span, ending before what belongs to another frame or to the writer: a coordinated
        cue verb ('... and warned ...'), a participle cue (', citing ...'), a semicolon, a trailing
        apposition ('AUKUS, a regional security pact first announced ...')."""
        doc = self.doc
        lo, hi = tok.left_edge.i, tok.right_edge.i + 1
        for c in tok.subtree:
            if c.text == ";" and self.in_quote[c.i] < 0 and lo < c.i < hi:
                hi = c.i  # a semicolon ends the content, wherever the parser hung the rest
                continue
            if c.i <= tok.i or c.i >= hi:
                continue
            cut = None
            if (
                c.dep_ == "conj"
                and c.head.i == tok.i
                and self._cue_kind(c) is not None
                and c.tag_ != "VB"
                and any(g.dep_ == "ccomp" for g in c.children)
            ):
                # '... and said she would ...', '... and how experts say it would ...': a coordinated cue
                # with a clause of its own is another frame, with or without a subject of its own ('he
                # posed a threat and refused to drop the gun' is one content)
                cut = c.left_edge.i
                while cut > lo and doc[cut - 1].dep_ in ("cc", "punct"):
                    cut -= 1
            elif (
                c.dep_ == "conj"
                and c.head.i == tok.i
                and tok.tag_ == "VB"
                and any(g.dep_ == "aux" and g.tag_ == "MD" for g in tok.children)
                and c.tag_ in ("VBD", "VBZ")
                and not any(g.dep_ in _SUBJ or g.dep_ == "aux" for g in c.children)
            ):
                # 'he would order a review and warned against hackers': a finite verb coordinated with
                # a modal's infinitive goes with the speech verb, not with the content
                cut = c.left_edge.i
                while cut > lo and doc[cut - 1].dep_ in ("cc", "punct"):
                    cut -= 1
            elif c.dep_ == "advcl" and c.tag_ == "VBG" and self._cue_kind(c) is not None and c.i > tok.i:
                cut = c.left_edge.i
            elif self._relay_clause(c):
                # ', as quoted by Le Monde and reported by Reuters': the way the words came, not the words
                cut = c.left_edge.i
                while cut > lo and doc[cut - 1].dep_ in ("cc", "punct"):
                    cut -= 1
            elif (
                _TRAILING_CUTS
                and c.i > tok.i
                and doc[c.left_edge.i - 1].text == ","
                and c.right_edge.i + 1 >= hi
                and (
                    (c.dep_ == "relcl" and c.left_edge.lower_ in ("which", "who") and "relcl" in _TRAILING_CUTS)
                    or (
                        c.dep_ == "advcl"
                        and "advcl" in _TRAILING_CUTS
                        and any(g.dep_ == "mark" and g.lower_ in _CONTRAST_MARKS for g in c.children)
                    )
                    or (c.dep_ in ("advcl", "acl") and c.tag_ == "VBG" and "vbg" in _TRAILING_CUTS)
                )
            ):
                cut = c.left_edge.i - 1
            elif c.dep_ == "appos" and c.right_edge.i + 1 >= hi and c.pos_ in ("NOUN", "ADJ") and c.i > tok.i:
                first = c.left_edge
                if first.pos_ == "DET" and first.i > lo and doc[first.i - 1].text == ",":
                    cut = first.i
            if cut is not None and cut > lo:
                hi = min(hi, cut)
        if extend and hi == tok.right_edge.i + 1:
            hi = self._sentence_tail(tok, hi)
        span = _strip(doc[lo:hi])
        return span.start_char, span.end_char

    def _sentence_tail(self, tok: Token, hi: int) -> int:
        """Reported speech runs to the end of its sentence ('said it would be "improper" for him to
        speak on ...', where the parser hung the rest on the verb), up to another frame."""
        doc = self.doc
        end = tok.sent.end
        # what the speech verb coordinates ('..., and nobody disagreed') is not its content
        verb = tok.head
        other = {t.i for c in verb.children if c.dep_ in ("conj", "cc") and c.i > tok.i for t in c.subtree}
        j = hi
        while j < end:
            t = doc[j]
            if "\n" in t.text or t.text == ";" or t.lower_ in ("according", "adding", "citing", "saying"):
                break
            if t.i in other:
                while j > hi and doc[j - 1].is_punct:
                    j -= 1
                break
            if self._cue_kind(t) is not None and self.in_quote[t.i] < 0:
                # another frame: its subject before it is not ours either
                k = j
                while k > hi and doc[k - 1].dep_ in ("nsubj", "compound", "det", "amod", "poss", "case", "aux"):
                    k -= 1
                j = k
                break
            j += 1
        return j

    def _object_phrase(self, v: Token, dobj: Token) -> tuple[int, int]:
        """The object and what the verb says of it after it ('cited the election as a reason to ...'),
        up to a comma, a coordinated verb or another frame.  The writer's asides on the object ('the
        bill, which critics call ...', 'Trump, who says ...') and the verb's adjuncts of time ('since
        the debate') are not what was said."""
        doc = self.doc
        hi = dobj.right_edge.i + 1
        for c in dobj.subtree:
            if (
                c.i > dobj.i
                and c.dep_ in _OBJECT_ASIDES
                and c.left_edge.i - 1 > dobj.i
                and doc[c.left_edge.i - 1].text in (",", "--", "—", "(")
            ):
                hi = min(hi, c.left_edge.i - 1)
        for c in v.children:
            if c.i <= dobj.i or c.dep_ not in ("prep", "advcl", "xcomp", "oprd", "npadvmod", "ccomp"):
                continue
            if c.dep_ == "prep" and c.lower_ in _ADJUNCT_PREPS:
                break
            if any(doc[k].text in (",", ";") or "\n" in doc[k].text for k in range(hi, c.left_edge.i)):
                break
            if self._cue_kind(c) is not None:
                break
            if c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in _ADJUNCT_MARKS for g in c.children):
                break
            if (
                c.dep_ in ("prep", "npadvmod")
                and self._is_date_phrase(c)
                and not any(g.i > c.i and g.dep_ in ("xcomp", "ccomp", "oprd", "advcl") for g in v.children)
            ):
                break  # 'rejected that argument in July': the occasion, unless what was said goes on after it
            hi = max(hi, c.right_edge.i + 1)
        for k in range(dobj.i + 1, hi):
            # 'criticized the law as a "crazy system" during a campaign stop': the occasion, wherever the
            # parser hung it
            if doc[k].dep_ == "prep" and doc[k].lower_ in _ADJUNCT_PREPS and self.in_quote[k] < 0:
                hi = k
                break
        span = _strip(doc[dobj.left_edge.i : hi])
        return span.start_char, span.end_char

    def _infinitive_conjuncts(self, v: Token, xcomp: Token, hi: int) -> int:
        """'wants to triple X, grow Y and create Z', 'declined to threaten Moscow or declare ...': bare
        verbs the parser coordinated with the cue verb instead of its infinitive go on with the
        infinitive.  A finite verb ('... and established a policy') is the cue verb's own."""
        for c in v.children:
            if (
                c.dep_ == "conj"
                and c.i > xcomp.i
                and c.tag_ in ("VB", "VBP")
                and self.in_quote[c.i] < 0
                and not any(g.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for g in c.children)
            ):
                hi = max(hi, self._clause(c)[1])
        return hi

    def _verb_conjuncts(self, v: Token, end: int) -> int:
        """'mentioned refinancing student loans and forcing universities to ...', 'talked about reform
        and passing gun control', 'said she wanted to speak to voters and let them know ...': a verb of
        another form than the cue, with no subject of its own, that the parser coordinated with the cue
        verb goes on with its object or clause (a verb of the cue's own form is the speaker's next act)."""
        for c in v.children:
            if (
                c.dep_ == "conj"
                and c.idx >= end
                and c.tag_ in ("VB", "VBP", "VBG")
                and c.tag_ != v.tag_
                and self.in_quote[c.i] < 0
                and self._cue_kind(c) is None
                and not any(g.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for g in c.children)
            ):
                end = max(end, self._clause(c)[1])
        return end

    def _is_date_phrase(self, c: Token) -> bool:
        """'in July', 'Wednesday', 'on Friday': a phrase that is a date or time (the occasion)."""
        head = c if c.dep_ == "npadvmod" else next((g for g in c.children if g.dep_ == "pobj"), None)
        return head is not None and head.ent_type_ in ("DATE", "TIME") and self.in_quote[head.i] < 0

    def _trim_discourse(self, span: Span) -> Span:
        """A sentence less its opening connective ('On the other hand, NATO ...')."""
        root = span.root
        for c in root.children:
            if c.i >= root.i or c.dep_ not in ("prep", "advmod") or c.left_edge.i != span.start:
                continue
            nxt = c.right_edge.i + 1
            if nxt < span.end and span.doc[nxt].text == ",":
                return _strip(span.doc[nxt + 1 : span.end])
        return span

    def _that_clauses(self, v: Token) -> list[tuple[int, int]]:
        """A that-clause the parser hung below the verb's adjuncts ("said at the time that ...")."""
        out = []
        for prep in (c for c in v.children if c.dep_ in ("prep", "npadvmod") and c.i > v.i):
            for t in prep.subtree:
                if t.dep_ in ("relcl", "acl", "ccomp") and t.i > prep.i:
                    that = next((d for d in self.doc[prep.i : t.i] if d.lower_ == "that"), None)
                    # 'railed against provisions that pock the tax code': a relative 'that' is no complementizer
                    if that is not None and any(c.dep_ in _SUBJ and c.i != that.i for c in t.children):
                        span = _strip(self.doc[that.i : max(t.right_edge.i, v.right_edge.i) + 1])
                        out.append((span.start_char, span.end_char))
                        return out
        return out

    def _host_clause(self, v: Token) -> list[tuple[int, int]]:
        """'..., sources said' / 'The museum, Mr. Obama said, would ...': the verb is a parenthetical
        of the clause around it, which is the content (less the frame)."""
        h = v.head
        if v.dep_ not in ("ccomp", "parataxis", "advcl", "conj") or h.i == v.i:
            return []
        if h.pos_ not in ("VERB", "AUX") or self._cue_kind(h) == "speech":
            return []
        if not any(c.dep_ == "nsubj" for c in v.children):
            return []
        if any(c.dep_ == "dobj" and c.pos_ in ("NOUN", "PROPN") for c in v.children):
            return []  # 'crackdowns could add fuel to the tensions': a verb with an object of its own
        if h.i > v.i and v.dep_ != "parataxis":
            return []
        frame_lo, frame_hi = v.left_edge.i, v.right_edge.i + 1
        k = frame_lo - 1
        while k > h.left_edge.i and self.doc[k].is_punct:
            k -= 1
        if self.doc[k].dep_ == "cc" or self.doc[frame_lo].dep_ == "cc":
            return []  # '..., and Republicans continue ...': a coordinated clause, not a parenthetical
        if h.i < v.i:
            # the frame runs to the end of the verb's own words, not beyond
            frame_hi = max([v.i + 1] + [t.i + 1 for c in v.children if c.dep_ != "punct" for t in c.subtree])
        out = []
        for lo, hi in ((h.left_edge.i, frame_lo), (frame_hi, h.right_edge.i + 1)):
            if hi > lo:
                span = _strip(self.doc[lo:hi])
                if len(span) >= 2 and any(t.is_alpha for t in span):
                    out.append((span.start_char, span.end_char))
        if sum(e - s for s, e in out) < 10:
            return []
        return out
