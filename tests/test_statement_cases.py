"""Blind cases for statements and forecasts (tests/data/statements_blind.yaml), written before the
whole-article errors were read: the speaker is the head of its phrase, headlines are not
statements, "according to a statement" makes one statement, pronouns go to the right speaker, and
forecasts keep negation, take their predictor and catch plans, schedules and predictions."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

CASES = yaml.safe_load((Path(__file__).parent / "data" / "statements_blind.yaml").read_text("utf-8"))


def _words(text: str) -> str:
    return " ".join(text.lower().replace("’", "'").split())


def _speaker_names(doc, st) -> list[str]:
    names = [st.speaker_text or ""]
    names += [a.name for a in doc._.actors or [] if a.id == st.speaker]
    return [n.lower() for n in names if n]


def check_case(doc, case) -> list[str]:
    """What the stage got wrong on one case (empty when it is all right)."""
    wrong = []
    statements = list(doc._.statements or [])
    for want in case.get("statements") or []:
        hits = [s for s in statements if _words(want["content"]) in _words(s.content)]
        if not hits:
            wrong.append(f"no statement with {want['content']!r}")
        elif not any(want["speaker"].lower() in n for s in hits for n in _speaker_names(doc, s)):
            wrong.append(f"{want['content']!r}: speaker {[s.speaker_text for s in hits]}, want {want['speaker']}")
    if "n_statements" in case and len(statements) != case["n_statements"]:
        wrong.append(f"{len(statements)} statements {[s.content for s in statements]}, want {case['n_statements']}")
    forecasts = list(doc._.forecasts or [])
    names = {a.id: a.name.lower() for a in doc._.actors or []}
    for want in case.get("forecasts") or []:
        hits = [f for f in forecasts if any(_words(want["words"]) in _words(s["text"]) for s in f.statement)]
        if not hits:
            wrong.append(f"no forecast stated by {want['words']!r}")
            continue
        ok = [
            f
            for f in hits
            if (want["predictor"] is None and f.predictor is None)
            or (
                want["predictor"] is not None
                and (f.predictor or f.predictor_text) is not None
                and want["predictor"].lower() in (names.get(f.predictor) or f.predictor or f.predictor_text).lower()
            )
        ]
        if not ok:
            wrong.append(f"{want['words']!r}: predictor {[f.predictor for f in hits]}, want {want['predictor']}")
    if "n_forecasts" in case and len(forecasts) != case["n_forecasts"]:
        wrong.append(f"{len(forecasts)} forecasts {[f.proposition for f in forecasts]}, want {case['n_forecasts']}")
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
    assert len(ids) == len(set(ids)) and len(ids) >= 15
    for c in CASES:
        assert set(c) <= {"id", "text", "statements", "no_statement", "n_statements", "forecasts", "n_forecasts"}
        assert c.get("statements") or c.get("forecasts") or "n_forecasts" in c, c["id"]


@pytest.mark.slow
def test_blind_cases(nlp) -> None:
    results = run_cases(nlp)
    failed = {k: v for k, v in results.items() if v}
    # first run (before the work of issue #10) 5 of 17; the floor is the figure reached (docs/BENCHMARKS.md)
    assert len(results) - len(failed) >= FLOOR, failed


FLOOR = 14


if __name__ == "__main__":
    from newsgraph.nlp.pipeline import load_pipeline

    res = run_cases(load_pipeline())
    for k, v in res.items():
        print("ok  " if not v else "FAIL", k, "; ".join(v))
    print(sum(not v for v in res.values()), "/", len(res))
