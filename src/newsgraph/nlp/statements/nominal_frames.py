"""Frames with no speech verb: speaker labels ("PENCE:"), nouns and adjectives of saying, "according to
X", evidence ("a poll shows").
"""

from __future__ import annotations

from spacy.tokens import Span

from newsgraph.nlp.statements.quotes import _trim_right
from newsgraph.nlp.statements.records import Hop, _Frame
from newsgraph.nlp.statements.spans import QUOTE_CHARS, _inside_clause, _is_headline, _strip


class NominalFrames:
    """Label, noun, adjective, 'according to' and evidence frames."""

    def _label_frames(self) -> list[_Frame]:
        """'PENCE: Well, look, ...' at the start of a paragraph: a transcript's speaker label."""
        out = []
        doc, text = self.doc, self.text
        for n, (ps, pe) in enumerate(self.paras):
            para = text[ps:pe]
            lead = 0
            while lead < len(para) and para[lead] in QUOTE_CHARS + " ":
                lead += 1
            colon = para.find(":", lead)
            if colon <= lead or colon - lead > 50:
                continue
            label = para[lead:colon].strip()
            words = label.split()
            label_span = doc.char_span(ps + lead, ps + colon, alignment_mode="expand")
            if label_span is None or any(t.pos_ in ("VERB", "AUX") for t in label_span):
                continue  # 'Lavrov said: ...' is a verb's frame, not a label
            if n == 0 and 1 <= len(words) <= 7 and _is_headline(para) and not any(c in label for c in ".!?,;"):
                pass  # a headline's 'Pence: Gennifer Flowers Won't Be at Debate'
            elif (
                n == 0
                and 1 <= len(words) <= 3
                and label[:1].isupper()
                and all(t.pos_ in ("PROPN", "NOUN") for t in label_span if not t.is_punct)
            ):
                pass  # a headline in sentence case: 'Sanders: Clinton needs to ...', 'Poll: Clinton and Trump ...'
            elif not 1 <= len(words) <= 4 or not (
                label.isupper() and label.replace(" ", "").replace(".", "").isalpha()
            ):
                span = doc.char_span(ps + lead, ps + colon, alignment_mode="contract")
                if span is None or not any(
                    t.i in self.mentions and self.mentions[t.i].label in ("PERSON",) for t in span
                ):
                    continue
                if len(words) > 3:
                    continue
            rest_start = ps + colon + 1
            while rest_start < pe and text[rest_start].isspace():
                rest_start += 1
            end = _trim_right(text, pe)
            if end - rest_start < 3:
                continue
            src = doc.char_span(ps + lead, ps + colon, alignment_mode="expand")
            if src is None:
                continue
            frame = _Frame("label", (ps + colon, ps + colon + 1), (rest_start, end), source=src, speaker_tok=src.root)
            frame.quotes = self._quotes_between(rest_start, end)
            for q in frame.quotes:
                self.used_quotes.setdefault(q, frame)
            out.append(frame)
        return out

    def _noun_frames(self) -> list[_Frame]:
        """'Trump's claim that ...', 'a call for ...': a noun of saying and its clause."""
        out = []
        lex = self.lex
        for tok in self.doc:
            if tok.pos_ != "NOUN" or tok.lemma_.lower() not in lex.nouns or self.in_quote[tok.i] >= 0:
                continue
            content = None
            cue_end = tok.idx + len(tok)
            for c in tok.children:
                if (
                    c.dep_ in ("acl", "ccomp", "relcl")
                    and c.i > tok.i
                    and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)
                ):
                    content = self._clause(c)
                    break
                if c.dep_ == "acl" and c.i > tok.i and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children):
                    content = self._clause(c)  # 'his promise to cut taxes'
                    break
                if c.dep_ == "prep" and c.lower_ in lex.noun_preps and c.i == tok.i + 1:
                    pobj = next((g for g in c.children if g.dep_ in ("pobj", "pcomp")), None)
                    if pobj is not None:
                        np = self._np(pobj)
                        content = (np.start_char, np.end_char)
                        cue_end = c.idx + len(c)
                        break
            if content is None or content[1] <= content[0]:
                continue
            poss = next((c for c in tok.children if c.dep_ == "poss"), None)
            src = self._np(poss) if poss is not None else None
            kind = "speech" if src is not None and poss.lower_ not in ("its",) else "noun"
            frame = _Frame(kind, (tok.idx, cue_end), content, source=src, speaker_tok=poss)
            frame.fragments = [content]
            frame.quotes = self._quotes_between(*content)
            out.append(frame)
        return out

    def _adjective_frames(self) -> list[_Frame]:
        """'Republicans are confident that ...', 'he was sure (that) ...': an adjective of belief, its
        clause and the subject of its copula (an attitude: no statement)."""
        out = []
        lex = self.lex
        for tok in self.doc:
            if tok.pos_ != "ADJ" or tok.lemma_.lower() not in lex.attitude_adjectives or self.in_quote[tok.i] >= 0:
                continue
            head = tok.head if tok.dep_ == "acomp" else None
            if head is None or head.lemma_.lower() not in ("be", "seem", "appear", "remain", "feel", "become", "grow"):
                continue
            clause = next(
                (c for c in [*tok.children, *head.children] if c.dep_ in ("ccomp", "xcomp") and c.i > tok.i), None
            )
            subj = next((c for c in head.children if c.dep_ in ("nsubj",)), None)
            if clause is None or subj is None or subj.lower_ in ("it", "this", "that", "there", "which", "what"):
                continue
            if clause.dep_ == "xcomp" and not any(g.dep_ == "aux" and g.lower_ == "to" for g in clause.children):
                continue
            content = self._clause(clause)
            if content[1] <= content[0]:
                continue
            src = self._np(subj)
            frame = _Frame("attitude", (tok.idx, tok.idx + len(tok)), content, source=src, speaker_tok=subj)
            frame.fragments = [content]
            frame.quotes = self._quotes_between(*content)
            out.append(frame)
        return out

    def _according_frames(self, frames: list[_Frame]) -> list[_Frame]:
        """'According to him, ...' / '..., according to Reuters': the clause the phrase modifies."""
        out = []
        doc = self.doc
        patterns = self.lex.according_to
        for tok in doc:
            for pat in patterns:
                if tok.lower_ != pat[0] or tok.i + len(pat) > len(doc):
                    continue
                if any(doc[tok.i + k].lower_ != w for k, w in enumerate(pat)):
                    continue
                last = doc[tok.i + len(pat) - 1]
                pobj = next((c for c in last.children if c.dep_ == "pobj"), None)
                if pobj is None:
                    pobj = next((t for t in doc[last.i + 1 : last.i + 4] if t.pos_ in ("PRON", "PROPN", "NOUN")), None)
                if pobj is None or self.in_quote[tok.i] >= 0:
                    continue
                src = self._np(pobj)
                src = doc[min(src.start, pobj.i) : max(src.end, pobj.i + 1)]
                phrase = (tok.idx, src.end_char)
                sent = tok.sent
                content = self._sentence_without(sent, tok.i, src.end)
                if content is None:
                    continue
                cue = (tok.idx, last.idx + len(last))
                outlet = self._outlet(src)
                if outlet is None and {pobj.lemma_.lower(), pobj.lower_} & self.lex.channel_nouns:
                    # "according to state media", "according to the official news agency": an outlet the
                    # knowledge base cannot name, a relay all the same when someone's words come through it
                    outlet = (self._name_of(src), None)
                inner = [
                    f
                    for f in frames
                    if f.kind == "speech"
                    and f.verb is not None
                    and f.verb.sent == sent
                    and not (phrase[0] <= f.verb.idx < phrase[1])
                ]
                if outlet is not None and inner:
                    for f in inner:
                        f.hops.append(Hop(outlet[0], outlet[1], src.start_char, src.end_char))
                    out.append(_Frame("relay", cue, content, source=src, speaker_tok=pobj))
                    continue
                frame = _Frame("according", cue, content, source=src, speaker_tok=self._speaker_token(pobj))
                frame.quotes = self._quotes_between(*content)
                frame.date = None
                out.append(frame)
        return out

    def _evidence_frames(self) -> list[_Frame]:
        """'In this poll, Trump rose 1 point': a poll or a study named in a phrase on the clause is the
        source of what the clause reports (an attitude: nobody said it)."""
        out = []
        doc = self.doc
        for tok in doc:
            if tok.lower_ != "in" or tok.dep_ != "prep" or self.in_quote[tok.i] >= 0:
                continue
            pobj = next((c for c in tok.children if c.dep_ == "pobj"), None)
            if pobj is None or pobj.lemma_.lower() not in self.lex.evidence_in:
                continue
            head = tok.head
            if head.pos_ not in ("VERB", "AUX") or _inside_clause(head, head.sent.root) or head.i == tok.i:
                continue
            src = self._np(pobj)
            content = self._sentence_without(tok.sent, tok.i, tok.right_edge.i + 1)
            if content is None:
                continue
            frame = _Frame("attitude", (tok.idx, tok.idx + len(tok)), content, source=src, speaker_tok=pobj)
            frame.fragments = [content]
            frame.quotes = self._quotes_between(*content)
            frame.how = "evidence"
            out.append(frame)
        return out

    def _sentence_without(self, sent: Span, lo: int, hi: int) -> tuple[int, int] | None:
        """The sentence less the tokens ``lo:hi`` (the cue phrase), as one span."""
        before = _strip(self.doc[sent.start : lo]) if lo > sent.start else None
        after = _strip(self.doc[hi : sent.end]) if hi < sent.end else None
        parts = [p for p in (before, after) if p is not None and len(p) > 0]
        if not parts:
            return None
        if len(parts) == 2 and len(parts[0]) <= 2:
            parts = parts[1:]
        start = parts[0].start_char
        end = parts[-1].end_char
        ps, pe = self.paras[self.para_of(self.doc[lo].idx)]
        start, end = max(start, ps), min(end, pe)
        while start < end and self.text[start] in QUOTE_CHARS + " " and not self._quotes_between(start, start + 1):
            start += 1
        if end <= start:
            return None
        return self._close_quotes(start, end)
