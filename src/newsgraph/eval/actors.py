"""Actor-resolution test set: loader, per-case check and an evaluation run.

The cases live in a JSON Lines file (``tests/data/actor_cases.jsonl``), one
object a line, written from general knowledge of the world and independently
of the knowledge base::

    {"id": "country-001", "category": "country", "text": "U.S.",
     "date": "2023-06-01" | null,
     "context": "The U.S. imposed new sanctions ..." | null,
     "expect": {"kind": "state", "country": "USA", "name": "United States"}}

* ``text`` is the surface form to resolve; ``context`` is a news sentence that
  contains it verbatim (its first occurrence is the one meant), or null to
  resolve the text on its own; ``date`` is the publication date that decides
  who held an office (null: today).
* ``category`` groups the scores: ``country``, ``metonym``, ``nationality``,
  ``agent``, ``organisation``, ``media``, ``person_on_date``, ``region``,
  ``nonsense``, ``coreference``.
* ``expect`` lists only the fields the writer is sure of; a case passes when
  every one of them matches the result of
  :func:`newsgraph.nlp.resolve.resolve_mention`:

  ``kind``
      the actor's kind (state, alliance, igo, person, party, media,
      armed_group, group, region, ngo), compared case-insensitively.
  ``country``
      ISO3 code, or IGO/UNO/EUR/NGO/IMG for international actors; a list means
      any of them (Kosovo: ``["XKX", "KOS"]``).
  ``name``
      the canonical English name, compared after :func:`newsgraph.kb.fold` and
      without a leading article; with a knowledge base, also accepted when
      ``kb.lookup(name)`` finds the resolved actor (the name is one of its
      aliases, acronyms or official names).
  ``sector``
      PLOVER sector code (GOV, MIL, COP, REB, CVL, JRN, ELI, LEG, JUD, SPY,
      BUS, ...); a list means any of them.
  ``wikidata``
      a QID, equal to the resolved ``actor_id`` or to its KB entry's wikidata.
  ``none: true``
      nothing must resolve: ``actor_id`` is null and there are no ``actor_ids``.
  ``actor_ids_countries``
      a reference to several actors ("the two countries"): the countries of
      the resolved ``actor_ids``, as a multiset, equal the list given.
  ``actor_ids_names``
      likewise with names ("the two blocs" -> ``["NATO", "AUKUS"]``), each
      name matched as ``name`` above, in any order.

A result that resolves one actor where several are expected counts as a list
of one.  The coreference keys need the knowledge base to know the countries
and names of the ids; :func:`check` loads it when none is given.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

from newsgraph.kb.base import KnowledgeBase, fold

EXPECT_KEYS = frozenset(
    {"kind", "country", "name", "sector", "wikidata", "none", "actor_ids_countries", "actor_ids_names"}
)
CATEGORIES = (
    "country",
    "metonym",
    "nationality",
    "agent",
    "organisation",
    "media",
    "person_on_date",
    "region",
    "nonsense",
    "coreference",
)


def load_cases(path: str | Path) -> list[dict[str, Any]]:
    """The cases of a JSON Lines file (blank lines skipped); ``ValueError`` names a bad line."""
    cases: list[dict[str, Any]] = []
    with Path(path).open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                case = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{number}: not JSON ({exc})") from None
            if not isinstance(case, dict) or not isinstance(case.get("expect"), dict) or "text" not in case:
                raise ValueError(f"{path}:{number}: a case needs 'text' and an 'expect' object")
            cases.append(case)
    return cases


def _norm_name(text: str | None) -> str:
    return fold(re.sub(r"^(?:the|a|an)\s+", "", (text or "").strip(), flags=re.I))


def _as_set(value: Any) -> set[str]:
    values = value if isinstance(value, list | tuple | set) else [value]
    return {str(v).casefold() for v in values if v is not None}


def _name_matches(expected: str, actor_id: str | None, name: str | None, kb: KnowledgeBase | None) -> bool:
    if name and _norm_name(name) == _norm_name(expected):
        return True
    if kb is not None and actor_id:
        if any(entry.id == actor_id for entry in kb.lookup(expected)):
            return True
        entry = kb.get(actor_id)
        if entry is not None and _norm_name(entry.name) == _norm_name(expected):
            return True
    return False


def _ids(result: dict[str, Any]) -> list[str]:
    ids = [i for i in result.get("actor_ids") or [] if i]
    if not ids and result.get("actor_id"):
        ids = [result["actor_id"]]
    return ids


def _country_of(actor_id: str, kb: KnowledgeBase) -> str | None:
    entry = kb.get(actor_id)
    if entry is not None:
        return entry.country or entry.code
    # Agents are not KB entries: "SAU-CVL" is Saudi civilians.
    match = re.match(r"^([A-Z]{3})(?:-[A-Z]{3})+$", actor_id)
    return match.group(1) if match else None


def _same_multiset_names(expected: list[str], ids: list[str], kb: KnowledgeBase) -> bool:
    if len(expected) != len(ids):
        return False
    left = list(ids)
    for name in expected:
        for actor_id in left:
            entry = kb.get(actor_id)
            if _name_matches(name, actor_id, entry.name if entry else None, kb):
                left.remove(actor_id)
                break
        else:
            return False
    return True


def check(case: dict[str, Any], result: dict[str, Any], kb: KnowledgeBase | None = None) -> bool:
    """Whether ``result`` (a ``resolve_mention`` dict) satisfies every field of ``case["expect"]``."""
    expect: dict[str, Any] = case["expect"]
    unknown = set(expect) - EXPECT_KEYS
    if unknown:
        raise ValueError(f"case {case.get('id')}: unknown expect keys {sorted(unknown)}")
    actor_id = result.get("actor_id")
    if expect.get("none"):
        return actor_id is None and not result.get("actor_ids")
    if "kind" in expect and str(result.get("kind") or "").casefold() not in _as_set(expect["kind"]):
        return False
    if "country" in expect and str(result.get("country") or "").casefold() not in _as_set(expect["country"]):
        return False
    if "sector" in expect and str(result.get("sector") or "").casefold() not in _as_set(expect["sector"]):
        return False
    if "name" in expect and not _name_matches(expect["name"], actor_id, result.get("name"), kb):
        return False
    if "wikidata" in expect:
        qid = expect["wikidata"]
        entry = kb.get(actor_id) if kb is not None and actor_id else None
        if qid not in (actor_id, result.get("wikidata"), entry.wikidata if entry else None):
            return False
    if "actor_ids_countries" in expect or "actor_ids_names" in expect:
        if kb is None:
            from newsgraph.kb.load import load_kb

            kb = load_kb()
        ids = _ids(result)
        if "actor_ids_countries" in expect:
            got = Counter((_country_of(i, kb) or "").upper() for i in ids)
            if got != Counter(str(c).upper() for c in expect["actor_ids_countries"]):
                return False
        if "actor_ids_names" in expect and not _same_multiset_names(list(expect["actor_ids_names"]), ids, kb):
            return False
    return True


def _got(result: dict[str, Any]) -> dict[str, Any]:
    keys = ("actor_id", "name", "kind", "country", "sector", "role", "actor_ids", "error")
    return {k: result[k] for k in keys if k in result and (result[k] is not None or k == "actor_id")}


def run_actor_eval(path: str | Path, nlp: Any = None, predictions_out: str | Path | None = None) -> dict[str, Any]:
    """Resolve every case of ``path`` and score it.

    Returns ``{"n", "accuracy", "by_category": {category: {"n", "accuracy"}},
    "failures": [{"id", "text", "expect", "got"}]}``.  A case whose resolution
    raises counts as a failure (its ``got`` holds the error).  Prints nothing.
    """
    from newsgraph.kb.load import load_kb
    from newsgraph.nlp.resolve import resolve_mention

    if nlp is None:
        from newsgraph.nlp.pipeline import load_pipeline

        nlp = load_pipeline()
    kb = load_kb()
    cases = load_cases(path)
    passed: Counter[str] = Counter()
    total: Counter[str] = Counter()
    failures: list[dict[str, Any]] = []
    predictions: list[dict[str, Any]] = []
    for case in cases:
        category = case.get("category") or "uncategorised"
        total[category] += 1
        try:
            result = resolve_mention(nlp, case["text"], case.get("date"), case.get("context"))
            ok = check(case, result, kb)
        except Exception as exc:  # noqa: BLE001 - one broken case must not stop the run
            result, ok = {"actor_id": None, "error": f"{type(exc).__name__}: {exc}"}, False
        predictions.append({"id": case.get("id"), **result})
        if ok:
            passed[category] += 1
        else:
            failures.append({"id": case.get("id"), "text": case["text"], "expect": case["expect"], "got": _got(result)})
    n = sum(total.values())
    if predictions_out is not None:
        Path(predictions_out).write_text(
            "".join(json.dumps(p, ensure_ascii=False) + "\n" for p in predictions), "utf-8"
        )
    return {
        "n": n,
        "accuracy": sum(passed.values()) / n if n else 0.0,
        "by_category": {
            cat: {"n": total[cat], "accuracy": passed[cat] / total[cat]}
            for cat in sorted(total, key=lambda c: (CATEGORIES.index(c) if c in CATEGORIES else 99, c))
        },
        "failures": failures,
    }
