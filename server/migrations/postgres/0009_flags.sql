-- Members' flags on posts and comments were stored as "reports", the word the reports up the
-- Hội's tree use: the table and its columns take the feature's own name.
ALTER TABLE reports RENAME TO flags;
ALTER TABLE flags RENAME COLUMN reporter_id TO flagger_id;
ALTER INDEX reports_queue RENAME TO flags_queue;
