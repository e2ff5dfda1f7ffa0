"""The trigger lexicon: senses of verbs, nouns and adjectives, the CAMEO table and the modality cues
(``data/event_lexicon.yaml``, ``data/cameo.yaml``, ``data/modality.yaml``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

try:  # the C loader is ten times faster; PyYAML wheels ship it
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]


@dataclass(frozen=True, slots=True)
class Sense:
    cameo: str | None = None
    object: tuple[str, ...] = ()
    prep: str | None = None
    particle: str | None = None
    intent: bool = False
    speech: bool = False
    negated_cameo: str | None = None
    target_preps: tuple[str, ...] = ()
    source_preps: tuple[str, ...] = ("by",)


@dataclass(frozen=True, slots=True)
class Code:
    name: str
    goldstein: float | None
    plover: str | None
    mode: str | None
    view: str | None = None  # the PLOVER codebook's type where it departs from the conversion table


@dataclass(slots=True)
class Lexicon:
    verbs: dict[str, list[Sense]]
    nouns: dict[str, list[Sense]]
    adjectives: dict[str, list[Sense]]
    codes: dict[str, Code]
    intensity: dict[str, float]
    modality: dict[str, Any]
    agents: dict[str, Any] = field(default_factory=dict)

    def code(self, cameo: str | None) -> Code | None:
        """The code's entry, or its nearest parent's ("0874" -> "087" -> "08")."""
        while cameo:
            if cameo in self.codes:
                return self.codes[cameo]
            cameo = cameo[:-1]
        return None


def _senses(raw: dict[str, Any]) -> dict[str, list[Sense]]:
    out: dict[str, list[Sense]] = {}
    for lemma, senses in (raw or {}).items():
        out[str(lemma).lower()] = [
            Sense(
                cameo=str(s["cameo"]) if s.get("cameo") is not None else None,
                object=tuple(str(o).lower() for o in s.get("object") or ()),
                prep=s.get("prep"),
                particle=s.get("particle"),
                intent=bool(s.get("intent")),
                speech=bool(s.get("speech")),
                negated_cameo=str(s["negated_cameo"]) if s.get("negated_cameo") else None,
                target_preps=tuple(s.get("target_preps") or ()),
                source_preps=tuple(s.get("source_preps") or ("by",)),
            )
            for s in senses or []
        ]
    return out


def load_lexicon(path: str | None = None) -> Lexicon:
    """The shipped trigger lexicon, CAMEO table and modality cues (or a user's lexicon file).

    Loaded once per process whichever way it is asked for (``load_lexicon()``, ``(None)``), and
    compiled once for the files' contents (:mod:`newsgraph.kb.cache`)."""
    return _load_lexicon(str(path) if path else None)


@lru_cache(maxsize=4)
def _load_lexicon(path: str | None) -> Lexicon:
    from newsgraph.kb.cache import cached

    data = Path(str(resources.files("newsgraph.nlp").joinpath("data")))
    files = [Path(path) if path else data / "event_lexicon.yaml", data / "cameo.yaml", data / "modality.yaml"]
    # this module's source is part of the key: a changed Lexicon class never meets an old pickle
    return cached("eventlexicon", [*files, Path(__file__)], lambda: _build_lexicon(*files))


def _build_lexicon(lexicon: Path, cameo_file: Path, modality_file: Path) -> Lexicon:
    lex = yaml.load(lexicon.read_text("utf-8"), Loader=_Loader)
    cameo = yaml.load(cameo_file.read_text("utf-8"), Loader=_Loader)
    modality = yaml.load(modality_file.read_text("utf-8"), Loader=_Loader)
    codes = {
        str(k): Code(v.get("name", ""), v.get("goldstein"), v.get("plover"), v.get("mode"), v.get("view"))
        for k, v in (cameo.get("codes") or {}).items()
    }
    return Lexicon(
        _senses(lex.get("verbs")),
        _senses(lex.get("nouns")),
        _senses(lex.get("adjectives")),
        codes,
        {str(k): float(v) for k, v in (cameo.get("plover_intensity") or {}).items()},
        modality,
        lex.get("agents") or {},
    )
