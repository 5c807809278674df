//! The Hội tree: the province → commune/ward picker, and branches added under a commune.

use axum::{extract::State, http::StatusCode};
use hoi_api::{
    account::DisplayName,
    units::{CreateBranchRequest, UnitLevel, UnitOverview, UnitQuery, UnitRef},
    ApiError,
};
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::{
    auth::CurrentUser,
    db::{audit, groups, unit_overview, unit_people, units},
    error::{ApiJson, ApiPath, ApiQuery, AppError, AppResult},
    state::AppState,
};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_units))
        .routes(routes!(get_unit))
        .routes(routes!(create_branch))
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

/// Adds a branch (chi hội) under a commune/ward; for admins of that unit or a unit above it.
#[utoipa::path(post, path = "/api/units/{id}/branches", tag = "units", params(("id" = i64, Path)),
    request_body = CreateBranchRequest,
    responses((status = 201, body = UnitRef), (status = 403, body = ApiError), (status = 422, body = ApiError)))]
async fn create_branch(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(request): ApiJson<CreateBranchRequest>,
) -> AppResult<(StatusCode, ApiJson<UnitRef>)> {
    let parent = units::get(&state.db, id).await?.ok_or_else(AppError::not_found)?;
    let chain = units::ancestors_and_self(&state.db, id).await?;
    if !units::administers_any(&state.db, user.id, &chain).await? {
        return Err(AppError::forbidden());
    }
    if parent.level != UnitLevel::Commune {
        return Err(AppError::field("parent", hoi_api::ErrorCode::UnknownUnit));
    }
    let name = DisplayName::parse(&request.name).map_err(|code| AppError::field("name", code))?;
    let branch = units::create_branch(&state.db, id, name.as_str()).await?;
    audit::record_for_unit(
        &state.db,
        user.id,
        "unit.branch_created",
        id,
        Some(branch),
        name.as_str(),
    )
    .await?;
    let created = units::get(&state.db, branch)
        .await?
        .ok_or_else(AppError::not_found)?;
    Ok((StatusCode::CREATED, ApiJson(created)))
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
    Ok(ApiJson(UnitOverview {
        unit,
        above: unit_overview::above(db, id).await?,
        people: unit_people::list(db, id).await?,
        children: unit_overview::children(db, id).await?,
        groups: groups::under_unit(db, id, user.id, 50).await?,
        members: unit_overview::members(db, id).await?,
        open_applications: unit_overview::open_applications(db, id).await?,
        can_manage: units::administers_any(db, user.id, &chain).await?,
        changes: unit_overview::changes(db, id).await?,
    }))
}
