//! "Việc hôm nay": counts and the oldest waiting time of each kind of thing that waits for her,
//! per group she decides for (admin or moderator; advisors only watch) and over the Hội
//! applications of her units. A handful of grouped queries, whatever the number of groups.

use hoi_api::todo::{TodoItem, TodoKind};

use super::{to_datetime, Db};

/// The groups she decides for, as a subquery on `$1`.
const HER_GROUPS: &str = "SELECT group_id FROM memberships WHERE user_id = $1 AND status = 'active' \
     AND role IN ('admin', 'moderator')";

/// (kind, the rows waiting as `key, name, at`, the page that deals with those of one key).
fn queries() -> [(TodoKind, String, &'static str); 5] {
    let in_group = |table: &str, alias: &str, at: &str, filter: &str| {
        format!(
            "SELECT g.id AS key, g.name AS name, {alias}.{at} AS at FROM {table} {alias} \
             JOIN community_groups g ON g.id = {alias}.group_id WHERE {filter} AND g.id IN ({HER_GROUPS})"
        )
    };
    [
        (
            TodoKind::JoinRequests,
            in_group("memberships", "m", "requested_at", "m.status = 'pending'"),
            "/groups/{id}/requests",
        ),
        (TodoKind::HeldPosts, in_group("posts", "p", "created_at", "p.status = 'pending'"), "/groups/{id}/queue"),
        (TodoKind::Flags, in_group("flags", "f", "created_at", "f.status = 'open'"), "/groups/{id}/queue"),
        (
            TodoKind::Questions,
            in_group(
                "posts",
                "p",
                "created_at",
                "p.status = 'published' AND p.kind = 'question' AND p.answered_at IS NULL",
            ),
            "/groups/{id}/queue",
        ),
        (
            TodoKind::ContestEntries,
            format!(
                "SELECT c.id AS key, c.title AS name, e.created_at AS at FROM photo_contest_entries e \
                 JOIN photo_contests c ON c.id = e.contest_id WHERE e.status = 'pending' AND c.group_id IN ({HER_GROUPS})"
            ),
            "/photo-contests/{id}",
        ),
    ]
}

/// Everything waiting for her, the oldest first.
pub async fn for_user(db: &Db, user_id: i64) -> Result<Vec<TodoItem>, sqlx::Error> {
    let mut items = Vec::new();
    for (kind, rows, path) in queries() {
        let sql = format!("SELECT w.key, w.name, COUNT(*), MIN(w.at) FROM ({rows}) w GROUP BY w.key, w.name");
        let found: Vec<(i64, String, i64, i64)> =
            sqlx::query_as(&sql).bind(user_id).fetch_all(&db.pool).await?;
        items.extend(found.into_iter().map(|(key, name, count, at)| TodoItem {
            kind,
            count,
            oldest_at: to_datetime(at),
            place: name,
            path: path.replace("{id}", &key.to_string()),
        }));
    }
    let applications: Option<(i64, Option<i64>)> = sqlx::query_as(&format!(
        "SELECT COUNT(*), MIN(a.created_at) FROM hoi_applications a WHERE a.status = 'new' AND {}",
        super::hoi::in_scope("a")
    ))
    .bind(user_id)
    .fetch_optional(&db.pool)
    .await?;
    if let Some((count, Some(at))) = applications.filter(|(count, _)| *count > 0) {
        items.push(TodoItem {
            kind: TodoKind::HoiApplications,
            count,
            oldest_at: to_datetime(at),
            place: String::new(),
            path: "/hoi/applications".to_owned(),
        });
    }
    items.sort_by_key(|item| item.oldest_at);
    Ok(items)
}
