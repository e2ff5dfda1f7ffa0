-- Version 5: what an analysis depends on, the current version of each article, and the keys
-- that let forecast resolution meet only its candidates.

-- A hash of what the analysis read (cleaned text with its paragraphing, title, date) and of
-- the pipeline that made it: a stored document is skipped before the NLP only when both match.
ALTER TABLE documents ADD COLUMN analysis_key VARCHAR;
ALTER TABLE documents ADD COLUMN pipeline VARCHAR;
-- false once a later version of the same URL is stored; aggregates count current documents only.
ALTER TABLE documents ADD COLUMN is_current BOOLEAN DEFAULT true;
UPDATE documents SET is_current = false
WHERE url IS NOT NULL
  AND version < (SELECT max(d2.version) FROM documents d2 WHERE d2.url = documents.url);

-- Records of current documents only: what every count, dyad and timeline should read.
CREATE VIEW current_documents AS SELECT * FROM documents WHERE is_current;
CREATE VIEW current_events AS
    SELECT e.* FROM events e JOIN documents d ON d.id = e.doc_id WHERE d.is_current;
CREATE VIEW current_statements AS
    SELECT s.* FROM statements s JOIN documents d ON d.id = s.doc_id WHERE d.is_current;

-- Forecast resolution index: one row per (record, type family, actor key), the actor key being
-- the actor's id and, for actors of a state, also the state's code.  A news event can only make
-- a forecast come true when they share a family and a key, so each side meets only candidates.
CREATE TABLE event_keys (
    doc_id   VARCHAR NOT NULL,
    id       VARCHAR NOT NULL,
    family   VARCHAR NOT NULL,
    actor    VARCHAR NOT NULL
);
CREATE TABLE forecast_keys (
    doc_id   VARCHAR NOT NULL,
    id       VARCHAR NOT NULL,
    family   VARCHAR NOT NULL,
    actor    VARCHAR NOT NULL
);
CREATE INDEX event_keys_lookup ON event_keys (family, actor);
CREATE INDEX forecast_keys_lookup ON forecast_keys (family, actor);
