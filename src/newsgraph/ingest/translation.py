"""Was this English text machine-translated, and from which language?

Machine translation leaves traces: source-language abbreviations left as they
were ("Menlu" for the Indonesian foreign minister), the source press's date
style ("Tuesday (26/9/2023)"), glosses printed twice ("North Korea (North
Korea)", from "Korea Utara (Korut)").  The cues are data
(``data/translation_cues.yaml``); this module counts them.  Two distinct cues
of one language, or one of it and a language-free trace, decide.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml


@dataclass(frozen=True, slots=True)
class _Cues:
    words: dict[str, re.Pattern[str]]
    patterns: dict[str, list[re.Pattern[str]]]
    generic: list[re.Pattern[str]]


@lru_cache(maxsize=1)
def _cues() -> _Cues:
    raw = yaml.safe_load(resources.files("newsgraph.ingest").joinpath("data/translation_cues.yaml").read_text("utf-8"))
    words, patterns = {}, {}
    for lang, spec in raw["languages"].items():
        if spec.get("words"):
            alts = "|".join(re.escape(w) for w in sorted(spec["words"], key=len, reverse=True))
            words[lang] = re.compile(rf"(?<![\w-])(?:{alts})(?![\w-])")
        patterns[lang] = [re.compile(p) for p in spec.get("patterns") or []]
    return _Cues(words, patterns, [re.compile(p) for p in raw.get("generic_patterns") or []])


def translation_evidence(text: str) -> dict[str, list[str]]:
    """The traces found, by language code (``"*"`` for language-free ones)."""
    cues = _cues()
    found: dict[str, list[str]] = {}
    for lang, rx in cues.words.items():
        hits = sorted({m.group(0) for m in rx.finditer(text)})
        if hits:
            found.setdefault(lang, []).extend(hits)
    for lang, rxs in cues.patterns.items():
        for rx in rxs:
            m = rx.search(text)
            if m:
                found.setdefault(lang, []).append(m.group(0))
    for rx in cues.generic:
        m = rx.search(text)
        if m:
            found.setdefault("*", []).append(m.group(0))
    return found


def translated_from(text: str, language: str | None) -> str | None:
    """The source language of an English machine translation, or None."""
    if language not in (None, "en"):
        return None
    evidence = translation_evidence(text)
    generic = 1 if evidence.get("*") else 0
    best: tuple[int, str] | None = None
    for lang, hits in evidence.items():
        if lang == "*":
            continue
        score = len(set(hits)) + generic
        if score >= 2 and (best is None or score > best[0]):
            best = (score, lang)
    return best[1] if best else None
