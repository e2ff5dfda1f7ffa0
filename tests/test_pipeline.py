import pytest

from newsgraph.nlp.mentions import MentionCollector
from newsgraph.nlp.pipeline import ModelNotFound, load_pipeline


def test_mentions_component_on_a_doc(nlp):
    assert "newsgraph_mentions" in nlp.pipe_names
    doc = nlp("Russian President Vladimir Putin met officials of NATO in Moscow on Tuesday.")
    got = {(m.text, m.label) for m in doc._.mentions}
    assert ("Vladimir Putin", "PERSON") in got and ("NATO", "ORG") in got
    for m in doc._.mentions:
        assert doc.text[m.start : m.end] == m.text
    assert not any(m.label == "DATE" for m in doc._.mentions)


def test_mentions_component_is_configurable(nlp):
    collector = MentionCollector(nlp, "only_people", labels=["PERSON"])
    doc = collector(nlp("Vladimir Putin visited China."))
    assert [m.label for m in doc._.mentions] == ["PERSON"]


def test_unknown_model_is_a_clear_error():
    with pytest.raises(ModelNotFound, match="no_such_pipeline"):
        load_pipeline("no_such_pipeline")
