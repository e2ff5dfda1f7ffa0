"""Attribution (who said what) against PolNeAR's brat annotations.

Layout (PolNeAR's): ``DIR/text/<name>.txt`` and ``DIR/attributions/<name>_<annotator>.ann``
(brat standoff; a file named ``<name>.ann`` is read too).  An attribution is an
event ``E<n>  Attribution:T<a> Cue:T<c> Source:T<s> Content:T<t>`` (or
``Attribution-no-source``, without a source) over text-bound entities
``T<n>  Content 315 448;463 553  <text>``, whose spans may be discontinuous (brat
fragments ``start end;start end``).  A text annotated by several annotators is
scored against the first annotation file in name order (one gold per article).

Predictions (``--predictions-out``) are JSON ``{"<text file name>": [{"source": [start, end] |
null, "cue": [start, end], "content": [start, end]}]}``, character offsets into the ``.txt``.
Ours come from running the whole pipeline on each text (document date unknown) and
reading ``doc._.attributions``.

Scores:

* ``content_*``: precision, recall and F1 of content spans; a prediction matches a gold
  content when their character sets (a discontinuous gold span is the union of its
  fragments) have a Jaccard index of at least 0.5; matching is one-to-one, best pairs first.
* ``direct_*``: the same, restricted to the gold contents that open with a quotation mark
  and to the predicted contents that do.
* ``speaker_accuracy``: over the matched direct quotations, the share whose source is
  right: both absent, or the shorter of the two source spans lies at least half inside
  the other.
* ``halves``: the same scores on the even- and odd-numbered articles (in name order),
  to see how much they move between halves of the data.
* ``--marks STYLE`` (:func:`restyle_quotes`): the same articles with every double quotation mark
  rewritten in one style, the gold moved along, to check the quotation rules against other outlets'
  typing.
* ``baseline_regex``: a regular-expression quotation finder on the same articles
  (quotations of four words or more, speaker from an adjacent "X said" / "said X").
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path
from typing import Any

from newsgraph.eval.metrics import greedy_pairs, prf, select_half

QUOTE_OPENERS = "\"“”‘'`«„"
Span = list[tuple[int, int]]  # fragments, sorted


# --------------------------------------------------------------------------- gold


def parse_ann(text: str) -> list[dict[str, Any]]:
    """The attributions of one brat ``.ann`` file: ``{"source", "cue", "content"}``, each a list of
    ``(start, end)`` fragments or None."""
    entities: dict[str, Span] = {}
    events: list[dict[str, str]] = []
    for line in text.splitlines():
        if not line.strip():
            continue
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            head = parts[1].split(" ", 1)
            if len(head) < 2:
                continue
            frags = []
            for frag in head[1].split(";"):
                nums = frag.split()
                if len(nums) == 2 and nums[0].isdigit() and nums[1].isdigit():
                    frags.append((int(nums[0]), int(nums[1])))
            entities[parts[0]] = sorted(frags)
        elif line.startswith("E") and len(parts) >= 2:
            args = {}
            for arg in parts[1].split():
                if ":" in arg:
                    role, ref = arg.split(":", 1)
                    args[re.sub(r"\d+$", "", role)] = ref
            events.append(args)
    out = []
    for args in events:
        content = entities.get(args.get("Content", ""))
        if not content:
            continue
        out.append(
            {
                "source": entities.get(args.get("Source", "")) or None,
                "cue": entities.get(args.get("Cue", "")) or None,
                "content": content,
            }
        )
    return out


def load_polnear(data_dir: str | Path) -> list[dict[str, Any]]:
    """Articles with gold attributions: ``{"name", "text", "gold", "annotation"}``, in name order."""
    data_dir = Path(data_dir)
    texts = sorted((data_dir / "text").glob("*.txt"))
    anns = sorted((data_dir / "attributions").glob("*.ann"))
    by_stem: dict[str, Path] = {}
    for ann in anns:
        stem = ann.stem
        base = re.sub(r"_[0-9a-f]{4}$", "", stem)
        by_stem.setdefault(stem, ann)
        by_stem.setdefault(base, ann)
    out = []
    for txt in texts:
        ann = by_stem.get(txt.stem)
        if ann is None:
            continue
        out.append(
            {
                "name": txt.name,
                "text": txt.read_text("utf-8"),
                "gold": parse_ann(ann.read_text("utf-8")),
                "annotation": ann.name,
            }
        )
    return out


# --------------------------------------------------------------------------- quotation-mark styles

MARK_STYLES = ("straight", "curly", "doubled", "latex")
_DOUBLE_MARKS = set('"“”')


def restyle_quotes(text: str, style: str) -> tuple[str, list[int]]:
    """``text`` with every double quotation mark (", “, ”, '' or ``) written in one style, and the
    new offset of each old one (one entry per character, plus the end).

    ``straight`` ", ``curly`` “ ”, ``doubled`` '' (for both, as some wires type them), ``latex``
    `` ''.  Opening or closing is read from the character before the mark (a space, a line start or
    an opening bracket opens).  It checks that the quotation rules do not depend on the marks one
    outlet types: the same articles, the same gold, other marks.
    """
    if style not in MARK_STYLES:
        raise ValueError(f"style must be one of {MARK_STYLES}, not {style!r}")
    out: list[str] = []
    new_pos: list[int] = []
    size = 0
    i = 0
    while i < len(text):
        two = text[i : i + 2]
        width = 2 if two in ("''", "``") else 1 if text[i] in _DOUBLE_MARKS else 0
        if not width:
            new_pos.append(size)
            out.append(text[i])
            size += 1
            i += 1
            continue
        prev = text[i - 1] if i else " "
        opening = two == "``" or text[i] == "“" or (text[i] in "\"'" and (prev.isspace() or prev in "([{—–-/"))
        mark = {"straight": '"', "curly": "“" if opening else "”", "doubled": "''", "latex": "``" if opening else "''"}[
            style
        ]
        for k in range(width):
            new_pos.append(size + min(k, len(mark) - 1))
        out.append(mark)
        size += len(mark)
        i += width
    new_pos.append(size)
    return "".join(out), new_pos


def restyle_article(article: dict[str, Any], style: str) -> dict[str, Any]:
    """An article of :func:`load_polnear` with its quotation marks restyled and its gold moved along."""
    text, pos = restyle_quotes(article["text"], style)

    def move(frags: Span | None) -> Span | None:
        return [(pos[s], pos[e]) for s, e in frags] if frags else frags

    gold = [{key: move(g[key]) for key in ("source", "cue", "content")} for g in article["gold"]]
    return {**article, "text": text, "gold": gold}


# --------------------------------------------------------------------------- predictions


def predict(
    articles: list[dict[str, Any]], nlp: Any = None, batch_size: int = 16, timing: dict[str, float] | None = None
) -> dict[str, list[dict]]:
    """Our attributions for each article (the whole pipeline, document date unknown).

    With ``timing``, the pipeline runs without the statements stage and the stage runs after
    it on each ``Doc``, timed apart: ``pipeline_s`` and ``statements_s`` are written into it.
    """
    if nlp is None:
        from newsgraph.nlp.pipeline import load_pipeline

        nlp = load_pipeline()
    docs = []
    for a in articles:
        doc = nlp.make_doc(a["text"])
        doc._.published = None
        docs.append(doc)
    if timing is None:
        done = list(nlp.pipe(docs, batch_size=batch_size))
    else:
        stage = nlp.get_pipe("newsgraph_statements")
        t0 = time.perf_counter()
        with nlp.select_pipes(disable=["newsgraph_statements"]):
            done = list(nlp.pipe(docs, batch_size=batch_size))
        t1 = time.perf_counter()
        done = [stage(doc) for doc in done]
        t2 = time.perf_counter()
        timing["pipeline_s"] = t1 - t0
        timing["statements_s"] = t2 - t1
    out: dict[str, list[dict]] = {}
    for a, doc in zip(articles, done, strict=True):
        out[a["name"]] = [
            {
                "source": list(x.source) if x.source else None,
                "cue": list(x.cue),
                "content": list(x.content),
                "fragments": [list(f) for f in x.fragments],
            }
            for x in doc._.attributions or []
        ]
    return out


_REGEX_QUOTE = re.compile(r"[\"“]([^\"“”\n]{3,}?)[\"”]")
_REGEX_AFTER = re.compile(
    r"^\s*,?\s*(?:(said|says|told|added)\s+((?:[A-Z][\w.\-']*\s?){1,4})|((?:[A-Z][\w.\-']*\s?){1,4}|he|she|they)\s+(?:said|says|told|added))"
)
_REGEX_BEFORE = re.compile(r"((?:[A-Z][\w.\-']*\s?){1,4}|he|she|they)\s+(?:said|says|told \w+|added)\s*[:,]\s*$")


def predict_regex(articles: list[dict[str, Any]]) -> dict[str, list[dict]]:
    """The baseline: every quotation of four words or more, with an adjacent 'X said' as its speaker."""
    out: dict[str, list[dict]] = {}
    for a in articles:
        text = a["text"]
        found = []
        for m in _REGEX_QUOTE.finditer(text):
            if len(m.group(1).split()) < 4:
                continue
            source = None
            after = _REGEX_AFTER.match(text[m.end() : m.end() + 80])
            if after:
                g = 2 if after.group(2) else 3
                source = [m.end() + after.start(g), m.end() + after.end(g)]
            else:
                before = _REGEX_BEFORE.search(text[max(0, m.start() - 80) : m.start()])
                if before:
                    base = max(0, m.start() - 80)
                    source = [base + before.start(1), base + before.end(1)]
            found.append({"source": source, "cue": [m.start(), m.start()], "content": [m.start(), m.end()]})
        out[a["name"]] = found
    return out


# --------------------------------------------------------------------------- scoring


def _frags(value: Any) -> Span:
    """A prediction's span ([s, e] or [[s, e], ...]) as sorted fragments."""
    if not value:
        return []
    if isinstance(value[0], (list, tuple)):
        return sorted((int(s), int(e)) for s, e in value if int(e) > int(s))
    s, e = int(value[0]), int(value[1])
    return [(s, e)] if e > s else []


def _merge(frags: Span) -> Span:
    out: Span = []
    for s, e in sorted(frags):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def _length(frags: Span) -> int:
    return sum(e - s for s, e in frags)


def _intersection(a: Span, b: Span) -> int:
    total = 0
    i = j = 0
    while i < len(a) and j < len(b):
        lo, hi = max(a[i][0], b[j][0]), min(a[i][1], b[j][1])
        if hi > lo:
            total += hi - lo
        if a[i][1] < b[j][1]:
            i += 1
        else:
            j += 1
    return total


def jaccard(a: Span, b: Span) -> float:
    """Character Jaccard index of two spans given as fragment lists."""
    a, b = _merge(a), _merge(b)
    inter = _intersection(a, b)
    union = _length(a) + _length(b) - inter
    return inter / union if union else 0.0


def same_source(gold: Span | None, pred: Span | None) -> bool:
    """Both absent, or the shorter span lies at least half inside the longer."""
    if not gold and not pred:
        return True
    if not gold or not pred:
        return False
    g, p = _merge(gold), _merge(pred)
    shorter = min(_length(g), _length(p))
    return shorter > 0 and _intersection(g, p) / shorter >= 0.5


def opens_with_quote(text: str, frags: Span) -> bool:
    if not frags:
        return False
    head = text[frags[0][0] : frags[0][1]].lstrip()
    return bool(head) and head[0] in QUOTE_OPENERS


def match(gold: list[Span], pred: list[Span], threshold: float = 0.5) -> list[tuple[int, int]]:
    """One-to-one matches ``(gold index, prediction index)`` at Jaccard >= threshold, best first."""
    pairs = []
    for gi, g in enumerate(gold):
        gm = _merge(g)
        lo, hi = gm[0][0], gm[-1][1]
        for pi, p in enumerate(pred):
            if not p or p[-1][1] <= lo or p[0][0] >= hi:
                continue
            j = jaccard(gm, p)
            if j >= threshold:
                pairs.append((j, gi, pi))
    return greedy_pairs(pairs)


def _prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    return dict(zip(("precision", "recall", "f1"), prf(tp, n_pred, n_gold), strict=True))


def score(articles: list[dict[str, Any]], predictions: dict[str, list[dict]]) -> dict[str, Any]:
    """Content F1, direct-quotation F1 and speaker accuracy of ``predictions`` on ``articles``."""
    counts = {"tp": 0, "gold": 0, "pred": 0, "dq_tp": 0, "dq_gold": 0, "dq_pred": 0, "spk": 0}
    for a in articles:
        text = a["text"]
        gold = a["gold"]
        preds = predictions.get(a["name"], [])
        g_content = [g["content"] for g in gold]
        p_content = [_frags(p.get("fragments") or p.get("content")) for p in preds]
        counts["gold"] += len(g_content)
        counts["pred"] += sum(1 for p in p_content if p)
        counts["tp"] += len(match(g_content, p_content))
        g_dq = [i for i, g in enumerate(g_content) if opens_with_quote(text, g)]
        p_dq = [i for i, p in enumerate(p_content) if opens_with_quote(text, p)]
        dq = match([g_content[i] for i in g_dq], [p_content[i] for i in p_dq])
        counts["dq_gold"] += len(g_dq)
        counts["dq_pred"] += len(p_dq)
        counts["dq_tp"] += len(dq)
        for gi, pi in dq:
            g_src = gold[g_dq[gi]]["source"]
            p_src = _frags(preds[p_dq[pi]].get("source"))
            counts["spk"] += same_source(g_src, p_src)
    content = _prf(counts["tp"], counts["pred"], counts["gold"])
    direct = _prf(counts["dq_tp"], counts["dq_pred"], counts["dq_gold"])
    return {
        "articles": len(articles),
        "gold": counts["gold"],
        "predicted": counts["pred"],
        "content_precision": content["precision"],
        "content_recall": content["recall"],
        "content_f1": content["f1"],
        "direct_gold": counts["dq_gold"],
        "direct_predicted": counts["dq_pred"],
        "direct_precision": direct["precision"],
        "direct_recall": direct["recall"],
        "direct_f1": direct["f1"],
        "speaker_matched": counts["dq_tp"],
        "speaker_accuracy": counts["spk"] / counts["dq_tp"] if counts["dq_tp"] else 0.0,
    }


_HEADLINE_KEYS = ("content_f1", "direct_f1", "speaker_accuracy")


def run_attribution_eval(
    data_dir: str | Path,
    predictions_out: str | Path | None = None,
    nlp: Any = None,
    half: str | None = None,
    marks: str | None = None,
) -> dict[str, Any]:
    """Predict and score every article of a PolNeAR-layout directory.  Prints nothing.

    ``half``: ``even`` or ``odd`` keeps only the articles at those positions (name order).
    ``marks``: rewrite every double quotation mark in one style first (:func:`restyle_quotes`).
    """
    articles = select_half(load_polnear(data_dir), half)
    if marks:
        articles = [restyle_article(a, marks) for a in articles]
    timing: dict[str, float] = {}
    predictions = predict(articles, nlp, timing=timing)
    if predictions_out is not None:
        Path(predictions_out).write_text(json.dumps(predictions, ensure_ascii=False, indent=1), "utf-8")
    result = score(articles, predictions)
    result["halves"] = {
        "even": {k: v for k, v in score(articles[0::2], predictions).items() if k in _HEADLINE_KEYS},
        "odd": {k: v for k, v in score(articles[1::2], predictions).items() if k in _HEADLINE_KEYS},
    }
    baseline = score(articles, predict_regex(articles))
    result["baseline_regex"] = {k: v for k, v in baseline.items() if k in _HEADLINE_KEYS}
    result["timing"] = {
        "pipeline_s": round(timing["pipeline_s"], 3),
        "statements_s": round(timing["statements_s"], 3),
        "overhead": round(timing["statements_s"] / timing["pipeline_s"], 4) if timing["pipeline_s"] else None,
    }
    result["data"] = str(data_dir)
    return result


def main(argv: list[str] | None = None) -> int:
    """``python -m newsgraph.eval.attribution --data DIR [--predictions-out FILE] [--json]``."""
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", required=True, help="PolNeAR layout: DIR/text/*.txt, DIR/attributions/*.ann")
    parser.add_argument("--predictions-out", help="write our predictions here (JSON)")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    parser.add_argument("--half", choices=("even", "odd", "all"), help="only the articles at even/odd positions")
    parser.add_argument("--marks", choices=MARK_STYLES, help="rewrite the double quotation marks in one style first")
    args = parser.parse_args(argv)
    if not (Path(args.data) / "text").is_dir():
        parser.error(f"{args.data}: no text/ directory (expected the PolNeAR layout)")
    scores = run_attribution_eval(args.data, predictions_out=args.predictions_out, half=args.half, marks=args.marks)
    if args.json:
        print(json.dumps(scores, indent=2))
    else:
        for key in ("content_f1", "content_precision", "content_recall", "direct_f1", "speaker_accuracy"):
            print(f"{key:20s} {scores[key]:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
