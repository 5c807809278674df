//! Who a quiz or a survey is for (groups, and units with everything under them), who may run
//! one for an audience, and who belongs to it: the rules the two features share.

use hoi_api::quiz::{AudienceGroup, QuizAudiences};
use sqlx::{Any, Transaction};

use super::{units, Db};

/// A feature's two audience tables: `Tables("quiz")` is `quiz_groups` and `quiz_units`, keyed by `quiz_id`.
#[derive(Debug, Clone, Copy)]
pub struct Tables(pub &'static str);

impl Tables {
    /// Replaces the groups and units of `id` (inside the caller's transaction).
    pub async fn write(
        self,
        tx: &mut Transaction<'_, Any>,
        id: i64,
        group_ids: &[i64],
        unit_ids: &[i64],
    ) -> Result<(), sqlx::Error> {
        let Tables(feature) = self;
        for (kind, ids) in [("group", group_ids), ("unit", unit_ids)] {
            sqlx::query(&format!("DELETE FROM {feature}_{kind}s WHERE {feature}_id = $1"))
                .bind(id)
                .execute(&mut **tx)
                .await?;
            let mut ids = ids.to_vec();
            ids.sort_unstable();
            ids.dedup();
            for other in ids {
                sqlx::query(&format!(
                    "INSERT INTO {feature}_{kind}s ({feature}_id, {kind}_id) VALUES ($1, $2)"
                ))
                .bind(id)
                .bind(other)
                .execute(&mut **tx)
                .await?;
            }
        }
        Ok(())
    }

    /// The groups and units of `id`, each list by id.
    pub async fn of(self, db: &Db, id: i64) -> Result<(Vec<i64>, Vec<i64>), sqlx::Error> {
        let Tables(feature) = self;
        let list = |kind: &str| {
            format!("SELECT {kind}_id FROM {feature}_{kind}s WHERE {feature}_id = $1 ORDER BY {kind}_id")
        };
        let groups = sqlx::query_scalar(&list("group"))
            .bind(id)
            .fetch_all(&db.pool)
            .await?;
        let units = sqlx::query_scalar(&list("unit"))
            .bind(id)
            .fetch_all(&db.pool)
            .await?;
        Ok((groups, units))
    }

    /// The names of the groups and units of `id`, groups first ("Phụ nữ Gia Lâm…", "Xã Gia Lâm").
    pub async fn names(self, db: &Db, id: i64) -> Result<Vec<String>, sqlx::Error> {
        let Tables(feature) = self;
        sqlx::query_scalar(&format!(
            "SELECT g.name FROM {feature}_groups a JOIN community_groups g ON g.id = a.group_id WHERE a.{feature}_id = $1 \
             UNION ALL \
             SELECT u.name FROM {feature}_units a JOIN units u ON u.id = a.unit_id WHERE a.{feature}_id = $1"
        ))
        .bind(id)
        .fetch_all(&db.pool)
        .await
    }
}

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
