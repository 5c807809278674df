-- Photo contests were stored as "contests", the word the app's Cuộc thi tab uses for quizzes and
-- photo contests together: the tables take the feature's own name. Columns (`contest_id`) keep
-- theirs, which reads unambiguously inside a photo contest's tables, and so do the indexes.
ALTER TABLE contests RENAME TO photo_contests;
ALTER TABLE contest_judges RENAME TO photo_contest_judges;
ALTER TABLE contest_entries RENAME TO photo_contest_entries;
ALTER TABLE contest_votes RENAME TO photo_contest_votes;
ALTER TABLE contest_scores RENAME TO photo_contest_scores;
