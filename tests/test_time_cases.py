"""Blind time-expression cases (tests/data/times_blind.yaml), written from the TimeML TIMEX3
guidelines before any TimeBank error was read: relaxed overlap as the benchmark scores it, the
exact TIMEX3 extent where the guidelines fix it, values and types."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

DATA = Path(__file__).parent / "data"
# session 5's cases, then session 7's (durations, sets, vague words, fiscal periods, decades)
CASES = [
    *yaml.safe_load((DATA / "times_blind.yaml").read_text("utf-8")),
    *yaml.safe_load((DATA / "times_blind7.yaml").read_text("utf-8")),
]
# cases the stage still gets wrong (kept visible, not hidden): id -> why
KNOWN_MISSES: dict[str, str] = {
    # the expectation written blind (1999-SP) is itself doubtful: on 13 February the coming spring is
    # 1998's, which is what the stage says; kept as written, not edited after the run
    "next-season": "'next spring' in February: 1998-SP given, 1999-SP expected",
    # session 7: expectations the benchmark's own convention contradicts, kept as written
    "the-past-week": "TimeBank writes 'the past year' DATE 1997 and 'the last decade' DATE 198: DATE kept",
    "weekly": "TimeBank marks -ly frequency words in 4 of 24 uses (daily, annually, quarterly): not tagged",
    "the-last-two-decades": "TimeBank writes a decade E ('about a decade' P1E): P2E kept, P2DE expected",
}


def check_case(text: str, found: list[tuple[int, int, str | None, str | None]], case: dict) -> list[str]:
    """What the stage got wrong on one case; ``found`` holds (start, end, type, value)."""
    wrong = []
    got = [(text[s:e], t, v) for s, e, t, v in found]
    for want in case.get("timexes") or []:
        start = text.index(want["text"])
        end = start + len(want["text"])
        hits = [f for f in found if min(f[1], end) > max(f[0], start)]
        if not hits:
            wrong.append(f"missed {want['text']!r} (got {got})")
            continue
        s, e, typ, value = max(hits, key=lambda f: min(f[1], end) - max(f[0], start))
        if want.get("exact") and (s, e) != (start, end):
            wrong.append(f"extent {text[s:e]!r}, want {want['text']!r}")
        if "type" in want and typ != want["type"]:
            wrong.append(f"{want['text']!r}: type {typ}, want {want['type']}")
        if "value" in want and value != str(want["value"]):
            wrong.append(f"{want['text']!r}: value {value}, want {want['value']}")
    for word in case.get("none") or []:
        start = text.index(word)
        end = start + len(word)
        bad = [text[s:e] for s, e, _, _ in found if min(e, end) > max(s, start)]
        if bad:
            wrong.append(f"{word!r} tagged as {bad}")
    return wrong


def run_cases(nlp) -> dict[str, list[str]]:
    from newsgraph.nlp.times import timexes_of

    out = {}
    for case in CASES:
        doc = nlp.make_doc(case["text"])
        doc._.published = str(case.get("dct", "1998-02-13"))
        doc = nlp(doc)
        found = [(t.start, t.end, t.type, t.value) for t in timexes_of(doc)]
        out[case["id"]] = check_case(case["text"], found, case)
    return out


def test_case_file_is_well_formed() -> None:
    ids = [c["id"] for c in CASES]
    assert len(ids) == len(set(ids)) and len(ids) >= 12
    for c in CASES:
        assert set(c) <= {"id", "text", "timexes", "none", "dct"}, c["id"]
        for want in c.get("timexes") or []:
            assert want["text"] in c["text"], (c["id"], want["text"])
    assert set(KNOWN_MISSES) <= set(ids)


def test_checker_rejects_a_wrong_extent() -> None:
    case = CASES[0]
    start = case["text"].index("three years")
    assert check_case(case["text"], [(start, start + 11, "DURATION", "P3Y")], case)


@pytest.mark.slow
def test_blind_cases() -> None:
    from newsgraph.nlp.times import times_pipeline

    results = run_cases(times_pipeline())
    failed = {k: v for k, v in results.items() if v and k not in KNOWN_MISSES}
    assert not failed, failed
    fixed = [k for k in KNOWN_MISSES if not results[k]]
    assert not fixed, f"now right, take them off KNOWN_MISSES: {fixed}"
