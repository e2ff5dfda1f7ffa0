"""Quotations given to their cue: the quotation that touches a speech verb's clause, the quotations
that continue it, and a quotation's lead-in words.
"""

from __future__ import annotations

import bisect

from spacy.tokens import Span, Token

from newsgraph.nlp.statements.quotes import _trim_right
from newsgraph.nlp.statements.records import _Quote
from newsgraph.nlp.statements.spans import (
    _POST_DEPS,
    _PRE_DEPS,
    _SENT_END,
    _SENTENCE_STOP,
    _TITLE_SMALL,
    QUOTE_CHARS,
    _ends_sentence,
    _only_punct,
    _strip,
    open_mark_width,
)


class QuoteFrames:
    """Which quotations a speech verb frames."""

    def _close_quotes(self, start: int, end: int) -> tuple[int, int]:
        for q in self._quotes_between(start, end):
            quote = self.quotes[q]
            if quote.start < start <= quote.start + open_mark_width(self.text, quote.start):
                start = quote.start
            if quote.start >= start and quote.end > end and quote.start < end:
                end = quote.end
        # closing punctuation of the quotation
        return start, end

    def _quotes_between(self, start: int, end: int) -> list[int]:
        lo = bisect.bisect_right(self.quote_starts, start) - 1
        out = []
        for q in range(max(0, lo), len(self.quotes)):
            quote = self.quotes[q]
            if quote.start >= end:
                break
            if quote.end > start:
                out.append(q)
        return out

    def _region(self, v: Token) -> tuple[int, int]:
        """The tokens around the verb outside quotations, up to a sentence end or a paragraph break."""
        doc, in_quote = self.doc, self.in_quote
        lo = v.i
        while lo > 0:
            t = doc[lo - 1]
            if in_quote[t.i] >= 0 or "\n" in t.text or t.text in _SENT_END:
                break
            lo -= 1
        hi = v.i + 1
        while hi < len(doc):
            t = doc[hi]
            if in_quote[t.i] >= 0 or "\n" in t.text:
                break
            hi += 1
            if t.text in _SENT_END:
                break
        return lo, hi

    def _frame_tokens(self, v: Token, subj: Span | None, deps: tuple[str, ...]) -> set[int]:
        allowed = set(range(subj.start, subj.end)) if subj is not None else set()
        for c in v.children:
            if c.dep_ in deps:
                allowed.update(t.i for t in c.subtree)
        return allowed

    def _quote_frame(self, v: Token, subj: Span | None) -> list[int]:
        """The quotations a speech verb frames: '"Q," he said' / '"Q," said X, the ...' (the quotation
        right before the verb's stretch of text) or 'X said: "Q"' (right after it), with the quotations
        that open the next sentences of the paragraph without a frame of their own."""
        doc, text, in_quote = self.doc, self.text, self.in_quote
        lo, hi = self._region(v)
        out: list[int] = []
        # a verb with a clause of its own after it ('X said Kim's state is ...') frames no quotation before it;
        # after '"Q1," X said' a verb inside a later quotation is the quoted words ('..., adding, "Q2"'), which the
        # parser hangs on "said" when the marks are unusual ('' typed for both)
        comma_before = lo > 0 and in_quote[lo - 1] >= 0 and self._ends_with_comma(self.quotes[in_quote[lo - 1]])
        own_clause = any(
            c.dep_ == "ccomp"
            and v.i < c.i < v.sent.end
            and self.para_of(c.idx) == self.para_of(v.idx)
            and in_quote[c.left_edge.i] < 0
            and not (comma_before and in_quote[c.i] >= 0)
            and not any(t.pos_ in ("VERB", "AUX") and t.head.i != c.i for t in doc[v.i + 1 : c.i])
            and not (c.left_edge.dep_ == "mark" and c.left_edge.lower_ != "that")  # 'after he admitted ...'
            for c in v.children
        )
        if lo > 0 and in_quote[lo - 1] >= 0 and not own_clause and self._frame_before(v, subj, lo):
            q = in_quote[lo - 1]
            gap = text[self.quotes[q].end : doc[lo].idx]
            if (
                _only_punct(gap)
                and "\n" not in gap
                and not self._new_sentence_after(self.quotes[q], lo)
                and not self._is_title(self.quotes[q])
            ):
                out.append(q)
        last = hi - 1
        while last > v.i and doc[last].is_space:
            last -= 1
        after = hi
        if doc[last].text == ":":
            # 'The Times reports:' and the quotation in the next paragraph
            while after < len(doc) and doc[after].is_space:
                after += 1
        if after < len(doc) and in_quote[after] >= 0 and in_quote[after] not in self.used_quotes:
            post = self._frame_tokens(v, subj, _POST_DEPS)
            framed = all(
                doc[i].is_punct or doc[i].is_space or (i in post and doc[i].lower_ != "that")
                for i in range(v.i + 1, last + 1)
            ) and not any(
                # '"Q1," X sings to Y before asking her, "Q2"': the nearer speech verb frames the quotation
                self._cue_kind(doc[i]) == "speech" and in_quote[i] < 0
                for i in range(v.i + 1, last + 1)
            )
            quote = self.quotes[in_quote[after]]
            if framed and doc[last].text in (":", ","):
                out.append(in_quote[after])
            elif all(
                (doc[i].is_punct and doc[i].text not in _SENT_END) or doc[i].dep_ in ("advmod", "prt", "neg")
                for i in range(v.i + 1, after)
            ) and (
                (self._closes_sentence(quote) and not self._is_title(quote, lead_in=False))
                # 'in a box labeled "medical problem," a doctor ...': what a verb of quoting names is its words
                or self._lemma(v) in self.lex.quote_only
            ):
                if out and self._lead_in(self.quotes[out[0]]) < self.quotes[out[0]].start:
                    # 'labeled "medical problem," a doctor had typed "homicidal ideation."': the partial
                    # quotation before the verb belongs to the sentence's other words, not to this verb
                    out = []
                out.append(in_quote[after])  # 'Protesters chanted "What curfew?"'
            elif out and doc[last].text == "," and self._interrupted(self.quotes[out[0]], quote):
                # '"Every time you say that," X said, referring to ..., "you give ..."': one sentence, cut in two
                out.append(in_quote[after])
        if out and len(out) == 1 and hi < len(doc) and in_quote[hi] >= 0:
            # '"Q1," he said, but "Q2"': the speaker's words go on after the frame
            between = [doc[k] for k in range(v.i + 1, hi) if not doc[k].is_space]
            if (
                between
                and between[-1].lower_ in ("but", "and")
                and between[0].text == ","
                and all(t.text == "," or t.lower_ in ("but", "and", "still", "then", "also") for t in between)
                and in_quote[hi] not in self.used_quotes
                and in_quote[hi] not in out
            ):
                out.append(in_quote[hi])
        if not out:
            return []
        return self._continue_quotes(out, doc[hi - 1].idx + len(doc[hi - 1]))

    def _block_after_colon(self, v: Token) -> tuple[int, int] | None:
        """'The governor added:' closing its paragraph, and the next paragraph without quotation marks
        (a block quotation): that paragraph is what was said."""
        doc = self.doc
        lo, hi = self._region(v)
        last = hi - 1
        while last > v.i and doc[last].is_space:
            last -= 1
        if last <= v.i or doc[last].text != ":":
            return None
        if any(c.dep_ in ("ccomp", "dobj", "xcomp") and c.i < last for c in v.children):
            return None
        if not all(
            doc[i].is_punct or doc[i].is_space or doc[i].dep_ in ("advmod", "prt", "npadvmod", "dative")
            for i in range(v.i + 1, last)
        ):
            return None
        p = self.para_of(v.idx)
        if self.paras[p][1] > doc[last].idx + 1 or p + 1 >= len(self.paras):
            return None  # the colon does not close the paragraph
        ns, ne = self.paras[p + 1]
        lead = ns + len(self.text[ns:ne]) - len(self.text[ns:ne].lstrip())
        if lead >= ne or self.text[lead] in QUOTE_CHARS:
            return None  # a quotation: the quotation frames read it
        return lead, _trim_right(self.text, ne)

    def _interrupted(self, first: _Quote, second: _Quote) -> bool:
        """Whether a quotation ending in a comma and the next one, opening in lower case, are one sentence."""
        inner = self.text[first.start : first.end].rstrip(QUOTE_CHARS + " ")
        head = self.text[second.start : second.end].lstrip(QUOTE_CHARS + " ")
        return inner.endswith(",") and head[:1].islower()

    def _continue_quotes(self, out: list[int], cursor: int) -> list[int]:
        """``out`` and the quotations that open the following sentences of the paragraph (they continue it)."""
        text = self.text
        out = list(out)
        para = self.para_of(self.quotes[out[-1]].start)
        cursor = max(self.quotes[out[-1]].end, cursor)
        q = out[-1] + 1
        while q < len(self.quotes) and self.para_of(self.quotes[q].start) == para:
            quote = self.quotes[q]
            if (
                not text[cursor : quote.start].strip()
                and not _ends_sentence(text, quote.start)
                and q not in self.used_quotes
                and self._is_title(quote, lead_in=False)
            ):
                # '..., X said on Fox News's "Fox and Friends." "Q2"': a title ends the frame, not the quotation
                cursor = quote.end
                q += 1
                continue
            if text[cursor : quote.start].strip() or not _ends_sentence(text, quote.start):
                break
            if not self._closes_sentence(quote):
                break  # '"You squeezed employees ..." to drive up ...': a partial quotation of its own
            if q in self.used_quotes:
                break
            out.append(q)
            cursor = quote.end
            q += 1
        return out

    def _frame_before(self, v: Token, subj: Span | None, lo: int) -> bool:
        """Whether the words between a quotation and the verb are the verb's frame: its subject,
        auxiliaries and adverbs ('"Q," Rep. X, a member of ..., said'), not another clause."""
        pre = self._frame_tokens(v, subj, _PRE_DEPS)
        for t in self.doc[lo : v.i]:
            if t.is_punct or t.is_space or t.i in pre:
                continue
            if t.is_title and t.tag_ == "VB" and t.i == lo and lo > 0 and self.in_quote[lo - 1] >= 0:
                continue  # '"Q," Tulsa police Chief X said': a name the tagger took for a verb
            if t.dep_ in ("cc", "mark") or (t.pos_ in ("VERB", "AUX") and t.dep_ not in ("relcl", "acl", "amod")):
                return False
            if subj is not None:
                return False
        return True

    def _ends_with_comma(self, quote: _Quote) -> bool:
        """'"Q1," ...': the quotation's words end with a comma, so the sentence goes on after it."""
        return self.text[quote.start : quote.end].rstrip(QUOTE_CHARS + " ").endswith(",")

    def _closes_sentence(self, quote: _Quote) -> bool:
        """Whether a quotation ends its sentence: a stop inside it, or nothing but a stop after it."""
        inner = self.text[quote.start : quote.end].rstrip(QUOTE_CHARS + " ")
        if inner.endswith((".", "!", "?", "…")):
            return True
        after = self.text[quote.end : quote.end + 3].lstrip(" ")
        return not after or after[0] in ".!?\n"

    def _is_title(self, quote: _Quote, lead_in: bool = True) -> bool:
        """'on "Fox News Sunday,"': a short quotation in title case names a work or a show."""
        words = self.text[quote.start : quote.end].strip(QUOTE_CHARS + " ,.").split()
        if not words or len(words) > 6:
            return False
        if lead_in and self._lead_in(quote) >= quote.start:
            return False
        return all(w[:1].isupper() or w.lower() in _TITLE_SMALL for w in words)

    def _new_sentence_after(self, quote: _Quote, lo: int) -> bool:
        """'"... kidding." To which she said': the quotation ended its sentence and a new one begins."""
        inner = self.text[quote.start : quote.end].rstrip(QUOTE_CHARS + " ")
        if not inner.endswith((".", "!", "?")):
            return False
        first = next((t for t in self.doc[lo : lo + 3] if not t.is_punct and not t.is_space), None)
        return (
            first is not None
            and first.is_title
            and first.pos_ != "PROPN"
            and first.text != "I"
            and (first.i not in self.mentions or first.pos_ == "PRON")
        )

    def _lead_in(self, quote: _Quote) -> int:
        """Where the sentence that a quotation closes begins ('The summit accomplished "too little," he
        added'): the quotation's own start when it opens the sentence."""
        doc = self.doc
        span = doc.char_span(quote.start, quote.end, alignment_mode="expand")
        if span is None:
            return quote.start
        ps = self.paras[self.para_of(quote.start)][0]
        start = max(span[0].sent.start_char, ps)
        if start >= quote.start:
            return quote.start
        q = bisect.bisect_left(self.quote_starts, quote.start) - 1
        if q >= 0 and self.quotes[q].end > start:
            start = self.quotes[q].end
        stops = list(_SENTENCE_STOP.finditer(self.text, start, quote.start))
        if stops:
            start = stops[-1].end()
        lead = doc.char_span(start, quote.start, alignment_mode="expand")
        lead = _strip(lead) if lead is not None else None
        if lead is None or len(lead) == 0 or not any(t.is_alpha for t in lead):
            return quote.start
        return lead.start_char
