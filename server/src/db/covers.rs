//! Cover photos' records (groups, quizzes): who uploaded them and where their bytes are. A cover
//! belongs to what names it; one nothing names is swept with the unused photos.

use sqlx::Row;

use super::{now, Db};

pub async fn insert(
    db: &Db,
    uploader: i64,
    width: u32,
    height: u32,
    media_key: &str,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO covers (uploader_id, width, height, media_key, created_at) VALUES ($1, $2, $3, $4, $5) \
         RETURNING id",
    )
    .bind(uploader)
    .bind(i64::from(width))
    .bind(i64::from(height))
    .bind(media_key)
    .bind(now())
    .fetch_one(&db.pool)
    .await
}

pub async fn media_key(db: &Db, id: i64) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT media_key FROM covers WHERE id = $1")
        .bind(id)
        .fetch_optional(&db.pool)
        .await
}

/// Whether she may name this cover: her own upload, or the one `current` already names (an
/// admin keeping the cover another admin chose).
pub async fn usable(db: &Db, id: i64, uploader: i64, current: Option<i64>) -> Result<bool, sqlx::Error> {
    if current == Some(id) {
        return Ok(true);
    }
    let found: Option<i64> = sqlx::query_scalar("SELECT id FROM covers WHERE id = $1 AND uploader_id = $2")
        .bind(id)
        .bind(uploader)
        .fetch_optional(&db.pool)
        .await?;
    Ok(found.is_some())
}

/// A cover that no group and no quiz names.
const UNUSED: &str = "NOT EXISTS (SELECT 1 FROM community_groups g WHERE g.cover_id = covers.id) \
     AND NOT EXISTS (SELECT 1 FROM quizzes q WHERE q.cover_id = covers.id)";

/// Covers uploaded before `before` (seconds) that nothing names: `(id, media key)`.
pub async fn unused_before(db: &Db, before: i64) -> Result<Vec<(i64, String)>, sqlx::Error> {
    let rows = sqlx::query(&format!(
        "SELECT id, media_key FROM covers WHERE created_at < $1 AND {UNUSED} ORDER BY id"
    ))
    .bind(before)
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|row| Ok((row.try_get("id")?, row.try_get("media_key")?)))
        .collect()
}

/// Deletes the cover's record if nothing names it still; `true` when it went.
pub async fn delete_if_unused(db: &Db, id: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(&format!("DELETE FROM covers WHERE id = $1 AND {UNUSED}"))
        .bind(id)
        .execute(&db.pool)
        .await?;
    Ok(done.rows_affected() == 1)
}
