-- Polls ("Bình chọn"): a post of kind 'poll' (its body is the question) with its options and rules.
CREATE TABLE polls (
    post_id   INTEGER PRIMARY KEY REFERENCES posts(id) ON DELETE CASCADE,
    options   TEXT    NOT NULL, -- JSON array of the options' texts, in order
    multiple  INTEGER NOT NULL DEFAULT 0, -- several choices allowed
    closes_at INTEGER, -- no votes after; NULL: open as long as the post
    results   TEXT    NOT NULL -- 'after_vote' or 'after_close'
);
-- One ballot per member and poll, by its key (as a contest's votes): a second first vote is a
-- conflict, a change rewrites it. Her choices are the bits of `choices` (option n is bit n).
CREATE TABLE poll_ballots (
    post_id  INTEGER NOT NULL REFERENCES polls(post_id) ON DELETE CASCADE,
    user_id  INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    choices  INTEGER NOT NULL,
    voted_at INTEGER NOT NULL,
    PRIMARY KEY (post_id, user_id)
);
