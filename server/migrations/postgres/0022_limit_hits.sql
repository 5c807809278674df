-- The limits against floods when several instances share this database (`limits.rs`): one row
-- per attempt and counter ("post|acct|42", "password|addr|1.2.3.4"), with its time in
-- milliseconds. The key and time lead the index: a check reads the newest rows of one counter.
-- Rows older than the longest window (an hour) are pruned by the periodic tick.
CREATE TABLE limit_hits (
    key   TEXT   NOT NULL,
    at_ms BIGINT NOT NULL
);
CREATE INDEX limit_hits_key ON limit_hits (key, at_ms);
CREATE INDEX limit_hits_age ON limit_hits (at_ms);
