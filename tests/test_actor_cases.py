"""The independent actor-resolution test set (tests/data/actor_cases.jsonl) and its scorer."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest

from newsgraph.eval.actors import EXPECT_KEYS, check, load_cases, run_actor_eval

CASES = Path(__file__).parent / "data" / "actor_cases.jsonl"
MINIMUM = {
    "country": 50,
    "metonym": 20,
    "nationality": 30,
    "agent": 30,
    "organisation": 40,
    "media": 25,
    "person_on_date": 40,
    "region": 10,
    "nonsense": 25,
    "coreference": 5,
}


def test_case_file_is_well_formed() -> None:
    cases = load_cases(CASES)
    assert len(cases) >= 260
    ids = [c["id"] for c in cases]
    assert len(ids) == len(set(ids)), [i for i, k in Counter(ids).items() if k > 1]
    counts = Counter(c["category"] for c in cases)
    for category, minimum in MINIMUM.items():
        assert counts[category] >= minimum, (category, counts[category])
    assert set(counts) <= set(MINIMUM), set(counts) - set(MINIMUM)
    for c in cases:
        assert set(c) == {"id", "category", "text", "date", "context", "expect"}, c["id"]
        assert c["text"] and isinstance(c["text"], str), c["id"]
        assert c["context"] is None or c["text"] in c["context"], c["id"]
        if c["date"] is not None:
            dt.date.fromisoformat(c["date"])
        expect = c["expect"]
        assert expect and set(expect) <= EXPECT_KEYS, c["id"]
        if expect.get("none"):
            assert set(expect) == {"none"}, c["id"]
        if c["category"] == "nonsense":
            assert expect == {"none": True}, c["id"]
        if c["category"] in ("agent",):
            assert {"country", "sector"} <= set(expect), c["id"]


def test_check_semantics() -> None:
    case = {"id": "x", "expect": {"kind": "state", "country": "USA", "name": "United States"}}
    got = {"actor_id": "Q30", "name": "the United States", "kind": "state", "country": "USA", "sector": None}
    assert check(case, got)
    assert not check(case, {**got, "country": "GBR"})
    assert not check({"id": "n", "expect": {"none": True}}, got)
    assert check({"id": "n", "expect": {"none": True}}, {"actor_id": None})
    assert not check({"id": "n", "expect": {"none": True}}, {"actor_id": None, "actor_ids": ["Q17", "Q884"]})
    assert check({"id": "k", "expect": {"country": ["XKX", "KOS"]}}, {"actor_id": "Q1246", "country": "XKX"})
    assert check({"id": "w", "expect": {"wikidata": "Q30"}}, got)
    erdogan = {"actor_id": "p", "name": "Recep Tayyip Erdogan"}
    assert check({"id": "e", "expect": {"name": "Recep Tayyip Erdoğan"}}, erdogan)
    with pytest.raises(ValueError):
        check({"id": "bad", "expect": {"countries": "USA"}}, got)


@pytest.mark.slow
def test_actor_resolution_accuracy(nlp) -> None:
    report = run_actor_eval(CASES, nlp)
    assert report["n"] == len(load_cases(CASES))
    # A regression floor: the resolver scores 1.0 on this (development) set; the blind set
    # (actor_cases_blind.jsonl) gives the honest figure, see docs/BENCHMARKS.md.
    assert report["accuracy"] >= 0.97, {k: round(v["accuracy"], 2) for k, v in report["by_category"].items()}
    for category, row in report["by_category"].items():
        assert row["accuracy"] >= 0.9, (category, report["failures"])


@pytest.mark.slow
def test_blind_set_floor(nlp) -> None:
    # The blind set was written without seeing the resolver or the KB; measured, not tuned on
    # case by case.  A floor under its current figure (0.968) to catch regressions.
    report = run_actor_eval(Path(CASES).with_name("actor_cases_blind.jsonl"), nlp)
    assert report["accuracy"] >= 0.93, [f["id"] for f in report["failures"]]


def test_whole_article_classes_set(nlp) -> None:
    # actor_cases_blind2.jsonl: datelines, places used as places, pronouns, surnames, agencies and
    # generic agents (issue 10), written before the resolver was changed for them (first run 0.340).
    report = run_actor_eval(Path(CASES).with_name("actor_cases_blind2.jsonl"), nlp)
    assert report["accuracy"] >= 0.95, [f["id"] for f in report["failures"]]


def test_acronym_cases(nlp) -> None:
    # actor_cases_blind3.jsonl: acronyms that name an agreement or a phrase the text defines ("the TPP
    # trade deal", "the Trans-Pacific Partnership (TPP)") and acronyms that stay actors; written before
    # the rule (first run 4 of 8: every TPP resolved to the Taiwan People's Party).
    report = run_actor_eval(Path(CASES).with_name("actor_cases_blind3.jsonl"), nlp)
    assert report["accuracy"] == 1.0, [f["id"] for f in report["failures"]]
