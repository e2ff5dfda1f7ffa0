"""Phrase-matcher patterns from the compiled cache: the same hashes, the same matches, rebuilt on a miss."""

from __future__ import annotations

import spacy
from spacy.matcher import PhraseMatcher

from newsgraph.nlp import phrases
from newsgraph.nlp.phrases import pattern_hashes

NAMES = ["the Kremlin", "U.S.-led coalition", "Côte d'Ivoire", "al-Qaeda", "", "New York Times"]


def _cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("NEWSGRAPH_CACHE", str(folder))
    return folder


def test_same_hashes_as_the_tokenizer_and_served_from_the_cache(tmp_path, monkeypatch):
    folder = _cache(tmp_path, monkeypatch)
    nlp = spacy.blank("en")
    direct = [tuple(t.lower for t in d) for d in nlp.tokenizer.pipe(NAMES) if len(d)]
    assert pattern_hashes(nlp, "t", NAMES, "LOWER") == direct
    assert list(folder.glob("phrases-t.*.pickle"))

    def fail(*args):
        raise AssertionError("built again although cached")

    monkeypatch.setattr(phrases, "_build", fail)
    assert pattern_hashes(spacy.blank("en"), "t", NAMES, "LOWER") == direct  # a new process: read back


def test_matches_are_those_of_docs(tmp_path, monkeypatch):
    _cache(tmp_path, monkeypatch)
    nlp = spacy.blank("en")
    text = "Troops of the U.S.-led coalition left Côte d'Ivoire; the kremlin and AL-QAEDA said so."
    for attr in ("LOWER", "ORTH"):
        with_docs = PhraseMatcher(nlp.vocab, attr=attr)
        with_docs.add("x", [d for d in nlp.tokenizer.pipe(NAMES) if len(d)])
        with_hashes = PhraseMatcher(nlp.vocab, attr=attr)
        with_hashes.add("x", pattern_hashes(nlp, "m", NAMES, attr))
        doc = nlp(text)
        assert with_hashes(doc) == with_docs(doc)
        assert with_hashes(doc)


def test_other_strings_or_tokenizer_rules_are_a_miss(tmp_path, monkeypatch):
    folder = _cache(tmp_path, monkeypatch)
    nlp = spacy.blank("en")
    pattern_hashes(nlp, "k", NAMES, "LOWER")
    pattern_hashes(nlp, "k", NAMES[:2], "LOWER")
    assert len(list(folder.glob("phrases-k.*.pickle"))) == 2
    nlp.tokenizer.add_special_case("Kremlin", [{"ORTH": "Krem"}, {"ORTH": "lin"}])
    hashes = pattern_hashes(nlp, "k", NAMES, "LOWER")
    assert len(list(folder.glob("phrases-k.*.pickle"))) == 3
    assert hashes[0] == tuple(nlp.vocab.strings[s] for s in ("the", "krem", "lin"))


def test_a_corrupt_file_is_rebuilt(tmp_path, monkeypatch):
    folder = _cache(tmp_path, monkeypatch)
    nlp = spacy.blank("en")
    first = pattern_hashes(nlp, "c", NAMES, "ORTH")
    for path in folder.glob("phrases-c.*.pickle"):
        path.write_bytes(b"not a pickle")
    assert pattern_hashes(nlp, "c", NAMES, "ORTH") == first
