"""Modality and certainty from the clauses above a trigger (``data/modality.yaml``)."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from newsgraph.nlp.common import unique
from newsgraph.nlp.events.rules import (
    _HOSTILE,
    _Found,
    _is_passive,
    _is_speech,
    lemma_past,
)


class ModalityMixin:
    """Modality and certainty from the clauses above a trigger (``data/modality.yaml``)."""

    def _governors(self, tok: Token) -> list[Token]:
        """The chain of clauses above a trigger, nearest first, up to the sentence root."""
        out = []
        cur = tok
        if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ == "compound" and tok.head.pos_ in ("NOUN", "PROPN"):
            # "his veto threat": the compound is in its head's phrase and shares its status
            out.append(tok.head)
            cur = tok.head
        if cur.pos_ in ("NOUN", "PROPN") and cur.dep_ in ("nsubj", "nsubjpass") and cur.head.i != cur.i:
            # "Obama's veto is expected to come", "if the veto were overridden": a nominal subject's status is
            # its predicate's
            out.append(cur.head)
            cur = cur.head
        while cur.dep_ not in ("ROOT", "acl", "relcl") and cur.head.i != cur.i and len(out) < 8:
            if cur.dep_ in (
                "xcomp",
                "ccomp",
                "advcl",
                "conj",
                "acomp",
                "pcomp",
                "relcl",
                "acl",
                "dobj",
                "pobj",
                "prep",
                "attr",
            ):
                out.append(cur.head)
            cur = cur.head
        return out

    def _modality(self, doc: Doc, f: _Found, actors_at: dict[int, list[str]]) -> None:
        tok = f.trigger
        chain = [tok, *self._governors(tok)]
        hedges: list[str] = []
        modality = f.modality
        if f.negated:
            modality = "negated"
            # "police will not use violence against the protesters": a promise to refrain (CAMEO 0354)
            auxes = {c.lower_ for c in tok.children if c.dep_ == "aux"}
            f.refrain = self._ptype(f.cameo) in _HOSTILE and bool(auxes & (self.planned_modals | {"would"}))
        nominal = tok.pos_ in ("NOUN", "PROPN")
        subject_link = False  # the walk has gone from a nominal subject to its predicate
        for level, t in enumerate(chain):
            lemma = t.lemma_.lower()
            # with the auxiliaries the parser hung on another auxiliary ("would have overridden": "would" under
            # "have")
            auxes = [
                a.lower_
                for c in t.children
                if c.dep_ in ("aux", "auxpass")
                for a in (c, *(g for g in c.children if g.dep_ == "aux"))
            ]
            below = chain[level - 1] if level else None
            # the verb a nominal is the subject or object of ("could face sanctions", "would allow for the
            # withdrawal", "so that Greece can get a bailout"): its modal is the nominal's
            argument_of = (
                nominal
                and below is not None
                and (
                    below.dep_ in ("nsubj", "nsubjpass", "dobj", "compound")
                    or (below.dep_ == "prep" and below.lower_ == "for" and level == 2 and chain[0].dep_ == "pobj")
                )
            )
            if below is not None and below.dep_ in ("nsubj", "nsubjpass"):
                subject_link = True
            if subject_link and modality == "asserted" and level > 0:
                # only what says the predicate will or may happen carries over to its subject
                if any(a in self.predicted_modals for a in auxes) or lemma in self.predicted_gov or lemma == "expect":
                    modality = "predicted"
                elif any(a in self.planned_modals for a in auxes):
                    modality = "planned"
            elif modality == "asserted":
                if level == 0 and f.refusal and not any(a in self.deontic for a in auxes):
                    pass  # "we will not accept attempts ...", "would never accept": a refusal stated now
                elif (
                    level > 0
                    and lemma == "be"
                    and below is not None
                    and below.dep_ == "xcomp"
                    and any(c.dep_ == "aux" and c.lower_ == "to" for c in below.children)
                ):
                    modality = "planned"  # "was to ask the United Nations", "are to increase their ties"
                elif level == 0 or below.dep_ in ("xcomp", "conj") or argument_of:
                    if any(a in self.deontic for a in auxes):
                        modality = "hypothetical"  # "Sudan must return ...": demanded, not done
                    elif any(a in self.planned_modals for a in auxes):
                        modality = "planned"
                    elif any(a in ("would", "could", "'d") for a in auxes) and "have" in auxes:
                        modality = "hypothetical"  # "Congress would have overridden a veto": what did not happen
                    elif any(a in self.predicted_modals for a in auxes):
                        modality = "predicted"
                if level > 0:
                    if lemma in ("attempt", "try") and t.tag_ in ("VBD", "VBN") and self._ptype(f.cameo) == "ASSAULT":
                        pass  # "attempted to assassinate": an attempted attack happened (CAMEO 185)
                    elif lemma in self.intended_gov and not (
                        chain[level - 1].dep_ == "dobj"
                        and any(
                            c.dep_ == "prep" and c.lower_ == "at" for h in (t, chain[level - 1]) for c in h.children
                        )
                    ):
                        # "promised a veto", "pursuing an agreement" are intended; "aimed his criticism at" is
                        # the criticism, directed, not sought
                        modality = "intended"
                    elif (
                        chain[level - 1].dep_ == "dobj"
                        and lemma in self.commissive
                        and lemma not in ("agree", "consent")
                        and tok.pos_ == "NOUN"
                    ):
                        modality = "intended"  # "has promised a veto": a promised act is not done yet
                    elif lemma in self.planned_gov and chain[level - 1].dep_ == "xcomp":
                        modality = "planned"
                    elif lemma in self.predicted_gov or (
                        lemma in self.predicting_speech and chain[level - 1].dep_ == "ccomp"
                    ):
                        modality = "predicted"
            if level > 0 and _is_speech(t, self.lex) and chain[level - 1].dep_ == "ccomp":
                speaker = self._clause_subject(t, actors_at)
                own = self._same_side(speaker, f.source)
                if speaker and set(speaker) & set(f.source) and modality in ("predicted", "planned"):
                    modality = "intended"  # "the rebels said they would meet ...": the source's own intention
                if speaker and not own:
                    f.reported_by = unique(f.reported_by + speaker)
                    if modality == "asserted":
                        modality = "reported"
            for c in t.children:
                if c.dep_ == "mark" and c.lower_ in self.conditional and t.dep_ == "advcl":
                    modality = "hypothetical"
                if c.dep_ in ("advmod", "amod", "acomp") and c.lower_ in self.hedge_words:
                    hedges.append(c.lower_)
            if lemma == "say" and _is_passive(t):
                hedges.append("said to")
            if lemma in ("believe", "think") and _is_passive(t):
                hedges.append(f"{lemma_past(lemma)} to")
            if t.lower_ in self.hedge_words and t.i != tok.i:
                hedges.append(t.lower_)
        top = chain[-1]
        if (
            modality == "asserted"
            and top.dep_ == "acl"
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in top.children)
            and top.head.lemma_.lower() in self.nominal_governors
        ):
            modality = self.nominal_governors[top.head.lemma_.lower()]  # "Britain's decision to leave the EU"
        if modality in ("asserted",) and f.modality != "asserted":
            modality = f.modality
        f.modality = modality
        if modality in ("planned", "intended", "predicted") and any(
            c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "unless" for m in c.children)
            for c in tok.children
        ):
            f.ultimatum = True  # "will boycott the elections unless the president steps down"
        if f.modality in ("asserted", "reported") and tok.pos_ in ("NOUN", "PROPN"):
            # "a pending invasion", "the proposed sanctions", "a possible strike": not (yet) done
            status = next(
                (self.nominal_modality[c.lower_] for c in tok.children if c.lower_ in self.nominal_modality), None
            )
            if status is not None:
                f.modality = status
        f.hedges = unique(hedges)

    def _same_side(self, speaker: list[str], source: list[str]) -> bool:
        """Whether the speaker speaks for the source: the same actor, or an official of the source's state
        ("Esper said the United States firmly opposes ...")."""
        if set(speaker) & set(source):
            return True
        countries = {self._country.get(a) for a in speaker if a in self._official} - {None}
        return any(self._kinds.get(a) == "state" and self._country.get(a) in countries for a in source)

    def _certainty(self, f: _Found) -> float:
        value = self.base_certainty.get(f.modality, 1.0)
        for h in f.hedges:
            value *= self.hedge_words.get(h, 0.8)
        return round(max(0.0, min(1.0, value)), 3)

    # ------------------------------------------------------------------ time
