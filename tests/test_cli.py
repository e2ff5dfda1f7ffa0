import json

from typer.testing import CliRunner

from newsgraph.cli import app

runner = CliRunner()


def _run(*args):
    return runner.invoke(app, list(args), catch_exceptions=False)


def test_analyze_seed_json_contract(tmp_path, seed_text):
    (tmp_path / "seed.txt").write_text(seed_text, "utf-8")
    result = _run("analyze", str(tmp_path / "seed.txt"), "--db", str(tmp_path / "db.duckdb"), "--json")
    assert result.exit_code == 0, result.output
    (line,) = [ln for ln in result.stdout.splitlines() if ln.startswith("{")]
    doc = json.loads(line)
    for key in (
        "id",
        "url",
        "title",
        "published",
        "language",
        "credited_source",
        "translated_from",
        "text",
        "paragraphs",
        "duplicates_removed",
        "boilerplate",
        "mentions",
        "actors",
        "events",
        "statements",
        "times",
        "forecasts",
    ):
        assert key in doc
    assert doc["title"] == "NATO Wants to Expand to Asia, Here’s Russia’s Response"
    assert doc["published"] == "2023-09-26"
    assert doc["credited_source"] == "CNBC"
    assert len(doc["paragraphs"]) == 10 and doc["duplicates_removed"] == 3
    assert doc["language"] == "en"
    assert doc["translated_from"] == "id"
    for furniture in ("Home »", "Asia Defense Global News News", "Source : CNBC", "Translate"):
        assert furniture not in doc["text"]
    for m in doc["mentions"]:
        assert doc["text"][m["start"] : m["end"]] == m["text"]
    assert any(m["text"] == "Viktor Sobolev" for m in doc["mentions"])


def test_analyze_batch_with_bad_inputs_goes_on(tmp_path, seed_text):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "good.txt").write_text(seed_text, "utf-8")
    (tmp_path / "in" / "empty.txt").write_text("", "utf-8")
    (tmp_path / "in" / "doc.html").write_bytes(b"%PDF-1.4 binary")
    db = str(tmp_path / "db.duckdb")
    result = _run("analyze", str(tmp_path / "in"), "http://127.0.0.1:9/unreachable", "--db", db, "--json")
    assert result.exit_code == 0
    assert len([ln for ln in result.stdout.splitlines() if ln.startswith("{")]) == 1
    for name in ("empty.txt: empty input", "doc.html: not a text document", "127.0.0.1:9/unreachable"):
        assert name in result.stderr
    again = _run("analyze", str(tmp_path / "in" / "good.txt"), "--db", db)
    assert "1 already stored" in again.stderr


def test_nothing_processed_exits_non_zero(tmp_path):
    (tmp_path / "empty.txt").write_text("", "utf-8")
    result = _run("analyze", str(tmp_path / "empty.txt"), "--no-store")
    assert result.exit_code == 1
    assert "empty input" in result.stderr


def test_readable_report(tmp_path, seed_text):
    (tmp_path / "seed.txt").write_text(seed_text, "utf-8")
    result = _run("analyze", str(tmp_path / "seed.txt"), "--no-store")
    assert result.exit_code == 0
    assert "NATO Wants to Expand to Asia" in result.stdout
    assert "3 duplicate(s) removed" in result.stdout
    for section in ("actors", "events", "statements", "forecasts"):
        assert section in result.stdout
    assert "Taynaya Kantselyaria (Telegram) -> RT" in result.stdout


def test_export_parquet(tmp_path, seed_text):
    (tmp_path / "seed.txt").write_text(seed_text, "utf-8")
    db = str(tmp_path / "db.duckdb")
    assert _run("analyze", str(tmp_path / "seed.txt"), "--db", db).exit_code == 0
    result = _run("export", "--db", db, "--format", "parquet", "--out", str(tmp_path / "out"))
    assert result.exit_code == 0
    assert (tmp_path / "out" / "documents.parquet").is_file()
    assert (tmp_path / "out" / "mentions.parquet").is_file()


def test_config_file_sets_model(tmp_path):
    (tmp_path / "newsgraph.toml").write_text('model = "no_such_pipeline"\n', "utf-8")
    (tmp_path / "a.txt").write_text("The ministers met in Geneva on Monday to talk about the ceasefire.", "utf-8")
    result = _run("analyze", str(tmp_path / "a.txt"), "--no-store", "--config", str(tmp_path / "newsgraph.toml"))
    assert result.exit_code == 2
    assert "no_such_pipeline" in result.stderr


def test_events_and_dyads_commands(tmp_path, seed_text):
    (tmp_path / "seed.txt").write_text(seed_text, "utf-8")
    db = str(tmp_path / "db.duckdb")
    assert _run("analyze", str(tmp_path / "seed.txt"), "--db", db).exit_code == 0
    result = _run("events", "--db", db, "--json", "--type", "ACCUSE")
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows and all(r["type"] == "ACCUSE" for r in rows)
    dates = {r["date"]["value"] for r in rows}
    assert {"2023-09", "2023-08"} <= dates  # when Lavrov and Putin spoke
    assert dates <= {"2023-09", "2023-08", "2023-09-26"}  # Sobolev's "a real threat" is dated by the page
    result = _run("events", "--db", db, "--json", "--actor", "Ukraine")
    assert [r["type"] for r in (json.loads(x) for x in result.stdout.splitlines())] == ["ASSAULT"]
    result = _run("dyads", "--db", db, "--json")
    dyads = [json.loads(x) for x in result.stdout.splitlines()]
    # predictions (NATO joining AUKUS), plans (the submarine) and last year's attack are not counted
    # Lavrov -> NATO, Putin -> US, and Sobolev -> NATO ("this is a real and very real threat")
    assert all(d["by_type"].keys() <= {"ACCUSE"} for d in dyads) and len(dyads) == 3
    assert _run("events", "--db", str(tmp_path / "missing.duckdb")).exit_code == 2


def test_forecast_ledger_comes_true_when_later_news_reports_it(tmp_path, seed_text):
    (tmp_path / "seed.txt").write_text(seed_text, "utf-8")
    db = str(tmp_path / "db.duckdb")
    assert _run("analyze", str(tmp_path / "seed.txt"), "--db", db).exit_code == 0
    ledger = [json.loads(x) for x in _run("forecasts", "--db", db, "--json").stdout.splitlines()]
    assert len(ledger) == 3 and {f["status"] for f in ledger} == {"open"}
    later = {
        "text": "Japan and South Korea joined NATO on Monday, the alliance announced in Brussels.",
        "published": "2026-03-02",
        "title": "Japan and South Korea join NATO",
    }
    (tmp_path / "later.jsonl").write_text(json.dumps(later) + "\n", "utf-8")
    assert _run("analyze", str(tmp_path / "later.jsonl"), "--db", db).exit_code == 0
    came_true = [
        json.loads(x) for x in _run("forecasts", "--db", db, "--json", "--status", "came_true").stdout.splitlines()
    ]
    assert len(came_true) == 1 and "Japan" in came_true[0]["proposition"]
    assert came_true[0]["resolved_doc"]
    due = _run("forecasts", "--db", db, "--json", "--due-before", "2029-01-01").stdout.splitlines()
    assert len(due) == 1  # Sobolev's, by 2028-09-26


def test_statements_command(tmp_path, seed_text):
    (tmp_path / "seed.txt").write_text(seed_text, "utf-8")
    db = str(tmp_path / "db.duckdb")
    assert _run("analyze", str(tmp_path / "seed.txt"), "--db", db).exit_code == 0
    rows = [json.loads(x) for x in _run("statements", "--db", db, "--json").stdout.splitlines()]
    assert len(rows) == 8
    putin = [json.loads(x) for x in _run("statements", "--db", db, "--json", "--speaker", "Putin").stdout.splitlines()]
    assert {r["form"] for r in putin} == {"indirect", "mixed"} and {r["date"]["value"] for r in putin} == {"2023-08"}
    quote = next(r for r in rows if r["form"] == "direct")
    assert [h["name"] for h in quote["chain"]][-3:] == ["RT", "CNBC", "this page"]
    assert len(_run("statements", "--db", db, "--json", "--since", "2023-09-01").stdout.splitlines()) == 6


def test_eval_options_outside_their_choices_fail_on_one_line(tmp_path):
    (tmp_path / "text").mkdir()
    for args in (
        ["eval", "time", "--data", str(tmp_path), "--half", "first"],
        ["eval", "attribution", "--data", str(tmp_path), "--half", "first"],
        ["eval", "attribution", "--data", str(tmp_path), "--marks", "fancy"],
    ):
        result = runner.invoke(app, args)
        assert result.exit_code == 2, result.output
        lines = [line for line in result.output.splitlines() if line.strip()]
        assert len(lines) == 1 and lines[0].startswith("error:") and args[-2] in lines[0], result.output
