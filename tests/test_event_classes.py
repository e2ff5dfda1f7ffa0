"""Issue #10's open event classes, checked on blind cases written before any dev error was read
(``tests/data/event_cases_blind2.jsonl``): senses without political arguments (frame), passive and
nominal events, event dates and background, and places in locatives (where, not whom).

Each case lists the events a reader codes (types a careful coder could defend, source country or
null for none, target countries or null when not checked, modality, date prefix) and the types that
must not appear at all."""

import json
from pathlib import Path

import pytest

from newsgraph.model import Document
from newsgraph.nlp.pipeline import annotate

CASES = [json.loads(line) for line in (Path(__file__).parent / "data" / "event_cases_blind2.jsonl").open()]


def _codes(doc, ids):
    actors = {a.id: a for a in doc.actors}
    out = set()
    for i in ids:
        a = actors.get(i)
        if a is None:
            continue
        out.add("IGO" if a.kind == "igo" or a.country in ("UNO", "EUR", "IGO") else a.country or "---")
    return out


def _event_right(doc, gold) -> bool:
    for e in doc.events:
        if not {e.type, e.plover_type} & set(gold["type"]):
            continue
        source = _codes(doc, e.source)
        if gold["source"] is None:
            if source - {"---"}:
                continue
        elif gold["source"] not in source:
            continue
        if gold["target"] is not None and _codes(doc, e.target) != set(gold["target"]):
            continue
        modality = "background" if e.background else e.modality
        if modality != gold["modality"]:
            continue
        if "date" in gold and not (e.date and e.date.value.startswith(gold["date"])):
            continue
        return True
    return False


def case_right(doc, case) -> bool:
    """Every gold event found, and no event of an absent type."""
    if any({e.type, e.plover_type} & set(case.get("absent", [])) for e in doc.events):
        return False
    return all(_event_right(doc, g) for g in case["events"])


def run_cases(nlp, cases=CASES):
    batch = [
        Document(id=str(i), text=c["text"], published=c.get("published", "2024-03-05"), language="en")
        for i, c in enumerate(cases)
    ]
    return [(c, d, case_right(d, c)) for c, d in zip(cases, annotate(batch, nlp), strict=True)]


@pytest.fixture(scope="module")
def results(nlp):
    return run_cases(nlp)


@pytest.mark.parametrize(
    "klass,floor",
    # first run (before any change): frame 5/10, passive 7/10, date 8/10, locative 7/10
    [("frame", 7), ("passive", 4), ("date", 1), ("locative", 6)],
)
def test_blind_classes_floor(results, klass, floor):
    right = [c["text"] for c, _d, ok in results if c["class"] == klass and ok]
    assert len(right) >= floor, right
