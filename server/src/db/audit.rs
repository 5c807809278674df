//! The audit log: who did what to whom, when and why. Written by every admin action.

use super::{now, Db};

/// An admin action in a group (or none, for an account's own changes).
pub async fn record(
    db: &Db,
    actor_id: i64,
    action: &str,
    group_id: Option<i64>,
    target_id: Option<i64>,
    detail: &str,
) -> Result<(), sqlx::Error> {
    insert(db, actor_id, action, group_id, None, target_id, detail).await
}

/// A change to a unit of the Hội (its people, its branches), kept under that unit for its
/// cadres and those above to read.
pub async fn record_for_unit(
    db: &Db,
    actor_id: i64,
    action: &str,
    unit_id: i64,
    target_id: Option<i64>,
    detail: &str,
) -> Result<(), sqlx::Error> {
    insert(db, actor_id, action, None, Some(unit_id), target_id, detail).await
}

async fn insert(
    db: &Db,
    actor_id: i64,
    action: &str,
    group_id: Option<i64>,
    unit_id: Option<i64>,
    target_id: Option<i64>,
    detail: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO audit_log (actor_id, action, group_id, unit_id, target_id, detail, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(actor_id)
    .bind(action)
    .bind(group_id)
    .bind(unit_id)
    .bind(target_id)
    .bind(detail)
    .bind(now())
    .execute(&db.pool)
    .await?;
    Ok(())
}

/// The actions recorded for a group, newest first, as their bare names: what a test asserts
/// (the board and its advisors read [`for_group`], with who acted).
pub async fn actions_for_group(db: &Db, group_id: i64) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT action FROM audit_log WHERE group_id = $1 ORDER BY id DESC")
        .bind(group_id)
        .fetch_all(&db.pool)
        .await
}

/// The group's audit log for its board, newest first, with who acted.
pub async fn for_group(db: &Db, group_id: i64) -> Result<Vec<hoi_api::moderation::AuditEntry>, sqlx::Error> {
    let rows: Vec<(String, String, Option<i64>, String, i64)> = sqlx::query_as(
        "SELECT u.display_name, a.action, a.target_id, a.detail, a.created_at FROM audit_log a \
         JOIN users u ON u.id = a.actor_id WHERE a.group_id = $1 ORDER BY a.id DESC LIMIT 100",
    )
    .bind(group_id)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(
            |(actor_name, action, target_id, detail, created_at)| hoi_api::moderation::AuditEntry {
                actor_name,
                action,
                target_id,
                detail,
                created_at: super::to_datetime(created_at),
            },
        )
        .collect())
}
