"""Blind cases (tests/data/speaker_actors_blind.yaml): speakers and predictors are actors with a name
and, where the text says it, a country; noun-phrase objects of speech verbs make no statement; a
later quotation with no cue of its own is a statement of its own."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

CASES = yaml.safe_load((Path(__file__).parent / "data" / "speaker_actors_blind.yaml").read_text("utf-8"))


def _words(text: str) -> str:
    return " ".join(text.lower().replace("’", "'").split())


def check_case(doc, case) -> list[str]:
    wrong = []
    actors = {a.id: a for a in doc._.actors or []}
    statements = list(doc._.statements or [])
    for want in case.get("statements") or []:
        hits = [s for s in statements if _words(want["content"]) in _words(s.content)]
        if not hits:
            wrong.append(f"no statement with {want['content']!r}")
            continue
        st = hits[0]
        actor = actors.get(st.speaker)
        if actor is None:
            wrong.append(f"{want['content']!r}: speaker {st.speaker_text!r} has no actor")
            continue
        if want.get("speaker") and want["speaker"].lower() not in actor.name.lower():
            wrong.append(f"{want['content']!r}: speaker {actor.name!r}, want {want['speaker']}")
        if want.get("country") and actor.country != want["country"]:
            wrong.append(f"{want['content']!r}: speaker country {actor.country}, want {want['country']}")
    if "n_statements" in case and len(statements) != case["n_statements"]:
        wrong.append(f"{len(statements)} statements {[s.content for s in statements]}, want {case['n_statements']}")
    for want in case.get("forecasts") or []:
        hits = [
            f for f in doc._.forecasts or [] if any(_words(want["words"]) in _words(s["text"]) for s in f.statement)
        ]
        if not hits:
            wrong.append(f"no forecast stated by {want['words']!r}")
            continue
        names = [actors[f.predictor].name.lower() for f in hits if f.predictor in actors]
        if not any(want["predictor"].lower() in n for n in names):
            wrong.append(f"{want['words']!r}: predictors {[f.predictor for f in hits]}, want {want['predictor']}")
    return wrong


def run_cases(nlp) -> dict[str, list[str]]:
    out = {}
    for case in CASES:
        doc = nlp.make_doc(case["text"])
        doc._.published = "2019-11-20"
        out[case["id"]] = check_case(nlp(doc), case)
    return out


def test_case_file_is_well_formed() -> None:
    ids = [c["id"] for c in CASES]
    assert len(ids) == len(set(ids)) and len(ids) >= 12
    for c in CASES:
        assert set(c) <= {"id", "text", "statements", "n_statements", "forecasts"}


@pytest.mark.slow
def test_blind_cases(nlp) -> None:
    results = run_cases(nlp)
    failed = {k: v for k, v in results.items() if v}
    # first run (before the changes of session 4): 4 of 13 right; cases added later, first run on the main of
    # their time: frameless quotations 1 of 2, bodies named by their noun 0 of 2
    assert len(results) - len(failed) >= len(results), failed
