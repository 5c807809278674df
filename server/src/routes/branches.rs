//! Branches (chi hội) of a commune/ward: added, renamed, merged into another branch (its groups,
//! applications and women move along) and removed when empty, by the cadres of the commune or
//! a unit above it. Each change is in the commune's log.

use axum::{extract::State, http::StatusCode};
use hoi_api::{
    account::DisplayName,
    units::{CreateBranchRequest, MergeBranchRequest, RenameBranchRequest, UnitLevel, UnitRef},
    ApiError, ErrorCode,
};
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::{
    auth::CurrentUser,
    db::{audit, branches, units},
    error::{ApiJson, ApiPath, AppError, AppResult},
    state::AppState,
};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(create_branch))
        .routes(routes!(rename_branch, remove_branch))
        .routes(routes!(merge_branch))
}

/// The branch and its commune, when she runs the commune or a unit above it: 404 for no unit,
/// 403 for another's, and 403 for a commune or province (their names and borders are the State's).
async fn her_branch(state: &AppState, user_id: i64, id: i64) -> AppResult<(UnitRef, i64)> {
    let branch = units::get(&state.db, id).await?.ok_or_else(AppError::not_found)?;
    let commune = units::parent(&state.db, id).await?;
    match commune {
        Some(commune)
            if branch.level == UnitLevel::Branch && units::runs(&state.db, user_id, commune).await? =>
        {
            Ok((branch, commune))
        }
        _ => Err(AppError::forbidden()),
    }
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
    if !units::runs(&state.db, user.id, id).await? {
        return Err(AppError::forbidden());
    }
    if parent.level != UnitLevel::Commune {
        return Err(AppError::field("parent", ErrorCode::UnknownUnit));
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

/// Renames a branch.
#[utoipa::path(put, path = "/api/units/{id}", tag = "units", params(("id" = i64, Path)),
    request_body = RenameBranchRequest,
    responses((status = 200, body = UnitRef), (status = 403, body = ApiError), (status = 422, body = ApiError)))]
async fn rename_branch(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(request): ApiJson<RenameBranchRequest>,
) -> AppResult<ApiJson<UnitRef>> {
    let (branch, commune) = her_branch(&state, user.id, id).await?;
    let name = DisplayName::parse(&request.name).map_err(|code| AppError::field("name", code))?;
    branches::rename(&state.db, id, name.as_str()).await?;
    let detail = format!("{} → {}", branch.name, name.as_str());
    audit::record_for_unit(
        &state.db,
        user.id,
        "unit.branch_renamed",
        commune,
        Some(id),
        &detail,
    )
    .await?;
    Ok(ApiJson(
        units::get(&state.db, id).await?.ok_or_else(AppError::not_found)?,
    ))
}

/// Merges a branch into another branch of the same commune/ward: its groups, the applications
/// and women who chose it, its cadres and the quizzes and surveys aimed at it move along.
#[utoipa::path(post, path = "/api/units/{id}/merge", tag = "units", params(("id" = i64, Path)),
    request_body = MergeBranchRequest,
    responses((status = 204), (status = 403, body = ApiError), (status = 422, body = ApiError)))]
async fn merge_branch(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(request): ApiJson<MergeBranchRequest>,
) -> AppResult<StatusCode> {
    let (branch, commune) = her_branch(&state, user.id, id).await?;
    let into = units::get(&state.db, request.into).await?;
    let sibling = units::parent(&state.db, request.into).await? == Some(commune);
    let Some(into) = into.filter(|into| into.level == UnitLevel::Branch && into.id != id && sibling) else {
        return Err(AppError::field("into", ErrorCode::UnknownUnit));
    };
    branches::merge(&state.db, id, into.id).await?;
    let detail = format!("{} → {}", branch.name, into.name);
    audit::record_for_unit(
        &state.db,
        user.id,
        "unit.branch_merged",
        commune,
        Some(into.id),
        &detail,
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Removes a branch that nothing points to (no group, application or woman): a full one is merged.
#[utoipa::path(delete, path = "/api/units/{id}", tag = "units", params(("id" = i64, Path)),
    responses((status = 204), (status = 403, body = ApiError), (status = 409, body = ApiError)))]
async fn remove_branch(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<StatusCode> {
    let (branch, commune) = her_branch(&state, user.id, id).await?;
    if !branches::is_empty(&state.db, id).await? {
        return Err(AppError::conflict(ErrorCode::BranchNotEmpty));
    }
    branches::remove(&state.db, id, commune).await?;
    audit::record_for_unit(
        &state.db,
        user.id,
        "unit.branch_removed",
        commune,
        Some(id),
        &branch.name,
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}
