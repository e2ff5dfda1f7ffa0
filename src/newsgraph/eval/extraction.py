"""Article-extraction benchmark (AEB): loader, the benchmark's own metric, and an evaluation run.

The data layout is the one of scrapinghub/article-extraction-benchmark::

    DIR/ground-truth.json        {"<key>": {"articleBody": "...", "url": "..."}, ...}
    DIR/html/<key>.html.gz       the page as it was crawled (UTF-8)

The metric reproduces the benchmark's ``evaluate.py`` (re-implemented here, same semantics):

* tokens are the matches of ``\\w+`` (Unicode, case kept, punctuation and
  whitespace ignored), so paragraph separators do not matter;
* each text becomes the multiset of its 4-token shingles (a text of fewer than
  four tokens is one shorter shingle; an empty text has none);
* per page, TP/FP/FN are the multiset intersection / surplus / deficit of the
  shingle counts, normalised by their sum so that every page weighs the same;
* per-page precision is ``tp / (tp + fp)`` (1.0 when fp == fn == 0, 0.0 when
  tp == fp == 0), recall likewise with fn;
* **precision is the mean of per-page precision over pages with tp + fp > 0,
  recall the mean of per-page recall over pages with tp + fn > 0, and F1 is the
  harmonic mean of those two means** (not the mean of per-page F1);
* accuracy is the share of pages whose token sequence equals the ground truth's;
* the ``*_std`` values are bootstrap standard deviations over resampled pages
  (the benchmark uses 1000 resamples; ours are seeded so they are reproducible).
"""

from __future__ import annotations

import gzip
import json
import random
import re
import statistics
import time
from collections import Counter
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

NGRAM_N = 4
_TOKEN_RE = re.compile(r"\w+", re.UNICODE)

TpFpFn = tuple[float, float, float]


# --------------------------------------------------------------------------- data


def load_benchmark(data_dir: str | Path) -> dict[str, dict[str, Any]]:
    """Read ``DIR/ground-truth.json``; each value gets ``html_path`` (the gzip file) added.

    Raises FileNotFoundError when the ground truth is missing.
    """
    root = Path(data_dir)
    truth_path = root / "ground-truth.json"
    with truth_path.open(encoding="utf-8") as fh:
        truth: dict[str, dict[str, Any]] = json.load(fh)
    out: dict[str, dict[str, Any]] = {}
    for key, item in truth.items():
        entry = dict(item)
        entry.setdefault("articleBody", "")
        entry["html_path"] = root / "html" / f"{key}.html.gz"
        out[key] = entry
    return out


def read_page(path: str | Path) -> str:
    """The HTML of one benchmark page (gzip, UTF-8, as the benchmark's own runners read it)."""
    with gzip.open(path, "rb") as fh:
        data = fh.read()
    return data.decode("utf-8", errors="replace")


# --------------------------------------------------------------------------- metric


def tokenize(text: str | None) -> list[str]:
    return _TOKEN_RE.findall(text or "")


def shingles(text: str | None, n: int = NGRAM_N) -> Counter[tuple[str, ...]]:
    """Multiset of n-token shingles; a text shorter than n tokens is a single (short) shingle."""
    tokens = tokenize(text)
    if not tokens:
        return Counter()
    if len(tokens) < n:
        return Counter([tuple(tokens)])
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def shingle_matching(true: str | None, pred: str | None, n: int = NGRAM_N) -> TpFpFn:
    """Normalised (tp, fp, fn) of one page; the three sum to 1 unless both texts are empty."""
    t = shingles(true, n)
    p = shingles(pred, n)
    tp = float(sum((t & p).values()))
    fp = float(sum((p - t).values()))
    fn = float(sum((t - p).values()))
    total = tp + fp + fn
    if total > 0:
        return tp / total, fp / total, fn / total
    return tp, fp, fn


def page_precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    if tp == fp == 0:
        return 0.0
    return tp / (tp + fp)


def page_recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    if tp == fn == 0:
        return 0.0
    return tp / (tp + fn)


def exact_match(true: str | None, pred: str | None) -> float:
    return float(tokenize(true) == tokenize(pred))


def _summary(tp_fp_fns: list[TpFpFn]) -> dict[str, float]:
    # Per-page P (R) averaged over pages where it is defined; F1 of the averages.
    precisions = [page_precision(*x) for x in tp_fp_fns if x[0] + x[1] > 0]
    recalls = [page_recall(*x) for x in tp_fp_fns if x[0] + x[2] > 0]
    precision = statistics.mean(precisions) if precisions else 0.0
    recall = statistics.mean(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall > 0 else 0.0
    return {"f1": f1, "precision": precision, "recall": recall}


def score(
    ground_truth: Mapping[str, Mapping[str, Any]],
    predictions: Mapping[str, Mapping[str, Any] | str | None],
    n_bootstrap: int = 1000,
    seed: int = 0,
) -> dict[str, Any]:
    """Score ``predictions`` against ``ground_truth`` exactly as the benchmark does.

    Both map key -> ``{"articleBody": str}`` (a prediction may also be a bare
    string or None).  The key sets must be equal, as in the benchmark.  Returns
    ``precision``, ``recall``, ``f1``, ``accuracy``, ``n``, bootstrap ``*_std``
    (when ``n_bootstrap`` > 1) and ``per_page`` {key: {"precision", "recall", "f1"}}.
    """
    if set(ground_truth) != set(predictions):
        missing = sorted(set(ground_truth) - set(predictions))[:3]
        extra = sorted(set(predictions) - set(ground_truth))[:3]
        raise ValueError(f"prediction keys do not match ground truth (missing {missing}, extra {extra})")
    if not ground_truth:
        raise ValueError("empty ground truth")
    keys = list(ground_truth)
    tp_fp_fns: list[TpFpFn] = []
    accuracies: list[float] = []
    per_page: dict[str, dict[str, float]] = {}
    for key in keys:
        true = ground_truth[key].get("articleBody", "") or ""
        pred_item = predictions[key]
        pred = pred_item.get("articleBody", "") if isinstance(pred_item, Mapping) else pred_item
        pred = pred or ""
        m = shingle_matching(true, pred)
        tp_fp_fns.append(m)
        accuracies.append(exact_match(true, pred))
        p, r = page_precision(*m), page_recall(*m)
        per_page[key] = {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}

    out: dict[str, Any] = _summary(tp_fp_fns)
    out["accuracy"] = statistics.mean(accuracies)
    out["n"] = len(keys)
    if n_bootstrap > 1:
        rng = random.Random(seed)
        n = len(tp_fp_fns)
        samples: dict[str, list[float]] = {}
        for _ in range(n_bootstrap):
            idx = [rng.randint(0, n - 1) for _ in range(n)]
            try:
                b = _summary([tp_fp_fns[i] for i in idx])
            except statistics.StatisticsError:  # pragma: no cover - cannot happen with the guards above
                continue
            b["accuracy"] = statistics.mean(accuracies[i] for i in idx)
            for name, value in b.items():
                samples.setdefault(name, []).append(value)
        for name, values in sorted(samples.items()):
            out[f"{name}_std"] = statistics.stdev(values) if len(values) > 1 else 0.0
    out["per_page"] = per_page
    return out


# --------------------------------------------------------------------------- evaluation run


def pipeline_text(html: str, url: str | None = None, origin: str = "<html>") -> str:
    """Our pipeline: main-text extraction, then the cleaner.  Empty string when nothing is found."""
    return _pipeline_texts(html, url, origin)[1]


def _pipeline_texts(html: str, url: str | None, origin: str) -> tuple[str, str]:
    """(extracted text, cleaned text)."""
    from newsgraph.ingest.base import IngestError
    from newsgraph.ingest.clean import clean_text
    from newsgraph.ingest.html import extract_html

    try:
        page = extract_html(html, url=url, origin=origin)
    except IngestError:
        return "", ""
    return page.text, clean_text(page.text, title=page.title, extracted=True).text


def _trafilatura_default(html: str, url: str | None = None, origin: str = "<html>") -> str:
    import trafilatura

    return trafilatura.extract(html, include_comments=False) or ""


def _predict(
    bench: Mapping[str, Mapping[str, Any]],
    pages: Mapping[str, str],
    fn: Callable[[str, str | None, str], str],
) -> tuple[dict[str, dict[str, str]], float]:
    preds: dict[str, dict[str, str]] = {}
    t0 = time.perf_counter()
    for key, item in bench.items():
        preds[key] = {"articleBody": fn(pages[key], item.get("url"), key)}
    return preds, time.perf_counter() - t0


def _headline(scores: Mapping[str, Any]) -> dict[str, Any]:
    return {k: scores[k] for k in ("f1", "precision", "recall", "accuracy", "n")}


def run_extraction_eval(
    data_dir: str | Path,
    predictions_out: str | Path | None = None,
    baseline: bool = False,
    limit: int | None = None,
    n_bootstrap: int = 1000,
    per_page: bool = False,
) -> dict[str, Any]:
    """Extract every benchmark page with our pipeline and score it; prints nothing.

    ``predictions_out`` writes ``{"<key>": {"articleBody": "..."}}``.  With
    ``baseline`` the same pages are also run through bare
    ``trafilatura.extract(html, include_comments=False)`` (the benchmark's own
    trafilatura runner) and scored under ``"baseline_trafilatura"``.  The
    score of the extraction before cleaning is under ``"extract_html_only"``.  ``limit``
    takes the first N pages in key order (for quick checks).  ``per_page``
    keeps the per-page precision/recall/F1 (``"per_page"``) in the result.
    """
    bench = load_benchmark(data_dir)
    keys = sorted(bench)
    if limit is not None:
        keys = keys[:limit]
    bench = {k: bench[k] for k in keys}
    pages = {k: read_page(bench[k]["html_path"]) for k in keys}

    both: dict[str, tuple[str, str]] = {}
    t0 = time.perf_counter()
    for key in keys:
        both[key] = _pipeline_texts(pages[key], bench[key].get("url"), key)
    seconds = time.perf_counter() - t0
    preds = {key: {"articleBody": both[key][1]} for key in keys}
    result = score(bench, preds, n_bootstrap=n_bootstrap)
    # The same extractions before the cleaner: what extract_html alone scores.
    extracted = {key: {"articleBody": both[key][0]} for key in keys}
    result["extract_html_only"] = _headline(score(bench, extracted, n_bootstrap=0))
    if not per_page:
        result.pop("per_page")
    result["seconds"] = round(seconds, 3)
    result["data"] = str(data_dir)
    result["pipeline"] = "newsgraph.ingest.html.extract_html + newsgraph.ingest.clean.clean_text"
    if predictions_out is not None:
        out = Path(predictions_out)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(preds, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8")
        result["predictions"] = str(out)
    if baseline:
        base_preds, base_seconds = _predict(bench, pages, _trafilatura_default)
        base = score(bench, base_preds, n_bootstrap=n_bootstrap)
        base.pop("per_page", None)
        base["seconds"] = round(base_seconds, 3)
        result["baseline_trafilatura"] = base
    return result
