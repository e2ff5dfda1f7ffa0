"""Quotations on the characters: straight and curly marks, doubled apostrophes, quotations over
paragraphs, nested ones and headline single quotes.
"""

from __future__ import annotations

from newsgraph.nlp.statements.spans import CLOSE_DOUBLE, OPEN_DOUBLE


def find_quotes(text: str) -> list[tuple[int, int, bool]]:
    """Top-level quotations of ``text`` as ``(start, end, closed)`` character spans, marks included.

    A quotation open at the end of a paragraph continues when the next paragraph opens with a
    quotation mark (the convention for a quotation over several paragraphs); otherwise it ends
    with its paragraph.  Quotations inside a quotation are part of it.
    """
    out: list[tuple[int, int, bool]] = []
    pending: tuple[int, int] | None = None  # an open quotation carried over a paragraph break
    pos = 0
    first_para = len(text) - len(text.lstrip())
    for para in text.split("\n"):
        start_of_para = pos
        pos += len(para) + 1
        if not para.strip():
            continue
        spans = _para_quotes(para)
        if start_of_para == first_para and not spans and len(para) < 200:
            spans = _headline_single_quotes(para)
        if pending is not None:
            first = spans[0] if spans else None
            lead = len(para) - len(para.lstrip())
            if first is not None and first[0] == lead and _family(para[lead]) == _family(text[pending[0]]):
                s, e, closed = first
                spans[0] = (pending[0] - start_of_para, e, closed)
            else:
                out.append((pending[0], pending[1], False))
            pending = None
        for s, e, closed in spans:
            if not closed and e >= len(para.rstrip()):
                pending = (start_of_para + s, start_of_para + len(para.rstrip()))
            else:
                out.append((start_of_para + s, start_of_para + e, closed))
    if pending is not None:
        out.append((pending[0], pending[1], False))
    return out


def _headline_single_quotes(para: str) -> list[tuple[int, int, bool]]:
    """A headline's quotations in straight single marks ("Obama Sees 'Personal Insult' if ..."), in a
    headline with no double marks: an opening mark after a space, a closing one before a space or a
    stop.  Apostrophes ("Don't", "aides'") open nothing."""
    if any(c in para for c in '"“”„«»'):
        return []
    spans = []
    n = len(para)
    i = 0
    while i < n:
        if para[i] == "'" and (i == 0 or not _is_word(para[i - 1])) and i + 1 < n and _is_word(para[i + 1]):
            j = i + 1
            while j < n:
                if para[j] == "'" and not para[j - 1].isspace() and (j + 1 >= n or not _is_word(para[j + 1])):
                    break
                j += 1
            if j < n:
                spans.append((i, j + 1, True))
                i = j + 1
                continue
        i += 1
    return spans


def _family(ch: str) -> str:
    """Straight marks and curly marks: a quotation reopened in the next paragraph uses the same."""
    return "straight" if ch in "\"'`" else "curly"


def _is_word(ch: str) -> bool:
    return ch.isalnum()


def _para_quotes(para: str, nest: bool = True) -> list[tuple[int, int, bool]]:
    """The quotations of one paragraph.  With ``nest``, an opening mark inside a curly quotation
    opens a quotation inside it; when that leaves the paragraph unbalanced, the paragraph is read
    again with a second opening mark taken as the start of a new quotation (the first one lost its
    closing mark)."""
    spans: list[tuple[int, int, bool]] = []
    n = len(para)
    i = 0
    lead = n - len(para.lstrip())
    if para[lead : lead + 1] == '"' and para.count('"') == 1 and any(c in para for c in "“”"):
        # a straight mark opening a paragraph that never closes, among curly quotations: the marker of a
        # block quotation ('"Trump walked onto the stage, chanting “U-S-A!”'), not a quotation
        i = lead + 1
    open_at = -1
    depth = 0
    kind = ""  # the family of the open quotation: "curly" | "straight"
    while i < n:
        ch = para[i]
        prev = para[i - 1] if i else " "
        nxt = para[i + 1] if i + 1 < n else " "
        two = para[i : i + 2]
        if two in ("''", "``") and (open_at < 0 or kind == "straight"):
            ch, width = '"', 2
            nxt = para[i + 2] if i + 2 < n else " "
        else:
            width = 1
        if open_at < 0:
            if (
                ch in OPEN_DOUBLE
                or (ch in CLOSE_DOUBLE and not _is_word(prev) and _is_word(nxt))
                or (ch in CLOSE_DOUBLE and not para[:i].strip() and para[i + 1 :].strip())
            ):
                # a closing mark misused to open ("”Fear. ..."), or opening its paragraph ("” … he said")
                open_at, kind = i, "curly"
            elif ch == '"' and not _is_word(prev) and not nxt.isspace():
                open_at, kind = i, "straight"
            elif ch == "‘" and not _is_word(prev) and not nxt.isspace():
                end = _single_close(para, i + 1)
                if end > 0:
                    spans.append((i, end, True))
                    i = end
                    continue
        elif kind == "curly":
            closes = (
                ch in CLOSE_DOUBLE
                or (ch == '"' and not prev.isspace() and not _is_word(nxt))
                # an opening mark misused to close ('were “Mostly False.“'): after a word or a stop, before a space
                or (ch in OPEN_DOUBLE and not prev.isspace() and i > 0 and (nxt.isspace() or i + 1 == n))
            )
            if closes and depth > 0 and ch in CLOSE_DOUBLE:
                depth -= 1
            elif closes and depth == 0:
                spans.append((open_at, i + 1, True))
                open_at = -1
            elif ch in OPEN_DOUBLE and (prev.isspace() or i == 0 or not _is_word(prev)):
                if nest:
                    depth += 1
                else:
                    # a second opening mark: the first quotation lost its closing mark
                    spans.append((open_at, _trim_right(para, i), False))
                    open_at = i
        elif kind == "straight" and (ch == '"' or (ch in CLOSE_DOUBLE and not _is_word(nxt))):
            spans.append((open_at, i + width, True))
            open_at = -1
        i += width
    if open_at >= 0:
        if depth > 0 and nest:
            return _para_quotes(para, nest=False)
        spans.append((open_at, len(para.rstrip()), False))
    return spans


def _single_close(para: str, i: int) -> int:
    """The end of a single-quoted span opened just before ``i`` (a headline's quotation), or -1."""
    n = len(para)
    while i < n:
        ch = para[i]
        if ch in '“"':
            return -1
        if ch == "’" and (i + 1 >= n or not _is_word(para[i + 1])) and not para[i - 1].isspace():
            # "the Clintons’ house": a possessive, not a closing mark, when a word follows
            j = i + 1
            while j < n and para[j] == " ":
                j += 1
            if j < n and para[j].islower() and para[i - 1] == "s":
                i += 1
                continue
            return i + 1
        i += 1
    return -1


def _trim_right(text: str, i: int) -> int:
    while i > 0 and text[i - 1].isspace():
        i -= 1
    return i
