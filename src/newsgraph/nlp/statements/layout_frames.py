"""Frames read off the page's layout: a sentence ending in a colon before a quotation, a headline's
quotation, a signed quotation ("..." ― Name).
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from newsgraph.nlp.statements.quotes import _trim_right
from newsgraph.nlp.statements.records import _Frame
from newsgraph.nlp.statements.spans import _TITLE_SMALL, _strip


class LayoutFrames:
    """Frames the layout makes: colons, headlines and signatures."""

    def _colon_frames(self, frames: list[_Frame]) -> list[_Frame]:
        """'Sanders made the following comment:' and a quotation after it: the sentence's subject said it.
        Not a quotation that reported speech runs into ('said she has the quality for the job: "..."')."""
        out = []
        doc, text = self.doc, self.text
        for qi, q in enumerate(self.quotes):
            if qi in self.used_quotes or any(f.content[0] < q.start < f.content[1] for f in frames):
                continue
            at = _trim_right(text, q.start)
            if at == 0 or text[at - 1] != ":" or q.start - at > 3:
                continue
            colon = doc.char_span(at - 1, at, alignment_mode="expand")
            if colon is None or self.in_quote[colon[0].i] >= 0:
                continue
            inverted = self._inverted_frame(qi, colon[0])
            if inverted is not None:
                out.append(inverted)
                continue
            root = colon[0].sent.root
            if self.in_quote[root.i] >= 0 or root.i > colon[0].i:
                # the parser rooted the sentence in the quotation: the top clause before the colon
                root = self._top_verb(colon[0].sent.start, colon[0].i) or root
            subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is None or root.pos_ not in ("VERB", "AUX") or self.in_quote[root.i] >= 0:
                continue
            if subj.dep_ == "nsubjpass":
                # 'X is exemplified by this finding: "..."': the agent is the source
                agent = next((c for c in root.children if c.dep_ == "agent"), None)
                pobj = next((g for g in agent.children if g.dep_ == "pobj"), None) if agent is not None else None
                if pobj is not None:
                    subj = pobj
            if subj.pos_ == "PRON" and subj.lower_ in self.lex.not_sources:
                continue
            src = self._np(subj)
            frame = _Frame("speech", (root.idx, root.idx + len(root)), (q.start, q.end), source=src)
            frame.speaker_tok = self._speaker_token(subj)
            frame.quotes, frame.fragments = [qi], [(q.start, q.end)]
            self.used_quotes[qi] = frame
            out.append(frame)
        return out

    def _top_verb(self, lo: int, hi: int) -> Token | None:
        """The verb of ``doc[lo:hi]`` outside quotations nearest the root of the parse."""
        best, best_depth = None, 99
        for t in self.doc[lo:hi]:
            if self.in_quote[t.i] >= 0 or t.pos_ not in ("VERB", "AUX") or t.dep_ in ("aux", "auxpass", "amod"):
                continue
            depth, cur = 0, t
            while cur.head.i != cur.i and depth < 99:
                cur, depth = cur.head, depth + 1
            if depth < best_depth:
                best, best_depth = t, depth
        return best

    def _inverted_frame(self, qi: int, colon: Token) -> _Frame | None:
        """'Said Ellis: "Q"': a speech verb opening its sentence, then the speaker's name and a colon
        (the parser reads the verb as part of the name)."""
        doc = self.doc
        first = doc[colon.sent.start]
        while first.i < colon.i and (first.is_space or first.is_punct):
            first = doc[first.i + 1]
        words = doc[first.i + 1 : colon.i]
        if (
            not first.is_title
            or first.tag_ not in ("VBD", "VBZ", "VBN")
            or self._lemma(first) not in self.lex.speech
            or not 1 <= len(words) <= 6
            or not all(t.is_title or t.is_punct or t.lower_ in _TITLE_SMALL for t in words)
        ):
            return None
        q = self.quotes[qi]
        src = _strip(words)
        frame = _Frame("speech", (first.idx, first.idx + len(first)), (q.start, q.end), source=src)
        frame.speaker_tok = self._speaker_token(src.root)
        frame.quotes = self._continue_quotes([qi], q.end)
        frame.fragments = [(self.quotes[k].start, self.quotes[k].end) for k in frame.quotes]
        frame.content = (frame.fragments[0][0], frame.fragments[-1][1])
        for k in frame.quotes:
            self.used_quotes[k] = frame
        return frame

    def _headline_frames(self, frames: list[_Frame]) -> list[_Frame]:
        """A quotation in the headline that no frame claims ('Clinton Speaks ‘Directly To White People’
        After ...', 'A lesson from X: 'Be the voice ...''): headlines quote without a verb of saying.  The
        speaker is the headline's first person, else its subject.  Only a quotation right after the
        headline's speech verb or colon: one inside a phrase ('calls Obamacare ‘crazy system’', 'X’s
        ‘13th’') is part of what the headline says, or names a work."""
        out: list[_Frame] = []
        if not self.paras:
            return out
        ps, pe = self.paras[0]
        if pe - ps >= 200 or len(self.paras) < 2 or re.search(r"[.!?][\"”’'\)]*\s+\S", self.text[ps:pe]):
            return out  # a headline: a short first line of one sentence, with the article after it
        doc = self.doc
        for qi, q in enumerate(self.quotes):
            if q.start >= pe:
                break
            if qi in self.used_quotes or any(f.content[0] <= q.start < f.content[1] for f in frames):
                continue
            head = doc.char_span(ps, q.start, alignment_mode="contract")
            if head is None or len(head) == 0:
                continue
            if not (head[-1].text == ":" or self._cue_kind(head[-1]) == "speech"):
                continue  # 'calls Obamacare ‘crazy system’': the quotation is part of the verb's object
            person = next((t for t in head if t.i in self.mentions and self.mentions[t.i].label == "PERSON"), None)
            if person is None:
                person = next((t for t in head if t.dep_ in ("nsubj", "nsubjpass") and self.in_quote[t.i] < 0), None)
            if person is None:
                continue
            src = self._np(person)
            if len(src) == 0:
                continue
            cue = next((t for t in head if t.pos_ == "VERB"), None)
            cue_span = (cue.idx, cue.idx + len(cue)) if cue is not None else (q.start, q.start)
            frame = _Frame("speech", cue_span, (q.start, q.end), source=src, speaker_tok=self._speaker_token(person))
            frame.quotes, frame.fragments = [qi], [(q.start, q.end)]
            self.used_quotes[qi] = frame
            out.append(frame)
        return out

    def _signature_frames(self) -> list[_Frame]:
        """'“...” ― Name': a quotation signed after a dash."""
        out = []
        text = self.text
        for qi, q in enumerate(self.quotes):
            if qi in self.used_quotes:
                continue
            rest = text[q.end : q.end + 80]
            stripped = rest.lstrip(" \u00a0")
            dash = next((d for d in self.lex.signature_dashes if stripped.startswith(d)), None)
            if dash is None:
                continue
            cue_start = q.end + (len(rest) - len(stripped))
            s = cue_start + len(dash)
            while s < len(text) and text[s] in " \u00a0":
                s += 1
            e = s
            while e < len(text) and text[e] != "\n":
                e += 1
            e = _trim_right(text, e)
            while e > s and text[e - 1] in ".,;":
                e -= 1
            words = text[s:e].split()
            # the rest of the line is a name: short, capitalised
            if not 0 < e - s <= 60 or len(words) > 6 or sum(w[:1].isupper() for w in words) * 2 < len(words):
                continue
            src = self.doc.char_span(s, e, alignment_mode="expand")
            if src is None:
                continue
            # a paragraph opened by a quotation mark is signed as a whole, whatever marks inside it went astray
            # ('“... To quote X ‘Some people ...” And that’s all he has “the root of all evil’.” ― Name')
            first = qi
            ps = self.paras[self.para_of(q.start)][0]
            while first > 0 and self.quotes[first - 1].start >= ps and first - 1 not in self.used_quotes:
                first -= 1
            lead = ps + len(text[ps : q.start]) - len(text[ps : q.start].lstrip())
            if self.quotes[first].start != lead:
                first = qi
            start = self.quotes[first].start
            frame = _Frame("signature", (cue_start, cue_start + len(dash)), (start, q.end), source=src)
            frame.speaker_tok = src.root
            frame.quotes, frame.fragments = list(range(first, qi + 1)), [(start, q.end)]
            for k in frame.quotes:
                self.used_quotes[k] = frame
            out.append(frame)
        return out
