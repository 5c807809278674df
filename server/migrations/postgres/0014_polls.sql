-- Polls ("Bình chọn"): a post of kind 'poll' (its body is the question) with its options and rules.
CREATE TABLE polls (
    post_id   BIGINT PRIMARY KEY REFERENCES posts(id) ON DELETE CASCADE,
    options   TEXT    NOT NULL, -- JSON array of the options' texts, in order
    multiple  BOOLEAN NOT NULL DEFAULT FALSE, -- several choices allowed
    closes_at BIGINT, -- no votes after; NULL: open as long as the post
    results   TEXT    NOT NULL -- 'after_vote' or 'after_close'
);
-- One ballot per member and poll, by its key (as a contest's votes): a second first vote is a
-- conflict, a change rewrites it. Her choices are the bits of `choices` (option n is bit n).
CREATE TABLE poll_ballots (
    post_id  BIGINT NOT NULL REFERENCES polls(post_id) ON DELETE CASCADE,
    user_id  BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    choices  BIGINT NOT NULL,
    voted_at BIGINT NOT NULL,
    PRIMARY KEY (post_id, user_id)
);
