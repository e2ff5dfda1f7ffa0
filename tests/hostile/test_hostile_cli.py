"""The command line under bad option values and bad files (issue #14, findings 8, 11, 12; #10 item 20)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsgraph.cli import app

runner = CliRunner()
TEXT = (
    "Russian Foreign Minister Sergei Lavrov met Chinese Foreign Minister Wang Yi in Beijing. "
    "Lavrov said Moscow would expand its cooperation with Beijing next year.\n"
)


def _run(*args: str, stdin: bytes | None = None):
    return runner.invoke(app, list(args), input=stdin, catch_exceptions=False)


def _one_error(result, *words: str) -> str:
    lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: ") and "Traceback" not in result.output
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("events", "--since", "garbage"), ("--since", "not a date")),
        (("events", "--type", "BOGUS"), ("--type", "ASSAULT")),
        (("dyads", "--since", "2023-02-30"), ("--since",)),
        (("statements", "--since", "yesterday"), ("--since",)),
        (("forecasts", "--due-before", "garbage"), ("--due-before", "not a date")),
        (("forecasts", "--status", "bogus"), ("--status", "came_true")),
        (("analyze", "x.txt", "--published", "last week"), ("--published",)),
    ],
)
def test_invalid_option_values_are_one_line_errors(
    tmp_path: Path, args: tuple[str, ...], words: tuple[str, ...]
) -> None:
    result = _run(*args, "--db", str(tmp_path / "none.duckdb"))
    assert result.exit_code == 2
    _one_error(result, *words)


def test_valid_option_values_still_pass(tmp_path: Path) -> None:
    db = str(tmp_path / "db.duckdb")
    (tmp_path / "a.txt").write_text(TEXT, "utf-8")
    assert _run("analyze", str(tmp_path / "a.txt"), "--db", db, "--published", "2023-05-01").exit_code == 0
    assert _run("events", "--db", db, "--type", "consult", "--since", "2020-01-01").exit_code == 0
    assert _run("forecasts", "--db", db, "--status", "open", "--due-before", "2030-01-01").exit_code == 0


@pytest.mark.parametrize(
    ("toml", "words"),
    [
        ('batch_size = "lots"', ("batch_size", "whole number")),
        ("batch_size = 0", ("batch_size",)),
        ("doc_timeout = -1", ("doc_timeout",)),
        ("allow_private_addresses = 1", ("allow_private_addresses", "true or false")),
        ("bogus_key = 1", ("unknown setting",)),
        ("batch_size = [", ("not valid TOML",)),
    ],
)
def test_bad_config_files_are_one_line_errors(tmp_path: Path, toml: str, words: tuple[str, ...]) -> None:
    config = tmp_path / "newsgraph.toml"
    config.write_text(toml + "\n", "utf-8")
    result = _run("analyze", "x.txt", "--config", str(config), "--no-store")
    assert result.exit_code == 2
    _one_error(result, *words)


def test_kb_import_out_is_checked(tmp_path: Path) -> None:
    source = tmp_path / "actors.txt"
    source.write_text("VLADIMIR_EXAMPLOV_\n[RUSGOV >20000507]\n", "utf-8")
    missing = _run("kb", "import", "cameo", str(source), "--out", str(tmp_path / "no" / "such" / "x.yaml"))
    assert missing.exit_code == 2
    _one_error(missing, "does not exist")
    existing = tmp_path / "extra.yaml"
    existing.write_text("keep me\n", "utf-8")
    refused = _run("kb", "import", "cameo", str(source), "--out", str(existing))
    assert refused.exit_code == 2 and existing.read_text("utf-8") == "keep me\n"
    _one_error(refused, "--force")
    forced = _run("kb", "import", "cameo", str(source), "--out", str(existing), "--force")
    assert forced.exit_code == 0 and "EXAMPLOV" in existing.read_text("utf-8").upper()


@pytest.mark.parametrize(
    "line",
    [
        "[1, 2]",
        '{"entities": [1]}',
        '{"entities": {"Q1": "x"}}',
        '{"id": "Q1", "claims": "x", "labels": {"en": {"value": "X"}}}',
        '{"id": "Q1", "claims": {"P31": ["x"]}, "labels": {"en": {"value": "X"}}}',
        '{"id": "Q1", "labels": [], "claims": {"P31": [{"mainsnak": {"datavalue": {"value": {"id": "Q5"}}}}]}}',
    ],
)
def test_malformed_wikidata_shapes_are_one_line_errors(tmp_path: Path, line: str) -> None:
    source = tmp_path / "entities.jsonl"
    source.write_text(line + "\n", "utf-8")
    result = _run("kb", "import", "wikidata", str(source), "--out", str(tmp_path / "out.yaml"))
    assert result.exit_code == 1, result.output
    _one_error(result, "entities.jsonl")


def test_actors_resolve_reports_bad_lines_and_keeps_the_others(tmp_path: Path) -> None:
    rows = [
        b'{"text": "the Kremlin", "date": "2023-09-26", "context": "The Kremlin denied it."}',
        b'{"text": "Putin", "date": 20230926}',
        b'{"text": "Putin", "context": {"x": 1}}',
        b'{"text": "Putin", "date": "someday"}',
        b'{"text": 5}',
        b'{"text": "Putin", "context": "' + b"word " * 220_000 + b'"}',
        b'{"text": "caf\xe9"}',
        b'{"text": "NATO"}',
    ]
    path = tmp_path / "in.jsonl"
    path.write_bytes(b"\n".join(rows) + b"\n")
    result = _run("actors", "resolve", "--jsonl", str(path))
    assert result.exit_code == 0
    results = [json.loads(ln) for ln in result.stdout.splitlines()]
    assert [r["text"] for r in results] == ["the Kremlin", "NATO"]
    errors = [ln for ln in result.stderr.splitlines() if ln.strip()]
    assert [e.split(": skipped")[0].rsplit(":", 1)[1] for e in errors] == ["2", "3", "4", "5", "6", "7"]
    assert "too long" in errors[4] and "not valid UTF-8" in errors[5]


def test_export_out_is_checked(tmp_path: Path) -> None:
    db = str(tmp_path / "db.duckdb")
    (tmp_path / "a.txt").write_text(TEXT, "utf-8")
    assert _run("analyze", str(tmp_path / "a.txt"), "--db", db).exit_code == 0
    (tmp_path / "file").write_text("x", "utf-8")
    result = _run("export", "--db", db, "--out", str(tmp_path / "file"))
    assert result.exit_code == 2
    _one_error(result, "not a directory")
    result = _run("export", "--db", db, "--out", str(tmp_path / "missing" / "deeper"))
    assert result.exit_code == 2
    _one_error(result, "does not exist")


def test_file_names_with_control_characters_are_escaped(tmp_path: Path) -> None:
    bad = tmp_path / "evil\n\x1b[31mname.txt"
    bad.write_text("", "utf-8")
    result = _run("analyze", str(bad), "--no-store")
    assert "\x1b" not in result.stderr
    assert "evil\\n\\x1b[31mname.txt: empty input" in result.stderr


def test_published_option_dates_undated_documents(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(TEXT, "utf-8")
    undated = _run("analyze", str(tmp_path / "a.txt"), "--no-store", "--json")
    (doc,) = [json.loads(ln) for ln in undated.stdout.splitlines()]
    assert doc["published"] is None and doc["published_inferred"] is False and doc["published_from"] is None
    assert any("no publication date found" in n for n in doc["notes"])
    assert "no publication date found" in undated.stderr
    dated = _run("analyze", str(tmp_path / "a.txt"), "--no-store", "--json", "--published", "2019-03-04")
    (doc,) = [json.loads(ln) for ln in dated.stdout.splitlines()]
    assert doc["published"] == "2019-03-04" and doc["published_from"] == "option"
    assert doc["published_inferred"] is False
    next_year = [t for t in doc["times"] if t["text"] == "next year"]
    assert next_year and next_year[0]["value"] == "2020"
    by_file = _run("analyze", str(tmp_path / "a.txt"), "--no-store", "--json", "--published", "file")
    (doc,) = [json.loads(ln) for ln in by_file.stdout.splitlines()]
    assert doc["published_from"] == "file" and doc["published"]
