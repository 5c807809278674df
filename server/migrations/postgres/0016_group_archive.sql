-- An archived group stays readable but takes no new posts, comments, reactions, votes or members
-- (its admins can open it again). A group with no posts can be deleted instead.
ALTER TABLE community_groups ADD COLUMN archived_at BIGINT;
