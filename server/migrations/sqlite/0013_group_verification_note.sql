-- The Hội cadres above a group verify it or refuse with a reason its admins read on its page.
ALTER TABLE community_groups ADD COLUMN verification_note TEXT;
