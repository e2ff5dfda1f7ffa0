"""Acronyms that name something other than the knowledge base's entry (issue #10 item 10).

An acronym is short and shared: "TPP" is the Taiwan People's Party in the knowledge base and the
Trans-Pacific Partnership in most trade stories.  Unless the text spells out the entry's own name,
an acronym match is dropped when the text says it names something else:

* the text defines it as another phrase: "the Trans-Pacific Partnership (TPP)" -- capitalised words
  whose initials spell it, in front of it in brackets -- and then every use of it in the document is
  that phrase;
* it is used as an agreement: it modifies an agreement noun ("the TPP trade deal", "the TPP accord")
  or is what is ratified, signed or renegotiated ("ratify the TPP").  Agreements are not actors.

The words are data: ``agreement_nouns`` and ``agreement_verbs`` in ``nlp/data/actors.yaml``.  States
are never dropped (their acronyms, "US", "UK", are not ambiguous in this way), and international
bodies only by a definition (they are parties to their agreements: "the EU-Mercosur deal").
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from newsgraph.kb.base import Entry, fold
from newsgraph.nlp.actors.common import _Cand

_DEFINED = re.compile(r"((?:[A-Z][\w’'-]*[ \t]+(?:(?:of|and|for|the|on|de|du|des)[ \t]+)?){1,7})\(([A-Z]{2,8})\)")
_SMALL = {"of", "and", "for", "the", "on", "de", "du", "des"}


class Acronyms:
    """Methods of :class:`~newsgraph.nlp.actors.component.ActorResolver` (acronyms)."""

    def _acronym_elsewhere(self, doc: Doc, cand: _Cand, entry: Entry) -> bool:
        """Whether the acronym at ``cand`` names something other than ``entry`` (see the module)."""
        if entry.kind == "state":
            return False
        folded, defined = self._acronym_text(doc)
        names = {fold(n) for n in [entry.name, entry.official or "", *entry.aliases] if n and len(n) > 3}
        if any(n in folded for n in names):
            return False  # the text spells the entry out: "the Taiwan People's Party (TPP)"
        acronym = doc[cand.start : cand.end].text
        if acronym in defined:
            return True
        if entry.kind in ("igo", "alliance", "agency"):
            return False  # "the EU-Mercosur deal", "the NATO treaty": the body is a party to its agreements
        rules = self.rules
        tok = doc[cand.end - 1]
        if tok.dep_ in ("compound", "amod", "nmod") and tok.head.lemma_.lower() in rules.get("agreement_nouns", ()):
            return True  # "the TPP trade deal", "the TPP accord"
        # "ratify the TPP", "the TPP was signed"
        return tok.dep_ in ("dobj", "nsubjpass") and tok.head.lemma_.lower() in rules.get("agreement_verbs", ())

    def _acronym_text(self, doc: Doc) -> tuple[str, set[str]]:
        """The document's folded text and defined acronyms, computed once per document."""
        cached = getattr(self, "_acronym_cache", None)
        if cached is None or cached[0] is not doc:
            cached = (doc, fold(doc.text), self._defined_acronyms(doc))
            self._acronym_cache = cached
        return cached[1], cached[2]

    def _defined_acronyms(self, doc: Doc) -> set[str]:
        """Acronyms the text defines as a phrase in front of them: 'the Trans-Pacific Partnership (TPP)'."""
        out = set()
        for m in _DEFINED.finditer(doc.text):
            words = [w for w in re.split(r"[\s-]+", m.group(1)) if w and w.lower() not in _SMALL]
            if "".join(w[0] for w in words).upper().endswith(m.group(2)) and len(words) >= len(m.group(2)):
                out.add(m.group(2))
        return out
