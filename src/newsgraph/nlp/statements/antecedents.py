"""Speakers: the actor a statement's source names.

The speaker is the head of the source phrase (issue #10 item 14): its own mention, a name in
apposition to it, or the body a role or a document speaks for ("a spokesman for the ministry", "a
joint statement from the two agencies"); never a name inside a modifier of the head ("Avi Bell, a
senior fellow at ... in Israel"; "settlers, who form part of Netanyahu's constituency").  A
document with no issuer named ("the statement said") speaks for the last speaker before it.

A personal pronoun is resolved again here, whatever the actor stage chose: walking back sentence by
sentence (to the start of the previous paragraph), the first actor that agrees with it in gender
or number (``speaker_pronouns`` and ``gender_words`` in ``data/attribution.yaml``; a person's
gender from the knowledge base or from a title or role noun next to one of its names) is taken,
the speakers of that sentence first, then its subjects, then its other names; names inside
quotations and reported contents are left out (they are what was said, not who said it).
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from newsgraph.model import Mention
from newsgraph.nlp.statements.records import _Frame
from newsgraph.nlp.statements.spans import _PERSONISH, _head_phrase

# Dependencies that keep a word inside the head of a noun phrase (its name, title and apposition).
_HEAD_DEPS = ("compound", "amod", "det", "nummod", "poss", "appos", "flat", "nmod", "case", "conj", "cc", "punct")
_SUBJECT_DEPS = ("nsubj", "nsubjpass")


class Speakers:
    """The speaker of a frame: head of the source phrase, pronouns and documents resolved."""

    def _speaker(self, f: _Frame, depth: int = 0) -> tuple[str | None, str | None]:
        tok = f.speaker_tok
        if f.source is None and tok is None:
            return None, None
        head = tok if tok is not None else f.source.root
        need = self.lex.speaker_pronouns.get(head.lower_) if head.pos_ == "PRON" else None
        if need is not None and depth < 3:
            found = self._antecedent(head, need, depth)
            if found is not None:
                # the words of the source stay the pronoun when an actor stands for it; a name the actor
                # stage left unresolved is all there is to say who spoke
                return (found.actor_ids[0], head.text) if found.actor_ids else (None, found.text)
        if head.lemma_.lower() in self.lex.document_nouns and depth < 3:
            issuer = self._issuer(head)
            if issuer is not None:
                return issuer.actor_ids[0], issuer.text
            issuer_np = self._speaks_for(head)
            if issuer_np is not None:
                return None, issuer_np.text  # 'a joint statement from the two agencies'
            prev = self._previous_speaker(head, depth)
            if prev is not None:
                return prev
        cands = self._head_mentions(head, f.source)
        single = [m for m in cands if len(m.actor_ids) == 1]
        person = [m for m in single if m.label in _PERSONISH]
        best = (person or single or [None])[0]
        if best is not None:
            of = self._speaks_for(head)
            if of is not None and f.source is not None and of.start_char <= best.start < of.end_char:
                # 'a spokesman for the ministry': the ministry speaks, through the words of its spokesman
                return best.actor_ids[0], self.text[f.source.start_char : of.end_char]
            return best.actor_ids[0], best.text
        if f.source is not None:
            return None, _head_phrase(f.source)
        return None, None

    def _head_mentions(self, head: Token, source: Span | None) -> list[Mention]:
        """The mentions of the head of the source phrase: the head's own, then those in apposition
        or compound to it, then the body it speaks for ('a spokesman for the ministry')."""
        out: list[Mention] = []
        if head.i in self.mentions:
            out.append(self.mentions[head.i])
        lo, hi = (source.start, source.end) if source is not None else (head.i, head.i + 1)
        for t in head.subtree:
            if not lo <= t.i < hi or t.i not in self.mentions:
                continue
            m = self.mentions[t.i]
            if m not in out and self._in_head(t, head):
                out.append(m)
        return out

    def _in_head(self, t: Token, head: Token) -> bool:
        """Whether ``t`` hangs on ``head`` through the head's own words, or a 'for/of/from' phrase."""
        cur = t
        while cur.i != head.i:
            if cur.dep_ == "pobj" and cur.head.dep_ == "prep":
                prep = cur.head
                if prep.lower_ not in self.lex.speaks_for_preps or prep.head.i != head.i:
                    return False
                cur = prep.head
                continue
            if cur.dep_ not in _HEAD_DEPS or cur.head.i == cur.i:
                return False
            cur = cur.head
        return True

    def _issuer(self, head: Token) -> Mention | None:
        """The issuer named with a document noun: 'its statement', 'a statement from the agencies'."""
        for t in head.subtree:
            m = self.mentions.get(t.i)
            if m is not None and t.i != head.i and self._in_head(t, head) and len(m.actor_ids) >= 1:
                return m
        return None

    def _speaks_for(self, head: Token) -> Span | None:
        """The phrase of a 'for/of/from/by' complement of the head ('spokesman for the ministry')."""
        prep = next((c for c in head.rights if c.dep_ == "prep" and c.lower_ in self.lex.speaks_for_preps), None)
        pobj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
        return self.doc[pobj.left_edge.i : pobj.right_edge.i + 1] if pobj is not None else None

    def _previous_speaker(self, tok: Token, depth: int) -> tuple[str, str | None] | None:
        """The speaker of the last statement with an actor before ``tok``, in this or the previous paragraph."""
        lo = self._window_start(tok)
        for f in sorted(self._frames, key=lambda f: f.cue[0], reverse=True):
            if not (lo <= f.cue[0] < tok.idx) or f.kind not in ("speech", "according", "label", "signature"):
                continue
            speaker, text = self._speaker(f, depth + 1)
            if speaker is not None:
                return speaker, text
        return None

    def _window_start(self, tok: Token) -> int:
        """Where the search for an antecedent stops: the start of the previous paragraph, or of the third
        sentence back when paragraphs are single sentences (wire copy)."""
        p = self.para_of(tok.idx)
        floor = self.paras[max(0, p - 1)][0]
        sent = tok.sent
        for _ in range(3):
            if sent.start == 0:
                break
            sent = self.doc[sent.start - 1].sent
        return min(floor, sent.start_char)

    def _antecedent(self, pron: Token, need: str, depth: int) -> Mention | None:
        """The actor a speaker pronoun stands for (see the module's docstring)."""
        doc = self.doc
        floor = self._window_start(pron)
        sent = pron.sent
        while sent is not None and sent.end_char > floor:
            found = self._antecedent_in(sent, pron, need, depth)
            if found is not None:
                return found
            sent = doc[sent.start - 1].sent if sent.start > 0 else None
        return None

    def _antecedent_in(self, sent: Span, pron: Token, need: str, depth: int) -> Mention | None:
        speakers: list[Mention] = []
        for f in self._frames:
            if f.verb is None or f.speaker_tok is None or not (sent.start <= f.speaker_tok.i < min(sent.end, pron.i)):
                continue
            if f.speaker_tok.i == pron.i:
                continue
            m = self._person_or_actor(f.speaker_tok.i)
            if m is None and f.speaker_tok.pos_ == "PROPN" and f.source is not None:
                # a named speaker the actor stage left without an actor ('Schiff called on ...'): a person
                np = self.doc[f.speaker_tok.left_edge.i : f.speaker_tok.i + 1]
                m = Mention(np.text, np.start_char, np.end_char, "PERSON")
            if f.speaker_tok.pos_ == "PRON" and depth < 2:
                sub = self.lex.speaker_pronouns.get(f.speaker_tok.lower_)
                m = self._antecedent(f.speaker_tok, sub, depth + 1) if sub else None
            if m is not None and self._agrees(m, need):
                speakers.append(m)
        if speakers:
            return speakers[-1]
        subjects: list[Mention] = []
        others: list[Mention] = []
        for t in sent:
            if t.i >= pron.i:
                break
            m = self._person_or_actor(t.i)
            if m is None or t.pos_ == "PRON" or self.in_quote[t.i] >= 0 or self._in_content(t.idx):
                continue
            if not self._agrees(m, need):
                continue
            in_subject = any(a.dep_ in _SUBJECT_DEPS for a in [t, *t.ancestors][:3])
            (subjects if in_subject else others).append(m)
        if subjects:
            return subjects[0]
        return others[0] if others else None

    def _in_content(self, char: int) -> bool:
        return any(
            f.content[0] <= char < f.content[1] and f.kind in ("speech", "according", "label", "signature")
            for f in self._frames
        )

    def _person_or_actor(self, i: int) -> Mention | None:
        """The actor mention at token ``i``, else a person's name the actor stage could not resolve."""
        return self.mentions.get(i) or self.names.get(i)

    def _agrees(self, m: Mention, need: str) -> bool:
        if not m.actor_ids:  # a person's name with no actor ('9/11 widow Terry Strada')
            if need not in ("p", "m", "f"):
                return False
            return need == "p" or self._gender("name:" + m.text.split()[-1]) in (None, need)
        actors = [self.actors.get(a) for a in m.actor_ids]
        if any(a is None for a in actors):
            return False
        persons = [a.kind == "person" for a in actors]
        if need in ("m", "f", "p"):
            if len(actors) != 1 or not persons[0]:
                return False
            return need == "p" or self._gender(actors[0].id) in (None, need)
        if need == "o":
            return len(actors) == 1 and not persons[0]
        return len(actors) > 1 or not persons[0] or m.text.lower().endswith("s")  # g: a group

    def _gender(self, actor_id: str) -> str | None:
        cache = self._genders
        if actor_id in cache:
            return cache[actor_id]
        gender = self.tagger.actor_gender(actor_id)
        if gender is None:
            words = self.lex.gender_words
            surname = actor_id[5:] if actor_id.startswith("name:") else None
            for m in self.doc._.mentions or []:
                mine = actor_id in m.actor_ids if surname is None else m.text.split()[-1] == surname
                if not mine or m.label == "PRON":
                    continue
                span = self.doc.char_span(m.start, m.end, alignment_mode="expand")
                if span is None:
                    continue
                near = [*span, *([self.doc[span.start - 1]] if span.start else [])]
                near += [t.head for t in span if t.dep_ == "appos"] + [c for t in span for c in t.children]
                hit = next((words[t.lower_] for t in near if t.lower_ in words and t.pos_ != "PRON"), None)
                if hit is not None:
                    gender = hit
                    break
        cache[actor_id] = gender
        return gender
