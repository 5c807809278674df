//! What the app tells her about her own posts: approved, rejected, answered, commented by the board.

use hoi_api::moderation::{NotificationKind, NotificationView};

use super::{now, to_datetime, Db};

pub async fn notify(db: &Db, user_id: i64, kind: NotificationKind, post_id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO notifications (user_id, kind, post_id, created_at) VALUES ($1, $2, $3, $4)")
        .bind(user_id)
        .bind(kind.as_str())
        .bind(post_id)
        .bind(now())
        .execute(&db.pool)
        .await?;
    Ok(())
}

/// Her latest notifications, newest first.
pub async fn list(db: &Db, user_id: i64) -> Result<Vec<NotificationView>, sqlx::Error> {
    let rows: Vec<(i64, String, i64, i64, Option<i64>)> = sqlx::query_as(
        "SELECT id, kind, post_id, created_at, read_at FROM notifications WHERE user_id = $1 \
         ORDER BY id DESC LIMIT 50",
    )
    .bind(user_id)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, kind, post_id, created_at, read_at)| {
            Some(NotificationView {
                id,
                kind: NotificationKind::parse(&kind)?,
                post_id,
                created_at: to_datetime(created_at),
                read: read_at.is_some(),
            })
        })
        .collect())
}

pub async fn mark_read(db: &Db, user_id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE notifications SET read_at = $1 WHERE user_id = $2 AND read_at IS NULL")
        .bind(now())
        .bind(user_id)
        .execute(&db.pool)
        .await?;
    Ok(())
}
