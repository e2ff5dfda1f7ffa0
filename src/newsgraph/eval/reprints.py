"""A reprint test set built from a folder of articles, and the precision and recall of copy links.

Nothing is stored: the set is generated, deterministically from a seed, each time it is used.
Each *original* is a corpus article (first line the title, then paragraphs).  Its *copies* are
perturbed the ways syndication perturbs a text -- several of these at once:

* another headline; another date line ("LONDON (Reuters) -"); furniture lines added
  ("Advertisement", "Share this article", a credit line, "Read more: ...");
* a paragraph dropped, two paragraphs swapped, the ending trimmed (the last third gone);
* light rewording (a few words in each paragraph swapped for others, or dropped);
* whitespace and quotation-mark style (curly quotes, doubled spaces, non-breaking spaces).

*Hard negatives* are other articles of the same category (the same topic: business, politics,
...), in the set as originals with no copies.  Originals are published before their copies; the
documents are fed in a shuffled order, so a copy often arrives before its original.

Scores: a predicted link is a pair (copy, origin); it is correct when the gold original of the
copy is that origin.  Precision over predicted links, recall over gold links.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from newsgraph.eval.metrics import prf

FURNITURE = (
    "Advertisement",
    "Share this article",
    "Read more: the latest headlines from our newsroom",
    "Copyright 2005 the syndication service. All rights reserved.",
    "Follow us on Twitter and Facebook for more stories like this one",
    "Subscribe to our newsletter",
    "This story was originally published by another outlet and is republished with permission.",
)
DATELINES = ("LONDON (Reuters) - ", "NEW YORK, Feb 3 (AP) -- ", "BRUSSELS: ", "(AFP) ", "WASHINGTON — ")
HEADLINE_PREFIXES = ("UPDATE 1-", "Breaking: ", "", "WRAPUP-")
# Word swaps of the light rewording: the kind of edit a copy desk makes.
SWAPS = {
    "said": "stated",
    "says": "states",
    "also": "additionally",
    "but": "however",
    "big": "large",
    "buy": "purchase",
    "help": "assist",
    "show": "indicate",
    "told": "informed",
    "about": "around",
    "many": "numerous",
    "start": "begin",
    "end": "finish",
    "get": "obtain",
}
PERTURBATIONS = ("headline", "dateline", "furniture", "drop", "swap", "trim", "reword", "typography")


@dataclass(slots=True)
class ReprintDoc:
    id: str
    text: str
    published: str
    original: str  # the id of the document it copies (itself for an original)


def load_articles(folder: Path, limit: int | None = None) -> list[tuple[str, str, list[str]]]:
    """(category, title, paragraphs) of each ``*.txt`` article, distinct texts only, sorted by path."""
    seen: set[str] = set()
    out = []
    for path in sorted(folder.rglob("*.txt")):
        if path.name.upper() == "README.TXT":
            continue
        try:
            lines = [ln.strip() for ln in path.read_text("utf-8", errors="replace").splitlines()]
        except OSError:
            continue
        lines = [ln for ln in lines if ln]
        if len(lines) < 3:
            continue
        # the corpus holds a few articles twice, some lightly edited (the same headline, or the
        # same lead): those are real copies, not hard negatives, so only the first is kept
        keys = {hashlib.sha1(f"{n}:{line.lower()}".encode()).hexdigest() for n, line in enumerate(lines[:2])}
        if keys & seen:
            continue
        seen |= keys
        out.append((path.parent.name, lines[0], lines[1:]))
        if limit and len(out) >= limit:
            break
    return out


def perturb(
    title: str, paragraphs: list[str], rng: random.Random, kinds: Sequence[str] | None = None
) -> tuple[str, list[str]]:
    """A syndicated copy: ``kinds`` of :data:`PERTURBATIONS` applied (by default two to four at random)."""
    paras = list(paragraphs)
    if kinds is None:
        kinds = rng.sample(PERTURBATIONS, rng.randint(2, 4))
    if "headline" in kinds:
        head = title.split()
        rng.shuffle(head)
        title = rng.choice(HEADLINE_PREFIXES) + " ".join(head[: max(3, len(head) - 1)]).capitalize()
    if "drop" in kinds and len(paras) > 4:
        del paras[rng.randrange(1, len(paras))]
    if "swap" in kinds and len(paras) > 3:
        i = rng.randrange(1, len(paras) - 1)
        paras[i], paras[i + 1] = paras[i + 1], paras[i]
    if "trim" in kinds and len(paras) > 5:
        paras = paras[: max(3, round(len(paras) * 0.66))]
    if "reword" in kinds:
        paras = [_reword(p, rng) for p in paras]
    if "dateline" in kinds:
        paras[0] = rng.choice(DATELINES) + paras[0]
    if "furniture" in kinds:
        for line in rng.sample(FURNITURE, 2):
            paras.insert(rng.randint(0, len(paras)), line)
    if "typography" in kinds:
        paras = [_typography(p, rng) for p in paras]
    return title, paras


def _reword(text: str, rng: random.Random) -> str:
    out = []
    for word in text.split(" "):
        low = word.lower()
        if low in SWAPS and rng.random() < 0.7:
            word = SWAPS[low]
        elif rng.random() < 0.03:  # a dropped word
            continue
        out.append(word)
    return " ".join(out)


def _typography(text: str, rng: random.Random) -> str:
    text = re.sub(r'"([^"]*)"', "\u201c\\1\u201d", text).replace("'", "\u2019")
    return text.replace(" ", "  ", rng.randint(1, 3)).replace(", ", ",\u00a0", 1)


def build_set(
    folder: Path, *, originals: int = 200, negatives: int = 200, max_copies: int = 2, seed: int = 12
) -> list[ReprintDoc]:
    """Originals with 1..``max_copies`` copies each, and hard negatives, in a shuffled order."""
    rng = random.Random(seed)
    articles = load_articles(folder)
    rng.shuffle(articles)
    by_cat: dict[str, list] = {}
    for art in articles:
        by_cat.setdefault(art[0], []).append(art)
    picked = []
    cats = sorted(by_cat)
    while len(picked) < originals + negatives and any(by_cat.values()):
        for cat in cats:  # round robin over categories: negatives share the originals' topics
            if by_cat[cat] and len(picked) < originals + negatives:
                picked.append(by_cat[cat].pop())
    base = dt.date(2005, 1, 1)
    docs: list[ReprintDoc] = []
    for n, (cat, title, paras) in enumerate(picked):
        oid = f"{cat}-{n:04d}"
        day = base + dt.timedelta(days=rng.randrange(300))
        docs.append(ReprintDoc(oid, "\n\n".join([title, *paras]), day.isoformat(), oid))
        if n >= originals:
            continue
        for k in range(rng.randint(1, max_copies)):
            t, p = perturb(title, paras, rng)
            later = day + dt.timedelta(days=rng.randint(1, 5))  # strictly later: "earliest" is then unambiguous
            docs.append(ReprintDoc(f"{oid}-copy{k}", "\n\n".join([t, *p]), later.isoformat(), oid))
    rng.shuffle(docs)
    return docs


def score_links(docs: list[ReprintDoc], predicted: dict[str, str]) -> dict:
    """Precision, recall and F1 of predicted ``{copy: origin}`` links against the set's originals."""
    gold = {d.id: d.original for d in docs if d.original != d.id}
    pred = {c: o for c, o in predicted.items() if c != o}
    tp = sum(1 for c, o in pred.items() if gold.get(c) == o)
    p, r, f = prf(tp, len(pred), len(gold))
    wrong = sorted((c, o, gold.get(c)) for c, o in pred.items() if gold.get(c) != o)
    missed = sorted(c for c in gold if c not in pred)
    return {
        "precision": p,
        "recall": r,
        "f1": f,
        "documents": len(docs),
        "gold_links": len(gold),
        "predicted_links": len(pred),
        "wrong": [list(w) for w in wrong[:50]],
        "missed": missed[:50],
    }


def run_reprint_eval(folder: Path, *, originals: int = 200, negatives: int = 200, seed: int = 12) -> dict:
    """Build the set, link it with :class:`~newsgraph.link.reprints.ReprintIndex`, score the links."""
    from newsgraph.link.reprints import ReprintIndex, fingerprint

    docs = build_set(folder, originals=originals, negatives=negatives, seed=seed)
    index = ReprintIndex()
    links: dict[str, str] = {}
    for n, d in enumerate(docs):
        for link in index.add(fingerprint(d.id, d.text, None, d.published, n)):
            links[link.doc_id] = link.origin
    return score_links(docs, links)
