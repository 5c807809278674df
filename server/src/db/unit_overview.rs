//! What a unit's page shows its cadres and advisors ("Đơn vị"): the units above and below it,
//! its groups, the women in them and the applications waiting, and the latest changes.

use hoi_api::units::{UnitChange, UnitChild, UnitRef};

use super::{to_datetime, units, Db};

/// The units above it, the province first, without the central Hội.
pub async fn above(db: &Db, unit_id: i64) -> Result<Vec<UnitRef>, sqlx::Error> {
    let chain = units::ancestors_and_self(db, unit_id).await?;
    let mut above = Vec::new();
    // Nearest first without itself; the last is the central Hội.
    for id in chain.iter().skip(1).rev().skip(1) {
        if let Some(unit) = units::get(db, *id).await? {
            above.push(unit);
        }
    }
    Ok(above)
}

/// The units right below it, with their own groups.
pub async fn children(db: &Db, unit_id: i64) -> Result<Vec<UnitChild>, sqlx::Error> {
    let rows: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT u.id, (SELECT COUNT(*) FROM community_groups g WHERE g.unit_id = u.id) \
         FROM units u WHERE u.parent_id = $1 ORDER BY u.name",
    )
    .bind(unit_id)
    .fetch_all(&db.pool)
    .await?;
    let mut children = Vec::with_capacity(rows.len());
    for (id, groups) in rows {
        if let Some(unit) = units::get(db, id).await? {
            children.push(UnitChild { unit, groups });
        }
    }
    Ok(children)
}

/// Women with an active membership in a group of the unit or below, each counted once.
pub async fn members(db: &Db, unit_id: i64) -> Result<i64, sqlx::Error> {
    let sql = format!(
        "WITH RECURSIVE {tree} SELECT COUNT(DISTINCT m.user_id) FROM memberships m \
         JOIN community_groups g ON g.id = m.group_id \
         WHERE m.status = 'active' AND g.unit_id IN (SELECT id FROM tree)",
        tree = units::tree("$1")
    );
    sqlx::query_scalar(&sql).bind(unit_id).fetch_one(&db.pool).await
}

/// Applications to join the Hội still open at the unit or below.
pub async fn open_applications(db: &Db, unit_id: i64) -> Result<i64, sqlx::Error> {
    let sql = format!(
        "WITH RECURSIVE {tree} SELECT COUNT(*) FROM hoi_applications \
         WHERE status IN ('new', 'contacted') AND unit_id IN (SELECT id FROM tree)",
        tree = units::tree("$1")
    );
    sqlx::query_scalar(&sql).bind(unit_id).fetch_one(&db.pool).await
}

/// The latest changes to the unit and to the units right below it, newest first.
pub async fn changes(db: &Db, unit_id: i64) -> Result<Vec<UnitChange>, sqlx::Error> {
    let rows: Vec<(String, String, String, i64)> = sqlx::query_as(
        "SELECT u.display_name, a.action, a.detail, a.created_at FROM audit_log a \
         JOIN users u ON u.id = a.actor_id \
         WHERE a.unit_id = $1 OR a.unit_id IN (SELECT id FROM units WHERE parent_id = $1) \
         ORDER BY a.id DESC LIMIT 30",
    )
    .bind(unit_id)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(actor_name, action, detail, created_at)| UnitChange {
            actor_name,
            action,
            detail,
            created_at: to_datetime(created_at),
        })
        .collect())
}
