"""The actor knowledge base in memory: entries, their dated roles and memberships, and look-up indices.

The data is the YAML in ``data/`` (see ``data/README.md``); :mod:`newsgraph.kb.load`
reads it into a :class:`KnowledgeBase`.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field

# Kinds of actor (the "kind" of the JSON output).
# "agency": a state's department, ministry, armed force or intelligence service (its sector says which)
KINDS = ("state", "alliance", "igo", "person", "party", "media", "armed_group", "group", "region", "ngo", "agency")

# Positions that make a person's sector GOV/MIL/... while they hold them.
POSITION_SECTOR = {
    "head_of_state": "GOV",
    "head_of_government": "GOV",
    "foreign_minister": "GOV",
    "defence_minister": "GOV",
    "other_minister": "GOV",
    "diplomat": "GOV",
    "military_chief": "MIL",
    "military_officer": "MIL",
    "legislator": "LEG",
    "party_leader": "PTY",
    "igo_official": "GOV",
    "other": None,
}


def fold(text: str) -> str:
    """Look-up key: case-folded, accents removed, quotes and dashes unified, spaces collapsed."""
    if text.isascii():  # the common case: nothing to decompose or unify (a third of the start-up time)
        return " ".join(text.split()).casefold()
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("’", "'").replace("‘", "'").replace("‐", "-").replace("–", "-").replace("—", "-")
    return re.sub(r"\s+", " ", text).strip().casefold()


def parse_date(value: object) -> dt.date | None:
    """A KB date: ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY`` (a date object from YAML too); None for null."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    for fmt, length in (("%Y-%m-%d", 10), ("%Y-%m", 7), ("%Y", 4)):
        if len(text) == length:
            try:
                return dt.datetime.strptime(text, fmt).date()
            except ValueError:
                break
    raise ValueError(f"not a date: {value!r}")


@dataclass(slots=True)
class Role:
    position: str
    title: str
    start: dt.date | None = None
    end: dt.date | None = None
    org: str | None = None

    def active(self, on: dt.date | None) -> bool:
        if on is None:
            return self.end is None
        return (self.start is None or self.start <= on) and (self.end is None or on <= self.end)


@dataclass(slots=True)
class Membership:
    country: str
    start: dt.date | None = None
    end: dt.date | None = None

    def active(self, on: dt.date | None) -> bool:
        if on is None:
            return self.end is None
        return (self.start is None or self.start <= on) and (self.end is None or on < self.end)


@dataclass(slots=True)
class Entry:
    """One actor of the knowledge base."""

    id: str
    name: str
    kind: str
    country: str | None = None  # iso3 of a state itself, or of the country an actor belongs to
    wikidata: str | None = None
    code: str | None = None  # PLOVER country-name code for international actors: IGO, UNO, EUR, NGO, IMG
    cameo: str | None = None
    iso2: str | None = None
    official: str | None = None
    status: str | None = None
    sovereign: str | None = None
    region: str | None = None
    medium: str | None = None
    gender: str | None = None
    parent: str | None = None
    sector: str | None = None  # PLOVER sector of an organisation (agencies: GOV, MIL, COP, SPY, JUD, LEG)
    aliases: list[str] = field(default_factory=list)
    acronyms: list[str] = field(default_factory=list)
    adjectives: list[str] = field(default_factory=list)
    demonyms: list[str] = field(default_factory=list)
    metonyms: list[str] = field(default_factory=list)
    descriptions: list[str] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    members: list[Membership] = field(default_factory=list)
    partners: list[str] = field(default_factory=list)
    # a collective ("the West"): the organisations whose member states it stands for when the text named them
    within: list[str] = field(default_factory=list)
    source: str | None = None  # the file it came from

    def role_on(self, on: dt.date | None) -> Role | None:
        """The most senior role held on ``on`` (the latest started among those active)."""
        active = [r for r in self.roles if r.active(on)]
        if not active:
            return None
        rank = list(POSITION_SECTOR)
        return min(active, key=lambda r: (rank.index(r.position) if r.position in rank else 99, -_ord(r.start)))

    def last_role_before(self, on: dt.date | None) -> Role | None:
        ended = [r for r in self.roles if r.end is not None and (on is None or r.end < on)]
        return max(ended, key=lambda r: _ord(r.end)) if ended else None

    def members_on(self, on: dt.date | None) -> list[str]:
        return [m.country for m in self.members if m.active(on)]


def _ord(d: dt.date | None) -> int:
    return d.toordinal() if d else 0


@dataclass(slots=True)
class SectorLexicon:
    codes: dict[str, str] = field(default_factory=dict)
    nouns: dict[str, str] = field(default_factory=dict)  # folded noun phrase -> sector code
    former_prefixes: list[str] = field(default_factory=list)
    titles: dict[str, tuple[str, str]] = field(default_factory=dict)  # folded title -> (position, sector)
    not_actors: list[str] = field(default_factory=list)  # fixed expressions that name no actor ("Swiss cheese")
    honorifics: list[str] = field(default_factory=list)  # "Mr", "Dr", "Sir": a person's name follows
    title_countries: dict[str, str] = field(default_factory=dict)  # folded title (no stop) -> country
    country_tags: list[tuple[re.Pattern[str], str]] = field(default_factory=list)  # "(D-Calif.)" -> USA

    def country_of_title(self, words: str) -> str | None:
        """The country a title or a tag near a name says by itself ("Rep.", "R-Ky."), or None."""
        folded = fold(words).strip()
        for n in range(min(3, len(folded.split())), 0, -1):
            title = " ".join(folded.split()[-n:]).rstrip(".")
            if title in self.title_countries:
                return self.title_countries[title]
        return next((country for pattern, country in self.country_tags if pattern.search(words)), None)


class KnowledgeBase:
    """Entries and indices.  Surface forms are looked up folded (see :func:`fold`), acronyms exactly."""

    def __init__(self, entries: list[Entry], sectors: SectorLexicon | None = None) -> None:
        self.entries: dict[str, Entry] = {}
        self.sectors = sectors or SectorLexicon()
        self.names: dict[str, list[str]] = defaultdict(list)
        self.acronyms: dict[str, list[str]] = defaultdict(list)
        self.adjectives: dict[str, list[str]] = defaultdict(list)
        self.demonyms: dict[str, list[str]] = defaultdict(list)
        self.metonyms: dict[str, list[str]] = defaultdict(list)
        self.descriptions: dict[str, list[str]] = defaultdict(list)
        self.by_country_code: dict[str, str] = {}
        self.holders_index: dict[tuple[str, str], list[str]] = defaultdict(list)
        self.surnames: dict[str, list[str]] = defaultdict(list)  # folded last name -> people
        for entry in entries:
            self.add(entry)

    def add(self, entry: Entry) -> None:
        if entry.id in self.entries:
            raise ValueError(f"duplicate actor id {entry.id!r} ({entry.source} and {self.entries[entry.id].source})")
        self.entries[entry.id] = entry

        def put(index: dict[str, list[str]], key: str) -> None:
            if key and entry.id not in index[key]:
                index[key].append(entry.id)

        for name in [entry.name, entry.official or "", *entry.aliases]:
            put(self.names, fold(_strip_article(name)) if name else "")
        for acr in entry.acronyms:
            put(self.acronyms, acr)
        for adj in entry.adjectives:
            put(self.adjectives, fold(adj))
        for dem in entry.demonyms:
            put(self.demonyms, fold(dem))
        for met in entry.metonyms:
            put(self.metonyms, fold(met))
        for desc in entry.descriptions:
            put(self.descriptions, fold(_strip_article(desc)))
        if entry.kind == "state" and entry.country:
            self.by_country_code[entry.country] = entry.id
            if entry.cameo:
                self.by_country_code.setdefault(entry.cameo, entry.id)
        if entry.kind == "person":
            for name in [entry.name, *entry.aliases]:
                parts = name.split()
                if len(parts) > 1:
                    put(self.surnames, fold(parts[-1]))
        for role in entry.roles:
            key = (role.org or entry.country or "", role.position)
            if entry.id not in self.holders_index[key]:
                self.holders_index[key].append(entry.id)

    def __len__(self) -> int:
        return len(self.entries)

    def get(self, actor_id: str) -> Entry | None:
        return self.entries.get(actor_id)

    def state(self, code: str) -> Entry | None:
        """The state with this ISO3 (or CAMEO) code."""
        actor_id = self.by_country_code.get(code)
        return self.entries.get(actor_id) if actor_id else None

    def holders(self, country: str, position: str, on: dt.date | None) -> list[Entry]:
        """People holding ``position`` for ``country`` (an iso3 or an organisation id) on ``on``."""
        out = []
        for actor_id in self.holders_index.get((country, position), []):
            entry = self.entries[actor_id]
            if any(
                r.position == position and (r.org or entry.country) == country and r.active(on) for r in entry.roles
            ):
                out.append(entry)
        return out

    def lookup(self, surface: str) -> list[Entry]:
        """Entries a surface form may name: acronym (exact case) first, then names and metonyms."""
        ids = list(self.acronyms.get(surface.strip(), []))
        key = fold(_strip_article(surface))
        for index in (self.names, self.metonyms, self.descriptions):
            for actor_id in index.get(key, []):
                if actor_id not in ids:
                    ids.append(actor_id)
        return [self.entries[i] for i in ids]


def _strip_article(text: str) -> str:
    """Without a leading article or a trailing possessive: "the U.N.'s" -> "U.N."."""
    text = re.sub(r"^(?:the|a|an)\s+", "", text.strip(), flags=re.I)
    return re.sub(r"\s*['’]s?$", "", text) if re.search(r"\w['’]s?$", text) else text
