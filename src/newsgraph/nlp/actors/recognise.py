"""Recognition: knowledge-base phrases, acronyms and tagger entities joined over the ``Doc``, longest span first."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from newsgraph.kb.base import fold
from newsgraph.nlp.actors.common import (
    _Cand,
    _capitalised,
    _one_edit,
)


class Recognition:
    """Methods of :class:`~newsgraph.nlp.actors.component.ActorResolver` (recognise)."""

    def _recognise(self, doc: Doc) -> list[_Cand]:
        kb = self.kb
        found: list[_Cand] = []
        adjective_spans = set()
        for match_id, start, end in self.phrases(doc):
            how = self.vocab.strings[match_id]
            span = doc[start:end]
            if how != "description" and not (_capitalised(span) or span.text in self.lowercase_names):
                continue
            if how == "adjective":
                adjective_spans.add((start, end))
            found.append(_Cand(start, end, how))
        # A word that is both adjective and demonym ("Russian") is read as the adjective.
        found = [c for c in found if not (c.how == "demonym" and (c.start, c.end) in adjective_spans)]
        # A one-word title known only with its article ("The Australian", "The Hindu") names the outlet
        # only after the article and with no noun after it ("the Australian government", "Hindu
        # nationalists" are no outlet).
        found = [
            c
            for c in found
            if not (
                c.how == "name"
                and c.end - c.start == 1
                and fold(doc[c.start].text) in self.article_names
                and not self._title_use(doc, c)
            )
        ]
        kb_spans = [(c.start, c.end) for c in found]
        for _, start, end in self.acronyms(doc):
            found.append(_Cand(start, end, "acronym"))
            kb_spans.append((start, end))
        for ent in doc.ents:
            if ent.label_ not in self.ner_labels or self._is_title(ent):
                continue
            start, end = ent.start, ent.end
            if ent[0].lower_ == "the" and end - start > 1:
                start += 1
            if doc[end - 1].lower_ in ("'s", "’s", "'") and end - start > 1:
                end -= 1  # "Guinea-Bissau's" -> "Guinea-Bissau"
            span = doc[start:end]
            if not _capitalised(span):
                continue  # "china" in "fine china"
            # "the Government of the United States of America", "Radical French": the name inside counts,
            # when a function word or only plain modifiers set it apart ("Denzel Washington" stays one
            # unknown name)
            if (
                ent.label_ != "PERSON"
                and not kb.lookup(span.text)
                and any(
                    start < s
                    and e <= end
                    and (
                        doc[s - 1].pos_ in ("ADP", "DET", "CCONJ", "PUNCT")
                        or (e == end and all(t.pos_ in ("ADJ", "ADV", "DET") for t in doc[start:s]))
                        # a capitalised first word before a nationality adjective ("Radical French
                        # farmers" at the start of a sentence, tagged a proper noun)
                        or ((s, e) in adjective_spans and s == start + 1 and doc[start].is_sent_start)
                    )
                    for s, e in kb_spans
                )
            ):
                continue
            found.append(_Cand(start, end, "ner", ent.label_))
        # A capital glued to another proper noun is part of a name ("Real Madrid", "Santiago Bernabeu").
        kb_tokens = {i for s_, e_ in kb_spans for i in range(s_, e_)}
        found += self._misspelt(doc, kb_tokens)
        found = [
            c
            for c in found
            if not (c.how in ("metonym", "name") and c.end - c.start == 1 and self._glued(doc, c, kb_tokens))
        ]
        # Longest first; on equal length the knowledge base beats the tagger.
        prio = {"acronym": 0, "name": 1, "description": 1, "metonym": 2, "demonym": 3, "adjective": 3, "ner": 4}
        found.sort(key=lambda c: (-(c.end - c.start), prio[c.how], c.start))
        taken = [False] * len(doc)
        # Fixed expressions ("Swiss cheese", "guinea pigs") name no actor.
        for _, start, end in self.not_actors(doc):
            for i in range(start, end):
                taken[i] = True
        chosen: list[_Cand] = []
        ent_label = {i: ent.label_ for ent in doc.ents for i in range(ent.start, ent.end)}
        # Words inside a title ("Minister of Foreign Affairs") name no actor of their own.
        in_title = [False] * len(doc)
        for _, start, end in self.titles(doc):
            for i in range(start, end):
                in_title[i] = True
        for cand in found:
            if any(taken[cand.start : cand.end]) or all(in_title[cand.start : cand.end]):
                continue
            for i in range(cand.start, cand.end):
                taken[i] = True
            if cand.label is None:
                cand.label = ent_label.get(cand.start)
            chosen.append(cand)
        chosen.sort(key=lambda c: c.start)
        return chosen

    def _title_use(self, doc: Doc, cand: _Cand) -> bool:
        """Whether a name that is also an adjective is used as a name here: "The Australian reported"."""
        after = doc[cand.end] if cand.end < len(doc) else None
        article = doc[cand.start - 1] if cand.start > 0 else None
        # the article is part of the title: written "The" inside a sentence ("sank in the Atlantic" is the ocean)
        return (
            article is not None
            and (article.text == "The" or (article.lower_ == "the" and article.is_sent_start))
            and not (after is not None and after.pos_ in ("NOUN", "PROPN", "ADJ"))
        )

    def _misspelt(self, doc: Doc, kb_tokens: set[int]) -> list[_Cand]:
        """Capitalised words one edit away from exactly one state name or adjective ("Ethopia")."""
        out = []
        seen: dict[str, set[tuple[str, str]]] = {}
        for t in doc:
            # cheap tests first: this looks at every token
            if (
                len(t.text) < 5
                or not t.text[:1].isupper()
                or t.i in kb_tokens
                or t.pos_ not in ("PROPN", "ADJ")
                or t.text.isupper()
                or t.ent_type_ in ("PERSON", "DATE", "TIME")
            ):
                continue
            if t.text not in seen:
                key = fold(t.text)
                forms = [f for n in (-1, 0, 1) for f in self.state_forms.get((key[0], len(key) + n), ())]
                seen[t.text] = {(form, how) for form, how in forms if _one_edit(key, form)} if key.isalpha() else set()
            near = seen[t.text]
            if len({form for form, _ in near}) != 1 or self.kb.lookup(t.text):
                continue
            if any(
                0 <= j < len(doc) and doc[j].pos_ == "PROPN" and doc[j].text[:1].isupper() for j in (t.i - 1, t.i + 1)
            ):
                continue  # part of a longer name ("British Columbia", "Columbia University")
            form, how = sorted(near)[0]
            out.append(_Cand(t.i, t.i + 1, how, spelling=form))
        return out

    def _glued(self, doc: Doc, cand: _Cand, kb_tokens: set[int]) -> bool:
        """The one-word name has a proper-noun neighbour that is no actor, no title and no date."""
        if cand.how == "name" and self.kb.lookup(cand.spelling or doc[cand.start].text)[0].kind != "state":
            return False
        for i in (cand.start - 1, cand.end):
            if not 0 <= i < len(doc) or i in kb_tokens:
                continue
            tok = doc[i]
            if (
                tok.pos_ == "PROPN"
                and tok.text[:1].isupper()
                and tok.ent_type_ not in ("DATE", "TIME")
                and not self._title_follows(doc, i)
                and fold(tok.text) not in self.kb.sectors.titles
                and not (i == cand.start - 1 and tok.is_sent_start and tok.lower_ in ("in", "the"))
            ):
                return True
        return False

    def _is_title(self, ent: Span) -> bool:
        """An entity the tagger cut out of a title ("the Minister of Foreign Affairs (Menlu")."""
        words = fold(re.sub(r"^the\s+", "", ent.text, flags=re.I)).split()
        titles = self.kb.sectors.titles
        for n in range(len(words), 0, -1):
            if " ".join(words[:n]) in titles:
                return n == len(words) or words[n] in ("of", "for") or words[n].startswith("(")
        return False
