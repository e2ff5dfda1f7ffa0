import json

import pytest
import yaml

from newsgraph.kb.base import fold
from newsgraph.kb.importers import ImportError_, from_cameo_dictionary, from_wikidata_jsonl, write_yaml
from newsgraph.kb.load import KBError, load_kb


def _item(qid):
    return {"mainsnak": {"datavalue": {"value": {"id": qid}}}}


def _time(value):
    return [{"datavalue": {"value": {"time": value, "precision": 11}}}]


def test_wikidata_person_with_positions(kb):
    person = {
        "id": "Q999001",
        "labels": {"en": {"value": "Jane Example"}},
        "aliases": {"en": [{"value": "J. Example"}]},
        "claims": {
            "P31": [_item("Q5")],
            "P21": [_item("Q6581072")],
            "P27": [_item("Q17")],  # Japan, known to the shipped KB
            "P39": [
                {
                    **_item("Q999100"),
                    "qualifiers": {"P580": _time("+2021-11-10T00:00:00Z"), "P582": _time("+2023-09-13T00:00:00Z")},
                },
            ],
        },
    }
    position = {
        "id": "Q999100",
        "labels": {"en": {"value": "Minister for Foreign Affairs of Japan"}},
        "claims": {"P31": [_item("Q4164871")]},
    }
    lines = [json.dumps(person), json.dumps(position)]
    (entry,) = from_wikidata_jsonl(lines, kb)
    assert entry["id"] == "Q999001" and entry["kind"] == "person" and entry["gender"] == "f"
    assert entry["country"] == "JPN"
    assert entry["roles"] == [["foreign_minister", "Minister for Foreign Affairs of Japan", "2021-11-10", "2023-09-13"]]


def test_wikidata_state_and_bad_line():
    state = {
        "id": "Q999002",
        "labels": {"en": {"value": "Freedonia"}},
        "claims": {"P31": [_item("Q3624078")], "P298": [{"mainsnak": {"datavalue": {"value": "FRD"}}}]},
    }
    (entry,) = from_wikidata_jsonl([json.dumps(state)])
    assert (entry["kind"], entry["iso3"]) == ("state", "FRD")
    with pytest.raises(ImportError_, match="x.jsonl:1"):
        from_wikidata_jsonl(["{oops"], origin="x.jsonl")


def test_cameo_dictionary_with_dated_codes():
    text = """
    # a PETRARCH-style actor dictionary
    VLADIMIR_EXAMPLOV_
    +EXAMPLOV_
    +V._EXAMPLOV_
    [RUSGOV 20000507-20080507]
    [RUSELI >20080508]
    JOHN_SAMPLE_ [USAMIL >20150101]
    """
    first, second = from_cameo_dictionary(text.splitlines())
    assert first["name"] == "Vladimir Examplov" and first["aliases"] == ["Examplov", "V. Examplov"]
    assert first["country"] == "RUS"
    assert first["roles"] == [["other", "RUS GOV", "2000-05-07", "2008-05-07"]]
    assert second["roles"] == [["military_officer", "USA MIL", "2015-01-01", None]]
    with pytest.raises(ImportError_, match=":1: alias before any actor"):
        from_cameo_dictionary(["+ALIAS_"])


def test_imported_yaml_loads_as_extra_kb(tmp_path):
    entries = from_cameo_dictionary(["VLADIMIR_EXAMPLOV_", "[RUSGOV >20000507]"])
    path = write_yaml(entries, tmp_path / "extra.yaml")
    assert yaml.safe_load(path.read_text())[0]["name"] == "Vladimir Examplov"
    kb = load_kb((str(path),))
    (entry,) = kb.lookup("Vladimir Examplov")
    assert entry.kind == "person" and entry.country == "RUS"
    assert entry.id in [e.id for e in kb.holders("RUS", "other", None)]


def test_kb_errors_name_the_file(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("- {id: x, name: X, kind: state, roles: [[head_of_state, P, 'not-a-date', null]]}\n")
    with pytest.raises(KBError, match="bad.yaml"):
        load_kb((str(bad),))


def test_fold():
    assert fold("  Erdoğan’s ") == "erdogan's"
