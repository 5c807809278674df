-- "Cài đặt nhóm": its admins can close a group to new members for a while.
ALTER TABLE community_groups ADD COLUMN joining_paused INTEGER NOT NULL DEFAULT 0;
