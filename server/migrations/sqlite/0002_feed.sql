-- The group feed: posts, photos, reactions, comments, reports, notifications, per-group
-- moderation rules and mutes. A post carries its photos and reaction counts as JSON so that a
-- feed page is one indexed query; the rows in photos/reactions are the truth they are rebuilt from.

ALTER TABLE community_groups ADD COLUMN moderation TEXT NOT NULL DEFAULT '{}';
ALTER TABLE memberships ADD COLUMN muted_until INTEGER;

CREATE TABLE posts (
    id                 INTEGER PRIMARY KEY,
    group_id           INTEGER NOT NULL REFERENCES community_groups(id) ON DELETE CASCADE,
    author_id          INTEGER NOT NULL REFERENCES users(id),
    kind               TEXT    NOT NULL,
    category           TEXT    NOT NULL,
    body               TEXT    NOT NULL,
    body_folded        TEXT    NOT NULL, -- without diacritics, lowercase: what search matches
    status             TEXT    NOT NULL,
    held_for           TEXT    NOT NULL DEFAULT '', -- comma-separated hold reasons
    reason             TEXT,
    pinned             INTEGER NOT NULL DEFAULT 0,
    announcement_until INTEGER,
    top_until          INTEGER NOT NULL DEFAULT 0, -- shown on top until then (pinned: forever)
    photos             TEXT    NOT NULL DEFAULT '[]',
    reactions          TEXT    NOT NULL DEFAULT '[]',
    comment_count      INTEGER NOT NULL DEFAULT 0,
    answer_body        TEXT,
    answered_by        INTEGER REFERENCES users(id),
    answered_at        INTEGER,
    created_at         INTEGER NOT NULL,
    edited_at          INTEGER,
    published_at       INTEGER NOT NULL DEFAULT 0,
    idempotency_key    TEXT -- the phone's key for this post: a retried send finds it instead of a twin
);
CREATE UNIQUE INDEX posts_idempotency ON posts (author_id, idempotency_key);
CREATE INDEX posts_feed ON posts (group_id, status, published_at, id);
CREATE INDEX posts_feed_by_category ON posts (group_id, category, status, published_at, id);
CREATE INDEX posts_top ON posts (group_id, top_until);
CREATE INDEX posts_queue ON posts (group_id, status, kind, answered_at);

-- Search ignoring diacritics: FTS5 over the folded text, kept in step by triggers.
CREATE VIRTUAL TABLE posts_fts USING fts5(body_folded, content='posts', content_rowid='id');
CREATE TRIGGER posts_fts_insert AFTER INSERT ON posts BEGIN
    INSERT INTO posts_fts (rowid, body_folded) VALUES (new.id, new.body_folded);
END;
CREATE TRIGGER posts_fts_delete AFTER DELETE ON posts BEGIN
    INSERT INTO posts_fts (posts_fts, rowid, body_folded) VALUES ('delete', old.id, old.body_folded);
END;
CREATE TRIGGER posts_fts_update AFTER UPDATE OF body_folded ON posts BEGIN
    INSERT INTO posts_fts (posts_fts, rowid, body_folded) VALUES ('delete', old.id, old.body_folded);
    INSERT INTO posts_fts (rowid, body_folded) VALUES (new.id, new.body_folded);
END;

-- Re-encoded photos (no EXIF). The bytes live in the media store (a folder by default): the display
-- size at `{media_key}.jpg`, the thumbnail at `{media_key}-thumb.jpg`. post_id is set when a post uses it.
CREATE TABLE photos (
    id          INTEGER PRIMARY KEY,
    group_id    INTEGER NOT NULL REFERENCES community_groups(id) ON DELETE CASCADE,
    uploader_id INTEGER NOT NULL REFERENCES users(id),
    post_id     INTEGER REFERENCES posts(id) ON DELETE SET NULL,
    position    INTEGER NOT NULL DEFAULT 0,
    width       INTEGER NOT NULL,
    height      INTEGER NOT NULL,
    media_key   TEXT    NOT NULL,
    created_at  INTEGER NOT NULL
);
CREATE INDEX photos_by_post ON photos (post_id, position);

CREATE TABLE reactions (
    post_id    INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
    user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind       TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (post_id, user_id)
);

CREATE TABLE comments (
    id         INTEGER PRIMARY KEY,
    post_id    INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
    parent_id  INTEGER REFERENCES comments(id),
    author_id  INTEGER NOT NULL REFERENCES users(id),
    body       TEXT    NOT NULL,
    status     TEXT    NOT NULL, -- published | removed
    created_at INTEGER NOT NULL,
    idempotency_key TEXT
);
CREATE UNIQUE INDEX comments_idempotency ON comments (author_id, idempotency_key);
CREATE INDEX comments_by_post ON comments (post_id, id);

CREATE TABLE reports (
    id          INTEGER PRIMARY KEY,
    group_id    INTEGER NOT NULL REFERENCES community_groups(id) ON DELETE CASCADE,
    post_id     INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
    comment_id  INTEGER REFERENCES comments(id) ON DELETE CASCADE,
    reporter_id INTEGER NOT NULL REFERENCES users(id),
    reason      TEXT    NOT NULL,
    status      TEXT    NOT NULL, -- open | removed | dismissed
    created_at  INTEGER NOT NULL,
    decided_by  INTEGER REFERENCES users(id),
    decided_at  INTEGER
);
CREATE INDEX reports_queue ON reports (group_id, status, id);

CREATE TABLE notifications (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind       TEXT    NOT NULL,
    post_id    INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    read_at    INTEGER
);
CREATE INDEX notifications_by_user ON notifications (user_id, id);
