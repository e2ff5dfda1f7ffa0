"""Records: one frame per content, the speaker, content text, chain and utterance date of each statement."""

from __future__ import annotations

import hashlib
import re

from spacy.tokens import Doc, Span, Token

from newsgraph.model import ChainLink, DateValue, Statement, TimeExpr
from newsgraph.nlp.common import date_value, doc_date
from newsgraph.nlp.statements.quotes import _family, _trim_right
from newsgraph.nlp.statements.records import Attribution, _Frame
from newsgraph.nlp.statements.spans import (
    _REOPEN,
    _STATEMENT_KINDS,
    QUOTE_CHARS,
    _inside_clause,
    _overlap,
)


class Records:
    """From frames to ``Attribution`` and ``Statement`` records."""

    def _continuations(self, frames: list[_Frame]) -> None:
        """A paragraph that is one quotation with no frame, after a paragraph whose last statement was
        quoted, goes on with that statement (the speaker carries on)."""
        text = self.text
        for qi, q in enumerate(self.quotes):
            if qi in self.used_quotes:
                continue
            p = self.para_of(q.start)
            ps, pe = self.paras[p]
            if q.start != ps + (len(text[ps:pe]) - len(text[ps:pe].lstrip())) or q.end < _trim_right(text, pe) - 1:
                continue
            if p == 0:
                continue
            pps, ppe = self.paras[p - 1]
            before = [f for f in frames if f.kind in ("speech", "signature") and pps <= f.content[1] <= ppe + 1]
            if not before or not before[-1].quotes:
                continue
            prev = before[-1]
            if not q.closed and _family(text[q.start]) != _family(text[self.quotes[prev.quotes[-1]].start]):
                continue  # a paragraph opened by a mark of the other family and never closed: not the speaker's
            prev.fragments = list(prev.fragments or [prev.content]) + [(q.start, q.end)]
            prev.content = (prev.content[0], q.end)
            prev.quotes = prev.quotes + [qi]
            self.used_quotes[qi] = prev

    def _dedupe(self, frames: list[_Frame]) -> list[_Frame]:
        """One frame per content: a speech frame wins over an attitude or 'according to' one."""
        rank = {"label": 0, "speech": 1, "signature": 1, "according": 2, "relay": 3, "attitude": 4, "noun": 5}
        kept: list[_Frame] = []
        for f in sorted(frames, key=lambda f: (rank.get(f.kind, 5), f.content[0])):
            if any(_overlap(f.content, k.content) >= 0.9 for k in kept):
                continue
            in_label = f.kind != "label" and any(
                k.kind == "label" and k.content[0] <= f.content[0] < k.content[1] for k in kept
            )
            if in_label and (f.kind in ("attitude", "according", "relay") or f.quotes):
                continue
            if (f.kind in ("attitude", "noun") or (f.kind == "speech" and f.how and f.how != "quote")) and any(
                k.kind == "speech" and k.content[0] <= f.cue[0] < k.content[1] for k in kept
            ):
                # 'said he planned to ...', 'said Trump refused to ...': a cue inside reported speech is
                # mostly the speaker's words (PolNeAR rarely annotates it apart), unless it frames a quotation
                continue
            if (
                f.kind == "speech"
                and f.how == "quote"
                and any(
                    k.kind == "speech"
                    and k.how not in ("quote", "")
                    and k.content[0] <= f.cue[0]
                    and k.content[0] <= f.content[0]
                    and f.content[1] <= k.content[1]
                    for k in kept
                )
            ):
                # 'denouncing what it calls "the biggest attack"': the quotation and its frame are reported
                # speech of the outer frame
                continue
            kept.append(f)
        return sorted(kept, key=lambda f: (f.content[0], f.cue[0]))

    def _date(self, v: Token, content: tuple[int, int], subj: Span | None) -> TimeExpr | None:
        exclude = set(range(subj.start, subj.end)) if subj is not None else set()
        t = self._own_time(v, exclude)
        if t is not None and content[0] <= t.start < content[1]:
            return None
        return t

    def _own_time(self, v: Token, exclude: set[int]) -> TimeExpr | None:
        """A time expression of the verb's own clause (not one inside a clause below it)."""
        if not self.time_at:
            return None
        for t in v.subtree:
            if t.i in self.time_at and t.i not in exclude and not _inside_clause(t, v):
                if self.in_quote[t.i] >= 0 and self.in_quote[v.i] < 0:
                    continue
                return self.time_at[t.i]
        return None

    # -------------------------------------------------------------- records

    def _records(self, frames: list[_Frame]) -> tuple[list[Attribution], list[Statement]]:
        attributions: list[Attribution] = []
        statements: list[Statement] = []
        last_date: dict[str | None, DateValue] = {}
        credited = self._credited()
        self._frames = frames
        for f in frames:
            src = (f.source.start_char, f.source.end_char) if f.source is not None else None
            attr = Attribution(src, f.cue, f.content, "speech" if f.kind in _STATEMENT_KINDS else f.kind)
            attr.fragments = list(f.fragments or [f.content])
            if f.kind == "relay":
                attr.kind = "relay"
            attributions.append(attr)
            if f.kind not in _STATEMENT_KINDS:
                continue
            if self.headline is not None and self.headline[0] <= f.cue[0] < self.headline[1]:
                continue  # the headline's 'X Says ...' tells what the article reports (PolNeAR still counts it)
            speaker, speaker_text = self._speaker_actor(f, *self._speaker(f))
            self.frame_speakers[f.cue[0]] = speaker
            parts = self._later_sentences(f)  # a quotation in a later sentence or paragraph: a statement of its own
            content, start, end, form = self._content_text(parts[0])
            if not content:
                continue
            date = self._statement_date(f, speaker, last_date)
            if date is not None:
                last_date[speaker] = date
                last_date[None] = date
            elif self.doc._.published:
                # undated: said at some time up to the publication, not on it
                date = DateValue("PAST_REF", None, str(self.doc._.published)[:10], "open")
            chain = [ChainLink(self._speaker_name(speaker, speaker_text), speaker)]
            hops = list(f.hops)
            for h in hops:
                chain.append(ChainLink(h.name, h.actor_id, self.text[h.start : h.end], h.date))
            if credited is not None and all(
                (credited[1] is None or c.actor_id != credited[1]) and c.name != credited[0] for c in chain
            ):
                chain.append(ChainLink(credited[0], credited[1]))
            chain.append(ChainLink("this page", None))
            cue_text = self.text[f.cue[0] : f.cue[1]]
            if self._reports_no_words(f) or self._not_yet_said(f):
                # an event for the speech events stage, no statement
                sid = "st-" + hashlib.sha1(f"{f.cue[0]}:{start}:{end}".encode()).hexdigest()[:10]
                self.speech_acts.append(
                    Statement(sid, speaker, speaker_text, cue_text, content, form, date, chain, start, end)
                )
                continue
            attr.hops = hops
            attr.events = self._events_in([*attr.fragments, attr.cue])
            for n, part in enumerate(parts):
                if n:
                    content, start, end, form = self._content_text(part)
                    if not content:
                        continue
                sid = "st-" + hashlib.sha1(f"{f.cue[0]}:{start}:{end}".encode()).hexdigest()[:10]
                st = Statement(sid, speaker, speaker_text, cue_text, content, form, date, list(chain), start, end)
                st.events = list(attr.events) if n == 0 else self._events_in(part.fragments)
                statements.append(st)
                if n == 0:
                    attr.statement = sid
        statements += self._frameless_quotations(statements)
        statements.sort(key=lambda s: s.start)
        return attributions, statements

    def _events_in(self, fragments: list[tuple[int, int]]) -> list[str]:
        """The events whose trigger word lies in these spans (the content, and the cue: the speech act
        itself coded as an event, "stated that NATO was seeking ..." as ACCUSE)."""
        out = []
        for e in self.doc._.events or []:
            if not e.trigger or not any(s < e.evidence.end and e.evidence.start < t for s, t in fragments):
                continue
            for m in re.finditer(re.escape(e.trigger), self.text[e.evidence.start : e.evidence.end]):
                at = e.evidence.start + m.start()
                if any(s <= at < t for s, t in fragments):
                    out.append(e.id)
                    break
        return out

    def _credited(self) -> tuple[str, str | None] | None:
        name = self.doc._.credited_source if Doc.has_extension("credited_source") else None
        if not name:
            return None
        for a in self.actors.values():
            if a.name.lower() == str(name).lower():
                return a.name, a.id
        on = doc_date(self.doc)
        return self.tagger.resolve_outlet(str(name), on)

    def _speaker_name(self, speaker: str | None, speaker_text: str | None) -> str:
        actor = self.actors.get(speaker) if speaker else None
        if actor is not None:
            return actor.name
        return speaker_text or "unknown"

    def _content_text(self, f: _Frame) -> tuple[str, int, int, str]:
        """The statement's content, its span and its form.

        Quotations lose their marks (and the marks that reopen them in each paragraph); pieces of
        one quotation interrupted by its frame are joined ('"Q1," he said. "Q2."'); reported speech
        loses its "that" and final punctuation."""
        text = self.text
        frags = list(f.fragments or [f.content])
        starts = {self.quotes[q].start for q in f.quotes}
        # a transcript's 'PENCE: ...' gives the words as spoken, marks or not
        # direct when the content opens with a whole quotation, not with one that leads a phrase on
        # ('claimed "Smith exaggerates" the size of ...' is mixed)
        ends = {self.quotes[q].start: self.quotes[q].end for q in f.quotes}
        # a later paragraph of a quotation, its mark repeated (see Parts._later_sentences)
        over = self.quote_over(frags[0][0])
        if over is not None and over.start < frags[0][0] and text[frags[0][0]] in QUOTE_CHARS:
            starts.add(frags[0][0])
            ends[frags[0][0]] = over.end
        direct = (frags[0][0] in starts and ends[frags[0][0]] >= frags[0][1]) or f.kind in (
            "label",
            "signature",
        )
        pieces: list[str] = []
        start, end = frags[0][0], frags[-1][1]
        if direct:
            for i, (s, e) in enumerate(frags):
                q = next((self.quotes[q] for q in f.quotes if self.quotes[q].start == s), None)
                if q is None and s in starts:
                    q = over  # a reopening mark
                if q is not None:
                    # one mark, or two typed for one (``...'')
                    s += 2 if text[s : s + 2] in ("``", "''") else 1
                    if q.closed and text[e - 1] in QUOTE_CHARS:
                        e -= 2 if text[e - 2 : e] == "''" and e - 2 >= s else 1
                while e > s and text[e - 1] in " ,":
                    e -= 1
                if i == 0:
                    start = s
                end = e
                pieces.append(_REOPEN.sub("\n\n", text[s:e].strip()))
            form = "direct"
        else:
            quoted = False
            for i, (s, e) in enumerate(frags):
                span = self.doc.char_span(s, e, alignment_mode="expand")
                if i == 0 and span is not None and len(span) > 1 and span[0].lower_ == "that" and span[0].dep_ != "det":
                    s = span[1].idx
                while e > s and text[e - 1] in " ,;:.":
                    e -= 1
                if i == 0:
                    start = s
                end = e
                quoted = quoted or bool(self._quotes_between(s, e))
                pieces.append(text[s:e].strip())
            form = "mixed" if quoted else "indirect"
        if len(pieces) == 1:
            return (pieces[0] if direct else text[start:end]), start, end, form
        joined = pieces[0]
        for piece in pieces[1:]:
            if not piece:
                continue
            if piece[:1].isupper() and not joined.endswith((".", "!", "?", "…")):
                joined += "."
            joined += " " + piece
        return joined, start, end, form

    def _statement_date(self, f: _Frame, speaker: str | None, last: dict[str | None, DateValue]) -> DateValue | None:
        t = f.date
        if t is None:
            return None
        if t.value:
            return date_value(t)
        if t.text.lower().strip() in self.lex.anaphoric_times or any(
            t.text.lower().endswith(a) for a in self.lex.anaphoric_times
        ):
            return last.get(speaker) or last.get(None)
        return None
