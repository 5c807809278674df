-- Needs surveys (khảo sát nhu cầu). The questions are kept as the admin wrote them (JSON of the
-- shared crate's sections: ids, kinds, options, conditions), because they are only ever read
-- whole; the answers are rows, one per ticked option or value, so every count of the results
-- page is one GROUP BY.

CREATE TABLE surveys (
    id           INTEGER PRIMARY KEY,
    title        TEXT    NOT NULL,
    intro        TEXT    NOT NULL,
    opens_at     INTEGER NOT NULL,
    closes_at    INTEGER NOT NULL,
    anonymous    INTEGER NOT NULL,
    show_summary INTEGER NOT NULL,
    sections     TEXT    NOT NULL, -- JSON: [{title, questions: [{id, kind, text, ...}]}]
    created_by   INTEGER NOT NULL REFERENCES users(id),
    created_at   INTEGER NOT NULL
);
CREATE INDEX surveys_by_close ON surveys (closes_at);

CREATE TABLE survey_groups (
    survey_id INTEGER NOT NULL REFERENCES surveys(id) ON DELETE CASCADE,
    group_id  INTEGER NOT NULL REFERENCES community_groups(id) ON DELETE CASCADE,
    PRIMARY KEY (survey_id, group_id)
);
CREATE INDEX survey_groups_by_group ON survey_groups (group_id);

CREATE TABLE survey_units (
    survey_id INTEGER NOT NULL REFERENCES surveys(id) ON DELETE CASCADE,
    unit_id   INTEGER NOT NULL REFERENCES units(id),
    PRIMARY KEY (survey_id, unit_id)
);

-- One response. A named survey keeps who answered (one per member: the unique key); an anonymous
-- one keeps nobody, only the hash of the device's token (one per device). Both keep the token's
-- hash so that a retry of a send whose answer was lost is recognised, and where she belongs
-- (one of the survey's groups, her commune or the group's) so results can be narrowed and rolled up.
CREATE TABLE survey_responses (
    id           INTEGER PRIMARY KEY,
    survey_id    INTEGER NOT NULL REFERENCES surveys(id) ON DELETE CASCADE,
    user_id      INTEGER REFERENCES users(id),
    token_hash   TEXT    NOT NULL,
    group_id     INTEGER REFERENCES community_groups(id) ON DELETE SET NULL,
    unit_id      INTEGER REFERENCES units(id),
    submitted_at INTEGER NOT NULL,
    UNIQUE (survey_id, token_hash)
);
CREATE UNIQUE INDEX survey_responses_one_per_member ON survey_responses (survey_id, user_id);
CREATE INDEX survey_responses_by_unit ON survey_responses (survey_id, unit_id);
CREATE INDEX survey_responses_by_group ON survey_responses (survey_id, group_id);
CREATE INDEX survey_responses_by_user ON survey_responses (user_id);

-- One row per ticked option (choice 255 is "Khác", its words in text), per text or date (text),
-- per number or star (number), per commune (unit_id).
CREATE TABLE survey_answers (
    response_id INTEGER NOT NULL REFERENCES survey_responses(id) ON DELETE CASCADE,
    survey_id   INTEGER NOT NULL,
    question    INTEGER NOT NULL,
    choice      INTEGER,
    text        TEXT,
    number      REAL,
    unit_id     INTEGER
);
CREATE INDEX survey_answers_by_question ON survey_answers (survey_id, question, choice);
CREATE INDEX survey_answers_by_response ON survey_answers (response_id);
