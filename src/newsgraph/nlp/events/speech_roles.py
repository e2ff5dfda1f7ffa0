"""Who a statement's speech act is from and at (used by ``speech.py``): the cue's token, the speaker's
actors, the speaker's own side, the cue's addressee and the actor the content is about."""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc, Span, Token

from newsgraph.model import Event, Statement
from newsgraph.nlp.events.rules import _OBJ, _SUBJ, _pobj

# Prepositions of a cue that name its addressee or what it is about ("called on", "appealed to").
_ADDRESSEE_PREPS = ("on", "upon", "to", "for", "against", "at", "with", "over", "of")


class SpeechRoles:
    """The roles of a speech act; ``coder`` is the events stage's coder (actors, subjects, senses)."""

    coder: Any

    def _trigger_index(self, doc: Doc, events: list[Event]) -> dict[str, list[Token]]:
        """Event id -> the tokens of its evidence sentence that are its trigger word."""
        out: dict[str, list[Token]] = {}
        for e in events:
            if not e.trigger:
                continue
            sent = doc.char_span(e.evidence.start, e.evidence.end, alignment_mode="expand")
            if sent is None:
                continue
            out[e.id] = [t for t in sent if t.text == e.trigger.split()[0]]
        return out

    def _cue(self, doc: Doc, st: Statement) -> Token | None:
        """The cue's token: the word the statement names as its cue nearest to its content."""
        if not st.cue:
            return None
        word = st.cue.split()[0].lower()
        first = doc.char_span(st.start, st.end, alignment_mode="expand")
        if first is None:
            return None
        lo = first[0].sent.start
        hi = first[-1].sent.end
        if lo > 0:
            lo = doc[lo - 1].sent.start  # "He said: / 'A ...'" across a sentence break
        if hi < len(doc):
            hi = doc[hi].sent.end
        best: tuple[int, Token] | None = None
        for t in doc[lo:hi]:
            if t.lower_ != word:
                continue
            dist = 0 if st.start <= t.idx < st.end else min(abs(t.idx - st.start), abs(t.idx - st.end))
            if best is None or dist < best[0]:
                best = (dist, t)
        if best is None:
            # a later paragraph of a quotation, a statement of its own: its cue frames the first paragraph
            for t in reversed(doc[max(0, first.start - 150) : first.start]):
                if t.lower_ == word:
                    return t
        return best[1] if best else None

    def _speaker(
        self, doc: Doc, st: Statement, cue: Token, actors_at: dict[int, list[str]], actor_ids: set[str]
    ) -> list[str]:
        """The speaker's actors: the statements stage's resolution, else the cue's subject, else a mention
        of the speaker's words next to the cue."""
        if st.speaker and st.speaker in actor_ids:
            return [st.speaker]
        subject = self.coder._clause_subject(cue, actors_at)
        if subject:
            return subject
        words = [w for w in (st.speaker_text or "").replace("'s", "").split() if w[:1].isupper()]
        if words and not words[-1].isupper():
            # "Schiff" after "Rep. Adam Schiff": the one actor of the document whose name ends the same
            named = [a.id for a in doc._.actors or [] if a.kind == "person" and a.name.split()[-1:] == words[-1:]]
            if len(named) == 1:
                return named
        return []

    def _own(self, doc: Doc, speaker: list[str]) -> set[str]:
        """The speaker's own state and its organs: a leader speaking of "the United States" speaks of
        his own side."""
        kinds = {a.id: a for a in doc._.actors or []}
        official = [
            a for a in speaker if a in kinds and (kinds[a].kind == "state" or kinds[a].role or a.endswith("-GOV"))
        ]
        country = {self.coder._country.get(a) for a in official} - {None}
        return {
            a.id
            for a in doc._.actors or []
            if a.country in country and (a.kind == "state" or a.id.endswith(("-GOV", "-MIL", "-COP")))
        }

    def _addressee(
        self, cue: Token, speaker: list[str], actors_at: dict[int, list[str]], clauses: bool = True
    ) -> list[str]:
        """Whom the cue addresses or is about: its object ("condemned Turkey"), the agent of an object
        that names an act ("welcomed the decision by South Korea"), or a preposition's object ("called on
        Congress"); places in locatives ("the bombing of a camp in South Sudan") are where, not whom."""
        coder = self.coder
        for c in cue.children:
            if c.dep_ in _OBJ or (c.dep_ == "prep" and c.lower_ in _ADDRESSEE_PREPS):
                head = _pobj(c) if c.dep_ == "prep" else c
                if head is None:
                    continue
                own = [a for a in coder._np_actors(head, actors_at) if a not in speaker]
                if own:
                    return own
                for g in head.children:
                    if g.dep_ == "prep" and g.lower_ in ("by", "of", "from"):
                        agent = [a for a in coder._np_actors(_pobj(g), actors_at) if a not in speaker]
                        if agent:
                            return agent
        for c in cue.children if clauses else ():
            if c.dep_ in ("ccomp", "xcomp"):
                subject = coder._subject(c)
                asked = [a for a in coder._actors_of(subject, actors_at) if a not in speaker]
                if asked:
                    return asked
        return []

    def _about(
        self,
        content: Span | None,
        speaker: list[str],
        actors_at: dict[int, list[str]],
        own: set[str] = frozenset(),
        near: list[int] | None = None,
    ) -> list[str]:
        """The actor the content is about: the subject of its main clause, else the first actor it names
        outside a locative -- past the speaker's own side ("sow discord in American politics and help
        elect Donald Trump", said by an American)."""
        if content is None:
            return []
        coder = self.coder
        side = set(speaker) | set(own)
        for t in content:
            if t.dep_ in _SUBJ and t.head.i >= content.start and t.head.i < content.end:
                found = [a for a in coder._actors_of(t, actors_at) if a not in side]
                # "the visit by the American delegation to Taiwan was a provocation": whose act the subject is
                inner = [
                    a
                    for g in t.subtree
                    if g.i in actors_at and not (g.dep_ == "pobj" and g.head.lower_ in ("in", "at", "near", "to"))
                    for a in actors_at[g.i]
                    if a not in side
                ]
                if found or inner:
                    return found or inner[:1]
                break
        named = [
            t
            for t in content
            if t.i in actors_at
            and not (t.dep_ == "pobj" and t.head.lower_ in ("in", "at", "near"))
            and any(a not in side for a in actors_at[t.i])
        ]
        if near:
            # an evaluation is of the actor named nearest its words ("... to North Korea that there are
            # consequences to its unlawful and dangerous actions")
            named.sort(key=lambda t: min(abs(t.i - i) for i in near))
        for t in named[:1]:
            return [a for a in actors_at[t.i] if a not in side]
        return []

    def _calls_for(self, cue: Token) -> bool:
        """A verb of demand whose "for" the parser hung as the mark of a clause ("called for X to be ...")."""
        return cue.lemma_.lower() in self.demand_cues and any(
            c.dep_ == "advcl" and c.i > cue.i and c.left_edge.lower_ == "for" for c in cue.children
        )

    @staticmethod
    def _yields(e: Event, speaker: list[str], own: set[str]) -> bool:
        """Whether an event on a refusal's verb is the refused act itself: the speaker's side's, not stated
        as having happened."""
        return e.modality not in ("asserted", "reported", "background") and set(e.source) <= set(speaker) | own
