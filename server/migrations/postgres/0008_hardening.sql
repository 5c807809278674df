-- Hardening: the option ids a member sees are drawn per attempt, so they say nothing about the
-- key (authors tend to put the right answer first). `option_ids` lists, for each option in the
-- author's order, the id she sees ('3,0,2,1'); NULL for attempts started before, whose ids were
-- the author's positions. `chosen` stays in the author's positions.
ALTER TABLE quiz_attempt_questions ADD COLUMN option_ids TEXT;
