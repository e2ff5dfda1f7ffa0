"""Blind attribution cases (tests/data/attribution_blind.yaml), written before any PolNeAR error
was read, scored with the benchmark's own rules (content Jaccard >= 0.5, source half inside)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from newsgraph.eval.attribution import _frags, jaccard, same_source

CASES = yaml.safe_load((Path(__file__).parent / "data" / "attribution_blind.yaml").read_text("utf-8"))
# cases the stage still gets wrong (kept visible, not hidden): id -> why
KNOWN_MISSES: dict[str, str] = {}


def _find(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return start, start + len(part)


def check_case(text: str, attributions: list[dict], case: dict) -> list[str]:
    """What the stage got wrong on one case (empty when it is all right)."""
    if case.get("none"):
        return [f"unexpected {text[a['content'][0] : a['content'][1]]!r}" for a in attributions]
    wrong = []
    for want in case["attributions"]:
        parts = want["content"] if isinstance(want["content"], list) else [want["content"]]
        gold = sorted(_find(text, p) for p in parts)
        best = max(attributions, key=lambda a: jaccard(gold, _frags(a["fragments"] or a["content"])), default=None)
        if best is None or jaccard(gold, _frags(best["fragments"] or best["content"])) < 0.5:
            got = [text[a["content"][0] : a["content"][1]] for a in attributions]
            wrong.append(f"no content matching {want['content']!r} (got {got})")
            continue
        if "source" in want:
            gold_src = [_find(text, want["source"])] if want["source"] else None
            if not same_source(gold_src, _frags(best["source"])):
                got = text[best["source"][0] : best["source"][1]] if best["source"] else None
                wrong.append(f"{want['content']!r}: source {got!r}, want {want['source']!r}")
    return wrong


def run_cases(nlp) -> dict[str, list[str]]:
    out = {}
    for case in CASES:
        doc = nlp.make_doc(case["text"])
        doc._.published = None
        doc = nlp(doc)
        out[case["id"]] = check_case(case["text"], [a.to_dict() for a in doc._.attributions or []], case)
    return out


def test_case_file_is_well_formed() -> None:
    ids = [c["id"] for c in CASES]
    assert len(ids) == len(set(ids)) and len(ids) >= 15
    for c in CASES:
        assert set(c) <= {"id", "text", "attributions", "none"}, c["id"]
        for want in c.get("attributions") or []:
            for part in want["content"] if isinstance(want["content"], list) else [want["content"]]:
                assert part in c["text"], (c["id"], part)
    assert set(KNOWN_MISSES) <= set(ids)


def test_checker_rejects_a_wrong_content() -> None:
    case = CASES[1]
    text = case["text"]
    assert check_case(text, [{"content": [0, 5], "fragments": [], "source": None}], case)


@pytest.mark.slow
def test_blind_cases(nlp) -> None:
    results = run_cases(nlp)
    failed = {k: v for k, v in results.items() if v and k not in KNOWN_MISSES}
    assert not failed, failed
    fixed = [k for k in KNOWN_MISSES if not results[k]]
    assert not fixed, f"now right, take them off KNOWN_MISSES: {fixed}"
