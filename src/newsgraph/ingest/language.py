"""Language identification with lingua (it ships its own models; nothing is downloaded).

The detector is built once per process, lazily, over the languages news arrives in
(:data:`LANGUAGES`): the fewer the candidates, the faster the decision and the fewer the
confusions of short English with a rarely seen language (one English sentence read as Tagalog,
issue #10).  A text in a language outside the list is still found to be not English, which is all
the English-only stages need.  Low-accuracy mode uses only the trigram models: for article-length
text it decides as well as the full models, at a fraction of the memory and time.  Long texts are
sampled (beginning, middle, end: :func:`sample`); short text (under ``_MIN_CHARS``) is not guessed
at, and a short one (under ``_SHORT_WORDS`` words) is given a language only when lingua is sure.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from lingua import Language

# ISO 639-1 codes of the languages most international news is published in.
LANGUAGES = [
    "en",
    "fr",
    "de",
    "es",
    "pt",
    "it",
    "nl",
    "ru",
    "uk",
    "pl",
    "cs",
    "ro",
    "hu",
    "el",
    "tr",
    "ar",
    "fa",
    "ur",
    "hi",
    "bn",
    "zh",
    "ja",
    "ko",
    "id",
    "ms",
    "vi",
    "th",
    "he",
    "sv",
    "da",
    "nb",
    "fi",
    "sw",
    "so",
]
_MIN_CHARS = 20
_SAMPLE_CHARS = 3000
_MIN_CONFIDENCE = 0.5
_SHORT_WORDS = 40
_SHORT_CONFIDENCE = 0.9


@lru_cache(maxsize=1)
def _detector() -> Any:
    # imported here: a run whose inputs are all stored already never detects a language
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    codes = [getattr(IsoCode639_1, code.upper()) for code in LANGUAGES]
    return LanguageDetectorBuilder.from_iso_codes_639_1(*codes).with_low_accuracy_mode().build()


def sample(text: str, size: int = _SAMPLE_CHARS) -> str:
    """Up to ``size`` characters: the beginning, middle and end of a long text, cut between words."""
    if len(text) <= size:
        return text
    third = size // 3 - 1
    middle = len(text) // 2 - third // 2
    head = text[:third].rsplit(None, 1)[0]
    body = text[middle : middle + third].split(None, 1)[-1].rsplit(None, 1)[0]
    tail = text[-third:].split(None, 1)[-1]
    return " ".join((head, body, tail))


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of ``text``'s language ("en", "id", ...), or None when unsure."""
    chunk = sample(text)
    if len(chunk.strip()) < _MIN_CHARS:
        return None
    values = _detector().compute_language_confidence_values(chunk)
    if not values:
        return None
    needed = _SHORT_CONFIDENCE if len(chunk.split()) < _SHORT_WORDS else _MIN_CONFIDENCE
    if values[0].value < needed:
        return None
    return _iso(values[0].language)


def _iso(language: Language) -> str:
    return language.iso_code_639_1.name.lower()
