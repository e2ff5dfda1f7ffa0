"""Inline markup inside paragraphs, prepared before boilerplate removal.

Two page-independent repairs, each a failure of class-name boilerplate removal on running prose:

* **Words inside a sentence are content.**  trafilatura's precision mode discards elements by their
  class or id (``link``, ``bottom``, ``share``...).  When such an element is an inline wrapper in the
  middle of a paragraph (``reported that <span class="link"><a>the NFL will fine Rudolph</a></span> for
  his role``), discarding it cuts words out of a sentence.  An inline element with prose on both
  sides within its paragraph loses its ``class``/``id`` -- unless they mark it hidden (screen-reader
  text, ``hidden``), which is not part of the sentence either.
* **Pop-up cards are not.**  A person's name linked to a hover card that holds more links (their
  latest articles) is printed as ``Ilhan OmarIlhan OmarHillicon Valley: ...`` once the styles are
  gone.  An inline element inside a paragraph whose text is almost all the text of three or more
  links, and that is not itself a link, is such a widget and is removed (its tail is kept).

trafilatura offers no hook for either (its pruning runs on its own copy of the tree), so the tree is
prepared before it is handed over.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

INLINE_TAGS = frozenset(
    ("span", "a", "em", "strong", "b", "i", "u", "font", "small", "mark", "abbr", "cite", "q", "sup", "sub", "time")
)
BLOCK_PARENTS = frozenset(("p", "li", "blockquote", "td", "dd"))
HIDDEN_MARK = re.compile(r"hidden|hide|sr-only|screen-reader|visually|offscreen|invisible|noprint", re.I)

#: A paragraph widget holds at least this many links ...
WIDGET_MIN_LINKS = 3
#: ... and its text is at least this share link text.
WIDGET_LINK_SHARE = 0.8
#: Prose on each side: at least this many word characters in the paragraph outside the element.
SIDE_CHARS = 3

_WORD = re.compile(r"\w")


def prepare_inline(tree: HtmlElement) -> None:
    """Drop link-card widgets inside paragraphs, then protect mid-sentence inline wrappers."""
    blocks = list(tree.iter(*BLOCK_PARENTS))
    widgets: list[HtmlElement] = []
    for block in blocks:
        for child in block:
            if child.tag in INLINE_TAGS and len(child.findall(".//a")) >= WIDGET_MIN_LINKS:
                _find_widgets(child, widgets)
    for el in widgets:
        if el.getparent() is not None:
            _drop_keep_tail(el)
    for block in blocks:
        for el in block.iter(*INLINE_TAGS):
            if not (el.get("class") or el.get("id")) or el is block:
                continue
            if HIDDEN_MARK.search(f"{el.get('class', '')} {el.get('id', '')}") or el.get("aria-hidden") == "true":
                continue
            if _block_parent(el) is block and _mid_sentence(el, block):
                el.attrib.pop("class", None)
                el.attrib.pop("id", None)


def _block_parent(el: HtmlElement) -> HtmlElement | None:
    """The paragraph-like block the element runs inside, crossing only inline elements."""
    node = el.getparent()
    while node is not None and isinstance(node.tag, str):
        if node.tag in BLOCK_PARENTS:
            return node
        if node.tag not in INLINE_TAGS:
            return None
        node = node.getparent()
    return None


def _find_widgets(el: HtmlElement, out: list[HtmlElement]) -> None:
    """The widgets at or under an inline element: the element itself, unless it also holds words of
    the sentence (a linked name followed by its card), in which case the widgets among its children."""
    children = [c for c in el if isinstance(c.tag, str) and c.tag in INLINE_TAGS]
    if not _is_widget(el):
        for child in children:
            _find_widgets(child, out)
        return
    inner = [c for c in children if _is_widget(c)]
    outside = _squash(el.text_content())
    for child in inner:
        outside = outside.replace(_squash(child.text_content()), "", 1)
    if inner and _WORD.search(outside):
        out.extend(inner)
    else:
        out.append(el)


def _is_widget(el: HtmlElement) -> bool:
    if el.tag == "a":
        return False
    links = el.findall(".//a")
    if len(links) < WIDGET_MIN_LINKS:
        return False
    text = _squash(el.text_content())
    if not text:
        return False
    link_chars = sum(len(_squash(a.text_content())) for a in links)
    return link_chars >= WIDGET_LINK_SHARE * len(text)


def _mid_sentence(el: HtmlElement, block: HtmlElement) -> bool:
    """True when the block has word characters both before and after the element."""
    before: list[str] = []
    after: list[str] = [el.tail or ""]
    node = el
    while node is not block:
        parent = node.getparent()
        before.append(parent.text or "")
        seen = False
        for sib in parent:
            if sib is node:
                seen = True
                continue
            text = (sib.text_content() if isinstance(sib.tag, str) else "") + (sib.tail or "")
            (after if seen else before).append(text)
        if parent is not block:
            after.append(parent.tail or "")
        node = parent
    return _words(before) >= SIDE_CHARS and _words(after) >= SIDE_CHARS


def _words(pieces: list[str]) -> int:
    return len(_WORD.findall("".join(pieces)))


def _squash(text: str) -> str:
    return "".join(text.split())


def _drop_keep_tail(el: HtmlElement) -> None:
    parent = el.getparent()
    tail = el.tail or ""
    prev = el.getprevious()
    if tail:
        if prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(el)
