//! Reports up the Hội's tree (`/api/reports`): the figures of a group or a unit with everything
//! under it for a period, their spreadsheet, the scopes she may open, and the advisors' oversight.
//!
//! Who reads what: a group's admins, moderators and advisors read the group's; a unit's admins and
//! advisors read the unit's and every unit's and group's under it. Reading is all anyone does here.

mod figures;
mod oversight;
mod sheets;

use axum::{extract::State, response::Response};
use chrono::NaiveDate;
use hoi_api::{
    report::{period_days, PeriodKind, Report},
    survey::ResultScope,
    ApiError, ErrorCode,
};
use serde::Deserialize;
use utoipa_axum::{router::OpenApiRouter, routes};

use super::access::{require_role, READERS};
use crate::{
    auth::CurrentUser,
    db::{memberships, reports, reports::ScopeGroup, units},
    error::{ApiJson, ApiQuery, AppError, AppResult},
    state::AppState,
};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(scopes))
        .routes(routes!(report))
        .routes(routes!(export))
        .routes(routes!(oversight::oversight))
}

/// `?scope=unit:1001&period=quarter&at=2026-11-22`, or `period=custom&from=…&to=…`.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct ReportQuery {
    /// `group:<id>` or `unit:<id>` (with everything under it).
    pub scope: String,
    /// `week`, `month` (the default), `quarter` or `custom`.
    pub period: Option<String>,
    /// A day inside the week, month or quarter, `YYYY-MM-DD`; today when absent.
    pub at: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
}

/// What a report is about, once she is allowed to read it.
pub enum Scope {
    Group(ScopeGroup),
    Unit { id: i64, name: String },
}

impl Scope {
    pub fn key(&self) -> String {
        match self {
            Scope::Group(group) => format!("group:{}", group.id),
            Scope::Unit { id, .. } => format!("unit:{id}"),
        }
    }

    pub fn name(&self) -> &str {
        match self {
            Scope::Group(group) => &group.name,
            Scope::Unit { name, .. } => name,
        }
    }

    fn result_scope(&self) -> ResultScope {
        ResultScope {
            key: self.key(),
            name: self.name().to_owned(),
        }
    }
}

/// The scope named by `key`, when she may read it: 422 on `scope` for a malformed key, 404 for
/// nothing there, 403 for what she neither runs, moderates, administers nor advises.
pub async fn readable_scope(state: &AppState, user_id: i64, key: &str) -> AppResult<Scope> {
    let malformed = || AppError::field("scope", ErrorCode::UnknownChoice);
    let (kind, id) = key.split_once(':').ok_or_else(malformed)?;
    let id: i64 = id.parse().map_err(|_| malformed())?;
    match kind {
        "group" => {
            let group = reports::group(&state.db, id)
                .await?
                .ok_or_else(AppError::not_found)?;
            let above = units::ancestors_and_self(&state.db, group.unit_id).await?;
            if !units::oversees_any(&state.db, user_id, &above).await? {
                require_role(state, id, user_id, READERS).await?;
            }
            Ok(Scope::Group(group))
        }
        "unit" => {
            let unit = units::get(&state.db, id).await?.ok_or_else(AppError::not_found)?;
            let above = units::ancestors_and_self(&state.db, id).await?;
            if !units::oversees_any(&state.db, user_id, &above).await? {
                return Err(AppError::forbidden());
            }
            Ok(Scope::Unit { id, name: unit.name })
        }
        _ => Err(malformed()),
    }
}

fn date(field: &str, text: Option<&str>) -> AppResult<Option<NaiveDate>> {
    text.filter(|t| !t.is_empty())
        .map(|t| {
            NaiveDate::parse_from_str(t, "%Y-%m-%d")
                .map_err(|_| AppError::field(field, ErrorCode::InvalidDate))
        })
        .transpose()
}

/// The period's first and last day from the query (a month around today when it names none).
fn period_of(query: &ReportQuery) -> AppResult<(NaiveDate, NaiveDate)> {
    let kind = match query.period.as_deref() {
        None | Some("") => PeriodKind::Month,
        Some(text) => {
            PeriodKind::parse(text).ok_or_else(|| AppError::field("period", ErrorCode::UnknownChoice))?
        }
    };
    let today = hoi_api::hoi::vietnam_today(chrono::Utc::now());
    let at = date("at", query.at.as_deref())?.unwrap_or(today);
    let from = date("from", query.from.as_deref())?;
    let to = date("to", query.to.as_deref())?;
    period_days(kind, at, from, to).map_err(AppError::Validation)
}

/// The scopes she may report on: the groups whose board she sits on or advises, and the units
/// she administers or advises. Empty for a member: the app then shows no report at all.
#[utoipa::path(get, path = "/api/reports/scopes", tag = "reports",
    responses((status = 200, body = Vec<ResultScope>), (status = 401, body = ApiError)))]
async fn scopes(State(state): State<AppState>, user: CurrentUser) -> AppResult<ApiJson<Vec<ResultScope>>> {
    let mut scopes: Vec<ResultScope> = units::overseen(&state.db, user.id)
        .await?
        .into_iter()
        .map(|(id, name)| ResultScope {
            key: format!("unit:{id}"),
            name,
        })
        .collect();
    for (group_id, role) in memberships::active_roles(&state.db, user.id).await? {
        if READERS.contains(&role) {
            if let Some(group) = reports::group(&state.db, group_id).await? {
                scopes.push(ResultScope {
                    key: format!("group:{group_id}"),
                    name: group.name,
                });
            }
        }
    }
    Ok(ApiJson(scopes))
}

/// The report: members, activity, programmes and applications of the scope for the period, its
/// time series, top posts and the side-by-side table of its child units. Counts, never names.
#[utoipa::path(get, path = "/api/reports", tag = "reports", params(ReportQuery),
    responses((status = 200, body = Report), (status = 403, body = ApiError), (status = 422, body = ApiError)))]
async fn report(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiQuery(query): ApiQuery<ReportQuery>,
) -> AppResult<ApiJson<Report>> {
    let scope = readable_scope(&state, user.id, &query.scope).await?;
    let (first, last) = period_of(&query)?;
    Ok(ApiJson(figures::report(&state.db, &scope, first, last).await?))
}

/// The report as a "báo cáo sơ kết" workbook: the summary figures, one sheet per child unit, and
/// the time series.
#[utoipa::path(get, path = "/api/reports/export", tag = "reports", params(ReportQuery),
    responses((status = 200, description = "XLSX workbook"), (status = 403, body = ApiError)))]
async fn export(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiQuery(query): ApiQuery<ReportQuery>,
) -> AppResult<Response> {
    let scope = readable_scope(&state, user.id, &query.scope).await?;
    let (first, last) = period_of(&query)?;
    let report = figures::report(&state.db, &scope, first, last).await?;
    sheets::workbook_response(&report)
}
