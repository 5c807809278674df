//! The advisors' oversight of a scope: queues with items waiting longer than N days, per group,
//! and the board's newest actions. Counts and the board's own names; never a member's.

use std::collections::BTreeMap;

use axum::extract::State;
use hoi_api::{
    report::{AuditEntry, OverdueRow, Oversight, DEFAULT_OVERDUE_DAYS},
    ApiError, ErrorCode,
};
use serde::Deserialize;

use super::{readable_scope, Scope};
use crate::{
    auth::CurrentUser,
    db::{now, report_figures as q, to_datetime, Db},
    error::{ApiJson, ApiQuery, AppError, AppResult},
    state::AppState,
};

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct OversightQuery {
    /// `group:<id>` or `unit:<id>`.
    pub scope: String,
    /// Flag items waiting longer than this many days (1–90, default 3).
    pub days: Option<u32>,
}

/// `(group_id, count)` rows of one queue.
type Counts = Vec<(i64, i64)>;
/// Where a queue's count goes in its row.
type Column = fn(&mut OverdueRow) -> &mut u32;

/// Pending items of one kind older than `cutoff`, per group.
async fn overdue(db: &Db, sql: String, cutoff: i64) -> Result<Counts, sqlx::Error> {
    sqlx::query_as(&sql).bind(cutoff).fetch_all(&db.pool).await
}

/// Overdue queues and the audit log of a group or of a unit with everything under it.
#[utoipa::path(get, path = "/api/summary/oversight", tag = "summary", params(OversightQuery),
    responses((status = 200, body = Oversight), (status = 403, body = ApiError), (status = 422, body = ApiError)))]
pub async fn oversight(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiQuery(query): ApiQuery<OversightQuery>,
) -> AppResult<ApiJson<Oversight>> {
    let days = query.days.unwrap_or(DEFAULT_OVERDUE_DAYS);
    if !(1..=90).contains(&days) {
        return Err(AppError::field("days", ErrorCode::OutOfRange));
    }
    let scope = readable_scope(&state, user.id, &query.scope).await?;
    let groups = match &scope {
        Scope::Group(group) => vec![group.clone()],
        Scope::Unit { id, .. } => q::groups_under(&state.db, *id).await?,
    };
    let ids = q::id_list(groups.iter().map(|g| g.id));
    let cutoff = now() - i64::from(days) * 86_400;
    let db = &state.db;
    let (requests, posts, questions, reports) = tokio::try_join!(
        overdue(db, format!("SELECT group_id, COUNT(*) FROM memberships WHERE group_id IN ({ids}) \
             AND status = 'pending' AND requested_at < $1 GROUP BY group_id"), cutoff),
        overdue(db, format!("SELECT group_id, COUNT(*) FROM posts WHERE group_id IN ({ids}) \
             AND status = 'pending' AND created_at < $1 GROUP BY group_id"), cutoff),
        overdue(db, format!("SELECT group_id, COUNT(*) FROM posts WHERE group_id IN ({ids}) \
             AND status = 'published' AND kind = 'question' AND answered_at IS NULL AND created_at < $1 GROUP BY group_id"), cutoff),
        overdue(db, format!("SELECT group_id, COUNT(*) FROM reports WHERE group_id IN ({ids}) \
             AND status = 'open' AND created_at < $1 GROUP BY group_id"), cutoff),
    )?;
    let mut rows: BTreeMap<i64, OverdueRow> = BTreeMap::new();
    let n = |c: i64| u32::try_from(c).unwrap_or(u32::MAX);
    let kinds: [(Counts, Column); 4] = [
        (requests, |r| &mut r.requests),
        (posts, |r| &mut r.posts),
        (questions, |r| &mut r.questions),
        (reports, |r| &mut r.reports),
    ];
    for (counts, field) in kinds {
        for (group, c) in counts {
            let row = rows.entry(group).or_insert_with(|| OverdueRow {
                key: format!("group:{group}"),
                name: groups
                    .iter()
                    .find(|g| g.id == group)
                    .map(|g| g.name.clone())
                    .unwrap_or_default(),
                ..OverdueRow::default()
            });
            *field(row) = n(c);
        }
    }
    let mut overdue: Vec<OverdueRow> = rows.into_values().collect();
    overdue.sort_by_key(|r| std::cmp::Reverse(r.requests + r.posts + r.questions + r.reports));

    let unit_applications = format!(
        "{} SELECT COUNT(*) FROM hoi_applications WHERE status = 'new' AND created_at < $2 \
         AND (commune_id IN (SELECT id FROM below) OR unit_id IN (SELECT id FROM below))",
        q::SUBTREE
    );
    let applications: i64 = match &scope {
        Scope::Group(group) => sqlx::query_scalar(
            "SELECT COUNT(*) FROM hoi_applications WHERE source_group_id = $1 AND status = 'new' AND created_at < $2",
        )
        .bind(group.id),
        Scope::Unit { id, .. } => sqlx::query_scalar(&unit_applications)
            .bind(*id),
    }
    .bind(cutoff)
    .fetch_one(&db.pool)
    .await?;

    let audit: Vec<(i64, String, String, String)> = sqlx::query_as(&format!(
        "SELECT a.created_at, g.name, u.display_name, a.action FROM audit_log a \
         JOIN community_groups g ON g.id = a.group_id JOIN users u ON u.id = a.actor_id \
         WHERE a.group_id IN ({ids}) ORDER BY a.created_at DESC, a.id DESC LIMIT 50"
    ))
    .fetch_all(&db.pool)
    .await?;
    Ok(ApiJson(Oversight {
        days,
        overdue,
        applications: n(applications),
        audit: audit
            .into_iter()
            .map(|(at, group, actor, action)| AuditEntry {
                at: to_datetime(at),
                group,
                actor,
                action,
            })
            .collect(),
    }))
}
