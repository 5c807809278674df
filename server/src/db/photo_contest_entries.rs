//! Contest entries, their photos, the admins' decisions and the judges' scores.

use std::collections::HashMap;

use hoi_api::{
    feed::PhotoView,
    photo_contest::{EntryForm, EntryStatus},
};
use sqlx::{any::AnyRow, Row};

use super::{now, Db};

#[derive(Debug, Clone)]
pub struct Entry {
    pub id: i64,
    pub contest_id: i64,
    pub author_id: i64,
    pub author_name: String,
    pub title: String,
    pub story: String,
    pub status: EntryStatus,
    pub reason: Option<String>,
    /// Valid votes, kept with the vote rows in one transaction (see the migration).
    pub votes: u32,
    pub rank: Option<u32>,
    pub photos: Vec<PhotoView>,
}

const ENTRY_SELECT: &str = "SELECT e.id, e.contest_id, e.author_id, u.display_name AS author_name, e.title, \
     e.story, e.status, e.reason, e.votes, e.rank FROM photo_contest_entries e JOIN users u ON u.id = e.author_id";

fn entry_from(row: &AnyRow) -> Result<Entry, sqlx::Error> {
    Ok(Entry {
        id: row.try_get("id")?,
        contest_id: row.try_get("contest_id")?,
        author_id: row.try_get("author_id")?,
        author_name: row.try_get("author_name")?,
        title: row.try_get("title")?,
        story: row.try_get("story")?,
        status: EntryStatus::parse(&row.try_get::<String, _>("status")?).unwrap_or(EntryStatus::Pending),
        reason: row.try_get("reason")?,
        votes: u32::try_from(row.try_get::<i64, _>("votes")?).unwrap_or(0),
        rank: row
            .try_get::<Option<i64>, _>("rank")?
            .and_then(|r| u32::try_from(r).ok()),
        photos: Vec::new(),
    })
}

fn photo_from(row: &AnyRow) -> Result<(i64, PhotoView), sqlx::Error> {
    let size = |column: &str| -> Result<u32, sqlx::Error> {
        Ok(u32::try_from(row.try_get::<i64, _>(column)?).unwrap_or(0))
    };
    Ok((
        row.try_get("entry_id")?,
        PhotoView {
            id: row.try_get("id")?,
            width: size("width")?,
            height: size("height")?,
        },
    ))
}

pub async fn get(db: &Db, id: i64) -> Result<Option<Entry>, sqlx::Error> {
    let Some(row) = sqlx::query(&format!("{ENTRY_SELECT} WHERE e.id = $1"))
        .bind(id)
        .fetch_optional(&db.pool)
        .await?
    else {
        return Ok(None);
    };
    let mut entry = entry_from(&row)?;
    entry.photos =
        sqlx::query("SELECT id, entry_id, width, height FROM photos WHERE entry_id = $1 ORDER BY position")
            .bind(id)
            .fetch_all(&db.pool)
            .await?
            .iter()
            .map(|row| photo_from(row).map(|(_, photo)| photo))
            .collect::<Result<_, _>>()?;
    Ok(Some(entry))
}

/// A contest's entries with their photos, newest first: all of them, or those in `status`, or hers.
pub async fn list(
    db: &Db,
    contest_id: i64,
    status: Option<EntryStatus>,
    author: Option<i64>,
) -> Result<Vec<Entry>, sqlx::Error> {
    let rows = sqlx::query(&format!(
        "{ENTRY_SELECT} WHERE e.contest_id = $1 AND ($2 = '' OR e.status = $2) AND ($3 = 0 OR e.author_id = $3) \
         ORDER BY e.id DESC"
    ))
    .bind(contest_id)
    .bind(status.map_or("", EntryStatus::as_str))
    .bind(author.unwrap_or(0))
    .fetch_all(&db.pool)
    .await?;
    let mut entries: Vec<Entry> = rows.iter().map(entry_from).collect::<Result<_, _>>()?;
    let mut photos: HashMap<i64, Vec<PhotoView>> = HashMap::new();
    for row in sqlx::query(
        "SELECT p.id, p.entry_id, p.width, p.height FROM photos p JOIN photo_contest_entries e ON e.id = p.entry_id \
         WHERE e.contest_id = $1 ORDER BY p.entry_id, p.position",
    )
    .bind(contest_id)
    .fetch_all(&db.pool)
    .await?
    {
        let (entry, photo) = photo_from(&row)?;
        photos.entry(entry).or_default().push(photo);
    }
    for entry in &mut entries {
        entry.photos = photos.remove(&entry.id).unwrap_or_default();
    }
    Ok(entries)
}

/// Her entries that still stand (pending or approved): a rejected one does not use up her quota.
pub async fn standing_count(db: &Db, contest_id: i64, author: i64) -> Result<u32, sqlx::Error> {
    let count: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM photo_contest_entries WHERE contest_id = $1 AND author_id = $2 AND status <> 'rejected'",
    )
    .bind(contest_id)
    .bind(author)
    .fetch_one(&db.pool)
    .await?;
    Ok(u32::try_from(count).unwrap_or(u32::MAX))
}

/// Stores an entry, pending, with her unused uploads for the contest's group as its photos.
/// `None` (and nothing stored) when a photo is not hers, not for this contest, or already used.
pub async fn insert(
    db: &Db,
    contest_id: i64,
    group_id: i64,
    author: i64,
    form: &EntryForm,
) -> Result<Option<i64>, sqlx::Error> {
    let mut tx = db.pool.begin().await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO photo_contest_entries (contest_id, author_id, title, story, status, created_at) \
         VALUES ($1, $2, $3, $4, 'pending', $5) RETURNING id",
    )
    .bind(contest_id)
    .bind(author)
    .bind(hoi_api::text::tidy(&form.title))
    .bind(form.story.trim())
    .bind(now())
    .fetch_one(&mut *tx)
    .await?;
    for (position, photo) in form.photo_ids.iter().enumerate() {
        let attached = sqlx::query(
            "UPDATE photos SET entry_id = $1, position = $2 WHERE id = $3 AND uploader_id = $4 \
             AND group_id = $5 AND post_id IS NULL AND entry_id IS NULL",
        )
        .bind(id)
        .bind(position as i64)
        .bind(photo)
        .bind(author)
        .bind(group_id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if attached != 1 {
            tx.rollback().await?;
            return Ok(None);
        }
    }
    tx.commit().await?;
    Ok(Some(id))
}

/// Approves or rejects a pending entry. `false` when it was no longer pending.
pub async fn decide(
    db: &Db,
    id: i64,
    status: EntryStatus,
    reason: Option<&str>,
    by: i64,
) -> Result<bool, sqlx::Error> {
    Ok(sqlx::query(
        "UPDATE photo_contest_entries SET status = $1, reason = $2, decided_at = $3, decided_by = $4 \
         WHERE id = $5 AND status = 'pending'",
    )
    .bind(status.as_str())
    .bind(reason)
    .bind(now())
    .bind(by)
    .bind(id)
    .execute(&db.pool)
    .await?
    .rows_affected()
        == 1)
}

/// Saves a judge's scores for an entry (again when she changes her mind).
pub async fn save_score(db: &Db, entry_id: i64, judge: i64, scores: &[u32]) -> Result<(), sqlx::Error> {
    let text = scores.iter().map(u32::to_string).collect::<Vec<_>>().join(",");
    let total: i64 = scores.iter().map(|s| i64::from(*s)).sum();
    sqlx::query(
        "INSERT INTO photo_contest_scores (entry_id, judge_id, scores, total, scored_at) VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (entry_id, judge_id) DO UPDATE SET scores = $3, total = $4, scored_at = $5",
    )
    .bind(entry_id)
    .bind(judge)
    .bind(text)
    .bind(total)
    .bind(now())
    .execute(&db.pool)
    .await?;
    Ok(())
}

/// One judge's scores in a contest, by entry.
pub async fn scores_of(db: &Db, contest_id: i64, judge: i64) -> Result<HashMap<i64, Vec<u32>>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT s.entry_id, s.scores FROM photo_contest_scores s JOIN photo_contest_entries e ON e.id = s.entry_id \
         WHERE e.contest_id = $1 AND s.judge_id = $2",
    )
    .bind(contest_id)
    .bind(judge)
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|row| {
            let text: String = row.try_get("scores")?;
            Ok((
                row.try_get("entry_id")?,
                text.split(',').filter_map(|s| s.parse().ok()).collect(),
            ))
        })
        .collect()
}

/// Every judge's total per entry of a contest, from judges still on its jury.
pub async fn judge_totals(db: &Db, contest_id: i64) -> Result<HashMap<i64, Vec<u32>>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT s.entry_id, s.total FROM photo_contest_scores s JOIN photo_contest_entries e ON e.id = s.entry_id \
         JOIN photo_contest_judges j ON j.contest_id = e.contest_id AND j.user_id = s.judge_id \
         WHERE e.contest_id = $1",
    )
    .bind(contest_id)
    .fetch_all(&db.pool)
    .await?;
    let mut totals: HashMap<i64, Vec<u32>> = HashMap::new();
    for row in rows {
        let total = u32::try_from(row.try_get::<i64, _>("total")?).unwrap_or(0);
        totals.entry(row.try_get("entry_id")?).or_default().push(total);
    }
    Ok(totals)
}

pub async fn set_rank(db: &Db, entry_id: i64, rank: u32) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE photo_contest_entries SET rank = $1 WHERE id = $2")
        .bind(i64::from(rank))
        .bind(entry_id)
        .execute(&db.pool)
        .await?;
    Ok(())
}

/// Approved entries per contest, for the list.
pub async fn counts(db: &Db) -> Result<HashMap<i64, u32>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT contest_id, COUNT(*) AS n FROM photo_contest_entries WHERE status = 'approved' GROUP BY contest_id",
    )
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|row| {
            Ok((
                row.try_get("contest_id")?,
                u32::try_from(row.try_get::<i64, _>("n")?).unwrap_or(0),
            ))
        })
        .collect()
}
