#!/usr/bin/env python3
"""Derive ``src/newsgraph/nlp/data/polarity.tsv``, the evaluative-word lexicon of the speech events
stage, from two general-purpose sentiment resources shipped in PyPI packages:

* VADER (``vaderSentiment`` 3.3.2, ``vader_lexicon.txt``; MIT licence, C.J. Hutto): mean valence of
  about 7,500 English words rated by ten people on -4..+4;
* Pattern's English adjective lexicon as shipped by TextBlob (``textblob`` 0.20.1,
  ``textblob/en/en-sentiment.xml``; PDDL, De Smedt & Daelemans): polarity -1..+1 and subjectivity
  0..1 per adjective sense.

Usage (the wheels fetched with the ordinary client, nothing installed)::

    pip download vaderSentiment==3.3.2 textblob==0.20.1 --no-deps -d /tmp/wheels
    python tools/derive_polarity.py /tmp/wheels > src/newsgraph/nlp/data/polarity.tsv

A word is kept when VADER rates it at least ``VADER_MIN`` either way or Pattern gives its senses a
mean polarity of at least ``PATTERN_MIN`` with a mean subjectivity of at least ``SUBJ_MIN`` (an
opinion, not a description); where both rate it they must agree in sign.  Its score is the mean of
the two ratings on -1..+1.  Only plain lower-case words (no slang abbreviations, emoticons or
phrases).  Nothing here is chosen by hand.
"""

from __future__ import annotations

import re
import sys
import xml.etree.ElementTree as ET
import zipfile
from collections import defaultdict
from pathlib import Path

VADER_MIN = 1.0
PATTERN_MIN = 0.3
SUBJ_MIN = 0.5
_WORD = re.compile(r"[a-z][a-z-]*[a-z]")


def _read(wheels: Path, prefix: str, member: str) -> str:
    wheel = next(iter(sorted(wheels.glob(f"{prefix}*.whl"))), None)
    if wheel is None:
        sys.exit(f"derive_polarity: no {prefix}*.whl in {wheels} (see the usage above)")
    try:
        with zipfile.ZipFile(wheel) as z:
            return z.read(member).decode("utf-8")
    except (zipfile.BadZipFile, KeyError) as exc:
        sys.exit(f"derive_polarity: {wheel}: cannot read {member} ({exc})")


def main(wheels: Path) -> None:
    vader: dict[str, float] = {}
    for line in _read(wheels, "vaderSentiment", "vaderSentiment/vader_lexicon.txt").splitlines():
        word, mean, *_ = line.split("\t")
        if _WORD.fullmatch(word) and abs(float(mean)) >= VADER_MIN:
            vader[word] = float(mean) / 4
    senses: dict[str, list[tuple[float, float]]] = defaultdict(list)
    root = ET.fromstring(_read(wheels, "textblob", "textblob/en/en-sentiment.xml"))
    for e in root.iter("word"):
        form = e.get("form") or ""
        if _WORD.fullmatch(form):
            senses[form].append((float(e.get("polarity") or 0), float(e.get("subjectivity") or 0)))
    pattern = {}
    for form, rows in senses.items():
        pol = sum(p for p, _ in rows) / len(rows)
        subj = sum(s for _, s in rows) / len(rows)
        if abs(pol) >= PATTERN_MIN and subj >= SUBJ_MIN:
            pattern[form] = pol
    print("# word\tpolarity (-1..+1), derived by tools/derive_polarity.py from VADER 3.3.2 (MIT) and")
    print("# Pattern's English adjective lexicon as shipped by TextBlob 0.20.1 (PDDL); see that script.")
    for word in sorted(set(vader) | set(pattern)):
        scores = [s for s in (vader.get(word), pattern.get(word)) if s is not None]
        if len({s > 0 for s in scores}) > 1:
            continue  # the two resources disagree
        print(f"{word}\t{sum(scores) / len(scores):.2f}")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python tools/derive_polarity.py WHEELS_DIR > src/newsgraph/nlp/data/polarity.tsv")
    main(Path(sys.argv[1]))
