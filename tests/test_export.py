"""newsgraph export: jsonl, csv, parquet, the GDELT 2.0 event table and GraphML."""

from __future__ import annotations

import csv
import json

import networkx as nx
import pyarrow.parquet as pq
from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.store.export import GDELT_COLUMNS

runner = CliRunner()


def _export(store_path, fmt, out, *extra):
    return runner.invoke(app, ["export", "--db", str(store_path), "--format", fmt, "--out", str(out), *extra])


def test_gdelt_event_table(store_path, tmp_path):
    out = tmp_path / "events.tsv"
    result = _export(store_path, "gdelt", out)
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(out.open(encoding="utf-8"), delimiter="\t"))
    assert rows and all(len(r) == 61 for r in rows)
    assert GDELT_COLUMNS[:5] == ("GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate")
    assert GDELT_COLUMNS[-2:] == ("DATEADDED", "SOURCEURL") and GDELT_COLUMNS[34] == "AvgTone"
    col = {name: i for i, name in enumerate(GDELT_COLUMNS)}
    assault = [r for r in rows if r[col["SOURCEURL"]] == "https://example.org/syn-0"]
    (row,) = assault
    assert row[col["SQLDATE"]] == "20240110" and row[col["MonthYear"]] == "202401" and row[col["Year"]] == "2024"
    assert (row[col["Actor1Code"]], row[col["Actor1CountryCode"]], row[col["Actor2Name"]]) == ("RUS", "RUS", "UKRAINE")
    assert (row[col["EventCode"]], row[col["EventBaseCode"]], row[col["EventRootCode"]]) == ("190", "190", "19")
    assert row[col["QuadClass"]] == "4" and float(row[col["GoldsteinScale"]]) == -9.0
    assert row[col["ActionGeo_FullName"]] == "" and len(row[col["DATEADDED"]]) == 14
    # the predicted threat is not an event that happened: GDELT has no row for it
    assert not [r for r in rows if r[col["SOURCEURL"]] == "https://example.org/syn-3"]
    assert len({r[0] for r in rows}) == len(rows)  # GLOBALEVENTID unique


def test_graphml_opens_in_networkx(store_path, tmp_path):
    out = tmp_path / "graph.graphml"
    assert _export(store_path, "graphml", out).exit_code == 0
    g = nx.read_graphml(out)
    assert g.nodes["Q7184"]["name"] == "NATO" and g.nodes["Q159"]["kind"] == "state"
    relations = {d["relation"] for _, _, d in g.edges(data=True)}
    assert {"membership", "conflict", "cooperation", "statement"} <= relations
    pair = {d["relation"] for u, v, d in g.edges(data=True) if (u, v) == ("Q159", "Q212")}
    assert pair == {"conflict", "cooperation", "statement"}


def test_jsonl_csv_parquet(store_path, tmp_path):
    out = tmp_path / "docs.jsonl"
    assert _export(store_path, "jsonl", out).exit_code == 0
    records = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert len(records) == 5 and {"text", "events", "statements", "forecasts"} <= set(records[0])
    assert _export(store_path, "csv", tmp_path / "csv").exit_code == 0
    with (tmp_path / "csv" / "events.csv").open(encoding="utf-8") as fh:
        assert sum(1 for _ in csv.DictReader(fh)) >= 4
    assert _export(store_path, "parquet", tmp_path / "pq").exit_code == 0
    assert pq.read_table(tmp_path / "pq" / "documents.parquet").num_rows == 5


def test_existing_files_and_unwritable_places(store_path, tmp_path):
    out = tmp_path / "events.tsv"
    out.write_text("keep me")
    result = _export(store_path, "gdelt", out)
    assert result.exit_code == 2 and "exists" in result.output and out.read_text() == "keep me"
    assert _export(store_path, "gdelt", out, "--force").exit_code == 0 and out.read_text() != "keep me"
    assert _export(store_path, "parquet", tmp_path / "pq").exit_code == 0
    again = _export(store_path, "parquet", tmp_path / "pq")
    assert again.exit_code == 2 and "--force" in again.output
    missing = _export(store_path, "gdelt", tmp_path / "no" / "such" / "dir" / "x.tsv")
    assert missing.exit_code == 2 and len(missing.output.strip().splitlines()) == 1
    assert _export(store_path, "xml", tmp_path / "x").exit_code == 2
