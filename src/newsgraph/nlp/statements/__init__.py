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

The package follows the stage's steps: :mod:`.quotes` (quotation marks on the characters),
:mod:`.lexicon` (the cue lexicon, ``data/attribution.yaml``), :mod:`.article` (one document's
indexes), :mod:`.cues` (verb cues and their sources), :mod:`.contents` and :mod:`.clauses` (what a cue
reports), :mod:`.quote_frames` (quotations given to their cue), :mod:`.nominal_frames` and
:mod:`.layout_frames` (frames without a speech verb), :mod:`.chains` (relays), :mod:`.speakers` (the
records: speaker, content, date) and :mod:`.component` (the spaCy factory ``newsgraph_statements``).
"""

from newsgraph.nlp.statements.component import StatementTagger, make_statement_tagger, register_statement_extensions
from newsgraph.nlp.statements.lexicon import Lexicon, load_lexicon
from newsgraph.nlp.statements.quotes import find_quotes
from newsgraph.nlp.statements.records import Attribution, Hop

__all__ = [
    "Attribution",
    "Hop",
    "Lexicon",
    "StatementTagger",
    "find_quotes",
    "load_lexicon",
    "make_statement_tagger",
    "register_statement_extensions",
]
