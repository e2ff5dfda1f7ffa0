"""The cue lexicon of the statements stage (``data/attribution.yaml`` or a user's file of the same shape)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml


@dataclass(frozen=True, slots=True)
class Lexicon:
    speech: frozenset[str]
    speech_particles: dict[str, frozenset[str]]
    quote_objects: dict[str, frozenset[str]]
    quote_only: frozenset[str]
    object: frozenset[str]
    infinitive: frozenset[str]
    object_prep: dict[str, frozenset[str]]
    prep_content: dict[str, frozenset[str]]
    nouns: frozenset[str]
    noun_preps: frozenset[str]
    predicative: frozenset[str]
    attitude: frozenset[str]
    attitude_adjectives: frozenset[str]
    raising: frozenset[str]
    evidence_in: frozenset[str]
    regard_as: frozenset[str]
    addressee_verbs: frozenset[str]
    according_to: tuple[tuple[str, ...], ...]
    relay_verbs: frozenset[str]
    relay_nouns: frozenset[str]
    relay_preps: frozenset[str]
    channel_nouns: frozenset[str]
    platforms: dict[str, str]
    anaphoric_times: frozenset[str]
    demonstratives: frozenset[str]
    not_sources: frozenset[str]
    signature_dashes: tuple[str, ...]
    speaker_pronouns: dict[str, str]
    gender_words: dict[str, str]
    document_nouns: frozenset[str]
    speaks_for_preps: frozenset[str]
    not_statements: frozenset[str] = frozenset()
    np_statements: frozenset[str] = frozenset()
    future_heads: frozenset[str] = frozenset()
    topic_preps: dict[str, frozenset[str]] = field(default_factory=dict)
    future_auxiliaries: frozenset[str] = frozenset()
    speaker_nouns: frozenset[str] = frozenset()


def _all_verbs(lex: Lexicon) -> frozenset[str]:
    """Every cue verb of the lexicon."""
    return frozenset().union(
        lex.speech,
        lex.speech_particles,
        lex.quote_objects,
        lex.quote_only,
        lex.object,
        lex.infinitive,
        lex.object_prep,
        lex.prep_content,
        lex.predicative,
        lex.attitude,
        lex.raising,
        lex.regard_as,
    )


def _words(raw: Any) -> frozenset[str]:
    return frozenset(str(w).lower() for w in raw or ())


@lru_cache(maxsize=4)
def load_lexicon(path: str | None = None) -> Lexicon:
    """The shipped cue lexicon (``data/attribution.yaml``) or a user's file of the same shape."""
    if path:
        text = Path(path).read_text("utf-8")
    else:
        text = resources.files("newsgraph.nlp").joinpath("data", "attribution.yaml").read_text("utf-8")
    raw = yaml.safe_load(text) or {}
    return Lexicon(
        speech=_words(raw.get("speech")),
        speech_particles={str(k): _words(v) for k, v in (raw.get("speech_particles") or {}).items()},
        quote_objects={str(k).lower(): _words(v) for k, v in (raw.get("quote_objects") or {}).items()},
        quote_only=_words(raw.get("quote_only")),
        object=_words(raw.get("object")),
        infinitive=_words(raw.get("infinitive")),
        object_prep={str(k).lower(): _words(v) for k, v in (raw.get("object_prep") or {}).items()},
        prep_content={str(k).lower(): _words(v) for k, v in (raw.get("prep_content") or {}).items()},
        nouns=_words(raw.get("nouns")),
        noun_preps=_words(raw.get("noun_preps")),
        predicative=_words(raw.get("predicative")),
        attitude=_words(raw.get("attitude")),
        attitude_adjectives=_words(raw.get("attitude_adjectives")),
        raising=_words(raw.get("raising")),
        evidence_in=_words(raw.get("evidence_in")),
        regard_as=_words(raw.get("regard_as")),
        addressee_verbs=_words(raw.get("addressee_verbs")),
        according_to=tuple(tuple(str(w).lower() for w in p) for p in raw.get("according_to") or ()),
        relay_verbs=_words(raw.get("relay_verbs")),
        relay_nouns=_words(raw.get("relay_nouns")),
        relay_preps=_words(raw.get("relay_preps")),
        channel_nouns=_words(raw.get("channel_nouns")),
        platforms={str(k).lower(): str(v) for k, v in (raw.get("platforms") or {}).items()},
        anaphoric_times=_words(raw.get("anaphoric_times")),
        demonstratives=_words(raw.get("demonstratives")),
        not_sources=_words(raw.get("not_sources")),
        signature_dashes=tuple(str(m) for m in raw.get("signature_dashes") or ()),
        speaker_pronouns={str(k).lower(): str(v) for k, v in (raw.get("speaker_pronouns") or {}).items()},
        gender_words={str(w).lower(): str(g) for g, ws in (raw.get("gender_words") or {}).items() for w in ws or ()},
        document_nouns=_words(raw.get("document_nouns")),
        speaks_for_preps=_words(raw.get("speaks_for_preps")),
        not_statements=_words(raw.get("not_statements")),
        np_statements=_words(raw.get("np_statements")),
        future_heads=_words(raw.get("future_heads")),
        topic_preps={str(k).lower(): _words(v) for k, v in (raw.get("topic_preps") or {}).items()},
        future_auxiliaries=_words(raw.get("future_auxiliaries")),
        speaker_nouns=_words(raw.get("speaker_nouns")),
    )
