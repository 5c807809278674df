-- Quiz contests (cuộc thi tìm hiểu): the quiz and who it is run for, its question bank, and each
-- attempt with the paper drawn for it. The server is the only clock: times are milliseconds since
-- the epoch where the ranking needs them (time taken, submission order), seconds elsewhere.

CREATE TABLE quizzes (
    id                 INTEGER PRIMARY KEY,
    title              TEXT    NOT NULL,
    rules              TEXT    NOT NULL,
    opens_at           INTEGER NOT NULL,
    closes_at          INTEGER NOT NULL,
    minutes            INTEGER NOT NULL,
    attempts_allowed   INTEGER NOT NULL,
    draw_count         INTEGER NOT NULL, -- 0: the whole bank
    shuffle_options    INTEGER NOT NULL,
    prediction         TEXT,             -- 'perfect_scores' | 'entrants' | NULL
    tie_breaks         TEXT    NOT NULL, -- e.g. 'prediction,time,submitted'
    prize_first        INTEGER NOT NULL,
    prize_second       INTEGER NOT NULL,
    prize_third        INTEGER NOT NULL,
    prize_consolation  INTEGER NOT NULL,
    score_after_submit INTEGER NOT NULL,
    created_by         INTEGER NOT NULL REFERENCES users(id),
    created_at         INTEGER NOT NULL,
    -- Set once by the ranking at the close: the true number the predictions are measured against.
    truth              INTEGER,
    ranked_at          INTEGER
);
-- The closer finds quizzes past their close that are not ranked yet.
CREATE INDEX quizzes_to_rank ON quizzes (ranked_at, closes_at);

CREATE TABLE quiz_groups (
    quiz_id  INTEGER NOT NULL REFERENCES quizzes(id) ON DELETE CASCADE,
    group_id INTEGER NOT NULL REFERENCES community_groups(id) ON DELETE CASCADE,
    PRIMARY KEY (quiz_id, group_id)
);
CREATE INDEX quiz_groups_by_group ON quiz_groups (group_id);

CREATE TABLE quiz_units (
    quiz_id INTEGER NOT NULL REFERENCES quizzes(id) ON DELETE CASCADE,
    unit_id INTEGER NOT NULL REFERENCES units(id),
    PRIMARY KEY (quiz_id, unit_id)
);
CREATE INDEX quiz_units_by_unit ON quiz_units (unit_id);

CREATE TABLE quiz_questions (
    id          INTEGER PRIMARY KEY,
    quiz_id     INTEGER NOT NULL REFERENCES quizzes(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    text        TEXT    NOT NULL,
    kind        TEXT    NOT NULL, -- 'single' | 'multiple'
    options     TEXT    NOT NULL, -- JSON array of strings
    correct     TEXT    NOT NULL, -- sorted option indexes, e.g. '0,2'
    points      INTEGER NOT NULL,
    explanation TEXT    NOT NULL
);
CREATE INDEX quiz_questions_by_quiz ON quiz_questions (quiz_id, position);

-- The unique key makes "attempts allowed" a database fact: two taps on "Bắt đầu" from two phones
-- cannot both become attempt number 2.
CREATE TABLE quiz_attempts (
    id           INTEGER PRIMARY KEY,
    quiz_id      INTEGER NOT NULL REFERENCES quizzes(id) ON DELETE CASCADE,
    user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    number       INTEGER NOT NULL,
    started_ms   INTEGER NOT NULL,
    deadline_ms  INTEGER NOT NULL, -- the time limit, or the close if sooner
    submitted_ms INTEGER,          -- NULL while in progress
    timed_out    INTEGER NOT NULL DEFAULT 0,
    score        INTEGER,
    max_score    INTEGER NOT NULL,
    all_correct  INTEGER NOT NULL DEFAULT 0,
    answered_all INTEGER NOT NULL DEFAULT 0,
    prediction   INTEGER,
    rank         INTEGER, -- on her counting attempt, once ranked
    prize        TEXT,
    UNIQUE (quiz_id, user_id, number)
);
CREATE INDEX quiz_attempts_open ON quiz_attempts (quiz_id, submitted_ms);
CREATE INDEX quiz_attempts_by_user ON quiz_attempts (user_id);

-- Her paper: the questions drawn for this attempt, the option order shown, and her answer,
-- saved one question at a time as she goes.
CREATE TABLE quiz_attempt_questions (
    attempt_id   INTEGER NOT NULL REFERENCES quiz_attempts(id) ON DELETE CASCADE,
    question_id  INTEGER NOT NULL REFERENCES quiz_questions(id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    option_order TEXT    NOT NULL, -- e.g. '2,0,3,1'
    chosen       TEXT,             -- sorted option indexes; NULL until answered
    saved_ms     INTEGER,
    PRIMARY KEY (attempt_id, question_id)
);
