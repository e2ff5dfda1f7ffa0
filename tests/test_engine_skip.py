"""The no-op re-run: inputs cleaned in an earlier run are remembered (newsgraph.engines.memo), so a
stored article is skipped without cleaning it again, and without importing spaCy or lingua; a
remembered input that must be analysed (a new store, a changed file) is cleaned as before."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import newsgraph.engines.local as local
from newsgraph.store import Store

TEXTS = {
    "a.txt": "Russia accused Ukraine of shelling the Zaporizhzhia plant on Monday.\n\n"
    "The Kremlin said Moscow would respond.",
    "b.txt": "France and Germany signed a defence agreement in Paris.\n\nThe two countries will build a new tank.",
    "c.txt": "Protesters clashed with police in Nairobi on Friday.\n\nKenya's president urged calm.",
}


@pytest.fixture
def corpus(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSGRAPH_CACHE", str(tmp_path / "cache"))
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in TEXTS.items():
        (folder / name).write_text(text, "utf-8")
    return folder


@pytest.fixture
def cleanings(monkeypatch):
    """Counts the inputs the engine cleans."""
    seen: list[str] = []
    real = local.clean_item

    def counting(item, limits=None):
        seen.append(Path(item.origin).name)
        return real(item, limits)

    monkeypatch.setattr(local, "clean_item", counting)
    return seen


def _run(folder, db, **kw):
    out, notes = [], []
    with Store(db) as store:
        stats = local.run(
            [str(folder)],
            store=store,
            batch_size=2,
            on_document=lambda d: out.append(json.dumps(d.to_dict(), sort_keys=True)),
            on_error=notes.append,
            **kw,
        )
    return stats, out, notes


@pytest.mark.slow
def test_a_rerun_cleans_nothing_and_reports_the_same(nlp, corpus, tmp_path, cleanings):
    db = tmp_path / "db.duckdb"
    first, out, notes = _run(corpus, db)
    assert (first.added, len(out), sorted(cleanings)) == (3, 3, sorted(TEXTS))
    assert any("no publication date" in n for n in notes)  # undated: a note for each input
    cleanings.clear()
    again, out2, notes2 = _run(corpus, db)
    assert cleanings == []  # every input remembered and stored: none cleaned
    assert (again.documents, again.unchanged, again.analysed, out2) == (3, 3, 0, [])
    assert sorted(notes2) == sorted(notes)  # the same notes as the run that cleaned them
    with Store(db) as store:  # seen again from the same inputs: no new source rows
        assert store.count("document_sources") == 3


@pytest.mark.slow
def test_remembered_inputs_are_cleaned_when_they_must_be_analysed(nlp, corpus, tmp_path, cleanings):
    _stats, reference, _notes = _run(corpus, tmp_path / "one.duckdb")
    cleanings.clear()
    other, out, _notes = _run(corpus, tmp_path / "two.duckdb")  # remembered, but not in this store
    assert (other.added, other.analysed, sorted(cleanings)) == (3, 3, sorted(TEXTS))
    assert out == reference

    (corpus / "c.txt").write_text(TEXTS["c.txt"].replace("Friday", "Saturday"), "utf-8")
    cleanings.clear()
    changed, out, _notes = _run(corpus, tmp_path / "two.duckdb")
    assert (cleanings, changed.added, changed.unchanged, changed.analysed) == (["c.txt"], 1, 2, 1)
    assert "Saturday" in json.loads(out[0])["text"]

    cleanings.clear()
    forced, out, _notes = _run(corpus, tmp_path / "two.duckdb", reanalyse=True)
    assert (forced.analysed, len(out), sorted(cleanings)) == (3, 3, sorted(TEXTS))


@pytest.mark.slow
def test_an_unreadable_memo_or_none_changes_nothing(nlp, corpus, tmp_path, cleanings, monkeypatch):
    db = tmp_path / "db.duckdb"
    _run(corpus, db)
    (tmp_path / "cache" / "inputs.sqlite").write_bytes(b"not a database" * 100)
    cleanings.clear()
    again, out, _notes = _run(corpus, db)
    assert (again.unchanged, again.analysed, out, len(cleanings)) == (3, 0, [], 3)
    monkeypatch.setenv("NEWSGRAPH_CACHE", "off")
    cleanings.clear()
    off, out, _notes = _run(corpus, db)
    assert (off.unchanged, off.analysed, out, len(cleanings)) == (3, 0, [], 3)


@pytest.mark.slow
def test_a_noop_rerun_loads_neither_spacy_nor_lingua(nlp, corpus, tmp_path):
    db = tmp_path / "db.duckdb"
    _run(corpus, db)
    code = (
        "import sys\n"
        "from newsgraph.engines.local import run\n"
        "from newsgraph.store import Store\n"
        f"with Store({str(db)!r}) as s: st = run([{str(corpus)!r}], store=s)\n"
        "heavy = ('spacy', 'lingua', 'datasketch', 'scipy')\n"
        "print(st.unchanged, st.analysed, sorted(m for m in heavy if m in sys.modules))\n"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split("\n")[0] == "3 0 []"


@pytest.mark.slow
@pytest.mark.parametrize("batch_size", [1, 4])
def test_the_first_input_of_an_article_decides_whatever_the_batches(nlp, corpus, tmp_path, batch_size):
    # the same words as a.txt (the same article id) with another paragraphing: a copy, not analysed
    (corpus / "a2.txt").write_text(TEXTS["a.txt"].replace("\n\n", " "), "utf-8")
    db = tmp_path / "db.duckdb"
    with Store(db) as store:
        first = local.run([str(corpus)], store=store, batch_size=batch_size)
        again = local.run([str(corpus)], store=store, batch_size=batch_size)
        (paragraphs,) = store.con.execute("SELECT paragraphs FROM documents WHERE origin LIKE '%a.txt'").fetchone()
        assert store.count("documents") == 3 and store.count("document_sources") == 4
    assert (first.analysed, first.added, first.unchanged, first.replaced) == (3, 3, 1, 0)
    assert (again.analysed, again.unchanged, again.replaced) == (0, 4, 0)  # nothing analysed twice
    assert len(json.loads(paragraphs)) == 2  # a.txt comes first in the folder: its paragraphs stay


@pytest.mark.slow
def test_an_input_within_one_batch_is_analysed_without_a_pool(nlp, corpus, tmp_path, monkeypatch):
    asked: list[int] = []
    real = local.make_analyser

    def recording(model, batch_size, workers, time_budget=None):
        asked.append(workers)
        return real(model, batch_size, workers, time_budget)

    monkeypatch.setattr(local, "make_analyser", recording)
    one = local.run([str(corpus / "a.txt")], workers=2, batch_size=2)
    whole = local.run([str(corpus)], workers=2, batch_size=2)  # three inputs: more than one batch
    assert (one.analysed, whole.analysed) == (1, 3)
    assert asked == [1, 2]  # one process for the single article: no pool to start for it
