//! Reactions and comments under a post.

use hoi_api::feed::{CommentView, Reaction, Reactor};
use sqlx::Row;

use super::{now, posts, to_datetime, Db};

/// Sets (or changes) her reaction, then refreshes the post's counts.
pub async fn react(db: &Db, post_id: i64, user_id: i64, kind: Option<Reaction>) -> Result<(), sqlx::Error> {
    match kind {
        Some(kind) => {
            sqlx::query(
                "INSERT INTO reactions (post_id, user_id, kind, created_at, group_id) \
                 SELECT $1, $2, $3, $4, group_id FROM posts WHERE id = $1 \
                 ON CONFLICT (post_id, user_id) DO UPDATE SET kind = $3",
            )
            .bind(post_id)
            .bind(user_id)
            .bind(kind.as_str())
            .bind(now())
            .execute(&db.pool)
            .await?;
        }
        None => {
            sqlx::query("DELETE FROM reactions WHERE post_id = $1 AND user_id = $2")
                .bind(post_id)
                .bind(user_id)
                .execute(&db.pool)
                .await?;
        }
    }
    posts::refresh_reactions(db, post_id).await
}

pub async fn reactors(db: &Db, post_id: i64) -> Result<Vec<Reactor>, sqlx::Error> {
    let rows: Vec<(i64, String, String)> = sqlx::query_as(
        "SELECT u.id, u.display_name, r.kind FROM reactions r JOIN users u ON u.id = r.user_id \
         WHERE r.post_id = $1 ORDER BY r.created_at DESC LIMIT 200",
    )
    .bind(post_id)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(user_id, display_name, kind)| {
            Some(Reactor {
                user_id,
                display_name,
                kind: Reaction::parse(&kind)?,
            })
        })
        .collect())
}

/// Published comments, oldest first, with the board badge of their authors.
pub async fn comments(db: &Db, post_id: i64) -> Result<Vec<CommentView>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT c.id, c.parent_id, c.author_id, u.display_name, m.role, c.body, c.created_at \
         FROM comments c JOIN posts p ON p.id = c.post_id JOIN users u ON u.id = c.author_id \
         LEFT JOIN memberships m ON m.group_id = p.group_id AND m.user_id = c.author_id \
         WHERE c.post_id = $1 AND c.status = 'published' ORDER BY c.id LIMIT 500",
    )
    .bind(post_id)
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|row| {
            Ok(CommentView {
                id: row.try_get("id")?,
                parent_id: row.try_get("parent_id")?,
                author: posts::author_from(row, "author_id", "display_name", "role")?,
                body: row.try_get("body")?,
                created_at: to_datetime(row.try_get("created_at")?),
            })
        })
        .collect()
}

/// A comment's post, parent and author, for permission checks.
pub struct CommentRef {
    pub post_id: i64,
    pub parent_id: Option<i64>,
    pub author_id: i64,
    pub body: String,
    pub published: bool,
}

pub async fn get(db: &Db, comment_id: i64) -> Result<Option<CommentRef>, sqlx::Error> {
    let row = sqlx::query("SELECT post_id, parent_id, author_id, body, status FROM comments WHERE id = $1")
        .bind(comment_id)
        .fetch_optional(&db.pool)
        .await?;
    row.map(|row| {
        Ok(CommentRef {
            post_id: row.try_get("post_id")?,
            parent_id: row.try_get("parent_id")?,
            author_id: row.try_get("author_id")?,
            body: row.try_get("body")?,
            published: row.try_get::<String, _>("status")? == "published",
        })
    })
    .transpose()
}

/// Whether she already sent a comment with this key.
pub async fn sent_with_key(db: &Db, author_id: i64, key: &str) -> Result<bool, sqlx::Error> {
    let found: Option<i64> =
        sqlx::query_scalar("SELECT id FROM comments WHERE author_id = $1 AND idempotency_key = $2")
            .bind(author_id)
            .bind(key)
            .fetch_optional(&db.pool)
            .await?;
    Ok(found.is_some())
}

pub async fn add(
    db: &Db,
    post_id: i64,
    parent_id: Option<i64>,
    author_id: i64,
    body: &str,
    idempotency_key: Option<&str>,
) -> Result<i64, sqlx::Error> {
    let id = sqlx::query_scalar(
        "INSERT INTO comments (post_id, parent_id, author_id, body, status, created_at, idempotency_key, group_id) \
         SELECT $1, $2, $3, $4, 'published', $5, $6, group_id FROM posts WHERE id = $1 RETURNING id",
    )
    .bind(post_id)
    .bind(parent_id)
    .bind(author_id)
    .bind(body)
    .bind(now())
    .bind(idempotency_key)
    .fetch_one(&db.pool)
    .await?;
    posts::refresh_comment_count(db, post_id).await?;
    Ok(id)
}

/// Takes a comment down (and its replies with it); `false` when it was already gone.
pub async fn remove(db: &Db, comment_id: i64, post_id: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE comments SET status = 'removed' WHERE (id = $1 OR parent_id = $1) AND status = 'published'",
    )
    .bind(comment_id)
    .execute(&db.pool)
    .await?;
    posts::refresh_comment_count(db, post_id).await?;
    Ok(done.rows_affected() > 0)
}

/// Her reactions among these posts (for laying over a cached feed page).
pub async fn my_reactions(
    db: &Db,
    user_id: i64,
    post_ids: &[i64],
) -> Result<Vec<(i64, Reaction)>, sqlx::Error> {
    if post_ids.is_empty() {
        return Ok(Vec::new());
    }
    // Ids are integers from our own page, so they are written into the statement directly.
    let ids = post_ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
    let rows: Vec<(i64, String)> = sqlx::query_as(&format!(
        "SELECT post_id, kind FROM reactions WHERE user_id = $1 AND post_id IN ({ids})"
    ))
    .bind(user_id)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(post, kind)| Some((post, Reaction::parse(&kind)?)))
        .collect())
}
