"""The TimeML loader and the time-expression metrics of ``newsgraph.eval.time``."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest

from newsgraph.eval.time import GoldTimex, Predicted, evaluate, load_dir, load_tml, match_spans, run_time_eval


def timex(tid: str, typ: str, value: str, text: str) -> str:
    return f'<TIMEX3 tid="{tid}" type="{typ}" value="{value}">{text}</TIMEX3>'


TML = "\n".join(
    [
        '<?xml version="1.0" ?>',
        '<TimeML xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">',
        "<DOCID>TINY001</DOCID>",
        '<DCT><TIMEX3 tid="t0" type="DATE" value="1998-02-13T14:26:00" functionInDocument="CREATION_TIME">'
        "02/13/1998</TIMEX3></DCT>",
        "<TEXT>",
        f'The talks <EVENT eid="e1" class="OCCURRENCE">ended</EVENT> {timex("t1", "DATE", "1998-02-12", "yesterday")} '
        f"after {timex('t2', 'DURATION', 'P3D', 'three days')}. "
        f'They <EVENT eid="e2" class="OCCURRENCE">resume</EVENT> {timex("t3", "DATE", "1998-W08", "next week")}, '
        f"officials said, and a deal is {timex('t4', 'DATE', 'PRESENT_REF', 'now')} close.",
        "</TEXT>",
        "</TimeML>",
        "",
    ]
)


@pytest.fixture
def tiny(tmp_path):
    (tmp_path / "tiny.tml").write_text(TML, "utf-8")
    return tmp_path


def test_load_tml_text_offsets_and_dct(tiny):
    doc = load_tml(tiny / "tiny.tml")
    text_el = ET.parse(tiny / "tiny.tml").getroot().find("TEXT")
    assert doc.text == "".join(text_el.itertext())
    assert doc.dct == "1998-02-13"
    assert doc.name == "tiny.tml"
    assert [(t.text, t.type, t.value) for t in doc.timexes] == [
        ("yesterday", "DATE", "1998-02-12"),
        ("three days", "DURATION", "P3D"),
        ("next week", "DATE", "1998-W08"),
        ("now", "DATE", "PRESENT_REF"),
    ]
    for t in doc.timexes:
        assert doc.text[t.start : t.end] == t.text
    assert load_dir(tiny)[0].text == doc.text


def test_matching_is_one_to_one_and_relaxed():
    gold = [GoldTimex(0, 5, "", "DATE", ""), GoldTimex(10, 20, "", "DATE", "")]
    # one long prediction over both gold spans pairs with the one it covers most
    assert match_spans(gold, [Predicted(3, 20, "DATE", None)]) == [(1, 0)]
    # a prediction touching no gold span matches nothing; an overlap of one character is enough
    assert match_spans(gold, [Predicted(5, 10, "DATE", None)]) == []
    assert match_spans(gold, [Predicted(4, 6, "DATE", None)]) == [(0, 0)]


def test_scores_of_a_hand_made_prediction(tiny, tmp_path):
    doc = load_tml(tiny / "tiny.tml")
    span = {t.text: (t.start, t.end) for t in doc.timexes}
    officials = doc.text.index("officials")
    pred = [
        Predicted(*span["yesterday"], "DATE", "1998-02-12"),  # right span, right value
        Predicted(span["three days"][0] + 6, span["three days"][1], "DURATION", "PXD"),  # "days": relaxed match
        Predicted(*span["next week"], "DATE", "1998-W09"),  # right span, wrong value
        Predicted(officials, officials + 9, "DATE", None),  # a false positive
    ]  # "now" is missed
    out_file = tmp_path / "pred.json"
    res = evaluate([doc], lambda docs: [pred], predictions_out=out_file)
    assert (res["precision"], res["recall"], res["f1"]) == (0.75, 0.75, 0.75)
    assert res["counts"]["strict_matched"] == 2
    # value accuracy: over the matched gold DATE/TIME expressions (yesterday, next week)
    assert res["value_accuracy"] == 0.5
    assert res["counts"]["value_scored"] == 2
    assert res["per_type"]["DATE"]["recall"] == round(2 / 3, 4)
    assert res["per_type"]["DURATION"]["recall"] == 1.0
    assert res["per_type"]["DURATION"]["value_accuracy"] is None
    assert res["documents"] == 1
    dumped = json.loads(out_file.read_text("utf-8"))
    assert list(dumped) == ["tiny.tml"]
    assert dumped["tiny.tml"][0] == {
        "start": span["yesterday"][0],
        "end": span["yesterday"][1],
        "type": "DATE",
        "value": "1998-02-12",
    }


def test_errors_are_listed(tiny):
    doc = load_tml(tiny / "tiny.tml")
    errors: list[dict] = []
    evaluate([doc], lambda docs: [[]], errors=errors)
    assert sorted(e["gold"][0] for e in errors if e["kind"] == "missed") == [
        "next week",
        "now",
        "three days",
        "yesterday",
    ]


def test_no_tml_files_is_an_error(tmp_path):
    with pytest.raises(FileNotFoundError):
        run_time_eval(tmp_path)


@pytest.mark.slow
def test_run_time_eval_on_the_tiny_file(tiny, tmp_path):
    out_file = tmp_path / "pred.json"
    res = run_time_eval(tiny, predictions_out=out_file)
    assert res["recall"] == 1.0
    assert res["precision"] == 1.0
    assert res["value_accuracy"] == 1.0
    assert res["per_type"]["DURATION"]["type_accuracy"] == 1.0
    assert json.loads(out_file.read_text("utf-8"))["tiny.tml"]


@pytest.mark.slow
def test_timebank_dev_figures(shared):
    """A regression floor under the dev figures reported in docs/BENCHMARKS.md (F1 0.947, value 0.889)."""
    res = run_time_eval(shared("eval", "timebank-dev"))
    assert res["documents"] == 183
    assert res["f1"] >= 0.93
    assert res["value_accuracy"] >= 0.87


def test_halves_score_the_documents_at_even_and_odd_positions(tiny):
    from newsgraph.eval.metrics import select_half

    doc = load_tml(tiny / "tiny.tml")
    empty = load_tml(tiny / "tiny.tml")
    empty.name, empty.timexes = "z.tml", []
    res = evaluate([doc, empty], lambda docs: [[] for _ in docs])
    assert res["halves"]["even"]["recall"] == 0.0 and res["halves"]["odd"]["recall"] == 0.0
    assert res["counts"]["gold"] == len(doc.timexes)
    assert select_half([0, 1, 2, 3, 4], "even") == [0, 2, 4]
    assert select_half([0, 1, 2, 3, 4], "odd") == [1, 3]
    assert select_half([0, 1], None) == [0, 1]
    with pytest.raises(ValueError):
        select_half([0], "first")


def test_halves_separate_a_perfect_and_an_empty_document(tiny):
    doc = load_tml(tiny / "tiny.tml")
    gold = [Predicted(t.start, t.end, t.type, t.value) for t in doc.timexes]
    res = evaluate([doc, doc], lambda docs: [gold, []])
    assert res["halves"]["even"]["recall"] == 1.0
    assert res["halves"]["odd"]["recall"] == 0.0
