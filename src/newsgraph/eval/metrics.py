"""Scoring pieces the evaluations share: precision, recall and F1, and one-to-one matching."""

from __future__ import annotations

from collections.abc import Iterable


def f1(precision: float, recall: float) -> float:
    """The harmonic mean of precision and recall (0 when both are 0)."""
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    """Precision, recall and F1 of ``tp`` correct among ``n_pred`` predictions and ``n_gold`` gold items."""
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, f1(p, r)


def greedy_pairs(candidates: Iterable[tuple[float, int, int]]) -> list[tuple[int, int]]:
    """One-to-one ``(gold index, prediction index)`` pairs from ``(score, gold, prediction)`` candidates,
    best score first (ties by gold, then prediction index); each side is used once."""
    used_g: set[int] = set()
    used_p: set[int] = set()
    out: list[tuple[int, int]] = []
    for _, gi, pi in sorted(candidates, key=lambda c: (-c[0], c[1], c[2])):
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        out.append((gi, pi))
    return out


HALVES = ("even", "odd", "all")


def select_half(items: list, half: str | None) -> list:
    """``items`` (in name order) at even or odd positions, or all of them for ``None`` or ``all``."""
    if half in (None, "all"):
        return items
    if half not in HALVES:
        raise ValueError(f"half must be even, odd or all, not {half!r}")
    return items[0::2] if half == "even" else items[1::2]
