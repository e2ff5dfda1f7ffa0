"""Verb cues: which verbs report speech or attitude (``data/attribution.yaml``), their frame and their source."""

from __future__ import annotations

from spacy.tokens import Span, Token

from newsgraph.nlp.statements.records import _Frame
from newsgraph.nlp.statements.sources import CueSources
from newsgraph.nlp.statements.spans import _NOMINAL, _NOT_SUBJECTS, _SUBJ, _as_phrase, _merge_spans, _strip


class Cues(CueSources):
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
