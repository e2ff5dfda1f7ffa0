"""Language identification with lingua (it ships its own models; nothing is downloaded).

The detector is built once per process, lazily, over all languages lingua
knows.  Low-accuracy mode uses only the trigram models: for article-length
text it decides as well as the full models, at a fraction of the memory and
time; short text (under ``_MIN_CHARS``) is not guessed at.
"""

from __future__ import annotations

from functools import lru_cache

from lingua import Language, LanguageDetector, LanguageDetectorBuilder

_MIN_CHARS = 20
_SAMPLE_CHARS = 3000
_MIN_CONFIDENCE = 0.5


@lru_cache(maxsize=1)
def _detector() -> LanguageDetector:
    return LanguageDetectorBuilder.from_all_languages().with_low_accuracy_mode().build()


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of ``text``'s language ("en", "id", ...), or None when unsure."""
    sample = text[:_SAMPLE_CHARS]
    if len(sample.strip()) < _MIN_CHARS:
        return None
    values = _detector().compute_language_confidence_values(sample)
    if not values or values[0].value < _MIN_CONFIDENCE:
        return None
    return _iso(values[0].language)


def _iso(language: Language) -> str:
    return language.iso_code_639_1.name.lower()
