"""Parts: which attributions make statements, and how many.

A frame is one attribution (PolNeAR's unit), but not always one statement of what was said:

* a speech act whose object is only a noun phrase ("condemned the move", "criticised the plan",
  "expressed outrage over ...") states an attitude to it, not words: an event, no statement, unless
  words are quoted; cues of ``np_statements`` ("promised a veto", "denied the accusations") say
  something of their noun phrase all the same, and cues of ``not_statements`` ("declined to
  comment", "the decision to leave") report no words whatever their object;
* a quotation that goes on in a later sentence or paragraph with no cue of its own ('"Q1," he said,
  referring to X. "Q2."') is a statement of its own, with the same speaker; a quotation split by its
  frame inside one sentence ('"Q1," he said, "Q2."') stays one.
"""

from __future__ import annotations

import dataclasses
import re

from newsgraph.nlp.statements.records import _Frame

# The end of a sentence between two pieces of one quotation: a stop (maybe inside a closing mark)
# followed by white space.
_SENTENCE_END = re.compile(r"[.!?][\"”’'»)]*\s")


class Parts:
    """The statements a frame makes (see the module's docstring)."""

    def _reports_no_words(self, f: _Frame) -> bool:
        """A speech act whose object is only a noun phrase ("condemned the move", "criticised the plan",
        "expressed outrage over ..."), with no quoted words in it, or a cue of ``not_statements``
        ("declined to comment"): an attribution, and an event, but no statement of what was said."""
        cue = self.doc.char_span(f.cue[0], f.cue[1], alignment_mode="expand")
        if cue is not None and any(self._lemma(t) in self.lex.not_statements for t in cue):
            return True
        if f.kind != "speech" or f.how != "object" or f.quotes or len(f.fragments or [f.content]) != 1:
            return False
        if f.verb is not None and self._lemma(f.verb) in self.lex.np_statements:
            return False
        span = self.doc.char_span(f.content[0], f.content[1], alignment_mode="expand")
        if span is None or self._quotes_between(f.content[0], f.content[1]):
            return False
        roots = [t for t in span if not (span.start <= t.head.i < span.end) or t.head.i == t.i]
        roots = [t for t in roots if not t.is_punct]
        return len(roots) == 1 and roots[0].pos_ in ("NOUN", "PROPN", "PRON")

    def _later_sentences(self, f: _Frame) -> list[_Frame]:
        """The frame cut before each quotation that opens a later sentence or paragraph than the piece
        before it (after the cue): one frame per statement, the first with the cue."""
        frags = list(f.fragments or [f.content])
        starts = {self.quotes[q].start for q in f.quotes}
        groups: list[list[tuple[int, int]]] = [[frags[0]]]
        for prev, frag in zip(frags, frags[1:], strict=False):
            between = self.text[prev[1] : frag[0]]
            later = frag[0] in starts and frag[0] > f.cue[0] and prev[1] <= frag[0]
            if later and ("\n" in between or _SENTENCE_END.search(self.text[prev[1] - 2 : frag[0]])):
                groups.append([frag])
            else:
                groups[-1].append(frag)
        if len(groups) == 1:
            return [f]
        return [
            dataclasses.replace(
                f,
                fragments=g,
                content=(g[0][0], g[-1][1]),
                quotes=[q for q in f.quotes if g[0][0] <= self.quotes[q].start < g[-1][1]],
            )
            for g in groups
        ]
