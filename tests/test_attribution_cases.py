"""Blind attribution cases (tests/data/attribution_blind.yaml), written before any PolNeAR error
was read, scored with the benchmark's own rules (content Jaccard >= 0.5, source half inside)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from newsgraph.eval.attribution import _frags, jaccard, same_source

CASES = yaml.safe_load((Path(__file__).parent / "data" / "attribution_blind.yaml").read_text("utf-8"))
# cases the stage still gets wrong (kept visible, not hidden): id -> why
KNOWN_MISSES: dict[str, str] = {}


def _find(text: str, part: str) -> tuple[int, int]:
    """The first occurrence of ``part`` as whole words ("he" is not the end of "The")."""
    hit = re.search(r"(?<!\w)" + re.escape(part) + r"(?!\w)", text) if part[:1].isalnum() else None
    start = hit.start() if hit else text.index(part)
    return start, start + len(part)


def check_case(
    text: str,
    attributions: list[dict],
    case: dict,
    speakers: dict[str, list[str]] | None = None,
    statement_spans: dict[str, tuple[int, int]] | None = None,
) -> list[str]:
    """What the stage got wrong on one case (empty when it is all right).

    ``speakers``: statement id -> the words naming its speaker (speaker text, resolved actor name);
    ``statement_spans``: statement id -> its content span (for ``statement_only`` expectations).
    """
    if case.get("none"):
        return [f"unexpected {text[a['content'][0] : a['content'][1]]!r}" for a in attributions]
    wrong = []
    for want in case["attributions"]:
        parts = want["content"] if isinstance(want["content"], list) else [want["content"]]
        gold = sorted(_find(text, p) for p in parts)
        if want.get("statement_only"):
            # words with no cue: a statement of the stage (``statements``: id -> (start, end)), no attribution
            spans = {sid: [se] for sid, se in (statement_spans or {}).items()}
            hit = next((sid for sid, sp in spans.items() if jaccard(gold, sp) >= 0.5), None)
            if hit is None:
                wrong.append(f"no statement matching {want['content']!r}")
            elif not any(want["speaker"].lower() in n.lower() for n in (speakers or {}).get(hit, [])):
                wrong.append(f"{want['content']!r}: speaker {(speakers or {}).get(hit)}, want {want['speaker']!r}")
            continue
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
        if "speaker" in want:
            names = (speakers or {}).get(best.get("statement") or "", [])
            if not any(want["speaker"].lower() in n.lower() for n in names):
                wrong.append(f"{want['content']!r}: speaker {names}, want {want['speaker']!r}")
    return wrong


def run_cases(nlp) -> dict[str, list[str]]:
    out = {}
    for case in CASES:
        doc = nlp.make_doc(case["text"])
        doc._.published = None
        doc = nlp(doc)
        names = {a.id: a.name for a in doc._.actors or []}
        speakers = {
            st.id: [n for n in (st.speaker_text, names.get(st.speaker or "")) if n] for st in doc._.statements or []
        }
        spans = {st.id: (st.start, st.end) for st in doc._.statements or []}
        attributions = [a.to_dict() for a in doc._.attributions or []]
        out[case["id"]] = check_case(case["text"], attributions, case, speakers, spans)
    return out


def test_case_file_is_well_formed() -> None:
    ids = [c["id"] for c in CASES]
    assert len(ids) == len(set(ids)) and len(ids) >= 15
    for c in CASES:
        assert set(c) <= {"id", "text", "attributions", "none"}, c["id"]
        for want in c.get("attributions") or []:
            assert set(want) <= {"content", "source", "speaker", "statement_only"}, c["id"]
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


if __name__ == "__main__":
    from newsgraph.nlp.pipeline import load_pipeline

    res = run_cases(load_pipeline())
    for k, v in res.items():
        print("ok  " if not v else "FAIL", k, "; ".join(v))
    print(sum(not v for v in res.values()), "/", len(res))
