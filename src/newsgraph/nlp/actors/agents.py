"""Agents: nationality + agent noun ("four Saudi men"), a country's sector agents, titles without names."""

from __future__ import annotations

import datetime as dt
import re

from spacy.tokens import Doc

from newsgraph.kb.base import Entry, fold
from newsgraph.nlp.actors.common import (
    _SENIOR,
    STATE_SECTORS,
    Resolved,
    _Cand,
    _left_edge,
)


class Agents:
    """Methods of :class:`~newsgraph.nlp.actors.component.ActorResolver` (agents)."""

    def _agent(self, state: Entry, sector: str) -> Resolved:
        desc = self.kb.sectors.codes.get(sector, sector).split(":")[0].split(",")[0].strip().lower()
        kind = "state" if sector in STATE_SECTORS else "group"
        # a region or organisation has no ISO code of its own: its PLOVER code ("EUR"), else its id
        country = state.country or state.code
        actor_id = f"{country or state.id}-{sector}"
        return Resolved(actor_id, f"{state.name} ({desc})", kind, country, sector)

    def _agent_phrase(
        self, doc: Doc, cand: _Cand, state: Entry, nouns_only: bool = False
    ) -> tuple[Resolved, int, int] | None:
        """Nationality + agent noun: "four Saudi men", "an American destroyer".

        With ``nouns_only`` (a country name used as a modifier: "US senators")
        the agent noun must follow at once.
        """
        nouns = self.kb.sectors.nouns
        i = cand.end
        possessive = i < len(doc) and doc[i].lower_ in ("'s", "’s")
        if possessive:
            i += 1  # "Myanmar's military", "Pakistan's Supreme Court"
            if self._title_follows(doc, i, senior=True):
                return None  # "Russia's defence minister": the holder of the post
        elif nouns_only and (i >= len(doc) or doc[i].pos_ != "NOUN" or doc[i].dep_ in ("poss", "compound")):
            return None  # "US senators" yes; "Macedonia candidate status" no
        # the noun phrase continues with at most two modifiers before its head noun
        for j in range(i, min(i + (1 if nouns_only and not possessive else 3), len(doc))):
            tok = doc[j]
            if tok.pos_ not in ("NOUN", "PROPN", "ADJ") and tok.tag_ not in ("NN", "NNS"):
                break
            if j in self._kb_starts:
                break  # a name of its own follows ("Chile's Defense Department"): it resolves itself
            two = fold(doc[j : j + 2].text) if j + 1 < len(doc) else None
            sector = (nouns.get(two) if two else None) or nouns.get(tok.lower_) or nouns.get(fold(tok.lemma_))
            head = tok.pos_ in ("NOUN", "PROPN") or (tok.pos_ == "ADJ" and tok.dep_ != "amod")  # "Myanmar's military"
            if sector and head:
                end = j + (2 if two and nouns.get(two) else 1)
                start = _left_edge(doc, cand.start)
                if self._former_before(doc, start):
                    sector = "ELI"  # "a former Peruvian minister"
                return self._agent(state, sector), start, end
            if tok.pos_ == "PROPN" and not possessive:
                break
        return None

    def _former_before(self, doc: Doc, i: int) -> bool:
        """ "former", "ex-", "exiled" just before the phrase (after its determiner)."""
        prefixes = set(self.kb.sectors.former_prefixes) or {"former", "ex-", "ex"}
        for j in range(i, max(-1, i - 3), -1):
            if j < len(doc) and (doc[j].lower_ in prefixes or doc[j].lower_.rstrip("-") in prefixes):
                return True
        return False

    def _titles_without_names(self, doc: Doc, cands: list[_Cand], on: dt.date | None) -> list[_Cand]:
        """ "the Japanese foreign minister": whoever held the post on the document date."""
        taken = {i for c in cands if c.resolved and c.how != "adjective" for i in range(c.start, c.end)}
        person_starts = {c.start for c in cands if c.label == "PERSON" or any(r.kind == "person" for r in c.resolved)}
        spans = sorted(((s, e) for _, s, e in self.titles(doc)), key=lambda se: (se[0], -(se[1] - se[0])))
        out: list[_Cand] = []
        last_end = -1
        for start, end in spans:
            if start < last_end or any(i in taken for i in range(start, end)):
                continue
            nxt = end
            if nxt < len(doc) and doc[nxt].text == "(":  # "Minister of Foreign Affairs (Menlu) Yoshimasa Hayashi"
                close = next((k for k in range(nxt, min(nxt + 6, len(doc))) if doc[k].text == ")"), None)
                nxt = close + 1 if close is not None else nxt
            if nxt in person_starts or (nxt < len(doc) and doc[nxt].ent_type_ == "PERSON"):
                continue  # a title before a name: the name carries it
            position, sector = self.kb.sectors.titles[fold(doc[start:end].text)]
            if position not in _SENIOR:
                continue  # "a Canadian judge" is an agent, not the one holder of a post
            country = None
            # "the South Korean president", "Japan's foreign minister", "the US secretary of state"
            for c in cands:
                gap = start - c.end
                if (
                    c.resolved
                    and c.resolved[0].kind == "state"
                    and (gap == 0 or (gap == 1 and doc[c.end].lower_ in ("'s", "’s")))
                ):
                    country, start = c.resolved[0].country, _left_edge(doc, c.start)
                    break
            before = doc[max(0, start - 3) : start]
            for tok in reversed(before) if country is None else ():
                country = self._country_near(tok.text) if tok.text[:1].isupper() else None
                if country:
                    start = _left_edge(doc, tok.i)
                    break
            if country is None and end + 1 < len(doc) and doc[end].lower_ == "of":
                tail = doc[end + 1 : min(len(doc), end + 4)]
                country = self._country_near(tail.text)
                if country:
                    end = next((t.i + 1 for t in tail if self._country_near(t.text)), end)
            if country is None:
                # "the president", "the prime minister" with no country: the last person named before who holds
                # that post (by the knowledge base on the date, or by the title the text gave them)
                holder = self._last_holder(cands, start, position, on, fold(doc[start:end].text))
                if holder is not None and _definite(doc, start):
                    out.append(_Cand(_left_edge(doc, start), end, "title", None, [holder], "ROLE"))
                    last_end = end
                continue
            holders = self.kb.holders(country, position, on)
            if len(holders) != 1:
                continue
            cand = _Cand(start, end, "title", None, [self._from_entry(holders[0], on)], "ROLE")
            out.append(cand)
            last_end = end
        return out

    def _last_holder(
        self, cands: list[_Cand], before: int, position: str, on: dt.date | None, title: str = ""
    ) -> Resolved | None:
        """The person named last before token ``before`` who holds ``position``: a knowledge-base person by their
        role on the date, a person the text titled ("Foreign Secretary Jack Straw") by that title.  One whose
        role has the very title ("the secretary of state": Kerry, not Lavrov) goes first."""
        titles = self.kb.sectors.titles
        best: tuple[tuple[bool, int], Resolved] | None = None
        for c in cands:
            if c.end > before or not c.resolved or c.resolved[0].kind != "person" or len(c.resolved) != 1:
                continue
            person = c.resolved[0]
            entry = self.kb.entries.get(person.id)
            if entry is not None:
                current = entry.role_on(on)
                held = current is not None and current.position == position
                named = fold(current.title if current is not None else "")
            else:
                named = fold(person.role or "").split(";")[0].strip()
                held = any(named == t or named.endswith(" " + t) for t, (pos, _) in titles.items() if pos == position)
            rank = (bool(title) and (named == title or named.endswith(" " + title)), c.start)
            if held and (best is None or rank > best[0]):
                best = (rank, person)
        return best[1] if best else None

    def _country_near(self, text: str) -> str | None:
        words = [re.sub(r"['’]s$", "", w) for w in re.findall(r"[A-Z][\w’'.-]*", text)]
        # two-word names first ("South Korean", "United States"), then single words
        for word in [f"{a} {b}" for a, b in zip(words, words[1:], strict=False)] + words:
            for index in (self.kb.adjectives, self.kb.names, self.kb.metonyms):
                for actor_id in index.get(fold(word), []):
                    entry = self.kb.entries[actor_id]
                    if entry.kind == "state":
                        return entry.country
            for actor_id in self.kb.acronyms.get(word, []):
                entry = self.kb.entries[actor_id]
                if entry.kind == "state":
                    return entry.country
        return None


def _definite(doc: Doc, start: int) -> bool:
    """A title read as one person: "the president", "The prime minister" (not "a president", "presidents")."""
    return start > 0 and doc[start - 1].lower_ == "the"
