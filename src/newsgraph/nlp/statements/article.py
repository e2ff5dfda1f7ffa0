"""One document as the statements stage reads it."""

from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING

from spacy.tokens import Doc

from newsgraph.model import Mention, Statement, TimeExpr
from newsgraph.nlp.statements.quotes import find_quotes
from newsgraph.nlp.statements.records import _Frame, _Quote
from newsgraph.nlp.statements.spans import _paragraphs

if TYPE_CHECKING:
    from newsgraph.nlp.statements.component import StatementTagger


class Article:
    """The indexes of one ``Doc`` that every step reads: its quotations, paragraphs, actor mentions and
    time expressions by token, and the quotations already given to a frame."""

    def __init__(self, doc: Doc, tagger: StatementTagger) -> None:
        self.doc = doc
        self.tagger = tagger
        self.lex = tagger.lex
        self.verbs = tagger.verbs
        self.lemmas: dict[int, str] = {}  # token index -> cue lemma (see _lemma)
        self.text = doc.text
        self.quotes = [_Quote(s, e, c) for s, e, c in find_quotes(doc.text)]
        self.quote_starts = [q.start for q in self.quotes]
        self.paras = _paragraphs(doc.text)
        self.para_starts = [p[0] for p in self.paras]
        self.in_quote = self._token_quotes()
        self.mentions = self._mention_index()
        self.names = self._mention_index(unresolved_persons=True)
        self.actors = {a.id: a for a in doc._.actors or []}
        self.times = list(doc._.times or [])
        self.time_at = self._time_index()
        self.used_quotes: dict[int, _Frame] = {}
        self._frames: list[_Frame] = []  # every frame, once they are all found
        self.frame_speakers: dict[int, str | None] = {}  # a statement frame's cue start -> its speaker's actor id
        self.speech_acts: list[Statement] = []  # speech acts that report no words (see Records._reports_no_words)
        self.headline = self._headline()
        self._genders: dict[str, str | None] = {}  # actor id -> m | f | None

    def _token_quotes(self) -> list[int]:
        out = [-1] * len(self.doc)
        qi = 0
        quotes = self.quotes
        for tok in self.doc:
            while qi < len(quotes) and quotes[qi].end <= tok.idx:
                qi += 1
            if qi < len(quotes) and quotes[qi].start <= tok.idx < quotes[qi].end:
                # the marks themselves count as inside
                out[tok.i] = qi
        return out

    def _mention_index(self, unresolved_persons: bool = False) -> dict[int, Mention]:
        """Token -> the longest mention with an actor over it (or, with ``unresolved_persons``, the
        person's name over it that no actor was found for)."""
        index: dict[int, Mention] = {}
        for m in self.doc._.mentions or []:
            if bool(m.actor_ids) == unresolved_persons or (unresolved_persons and m.label != "PERSON"):
                continue
            span = self.doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None:
                continue
            for t in span:
                old = index.get(t.i)
                if old is None or (old.end - old.start) < (m.end - m.start):
                    index[t.i] = m
        return index

    def _time_index(self) -> dict[int, TimeExpr]:
        out: dict[int, TimeExpr] = {}
        for t in self.times:
            span = self.doc.char_span(t.start, t.end, alignment_mode="expand")
            if span is not None:
                # the words that hang the expression on the sentence (not a bracket the parser put elsewhere)
                for tk in span:
                    if not tk.is_punct and not (span.start <= tk.head.i < span.end and tk.head.i != tk.i):
                        out.setdefault(tk.i, t)
        return out

    def _headline(self) -> tuple[int, int] | None:
        """The first paragraph when it is a headline: short, one sentence with no final stop, with the
        article after it.  A headline says what the article reports; it is not a statement of its own."""
        if len(self.paras) < 2:
            return None
        ps, pe = self.paras[0]
        line = self.text[ps:pe].strip()
        if len(line) >= 200 or re.search(r"[.!?][\"”’'\)]*\s+\S", line):
            return None
        if line.rstrip("\"”’'»)").endswith((".", "!", "?", ":")):
            return None
        return ps, pe

    def quote_over(self, char: int) -> _Quote | None:
        """The quotation that runs over this character (its marks included), or None."""
        q = bisect.bisect_right(self.quote_starts, char) - 1
        return self.quotes[q] if q >= 0 and char < self.quotes[q].end else None

    def para_of(self, char: int) -> int:
        return max(0, bisect.bisect_right(self.para_starts, char) - 1)
