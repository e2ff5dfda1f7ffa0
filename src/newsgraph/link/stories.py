"""Same-story clustering, incremental: a new document joins the most similar story or starts one.

Documents are TF-IDF vectors over :mod:`newsgraph.link.features` keys (document frequencies
counted as documents arrive; key kinds weighted by ``KIND_WEIGHTS``); a story is the sum of its
members' vectors (its centroid, cut to its heaviest keys).  A new document:

1. retrieves candidate stories through an inverted index from its heaviest keys to the stories
   that hold them -- each key keeps only its ``max_postings`` latest stories, and stories whose
   dates lie more than ``window_days`` from the document's are passed over, so one addition costs
   the same however many documents the store holds;
2. joins the candidate story it is most similar to, if that is at least ``threshold``;
   otherwise it starts a story.  Similarity is average link: the mean cosine of the document
   with the story's members, which is the dot product with the sum of their vectors over their
   number;
3. the story it joined is then compared with its own candidates, and merged with any that is now
   as similar as ``threshold`` (average-link, the way an agglomerative clustering of all the
   documents would have merged them): this is what makes the clusters close to independent of
   the order the documents came in.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
from collections import Counter, deque
from collections.abc import Mapping
from dataclasses import dataclass, field

from newsgraph.link.features import KIND_WEIGHTS

Vector = dict[str, float]


@dataclass(slots=True)
class Story:
    id: str
    centroid: Vector
    size: int = 0
    first: str | None = None  # earliest and latest member date (YYYY-MM-DD)
    last: str | None = None
    members: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"id": self.id, "size": self.size, "first": self.first, "last": self.last, "members": self.members}


@dataclass(slots=True)
class Placement:
    doc_id: str
    story_id: str  # the story the document is in after the addition
    merged: dict[str, str]  # stories merged into others on the way: {gone id: kept id}


class StoryClusterer:
    """Incremental same-story clustering (see the module docstring)."""

    def __init__(
        self,
        *,
        threshold: float = 0.13,
        window_days: int = 14,
        doc_terms: int = 100,
        query_terms: int = 40,
        centroid_terms: int = 150,
        max_postings: int = 64,
        candidates: int = 20,
        track_members: bool = True,
    ) -> None:
        self.threshold = threshold
        self.window_days = window_days
        self.doc_terms = doc_terms
        self.query_terms = query_terms
        self.centroid_terms = centroid_terms
        self.max_postings = max_postings
        self.candidates = candidates
        self.track_members = track_members  # keep member lists (the eval does; the store has them)
        self.df: Counter[str] = Counter()
        self.n_docs = 0
        self.stories: dict[str, Story] = {}
        self.story_of: dict[str, str] = {}
        self.newest: str | None = None  # the latest document date seen
        self._postings: dict[str, deque[str]] = {}

    # -- vectors ------------------------------------------------------------

    def vector(self, features: Mapping[str, int]) -> Vector:
        """The document's unit TF-IDF vector, cut to its ``doc_terms`` heaviest keys."""
        n = self.n_docs + 1
        weights = {
            k: (1.0 + math.log(tf)) * math.log((n + 1) / (self.df.get(k, 0) + 1)) * KIND_WEIGHTS.get(k[0], 1.0)
            for k, tf in features.items()
            if tf > 0
        }
        top = sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[: self.doc_terms]
        norm = math.sqrt(sum(w * w for _, w in top)) or 1.0
        return {k: w / norm for k, w in top if w > 0}

    # -- adding -------------------------------------------------------------

    def add(self, doc_id: str, features: Mapping[str, int], date: str | None = None) -> Placement:
        """Cluster one document: the story it is in now, and the stories merged away on the way."""
        self.df.update(set(features))
        self.n_docs += 1
        if date and (self.newest is None or date > self.newest):
            self.newest = date
        vec = self.vector(features)
        best, best_sim = None, self.threshold
        for sid in self._candidates(vec, date, exclude=None):
            story = self.stories[sid]
            sim = _dot(vec, story.centroid) / story.size
            if sim >= best_sim:
                best, best_sim = sid, sim
        if best is None:
            story = Story(_story_id(doc_id), {})
            self.stories[story.id] = story
        else:
            story = self.stories[best]
        self._join(story, doc_id, vec, date)
        # a document that started a story cannot have brought two stories together: had it been
        # as similar to another story as the threshold, it would have joined it
        merged = self._merge_around(story) if best is not None else {}
        final = merged.get(story.id, story.id)
        return Placement(doc_id, final, merged)

    def _join(self, story: Story, doc_id: str, vec: Vector, date: str | None) -> None:
        for k, w in vec.items():
            story.centroid[k] = story.centroid.get(k, 0.0) + w
        if len(story.centroid) > self.centroid_terms * 3 // 2:
            story.centroid = dict(sorted(story.centroid.items(), key=lambda kv: -kv[1])[: self.centroid_terms])
        story.size += 1
        self.stories[story.id] = self.stories.pop(story.id)  # latest changed last: evicted last
        if self.track_members:
            story.members.append(doc_id)
            self.story_of[doc_id] = story.id
        if date:
            story.first = min(story.first or date, date)
            story.last = max(story.last or date, date)
        self._post(story, vec)

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

    def _merge_around(self, story: Story) -> dict[str, str]:
        """Merge ``story`` with candidates now similar enough; returns {merged-away id: kept id}."""
        merged: dict[str, str] = {}
        while True:
            date = story.last or story.first
            partner = None
            for sid in self._candidates(_unit(story.centroid), date, exclude=story.id):
                other = self.stories[sid]
                if _dot(story.centroid, other.centroid) / (story.size * other.size) >= self.threshold:
                    partner = other
                    break
            if partner is None:
                return merged
            keep, gone = (story, partner) if story.size >= partner.size else (partner, story)
            for k, w in gone.centroid.items():
                keep.centroid[k] = keep.centroid.get(k, 0.0) + w
            keep.size += gone.size
            keep.members.extend(gone.members)
            for d in gone.members:
                self.story_of[d] = keep.id
            keep.first = min(filter(None, [keep.first, gone.first]), default=None)
            keep.last = max(filter(None, [keep.last, gone.last]), default=None)
            del self.stories[gone.id]
            for old, new in list(merged.items()):
                if new == gone.id:
                    merged[old] = keep.id
            merged[gone.id] = keep.id
            self._post(keep, _unit(keep.centroid))
            story = keep

    def load(self, story: Story) -> None:
        """Put back a stored story (its centroid and dates; members are not needed)."""
        self.stories[story.id] = story
        self._post(story, _unit(story.centroid))

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
            self.stories.pop(sid, None)
        return drop

    def partition(self) -> dict[str, str]:
        return dict(self.story_of)


def _heaviest(vec: Mapping[str, float], n: int) -> list[str]:
    return [k for k, _ in sorted(vec.items(), key=lambda kv: (-kv[1], kv[0]))[:n]]


def _unit(vec: Mapping[str, float]) -> Vector:
    norm = math.sqrt(sum(w * w for w in vec.values())) or 1.0
    return {k: w / norm for k, w in vec.items()}


def _dot(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(k, 0.0) for k, w in a.items())


def _story_id(doc_id: str) -> str:
    return "story-" + hashlib.sha1(doc_id.encode()).hexdigest()[:12]
