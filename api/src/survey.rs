//! Needs surveys (khảo sát nhu cầu): the form an admin builds, the answers a member gives, and the
//! results that add up across the Hội's tree.
//!
//! The same rules run in the browser (beside each field, before anything is sent) and on the
//! server (which trusts nothing): [`SurveyForm::validate`] for the builder, [`SurveyForm::check_answers`]
//! for a response, [`SurveyForm::locked_change`] for an edit once answers are in.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::{error::FieldErrors, quiz::QuizAudiences, text::tidy, wire_enum::wire_enum, ErrorCode};

pub const TITLE_MAX_CHARS: usize = 200;
pub const INTRO_MAX_CHARS: usize = 2_000;
pub const QUESTION_MAX_CHARS: usize = 500;
pub const OPTION_MAX_CHARS: usize = 200;
pub const MAX_OPTIONS: usize = 30;
pub const MAX_QUESTIONS: usize = 100;
pub const MAX_SECTIONS: usize = 20;
pub const SHORT_ANSWER_MAX_CHARS: usize = 300;
pub const LONG_ANSWER_MAX_CHARS: usize = 3_000;
/// The option index of "Khác: ___" in an answer; its words travel in [`Answer::text`].
pub const OTHER: u8 = 255;

wire_enum! {
    QuestionKind {
        /// One option, round buttons.
        Single = "single",
        /// Several options, with an optional maximum.
        Multiple = "multiple",
        /// One option from a list too long for buttons.
        Dropdown = "dropdown",
        ShortText = "short_text",
        Paragraph = "paragraph",
        /// A number, within the question's range when it has one.
        Number = "number",
        /// 1 to 5 stars.
        Rating = "rating",
        /// Có / Không: option 0 is "Có", 1 is "Không".
        YesNo = "yes_no",
        Date = "date",
        /// A commune or ward of the 2025 administrative divisions.
        Commune = "commune",
    }
}

impl QuestionKind {
    /// Kinds whose options the admin writes.
    pub fn has_options(self) -> bool {
        matches!(
            self,
            QuestionKind::Single | QuestionKind::Multiple | QuestionKind::Dropdown
        )
    }
    /// Kinds answered by picking options, which a later question can depend on.
    pub fn is_choice(self) -> bool {
        self.has_options() || self == QuestionKind::YesNo
    }
}

/// "Show this question only when question `question` was answered with option `option`."
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ShowIf {
    pub question: u32,
    pub option: u8,
}

/// One question. Its `id` is fixed when it is created: answers, conditions and columns of the
/// export refer to it, so rewording or moving a question never mixes up collected answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Question {
    pub id: u32,
    pub kind: QuestionKind,
    pub text: String,
    #[serde(default)]
    pub help: String,
    #[serde(default)]
    pub required: bool,
    #[serde(default)]
    pub options: Vec<String>,
    /// Adds "Khác: ___" to a choice question.
    #[serde(default)]
    pub other: bool,
    /// Multiple choice: at most this many ticks; 0 is no limit.
    #[serde(default)]
    pub max_choices: u32,
    /// Number questions: the range allowed.
    #[serde(default)]
    pub min: Option<f64>,
    #[serde(default)]
    pub max: Option<f64>,
    #[serde(default)]
    pub show_if: Option<ShowIf>,
}

impl Question {
    /// How many options a choice question offers, "Khác" not counted.
    pub fn option_count(&self) -> usize {
        match self.kind {
            QuestionKind::YesNo => 2,
            kind if kind.has_options() => self.options.len(),
            _ => 0,
        }
    }
}

/// A screen of the survey: a title and its questions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Section {
    #[serde(default)]
    pub title: String,
    pub questions: Vec<Question>,
}

/// A new survey, or an edit of one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SurveyForm {
    pub title: String,
    #[serde(default)]
    pub intro: String,
    #[serde(with = "crate::wire_time")]
    pub opens_at: DateTime<Utc>,
    #[serde(with = "crate::wire_time")]
    pub closes_at: DateTime<Utc>,
    /// Groups whose active members answer.
    pub group_ids: Vec<i64>,
    /// Units whose people (home commune, or a group of the unit) answer, with every unit under them.
    pub unit_ids: Vec<i64>,
    /// Anonymous: no name is kept with a response, one response per device. Named: one per member.
    pub anonymous: bool,
    /// Whether a respondent sees the counts once she has answered.
    pub show_summary: bool,
    pub sections: Vec<Section>,
}

impl SurveyForm {
    pub fn questions(&self) -> impl Iterator<Item = &Question> {
        questions_of(&self.sections)
    }

    /// Every broken rule at once, keyed by field: `questions.7.options` for question id 7.
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut errors = FieldErrors::default();
        errors.text("title", &tidy(&self.title), true, TITLE_MAX_CHARS);
        errors.text("intro", &self.intro, false, INTRO_MAX_CHARS);
        if self.closes_at <= self.opens_at {
            errors.add("closes_at", ErrorCode::ClosesBeforeOpens);
        }
        if self.group_ids.is_empty() && self.unit_ids.is_empty() {
            errors.add("audience", ErrorCode::AudienceRequired);
        }
        if self.sections.len() > MAX_SECTIONS {
            errors.add("sections", ErrorCode::TooManyQuestions);
        }
        for (i, section) in self.sections.iter().enumerate() {
            errors.text(
                &format!("sections.{i}.title"),
                &section.title,
                false,
                TITLE_MAX_CHARS,
            );
        }
        match self.questions().count() {
            0 => errors.add("questions", ErrorCode::Required),
            n if n > MAX_QUESTIONS => errors.add("questions", ErrorCode::TooManyQuestions),
            _ => {}
        }
        let mut earlier: Vec<&Question> = Vec::new();
        for question in self.questions() {
            let at = format!("questions.{}", question.id);
            if earlier.iter().any(|q| q.id == question.id) {
                errors.add(&format!("{at}.id"), ErrorCode::Conflict);
            }
            question.check(&mut errors, &at, &earlier);
            earlier.push(question);
        }
        errors.into_result()
    }

    /// See [`visible`].
    pub fn visible(&self, answers: &[Answer]) -> Vec<(u32, bool)> {
        visible(&self.sections, answers)
    }

    /// See [`check_answers`].
    pub fn check_answers(&self, answers: &[Answer]) -> Result<(), FieldErrors> {
        check_answers(&self.sections, answers)
    }

    /// The first change that would break collected answers, as `(field, code)`: once a survey
    /// has responses only wording, the close, the summary setting and sections' titles may
    /// change (Decidim's rule). Questions may be regrouped into other sections.
    pub fn locked_change(&self, old: &SurveyForm) -> Option<String> {
        if self.anonymous != old.anonymous {
            return Some("anonymous".into());
        }
        if self.group_ids != old.group_ids || self.unit_ids != old.unit_ids {
            return Some("audience".into());
        }
        let new: Vec<&Question> = self.questions().collect();
        let before: Vec<&Question> = old.questions().collect();
        if new.len() != before.len() {
            return Some("questions".into());
        }
        new.iter().zip(before).find_map(|(q, o)| {
            let same = q.id == o.id
                && q.kind == o.kind
                && q.required == o.required
                && q.options.len() == o.options.len()
                && q.other == o.other
                && q.max_choices == o.max_choices
                && q.min == o.min
                && q.max == o.max
                && q.show_if == o.show_if;
            (!same).then(|| format!("questions.{}", q.id))
        })
    }
}

impl Question {
    fn check(&self, errors: &mut FieldErrors, at: &str, earlier: &[&Question]) {
        errors.text(&format!("{at}.text"), &self.text, true, QUESTION_MAX_CHARS);
        errors.text(&format!("{at}.help"), &self.help, false, QUESTION_MAX_CHARS);
        if self.kind.has_options() {
            if self.options.len() < 2 || self.options.iter().any(|o| o.trim().is_empty()) {
                errors.add(&format!("{at}.options"), ErrorCode::TooFewOptions);
            } else if self.options.len() > MAX_OPTIONS
                || self.options.iter().any(|o| o.chars().count() > OPTION_MAX_CHARS)
            {
                errors.add(&format!("{at}.options"), ErrorCode::TextTooLong);
            }
        }
        if self.kind == QuestionKind::Multiple && self.max_choices as usize > self.options.len() + 1 {
            errors.add(&format!("{at}.max_choices"), ErrorCode::OutOfRange);
        }
        if let (Some(min), Some(max)) = (self.min, self.max) {
            if !(min.is_finite() && max.is_finite()) || min > max {
                errors.add(&format!("{at}.max"), ErrorCode::OutOfRange);
            }
        }
        if let Some(rule) = self.show_if {
            match earlier.iter().find(|q| q.id == rule.question) {
                Some(q) if q.kind.is_choice() => {
                    if usize::from(rule.option) >= q.option_count() {
                        errors.add(&format!("{at}.show_if"), ErrorCode::UnknownChoice);
                    }
                }
                _ => errors.add(&format!("{at}.show_if"), ErrorCode::UnknownQuestion),
            }
        }
    }

    /// One answer that is not empty, by the question's kind.
    fn check_answer(&self, answer: &Answer) -> Result<(), ErrorCode> {
        let count = self.option_count();
        let valid = |c: &u8| usize::from(*c) < count || (*c == OTHER && self.other);
        match self.kind {
            QuestionKind::Single | QuestionKind::Dropdown | QuestionKind::YesNo | QuestionKind::Multiple => {
                let mut chosen = answer.chosen.clone();
                chosen.sort_unstable();
                chosen.dedup();
                if chosen.is_empty()
                    || chosen.len() != answer.chosen.len()
                    || !answer.chosen.iter().all(valid)
                {
                    return Err(ErrorCode::UnknownChoice);
                }
                if self.kind != QuestionKind::Multiple && chosen.len() > 1 {
                    return Err(ErrorCode::TooManyChoices);
                }
                if self.max_choices > 0 && chosen.len() > self.max_choices as usize {
                    return Err(ErrorCode::TooManyChoices);
                }
                if chosen.contains(&OTHER) && answer.text.trim().is_empty() {
                    return Err(ErrorCode::Required);
                }
                if answer.text.chars().count() > SHORT_ANSWER_MAX_CHARS {
                    return Err(ErrorCode::TextTooLong);
                }
                Ok(())
            }
            QuestionKind::ShortText | QuestionKind::Paragraph => {
                let max = if self.kind == QuestionKind::ShortText {
                    SHORT_ANSWER_MAX_CHARS
                } else {
                    LONG_ANSWER_MAX_CHARS
                };
                if answer.text.trim().chars().count() > max {
                    Err(ErrorCode::TextTooLong)
                } else {
                    Ok(())
                }
            }
            QuestionKind::Number | QuestionKind::Rating => {
                let (min, max) = if self.kind == QuestionKind::Rating {
                    (Some(1.0), Some(5.0))
                } else {
                    (self.min, self.max)
                };
                let n = answer.number.ok_or(ErrorCode::OutOfRange)?;
                let whole = self.kind == QuestionKind::Number || n.fract() == 0.0;
                if !n.is_finite() || !whole || min.is_some_and(|m| n < m) || max.is_some_and(|m| n > m) {
                    Err(ErrorCode::OutOfRange)
                } else {
                    Ok(())
                }
            }
            QuestionKind::Date => parse_date(&answer.text).map(|_| ()).ok_or(ErrorCode::InvalidDate),
            // That the unit is a real commune is the server's check: it has the divisions.
            QuestionKind::Commune => answer.unit.map(|_| ()).ok_or(ErrorCode::UnknownUnit),
        }
    }
}

fn questions_of(sections: &[Section]) -> impl Iterator<Item = &Question> {
    sections.iter().flat_map(|s| s.questions.iter())
}

/// Whether each question is shown, given the answers: conditions only point back, so one pass in
/// order decides; a question behind a hidden one is hidden too.
pub fn visible(sections: &[Section], answers: &[Answer]) -> Vec<(u32, bool)> {
    let mut shown: Vec<(u32, bool)> = Vec::new();
    for question in questions_of(sections) {
        let visible = question.show_if.is_none_or(|rule| {
            shown.iter().any(|&(id, on)| id == rule.question && on)
                && answers
                    .iter()
                    .any(|a| a.question == rule.question && a.chosen.contains(&rule.option))
        });
        shown.push((question.id, visible));
    }
    shown
}

/// A response checked against the survey, keyed `answers.<question id>`: required answers
/// missing, choices that do not exist, numbers out of range, answers to questions her earlier
/// answers hid, and answers to questions the survey does not have.
pub fn check_answers(sections: &[Section], answers: &[Answer]) -> Result<(), FieldErrors> {
    let mut errors = FieldErrors::default();
    let visible = visible(sections, answers);
    for (i, answer) in answers.iter().enumerate() {
        let known = visible.iter().any(|(id, _)| *id == answer.question);
        if !known || answers[..i].iter().any(|a| a.question == answer.question) {
            errors.add(
                &format!("answers.{}", answer.question),
                ErrorCode::UnknownQuestion,
            );
        }
    }
    for (question, &(_, shown)) in questions_of(sections).zip(&visible) {
        let field = format!("answers.{}", question.id);
        let answer = answers
            .iter()
            .find(|a| a.question == question.id && !a.is_empty());
        match (answer, shown) {
            (Some(_), false) => errors.add(&field, ErrorCode::QuestionHidden),
            (None, true) if question.required => errors.add(&field, ErrorCode::AnswerRequired),
            (Some(answer), true) => {
                if let Err(code) = question.check_answer(answer) {
                    errors.add(&field, code);
                }
            }
            _ => {}
        }
    }
    errors.into_result()
}

/// "2026-03-08" → the date, without chrono's format parser (bytes the app does not need).
pub fn parse_date(text: &str) -> Option<chrono::NaiveDate> {
    let mut parts = text.trim().splitn(3, '-').map(str::parse::<u32>);
    let (year, month, day) = (parts.next()?.ok()?, parts.next()?.ok()?, parts.next()?.ok()?);
    chrono::NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)
}

/// Her answer to one question. Which part carries it depends on the kind: `chosen` for choice
/// questions (with `text` for "Khác"), `text` for text and dates, `number` for numbers and
/// ratings, `unit` for a commune.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Answer {
    pub question: u32,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub chosen: Vec<u8>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<i64>,
}

impl Answer {
    pub fn is_empty(&self) -> bool {
        self.chosen.is_empty() && self.text.trim().is_empty() && self.number.is_none() && self.unit.is_none()
    }
}

/// `POST /api/surveys/{id}/responses`. `token` is made once per survey on her phone: a retry of
/// a send whose answer was lost is recognised by it, and anonymous surveys count one per device by it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ResponseRequest {
    pub token: String,
    pub answers: Vec<Answer>,
}

/// The answer to a response: 201 when it arrived now, 200 when it had arrived before.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ResponseReceipt {
    pub response_id: i64,
    #[serde(with = "crate::wire_time")]
    pub submitted_at: DateTime<Utc>,
}

wire_enum! {
    SurveyPhase {
        Upcoming = "upcoming",
        Open = "open",
        Closed = "closed",
    }
}

/// A survey in a list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SurveySummary {
    pub id: i64,
    pub title: String,
    #[serde(with = "crate::wire_time")]
    pub closes_at: DateTime<Utc>,
    pub phase: SurveyPhase,
    pub questions: u32,
    pub responses: u32,
    pub anonymous: bool,
    /// Named surveys only: whether her response has arrived (anonymous ones are known by the device).
    pub responded: bool,
    pub can_manage: bool,
}

/// `GET /api/surveys`: the surveys she answers or runs, and what she may create one for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SurveyList {
    pub items: Vec<SurveySummary>,
    pub audiences: QuizAudiences,
}

/// One survey to answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SurveyView {
    pub summary: SurveySummary,
    pub intro: String,
    /// The names of the groups and units it is for.
    pub audience: Vec<String>,
    pub show_summary: bool,
    pub eligible: bool,
    pub sections: Vec<Section>,
}

/// One bar of a question's chart.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Tally {
    pub label: String,
    pub count: u32,
}

/// One question's results.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QuestionResult {
    pub id: u32,
    pub text: String,
    /// Responses that answered it (the base of the percentages).
    pub answered: u32,
    /// Per option (with "Khác"), per star, or per commune (the most frequent first).
    pub tallies: Vec<Tally>,
    /// Numbers and ratings.
    pub average: Option<f64>,
    /// Text answers, dates and "Khác" wording, newest first (for those who run the survey only).
    pub texts: Vec<String>,
}

/// A way to narrow the results: one of the survey's groups, or a unit with everything under it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ResultScope {
    /// `group:3` or `unit:1001`, as the `scope` query parameter takes it.
    pub key: String,
    pub name: String,
}

/// `GET /api/surveys/{id}/results[?scope=unit:12]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SurveyResults {
    pub title: String,
    pub responses: u32,
    /// Active members of the survey's groups, when it is run for groups: the base of the response rate.
    pub members: Option<u32>,
    pub questions: Vec<QuestionResult>,
    /// Empty for a respondent reading the summary: the scopes are for those who run it.
    pub scopes: Vec<ResultScope>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn question(id: u32, kind: QuestionKind) -> Question {
        Question {
            id,
            kind,
            text: format!("Câu {id}"),
            help: String::new(),
            required: true,
            options: if kind.has_options() {
                vec!["Một".into(), "Hai".into(), "Ba".into()]
            } else {
                Vec::new()
            },
            other: false,
            max_choices: 0,
            min: None,
            max: None,
            show_if: None,
        }
    }

    fn survey() -> SurveyForm {
        let opens = DateTime::from_timestamp(1_800_000_000, 0).unwrap();
        let mut children = question(3, QuestionKind::Number);
        children.min = Some(0.0);
        children.max = Some(10.0);
        children.show_if = Some(ShowIf {
            question: 2,
            option: 0,
        });
        SurveyForm {
            title: "Khảo sát nhu cầu hội viên".into(),
            intro: String::new(),
            opens_at: opens,
            closes_at: opens + chrono::Duration::days(14),
            group_ids: vec![1],
            unit_ids: vec![],
            anonymous: false,
            show_summary: true,
            sections: vec![
                Section {
                    title: "Về chị".into(),
                    questions: vec![
                        question(1, QuestionKind::Single),
                        question(2, QuestionKind::YesNo),
                    ],
                },
                Section {
                    title: "Gia đình".into(),
                    questions: vec![children, question(4, QuestionKind::Rating)],
                },
            ],
        }
    }

    fn chose(question: u32, option: u8) -> Answer {
        Answer {
            question,
            chosen: vec![option],
            ..Answer::default()
        }
    }

    fn number(question: u32, n: f64) -> Answer {
        Answer {
            question,
            number: Some(n),
            ..Answer::default()
        }
    }

    fn codes(result: Result<(), FieldErrors>) -> Vec<(String, ErrorCode)> {
        result
            .err()
            .map(|e| e.0.into_iter().collect())
            .unwrap_or_default()
    }

    #[test]
    fn a_complete_survey_and_response_pass() {
        let survey = survey();
        assert!(survey.validate().is_ok());
        let answers = [chose(1, 2), chose(2, 0), number(3, 2.0), number(4, 5.0)];
        assert!(survey.check_answers(&answers).is_ok());
    }

    #[test]
    fn the_builder_reports_every_broken_rule_by_question() {
        let mut form = survey();
        form.title.clear();
        form.group_ids.clear();
        form.sections[0].questions[0].options[1] = " ".into();
        form.sections[1].questions[0].max = Some(-1.0);
        form.sections[1].questions[1].show_if = Some(ShowIf {
            question: 1,
            option: 7,
        });
        form.sections[1].questions[1].id = 2;
        assert_eq!(
            codes(form.validate()),
            vec![
                ("audience".to_owned(), ErrorCode::AudienceRequired),
                ("questions.1.options".to_owned(), ErrorCode::TooFewOptions),
                ("questions.2.id".to_owned(), ErrorCode::Conflict),
                ("questions.2.show_if".to_owned(), ErrorCode::UnknownChoice),
                ("questions.3.max".to_owned(), ErrorCode::OutOfRange),
                ("title".to_owned(), ErrorCode::Required),
            ]
        );
    }

    #[test]
    fn a_condition_may_only_point_back_to_a_choice_question() {
        let mut form = survey();
        form.sections[0].questions[0].show_if = Some(ShowIf {
            question: 2,
            option: 0,
        });
        form.sections[1].questions[1].show_if = Some(ShowIf {
            question: 3,
            option: 0,
        });
        let found = codes(form.validate());
        assert!(found.contains(&("questions.1.show_if".to_owned(), ErrorCode::UnknownQuestion)));
        assert!(found.contains(&("questions.4.show_if".to_owned(), ErrorCode::UnknownQuestion)));
    }

    #[test]
    fn answers_are_refused_with_the_reason_beside_each_question() {
        let survey = survey();
        let answers = [
            chose(1, 9),
            chose(2, 1),
            number(3, 4.0),
            number(4, 6.0),
            chose(8, 0),
        ];
        assert_eq!(
            codes(survey.check_answers(&answers)),
            vec![
                ("answers.1".to_owned(), ErrorCode::UnknownChoice),
                ("answers.3".to_owned(), ErrorCode::QuestionHidden),
                ("answers.4".to_owned(), ErrorCode::OutOfRange),
                ("answers.8".to_owned(), ErrorCode::UnknownQuestion),
            ]
        );
        let missing = [chose(2, 0), number(3, 11.0)];
        assert_eq!(
            codes(survey.check_answers(&missing)),
            vec![
                ("answers.1".to_owned(), ErrorCode::AnswerRequired),
                ("answers.3".to_owned(), ErrorCode::OutOfRange),
                ("answers.4".to_owned(), ErrorCode::AnswerRequired),
            ]
        );
    }

    #[test]
    fn a_hidden_required_question_needs_no_answer() {
        let survey = survey();
        assert!(survey
            .check_answers(&[chose(1, 0), chose(2, 1), number(4, 3.0)])
            .is_ok());
    }

    #[test]
    fn other_and_maximum_ticks_are_checked() {
        let mut form = survey();
        let q = &mut form.sections[0].questions[0];
        q.kind = QuestionKind::Multiple;
        q.max_choices = 2;
        q.other = true;
        let base = [chose(2, 1), number(4, 3.0)];
        let with = |first: Answer| {
            let mut all = vec![first];
            all.extend(base.iter().cloned());
            codes(form.check_answers(&all))
        };
        let ticks = |chosen: Vec<u8>, text: &str| Answer {
            question: 1,
            chosen,
            text: text.into(),
            ..Answer::default()
        };
        assert_eq!(with(ticks(vec![0, 1], "")), vec![]);
        assert_eq!(with(ticks(vec![0, OTHER], "May vá")), vec![]);
        assert_eq!(
            with(ticks(vec![0, OTHER], " ")),
            vec![("answers.1".to_owned(), ErrorCode::Required)]
        );
        assert_eq!(
            with(ticks(vec![0, 1, 2], "")),
            vec![("answers.1".to_owned(), ErrorCode::TooManyChoices)]
        );
        assert_eq!(
            with(ticks(vec![1, 1], "")),
            vec![("answers.1".to_owned(), ErrorCode::UnknownChoice)]
        );
    }

    #[test]
    fn dates_are_real_dates() {
        assert!(parse_date("2026-02-28").is_some());
        assert!(parse_date("2026-02-30").is_none());
        assert!(parse_date("28/02/2026").is_none());
    }

    #[test]
    fn once_answered_only_wording_may_change() {
        let old = survey();
        let mut reworded = old.clone();
        reworded.title = "Khảo sát nhu cầu 2026".into();
        reworded.sections[0].questions[0].options[0] = "Một (1)".into();
        reworded.sections[1].title = "Con cái".into();
        reworded.closes_at += chrono::Duration::days(3);
        assert_eq!(reworded.locked_change(&old), None);
        let mut retyped = old.clone();
        retyped.sections[1].questions[1].kind = QuestionKind::Number;
        assert_eq!(retyped.locked_change(&old), Some("questions.4".into()));
        let mut fewer = old.clone();
        fewer.sections[0].questions[0].options.pop();
        assert_eq!(fewer.locked_change(&old), Some("questions.1".into()));
        let mut shorter = old.clone();
        shorter.sections.pop();
        assert_eq!(shorter.locked_change(&old), Some("questions".into()));
    }
}
