"""The CAMEO code table and the event trigger lexicon (nlp/data/cameo.yaml, nlp/data/event_lexicon.yaml).

Checks that both files load, that every code the lexicon uses exists, that every sense uses only the
keys the coder knows, and that the PLOVER type of each CAMEO code agrees with the CAMEO -> PLOVER
conversion table of the PLOVER manual (../shared/train/cameo2plover-2021.txt; skipped when absent).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "src" / "newsgraph" / "nlp" / "data"
CAMEO_FILE = DATA / "cameo.yaml"
LEXICON_FILE = DATA / "event_lexicon.yaml"


def _words(text: str) -> set[str]:
    return set(text.split())


PLOVER_TYPES = _words(
    "AGREE CONSULT SUPPORT CONCEDE COOPERATE AID RETREAT REQUEST "
    "ACCUSE REJECT THREATEN PROTEST SANCTION MOBILIZE COERCE ASSAULT"
)
PLOVER_MODES = _words(
    # CONSULT, RETREAT, REQUEST/REJECT, ACCUSE
    "visit third-party multilateral phone withdraw release return disarm ceasefire access resign "
    "assist change yield meet disapprove investigate allege "
    # THREATEN, PROTEST, SANCTION, MOBILIZE
    "restrict ban arrest relations rights expel territory violence demo riot strike hunger boycott obstruct "
    "vandalize convict discontinue troops weapons police militia "
    # COERCE, ASSAULT
    "seize censor curfew martial-law deport withhold misinformation cyber abduct beat torture execute sexual "
    "assassinate targeted destroy primitive firearms explosives suicide-attack aerial drone heavy-weapons "
    "crowd-control cleansing massacre unconventional"
)
CODE_KEYS = {"name", "goldstein", "plover", "mode", "view"}
SENSE_KEYS = _words("cameo object prep particle intent speech negated_cameo target_preps source_preps")
CONDITION_KEYS = {"object", "prep", "particle"}
LEXICON_SECTIONS = ("verbs", "nouns", "adjectives")


def _crosswalk_path() -> Path:
    base = os.environ.get("NEWSGRAPH_SHARED")
    if base:
        return Path(base) / "train" / "cameo2plover-2021.txt"
    return Path(__file__).resolve().parents[1].parent / "shared" / "train" / "cameo2plover-2021.txt"


@pytest.fixture(scope="module")
def cameo() -> dict:
    data = yaml.safe_load(CAMEO_FILE.read_text("utf-8"))
    assert isinstance(data, dict)
    return data


@pytest.fixture(scope="module")
def codes(cameo) -> dict:
    return cameo["codes"]


@pytest.fixture(scope="module")
def lexicon() -> dict:
    data = yaml.safe_load(LEXICON_FILE.read_text("utf-8"))
    assert isinstance(data, dict)
    return data


@pytest.fixture(scope="module")
def crosswalk() -> dict[str, set[str]]:
    """``code -> {PLOVER types}`` from the conversion table (a code may appear twice, e.g. 08)."""
    path = _crosswalk_path()
    if not path.exists():
        pytest.skip(f"../shared/train/cameo2plover-2021.txt not found ({path}): the data beside the project is absent")
    table: dict[str, set[str]] = {}
    for raw in path.read_text("utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        m = re.match(r"^(\d{2,4})\s*:\s*([A-Z]+)", line)
        if m:
            table.setdefault(m.group(1), set()).add(m.group(2))
    assert table, f"no entries parsed from {path}"
    return table


def _senses(lexicon):
    for section in LEXICON_SECTIONS:
        for trigger, senses in lexicon[section].items():
            for i, sense in enumerate(senses):
                yield f"{section}.{trigger}[{i}]", sense


# ---------------------------------------------------------------- cameo.yaml


def test_cameo_codes_are_well_formed(codes):
    assert isinstance(codes, dict) and len(codes) >= 280
    for code, entry in codes.items():
        assert isinstance(code, str) and re.fullmatch(r"\d{2,4}", code), code
        assert 1 <= int(code[:2]) <= 20, code
        assert set(entry) <= CODE_KEYS, (code, set(entry) - CODE_KEYS)
        assert {"name", "goldstein", "plover"} <= set(entry), code
        assert isinstance(entry["name"], str) and entry["name"], code
        assert entry["plover"] is None or entry["plover"] in PLOVER_TYPES, (code, entry["plover"])
        mode = entry.get("mode")
        assert mode is None or mode in PLOVER_MODES, (code, mode)
        assert mode is None or entry["plover"] is not None, (code, "a mode without a PLOVER type")
        assert entry.get("view") is None or entry["view"] in PLOVER_TYPES, (code, entry.get("view"))
        if len(code) > 2:
            assert code[:-1] in codes or code[:2] in codes, (code, "parent code missing")


def test_goldstein_weights_in_range(codes):
    for code, entry in codes.items():
        g = entry["goldstein"]
        assert isinstance(g, int | float) and not isinstance(g, bool), code
        assert -10 <= g <= 10, (code, g)
    # the scale runs from cooperation to conflict
    assert codes["057"]["goldstein"] > 0 > codes["190"]["goldstein"]


def test_every_root_and_its_subcodes_present(codes):
    for root in range(1, 21):
        r = f"{root:02d}"
        assert r in codes, r
        assert f"{r}0" in codes, f"{r}0"
    for code in ("0311", "0874", "1056", "1246", "1385", "1454", "1663", "1724", "1833", "2042"):
        assert code in codes, code


def test_plover_intensity(cameo):
    intensity = cameo["plover_intensity"]
    assert set(intensity) == PLOVER_TYPES
    for kind, value in intensity.items():
        assert isinstance(value, int | float) and -10 <= value <= 10, (kind, value)
    assert intensity["ASSAULT"] < 0 < intensity["AGREE"]


def test_plover_types_agree_with_crosswalk(codes, crosswalk):
    disagreements = []
    for code, entry in codes.items():
        plover = entry["plover"]
        if code in crosswalk:
            expected = crosswalk[code]
        elif code[:2] in ("01", "02"):
            expected = {None}  # statements and appeals are dropped in PLOVER
        else:
            expected = crosswalk.get(code[:2], {plover})
        if plover not in expected:
            disagreements.append((code, plover, sorted(map(str, expected))))
    assert not disagreements, disagreements


def test_crosswalk_codes_all_present(codes, crosswalk):
    missing = sorted(code for code in crosswalk if code not in codes)
    assert not missing, missing


# ---------------------------------------------------------------- event_lexicon.yaml


def test_lexicon_sections(lexicon):
    for section in LEXICON_SECTIONS:
        table = lexicon[section]
        assert isinstance(table, dict) and table, section
        for trigger, senses in table.items():
            assert isinstance(trigger, str) and trigger == trigger.lower() and trigger.strip() == trigger, trigger
            assert isinstance(senses, list) and senses, (section, trigger)


def test_senses_use_known_keys_and_types(lexicon):
    for where, sense in _senses(lexicon):
        assert isinstance(sense, dict), where
        assert set(sense) <= SENSE_KEYS, (where, set(sense) - SENSE_KEYS)
        assert "cameo" in sense or sense.get("speech") is True, (where, "no cameo")
        for key in ("cameo", "negated_cameo", "prep", "particle"):
            if key in sense:
                assert isinstance(sense[key], str) and sense[key], (where, key)
        for key in ("intent", "speech"):
            if key in sense:
                assert isinstance(sense[key], bool), (where, key)
        for key in ("object", "target_preps", "source_preps"):
            if key in sense:
                # YAML 1.1 reads bare on/off/yes/no as booleans: every item must still be a string
                value = sense[key]
                assert isinstance(value, list) and value, (where, key)
                assert all(isinstance(x, str) and x for x in value), (where, key, value)


def test_lexicon_codes_exist(lexicon, codes):
    unknown = []
    for where, sense in _senses(lexicon):
        for key in ("cameo", "negated_cameo"):
            if key in sense and sense[key] not in codes:
                unknown.append((where, key, sense[key]))
    assert not unknown, unknown


def test_no_unreachable_senses(lexicon):
    """The coder takes the first sense whose conditions hold: nothing may follow an unconditional sense."""
    for section in LEXICON_SECTIONS:
        for trigger, senses in lexicon[section].items():
            for i, sense in enumerate(senses[:-1]):
                assert set(sense) & CONDITION_KEYS, (section, trigger, i, "unconditional sense is not last")


def test_lexicon_coverage(lexicon, codes):
    verbs, nouns, adjectives = (lexicon[s] for s in LEXICON_SECTIONS)
    assert len(verbs) >= 600 and len(nouns) >= 150 and len(adjectives) >= 30
    expected_verbs = _words(
        "attack accuse call impose withdraw sign say promise criticize criticise meet visit arrest protest "
        "boycott deploy release demand threaten reject praise provide sanction expel kill shell"
    ) | {"pull out", "call for", "crack down"}
    for lemma in expected_verbs:
        assert lemma in verbs, lemma
    for lemma in ("attack", "sanction", "talks", "invasion", "airstrike", "ceasefire", "protest", "aid", "threat"):
        assert lemma in nouns, lemma
    # every PLOVER type can be reached from some trigger
    reached = {codes[s["cameo"]]["plover"] for _, s in _senses(lexicon) if "cameo" in s}
    assert reached >= PLOVER_TYPES, PLOVER_TYPES - reached


@pytest.mark.parametrize(
    ("section", "trigger", "obj", "prep", "plover"),
    [
        ("verbs", "attack", None, None, "ASSAULT"),
        ("verbs", "accuse", None, None, "ACCUSE"),
        ("verbs", "impose", "sanctions", None, "COERCE"),  # CAMEO 163 is COERCE in the conversion table
        ("verbs", "impose", "curfew", None, "COERCE"),
        ("verbs", "withdraw", "troops", None, "RETREAT"),
        ("verbs", "expel", "diplomats", None, "SANCTION"),
        ("verbs", "sign", "agreement", None, "SUPPORT"),
        ("verbs", "call", None, "for", "REQUEST"),
        ("verbs", "boycott", None, None, "PROTEST"),
        ("verbs", "deploy", "troops", None, "MOBILIZE"),
        ("verbs", "release", "prisoners", None, "RETREAT"),
        ("verbs", "send", "weapons", None, "AID"),
        ("verbs", "hold", "talks", None, "CONSULT"),
        ("verbs", "share", "intelligence", None, "COOPERATE"),
        ("verbs", "reject", None, None, "REJECT"),
        ("verbs", "threaten", None, None, "THREATEN"),
        ("verbs", "lift", "sanctions", None, "RETREAT"),
        ("nouns", "airstrike", None, None, "ASSAULT"),
        ("nouns", "talks", None, None, "CONSULT"),
    ],
)
def test_first_matching_sense(lexicon, codes, section, trigger, obj, prep, plover):
    """What the coder will pick for a few wire-service phrasings."""
    for sense in lexicon[section][trigger]:
        if "object" in sense and (obj is None or obj not in sense["object"]):
            continue
        if "prep" in sense and sense["prep"] != prep:
            continue
        if "particle" in sense:
            continue
        assert "cameo" in sense, (trigger, sense)
        assert codes[sense["cameo"]]["plover"] == plover, (trigger, obj, prep, sense)
        return
    pytest.fail(f"no sense of {section}.{trigger} matches object={obj!r} prep={prep!r}")
