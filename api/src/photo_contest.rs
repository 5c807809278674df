//! Photo contests (cuộc thi ảnh) the way Gia Lâm ran "Duyên dáng áo dài": members enter photos,
//! admins approve them, everyone allowed votes, judges score, and the weighted ranking is
//! announced at the close.
//!
//! The tally is a fact, not a number anybody keeps: each vote is a row the database keeps unique
//! per voter and entry (and day, under the per-day rule), and a count is only ever those rows.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::{
    error::FieldErrors, feed::PhotoView, text::tidy, units::UnitRef, wire_enum::wire_enum, ErrorCode, Phone,
};

pub const TITLE_MAX_CHARS: usize = 200;
pub const RULES_MAX_CHARS: usize = 5_000;
pub const ENTRY_TITLE_MAX_CHARS: usize = 120;
pub const STORY_MAX_CHARS: usize = 1_000;
pub const REASON_MAX_CHARS: usize = 500;
pub const CRITERION_MAX_CHARS: usize = 100;
pub const MAX_ENTRY_PHOTOS: usize = 5;
pub const MAX_ENTRIES_PER_MEMBER: u32 = 5;
pub const MAX_VOTES_PER_DAY: u32 = 20;
pub const MAX_CRITERIA: usize = 6;
pub const MAX_JUDGES: usize = 10;
pub const MAX_CRITERION_POINTS: u32 = 100;

wire_enum! {
    /// Who may enter, and who may vote.
    Audience {
        /// Active members of the group that runs the contest.
        Group = "group",
        /// People of a unit and every unit under it (home commune, or a group of the unit).
        Unit = "unit",
        /// Any registered account.
        Anyone = "anyone",
    }
}

wire_enum! {
    VoteRule {
        /// One vote per voter per entry, for the whole contest.
        PerEntry = "per_entry",
        /// `votes_per_day` votes per voter per day (Vietnam time) across entries, one per entry a day.
        PerDay = "per_day",
    }
}

wire_enum! {
    EntryStatus {
        Pending = "pending",
        Approved = "approved",
        Rejected = "rejected",
    }
}

/// One thing judges score, out of `max_points` ("Trang phục", 10).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Criterion {
    pub name: String,
    pub max_points: u32,
}

/// A new contest or an edit of one. Times are instants; the app shows them in Vietnam time.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PhotoContestForm {
    /// The group that runs it; its admins manage it.
    pub group_id: i64,
    pub title: String,
    pub rules: String,
    /// A photo uploaded first with `POST /api/groups/{id}/photos`.
    pub cover_photo_id: Option<i64>,
    #[serde(with = "crate::wire_time")]
    pub entries_open_at: DateTime<Utc>,
    #[serde(with = "crate::wire_time")]
    pub entries_close_at: DateTime<Utc>,
    #[serde(with = "crate::wire_time")]
    pub voting_open_at: DateTime<Utc>,
    #[serde(with = "crate::wire_time")]
    pub voting_close_at: DateTime<Utc>,
    pub who_enters: Audience,
    pub who_votes: Audience,
    /// The unit for an `Audience::Unit` rule.
    pub unit_id: Option<i64>,
    pub entries_per_member: u32,
    pub vote_rule: VoteRule,
    /// Under `VoteRule::PerDay`.
    pub votes_per_day: u32,
    /// Counts shown while voting runs, or kept until the close.
    pub live_results: bool,
    /// The judges' share of the total, 0–100; the public vote has the rest (70 → 70/30).
    pub judge_weight: u32,
    pub criteria: Vec<Criterion>,
    /// The judges' phone numbers; each must have an account.
    pub judge_phones: Vec<String>,
}

impl PhotoContestForm {
    /// Every broken rule at once, keyed by field (`criteria.1.name`, `judge_phones.0`).
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut errors = FieldErrors::default();
        errors.text("title", &tidy(&self.title), true, TITLE_MAX_CHARS);
        errors.text("rules", &self.rules, false, RULES_MAX_CHARS);
        if self.entries_close_at <= self.entries_open_at {
            errors.add("entries_close_at", ErrorCode::ClosesBeforeOpens);
        }
        if self.voting_close_at <= self.voting_open_at {
            errors.add("voting_close_at", ErrorCode::ClosesBeforeOpens);
        } else if self.voting_close_at < self.entries_close_at {
            errors.add("voting_close_at", ErrorCode::VotingEndsBeforeEntries);
        }
        let needs_unit = self.who_enters == Audience::Unit || self.who_votes == Audience::Unit;
        if needs_unit && self.unit_id.is_none() {
            errors.add("unit_id", ErrorCode::Required);
        }
        if !(1..=MAX_ENTRIES_PER_MEMBER).contains(&self.entries_per_member) {
            errors.add("entries_per_member", ErrorCode::OutOfRange);
        }
        if self.vote_rule == VoteRule::PerDay && !(1..=MAX_VOTES_PER_DAY).contains(&self.votes_per_day) {
            errors.add("votes_per_day", ErrorCode::OutOfRange);
        }
        if self.judge_weight > 100 {
            errors.add("judge_weight", ErrorCode::OutOfRange);
        }
        if self.judge_weight > 0 {
            if self.criteria.is_empty() {
                errors.add("criteria", ErrorCode::Required);
            }
            if self.judge_phones.is_empty() {
                errors.add("judge_phones", ErrorCode::Required);
            }
        }
        if self.criteria.len() > MAX_CRITERIA {
            errors.add("criteria", ErrorCode::OutOfRange);
        }
        for (i, criterion) in self.criteria.iter().enumerate() {
            errors.text(
                &format!("criteria.{i}.name"),
                &criterion.name,
                true,
                CRITERION_MAX_CHARS,
            );
            if !(1..=MAX_CRITERION_POINTS).contains(&criterion.max_points) {
                errors.add(&format!("criteria.{i}.max_points"), ErrorCode::OutOfRange);
            }
        }
        if self.judge_phones.len() > MAX_JUDGES {
            errors.add("judge_phones", ErrorCode::OutOfRange);
        }
        for (i, phone) in self.judge_phones.iter().enumerate() {
            errors.check(&format!("judge_phones.{i}"), Phone::parse(phone));
        }
        errors.into_result()
    }
}

/// Where a contest stands. The windows may overlap; voting wins the name when both are open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PhotoContestPhase {
    Upcoming,
    Entering,
    /// Entries closed, voting not open yet.
    Waiting,
    Voting,
    Closed,
}

/// Her entry: 1–5 photos uploaded first with `POST /api/photo-contests/{id}/photos`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EntryForm {
    pub title: String,
    pub story: String,
    pub photo_ids: Vec<i64>,
}

impl EntryForm {
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut errors = FieldErrors::default();
        errors.text("title", &tidy(&self.title), true, ENTRY_TITLE_MAX_CHARS);
        errors.text("story", &self.story, false, STORY_MAX_CHARS);
        if self.photo_ids.is_empty() {
            errors.add("photos", ErrorCode::Required);
        } else if self.photo_ids.len() > MAX_ENTRY_PHOTOS {
            errors.add("photos", ErrorCode::TooManyPhotos);
        }
        errors.into_result()
    }
}

/// An admin's decision on an entry; a rejection needs the reason the entrant will read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EntryDecision {
    pub approve: bool,
    #[serde(default)]
    pub reason: String,
}

impl EntryDecision {
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut errors = FieldErrors::default();
        errors.text("reason", &self.reason, !self.approve, REASON_MAX_CHARS);
        errors.into_result()
    }
}

/// An entry as the gallery and its own page show it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EntryView {
    pub id: i64,
    pub contest_id: i64,
    pub contest_title: String,
    pub title: String,
    pub story: String,
    pub author_name: String,
    pub photos: Vec<PhotoView>,
    pub status: EntryStatus,
    /// Why it was rejected: for the entrant and the admins only.
    pub reason: Option<String>,
    /// The count of valid votes, when results are live, after the close, or for admins.
    pub votes: Option<u32>,
    /// Whether her vote for it stands (today's, under the per-day rule).
    pub voted: bool,
    pub mine: bool,
    /// After the close.
    pub rank: Option<u32>,
}

/// A contest in a list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PhotoContestSummary {
    pub id: i64,
    pub title: String,
    pub group_name: String,
    pub cover_photo_id: Option<i64>,
    pub phase: PhotoContestPhase,
    #[serde(with = "crate::wire_time")]
    pub voting_close_at: DateTime<Utc>,
    pub entry_count: u32,
    pub can_manage: bool,
}

/// A group she may run contests for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PhotoContestGroup {
    pub id: i64,
    pub name: String,
    pub unit_id: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PhotoContestList {
    pub photo_contests: Vec<PhotoContestSummary>,
    /// The groups she administers: "+ Tạo cuộc thi ảnh" shows when there is one.
    pub can_create_in: Vec<PhotoContestGroup>,
}

/// The contest page: rules, windows, what she may do, the gallery.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PhotoContestView {
    pub id: i64,
    pub group_id: i64,
    pub group_name: String,
    pub title: String,
    pub rules: String,
    pub cover_photo_id: Option<i64>,
    #[serde(with = "crate::wire_time")]
    pub entries_open_at: DateTime<Utc>,
    #[serde(with = "crate::wire_time")]
    pub entries_close_at: DateTime<Utc>,
    #[serde(with = "crate::wire_time")]
    pub voting_open_at: DateTime<Utc>,
    #[serde(with = "crate::wire_time")]
    pub voting_close_at: DateTime<Utc>,
    pub phase: PhotoContestPhase,
    pub accepting_entries: bool,
    pub who_enters: Audience,
    pub who_votes: Audience,
    pub unit: Option<UnitRef>,
    pub entries_per_member: u32,
    pub vote_rule: VoteRule,
    pub votes_per_day: u32,
    pub live_results: bool,
    pub judge_weight: u32,
    pub criteria: Vec<Criterion>,
    pub judges: Vec<String>,
    pub can_manage: bool,
    pub is_judge: bool,
    pub may_enter: bool,
    pub may_vote: bool,
    /// Her votes left today under the per-day rule.
    pub votes_left_today: Option<u32>,
    /// Her entries, whatever their status.
    pub my_entries: Vec<EntryView>,
    /// Approved entries, newest first.
    pub gallery: Vec<EntryView>,
    /// Entries waiting for a decision (admins only; empty for others).
    pub pending: Vec<EntryView>,
}

/// What happened to her vote. `counted: false` means it was already there: a double tap, a retry
/// or her second phone never counts twice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VoteOutcome {
    pub entry_id: i64,
    pub counted: bool,
    /// The count including her vote, when counts are shown.
    pub votes: Option<u32>,
    pub votes_left_today: Option<u32>,
}

/// The live tally: `[entry id, valid votes]` for the entries that changed (all of them in the
/// first event of a stream).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TallyUpdate {
    pub counts: Vec<(i64, u32)>,
}

/// One vote as the admins review it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VoteRow {
    pub id: i64,
    pub entry_id: i64,
    pub voter_name: String,
    pub voter_phone: String,
    #[serde(with = "crate::wire_time")]
    pub at: DateTime<Utc>,
    /// The account was created after the contest opened for entries.
    pub new_account: bool,
    /// A short label for the network address (a keyed hash: the address itself is not kept).
    pub address: String,
    /// Other accounts voted for the same entry from the same address.
    pub shared_address: u32,
    /// Votes for the same entry in the same minute.
    pub same_minute: u32,
    pub voided: Option<String>,
}

/// The fraud signals for one entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EntrySignals {
    pub entry_id: i64,
    pub title: String,
    pub votes: u32,
    pub voided: u32,
    pub new_accounts: u32,
    /// The most accounts that voted for it from one address.
    pub most_from_one_address: u32,
    /// The most votes it got in one minute.
    pub busiest_minute: u32,
    pub flagged: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SignalsView {
    pub entries: Vec<EntrySignals>,
    /// The suspicious votes (any signal), newest first, voided ones included.
    pub votes: Vec<VoteRow>,
}

/// Voids votes: they stay in the database with the reason and who voided them, and stop counting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VoidRequest {
    pub vote_ids: Vec<i64>,
    pub reason: String,
}

impl VoidRequest {
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut errors = FieldErrors::default();
        errors.text("reason", &self.reason, true, REASON_MAX_CHARS);
        if self.vote_ids.is_empty() || self.vote_ids.len() > 1_000 {
            errors.add("vote_ids", ErrorCode::OutOfRange);
        }
        errors.into_result()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VoidOutcome {
    pub voided: u32,
}

/// A judge's scores for one entry, one per criterion, in order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ScoreRequest {
    pub scores: Vec<u32>,
}

impl ScoreRequest {
    pub fn validate(&self, criteria: &[Criterion]) -> Result<(), FieldErrors> {
        let mut errors = FieldErrors::default();
        if self.scores.len() != criteria.len() {
            errors.add("scores", ErrorCode::Required);
        }
        for (i, (score, criterion)) in self.scores.iter().zip(criteria).enumerate() {
            if *score > criterion.max_points {
                errors.add(&format!("scores.{i}"), ErrorCode::OutOfRange);
            }
        }
        errors.into_result()
    }
}

/// The judge's sheet: every approved entry with her scores so far.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct JudgeSheet {
    pub criteria: Vec<Criterion>,
    pub entries: Vec<JudgeEntry>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct JudgeEntry {
    pub entry: EntryView,
    /// Empty until she scores it.
    pub scores: Vec<u32>,
}

/// One line of the results.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ResultRow {
    pub rank: u32,
    pub entry_id: i64,
    pub title: String,
    pub author_name: String,
    /// The judges' average on 100; `None` when no judge scored it.
    pub judge_average: Option<f64>,
    pub votes: u32,
    /// Votes on 100: the most-voted entry has 100.
    pub vote_score: f64,
    /// judge_weight × judges + (100 − judge_weight) × votes, on 100.
    pub total: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PhotoContestResults {
    pub judge_weight: u32,
    /// Final after the close; a preview for admins and judges before it.
    pub final_results: bool,
    pub rows: Vec<ResultRow>,
    /// The pinned post that announced them.
    pub announcement_post_id: Option<i64>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> PhotoContestForm {
        let at = |day: i64| DateTime::from_timestamp(1_780_000_000 + day * 86_400, 0).unwrap();
        PhotoContestForm {
            group_id: 1,
            title: "Duyên dáng áo dài".into(),
            rules: String::new(),
            cover_photo_id: None,
            entries_open_at: at(0),
            entries_close_at: at(7),
            voting_open_at: at(1),
            voting_close_at: at(14),
            who_enters: Audience::Group,
            who_votes: Audience::Anyone,
            unit_id: None,
            entries_per_member: 1,
            vote_rule: VoteRule::PerEntry,
            votes_per_day: 0,
            live_results: true,
            judge_weight: 70,
            criteria: vec![Criterion {
                name: "Trang phục".into(),
                max_points: 10,
            }],
            judge_phones: vec!["0912000001".into()],
        }
    }

    #[test]
    fn a_sound_contest_passes() {
        assert!(form().validate().is_ok());
    }

    #[test]
    fn every_broken_rule_is_reported_by_field() {
        let mut broken = form();
        broken.title = " ".into();
        broken.voting_close_at = broken.entries_close_at - chrono::Duration::days(1);
        broken.who_votes = Audience::Unit;
        broken.vote_rule = VoteRule::PerDay;
        broken.criteria[0].max_points = 0;
        broken.judge_phones.push("12345".into());
        let errors = broken.validate().unwrap_err().0;
        assert_eq!(errors.get("title"), Some(&ErrorCode::Required));
        assert_eq!(
            errors.get("voting_close_at"),
            Some(&ErrorCode::VotingEndsBeforeEntries)
        );
        assert_eq!(errors.get("unit_id"), Some(&ErrorCode::Required));
        assert_eq!(errors.get("votes_per_day"), Some(&ErrorCode::OutOfRange));
        assert_eq!(errors.get("criteria.0.max_points"), Some(&ErrorCode::OutOfRange));
        assert_eq!(errors.get("judge_phones.1"), Some(&ErrorCode::InvalidPhone));
    }

    #[test]
    fn judges_need_criteria_and_names_only_when_they_weigh() {
        let mut public_only = form();
        public_only.judge_weight = 0;
        public_only.criteria.clear();
        public_only.judge_phones.clear();
        assert!(public_only.validate().is_ok());
        public_only.judge_weight = 30;
        let errors = public_only.validate().unwrap_err().0;
        assert!(errors.contains_key("criteria") && errors.contains_key("judge_phones"));
    }

    #[test]
    fn an_entry_needs_a_title_and_one_to_five_photos_and_a_rejection_a_reason() {
        let entry = EntryForm {
            title: "Áo dài mẹ may".into(),
            story: String::new(),
            photo_ids: vec![1],
        };
        assert!(entry.validate().is_ok());
        let too_many = EntryForm {
            photo_ids: (1..=6).collect(),
            ..entry
        };
        assert_eq!(
            too_many.validate().unwrap_err().0.get("photos"),
            Some(&ErrorCode::TooManyPhotos)
        );
        let reject = EntryDecision {
            approve: false,
            reason: String::new(),
        };
        assert!(reject.validate().is_err());
        assert!(EntryDecision {
            approve: true,
            reason: String::new()
        }
        .validate()
        .is_ok());
    }

    #[test]
    fn scores_stay_within_each_criterion() {
        let criteria = form().criteria;
        assert!(ScoreRequest { scores: vec![10] }.validate(&criteria).is_ok());
        assert!(ScoreRequest { scores: vec![11] }.validate(&criteria).is_err());
        assert!(ScoreRequest { scores: vec![] }.validate(&criteria).is_err());
    }
}
