-- Version 2: what the event coder says beyond the contract's core fields.
ALTER TABLE events ADD COLUMN mode VARCHAR;
ALTER TABLE events ADD COLUMN trigger VARCHAR;
ALTER TABLE events ADD COLUMN intensity DOUBLE;
ALTER TABLE events ADD COLUMN goldstein DOUBLE;
ALTER TABLE events ADD COLUMN hedges JSON;
ALTER TABLE events ADD COLUMN reported_by JSON;
ALTER TABLE events ADD COLUMN background BOOLEAN DEFAULT false;
