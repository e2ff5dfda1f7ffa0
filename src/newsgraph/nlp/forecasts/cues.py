"""The forecast tagger's cues (``data/forecast_cues.yaml``)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

CUES_PATH = Path(__file__).resolve().parent.parent / "data" / "forecast_cues.yaml"

# The lists under ``clauses`` (see the cues file); a missing one is empty.
CLAUSE_CUES = (
    "future_aux",
    "reported_aux",
    "raising",
    "plans",
    "predicting",
    "forecast_nouns",
    "conditions",
    "ahead",
    "scheduled",
    "not_predicted",
    "hearsay",
    "hoping",
    "deontic_aux",
    "purpose_marks",
    "counterfactual_preps",
    "predicting_needs_clause",
    "content_nouns",
    "question_words",
    "addressee_verbs",
    "evidential",
)


@dataclass(frozen=True, slots=True)
class Cues:
    confidence: dict[str, str]
    horizon_preps: dict[str, str]
    open_horizons: tuple[str, ...]
    anaphor_pronouns: frozenset[str]
    anaphor_determiners: frozenset[str]
    anaphor_nouns: frozenset[str]
    anaphor_window: int
    commissive: frozenset[str]
    clauses: dict[str, frozenset[str]]
    expire_after_days: int


@lru_cache(maxsize=4)
def load_cues(path: str | Path = CUES_PATH) -> Cues:
    raw = yaml.safe_load(Path(path).read_text("utf-8")) or {}
    return Cues(
        confidence={str(k).lower(): str(v) for k, v in (raw.get("confidence") or {}).items()},
        horizon_preps={str(k).lower(): str(v) for k, v in (raw.get("horizon_preps") or {}).items()},
        open_horizons=tuple(str(w).lower() for w in raw.get("open_horizons") or ()),
        anaphor_pronouns=frozenset(str(w).lower() for w in raw.get("anaphor_pronouns") or ()),
        anaphor_determiners=frozenset(str(w).lower() for w in raw.get("anaphor_determiners") or ()),
        anaphor_nouns=frozenset(str(w).lower() for w in raw.get("anaphor_nouns") or ()),
        anaphor_window=int(raw.get("anaphor_window", 3)),
        commissive=frozenset(str(w).lower() for w in raw.get("commissive") or ()),
        clauses={k: frozenset(str(w).lower() for w in (raw.get("clauses") or {}).get(k) or ()) for k in CLAUSE_CUES},
        expire_after_days=int(raw.get("expire_after_days", 365)),
    )
