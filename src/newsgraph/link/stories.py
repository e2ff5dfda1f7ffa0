"""Same-story clustering, incremental: a new document and its neighbourhood are clustered again.

Documents are TF-IDF vectors over :mod:`newsgraph.link.features` keys (document frequencies
counted as documents arrive; key kinds weighted by ``KIND_WEIGHTS``).  A story holds its latest
members one by one (their keys and counts, at most ``per_story`` of them and ``held`` in all) and
sums the vectors of the older ones into a frozen *core*.  A new document:

1. retrieves candidate stories through an inverted index from its heaviest keys to the stories
   that hold them -- each key keeps only its ``max_postings`` latest stories, and stories whose
   dates lie more than ``window_days`` from the document's are passed over -- and scores them by
   average link (the mean cosine with their members: the dot product with their centroid, the sum
   of the members' vectors, over their size);
2. if none is as similar as ``reach`` times the threshold, it starts a story;
3. otherwise it and the members of its ``local`` most similar candidates are clustered again by
   average link at ``threshold`` (:func:`newsgraph.link.regroup.average_link`), every held member
   weighed with the IDF of now, each core as one indivisible unit.  Stories may merge, split, or
   pass members to one another: a document that joined the wrong story early (when the IDF knew
   few documents) can leave it.  Each resulting group keeps the id of the story whose core it holds
   (the largest, when cores merge), else of the story most of its members came from, else gets a
   new one.

Everything an addition touches is bounded (candidates, postings, held members per story), so its
cost does not grow with the number of documents; the clusters are close to what average link over
all the documents at once gives, whatever the order the documents came in.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import operator
import sys
from collections import Counter, OrderedDict, deque
from collections.abc import Container, Iterable, Mapping
from dataclasses import dataclass, field
from itertools import repeat

import numpy as np

from newsgraph.link.features import KIND_WEIGHTS
from newsgraph.link.regroup import Sparse, heaviest_sum, link_rows, matrix, sparse

Vector = dict[str, float]


@dataclass(slots=True)
class Story:
    id: str
    centroid: Vector  # the sum of the members' vectors, cut to its heaviest keys (retrieval, scoring)
    size: int = 0
    first: str | None = None  # earliest and latest member date (YYYY-MM-DD)
    last: str | None = None
    members: list[str] = field(default_factory=list)  # all members (only when the clusterer tracks them)
    core: Vector | None = None  # the sum of the vectors of the members not held one by one (None: all of them)
    held: list[str] = field(default_factory=list)  # members held one by one, oldest first

    @property
    def core_size(self) -> int:
        return self.size - len(self.held)

    def to_dict(self) -> dict:
        return {"id": self.id, "size": self.size, "first": self.first, "last": self.last, "members": self.members}


@dataclass(slots=True)
class Placement:
    doc_id: str
    story_id: str  # the story the document is in after the addition
    merged: dict[str, str]  # stories gone on the way: {gone id: the story that took its core or most members}
    moved: dict[str, str] = field(default_factory=dict)  # earlier documents now in another story: {doc: story}
    touched: list[str] = field(default_factory=list)  # the stories whose members changed (the document's too)


class _Held:
    """A member held one by one: its heaviest keys and their counts (and what of its weights does not
    depend on the IDF), its date and arrival number."""

    __slots__ = ("keys", "counts", "base", "date", "seq")

    def __init__(self, keys: tuple[str, ...], counts: tuple[int, ...], date: str | None, seq: int) -> None:
        self.keys, self.counts, self.date, self.seq = keys, counts, date, seq
        tf = np.asarray(counts, dtype=float).clip(min=1.0)
        self.base = (1.0 + np.log(tf)) * np.fromiter((KIND_WEIGHTS.get(k[0], 1.0) for k in keys), float, len(keys))


class StoryClusterer:
    """Incremental same-story clustering (see the module docstring)."""

    def __init__(
        self,
        *,
        threshold: float = 0.16,
        window_days: int = 14,
        doc_terms: int = 100,
        query_terms: int = 40,
        centroid_terms: int = 150,
        max_postings: int = 64,
        candidates: int = 20,
        reach: float = 0.5,
        local: int = 5,
        per_story: int = 32,
        held: int = 20_000,
        prior: int = 200,
        track_members: bool = True,
    ) -> None:
        self.threshold = threshold
        self.window_days = window_days
        self.doc_terms = doc_terms
        self.query_terms = query_terms
        self.centroid_terms = centroid_terms
        self.max_postings = max_postings
        self.candidates = candidates
        self.reach = reach
        self.local = local
        self.per_story = per_story
        self.held = held
        self.prior = prior
        self.track_members = track_members  # keep member lists (the eval does; the store has them)
        self.df: Counter[str] = Counter()
        self.n_docs = 0
        self.stories: dict[str, Story] = {}
        self.story_of: dict[str, str] = {}
        self.newest: str | None = None  # the latest document date seen
        self.dirty: set[str] = set()  # stories changed since the caller last cleared it (the store writes them)
        self._postings: dict[str, deque[str]] = {}
        self._held: OrderedDict[str, _Held] = OrderedDict()  # oldest first
        self._home: dict[str, str] = {}  # held document -> its story
        self._copies: OrderedDict[str, str] = OrderedDict()  # origin -> its latest copy (as many as are held)
        self._seq = 0

    # -- vectors ------------------------------------------------------------

    def vector(self, features: Mapping[str, int]) -> Vector:
        """The document's unit TF-IDF vector, cut to its ``doc_terms`` heaviest keys."""
        return self._weigh(features.items(), self.n_docs + 1 + self.prior)

    def _weigh(self, items: Iterable[tuple[str, int]], n: int) -> Vector:
        weights = {
            k: (1.0 + math.log(tf)) * math.log((n + 1) / (self.df.get(k, 0) + 1)) * KIND_WEIGHTS.get(k[0], 1.0)
            for k, tf in items
            if tf > 0
        }
        top = sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[: self.doc_terms]
        norm = math.sqrt(sum(w * w for _, w in top)) or 1.0
        return {k: w / norm for k, w in top if w > 0}

    def held_vector(self, doc_id: str) -> Vector:
        """A held member's vector with the document frequencies of now."""
        keys, weights = self._held_sparse(doc_id)
        return {k: float(w) for k, w in zip(keys, weights, strict=True) if w > 0}

    def _held_sparse(self, doc_id: str) -> Sparse:
        h = self._held[doc_id]
        n = self.n_docs + 1 + self.prior
        df = np.fromiter((self.df.get(k, 0) for k in h.keys), float, len(h.keys))
        weights = h.base * np.log((n + 1) / (df + 1.0)).clip(min=0.0)
        norm = float(np.sqrt(weights @ weights)) or 1.0
        return h.keys, weights / norm

    def held_features(self, doc_id: str) -> dict[str, int] | None:
        """The keys and counts held for a document (what the store keeps to hold it again)."""
        h = self._held.get(doc_id)
        return dict(zip(h.keys, h.counts, strict=True)) if h else None

    # -- adding -------------------------------------------------------------

    def add(
        self, doc_id: str, features: Mapping[str, int], date: str | None = None, *, copy_of: str | None = None
    ) -> Placement:
        """Cluster one document: the story it is in now, stories gone and documents moved on the way.

        ``copy_of``: the document it is a reprint of (the reprint index's origin).  A reprint is its
        origin's story: while the origin or its latest copy is held, the copy joins their story
        without clustering anything again (a later re-clustering keeps them together: their vectors
        are all but equal).
        """
        self.df.update(set(features))
        self.n_docs += 1
        if date and (self.newest is None or date > self.newest):
            self.newest = date
        vec = self.vector(features)
        if copy_of:
            # the origin's story, or that of its latest copy still held (the origin may have left for its core)
            sid = self._home.get(copy_of) or self._home.get(self._copies.get(copy_of, ""))
            self._copies[copy_of] = doc_id
            self._copies.move_to_end(copy_of)
            while len(self._copies) > self.held:
                self._copies.popitem(last=False)
            if sid in self.stories:
                return self._join(self.stories[sid], doc_id, features, vec, date)
        scored = []
        for sid in self._candidates(vec, date, exclude=None):
            story = self.stories[sid]
            sim = _dot(vec, story.centroid) / story.size
            if sim >= self.threshold * self.reach:
                scored.append((-sim, sid))
        keys = tuple(vec)  # its heaviest keys, held with their counts
        self.hold(doc_id, keys, tuple(int(features[k]) for k in keys), date)
        if not scored:
            story = Story(_story_id(doc_id), dict(vec), 1, date, date, core={}, held=[doc_id])
            self.stories[story.id] = story
            self._settle(story, [doc_id])
            self._post(story, vec)
            return Placement(doc_id, story.id, {}, {}, [story.id])
        touched = [self.stories[sid] for _, sid in sorted(scored)[: self.local]]
        return self._regroup(doc_id, touched)

    def _join(self, story: Story, doc_id: str, features: Mapping[str, int], vec: Vector, date: str | None) -> Placement:
        """A reprint joins its origin's story as a held member."""
        keys = tuple(vec)
        self.hold(doc_id, keys, tuple(int(features[k]) for k in keys), date)
        story.centroid = self._cut(story.centroid, vec)
        story.size += 1
        story.held.append(doc_id)
        if date:
            story.first = min(story.first or date, date)
            story.last = max(story.last or date, date)
        if self.track_members:
            story.members.append(doc_id)
        self._settle(story, [] if not self.track_members else story.members)
        while len(story.held) > self.per_story:
            self._retire(story.held[0])
        self._post(story, vec)
        return Placement(doc_id, story.id, {}, {}, [story.id])

    def hold(self, doc_id: str, keys: tuple[str, ...], counts: tuple[int, ...], date: str | None) -> None:
        """Hold a document's keys (a new one, or a stored one put back); the oldest held leave for their cores."""
        self._seq += 1
        keys = tuple(map(sys.intern, keys))  # one string per key, however many documents hold it
        self._held[doc_id] = _Held(keys, counts, date, self._seq)
        while len(self._held) > self.held:
            self._retire(next(iter(self._held)))

    def _retire(self, doc_id: str) -> None:
        """A held member leaves for its story's core (its vector of now added to the core)."""
        story = self.stories.get(self._home.pop(doc_id, ""))
        if story is not None and doc_id in story.held:
            vec = self.held_vector(doc_id)
            story.core = self._cut({**(story.core or {})}, vec)
            story.held.remove(doc_id)
            self.dirty.add(story.id)
        self._held.pop(doc_id, None)

    def _cut(self, into: Vector, vec: Mapping[str, float]) -> Vector:
        for k, w in vec.items():
            into[k] = into.get(k, 0.0) + w
        if len(into) > self.centroid_terms * 3 // 2:
            into = dict(sorted(into.items(), key=lambda kv: -kv[1])[: self.centroid_terms])
        return into

    def _regroup(self, doc_id: str, touched: list[Story]) -> Placement:
        """Cluster the document and the touched stories' members again (see the module docstring)."""
        # units: (sum vector, size, core's story or None, document or None)
        units: list[tuple[Sparse, int, str | None, str | None]] = [(self._held_sparse(doc_id), 1, None, doc_id)]
        for story in sorted(touched, key=lambda s: s.id):
            if story.core_size > 0:
                core = story.core if story.core is not None else story.centroid
                units.append((sparse(core), story.core_size, story.id, None))
            units.extend((self._held_sparse(m), 1, None, m) for m in story.held if m in self._held)
        mat, keys = matrix([u[0] for u in units])
        labels = link_rows(np.asarray((mat @ mat.T).todense(), dtype=float), [u[1] for u in units], self.threshold)
        groups: dict[int, list[int]] = {}
        for i, label in enumerate(labels):
            groups.setdefault(label, []).append(i)
        old = {s.id: s for s in touched}
        before = {m: s.id for s in touched for m in s.held}
        ids = _name_groups(doc_id, list(groups.values()), units, old, before, self.stories)
        for sid in old:
            self.stories.pop(sid, None)
        merged: dict[str, str] = {}
        moved: dict[str, str] = {}
        changed: list[str] = []  # the stories whose members changed
        final = ""
        for members, sid in ids:
            docs = [units[i][3] for i in members if units[i][3]]
            cores = [units[i][2] for i in members if units[i][2]]
            if sid not in old or set(docs) != set(old[sid].held) or cores not in ([], [sid]):
                changed.append(sid)
            cored = [i for i in members if units[i][2]]
            self._build(
                sid,
                [units[i] for i in members],
                old,
                heaviest_sum(mat, keys, members, self.centroid_terms),
                heaviest_sum(mat, keys, cored, self.centroid_terms) if cored else {},
            )
            for d in docs:
                if d == doc_id:
                    final = sid
                elif before.get(d) != sid:
                    moved[d] = sid
            for i in members:
                gone = units[i][2]
                if gone and gone != sid:
                    merged[gone] = sid
        taken = {sid for _, sid in ids}
        for sid in old:
            if sid not in taken and sid not in merged:
                # every member left: it is gone into the story that took most of them
                dest = Counter(moved[m] for m, s in before.items() if s == sid and m in moved)
                merged[sid] = min(dest.items(), key=lambda kv: (-kv[1], kv[0]))[0] if dest else final
        self.dirty.difference_update(merged)
        return Placement(doc_id, final, merged, moved, sorted(changed))

    def _build(
        self,
        sid: str,
        units: list[tuple[Sparse, int, str | None, str | None]],
        old: dict[str, Story],
        centroid: Vector,
        core: Vector,
    ) -> Story:
        """The story a group of units makes: centroid, core, held members, dates; indexed and marked dirty."""
        story = Story(sid, centroid, 0, core=core)
        dates: list[str] = []
        held: list[str] = []
        members: list[str] = []
        for _vec, size, core_of, doc in units:
            story.size += size
            if core_of:
                src = old[core_of]
                dates += [d for d in (src.first, src.last) if d]
                if self.track_members:
                    kept = set(src.held)
                    members += [m for m in src.members if m not in kept]
            elif doc:
                held.append(doc)
                members.append(doc)
                h = self._held.get(doc)
                if h is not None and h.date:
                    dates.append(h.date)
        story.held = sorted(held, key=lambda d: self._held[d].seq)
        story.first, story.last = (min(dates), max(dates)) if dates else (None, None)
        self.stories[sid] = story
        self._settle(story, members)
        while len(story.held) > self.per_story:
            self._retire(story.held[0])
        self._post(story, _unit(story.centroid))
        return story

    def _settle(self, story: Story, members: list[str]) -> None:
        """Record a story's membership: held members' home, the member list when tracked; mark it dirty."""
        for m in story.held:
            self._home[m] = story.id
        if self.track_members:
            story.members = members
            for m in members:
                self.story_of[m] = story.id
        self.stories[story.id] = self.stories.pop(story.id)  # latest changed last: evicted last
        self.dirty.add(story.id)

    def _post(self, story: Story, vec: Mapping[str, float]) -> None:
        for k in _heaviest(vec, self.query_terms):
            posting = self._postings.get(k)
            if posting is None:
                posting = self._postings[k] = deque(maxlen=self.max_postings)
            if story.id not in posting:
                posting.append(story.id)

    def _candidates(self, vec: Mapping[str, float], date: str | None, exclude: str | None) -> list[str]:
        scores: Counter[str] = Counter()
        for k in _heaviest(vec, self.query_terms):
            for sid in self._postings.get(k, ()):
                if sid != exclude and sid in self.stories:
                    scores[sid] += vec[k]
        out = []
        for sid, _ in scores.most_common():
            if self._in_window(self.stories[sid], date):
                out.append(sid)
                if len(out) >= self.candidates:
                    break
        return out

    def _in_window(self, story: Story, date: str | None) -> bool:
        if not date or not story.first or not story.last:
            return True
        try:
            day = dt.date.fromisoformat(date[:10])
            lo = dt.date.fromisoformat(story.first[:10]) - dt.timedelta(days=self.window_days)
            hi = dt.date.fromisoformat(story.last[:10]) + dt.timedelta(days=self.window_days)
        except ValueError:
            return True
        return lo <= day <= hi

    # -- the store's side ------------------------------------------------------

    def load(self, story: Story) -> None:
        """Put back a stored story (centroid, core, dates, the ids of its held members; the store puts the
        held members' keys back with :meth:`hold`).  A story stored before members were held has no core:
        its centroid is its core."""
        if story.core is None:
            story.core = dict(story.centroid) if story.core_size > 0 else {}
        self.stories[story.id] = story
        for m in story.held:
            self._home[m] = story.id
        self._post(story, _unit(story.centroid))

    def release(self, doc_ids: Iterable[str]) -> None:
        """Members the store could not hold again (no keys stored): they leave for their cores unchanged."""
        for d in doc_ids:
            story = self.stories.get(self._home.pop(d, ""))
            if story is not None and d in story.held and d not in self._held:
                story.held.remove(d)

    def evict(self, keep: int) -> list[str]:
        """Forget stories (the store still has them): all but the ``keep`` changed last, and those
        that ended more than twice ``window_days`` before the newest date seen (documents come
        roughly in date order; a story that quiet takes no new member); returns the ids dropped."""
        drop = list(self.stories)[: max(0, len(self.stories) - keep)]
        if self.newest:
            try:
                limit = dt.date.fromisoformat(self.newest[:10]) - dt.timedelta(days=2 * self.window_days)
                before = limit.isoformat()
                drop += [sid for sid, st in self.stories.items() if st.last and st.last < before]
            except ValueError:
                pass
        for sid in drop:
            story = self.stories.pop(sid, None)
            if story is not None:
                for m in story.held:
                    self._held.pop(m, None)
                    self._home.pop(m, None)
        return drop

    def partition(self) -> dict[str, str]:
        return dict(self.story_of)


def _name_groups(
    doc_id: str,
    groups: list[list[int]],
    units: list[tuple[Mapping[str, float], int, str | None, str | None]],
    old: dict[str, Story],
    before: dict[str, str],
    taken: Container[str],
) -> list[tuple[list[int], str]]:
    """Each group's story id: its cores' (the largest), else that of most of its members, else a new one
    (never one of ``taken``, the clusterer's stories)."""
    out: list[tuple[list[int], str]] = []
    used: set[str] = set()
    rest = []
    for g in groups:
        cores = [units[i][2] for i in g if units[i][2]]
        if cores:
            sid = min(cores, key=lambda s: (-old[s].size, s))
            used.add(sid)
            out.append((g, sid))
        else:
            rest.append(g)
    rest.sort(key=lambda g: (-len(g), min(str(units[i][3]) for i in g)))
    cored = {sid for sid, s in old.items() if s.core_size > 0}
    for n, g in enumerate(rest):
        votes = Counter(before[units[i][3]] for i in g if units[i][3] in before)
        free = [(-c, s) for s, c in votes.items() if s not in used and s not in cored]
        if free:
            sid = min(free)[1]
        else:
            sid = _story_id(doc_id if n == 0 else f"{doc_id}#{n}")
            while sid in used or sid in taken:
                n += len(groups)
                sid = _story_id(f"{doc_id}#{n}")
        used.add(sid)
        out.append((g, sid))
    return out


def _heaviest(vec: Mapping[str, float], n: int) -> list[str]:
    return [k for k, _ in sorted(vec.items(), key=lambda kv: (-kv[1], kv[0]))[:n]]


def _unit(vec: Mapping[str, float]) -> Vector:
    norm = math.sqrt(sum(w * w for w in vec.values())) or 1.0
    return {k: w / norm for k, w in vec.items()}


def _dot(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    # sum(w * b.get(k, 0.0) for k, w in a.items()), the same products in the same order, iterated in C
    return sum(map(operator.mul, a.values(), map(b.get, a, repeat(0.0))))


def _story_id(doc_id: str) -> str:
    return "story-" + hashlib.sha1(doc_id.encode()).hexdigest()[:12]
