"""What is no forecast though it has the form of one (issue #10; the articles-dev convention: "pure
hopes and normative statements do not" count).

Both kinds of draft (an event the event stage coded as predicted or planned, and a clause forecast)
pass these checks; the cues are lists under ``clauses`` in ``data/forecast_cues.yaml``:

* an impersonal or obligatory hope: "it is to be hoped that a second term will see ...", "Europeans
  must hope that his administration will ..." (a speaker's own "he hoped the swap would pave the way"
  stays: it says what the speaker expects);
* a purpose: "the strike was held ... so that Greece can get a bailout";
* a question without its question mark: the auxiliary before the subject ("Why on earth will the prime
  minister not simply take up the offer, he demanded"); an indirect question opened by a wh-word ("have not
  said how it would affect ...", "explaining how they would fund ...", "what the plans would mean");
* a counterfactual: "Without the embargo, our trade would grow much faster";
* a reported auxiliary in a relative clause, which describes a noun by what it would do ("further
  actions that would worsen the situation", "legislation that would allow ...");
* a reported auxiliary under a noun of attitude ("skepticism that the government could keep up its end"):
  the walk up to a speech verb may pass only nouns of words ("a warning that ... would").

Tried and left out (a second source, 50 BBC articles, said no): "will have to" / "would have to" as an
obligation ("Those remaining in Cuba will have to pay the tax" is a forecast of the law's effect), and a
page's own "would"/"could" with no time ahead ("UKIP could take legal action", "The Lib Dems would also
encourage ...": party plans).
"""

from __future__ import annotations

from spacy.tokens import Token

_UP = ("ccomp", "xcomp", "conj", "advcl")


class NotForecasts:
    """Checks shared by event and clause drafts (see the module's docstring)."""

    def _irrealis(self, tok: Token) -> bool:
        """Whether the clause of ``tok`` is a hope, a purpose or a counterfactual."""
        cl = self.cues.clauses
        if tok.pos_ not in ("VERB", "AUX"):
            tok = self._clause_head(tok)  # 'so that Greece can get a bailout': the noun's clause
        marks = {c.lower_ for c in tok.children if c.dep_ == "mark"}
        if any(" ".join(m.split()) and set(m.split()) <= marks for m in cl["purpose_marks"]):
            return True  # 'so that Greece can get', not '..., so we can expect ...' (a consequence)
        if _inverted(tok, cl["future_aux"] | cl["reported_aux"]):
            return True  # 'Why on earth will the prime minister not simply take up the offer, he demanded'
        if _indirect_question(tok, cl["question_words"]):
            return True  # 'have not said how it would affect his replacement'
        if any(
            c.dep_ == "prep" and c.lower_ in cl["counterfactual_preps"] and c.i < tok.i for c in tok.children
        ) and any(c.dep_ == "aux" and c.lower_ in cl["reported_aux"] for c in tok.children):
            return True
        return self._under_hope(tok)

    def _under_hope(self, tok: Token) -> bool:
        """'it is to be hoped that ...', 'must hope that ...' above the clause."""
        cl = self.cues.clauses
        cur, steps = tok, 0
        while steps < 4 and cur.head.i != cur.i:
            if cur.dep_ not in _UP:
                return False
            cur, steps = cur.head, steps + 1
            if cur.lower_ in cl["hoping"] or cur.lemma_.lower() in cl["hoping"]:
                children = list(cur.children)
                passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in children)
                deontic = any(c.dep_ == "aux" and c.lower_ in cl["deontic_aux"] for c in children)
                return passive or deontic
        return False

    def _describing(self, tok: Token) -> bool:
        """A reported auxiliary in a relative clause: 'actions that would worsen the situation'."""
        head = self._clause_head(tok) if tok.pos_ not in ("VERB", "AUX") else tok
        return head.dep_ == "relcl" and any(
            c.dep_ == "aux" and c.lower_ in self.cues.clauses["reported_aux"] for c in head.children
        )

    def _said_through(self, tok: Token, speech: Token | None) -> bool:
        """Whether the walk from ``tok`` up to the speech verb passes only nouns of words."""
        if speech is None:
            return False
        nouns = self.cues.clauses["content_nouns"]
        cur, steps = tok, 0
        while cur.i != speech.i and cur.head.i != cur.i and steps < 10:
            head = cur.head
            attitude = head.lower_ not in nouns and head.lemma_.lower() not in nouns
            addressee = (  # 'warning residents that ...': the that-clause the parser hangs on the addressee
                head.dep_ in ("dobj", "dative")
                and head.head.i == speech.i
                and speech.lemma_.lower() in self.cues.clauses["addressee_verbs"]
            )
            if cur.dep_ == "acl" and head.pos_ in ("NOUN", "PROPN") and attitude and not addressee:
                return False  # the complement of a noun of attitude
            cur, steps = head, steps + 1
        return cur.i == speech.i


def _inverted(tok: Token, auxes: frozenset[str]) -> bool:
    """Whether a future or reported auxiliary stands before the clause's subject (a question)."""
    subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass", "expl")), None)
    if subj is None:
        return False
    return any(c.dep_ in ("aux", "auxpass") and c.lower_ in auxes and c.i < subj.i for c in tok.children)


def _indirect_question(tok: Token, words: frozenset[str]) -> bool:
    """Whether the clause is a complement opened by a wh-word: 'said how it would affect ...'."""
    if tok.dep_ not in ("ccomp", "pcomp", "xcomp", "dobj", "csubj", "advcl"):
        return False
    if tok.dep_ == "pcomp" and tok.head.lower_ not in ("of", "about", "on", "over", "to"):
        return False  # 'in what is likely to be an election year': a free relative, no question
    first = next(iter(tok.subtree))
    return first.lower_ in words and first.tag_ in ("WRB", "WP", "WP$", "WDT")
