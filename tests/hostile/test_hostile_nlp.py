"""Long texts, the per-document time budget, and errors reported as they happen (issue #14, 1-3)."""

from __future__ import annotations

import pytest

from newsgraph.engines import local
from newsgraph.ingest import iter_documents
from newsgraph.ingest.base import IngestError, Limits, RawItem
from newsgraph.ingest.budget import BudgetExceeded, time_limit
from newsgraph.model import Document
from newsgraph.nlp.pipeline import annotate
from newsgraph.nlp.sections import sections

PARAGRAPH = (
    "Russian Foreign Minister Sergei Lavrov met Chinese Foreign Minister Wang Yi in Beijing on Monday. "
    "NATO accused Russia of preparing a new offensive, and Germany condemned the strike."
)


def test_sections_cover_the_text_at_paragraph_breaks() -> None:
    text = "\n\n".join(f"Paragraph {i}. " + "word " * 2000 for i in range(120))  # 1.2 million characters
    spans = list(sections(text, 100_000))
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(spans, spans[1:], strict=False))
    assert all(end - start <= 100_000 for start, end in spans)
    assert all(text[start:].startswith("Paragraph") for start, _ in spans)
    # no boundary at all: a hard cut, still covering everything
    assert list(sections("x" * 250, 100)) == [(0, 100), (100, 200), (200, 250)]


def test_a_text_over_the_pipeline_limit_is_analysed_in_sections(nlp) -> None:
    text = "\n\n".join([PARAGRAPH] * 120)
    document = Document(id="long", text=text, published="2023-05-01", language="en")
    short = Document(id="short", text=PARAGRAPH, published="2023-05-01", language="en")
    old = nlp.max_length
    nlp.max_length = 4_000  # stands for spaCy's 1,000,000 (E088), so that the test stays fast
    try:
        done = list(annotate([document, short], nlp))
    finally:
        nlp.max_length = old
    assert [d.id for d in done] == ["long", "short"]
    assert document.mentions and short.mentions
    for m in document.mentions:
        assert text[m.start : m.end] == m.text
    assert max(m.start for m in document.mentions) > len(text) - len(PARAGRAPH)  # the last section too
    for event in document.events:
        assert text[event.evidence.start : event.evidence.end] == event.evidence.text
    assert {a.id for a in document.actors} >= {a.id for a in short.actors}


def test_a_document_over_its_nlp_budget_is_skipped_and_reported(nlp) -> None:
    slow = Document(id="slow", text="\n\n".join([PARAGRAPH] * 40), language="en")
    skipped: list[str] = []
    done = list(annotate([slow], nlp, time_budget=0.001, on_skip=lambda d, why: skipped.append(f"{d.id}: {why}")))
    assert done == []
    assert skipped and "analysis took longer than 0.001s" in skipped[0]
    with pytest.raises(BudgetExceeded):
        list(annotate([slow], nlp, time_budget=0.001))


def test_a_page_over_its_cleaning_budget_is_reported_and_the_batch_goes_on(tmp_path) -> None:
    (tmp_path / "a-big.html").write_text("<html><body>" + "<p>Ministers met in Vienna.</p>" * 60_000 + "</body></html>")
    (tmp_path / "b-small.txt").write_text(PARAGRAPH, "utf-8")
    list(iter_documents([str(tmp_path / "b-small.txt")]))  # first use loads the date and language models
    out = list(iter_documents([str(tmp_path)], Limits(doc_timeout=0.3)))
    assert isinstance(out[0], IngestError) and "cleaning took longer than 0.3s" in out[0].reason
    assert isinstance(out[1], Document)


def test_the_budget_interrupts_a_runaway_regex() -> None:
    import re

    with pytest.raises(BudgetExceeded), time_limit(0.2, "matching"):
        re.match(r"(a*)*b", "a" * 40)  # exponential: never finishes on its own


def test_errors_are_reported_as_they_happen(monkeypatch: pytest.MonkeyPatch) -> None:
    reported: list[str] = []

    def inputs(specs, limits=None):
        yield IngestError("bad-1.txt", "empty input")
        # Asked for the next input: the error before must be out already, not held for its batch.
        assert reported == ["bad-1.txt: empty input"]
        yield RawItem(origin="good.txt", data=PARAGRAPH, kind="text")
        yield IngestError("bad-2.txt", "empty input")
        assert reported[-1] == "bad-2.txt: empty input"

    monkeypatch.setattr(local, "iter_raw", inputs)
    stats = local.run(["x"], batch_size=32, on_error=reported.append)
    assert stats.documents == 1 and len(stats.errors) == 2
