"""Importers that grow the knowledge base from other people's data, into our YAML format.

* :func:`from_wikidata_jsonl`: Wikidata entity JSON, one entity a line (as the
  dumps and ``Special:EntityData/Qxx.json`` give them).  Instance-of (P31)
  gives the kind; citizenship (P27) or country (P17) the country; ISO codes
  (P297/P298) make a state; positions held (P39) with start/end qualifiers
  (P580/P582) the dated roles, named by the position's English label when the
  file holds the position entity too, and typed through ``titles.yaml``.
* :func:`from_cameo_dictionary`: CAMEO / PETRARCH actor dictionaries, a name
  line (``VLADIMIR_PUTIN_``), ``+ALIAS_`` lines, and date-ranged codes
  (``[RUSGOV 20000507-20080507]``, ``[RUSELI >20080508]``, ``[USAGOV <20010120]``).

Both return a list of entry mappings; :func:`write_yaml` saves them where
``newsgraph --kb DIR`` (or the shipped ``data/`` folder) picks them up.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

from newsgraph.kb.base import KnowledgeBase, fold

# Wikidata classes (P31 values) and the kind they make.
WIKIDATA_KINDS = {
    "Q5": "person",
    "Q6256": "state",  # country
    "Q3624078": "state",  # sovereign state
    "Q7275": "state",  # state
    "Q1127126": "alliance",  # military alliance
    "Q484652": "igo",  # international organisation
    "Q245065": "igo",  # intergovernmental organisation
    "Q163740": "ngo",  # non-profit organisation
    "Q79913": "ngo",  # non-governmental organisation
    "Q7278": "party",  # political party
    "Q192283": "media",  # news agency
    "Q11032": "media",  # newspaper
    "Q1110794": "media",  # daily newspaper
    "Q1616075": "media",  # television station
    "Q15265344": "media",  # broadcaster
    "Q1002697": "media",  # periodical
    "Q1153191": "media",  # online newspaper
}
_CAMEO_SECTOR_POSITION = {
    "GOV": "other",
    "MIL": "military_officer",
    "LEG": "legislator",
    "JUD": "other",
    "COP": "other",
    "SPY": "other",
    "PTY": "party_leader",
    "OPP": "party_leader",
    "REB": "other",
}


class ImportError_(ValueError):  # noqa: N801 - not the builtin ImportError
    """A line or record that cannot be imported; the message names it."""


# ---------------------------------------------------------------------- Wikidata


def from_wikidata_jsonl(
    lines: Iterable[str],
    kb: KnowledgeBase | None = None,
    origin: str = "<wikidata>",
    kinds: dict[str, str] | None = None,
) -> list[dict[str, Any]]:
    """Entries from Wikidata entity JSON lines.

    ``kb`` maps country QIDs to ISO3 codes and position labels to positions;
    ``kinds`` adds instance-of classes to :data:`WIKIDATA_KINDS`.
    """
    classes = {**WIKIDATA_KINDS, **(kinds or {})}
    entities: dict[str, dict[str, Any]] = {}
    for n, line in enumerate(lines, 1):
        line = line.strip().rstrip(",")
        if not line or line in ("[", "]"):
            continue
        try:
            record = json.loads(line)
        except (json.JSONDecodeError, RecursionError) as exc:
            raise ImportError_(f"{origin}:{n}: not JSON ({getattr(exc, 'msg', type(exc).__name__)})") from None
        if not isinstance(record, dict):
            raise ImportError_(f"{origin}:{n}: not a Wikidata entity (a JSON {type(record).__name__}, not an object)")
        if isinstance(record.get("entities"), dict):  # Special:EntityData wraps entities
            found = record["entities"]
        elif isinstance(record.get("id"), str):
            found = {record["id"]: record}
        else:
            raise ImportError_(f"{origin}:{n}: not a Wikidata entity")
        for qid, ent in found.items():
            if not isinstance(ent, dict):
                raise ImportError_(f"{origin}:{n}: entity {qid!r} is not an object")
            entities[str(qid)] = ent
    try:
        return _wikidata_entries(entities, kb, classes)
    except (AttributeError, TypeError, KeyError, ValueError) as exc:
        # A file of the right outline but the wrong inner shapes (a claim that is a string, ...).
        raise ImportError_(f"{origin}: not in Wikidata's entity format ({type(exc).__name__}: {exc})") from None


def _wikidata_entries(
    entities: dict[str, dict[str, Any]], kb: KnowledgeBase | None, classes: dict[str, str]
) -> list[dict[str, Any]]:
    country_iso3 = _country_codes(entities, kb)
    titles = kb.sectors.titles if kb else {}
    out = []
    for qid, ent in entities.items():
        kind = _wikidata_kind(ent, classes)
        if kind is None:
            continue  # positions, classes and other helpers of the file
        label = _label(ent)
        if not label:
            continue
        entry: dict[str, Any] = {"id": qid, "name": label, "kind": kind, "wikidata": qid}
        aliases = [a["value"] for a in ent.get("aliases", {}).get("en", [])]
        acronyms = [a for a in aliases if a.isupper() and len(a) <= 8]
        if aliases:
            entry["aliases"] = [a for a in aliases if a not in acronyms]
        if acronyms:
            entry["acronyms"] = acronyms
        if kind == "state":
            entry["iso3"] = _string_claim(ent, "P298")
            entry["iso2"] = _string_claim(ent, "P297")
            entry["cameo"] = entry["iso3"]
        else:
            country = next(
                (country_iso3[c] for c in _item_claims(ent, "P27") + _item_claims(ent, "P17") if c in country_iso3),
                None,
            )
            if country:
                entry["country"] = country
        if kind == "person":
            gender = {"Q6581097": "m", "Q6581072": "f"}.get(next(iter(_item_claims(ent, "P21")), ""))
            if gender:
                entry["gender"] = gender
            roles = []
            for claim in ent.get("claims", {}).get("P39", []):
                pos_qid = _claim_item(claim)
                if not pos_qid:
                    continue
                title = _label(entities.get(pos_qid, {})) or pos_qid
                position = _position_of(title, titles)
                start = _qualifier_date(claim, "P580")
                end = _qualifier_date(claim, "P582")
                roles.append([position, title, start, end])
            if roles:
                entry["roles"] = sorted(roles, key=lambda r: r[2] or "")
        if kind in ("alliance", "igo"):
            members = [[country_iso3[c], None, None] for c in _item_claims(ent, "P527") if c in country_iso3]
            if members:
                entry["members"] = members
        out.append({k: v for k, v in entry.items() if v not in (None, [], "")})
    return out


def _wikidata_kind(ent: dict[str, Any], classes: dict[str, str]) -> str | None:
    for cls in _item_claims(ent, "P31"):
        if cls in classes:
            return classes[cls]
    return None


def _label(ent: dict[str, Any]) -> str | None:
    return (ent.get("labels", {}).get("en") or {}).get("value")


def _claim_item(claim: dict[str, Any]) -> str | None:
    value = claim.get("mainsnak", {}).get("datavalue", {}).get("value")
    return value.get("id") if isinstance(value, dict) else None


def _item_claims(ent: dict[str, Any], prop: str) -> list[str]:
    return [q for q in (_claim_item(c) for c in ent.get("claims", {}).get(prop, [])) if q]


def _string_claim(ent: dict[str, Any], prop: str) -> str | None:
    for claim in ent.get("claims", {}).get(prop, []):
        value = claim.get("mainsnak", {}).get("datavalue", {}).get("value")
        if isinstance(value, str):
            return value
    return None


def _qualifier_date(claim: dict[str, Any], prop: str) -> str | None:
    for q in claim.get("qualifiers", {}).get(prop, []):
        value = q.get("datavalue", {}).get("value")
        if isinstance(value, dict) and "time" in value:
            m = re.match(r"[+-]?(\d{4})-(\d{2})-(\d{2})", value["time"])
            if m:
                y, mo, d = m.groups()
                precision = value.get("precision", 11)
                if precision >= 11 and mo != "00" and d != "00":
                    return f"{y}-{mo}-{d}"
                if precision == 10 and mo != "00":
                    return f"{y}-{mo}"
                return y
    return None


def _country_codes(entities: dict[str, dict[str, Any]], kb: KnowledgeBase | None) -> dict[str, str]:
    codes: dict[str, str] = {}
    if kb is not None:
        for entry in kb.entries.values():
            if entry.kind == "state" and entry.wikidata and entry.country:
                codes[entry.wikidata] = entry.country
    for qid, ent in entities.items():
        iso3 = _string_claim(ent, "P298")
        if iso3:
            codes[qid] = iso3
    return codes


def _position_of(title: str, titles: dict[str, tuple[str, str]]) -> str:
    """The position code of a Wikidata position label ("Minister of Foreign Affairs of Russia")."""
    words = fold(title).split()
    for n in range(len(words), 0, -1):
        for i in range(len(words) - n + 1):
            phrase = " ".join(words[i : i + n])
            if phrase in titles:
                return titles[phrase][0]
    return "other"


# ------------------------------------------------------------- CAMEO / PETRARCH

_CODE_RE = re.compile(r"\[\s*(?P<code>[A-Z~]{3,15})\s*(?P<dates>[^\]]*)\]")


def from_cameo_dictionary(lines: Iterable[str], kind: str = "person", origin: str = "<cameo>") -> list[dict[str, Any]]:
    """Entries from a CAMEO/PETRARCH actor dictionary (see the module docstring)."""
    out: list[dict[str, Any]] = []
    current: dict[str, Any] | None = None
    for n, raw in enumerate(lines, 1):
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        text = line.strip()
        if text.startswith("+"):
            if current is None:
                raise ImportError_(f"{origin}:{n}: alias before any actor")
            current.setdefault("aliases", []).append(_cameo_name(text[1:]))
            continue
        if text.startswith("["):
            if current is None:
                raise ImportError_(f"{origin}:{n}: code before any actor")
            _add_codes(current, text, origin, n)
            continue
        # a new actor line, possibly with its codes on the same line
        name_part = _CODE_RE.split(text)[0] if "[" in text else text
        name = _cameo_name(name_part.split("[")[0])
        if not name:
            raise ImportError_(f"{origin}:{n}: no actor name")
        current = {"id": f"{'person' if kind == 'person' else 'org'}:{_slug(name)}", "name": name, "kind": kind}
        out.append(current)
        if "[" in text:
            _add_codes(current, text[text.index("[") :], origin, n)
    for entry in out:
        entry.setdefault("roles", [])
        if not entry["roles"]:
            del entry["roles"]
    return out


def _cameo_name(token: str) -> str:
    words = [w for w in token.strip().strip("_").split("_") if w]
    return " ".join(w.capitalize() if w.isupper() else w for w in words)


def _add_codes(entry: dict[str, Any], text: str, origin: str, n: int) -> None:
    found = False
    for m in _CODE_RE.finditer(text):
        found = True
        code, dates = m.group("code").lstrip("~"), m.group("dates").strip()
        country, sectors = code[:3], [code[i : i + 3] for i in range(3, len(code), 3)]
        entry.setdefault("country", country)
        start, end = _cameo_dates(dates, origin, n)
        for sector in sectors or [None]:
            if sector == "ELI" or sector is None:
                continue  # former officials: derived from ended roles
            position = _CAMEO_SECTOR_POSITION.get(sector, "other")
            entry.setdefault("roles", []).append([position, f"{country} {sector}", start, end])
    if not found:
        raise ImportError_(f"{origin}:{n}: no [CODE] in {text!r}")


def _cameo_dates(text: str, origin: str, n: int) -> tuple[str | None, str | None]:
    if not text:
        return None, None
    try:
        if text.startswith(">"):
            return _ymd(text[1:]), None
        if text.startswith("<"):
            return None, _ymd(text[1:])
        if "-" in text:
            a, b = text.split("-", 1)
            return _ymd(a), _ymd(b)
    except ValueError:
        pass
    raise ImportError_(f"{origin}:{n}: unreadable date restriction {text!r}")


def _ymd(text: str) -> str:
    return dt.datetime.strptime(text.strip(), "%Y%m%d").date().isoformat()


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


def write_yaml(entries: list[dict[str, Any]], path: str | Path) -> Path:
    """Save entries in the knowledge-base format."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(entries, allow_unicode=True, sort_keys=False, width=120), "utf-8")
    return path
