-- newsgraph schema, version 1.
-- Documents are keyed by a hash of their cleaned content: the same article
-- ingested twice is one row; a changed article at the same URL is a new row
-- with the next version number.

CREATE TABLE documents (
    id                 VARCHAR PRIMARY KEY,
    url                VARCHAR,
    version            INTEGER NOT NULL DEFAULT 1,
    origin             VARCHAR,
    title              VARCHAR,
    published          DATE,
    published_from     VARCHAR,
    author             VARCHAR,
    site               VARCHAR,
    language           VARCHAR,
    credited_source    VARCHAR,
    translated_from    VARCHAR,
    text               VARCHAR NOT NULL,
    paragraphs         JSON,
    duplicates_removed INTEGER NOT NULL DEFAULT 0,
    boilerplate        JSON,
    offsets            JSON,
    notes              JSON,
    ingested_at        TIMESTAMP NOT NULL
);
CREATE INDEX documents_url ON documents (url);

-- Every place a document was seen (the same article can arrive from several inputs).
CREATE TABLE document_sources (
    doc_id   VARCHAR NOT NULL,
    origin   VARCHAR,
    url      VARCHAR,
    seen_at  TIMESTAMP NOT NULL
);

CREATE TABLE mentions (
    doc_id   VARCHAR NOT NULL,
    idx      INTEGER NOT NULL,
    start    INTEGER NOT NULL,
    "end"    INTEGER NOT NULL,
    text     VARCHAR NOT NULL,
    label    VARCHAR,
    actor_id VARCHAR,
    PRIMARY KEY (doc_id, idx)
);

CREATE TABLE actors (
    id       VARCHAR PRIMARY KEY,
    name     VARCHAR NOT NULL,
    kind     VARCHAR,
    country  VARCHAR,
    sector   VARCHAR,
    role     VARCHAR,
    wikidata VARCHAR
);

CREATE TABLE document_actors (
    doc_id   VARCHAR NOT NULL,
    actor_id VARCHAR NOT NULL,
    role     VARCHAR,
    sector   VARCHAR,
    PRIMARY KEY (doc_id, actor_id)
);

CREATE TABLE events (
    doc_id    VARCHAR NOT NULL,
    id        VARCHAR NOT NULL,
    type      VARCHAR,
    cameo     VARCHAR,
    source    JSON,
    target    JSON,
    modality  VARCHAR,
    certainty DOUBLE,
    date      JSON,
    evidence  JSON,
    PRIMARY KEY (doc_id, id)
);

CREATE TABLE statements (
    doc_id       VARCHAR NOT NULL,
    id           VARCHAR NOT NULL,
    speaker      VARCHAR,
    speaker_text VARCHAR,
    cue          VARCHAR,
    content      VARCHAR,
    form         VARCHAR,
    date         JSON,
    chain        JSON,
    start        INTEGER,
    "end"        INTEGER,
    PRIMARY KEY (doc_id, id)
);

CREATE TABLE times (
    doc_id  VARCHAR NOT NULL,
    idx     INTEGER NOT NULL,
    text    VARCHAR,
    start   INTEGER,
    "end"   INTEGER,
    value   VARCHAR,
    "from"  VARCHAR,
    "to"    VARCHAR,
    PRIMARY KEY (doc_id, idx)
);

CREATE TABLE forecasts (
    doc_id      VARCHAR NOT NULL,
    id          VARCHAR NOT NULL,
    predictor   VARCHAR,
    proposition VARCHAR,
    event       VARCHAR,
    stated_on   VARCHAR,
    not_before  VARCHAR,
    "by"        VARCHAR,
    confidence  VARCHAR,
    status      VARCHAR,
    PRIMARY KEY (doc_id, id)
);
