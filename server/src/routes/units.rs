//! The Hội tree: the province → commune/ward picker, and a unit's page ("Đơn vị").

use axum::extract::State;
use hoi_api::{
    units::{UnitOverview, UnitQuery, UnitRef},
    ApiError,
};
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::{
    auth::CurrentUser,
    db::{groups, unit_overview, unit_people, units},
    error::{ApiJson, ApiPath, ApiQuery, AppError, AppResult},
    state::AppState,
};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_units))
        .routes(routes!(get_unit))
        .routes(routes!(overview))
}

/// Children of a unit (provinces by default), searchable without diacritics.
#[utoipa::path(get, path = "/api/units", tag = "units", params(UnitQuery),
    responses((status = 200, body = Vec<UnitRef>)))]
async fn list_units(
    State(state): State<AppState>,
    ApiQuery(query): ApiQuery<UnitQuery>,
) -> AppResult<ApiJson<Vec<UnitRef>>> {
    Ok(ApiJson(
        units::list(&state.db, query.parent, query.q.as_deref()).await?,
    ))
}

#[utoipa::path(get, path = "/api/units/{id}", tag = "units", params(("id" = i64, Path)),
    responses((status = 200, body = UnitRef), (status = 404, body = ApiError)))]
async fn get_unit(State(state): State<AppState>, ApiPath(id): ApiPath<i64>) -> AppResult<ApiJson<UnitRef>> {
    units::get(&state.db, id)
        .await?
        .map(ApiJson)
        .ok_or_else(AppError::not_found)
}

/// "Đơn vị": a unit for its cadres and advisors and those of the units above: its people, the
/// units below, its groups (the unverified first), the women in them and the open applications.
#[utoipa::path(get, path = "/api/units/{id}/overview", tag = "units", params(("id" = i64, Path)),
    responses((status = 200, body = UnitOverview), (status = 403, body = ApiError), (status = 404, body = ApiError)))]
async fn overview(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<ApiJson<UnitOverview>> {
    let unit = units::get(&state.db, id).await?.ok_or_else(AppError::not_found)?;
    let chain = units::ancestors_and_self(&state.db, id).await?;
    if !units::oversees_any(&state.db, user.id, &chain).await? {
        return Err(AppError::forbidden());
    }
    let db = &state.db;
    let groups = groups::under_unit(db, id, user.id, 50).await?;
    // Asked once per unit, not per group: the groups of a commune share a few units.
    let mut verifies = std::collections::HashMap::new();
    let mut verifiable = Vec::new();
    for group in &groups {
        let unit = group.unit.id;
        let may = match verifies.get(&unit) {
            Some(&may) => may,
            None => {
                let may = units::verifies(db, user.id, unit).await?;
                verifies.insert(unit, may);
                may
            }
        };
        if may {
            verifiable.push(group.id);
        }
    }
    Ok(ApiJson(UnitOverview {
        unit,
        above: unit_overview::above(db, id).await?,
        people: unit_people::list(db, id).await?,
        children: unit_overview::children(db, id).await?,
        groups,
        members: unit_overview::members(db, id).await?,
        open_applications: unit_overview::open_applications(db, id).await?,
        can_manage: units::administers_any(db, user.id, &chain).await?,
        verifiable,
        changes: unit_overview::changes(db, id).await?,
    }))
}
