//! Who a quiz or a survey is for (groups, and units with everything under them), who may run
//! one for an audience, and who belongs to it: the rules the two features share.

use hoi_api::quiz::{AudienceGroup, QuizAudiences};

use super::{units, Db};

/// The groups she runs as admin and the units she administers: what she may run a quiz or a survey for.
pub async fn audiences_for(db: &Db, user_id: i64) -> Result<QuizAudiences, sqlx::Error> {
    let groups: Vec<(i64, String)> = sqlx::query_as(
        "SELECT g.id, g.name FROM memberships m JOIN community_groups g ON g.id = m.group_id \
         WHERE m.user_id = $1 AND m.status = 'active' AND m.role = 'admin' ORDER BY g.name",
    )
    .bind(user_id)
    .fetch_all(&db.pool)
    .await?;
    let unit_ids: Vec<i64> =
        sqlx::query_scalar("SELECT unit_id FROM unit_admins WHERE user_id = $1 ORDER BY unit_id")
            .bind(user_id)
            .fetch_all(&db.pool)
            .await?;
    let mut unit_refs = Vec::with_capacity(unit_ids.len());
    for id in unit_ids {
        if let Some(unit) = units::get(db, id).await? {
            unit_refs.push(unit);
        }
    }
    Ok(QuizAudiences {
        groups: groups
            .into_iter()
            .map(|(id, name)| AudienceGroup { id, name })
            .collect(),
        units: unit_refs,
    })
}

/// Whether she may run a quiz or survey for this audience: admin of every group, and administering every
/// unit or a unit above it.
pub async fn may_run_for(
    db: &Db,
    user_id: i64,
    group_ids: &[i64],
    unit_ids: &[i64],
) -> Result<bool, sqlx::Error> {
    for group in group_ids {
        let role: Option<String> = sqlx::query_scalar(
            "SELECT role FROM memberships WHERE group_id = $1 AND user_id = $2 AND status = 'active'",
        )
        .bind(group)
        .bind(user_id)
        .fetch_optional(&db.pool)
        .await?;
        if role.as_deref() != Some("admin") {
            return Ok(false);
        }
    }
    for unit in unit_ids {
        let chain = units::ancestors_and_self(db, *unit).await?;
        if !units::administers_any(db, user_id, &chain).await? {
            return Ok(false);
        }
    }
    Ok(true)
}

/// Whether she runs something made by `creator` for this audience: its author, an admin of one
/// of its groups, or a cadre of one of its units or a unit above.
pub async fn runs_any(
    db: &Db,
    user_id: i64,
    creator: i64,
    group_ids: &[i64],
    unit_ids: &[i64],
) -> Result<bool, sqlx::Error> {
    if creator == user_id {
        return Ok(true);
    }
    for group in group_ids {
        if may_run_for(db, user_id, &[*group], &[]).await? {
            return Ok(true);
        }
    }
    for unit in unit_ids {
        if may_run_for(db, user_id, &[], &[*unit]).await? {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Whether she belongs to the audience: an active member of one of its groups, or living in
/// (home commune) or belonging to a group of one of its units or a unit under them.
pub async fn includes(
    db: &Db,
    user_id: i64,
    group_ids: &[i64],
    unit_ids: &[i64],
) -> Result<bool, sqlx::Error> {
    for group in group_ids {
        let active: Option<i64> = sqlx::query_scalar(
            "SELECT user_id FROM memberships WHERE group_id = $1 AND user_id = $2 AND status = 'active'",
        )
        .bind(*group)
        .bind(user_id)
        .fetch_optional(&db.pool)
        .await?;
        if active.is_some() {
            return Ok(true);
        }
    }
    units::belongs_under(db, user_id, unit_ids).await
}
