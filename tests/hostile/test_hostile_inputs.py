"""Bad values inside inputs, and what reaches the terminal (issue #14, findings 9, 10, 12)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsgraph.ingest import iter_documents
from newsgraph.ingest.base import IngestError, decode, terminal_safe
from newsgraph.model import Document

BODY = "Ministers of the two countries met in Vienna on Tuesday and agreed to resume the talks next month."


def _rows(tmp_path: Path, *rows: object) -> list[Document | IngestError]:
    path = tmp_path / "rows.jsonl"
    path.write_text("\n".join(r if isinstance(r, str) else json.dumps(r) for r in rows) + "\n", "utf-8")
    return list(iter_documents([str(path)]))


def test_wrong_types_for_the_article_are_errors_naming_the_line(tmp_path: Path) -> None:
    out = _rows(tmp_path, {"text": 5}, {"html": {"x": 1}}, {"text": ["a", "b"]}, {"text": BODY})
    assert [type(o).__name__ for o in out] == ["IngestError", "IngestError", "IngestError", "Document"]
    assert out[0].origin.endswith("rows.jsonl:1") and out[0].reason == "field 'text' must be a string, not a number"
    assert out[1].reason == "field 'html' must be a string, not an object"
    assert out[2].origin.endswith(":3")


def test_wrong_types_for_metadata_are_dropped_with_a_note(tmp_path: Path) -> None:
    (doc,) = _rows(tmp_path, {"text": BODY, "title": {"x": 1}, "source": 7, "author": ["Jane Roe", "Max Mustermann"]})
    assert isinstance(doc, Document)
    assert doc.title != "{'x': 1}" and "{" not in (doc.title or "")
    assert doc.author == "Jane Roe, Max Mustermann"
    assert any("field 'title' must be a string, not an object; ignored" in n for n in doc.notes)


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,<script>x</script>", "file:///etc/passwd"])
def test_non_http_urls_are_not_kept(tmp_path: Path, url: str) -> None:
    (doc,) = _rows(tmp_path, {"text": BODY, "url": url})
    assert doc.url is None
    assert any("only http and https URLs are kept" in n for n in doc.notes)


def test_nul_bytes_are_removed_with_a_note(tmp_path: Path) -> None:
    (doc,) = _rows(tmp_path, {"text": BODY.replace("Vienna", "Vie\u0000nna"), "title": "Talks\u0000"})
    assert "\x00" not in doc.text and "\x00" not in (doc.title or "")
    assert "Vienna" in doc.text
    assert any("NUL characters removed" in n for n in doc.notes)


@pytest.mark.parametrize("date", ["not a date", "2023-13-45", "x" * 500])
def test_invalid_dates_are_noted_not_dropped_silently(tmp_path: Path, date: str) -> None:
    (doc,) = _rows(tmp_path, {"text": BODY, "published": date})
    assert doc.published is None
    assert any("unreadable date" in n for n in doc.notes)


def test_credentials_in_jsonl_urls_are_stripped(tmp_path: Path) -> None:
    (doc,) = _rows(tmp_path, {"text": BODY, "url": "https://reader:s3cret@news.example/a"})
    assert doc.url == "https://news.example/a"


# -- encodings ----------------------------------------------------------------------------------

# A sports report as the BBC corpus stores it: Latin-1, one pound sign in 2.5 KB of ASCII.
LATIN1_REPORT = (
    "Chelsea have decided to write off a possible transfer fee for the striker, a \u00a315.8m signing "
    "from Parma last season, who may face a two-year suspension. "
    + "The club said the decision was final and that it would not comment further on the matter. "
    * 25
)


def test_latin1_text_is_not_read_as_japanese() -> None:
    text, warning = decode(LATIN1_REPORT.encode("latin-1"), "report.txt")
    assert "\u00a315.8m" in text and "\uff6315.8m" not in text
    assert warning and "cp1252" in warning


def test_real_legacy_encodings_are_still_recognised() -> None:
    russian = "Премьер-министр заявил, что переговоры продолжатся на следующей неделе в Москве. " * 5
    japanese = "日本政府は来週、交渉を再開すると発表した。外務大臣は会談に期待を示した。" * 5
    assert decode(russian.encode("cp1251"), "ru.txt")[0] == russian
    assert decode(japanese.encode("shift_jis"), "ja.txt")[0] == japanese


def test_mixed_encodings_in_one_file_are_repaired(tmp_path: Path) -> None:
    path = tmp_path / "mixed.txt"
    # UTF-8 body with one Latin-1 line pasted in: not valid UTF-8, and mojibake once decoded.
    path.write_bytes(
        (BODY + " Caf\u00e9 talks in Z\u00fcrich.\n\n").encode("utf-8") + "Prix: 5 \u00a3.\n".encode("latin-1")
    )
    (doc,) = list(iter_documents([str(path)]))
    assert "Café" in doc.text and "Zürich" in doc.text and "Ã" not in doc.text
    assert any("not valid UTF-8" in n for n in doc.notes)


# -- terminal ---------------------------------------------------------------------------------


def test_control_characters_are_escaped_for_the_terminal() -> None:
    assert terminal_safe("evil\n\x1b[31mred\x07\u202e.txt") == "evil\\n\\x1b[31mred\\x07\\u202e.txt"
    err = IngestError("dir/a\nb\x1b[2J.txt", "empty\ninput")
    assert str(err) == "dir/a\\nb\\x1b[2J.txt: empty input"
    assert err.origin == "dir/a\nb\x1b[2J.txt"  # the origin itself is kept as it is
