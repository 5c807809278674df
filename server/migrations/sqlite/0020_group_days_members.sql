-- Members at the end of a period, from the daily figures. Per group and Vietnam day:
--   members           memberships that began that day and are active now
--   members_not_hoi   of them, women who are not Hội members
--   members_outside   of them, women living outside the group's commune (and not overseas)
--   members_overseas  of them, women living overseas
-- The classes are the report's: by her profile as it is now. A province's "members" then reads
-- ~200 groups x days of rows instead of joining 500,000 memberships to their women, which was
-- 1.4 s of the 2.1 s of Hà Nội's quarter on SQLite.
-- Kept exact by triggers, like the other daily figures: a membership is taken out of its day
-- before it changes or goes (BEFORE, while its row and its class can still be read) and put
-- back after, and so is every active membership of a woman whose profile changes class. A unit
-- moved under another parent is not followed: the tree is imported, never edited.
ALTER TABLE group_days ADD COLUMN members INTEGER NOT NULL DEFAULT 0;
ALTER TABLE group_days ADD COLUMN members_not_hoi INTEGER NOT NULL DEFAULT 0;
ALTER TABLE group_days ADD COLUMN members_outside INTEGER NOT NULL DEFAULT 0;
ALTER TABLE group_days ADD COLUMN members_overseas INTEGER NOT NULL DEFAULT 0;

-- One active membership, its day and its class; the one place the classes are written.
-- "Outside" is a home unit that is neither the group's unit nor directly under it.
CREATE VIEW member_classes AS
SELECT m.group_id, m.user_id, (COALESCE(m.decided_at, m.requested_at) + 25200) / 86400 AS day,
    CASE WHEN u.hoi_member THEN 0 ELSE 1 END AS not_hoi,
    CASE WHEN NOT u.overseas AND u.home_unit_id IS NOT NULL AND u.home_unit_id <> g.unit_id
        AND COALESCE(h.parent_id, 0) <> g.unit_id THEN 1 ELSE 0 END AS outside,
    CASE WHEN u.overseas THEN 1 ELSE 0 END AS overseas
FROM memberships m JOIN community_groups g ON g.id = m.group_id JOIN users u ON u.id = m.user_id
LEFT JOIN units h ON h.id = u.home_unit_id
WHERE m.status = 'active';

INSERT INTO group_days (group_id, day, members, members_not_hoi, members_outside, members_overseas)
SELECT group_id, day, COUNT(*), SUM(not_hoi), SUM(outside), SUM(overseas) FROM member_classes WHERE true
GROUP BY group_id, day
ON CONFLICT (group_id, day) DO UPDATE SET members = excluded.members, members_not_hoi = excluded.members_not_hoi,
    members_outside = excluded.members_outside, members_overseas = excluded.members_overseas;

-- A change of the members' columns of one group and day, added in: the one upsert the triggers
-- below go through (a view with an INSTEAD OF trigger, as SQLite has no procedures).
CREATE VIEW group_days_members_change AS
SELECT group_id, day, members, members_not_hoi, members_outside, members_overseas FROM group_days WHERE 0;
CREATE TRIGGER group_days_members_change INSTEAD OF INSERT ON group_days_members_change BEGIN
    INSERT INTO group_days (group_id, day, members, members_not_hoi, members_outside, members_overseas)
    VALUES (new.group_id, new.day, new.members, new.members_not_hoi, new.members_outside, new.members_overseas)
    ON CONFLICT (group_id, day) DO UPDATE SET members = members + excluded.members,
        members_not_hoi = members_not_hoi + excluded.members_not_hoi,
        members_outside = members_outside + excluded.members_outside,
        members_overseas = members_overseas + excluded.members_overseas;
END;

CREATE TRIGGER group_days_members_was BEFORE UPDATE OF status, decided_at, requested_at ON memberships
WHEN old.status = 'active' BEGIN
    INSERT INTO group_days_members_change SELECT group_id, day, -1, -not_hoi, -outside, -overseas
    FROM member_classes WHERE group_id = old.group_id AND user_id = old.user_id;
END;
CREATE TRIGGER group_days_members_out BEFORE DELETE ON memberships WHEN old.status = 'active' BEGIN
    INSERT INTO group_days_members_change SELECT group_id, day, -1, -not_hoi, -outside, -overseas
    FROM member_classes WHERE group_id = old.group_id AND user_id = old.user_id;
END;
CREATE TRIGGER group_days_members_in AFTER INSERT ON memberships WHEN new.status = 'active' BEGIN
    INSERT INTO group_days_members_change SELECT group_id, day, 1, not_hoi, outside, overseas
    FROM member_classes WHERE group_id = new.group_id AND user_id = new.user_id;
END;
CREATE TRIGGER group_days_members_is AFTER UPDATE OF status, decided_at, requested_at ON memberships
WHEN new.status = 'active' BEGIN
    INSERT INTO group_days_members_change SELECT group_id, day, 1, not_hoi, outside, overseas
    FROM member_classes WHERE group_id = new.group_id AND user_id = new.user_id;
END;

-- Her profile changes class: each of her active memberships moves, on its own day.
CREATE TRIGGER group_days_members_class_was BEFORE UPDATE OF hoi_member, overseas, home_unit_id ON users BEGIN
    INSERT INTO group_days_members_change SELECT group_id, day, -1, -not_hoi, -outside, -overseas
    FROM member_classes WHERE user_id = old.id;
END;
CREATE TRIGGER group_days_members_class_is AFTER UPDATE OF hoi_member, overseas, home_unit_id ON users BEGIN
    INSERT INTO group_days_members_change SELECT group_id, day, 1, not_hoi, outside, overseas
    FROM member_classes WHERE user_id = new.id;
END;

-- The medians' waits, read without touching the rows of every other post and membership:
-- held posts are one in twenty, approved requests are the memberships decided by hand.
CREATE INDEX posts_held_waits ON posts (group_id, published_at, created_at)
    WHERE status = 'published' AND held_for <> '';
CREATE INDEX memberships_waits ON memberships (group_id, decided_at, requested_at)
    WHERE status = 'active' AND decided_at > requested_at;
