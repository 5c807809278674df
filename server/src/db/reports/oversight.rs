//! The queries behind the advisors' oversight (`routes/reports/oversight.rs`): how many items of
//! each queue have waited past a cutoff, per group, and the board's newest actions. Counts and
//! the board's own names only; never a member's.

use super::{Db, SUBTREE};

/// `(group_id, count)` rows of one queue.
pub type Counts = Vec<(i64, i64)>;

/// The overdue items of the four queues, per group of `groups` (an id list): join requests,
/// posts held for approval, questions to the board not answered, members' flags not decided.
pub struct Overdue {
    pub requests: Counts,
    pub posts: Counts,
    pub questions: Counts,
    pub flags: Counts,
}

/// Pending items of one kind older than `cutoff`, per group.
async fn counts(db: &Db, sql: String, cutoff: i64) -> Result<Counts, sqlx::Error> {
    sqlx::query_as(&sql).bind(cutoff).fetch_all(&db.pool).await
}

/// Every queue's items waiting since before `cutoff`, side by side.
pub async fn overdue(db: &Db, groups: &str, cutoff: i64) -> Result<Overdue, sqlx::Error> {
    let (requests, posts, questions, flags) = tokio::try_join!(
        counts(db, format!("SELECT group_id, COUNT(*) FROM memberships WHERE group_id IN ({groups}) \
             AND status = 'pending' AND requested_at < $1 GROUP BY group_id"), cutoff),
        counts(db, format!("SELECT group_id, COUNT(*) FROM posts WHERE group_id IN ({groups}) \
             AND status = 'pending' AND created_at < $1 GROUP BY group_id"), cutoff),
        counts(db, format!("SELECT group_id, COUNT(*) FROM posts WHERE group_id IN ({groups}) \
             AND status = 'published' AND kind = 'question' AND answered_at IS NULL AND created_at < $1 GROUP BY group_id"), cutoff),
        counts(db, format!("SELECT group_id, COUNT(*) FROM flags WHERE group_id IN ({groups}) \
             AND status = 'open' AND created_at < $1 GROUP BY group_id"), cutoff),
    )?;
    Ok(Overdue {
        requests,
        posts,
        questions,
        flags,
    })
}

/// Whose new applications to the Hội are counted: those sent from a group's page, or those
/// routed to a unit or any unit under it.
pub enum ApplicationsOf {
    Group(i64),
    Unit(i64),
}

/// New applications to the Hội waiting since before `cutoff`.
pub async fn overdue_applications(db: &Db, of: ApplicationsOf, cutoff: i64) -> Result<i64, sqlx::Error> {
    let unit_sql = format!(
        "{SUBTREE} SELECT COUNT(*) FROM hoi_applications WHERE status = 'new' AND created_at < $2 \
         AND (commune_id IN (SELECT id FROM below) OR unit_id IN (SELECT id FROM below))"
    );
    match of {
        ApplicationsOf::Group(group) => sqlx::query_scalar(
            "SELECT COUNT(*) FROM hoi_applications WHERE source_group_id = $1 AND status = 'new' AND created_at < $2",
        )
        .bind(group),
        ApplicationsOf::Unit(unit) => sqlx::query_scalar(&unit_sql).bind(unit),
    }
    .bind(cutoff)
    .fetch_one(&db.pool)
    .await
}

/// The board's newest actions in `groups` (an id list): when, in which group, by whom, what.
pub async fn audit(
    db: &Db,
    groups: &str,
    limit: i64,
) -> Result<Vec<(i64, String, String, String)>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT a.created_at, g.name, u.display_name, a.action FROM audit_log a \
         JOIN community_groups g ON g.id = a.group_id JOIN users u ON u.id = a.actor_id \
         WHERE a.group_id IN ({groups}) ORDER BY a.created_at DESC, a.id DESC LIMIT $1"
    ))
    .bind(limit)
    .fetch_all(&db.pool)
    .await
}
