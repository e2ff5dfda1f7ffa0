-- Version 6: the read side's derived tables, so that listings filter, sort and limit in SQL.
-- They hold the current version of each document only (an article updated at the same URL
-- leaves them), are filled here from what is stored, and are kept up to date on write by
-- newsgraph.store.derived.update() inside the write transaction.  The *_rows views are the
-- one definition of each derivation: the backfill below and update() both select from them.

-- One row per (event, actor, role): an actor's events, newest first, without parsing JSON.
CREATE TABLE event_actors (
    actor_id  VARCHAR NOT NULL,
    role      VARCHAR NOT NULL,  -- source | target
    doc_id    VARCHAR NOT NULL,
    event_id  VARCHAR NOT NULL,
    day       DATE,              -- the event's date (its start), else the document's
    type      VARCHAR,
    modality  VARCHAR,
    counted   BOOLEAN NOT NULL,  -- asserted or reported news, not background
    intensity DOUBLE,
    goldstein DOUBLE
);
CREATE INDEX event_actors_actor ON event_actors (actor_id);
CREATE INDEX event_actors_doc ON event_actors (doc_id);

-- One row per (statement, actor): who spoke, and whom the statement names.
CREATE TABLE statement_actors (
    actor_id     VARCHAR NOT NULL,
    role         VARCHAR NOT NULL,  -- speaker | about
    doc_id       VARCHAR NOT NULL,
    statement_id VARCHAR NOT NULL,
    day          DATE               -- the utterance date, else the document's
);
CREATE INDEX statement_actors_actor ON statement_actors (actor_id);
CREATE INDEX statement_actors_doc ON statement_actors (doc_id);

-- Counted events pre-summed per directed pair, day and type (target '' when there is none).
CREATE TABLE dyad_days (
    source          VARCHAR NOT NULL,
    target          VARCHAR NOT NULL,
    day             DATE NOT NULL,
    type            VARCHAR NOT NULL,
    events          BIGINT NOT NULL,
    cooperation     DOUBLE NOT NULL,  -- sum of positive intensities
    conflict        DOUBLE NOT NULL,  -- sum of the magnitudes of negative intensities
    coop_events     BIGINT NOT NULL,
    conflict_events BIGINT NOT NULL,
    goldstein       DOUBLE NOT NULL,
    PRIMARY KEY (source, target, day, type)
);

CREATE VIEW event_actor_rows AS
WITH e AS (
    SELECT ev.*, coalesce(try_cast(json_extract_string(ev.date, '$.from') AS DATE),
                          try_cast(json_extract_string(ev.date, '$.to') AS DATE), d.published) AS day
    FROM events ev JOIN documents d ON d.id = ev.doc_id
)
SELECT unnest(from_json(e.source, '["VARCHAR"]')) AS actor_id, 'source' AS role, e.doc_id, e.id AS event_id,
       e.day, e.type, e.modality,
       e.modality IN ('asserted', 'reported') AND NOT coalesce(e.background, false) AS counted,
       e.intensity, e.goldstein
FROM e
UNION ALL
SELECT unnest(from_json(e.target, '["VARCHAR"]')), 'target', e.doc_id, e.id, e.day, e.type, e.modality,
       e.modality IN ('asserted', 'reported') AND NOT coalesce(e.background, false), e.intensity, e.goldstein
FROM e;

CREATE VIEW statement_actor_rows AS
WITH s AS (
    SELECT st.*, coalesce(try_cast(json_extract_string(st.date, '$.from') AS DATE),
                          try_cast(json_extract_string(st.date, '$.to') AS DATE), d.published) AS day
    FROM statements st JOIN documents d ON d.id = st.doc_id
)
SELECT s.speaker AS actor_id, 'speaker' AS role, s.doc_id, s.id AS statement_id, s.day
FROM s WHERE s.speaker IS NOT NULL
UNION ALL
SELECT DISTINCT m.actor_id, 'about', s.doc_id, s.id, s.day
FROM s JOIN mentions m ON m.doc_id = s.doc_id AND m.start >= s.start AND m."end" <= s."end"
WHERE m.actor_id IS NOT NULL;

-- Each counted event once per (source, target) pair of its actors, from event_actors.
CREATE VIEW dyad_rows AS
SELECT s.doc_id, s.source, coalesce(t.actor_id, '') AS target, s.day, s.type, s.intensity, s.goldstein
FROM (SELECT actor_id AS source, doc_id, event_id, day, type, intensity, goldstein
      FROM event_actors WHERE role = 'source' AND counted AND day IS NOT NULL) s
LEFT JOIN (SELECT actor_id, doc_id, event_id FROM event_actors WHERE role = 'target') t
       ON t.doc_id = s.doc_id AND t.event_id = s.event_id;

-- The backfill: current documents only (no newer version at the same URL).
CREATE TEMP TABLE current_docs AS
SELECT id FROM documents d
WHERE d.url IS NULL OR NOT EXISTS (SELECT 1 FROM documents n WHERE n.url = d.url AND n.version > d.version);

INSERT INTO event_actors SELECT * FROM event_actor_rows WHERE doc_id IN (SELECT id FROM current_docs);
INSERT INTO statement_actors SELECT * FROM statement_actor_rows WHERE doc_id IN (SELECT id FROM current_docs);
INSERT INTO dyad_days
SELECT source, target, day, type, count(*), sum(greatest(coalesce(intensity, 0), 0)),
       sum(greatest(-coalesce(intensity, 0), 0)), count(*) FILTER (WHERE intensity > 0),
       count(*) FILTER (WHERE intensity < 0), sum(coalesce(goldstein, 0))
FROM dyad_rows GROUP BY ALL;
DROP TABLE current_docs;
