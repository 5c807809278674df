//! Photos' records: who uploaded them, for which group and post, their size, and the key of
//! their bytes in the media store (`crate::media`).

use hoi_api::feed::PhotoView;
use sqlx::Row;

use super::{now, Db};

pub async fn insert(
    db: &Db,
    group_id: i64,
    uploader: i64,
    width: u32,
    height: u32,
    media_key: &str,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO photos (group_id, uploader_id, width, height, media_key, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(group_id)
    .bind(uploader)
    .bind(i64::from(width))
    .bind(i64::from(height))
    .bind(media_key)
    .bind(now())
    .fetch_one(&db.pool)
    .await
}

/// A photo that nothing uses: no post, no contest entry, no contest's cover.
const UNATTACHED: &str = "post_id IS NULL AND entry_id IS NULL \
     AND NOT EXISTS (SELECT 1 FROM photo_contests c WHERE c.cover_photo_id = photos.id)";

/// Photos uploaded before `before` (seconds) that nothing uses: `(id, media key)`.
pub async fn unattached_before(db: &Db, before: i64) -> Result<Vec<(i64, String)>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT id, media_key FROM photos WHERE created_at < $1 AND {UNATTACHED} ORDER BY id"
    ))
    .bind(before)
    .fetch_all(&db.pool)
    .await
}

/// Deletes the photo's record if nothing uses it still (a post may have named it meanwhile);
/// `true` when it went.
pub async fn delete_if_unattached(db: &Db, id: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(&format!("DELETE FROM photos WHERE id = $1 AND {UNATTACHED}"))
        .bind(id)
        .execute(&db.pool)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// The media keys of every photo uploaded in the group (its files, when the group goes).
pub async fn keys_of_group(db: &Db, group_id: i64) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT media_key FROM photos WHERE group_id = $1")
        .bind(group_id)
        .fetch_all(&db.pool)
        .await
}

/// Where a photo's bytes are and who may see them.
pub struct StoredPhoto {
    pub media_key: String,
    pub group_id: i64,
    pub uploader_id: i64,
    pub post_id: Option<i64>,
    pub entry_id: Option<i64>,
}

pub async fn get(db: &Db, id: i64) -> Result<Option<StoredPhoto>, sqlx::Error> {
    let row =
        sqlx::query("SELECT media_key, group_id, uploader_id, post_id, entry_id FROM photos WHERE id = $1")
            .bind(id)
            .fetch_optional(&db.pool)
            .await?;
    row.map(|row| {
        Ok(StoredPhoto {
            media_key: row.try_get("media_key")?,
            group_id: row.try_get("group_id")?,
            uploader_id: row.try_get("uploader_id")?,
            post_id: row.try_get("post_id")?,
            entry_id: row.try_get("entry_id")?,
        })
    })
    .transpose()
}

/// A photo contest's cover, or a photo of an approved entry: public, like the contest.
pub async fn is_public_contest_photo(db: &Db, id: i64) -> Result<bool, sqlx::Error> {
    let found: Option<i64> = sqlx::query_scalar(
        "SELECT 1 FROM photo_contests WHERE cover_photo_id = $1 \
         UNION ALL SELECT 1 FROM photos p JOIN photo_contest_entries e ON e.id = p.entry_id \
         WHERE p.id = $1 AND e.status = 'approved' LIMIT 1",
    )
    .bind(id)
    .fetch_optional(&db.pool)
    .await?;
    Ok(found.is_some())
}

/// Gives her unused uploads in this group to a post, in order. `None` when any id is not hers,
/// is from another group or is already used.
pub async fn attach(
    db: &Db,
    post_id: i64,
    group_id: i64,
    uploader: i64,
    ids: &[i64],
) -> Result<Option<Vec<PhotoView>>, sqlx::Error> {
    let mut photos = Vec::with_capacity(ids.len());
    for (position, id) in ids.iter().enumerate() {
        let row = sqlx::query(
            "UPDATE photos SET post_id = $1, position = $2 WHERE id = $3 AND group_id = $4 \
             AND uploader_id = $5 AND (post_id IS NULL OR post_id = $1) RETURNING width, height",
        )
        .bind(post_id)
        .bind(position as i64)
        .bind(id)
        .bind(group_id)
        .bind(uploader)
        .fetch_optional(&db.pool)
        .await?;
        let Some(row) = row else { return Ok(None) };
        photos.push(PhotoView {
            id: *id,
            width: u32::try_from(row.try_get::<i64, _>("width")?).unwrap_or(0),
            height: u32::try_from(row.try_get::<i64, _>("height")?).unwrap_or(0),
        });
    }
    Ok(Some(photos))
}

/// Whether every id is her own unused upload in this group (and none repeats).
pub async fn usable(db: &Db, group_id: i64, uploader: i64, ids: &[i64]) -> Result<bool, sqlx::Error> {
    let mut seen = std::collections::HashSet::new();
    if !ids.iter().all(|id| seen.insert(*id)) {
        return Ok(false);
    }
    for id in ids {
        let found: Option<i64> = sqlx::query_scalar(
            "SELECT id FROM photos WHERE id = $1 AND group_id = $2 AND uploader_id = $3 AND post_id IS NULL",
        )
        .bind(id)
        .bind(group_id)
        .bind(uploader)
        .fetch_optional(&db.pool)
        .await?;
        if found.is_none() {
            return Ok(false);
        }
    }
    Ok(true)
}
