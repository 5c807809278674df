//! Members' flags on posts and comments, and the board's decisions on them.

use hoi_api::moderation::FlagView;
use sqlx::Row;

use super::{now, posts, to_datetime, Db};

pub async fn add(
    db: &Db,
    group_id: i64,
    post_id: i64,
    comment_id: Option<i64>,
    flagger: i64,
    reason: &str,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO flags (group_id, post_id, comment_id, flagger_id, reason, status, created_at) \
         VALUES ($1, $2, $3, $4, $5, 'open', $6) RETURNING id",
    )
    .bind(group_id)
    .bind(post_id)
    .bind(comment_id)
    .bind(flagger)
    .bind(reason)
    .bind(now())
    .fetch_one(&db.pool)
    .await
}

/// Open flags, oldest first, with the reported text and its author.
pub async fn open(db: &Db, group_id: i64) -> Result<Vec<FlagView>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT r.id, r.post_id, r.comment_id, r.reason, r.created_at, rep.display_name AS flagger_name, \
         COALESCE(c.body, p.body) AS excerpt, COALESCE(c.author_id, p.author_id) AS author_id, \
         a.display_name AS author_name, m.role AS author_role \
         FROM flags r JOIN posts p ON p.id = r.post_id LEFT JOIN comments c ON c.id = r.comment_id \
         JOIN users rep ON rep.id = r.flagger_id \
         JOIN users a ON a.id = COALESCE(c.author_id, p.author_id) \
         LEFT JOIN memberships m ON m.group_id = r.group_id AND m.user_id = a.id \
         WHERE r.group_id = $1 AND r.status = 'open' ORDER BY r.id LIMIT 100",
    )
    .bind(group_id)
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|row| {
            let excerpt: String = row.try_get("excerpt")?;
            Ok(FlagView {
                id: row.try_get("id")?,
                post_id: row.try_get("post_id")?,
                comment_id: row.try_get("comment_id")?,
                excerpt: excerpt.chars().take(300).collect(),
                author: posts::author_from(row, "author_id", "author_name", "author_role")?,
                flagger_name: row.try_get("flagger_name")?,
                reason: row.try_get("reason")?,
                created_at: to_datetime(row.try_get("created_at")?),
            })
        })
        .collect()
}

pub struct ReportRef {
    pub group_id: i64,
    pub post_id: i64,
    pub comment_id: Option<i64>,
}

pub async fn get_open(db: &Db, report_id: i64) -> Result<Option<ReportRef>, sqlx::Error> {
    let row: Option<(i64, i64, Option<i64>)> =
        sqlx::query_as("SELECT group_id, post_id, comment_id FROM flags WHERE id = $1 AND status = 'open'")
            .bind(report_id)
            .fetch_optional(&db.pool)
            .await?;
    Ok(row.map(|(group_id, post_id, comment_id)| ReportRef {
        group_id,
        post_id,
        comment_id,
    }))
}

/// Closes every open report on the same post or comment with the board's decision.
pub async fn close(db: &Db, report: &ReportRef, status: &str, by: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE flags SET status = $1, decided_by = $2, decided_at = $3 WHERE post_id = $4 \
         AND COALESCE(comment_id, 0) = $5 AND status = 'open'",
    )
    .bind(status)
    .bind(by)
    .bind(now())
    .bind(report.post_id)
    .bind(report.comment_id.unwrap_or(0))
    .execute(&db.pool)
    .await?;
    Ok(())
}

pub async fn open_count(db: &Db, group_id: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM flags WHERE group_id = $1 AND status = 'open'")
        .bind(group_id)
        .fetch_one(&db.pool)
        .await
}
