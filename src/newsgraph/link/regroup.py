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

# a sparse vector as parallel keys and weights
Sparse = tuple[Sequence[str], np.ndarray]


def matrix(units: Sequence[Sparse]) -> tuple[csr_matrix, list[str]]:
    """The units as the rows of a sparse matrix over the keys they use (returned in column order)."""
    index: dict[str, int] = {}
    cols = [np.fromiter((index.setdefault(k, len(index)) for k in keys), dtype=np.int64, count=len(keys))
            for keys, _ in units]  # fmt: skip
    lengths = [len(keys) for keys, _ in units]
    indptr = np.concatenate([[0], np.cumsum(lengths)]).astype(np.int64)
    data = np.concatenate([np.asarray(w, dtype=float) for _, w in units]) if units else np.zeros(0)
    col = np.concatenate(cols) if cols else np.zeros(0, dtype=np.int64)
    return csr_matrix((data, col, indptr), shape=(len(units), max(1, len(index)))), list(index)


def sparse(vec: Mapping[str, float]) -> Sparse:
    return tuple(vec), np.fromiter(vec.values(), dtype=float, count=len(vec))


def gram(sums: Sequence[Mapping[str, float]]) -> np.ndarray:
    """Dot products of every pair of sparse vectors (a dense ``n x n`` array)."""
    mat, _ = matrix([sparse(v) for v in sums])
    return np.asarray((mat @ mat.T).todense(), dtype=float)


def average_link(sums: Sequence[Mapping[str, float]], sizes: Sequence[int], threshold: float) -> list[int]:
    """A group label per unit (the index of the group's first unit); deterministic for a given unit order."""
    return link_rows(gram(sums), sizes, threshold)


def link_rows(cross: np.ndarray, sizes: Sequence[int], threshold: float) -> list[int]:
    """:func:`average_link` from the units' dot products (``cross``, modified in place)."""
    n = len(sizes)
    labels = np.arange(n)
    if n < 2:
        return labels.tolist()
    size = np.asarray(sizes, dtype=float)
    sim = cross / np.outer(size, size)
    np.fill_diagonal(sim, -np.inf)
    alive = np.ones(n, dtype=bool)
    for _ in range(n - 1):
        flat = int(np.argmax(sim))
        i, j = divmod(flat, n)
        if sim[i, j] < threshold:
            break
        i, j = min(i, j), max(i, j)
        cross[i, :] += cross[j, :]
        cross[:, i] = cross[i, :]
        size[i] += size[j]
        labels[labels == j] = i
        alive[j] = False
        # only the merged group's similarities change; the group merged away leaves
        row = np.where(alive, cross[i, :] / (size[i] * size), -np.inf)
        row[i] = -np.inf
        sim[i, :] = row
        sim[:, i] = row
        sim[j, :] = -np.inf
        sim[:, j] = -np.inf
    return labels.tolist()


def heaviest_sum(mat: csr_matrix, keys: list[str], rows: Sequence[int], n: int) -> dict[str, float]:
    """The sum of some rows, cut to its ``n`` heaviest keys, as a dict."""
    pick = np.zeros(mat.shape[0])
    pick[list(rows)] = 1.0
    total = mat.T @ pick  # a sparse product: slicing the rows costs more
    nz = np.flatnonzero(total > 0)
    if len(nz) > n:
        nz = nz[np.argsort(-total[nz], kind="stable")[:n]]
    return {keys[i]: float(total[i]) for i in nz}
