-- Version 7: the read side at 10 million events, and aggregates that count events, not mentions.
--
-- 1. event_actors and statement_actors carry the columns of a listing, so that an actor's page is
--    read from them alone (006 read each page back from events / statements by document id, a scan
--    that grew with the table).  The backfill loads them in (actor, day) order: DuckDB's zone maps
--    then skip every row group but the actor's.
-- 2. Each event record carries its real-world event (event_clusters, from newsgraph.link) and a
--    weight: 1 on the record that counts its cluster (the earliest linked of its current records),
--    0 on the others, with the cluster's independent sources on that record.  dyad_days sums
--    events (clusters), mentions (records) and sources.  An event not linked is its own cluster.
-- 3. event_edges and statement_edges: per-day signed sums for the network of a time window,
--    appended on write (a batch adds its sums, a retired document its negative sums; the reader
--    adds them up), and loaded in day order by the backfill, so a month's network reads a month.
--
-- The tables are filled by newsgraph.store.derived.backfill() in this migration's transaction
-- (the derivations are the *_rows views below and the weights query of derived.py, shared with
-- the write path).  derived_state.linked_seq is the link sequence the weights have caught up with.

DROP VIEW dyad_rows;
DROP VIEW event_actor_rows;
DROP VIEW statement_actor_rows;
DROP TABLE dyad_days;
DROP TABLE event_actors;
DROP TABLE statement_actors;

CREATE TABLE event_actors (
    actor_id    VARCHAR NOT NULL,
    role        VARCHAR NOT NULL,  -- source | target
    doc_id      VARCHAR NOT NULL,
    event_id    VARCHAR NOT NULL,
    day         DATE,              -- the event's date (its start), else the document's
    type        VARCHAR,
    modality    VARCHAR,
    counted     BOOLEAN NOT NULL,  -- asserted or reported news, not background
    intensity   DOUBLE,
    goldstein   DOUBLE,
    cluster_id  VARCHAR,           -- its real-world event (event_clusters); NULL until linked
    weight      INTEGER NOT NULL,  -- 1: this record counts its cluster; 0: another record does
    sources     INTEGER NOT NULL,  -- on the counting record, the cluster's independent sources; else 0
    cameo       VARCHAR,
    source      JSON,
    target      JSON,
    certainty   DOUBLE,
    date        JSON,
    evidence    JSON,
    mode        VARCHAR,
    trigger     VARCHAR,
    hedges      JSON,
    reported_by JSON,
    background  BOOLEAN,
    published   DATE,
    title       VARCHAR
);

CREATE TABLE statement_actors (
    actor_id     VARCHAR NOT NULL,
    role         VARCHAR NOT NULL,  -- speaker | about
    doc_id       VARCHAR NOT NULL,
    statement_id VARCHAR NOT NULL,
    day          DATE,              -- the utterance date, else the document's
    speaker      VARCHAR,
    speaker_text VARCHAR,
    cue          VARCHAR,
    content      VARCHAR,
    form         VARCHAR,
    date         JSON,
    chain        JSON,
    start        INTEGER,
    "end"        INTEGER,
    published    DATE,
    title        VARCHAR
);

-- Counted events pre-summed per directed pair, day and type (target '' when there is none).
CREATE TABLE dyad_days (
    source          VARCHAR NOT NULL,
    target          VARCHAR NOT NULL,
    day             DATE NOT NULL,
    type            VARCHAR NOT NULL,
    events          BIGINT NOT NULL,  -- real-world events (clusters), each on its counting record's day
    cooperation     DOUBLE NOT NULL,  -- sum of positive intensities (of those events)
    conflict        DOUBLE NOT NULL,  -- sum of the magnitudes of negative intensities
    coop_events     BIGINT NOT NULL,
    conflict_events BIGINT NOT NULL,
    goldstein       DOUBLE NOT NULL,
    mentions        BIGINT NOT NULL,  -- event records (every report of every event)
    sources         BIGINT NOT NULL,  -- sum over the events of their independent sources
    PRIMARY KEY (source, target, day, type)
);

-- Signed sums of dyad_rows per day (pairs of two distinct actors only); no key: rows are appended.
CREATE TABLE event_edges (
    day             DATE NOT NULL,
    source          VARCHAR NOT NULL,
    target          VARCHAR NOT NULL,
    type            VARCHAR,
    events          BIGINT NOT NULL,
    mentions        BIGINT NOT NULL,
    sources         BIGINT NOT NULL,
    cooperation     DOUBLE NOT NULL,
    conflict        DOUBLE NOT NULL,
    coop_events     BIGINT NOT NULL,
    conflict_events BIGINT NOT NULL
);

-- Signed counts of statements by a speaker that name another actor, per day.
CREATE TABLE statement_edges (
    day        DATE,
    speaker    VARCHAR NOT NULL,
    about      VARCHAR NOT NULL,
    statements BIGINT NOT NULL
);

CREATE TABLE derived_state (
    key   VARCHAR PRIMARY KEY,
    value BIGINT
);

CREATE VIEW event_actor_rows AS
WITH e AS (
    SELECT ev.*, coalesce(try_cast(json_extract_string(ev.date, '$.from') AS DATE),
                          try_cast(json_extract_string(ev.date, '$.to') AS DATE), d.published) AS day,
           d.published AS doc_published, d.title AS doc_title,
           ev.modality IN ('asserted', 'reported') AND NOT coalesce(ev.background, false) AS is_counted
    FROM events ev JOIN documents d ON d.id = ev.doc_id
)
SELECT unnest(from_json(e.source, '["VARCHAR"]')) AS actor_id, 'source' AS role, e.doc_id, e.id AS event_id,
       e.day, e.type, e.modality, e.is_counted AS counted, e.intensity, e.goldstein,
       NULL::VARCHAR AS cluster_id, 1 AS weight, 1 AS sources,
       e.cameo, e.source, e.target, e.certainty, e.date, e.evidence, e.mode, e.trigger, e.hedges, e.reported_by,
       e.background, e.doc_published AS published, e.doc_title AS title
FROM e
UNION ALL
SELECT unnest(from_json(e.target, '["VARCHAR"]')), 'target', e.doc_id, e.id, e.day, e.type, e.modality,
       e.is_counted, e.intensity, e.goldstein, NULL::VARCHAR, 1, 1,
       e.cameo, e.source, e.target, e.certainty, e.date, e.evidence, e.mode, e.trigger, e.hedges, e.reported_by,
       e.background, e.doc_published, e.doc_title
FROM e;

CREATE VIEW statement_actor_rows AS
WITH s AS (
    SELECT st.*, coalesce(try_cast(json_extract_string(st.date, '$.from') AS DATE),
                          try_cast(json_extract_string(st.date, '$.to') AS DATE), d.published) AS day,
           d.published AS doc_published, d.title AS doc_title
    FROM statements st JOIN documents d ON d.id = st.doc_id
)
SELECT s.speaker AS actor_id, 'speaker' AS role, s.doc_id, s.id AS statement_id, s.day,
       s.speaker, s.speaker_text, s.cue, s.content, s.form, s.date, s.chain, s.start, s."end",
       s.doc_published AS published, s.doc_title AS title
FROM s WHERE s.speaker IS NOT NULL
UNION ALL
SELECT DISTINCT m.actor_id, 'about', s.doc_id, s.id, s.day,
       s.speaker, s.speaker_text, s.cue, s.content, s.form, s.date, s.chain, s.start, s."end",
       s.doc_published, s.doc_title
FROM s JOIN mentions m ON m.doc_id = s.doc_id AND m.start >= s.start AND m."end" <= s."end"
WHERE m.actor_id IS NOT NULL;

-- Each counted event record once per (source, target) pair of its actors, from event_actors.
CREATE VIEW dyad_rows AS
SELECT s.doc_id, s.source, coalesce(t.actor_id, '') AS target, s.day, s.type, s.intensity, s.goldstein,
       s.weight, s.sources
FROM (SELECT actor_id AS source, doc_id, event_id, day, type, intensity, goldstein, weight, sources
      FROM event_actors WHERE role = 'source' AND counted AND day IS NOT NULL) s
LEFT JOIN (SELECT actor_id, doc_id, event_id FROM event_actors WHERE role = 'target') t
       ON t.doc_id = s.doc_id AND t.event_id = s.event_id;

-- Each statement once per (speaker, another actor it names), from statement_actors.
CREATE VIEW statement_edge_rows AS
SELECT s.doc_id, s.day, s.actor_id AS speaker, a.actor_id AS about
FROM statement_actors s JOIN statement_actors a ON a.doc_id = s.doc_id AND a.statement_id = s.statement_id
WHERE s.role = 'speaker' AND a.role = 'about' AND s.actor_id <> a.actor_id;
