"""Cleaning scraped article text.

Scrapers and extractors leave page furniture in the text: breadcrumb trails,
category and tag lines, widget labels ("Translate", "Share", "Read also: ..."),
credit lines ("Source : CNBC", "(Reuters) -", "-- AFP"), and paragraphs printed
twice.  :func:`clean_text` removes them, records what it removed, turns credit
lines into ``credited_source``, fixes mojibake with ftfy, and keeps an
:class:`~newsgraph.model.OffsetMap` from the cleaned text back to its input.

The patterns are data (``data/boilerplate.yaml``); this module only knows the
shapes: where a header ends, what a breadcrumb and a credit line look like,
when two paragraphs are the same.

Why our own code: trafilatura cleans HTML, not text that was already scraped
(the plain-text files and JSON Lines rows that analysts pass around); and no
library keeps offsets back to the input through such cleaning.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import ftfy
import yaml

from newsgraph.model import OffsetMap, Segment

# Line breaks are the splitter's business (``\r`` included), not ftfy's: a break that ftfy made
# inside a line would split it only when the text is cleaned again.
_FTFY_CONFIG = ftfy.TextFixerConfig(
    uncurl_quotes=False, fix_character_width=False, fix_line_breaks=False, normalization="NFC"
)
# Any line break left inside one line after fixing (U+2028, NEL) reads as a space.
_INNER_BREAK_RE = re.compile(r"[\r\n\v\f\x85\u2028\u2029]")

# A paragraph whose shingles overlap a kept one's this much is a near-duplicate.
NEAR_DUPLICATE_JACCARD = 0.8
_SHINGLE = 3
# Paragraphs shorter than this are never de-duplicated (see _dedupe).
DEDUPE_MIN_WORDS = 10
DEDUPE_LONG_WORDS = 40
# Near-duplicate search is quadratic; past this many paragraphs only exact duplicates are removed.
_NEAR_DUPLICATE_MAX_PARAGRAPHS = 1500

_SENTENCE_END = tuple(".!?:;\"”’'»)…")


@dataclass(slots=True)
class Cleaned:
    text: str
    paragraphs: list[str]
    title: str | None = None
    credited_source: str | None = None
    author: str | None = None
    duplicates_removed: int = 0
    boilerplate: list[str] = field(default_factory=list)
    offsets: OffsetMap = field(default_factory=OffsetMap)


@dataclass(slots=True)
class _Para:
    text: str
    raw_start: int
    raw_end: int


@dataclass(frozen=True, slots=True)
class _Lexicon:
    widget_labels: frozenset[str]
    widget_prefix_re: re.Pattern[str]
    credit_re: re.Pattern[str]
    staff_credit_re: re.Pattern[str]
    breadcrumb_roots: frozenset[str]
    breadcrumb_split_re: re.Pattern[str]


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    raw = yaml.safe_load(resources.files("newsgraph.ingest").joinpath("data/boilerplate.yaml").read_text("utf-8"))

    def alts(items: list[str]) -> str:
        return "|".join(re.escape(str(i)) for i in sorted(items, key=len, reverse=True))

    seps = "".join(re.escape(s) for s in raw["breadcrumb_separators"])
    return _Lexicon(
        widget_labels=frozenset(_key(str(w)) for w in raw["widget_labels"]),
        widget_prefix_re=re.compile(rf"^\W*(?:{alts(raw['widget_prefixes'])})(?:\s*[:：\-–—|»]|\s*$)", re.I),
        credit_re=re.compile(rf"^\W*(?:{alts(raw['credit_labels'])})\s*[:：]\s*(?P<src>\S.{{0,60}}?)\s*$", re.I),
        staff_credit_re=re.compile(rf"^\W*(?:{alts(raw['staff_credit_prefixes'])})\b", re.I),
        breadcrumb_roots=frozenset(_key(str(w)) for w in raw["breadcrumb_roots"]),
        # Linear: a separator match starts only where a run of spaces starts, and does not backtrack.
        breadcrumb_split_re=re.compile(rf"(?<!\s)(?:\s++[{seps}]\s+|\s*+[»›→‣]\s*)"),
    )


def _key(text: str) -> str:
    """Comparison key: case-folded words only."""
    return " ".join(re.findall(r"\w+", text.casefold()))


# "WASHINGTON (Reuters) - ", "(AP) -- ", "KYIV, Ukraine (AP) — "
_LEAD_CREDIT_RE = re.compile(
    r"^(?P<dateline>(?:[A-Z][\w.'’-]*,?\s+){0,5})"
    r"\((?P<src>[A-Z][\w.&]*(?:\s[A-Z][\w.&]*){0,3})\)\s*[-–—]{1,2}\s*"
)
# "... text. -- AFP", "— Reuters" on its own line or at the very end.
_TAIL_CREDIT_RE = re.compile(r"(?:^|\s)[-–—]{1,2}\s*(?P<src>[A-Z][A-Za-z]{1,12}(?:/[A-Z][A-Za-z]{1,12})?)\s*$")
_BYLINE_RE = re.compile(r"^(?:by|oleh|por|von|par)\s++(?P<name>[A-Z][\w.'’-]++(?:\s++[A-Z][\w.'’-]++){0,4})\s*$")


def clean_text(text: str, *, title: str | None = None, extracted: bool = False) -> Cleaned:
    """Clean one article's text.

    ``title`` is the title if the caller already knows it (HTML metadata, a
    JSON Lines field); a line repeating it is then dropped from the body.
    Without it, the title is read from the header lines of the text.

    ``extracted`` says the text comes from a main-text extractor that read the
    page's structure (our HTML path): the header and footer heuristics for
    tag lines, meant for flat scraped text, are then left out, since short
    lines an extractor kept are content (table cells, captions, list items).
    """
    lex = _lexicon()
    # Mojibake and entities are fixed first, so that a line is judged by what it will read as
    # ("&amp;amp;" is a separator once fixed): cleaning its own output then changes nothing.
    # Stripped again after fixing: "Â " is mojibake for a no-break space, which becomes a plain one.
    lines = [_Para(_fix(p.text).strip(), p.raw_start, p.raw_end) for p in _split_lines(text)]
    lines = [p for p in lines if p.text]
    out = Cleaned(text="", paragraphs=[])

    # 1. Line-level furniture anywhere in the text.
    kept: list[_Para] = []
    crumb_title: str | None = None
    for para in lines:
        kind, value = _classify(para.text, lex)
        if kind is None:
            kept.append(para)
            continue
        out.boilerplate.append(para.text)
        if kind == "credit" and value and out.credited_source is None:
            out.credited_source = value
        elif kind == "breadcrumb" and value:
            crumb_title = crumb_title or value
        elif kind == "byline" and value:
            out.author = out.author or value

    # 2. Header (lines before the first body paragraph): title and tag lines.
    header_lines = kept
    kept = _strip_header(kept, title, crumb_title, out, tag_lines=not extracted)
    only_title = out.title and (title is None or title.strip() == out.title)
    if not kept and only_title and len(re.findall(r"\w+", out.title)) >= 3:
        # The only line read as a headline ("NATO leaders meet in Vilnius", no full stop): a one-line
        # text of a sentence's length (the headline rule's three words) is its own body, not a title
        # over nothing (issue #10, item 19); so it stays when cleaned again with that title given.
        kept = [p for p in header_lines if p.text.strip() == out.title]
    # 3. Footer: short label lines after the last body paragraph.
    if not extracted:
        kept = _strip_footer(kept, out)
    # 4. Credit prefixes and suffixes inside paragraphs.
    kept = [_strip_credits(p, out) for p in kept]
    kept = [p for p in kept if p.text]
    # 6. Paragraphs printed more than once.
    kept, out.duplicates_removed = _dedupe(kept)

    segments: list[Segment] = []
    pos = 0
    for i, p in enumerate(kept):
        if i:
            pos += 2
        segments.append(Segment(pos, pos + len(p.text), p.raw_start, p.raw_end))
        pos += len(p.text)
    out.paragraphs = [p.text for p in kept]
    out.text = "\n\n".join(out.paragraphs)
    out.offsets = OffsetMap(segments)
    if out.title is None and title:
        out.title = title
    return out


def _split_lines(text: str) -> list[_Para]:
    """Split into paragraphs with their raw spans.

    Blank lines separate blocks.  Inside a block, hard-wrapped prose (most
    lines long and not ending a sentence) is joined into one paragraph;
    otherwise each line is its own paragraph, as extractors and scrapers
    write them.
    """
    paras: list[_Para] = []
    # "\r\n" and a lone "\r" (old Mac files, some scrapers) break lines as "\n" does.
    for block in re.finditer(r"[^\r\n]+(?:(?:\r\n?|\n)[ \t]*[^\s][^\r\n]*)*", text):
        lines = [(m.start() + block.start(), m.end() + block.start()) for m in re.finditer(r"[^\r\n]+", block.group())]
        lines = [(s, e) for s, e in lines if text[s:e].strip()]
        if not lines:
            continue
        if _is_wrapped([text[s:e].strip() for s, e in lines]):
            start, end = _trim(text, lines[0][0], lines[-1][1])
            body = re.sub(r"[ \t]*(?:\r\n?|\n)[ \t]*", " ", text[start:end])
            paras.append(_Para(body, start, end))
        else:
            for s, e in lines:
                s, e = _trim(text, s, e)
                paras.append(_Para(text[s:e], s, e))
    return paras


def _is_wrapped(lines: list[str]) -> bool:
    if len(lines) < 2:
        return False
    if len(lines) == 2:
        return lines[1][:1].islower() and not lines[0].endswith(_SENTENCE_END)
    body = lines[:-1]
    long_lines = sum(1 for line in body if 40 <= len(line) <= 110)
    open_ends = sum(1 for line in body if not line.endswith(_SENTENCE_END))
    continued = sum(1 for nxt in lines[1:] if nxt[:1].islower())
    return long_lines >= 0.8 * len(body) and (open_ends >= 0.5 * len(body) or continued >= 0.5 * len(body))


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _classify(line: str, lex: _Lexicon) -> tuple[str | None, str | None]:
    """Return (kind, value) for a furniture line, (None, None) for content."""
    key = _key(line)
    if not key:
        # Lines of punctuation only ("***", "---") are separators.
        return ("separator", None) if len(line) < 80 else (None, None)
    if len(line) <= 60 and key in lex.widget_labels:
        return "widget", None
    crumbs = [c for c in lex.breadcrumb_split_re.split(line) if c.strip()]
    if len(crumbs) >= 2 and (_key(crumbs[0]) in lex.breadcrumb_roots or _has_crumb_marks(line)):
        return "breadcrumb", crumbs[-1].strip()
    m = lex.credit_re.match(line)
    if m and len(m.group("src").split()) <= 6:
        return "credit", m.group("src").strip(" .")
    if len(line) <= 200 and lex.widget_prefix_re.match(line):
        return "widget", None
    if len(line) <= 200 and lex.staff_credit_re.match(line):
        return "staff", None
    m = _TAIL_CREDIT_RE.fullmatch(line.strip()) if len(line) <= 20 else None
    if m:
        return "credit", m.group("src")
    m = _BYLINE_RE.match(line.strip())
    if m:
        return "byline", m.group("name")
    return None, None


def _has_crumb_marks(line: str) -> bool:
    """A trail of short crumbs joined by two or more arrow marks ("World › Asia › Japan")."""
    marks = sum(line.count(ch) for ch in "»›→‣")
    if marks < 2 or len(line) > 250 or line.rstrip().endswith((".", "!", "?")):
        return False
    return all(len(c.split()) <= 8 for c in re.split(r"[»›→‣]", line)[:-1])


def _is_body(text: str) -> bool:
    """A line that reads as article prose rather than a heading or label."""
    words = text.split()
    if len(words) >= 15:
        return True
    return len(words) >= 6 and text.rstrip().endswith(_SENTENCE_END) and not text.rstrip().endswith(":")


def _is_tag_line(text: str) -> bool:
    """Category or tag lists: short, every word capitalised, no sentence punctuation."""
    words = text.split()
    if not words or len(words) > 8 or any(ch in text for ch in ",.;:!?\"“”’'"):
        return False
    return all(w[:1].isupper() or w[:1].isdigit() or w in {"&", "-", "|", "/"} for w in words)


def _strip_header(
    paras: list[_Para], title: str | None, crumb_title: str | None, out: Cleaned, tag_lines: bool = True
) -> list[_Para]:
    """Find the title among the header lines and drop the tag lines around it.

    The header is what precedes the first line of prose.  The title is the
    given one, else the last crumb of a breadcrumb trail when a header line
    repeats it, else the first header line that reads as a headline.
    """
    first_body = next((i for i, p in enumerate(paras) if _is_body(p.text)), len(paras))
    header, rest = paras[:first_body], paras[first_body:]
    known = _key(title or "")
    if not known and crumb_title and any(_key(p.text) == _key(crumb_title) for p in header):
        known = _key(crumb_title)
    title_idx: int | None = None
    if known:
        title_idx = next((i for i, p in enumerate(header) if _key(p.text) == known), None)
        if title_idx is None and rest and _key(rest[0].text) == known:
            rest = rest[1:]  # the title printed as the first paragraph
    if title_idx is None and title is None and header:
        # The title is the first header line that reads as a headline, not a tag list.
        title_idx = next(
            (i for i, p in enumerate(header) if len(p.text.split()) >= 3 and not _is_tag_line(p.text)), None
        )
        if title_idx is None:
            # Only Title Case lines: the longest one with a few words is the headline.
            candidates = [(len(p.text), i) for i, p in enumerate(header) if len(p.text.split()) >= 2]
            title_idx = max(candidates)[1] if candidates else None
    if not known and title_idx is not None:
        # A header line repeating the chosen headline goes with it, as it would if the title were given.
        known = _key(header[title_idx].text)
    kept: list[_Para] = []
    for i, p in enumerate(header):
        if i == title_idx:
            out.title = out.title or p.text.strip()
            continue
        if _key(p.text) == known and known:
            continue
        if tag_lines and _is_tag_line(p.text) and title_idx is not None:
            out.boilerplate.append(p.text)
            continue
        kept.append(p)
    # Repeats of the title inside the body are dropped as well.
    if out.title:
        tkey = _key(out.title)
        rest = [p for p in rest if _key(p.text) != tkey]
    return kept + rest


def _strip_footer(paras: list[_Para], out: Cleaned) -> list[_Para]:
    last_body = max((i for i, p in enumerate(paras) if _is_body(p.text)), default=-1)
    if last_body < 0:
        return paras
    kept = paras[: last_body + 1]
    for p in paras[last_body + 1 :]:
        if _is_tag_line(p.text) and len(p.text.split()) <= 4:
            out.boilerplate.append(p.text)
        else:
            kept.append(p)
    return kept


def _strip_credits(p: _Para, out: Cleaned) -> _Para:
    text, start, end = p.text, p.raw_start, p.raw_end
    m = _LEAD_CREDIT_RE.match(text)
    if m and len(m.group(0)) < 80:
        # The dateline ("WASHINGTON (AP) —") opens the story as published: it stays in
        # the text, and names the agency the story is credited to.
        out.credited_source = out.credited_source or m.group("src")
    m = _TAIL_CREDIT_RE.search(text)
    if m and len(text) > len(m.group(0)) + 20 and text[: m.start()].rstrip().endswith(_SENTENCE_END):
        out.boilerplate.append(m.group(0).strip())
        out.credited_source = out.credited_source or m.group("src")
        cut = len(text[: m.start()].rstrip())
        end -= len(text) - cut
        text = text[:cut]
    return _Para(text, start, end)


# Unicode spaces become plain spaces, one for one (offsets stay exact).
_SPACES = str.maketrans({c: " " for c in "\u00a0\u202f\u205f\u3000\t" + "".join(map(chr, range(0x2000, 0x200B)))})


def _fix(text: str) -> str:
    if text.isascii():
        return text.translate(_SPACES)
    # ftfy is not idempotent on its own ("\xa0À\x86" fixes to "À†", which it reads as mojibake the
    # next time): a line it changed is fixed again until it stops changing, so that cleaning
    # cleaned text changes nothing.  Lines ftfy leaves alone (most) cost one pass.
    for _ in range(4):
        fixed = _INNER_BREAK_RE.sub(" ", ftfy.fix_text(text, config=_FTFY_CONFIG)).translate(_SPACES)
        if fixed == text:
            break
        text = fixed
    return text


def _shingles(key: str) -> set[tuple[str, ...]]:
    words = key.split()
    if len(words) < _SHINGLE:
        return {tuple(words)}
    return {tuple(words[i : i + _SHINGLE]) for i in range(len(words) - _SHINGLE + 1)}


def _dedupe(paras: list[_Para]) -> tuple[list[_Para], int]:
    """Drop exact and near-duplicate paragraphs, keeping the first of each.

    Scraped pages print paragraphs twice in runs (a block of paragraphs
    repeated) or repeat a long paragraph; articles themselves repeat short
    lines ("See it now: Amazon" under every item of a gift guide, a meal
    plan's dishes).  So a repeat is dropped when it is long
    (``DEDUPE_LONG_WORDS`` words or more), or when it is prose
    (``DEDUPE_MIN_WORDS`` or more) next to another repeat.  Repeated page
    furniture is the widget lexicon's job.
    """
    repeats = _find_repeats(paras)
    kept: list[_Para] = []
    removed = 0
    for i, p in enumerate(paras):
        words = repeats.get(i)
        if words is not None and (words >= DEDUPE_LONG_WORDS or (i - 1) in repeats or (i + 1) in repeats):
            removed += 1
            continue
        kept.append(p)
    return kept, removed


def _find_repeats(paras: list[_Para]) -> dict[int, int]:
    """Index -> word count of each prose paragraph that repeats an earlier one."""
    seen: set[str] = set()
    kept_shingles: list[tuple[int, set[tuple[str, ...]]]] = []
    repeats: dict[int, int] = {}
    near = len(paras) <= _NEAR_DUPLICATE_MAX_PARAGRAPHS
    for i, p in enumerate(paras):
        key = _key(unicodedata.normalize("NFKC", p.text))
        words = len(key.split())
        if words < DEDUPE_MIN_WORDS:
            continue
        if key in seen:
            repeats[i] = words
            continue
        seen.add(key)
        if not near:
            continue
        sh = _shingles(key)
        n = len(sh)
        for m, other in kept_shingles:
            if min(n, m) / max(n, m) >= NEAR_DUPLICATE_JACCARD and len(sh & other) / len(sh | other) >= (
                NEAR_DUPLICATE_JACCARD
            ):
                repeats[i] = words
                break
        else:
            kept_shingles.append((n, sh))
    return repeats
