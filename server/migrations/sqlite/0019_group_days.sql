-- The report's daily figures: per group and Vietnam calendar day (`(seconds + 7 h) / 86400`),
-- what happened that day, so a province's quarter reads ~200 groups x 92 days of rows instead of
-- every post, comment, reaction and membership of the period.
--   posts      published posts, on the day they came out (and still published)
--   comments   published comments, on the day they were written
--   reactions  reactions, on the day they were left
--   joins      memberships that began that day: the active ones and those that ended since
--   leaves     memberships that ended that day
-- Kept exact by triggers, in the same transaction as the rows they count, so no path that
-- writes those rows (the API, an account's erasure, a group's deletion, the demo's bulk inserts)
-- can leave a day miscounted. The figures that cannot be added up by day (active members,
-- medians, the busiest hours) are still counted from the rows.
CREATE TABLE group_days (
    group_id  INTEGER NOT NULL,
    day       INTEGER NOT NULL,
    posts     INTEGER NOT NULL DEFAULT 0,
    comments  INTEGER NOT NULL DEFAULT 0,
    reactions INTEGER NOT NULL DEFAULT 0,
    joins     INTEGER NOT NULL DEFAULT 0,
    leaves    INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (group_id, day)
);

INSERT INTO group_days (group_id, day, posts, comments, reactions, joins, leaves)
SELECT group_id, day, SUM(p), SUM(c), SUM(r), SUM(j), SUM(l) FROM (
    SELECT group_id, (published_at + 25200) / 86400 AS day, 1 AS p, 0 AS c, 0 AS r, 0 AS j, 0 AS l
      FROM posts WHERE status = 'published'
    UNION ALL SELECT group_id, (created_at + 25200) / 86400, 0, 1, 0, 0, 0 FROM comments WHERE status = 'published'
    UNION ALL SELECT group_id, (created_at + 25200) / 86400, 0, 0, 1, 0, 0 FROM reactions
    UNION ALL SELECT group_id, (COALESCE(decided_at, requested_at) + 25200) / 86400, 0, 0, 0, 1, 0
      FROM memberships WHERE status = 'active'
    UNION ALL SELECT group_id, (joined_at + 25200) / 86400, 0, 0, 0, 1, 0 FROM membership_leaves
    UNION ALL SELECT group_id, (left_at + 25200) / 86400, 0, 0, 0, 0, 1 FROM membership_leaves
) rows GROUP BY group_id, day;

-- Posts: counted while published, on their publish day.
CREATE TRIGGER group_days_post_in AFTER INSERT ON posts WHEN new.status = 'published' BEGIN
    INSERT INTO group_days (group_id, day, posts) VALUES (new.group_id, (new.published_at + 25200) / 86400, 1)
    ON CONFLICT (group_id, day) DO UPDATE SET posts = posts + 1;
END;
CREATE TRIGGER group_days_post_was AFTER UPDATE OF status, published_at ON posts WHEN old.status = 'published' BEGIN
    INSERT INTO group_days (group_id, day, posts) VALUES (old.group_id, (old.published_at + 25200) / 86400, -1)
    ON CONFLICT (group_id, day) DO UPDATE SET posts = posts - 1;
END;
CREATE TRIGGER group_days_post_is AFTER UPDATE OF status, published_at ON posts WHEN new.status = 'published' BEGIN
    INSERT INTO group_days (group_id, day, posts) VALUES (new.group_id, (new.published_at + 25200) / 86400, 1)
    ON CONFLICT (group_id, day) DO UPDATE SET posts = posts + 1;
END;
CREATE TRIGGER group_days_post_out AFTER DELETE ON posts WHEN old.status = 'published' BEGIN
    INSERT INTO group_days (group_id, day, posts) VALUES (old.group_id, (old.published_at + 25200) / 86400, -1)
    ON CONFLICT (group_id, day) DO UPDATE SET posts = posts - 1;
END;

-- Comments: counted while published, on the day they were written.
CREATE TRIGGER group_days_comment_in AFTER INSERT ON comments WHEN new.status = 'published' BEGIN
    INSERT INTO group_days (group_id, day, comments) VALUES (new.group_id, (new.created_at + 25200) / 86400, 1)
    ON CONFLICT (group_id, day) DO UPDATE SET comments = comments + 1;
END;
CREATE TRIGGER group_days_comment_was AFTER UPDATE OF status ON comments WHEN old.status = 'published' BEGIN
    INSERT INTO group_days (group_id, day, comments) VALUES (old.group_id, (old.created_at + 25200) / 86400, -1)
    ON CONFLICT (group_id, day) DO UPDATE SET comments = comments - 1;
END;
CREATE TRIGGER group_days_comment_is AFTER UPDATE OF status ON comments WHEN new.status = 'published' BEGIN
    INSERT INTO group_days (group_id, day, comments) VALUES (new.group_id, (new.created_at + 25200) / 86400, 1)
    ON CONFLICT (group_id, day) DO UPDATE SET comments = comments + 1;
END;
CREATE TRIGGER group_days_comment_out AFTER DELETE ON comments WHEN old.status = 'published' BEGIN
    INSERT INTO group_days (group_id, day, comments) VALUES (old.group_id, (old.created_at + 25200) / 86400, -1)
    ON CONFLICT (group_id, day) DO UPDATE SET comments = comments - 1;
END;

-- Reactions: one per member and post (a changed kind is the same reaction).
CREATE TRIGGER group_days_reaction_in AFTER INSERT ON reactions BEGIN
    INSERT INTO group_days (group_id, day, reactions) VALUES (new.group_id, (new.created_at + 25200) / 86400, 1)
    ON CONFLICT (group_id, day) DO UPDATE SET reactions = reactions + 1;
END;
CREATE TRIGGER group_days_reaction_out AFTER DELETE ON reactions BEGIN
    INSERT INTO group_days (group_id, day, reactions) VALUES (old.group_id, (old.created_at + 25200) / 86400, -1)
    ON CONFLICT (group_id, day) DO UPDATE SET reactions = reactions - 1;
END;

-- Joins: an active membership counts on the day it began; when it ends, its membership_leaves
-- row (migration 0007's triggers) counts it instead, with the day it ended.
CREATE TRIGGER group_days_member_in AFTER INSERT ON memberships WHEN new.status = 'active' BEGIN
    INSERT INTO group_days (group_id, day, joins)
    VALUES (new.group_id, (COALESCE(new.decided_at, new.requested_at) + 25200) / 86400, 1)
    ON CONFLICT (group_id, day) DO UPDATE SET joins = joins + 1;
END;
CREATE TRIGGER group_days_member_was AFTER UPDATE OF status, decided_at, requested_at ON memberships
WHEN old.status = 'active' BEGIN
    INSERT INTO group_days (group_id, day, joins)
    VALUES (old.group_id, (COALESCE(old.decided_at, old.requested_at) + 25200) / 86400, -1)
    ON CONFLICT (group_id, day) DO UPDATE SET joins = joins - 1;
END;
CREATE TRIGGER group_days_member_is AFTER UPDATE OF status, decided_at, requested_at ON memberships
WHEN new.status = 'active' BEGIN
    INSERT INTO group_days (group_id, day, joins)
    VALUES (new.group_id, (COALESCE(new.decided_at, new.requested_at) + 25200) / 86400, 1)
    ON CONFLICT (group_id, day) DO UPDATE SET joins = joins + 1;
END;
CREATE TRIGGER group_days_member_out AFTER DELETE ON memberships WHEN old.status = 'active' BEGIN
    INSERT INTO group_days (group_id, day, joins)
    VALUES (old.group_id, (COALESCE(old.decided_at, old.requested_at) + 25200) / 86400, -1)
    ON CONFLICT (group_id, day) DO UPDATE SET joins = joins - 1;
END;
CREATE TRIGGER group_days_leave AFTER INSERT ON membership_leaves BEGIN
    INSERT INTO group_days (group_id, day, joins) VALUES (new.group_id, (new.joined_at + 25200) / 86400, 1)
    ON CONFLICT (group_id, day) DO UPDATE SET joins = joins + 1;
    INSERT INTO group_days (group_id, day, leaves) VALUES (new.group_id, (new.left_at + 25200) / 86400, 1)
    ON CONFLICT (group_id, day) DO UPDATE SET leaves = leaves + 1;
END;
