-- Comments and reactions carry their post's group (a post never changes group): the report
-- counts them per group over a time range from one index, instead of joining every row of the
-- period to its post, and the scale plan wants the group in their keys anyway. Filled here for
-- the rows there are; written with every new row.
ALTER TABLE comments ADD COLUMN group_id INTEGER NOT NULL DEFAULT 0;
ALTER TABLE reactions ADD COLUMN group_id INTEGER NOT NULL DEFAULT 0;
UPDATE comments SET group_id = (SELECT p.group_id FROM posts p WHERE p.id = comments.post_id);
UPDATE reactions SET group_id = (SELECT p.group_id FROM posts p WHERE p.id = reactions.post_id);
-- The report's indexes move to the group: per group, the period's range, covering.
DROP INDEX comments_by_time;
DROP INDEX reactions_by_time;
CREATE INDEX comments_report ON comments (group_id, created_at, status, author_id);
CREATE INDEX reactions_report ON reactions (group_id, created_at, user_id, post_id);
