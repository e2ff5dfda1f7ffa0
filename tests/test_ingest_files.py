import gzip
import json

from newsgraph.ingest import IngestError, Limits, iter_documents, iter_raw
from newsgraph.ingest.base import decode

ARTICLE = (
    "Ministers meet in Geneva\n\n"
    "The foreign ministers of both countries met in Geneva on Monday to discuss a ceasefire, officials said.\n\n"
    "Talks are expected to continue next week, according to a statement released after the meeting.\n"
)


def _errors(items):
    return [i for i in items if isinstance(i, IngestError)]


def test_text_file_read_and_cleaned(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, "utf-8")
    (doc,) = list(iter_documents([str(tmp_path / "a.txt")]))
    assert doc.title == "Ministers meet in Geneva"
    assert len(doc.paragraphs) == 2
    assert doc.language == "en"
    assert doc.origin.endswith("a.txt")


def test_directory_is_recursive_and_skips_hidden(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text(ARTICLE, "utf-8")
    (tmp_path / ".hidden.txt").write_text(ARTICLE, "utf-8")
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04")
    items = list(iter_raw([str(tmp_path)]))
    assert [i.origin for i in items] == [str(tmp_path / "sub" / "b.txt")]


def test_empty_file(tmp_path):
    (tmp_path / "empty.txt").write_text("  \n", "utf-8")
    (err,) = _errors(iter_documents([str(tmp_path / "empty.txt")]))
    assert str(err) == f"{tmp_path / 'empty.txt'}: empty input"


def test_binary_files(tmp_path):
    (tmp_path / "paper.txt").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj")
    (tmp_path / "photo.html").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    errs = _errors(iter_documents([str(tmp_path)]))
    reasons = sorted(e.reason for e in errs)
    assert reasons == ["not a text document (PDF document)", "not a text document (PNG image)"]


def test_huge_html_page_rejected_without_reading(tmp_path):
    big = tmp_path / "big.html"
    with big.open("wb") as fh:
        fh.write(b"<html><body>")
        fh.write(b"<p>word </p>" * (50 * 1024 * 1024 // 12))
    (err,) = _errors(iter_documents([str(big)]))
    assert "too large" in err.reason and str(big) in str(err)


def test_truncated_gzip(tmp_path):
    data = gzip.compress(("<html><body><p>" + "text " * 2000 + "</p></body></html>").encode())
    (tmp_path / "page.html.gz").write_bytes(data[: len(data) // 2])
    (err,) = _errors(iter_documents([str(tmp_path / "page.html.gz")]))
    assert "gzip" in err.reason


def test_invalid_utf8_is_decoded_with_a_warning(tmp_path):
    text = ARTICLE.replace("Geneva on Monday", "Genève on Monday")
    (tmp_path / "latin1.txt").write_bytes(text.encode("cp1252"))
    (doc,) = list(iter_documents([str(tmp_path / "latin1.txt")]))
    assert "Genève" in doc.text
    assert any("not valid UTF-8" in n and "latin1.txt" in n for n in doc.notes)


def test_decode_prefers_utf8():
    assert decode("Genève".encode(), "x") == ("Genève", None)


def test_missing_path():
    (err,) = list(iter_raw(["/nonexistent/file.txt"]))
    assert err.reason == "no such file or directory"


def test_jsonl_rows_with_bad_lines(tmp_path):
    path = tmp_path / "articles.jsonl"
    rows = [
        json.dumps(
            {
                "text": ARTICLE,
                "url": "https://example.org/a",
                "published": "2024-03-05T10:00:00Z",
                "title": "Ministers meet in Geneva",
                "source": "Example News",
            }
        ),
        "{not json",
        json.dumps({"url": "https://example.org/b"}),
        json.dumps(["a", "list"]),
        "",
    ]
    path.write_text("\n".join(rows) + "\n", "utf-8")
    items = list(iter_documents([str(path)]))
    docs = [i for i in items if not isinstance(i, IngestError)]
    errs = _errors(items)
    assert len(docs) == 1
    assert docs[0].url == "https://example.org/a" and docs[0].published == "2024-03-05"
    assert docs[0].site == "Example News"
    assert [e.origin for e in errs] == [f"{path}:2", f"{path}:3", f"{path}:4"]


def test_size_limit_is_configurable(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, "utf-8")
    (err,) = list(iter_raw([str(tmp_path / "a.txt")], Limits(max_bytes=50)))
    assert "too large" in err.reason
