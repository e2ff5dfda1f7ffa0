"""Verb cues: which verbs report speech or attitude (``data/attribution.yaml``), their frame and their source."""

from __future__ import annotations

from spacy.tokens import Span, Token

from newsgraph.nlp.statements.records import _Frame
from newsgraph.nlp.statements.spans import _NOMINAL, _NOT_SUBJECTS, _PERSONISH, _SUBJ, _as_phrase, _merge_spans, _strip


class Cues:
    """Verb frames: the cue, its kind, its source and the token that names the speaker."""

    def _lemma(self, tok: Token) -> str:
        """The token's lemma, or the cue verb it is an inflection of when the lemmatizer cut a final
        'e' ('hoping' -> 'hop', 'rated' -> 'rat') or missed the inflection."""
        cached = self.lemmas.get(tok.i)
        if cached is not None:
            return cached
        lemma = tok.lemma_.lower()
        if lemma not in self.verbs:
            low = tok.lower_
            for suffix in ("ing", "ed", "es", "s"):
                if low.endswith(suffix) and len(low) > len(suffix) + 2:
                    stem = low[: -len(suffix)]
                    cand = next(
                        (c for c in (stem + "e", stem, stem[:-1] if stem[-1] == stem[-2] else "") if c in self.verbs),
                        None,
                    )
                    if cand is not None:
                        lemma = cand
                        break
        self.lemmas[tok.i] = lemma
        return lemma

    def _cue_kind(self, tok: Token) -> str | None:
        if not (tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB")):
            return None
        lemma = self._lemma(tok)
        particles = self.lex.speech_particles.get(lemma)
        if particles is not None and any(c.dep_ == "prt" and c.lower_ in particles for c in tok.children):
            return "speech"
        if lemma in self.lex.speech or lemma in self.lex.object_prep or lemma in self.lex.quote_only:
            return "speech"
        objects = self.lex.quote_objects.get(lemma)
        if objects is not None and any(c.dep_ == "dobj" and c.lower_ in objects for c in tok.children):
            return "speech"  # 'as X put it, "..."'
        if lemma in self.lex.attitude or lemma in self.lex.raising:
            return "attitude"
        if lemma in self.lex.regard_as and _as_phrase(tok) is not None:
            return "attitude"
        if lemma in self.lex.predicative and sum(c.dep_ in ("dobj", "oprd") and c.i > tok.i for c in tok.children) >= 2:
            return "speech"  # 'Japan branded North Korea an "outlaw nation"'
        return None

    def _verb_frame(self, v: Token) -> _Frame | None:
        kind = self._cue_kind(v)
        if kind is None or self.in_quote[v.i] >= 0 or v.dep_ in ("amod", "compound"):
            return None
        lemma = self._lemma(v)
        passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in v.children) or (
            # 'the statement issued by ...'; not 'which has denied ...' (a perfect with its own subject)
            v.dep_ in ("acl", "relcl")
            and v.tag_ == "VBN"
            and not any(c.dep_ == "nsubj" or (c.dep_ == "aux" and c.lemma_ == "have") for c in v.children)
        )
        if passive and self._is_relay(v):
            return None  # "as quoted by X": a hop of the statement it modifies
        raising = lemma in self.lex.raising and not passive
        marked = any(c.dep_ in ("auxpass", "nsubjpass") for c in v.children)
        if raising or (marked and not any(c.dep_ == "agent" for c in v.children)):
            frame = self._impersonal_frame(v)
            if frame is not None or raising:
                return frame
        # a passive with no by-phrase ("NATO is said to be expanding") finds no source and no content
        subj, speaker_tok = self._source(v, passive)
        if (
            subj is not None
            and subj.root.lower_ in self.lex.not_sources
            and subj.root.pos_ == "PRON"
            and (subj.root.lower_ not in ("that", "which") or v.dep_ != "relcl")
        ):
            return None
        quotes = self._quote_frame(v, subj) if kind == "speech" else []
        if quotes:
            fragments = [(self.quotes[q].start, self.quotes[q].end) for q in quotes]
            if self.quotes[quotes[0]].end <= v.idx:
                fragments[0] = (self._lead_in(self.quotes[quotes[0]]), fragments[0][1])
            elif lemma not in self.lex.addressee_verbs and lemma not in self.lex.quote_objects:
                # 'says things such as, "..."', 'recalled thinking, "..."': the object leads the content in
                heads = [
                    c
                    for c in v.children
                    if c.dep_ in ("dobj", "xcomp", "oprd") and v.i < c.i and c.idx < fragments[0][0]
                ]
                if heads and self.in_quote[heads[0].i] < 0:
                    fragments[0] = (min(h.left_edge.idx for h in heads), fragments[0][1])
            content: tuple[int, int] | None = (fragments[0][0], fragments[-1][1])
            how = "quote"
            if subj is None and v.dep_ == "pcomp" and v.head.dep_ == "prep" and v.head.head.i != v.head.i:
                # '"Q1," X sang before asking her, "Q2"': the gerund's subject is the verb's
                subj, speaker_tok = self._source(v.head.head, False)
                if subj is None:
                    subj, speaker_tok = self._fallback_source(v.head.head)
            if subj is None and self.quotes[quotes[0]].end <= v.idx:
                subj, speaker_tok = self._inverted_source(v)
            if subj is None:
                subj, speaker_tok = self._region_source(v)
            if subj is None:
                subj, speaker_tok = self._fallback_source(v)
        elif (lemma in self.lex.quote_only or lemma in self.lex.quote_objects) and lemma not in self.lex.speech:
            return None
        elif kind == "speech" and (block := self._block_after_colon(v)) is not None:
            fragments, how = [block], "block"
            content = block
        else:
            fragments, how = self._content(v, lemma, kind, passive, subj)
            if not fragments:
                return None
            content = (fragments[0][0], fragments[-1][1])
            quotes = self._quotes_between(*content)
            if kind == "speech" and quotes and content[1] <= v.idx and self.quotes[quotes[-1]].end <= content[1]:
                # "''I have admiration for the mechanics'' of the proposals, X said. ''They're ...''"
                hi = self._region(v)[1]
                more = self._continue_quotes(quotes[-1:], self.doc[hi - 1].idx + len(self.doc[hi - 1]))[1:]
                if more:
                    fragments = fragments + [(self.quotes[q].start, self.quotes[q].end) for q in more]
                    content = (content[0], fragments[-1][1])
                    quotes = quotes + more
                    how = "quote"
        if subj is None and how == "object" and self._scare_quoted(content):
            return None  # 'for promoting "quack" medical cures': a word the writer holds at arm's length
        if subj is None and kind == "attitude":
            return None
        cue = self._cue_span(v, how)
        frame = _Frame(kind, cue, content, verb=v, source=subj, speaker_tok=speaker_tok, quotes=quotes)
        frame.fragments = fragments
        frame.how = how
        if how == "quote":
            for q in quotes:
                self.used_quotes.setdefault(q, frame)
        if kind == "speech":
            frame.hops = self._hops(v)
        frame.date = self._date(v, content, subj)
        return frame

    def _impersonal_frame(self, v: Token) -> _Frame | None:
        """A belief with no source: 'X is expected to ...', 'X is considered a threat', 'X seems to ...',
        'it appears that ...'.  The content is the subject and what is said of it (two fragments), or
        the that-clause after an expletive 'it'."""
        doc = self.doc
        subj = next((c for c in v.children if c.dep_ in ("nsubj", "nsubjpass", "expl")), None)
        if subj is None or subj.lower_ in _NOT_SUBJECTS or self.in_quote[subj.i] >= 0:
            return None  # 'makes him seem kinder': an object, not the subject of the impression
        after = [c for c in v.children if c.i > v.i]
        if subj.lower_ == "it" and subj.pos_ == "PRON":
            ccomp = next((c for c in after if c.dep_ == "ccomp"), None)
            if ccomp is None or not any(g.dep_ in _SUBJ for g in ccomp.children):
                return None
            spans = [self._clause(ccomp)]
        else:
            comp = next(
                (
                    c
                    for c in after
                    if (c.dep_ == "xcomp" and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children))
                    or (c.dep_ in ("oprd", "acomp") and c.pos_ in _NOMINAL)
                ),
                None,
            )
            if comp is None and self._lemma(v) in self.lex.regard_as:
                comp = _as_phrase(v)  # 'the attack was treated as a crime'
            if comp is None or self._cue_kind(comp) is not None:
                return None  # 'he appeared to suggest that ...': the inner verb is the frame
            np = self._np(subj)
            if comp.dep_ == "xcomp":
                rest = self._clause(comp)
            elif comp.dep_ == "prep":
                tail = _strip(doc[comp.i : comp.right_edge.i + 1])
                rest = (tail.start_char, tail.end_char)
            else:
                tail = _strip(doc[comp.left_edge.i : comp.right_edge.i + 1])
                rest = (tail.start_char, tail.end_char)
            spans = [(np.start_char, np.end_char), rest]
        ps, pe = self.paras[self.para_of(v.idx)]
        spans = [(max(s, ps), min(e, pe)) for s, e in spans]
        spans = _merge_spans([(s, e) for s, e in spans if e > s])
        if not spans or spans[0][0] >= v.idx and len(spans) > 1:
            return None
        content = (spans[0][0], spans[-1][1])
        frame = _Frame("attitude", self._cue_span(v, "impersonal"), content, verb=v)
        frame.fragments = spans
        frame.quotes = self._quotes_between(*content)
        frame.how = "impersonal"
        return frame

    def _is_relay(self, v: Token) -> bool:
        """A passive relay verb ("as quoted by", "reported by") hanging on a speech verb."""
        if v.lemma_.lower() not in self.lex.relay_verbs:
            return False
        head = v
        for _ in range(3):
            if head.dep_ not in ("advcl", "conj") or head.head.i == head.i:
                return False
            head = head.head
            if self._cue_kind(head) == "speech" and head.lemma_.lower() not in self.lex.relay_verbs:
                return True
        return False

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

    def _cue_span(self, v: Token, how: str) -> tuple[int, int]:
        toks = [v] + [c for c in v.children if c.dep_ == "prt"]
        if how == "prep":
            preps = self.lex.prep_content.get(self._lemma(v), frozenset())
            toks += [c for c in v.children if c.dep_ == "prep" and c.lower_ in preps and c.i > v.i][:1]
        lo = min(t.idx for t in toks)
        hi = max(t.idx + len(t) for t in toks)
        return lo, hi

    def _previous_sentence(self, sent: Span) -> Span | None:
        i = sent.start - 1
        while i >= 0:
            prev = self.doc[i].sent
            if prev.text.strip():
                return _strip(prev)
            i = prev.start - 1
        return None
