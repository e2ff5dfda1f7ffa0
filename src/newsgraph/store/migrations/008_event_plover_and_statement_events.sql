-- Version 8: two fields of the analyze --json records that the store dropped, so that a stored
-- document reads back as it was analysed: an event's PLOVER reading (a promised or planned
-- action is AGREE or THREATEN) and the ids of the events a statement asserts.  Rows stored
-- before this version read back as null and [].
ALTER TABLE events ADD COLUMN plover_type VARCHAR;
ALTER TABLE statements ADD COLUMN events JSON;

-- The actor-keyed listing tables of migration 007 carry them too (an actor's page is read from
-- them alone), appended last: their row views below are 007's with the new column added at the
-- end, as the positional inserts of newsgraph.store.derived expect.  Nothing to backfill: every
-- row stored before this version has neither.
ALTER TABLE event_actors ADD COLUMN plover_type VARCHAR;
ALTER TABLE statement_actors ADD COLUMN events JSON;

CREATE OR REPLACE VIEW event_actor_rows AS
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
       e.background, e.doc_published AS published, e.doc_title AS title, e.plover_type
FROM e
UNION ALL
SELECT unnest(from_json(e.target, '["VARCHAR"]')), 'target', e.doc_id, e.id, e.day, e.type, e.modality,
       e.is_counted, e.intensity, e.goldstein, NULL::VARCHAR, 1, 1,
       e.cameo, e.source, e.target, e.certainty, e.date, e.evidence, e.mode, e.trigger, e.hedges, e.reported_by,
       e.background, e.doc_published, e.doc_title, e.plover_type
FROM e;

CREATE OR REPLACE VIEW statement_actor_rows AS
WITH s AS (
    SELECT st.*, coalesce(try_cast(json_extract_string(st.date, '$.from') AS DATE),
                          try_cast(json_extract_string(st.date, '$.to') AS DATE), d.published) AS day,
           d.published AS doc_published, d.title AS doc_title
    FROM statements st JOIN documents d ON d.id = st.doc_id
)
SELECT s.speaker AS actor_id, 'speaker' AS role, s.doc_id, s.id AS statement_id, s.day,
       s.speaker, s.speaker_text, s.cue, s.content, s.form, s.date, s.chain, s.start, s."end",
       s.doc_published AS published, s.doc_title AS title, s.events
FROM s WHERE s.speaker IS NOT NULL
UNION ALL
SELECT DISTINCT m.actor_id, 'about', s.doc_id, s.id, s.day,
       s.speaker, s.speaker_text, s.cue, s.content, s.form, s.date, s.chain, s.start, s."end",
       s.doc_published, s.doc_title, s.events
FROM s JOIN mentions m ON m.doc_id = s.doc_id AND m.start >= s.start AND m."end" <= s."end"
WHERE m.actor_id IS NOT NULL;
