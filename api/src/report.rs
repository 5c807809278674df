//! Reports up the Hội's tree (báo cáo sơ kết): the figures of a group or of a unit with
//! everything under it, for a calendar period, compared side by side with its child units; and
//! the advisors' oversight (overdue queues, the audit log).
//!
//! Every figure is a whole number: the phone formats shares and rates itself with integer
//! arithmetic, because formatting a float would add ~12 KB of compressed wasm to the app.
//! Member figures count memberships: a woman in two groups of the scope counts in each, so a
//! unit's figure is the sum of its child units' (what an office adds up on paper).

use chrono::{Datelike, Days, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::{error::FieldErrors, survey::ResultScope, wire_enum::wire_enum, ErrorCode};

/// The longest custom period, in days.
pub const MAX_PERIOD_DAYS: i64 = 366;
/// The queues' default age before an item is flagged overdue, in days.
pub const DEFAULT_OVERDUE_DAYS: u32 = 3;

wire_enum! {
    /// A calendar period containing a given day, or any span of days.
    PeriodKind {
        /// Monday to Sunday.
        Week = "week",
        Month = "month",
        /// Quý I–IV.
        Quarter = "quarter",
        Custom = "custom",
    }
}

/// The first and last day (Vietnam calendar, inclusive) of the period: the week, month or
/// quarter containing `at`, or `from`..=`to`. Errors are keyed by the query parameter.
pub fn period_days(
    kind: PeriodKind,
    at: NaiveDate,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Result<(NaiveDate, NaiveDate), FieldErrors> {
    let first_of = |year: i32, month: u32| NaiveDate::from_ymd_opt(year, month, 1);
    let month_after = |year: i32, month: u32| {
        if month == 12 {
            first_of(year + 1, 1)
        } else {
            first_of(year, month + 1)
        }
    };
    let span = match kind {
        PeriodKind::Week => {
            let monday = at - Days::new(u64::from(at.weekday().num_days_from_monday()));
            Some((monday, monday + Days::new(6)))
        }
        PeriodKind::Month => first_of(at.year(), at.month()).zip(month_after(at.year(), at.month())),
        PeriodKind::Quarter => {
            let first_month = (at.month() - 1) / 3 * 3 + 1;
            first_of(at.year(), first_month).zip(month_after(at.year(), first_month + 2))
        }
        PeriodKind::Custom => {
            let mut errors = FieldErrors::default();
            if from.is_none() {
                errors.add("from", ErrorCode::Required);
            }
            if to.is_none() {
                errors.add("to", ErrorCode::Required);
            }
            let (Some(from), Some(to)) = (from, to) else {
                return Err(errors);
            };
            if to < from || (to - from).num_days() >= MAX_PERIOD_DAYS {
                errors.add("to", ErrorCode::InvalidPeriod);
                return Err(errors);
            }
            return Ok((from, to));
        }
    };
    let (first, next) = span.ok_or_else(|| {
        let mut errors = FieldErrors::default();
        errors.add("at", ErrorCode::InvalidDate);
        errors
    })?;
    // Month and quarter spans end the day before the next one starts.
    let last = if kind == PeriodKind::Week {
        next
    } else {
        next - Days::new(1)
    };
    Ok((first, last))
}

/// Members at the end of the period and their movement during it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MemberFigures {
    pub total: u32,
    pub joined: u32,
    pub left: u32,
    /// Not yet formal Hội members (chưa vào Hội): whom the Hội can invite.
    pub not_hoi: u32,
    /// Whose home commune is not the group's.
    pub outside: u32,
    pub overseas: u32,
}

/// The feed during the period.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ActivityFigures {
    /// Published during the period.
    pub posts: u32,
    pub comments: u32,
    pub reactions: u32,
    /// Members who posted, commented or reacted (counted per group).
    pub active_members: u32,
    /// Posts, comments and reactions per weekday, Monday first (Vietnam time).
    pub by_weekday: Vec<u32>,
    /// Posts, comments and reactions per hour of the day, 0–23 (Vietnam time).
    pub by_hour: Vec<u32>,
    /// Medians in seconds, of what was decided during the period; `None` when nothing was.
    pub median_member_approval: Option<u32>,
    pub median_post_approval: Option<u32>,
    pub median_answer: Option<u32>,
}

/// Quizzes, contests and surveys during the period.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProgrammeFigures {
    /// Contests of the scope's groups that took entries or votes during the period.
    pub photo_contests: u32,
    pub photo_contest_entries: u32,
    pub photo_contest_votes: u32,
    /// Quizzes run for the scope's groups or units, attempted during the period.
    pub quizzes: u32,
    /// Women who started an attempt.
    pub quiz_entrants: u32,
    pub quiz_attempts: u32,
    /// Attempts handed in (or timed out with answers kept): the completion rate's numerator.
    pub quiz_submitted: u32,
    pub surveys: u32,
    pub survey_responses: u32,
}

/// Applications to join the Hội made during the period, by their status now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StatusCount {
    /// An application status (`new`, `contacted`, `admitted`, `declined`).
    pub status: String,
    pub count: u32,
}

/// One step of the time series: the members at its end, and what happened during it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SeriesPoint {
    /// The step's first day, `YYYY-MM-DD`.
    pub day: String,
    pub members: u32,
    pub joined: u32,
    pub left: u32,
    pub posts: u32,
    pub comments: u32,
    pub reactions: u32,
}

/// A post that drew the most reactions and comments during the period: its words, not its author.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TopPost {
    pub id: i64,
    pub group: String,
    /// The first 120 characters.
    pub excerpt: String,
    pub reactions: u32,
    pub comments: u32,
}

/// One row of the side-by-side table: a child unit with everything under it, or a group
/// attached to the scope's unit itself.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChildFigures {
    /// `unit:<id>` or `group:<id>`: the row's own report.
    pub key: String,
    pub name: String,
    pub groups: u32,
    pub members: MemberFigures,
    pub posts: u32,
    pub comments: u32,
    pub reactions: u32,
    pub active_members: u32,
    pub applications: u32,
}

/// `GET /api/reports?scope=unit:1001&period=quarter&at=2026-11-22`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Report {
    pub scope: ResultScope,
    /// The period's first and last day, `YYYY-MM-DD` (Vietnam calendar, inclusive).
    pub from: String,
    pub to: String,
    /// Days of the period up to today: the base of "posts per day".
    pub days: u32,
    pub groups: u32,
    pub members: MemberFigures,
    pub activity: ActivityFigures,
    pub programmes: ProgrammeFigures,
    pub applications: Vec<StatusCount>,
    /// Days per step of [`Report::series`]: 1 up to a quarter, 7 beyond.
    pub step_days: u32,
    pub series: Vec<SeriesPoint>,
    pub top_posts: Vec<TopPost>,
    pub children: Vec<ChildFigures>,
}

/// One group's queues: items waiting longer than the oversight's `days`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OverdueRow {
    pub key: String,
    pub name: String,
    /// Requests to join the group.
    pub requests: u32,
    /// Posts held for approval.
    pub posts: u32,
    /// Questions to the board not answered.
    pub questions: u32,
    /// Members' flags on posts or comments not decided.
    pub flags: u32,
}

/// One action of the admin board. The actor is named (an advisor oversees the board); the
/// member it concerned is not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditEntry {
    #[serde(with = "crate::wire_time")]
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub at: chrono::DateTime<chrono::Utc>,
    pub group: String,
    pub actor: String,
    pub action: String,
}

/// `GET /api/reports/oversight?scope=…&days=3`: what the advisors watch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Oversight {
    pub days: u32,
    /// Groups with at least one overdue item, most overdue first.
    pub overdue: Vec<OverdueRow>,
    /// Applications to join the Hội still `new` after `days`.
    pub applications: u32,
    /// The newest 50 actions.
    pub audit: Vec<AuditEntry>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn calendar_periods_contain_the_day() {
        let at = day("2026-11-22"); // a Sunday
        let span = |kind| period_days(kind, at, None, None).unwrap();
        assert_eq!(span(PeriodKind::Week), (day("2026-11-16"), day("2026-11-22")));
        assert_eq!(span(PeriodKind::Month), (day("2026-11-01"), day("2026-11-30")));
        assert_eq!(span(PeriodKind::Quarter), (day("2026-10-01"), day("2026-12-31")));
        let february = period_days(PeriodKind::Month, day("2028-02-10"), None, None).unwrap();
        assert_eq!(february.1, day("2028-02-29"));
        let first = period_days(PeriodKind::Quarter, day("2026-02-10"), None, None).unwrap();
        assert_eq!(first, (day("2026-01-01"), day("2026-03-31")));
    }

    #[test]
    fn a_custom_period_needs_both_ends_in_order_within_a_year() {
        let at = day("2026-11-22");
        let custom = |from: Option<&str>, to: Option<&str>| {
            period_days(PeriodKind::Custom, at, from.map(day), to.map(day))
        };
        assert_eq!(
            custom(Some("2026-05-22"), Some("2026-11-22")).unwrap(),
            (day("2026-05-22"), day("2026-11-22"))
        );
        let missing = custom(None, Some("2026-11-22")).unwrap_err();
        assert_eq!(missing.0.get("from"), Some(&ErrorCode::Required));
        let backwards = custom(Some("2026-11-22"), Some("2026-11-21")).unwrap_err();
        assert_eq!(backwards.0.get("to"), Some(&ErrorCode::InvalidPeriod));
        let long = custom(Some("2025-01-01"), Some("2026-01-02")).unwrap_err();
        assert_eq!(long.0.get("to"), Some(&ErrorCode::InvalidPeriod));
        // 366 days counting both ends.
        assert!(custom(Some("2025-01-01"), Some("2026-01-01")).is_ok());
    }
}
