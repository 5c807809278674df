-- PostgreSQL twin of migrations/sqlite/0019: the report's daily figures per group and Vietnam
-- calendar day, kept exact by triggers in the same transaction as the rows they count. See the
-- SQLite file for what each column counts.
CREATE TABLE group_days (
    group_id  BIGINT NOT NULL,
    day       BIGINT NOT NULL,
    posts     BIGINT NOT NULL DEFAULT 0,
    comments  BIGINT NOT NULL DEFAULT 0,
    reactions BIGINT NOT NULL DEFAULT 0,
    joins     BIGINT NOT NULL DEFAULT 0,
    leaves    BIGINT NOT NULL DEFAULT 0,
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

CREATE FUNCTION group_day_add(g BIGINT, at BIGINT, p BIGINT, c BIGINT, r BIGINT, j BIGINT, l BIGINT)
RETURNS void LANGUAGE sql AS $$
    INSERT INTO group_days AS t (group_id, day, posts, comments, reactions, joins, leaves)
    VALUES (g, (at + 25200) / 86400, p, c, r, j, l)
    ON CONFLICT (group_id, day) DO UPDATE SET posts = t.posts + excluded.posts,
        comments = t.comments + excluded.comments, reactions = t.reactions + excluded.reactions,
        joins = t.joins + excluded.joins, leaves = t.leaves + excluded.leaves;
$$;

CREATE FUNCTION group_days_post() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' AND OLD.status = 'published' THEN
        PERFORM group_day_add(OLD.group_id, OLD.published_at, -1, 0, 0, 0, 0);
    END IF;
    IF TG_OP <> 'DELETE' AND NEW.status = 'published' THEN
        PERFORM group_day_add(NEW.group_id, NEW.published_at, 1, 0, 0, 0, 0);
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER group_days_post AFTER INSERT OR DELETE OR UPDATE OF status, published_at ON posts
    FOR EACH ROW EXECUTE FUNCTION group_days_post();

CREATE FUNCTION group_days_comment() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' AND OLD.status = 'published' THEN
        PERFORM group_day_add(OLD.group_id, OLD.created_at, 0, -1, 0, 0, 0);
    END IF;
    IF TG_OP <> 'DELETE' AND NEW.status = 'published' THEN
        PERFORM group_day_add(NEW.group_id, NEW.created_at, 0, 1, 0, 0, 0);
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER group_days_comment AFTER INSERT OR DELETE OR UPDATE OF status ON comments
    FOR EACH ROW EXECUTE FUNCTION group_days_comment();

CREATE FUNCTION group_days_reaction() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM group_day_add(NEW.group_id, NEW.created_at, 0, 0, 1, 0, 0);
    ELSE
        PERFORM group_day_add(OLD.group_id, OLD.created_at, 0, 0, -1, 0, 0);
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER group_days_reaction AFTER INSERT OR DELETE ON reactions
    FOR EACH ROW EXECUTE FUNCTION group_days_reaction();

CREATE FUNCTION group_days_member() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' AND OLD.status = 'active' THEN
        PERFORM group_day_add(OLD.group_id, COALESCE(OLD.decided_at, OLD.requested_at), 0, 0, 0, -1, 0);
    END IF;
    IF TG_OP <> 'DELETE' AND NEW.status = 'active' THEN
        PERFORM group_day_add(NEW.group_id, COALESCE(NEW.decided_at, NEW.requested_at), 0, 0, 0, 1, 0);
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER group_days_member AFTER INSERT OR DELETE OR UPDATE OF status, decided_at, requested_at
    ON memberships FOR EACH ROW EXECUTE FUNCTION group_days_member();

CREATE FUNCTION group_days_leave() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM group_day_add(NEW.group_id, NEW.joined_at, 0, 0, 0, 1, 0);
    PERFORM group_day_add(NEW.group_id, NEW.left_at, 0, 0, 0, 0, 1);
    RETURN NULL;
END;
$$;
CREATE TRIGGER group_days_leave AFTER INSERT ON membership_leaves
    FOR EACH ROW EXECUTE FUNCTION group_days_leave();
