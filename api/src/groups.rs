//! Groups, roles and joining.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::{error::FieldErrors, text::tidy, units::UnitRef, wire_enum::wire_enum, ErrorCode};

pub const MAX_QUESTIONS: usize = 3;
pub const GROUP_NAME_MAX_CHARS: usize = 120;
pub const LONG_TEXT_MAX_CHARS: usize = 5000;
pub const ANSWER_MAX_CHARS: usize = 500;
pub const REASON_MAX_CHARS: usize = 500;

/// An optional reason the other side will read (a declined request, a rejected post): blank
/// means none, and it is bounded. The form and both server routes share this rule.
pub fn optional_reason(reason: Option<&str>) -> Result<Option<&str>, ErrorCode> {
    match reason.map(str::trim).filter(|r| !r.is_empty()) {
        Some(reason) if reason.chars().count() > REASON_MAX_CHARS => Err(ErrorCode::TextTooLong),
        reason => Ok(reason),
    }
}

wire_enum! {
    #[derive(PartialOrd, Ord)]
    Role {
        Member = "member",
        /// Read-only oversight (Ban cố vấn, giám sát): sees what admins see, changes nothing.
        Advisor = "advisor",
        Moderator = "moderator",
        Admin = "admin",
    }
}

impl Role {
    /// Whether the role belongs to the admin board, whose accounts carry the "Ban quản trị" badge.
    pub fn is_board(self) -> bool {
        matches!(self, Role::Moderator | Role::Admin)
    }
}

wire_enum! {
    MembershipStatus {
        Pending = "pending",
        Active = "active",
        Declined = "declined",
        Banned = "banned",
    }
}

wire_enum! {
    #[derive(Default)]
    Privacy {
        /// Anyone can read; joining still needs approval.
        #[default]
        Public = "public",
        /// Only members read the content; the group itself can be found.
        Closed = "closed",
    }
}

/// Her own standing in a group.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MyMembership {
    pub role: Role,
    pub status: MembershipStatus,
    /// Why an admin declined her request, when one was given.
    pub decline_reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GroupSummary {
    pub id: i64,
    pub name: String,
    pub unit: UnitRef,
    pub privacy: Privacy,
    pub verified: bool,
    pub member_count: i64,
    pub me: Option<MyMembership>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GroupDetail {
    /// Nested rather than flattened: serde's flatten costs the phone kilobytes of wasm.
    pub summary: GroupSummary,
    pub description: String,
    pub rules: String,
    pub questions: Vec<String>,
    /// Path of the group page; the invite link and its QR code open it.
    pub invite_path: String,
    /// The admin board, so members can tell real admins from impostors.
    pub board: Vec<BoardMember>,
    /// Its admins closed it to new members for a while: the page says so instead of "Tham gia".
    pub joining_paused: bool,
    /// The Hội cadres' word when they verified it, refused or took the badge away; only its
    /// board reads it.
    pub verification_note: Option<String>,
    /// Its cover photo (`/api/covers/{id}`), if its admins chose one.
    #[serde(default)]
    pub cover_id: Option<i64>,
    /// Archived by its admins: readable, nothing new in it.
    #[serde(default)]
    pub archived: bool,
}

/// Archives a group (read only from then on) or opens it again.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ArchiveRequest {
    pub archived: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BoardMember {
    pub user_id: i64,
    pub display_name: String,
    pub role: Role,
}

/// Directory search: by group name or by commune/ward, diacritics optional.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct GroupQuery {
    pub q: Option<String>,
    /// Only the groups she belongs to (active or pending).
    pub mine: Option<bool>,
    pub cursor: Option<String>,
    pub limit: Option<u32>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreateGroupRequest {
    pub unit_id: i64,
    pub name: String,
    pub description: String,
    pub rules: String,
    pub questions: Vec<String>,
    pub privacy: Privacy,
    /// A cover she uploaded with `POST /api/covers`.
    #[serde(default)]
    pub cover_id: Option<i64>,
}

/// A group's texts after the shared rules: tidied name, bounded texts, at most three questions.
pub struct ValidGroup {
    pub name: String,
    pub description: String,
    pub rules: String,
    pub questions: Vec<String>,
}

impl CreateGroupRequest {
    pub fn validate(&self) -> Result<ValidGroup, FieldErrors> {
        validate_group(&self.name, &self.description, &self.rules, &self.questions)
    }
}

/// "Cài đặt nhóm": what its admins may change after creation. The commune/ward stays: the
/// verified badge was given for the group where it is.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UpdateGroupRequest {
    pub name: String,
    pub description: String,
    pub rules: String,
    pub questions: Vec<String>,
    pub privacy: Privacy,
    /// Closed to new members for a while: asking to join answers `joining_paused`.
    pub joining_paused: bool,
    /// Its cover (`/api/covers/{id}`): a new upload of hers, the current one, or none.
    #[serde(default)]
    pub cover_id: Option<i64>,
}

impl UpdateGroupRequest {
    pub fn validate(&self) -> Result<ValidGroup, FieldErrors> {
        validate_group(&self.name, &self.description, &self.rules, &self.questions)
    }
}

/// The rules of a group's texts, the same when it is created and when it is edited.
fn validate_group(
    name: &str,
    description: &str,
    rules: &str,
    questions: &[String],
) -> Result<ValidGroup, FieldErrors> {
    let mut errors = FieldErrors::default();
    let name = tidy(name);
    match name.chars().count() {
        0 => errors.add("name", ErrorCode::Required),
        1 => errors.add("name", ErrorCode::NameTooShort),
        n if n > GROUP_NAME_MAX_CHARS => errors.add("name", ErrorCode::NameTooLong),
        _ => {}
    }
    for (field, text) in [("description", description), ("rules", rules)] {
        if text.chars().count() > LONG_TEXT_MAX_CHARS {
            errors.add(field, ErrorCode::TextTooLong);
        }
    }
    let questions: Vec<String> = questions
        .iter()
        .map(|q| tidy(q))
        .filter(|q| !q.is_empty())
        .collect();
    if questions.len() > MAX_QUESTIONS {
        errors.add("questions", ErrorCode::TooManyQuestions);
    }
    if questions.iter().any(|q| q.chars().count() > ANSWER_MAX_CHARS) {
        errors.add("questions", ErrorCode::TextTooLong);
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(ValidGroup {
        name,
        description: description.trim().to_owned(),
        rules: rules.trim().to_owned(),
        questions,
    })
}

/// Her request to join: one answer per membership question, in order.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct JoinGroupRequest {
    pub answers: Vec<String>,
}

impl JoinGroupRequest {
    /// Every question needs an answer; the field key is `answers.N` so the form marks the right box.
    pub fn validate(&self, question_count: usize) -> Result<Vec<String>, FieldErrors> {
        let mut errors = FieldErrors::default();
        let answers: Vec<String> = (0..question_count)
            .map(|i| {
                self.answers
                    .get(i)
                    .map(|a| a.trim().to_owned())
                    .unwrap_or_default()
            })
            .collect();
        for (i, answer) in answers.iter().enumerate() {
            if answer.is_empty() {
                errors.add(&format!("answers.{i}"), ErrorCode::AnswerRequired);
            } else if answer.chars().count() > ANSWER_MAX_CHARS {
                errors.add(&format!("answers.{i}"), ErrorCode::TextTooLong);
            }
        }
        if errors.is_empty() {
            Ok(answers)
        } else {
            Err(errors)
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QuestionAnswer {
    pub question: String,
    pub answer: String,
}

/// A pending request as the admin board sees it: enough to decide, nothing more.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct JoinRequestView {
    pub user_id: i64,
    pub display_name: String,
    pub home_unit: Option<UnitRef>,
    pub overseas: bool,
    pub hoi_member: bool,
    pub answers: Vec<QuestionAnswer>,
    #[serde(with = "crate::wire_time")]
    pub requested_at: DateTime<Utc>,
}

/// An active member as the admin board sees her in the member list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MemberView {
    pub user_id: i64,
    pub display_name: String,
    pub role: Role,
    pub home_unit: Option<UnitRef>,
    pub hoi_member: bool,
    #[serde(with = "crate::wire_time")]
    pub joined_at: DateTime<Utc>,
}

/// A page of the member list: `cursor` is the last `user_id` of the previous page.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct MemberQuery {
    pub cursor: Option<i64>,
    pub limit: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DecideJoinRequest {
    pub approve: bool,
    /// Shown to her when declined.
    pub reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SetRoleRequest {
    pub role: Role,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SetVerifiedRequest {
    pub verified: bool,
    /// Why not (or a word with the badge): what the group's admins read on its page. Needed to
    /// refuse or take the badge away, so they know what to change.
    #[serde(default)]
    pub reason: Option<String>,
}

impl SetVerifiedRequest {
    /// The reason, tidied: bounded, and required unless the group is verified.
    pub fn validate(&self) -> Result<Option<&str>, FieldErrors> {
        let field = |code| {
            let mut errors = FieldErrors::default();
            errors.add("reason", code);
            errors
        };
        match optional_reason(self.reason.as_deref()).map_err(field)? {
            None if !self.verified => Err(field(ErrorCode::Required)),
            reason => Ok(reason),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_blank_reason_is_none_and_a_long_one_is_refused() {
        assert_eq!(optional_reason(Some("   ")), Ok(None));
        assert_eq!(
            optional_reason(Some(" Trùng tài khoản ")),
            Ok(Some("Trùng tài khoản"))
        );
        assert_eq!(
            optional_reason(Some(&"ừ".repeat(501))),
            Err(ErrorCode::TextTooLong)
        );
    }

    #[test]
    fn a_group_may_ask_at_most_three_questions() {
        let request = CreateGroupRequest {
            name: "Phụ nữ Gia Lâm".into(),
            questions: vec!["a".into(), "b".into(), "c".into(), "d".into()],
            ..Default::default()
        };
        assert_eq!(
            request.validate().err().unwrap().0.get("questions"),
            Some(&ErrorCode::TooManyQuestions)
        );
    }

    #[test]
    fn every_question_needs_an_answer() {
        let request = JoinGroupRequest {
            answers: vec!["Gia Lâm".into(), "  ".into()],
        };
        let errors = request.validate(3).err().unwrap().0;
        assert!(!errors.contains_key("answers.0"));
        assert_eq!(errors.get("answers.1"), Some(&ErrorCode::AnswerRequired));
        assert_eq!(errors.get("answers.2"), Some(&ErrorCode::AnswerRequired));
    }

    #[test]
    fn roles_sort_by_power_and_only_the_board_gets_the_badge() {
        assert!(Role::Admin > Role::Moderator && Role::Moderator > Role::Member);
        assert!(Role::Admin.is_board() && !Role::Advisor.is_board());
    }
}
