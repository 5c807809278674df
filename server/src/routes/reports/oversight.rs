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
    db::{
        now,
        reports::{
            self as q,
            oversight::{ApplicationsOf, Counts, Overdue},
        },
        to_datetime,
    },
    error::{ApiJson, ApiQuery, AppError, AppResult},
    state::AppState,
};

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct OversightQuery {
    /// `group:<id>` or `unit:<id>`.
    pub scope: String,
    /// Counts the items waiting longer than this many days (1–90, default 3).
    pub days: Option<u32>,
}

/// Where a queue's count goes in its row.
type Column = fn(&mut OverdueRow) -> &mut u32;

/// Overdue queues and the audit log of a group or of a unit with everything under it.
#[utoipa::path(get, path = "/api/reports/oversight", tag = "reports", params(OversightQuery),
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
    let Overdue {
        requests,
        posts,
        questions,
        flags,
    } = q::oversight::overdue(db, &ids, cutoff).await?;
    let mut rows: BTreeMap<i64, OverdueRow> = BTreeMap::new();
    let n = |c: i64| u32::try_from(c).unwrap_or(u32::MAX);
    let kinds: [(Counts, Column); 4] = [
        (requests, |r| &mut r.requests),
        (posts, |r| &mut r.posts),
        (questions, |r| &mut r.questions),
        (flags, |r| &mut r.flags),
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
    overdue.sort_by_key(|r| std::cmp::Reverse(r.requests + r.posts + r.questions + r.flags));

    let of = match &scope {
        Scope::Group(group) => ApplicationsOf::Group(group.id),
        Scope::Unit { id, .. } => ApplicationsOf::Unit(*id),
    };
    let applications = q::oversight::overdue_applications(db, of, cutoff).await?;
    let audit = q::oversight::audit(db, &ids, 50).await?;
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
