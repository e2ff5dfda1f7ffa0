"""Reading the knowledge base from its YAML files.

Which file holds what is told by its name: ``countries.yaml`` (states and
territories), ``organisations.yaml``, ``media.yaml``, ``regions.yaml``,
``sectors.yaml``, and ``people/*.yaml``.  Any other ``*.yaml`` file (a user's
own, or an importer's output) is read as a list of entries whose ``kind``
says what they are.  Users add folders with ``extra`` (``--kb DIR``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from newsgraph.kb.base import Entry, KnowledgeBase, Membership, Role, SectorLexicon, fold, parse_date

try:  # the C loader is ten times faster; PyYAML wheels ship it
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]


class KBError(ValueError):
    pass


def data_dir() -> Path:
    return Path(str(resources.files("newsgraph.kb").joinpath("data")))


def load_kb(extra: Iterable[str] = ()) -> KnowledgeBase:
    """The shipped knowledge base plus the folders or files in ``extra`` (cached per process, and
    compiled once for the files' contents: :mod:`newsgraph.kb.cache`)."""
    return _load_kb(tuple(str(e) for e in extra))


@lru_cache(maxsize=4)
def _load_kb(extra: tuple[str, ...]) -> KnowledgeBase:
    from newsgraph.kb import base
    from newsgraph.kb.cache import cached

    files = _yaml_files([data_dir(), *(Path(e) for e in extra)])
    # the code that builds and defines the knowledge base is part of the key, as its data is
    code = [Path(__file__), Path(base.__file__)]
    return cached("kb" if not extra else "kbextra", [*files, *code], lambda: _build_kb(files))


def _build_kb(files: list[Path]) -> KnowledgeBase:
    entries: list[Entry] = []
    sectors = SectorLexicon()
    for path in files:
        data = _read(path)
        if path.name in ("sectors.yaml", "titles.yaml", "not_actors.yaml"):
            _merge_sectors(sectors, data, path)
            continue
        if not isinstance(data, list):
            raise KBError(f"{path}: expected a list of entries")
        default_kind = {"countries.yaml": "state", "media.yaml": "media", "regions.yaml": "region"}.get(path.name)
        if path.parent.name == "people":
            default_kind = "person"
        for i, raw in enumerate(data):
            try:
                entries.append(entry_from_dict(raw, default_kind, str(path)))
            except (KeyError, TypeError, ValueError) as exc:
                raise KBError(
                    f"{path}: entry {i + 1} ({raw.get('id') if isinstance(raw, dict) else raw!r}): {exc}"
                ) from None
    try:
        return KnowledgeBase(merge_duplicates(entries), sectors)
    except ValueError as exc:
        raise KBError(str(exc)) from None


def _yaml_files(roots: Iterable[Path]) -> list[Path]:
    out: list[Path] = []
    for root in roots:
        if root.is_file():
            out.append(root)
        elif root.is_dir():
            out.extend(sorted(p for p in root.rglob("*.yaml") if not p.name.startswith(".")))
        else:
            raise KBError(f"{root}: no such knowledge-base file or folder")
    return out


def _read(path: Path) -> Any:
    try:
        return yaml.load(path.read_text("utf-8"), Loader=_Loader)
    except yaml.YAMLError as exc:
        raise KBError(f"{path}: not valid YAML ({exc})") from None


def _list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value if v is not None]


def entry_from_dict(raw: dict[str, Any], default_kind: str | None, source: str = "") -> Entry:
    """One KB entry from its YAML mapping (see ``data/README.md``)."""
    kind = raw.get("kind") or default_kind
    if not kind:
        raise KeyError("kind")
    status = raw.get("status")
    if kind == "state" and status == "territory":
        kind = "state"  # territories are state-like actors (with their sovereign)
    country = raw.get("iso3") if default_kind == "state" or kind == "state" else raw.get("country")
    if country is None and kind == "state":
        country = raw.get("country")  # a territory with no ISO code of its own that one state's people hold (Gaza)
    entry = Entry(
        id=str(raw["id"]),
        name=str(raw["name"]),
        kind=kind,
        country=country,
        wikidata=raw.get("wikidata") or (str(raw["id"]) if str(raw["id"]).startswith("Q") else None),
        code=raw.get("code"),
        cameo=raw.get("cameo"),
        iso2=raw.get("iso2"),
        official=raw.get("official"),
        status=status,
        sovereign=raw.get("sovereign"),
        region=raw.get("region"),
        medium=raw.get("medium"),
        gender=raw.get("gender"),
        parent=raw.get("parent"),
        sector=raw.get("sector"),
        aliases=_list(raw.get("aliases")),
        acronyms=_list(raw.get("acronyms")),
        adjectives=_list(raw.get("adjectives")),
        demonyms=_list(raw.get("demonyms")),
        metonyms=_list(raw.get("metonyms")),
        descriptions=_list(raw.get("descriptions")),
        partners=_list(raw.get("partners")),
        within=_list(raw.get("within")),
        source=source,
    )
    for role in raw.get("roles") or []:
        if isinstance(role, dict):
            role = [role.get("position"), role.get("title"), role.get("from"), role.get("to"), role.get("org")]
        position, title, start, end, *rest = [*role, None, None, None][:5]
        entry.roles.append(
            Role(
                str(position),
                str(title or position),
                parse_date(start),
                parse_date(end),
                str(rest[0]) if rest and rest[0] else None,
            )
        )
    for member in raw.get("members") or []:
        if isinstance(member, str):
            member = [member, None, None]
        iso3, start, end = [*member, None, None][:3]
        entry.members.append(Membership(str(iso3), parse_date(start), parse_date(end)))
    return entry


def _merge_sectors(lex: SectorLexicon, data: Any, path: Path) -> None:
    if not isinstance(data, dict):
        raise KBError(f"{path}: expected a mapping with 'codes' and 'nouns'")
    for code, definition in (data.get("codes") or {}).items():
        lex.codes[str(code)] = str(definition)
    for noun, code in (data.get("nouns") or {}).items():
        lex.nouns[fold(str(noun))] = str(code)
    lex.former_prefixes.extend(fold(str(p)) for p in data.get("former_prefixes") or [])
    lex.not_actors.extend(fold(str(p)) for p in data.get("not_actors") or [])
    lex.honorifics.extend(fold(str(p)).rstrip(".") for p in data.get("honorifics") or [])
    for title, (position, sector) in (data.get("titles") or {}).items():
        lex.titles[fold(str(title))] = (str(position), str(sector))
    for title, country in (data.get("title_countries") or {}).items():
        lex.title_countries[fold(str(title)).rstrip(".")] = str(country)
    for tag in data.get("country_tags") or []:
        try:
            lex.country_tags.append((re.compile(str(tag["pattern"])), str(tag["country"])))
        except (KeyError, TypeError, re.error) as exc:
            raise KBError(f"{path}: bad country tag {tag!r}: {exc}") from exc


def merge_duplicates(entries: list[Entry]) -> list[Entry]:
    """One entry per actor.

    The same person is written in several files (a head of government in the
    regional file, the same person as a secretary-general in ``igo.yaml``):
    entries with one id, or people with one name and country, are merged:
    their aliases, roles and memberships joined, the first file's other fields
    kept unless empty.  A QID beats a slug as the merged entry's id.
    """
    merged: dict[str, Entry] = {}
    person_key: dict[tuple[str, str | None], str] = {}
    for entry in entries:
        target_id = entry.id if entry.id in merged else None
        if target_id is None and entry.kind == "person":
            target_id = person_key.get((fold(entry.name), entry.country))
        if target_id is None:
            merged[entry.id] = entry
            if entry.kind == "person":
                person_key[(fold(entry.name), entry.country)] = entry.id
            continue
        base = merged[target_id]
        if base.kind != entry.kind:
            raise KBError(
                f"actor id {entry.id!r} is a {base.kind} in {base.source} and a {entry.kind} in {entry.source}"
            )
        if entry.id.startswith("Q") and not base.id.startswith("Q"):
            del merged[base.id]
            base.id, base.wikidata = entry.id, entry.wikidata
            merged[base.id] = base
            person_key[(fold(base.name), base.country)] = base.id
        _merge_into(base, entry)
    return list(merged.values())


def _merge_into(base: Entry, other: Entry) -> None:
    for name in ("aliases", "acronyms", "adjectives", "demonyms", "metonyms", "descriptions", "partners"):
        items = getattr(base, name)
        items.extend(x for x in getattr(other, name) if x not in items)
    if other.name != base.name and other.name not in base.aliases:
        base.aliases.append(other.name)
    seen_roles = {(r.position, r.start, r.org) for r in base.roles}
    base.roles.extend(r for r in other.roles if (r.position, r.start, r.org) not in seen_roles)
    seen_members = {(m.country, m.start) for m in base.members}
    base.members.extend(m for m in other.members if (m.country, m.start) not in seen_members)
    for name in ("country", "wikidata", "code", "cameo", "iso2", "official", "gender", "medium", "parent"):
        if getattr(base, name) is None and getattr(other, name) is not None:
            setattr(base, name, getattr(other, name))
    base.source = f"{base.source}, {other.source}"
