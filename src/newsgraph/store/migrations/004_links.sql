-- Version 4: links across documents (newsgraph.link): reprints, same-story clusters,
-- event de-duplication and corroboration.

-- What the reprint index keeps of a document: MinHash signatures (plain integers), so the
-- index is rebuilt from here when a process starts.  seq is the order documents were linked.
CREATE TABLE link_fingerprints (
    doc_id     VARCHAR PRIMARY KEY,
    seq        BIGINT NOT NULL,
    published  VARCHAR,
    paragraphs JSON,   -- [[64 ints], ...] one signature per signed paragraph
    sizes      JSON,   -- words per signed paragraph
    indexes    JSON,   -- position of each signed paragraph among the document's paragraphs
    whole      JSON    -- the whole text's signature
);

-- A copy and the earliest version of its group; paragraphs: [[copy paragraph, from doc, from paragraph, jaccard]].
CREATE TABLE document_copies (
    doc_id     VARCHAR PRIMARY KEY,
    origin_id  VARCHAR NOT NULL,
    share      DOUBLE,
    paragraphs JSON
);

CREATE TABLE stories (
    id         VARCHAR PRIMARY KEY,
    size       INTEGER NOT NULL,
    first_date VARCHAR,
    last_date  VARCHAR,
    centroid   JSON,    -- {key: weight}: the sum of the members' vectors, cut to its heaviest keys
    updated    BIGINT   -- seq of the last document that changed it
);

CREATE TABLE story_members (
    doc_id   VARCHAR PRIMARY KEY,
    story_id VARCHAR NOT NULL
);

-- Document frequencies of the story features, and counters.
CREATE TABLE link_terms (
    term VARCHAR PRIMARY KEY,
    df   INTEGER NOT NULL
);
CREATE TABLE link_state (
    key   VARCHAR PRIMARY KEY,
    value BIGINT
);

-- One row per event record: the real-world event (cluster) it is a mention of.
-- Join on (doc_id, event_id) = (events.doc_id, events.id); count DISTINCT cluster_id to count events.
CREATE TABLE event_clusters (
    doc_id        VARCHAR NOT NULL,
    event_id      VARCHAR NOT NULL,
    cluster_id    VARCHAR NOT NULL,
    story_id      VARCHAR,
    source_key    VARCHAR,   -- the independent source of the document (copies share one)
    corroboration VARCHAR,   -- single_source | relayed | corroborated
    PRIMARY KEY (doc_id, event_id)
);

CREATE TABLE statement_clusters (
    doc_id        VARCHAR NOT NULL,
    statement_id  VARCHAR NOT NULL,
    cluster_id    VARCHAR NOT NULL,
    story_id      VARCHAR,
    source_key    VARCHAR,
    corroboration VARCHAR,
    PRIMARY KEY (doc_id, statement_id)
);

-- Per real-world event: GDELT-style counts (copies are not independent sources).
CREATE VIEW event_cluster_counts AS
SELECT cluster_id,
       any_value(story_id)            AS story_id,
       count(*)                       AS mentions,
       count(DISTINCT doc_id)         AS documents,
       count(DISTINCT source_key)     AS sources,
       any_value(corroboration)       AS corroboration
FROM event_clusters
GROUP BY cluster_id;
