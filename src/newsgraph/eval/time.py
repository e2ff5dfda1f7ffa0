"""Score the time stage on TimeML (TimeBank / TempEval-3) documents.

A ``.tml`` file holds the story in its ``TEXT`` element, with every temporal
expression marked up as a ``TIMEX3`` (``type``, ``value``, ``mod``) and the
document creation time in ``DCT``.  The text we run on is the ``TEXT``
element's text content as ElementTree gives it (``"".join(elem.itertext())``);
gold spans are character offsets into that text, computed while walking the
tree.  Each document is run through the spaCy pipeline with its DCT (the day)
as the document date.

Metrics (TempEval-3 style):

* **relaxed span** precision / recall / F1: a predicted and a gold span match
  when they overlap; the matching is one-to-one (each gold span pairs with at
  most one prediction, the one with the largest overlap first);
* **value accuracy**: among matched gold ``DATE``/``TIME`` expressions, the
  share whose predicted ``value`` is exactly the gold one;
* **strict span** F1 (same offsets) and **type accuracy** on matched spans, for information;
* the same figures per gold type (``DATE``, ``TIME``, ``DURATION``, ``SET``).
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsgraph.eval.metrics import f1, greedy_pairs, select_half

VALUE_TYPES = ("DATE", "TIME")
TYPES = ("DATE", "TIME", "DURATION", "SET")


@dataclass(slots=True)
class GoldTimex:
    start: int
    end: int
    text: str
    type: str
    value: str
    mod: str | None = None


@dataclass(slots=True)
class TimeMLDoc:
    name: str
    text: str
    dct: str  # YYYY-MM-DD
    timexes: list[GoldTimex] = field(default_factory=list)


@dataclass(slots=True)
class Predicted:
    start: int
    end: int
    type: str | None
    value: str | None

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "type": self.type, "value": self.value}


def load_tml(path: str | Path) -> TimeMLDoc:
    """Read one TimeML file: the ``TEXT`` content, its gold ``TIMEX3`` spans and the DCT day."""
    path = Path(path)
    root = ET.parse(path).getroot()
    dct_el = root.find(".//DCT/TIMEX3")
    dct = (dct_el.get("value") or "")[:10] if dct_el is not None else ""
    text_el = root.find(".//TEXT")
    if text_el is None:
        return TimeMLDoc(path.name, "", dct)
    parts: list[str] = []
    timexes: list[GoldTimex] = []
    pos = 0

    def walk(elem: ET.Element) -> None:
        nonlocal pos
        start = pos
        if elem.text:
            parts.append(elem.text)
            pos += len(elem.text)
        for child in elem:
            walk(child)
            if child.tail:
                parts.append(child.tail)
                pos += len(child.tail)
        if elem.tag == "TIMEX3" and elem is not text_el:
            timexes.append(
                GoldTimex(
                    start,
                    pos,
                    "",
                    elem.get("type") or "",
                    elem.get("value") or "",
                    elem.get("mod"),
                )
            )

    walk(text_el)
    text = "".join(parts)
    for t in timexes:
        t.text = text[t.start : t.end]
    timexes.sort(key=lambda t: t.start)
    return TimeMLDoc(path.name, text, dct, timexes)


def load_dir(data_dir: str | Path) -> list[TimeMLDoc]:
    """Every ``*.tml`` file under ``data_dir``, in name order."""
    return [load_tml(p) for p in sorted(Path(data_dir).rglob("*.tml"))]


def match_spans(gold: list[GoldTimex], pred: list[Predicted]) -> list[tuple[int, int]]:
    """One-to-one relaxed matching: pairs (gold index, predicted index) of overlapping spans.

    Pairs are taken by decreasing overlap, so that a long prediction covering
    two gold spans pairs with the one it covers most.
    """
    cands: list[tuple[float, int, int]] = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            overlap = min(g.end, p.end) - max(g.start, p.start)
            if overlap > 0:
                cands.append((overlap, gi, pi))
    return sorted(greedy_pairs(cands))


@dataclass(slots=True)
class _Tally:
    gold: int = 0
    pred: int = 0
    matched: int = 0
    pred_matched: int = 0  # predictions (of the type they claim) that match a gold span
    strict: int = 0
    type_ok: int = 0
    value_n: int = 0
    value_ok: int = 0

    def add(self, other: _Tally) -> None:
        for name in self.__slots__:
            setattr(self, name, getattr(self, name) + getattr(other, name))


def _ratio(a: int, b: int) -> float:
    return round(a / b, 4) if b else 0.0


def _f1(p: float, r: float) -> float:
    return round(f1(p, r), 4)


def score_document(
    doc: TimeMLDoc, pred: list[Predicted], errors: list[dict[str, Any]] | None = None
) -> dict[str, _Tally]:
    """Tallies for one document: overall (key ``"all"``) and per gold type."""
    tallies = {key: _Tally() for key in ("all", *TYPES)}
    tallies["all"].gold = len(doc.timexes)
    tallies["all"].pred = len(pred)
    for g in doc.timexes:
        tallies.setdefault(g.type, _Tally()).gold += 1
    pairs = match_spans(doc.timexes, pred)
    matched_p = {pi for _, pi in pairs}
    for gi, pi in pairs:
        g, p = doc.timexes[gi], pred[pi]
        tallies["all"].pred_matched += 1
        if p.type in TYPES:
            tallies[p.type].pred_matched += 1
        for key in ("all", g.type):
            t = tallies.setdefault(key, _Tally())
            t.matched += 1
            t.strict += (g.start, g.end) == (p.start, p.end)
            t.type_ok += g.type == p.type
            if g.type in VALUE_TYPES:
                t.value_n += 1
                t.value_ok += g.value == p.value
        if errors is not None and (g.type in VALUE_TYPES and g.value != p.value):
            errors.append(
                {
                    "doc": doc.name,
                    "kind": "value",
                    "dct": doc.dct,
                    "gold": [g.text, g.type, g.value, g.mod],
                    "pred": [doc.text[p.start : p.end], p.type, p.value],
                    "context": _context(doc.text, g.start, g.end),
                }
            )
    # a prediction's type, for the per-type precision: the type it claims
    for pi, p in enumerate(pred):
        if p.type in TYPES:
            tallies[p.type].pred += 1
        if errors is not None and pi not in matched_p:
            errors.append(
                {
                    "doc": doc.name,
                    "kind": "false_positive",
                    "pred": [doc.text[p.start : p.end], p.type, p.value],
                    "context": _context(doc.text, p.start, p.end),
                }
            )
    if errors is not None:
        matched_g = {gi for gi, _ in pairs}
        for gi, g in enumerate(doc.timexes):
            if gi not in matched_g:
                errors.append(
                    {
                        "doc": doc.name,
                        "kind": "missed",
                        "gold": [g.text, g.type, g.value, g.mod],
                        "context": _context(doc.text, g.start, g.end),
                    }
                )
    return tallies


def _context(text: str, start: int, end: int, width: int = 60) -> str:
    left = text[max(0, start - width) : start].replace("\n", " ")
    right = text[end : end + width].replace("\n", " ")
    return f"{left}[[{text[start:end]}]]{right}"


def summarise(tallies: dict[str, _Tally]) -> dict[str, Any]:
    """Figures from tallies: overall, and per gold type (see the module docstring)."""

    def figures(t: _Tally, per_type: bool = False) -> dict[str, Any]:
        p, r = _ratio(t.pred_matched, t.pred), _ratio(t.matched, t.gold)
        out: dict[str, Any] = {"precision": p, "recall": r, "f1": _f1(p, r)}
        if per_type:
            out["strict_recall"] = _ratio(t.strict, t.gold)
        else:
            out["strict_f1"] = _f1(_ratio(t.strict, t.pred), _ratio(t.strict, t.gold))
        out["type_accuracy"] = _ratio(t.type_ok, t.matched)
        out["value_accuracy"] = _ratio(t.value_ok, t.value_n) if t.value_n else None
        out["counts"] = {
            "gold": t.gold,
            "predicted": t.pred,
            "matched": t.matched,
            "predicted_matched": t.pred_matched,
            "strict_matched": t.strict,
            "type_correct": t.type_ok,
            "value_scored": t.value_n,
            "value_correct": t.value_ok,
        }
        return out

    out = figures(tallies["all"])
    # per type: recall over the gold expressions of the type, precision over the predictions
    # claiming the type (a prediction of the wrong type that overlaps a gold span counts as a hit)
    out["per_type"] = {key: figures(tallies.get(key, _Tally()), per_type=True) for key in TYPES}
    return out


Predictor = Callable[[list[TimeMLDoc]], Iterable[list[Predicted]]]


def pipeline_predictor(nlp: Any = None, batch_size: int = 16) -> Predictor:
    """Predictions of the ``newsgraph_times`` component (the pipeline loaded if ``nlp`` is None)."""
    from newsgraph.nlp.times import ensure_times_pipe, times_pipeline, timexes_of

    nlp = ensure_times_pipe(nlp) if nlp is not None else times_pipeline()

    def predict(docs: list[TimeMLDoc]) -> Iterable[list[Predicted]]:
        # only what the time stage reads: the tagger, the parser and the POS mapping (for tense)
        keep = {"tok2vec", "tagger", "parser", "attribute_ruler", "newsgraph_times"}
        disable = [name for name in nlp.pipe_names if name not in keep]

        def make(d: TimeMLDoc):
            doc = nlp.make_doc(d.text)
            doc._.published = d.dct or None
            return doc

        with nlp.select_pipes(disable=disable):
            for doc in nlp.pipe((make(d) for d in docs), batch_size=batch_size):
                yield [Predicted(t.start, t.end, t.type, t.value) for t in timexes_of(doc)]

    return predict


def evaluate(
    docs: list[TimeMLDoc],
    predictor: Predictor,
    predictions_out: str | Path | None = None,
    errors: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """Score ``predictor`` over ``docs`` (optionally writing the predictions as JSON)."""
    total = {key: _Tally() for key in ("all", *TYPES)}
    halves = [{key: _Tally() for key in ("all", *TYPES)} for _ in range(2)]
    dump: dict[str, list[dict[str, Any]]] = {}
    for i, (doc, pred) in enumerate(zip(docs, predictor(docs), strict=True)):
        for key, t in score_document(doc, pred, errors).items():
            total.setdefault(key, _Tally()).add(t)
            halves[i % 2].setdefault(key, _Tally()).add(t)
        dump[doc.name] = [p.to_dict() for p in pred]
    if predictions_out is not None:
        Path(predictions_out).write_text(json.dumps(dump, indent=1, ensure_ascii=False) + "\n", "utf-8")
    out = summarise(total)
    out["documents"] = len(docs)
    # the documents at even and odd positions (name order): how much the figures move between halves
    out["halves"] = {
        name: {k: v for k, v in summarise(h).items() if k in _HALF_KEYS}
        for name, h in zip(("even", "odd"), halves, strict=True)
    }
    return out


_HALF_KEYS = ("precision", "recall", "f1", "strict_f1", "value_accuracy")


def run_time_eval(
    data_dir: str | Path,
    predictions_out: str | Path | None = None,
    *,
    nlp: Any = None,
    errors: list[dict[str, Any]] | None = None,
    half: str | None = None,
) -> dict[str, Any]:
    """Run ``newsgraph_times`` over the ``.tml`` files of ``data_dir`` and score it (prints nothing).

    Returns ``precision``, ``recall``, ``f1`` (relaxed span), ``value_accuracy``
    (on matched gold DATE/TIME), ``strict_f1``, ``type_accuracy``, ``counts``,
    ``per_type`` (the same figures for each gold type) and ``documents``.
    ``predictions_out``: write ``{"<file name>": [{"start", "end", "type", "value"}]}``.
    ``errors``: a list to append every value error, miss and false positive to.
    ``half``: ``even`` or ``odd`` scores only the documents at those positions (name order);
    ``halves`` always gives both.
    """
    docs = select_half(load_dir(data_dir), half)
    if not docs:
        raise FileNotFoundError(f"no .tml files under {data_dir}")
    return evaluate(docs, pipeline_predictor(nlp), predictions_out, errors)
