"""Exports that existing tools read: JSON Lines, CSV, Parquet, the GDELT 2.0 event table, GraphML.

* ``jsonl``: one document per line, in the shape of ``newsgraph analyze --json`` (one file);
* ``csv`` and ``parquet``: every table of the store, one file each (a directory);
* ``gdelt``: the GDELT 2.0 event table (tab-separated, no header, the 61 columns of the GDELT
  Event Codebook V2.0 in its order), one row per (source, target) pair of each event that counts as
  news (asserted or reported, not background), as GDELT codes only events that happened;
* ``graphml``: actors as nodes, membership, cooperation, conflict and statement relations as edges.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from xml.sax.saxutils import quoteattr

from newsgraph.store.db import TABLES, Store, StoreError
from newsgraph.store.queries import document_record, network

FORMATS = ("jsonl", "csv", "parquet", "gdelt", "graphml")
DIRECTORY_FORMATS = ("csv", "parquet")

_GEO = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
_ACTOR = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
          "Type1Code", "Type2Code", "Type3Code")  # fmt: skip
GDELT_COLUMNS = (
    ("GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate")
    + tuple(f"Actor1{c}" for c in _ACTOR)
    + tuple(f"Actor2{c}" for c in _ACTOR)
    + (
        "IsRootEvent",
        "EventCode",
        "EventBaseCode",
        "EventRootCode",
        "QuadClass",
        "GoldsteinScale",
        "NumMentions",
        "NumSources",
        "NumArticles",
        "AvgTone",
    )  # fmt: skip
    + tuple(f"Actor1Geo_{c}" for c in _GEO)
    + tuple(f"Actor2Geo_{c}" for c in _GEO)
    + tuple(f"ActionGeo_{c}" for c in _GEO)
    + ("DATEADDED", "SOURCEURL")
)
assert len(GDELT_COLUMNS) == 61


def _actor_sql(alias: str) -> list[str]:
    """Actor columns of the GDELT row from an ``actors`` row (CAMEO-style code: country + sector)."""
    country = (
        f"CASE WHEN length({alias}.country) = 3 AND {alias}.country NOT IN ('IGO', 'NGO', 'IMG', 'MNC') "
        f"THEN {alias}.country END"
    )
    group = f"CASE WHEN {alias}.kind IN ('alliance', 'igo', 'ngo', 'organisation') THEN upper({alias}.name) END"
    return [
        f"nullif(concat(coalesce({alias}.country, ''), coalesce({alias}.sector, '')), '')",
        f"upper({alias}.name)",
        country,
        group,
        "NULL",
        "NULL",
        "NULL",
        f"{alias}.sector",
        "NULL",
        "NULL",
    ]


def _quad(root: str) -> str:
    # CAMEO root codes 01-05 verbal cooperation, 06-08 material cooperation, 09-13 verbal conflict,
    # 14-20 material conflict (GDELT's QuadClass).
    n = f"try_cast({root} AS INTEGER)"
    return (
        f"CASE WHEN {n} BETWEEN 1 AND 5 THEN 1 WHEN {n} BETWEEN 6 AND 8 THEN 2 "
        f"WHEN {n} BETWEEN 9 AND 13 THEN 3 WHEN {n} BETWEEN 14 AND 20 THEN 4 END"
    )


def gdelt_sql() -> str:
    cameo = "nullif(e.cameo, '')"
    values = [
        "row_number() OVER (ORDER BY d.ingested_at, p.doc_id, p.event_id, p.a1, p.a2)",
        "CAST(strftime(p.day, '%Y%m%d') AS INTEGER)",
        "CAST(strftime(p.day, '%Y%m') AS INTEGER)",
        "year(p.day)",
        "round(year(p.day) + (dayofyear(p.day) - 1) / 365.0, 4)",
        *_actor_sql("a1"),
        *_actor_sql("a2"),
        "CASE WHEN coalesce(try_cast(json_extract(e.evidence, '$.start') AS INTEGER), 0) "
        "< coalesce(length(json_extract_string(d.paragraphs, '$[0]')), 0) THEN 1 ELSE 0 END",
        cameo,
        f"left({cameo}, 3)",
        f"left({cameo}, 2)",
        _quad(f"left({cameo}, 2)"),
        "e.goldstein",
        "1",
        "1",
        "1",
        "NULL",  # AvgTone: newsgraph measures no tone
        *(["NULL"] * 24),  # geography: unknown
        "CAST(strftime(d.ingested_at, '%Y%m%d%H%M%S') AS BIGINT)",
        "coalesce(d.url, d.origin)",
    ]
    cols = ", ".join(f'{v} AS "{name}"' for v, name in zip(values, GDELT_COLUMNS, strict=True))
    return (
        "WITH p AS (SELECT s.doc_id, s.event_id, s.day, s.actor_id AS a1, t.actor_id AS a2 FROM event_actors s "
        "LEFT JOIN event_actors t ON t.doc_id = s.doc_id AND t.event_id = s.event_id AND t.role = 'target' "
        "WHERE s.role = 'source' AND s.counted AND s.day IS NOT NULL) "
        f"SELECT {cols} FROM p JOIN events e ON e.doc_id = p.doc_id AND e.id = p.event_id "
        "JOIN documents d ON d.id = p.doc_id LEFT JOIN actors a1 ON a1.id = p.a1 LEFT JOIN actors a2 ON a2.id = p.a2 "
        'ORDER BY "GLOBALEVENTID"'
    )


def _sql_path(path: Path) -> str:
    return str(path).replace("'", "''")


def export(
    store: Store, fmt: str, out: Path, *, kb=None, on_progress: Callable[[int], None] | None = None
) -> list[Path]:
    """Write the store in ``fmt`` to ``out`` (a directory for csv and parquet, else a file); the paths written."""
    if fmt not in FORMATS:
        raise StoreError(f"unknown format {fmt!r} (available: {', '.join(FORMATS)})")
    con = store.con
    if fmt in DIRECTORY_FORMATS:
        out.mkdir(parents=True, exist_ok=True)
        if fmt == "parquet":
            return store.export_parquet(out)
        written = []
        for table in TABLES:
            target = out / f"{table}.csv"
            con.execute(f"COPY \"{table}\" TO '{_sql_path(target)}' (FORMAT CSV, HEADER true)")
            written.append(target)
        return written
    if fmt == "gdelt":
        con.execute(f"COPY ({gdelt_sql()}) TO '{_sql_path(out)}' (FORMAT CSV, DELIMITER '\t', HEADER false)")
    elif fmt == "jsonl":
        with out.open("w", encoding="utf-8") as fh:
            ids = [r[0] for r in con.execute("SELECT id FROM documents ORDER BY ingested_at, id").fetchall()]
            for doc_id in ids:
                fh.write(json.dumps(document_record(con, doc_id), ensure_ascii=False, default=str) + "\n")
                if on_progress:
                    on_progress(1)
    else:
        write_graphml(network(con, kb=kb, max_edges=1_000_000), out)
    return [out]


def write_graphml(graph: dict, out: Path) -> None:
    """GraphML of a :func:`network` (nodes with name, kind, country, weight; edges with relation, weight,
    intensity), as networkx and Gephi read it.  Written directly: a few lines of XML do not need a
    graph library at run time."""
    keys = [
        ("name", "node", "string"),
        ("kind", "node", "string"),
        ("country", "node", "string"),
        ("weight", "node", "double"),
        ("relation", "edge", "string"),
        ("weight", "edge", "double"),
        ("intensity", "edge", "double"),
    ]
    ids = {(name, domain): f"d{i}" for i, (name, domain, _) in enumerate(keys)}

    def data(domain: str, record: dict) -> str:
        return "".join(
            f'<data key="{ids[(k, domain)]}">{_xml_text(record[k])}</data>'
            for k, dom, _ in keys
            if dom == domain and record.get(k) is not None
        )

    with out.open("w", encoding="utf-8") as fh:
        fh.write('<?xml version="1.0" encoding="UTF-8"?>\n<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n')
        for name, domain, kind in keys:
            fh.write(f'<key id="{ids[(name, domain)]}" for="{domain}" attr.name="{name}" attr.type="{kind}"/>\n')
        fh.write('<graph id="newsgraph" edgedefault="directed">\n')
        for node in graph["nodes"]:
            fh.write(f"<node id={quoteattr(node['id'])}>{data('node', node)}</node>\n")
        for i, edge in enumerate(graph["edges"]):
            fh.write(
                f'<edge id="e{i}" source={quoteattr(edge["source"])} target={quoteattr(edge["target"])}>'
                f"{data('edge', edge)}</edge>\n"
            )
        fh.write("</graph>\n</graphml>\n")


def _xml_text(value: object) -> str:
    from xml.sax.saxutils import escape

    text = "".join(ch for ch in str(value) if ch in "\t\n\r" or ord(ch) >= 0x20)  # XML 1.0 forbids other controls
    return escape(text)
