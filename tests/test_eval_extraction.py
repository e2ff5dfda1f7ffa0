"""The article-extraction benchmark's metric and evaluation run (newsgraph.eval.extraction)."""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

import pytest

from newsgraph.eval.extraction import load_benchmark, run_extraction_eval, score, shingle_matching


def gt(*bodies: str) -> dict[str, dict[str, str]]:
    return {str(i): {"articleBody": b} for i, b in enumerate(bodies)}


def test_identical_is_perfect() -> None:
    text = "The ceasefire took effect at midnight, both sides said on Sunday."
    s = score(gt(text), gt(text))
    assert (s["precision"], s["recall"], s["f1"], s["accuracy"], s["n"]) == (1.0, 1.0, 1.0, 1.0, 1)


def test_disjoint_is_zero() -> None:
    s = score(gt("alpha beta gamma delta"), gt("one two three four"), n_bootstrap=0)
    assert (s["precision"], s["recall"], s["f1"], s["accuracy"]) == (0.0, 0.0, 0.0, 0.0)


def test_partial_overlap_single_page() -> None:
    # truth shingles: (w1 w2 w3 w4) (w2 w3 w4 w5) (w3 w4 w5 w6); prediction: (w1 w2 w3 w4) (w2 w3 w4 x)
    # tp=1 fp=1 fn=2, normalised by 4 -> P = 1/2, R = 1/3, F1 = 2PR/(P+R) = 0.4
    assert shingle_matching("w1 w2 w3 w4 w5 w6", "w1 w2 w3 w4 x") == (0.25, 0.25, 0.5)
    s = score(gt("w1 w2 w3 w4 w5 w6"), gt("w1 w2 w3 w4 x"), n_bootstrap=0)
    assert s["precision"] == pytest.approx(0.5)
    assert s["recall"] == pytest.approx(1 / 3)
    assert s["f1"] == pytest.approx(0.4)
    assert s["accuracy"] == 0.0


def test_summary_is_f1_of_mean_precision_and_mean_recall() -> None:
    # page 0 perfect, page 1 P=1/2 R=1/3: P = 3/4, R = 2/3, F1 = 2*(3/4)*(2/3)/(3/4+2/3) = 12/17,
    # not the mean of the per-page F1 values (0.7).
    truth = gt("a b c d e f", "w1 w2 w3 w4 w5 w6")
    pred = gt("a b c d e f", "w1 w2 w3 w4 x")
    s = score(truth, pred, n_bootstrap=0)
    assert s["precision"] == pytest.approx(0.75)
    assert s["recall"] == pytest.approx(2 / 3)
    assert s["f1"] == pytest.approx(12 / 17)
    assert s["accuracy"] == pytest.approx(0.5)
    assert s["per_page"]["1"]["f1"] == pytest.approx(0.4)


def test_empty_prediction_counts_for_recall_only() -> None:
    # An empty prediction has no precision (tp + fp = 0, skipped) and recall 0.
    s = score(gt("a b c d e", "f g h i j"), gt("a b c d e", ""), n_bootstrap=0)
    assert s["precision"] == 1.0
    assert s["recall"] == 0.5
    assert s["f1"] == pytest.approx(2 / 3)


def test_tokens_ignore_punctuation_and_spacing_but_not_case() -> None:
    truth = gt("Hello, world! The talks -- in Geneva -- ended.")
    assert score(truth, gt("Hello world\n\nThe talks in Geneva ended"))["accuracy"] == 1.0
    assert score(truth, gt("hello world the talks in geneva ended"), n_bootstrap=0)["f1"] == 0.0


def test_short_texts_are_one_shingle() -> None:
    assert shingle_matching("Breaking news", "Breaking news") == (1.0, 0.0, 0.0)
    assert shingle_matching("Breaking news", "Breaking news today") == (0.0, 0.5, 0.5)
    assert shingle_matching("", "") == (0.0, 0.0, 0.0)


def test_repeated_shingles_are_counted() -> None:
    # truth has (a b c d) twice among 5 shingles; the prediction has it once: tp=1 fn=4.
    tp, fp, fn = shingle_matching("a b c d a b c d", "a b c d")
    assert (tp, fp, fn) == pytest.approx((0.2, 0.0, 0.8))


def test_keys_must_match() -> None:
    with pytest.raises(ValueError, match="do not match"):
        score(gt("a b c d"), {"other": {"articleBody": "a b c d"}})


def test_bare_string_predictions_and_bootstrap() -> None:
    s = score(gt("a b c d e", "f g h i j"), {"0": "a b c d e", "1": None}, n_bootstrap=50)
    assert s["recall"] == 0.5
    for key in ("f1_std", "precision_std", "recall_std", "accuracy_std"):
        assert key in s and s[key] >= 0.0


def _write_benchmark(root: Path, pages: dict[str, tuple[str, str]]) -> None:
    (root / "html").mkdir(parents=True)
    truth = {}
    for key, (html, body) in pages.items():
        with gzip.open(root / "html" / f"{key}.html.gz", "wb") as fh:
            fh.write(html.encode("utf-8"))
        truth[key] = {"articleBody": body, "url": f"https://example.org/{key}"}
    (root / "ground-truth.json").write_text(json.dumps(truth), encoding="utf-8")


ARTICLE = [
    "Talks between the two delegations resumed in Geneva on Monday after a three-week pause, "
    "diplomats from both sides confirmed to reporters outside the venue.",
    "The agenda includes prisoner exchanges, the reopening of two border crossings and a "
    "timetable for the withdrawal of heavy weapons from the contact line.",
    "A United Nations envoy said she expected the first results before the end of the month, "
    "but warned that the hardest questions had been left for later.",
]


def _html(paragraphs: list[str]) -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        "<html><head><title>Geneva talks resume</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<article><h1>Geneva talks resume</h1>{body}</article>"
        "<footer>Copyright Example Media</footer></body></html>"
    )


def test_load_benchmark(tmp_path: Path) -> None:
    _write_benchmark(tmp_path, {"k1": (_html(ARTICLE), "\n\n".join(ARTICLE))})
    bench = load_benchmark(tmp_path)
    assert list(bench) == ["k1"]
    assert bench["k1"]["url"] == "https://example.org/k1"
    assert bench["k1"]["html_path"] == tmp_path / "html" / "k1.html.gz"


def test_run_extraction_eval_on_a_tiny_benchmark(tmp_path: Path) -> None:
    data = tmp_path / "aeb"
    _write_benchmark(
        data,
        {
            "good": (_html(ARTICLE), "\n\n".join(ARTICLE)),
            "empty": ("<html><body><nav><a href='/'>Home</a></nav></body></html>", "Some text we cannot find"),
        },
    )
    out = tmp_path / "preds.json"
    result = run_extraction_eval(data, predictions_out=out, baseline=True, per_page=True)
    assert result["n"] == 2
    assert result["per_page"]["good"]["f1"] == 1.0
    assert result["per_page"]["empty"]["recall"] == 0.0
    assert result["recall"] == 0.5
    preds = json.loads(out.read_text(encoding="utf-8"))
    assert set(preds) == {"good", "empty"}
    assert preds["empty"] == {"articleBody": ""}
    assert "Geneva talks resume" not in preds["good"]["articleBody"]
    assert result["baseline_trafilatura"]["n"] == 2
    assert result["extract_html_only"]["n"] == 2


def _aeb_dev() -> Path:
    env = os.environ.get("NEWSGRAPH_SHARED")
    shared = Path(env) if env else Path(__file__).resolve().parents[1] / ".." / "shared"
    return shared / "eval" / "aeb-dev"


@pytest.mark.slow
def test_eval_on_five_dev_pages() -> None:
    data = _aeb_dev()
    if not (data / "ground-truth.json").is_file():
        pytest.skip("../shared/eval/aeb-dev not found (set NEWSGRAPH_SHARED to the shared data folder)")
    result = run_extraction_eval(data, limit=5, n_bootstrap=0)
    assert result["n"] == 5
    assert result["f1"] > 0.9
    assert 0.0 <= result["accuracy"] <= 1.0
