-- Photo contests (cuộc thi ảnh): the contest and its rules, its judges, the entries and their
-- photos, the votes, and the judges' scores.
--
-- A count is never stored where an admin could set it: `contest_entries.votes` is maintained
-- only in the same transaction as the vote rows it counts (the batched vote writer, and voiding),
-- and the tests recount it from `contest_votes`.

CREATE TABLE contests (
    id                 INTEGER PRIMARY KEY,
    group_id           INTEGER NOT NULL REFERENCES community_groups(id) ON DELETE CASCADE,
    title              TEXT    NOT NULL,
    rules              TEXT    NOT NULL,
    cover_photo_id     INTEGER REFERENCES photos(id) ON DELETE SET NULL,
    entries_open_at    INTEGER NOT NULL,
    entries_close_at   INTEGER NOT NULL,
    voting_open_at     INTEGER NOT NULL,
    voting_close_at    INTEGER NOT NULL,
    who_enters         TEXT    NOT NULL, -- 'group' | 'unit' | 'anyone'
    who_votes          TEXT    NOT NULL,
    unit_id            INTEGER REFERENCES units(id),
    entries_per_member INTEGER NOT NULL,
    vote_rule          TEXT    NOT NULL, -- 'per_entry' | 'per_day'
    votes_per_day      INTEGER NOT NULL,
    live_results       INTEGER NOT NULL,
    judge_weight       INTEGER NOT NULL, -- 0–100; the public vote weighs the rest
    criteria           TEXT    NOT NULL, -- JSON [{name, max_points}]
    -- Keys the hash that labels voters' addresses, so the label cannot be looked up elsewhere.
    address_salt       TEXT    NOT NULL,
    created_by         INTEGER REFERENCES users(id) ON DELETE SET NULL,
    created_at         INTEGER NOT NULL,
    -- Set once when the results are worked out after the voting closes.
    results_at         INTEGER,
    announcement_post_id INTEGER REFERENCES posts(id) ON DELETE SET NULL
);
CREATE INDEX contests_by_close ON contests (voting_close_at);
CREATE INDEX contests_to_announce ON contests (results_at, voting_close_at);

CREATE TABLE contest_judges (
    contest_id INTEGER NOT NULL REFERENCES contests(id) ON DELETE CASCADE,
    user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    PRIMARY KEY (contest_id, user_id)
);

CREATE TABLE contest_entries (
    id         INTEGER PRIMARY KEY,
    contest_id INTEGER NOT NULL REFERENCES contests(id) ON DELETE CASCADE,
    author_id  INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    title      TEXT    NOT NULL,
    story      TEXT    NOT NULL,
    status     TEXT    NOT NULL, -- 'pending' | 'approved' | 'rejected'
    reason     TEXT,
    votes      INTEGER NOT NULL DEFAULT 0,
    rank       INTEGER,
    created_at INTEGER NOT NULL,
    decided_at INTEGER,
    decided_by INTEGER REFERENCES users(id) ON DELETE SET NULL
);
CREATE INDEX contest_entries_by_contest ON contest_entries (contest_id, status, id);
CREATE INDEX contest_entries_by_author ON contest_entries (author_id, contest_id);

-- An entry's photos are ordinary photos (the same upload pipeline), tied to the entry.
ALTER TABLE photos ADD COLUMN entry_id INTEGER REFERENCES contest_entries(id) ON DELETE CASCADE;
CREATE INDEX photos_by_entry ON photos (entry_id, position);

-- One row per vote. `day` is 0 under the per-entry rule and the Vietnam day number under the
-- per-day rule, so the unique key is the rule: a double tap, a retry or a second phone finds the
-- row already there. Voided votes stay, with why and by whom; they stop counting.
CREATE TABLE contest_votes (
    id          INTEGER PRIMARY KEY,
    contest_id  INTEGER NOT NULL REFERENCES contests(id) ON DELETE CASCADE,
    entry_id    INTEGER NOT NULL REFERENCES contest_entries(id) ON DELETE CASCADE,
    voter_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    day         INTEGER NOT NULL,
    address     TEXT    NOT NULL, -- a keyed hash of the network address, never the address
    created_ms  INTEGER NOT NULL,
    voided_at   INTEGER,
    voided_by   INTEGER REFERENCES users(id) ON DELETE SET NULL,
    void_reason TEXT,
    UNIQUE (entry_id, voter_id, day)
);
-- The per-day cap counts her votes of the day in the contest.
CREATE INDEX contest_votes_by_voter ON contest_votes (contest_id, voter_id, day);
-- The fraud signals read an entry's votes in time order.
CREATE INDEX contest_votes_by_entry ON contest_votes (entry_id, created_ms);

CREATE TABLE contest_scores (
    entry_id  INTEGER NOT NULL REFERENCES contest_entries(id) ON DELETE CASCADE,
    judge_id  INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    scores    TEXT    NOT NULL, -- comma-separated, one per criterion
    total     INTEGER NOT NULL,
    scored_at INTEGER NOT NULL,
    PRIMARY KEY (entry_id, judge_id)
);
