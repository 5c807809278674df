-- Foundation: the Hội tree, accounts, sessions, groups, memberships, audit log.
-- Times are INTEGER seconds since the epoch (UTC). Flags are INTEGER 0/1: sqlx's Any driver cannot
-- read SQLite's BOOLEAN, and db::flag reads either form. Never edit an applied migration: add a new one.

CREATE TABLE units (
    id          INTEGER PRIMARY KEY,
    parent_id   INTEGER REFERENCES units(id),
    level       TEXT    NOT NULL,
    name        TEXT    NOT NULL,
    name_folded TEXT    NOT NULL,
    gso_code    INTEGER,
    created_at  INTEGER NOT NULL
);
CREATE INDEX units_by_parent ON units (parent_id, name);

CREATE TABLE users (
    id                   INTEGER PRIMARY KEY,
    phone                TEXT    NOT NULL UNIQUE,
    display_name         TEXT    NOT NULL,
    password_hash        TEXT    NOT NULL,
    home_unit_id         INTEGER REFERENCES units(id),
    overseas             INTEGER NOT NULL DEFAULT 0,
    hoi_member           INTEGER NOT NULL DEFAULT 0,
    created_at           INTEGER NOT NULL
);

CREATE TABLE sessions (
    token_hash   TEXT    PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at   INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL
);
CREATE INDEX sessions_by_user ON sessions (user_id);

CREATE TABLE otp_codes (
    phone      TEXT    PRIMARY KEY,
    code_hash  TEXT    NOT NULL,
    expires_at INTEGER NOT NULL,
    attempts   INTEGER NOT NULL DEFAULT 0
);

-- Who administers a unit of the Hội (and so everything under it).
CREATE TABLE unit_admins (
    unit_id INTEGER NOT NULL REFERENCES units(id),
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    PRIMARY KEY (unit_id, user_id)
);
CREATE INDEX unit_admins_by_user ON unit_admins (user_id);

CREATE TABLE community_groups (
    id          INTEGER PRIMARY KEY,
    unit_id     INTEGER NOT NULL REFERENCES units(id),
    name        TEXT    NOT NULL,
    name_folded TEXT    NOT NULL,
    description TEXT    NOT NULL,
    rules       TEXT    NOT NULL,
    questions   TEXT    NOT NULL, -- JSON array of up to 3 strings
    privacy     TEXT    NOT NULL,
    verified    INTEGER NOT NULL DEFAULT 0,
    created_by  INTEGER NOT NULL REFERENCES users(id),
    created_at  INTEGER NOT NULL
);
CREATE INDEX community_groups_by_unit ON community_groups (unit_id);

CREATE TABLE memberships (
    group_id       INTEGER NOT NULL REFERENCES community_groups(id) ON DELETE CASCADE,
    user_id        INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    role           TEXT    NOT NULL,
    status         TEXT    NOT NULL,
    answers        TEXT    NOT NULL, -- JSON array, one answer per question
    decline_reason TEXT,
    requested_at   INTEGER NOT NULL,
    decided_at     INTEGER,
    decided_by     INTEGER REFERENCES users(id),
    PRIMARY KEY (group_id, user_id)
);
CREATE INDEX memberships_queue ON memberships (group_id, status, requested_at);
CREATE INDEX memberships_by_user ON memberships (user_id, status);

CREATE TABLE audit_log (
    id         INTEGER PRIMARY KEY,
    actor_id   INTEGER NOT NULL REFERENCES users(id),
    action     TEXT    NOT NULL,
    group_id   INTEGER,
    target_id  INTEGER,
    detail     TEXT    NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX audit_log_by_group ON audit_log (group_id, created_at);
