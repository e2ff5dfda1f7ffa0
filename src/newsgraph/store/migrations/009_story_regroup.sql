-- Version 9: stories clustered again around each new document (newsgraph.link.stories): a story
-- holds its latest members one by one (their story keys, weighed again with the document
-- frequencies of the day) and sums the older ones into a frozen core, so the link step can split
-- a story and move documents between stories.

-- {key: weight}: the sum of the vectors of the members not held one by one.  NULL on a story
-- written before version 9: its centroid is its core, and it holds no member.
ALTER TABLE stories ADD COLUMN core JSON;
-- [doc id, ...]: the members held one by one, oldest first.
ALTER TABLE stories ADD COLUMN held JSON;
-- {key: count}: the document's heaviest story keys (what holding it needs).
ALTER TABLE story_members ADD COLUMN features JSON;
