"""Verb cues' sources: the phrase that names who speaks, active, passive, inverted or in a region."""

from __future__ import annotations

from spacy.tokens import Span, Token

from newsgraph.nlp.statements.spans import _PERSONISH, _strip


class CueSources:
    """The source of a verb cue and the token that names the speaker (a mixin of the statements run)."""

    def _source(self, v: Token, passive: bool) -> tuple[Span | None, Token | None]:
        """The source span of the cue and the token that names the speaker."""
        doc = self.doc
        if passive:
            for c in v.children:
                if c.dep_ == "agent":
                    pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
                    if pobj is not None:
                        return self._np(pobj), self._speaker_token(pobj)
            return None, None
        cur = v
        if (
            v.tag_ == "VBG"
            and v.dep_ in ("advcl", "conj", "xcomp")
            and v.head.dep_ == "ccomp"
            and self._cue_kind(v.head.head) is not None
        ):
            # "Campbell said a win by Kerry would have given Blair a fresh start, adding ...": the parser hung
            # the participle in the reported clause; it is the outer speaker's
            cur = v.head.head
        if v.dep_ == "acl" and v.tag_ == "VBG" and v.head.dep_ == "pobj" and v.head.head.lower_ == "with":
            # '..., with analysts saying the trend would continue': the participle's subject is the noun it hangs on
            return self._np_before(v.head, v), self._speaker_token(v.head)
        for _ in range(4):
            # a subject inside a quotation the verb is not in ('said on "Fox and Friends."') is a misparse
            subj = next(
                (
                    c
                    for c in cur.children
                    if c.dep_ in ("nsubj", "csubj") and (self.in_quote[c.i] < 0 or self.in_quote[v.i] >= 0)
                ),
                None,
            )
            if subj is not None:
                if cur.dep_ == "relcl" and subj.lower_ in ("who", "that", "which"):
                    return doc[subj.i : subj.i + 1], self._speaker_token(cur.head)
                if any(
                    t.lower_ in ("whom", "which") and t.dep_ == "pobj" and t.head.lower_ == "of" for t in subj.subtree
                ):
                    whole = self._partitive_whole(subj)
                    if whole is not None:
                        return whole, self._speaker_token(whole.root)
                return self._np(subj), self._speaker_token(subj)
            if cur.dep_ == "relcl":
                return None, None
            if (
                cur.dep_ == "pcomp"
                and cur.tag_ == "VBG"
                and cur.head.dep_ == "prep"
                and cur.head.head.pos_ in ("VERB", "AUX")
                and self._cue_kind(v) == "speech"
            ):
                # 'announced the attack by saying it had sunk ...': a speech gerund's subject is its verb's
                cur = cur.head.head
                continue
            if cur.dep_ == "ccomp" and cur is not v and any(c.dep_ == "expl" for c in cur.children):
                # "has said there would be no change ... and rejected the threat": a verb coordinated with a
                # clause that has only an expletive subject shares the outer subject
                cur = cur.head
                continue
            if cur.dep_ in ("conj", "xcomp", "advcl", "acl") and cur.head.i != cur.i:
                cur = cur.head
                if cur.pos_ in ("NOUN", "PROPN") and cur.head.i != cur.i:  # "a statement saying ..."
                    cur = cur.head
                continue
            break
        return None, None

    def _np(self, tok: Token) -> Span:
        """A noun phrase's span without quotations and edge punctuation."""
        toks = [t for t in tok.subtree if self.in_quote[t.i] < 0 or self.in_quote[t.i] == self.in_quote[tok.i]]
        lo, hi = toks[0].i, toks[-1].i + 1
        return _strip(self.doc[lo:hi])

    def _partitive_whole(self, subj: Token) -> Span | None:
        """'family members of 9/11 victims, many of whom say ...': the phrase before the comma that the
        part ('many of whom') speaks for."""
        k = subj.left_edge.i - 1
        if k < 1 or self.doc[k].text != ",":
            return None
        tok = self.doc[k - 1]
        if tok.pos_ not in ("NOUN", "PROPN") or self.in_quote[tok.i] >= 0:
            return None
        head = tok
        while head.dep_ == "pobj" and head.head.dep_ == "prep" and head.head.lower_ == "of":
            head = head.head.head
        return _strip(self.doc[head.left_edge.i : tok.i + 1])

    def _np_before(self, tok: Token, stop: Token) -> Span:
        """``tok``'s noun phrase up to the word before ``stop`` (a participle hung on it)."""
        span = self._np(tok)
        return _strip(self.doc[span.start : min(span.end, stop.left_edge.i)])

    def _speaker_token(self, tok: Token) -> Token:
        """The token of the phrase whose mention is the speaker: a person in an apposition wins."""
        if tok.i in self.mentions and self.mentions[tok.i].label in _PERSONISH:
            return tok
        for t in tok.subtree:
            if t.i in self.mentions and self.mentions[t.i].label in _PERSONISH and t.dep_ in ("appos", "compound"):
                return t
        return tok

    def _inverted_source(self, v: Token) -> tuple[Span | None, Token | None]:
        """'"Q," declared the president': after a quotation the verb comes first and its subject after
        it, which the parser, finding no subject, often takes for the object."""
        lo = self._region(v)[0]
        if any(not (t.is_punct or t.is_space) for t in self.doc[lo : v.i]):
            return None, None  # words between the quotation and the verb: not an inverted frame
        for c in v.children:
            if c.i <= v.i or c.dep_ not in ("dobj", "attr") or self.in_quote[c.i] >= 0:
                continue
            if c.ent_type_ in ("DATE", "TIME"):
                continue
            if c.pos_ in ("NOUN", "PROPN") and c.lower_ not in self.lex.not_sources and c.left_edge.i == v.i + 1:
                return self._np(c), self._speaker_token(c)
        return None, None

    def _region_source(self, v: Token) -> tuple[Span | None, Token | None]:
        lo, hi = self._region(v)
        best = None
        for i in range(lo, hi):
            m = self.mentions.get(i)
            if m is not None and m.label in _PERSONISH and (best is None or abs(i - v.i) < abs(best - v.i)):
                best = i
        if best is None:
            return None, None
        tok = self.doc[best]
        return self._np(tok), tok

    def _fallback_source(self, v: Token) -> tuple[Span | None, Token | None]:
        """The speaker of a quotation whose verb the parser left without a subject: the name right
        after the quotation ('"Q," Tulsa police Chief X said', '"Q," Flynn, an adviser, said', a name the
        parser took apart), or the subject of an earlier clause of the sentence outside quotations
        ('X hardly clarified ..., asserting, "Q"')."""
        doc = self.doc
        lo = self._region(v)[0]
        words = [t for t in doc[lo : v.i] if not t.is_space]
        while words and words[0].is_punct:
            words = words[1:]
        if words:
            # up to the first comma: '"Q," Flynn, a top adviser, said'
            k = next((n for n, t in enumerate(words) if t.text == ","), len(words))
            name = words[:k]
            if name and all(t.is_title or t.pos_ in ("PROPN", "NOUN") for t in name if not t.is_punct):
                span = _strip(doc[name[0].i : name[-1].i + 1])
                if len(span):
                    return span, self._speaker_token(span.root)
        for t in reversed(doc[v.sent.start : v.i]):
            if (
                t.dep_ == "nsubj"
                and self.in_quote[t.i] < 0
                and t.pos_ in ("PROPN", "NOUN", "PRON")
                and t.lower_ not in self.lex.not_sources
                and t.lower_ not in ("it", "this")
            ):
                return self._np(t), self._speaker_token(t)
        return None, None
