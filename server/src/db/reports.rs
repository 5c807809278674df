//! The report's aggregate queries. Each counts one source over the period for every group of the
//! scope at once (`GROUP BY group_id`, and the step of the time series where it has one), so the
//! route adds the rows up per child unit and for the whole scope without another query. The
//! indexes they read are in migrations 0007 (`posts_report`, …) and 0017 (`comments_report`,
//! `reactions_report`: comments and reactions carry their post's group).
//!
//! Group ids are written into the SQL as numbers: they come from the database, never from the
//! request, and an `IN` list of literals lets both planners use the group's index range per group.

use std::collections::HashMap;

use sqlx::Row;

use super::{Backend, Db};

pub mod oversight;

/// Seconds east of UTC of Vietnam time, for days and hours as members live them.
pub const VIETNAM_OFFSET: i64 = 7 * 3600;

/// The period in seconds, `[start, end)`, and the length of one step of the time series.
#[derive(Debug, Clone, Copy)]
pub struct Span {
    pub start: i64,
    pub end: i64,
    pub step: i64,
}

impl Span {
    pub fn steps(&self) -> usize {
        ((self.end - self.start + self.step - 1) / self.step).max(0) as usize
    }
}

/// A group of the scope.
#[derive(Debug, Clone)]
pub struct ScopeGroup {
    pub id: i64,
    pub unit_id: i64,
    pub name: String,
}

/// A unit of the scope's subtree.
#[derive(Debug, Clone)]
pub struct TreeUnit {
    pub id: i64,
    pub parent_id: Option<i64>,
    pub name: String,
}

/// `below(id)`: the unit bound as `$1` and every unit under it.
pub const SUBTREE: &str = "WITH RECURSIVE below(id) AS (SELECT CAST($1 AS BIGINT) UNION ALL \
     SELECT u.id FROM units u JOIN below ON u.parent_id = below.id)";

/// The unit and every unit under it.
pub async fn subtree(db: &Db, unit_id: i64) -> Result<Vec<TreeUnit>, sqlx::Error> {
    let rows: Vec<(i64, Option<i64>, String)> = sqlx::query_as(&format!(
        "{SUBTREE} SELECT u.id, u.parent_id, u.name FROM units u JOIN below ON below.id = u.id"
    ))
    .bind(unit_id)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, parent_id, name)| TreeUnit { id, parent_id, name })
        .collect())
}

/// The groups of a unit and everything under it.
pub async fn groups_under(db: &Db, unit_id: i64) -> Result<Vec<ScopeGroup>, sqlx::Error> {
    let rows: Vec<(i64, i64, String)> = sqlx::query_as(&format!(
        "{SUBTREE} SELECT g.id, g.unit_id, g.name FROM community_groups g \
         WHERE g.unit_id IN (SELECT id FROM below) ORDER BY g.id"
    ))
    .bind(unit_id)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, unit_id, name)| ScopeGroup { id, unit_id, name })
        .collect())
}

pub async fn group(db: &Db, group_id: i64) -> Result<Option<ScopeGroup>, sqlx::Error> {
    let row: Option<(i64, i64, String)> =
        sqlx::query_as("SELECT id, unit_id, name FROM community_groups WHERE id = $1")
            .bind(group_id)
            .fetch_optional(&db.pool)
            .await?;
    Ok(row.map(|(id, unit_id, name)| ScopeGroup { id, unit_id, name }))
}

/// `1,2,3`, or `0` (no group has id 0) so that an empty scope is still valid SQL.
pub fn id_list(ids: impl IntoIterator<Item = i64>) -> String {
    let list: Vec<String> = ids.into_iter().map(|id| id.to_string()).collect();
    if list.is_empty() {
        "0".into()
    } else {
        list.join(",")
    }
}

/// Current members per group who had joined before `end`, with the shares the report names.
#[derive(Debug, Default, Clone, Copy)]
pub struct MemberCounts {
    pub total: i64,
    pub not_hoi: i64,
    pub outside: i64,
    pub overseas: i64,
}

/// Active memberships that began before `end` (a Vietnam midnight), per group, with their
/// classes: from the daily figures' members columns (migration 0020), which keep them by the day
/// each membership began.
pub async fn members(db: &Db, groups: &str, end: i64) -> Result<HashMap<i64, MemberCounts>, sqlx::Error> {
    let rows: Vec<(i64, i64, i64, i64, i64)> = sqlx::query_as(&format!(
        "SELECT group_id, CAST(SUM(members) AS BIGINT), CAST(SUM(members_not_hoi) AS BIGINT), \
         CAST(SUM(members_outside) AS BIGINT), CAST(SUM(members_overseas) AS BIGINT) FROM group_days \
         WHERE group_id IN ({groups}) AND day < $1 GROUP BY group_id"
    ))
    .bind(vietnam_day(end))
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(group, total, not_hoi, outside, overseas)| {
            (
                group,
                MemberCounts {
                    total,
                    not_hoi,
                    outside,
                    overseas,
                },
            )
        })
        .collect())
}

/// Memberships that had begun before `end` and ended at or after it: members then, gone now.
pub async fn former_members(db: &Db, groups: &str, end: i64) -> Result<HashMap<i64, i64>, sqlx::Error> {
    let rows: Vec<(i64, i64)> = sqlx::query_as(&format!(
        "SELECT group_id, COUNT(*) FROM membership_leaves \
         WHERE group_id IN ({groups}) AND left_at >= $1 AND joined_at < $1 GROUP BY group_id"
    ))
    .bind(end)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows.into_iter().collect())
}

/// Counts per group and step of the series: `(group_id, step, count)`.
pub type Steps = Vec<(i64, i64, i64)>;

/// The figures that add up by day, per group and step of the series, from the daily figures
/// (`group_days`, migration 0019): memberships that began (still active or ended since) and
/// ended, posts published (and still published), comments and reactions.
#[derive(Debug, Default)]
pub struct Daily {
    pub joined: Steps,
    pub left: Steps,
    pub posts: Steps,
    pub comments: Steps,
    pub reactions: Steps,
}

/// The Vietnam calendar day of a time, as `group_days` keys it.
pub fn vietnam_day(at: i64) -> i64 {
    (at + VIETNAM_OFFSET).div_euclid(86_400)
}

/// The span's days from `group_days`. The span starts at a Vietnam midnight and its step is a
/// whole number of days, so each day falls in one step.
pub async fn daily(db: &Db, groups: &str, span: Span) -> Result<Daily, sqlx::Error> {
    let rows: Vec<(i64, i64, i64, i64, i64, i64, i64)> = sqlx::query_as(&format!(
        "SELECT group_id, (day * 86400 - {VIETNAM_OFFSET} - $1) / $2 AS step, CAST(SUM(joins) AS BIGINT), \
         CAST(SUM(leaves) AS BIGINT), CAST(SUM(posts) AS BIGINT), CAST(SUM(comments) AS BIGINT), \
         CAST(SUM(reactions) AS BIGINT) FROM group_days \
         WHERE group_id IN ({groups}) AND day >= $3 AND day < $4 \
         GROUP BY group_id, (day * 86400 - {VIETNAM_OFFSET} - $1) / $2"
    ))
    .bind(span.start)
    .bind(span.step)
    .bind(vietnam_day(span.start))
    .bind(vietnam_day(span.end))
    .fetch_all(&db.pool)
    .await?;
    let mut daily = Daily::default();
    for (group, step, joined, left, posts, comments, reactions) in rows {
        for (steps, n) in [
            (&mut daily.joined, joined),
            (&mut daily.left, left),
            (&mut daily.posts, posts),
            (&mut daily.comments, comments),
            (&mut daily.reactions, reactions),
        ] {
            if n != 0 {
                steps.push((group, step, n));
            }
        }
    }
    Ok(daily)
}

/// Every post, comment and reaction of the period as `(group_id, author, time)`: what the active
/// members and the busiest hours are counted over.
fn actions(groups: &str) -> String {
    format!(
        "SELECT group_id, author_id AS who, published_at AS at FROM posts \
           WHERE group_id IN ({groups}) AND published_at >= $1 AND published_at < $2 AND status = 'published' \
         UNION ALL SELECT group_id, author_id, created_at FROM comments \
           WHERE group_id IN ({groups}) AND created_at >= $1 AND created_at < $2 AND status = 'published' \
         UNION ALL SELECT group_id, user_id, created_at FROM reactions \
           WHERE group_id IN ({groups}) AND created_at >= $1 AND created_at < $2"
    )
}

/// Members who posted, commented or reacted during the period, per group.
pub async fn active_members(db: &Db, groups: &str, span: Span) -> Result<HashMap<i64, i64>, sqlx::Error> {
    let rows: Vec<(i64, i64)> = sqlx::query_as(&format!(
        "SELECT group_id, COUNT(DISTINCT who) FROM ({}) actions GROUP BY group_id",
        actions(groups)
    ))
    .bind(span.start)
    .bind(span.end)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows.into_iter().collect())
}

/// Posts, comments and reactions by `(weekday Monday = 0, hour)` in Vietnam time.
pub async fn busy_hours(db: &Db, groups: &str, span: Span) -> Result<Vec<(i64, i64, i64)>, sqlx::Error> {
    // 1970-01-01 was a Thursday: day number + 3, modulo 7, counts from Monday.
    sqlx::query_as(&format!(
        "SELECT ((at + {VIETNAM_OFFSET}) / 86400 + 3) % 7 AS weekday, ((at + {VIETNAM_OFFSET}) / 3600) % 24 AS hour, \
         COUNT(*) FROM ({}) actions GROUP BY ((at + {VIETNAM_OFFSET}) / 86400 + 3) % 7, ((at + {VIETNAM_OFFSET}) / 3600) % 24",
        actions(groups)
    ))
    .bind(span.start)
    .bind(span.end)
    .fetch_all(&db.pool)
    .await
}

/// What a median is taken of: durations in seconds of things decided during the period.
#[derive(Debug, Clone, Copy)]
pub enum Wait {
    /// A request to join, from asking to approval (groups that let everyone in are not waits).
    MemberApproval,
    /// A held post, from sending to approval.
    PostApproval,
    /// A question to the board, from asking to the answer.
    Answer,
}

impl Wait {
    /// The waits' query. On SQLite the held posts' partial index is named: its planner takes the
    /// feed's index (every published post of the group) for as selective and reads 20 times the rows.
    fn durations(self, groups: &str, backend: Backend) -> String {
        let held_posts = match backend {
            Backend::Sqlite => "posts INDEXED BY posts_held_waits",
            Backend::Postgres => "posts",
        };
        match self {
            Wait::MemberApproval => format!(
                "SELECT decided_at - requested_at AS d FROM memberships WHERE group_id IN ({groups}) \
                 AND status = 'active' AND decided_at >= $1 AND decided_at < $2 AND decided_at > requested_at"
            ),
            Wait::PostApproval => format!(
                "SELECT published_at - created_at AS d FROM {held_posts} WHERE group_id IN ({groups}) \
                 AND published_at >= $1 AND published_at < $2 AND status = 'published' AND held_for <> ''"
            ),
            Wait::Answer => format!(
                "SELECT answered_at - created_at AS d FROM posts WHERE group_id IN ({groups}) \
                 AND kind = 'question' AND answered_at >= $1 AND answered_at < $2"
            ),
        }
    }
}

/// The median duration (the lower middle of an even count), by the database: a count, then the
/// middle row of the sorted durations.
pub async fn median(db: &Db, groups: &str, span: Span, wait: Wait) -> Result<Option<i64>, sqlx::Error> {
    let durations = wait.durations(groups, db.backend);
    let count: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM ({durations}) waits"))
        .bind(span.start)
        .bind(span.end)
        .fetch_one(&db.pool)
        .await?;
    if count == 0 {
        return Ok(None);
    }
    sqlx::query_scalar(&format!(
        "SELECT d FROM ({durations}) waits ORDER BY d LIMIT 1 OFFSET $3"
    ))
    .bind(span.start)
    .bind(span.end)
    .bind((count - 1) / 2)
    .fetch_optional(&db.pool)
    .await
}

/// The posts with the most reactions during the period: `(id, group_id, body, reactions, comments)`.
pub async fn top_posts(
    db: &Db,
    groups: &str,
    span: Span,
) -> Result<Vec<(i64, i64, String, i64, i64)>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT p.id, p.group_id, p.body, top.n, p.comment_count FROM ( \
           SELECT post_id, COUNT(*) AS n FROM reactions \
           WHERE group_id IN ({groups}) AND created_at >= $1 AND created_at < $2 \
           GROUP BY post_id ORDER BY COUNT(*) DESC, post_id LIMIT 5) top \
         JOIN posts p ON p.id = top.post_id WHERE p.status = 'published' ORDER BY top.n DESC, p.comment_count DESC, p.id"
    ))
    .bind(span.start)
    .bind(span.end)
    .fetch_all(&db.pool)
    .await
}

/// Contests of the groups open during the period, entries sent and votes cast (not voided) in it.
pub async fn photo_contests(db: &Db, groups: &str, span: Span) -> Result<(i64, i64, i64), sqlx::Error> {
    let photo_contests: i64 = sqlx::query_scalar(&format!(
        "SELECT COUNT(*) FROM photo_contests WHERE group_id IN ({groups}) AND entries_open_at < $2 AND voting_close_at >= $1"
    ))
    .bind(span.start)
    .bind(span.end)
    .fetch_one(&db.pool)
    .await?;
    let entries: i64 = sqlx::query_scalar(&format!(
        "SELECT COUNT(*) FROM photo_contest_entries e JOIN photo_contests c ON c.id = e.contest_id \
         WHERE c.group_id IN ({groups}) AND e.created_at >= $1 AND e.created_at < $2"
    ))
    .bind(span.start)
    .bind(span.end)
    .fetch_one(&db.pool)
    .await?;
    let votes: i64 = sqlx::query_scalar(&format!(
        "SELECT COUNT(*) FROM photo_contest_votes v JOIN photo_contests c ON c.id = v.contest_id \
         WHERE c.group_id IN ({groups}) AND v.created_ms >= $1 AND v.created_ms < $2 AND v.voided_at IS NULL"
    ))
    .bind(span.start * 1000)
    .bind(span.end * 1000)
    .fetch_one(&db.pool)
    .await?;
    Ok((photo_contests, entries, votes))
}

/// Quizzes run for the groups or for units of the subtree that were attempted during the period:
/// `(quizzes, entrants, attempts, submitted)`.
pub async fn quizzes(
    db: &Db,
    groups: &str,
    units: &str,
    span: Span,
) -> Result<(i64, i64, i64, i64), sqlx::Error> {
    let row = sqlx::query(&format!(
        "SELECT COUNT(DISTINCT a.quiz_id), COUNT(DISTINCT a.user_id), COUNT(*), \
         SUM(CASE WHEN a.submitted_ms IS NULL THEN 0 ELSE 1 END) FROM quiz_attempts a \
         WHERE a.started_ms >= $1 AND a.started_ms < $2 AND a.quiz_id IN ( \
           SELECT quiz_id FROM quiz_groups WHERE group_id IN ({groups}) \
           UNION SELECT quiz_id FROM quiz_units WHERE unit_id IN ({units}))"
    ))
    .bind(span.start * 1000)
    .bind(span.end * 1000)
    .fetch_one(&db.pool)
    .await?;
    Ok((
        row.try_get(0)?,
        row.try_get(1)?,
        row.try_get(2)?,
        row.try_get::<Option<i64>, _>(3)?.unwrap_or(0),
    ))
}

/// Survey responses sent during the period from the groups or the units: `(surveys, responses)`.
pub async fn surveys(db: &Db, groups: &str, units: &str, span: Span) -> Result<(i64, i64), sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT COUNT(DISTINCT survey_id), COUNT(*) FROM survey_responses \
         WHERE submitted_at >= $1 AND submitted_at < $2 AND (group_id IN ({groups}) OR unit_id IN ({units}))"
    ))
    .bind(span.start)
    .bind(span.end)
    .fetch_one(&db.pool)
    .await
}

/// Applications to join the Hội made during the period, by status and by the commune they were
/// routed to (`commune_id`): a unit scope counts those of its communes, a group's those sent from it.
pub async fn applications(
    db: &Db,
    filter: &ApplicationFilter,
    span: Span,
) -> Result<Vec<(i64, String, i64)>, sqlx::Error> {
    let condition = match filter {
        ApplicationFilter::Group(id) => format!("source_group_id = {id}"),
        ApplicationFilter::Communes(units) => format!("(commune_id IN ({units}) OR unit_id IN ({units}))"),
    };
    sqlx::query_as(&format!(
        "SELECT commune_id, status, COUNT(*) FROM hoi_applications \
         WHERE created_at >= $1 AND created_at < $2 AND {condition} GROUP BY commune_id, status"
    ))
    .bind(span.start)
    .bind(span.end)
    .fetch_all(&db.pool)
    .await
}

pub enum ApplicationFilter {
    Group(i64),
    /// An id list of the subtree's units.
    Communes(String),
}
