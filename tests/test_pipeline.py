import pytest

from newsgraph.model import Document
from newsgraph.nlp.pipeline import ModelNotFound, annotate, load_pipeline


def test_pipeline_has_the_stages(nlp):
    from newsgraph.nlp.pipeline import STAGES

    assert nlp.pipe_names[-len(STAGES) :] == list(STAGES)
    assert nlp.pipe_names.index("newsgraph_actors") < nlp.pipe_names.index("newsgraph_events")
    assert "ner" in nlp.pipe_names


def test_annotate_keeps_order_and_skips_other_languages(nlp):
    docs = [
        Document(id="a", text="NATO officials met in Brussels on Monday.", language="en", published="2023-01-01"),
        Document(id="b", text="Die NATO tagte am Montag in Brüssel.", language="de"),
        Document(id="c", text="Vladimir Putin spoke to reporters.", language="en"),
    ]
    out = list(annotate(docs, nlp))
    assert [d.id for d in out] == ["a", "b", "c"]
    assert any(m.text == "NATO" for m in out[0].mentions)
    assert out[1].mentions == []  # English-only stages skipped
    for d in (out[0], out[2]):
        for m in d.mentions:
            assert d.text[m.start : m.end] == m.text


def test_unknown_model_is_a_clear_error():
    with pytest.raises(ModelNotFound, match="no_such_pipeline"):
        load_pipeline("no_such_pipeline")
