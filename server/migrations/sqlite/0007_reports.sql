-- Reports up the Hội's tree (báo cáo): what the report's aggregate queries need that the earlier
-- tables did not keep, and the indexes that let a province's quarter be counted in well under a
-- second (`cargo xtask bench reports`).

-- A membership that ended (she left, was removed or banned, or erased her account): the group,
-- when she had joined and when it ended. Counts only: no person is kept. Triggers fill it, so
-- every path that ends a membership is counted and the growth curve can be rebuilt for any date.
CREATE TABLE membership_leaves (
    id        INTEGER PRIMARY KEY,
    group_id  INTEGER NOT NULL,
    joined_at INTEGER NOT NULL,
    left_at   INTEGER NOT NULL
);
CREATE INDEX membership_leaves_by_group ON membership_leaves (group_id, left_at, joined_at);

CREATE TRIGGER memberships_ended AFTER DELETE ON memberships WHEN old.status = 'active' BEGIN
    INSERT INTO membership_leaves (group_id, joined_at, left_at)
    VALUES (old.group_id, COALESCE(old.decided_at, old.requested_at), CAST(strftime('%s', 'now') AS INTEGER));
END;
CREATE TRIGGER memberships_banned AFTER UPDATE OF status ON memberships
WHEN old.status = 'active' AND new.status <> 'active' BEGIN
    INSERT INTO membership_leaves (group_id, joined_at, left_at)
    VALUES (old.group_id, COALESCE(old.decided_at, old.requested_at), CAST(strftime('%s', 'now') AS INTEGER));
END;

-- Advisors of a unit (ban cố vấn, giám sát): they read the reports, audit log and overdue queues
-- of the unit and everything under it, and change nothing.
CREATE TABLE unit_advisors (
    unit_id INTEGER NOT NULL REFERENCES units(id),
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    PRIMARY KEY (unit_id, user_id)
);
CREATE INDEX unit_advisors_by_user ON unit_advisors (user_id);

-- The report's indexes. Each is read per group of the scope over the period's time range.
-- When she joined: the approval, or the request of a group that lets everyone in.
CREATE INDEX memberships_joined ON memberships (group_id, status, COALESCE(decided_at, requested_at));
-- Posts of the period with their author (active members) and kind (questions), covering.
CREATE INDEX posts_report ON posts (group_id, published_at, status, author_id, kind);
CREATE INDEX posts_created ON posts (group_id, created_at, status);
CREATE INDEX comments_by_time ON comments (created_at, post_id, author_id, status);
CREATE INDEX reactions_by_time ON reactions (created_at, post_id, user_id);
CREATE INDEX contests_by_group ON contests (group_id);
CREATE INDEX contest_votes_by_time ON contest_votes (contest_id, created_ms);
CREATE INDEX quiz_attempts_started ON quiz_attempts (quiz_id, started_ms);
CREATE INDEX survey_responses_by_time ON survey_responses (group_id, submitted_at);
CREATE INDEX hoi_applications_by_source ON hoi_applications (source_group_id, created_at);
CREATE INDEX hoi_applications_created ON hoi_applications (created_at);
