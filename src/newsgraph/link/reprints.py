"""Reprints: documents that copy another one, linked to the earliest version, paragraph by paragraph.

Every paragraph of at least :data:`~newsgraph.link.text.MIN_PARAGRAPH_WORDS` words gets a MinHash
signature of its word 3-shingles, and the whole text one more; both go into datasketch LSH indexes.
A new document looks up each of its signatures; each document found is a candidate, and it is a
*copy* of the new one (or the new one of it) when the paragraphs they share, matched one by one
(estimated Jaccard >= ``paragraph_threshold``), make up at least ``min_share`` of the words of
either.  Matching by paragraphs rather than whole texts is what makes the link survive what
syndication does: a changed headline or date line, furniture lines, a dropped or moved paragraph,
a trimmed ending, light rewording, other quotation marks.

Linked documents form a *group* whose origin is its earliest member: earliest published date,
then first stored.  When a document arrives that is older than a group's origin, the group's
links are pointed at it (the updates are returned).  Each copy knows, for each of its paragraphs,
the earliest document and paragraph it came from.

The index holds only the ``capacity`` documents stored last, so memory and the cost of one
look-up stay bounded however large the store grows; the signatures are plain integers, kept in
the store, from which the index is rebuilt when a process starts.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from datasketch import LeanMinHash, MinHashLSH

from newsgraph.link.text import (
    MIN_PARAGRAPH_WORDS,
    NUM_PERM,
    SHINGLE,
    jaccard,
    jaccard_matrix,
    signature,
    signature_of,
    split_paragraphs,
    window_hashes,
    words,
)


@dataclass(slots=True)
class Fingerprint:
    """What the index keeps of a document: its paragraph and text signatures and their sizes."""

    doc_id: str
    published: str | None
    order: int  # the order it was stored in: breaks ties between equal dates
    paragraphs: list[LeanMinHash]
    sizes: list[int]  # words per signed paragraph
    indexes: list[int]  # the paragraph's position among the document's paragraphs
    whole: LeanMinHash

    @property
    def key(self) -> tuple[str, int]:
        """Sort key of 'earliest': published date (undated last), then first stored."""
        return (self.published or "9999-12-31", self.order)


@dataclass(slots=True)
class CopyLink:
    """``doc_id`` copies ``origin``: the earliest version of its group."""

    doc_id: str
    origin: str
    share: float  # the share of the copy's words found in earlier versions
    # [paragraph index in the copy, document it came from, paragraph index there, estimated Jaccard]
    paragraphs: list[list] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"origin": self.origin, "share": round(self.share, 3), "paragraphs": self.paragraphs}


def fingerprint(
    doc_id: str, text: str, paragraphs: Sequence[str] | None = None, published: str | None = None, order: int = 0
) -> Fingerprint:
    sizes, idx, starts = [], [], []
    all_words: list[str] = []
    for i, para in enumerate(split_paragraphs(text, paragraphs)):
        toks = words(para)
        if len(toks) >= MIN_PARAGRAPH_WORDS:
            sizes.append(len(toks))
            idx.append(i)
            starts.append(len(all_words))
        all_words.extend(toks)
    # each shingle hashed once: a paragraph's shingles are the whole text's that start and end in it
    windows = window_hashes(all_words)
    sigs = [signature_of(_distinct(windows[s : s + n - SHINGLE + 1])) for s, n in zip(starts, sizes, strict=True)]
    whole = signature_of(_distinct(windows)) if len(all_words) >= SHINGLE else signature(all_words)
    return Fingerprint(doc_id, published, order, sigs, sizes, idx, whole)


def _distinct(hashes: list[int]) -> np.ndarray:
    values = set(hashes)
    return np.fromiter(values, dtype=np.uint64, count=len(values))


class ReprintIndex:
    """Incremental reprint detection over a bounded window of documents (see the module docstring)."""

    def __init__(
        self,
        *,
        paragraph_threshold: float = 0.45,
        min_share: float = 0.5,
        capacity: int = 20_000,
        max_checks: int = 8,
    ) -> None:
        self.paragraph_threshold = paragraph_threshold
        self.min_share = min_share
        self.capacity = capacity
        self.max_checks = max_checks
        # 8 bands of 4 rows: a copied paragraph (Jaccard 0.7) is a candidate with probability 0.89,
        # and a copy shares several; half the bands datasketch would choose, half the memory
        self._paras = MinHashLSH(num_perm=NUM_PERM, params=(8, 4))
        self._wholes = MinHashLSH(num_perm=NUM_PERM, params=(8, 4))
        self._docs: OrderedDict[str, Fingerprint] = OrderedDict()
        self.group: dict[str, str] = {}  # document -> origin of its group (documents in the window)
        self.members: dict[str, set[str]] = {}  # origin -> documents of its group
        self.links: dict[str, CopyLink] = {}  # copy -> its link (documents in the window)
        self._gone_origins: dict[str, tuple[str, int]] = {}  # origins evicted while copies remain
        self._order = 0

    def __len__(self) -> int:
        return len(self._docs)

    def __contains__(self, doc_id: str) -> bool:
        return doc_id in self._docs

    # -- adding -------------------------------------------------------------

    def add(self, fp: Fingerprint) -> list[CopyLink]:
        """Index a document; returns the copy links it created or changed (its own first)."""
        if fp.doc_id in self._docs:
            return []
        self._order = max(self._order, fp.order) + 1
        matches = self._matches(fp)
        self._insert(fp)
        if not matches:
            self._evict()
            return []
        origins = {self.group.get(d, d) for d in matches}
        members = {fp.doc_id}
        for o in origins:
            members |= self.members.pop(o, {o})
        keys = {m: self._docs[m].key for m in members if m in self._docs}
        keys.update({o: self._origin_key(o) for o in origins})
        origin = min(keys, key=lambda d: (keys[d], d))
        # when the group kept its origin, only the new document needs a link; otherwise every
        # member is pointed at the new origin
        moved = members if origins != {origin} else {fp.doc_id}
        for m in members:
            self.group[m] = origin
        self.members[origin] = members
        changed = []
        for m in sorted(moved, key=lambda d: (d != fp.doc_id, d)):
            if m == origin:
                if self.links.pop(m, None) is not None:
                    changed.append(CopyLink(m, m, 0.0))  # no longer a copy: it is the origin now
                continue
            if m not in self._docs:
                continue
            # paragraphs are traced to the origin and to the documents just matched (not to every
            # member: a group can hold thousands of copies)
            link = self._link(self._docs[m], {origin, fp.doc_id, *matches})
            self.links[m] = link
            changed.append(link)
        self._evict()
        return changed

    def _origin_key(self, origin: str) -> tuple[str, int]:
        fp = self._docs.get(origin)
        return fp.key if fp is not None else self._gone_origins.get(origin, ("", 0))

    def restore(self, fp: Fingerprint) -> None:
        """Put back a stored document without looking for its copies (they are stored too)."""
        if fp.doc_id not in self._docs:
            self._order = max(self._order, fp.order)
            self._insert(fp)
            self._evict()

    def restore_link(self, link: CopyLink) -> None:
        """Put back a stored copy link (after :meth:`restore` of the documents)."""
        self.links[link.doc_id] = link
        self.group[link.doc_id] = link.origin
        self.group.setdefault(link.origin, link.origin)
        self.members.setdefault(link.origin, {link.origin}).add(link.doc_id)

    def _matches(self, fp: Fingerprint) -> dict[str, float]:
        """Indexed documents that share enough paragraphs with ``fp``: id -> share of the smaller one.

        Candidates are verified most LSH hits first, one per group: once a member of a group
        matches, the rest of the group are copies of the same text and need no check.  At most
        ``max_checks`` verifications, so a story copied a thousand times costs no more than one.
        """
        hits: dict[str, int] = {}
        for sig in fp.paragraphs:
            for key in self._paras.query(sig):
                doc = key.split("\x1f", 1)[0]
                hits[doc] = hits.get(doc, 0) + 1
        for doc in self._wholes.query(fp.whole):
            hits[doc] = hits.get(doc, 0) + 1
        out: dict[str, float] = {}
        matched_groups: set[str] = set()
        checks = 0
        for cid in sorted(hits, key=lambda d: (-hits[d], d)):
            other = self._docs.get(cid)
            group = self.group.get(cid, cid)
            if other is None or group in matched_groups:
                continue
            if checks >= self.max_checks:
                break
            checks += 1
            mine, theirs = _shared_words(fp, other, self.paragraph_threshold)
            share = max(mine / max(1, sum(fp.sizes)), theirs / max(1, sum(other.sizes)))
            if share >= self.min_share and mine and theirs:
                out[cid] = share
                matched_groups.add(group)
        return out

    def _link(self, fp: Fingerprint, sources: set[str]) -> CopyLink:
        """The copy link of ``fp``: each paragraph's earliest source among ``sources``."""
        earlier = sorted((self._docs[m] for m in sources if m != fp.doc_id and m in self._docs), key=lambda f: f.key)
        earlier = [e for e in earlier if e.key < fp.key] or earlier
        paras, copied = [], 0
        for sig, size, i in zip(fp.paragraphs, fp.sizes, fp.indexes, strict=True):
            for other in earlier:
                best = max(
                    ((jaccard(sig, s), j) for s, j in zip(other.paragraphs, other.indexes, strict=True)),
                    default=(0.0, -1),
                )
                if best[0] >= self.paragraph_threshold:
                    paras.append([i, other.doc_id, best[1], round(best[0], 3)])
                    copied += size
                    break
        return CopyLink(fp.doc_id, self.group[fp.doc_id], copied / max(1, sum(fp.sizes)), paras)

    def _insert(self, fp: Fingerprint) -> None:
        self._docs[fp.doc_id] = fp
        for n, sig in enumerate(fp.paragraphs):
            self._paras.insert(f"{fp.doc_id}\x1f{n}", sig, check_duplication=False)
        self._wholes.insert(fp.doc_id, fp.whole, check_duplication=False)

    # -- the window ---------------------------------------------------------

    def _evict(self) -> None:
        # Oldest stored first out.  Not by publication date: an archive backfilled in any order
        # must still find its copies, and a reprint years later is still a reprint.
        while len(self._docs) > self.capacity:
            self.remove(next(iter(self._docs)))

    def remove(self, doc_id: str) -> None:
        """Drop a document from the index.  A group outlives its origin while copies remain in the
        window: later copies still link to the origin, whose date is remembered."""
        fp = self._docs.pop(doc_id, None)
        if fp is None:
            return
        for n in range(len(fp.paragraphs)):
            self._paras.remove(f"{doc_id}\x1f{n}")
        self._wholes.remove(doc_id)
        self.links.pop(doc_id, None)
        origin = self.group.get(doc_id)
        if origin is None:
            return
        group = self.members.get(origin, set())
        if doc_id == origin:
            self._gone_origins[origin] = fp.key
        else:
            group.discard(doc_id)
            del self.group[doc_id]
        if not any(m in self._docs for m in group):
            for m in group:
                self.group.pop(m, None)
            self.members.pop(origin, None)
            self._gone_origins.pop(origin, None)


def _shared_words(a: Fingerprint, b: Fingerprint, threshold: float) -> tuple[int, int]:
    """Words of ``a`` and of ``b`` in paragraphs matched one to one (best pairs first)."""
    if not a.paragraphs or not b.paragraphs:
        return 0, 0
    sims = jaccard_matrix(a.paragraphs, b.paragraphs)
    used_a: set[int] = set()
    used_b: set[int] = set()
    mine = theirs = 0
    for flat in np.argsort(-sims, axis=None, kind="stable"):
        i, j = divmod(int(flat), sims.shape[1])
        if sims[i, j] < threshold:
            break
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        mine += a.sizes[i]
        theirs += b.sizes[j]
    return mine, theirs
