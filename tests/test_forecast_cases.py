"""Blind forecast cases (tests/data/forecasts_blind7.yaml), written from the articles-dev
conventions before any forecast error was read: which sentences are forecasts (plans, schedules,
promises, predictions; not hopes, norms, desires, habits of the past, indirect questions,
counterfactuals) and who predicts (the speaker, the planner, nobody when the page states it)."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
import yaml

CASES = yaml.safe_load((Path(__file__).parent / "data" / "forecasts_blind7.yaml").read_text("utf-8"))
# cases the stage still gets wrong (kept visible, not hidden): id -> why
KNOWN_MISSES: dict[str, str] = {
    # the statements stage takes the name inside the speaker phrase's relative clause (issue 10 item 14)
    "speaker-not-the-relative-clause": "speaker Condoleezza Rice, the minister who met her is meant",
    # the small parser reads 'forecast' as a noun ('The Bank of England forecast growth ...'): no verb
    "economic-forecast": "'forecast' parsed as a noun, no clause to read",
    # a past expectation ('was expected to be close') is not told from a plan in the past ('was to ask')
    "past-expectation": "'which was expected to be close' kept",
}


def _fold(name: str) -> str:
    """A name without case and accents ('Hugo Chávez' is 'hugo chavez')."""
    return "".join(c for c in unicodedata.normalize("NFKD", name.lower()) if not unicodedata.combining(c))


def check_case(text: str, found: list[dict], case: dict) -> list[str]:
    """What the stage got wrong on one case; ``found`` holds one dict per forecast: ``spans`` (its
    statement's (start, end) pairs), ``name`` (predictor actor's name and predictor_text, lower
    case), ``country`` (the predictor actor's) and ``predictor`` (the id)."""
    wrong = []

    def over(f: dict, quote: str) -> bool:
        start = text.index(quote)
        end = start + len(quote)
        return any(min(e, end) > max(s, start) for s, e in f["spans"])

    for want in case.get("forecasts") or []:
        hits = [f for f in found if over(f, want["quote"])]
        if len(hits) != 1:
            wrong.append(f"{want['quote']!r}: {len(hits)} forecasts")
            continue
        f = hits[0]
        if "predictor" in want:
            if want["predictor"] is None:
                if f["predictor"] is not None:
                    wrong.append(f"{want['quote']!r}: predictor {f['name']!r}, want none")
            elif _fold(want["predictor"]) not in _fold(f["name"]):
                wrong.append(f"{want['quote']!r}: predictor {f['name']!r}, want {want['predictor']!r}")
        if "predictor_country" in want and f["country"] != want["predictor_country"]:
            want_country = want["predictor_country"]
            wrong.append(f"{want['quote']!r}: predictor {f['name']!r} of {f['country']}, want {want_country}")
        if "predictor_not" in want and _fold(want["predictor_not"]) in _fold(f["name"]):
            wrong.append(f"{want['quote']!r}: predictor {f['name']!r}")
    for quote in case.get("none") or []:
        bad = [f["proposition"] for f in found if over(f, quote)]
        if bad:
            wrong.append(f"{quote!r} made forecasts {bad}")
    return wrong


def run_cases(nlp) -> dict[str, list[str]]:
    out = {}
    for case in CASES:
        doc = nlp.make_doc(case["text"])
        doc._.published = str(case.get("published", "2006-03-01"))
        doc = nlp(doc)
        actors = {a.id: a for a in doc._.actors or []}
        found = []
        for f in doc._.forecasts or []:
            actor = actors.get(f.predictor) if f.predictor else None
            name = " ".join(x for x in (actor.name if actor else "", f.predictor_text or "") if x).lower()
            found.append(
                {
                    "spans": [(s["start"], s["end"]) for s in f.statement or []],
                    "name": name,
                    "country": actor.country if actor else None,
                    "predictor": f.predictor,
                    "proposition": f.proposition,
                }
            )
        out[case["id"]] = check_case(case["text"], found, case)
    return out


def test_case_file_is_well_formed() -> None:
    ids = [c["id"] for c in CASES]
    assert len(ids) == len(set(ids)) and len(ids) >= 12
    for c in CASES:
        assert set(c) <= {"id", "text", "forecasts", "none", "published"}, c["id"]
        for q in [w["quote"] for w in c.get("forecasts") or []] + list(c.get("none") or []):
            assert c["text"].count(q) == 1, (c["id"], q)
    assert set(KNOWN_MISSES) <= set(ids)


def test_checker_rejects_a_wrong_predictor_and_a_spurious_forecast() -> None:
    case = next(c for c in CASES if c["id"] == "plan-of-the-subject")
    text = case["text"]
    one = {"spans": [(0, len(text))], "name": "mali", "country": "MLI", "predictor": "Q1", "proposition": ""}
    assert check_case(text, [one], case)
    assert not check_case(text, [{**one, "name": "germany", "country": "DEU"}], case)
    hope = next(c for c in CASES if c["id"] == "hope-is-no-forecast")
    assert check_case(hope["text"], [{**one, "spans": [(0, len(hope["text"]))]}], hope)


@pytest.mark.slow
def test_blind_cases(nlp) -> None:
    results = run_cases(nlp)
    failed = {k: v for k, v in results.items() if v and k not in KNOWN_MISSES}
    assert not failed, failed
    fixed = [k for k in KNOWN_MISSES if not results[k]]
    assert not fixed, f"now right, take them off KNOWN_MISSES: {fixed}"
