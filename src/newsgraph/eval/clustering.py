"""Same-story clustering on the ECB+ layout: B3 precision, recall and F1, ours beside a baseline.

``DIR/<topic>/<n>_<k>ecb.xml`` and ``<n>_<k>ecbplus.xml`` are tokenised news documents; the
tokens are joined back into text (one line per sentence).  In ``ecbplus`` files the first
sentence is the source URL and is dropped.  Gold: the documents of one topic with the same
suffix report the same happening; the other suffix of the topic is another happening of the
same kind (two earthquakes, two rehab check-ins).

Ours is the product's mechanism (:class:`~newsgraph.link.stories.StoryClusterer` on
:func:`~newsgraph.link.features.text_features`), fed the documents one by one in a shuffled
order (seeded) without the store.  The baseline is TF-IDF cosine with average-link agglomerative
clustering cut at a threshold; it is reported at the threshold given and at its best threshold
on the data (an upper bound for it).

``order_agreement_b3_f1``: the mean B3 F1 of three other (seeded) orders' clusters scored
against the first order's -- 1.0 when the order of arrival does not matter.

``topic_b3_f1``: B3 F1 of each topic's documents (where the errors are: two happenings of one kind).

``halves``: the topics split into odd and even; each half's figures are given separately, so
a setting chosen on one half can be reported on the other.
"""

from __future__ import annotations

import json
import math
import random
import re
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import pdist

from newsgraph.eval.metrics import f1


@dataclass(slots=True)
class EcbDoc:
    name: str  # the file name, e.g. 1_10ecbplus.xml
    topic: str
    gold: str  # topic + suffix
    text: str


def load_ecb(folder: Path) -> list[EcbDoc]:
    docs = []
    for path in sorted(folder.glob("*/*.xml")):
        m = re.fullmatch(r"(\d+)_\d+(ecb|ecbplus)\.xml", path.name)
        if not m:
            continue
        try:
            root = ET.parse(path).getroot()
        except (ET.ParseError, OSError):
            continue
        sentences: dict[int, list[str]] = defaultdict(list)
        for tok in root.iter("token"):
            sentences[int(tok.get("sentence", "0"))].append(tok.text or "")
        keys = sorted(sentences)
        if m.group(2) == "ecbplus" and keys:
            keys = keys[1:]  # the source URL
        text = "\n".join(_detokenise(sentences[k]) for k in keys)
        docs.append(EcbDoc(path.name, m.group(1), f"{m.group(1)}{m.group(2)}", text))
    return docs


def _detokenise(tokens: list[str]) -> str:
    text = " ".join(tokens)
    text = re.sub(r" ([.,;:!?%)\]'](?:\s|$))", r"\1", text + " ").strip()
    return re.sub(r"([(\[$]) ", r"\1", text).replace(" n't", "n't").replace(" 's", "'s")


def b_cubed(gold: dict[str, str], pred: dict[str, str]) -> dict[str, float]:
    """B3 precision, recall and F1 of a predicted clustering against gold (item -> cluster)."""
    items = [i for i in gold if i in pred]
    g_sets: dict[str, set[str]] = defaultdict(set)
    p_sets: dict[str, set[str]] = defaultdict(set)
    for i in items:
        g_sets[gold[i]].add(i)
        p_sets[pred[i]].add(i)
    p = r = 0.0
    for i in items:
        g, q = g_sets[gold[i]], p_sets[pred[i]]
        both = len(g & q)
        p += both / len(q)
        r += both / len(g)
    n = len(items) or 1
    return {"precision": p / n, "recall": r / n, "f1": f1(p / n, r / n)}


def cluster_ours(docs: list[EcbDoc], *, threshold: float | None = None, seed: int = 0) -> dict[str, str]:
    from newsgraph.link.features import text_features
    from newsgraph.link.stories import StoryClusterer

    order = list(docs)
    random.Random(seed).shuffle(order)
    clusterer = StoryClusterer() if threshold is None else StoryClusterer(threshold=threshold)
    for d in order:
        clusterer.add(d.name, text_features(d.text))
    return clusterer.partition()


def cluster_tfidf_baseline(docs: list[EcbDoc], threshold: float) -> dict[str, str]:
    """TF-IDF (lower-cased words) cosine, average-link agglomerative clustering cut at ``threshold``."""
    dist = _baseline_distances(tuple(d.text for d in docs))
    if len(docs) < 2:
        return {d.name: "c0" for d in docs}
    tree = linkage(dist, method="average")
    labels = fcluster(tree, t=1.0 - threshold, criterion="distance")
    return {d.name: f"c{label}" for d, label in zip(docs, labels, strict=True)}


@lru_cache(maxsize=4)
def _baseline_distances(texts: tuple[str, ...]) -> np.ndarray:
    tfs = [Counter(re.findall(r"[a-z0-9]+", t.lower())) for t in texts]
    df = Counter(k for tf in tfs for k in tf)
    vocab = {k: i for i, k in enumerate(sorted(df))}
    n = len(texts)
    mat = np.zeros((n, len(vocab)))
    for i, tf in enumerate(tfs):
        for k, c in tf.items():
            mat[i, vocab[k]] = (1 + math.log(c)) * math.log((n + 1) / (df[k] + 1))
    mat /= np.linalg.norm(mat, axis=1, keepdims=True).clip(min=1e-12)
    return np.clip(pdist(mat, metric="cosine"), 0.0, None)


def _dot(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(k, 0.0) for k, w in a.items())


def _halves(docs: list[EcbDoc]) -> dict[str, list[EcbDoc]]:
    return {
        "odd_topics": [d for d in docs if int(d.topic) % 2 == 1],
        "even_topics": [d for d in docs if int(d.topic) % 2 == 0],
    }


def run_clustering_eval(
    folder: Path,
    *,
    predictions_out: Path | None = None,
    baseline_threshold: float = 0.1,
    seed: int = 0,
) -> dict:
    """Score our clustering and the baseline on all topics and on each half."""
    docs = load_ecb(folder)
    if not docs:
        raise ValueError(f"{folder}: no ECB+ documents (<topic>/<n>_<k>ecb.xml)")
    gold = {d.name: d.gold for d in docs}
    pred = cluster_ours(docs, seed=seed)
    if predictions_out:
        predictions_out.write_text(json.dumps(pred, indent=1, sort_keys=True), "utf-8")
    scores: dict = {"documents": len(docs), "topics": len({d.topic for d in docs})}
    scores.update({f"b3_{k}": v for k, v in b_cubed(gold, pred).items()})
    scores["clusters"] = len(set(pred.values()))
    # order independence: the same documents in other orders, scored against the first order
    others = [cluster_ours(docs, seed=seed + k) for k in (1, 2, 3)]
    scores["order_agreement_b3_f1"] = sum(b_cubed(pred, o)["f1"] for o in others) / len(others)
    base = b_cubed(gold, cluster_tfidf_baseline(docs, baseline_threshold))
    scores.update({f"baseline_b3_{k}": v for k, v in base.items()})
    scores["baseline_threshold"] = baseline_threshold
    grid = [round(0.02 * i, 2) for i in range(1, 26)]
    best = max(((b_cubed(gold, cluster_tfidf_baseline(docs, t))["f1"], t) for t in grid), default=(0.0, 0.0))
    scores["baseline_best_b3_f1"], scores["baseline_best_threshold"] = best
    topics = sorted({d.topic for d in docs}, key=lambda t: (len(t), t))
    scores["topic_b3_f1"] = {
        t: b_cubed(
            {d.name: d.gold for d in docs if d.topic == t}, {d.name: pred[d.name] for d in docs if d.topic == t}
        )["f1"]
        for t in topics
    }
    scores["halves"] = {
        name: b_cubed({d.name: d.gold for d in part}, {d.name: pred[d.name] for d in part})
        for name, part in _halves(docs).items()
    }
    return scores
