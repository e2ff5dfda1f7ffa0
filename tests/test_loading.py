"""Start-up and ingest speed-ups that must not change answers: the compiled cache of data files,
restricted and sampled language detection, one-line texts (issue #10 item 19)."""

from __future__ import annotations

import pickle

from newsgraph.ingest.clean import clean_text
from newsgraph.ingest.language import detect_language, sample
from newsgraph.kb import cache
from newsgraph.kb.cache import cached


def test_compiled_cache_serves_the_built_value_until_a_file_changes(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSGRAPH_CACHE", str(tmp_path / "cache"))
    data = tmp_path / "lexicon.yaml"
    data.write_text("a: 1\n", "utf-8")
    builds: list[str] = []

    def build() -> dict:
        builds.append(data.read_text("utf-8"))
        return {"content": data.read_text("utf-8")}

    assert cached("lex", [data], build) == {"content": "a: 1\n"}
    assert cached("lex", [data], build) == {"content": "a: 1\n"}
    assert len(builds) == 1  # the second call unpickled the first result
    data.write_text("a: 2\n", "utf-8")
    assert cached("lex", [data], build) == {"content": "a: 2\n"}
    assert len(builds) == 2
    results = sorted((tmp_path / "cache").glob("lex.*.pickle"), key=lambda p: p.stat().st_mtime)
    assert len(results) == 2 and pickle.loads(results[-1].read_bytes()) == {"content": "a: 2\n"}
    for k in range(3, 8):  # older results go beyond the KEEP most recent
        data.write_text(f"a: {k}\n", "utf-8")
        cached("lex", [data], build)
    assert len(list((tmp_path / "cache").glob("lex.*.pickle"))) == cache.KEEP
    data.write_text("a: 6\n", "utf-8")  # one of the kept: not built again
    assert cached("lex", [data], build) == {"content": "a: 6\n"} and len(builds) == 7
    monkeypatch.setenv("NEWSGRAPH_CACHE", "off")
    assert cached("lex", [data], build) == {"content": "a: 6\n"} and len(builds) == 8


def test_checkouts_of_the_same_code_share_one_compiled_result(tmp_path, monkeypatch):
    # two copies of the package (two worktrees, two installs) with the same data: one key, so
    # neither evicts the other's result at every start
    keys = []
    for checkout in ("one", "two"):
        package = tmp_path / checkout / "newsgraph"
        (package / "kb" / "data").mkdir(parents=True)
        data = package / "kb" / "data" / "actors.yaml"
        data.write_text("a: 1\n", "utf-8")
        monkeypatch.setattr(cache, "_PACKAGE", package.resolve())
        keys.append(cache.files_key("kb", [data]))
    assert keys[0] == keys[1]
    outside = tmp_path / "extra.yaml"  # a user's file outside the package is named by its own path
    outside.write_text("a: 1\n", "utf-8")
    assert cache.files_key("kb", [outside]) != keys[0]


def test_knowledge_base_and_lexicon_load_once_however_asked(kb):
    from newsgraph.kb import load_kb
    from newsgraph.nlp.events import load_lexicon

    assert load_kb() is load_kb(()) is load_kb([]) is kb
    assert load_lexicon() is load_lexicon(None)


def test_short_english_is_english_or_unknown_never_another_language():
    for text in (
        "The president said the talks would resume next week.",
        "Russia and China signed a new trade agreement in Beijing on Monday",
        "Ministers meet in Manila to discuss the maritime dispute.",
        "Police say two men were arrested after the attack.",
    ):
        assert detect_language(text) in ("en", None), text
    assert detect_language("Le président a déclaré que les négociations reprendraient la semaine prochaine.") != "en"
    long_fr = "Le gouvernement français a annoncé de nouvelles mesures pour soutenir l'économie. " * 60
    assert detect_language(long_fr) == "fr"


def test_sample_takes_whole_words_from_beginning_middle_and_end():
    text = " ".join(f"w{i}" for i in range(3000))
    part = sample(text, 300)
    assert len(part) <= 300 and part.startswith("w0 ") and part.endswith("w2999")
    assert all(word.startswith("w") and word[1:].isdigit() for word in part.split())


def test_a_one_line_text_without_full_stop_is_kept():
    cleaned = clean_text("NATO leaders meet in Vilnius to discuss Ukraine")
    assert cleaned.text == "NATO leaders meet in Vilnius to discuss Ukraine"
    assert cleaned.paragraphs == [cleaned.text]
