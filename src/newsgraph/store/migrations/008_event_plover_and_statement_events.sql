-- Version 8: two fields of the analyze --json records that the store dropped, so that a stored
-- document reads back as it was analysed: an event's PLOVER reading (a promised or planned
-- action is AGREE or THREATEN) and the ids of the events a statement asserts.  Rows stored
-- before this version read back as null and [].
ALTER TABLE events ADD COLUMN plover_type VARCHAR;
ALTER TABLE statements ADD COLUMN events JSON;
