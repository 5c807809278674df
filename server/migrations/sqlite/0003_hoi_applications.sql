-- "Vào Hội": applications to join the Hội LHPN, their consents and pipeline, who looked at them,
-- and the anonymous counts left behind when personal data is erased.

CREATE TABLE hoi_applications (
    id              INTEGER PRIMARY KEY,
    -- Her account: set when she applied signed in, or when she registers with the same phone.
    user_id         INTEGER REFERENCES users(id) ON DELETE SET NULL,
    full_name       TEXT    NOT NULL,
    birth_date      TEXT    NOT NULL, -- YYYY-MM-DD
    phone           TEXT    NOT NULL, -- E.164
    -- Routing: the unit that processes it (her branch, else her commune/ward) and the units above,
    -- kept on the row so a cadre's list is one indexed query whatever level she administers.
    unit_id         INTEGER NOT NULL REFERENCES units(id),
    commune_id      INTEGER NOT NULL REFERENCES units(id),
    branch_id       INTEGER REFERENCES units(id),
    province_id     INTEGER NOT NULL REFERENCES units(id),
    occupation      TEXT    NOT NULL,
    education       TEXT    NOT NULL,
    wish            TEXT    NOT NULL,
    ethnicity       TEXT, -- sensitive: only with a 'sensitive' consent in force
    religion        TEXT, -- sensitive: only with a 'sensitive' consent in force
    source_group_id INTEGER REFERENCES community_groups(id) ON DELETE SET NULL,
    status          TEXT    NOT NULL,
    decline_reason  TEXT,
    applicant_unseen INTEGER NOT NULL DEFAULT 0, -- a status change she has not seen yet
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    decided_at      INTEGER
);
-- One open application per phone: the database catches a duplicate even from two tabs at once.
CREATE UNIQUE INDEX hoi_applications_one_open ON hoi_applications (phone)
    WHERE status IN ('new', 'contacted');
CREATE INDEX hoi_applications_by_phone ON hoi_applications (phone);
CREATE INDEX hoi_applications_by_user ON hoi_applications (user_id);
CREATE INDEX hoi_applications_by_unit ON hoi_applications (unit_id, status, id);
CREATE INDEX hoi_applications_by_commune ON hoi_applications (commune_id, status, id);
CREATE INDEX hoi_applications_by_province ON hoi_applications (province_id, status, id);
CREATE INDEX hoi_applications_decided ON hoi_applications (decided_at);

-- One row per purpose she consented to, with the statement and its version as she read them.
CREATE TABLE hoi_consents (
    id             INTEGER PRIMARY KEY,
    application_id INTEGER NOT NULL REFERENCES hoi_applications(id) ON DELETE CASCADE,
    purpose        TEXT    NOT NULL,
    version        TEXT    NOT NULL,
    statement      TEXT    NOT NULL,
    granted_at     INTEGER NOT NULL,
    withdrawn_at   INTEGER
);
CREATE INDEX hoi_consents_by_application ON hoi_consents (application_id);

-- The pipeline: status changes and notes, with who and when.
CREATE TABLE hoi_application_steps (
    id             INTEGER PRIMARY KEY,
    application_id INTEGER NOT NULL REFERENCES hoi_applications(id) ON DELETE CASCADE,
    actor_id       INTEGER REFERENCES users(id) ON DELETE SET NULL, -- NULL: the applicant herself
    status         TEXT,
    note           TEXT    NOT NULL,
    created_at     INTEGER NOT NULL
);
CREATE INDEX hoi_application_steps_by_application ON hoi_application_steps (application_id, id);

-- Who looked at whose application, and when. Kept after the application is erased (no foreign key).
CREATE TABLE data_access_log (
    id             INTEGER PRIMARY KEY,
    actor_id       INTEGER NOT NULL REFERENCES users(id),
    application_id INTEGER NOT NULL,
    action         TEXT    NOT NULL, -- view | export
    created_at     INTEGER NOT NULL
);
CREATE INDEX data_access_log_by_application ON data_access_log (application_id, id);

-- What erasure leaves for the reports: a count per kind, unit and month, nothing personal.
CREATE TABLE erasure_counts (
    kind    TEXT    NOT NULL, -- application | account
    unit_id INTEGER NOT NULL,
    month   TEXT    NOT NULL, -- YYYY-MM
    count   INTEGER NOT NULL,
    PRIMARY KEY (kind, unit_id, month)
);

-- An erased account keeps its row (board decisions and the audit log point to it) with nothing
-- personal left in it.
ALTER TABLE users ADD COLUMN erased_at INTEGER;
