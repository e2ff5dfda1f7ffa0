"""The attribution evaluation: brat parsing, PolNeAR layout, span matching and scores."""

from __future__ import annotations

import json

import pytest

from newsgraph.eval.attribution import (
    jaccard,
    load_polnear,
    parse_ann,
    predict_regex,
    run_attribution_eval,
    same_source,
    score,
)

TEXT = (
    "Officials met on Monday.\n"  # 0-24
    "“We will surely win this,” Smith said. “They lose.”\n"
    "Jones said the plan was dead, and nobody disagreed.\n"
)
# offsets computed from the text, so the example stays right if it is edited
Q1 = (TEXT.index("“We"), TEXT.index("this,”") + len("this,”"))
Q2 = (TEXT.index("“They"), TEXT.index("lose.”") + len("lose.”"))
SMITH = (TEXT.index("Smith"), TEXT.index("Smith") + 5)
SAID1 = (TEXT.index("said"), TEXT.index("said") + 4)
JONES = (TEXT.index("Jones"), TEXT.index("Jones") + 5)
SAID2 = (TEXT.index("said", JONES[1]), TEXT.index("said", JONES[1]) + 4)
PLAN = (TEXT.index("the plan"), TEXT.index("dead") + 4)

ANN = "\n".join(
    [
        f"T1\tSource {SMITH[0]} {SMITH[1]}\tSmith",
        f"T2\tCue {SAID1[0]} {SAID1[1]}\tsaid",
        f"T3\tContent {Q1[0]} {Q1[1]};{Q2[0]} {Q2[1]}\t{TEXT[Q1[0] : Q1[1]]} {TEXT[Q2[0] : Q2[1]]}",
        f"T4\tAttribution {SAID1[0]} {SAID1[1]}\tsaid",
        "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1",
        f"T5\tCue {SAID2[0]} {SAID2[1]}\tsaid",
        f"T6\tContent {PLAN[0]} {PLAN[1]}\tthe plan was dead",
        f"T7\tAttribution-no-source {SAID2[0]} {SAID2[1]}\tsaid",
        "E2\tAttribution-no-source:T7 Content:T6 Cue:T5",
        "T8\tDiscuss 0 9\tOfficials",
    ]
)


@pytest.fixture
def polnear_dir(tmp_path):
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "doc1.txt").write_text(TEXT, "utf-8")
    (tmp_path / "attributions" / "doc1_ab12.ann").write_text(ANN, "utf-8")
    # a second annotator of the same text: the first file in name order is the gold
    (tmp_path / "attributions" / "doc1_ff99.ann").write_text("", "utf-8")
    return tmp_path


def test_parse_ann_reads_fragments_and_sourceless_attributions():
    gold = parse_ann(ANN)
    assert len(gold) == 2
    assert gold[0]["content"] == [Q1, Q2]
    assert gold[0]["source"] == [SMITH] and gold[0]["cue"] == [SAID1]
    assert gold[1]["source"] is None and gold[1]["content"] == [PLAN]


def test_load_polnear_layout(polnear_dir):
    (article,) = load_polnear(polnear_dir)
    assert article["name"] == "doc1.txt" and article["annotation"] == "doc1_ab12.ann"
    assert len(article["gold"]) == 2


def test_jaccard_on_fragments():
    assert jaccard([(0, 10)], [(0, 10)]) == 1.0
    assert jaccard([(0, 10), (20, 30)], [(0, 10)]) == 0.5
    assert jaccard([(0, 10)], [(10, 20)]) == 0.0
    assert jaccard([(0, 10), (20, 30)], [(0, 30)]) == pytest.approx(20 / 30)


def test_same_source():
    assert same_source(None, None)
    assert not same_source([(0, 5)], None)
    assert same_source([(0, 40)], [(0, 10)])  # "Rep. X" inside "Rep. X (D-N.C.), head of ..."
    assert not same_source([(0, 10)], [(8, 30)])


def test_score_counts_content_direct_and_speaker(polnear_dir):
    articles = load_polnear(polnear_dir)
    predictions = {
        "doc1.txt": [
            # the quotation without its second piece: Jaccard 26/38 with the two-piece gold, a match
            {"source": list(SMITH), "cue": list(SAID1), "content": list(Q1)},
            # reported speech, one word short: still a match (Jaccard >= 0.5), no direct quotation
            {"source": list(JONES), "cue": list(SAID2), "content": [PLAN[0], PLAN[1] - 5]},
            # nothing of the gold
            {"source": None, "cue": [0, 9], "content": [0, 23]},
        ]
    }
    result = score(articles, predictions)
    assert result["gold"] == 2 and result["predicted"] == 3
    assert result["content_recall"] == 1.0 and result["content_precision"] == pytest.approx(2 / 3)
    assert result["content_f1"] == pytest.approx(0.8)
    assert result["direct_gold"] == 1 and result["direct_predicted"] == 1 and result["direct_f1"] == 1.0
    assert result["speaker_matched"] == 1 and result["speaker_accuracy"] == 1.0
    # a wrong speaker on the matched quotation
    predictions["doc1.txt"][0]["source"] = list(JONES)
    assert score(articles, predictions)["speaker_accuracy"] == 0.0
    # fragments, when given, are what is compared
    predictions["doc1.txt"][0]["fragments"] = [list(Q1), list(Q2)]
    predictions["doc1.txt"][0]["content"] = [0, len(TEXT)]
    assert score(articles, predictions)["direct_f1"] == 1.0


def test_regex_baseline():
    text = '"We will surely win this," Smith said. "Short one," he said.'
    (pred,) = predict_regex([{"name": "x", "text": text}])["x"]  # quotations under four words are left out
    assert text[pred["content"][0] : pred["content"][1]] == '"We will surely win this,"'
    assert text[pred["source"][0] : pred["source"][1]].strip() == "Smith"


def test_run_on_the_tiny_example(polnear_dir, nlp, tmp_path):
    out = tmp_path / "pred.json"
    result = run_attribution_eval(polnear_dir, predictions_out=out, nlp=nlp)
    assert result["articles"] == 1 and result["gold"] == 2
    assert result["direct_f1"] == 1.0 and result["speaker_accuracy"] == 1.0
    assert result["content_recall"] == 1.0
    assert result["timing"]["statements_s"] >= 0
    written = json.loads(out.read_text("utf-8"))
    assert set(written) == {"doc1.txt"}
    assert all(set(p) >= {"source", "cue", "content"} for p in written["doc1.txt"])


def test_dev_sample_scores(shared, nlp):
    """A regression guard on ten dev articles (the full figures are in docs/BENCHMARKS.md)."""
    from newsgraph.eval.attribution import predict

    articles = load_polnear(shared("eval", "polnear-dev"))[:10]
    result = score(articles, predict(articles, nlp))
    assert result["content_f1"] >= 0.55
    assert result["direct_f1"] >= 0.8
    assert result["speaker_accuracy"] >= 0.85


@pytest.mark.parametrize("style", ["straight", "curly", "doubled", "latex"])
def test_restyled_quotes_keep_the_gold_on_the_same_words(style):
    from newsgraph.eval.attribution import restyle_article, restyle_quotes

    text = "He said \"We won,\" and then “We lost.” (''Maybe'') ok"
    new, pos = restyle_quotes(text, style)
    assert len(pos) == len(text) + 1 and pos[-1] == len(new)
    start = text.index("“")
    end = text.index("”") + 1
    article = {"name": "a", "text": text, "gold": [{"source": [(0, 2)], "cue": [(3, 7)], "content": [(start, end)]}]}
    moved = restyle_article(article, style)
    (s, e) = moved["gold"][0]["content"][0]
    assert moved["text"][s:e].strip("\"“”'`") == "We lost."
    assert moved["text"][0:2] == "He"
    opening = {"straight": '"', "curly": "“", "doubled": "''", "latex": "``"}[style]
    assert moved["text"][s:].startswith(opening)


def test_restyle_rejects_an_unknown_style():
    from newsgraph.eval.attribution import restyle_quotes

    with pytest.raises(ValueError):
        restyle_quotes("x", "fancy")
