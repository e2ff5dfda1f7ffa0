"""Parts: which attributions make statements, and how many.

A frame is one attribution (PolNeAR's unit), but not always one statement of what was said:

* a speech act whose object is only a noun phrase ("condemned the move", "criticised the plan",
  "expressed outrage over ...") states an attitude to it, not words: an event, no statement, unless
  words are quoted; cues of ``np_statements`` ("promised a veto", "denied the accusations") say
  something of their noun phrase all the same, and cues of ``not_statements`` ("declined to
  comment", "the decision to leave") report no words whatever their object;
* a quotation that is a whole sentence or paragraph with no frame at all, right after a statement,
  is a statement of that speaker;
* a quotation that goes on in a later sentence or paragraph with no cue of its own ('"Q1," he said,
  referring to X. "Q2."') is a statement of its own, with the same speaker; a quotation split by its
  frame inside one sentence ('"Q1," he said, "Q2."') stays one.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re

from newsgraph.model import Statement
from newsgraph.nlp.statements.records import _Frame
from newsgraph.nlp.statements.spans import _REOPEN, close_mark_width, open_mark_width

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
        if f.kind == "speech" and f.how == "prep" and f.verb is not None and not f.quotes:
            # 'spoke about the economy', 'responded to a distress call': what was spoken about, not what was said
            preps = self.lex.topic_preps.get(self._lemma(f.verb), frozenset())
            said = self.text[f.cue[0] : f.cue[1]].lower().split()
            if not (len(said) > 1 and said[-1] in preps):
                return False
        elif f.kind != "speech" or f.how != "object" or f.quotes or len(f.fragments or [f.content]) != 1:
            return False
        if f.verb is not None and self._lemma(f.verb) in self.lex.np_statements:
            return False
        span = self.doc.char_span(f.content[0], f.content[1], alignment_mode="expand")
        if span is None or self._quotes_between(f.content[0], f.content[1]):
            return False
        roots = [t for t in span if not (span.start <= t.head.i < span.end) or t.head.i == t.i]
        roots = [t for t in roots if not t.is_punct]
        return len(roots) == 1 and roots[0].pos_ in ("NOUN", "PROPN", "PRON")

    def _not_yet_said(self, f: _Frame) -> bool:
        """A speech act still to come: the cue in the to-infinitive of a verb of plan or being set to
        ("was to ask the UN to ...", "plans to announce", "was urged to push for ...") or with a future
        auxiliary ("will ask").  Nothing has been said yet: an event (planned), no statement."""
        v = f.verb
        if v is None or f.kind != "speech" or f.how == "quote":
            return False
        if any(c.dep_ == "aux" and c.lower_ in self.lex.future_auxiliaries for c in v.children):
            return True
        return (
            v.dep_ == "xcomp"
            and v.tag_ == "VB"
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in v.children)
            and v.head.lemma_.lower() in self.lex.future_heads
        )

    def _later_sentences(self, f: _Frame) -> list[_Frame]:
        """The frame cut before each quotation that opens a later sentence or paragraph than the piece
        before it (after the cue): one frame per statement, the first with the cue."""
        frags = list(f.fragments or [f.content])
        starts = {self.quotes[q].start for q in f.quotes}
        # a quotation going on over paragraphs, its mark repeated at each: each paragraph a statement
        cut: list[tuple[int, int]] = []
        for s, e in frags:
            for m in _REOPEN.finditer(self.text, s, e):
                mark = m.end() - 1
                if mark > s and (q := self.quote_over(mark)) is not None and q.start < mark:
                    cut.append((s, m.start()))
                    starts.add(mark)
                    s = mark
            cut.append((s, e))
        frags = [(s, e) for s, e in cut if self.text[s:e].strip()]
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

    def _frameless_quotations(self, statements: list[Statement]) -> list[Statement]:
        """A quotation that is a whole sentence or paragraph of its own, with no frame, right after a
        statement (in its paragraph or the next): a statement of the same speaker, with no cue ('He
        didn't suggest retaliation. "Our goal is not ..."').  The attribution is not PolNeAR's (it
        annotates none without a cue), so this makes statements only."""
        text = self.text
        taken = [(s.start, s.end) for s in statements] + [f.content for f in self._frames]
        out: list[Statement] = []
        for qi, q in enumerate(self.quotes):
            if qi in self.used_quotes or not q.closed or len(text[q.start : q.end].split()) < 4:
                continue
            if any(s <= q.start < e or (q.start <= s < q.end and e > q.end) for s, e in taken):
                continue  # framed, or inside a content (a frame wholly inside it is the speaker's own words)
            p = self.para_of(q.start)
            ps, pe = self.paras[p]
            before = text[ps : q.start]
            if before.strip() and not _SENTENCE_END.search(before[-3:] if before.endswith(" ") else before + " "):
                continue  # inside a sentence of the writer's
            after = text[q.end : pe].lstrip()
            if after and not after[:1].isupper():
                continue  # '"...," he said' or a sentence going on: framed elsewhere, or not a whole sentence
            floor = self.paras[max(0, p - 1)][0]
            prev = [s for s in statements + out if floor <= s.start and s.end <= q.start and s.speaker_text]
            if not prev:
                continue
            last = max(prev, key=lambda s: s.end)
            same = last.speaker is not None
            if any(
                last.end <= f.cue[0] < q.start and not (same and self.frame_speakers.get(f.cue[0]) == last.speaker)
                for f in self._frames
                if f.kind != "attitude"
            ):
                continue  # another speaker's frame between them ('He did not suggest ...' is the same speaker's)
            s, e = q.start + open_mark_width(text, q.start), q.end - close_mark_width(text, q.end)
            while e > s and text[e - 1] in " ,":
                e -= 1
            sid = "st-" + hashlib.sha1(f"quote:{s}:{e}".encode()).hexdigest()[:10]
            st = Statement(
                sid,
                last.speaker,
                last.speaker_text,
                None,
                text[s:e].strip(),
                "direct",
                last.date,
                list(last.chain),
                s,
                e,
            )
            st.events = self._events_in([(s, e)])
            out.append(st)
        return out
