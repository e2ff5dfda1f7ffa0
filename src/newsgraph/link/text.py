"""Text pieces the cross-document links share: words, paragraphs, word shingles and MinHash signatures.

Normalisation makes the comparison blind to what syndication changes without changing the
story: case, quotation-mark style (straight, curly, doubled), dashes, whitespace and
punctuation.  Signatures are datasketch MinHashes over word 3-shingles; they are stored as
plain integer lists so the LSH indexes can be rebuilt from the store at any time.
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from collections.abc import Iterable, Sequence

import numpy as np
from datasketch import LeanMinHash, MinHash

NUM_PERM = 64
SHINGLE = 3
# A paragraph shorter than this many words says too little to prove a copy ("Advertisement").
MIN_PARAGRAPH_WORDS = 8

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n|\n(?=\s*\S)")
_SEED = 7
_SCHEME = "affine32"
_EMPTY: MinHash | None = None  # built once: drawing the permutations is most of a MinHash's cost


def words(text: str) -> list[str]:
    """Lower-cased words, with quote style and accents' composition made uniform."""
    text = unicodedata.normalize("NFKC", text).replace("’", "'").replace("‘", "'")
    return [w.replace("'", "") for w in _WORD.findall(text.lower())]


def split_paragraphs(text: str, paragraphs: Sequence[str] | None = None) -> list[str]:
    """The document's paragraphs: those the cleaner kept, else the text's line breaks."""
    if paragraphs:
        return [p for p in paragraphs if p.strip()]
    return [p.strip() for p in _PARAGRAPH_BREAK.split(text) if p.strip()]


def shingle_hashes(tokens: Sequence[str], k: int = SHINGLE) -> np.ndarray:
    """32-bit hashes of the word k-shingles (the words themselves when fewer than k)."""
    grams = [" ".join(tokens[i : i + k]) for i in range(max(1, len(tokens) - k + 1))] if tokens else []
    distinct = set(grams)
    # crc32: stable across processes and Python versions (signatures are stored), and in C
    return np.fromiter((zlib.crc32(g.encode()) for g in distinct), dtype=np.uint64, count=len(distinct))


def window_hashes(tokens: Sequence[str], k: int = SHINGLE) -> list[int]:
    """The 32-bit hash of the word k-shingle starting at each position (``len(tokens) - k + 1`` of them):
    the distinct values of a slice are :func:`shingle_hashes` of the words it covers (for k words or more)."""
    return [zlib.crc32(" ".join(tokens[i : i + k]).encode()) for i in range(len(tokens) - k + 1)]


def signature(tokens: Sequence[str]) -> LeanMinHash:
    """The MinHash signature of a word sequence's shingles."""
    return signature_of(shingle_hashes(tokens))


def signature_of(hashes: np.ndarray) -> LeanMinHash:
    """The MinHash signature of shingle hashes (:func:`shingle_hashes`; repeats change nothing)."""
    # datasketch's update_batch runs the permutations vectorised; we feed it our own 32-bit hashes
    # through the identity hash function so the same shingle always gets the same value.
    global _EMPTY
    if _EMPTY is None:
        _EMPTY = MinHash(num_perm=NUM_PERM, seed=_SEED, hashfunc=_identity, scheme=_SCHEME)
    m = _EMPTY.copy()
    if len(hashes):
        m.update_batch(hashes)
    return LeanMinHash(m)


def from_values(values: Iterable[int]) -> LeanMinHash:
    """A signature back from its stored values."""
    return LeanMinHash(seed=_SEED, hashvalues=np.asarray(list(values), dtype=np.uint64), scheme=_SCHEME)


def values(sig: LeanMinHash) -> list[int]:
    return [int(v) for v in sig.hashvalues]


def jaccard(a: LeanMinHash, b: LeanMinHash) -> float:
    return float(np.count_nonzero(a.hashvalues == b.hashvalues)) / NUM_PERM


def _identity(value: object) -> int:
    return int(value)  # type: ignore[call-overload]


def jaccard_matrix(a: Sequence[LeanMinHash], b: Sequence[LeanMinHash]) -> np.ndarray:
    """Estimated Jaccard of every signature of ``a`` with every one of ``b`` (len(a) x len(b))."""
    va = np.stack([s.hashvalues for s in a])
    vb = np.stack([s.hashvalues for s in b])
    return (va[:, None, :] == vb[None, :, :]).mean(axis=2)
