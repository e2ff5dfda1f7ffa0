"""Main-text extraction from HTML (newsgraph.ingest.html)."""

from __future__ import annotations

import pytest

from newsgraph.ingest.base import IngestError
from newsgraph.ingest.html import ExtractedPage, extract_html

PARAGRAPHS = [
    "The foreign ministers of Norway and Finland met in Oslo on Tuesday to discuss a joint plan "
    "for monitoring shipping in the Barents Sea, officials from both countries said afterwards.",
    "Under the draft agreement, the two coast guards would share radar data in real time and hold "
    "joint exercises twice a year, starting next spring, according to a statement from Oslo.",
    "Finland's minister said the plan was a response to a sharp rise in traffic along the northern "
    "route, and that Sweden had been invited to join the talks at a later stage.",
    "Norway's minister told reporters the arrangement was not directed at any third country and "
    "would be presented to parliament in both capitals before the end of the year.",
]

NAV = "Home News World Politics Business Sport Weather"
FOOTER = "Copyright 2024 Example Media Group. All rights reserved. Privacy policy. Terms of use."
SIDEBAR = ["Most read: Celebrity chef opens new restaurant", "Most read: Local team wins the derby"]


def page(
    body_paragraphs: list[str] = PARAGRAPHS,
    head: str = "",
    before: str = "",
    after: str = "",
    lang: str = "en",
) -> str:
    paras = "\n".join(f"<p>{p}</p>" for p in body_paragraphs)
    nav = "".join(f'<li><a href="/{w.lower()}">{w}</a></li>' for w in NAV.split())
    side = "".join(f'<li><a href="/story/{i}">{t}</a></li>' for i, t in enumerate(SIDEBAR))
    return f"""<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<title>Norway and Finland plan joint Barents patrols | Example News</title>
{head}
</head>
<body>
<header class="site-header"><nav class="main-nav"><ul>{nav}</ul></nav></header>
<main>
<article>
<h1>Norway and Finland plan joint Barents patrols</h1>
{before}
{paras}
{after}
</article>
<aside class="sidebar"><h3>Most read</h3><ul>{side}</ul></aside>
</main>
<footer class="site-footer"><p>{FOOTER}</p></footer>
</body>
</html>"""


def test_article_paragraphs_only() -> None:
    result = extract_html(page())
    assert isinstance(result, ExtractedPage)
    assert result.text.split("\n\n") == PARAGRAPHS
    for junk in ("Weather", "Celebrity chef", "All rights reserved", "Privacy policy"):
        assert junk not in result.text


def test_headline_is_not_repeated_in_text() -> None:
    result = extract_html(page())
    assert result.title == "Norway and Finland plan joint Barents patrols"
    assert "Norway and Finland plan joint Barents patrols" not in result.text


def test_metadata_from_meta_tags() -> None:
    head = """
<meta property="og:title" content="Nordic ministers agree on Barents monitoring">
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2024-03-05T09:30:00+01:00">
<meta name="author" content="Kari Nordmann">
<link rel="canonical" href="https://news.example.com/world/barents-patrols">
"""
    result = extract_html(page(head=head, lang="en-GB"), url="https://news.example.com/amp/1")
    assert result.title == "Nordic ministers agree on Barents monitoring"
    assert result.published == "2024-03-05"
    assert result.author == "Kari Nordmann"
    assert result.site == "Example News"
    assert result.url == "https://news.example.com/world/barents-patrols"
    assert result.language == "en-gb"


def test_url_falls_back_to_the_given_one() -> None:
    result = extract_html(page(), url="https://example.org/a/1")
    assert result.url == "https://example.org/a/1"
    assert result.published is None


def test_author_from_byline_when_no_meta_tag() -> None:
    before = '<p class="byline">By <a rel="author" href="/staff/jane">Jane Doe</a></p>'
    result = extract_html(page(before=before))
    assert result.author == "Jane Doe"


def test_broken_html() -> None:
    # Unclosed paragraphs and inline tags, stray end tags, no <head>.
    broken = (
        "<html><title>Barents</title><body><div class='story'><p>"
        + PARAGRAPHS[0]
        + "<p>"
        + PARAGRAPHS[1]
        + "</span><p>"
        + PARAGRAPHS[2]
        + " <b>Unclosed bold, <i>and italic.</p></table><p>"
        + PARAGRAPHS[3]
    )
    result = extract_html(broken)
    for p in PARAGRAPHS:
        assert p in result.text
    assert "Unclosed bold, and italic." in result.text
    assert result.title == "Barents"


def test_fragment_without_html_element() -> None:
    fragment = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    result = extract_html(fragment)
    assert result.text.split("\n\n") == PARAGRAPHS


def test_bytes_in_a_legacy_charset() -> None:
    paras = [p.replace("Finland's", "Suomen ministeri Päivi Räsänen, Finland's") for p in PARAGRAPHS]
    html = page(body_paragraphs=paras).replace('<meta charset="utf-8">', '<meta charset="windows-1252">')
    result = extract_html(html.encode("cp1252"))
    assert "Päivi Räsänen" in result.text


@pytest.mark.parametrize(
    "html",
    [
        "",
        "   ",
        b"",
        "<html><head><title>Nothing here</title></head><body><div></div></body></html>",
        "<html><body><nav><a href='/'>Home</a></nav><script>var x = 1;</script></body></html>",
    ],
)
def test_no_text_raises_ingest_error(html: str | bytes) -> None:
    with pytest.raises(IngestError) as info:
        extract_html(html, origin="page-42")
    assert info.value.origin == "page-42"
    assert "no article text" in str(info.value)


def test_short_extraction_is_rescued() -> None:
    # Text kept as tails of empty <div> separators: the precision pass keeps only the first
    # sentence, too little, so the full cascade runs and its longer result wins.
    html = (
        "<html><head><title>Ferry sinks off Crete</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        "<div class='article-inner-content' itemprop='articleBody'>"
        "A passenger ferry sank off the coast of Crete on Wednesday after hitting rocks in heavy seas, "
        "the Greek coast guard said.<div class='fake-br'></div>"
        "All 212 passengers and crew were rescued by fishing boats and a navy frigate within two hours."
        "<br><div class='fake-br'></div>"
        "An investigation into the cause of the accident has been opened by prosecutors in Heraklion."
        "</div><footer>Contact us</footer></body></html>"
    )
    result = extract_html(html)
    assert "All 212 passengers and crew were rescued" in result.text
    assert "opened by prosecutors in Heraklion" in result.text


def test_related_link_teasers_are_dropped() -> None:
    paras = list(PARAGRAPHS)
    teaser = '<p>Related: <a href="/world/arctic-council-meets">Arctic Council meets in Tromso next week</a></p>'
    run = (
        '<h3><a href="/world/a">Sweden weighs its own coast guard reform</a></h3>'
        '<h3><a href="/world/b">Denmark renews Greenland fisheries accord</a></h3>'
    )
    html = page(body_paragraphs=paras[:2], after="")
    html = html.replace(
        f"<p>{paras[1]}</p>", f"<p>{paras[1]}</p>\n{teaser}\n<p>{paras[2]}</p>\n{run}\n<p>{paras[3]}</p>"
    )
    result = extract_html(html)
    assert result.text.split("\n\n") == PARAGRAPHS
    assert "Arctic Council" not in result.text
    assert "Greenland" not in result.text


def test_lone_linked_line_survives_the_teaser_filter() -> None:
    # A lone linked line (a product, a document) is content; two in a row are a teaser run.
    from lxml import etree
    from lxml.html import fromstring

    from newsgraph.ingest.html import _filter_blocks

    tree = fromstring(
        "<html><body><a href='/doc.pdf'>Barents Monitoring Agreement full text</a>"
        "<a href='/a'>Sweden weighs its own coast guard reform</a>"
        "<a href='/b'>Denmark renews Greenland fisheries accord</a></body></html>"
    )
    body = etree.Element("body")
    for text in [
        PARAGRAPHS[0],
        "Barents Monitoring Agreement full text",
        PARAGRAPHS[1],
        "Sweden weighs its own coast guard reform",
        "Denmark renews Greenland fisheries accord",
        PARAGRAPHS[2],
    ]:
        etree.SubElement(body, "p").text = text
    _filter_blocks(body, tree, title=None)
    kept = [el.text for el in body]
    assert kept == [PARAGRAPHS[0], "Barents Monitoring Agreement full text", PARAGRAPHS[1], PARAGRAPHS[2]]


def test_trailing_calls_to_action_are_dropped() -> None:
    after = (
        "<p>Follow us on Twitter and Facebook for the latest updates from the Nordic region.</p>"
        "<p>Sign up for our daily newsletter to get the top stories delivered to your inbox.</p>"
    )
    result = extract_html(page(after=after))
    assert result.text.split("\n\n") == PARAGRAPHS


def test_embedded_tweet_is_kept() -> None:
    tweet = (
        '<div class="social-media-embed"><blockquote class="twitter-tweet"><p lang="en">'
        "Productive talks with my Finnish colleague today on Barents security and shipping."
        '</p>&mdash; Foreign Minister (@minister) <a href="https://twitter.com/x/status/1">March 5, 2024</a>'
        '</blockquote><script async src="https://platform.twitter.com/widgets.js"></script></div>'
    )
    html = page().replace(f"<p>{PARAGRAPHS[1]}</p>", f"<p>{PARAGRAPHS[1]}</p>\n{tweet}")
    result = extract_html(html)
    assert "Productive talks with my Finnish colleague" in result.text


def _teaser_page(jsonld: str) -> str:
    teasers = "".join(
        f'<li><a href="/news/{i}">Minister {w} says talks on the border dispute will resume</a></li>'
        for i, w in enumerate(["Ali", "Bako", "Chen", "Diallo", "Evans"])
    )
    return (
        "<html><head><title>Talks resume | Daily</title>"
        f'<script type="application/ld+json">{jsonld}</script></head><body>'
        f'<div class="sidebar"><h3>Most read</h3><ul>{teasers}</ul></div>'
        '<div id="app" data-render="client"></div></body></html>'
    )


def test_poor_extraction_is_replaced_by_the_pages_stated_article_body():
    # the article is rendered by script; the markup holds only teasers, the JSON-LD the body
    sentences = [
        f"Negotiators from both countries met for the {n} time on Tuesday and agreed to keep talking next month."
        for n in ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")
    ]
    body = "\\n".join(" ".join(sentences[i : i + 2]) for i in range(0, 10, 2))
    page = extract_html(_teaser_page('{"@type": "NewsArticle", "articleBody": "' + body + '"}'))
    assert page.text.count("Negotiators from both countries") == 10
    assert "Minister Ali" not in page.text


def test_no_stated_article_body_keeps_the_extraction():
    from newsgraph.ingest.html_recovery import jsonld_article_body, prose_words

    assert prose_words(["Short teaser line", "A sentence of six words here."]) == 6
    page = _teaser_page('{"@type": "NewsArticle", "headline": "Talks resume"')  # broken JSON-LD
    from lxml.html import fromstring

    assert jsonld_article_body(fromstring(page)) == []
    # teasers only and nothing better: kept, but flagged
    extracted = extract_html(page)
    assert "Minister Ali" in extracted.text and extracted.warning.startswith("poor extraction: 0 words")


def test_linked_words_inside_a_sentence_are_kept() -> None:
    """A wrapper with a class boilerplate removal discards ("link"), in the middle of a sentence."""
    paras = list(PARAGRAPHS)
    paras[1] = (
        'Officials said that <span class="link"><a href="/world/radar">the two coast guards would share radar data</a>'
        "</span> in real time and hold joint exercises twice a year, starting next spring, according to a statement."
    )
    result = extract_html(page(body_paragraphs=paras))
    assert "said that the two coast guards would share radar data in real time" in result.text


def test_hover_card_inside_a_paragraph_is_dropped_and_the_name_kept() -> None:
    card = (
        '<span class="person"><a href="/people/jonas-gahr-store">Jonas Gahr Store</a>'
        '<span class="person-card"><a class="name" href="/people/jonas-gahr-store">Jonas Gahr Store</a>'
        '<a href="/a/1">Store visits Tromso shipyard</a> <a href="/a/2">Budget talks resume in Oslo</a>'
        ' <a href="/people/jonas-gahr-store">MORE</a></span></span>'
    )
    paras = list(PARAGRAPHS)
    paras[0] = (
        f"Prime Minister {card} met the foreign ministers of Norway and Finland in Oslo on Tuesday to discuss "
        "a joint plan for monitoring shipping in the Barents Sea, officials said."
    )
    result = extract_html(page(body_paragraphs=paras))
    assert "Prime Minister Jonas Gahr Store met the foreign ministers" in result.text
    assert "Budget talks" not in result.text and "MORE" not in result.text


def test_inline_preparation_keeps_hidden_markers_and_plain_link_runs() -> None:
    from lxml import html as lxml_html

    from newsgraph.ingest.html_inline import prepare_inline

    tree = lxml_html.fromstring(
        '<div><p>Before the vote <span class="sr-only">(opens in a new window)</span> the minister spoke '
        '<span class="quote">at length</span> about the plan.</p>'
        '<p>See <a href="/1">one</a>, <a href="/2">two</a> and <a href="/3">three</a> for the full text.</p></div>'
    )
    prepare_inline(tree)
    spans = tree.findall(".//span")
    assert spans[0].get("class") == "sr-only"  # hidden text stays marked for removal
    assert spans[1].get("class") is None  # mid-sentence wrapper no longer prunable by class
    assert len(tree.findall(".//a")) == 3  # links in prose are not a widget (no wrapper holding them)
