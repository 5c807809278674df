//! Posts: writing, the feed pages, search, and the board's decisions on them.

use hoi_api::{
    feed::{
        AnswerView, Author, Category, HoldReason, PhotoView, PostKind, PostStatus, PostView, Reaction,
        ReactionCount,
    },
    groups::Role,
    poll::NewPoll,
    text::fold_vietnamese,
};
use sqlx::{any::AnyRow, Row};

use super::{flag, now, to_datetime, Backend, Db};

/// Pinned posts stay on top "forever": 9999-12-31.
const FOREVER: i64 = 253_402_300_799;

/// Everything a `PostView` needs, in one statement. `$1` is the reader (0 when signed out), for
/// her own reaction.
const SELECT_POSTS: &str = "SELECT p.id, p.group_id, g.name AS group_name, p.author_id, \
     a.display_name AS author_name, am.role AS author_role, p.kind, p.category, p.body, p.photos, \
     p.status, p.held_for, p.reason, p.pinned, p.announcement_until, p.created_at, p.edited_at, \
     p.published_at, p.answer_body, p.answered_at, p.answered_by, b.display_name AS answerer_name, \
     bm.role AS answerer_role, p.reactions, p.comment_count, mr.kind AS my_reaction \
     FROM posts p JOIN community_groups g ON g.id = p.group_id JOIN users a ON a.id = p.author_id \
     LEFT JOIN memberships am ON am.group_id = p.group_id AND am.user_id = p.author_id \
     LEFT JOIN users b ON b.id = p.answered_by \
     LEFT JOIN memberships bm ON bm.group_id = p.group_id AND bm.user_id = p.answered_by \
     LEFT JOIN reactions mr ON mr.post_id = p.id AND mr.user_id = $1";

/// Whether a membership role read from a row (none for a former member) earns the
/// "Ban quản trị" badge.
fn is_board(role: Option<&str>) -> bool {
    role.and_then(Role::parse).is_some_and(Role::is_board)
}

/// An author from a row's id, name and (optional) membership role columns: posts, comments and
/// reports all show one.
pub(super) fn author_from(row: &AnyRow, id: &str, name: &str, role: &str) -> Result<Author, sqlx::Error> {
    Ok(Author {
        user_id: row.try_get(id)?,
        display_name: row.try_get(name)?,
        board: is_board(row.try_get::<Option<String>, _>(role)?.as_deref()),
    })
}

fn post_from(row: &AnyRow) -> Result<PostView, sqlx::Error> {
    let text = |column: &str| row.try_get::<String, _>(column);
    let time = |column: &str| row.try_get::<Option<i64>, _>(column).map(|t| t.map(to_datetime));
    let answer = match row.try_get::<Option<String>, _>("answer_body")? {
        Some(body) => Some(AnswerView {
            body,
            author: Author {
                user_id: row.try_get::<Option<i64>, _>("answered_by")?.unwrap_or_default(),
                display_name: row
                    .try_get::<Option<String>, _>("answerer_name")?
                    .unwrap_or_default(),
                board: is_board(row.try_get::<Option<String>, _>("answerer_role")?.as_deref()),
            },
            answered_at: to_datetime(row.try_get::<Option<i64>, _>("answered_at")?.unwrap_or_default()),
        }),
        None => None,
    };
    let status = PostStatus::parse(&text("status")?).unwrap_or(PostStatus::Pending);
    let publish_at = if status == PostStatus::Scheduled {
        Some(to_datetime(row.try_get("published_at")?))
    } else {
        None
    };
    Ok(PostView {
        id: row.try_get("id")?,
        group_id: row.try_get("group_id")?,
        group_name: text("group_name")?,
        author: author_from(row, "author_id", "author_name", "author_role")?,
        kind: PostKind::parse(&text("kind")?).unwrap_or(PostKind::Post),
        category: Category::parse(&text("category")?).unwrap_or(Category::HoiNews),
        body: text("body")?,
        photos: serde_json::from_str(&text("photos")?).unwrap_or_default(),
        status,
        held_for: text("held_for")?
            .split(',')
            .filter_map(HoldReason::parse)
            .collect(),
        reason: row.try_get("reason")?,
        pinned: flag(row, "pinned")?,
        announcement_until: time("announcement_until")?.filter(|until| until.timestamp() > now()),
        created_at: to_datetime(row.try_get("created_at")?),
        publish_at,
        edited_at: time("edited_at")?,
        answer,
        reactions: serde_json::from_str(&text("reactions")?).unwrap_or_default(),
        my_reaction: row
            .try_get::<Option<String>, _>("my_reaction")?
            .as_deref()
            .and_then(Reaction::parse),
        comment_count: row.try_get("comment_count")?,
    })
}

/// The feed's keyset: newest published first, ties broken by id.
pub struct Cursor {
    pub published_at: i64,
    pub id: i64,
}

impl Cursor {
    pub fn parse(text: &str) -> Option<Cursor> {
        let (at, id) = text.split_once('.')?;
        Some(Cursor {
            published_at: at.parse().ok()?,
            id: id.parse().ok()?,
        })
    }

    pub fn after(post: &PostView, published_at: i64) -> String {
        format!("{published_at}.{}", post.id)
    }
}

/// Which posts a feed page shows.
pub enum Scope {
    Group(i64),
    /// Every group where the reader is an active member.
    MyGroups,
}

/// One feed page of published posts, newest first, with each post's publish time for the cursor.
pub async fn feed(
    db: &Db,
    reader: i64,
    scope: Scope,
    category: Option<Category>,
    search: Option<&str>,
    cursor: Option<Cursor>,
    limit: i64,
) -> Result<Vec<(PostView, i64)>, sqlx::Error> {
    let mut sql = format!("{SELECT_POSTS} WHERE p.status = 'published'");
    match scope {
        Scope::Group(_) => sql.push_str(" AND p.group_id = $2"),
        Scope::MyGroups => sql.push_str(
            " AND p.group_id IN (SELECT group_id FROM memberships WHERE user_id = $1 AND status = 'active') \
             AND $2 = $2",
        ),
    }
    sql.push_str(" AND ($3 = '' OR p.category = $3) AND (p.published_at, p.id) < ($4, $5)");
    let words = search.map(search_terms).unwrap_or_default();
    if matches!(scope, Scope::Group(_)) && category.is_none() && words.is_empty() {
        // The plain group feed shows pinned posts and announcements above it, not again inside.
        sql.push_str(&format!(" AND p.top_until <= {}", now()));
    }
    if !words.is_empty() {
        sql.push_str(match db.backend {
            Backend::Sqlite => " AND p.id IN (SELECT rowid FROM posts_fts WHERE posts_fts MATCH $7)",
            Backend::Postgres => " AND to_tsvector('simple', p.body_folded) @@ to_tsquery('simple', $7)",
        });
    }
    sql.push_str(" ORDER BY p.published_at DESC, p.id DESC LIMIT $6");
    let group = match scope {
        Scope::Group(id) => id,
        Scope::MyGroups => 0,
    };
    let cursor = cursor.unwrap_or(Cursor {
        published_at: i64::MAX,
        id: i64::MAX,
    });
    let mut query = sqlx::query(&sql)
        .bind(reader)
        .bind(group)
        .bind(category.map_or("", Category::as_str))
        .bind(cursor.published_at)
        .bind(cursor.id)
        .bind(limit);
    if !words.is_empty() {
        let expression = match db.backend {
            Backend::Sqlite => words
                .iter()
                .map(|w| format!("\"{w}\"*"))
                .collect::<Vec<_>>()
                .join(" AND "),
            Backend::Postgres => words
                .iter()
                .map(|w| format!("{w}:*"))
                .collect::<Vec<_>>()
                .join(" & "),
        };
        query = query.bind(expression);
    }
    let rows = query.fetch_all(&db.pool).await?;
    rows.iter()
        .map(|row| Ok((post_from(row)?, row.try_get("published_at")?)))
        .collect()
}

/// Search words, folded and stripped to letters and digits, so no input can break the query syntax.
fn search_terms(query: &str) -> Vec<String> {
    fold_vietnamese(query)
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(8)
        .map(str::to_owned)
        .collect()
}

/// Pinned posts and live announcements of a group, pinned first.
pub async fn top(db: &Db, reader: i64, group_id: i64) -> Result<Vec<PostView>, sqlx::Error> {
    let condition = format!(
        "p.top_until > {} AND p.status = 'published' ORDER BY p.top_until DESC, p.id DESC LIMIT 5",
        now()
    );
    in_group(db, reader, group_id, &condition).await
}

/// Posts of one group that meet `condition_and_order` (SQL written here, never from input),
/// read as `reader` (`$1`) sees them.
async fn in_group(
    db: &Db,
    reader: i64,
    group_id: i64,
    condition_and_order: &str,
) -> Result<Vec<PostView>, sqlx::Error> {
    let sql = format!("{SELECT_POSTS} WHERE p.group_id = $2 AND {condition_and_order}");
    let rows = sqlx::query(&sql)
        .bind(reader)
        .bind(group_id)
        .fetch_all(&db.pool)
        .await?;
    rows.iter().map(post_from).collect()
}

/// A post's status alone: what serving one of its photos needs to know, without the joins.
pub async fn status(db: &Db, post_id: i64) -> Result<Option<PostStatus>, sqlx::Error> {
    let status: Option<String> = sqlx::query_scalar("SELECT status FROM posts WHERE id = $1")
        .bind(post_id)
        .fetch_optional(&db.pool)
        .await?;
    Ok(status.as_deref().and_then(PostStatus::parse))
}

pub async fn get(db: &Db, reader: i64, post_id: i64) -> Result<Option<PostView>, sqlx::Error> {
    let sql = format!("{SELECT_POSTS} WHERE p.id = $2");
    let row = sqlx::query(&sql)
        .bind(reader)
        .bind(post_id)
        .fetch_optional(&db.pool)
        .await?;
    row.as_ref().map(post_from).transpose()
}

/// What the board's queue lists: held posts (oldest first) or unanswered questions.
pub enum Waiting {
    Posts,
    Questions,
}

pub async fn waiting(
    db: &Db,
    reader: i64,
    group_id: i64,
    which: Waiting,
) -> Result<Vec<PostView>, sqlx::Error> {
    let condition = match which {
        Waiting::Posts => "p.status = 'pending' ORDER BY p.id LIMIT 100",
        Waiting::Questions => {
            "p.status = 'published' AND p.kind = 'question' AND p.answered_at IS NULL ORDER BY p.id LIMIT 100"
        }
    };
    in_group(db, reader, group_id, condition).await
}

/// Her own posts that are not (or no longer) in the feed: waiting, rejected.
pub async fn mine_not_published(db: &Db, author: i64, group_id: i64) -> Result<Vec<PostView>, sqlx::Error> {
    let condition =
        "p.author_id = $1 AND p.status IN ('pending', 'rejected', 'scheduled') ORDER BY p.id DESC LIMIT 20";
    in_group(db, author, group_id, condition).await
}

/// Publishes the scheduled posts whose time has come; answers their groups, for the "new posts"
/// pill. Safe to run twice: a post is published once.
pub async fn publish_due(db: &Db, now: i64) -> Result<Vec<i64>, sqlx::Error> {
    let mut groups: Vec<i64> = sqlx::query_scalar(
        "UPDATE posts SET status = 'published' WHERE status = 'scheduled' AND published_at <= $1 RETURNING group_id",
    )
    .bind(now)
    .fetch_all(&db.pool)
    .await?;
    groups.sort_unstable();
    groups.dedup();
    for group in &groups {
        db.feed_cache.touch(*group);
    }
    Ok(groups)
}

/// A scheduled post's new time (seconds); nothing when it is no longer scheduled.
pub async fn reschedule(db: &Db, post_id: i64, at: i64) -> Result<bool, sqlx::Error> {
    let query = sqlx::query_scalar(
        "UPDATE posts SET published_at = $1 WHERE id = $2 AND status = 'scheduled' RETURNING group_id",
    )
    .bind(at)
    .bind(post_id);
    changed(db, query).await
}

/// Runs an `UPDATE posts … RETURNING group_id` and tells the feed cache which group changed.
async fn touched<'q>(
    db: &Db,
    query: sqlx::query::QueryScalar<'q, sqlx::Any, i64, sqlx::any::AnyArguments<'q>>,
) -> Result<(), sqlx::Error> {
    changed(db, query).await.map(drop)
}

/// [`touched`], answering whether a post changed (its `WHERE` may guard a state).
async fn changed<'q>(
    db: &Db,
    query: sqlx::query::QueryScalar<'q, sqlx::Any, i64, sqlx::any::AnyArguments<'q>>,
) -> Result<bool, sqlx::Error> {
    let group = query.fetch_optional(&db.pool).await?;
    if let Some(group) = group {
        db.feed_cache.touch(group);
    }
    Ok(group.is_some())
}

fn held_text(held_for: &[HoldReason]) -> String {
    held_for.iter().map(|r| r.as_str()).collect::<Vec<_>>().join(",")
}

pub struct NewPost<'a> {
    pub group_id: i64,
    pub author_id: i64,
    pub kind: PostKind,
    pub category: Category,
    pub body: &'a str,
    pub held_for: &'a [HoldReason],
    pub idempotency_key: Option<&'a str>,
    /// A later time (seconds) for the board's scheduled post.
    pub publish_at: Option<i64>,
    /// A poll's options and rules (kind `poll`).
    pub poll: Option<&'a NewPoll>,
}

/// The post she already sent with this key, if any.
pub async fn by_key(db: &Db, author: i64, key: &str) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT id FROM posts WHERE author_id = $1 AND idempotency_key = $2")
        .bind(author)
        .bind(key)
        .fetch_optional(&db.pool)
        .await
}

/// Stores a post: pending when anything holds it, published otherwise. Returns its id.
pub async fn insert(db: &Db, post: NewPost<'_>) -> Result<i64, sqlx::Error> {
    let at = now();
    let status = match post.publish_at {
        _ if !post.held_for.is_empty() => PostStatus::Pending,
        Some(later) if later > at => PostStatus::Scheduled,
        _ => PostStatus::Published,
    };
    let published_at = match status {
        PostStatus::Published => at,
        PostStatus::Scheduled => post.publish_at.unwrap_or(at),
        _ => 0,
    };
    let mut tx = db.pool.begin().await?;
    let id = sqlx::query_scalar(
        "INSERT INTO posts (group_id, author_id, kind, category, body, body_folded, status, held_for, \
         created_at, published_at, idempotency_key) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) \
         RETURNING id",
    )
    .bind(post.group_id)
    .bind(post.author_id)
    .bind(post.kind.as_str())
    .bind(post.category.as_str())
    .bind(post.body)
    .bind(fold_vietnamese(post.body))
    .bind(status.as_str())
    .bind(held_text(post.held_for))
    .bind(at)
    .bind(published_at)
    .bind(post.idempotency_key)
    .fetch_one(&mut *tx)
    .await?;
    if let Some(poll) = post.poll {
        super::polls::insert(&mut tx, id, poll).await?;
    }
    tx.commit().await?;
    db.feed_cache.touch(post.group_id);
    Ok(id)
}

/// The author's edit: marked as edited; back to the queue when something now holds it.
pub async fn edit(
    db: &Db,
    post_id: i64,
    category: Category,
    body: &str,
    held_for: &[HoldReason],
) -> Result<(), sqlx::Error> {
    let held = !held_for.is_empty();
    let query = sqlx::query_scalar(
        "UPDATE posts SET category = $1, body = $2, body_folded = $3, edited_at = $4, \
         status = CASE WHEN $5 = 1 THEN 'pending' ELSE status END, \
         held_for = CASE WHEN $5 = 1 THEN $6 ELSE held_for END WHERE id = $7 RETURNING group_id",
    )
    .bind(category.as_str())
    .bind(body)
    .bind(fold_vietnamese(body))
    .bind(now())
    .bind(i64::from(held))
    .bind(held_text(held_for))
    .bind(post_id);
    touched(db, query).await
}

/// Moves a post to `status` (publishing stamps the time the feed orders by). `from` guards
/// against two admins deciding at once: `false` when the post was no longer in that state.
pub async fn set_status(
    db: &Db,
    post_id: i64,
    from: &[PostStatus],
    status: PostStatus,
    reason: Option<&str>,
) -> Result<bool, sqlx::Error> {
    let from = from
        .iter()
        .map(|s| format!("'{}'", s.as_str()))
        .collect::<Vec<_>>()
        .join(",");
    let sql = format!(
        "UPDATE posts SET status = $1, reason = $2, \
         published_at = CASE WHEN $1 = 'published' THEN $3 ELSE published_at END, \
         top_until = CASE WHEN $1 = 'published' THEN top_until ELSE 0 END \
         WHERE id = $4 AND status IN ({from}) RETURNING group_id"
    );
    let query = sqlx::query_scalar(&sql)
        .bind(status.as_str())
        .bind(reason)
        .bind(now())
        .bind(post_id);
    changed(db, query).await
}

pub async fn set_top(
    db: &Db,
    post_id: i64,
    pinned: bool,
    announcement_days: Option<u32>,
) -> Result<(), sqlx::Error> {
    let announcement_until = announcement_days
        .filter(|d| *d > 0)
        .map(|days| now() + i64::from(days.min(365)) * 86_400);
    let top_until = if pinned {
        FOREVER
    } else {
        announcement_until.unwrap_or(0)
    };
    let query = sqlx::query_scalar(
        "UPDATE posts SET pinned = $1, announcement_until = $2, top_until = $3 WHERE id = $4 RETURNING group_id",
    )
    .bind(pinned)
    .bind(announcement_until)
    .bind(top_until)
    .bind(post_id);
    touched(db, query).await
}

pub async fn answer(db: &Db, post_id: i64, body: &str, by: i64) -> Result<(), sqlx::Error> {
    let query = sqlx::query_scalar(
        "UPDATE posts SET answer_body = $1, answered_by = $2, answered_at = $3 WHERE id = $4 RETURNING group_id",
    )
    .bind(body)
    .bind(by)
    .bind(now())
    .bind(post_id);
    touched(db, query).await
}

/// Rebuilds the post's reaction counts from the reaction rows, in the order of `Reaction::ALL`.
pub async fn refresh_reactions(db: &Db, post_id: i64) -> Result<(), sqlx::Error> {
    let rows: Vec<(String, i64)> =
        sqlx::query_as("SELECT kind, COUNT(*) FROM reactions WHERE post_id = $1 GROUP BY kind")
            .bind(post_id)
            .fetch_all(&db.pool)
            .await?;
    let counts: Vec<ReactionCount> = Reaction::ALL
        .iter()
        .filter_map(|kind| {
            let count = rows.iter().find(|(k, _)| k == kind.as_str())?.1;
            Some(ReactionCount { kind: *kind, count })
        })
        .collect();
    let query = sqlx::query_scalar("UPDATE posts SET reactions = $1 WHERE id = $2 RETURNING group_id")
        .bind(serde_json::to_string(&counts).unwrap_or_else(|_| "[]".into()))
        .bind(post_id);
    touched(db, query).await
}

pub async fn refresh_comment_count(db: &Db, post_id: i64) -> Result<(), sqlx::Error> {
    let query = sqlx::query_scalar(
        "UPDATE posts SET comment_count = (SELECT COUNT(*) FROM comments \
         WHERE post_id = $1 AND status = 'published') WHERE id = $1 RETURNING group_id",
    )
    .bind(post_id);
    touched(db, query).await
}

pub async fn set_photos(db: &Db, post_id: i64, photos: &[PhotoView]) -> Result<(), sqlx::Error> {
    let query = sqlx::query_scalar("UPDATE posts SET photos = $1 WHERE id = $2 RETURNING group_id")
        .bind(serde_json::to_string(photos).unwrap_or_else(|_| "[]".into()))
        .bind(post_id);
    touched(db, query).await
}

/// Counts for the board's badge: held posts and unanswered questions.
pub async fn waiting_counts(db: &Db, group_id: i64) -> Result<(i64, i64), sqlx::Error> {
    let posts = sqlx::query_scalar("SELECT COUNT(*) FROM posts WHERE group_id = $1 AND status = 'pending'")
        .bind(group_id)
        .fetch_one(&db.pool)
        .await?;
    let questions = sqlx::query_scalar(
        "SELECT COUNT(*) FROM posts WHERE group_id = $1 AND status = 'published' AND kind = 'question' \
         AND answered_at IS NULL",
    )
    .bind(group_id)
    .fetch_one(&db.pool)
    .await?;
    Ok((posts, questions))
}
