"""The ``newsgraph_statements`` component: who said what, quoted or paraphrased, and how it reached the page.

Each statement is read off one *frame*: a reporting cue (a verb of saying from
``data/attribution.yaml``, "according to", a noun of saying "his claim that", a
speaker label "PENCE:", a signed quotation "...” ― Name", a sentence ending in
a colon before a quotation), the *source* it names and the *content* it reports.

* **Quotations** are found on the characters first: straight and curly double
  quotes, ``''...''``, single curly quotes outside double ones (headlines), a
  quotation left open at the end of a paragraph that the next paragraph
  reopens (one quotation over several paragraphs), and quotations nested in
  others (kept inside the outer one).  A quotation belongs to the speech verb
  whose clause touches it: ``"Q," he said`` / ``"Q," said X, the ...`` (the
  clause right after it) and ``X said: "Q"`` (the clause right before it).
  A quotation that opens the next sentence of the same paragraph without a
  frame of its own continues the framed one, and so does a frameless quoted
  paragraph right after; a quotation closing a sentence takes the words that
  lead into it ('The summit accomplished "too little," he added').  The
  content is then a list of fragments, the frame left out.
* **Reported speech** is read off the parse: the verb's clausal complement
  ("said (that) ..."), a that-clause the parser hung elsewhere ("said at the
  time that ..."), the clause it is a parenthetical of ("..., sources said"),
  its to-infinitive ("vowed to ..."), its object and predicate ("called X an
  event that ..."), or its object ("denied the report").  A passive cue takes
  its source from the by-phrase; a demonstrative subject ("This was conveyed
  by X") stands for the previous sentence.  "According to X, ..." reports the
  clause it modifies, and so does "In this poll, ..." (an attitude).  A cue
  closing its paragraph with a colon ("The governor added:") reports the next
  paragraph when no quotation mark opens it.
* **Impressions** with no source: "X seems to ...", "it appears that ...", a
  passive cue with no by-phrase ("X is expected to ...", "X was treated as a
  crime"): the subject and what is said of it, as an attitude.
* **Form**: *direct* when the content is a quotation, *mixed* when reported
  speech carries a partial quotation (``said the US was seeking to "reformat
  ..."``), else *indirect*.
* **Speaker**: the actor stage's mention in the source (a pronoun is already
  resolved there); a relative pronoun, a participle ("..., adding ...") and a
  coordinated verb take the speaker of the clause they hang on.
* **Chain**: the speaker, then every relay named around the cue ("as quoted by
  A and reported by B", "told Reuters", "in an interview with X", "according
  to <outlet>"), then the page's credited source (``doc._.credited_source``),
  then ``this page``; each hop's evidence and date are kept in
  ``doc._.attributions``.
* **Date**: the utterance date is the time expression of the cue's own clause
  (not one inside the content, nor the relay's date); a back-reference ("at
  the time") the time stage left open takes the date of the speaker's last
  dated statement.  The publication date is never used in its place.

Besides ``doc._.statements`` (:class:`~newsgraph.model.Statement`) the stage
writes ``doc._.attributions`` (:class:`Attribution`): every attribution with
its source, cue and content character spans as PolNeAR annotates them,
including those of belief and evidence ("a poll shows that ...") that make no
statement, the statement's relays and the events (``doc._.events``) it asserts.
The stage reads ``doc._.mentions``, ``doc._.actors``, ``doc._.times``,
``doc._.events`` (all optional) and ``doc._.credited_source``.
"""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from newsgraph.model import ChainLink, DateValue, Mention, Statement, TimeExpr
from newsgraph.nlp.common import date_value, doc_date
from newsgraph.nlp.extensions import register_extensions

OPEN_DOUBLE = "“„«"
CLOSE_DOUBLE = "”»"
QUOTE_CHARS = "\"“”„«»‘’'`"
# Dependency labels of clauses: a time or a cue inside one belongs to that clause, not to ours.
_CLAUSE_DEPS = {"ccomp", "xcomp", "advcl", "relcl", "acl", "conj", "parataxis", "pcomp", "csubj"}
_SUBJ = ("nsubj", "nsubjpass", "csubj", "expl")
_PUNCT_EDGE = set(",.;:!?—–-()[]") | {"--"}
_PERSONISH = ("PERSON", "PRON")
_SENT_END = (".", "!", "?", ";")
# A dash set off by spaces: what follows it is an aside ('X - a charge that might have stung').
_SPACED_DASH = re.compile(r"\s(?:--|-|—|–|―)\s")
# Conjunctions of a verb's adverbial clause of time, cause or condition ('described him as X when he
# ran'): the occasion of the speech act, not part of an object content.
_ADJUNCT_MARKS = {"when", "because", "while", "after", "before", "since", "until", "once", "as", "if"}
_TRAILING_CUTS = {"relcl", "advcl", "vbg"}
_CONTRAST_MARKS = {"although", "though", "while", "whereas", "even"}
_NOMINAL = ("NOUN", "PROPN", "ADJ", "PRON")
_TITLE_SMALL = {"a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "with", "by"}
_REOPEN = re.compile(r"\n\s*[\"“„«‘']")
_SENTENCE_STOP = re.compile(r"[.!?:;][\"”’'\)]*\s+")
# Children of a speech verb that may stand between it and the quotation it frames.
_PRE_DEPS = ("aux", "auxpass", "neg", "advmod", "npadvmod", "prep", "punct", "intj", "nsubj")
_POST_DEPS = _PRE_DEPS + ("dative", "dobj", "agent", "prt", "oprd")
# A non-restrictive modifier set off by a comma after an object ('Trump, who says ...'): the writer's aside.
_OBJECT_ASIDES = ("relcl", "appos")
# Prepositions of a verb's adjunct of time ('mentioned X since the debate'): not part of what was said.
_ADJUNCT_PREPS = ("since", "during", "until")
# Words that cannot be the subject of an impression ('there seems', 'makes him seem').
_NOT_SUBJECTS = {"there", "him", "her", "them", "me", "us"}


# --------------------------------------------------------------------------- lexicon


@dataclass(frozen=True, slots=True)
class Lexicon:
    speech: frozenset[str]
    speech_particles: dict[str, frozenset[str]]
    quote_objects: dict[str, frozenset[str]]
    quote_only: frozenset[str]
    object: frozenset[str]
    infinitive: frozenset[str]
    object_prep: dict[str, frozenset[str]]
    prep_content: dict[str, frozenset[str]]
    nouns: frozenset[str]
    noun_preps: frozenset[str]
    predicative: frozenset[str]
    attitude: frozenset[str]
    attitude_adjectives: frozenset[str]
    raising: frozenset[str]
    evidence_in: frozenset[str]
    regard_as: frozenset[str]
    addressee_verbs: frozenset[str]
    according_to: tuple[tuple[str, ...], ...]
    relay_verbs: frozenset[str]
    relay_nouns: frozenset[str]
    relay_preps: frozenset[str]
    channel_nouns: frozenset[str]
    platforms: dict[str, str]
    anaphoric_times: frozenset[str]
    demonstratives: frozenset[str]
    not_sources: frozenset[str]
    signature_dashes: tuple[str, ...]


def _all_verbs(lex: Lexicon) -> frozenset[str]:
    """Every cue verb of the lexicon."""
    return frozenset().union(
        lex.speech,
        lex.speech_particles,
        lex.quote_objects,
        lex.quote_only,
        lex.object,
        lex.infinitive,
        lex.object_prep,
        lex.prep_content,
        lex.predicative,
        lex.attitude,
        lex.raising,
        lex.regard_as,
    )


def _words(raw: Any) -> frozenset[str]:
    return frozenset(str(w).lower() for w in raw or ())


@lru_cache(maxsize=4)
def load_lexicon(path: str | None = None) -> Lexicon:
    """The shipped cue lexicon (``data/attribution.yaml``) or a user's file of the same shape."""
    if path:
        text = Path(path).read_text("utf-8")
    else:
        text = resources.files("newsgraph.nlp").joinpath("data", "attribution.yaml").read_text("utf-8")
    raw = yaml.safe_load(text) or {}
    return Lexicon(
        speech=_words(raw.get("speech")),
        speech_particles={str(k): _words(v) for k, v in (raw.get("speech_particles") or {}).items()},
        quote_objects={str(k).lower(): _words(v) for k, v in (raw.get("quote_objects") or {}).items()},
        quote_only=_words(raw.get("quote_only")),
        object=_words(raw.get("object")),
        infinitive=_words(raw.get("infinitive")),
        object_prep={str(k).lower(): _words(v) for k, v in (raw.get("object_prep") or {}).items()},
        prep_content={str(k).lower(): _words(v) for k, v in (raw.get("prep_content") or {}).items()},
        nouns=_words(raw.get("nouns")),
        noun_preps=_words(raw.get("noun_preps")),
        predicative=_words(raw.get("predicative")),
        attitude=_words(raw.get("attitude")),
        attitude_adjectives=_words(raw.get("attitude_adjectives")),
        raising=_words(raw.get("raising")),
        evidence_in=_words(raw.get("evidence_in")),
        regard_as=_words(raw.get("regard_as")),
        addressee_verbs=_words(raw.get("addressee_verbs")),
        according_to=tuple(tuple(str(w).lower() for w in p) for p in raw.get("according_to") or ()),
        relay_verbs=_words(raw.get("relay_verbs")),
        relay_nouns=_words(raw.get("relay_nouns")),
        relay_preps=_words(raw.get("relay_preps")),
        channel_nouns=_words(raw.get("channel_nouns")),
        platforms={str(k).lower(): str(v) for k, v in (raw.get("platforms") or {}).items()},
        anaphoric_times=_words(raw.get("anaphoric_times")),
        demonstratives=_words(raw.get("demonstratives")),
        not_sources=_words(raw.get("not_sources")),
        signature_dashes=tuple(str(m) for m in raw.get("signature_dashes") or ()),
    )


# --------------------------------------------------------------------------- records


@dataclass(slots=True)
class Hop:
    """One relay of a statement, with the words that name it."""

    name: str
    actor_id: str | None
    start: int
    end: int
    date: DateValue | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "actor_id": self.actor_id,
            "start": self.start,
            "end": self.end,
            "date": self.date.to_dict() if self.date else None,
        }


@dataclass(slots=True)
class Attribution:
    """An attribution relation as PolNeAR annotates it: character spans of source, cue and content.

    ``kind`` is ``speech`` (it makes the statement ``statement``), ``attitude`` (belief,
    intention, evidence: no statement), ``noun`` (a noun of saying with no source: "the
    claim that ...") or ``relay`` ("according to <outlet>" around someone else's words).
    ``hops`` are the relays of the statement, in order; ``events`` the ids of the events
    (``doc._.events``) whose trigger lies in the content (what the statement asserts) or is
    the cue (the speech act coded as an event, an accusation).
    """

    source: tuple[int, int] | None
    cue: tuple[int, int]
    content: tuple[int, int]
    kind: str
    statement: str | None = None
    hops: list[Hop] = field(default_factory=list)
    fragments: list[tuple[int, int]] = field(default_factory=list)  # the content less a frame inside it
    events: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": list(self.source) if self.source else None,
            "cue": list(self.cue),
            "content": list(self.content),
            "kind": self.kind,
            "statement": self.statement,
            "hops": [h.to_dict() for h in self.hops],
            "fragments": [list(f) for f in self.fragments],
            "events": list(self.events),
        }


@dataclass(slots=True)
class _Quote:
    start: int  # the opening mark
    end: int  # after the closing mark (or the end of the paragraph for an open one)
    closed: bool = True


@dataclass(slots=True)
class _Frame:
    """A statement in the making (token indices unless said)."""

    kind: str  # speech | attitude | according | label | signature | relay
    cue: tuple[int, int]  # characters
    content: tuple[int, int]  # characters: the whole extent
    verb: Token | None = None
    source: Span | None = None
    speaker_tok: Token | None = None  # the token whose mention names the speaker
    quotes: list[int] = field(default_factory=list)  # indices of the quotations in the content
    hops: list[Hop] = field(default_factory=list)
    date: TimeExpr | None = None
    fragments: list[tuple[int, int]] = field(default_factory=list)  # the content without the frame inside it
    how: str = ""  # how a verb frame's content was found: quote | clause | infinitive | object | ...


# --------------------------------------------------------------------------- quotations


def find_quotes(text: str) -> list[tuple[int, int, bool]]:
    """Top-level quotations of ``text`` as ``(start, end, closed)`` character spans, marks included.

    A quotation open at the end of a paragraph continues when the next paragraph opens with a
    quotation mark (the convention for a quotation over several paragraphs); otherwise it ends
    with its paragraph.  Quotations inside a quotation are part of it.
    """
    out: list[tuple[int, int, bool]] = []
    pending: tuple[int, int] | None = None  # an open quotation carried over a paragraph break
    pos = 0
    first_para = len(text) - len(text.lstrip())
    for para in text.split("\n"):
        start_of_para = pos
        pos += len(para) + 1
        if not para.strip():
            continue
        spans = _para_quotes(para)
        if start_of_para == first_para and not spans and len(para) < 200:
            spans = _headline_single_quotes(para)
        if pending is not None:
            first = spans[0] if spans else None
            lead = len(para) - len(para.lstrip())
            if first is not None and first[0] == lead and _family(para[lead]) == _family(text[pending[0]]):
                s, e, closed = first
                spans[0] = (pending[0] - start_of_para, e, closed)
            else:
                out.append((pending[0], pending[1], False))
            pending = None
        for s, e, closed in spans:
            if not closed and e >= len(para.rstrip()):
                pending = (start_of_para + s, start_of_para + len(para.rstrip()))
            else:
                out.append((start_of_para + s, start_of_para + e, closed))
    if pending is not None:
        out.append((pending[0], pending[1], False))
    return out


def _headline_single_quotes(para: str) -> list[tuple[int, int, bool]]:
    """A headline's quotations in straight single marks ("Obama Sees 'Personal Insult' if ..."), in a
    headline with no double marks: an opening mark after a space, a closing one before a space or a
    stop.  Apostrophes ("Don't", "aides'") open nothing."""
    if any(c in para for c in '"“”„«»'):
        return []
    spans = []
    n = len(para)
    i = 0
    while i < n:
        if para[i] == "'" and (i == 0 or not _is_word(para[i - 1])) and i + 1 < n and _is_word(para[i + 1]):
            j = i + 1
            while j < n:
                if para[j] == "'" and not para[j - 1].isspace() and (j + 1 >= n or not _is_word(para[j + 1])):
                    break
                j += 1
            if j < n:
                spans.append((i, j + 1, True))
                i = j + 1
                continue
        i += 1
    return spans


def _family(ch: str) -> str:
    """Straight marks and curly marks: a quotation reopened in the next paragraph uses the same."""
    return "straight" if ch in "\"'`" else "curly"


def _is_word(ch: str) -> bool:
    return ch.isalnum()


def _para_quotes(para: str, nest: bool = True) -> list[tuple[int, int, bool]]:
    """The quotations of one paragraph.  With ``nest``, an opening mark inside a curly quotation
    opens a quotation inside it; when that leaves the paragraph unbalanced, the paragraph is read
    again with a second opening mark taken as the start of a new quotation (the first one lost its
    closing mark)."""
    spans: list[tuple[int, int, bool]] = []
    n = len(para)
    i = 0
    lead = n - len(para.lstrip())
    if para[lead : lead + 1] == '"' and para.count('"') == 1 and any(c in para for c in "“”"):
        # a straight mark opening a paragraph that never closes, among curly quotations: the marker of a
        # block quotation ('"Trump walked onto the stage, chanting “U-S-A!”'), not a quotation
        i = lead + 1
    open_at = -1
    depth = 0
    kind = ""  # the family of the open quotation: "curly" | "straight"
    while i < n:
        ch = para[i]
        prev = para[i - 1] if i else " "
        nxt = para[i + 1] if i + 1 < n else " "
        two = para[i : i + 2]
        if two in ("''", "``") and (open_at < 0 or kind == "straight"):
            ch, width = '"', 2
            nxt = para[i + 2] if i + 2 < n else " "
        else:
            width = 1
        if open_at < 0:
            if (
                ch in OPEN_DOUBLE
                or (ch in CLOSE_DOUBLE and not _is_word(prev) and _is_word(nxt))
                or (ch in CLOSE_DOUBLE and not para[:i].strip() and para[i + 1 :].strip())
            ):
                # a closing mark misused to open ("”Fear. ..."), or opening its paragraph ("” … he said")
                open_at, kind = i, "curly"
            elif ch == '"' and not _is_word(prev) and not nxt.isspace():
                open_at, kind = i, "straight"
            elif ch == "‘" and not _is_word(prev) and not nxt.isspace():
                end = _single_close(para, i + 1)
                if end > 0:
                    spans.append((i, end, True))
                    i = end
                    continue
        elif kind == "curly":
            closes = (
                ch in CLOSE_DOUBLE
                or (ch == '"' and not prev.isspace() and not _is_word(nxt))
                # an opening mark misused to close ('were “Mostly False.“'): after a word or a stop, before a space
                or (ch in OPEN_DOUBLE and not prev.isspace() and i > 0 and (nxt.isspace() or i + 1 == n))
            )
            if closes and depth > 0 and ch in CLOSE_DOUBLE:
                depth -= 1
            elif closes and depth == 0:
                spans.append((open_at, i + 1, True))
                open_at = -1
            elif ch in OPEN_DOUBLE and (prev.isspace() or i == 0 or not _is_word(prev)):
                if nest:
                    depth += 1
                else:
                    # a second opening mark: the first quotation lost its closing mark
                    spans.append((open_at, _trim_right(para, i), False))
                    open_at = i
        elif kind == "straight" and (ch == '"' or (ch in CLOSE_DOUBLE and not _is_word(nxt))):
            spans.append((open_at, i + width, True))
            open_at = -1
        i += width
    if open_at >= 0:
        if depth > 0 and nest:
            return _para_quotes(para, nest=False)
        spans.append((open_at, len(para.rstrip()), False))
    return spans


def _single_close(para: str, i: int) -> int:
    """The end of a single-quoted span opened just before ``i`` (a headline's quotation), or -1."""
    n = len(para)
    while i < n:
        ch = para[i]
        if ch in '“"':
            return -1
        if ch == "’" and (i + 1 >= n or not _is_word(para[i + 1])) and not para[i - 1].isspace():
            # "the Clintons’ house": a possessive, not a closing mark, when a word follows
            j = i + 1
            while j < n and para[j] == " ":
                j += 1
            if j < n and para[j].islower() and para[i - 1] == "s":
                i += 1
                continue
            return i + 1
        i += 1
    return -1


def _trim_right(text: str, i: int) -> int:
    while i > 0 and text[i - 1].isspace():
        i -= 1
    return i


# --------------------------------------------------------------------------- the component


class StatementTagger:
    """Writes ``doc._.statements`` and ``doc._.attributions``."""

    def __init__(self, nlp: Language, name: str, lexicon: str | None = None) -> None:
        register_extensions()
        register_statement_extensions()
        self.name = name
        self.nlp = nlp
        self.lex = load_lexicon(lexicon)
        self.verbs = _all_verbs(self.lex)

    # ------------------------------------------------------------------ main

    def __call__(self, doc: Doc) -> Doc:
        run = _Run(doc, self)
        doc._.attributions, doc._.statements = run.tag()
        return doc

    def resolve_outlet(self, name: str, on: dt.date | None) -> tuple[str, str | None]:
        """A credited source's canonical name and actor id, through the actor stage when there is one."""
        if "newsgraph_actors" in self.nlp.pipe_names:
            actor = self.nlp.get_pipe("newsgraph_actors").resolve_name(name, on)
            if actor is not None:
                return actor.name, actor.id
        return name, None


class _Run:
    """The work on one ``Doc``."""

    def __init__(self, doc: Doc, tagger: StatementTagger) -> None:
        self.doc = doc
        self.tagger = tagger
        self.lex = tagger.lex
        self.verbs = tagger.verbs
        self.lemmas: dict[int, str] = {}  # token index -> cue lemma (see _lemma)
        self.text = doc.text
        self.quotes = [_Quote(s, e, c) for s, e, c in find_quotes(doc.text)]
        self.quote_starts = [q.start for q in self.quotes]
        self.paras = _paragraphs(doc.text)
        self.para_starts = [p[0] for p in self.paras]
        self.in_quote = self._token_quotes()
        self.mentions = self._mention_index()
        self.actors = {a.id: a for a in doc._.actors or []}
        self.times = list(doc._.times or [])
        self.time_at = self._time_index()
        self.used_quotes: dict[int, _Frame] = {}

    # ------------------------------------------------------------- indexes

    def _token_quotes(self) -> list[int]:
        out = [-1] * len(self.doc)
        qi = 0
        quotes = self.quotes
        for tok in self.doc:
            while qi < len(quotes) and quotes[qi].end <= tok.idx:
                qi += 1
            if qi < len(quotes) and quotes[qi].start <= tok.idx < quotes[qi].end:
                # the marks themselves count as inside
                out[tok.i] = qi
        return out

    def _mention_index(self) -> dict[int, Mention]:
        index: dict[int, Mention] = {}
        for m in self.doc._.mentions or []:
            if not m.actor_ids:
                continue
            span = self.doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None:
                continue
            for t in span:
                old = index.get(t.i)
                if old is None or (old.end - old.start) < (m.end - m.start):
                    index[t.i] = m
        return index

    def _time_index(self) -> dict[int, TimeExpr]:
        out: dict[int, TimeExpr] = {}
        for t in self.times:
            span = self.doc.char_span(t.start, t.end, alignment_mode="expand")
            if span is not None:
                # the words that hang the expression on the sentence (not a bracket the parser put elsewhere)
                for tk in span:
                    if not tk.is_punct and not (span.start <= tk.head.i < span.end and tk.head.i != tk.i):
                        out.setdefault(tk.i, t)
        return out

    def para_of(self, char: int) -> int:
        return max(0, bisect.bisect_right(self.para_starts, char) - 1)

    # ---------------------------------------------------------------- tagging

    def tag(self) -> tuple[list[Attribution], list[Statement]]:
        frames: list[_Frame] = []
        frames += self._label_frames()
        for tok in self.doc:
            frame = self._verb_frame(tok)
            if frame is not None:
                frames.append(frame)
        frames += self._noun_frames()
        frames += self._adjective_frames()
        frames += self._according_frames(frames)
        frames += self._evidence_frames()
        frames += self._signature_frames()
        frames += self._colon_frames(frames)
        frames += self._headline_frames(frames)
        self._continuations(frames)
        frames = self._dedupe(frames)
        return self._records(frames)

    # ---------------------------------------------------------- verb frames

    def _lemma(self, tok: Token) -> str:
        """The token's lemma, or the cue verb it is an inflection of when the lemmatizer cut a final
        'e' ('hoping' -> 'hop', 'rated' -> 'rat') or missed the inflection."""
        cached = self.lemmas.get(tok.i)
        if cached is not None:
            return cached
        lemma = tok.lemma_.lower()
        if lemma not in self.verbs:
            low = tok.lower_
            for suffix in ("ing", "ed", "es", "s"):
                if low.endswith(suffix) and len(low) > len(suffix) + 2:
                    stem = low[: -len(suffix)]
                    cand = next(
                        (c for c in (stem + "e", stem, stem[:-1] if stem[-1] == stem[-2] else "") if c in self.verbs),
                        None,
                    )
                    if cand is not None:
                        lemma = cand
                        break
        self.lemmas[tok.i] = lemma
        return lemma

    def _cue_kind(self, tok: Token) -> str | None:
        if not (tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB")):
            return None
        lemma = self._lemma(tok)
        particles = self.lex.speech_particles.get(lemma)
        if particles is not None and any(c.dep_ == "prt" and c.lower_ in particles for c in tok.children):
            return "speech"
        if lemma in self.lex.speech or lemma in self.lex.object_prep or lemma in self.lex.quote_only:
            return "speech"
        objects = self.lex.quote_objects.get(lemma)
        if objects is not None and any(c.dep_ == "dobj" and c.lower_ in objects for c in tok.children):
            return "speech"  # 'as X put it, "..."'
        if lemma in self.lex.attitude or lemma in self.lex.raising:
            return "attitude"
        if lemma in self.lex.regard_as and _as_phrase(tok) is not None:
            return "attitude"
        if lemma in self.lex.predicative and sum(c.dep_ in ("dobj", "oprd") and c.i > tok.i for c in tok.children) >= 2:
            return "speech"  # 'Japan branded North Korea an "outlaw nation"'
        return None

    def _verb_frame(self, v: Token) -> _Frame | None:
        kind = self._cue_kind(v)
        if kind is None or self.in_quote[v.i] >= 0 or v.dep_ in ("amod", "compound"):
            return None
        lemma = self._lemma(v)
        passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in v.children) or (
            v.dep_ in ("acl", "relcl") and v.tag_ == "VBN"
        )
        if passive and self._is_relay(v):
            return None  # "as quoted by X": a hop of the statement it modifies
        raising = lemma in self.lex.raising and not passive
        marked = any(c.dep_ in ("auxpass", "nsubjpass") for c in v.children)
        if raising or (marked and not any(c.dep_ == "agent" for c in v.children)):
            frame = self._impersonal_frame(v)
            if frame is not None or raising:
                return frame
        # a passive with no by-phrase ("NATO is said to be expanding") finds no source and no content
        subj, speaker_tok = self._source(v, passive)
        if (
            subj is not None
            and subj.root.lower_ in self.lex.not_sources
            and subj.root.pos_ == "PRON"
            and (subj.root.lower_ not in ("that", "which") or v.dep_ != "relcl")
        ):
            return None
        quotes = self._quote_frame(v, subj) if kind == "speech" else []
        if quotes:
            fragments = [(self.quotes[q].start, self.quotes[q].end) for q in quotes]
            if self.quotes[quotes[0]].end <= v.idx:
                fragments[0] = (self._lead_in(self.quotes[quotes[0]]), fragments[0][1])
            elif lemma not in self.lex.addressee_verbs and lemma not in self.lex.quote_objects:
                # 'says things such as, "..."', 'recalled thinking, "..."': the object leads the content in
                heads = [
                    c
                    for c in v.children
                    if c.dep_ in ("dobj", "xcomp", "oprd") and v.i < c.i and c.idx < fragments[0][0]
                ]
                if heads and self.in_quote[heads[0].i] < 0:
                    fragments[0] = (min(h.left_edge.idx for h in heads), fragments[0][1])
            content: tuple[int, int] | None = (fragments[0][0], fragments[-1][1])
            how = "quote"
            if subj is None and v.dep_ == "pcomp" and v.head.dep_ == "prep" and v.head.head.i != v.head.i:
                # '"Q1," X sang before asking her, "Q2"': the gerund's subject is the verb's
                subj, speaker_tok = self._source(v.head.head, False)
                if subj is None:
                    subj, speaker_tok = self._fallback_source(v.head.head)
            if subj is None:
                subj, speaker_tok = self._region_source(v)
            if subj is None:
                subj, speaker_tok = self._fallback_source(v)
        elif (lemma in self.lex.quote_only or lemma in self.lex.quote_objects) and lemma not in self.lex.speech:
            return None
        elif kind == "speech" and (block := self._block_after_colon(v)) is not None:
            fragments, how = [block], "block"
            content = block
        else:
            fragments, how = self._content(v, lemma, kind, passive, subj)
            if not fragments:
                return None
            content = (fragments[0][0], fragments[-1][1])
            quotes = self._quotes_between(*content)
            if kind == "speech" and quotes and content[1] <= v.idx and self.quotes[quotes[-1]].end <= content[1]:
                # "''I have admiration for the mechanics'' of the proposals, X said. ''They're ...''"
                hi = self._region(v)[1]
                more = self._continue_quotes(quotes[-1:], self.doc[hi - 1].idx + len(self.doc[hi - 1]))[1:]
                if more:
                    fragments = fragments + [(self.quotes[q].start, self.quotes[q].end) for q in more]
                    content = (content[0], fragments[-1][1])
                    quotes = quotes + more
                    how = "quote"
        if subj is None and how == "object" and self._scare_quoted(content):
            return None  # 'for promoting "quack" medical cures': a word the writer holds at arm's length
        if subj is None and kind == "attitude":
            return None
        cue = self._cue_span(v, how)
        frame = _Frame(kind, cue, content, verb=v, source=subj, speaker_tok=speaker_tok, quotes=quotes)
        frame.fragments = fragments
        frame.how = how
        if how == "quote":
            for q in quotes:
                self.used_quotes.setdefault(q, frame)
        if kind == "speech":
            frame.hops = self._hops(v)
        frame.date = self._date(v, content, subj)
        return frame

    def _impersonal_frame(self, v: Token) -> _Frame | None:
        """A belief with no source: 'X is expected to ...', 'X is considered a threat', 'X seems to ...',
        'it appears that ...'.  The content is the subject and what is said of it (two fragments), or
        the that-clause after an expletive 'it'."""
        doc = self.doc
        subj = next((c for c in v.children if c.dep_ in ("nsubj", "nsubjpass", "expl")), None)
        if subj is None or subj.lower_ in _NOT_SUBJECTS or self.in_quote[subj.i] >= 0:
            return None  # 'makes him seem kinder': an object, not the subject of the impression
        after = [c for c in v.children if c.i > v.i]
        if subj.lower_ == "it" and subj.pos_ == "PRON":
            ccomp = next((c for c in after if c.dep_ == "ccomp"), None)
            if ccomp is None or not any(g.dep_ in _SUBJ for g in ccomp.children):
                return None
            spans = [self._clause(ccomp)]
        else:
            comp = next(
                (
                    c
                    for c in after
                    if (c.dep_ == "xcomp" and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children))
                    or (c.dep_ in ("oprd", "acomp") and c.pos_ in _NOMINAL)
                ),
                None,
            )
            if comp is None and self._lemma(v) in self.lex.regard_as:
                comp = _as_phrase(v)  # 'the attack was treated as a crime'
            if comp is None or self._cue_kind(comp) is not None:
                return None  # 'he appeared to suggest that ...': the inner verb is the frame
            np = self._np(subj)
            if comp.dep_ == "xcomp":
                rest = self._clause(comp)
            elif comp.dep_ == "prep":
                tail = _strip(doc[comp.i : comp.right_edge.i + 1])
                rest = (tail.start_char, tail.end_char)
            else:
                tail = _strip(doc[comp.left_edge.i : comp.right_edge.i + 1])
                rest = (tail.start_char, tail.end_char)
            spans = [(np.start_char, np.end_char), rest]
        ps, pe = self.paras[self.para_of(v.idx)]
        spans = [(max(s, ps), min(e, pe)) for s, e in spans]
        spans = _merge_spans([(s, e) for s, e in spans if e > s])
        if not spans or spans[0][0] >= v.idx and len(spans) > 1:
            return None
        content = (spans[0][0], spans[-1][1])
        frame = _Frame("attitude", self._cue_span(v, "impersonal"), content, verb=v)
        frame.fragments = spans
        frame.quotes = self._quotes_between(*content)
        frame.how = "impersonal"
        return frame

    def _is_relay(self, v: Token) -> bool:
        """A passive relay verb ("as quoted by", "reported by") hanging on a speech verb."""
        if v.lemma_.lower() not in self.lex.relay_verbs:
            return False
        head = v
        for _ in range(3):
            if head.dep_ not in ("advcl", "conj") or head.head.i == head.i:
                return False
            head = head.head
            if self._cue_kind(head) == "speech" and head.lemma_.lower() not in self.lex.relay_verbs:
                return True
        return False

    def _source(self, v: Token, passive: bool) -> tuple[Span | None, Token | None]:
        """The source span of the cue and the token that names the speaker."""
        doc = self.doc
        if passive:
            for c in v.children:
                if c.dep_ == "agent":
                    pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
                    if pobj is not None:
                        return self._np(pobj), self._speaker_token(pobj)
            return None, None
        cur = v
        for _ in range(4):
            # a subject inside a quotation the verb is not in ('said on "Fox and Friends."') is a misparse
            subj = next(
                (
                    c
                    for c in cur.children
                    if c.dep_ in ("nsubj", "csubj") and (self.in_quote[c.i] < 0 or self.in_quote[v.i] >= 0)
                ),
                None,
            )
            if subj is not None:
                if cur.dep_ == "relcl" and subj.lower_ in ("who", "that", "which"):
                    return doc[subj.i : subj.i + 1], self._speaker_token(cur.head)
                return self._np(subj), self._speaker_token(subj)
            if cur.dep_ == "relcl":
                return None, None
            if cur.dep_ in ("conj", "xcomp", "advcl", "acl") and cur.head.i != cur.i:
                cur = cur.head
                if cur.pos_ in ("NOUN", "PROPN") and cur.head.i != cur.i:  # "a statement saying ..."
                    cur = cur.head
                continue
            break
        return None, None

    def _np(self, tok: Token) -> Span:
        """A noun phrase's span without quotations and edge punctuation."""
        toks = [t for t in tok.subtree if self.in_quote[t.i] < 0 or self.in_quote[t.i] == self.in_quote[tok.i]]
        lo, hi = toks[0].i, toks[-1].i + 1
        return _strip(self.doc[lo:hi])

    def _speaker_token(self, tok: Token) -> Token:
        """The token of the phrase whose mention is the speaker: a person in an apposition wins."""
        if tok.i in self.mentions and self.mentions[tok.i].label in _PERSONISH:
            return tok
        for t in tok.subtree:
            if t.i in self.mentions and self.mentions[t.i].label in _PERSONISH and t.dep_ in ("appos", "compound"):
                return t
        return tok

    def _content(
        self, v: Token, lemma: str, kind: str, passive: bool, subj: Span | None
    ) -> tuple[list[tuple[int, int]], str]:
        """The content of reported speech (character spans, in order), and how it was found."""
        lex = self.lex
        spans: list[tuple[int, int]] = []
        how = "clause"
        if passive:
            sp = next((c for c in v.children if c.dep_ == "nsubjpass"), None)
            if sp is not None and subj is not None:
                if sp.lower_ in lex.demonstratives and sp.pos_ in ("PRON", "DET"):
                    prev = self._previous_sentence(v.sent)
                    if prev is not None:
                        prev = self._trim_discourse(prev)
                        return [(prev.start_char, prev.end_char)], "previous"
                    return [], how
                np = self._np(sp)
                return [(np.start_char, np.end_char)], "object"
            preps = self.lex.object_prep.get(lemma, frozenset())
            prep = next((c for c in v.children if c.dep_ == "prep" and c.lower_ in preps), None)
            if sp is not None and prep is not None:
                if any(c.dep_ == "neg" for c in v.children):
                    return [], how  # 'has never been charged with a crime': nobody said it
                np, pp = self._np(sp), self._np(prep)
                return [(np.start_char, np.end_char), (pp.start_char + len(prep), pp.end_char)], "object"
            if sp is None and subj is not None:
                ccomp = [c for c in v.children if c.dep_ == "ccomp"]
                if ccomp:
                    spans += [self._clause(c) for c in ccomp]
            if not spans:
                return [], how
        else:
            ccomps = [c for c in v.children if c.dep_ == "ccomp" and not self._is_frame_np(c, subj)]
            for c in ccomps:
                if c.left_edge.i < v.i < c.i:
                    spans += self._extracted(v, c)
                else:
                    spans.append(self._clause(c, extend=c.i > v.i and kind == "speech"))
            if not spans:
                spans += self._that_clauses(v)
            if not spans and lemma in lex.object_prep:
                dobj = next((c for c in v.children if c.dep_ == "dobj"), None)
                prep = next((c for c in v.children if c.dep_ == "prep" and c.lower_ in lex.object_prep[lemma]), None)
                if dobj is not None and prep is not None and prep.i > dobj.i:
                    span = _strip(self.doc[dobj.left_edge.i : prep.right_edge.i + 1])
                    spans.append((span.start_char, span.end_char))
                    how = "object"
            if not spans and lemma in lex.predicative:
                oprds = [c for c in v.children if c.dep_ in ("oprd", "xcomp") and c.i > v.i]
                dobj = next((c for c in v.children if c.dep_ == "dobj" and c.i > v.i), None)
                # 'branded North Korea an "outlaw nation"': the parser's second object is the name given
                oprds += [c for c in v.children if c.dep_ == "dobj" and dobj is not None and c.i > dobj.i]
                firsts = [c for c in oprds + ([dobj] if dobj is not None else []) if c.pos_ in _NOMINAL]
                if oprds and firsts and (dobj is not None or len(oprds) > 1):
                    lo = min(c.left_edge.i for c in firsts)
                    hi = max(c.right_edge.i for c in oprds) + 1
                    # 'called him a master at bolting together ...': what the parser hung on the verb
                    # right after the name goes with it
                    for c in sorted(v.children, key=lambda c: c.i):
                        if c.dep_ == "prep" and c.left_edge.i == hi and c.lower_ not in _ADJUNCT_PREPS:
                            hi = c.right_edge.i + 1
                    tail = [
                        t.i + 1
                        for c in v.children
                        if c.dep_ == "advcl" and c.i > lo and self._cue_kind(c) is None  # not ', citing ...'
                        for t in c.subtree
                    ]
                    span = _strip(self.doc[lo : max([hi, *tail])])
                    spans.append((span.start_char, span.end_char))
                    how = "predicative"
            if not spans and lemma in lex.prep_content:
                preps = lex.prep_content[lemma]
                prep = next((c for c in v.children if c.dep_ == "prep" and c.lower_ in preps and c.i > v.i), None)
                pobj = next((g for g in prep.children if g.dep_ in ("pobj", "pcomp")), None) if prep else None
                if pobj is not None:
                    np = self._np(pobj)
                    if lemma == "call" and any(c.dep_ in ("xcomp", "advcl") for c in pobj.children):
                        np = _strip(self.doc[pobj.left_edge.i : pobj.right_edge.i + 1])
                    inf = next(
                        (
                            c
                            for c in v.children
                            if c.dep_ == "xcomp"
                            and c.left_edge.i == np.end
                            and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)
                        ),
                        None,
                    )
                    if inf is not None:
                        # 'called for contestants to wear ...': the infinitive the parser hung on the verb
                        np = _strip(self.doc[np.start : inf.right_edge.i + 1])
                    spans.append((np.start_char, np.end_char))
                    how = "prep"
            if not spans and (lemma in lex.infinitive or kind == "attitude"):
                xcomp = next((c for c in v.children if c.dep_ == "xcomp" and c.i > v.i), None)
                if xcomp is not None and any(c.dep_ == "aux" and c.lower_ == "to" for c in xcomp.children):
                    lo, hi = self._clause(xcomp)
                    hi = self._infinitive_conjuncts(v, xcomp, hi)
                    # 'urged Congress to act': the one urged is part of what was urged
                    obj = next((c for c in v.children if c.dep_ == "dobj" and v.i < c.i < xcomp.i), None)
                    if obj is not None and self.in_quote[obj.i] < 0:
                        lo = min(lo, obj.left_edge.idx)
                    spans.append((lo, hi))
                    how = "infinitive"
            if not spans and lemma in lex.regard_as and lemma not in lex.object:
                # 'critics see the program as an easier way to ...': the object and what it is seen as
                dobj = next((c for c in v.children if c.dep_ == "dobj" and c.i > v.i), None)
                if dobj is not None and dobj.lower_ not in ("what", "which") and self.in_quote[dobj.i] < 0:
                    spans.append(self._object_phrase(v, dobj))
                    how = "object"
            if not spans and lemma in lex.object:
                dobj = next((c for c in v.children if c.dep_ == "dobj"), None)
                # a pronoun object after the verb ('cited it as ...'), not a relative one before it
                pron_ok = dobj is not None and dobj.i > v.i and dobj.tag_ not in ("WP", "WDT")
                if (
                    dobj is not None
                    and (self.in_quote[dobj.i] < 0 or self._quote_leads(dobj))
                    and (dobj.pos_ != "PRON" or pron_ok)
                ):
                    spans.append(self._object_phrase(v, dobj))
                    how = "object"
                elif dobj is None:
                    # 'proposed dropping carried interest': a gerund stands for the object
                    ger = next(
                        (c for c in v.children if c.dep_ in ("xcomp", "pcomp") and c.tag_ == "VBG" and c.i > v.i), None
                    )
                    if ger is not None and self.in_quote[ger.i] < 0:
                        spans.append(self._clause(ger))
                        how = "object"
            if spans and how in ("object", "prep", "clause"):
                spans[-1] = (spans[-1][0], self._verb_conjuncts(v, spans[-1][1]))
            if not spans and kind == "speech":
                spans += self._host_clause(v)
                how = "parenthetical"
        # the parser's clause may run into the next paragraph; reported speech stays in its own
        ps, pe = self.paras[self.para_of(v.idx)]
        out = []
        for start, end in sorted(spans):
            start, end = max(start, ps), min(end, pe)
            for q in self._quotes_between(start, end):
                before = self.text[start : self.quotes[q].start].rstrip().rstrip("”’\"'»")
                if self.quotes[q].start > start and before.endswith((".", "!", "?")):
                    # '... be a boon for tax lawyers. ''There's ...,'' said X': a quotation opening the next
                    # sentence is not the end of this one, wherever the parser put the sentence break
                    cut = _trim_right(self.text, self.quotes[q].start)
                    while cut > start and self.text[cut - 1] in ".!? ":
                        cut -= 1
                    end = min(end, cut)
                    break
            # a partial quotation that opens inside the content closes after the parser's clause ends
            start, end = self._close_quotes(start, end)
            if how in ("object", "predicative", "prep", "infinitive"):
                end = self._trailing_dash(start, end)
            if end > start:
                out.append((start, end))
        return _merge_spans(out), how

    def _trailing_dash(self, start: int, end: int) -> int:
        """A content less a trailing aside set off by one dash ('likened the rules to "burning the
        Constitution" - a charge that might have stung'): the writer's gloss, not what was said.  A dash
        pair ('X -- an aside -- Y') and dashes inside quotations stay."""
        dashes = [m for m in _SPACED_DASH.finditer(self.text, start, end)]
        if len(dashes) != 1:
            return end
        m = dashes[0]
        if any(self.quotes[q].start < m.start() < self.quotes[q].end for q in self._quotes_between(start, end)):
            return end
        cut = _trim_right(self.text, m.start())
        return cut if cut > start else end

    def _scare_quoted(self, span: tuple[int, int]) -> bool:
        """Whether a phrase opens with a quotation of a word or two that modifies what follows it
        ('"quack" medical cures'), the phrase's head outside the marks."""
        qs = self._quotes_between(*span)
        if not qs or self.quotes[qs[0]].start != span[0]:
            return False
        quote = self.quotes[qs[0]]
        words = self.text[quote.start : quote.end].strip(QUOTE_CHARS + " ,.").split()
        rest = self.text[quote.end : span[1]].strip()
        return 0 < len(words) <= 2 and bool(rest) and rest[:1].isalnum()

    def _quote_leads(self, tok: Token) -> bool:
        """Whether ``tok``'s phrase opens with a quotation and goes on after it ('claimed "Trump
        exaggerates" the level of ...'): a partial quotation, not the whole object."""
        q = self.in_quote[tok.i]
        if q < 0:
            return False
        quote = self.quotes[q]
        return quote.start <= tok.left_edge.idx <= quote.start + 1 and tok.right_edge.idx >= quote.end

    def _extracted(self, v: Token, c: Token) -> list[tuple[int, int]]:
        """'what Trump says his plan would do': a wh-word moved out of the clause before the verb and
        its subject; the content is the wh-word and the clause after the verb."""
        own = {t.i for t in c.subtree}
        k = c.left_edge.i
        while k < v.i and k in own:
            k += 1
        first = _strip(self.doc[c.left_edge.i : k])
        lo, hi = self._clause(c)
        lo = max(lo, v.idx + len(v))
        out = [(first.start_char, first.end_char)] if len(first) else []
        rest = self.doc.char_span(lo, hi, alignment_mode="expand")
        if rest is not None:
            rest = _strip(rest)
            if len(rest):
                out.append((rest.start_char, rest.end_char))
        return out

    def _is_frame_np(self, c: Token, subj: Span | None) -> bool:
        return subj is not None and subj.start <= c.i < subj.end

    def _clause(self, tok: Token, extend: bool = False) -> tuple[int, int]:
        """A clause's span, ending before what belongs to another frame or to the writer: a coordinated
        cue verb ('... and warned ...'), a participle cue (', citing ...'), a semicolon, a trailing
        apposition ('AUKUS, a regional security pact first announced ...')."""
        doc = self.doc
        lo, hi = tok.left_edge.i, tok.right_edge.i + 1
        for c in tok.subtree:
            if c.text == ";" and self.in_quote[c.i] < 0 and lo < c.i < hi:
                hi = c.i  # a semicolon ends the content, wherever the parser hung the rest
                continue
            if c.i <= tok.i or c.i >= hi:
                continue
            cut = None
            if (
                c.dep_ == "conj"
                and c.head.i == tok.i
                and self._cue_kind(c) is not None
                and c.tag_ != "VB"
                and any(g.dep_ == "ccomp" for g in c.children)
            ):
                # '... and said she would ...', '... and how experts say it would ...': a coordinated cue
                # with a clause of its own is another frame, with or without a subject of its own ('he
                # posed a threat and refused to drop the gun' is one content)
                cut = c.left_edge.i
                while cut > lo and doc[cut - 1].dep_ in ("cc", "punct"):
                    cut -= 1
            elif (
                c.dep_ == "conj"
                and c.head.i == tok.i
                and tok.tag_ == "VB"
                and any(g.dep_ == "aux" and g.tag_ == "MD" for g in tok.children)
                and c.tag_ in ("VBD", "VBZ")
                and not any(g.dep_ in _SUBJ or g.dep_ == "aux" for g in c.children)
            ):
                # 'he would order a review and warned against hackers': a finite verb coordinated with
                # a modal's infinitive goes with the speech verb, not with the content
                cut = c.left_edge.i
                while cut > lo and doc[cut - 1].dep_ in ("cc", "punct"):
                    cut -= 1
            elif c.dep_ == "advcl" and c.tag_ == "VBG" and self._cue_kind(c) is not None and c.i > tok.i:
                cut = c.left_edge.i
            elif self._relay_clause(c):
                # ', as quoted by Le Monde and reported by Reuters': the way the words came, not the words
                cut = c.left_edge.i
                while cut > lo and doc[cut - 1].dep_ in ("cc", "punct"):
                    cut -= 1
            elif (
                _TRAILING_CUTS
                and c.i > tok.i
                and doc[c.left_edge.i - 1].text == ","
                and c.right_edge.i + 1 >= hi
                and (
                    (c.dep_ == "relcl" and c.left_edge.lower_ in ("which", "who") and "relcl" in _TRAILING_CUTS)
                    or (
                        c.dep_ == "advcl"
                        and "advcl" in _TRAILING_CUTS
                        and any(g.dep_ == "mark" and g.lower_ in _CONTRAST_MARKS for g in c.children)
                    )
                    or (c.dep_ in ("advcl", "acl") and c.tag_ == "VBG" and "vbg" in _TRAILING_CUTS)
                )
            ):
                cut = c.left_edge.i - 1
            elif c.dep_ == "appos" and c.right_edge.i + 1 >= hi and c.pos_ in ("NOUN", "ADJ") and c.i > tok.i:
                first = c.left_edge
                if first.pos_ == "DET" and first.i > lo and doc[first.i - 1].text == ",":
                    cut = first.i
            if cut is not None and cut > lo:
                hi = min(hi, cut)
        if extend and hi == tok.right_edge.i + 1:
            hi = self._sentence_tail(tok, hi)
        span = _strip(doc[lo:hi])
        return span.start_char, span.end_char

    def _sentence_tail(self, tok: Token, hi: int) -> int:
        """Reported speech runs to the end of its sentence ('said it would be "improper" for him to
        speak on ...', where the parser hung the rest on the verb), up to another frame."""
        doc = self.doc
        end = tok.sent.end
        # what the speech verb coordinates ('..., and nobody disagreed') is not its content
        verb = tok.head
        other = {t.i for c in verb.children if c.dep_ in ("conj", "cc") and c.i > tok.i for t in c.subtree}
        j = hi
        while j < end:
            t = doc[j]
            if "\n" in t.text or t.text == ";" or t.lower_ in ("according", "adding", "citing", "saying"):
                break
            if t.i in other:
                while j > hi and doc[j - 1].is_punct:
                    j -= 1
                break
            if self._cue_kind(t) is not None and self.in_quote[t.i] < 0:
                # another frame: its subject before it is not ours either
                k = j
                while k > hi and doc[k - 1].dep_ in ("nsubj", "compound", "det", "amod", "poss", "case", "aux"):
                    k -= 1
                j = k
                break
            j += 1
        return j

    def _object_phrase(self, v: Token, dobj: Token) -> tuple[int, int]:
        """The object and what the verb says of it after it ('cited the election as a reason to ...'),
        up to a comma, a coordinated verb or another frame.  The writer's asides on the object ('the
        bill, which critics call ...', 'Trump, who says ...') and the verb's adjuncts of time ('since
        the debate') are not what was said."""
        doc = self.doc
        hi = dobj.right_edge.i + 1
        for c in dobj.subtree:
            if (
                c.i > dobj.i
                and c.dep_ in _OBJECT_ASIDES
                and c.left_edge.i - 1 > dobj.i
                and doc[c.left_edge.i - 1].text in (",", "--", "—", "(")
            ):
                hi = min(hi, c.left_edge.i - 1)
        for c in v.children:
            if c.i <= dobj.i or c.dep_ not in ("prep", "advcl", "xcomp", "oprd", "npadvmod", "ccomp"):
                continue
            if c.dep_ == "prep" and c.lower_ in _ADJUNCT_PREPS:
                break
            if any(doc[k].text in (",", ";") or "\n" in doc[k].text for k in range(hi, c.left_edge.i)):
                break
            if self._cue_kind(c) is not None:
                break
            if c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in _ADJUNCT_MARKS for g in c.children):
                break
            if (
                c.dep_ in ("prep", "npadvmod")
                and self._is_date_phrase(c)
                and not any(g.i > c.i and g.dep_ in ("xcomp", "ccomp", "oprd", "advcl") for g in v.children)
            ):
                break  # 'rejected that argument in July': the occasion, unless what was said goes on after it
            hi = max(hi, c.right_edge.i + 1)
        for k in range(dobj.i + 1, hi):
            # 'criticized the law as a "crazy system" during a campaign stop': the occasion, wherever the
            # parser hung it
            if doc[k].dep_ == "prep" and doc[k].lower_ in _ADJUNCT_PREPS and self.in_quote[k] < 0:
                hi = k
                break
        span = _strip(doc[dobj.left_edge.i : hi])
        return span.start_char, span.end_char

    def _infinitive_conjuncts(self, v: Token, xcomp: Token, hi: int) -> int:
        """'wants to triple X, grow Y and create Z', 'declined to threaten Moscow or declare ...': bare
        verbs the parser coordinated with the cue verb instead of its infinitive go on with the
        infinitive.  A finite verb ('... and established a policy') is the cue verb's own."""
        for c in v.children:
            if (
                c.dep_ == "conj"
                and c.i > xcomp.i
                and c.tag_ in ("VB", "VBP")
                and self.in_quote[c.i] < 0
                and not any(g.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for g in c.children)
            ):
                hi = max(hi, self._clause(c)[1])
        return hi

    def _verb_conjuncts(self, v: Token, end: int) -> int:
        """'mentioned refinancing student loans and forcing universities to ...', 'talked about reform
        and passing gun control', 'said she wanted to speak to voters and let them know ...': a verb of
        another form than the cue, with no subject of its own, that the parser coordinated with the cue
        verb goes on with its object or clause (a verb of the cue's own form is the speaker's next act)."""
        for c in v.children:
            if (
                c.dep_ == "conj"
                and c.idx >= end
                and c.tag_ in ("VB", "VBP", "VBG")
                and c.tag_ != v.tag_
                and self.in_quote[c.i] < 0
                and self._cue_kind(c) is None
                and not any(g.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for g in c.children)
            ):
                end = max(end, self._clause(c)[1])
        return end

    def _is_date_phrase(self, c: Token) -> bool:
        """'in July', 'Wednesday', 'on Friday': a phrase that is a date or time (the occasion)."""
        head = c if c.dep_ == "npadvmod" else next((g for g in c.children if g.dep_ == "pobj"), None)
        return head is not None and head.ent_type_ in ("DATE", "TIME") and self.in_quote[head.i] < 0

    def _trim_discourse(self, span: Span) -> Span:
        """A sentence less its opening connective ('On the other hand, NATO ...')."""
        root = span.root
        for c in root.children:
            if c.i >= root.i or c.dep_ not in ("prep", "advmod") or c.left_edge.i != span.start:
                continue
            nxt = c.right_edge.i + 1
            if nxt < span.end and span.doc[nxt].text == ",":
                return _strip(span.doc[nxt + 1 : span.end])
        return span

    def _that_clauses(self, v: Token) -> list[tuple[int, int]]:
        """A that-clause the parser hung below the verb's adjuncts ("said at the time that ...")."""
        out = []
        for prep in (c for c in v.children if c.dep_ in ("prep", "npadvmod") and c.i > v.i):
            for t in prep.subtree:
                if t.dep_ in ("relcl", "acl", "ccomp") and t.i > prep.i:
                    that = next((d for d in self.doc[prep.i : t.i] if d.lower_ == "that"), None)
                    # 'railed against provisions that pock the tax code': a relative 'that' is no complementizer
                    if that is not None and any(c.dep_ in _SUBJ and c.i != that.i for c in t.children):
                        span = _strip(self.doc[that.i : max(t.right_edge.i, v.right_edge.i) + 1])
                        out.append((span.start_char, span.end_char))
                        return out
        return out

    def _host_clause(self, v: Token) -> list[tuple[int, int]]:
        """'..., sources said' / 'The museum, Mr. Obama said, would ...': the verb is a parenthetical
        of the clause around it, which is the content (less the frame)."""
        h = v.head
        if v.dep_ not in ("ccomp", "parataxis", "advcl", "conj") or h.i == v.i:
            return []
        if h.pos_ not in ("VERB", "AUX") or self._cue_kind(h) == "speech":
            return []
        if not any(c.dep_ == "nsubj" for c in v.children):
            return []
        if any(c.dep_ == "dobj" and c.pos_ in ("NOUN", "PROPN") for c in v.children):
            return []  # 'crackdowns could add fuel to the tensions': a verb with an object of its own
        if h.i > v.i and v.dep_ != "parataxis":
            return []
        frame_lo, frame_hi = v.left_edge.i, v.right_edge.i + 1
        k = frame_lo - 1
        while k > h.left_edge.i and self.doc[k].is_punct:
            k -= 1
        if self.doc[k].dep_ == "cc" or self.doc[frame_lo].dep_ == "cc":
            return []  # '..., and Republicans continue ...': a coordinated clause, not a parenthetical
        if h.i < v.i:
            # the frame runs to the end of the verb's own words, not beyond
            frame_hi = max([v.i + 1] + [t.i + 1 for c in v.children if c.dep_ != "punct" for t in c.subtree])
        out = []
        for lo, hi in ((h.left_edge.i, frame_lo), (frame_hi, h.right_edge.i + 1)):
            if hi > lo:
                span = _strip(self.doc[lo:hi])
                if len(span) >= 2 and any(t.is_alpha for t in span):
                    out.append((span.start_char, span.end_char))
        if sum(e - s for s, e in out) < 10:
            return []
        return out

    def _close_quotes(self, start: int, end: int) -> tuple[int, int]:
        for q in self._quotes_between(start, end):
            quote = self.quotes[q]
            if quote.start < start <= quote.start + 1:
                start = quote.start
            if quote.start >= start and quote.end > end and quote.start < end:
                end = quote.end
        # closing punctuation of the quotation
        return start, end

    def _quotes_between(self, start: int, end: int) -> list[int]:
        lo = bisect.bisect_right(self.quote_starts, start) - 1
        out = []
        for q in range(max(0, lo), len(self.quotes)):
            quote = self.quotes[q]
            if quote.start >= end:
                break
            if quote.end > start:
                out.append(q)
        return out

    def _region(self, v: Token) -> tuple[int, int]:
        """The tokens around the verb outside quotations, up to a sentence end or a paragraph break."""
        doc, in_quote = self.doc, self.in_quote
        lo = v.i
        while lo > 0:
            t = doc[lo - 1]
            if in_quote[t.i] >= 0 or "\n" in t.text or t.text in _SENT_END:
                break
            lo -= 1
        hi = v.i + 1
        while hi < len(doc):
            t = doc[hi]
            if in_quote[t.i] >= 0 or "\n" in t.text:
                break
            hi += 1
            if t.text in _SENT_END:
                break
        return lo, hi

    def _frame_tokens(self, v: Token, subj: Span | None, deps: tuple[str, ...]) -> set[int]:
        allowed = set(range(subj.start, subj.end)) if subj is not None else set()
        for c in v.children:
            if c.dep_ in deps:
                allowed.update(t.i for t in c.subtree)
        return allowed

    def _quote_frame(self, v: Token, subj: Span | None) -> list[int]:
        """The quotations a speech verb frames: '"Q," he said' / '"Q," said X, the ...' (the quotation
        right before the verb's stretch of text) or 'X said: "Q"' (right after it), with the quotations
        that open the next sentences of the paragraph without a frame of their own."""
        doc, text, in_quote = self.doc, self.text, self.in_quote
        lo, hi = self._region(v)
        out: list[int] = []
        # a verb with a clause of its own after it ('X said Kim's state is ...') frames no quotation before it
        own_clause = any(
            c.dep_ == "ccomp"
            and v.i < c.i < v.sent.end
            and self.para_of(c.idx) == self.para_of(v.idx)
            and in_quote[c.left_edge.i] < 0
            and not any(t.pos_ in ("VERB", "AUX") and t.head.i != c.i for t in doc[v.i + 1 : c.i])
            and not (c.left_edge.dep_ == "mark" and c.left_edge.lower_ != "that")  # 'after he admitted ...'
            for c in v.children
        )
        if lo > 0 and in_quote[lo - 1] >= 0 and not own_clause and self._frame_before(v, subj, lo):
            q = in_quote[lo - 1]
            gap = text[self.quotes[q].end : doc[lo].idx]
            if (
                _only_punct(gap)
                and "\n" not in gap
                and not self._new_sentence_after(self.quotes[q], lo)
                and not self._is_title(self.quotes[q])
            ):
                out.append(q)
        last = hi - 1
        while last > v.i and doc[last].is_space:
            last -= 1
        after = hi
        if doc[last].text == ":":
            # 'The Times reports:' and the quotation in the next paragraph
            while after < len(doc) and doc[after].is_space:
                after += 1
        if after < len(doc) and in_quote[after] >= 0 and in_quote[after] not in self.used_quotes:
            post = self._frame_tokens(v, subj, _POST_DEPS)
            framed = all(
                doc[i].is_punct or doc[i].is_space or (i in post and doc[i].lower_ != "that")
                for i in range(v.i + 1, last + 1)
            ) and not any(
                # '"Q1," X sings to Y before asking her, "Q2"': the nearer speech verb frames the quotation
                self._cue_kind(doc[i]) == "speech" and in_quote[i] < 0
                for i in range(v.i + 1, last + 1)
            )
            quote = self.quotes[in_quote[after]]
            if framed and doc[last].text in (":", ","):
                out.append(in_quote[after])
            elif all(
                (doc[i].is_punct and doc[i].text not in _SENT_END) or doc[i].dep_ in ("advmod", "prt", "neg")
                for i in range(v.i + 1, after)
            ) and (
                (self._closes_sentence(quote) and not self._is_title(quote, lead_in=False))
                # 'in a box labeled "medical problem," a doctor ...': what a verb of quoting names is its words
                or (self._lemma(v) in self.lex.quote_only and self._lemma(v) not in self.lex.speech)
            ):
                if out and self._lead_in(self.quotes[out[0]]) < self.quotes[out[0]].start:
                    # 'labeled "medical problem," a doctor had typed "homicidal ideation."': the partial
                    # quotation before the verb belongs to the sentence's other words, not to this verb
                    out = []
                out.append(in_quote[after])  # 'Protesters chanted "What curfew?"'
            elif out and doc[last].text == "," and self._interrupted(self.quotes[out[0]], quote):
                # '"Every time you say that," X said, referring to ..., "you give ..."': one sentence, cut in two
                out.append(in_quote[after])
        if out and len(out) == 1 and hi < len(doc) and in_quote[hi] >= 0:
            # '"Q1," he said, but "Q2"': the speaker's words go on after the frame
            between = [doc[k] for k in range(v.i + 1, hi) if not doc[k].is_space]
            if (
                between
                and between[-1].lower_ in ("but", "and")
                and between[0].text == ","
                and all(t.text == "," or t.lower_ in ("but", "and", "still", "then", "also") for t in between)
                and in_quote[hi] not in self.used_quotes
                and in_quote[hi] not in out
            ):
                out.append(in_quote[hi])
        if not out:
            return []
        return self._continue_quotes(out, doc[hi - 1].idx + len(doc[hi - 1]))

    def _block_after_colon(self, v: Token) -> tuple[int, int] | None:
        """'The governor added:' closing its paragraph, and the next paragraph without quotation marks
        (a block quotation): that paragraph is what was said."""
        doc = self.doc
        lo, hi = self._region(v)
        last = hi - 1
        while last > v.i and doc[last].is_space:
            last -= 1
        if last <= v.i or doc[last].text != ":":
            return None
        if any(c.dep_ in ("ccomp", "dobj", "xcomp") and c.i < last for c in v.children):
            return None
        if not all(
            doc[i].is_punct or doc[i].is_space or doc[i].dep_ in ("advmod", "prt", "npadvmod", "dative")
            for i in range(v.i + 1, last)
        ):
            return None
        p = self.para_of(v.idx)
        if self.paras[p][1] > doc[last].idx + 1 or p + 1 >= len(self.paras):
            return None  # the colon does not close the paragraph
        ns, ne = self.paras[p + 1]
        lead = ns + len(self.text[ns:ne]) - len(self.text[ns:ne].lstrip())
        if lead >= ne or self.text[lead] in QUOTE_CHARS:
            return None  # a quotation: the quotation frames read it
        return lead, _trim_right(self.text, ne)

    def _interrupted(self, first: _Quote, second: _Quote) -> bool:
        """Whether a quotation ending in a comma and the next one, opening in lower case, are one sentence."""
        inner = self.text[first.start : first.end].rstrip(QUOTE_CHARS + " ")
        head = self.text[second.start : second.end].lstrip(QUOTE_CHARS + " ")
        return inner.endswith(",") and head[:1].islower()

    def _continue_quotes(self, out: list[int], cursor: int) -> list[int]:
        """``out`` and the quotations that open the following sentences of the paragraph (they continue it)."""
        text = self.text
        out = list(out)
        para = self.para_of(self.quotes[out[-1]].start)
        cursor = max(self.quotes[out[-1]].end, cursor)
        q = out[-1] + 1
        while q < len(self.quotes) and self.para_of(self.quotes[q].start) == para:
            quote = self.quotes[q]
            if (
                not text[cursor : quote.start].strip()
                and not _ends_sentence(text, quote.start)
                and q not in self.used_quotes
                and self._is_title(quote, lead_in=False)
            ):
                # '..., X said on Fox News's "Fox and Friends." "Q2"': a title ends the frame, not the quotation
                cursor = quote.end
                q += 1
                continue
            if text[cursor : quote.start].strip() or not _ends_sentence(text, quote.start):
                break
            if not self._closes_sentence(quote):
                break  # '"You squeezed employees ..." to drive up ...': a partial quotation of its own
            if q in self.used_quotes:
                break
            out.append(q)
            cursor = quote.end
            q += 1
        return out

    def _frame_before(self, v: Token, subj: Span | None, lo: int) -> bool:
        """Whether the words between a quotation and the verb are the verb's frame: its subject,
        auxiliaries and adverbs ('"Q," Rep. X, a member of ..., said'), not another clause."""
        pre = self._frame_tokens(v, subj, _PRE_DEPS)
        for t in self.doc[lo : v.i]:
            if t.is_punct or t.is_space or t.i in pre:
                continue
            if t.is_title and t.tag_ == "VB" and t.i == lo and lo > 0 and self.in_quote[lo - 1] >= 0:
                continue  # '"Q," Tulsa police Chief X said': a name the tagger took for a verb
            if t.dep_ in ("cc", "mark") or (t.pos_ in ("VERB", "AUX") and t.dep_ not in ("relcl", "acl", "amod")):
                return False
            if subj is not None:
                return False
        return True

    def _closes_sentence(self, quote: _Quote) -> bool:
        """Whether a quotation ends its sentence: a stop inside it, or nothing but a stop after it."""
        inner = self.text[quote.start : quote.end].rstrip(QUOTE_CHARS + " ")
        if inner.endswith((".", "!", "?", "…")):
            return True
        after = self.text[quote.end : quote.end + 3].lstrip(" ")
        return not after or after[0] in ".!?\n"

    def _is_title(self, quote: _Quote, lead_in: bool = True) -> bool:
        """'on "Fox News Sunday,"': a short quotation in title case names a work or a show."""
        words = self.text[quote.start : quote.end].strip(QUOTE_CHARS + " ,.").split()
        if not words or len(words) > 6:
            return False
        if lead_in and self._lead_in(quote) >= quote.start:
            return False
        return all(w[:1].isupper() or w.lower() in _TITLE_SMALL for w in words)

    def _new_sentence_after(self, quote: _Quote, lo: int) -> bool:
        """'"... kidding." To which she said': the quotation ended its sentence and a new one begins."""
        inner = self.text[quote.start : quote.end].rstrip(QUOTE_CHARS + " ")
        if not inner.endswith((".", "!", "?")):
            return False
        first = next((t for t in self.doc[lo : lo + 3] if not t.is_punct and not t.is_space), None)
        return (
            first is not None
            and first.is_title
            and first.pos_ != "PROPN"
            and first.text != "I"
            and (first.i not in self.mentions or first.pos_ == "PRON")
        )

    def _lead_in(self, quote: _Quote) -> int:
        """Where the sentence that a quotation closes begins ('The summit accomplished "too little," he
        added'): the quotation's own start when it opens the sentence."""
        doc = self.doc
        span = doc.char_span(quote.start, quote.end, alignment_mode="expand")
        if span is None:
            return quote.start
        ps = self.paras[self.para_of(quote.start)][0]
        start = max(span[0].sent.start_char, ps)
        if start >= quote.start:
            return quote.start
        q = bisect.bisect_left(self.quote_starts, quote.start) - 1
        if q >= 0 and self.quotes[q].end > start:
            start = self.quotes[q].end
        stops = list(_SENTENCE_STOP.finditer(self.text, start, quote.start))
        if stops:
            start = stops[-1].end()
        lead = doc.char_span(start, quote.start, alignment_mode="expand")
        lead = _strip(lead) if lead is not None else None
        if lead is None or len(lead) == 0 or not any(t.is_alpha for t in lead):
            return quote.start
        return lead.start_char

    def _region_source(self, v: Token) -> tuple[Span | None, Token | None]:
        lo, hi = self._region(v)
        best = None
        for i in range(lo, hi):
            m = self.mentions.get(i)
            if m is not None and m.label in _PERSONISH and (best is None or abs(i - v.i) < abs(best - v.i)):
                best = i
        if best is None:
            return None, None
        tok = self.doc[best]
        return self._np(tok), tok

    def _fallback_source(self, v: Token) -> tuple[Span | None, Token | None]:
        """The speaker of a quotation whose verb the parser left without a subject: the name right
        after the quotation ('"Q," Tulsa police Chief X said', '"Q," Flynn, an adviser, said', a name the
        parser took apart), or the subject of an earlier clause of the sentence outside quotations
        ('X hardly clarified ..., asserting, "Q"')."""
        doc = self.doc
        lo = self._region(v)[0]
        words = [t for t in doc[lo : v.i] if not t.is_space]
        while words and words[0].is_punct:
            words = words[1:]
        if words:
            # up to the first comma: '"Q," Flynn, a top adviser, said'
            k = next((n for n, t in enumerate(words) if t.text == ","), len(words))
            name = words[:k]
            if name and all(t.is_title or t.pos_ in ("PROPN", "NOUN") for t in name if not t.is_punct):
                span = _strip(doc[name[0].i : name[-1].i + 1])
                if len(span):
                    return span, self._speaker_token(span.root)
        for t in reversed(doc[v.sent.start : v.i]):
            if (
                t.dep_ == "nsubj"
                and self.in_quote[t.i] < 0
                and t.pos_ in ("PROPN", "NOUN", "PRON")
                and t.lower_ not in self.lex.not_sources
                and t.lower_ not in ("it", "this")
            ):
                return self._np(t), self._speaker_token(t)
        return None, None

    def _cue_span(self, v: Token, how: str) -> tuple[int, int]:
        toks = [v] + [c for c in v.children if c.dep_ == "prt"]
        if how == "prep":
            preps = self.lex.prep_content.get(self._lemma(v), frozenset())
            toks += [c for c in v.children if c.dep_ == "prep" and c.lower_ in preps and c.i > v.i][:1]
        lo = min(t.idx for t in toks)
        hi = max(t.idx + len(t) for t in toks)
        return lo, hi

    def _previous_sentence(self, sent: Span) -> Span | None:
        i = sent.start - 1
        while i >= 0:
            prev = self.doc[i].sent
            if prev.text.strip():
                return _strip(prev)
            i = prev.start - 1
        return None

    # -------------------------------------------------------- other frames

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

    def _colon_frames(self, frames: list[_Frame]) -> list[_Frame]:
        """'Sanders made the following comment:' and a quotation after it: the sentence's subject said it.
        Not a quotation that reported speech runs into ('said she has the quality for the job: "..."')."""
        out = []
        doc, text = self.doc, self.text
        for qi, q in enumerate(self.quotes):
            if qi in self.used_quotes or any(f.content[0] < q.start < f.content[1] for f in frames):
                continue
            at = _trim_right(text, q.start)
            if at == 0 or text[at - 1] != ":" or q.start - at > 3:
                continue
            colon = doc.char_span(at - 1, at, alignment_mode="expand")
            if colon is None or self.in_quote[colon[0].i] >= 0:
                continue
            inverted = self._inverted_frame(qi, colon[0])
            if inverted is not None:
                out.append(inverted)
                continue
            root = colon[0].sent.root
            if self.in_quote[root.i] >= 0 or root.i > colon[0].i:
                # the parser rooted the sentence in the quotation: the top clause before the colon
                root = self._top_verb(colon[0].sent.start, colon[0].i) or root
            subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is None or root.pos_ not in ("VERB", "AUX") or self.in_quote[root.i] >= 0:
                continue
            if subj.dep_ == "nsubjpass":
                # 'X is exemplified by this finding: "..."': the agent is the source
                agent = next((c for c in root.children if c.dep_ == "agent"), None)
                pobj = next((g for g in agent.children if g.dep_ == "pobj"), None) if agent is not None else None
                if pobj is not None:
                    subj = pobj
            if subj.pos_ == "PRON" and subj.lower_ in self.lex.not_sources:
                continue
            src = self._np(subj)
            frame = _Frame("speech", (root.idx, root.idx + len(root)), (q.start, q.end), source=src)
            frame.speaker_tok = self._speaker_token(subj)
            frame.quotes, frame.fragments = [qi], [(q.start, q.end)]
            self.used_quotes[qi] = frame
            out.append(frame)
        return out

    def _top_verb(self, lo: int, hi: int) -> Token | None:
        """The verb of ``doc[lo:hi]`` outside quotations nearest the root of the parse."""
        best, best_depth = None, 99
        for t in self.doc[lo:hi]:
            if self.in_quote[t.i] >= 0 or t.pos_ not in ("VERB", "AUX") or t.dep_ in ("aux", "auxpass", "amod"):
                continue
            depth, cur = 0, t
            while cur.head.i != cur.i and depth < 99:
                cur, depth = cur.head, depth + 1
            if depth < best_depth:
                best, best_depth = t, depth
        return best

    def _inverted_frame(self, qi: int, colon: Token) -> _Frame | None:
        """'Said Ellis: "Q"': a speech verb opening its sentence, then the speaker's name and a colon
        (the parser reads the verb as part of the name)."""
        doc = self.doc
        first = doc[colon.sent.start]
        while first.i < colon.i and (first.is_space or first.is_punct):
            first = doc[first.i + 1]
        words = doc[first.i + 1 : colon.i]
        if (
            not first.is_title
            or first.tag_ not in ("VBD", "VBZ", "VBN")
            or self._lemma(first) not in self.lex.speech
            or not 1 <= len(words) <= 6
            or not all(t.is_title or t.is_punct or t.lower_ in _TITLE_SMALL for t in words)
        ):
            return None
        q = self.quotes[qi]
        src = _strip(words)
        frame = _Frame("speech", (first.idx, first.idx + len(first)), (q.start, q.end), source=src)
        frame.speaker_tok = self._speaker_token(src.root)
        frame.quotes = self._continue_quotes([qi], q.end)
        frame.fragments = [(self.quotes[k].start, self.quotes[k].end) for k in frame.quotes]
        frame.content = (frame.fragments[0][0], frame.fragments[-1][1])
        for k in frame.quotes:
            self.used_quotes[k] = frame
        return frame

    def _headline_frames(self, frames: list[_Frame]) -> list[_Frame]:
        """A quotation in the headline that no frame claims ('Clinton Speaks ‘Directly To White People’
        After ...', 'A lesson from X: 'Be the voice ...''): headlines quote without a verb of saying.  The
        speaker is the headline's first person, else its subject.  Only a quotation right after the
        headline's speech verb or colon: one inside a phrase ('calls Obamacare ‘crazy system’', 'X’s
        ‘13th’') is part of what the headline says, or names a work."""
        out: list[_Frame] = []
        if not self.paras:
            return out
        ps, pe = self.paras[0]
        if pe - ps >= 200 or len(self.paras) < 2 or re.search(r"[.!?][\"”’'\)]*\s+\S", self.text[ps:pe]):
            return out  # a headline: a short first line of one sentence, with the article after it
        doc = self.doc
        for qi, q in enumerate(self.quotes):
            if q.start >= pe:
                break
            if qi in self.used_quotes or any(f.content[0] <= q.start < f.content[1] for f in frames):
                continue
            head = doc.char_span(ps, q.start, alignment_mode="contract")
            if head is None or len(head) == 0:
                continue
            if not (head[-1].text == ":" or self._cue_kind(head[-1]) == "speech"):
                continue  # 'calls Obamacare ‘crazy system’': the quotation is part of the verb's object
            person = next((t for t in head if t.i in self.mentions and self.mentions[t.i].label == "PERSON"), None)
            if person is None:
                person = next((t for t in head if t.dep_ in ("nsubj", "nsubjpass") and self.in_quote[t.i] < 0), None)
            if person is None:
                continue
            src = self._np(person)
            if len(src) == 0:
                continue
            cue = next((t for t in head if t.pos_ == "VERB"), None)
            cue_span = (cue.idx, cue.idx + len(cue)) if cue is not None else (q.start, q.start)
            frame = _Frame("speech", cue_span, (q.start, q.end), source=src, speaker_tok=self._speaker_token(person))
            frame.quotes, frame.fragments = [qi], [(q.start, q.end)]
            self.used_quotes[qi] = frame
            out.append(frame)
        return out

    def _signature_frames(self) -> list[_Frame]:
        """'“...” ― Name': a quotation signed after a dash."""
        out = []
        text = self.text
        for qi, q in enumerate(self.quotes):
            if qi in self.used_quotes:
                continue
            rest = text[q.end : q.end + 80]
            stripped = rest.lstrip(" \u00a0")
            dash = next((d for d in self.lex.signature_dashes if stripped.startswith(d)), None)
            if dash is None:
                continue
            cue_start = q.end + (len(rest) - len(stripped))
            s = cue_start + len(dash)
            while s < len(text) and text[s] in " \u00a0":
                s += 1
            e = s
            while e < len(text) and text[e] != "\n":
                e += 1
            e = _trim_right(text, e)
            while e > s and text[e - 1] in ".,;":
                e -= 1
            words = text[s:e].split()
            # the rest of the line is a name: short, capitalised
            if not 0 < e - s <= 60 or len(words) > 6 or sum(w[:1].isupper() for w in words) * 2 < len(words):
                continue
            src = self.doc.char_span(s, e, alignment_mode="expand")
            if src is None:
                continue
            # a paragraph opened by a quotation mark is signed as a whole, whatever marks inside it went astray
            # ('“... To quote X ‘Some people ...” And that’s all he has “the root of all evil’.” ― Name')
            first = qi
            ps = self.paras[self.para_of(q.start)][0]
            while first > 0 and self.quotes[first - 1].start >= ps and first - 1 not in self.used_quotes:
                first -= 1
            lead = ps + len(text[ps : q.start]) - len(text[ps : q.start].lstrip())
            if self.quotes[first].start != lead:
                first = qi
            start = self.quotes[first].start
            frame = _Frame("signature", (cue_start, cue_start + len(dash)), (start, q.end), source=src)
            frame.speaker_tok = src.root
            frame.quotes, frame.fragments = list(range(first, qi + 1)), [(start, q.end)]
            for k in frame.quotes:
                self.used_quotes[k] = frame
            out.append(frame)
        return out

    def _continuations(self, frames: list[_Frame]) -> None:
        """A paragraph that is one quotation with no frame, after a paragraph whose last statement was
        quoted, goes on with that statement (the speaker carries on)."""
        text = self.text
        for qi, q in enumerate(self.quotes):
            if qi in self.used_quotes:
                continue
            p = self.para_of(q.start)
            ps, pe = self.paras[p]
            if q.start != ps + (len(text[ps:pe]) - len(text[ps:pe].lstrip())) or q.end < _trim_right(text, pe) - 1:
                continue
            if p == 0:
                continue
            pps, ppe = self.paras[p - 1]
            before = [f for f in frames if f.kind in ("speech", "signature") and pps <= f.content[1] <= ppe + 1]
            if not before or not before[-1].quotes:
                continue
            prev = before[-1]
            if not q.closed and _family(text[q.start]) != _family(text[self.quotes[prev.quotes[-1]].start]):
                continue  # a paragraph opened by a mark of the other family and never closed: not the speaker's
            prev.fragments = list(prev.fragments or [prev.content]) + [(q.start, q.end)]
            prev.content = (prev.content[0], q.end)
            prev.quotes = prev.quotes + [qi]
            self.used_quotes[qi] = prev

    def _dedupe(self, frames: list[_Frame]) -> list[_Frame]:
        """One frame per content: a speech frame wins over an attitude or 'according to' one."""
        rank = {"label": 0, "speech": 1, "signature": 1, "according": 2, "relay": 3, "attitude": 4, "noun": 5}
        kept: list[_Frame] = []
        for f in sorted(frames, key=lambda f: (rank.get(f.kind, 5), f.content[0])):
            if any(_overlap(f.content, k.content) >= 0.9 for k in kept):
                continue
            in_label = f.kind != "label" and any(
                k.kind == "label" and k.content[0] <= f.content[0] < k.content[1] for k in kept
            )
            if in_label and (f.kind in ("attitude", "according", "relay") or f.quotes):
                continue
            if (f.kind in ("attitude", "noun") or (f.kind == "speech" and f.how and f.how != "quote")) and any(
                k.kind == "speech" and k.content[0] <= f.cue[0] < k.content[1] for k in kept
            ):
                # 'said he planned to ...', 'said Trump refused to ...': a cue inside reported speech is
                # mostly the speaker's words (PolNeAR rarely annotates it apart), unless it frames a quotation
                continue
            if (
                f.kind == "speech"
                and f.how == "quote"
                and any(
                    k.kind == "speech"
                    and k.how not in ("quote", "")
                    and k.content[0] <= f.cue[0]
                    and k.content[0] <= f.content[0]
                    and f.content[1] <= k.content[1]
                    for k in kept
                )
            ):
                # 'denouncing what it calls "the biggest attack"': the quotation and its frame are reported
                # speech of the outer frame
                continue
            kept.append(f)
        return sorted(kept, key=lambda f: (f.content[0], f.cue[0]))

    # -------------------------------------------------------------- relays

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

    # ---------------------------------------------------------------- dates

    def _date(self, v: Token, content: tuple[int, int], subj: Span | None) -> TimeExpr | None:
        exclude = set(range(subj.start, subj.end)) if subj is not None else set()
        t = self._own_time(v, exclude)
        if t is not None and content[0] <= t.start < content[1]:
            return None
        return t

    def _own_time(self, v: Token, exclude: set[int]) -> TimeExpr | None:
        """A time expression of the verb's own clause (not one inside a clause below it)."""
        if not self.time_at:
            return None
        for t in v.subtree:
            if t.i in self.time_at and t.i not in exclude and not _inside_clause(t, v):
                if self.in_quote[t.i] >= 0 and self.in_quote[v.i] < 0:
                    continue
                return self.time_at[t.i]
        return None

    # -------------------------------------------------------------- records

    def _records(self, frames: list[_Frame]) -> tuple[list[Attribution], list[Statement]]:
        attributions: list[Attribution] = []
        statements: list[Statement] = []
        last_date: dict[str | None, DateValue] = {}
        credited = self._credited()
        for f in frames:
            src = (f.source.start_char, f.source.end_char) if f.source is not None else None
            attr = Attribution(src, f.cue, f.content, "speech" if f.kind in _STATEMENT_KINDS else f.kind)
            attr.fragments = list(f.fragments or [f.content])
            if f.kind == "relay":
                attr.kind = "relay"
            attributions.append(attr)
            if f.kind not in _STATEMENT_KINDS:
                continue
            speaker, speaker_text = self._speaker(f)
            content, start, end, form = self._content_text(f)
            if not content:
                continue
            date = self._statement_date(f, speaker, last_date)
            if date is not None:
                last_date[speaker] = date
                last_date[None] = date
            elif self.doc._.published:
                # undated: said at some time up to the publication, not on it
                date = DateValue("PAST_REF", None, str(self.doc._.published)[:10], "open")
            chain = [ChainLink(self._speaker_name(speaker, speaker_text), speaker)]
            hops = list(f.hops)
            for h in hops:
                chain.append(ChainLink(h.name, h.actor_id, self.text[h.start : h.end], h.date))
            if credited is not None and all(
                (credited[1] is None or c.actor_id != credited[1]) and c.name != credited[0] for c in chain
            ):
                chain.append(ChainLink(credited[0], credited[1]))
            chain.append(ChainLink("this page", None))
            key = f"{f.cue[0]}:{start}:{end}"
            sid = "st-" + hashlib.sha1(key.encode()).hexdigest()[:10]
            cue_text = self.text[f.cue[0] : f.cue[1]]
            statements.append(Statement(sid, speaker, speaker_text, cue_text, content, form, date, chain, start, end))
            attr.statement = sid
            attr.hops = hops
            attr.events = self._events_in([*attr.fragments, attr.cue])
            statements[-1].events = list(attr.events)
        return attributions, statements

    def _events_in(self, fragments: list[tuple[int, int]]) -> list[str]:
        """The events whose trigger word lies in these spans (the content, and the cue: the speech act
        itself coded as an event, "stated that NATO was seeking ..." as ACCUSE)."""
        out = []
        for e in self.doc._.events or []:
            if not e.trigger or not any(s < e.evidence.end and e.evidence.start < t for s, t in fragments):
                continue
            for m in re.finditer(re.escape(e.trigger), self.text[e.evidence.start : e.evidence.end]):
                at = e.evidence.start + m.start()
                if any(s <= at < t for s, t in fragments):
                    out.append(e.id)
                    break
        return out

    def _credited(self) -> tuple[str, str | None] | None:
        name = self.doc._.credited_source if Doc.has_extension("credited_source") else None
        if not name:
            return None
        for a in self.actors.values():
            if a.name.lower() == str(name).lower():
                return a.name, a.id
        on = doc_date(self.doc)
        return self.tagger.resolve_outlet(str(name), on)

    def _speaker(self, f: _Frame) -> tuple[str | None, str | None]:
        tok = f.speaker_tok
        if f.source is None and tok is None:
            return None, None
        cands: list[Mention] = []
        if tok is not None and tok.i in self.mentions:
            cands.append(self.mentions[tok.i])
        if f.source is not None:
            for t in f.source:
                m = self.mentions.get(t.i)
                if m is not None and m not in cands:
                    cands.append(m)
        single = [m for m in cands if len(m.actor_ids) == 1]
        person = [m for m in single if m.label in _PERSONISH]
        best = (person or single or [None])[0]
        if best is not None:
            return best.actor_ids[0], best.text
        if f.source is not None:
            return None, _head_phrase(f.source)
        return None, None

    def _speaker_name(self, speaker: str | None, speaker_text: str | None) -> str:
        actor = self.actors.get(speaker) if speaker else None
        if actor is not None:
            return actor.name
        return speaker_text or "unknown"

    def _content_text(self, f: _Frame) -> tuple[str, int, int, str]:
        """The statement's content, its span and its form.

        Quotations lose their marks (and the marks that reopen them in each paragraph); pieces of
        one quotation interrupted by its frame are joined ('"Q1," he said. "Q2."'); reported speech
        loses its "that" and final punctuation."""
        text = self.text
        frags = list(f.fragments or [f.content])
        starts = {self.quotes[q].start for q in f.quotes}
        # a transcript's 'PENCE: ...' gives the words as spoken, marks or not
        # direct when the content opens with a whole quotation, not with one that leads a phrase on
        # ('claimed "Smith exaggerates" the size of ...' is mixed)
        ends = {self.quotes[q].start: self.quotes[q].end for q in f.quotes}
        direct = (bool(f.quotes) and frags[0][0] in starts and ends[frags[0][0]] >= frags[0][1]) or f.kind in (
            "label",
            "signature",
        )
        pieces: list[str] = []
        start, end = frags[0][0], frags[-1][1]
        if direct:
            for i, (s, e) in enumerate(frags):
                q = next((self.quotes[q] for q in f.quotes if self.quotes[q].start == s), None)
                if q is not None:
                    # one mark, or two typed for one (``...'')
                    s += 2 if text[s : s + 2] in ("``", "''") else 1
                    if q.closed and text[e - 1] in QUOTE_CHARS:
                        e -= 2 if text[e - 2 : e] == "''" and e - 2 >= s else 1
                while e > s and text[e - 1] in " ,":
                    e -= 1
                if i == 0:
                    start = s
                end = e
                pieces.append(_REOPEN.sub("\n\n", text[s:e].strip()))
            form = "direct"
        else:
            quoted = False
            for i, (s, e) in enumerate(frags):
                span = self.doc.char_span(s, e, alignment_mode="expand")
                if i == 0 and span is not None and len(span) > 1 and span[0].lower_ == "that" and span[0].dep_ != "det":
                    s = span[1].idx
                while e > s and text[e - 1] in " ,;:.":
                    e -= 1
                if i == 0:
                    start = s
                end = e
                quoted = quoted or bool(self._quotes_between(s, e))
                pieces.append(text[s:e].strip())
            form = "mixed" if quoted else "indirect"
        if len(pieces) == 1:
            return (pieces[0] if direct else text[start:end]), start, end, form
        joined = pieces[0]
        for piece in pieces[1:]:
            if not piece:
                continue
            if piece[:1].isupper() and not joined.endswith((".", "!", "?", "…")):
                joined += "."
            joined += " " + piece
        return joined, start, end, form

    def _statement_date(self, f: _Frame, speaker: str | None, last: dict[str | None, DateValue]) -> DateValue | None:
        t = f.date
        if t is None:
            return None
        if t.value:
            return date_value(t)
        if t.text.lower().strip() in self.lex.anaphoric_times or any(
            t.text.lower().endswith(a) for a in self.lex.anaphoric_times
        ):
            return last.get(speaker) or last.get(None)
        return None


_STATEMENT_KINDS = ("speech", "according", "label", "signature")


# --------------------------------------------------------------------------- helpers


def _paragraphs(text: str) -> list[tuple[int, int]]:
    out = []
    pos = 0
    for para in text.split("\n"):
        if para.strip():
            out.append((pos, pos + len(para)))
        pos += len(para) + 1
    return out or [(0, len(text))]


def _strip(span: Span) -> Span:
    """A span without punctuation, conjunctions and spaces at its edges (quotation marks kept)."""
    doc = span.doc
    lo, hi = span.start, span.end
    while lo < hi and (doc[lo].is_space or doc[lo].text in _PUNCT_EDGE or doc[lo].dep_ == "cc" and lo == span.start):
        lo += 1
    while hi > lo and (doc[hi - 1].is_space or doc[hi - 1].text in _PUNCT_EDGE):
        hi -= 1
    return doc[lo:hi]


def _is_headline(para: str) -> bool:
    """A title-case line: most of its longer words capitalised."""
    words = [w for w in para.split() if len(w) > 3 and w[0].isalpha()]
    return len(para) < 200 and bool(words) and sum(w[0].isupper() for w in words) >= 0.6 * len(words)


def _merge_spans(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def _ends_sentence(text: str, i: int) -> bool:
    """Whether the text before ``i`` ends a sentence (a closing mark after the stop counts)."""
    before = text[:i].rstrip()
    while before and before[-1] in "”’\"'»":
        before = before[:-1]
    return not before or before[-1] in ".!?:"


def _only_punct(gap: str) -> bool:
    return all(ch in " ,\u00a0—–-:;" for ch in gap)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = min(a[1], b[1]) - max(a[0], b[0])
    if inter <= 0:
        return 0.0
    return inter / (max(a[1], b[1]) - min(a[0], b[0]))


def _inside_clause(t: Token, top: Token) -> bool:
    cur = t
    while cur.i != top.i and cur.head.i != cur.i:
        if cur.dep_ in _CLAUSE_DEPS and (cur.dep_ != "conj" or cur.pos_ in ("VERB", "AUX")):
            return True
        cur = cur.head
    return False


def _as_phrase(tok: Token) -> Token | None:
    """The 'as' phrase after a verb ('see X as Y', 'was treated as a crime'), or None."""
    return next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "as" and c.i > tok.i), None)


def _head_phrase(span: Span) -> str:
    root = span.root
    toks = [c for c in root.lefts if c.dep_ in ("compound", "amod", "det", "nummod", "poss") and c.i >= span.start]
    toks.append(root)
    lo = min(t.i for t in toks)
    return span.doc[lo : root.i + 1].text


def register_statement_extensions() -> None:
    """``doc._.attributions`` (this stage's spans) and ``doc._.credited_source`` (set before the pipeline)."""
    for name in ("attributions", "credited_source"):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


@Language.factory(
    "newsgraph_statements",
    default_config={"lexicon": None},
    requires=["doc._.mentions", "token.dep"],
    assigns=["doc._.statements", "doc._.attributions"],
)
def make_statement_tagger(nlp: Language, name: str, lexicon: str | None) -> StatementTagger:
    return StatementTagger(nlp, name, lexicon)
