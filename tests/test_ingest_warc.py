"""WARC reading, on files written in tmp_path with warcio's WARCWriter."""

from __future__ import annotations

import gzip
import io
import random
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsgraph.ingest.base import IngestError, Limits, RawItem
from newsgraph.ingest.warc import iter_warc

PAGE = "<html><head><title>Summit</title></head><body><p>Caf\u00e9 talks in Vienna.</p></body></html>"
DATE = "2024-03-05T10:11:12Z"


def _response(
    writer: WARCWriter,
    uri: str,
    body: bytes,
    content_type: str | None = "text/html; charset=utf-8",
    status: str = "200 OK",
    extra: list[tuple[str, str]] | None = None,
) -> None:
    headers = [("Content-Type", content_type)] if content_type else []
    headers += extra or []
    http = StatusAndHeaders(status, headers, protocol="HTTP/1.1")
    record = writer.create_warc_record(
        uri, "response", payload=io.BytesIO(body), http_headers=http, warc_headers_dict={"WARC-Date": DATE}
    )
    writer.write_record(record)


def write_warc(path: Path, records: list[tuple[str, bytes, str | None, str]]) -> None:
    """Write (uri, body, content type, status) responses, gzip per record for .gz names."""
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=path.suffix == ".gz")
        for uri, body, content_type, status in records:
            _response(writer, uri, body, content_type, status)


@pytest.fixture(params=["crawl.warc", "crawl.warc.gz"])
def mixed(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    """Two HTML pages among records that must be skipped."""
    path = tmp_path / request.param
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=path.suffix == ".gz")
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "newsgraph tests"}))
        request_record = writer.create_warc_record(
            "https://news.example/a",
            "request",
            payload=io.BytesIO(b"GET /a HTTP/1.1\r\nHost: news.example\r\n\r\n"),
        )
        writer.write_record(request_record)
        _response(writer, "https://news.example/a", PAGE.encode("iso-8859-1"), "text/html; charset=ISO-8859-1")
        _response(writer, "https://news.example/robots.txt", b"User-agent: *\n", "text/plain")
        _response(writer, "https://news.example/logo.png", b"\x89PNG\r\n\x1a\n\x00\x00", "image/png")
        _response(writer, "https://news.example/gone", b"<html><body>gone</body></html>", status="404 Not Found")
        _response(writer, "https://news.example/moved", b"", status="301 Moved Permanently")
        meta = writer.create_warc_record(
            "https://news.example/a",
            "metadata",
            payload=io.BytesIO(b"outlinks: https://news.example/b\n"),
            warc_content_type="application/warc-fields",
        )
        writer.write_record(meta)
        body = gzip.compress(b"<html><body><p>Second page.</p></body></html>")
        http = StatusAndHeaders(
            "200 OK",
            [("Content-Type", "application/xhtml+xml"), ("Content-Encoding", "gzip")],
            protocol="HTTP/1.1",
        )
        record = writer.create_warc_record(
            "https://news.example/b",
            "response",
            payload=io.BytesIO(body),
            http_headers=http,
            warc_headers_dict={"WARC-Date": DATE},
        )
        writer.write_record(record)
    return path


def test_html_responses_become_items_and_the_rest_is_skipped(mixed: Path) -> None:
    items = list(iter_warc(mixed, Limits()))
    assert all(isinstance(i, RawItem) for i in items), [str(i) for i in items]
    assert [i.url for i in items] == ["https://news.example/a", "https://news.example/b"]
    first, second = items
    assert isinstance(first, RawItem) and isinstance(second, RawItem)
    assert first.kind == "html"
    assert first.data == PAGE.encode("iso-8859-1")  # raw bytes; decoding happens later
    assert first.meta == {
        "published": "2024-03-05",
        "published_is_crawl_date": "1",
        "charset": "iso-8859-1",
        "site": "news.example",
    }
    # Content-Encoding is undone; no charset declared, none reported.
    assert second.data == b"<html><body><p>Second page.</p></body></html>"
    assert "charset" not in second.meta


def test_origin_is_the_record_offset(mixed: Path) -> None:
    raw = mixed.read_bytes()
    for item in iter_warc(mixed, Limits()):
        name, _, offset = item.origin.rpartition("#")
        assert name == str(mixed)
        record = raw[int(offset) :]
        if mixed.suffix == ".gz":
            record = gzip.GzipFile(fileobj=io.BytesIO(record)).read(2000)
        assert record.startswith(b"WARC/1.")
        assert b"WARC-Type: response" in record[:1000]
        assert isinstance(item, RawItem) and item.url is not None
        assert item.url.encode() in record[:1000]


def test_oversize_record_is_an_error_and_the_file_goes_on(tmp_path: Path) -> None:
    path = tmp_path / "big.warc.gz"
    big = b"<html><body><p>" + b"word " * 1000 + b"</p></body></html>"
    small = b"<html><body><p>small</p></body></html>"
    write_warc(
        path,
        [("https://x.example/big", big, "text/html", "200 OK"), ("https://x.example/s", small, "text/html", "200 OK")],
    )
    err, item = iter_warc(path, Limits(max_bytes=1000))
    assert isinstance(err, IngestError)
    assert err.origin == f"{path}#0"
    assert err.reason.startswith("too large")
    assert isinstance(item, RawItem) and item.data == small


def _random_pages(n: int) -> list[tuple[str, bytes, str | None, str]]:
    """Pages that do not compress well, so a cut lands inside a record's payload."""
    rng = random.Random(7)
    pages = []
    for i in range(n):
        words = " ".join("".join(rng.choice("abcdefghijklmnop") for _ in range(8)) for _ in range(800))
        pages.append(
            (f"https://x.example/{i}", f"<html><body><p>{words}</p></body></html>".encode(), "text/html", "200 OK")
        )
    return pages


@pytest.mark.parametrize("name", ["cut.warc.gz", "cut.warc"])
def test_truncated_file_yields_what_was_read_and_one_error(tmp_path: Path, name: str) -> None:
    whole = tmp_path / ("whole" + name[3:])
    write_warc(whole, _random_pages(3))
    data = whole.read_bytes()
    path = tmp_path / name
    path.write_bytes(data[: len(data) - 1500])  # cut inside the third record's payload
    items = list(iter_warc(path, Limits()))
    assert [type(i).__name__ for i in items] == ["RawItem", "RawItem", "IngestError"]
    err = items[-1]
    assert isinstance(err, IngestError)
    assert err.origin == str(path)
    assert err.reason.startswith("truncated or corrupt WARC")
    assert "2 complete records" in err.reason
    assert "\n" not in str(err)
    # The intact file reads without an error.
    assert [type(i).__name__ for i in iter_warc(whole, Limits())] == ["RawItem"] * 3


def test_gzip_cut_between_members_is_reported(tmp_path: Path) -> None:
    whole = tmp_path / "whole.warc.gz"
    write_warc(whole, _random_pages(2))
    data = whole.read_bytes()
    path = tmp_path / "cut.warc.gz"
    # Keep the first member and a few bytes of the second: warcio alone stops silently here.
    second_offset = int([i.origin for i in iter_warc(whole, Limits())][1].rpartition("#")[2])
    path.write_bytes(data[: second_offset + 30])
    items = list(iter_warc(path, Limits()))
    assert [type(i).__name__ for i in items] == ["RawItem", "IngestError"]
    assert items[1].reason.startswith("truncated or corrupt WARC")


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty input"),
        (b"This is a plain text file, not an archive.\n", "not a WARC file"),
        (gzip.compress(b"just some gzip text\n"), "truncated or corrupt WARC after 0 complete records"),
    ],
    ids=["empty", "text", "gzip-text"],
)
def test_not_a_warc_is_one_error(tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "bad.warc.gz"
    path.write_bytes(content)
    (err,) = iter_warc(path, Limits())
    assert isinstance(err, IngestError)
    assert err.origin == str(path)
    assert err.reason.startswith(reason)
    assert "\n" not in str(err)


def test_missing_file_is_an_error(tmp_path: Path) -> None:
    (err,) = iter_warc(tmp_path / "nope.warc", Limits())
    assert isinstance(err, IngestError)
    assert err.reason.startswith("cannot open")


def test_arc_file_pages_are_read_too(tmp_path: Path) -> None:
    desc = b"1 0 newsgraph\nURL IP-address Archive-date Content-type Archive-length\n"
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<html><body><p>arc page</p></body></html>"
    path = tmp_path / "old.arc"
    path.write_bytes(
        b"filedesc://old.arc 0.0.0.0 20240305101112 text/plain %d\n" % len(desc)
        + desc
        + b"\n"
        + b"http://x.example/a 1.2.3.4 20240305101112 text/html %d\n" % len(http)
        + http
        + b"\n"
    )
    (item,) = iter_warc(path, Limits())
    assert isinstance(item, RawItem)
    assert item.url == "http://x.example/a"
    assert item.data == b"<html><body><p>arc page</p></body></html>"
    assert item.meta["published"] == "2024-03-05"
    assert item.meta["charset"] == "utf-8"
