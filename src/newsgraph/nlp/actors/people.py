"""People the knowledge base does not know: fuller names earlier in the document, titles and appositions."""

from __future__ import annotations

import datetime as dt
import re

from spacy.tokens import Doc

from newsgraph.kb.base import fold
from newsgraph.nlp.actors.common import (
    Resolved,
    _Cand,
    _slug,
)


class People:
    """Methods of :class:`~newsgraph.nlp.actors.component.ActorResolver` (people)."""

    def _note_person(self, person: Resolved, surface: str, persons: dict[str, Resolved]) -> None:
        for key in {fold(surface), fold(person.name), fold(person.name.split()[-1]), fold(surface.split()[-1])}:
            persons.setdefault(key, person)

    def _person(self, doc: Doc, cand: _Cand, on: dt.date | None, persons: dict[str, Resolved]) -> Resolved | None:
        """A person the knowledge base does not know.

        The same person as a fuller name seen before in the document, else a
        document-local actor -- but only when the text says who they are (a
        title or an apposition naming a role): a bare name stays unresolved.
        """
        span = doc[cand.start : cand.end]
        text = re.sub(r"['’]s$", "", span.text).strip()
        known = persons.get(fold(text)) or persons.get(fold(text.split()[-1]))
        if known is not None:
            return known
        title = self._title_for(doc, cand)
        if title is None:
            return None
        role, sector, country = title
        if country is None:
            # "Rep. Adam Schiff", "Sen. Mitch McConnell, R-Ky.": a title or party-state tag that says the country
            right = doc[min(len(doc), cand.end + 6) - 1]
            country = self.kb.sectors.country_of_title(doc[max(0, cand.start - 3) : cand.start].text)
            country = country or self.kb.sectors.country_of_title(doc.text[span.end_char : right.idx + len(right)])
        if country is None:
            # "President Bush" on a date no Bush held the post: the country of the knowledge base's people of that
            # surname who ever held it, when they share one
            country = self._country_of_holders(text.split()[-1], role)
        if country is None and cand.end < len(doc) and doc[cand.end].lower_ == "of":
            country = self._country_near(doc[cand.end + 1 : cand.end + 4].text)  # "Minister X of Nigeria"
        if country is None:
            # "Vice-President Moody Awori ... the Kenya Anti-Corruption Commission": the one country the
            # sentence names is the official's
            named = {
                self._country_near(t.text)
                for t in span.sent
                if t.text[:1].isupper() and t.i not in range(cand.start, cand.end)
            } - {None}
            country = named.pop() if len(named) == 1 else None
        person = Resolved(f"person:{_slug(text)}", text, "person", country, sector, role)
        self._note_person(person, text, persons)
        return person

    def _country_of_holders(self, surname: str, title: str) -> str | None:
        position = self.kb.sectors.titles.get(fold(title.split(";")[0]), (None, None))[0]
        if position is None:
            return None
        entries = [self.kb.entries[i] for i in self.kb.surnames.get(fold(surname), [])]
        countries = {e.country for e in entries if e.country and any(r.position == position for r in e.roles)}
        return countries.pop() if len(countries) == 1 else None

    def _title_for(self, doc: Doc, cand: _Cand) -> tuple[str, str | None, str | None] | None:
        """(role, sector, country) from the title before a name or an apposition after it."""
        titles = self.kb.sectors.titles
        left = max(0, cand.start - 8)
        window = doc[left : cand.start]
        # drop a parenthetical gloss between title and name: "Minister of Foreign Affairs (Menlu) Yoshimasa"
        text = re.sub(r"\s*\([^)]*\)\s*$", "", window.text).strip()
        # "China's ambassador to Britain Liu Xiaoming", "envoy to the UN": the post's place is not the holder's
        text = re.sub(r"\s+(?:to|at)\s+(?:the\s+)?[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}$", "", text)
        # "Foreign Minister of Bahamas, Mr. Willem Kooi": an honorific and a comma after the title, and the post's
        # country in an of-phrase
        honorific = text.split()[-1].lower().rstrip(".") if text.split() else ""
        if honorific in self.honorifics:
            text = " ".join(text.split()[:-1])
        text = text.rstrip(", ")
        of_country = None
        m = re.search(r"\s+of\s+(?:the\s+)?([A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})$", text)
        if m and self._country_near(m.group(1)):
            of_country, text = self._country_near(m.group(1)), text[: m.start()]
        best: tuple[str, str | None, str | None] | None = None
        for n in range(min(6, len(text.split())), 0, -1):
            words = text.split()[-n:]
            phrase = fold(" ".join(words))
            if phrase in titles:
                position, sector = titles[phrase]
                country = of_country or self._country_near(" ".join(text.split()[-n - 2 : -n]))
                country = country or self._body_country(" ".join(text.split()[-n - 3 : -n]))
                best = (" ".join(words), sector, country)
                break
        appos = [t for t in doc[cand.start : cand.end].root.children if t.dep_ == "appos"]
        if appos and self._names_a_role(doc[appos[0].left_edge.i : appos[0].right_edge.i + 1].text):
            phrase = doc[appos[0].left_edge.i : appos[0].right_edge.i + 1]
            country = self._country_near(phrase.text) or self._body_country(phrase.text)
            desc = re.sub(r"^(?:a|an|the)\s+", "", phrase.text)
            if best is None:
                sector = next(
                    (sec for t, (_, sec) in titles.items() if fold(desc).startswith(t + " ") or fold(desc) == t), None
                )
                best = (desc, sector, country)
            else:
                best = (f"{best[0]}; {desc}", best[1], best[2] or country)
        return best

    def _body_country(self, text: str) -> str | None:
        """The code of the one organisation the words name ("OAS deputy spokesman", "a spokesman for the
        Arab League"): an international body's (IGO, UNO, EUR), a national body's country."""
        found: set[str] = set()
        for m in re.finditer(r"[A-Z][\w’'.&-]*(?:\s+(?:of\s+(?:the\s+)?)?[A-Z][\w’'.&-]*){0,5}", text):
            for entry in self.kb.lookup(m.group(0)):
                if entry.kind not in ("state", "person", "region", "group"):
                    code = entry.code if entry.kind in ("igo", "alliance") else entry.country
                    if code:
                        found.add(code)
        return found.pop() if len(found) == 1 else None

    def _names_a_role(self, text: str) -> bool:
        """An apposition that says what a person is ("a member of the ... Party", "the army chief")."""
        words = fold(text).split()
        lex = self.kb.sectors
        if any(w in lex.titles or w in lex.nouns for w in words):
            return True
        return bool(
            re.search(r"\b(?:member|leader|head|chief|founder|chairman|chairwoman|secretary)\b", " ".join(words))
        )
