"""The local engine: one or several processes give the same output; stored documents are skipped
before the NLP; a changed analysis (paragraphing, --reanalyse) replaces the stored one."""

from __future__ import annotations

import json

import pytest

from newsgraph.engines.local import run
from newsgraph.store import Store

TEXTS = {
    "a.txt": "Russia accused Ukraine of shelling the Zaporizhzhia plant on Monday.\n\n"
    "The Kremlin said Moscow would respond.",
    "b.txt": "France and Germany signed a defence agreement in Paris on Tuesday.\n\n"
    "Chancellor Olaf Scholz said the two countries will build a new tank by 2030.",
    "c.txt": "Protesters clashed with police in Nairobi.\n\nKenya's president urged calm.",
    "d.txt": "China warned Taiwan against seeking independence.\n\nBeijing held drills near the island.",
}


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in TEXTS.items():
        (folder / name).write_text(text, "utf-8")
    return folder


def _run(folder, db, **kw):
    out: list[str] = []
    with Store(db) as store:
        stats = run([str(folder)], store=store, batch_size=2, on_document=lambda d: out.append(_json(d)), **kw)
    return stats, out


def _json(doc) -> str:
    return json.dumps(doc.to_dict(), sort_keys=True)


def _tables(db) -> dict[str, list]:
    with Store(db) as store:
        return {
            t: store.con.execute(f"SELECT * EXCLUDE (doc_id) FROM {t} ORDER BY ALL").fetchall()
            for t in ("mentions", "events", "statements", "times", "forecasts")
        }


@pytest.mark.slow
def test_two_workers_give_the_one_process_output(nlp, corpus, tmp_path):
    one, out1 = _run(corpus, tmp_path / "one.duckdb", workers=1)
    two, out2 = _run(corpus, tmp_path / "two.duckdb", workers=2)
    assert one.documents == two.documents == len(TEXTS) and not one.errors and not two.errors
    assert out1 == out2  # same documents, same analysis, same order
    assert any(json.loads(line)["events"] for line in out1)
    assert _tables(tmp_path / "one.duckdb") == _tables(tmp_path / "two.duckdb")


@pytest.mark.slow
def test_stored_documents_skip_the_nlp_and_changed_paragraphs_do_not(nlp, corpus, tmp_path):
    db = tmp_path / "db.duckdb"
    first, _ = _run(corpus, db)
    assert (first.added, first.analysed) == (len(TEXTS), len(TEXTS))
    again, out = _run(corpus, db)
    assert (again.documents, again.unchanged, again.analysed, out) == (len(TEXTS), len(TEXTS), 0, [])

    # the same words without their paragraph break: the same article (id), a different analysis
    (corpus / "c.txt").write_text(TEXTS["c.txt"].replace("\n\n", " "), "utf-8")
    changed, out = _run(corpus, db)
    before = _tables(db)
    assert (changed.replaced, changed.unchanged, changed.analysed) == (1, len(TEXTS) - 1, 1)
    with Store(db) as store:
        (paragraphs,) = store.con.execute("SELECT paragraphs FROM documents WHERE origin LIKE '%c.txt'").fetchone()
        assert len(json.loads(paragraphs)) == 1
        assert store.count("documents") == len(TEXTS)

    forced, out = _run(corpus, db, reanalyse=True)
    assert (forced.replaced, forced.analysed, len(out)) == (len(TEXTS), len(TEXTS), len(TEXTS))
    assert _tables(db) == before  # the same inputs analysed again: the same records, none doubled
    with Store(db) as store:
        assert store.count("documents") == len(TEXTS)


def test_scale_commands_refuse_bad_arguments_in_one_line(tmp_path):
    from typer.testing import CliRunner

    from newsgraph.cli import app

    runner = CliRunner()
    missing = runner.invoke(app, ["import", "--parquet", str(tmp_path / "nowhere"), "--db", str(tmp_path / "x.db")])
    assert missing.exit_code == 2 and "nowhere: not a folder of Parquet partitions" in missing.output
    no_output = runner.invoke(app, ["analyze", "--engine", "ray", str(tmp_path)])
    assert no_output.exit_code == 2 and "--output" in no_output.output
    engine = runner.invoke(app, ["analyze", "--engine", "spark", str(tmp_path)])
    assert engine.exit_code == 2 and "use local or ray" in engine.output
    no_corpus = runner.invoke(app, ["bench", "--corpus", str(tmp_path / "none")])
    assert no_corpus.exit_code == 2 and "no corpus folder" in no_corpus.output


def test_a_benchmark_corpus_that_is_missing_or_empty_is_one_line_naming_it(tmp_path):
    from newsgraph.engines.bench import corpus_folder

    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "a.txt").write_text("Russia accused Ukraine.", encoding="utf-8")
    assert corpus_folder(tmp_path / "full") == tmp_path / "full"
    (tmp_path / "empty").mkdir()
    for bad in (tmp_path / "missing", tmp_path / "empty"):
        with pytest.raises(SystemExit, match=f"^{bad}: no corpus folder"):
            corpus_folder(bad)


def test_bench_splits_its_cpu_between_this_process_and_the_workers(tmp_path, nlp):
    from newsgraph.engines.bench import run_bench

    for name, text in TEXTS.items():
        (tmp_path / name).write_text(text, "utf-8")
    figures = run_bench(tmp_path, workers=1)
    # the key names are a contract (added, never renamed); the two parts make the whole (one process:
    # the parent does the analysis; a child process a library starts on a cold cache counts as a worker's)
    assert figures["parent_cpu_seconds"] > 0 and figures["workers_cpu_seconds"] >= 0
    assert abs(figures["parent_cpu_seconds"] + figures["workers_cpu_seconds"] - figures["cpu_seconds"]) <= 0.02
    assert abs(figures["parent_cpu_ms_per_doc"] - 1000 * figures["parent_cpu_seconds"] / figures["documents"]) < 5
