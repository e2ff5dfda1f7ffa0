"""The readable report: what a person sees in a terminal, wide and narrow."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from newsgraph.model import Actor, Document, Mention, Statement
from newsgraph.report import render_document

TEXT = "Russian General Viktor Sobolev said NATO could include Japan and South Korea in the medium term. " * 3


def _document() -> Document:
    doc = Document(id="d1", text=TEXT, paragraphs=[TEXT], title="NATO Wants to Expand to Asia")
    sobolev = Actor(
        id="person:viktor-sobolev",
        name="Viktor Sobolev",
        kind="person",
        country="RUS",
        sector="MIL",
        role="General; member of the Russian Communist Party",
    )
    doc.actors = [sobolev]
    doc.mentions = [Mention(text="Viktor Sobolev", start=16, end=30, label="PERSON", actor_ids=[sobolev.id])]
    doc.statements = [
        Statement(
            id="s1",
            speaker=sobolev.id,
            speaker_text="he",
            cue="said",
            content=TEXT.strip(),
            form="indirect",
            date=None,
            chain=[],
            start=0,
            end=len(TEXT),
        )
    ]
    return doc


def _render(width: int) -> str:
    buf = io.StringIO()
    # soft_wrap as the CLI's console has it: the report must wrap inside its panel all the same
    render_document(_document(), Console(file=buf, width=width, soft_wrap=True, color_system=None))
    return buf.getvalue()


@pytest.mark.parametrize("width", [60, 80, 140])
def test_no_line_is_wider_than_the_terminal(width):
    lines = _render(width).splitlines()
    assert lines and max(len(line) for line in lines) <= width


def test_text_wraps_instead_of_being_cut():
    out = _render(60)
    # the last words of the long statement and paragraph reach the screen
    assert out.count("medium") >= 4


def test_narrow_report_keeps_names_whole_and_leaves_ids_to_json():
    narrow, wide = _render(70), _render(140)
    assert "Viktor Sobolev" in narrow and "RUS/MIL" in narrow
    assert "person:viktor-sobolev" not in narrow and "person:viktor-sobolev" in wide


def test_statement_names_the_resolved_speaker_not_the_pronoun():
    assert "Viktor Sobolev said (indirect" in _render(100)
