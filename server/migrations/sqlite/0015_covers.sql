-- Cover photos of groups and quizzes. A cover is uploaded before what it covers exists (a group
-- being created, a quiz for a whole unit), so it belongs to no group: it is owned by what names
-- it, and one nothing names is purged with the unused photos.
CREATE TABLE covers (
    id          INTEGER PRIMARY KEY,
    uploader_id INTEGER NOT NULL REFERENCES users(id),
    width       INTEGER NOT NULL,
    height      INTEGER NOT NULL,
    media_key   TEXT    NOT NULL,
    created_at  INTEGER NOT NULL
);
ALTER TABLE community_groups ADD COLUMN cover_id INTEGER REFERENCES covers(id);
ALTER TABLE quizzes ADD COLUMN cover_id INTEGER REFERENCES covers(id);
