"""Relays: who passed a statement on between its speaker and the page ("told Reuters", "as quoted by A
and reported by B", "according to <outlet>").
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from newsgraph.nlp.common import date_value
from newsgraph.nlp.statements.records import Hop


class Chains:
    """The hops of a speech verb's chain and the outlets they name."""

    def _relay_clause(self, c: Token) -> bool:
        """ "as quoted by X", "as reported by Y": a passive relay verb with "as" and a by-phrase."""
        return (
            c.dep_ == "advcl"
            and c.lemma_.lower() in self.lex.relay_verbs
            and any(g.dep_ == "mark" and g.lower_ == "as" for g in c.children)
            and any(g.dep_ == "agent" for g in c.children)
        )

    def _hops(self, v: Token) -> list[Hop]:
        """The relays named around a speech verb, in the order they passed the words on: whom the speaker
        told ("told Reuters", "in an interview with the BBC"), then who quoted and reported that."""
        near: list[Hop] = []
        far: list[Hop] = []
        # the parser often hangs "..., as quoted by X" on the reported clause rather than on the verb
        for comp in (c for c in v.children if c.dep_ == "ccomp"):
            for c in comp.children:
                if self._relay_clause(c):
                    far += self._relay_chain(c)
        for c in v.children:
            if c.dep_ in ("advcl", "conj") and c.lemma_.lower() in self.lex.relay_verbs:
                far += self._relay_chain(c)
            elif c.dep_ in ("dative", "dobj") and v.lemma_.lower() in ("tell", "give"):
                hop = self._outlet_hop(c)
                if hop is not None:
                    near.append(hop)
            elif c.dep_ == "prep":
                near += self._interview_hops(c)
            elif c.dep_ == "advcl" and c.lemma_.lower() in ("speak", "talk", "write"):
                for p in (g for g in c.children if g.dep_ in ("prep", "dative")):
                    pobj = next((g for g in p.children if g.dep_ == "pobj"), None)
                    if p.lower_ in self.lex.relay_preps and pobj is not None:
                        hop = self._outlet_hop(pobj)
                        if hop is not None:
                            near.append(hop)
        return near + far

    def _relay_chain(self, r: Token) -> list[Hop]:
        hops = []
        agent = next((c for c in r.children if c.dep_ == "agent"), None)
        pobj = next((g for g in agent.children if g.dep_ == "pobj"), None) if agent is not None else None
        if pobj is not None:
            np = self._np(pobj)
            name, actor_id = self._outlet(np) or (self._name_of(np), None)
            hop = Hop(name, actor_id, *self._mention_extent(np))
            t = self._own_time(r, exclude=set())
            hop.date = date_value(t) if t is not None and t.value else None
            hops.append(hop)
        for c in r.children:
            if c.dep_ == "conj" and c.lemma_.lower() in self.lex.relay_verbs:
                hops += self._relay_chain(c)
        return hops

    def _interview_hops(self, prep: Token) -> list[Hop]:
        """'in an interview with X', 'in comments to X'."""
        if prep.lower_ not in ("in", "during"):
            return []
        noun = next((g for g in prep.children if g.dep_ == "pobj"), None)
        if noun is None or noun.lemma_.lower() not in self.lex.relay_nouns:
            return []
        for p in noun.children:
            if p.dep_ == "prep" and p.lower_ in self.lex.relay_preps:
                pobj = next((g for g in p.children if g.dep_ == "pobj"), None)
                if pobj is not None:
                    hop = self._outlet_hop(pobj)
                    return [hop] if hop is not None else []
        return []

    def _outlet_hop(self, tok: Token) -> Hop | None:
        np = self._np(tok)
        outlet = self._outlet(np)
        if outlet is None:
            return None
        return Hop(outlet[0], outlet[1], *self._mention_extent(np))

    def _mention_extent(self, np: Span) -> tuple[int, int]:
        """The phrase's characters, widened to the mentions it cuts ('Russia' of 'Russia Today')."""
        start, end = np.start_char, np.end_char
        for t in np:
            m = self.mentions.get(t.i)
            if m is not None:
                start, end = min(start, m.start), max(end, m.end)
        return start, end

    def _outlet(self, np: Span) -> tuple[str, str | None] | None:
        """(name, actor id) when the phrase names a media outlet (known, or by a channel noun), else None."""
        media = None
        for t in np:
            m = self.mentions.get(t.i)
            if m is not None and len(m.actor_ids) == 1:
                actor = self.actors.get(m.actor_ids[0])
                if actor is not None and actor.kind == "media":
                    media = actor
                    break
        words = {t.lower_ for t in np}
        lower = np.text.lower()
        platform = next((v for k, v in self.lex.platforms.items() if k in words or (" " in k and k in lower)), None)
        if media is not None:
            name = media.name
            if platform and platform.lower() not in name.lower():
                name = f"{name} ({platform})"
            return name, media.id
        if words & self.lex.channel_nouns and any(t.pos_ == "PROPN" for t in np):
            return self._name_of(np), None
        return None

    def _name_of(self, np: Span) -> str:
        props = [t for t in np if t.pos_ == "PROPN"]
        if props:
            return self.doc[props[0].i : props[-1].i + 1].text
        return np.text
