//! Error codes: snake_case on the wire, translated to Vietnamese (or English) by the app.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::wire_enum::wire_enum;

wire_enum! {
    /// Every error the API can answer, as a stable code. The app owns the wording; the server's
    /// `message` is a Vietnamese fallback for clients that do not know a code yet.
    ErrorCode {
        // Whole-request errors.
        MalformedJson = "malformed_json",
        PayloadTooLarge = "payload_too_large",
        ValidationFailed = "validation_failed",
        Unauthenticated = "unauthenticated",
        Forbidden = "forbidden",
        NotFound = "not_found",
        Conflict = "conflict",
        RateLimited = "rate_limited",
        WrongCredentials = "wrong_credentials",
        Internal = "internal",
        // Field errors.
        Required = "required",
        InvalidPhone = "invalid_phone",
        PhoneTaken = "phone_taken",
        PasswordTooShort = "password_too_short",
        PasswordTooLong = "password_too_long",
        PasswordTooCommon = "password_too_common",
        NameTooShort = "name_too_short",
        NameTooLong = "name_too_long",
        TextTooLong = "text_too_long",
        TooManyQuestions = "too_many_questions",
        AnswerRequired = "answer_required",
        UnknownUnit = "unknown_unit",
        BranchNotEmpty = "branch_not_empty",
        InvalidCode = "invalid_code",
        ControlCharacter = "control_character",
        PhoneNotYours = "phone_not_yours",
        // Group membership.
        AlreadyMember = "already_member",
        RequestPending = "request_pending",
        Banned = "banned",
        JoiningPaused = "joining_paused",
        GroupArchived = "group_archived",
        GroupInUse = "group_in_use",
        ScheduleTooFar = "schedule_too_far",
        // Polls.
        TooManyOptions = "too_many_options",
        AlreadyVoted = "already_voted",
        PollClosed = "poll_closed",
        // Feed.
        TooManyPhotos = "too_many_photos",
        NotAnImage = "not_an_image",
        PhotoTooLarge = "photo_too_large",
        PhotoTooManyPixels = "photo_too_many_pixels",
        StorageFull = "storage_full",
        UnknownPhoto = "unknown_photo",
        Muted = "muted",
        NotAQuestion = "not_a_question",
        // Applications to join the Hội.
        InvalidDate = "invalid_date",
        TooYoung = "too_young",
        UnknownChoice = "unknown_choice",
        ConsentRequired = "consent_required",
        SensitiveNeedsConsent = "sensitive_needs_consent",
        ConsentOutdated = "consent_outdated",
        ApplicationOpen = "application_open",
        ApplicationClosed = "application_closed",
        // Quiz contests.
        OutOfRange = "out_of_range",
        ClosesBeforeOpens = "closes_before_opens",
        TooFewOptions = "too_few_options",
        CorrectOptionRequired = "correct_option_required",
        AudienceRequired = "audience_required",
        QuizNotOpen = "quiz_not_open",
        QuizClosed = "quiz_closed",
        QuizStarted = "quiz_started",
        TimeUp = "time_up",
        NoAttemptsLeft = "no_attempts_left",
        NotEligible = "not_eligible",
        UnknownQuestion = "unknown_question",
        QuizNotClosed = "quiz_not_closed",
        EntriesClosed = "entries_closed",
        NoEntriesLeft = "no_entries_left",
        VotingClosed = "voting_closed",
        VoteLimitReached = "vote_limit_reached",
        VotingEndsBeforeEntries = "voting_ends_before_entries",
        AccountNotFound = "account_not_found",
        ResultsHidden = "results_hidden",
        NotAJudge = "not_a_judge",
        // Surveys.
        TooManyChoices = "too_many_choices",
        QuestionHidden = "question_hidden",
        AlreadyResponded = "already_responded",
        SurveyNotOpen = "survey_not_open",
        SurveyClosed = "survey_closed",
        SurveyAnswered = "survey_answered",
        // Reports.
        InvalidPeriod = "invalid_period",
    }
}

/// The error body: `{code, message, fields}`. `retry_after_minutes` accompanies `rate_limited`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApiError {
    pub code: ErrorCode,
    pub message: String,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub fields: BTreeMap<String, ErrorCode>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_after_minutes: Option<u32>,
}

/// Collects field errors while a request is checked, so a form learns of every mistake at once.
#[derive(Debug, Default)]
pub struct FieldErrors(pub BTreeMap<String, ErrorCode>);

impl FieldErrors {
    pub fn add(&mut self, field: &str, code: ErrorCode) {
        self.0.entry(field.to_owned()).or_insert(code);
    }

    /// Records `required` for an empty text (when it is required) and `text_too_long` for one
    /// longer than `max` characters, spaces around it not counted.
    pub fn text(&mut self, field: &str, text: &str, required: bool, max: usize) {
        let count = text.trim().chars().count();
        if required && count == 0 {
            self.add(field, ErrorCode::Required);
        } else if count > max {
            self.add(field, ErrorCode::TextTooLong);
        }
    }

    /// The end of a `validate`: `Ok` when nothing was recorded.
    pub fn into_result(self) -> Result<(), FieldErrors> {
        if self.is_empty() {
            Ok(())
        } else {
            Err(self)
        }
    }

    /// Keeps the value when it parsed, records the error under `field` when it did not.
    pub fn check<T>(&mut self, field: &str, parsed: Result<T, ErrorCode>) -> Option<T> {
        parsed.map_err(|code| self.add(field, code)).ok()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl ErrorCode {
    /// The Vietnamese sentence for a code: the server's fallback `message` and the app's
    /// Vietnamese text, kept here so the two never drift apart. The wording is in
    /// `error_words.rs`, beside the English.
    pub fn message_vi(self) -> &'static str {
        macro_rules! vietnamese {
            ($($code:ident => $vi:expr, $en:expr;)+) => {
                match self {
                    $(ErrorCode::$code => $vi,)+
                }
            };
        }
        crate::error_words!(vietnamese)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_travel_as_snake_case() {
        for code in [
            ErrorCode::InvalidPhone,
            ErrorCode::PasswordTooCommon,
            ErrorCode::RateLimited,
        ] {
            let json = serde_json::to_string(&code).unwrap();
            assert_eq!(json, format!("\"{}\"", code.as_str()));
        }
    }

    #[test]
    fn field_errors_keep_the_first_problem_of_each_field() {
        let mut errors = FieldErrors::default();
        errors.add("phone", ErrorCode::InvalidPhone);
        errors.add("phone", ErrorCode::PhoneTaken);
        assert_eq!(errors.0.get("phone"), Some(&ErrorCode::InvalidPhone));
    }
}
