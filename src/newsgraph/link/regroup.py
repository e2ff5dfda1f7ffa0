"""Average-link agglomerative clustering of a few weighted units, cut at a similarity threshold.

A unit is a sum of unit document vectors and how many documents it sums (a single document, or a
story's frozen core, which is never split).  The average-link similarity of two groups is the mean
cosine over all pairs of their documents, which is the dot product of their sums over the product
of their sizes; merging the closest pair until none is as similar as the threshold gives what
SciPy's ``linkage(method="average")`` cut at distance ``1 - threshold`` gives, but on weighted units.

The link step calls it on the neighbourhood of a new document (a few stories, a few dozen units),
so the cubic cost is bounded by the neighbourhood, not by the store.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
from scipy.sparse import csr_matrix


def gram(sums: Sequence[Mapping[str, float]]) -> np.ndarray:
    """Dot products of every pair of sparse vectors (a dense ``n x n`` array)."""
    index: dict[str, int] = {}
    rows, cols, vals = [], [], []
    for i, vec in enumerate(sums):
        for k, w in vec.items():
            rows.append(i)
            cols.append(index.setdefault(k, len(index)))
            vals.append(w)
    mat = csr_matrix((vals, (rows, cols)), shape=(len(sums), max(1, len(index))))
    return np.asarray((mat @ mat.T).todense(), dtype=float)


def average_link(sums: Sequence[Mapping[str, float]], sizes: Sequence[int], threshold: float) -> list[int]:
    """A group label per unit (the index of the group's first unit); deterministic for a given unit order."""
    n = len(sums)
    labels = list(range(n))
    if n < 2:
        return labels
    cross = gram(sums)  # cross[i, j]: the sum of the pairwise cosines between groups i and j
    size = np.asarray(sizes, dtype=float)
    alive = np.ones(n, dtype=bool)
    while alive.sum() > 1:
        sim = cross / np.outer(size, size)
        sim[~alive, :] = -np.inf
        sim[:, ~alive] = -np.inf
        np.fill_diagonal(sim, -np.inf)
        flat = int(np.argmax(sim))
        i, j = divmod(flat, n)
        if sim[i, j] < threshold:
            break
        i, j = min(i, j), max(i, j)
        cross[i, :] += cross[j, :]
        cross[:, i] += cross[:, j]
        size[i] += size[j]
        alive[j] = False
        labels = [i if lab == j else lab for lab in labels]
    return labels
