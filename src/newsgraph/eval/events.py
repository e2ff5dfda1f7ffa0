"""Event coding against PLOVER gold-standard records (the PLOVER GSR layout).

A record holds one sentence (``text``), its ``date``, the ``event`` type and
the ``source`` and ``target`` actors (``code``: ISO3 for states and their
agents, ``IGO``/``NGO``/``IMG`` for international actors).  The GSR was coded
with PLOVER 0.5; its old labels are mapped to today's 16 types
(DEMAND->REQUEST, DISAPPROVE->ACCUSE, INVESTIGATE->ACCUSE, FIGHT->ASSAULT).
The record without ``text`` documents the file and is skipped.

For each record we run the pipeline on the sentence, with the record's date
as the document date, and take the sentence's main event
(``doc._.main_event``) in PLOVER's view (``plover_type``: a promised or
planned action is coded as the promise, AGREE or THREATEN, as the gold does).
Scores: event accuracy and macro-F1 over the types; source- and target-code
F1, micro-averaged over records, each record's codes compared as sets.

Predictions (``--predictions-out``): JSON Lines ``{"id", "event", "source", "target"}``.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from newsgraph.eval.metrics import prf

LABEL_MAP = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
# Our international codes and the GSR's: the UN system and the EU are "IGO" there.
CODE_MAP = {"UNO": "IGO", "EUR": "IGO"}


def _actors(value: Any) -> list[dict[str, Any]]:
    if value is None or value == "":
        return []
    if isinstance(value, dict):
        return [value]
    if isinstance(value, str):
        return [{"code": value}]
    return [a for a in value if isinstance(a, dict)]


def _codes(value: Any) -> list[str]:
    out = []
    for actor in _actors(value):
        code = str(actor.get("code") or "").strip().upper()
        if len(code) == 3 and code.isalpha() and code not in out:
            out.append(code)
    return out


def load_records(path: str | Path) -> list[dict[str, Any]]:
    """Gold records with text: ``{"id", "text", "date", "event", "source", "target"}`` (codes as lists)."""
    data = json.loads(Path(path).read_text("utf-8"))
    records = data if isinstance(data, list) else data.get("records", [])
    out = []
    for r in records:
        if not r.get("text"):
            continue
        event = str(r.get("event") or "").upper()
        out.append(
            {
                "id": r.get("id"),
                "text": r["text"],
                "date": r.get("date"),
                "event": LABEL_MAP.get(event, event),
                "source": _codes(r.get("source")),
                "target": _codes(r.get("target")),
            }
        )
    return out


def actor_code(actor: Any) -> str | None:
    """The GSR-style code of one of our actors: its country, or IGO/NGO/IMG for international ones."""
    code = getattr(actor, "country", None)
    if not code:
        return None
    return CODE_MAP.get(code, code)


def predict(record: dict[str, Any], nlp: Any) -> dict[str, Any]:
    doc = nlp.make_doc(record["text"])
    doc._.published = record.get("date")
    doc = nlp(doc)
    actors = {a.id: a for a in doc._.actors or []}
    events = {e.id: e for e in doc._.events or []}
    main = events.get(doc._.main_event) if doc._.main_event else None
    if main is None:
        return {"id": record["id"], "event": None, "source": [], "target": []}

    def codes(ids: list[str]) -> list[str]:
        out = []
        for actor_id in ids:
            code = actor_code(actors.get(actor_id))
            if code and code not in out:
                out.append(code)
        return out

    event = main.plover_type or main.type
    return {"id": record["id"], "event": event, "source": codes(main.source), "target": codes(main.target)}


def _f1(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    return prf(tp, tp + fp, tp + fn)


def score(gold: list[dict[str, Any]], predictions: dict[str, dict[str, Any]]) -> dict[str, Any]:
    n = len(gold)
    correct = 0
    per_type: dict[str, Counter[str]] = {}
    role_counts = {"source": Counter(), "target": Counter()}
    for g in gold:
        p = predictions.get(g["id"], {})
        pe = p.get("event")
        if pe == g["event"]:
            correct += 1
        for label in {g["event"], pe} - {None}:
            per_type.setdefault(label, Counter())
        per_type[g["event"]]["gold"] += 1
        if pe:
            per_type[pe]["pred"] += 1
            if pe == g["event"]:
                per_type[pe]["tp"] += 1
        for role in ("source", "target"):
            gs, ps = set(g[role]), set(p.get(role) or [])
            role_counts[role]["tp"] += len(gs & ps)
            role_counts[role]["fp"] += len(ps - gs)
            role_counts[role]["fn"] += len(gs - ps)
    f1s = {}
    for label, c in per_type.items():
        if c["gold"]:
            f1s[label] = _f1(c["tp"], c["pred"] - c["tp"], c["gold"] - c["tp"])[2]
    out: dict[str, Any] = {
        "n": n,
        "event_accuracy": correct / n if n else 0.0,
        "event_macro_f1": sum(f1s.values()) / len(f1s) if f1s else 0.0,
    }
    for role in ("source", "target"):
        c = role_counts[role]
        p_, r_, f_ = _f1(c["tp"], c["fp"], c["fn"])
        out[f"{role}_precision"], out[f"{role}_recall"], out[f"{role}_f1"] = p_, r_, f_
    out["per_type_f1"] = dict(sorted(f1s.items()))
    return out


def run_event_eval(path: str | Path, predictions_out: str | Path | None = None, nlp: Any = None) -> dict[str, Any]:
    """Code every gold record and score the main events.  Prints nothing."""
    if nlp is None:
        from newsgraph.nlp.pipeline import load_pipeline

        nlp = load_pipeline()
    gold = load_records(path)
    predictions = {g["id"]: predict(g, nlp) for g in gold}
    if predictions_out is not None:
        Path(predictions_out).write_text(
            "".join(json.dumps(p, ensure_ascii=False) + "\n" for p in predictions.values()), "utf-8"
        )
    result = score(gold, predictions)
    result["data"] = str(path)
    return result
