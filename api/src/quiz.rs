//! Quiz contests (cuộc thi tìm hiểu) the way the Hội runs them: a question bank drawn at random
//! per attempt, a time limit the server keeps, and the prediction question (câu hỏi dự đoán)
//! that breaks ties between equal scores.
//!
//! The correct answers travel only one way while a quiz is open: from the admin who writes them
//! to the server. Every type a member receives carries the key in `Option`s the server fills only
//! after the close.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::{error::FieldErrors, text::tidy, units::UnitRef, ErrorCode};

pub const TITLE_MAX_CHARS: usize = 200;
pub const RULES_MAX_CHARS: usize = 5_000;
pub const QUESTION_MAX_CHARS: usize = 1_000;
pub const OPTION_MAX_CHARS: usize = 300;
pub const EXPLANATION_MAX_CHARS: usize = 2_000;
pub const MAX_QUESTIONS: usize = 200;
pub const MAX_OPTIONS: usize = 8;
pub const MAX_MINUTES: u32 = 180;
pub const MAX_ATTEMPTS: u32 = 5;
pub const MAX_POINTS: u32 = 100;
/// A prediction larger than this is a typo, not a guess about a Hội contest.
pub const MAX_PREDICTION: i64 = 10_000_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
// The survey has a `QuestionKind` of its own: one name each in the OpenAPI document.
#[cfg_attr(feature = "openapi", schema(as = QuizQuestionKind))]
#[serde(rename_all = "snake_case")]
pub enum QuestionKind {
    /// One correct option, shown as round buttons.
    Single,
    /// Several correct options; the question scores only when exactly those are chosen.
    Multiple,
}

/// One question of the bank as the admin writes it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QuestionDraft {
    pub text: String,
    pub kind: QuestionKind,
    pub options: Vec<String>,
    /// Indexes into `options` of the correct ones.
    pub correct: Vec<u8>,
    pub points: u32,
    /// Shown with the answer key after the close ("Theo Điều 5 Luật Bình đẳng giới…").
    #[serde(default)]
    pub explanation: String,
}

/// What the prediction question asks entrants to guess.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PredictionKind {
    /// "How many entrants will answer every question correctly?"
    PerfectScores,
    /// "How many entrants will take part?"
    Entrants,
}

impl PredictionKind {
    pub fn as_str(self) -> &'static str {
        match self {
            PredictionKind::PerfectScores => "perfect_scores",
            PredictionKind::Entrants => "entrants",
        }
    }
    pub fn parse(text: &str) -> Option<Self> {
        [PredictionKind::PerfectScores, PredictionKind::Entrants]
            .into_iter()
            .find(|k| k.as_str() == text)
    }
}

/// A tie-break after the score; their order is a setting of the quiz.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum TieBreak {
    /// The smaller gap between her prediction and the true number wins.
    Prediction,
    /// The shorter time taken wins.
    Time,
    /// The earlier submission wins.
    Submitted,
}

impl TieBreak {
    /// The usual order of Vietnamese quiz rules.
    pub const DEFAULT: [TieBreak; 3] = [TieBreak::Prediction, TieBreak::Time, TieBreak::Submitted];

    pub fn as_str(self) -> &'static str {
        match self {
            TieBreak::Prediction => "prediction",
            TieBreak::Time => "time",
            TieBreak::Submitted => "submitted",
        }
    }
    pub fn parse(text: &str) -> Option<Self> {
        TieBreak::DEFAULT.into_iter().find(|t| t.as_str() == text)
    }
}

/// How many prizes of each kind; the ranking hands them out in this order.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Prizes {
    pub first: u32,
    pub second: u32,
    pub third: u32,
    pub consolation: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Prize {
    First,
    Second,
    Third,
    Consolation,
}

impl Prize {
    pub fn as_str(self) -> &'static str {
        match self {
            Prize::First => "first",
            Prize::Second => "second",
            Prize::Third => "third",
            Prize::Consolation => "consolation",
        }
    }
    pub fn parse(text: &str) -> Option<Self> {
        [Prize::First, Prize::Second, Prize::Third, Prize::Consolation]
            .into_iter()
            .find(|p| p.as_str() == text)
    }
}

impl Prizes {
    pub fn total(&self) -> u32 {
        self.first + self.second + self.third + self.consolation
    }
    /// The prize of the entrant placed `position` (0-based) in the ranking.
    pub fn for_position(&self, position: u32) -> Option<Prize> {
        let mut bound = 0;
        for (count, prize) in [
            (self.first, Prize::First),
            (self.second, Prize::Second),
            (self.third, Prize::Third),
            (self.consolation, Prize::Consolation),
        ] {
            bound += count;
            if position < bound {
                return Some(prize);
            }
        }
        None
    }
}

/// A new quiz, or an edit of one before anybody has taken it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QuizForm {
    pub title: String,
    pub rules: String,
    #[serde(with = "crate::wire_time")]
    pub opens_at: DateTime<Utc>,
    #[serde(with = "crate::wire_time")]
    pub closes_at: DateTime<Utc>,
    /// The time limit of one attempt.
    pub minutes: u32,
    /// Attempts allowed per member (usually one); her best attempt counts.
    pub attempts: u32,
    /// Questions drawn at random for each attempt; 0 gives every question of the bank.
    pub draw: u32,
    pub shuffle_options: bool,
    /// Groups whose active members may take part.
    pub group_ids: Vec<i64>,
    /// Units whose people (home commune, or a group of the unit) may take part, with every unit under them.
    pub unit_ids: Vec<i64>,
    pub prediction: Option<PredictionKind>,
    /// The tie-breaks after the score, in order: each of the three once.
    pub tie_breaks: Vec<TieBreak>,
    pub prizes: Prizes,
    /// Whether she sees her score as soon as she submits (else after the close).
    pub score_after_submit: bool,
    pub questions: Vec<QuestionDraft>,
    /// A cover she uploaded with `POST /api/covers`, or the quiz's own.
    #[serde(default)]
    pub cover_id: Option<i64>,
}

impl QuizForm {
    /// Every broken rule at once, keyed by field (`questions.2.correct` for the third question).
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut errors = FieldErrors::default();
        errors.text("title", &tidy(&self.title), true, TITLE_MAX_CHARS);
        errors.text("rules", &self.rules, false, RULES_MAX_CHARS);
        if self.closes_at <= self.opens_at {
            errors.add("closes_at", ErrorCode::ClosesBeforeOpens);
        }
        if !(1..=MAX_MINUTES).contains(&self.minutes) {
            errors.add("minutes", ErrorCode::OutOfRange);
        }
        if !(1..=MAX_ATTEMPTS).contains(&self.attempts) {
            errors.add("attempts", ErrorCode::OutOfRange);
        }
        if self.group_ids.is_empty() && self.unit_ids.is_empty() {
            errors.add("audience", ErrorCode::AudienceRequired);
        }
        let mut order = self.tie_breaks.clone();
        order.sort_by_key(|t| t.as_str());
        order.dedup();
        if self.tie_breaks.len() != 3 || order.len() != 3 {
            errors.add("tie_breaks", ErrorCode::UnknownChoice);
        }
        if self.prizes.total() > 1_000 {
            errors.add("prizes", ErrorCode::OutOfRange);
        }
        match self.questions.len() {
            0 => errors.add("questions", ErrorCode::Required),
            n if n > MAX_QUESTIONS => errors.add("questions", ErrorCode::TooManyQuestions),
            n if self.draw as usize > n => errors.add("draw", ErrorCode::OutOfRange),
            _ => {}
        }
        for (i, question) in self.questions.iter().enumerate() {
            question.check(&mut errors, &format!("questions.{i}"));
        }
        errors.into_result()
    }

    /// The best score a paper can reach: the points of its highest-scoring draw.
    pub fn max_paper_score(&self) -> u32 {
        let mut points: Vec<u32> = self.questions.iter().map(|q| q.points).collect();
        points.sort_unstable_by(|a, b| b.cmp(a));
        points.iter().take(self.paper_size()).sum()
    }

    /// How many questions each attempt gets.
    pub fn paper_size(&self) -> usize {
        match self.draw as usize {
            0 => self.questions.len(),
            n => n.min(self.questions.len()),
        }
    }
}

impl QuestionDraft {
    fn check(&self, errors: &mut FieldErrors, at: &str) {
        errors.text(&format!("{at}.text"), &self.text, true, QUESTION_MAX_CHARS);
        errors.text(
            &format!("{at}.explanation"),
            &self.explanation,
            false,
            EXPLANATION_MAX_CHARS,
        );
        if self.options.len() < 2 || self.options.iter().any(|o| o.trim().is_empty()) {
            errors.add(&format!("{at}.options"), ErrorCode::TooFewOptions);
        } else if self.options.len() > MAX_OPTIONS
            || self.options.iter().any(|o| o.chars().count() > OPTION_MAX_CHARS)
        {
            errors.add(&format!("{at}.options"), ErrorCode::TextTooLong);
        }
        let mut correct = self.correct.clone();
        correct.sort_unstable();
        correct.dedup();
        let in_range = correct.iter().all(|&c| usize::from(c) < self.options.len());
        let count_ok = match self.kind {
            QuestionKind::Single => correct.len() == 1,
            QuestionKind::Multiple => !correct.is_empty(),
        };
        if !in_range || !count_ok {
            errors.add(&format!("{at}.correct"), ErrorCode::CorrectOptionRequired);
        }
        if !(1..=MAX_POINTS).contains(&self.points) {
            errors.add(&format!("{at}.points"), ErrorCode::OutOfRange);
        }
    }
}

/// Where a quiz stands at the moment of the answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum QuizPhase {
    Upcoming,
    Open,
    Closed,
}

/// A quiz in a list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QuizSummary {
    pub id: i64,
    pub title: String,
    #[serde(with = "crate::wire_time")]
    pub opens_at: DateTime<Utc>,
    #[serde(with = "crate::wire_time")]
    pub closes_at: DateTime<Utc>,
    pub phase: QuizPhase,
    pub minutes: u32,
    /// Questions on each paper.
    pub paper_size: u32,
    pub attempts_allowed: u32,
    pub attempts_used: u32,
    pub can_manage: bool,
    /// Its cover photo (`/api/covers/{id}`).
    #[serde(default)]
    pub cover_id: Option<i64>,
}

/// A group a quiz can be run for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AudienceGroup {
    pub id: i64,
    pub name: String,
}

/// The groups and units a quiz can be run for by this admin.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QuizAudiences {
    pub groups: Vec<AudienceGroup>,
    pub units: Vec<UnitRef>,
}

/// `GET /api/quizzes`: the quizzes she may take or runs, and what she may create one for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QuizList {
    pub items: Vec<QuizSummary>,
    /// Empty when she administers nothing: then she cannot create a quiz.
    pub audiences: QuizAudiences,
}

/// One quiz's page: the rules, her standing, and the winners once ranked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QuizView {
    pub summary: QuizSummary,
    pub rules: String,
    /// The names of the groups and units it is run for.
    pub audience: Vec<String>,
    pub prediction: Option<PredictionKind>,
    pub tie_breaks: Vec<TieBreak>,
    pub prizes: Prizes,
    pub score_after_submit: bool,
    pub eligible: bool,
    /// Her attempt in progress, to continue.
    pub current_attempt: Option<i64>,
    /// Her best submitted attempt.
    pub best: Option<AttemptResult>,
    /// After the close: the true number and the prize winners.
    pub results: Option<QuizResults>,
}

/// One submitted attempt's outcome; the score is hidden until the close when the rules say so.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AttemptResult {
    pub attempt_id: i64,
    pub score: Option<u32>,
    pub max_score: u32,
    pub duration_ms: i64,
    pub timed_out: bool,
    pub rank: Option<u32>,
    pub prize: Option<Prize>,
}

/// One line of the ranking.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RankedEntrant {
    pub rank: u32,
    pub name: String,
    pub unit: Option<String>,
    pub score: u32,
    pub prediction: Option<i64>,
    pub gap: Option<i64>,
    pub duration_ms: i64,
    pub prize: Option<Prize>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QuizResults {
    /// The true number the predictions are measured against.
    pub truth: i64,
    pub entrants: u32,
    /// Prize winners in ranking order (names and units only: no phone leaves the server here).
    pub winners: Vec<RankedEntrant>,
}

/// An option as a member sees it. Its id is drawn for her attempt: it says nothing about the
/// option's place in the author's list (where the right answer tends to come first), nor about the key.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OptionView {
    pub id: u8,
    pub text: String,
}

/// The key of one question, sent only after the close.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AnswerKey {
    pub correct: Vec<u8>,
    pub explanation: String,
    pub right: bool,
}

/// One question of her paper, options in the order drawn for her, with what she chose.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PaperQuestion {
    pub id: i64,
    pub text: String,
    pub kind: QuestionKind,
    pub points: u32,
    pub options: Vec<OptionView>,
    pub chosen: Vec<u8>,
    pub key: Option<AnswerKey>,
}

/// Her paper: the questions drawn for her, her answers and the time she has left by the server's clock.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AttemptView {
    pub id: i64,
    pub quiz_id: i64,
    pub title: String,
    /// Milliseconds left when the server answered; 0 once submitted.
    pub remaining_ms: i64,
    pub submitted: bool,
    pub questions: Vec<PaperQuestion>,
    pub prediction_kind: Option<PredictionKind>,
    pub prediction: Option<i64>,
    pub result: Option<AttemptResult>,
}

/// `PUT /api/quiz-attempts/{id}/answers/{question}`: the options she ticked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AnswerRequest {
    pub chosen: Vec<u8>,
}

/// `PUT /api/quiz-attempts/{id}/prediction`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PredictionRequest {
    pub value: i64,
}

impl PredictionRequest {
    pub fn validate(&self) -> Result<i64, FieldErrors> {
        if (0..=MAX_PREDICTION).contains(&self.value) {
            Ok(self.value)
        } else {
            let mut errors = FieldErrors::default();
            errors.add("prediction", ErrorCode::OutOfRange);
            Err(errors)
        }
    }
}

/// Participation of one group or unit, for the admin.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ParticipationRow {
    pub name: String,
    pub entrants: u32,
    /// Entrants who answered every question of their paper.
    pub completed: u32,
    /// Average of their best scores, to one decimal.
    pub average_score: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Participation {
    pub max_score: u32,
    pub by_group: Vec<ParticipationRow>,
    /// By her home commune or ward.
    pub by_unit: Vec<ParticipationRow>,
}

/// The admin's view of the quiz as written, with the key (for editing before the first attempt).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QuizDraftView {
    pub form: QuizForm,
    pub started: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn question() -> QuestionDraft {
        QuestionDraft {
            text: "Ngày thành lập Hội LHPN Việt Nam?".into(),
            kind: QuestionKind::Single,
            options: vec!["20/10/1930".into(), "8/3/1910".into()],
            correct: vec![0],
            points: 10,
            explanation: String::new(),
        }
    }

    fn form() -> QuizForm {
        let opens = DateTime::from_timestamp(1_800_000_000, 0).unwrap();
        QuizForm {
            title: "Tìm hiểu 96 năm thành lập Hội".into(),
            rules: String::new(),
            opens_at: opens,
            closes_at: opens + chrono::Duration::days(7),
            minutes: 15,
            attempts: 1,
            draw: 0,
            shuffle_options: true,
            group_ids: vec![1],
            unit_ids: vec![],
            prediction: Some(PredictionKind::PerfectScores),
            tie_breaks: TieBreak::DEFAULT.to_vec(),
            prizes: Prizes {
                first: 1,
                second: 2,
                third: 3,
                consolation: 5,
            },
            score_after_submit: true,
            questions: vec![question(), question()],
            cover_id: None,
        }
    }

    fn fields(form: &QuizForm) -> Vec<(String, ErrorCode)> {
        form.validate()
            .err()
            .map(|e| e.0.into_iter().collect())
            .unwrap_or_default()
    }

    #[test]
    fn a_complete_quiz_passes() {
        assert!(form().validate().is_ok());
    }

    #[test]
    fn reports_every_broken_rule_by_field() {
        let mut quiz = form();
        quiz.title = "  ".into();
        quiz.closes_at = quiz.opens_at;
        quiz.minutes = 0;
        quiz.group_ids.clear();
        quiz.draw = 3;
        quiz.tie_breaks = vec![TieBreak::Time, TieBreak::Time, TieBreak::Submitted];
        quiz.questions[1].correct = vec![0, 1];
        quiz.questions[1].options[1] = " ".into();
        let found = fields(&quiz);
        for (field, code) in [
            ("title", ErrorCode::Required),
            ("closes_at", ErrorCode::ClosesBeforeOpens),
            ("minutes", ErrorCode::OutOfRange),
            ("audience", ErrorCode::AudienceRequired),
            ("draw", ErrorCode::OutOfRange),
            ("tie_breaks", ErrorCode::UnknownChoice),
            ("questions.1.correct", ErrorCode::CorrectOptionRequired),
            ("questions.1.options", ErrorCode::TooFewOptions),
        ] {
            assert!(found.contains(&(field.to_owned(), code)), "{field}: {found:?}");
        }
        assert!(!found.iter().any(|(f, _)| f.starts_with("questions.0")));
    }

    #[test]
    fn a_multiple_choice_question_may_have_several_correct_options() {
        let mut quiz = form();
        quiz.questions[0].kind = QuestionKind::Multiple;
        quiz.questions[0].correct = vec![0, 1];
        assert!(quiz.validate().is_ok());
        quiz.questions[0].correct = vec![2];
        assert_eq!(
            fields(&quiz),
            vec![("questions.0.correct".to_owned(), ErrorCode::CorrectOptionRequired)]
        );
    }

    #[test]
    fn prizes_go_down_the_ranking_in_order() {
        let prizes = form().prizes;
        let given: Vec<_> = (0..12).map(|p| prizes.for_position(p)).collect();
        assert_eq!(given[0], Some(Prize::First));
        assert_eq!(given[1..3], [Some(Prize::Second); 2]);
        assert_eq!(given[3..6], [Some(Prize::Third); 3]);
        assert_eq!(given[6..11], [Some(Prize::Consolation); 5]);
        assert_eq!(given[11], None);
    }

    #[test]
    fn the_paper_is_the_draw_or_the_whole_bank() {
        let mut quiz = form();
        assert_eq!(quiz.paper_size(), 2);
        quiz.draw = 1;
        assert_eq!(quiz.paper_size(), 1);
    }
}
