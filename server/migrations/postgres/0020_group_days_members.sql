-- PostgreSQL twin of migrations/sqlite/0020: members at the end of a period from the daily
-- figures, per group and Vietnam day, with the report's three classes. See the SQLite file for
-- what each column counts and why the triggers take a membership out BEFORE and put it back AFTER.
ALTER TABLE group_days ADD COLUMN members BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN members_not_hoi BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN members_outside BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN members_overseas BIGINT NOT NULL DEFAULT 0;

-- Every post, comment, reaction and membership updates today's row of its group, hundreds of times
-- a day for a busy group. Half of each page is left free so the new versions stay on the page
-- (HOT updates, pruned as they go) instead of spreading the table and its index: bulk-filling a
-- year in one transaction left 73,000 rows in 538 MB, and a report reading them 2.5 times slower.
ALTER TABLE group_days SET (fillfactor = 50);

CREATE VIEW member_classes AS
SELECT m.group_id, m.user_id, (COALESCE(m.decided_at, m.requested_at) + 25200) / 86400 AS day,
    CASE WHEN u.hoi_member THEN 0 ELSE 1 END AS not_hoi,
    CASE WHEN NOT u.overseas AND u.home_unit_id IS NOT NULL AND u.home_unit_id <> g.unit_id
        AND COALESCE(h.parent_id, 0) <> g.unit_id THEN 1 ELSE 0 END AS outside,
    CASE WHEN u.overseas THEN 1 ELSE 0 END AS overseas
FROM memberships m JOIN community_groups g ON g.id = m.group_id JOIN users u ON u.id = m.user_id
LEFT JOIN units h ON h.id = u.home_unit_id
WHERE m.status = 'active';

INSERT INTO group_days AS t (group_id, day, members, members_not_hoi, members_outside, members_overseas)
SELECT group_id, day, COUNT(*), SUM(not_hoi), SUM(outside), SUM(overseas) FROM member_classes
GROUP BY group_id, day
ON CONFLICT (group_id, day) DO UPDATE SET members = excluded.members, members_not_hoi = excluded.members_not_hoi,
    members_outside = excluded.members_outside, members_overseas = excluded.members_overseas;

-- Adds `sign` times the active memberships of the woman `who` (in the group `grp`, or in all
-- her groups when it is NULL) to their days.
CREATE FUNCTION group_days_members_add(who BIGINT, grp BIGINT, sign BIGINT) RETURNS void LANGUAGE sql AS $$
    INSERT INTO group_days AS t (group_id, day, members, members_not_hoi, members_outside, members_overseas)
    SELECT group_id, day, sign, sign * not_hoi, sign * outside, sign * overseas FROM member_classes
    WHERE user_id = who AND (grp IS NULL OR group_id = grp)
    ON CONFLICT (group_id, day) DO UPDATE SET members = t.members + excluded.members,
        members_not_hoi = t.members_not_hoi + excluded.members_not_hoi,
        members_outside = t.members_outside + excluded.members_outside,
        members_overseas = t.members_overseas + excluded.members_overseas;
$$;

CREATE FUNCTION group_days_members_was() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM group_days_members_add(OLD.user_id, OLD.group_id, -1);
    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER group_days_members_was BEFORE DELETE OR UPDATE OF status, decided_at, requested_at ON memberships
    FOR EACH ROW WHEN (OLD.status = 'active') EXECUTE FUNCTION group_days_members_was();

CREATE FUNCTION group_days_members_is() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM group_days_members_add(NEW.user_id, NEW.group_id, 1);
    RETURN NULL;
END;
$$;
CREATE TRIGGER group_days_members_is AFTER INSERT OR UPDATE OF status, decided_at, requested_at ON memberships
    FOR EACH ROW WHEN (NEW.status = 'active') EXECUTE FUNCTION group_days_members_is();

CREATE FUNCTION group_days_members_class_was() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM group_days_members_add(OLD.id, NULL, -1);
    RETURN NEW;
END;
$$;
CREATE TRIGGER group_days_members_class_was BEFORE UPDATE OF hoi_member, overseas, home_unit_id ON users
    FOR EACH ROW EXECUTE FUNCTION group_days_members_class_was();

CREATE FUNCTION group_days_members_class_is() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM group_days_members_add(NEW.id, NULL, 1);
    RETURN NULL;
END;
$$;
CREATE TRIGGER group_days_members_class_is AFTER UPDATE OF hoi_member, overseas, home_unit_id ON users
    FOR EACH ROW EXECUTE FUNCTION group_days_members_class_is();

-- The medians' waits (see the SQLite file).
CREATE INDEX posts_held_waits ON posts (group_id, published_at, created_at)
    WHERE status = 'published' AND held_for <> '';
CREATE INDEX memberships_waits ON memberships (group_id, decided_at, requested_at)
    WHERE status = 'active' AND decided_at > requested_at;
