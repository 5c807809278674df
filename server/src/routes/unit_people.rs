//! The people of a unit of the Hội: a cadre names cadres and advisors for her unit and every unit
//! below it, by the phone number of an account, and takes them off; a woman named can decline
//! (take herself off). Nobody names people for the units above her own. Every change is kept
//! in the audit log under the unit, which its cadres and those above read on the unit's page.

use axum::{extract::State, http::StatusCode};
use hoi_api::{
    units::{MyUnit, NamePersonRequest, UnitPerson},
    ApiError, ErrorCode,
};
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::{
    auth::CurrentUser,
    db::{audit, unit_people, units, users},
    error::{ApiJson, ApiPath, AppError, AppResult},
    state::AppState,
};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(name_person))
        .routes(routes!(remove_person))
        .routes(routes!(my_units))
}

/// 404 for no unit; whether she runs the unit or one above it.
async fn manages(state: &AppState, user_id: i64, unit_id: i64) -> AppResult<bool> {
    units::get(&state.db, unit_id)
        .await?
        .ok_or_else(AppError::not_found)?;
    Ok(units::runs(&state.db, user_id, unit_id).await?)
}

/// Names a woman with an account a cadre or advisor of the unit (its cadres and those above).
#[utoipa::path(post, path = "/api/units/{id}/people", tag = "units", params(("id" = i64, Path)),
    request_body = NamePersonRequest,
    responses((status = 201, body = UnitPerson), (status = 403, body = ApiError),
        (status = 409, description = "She already holds that role there", body = ApiError),
        (status = 422, body = ApiError)))]
async fn name_person(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(request): ApiJson<NamePersonRequest>,
) -> AppResult<(StatusCode, ApiJson<UnitPerson>)> {
    if !manages(&state, user.id, id).await? {
        return Err(AppError::forbidden());
    }
    let phone = request.validate()?;
    let account = users::credentials(&state.db, &phone)
        .await?
        .ok_or_else(|| AppError::field("phone", ErrorCode::AccountNotFound))?;
    if !unit_people::name(&state.db, id, account.user_id, request.role).await? {
        return Err(AppError::conflict(ErrorCode::Conflict));
    }
    let person = unit_people::list(&state.db, id)
        .await?
        .into_iter()
        .find(|p| p.user_id == account.user_id && p.role == request.role)
        .ok_or_else(AppError::not_found)?;
    let action = format!("unit.{}_named", request.role.as_str());
    let detail = format!("{} (…{})", person.display_name, person.phone_tail);
    audit::record_for_unit(&state.db, user.id, &action, id, Some(account.user_id), &detail).await?;
    Ok((StatusCode::CREATED, ApiJson(person)))
}

/// Takes her off the unit: its cadres and those above, or she herself (declining).
#[utoipa::path(delete, path = "/api/units/{id}/people/{user_id}", tag = "units",
    params(("id" = i64, Path), ("user_id" = i64, Path)),
    responses((status = 204), (status = 403, body = ApiError), (status = 404, body = ApiError)))]
async fn remove_person(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath((id, user_id)): ApiPath<(i64, i64)>,
) -> AppResult<StatusCode> {
    if !manages(&state, user.id, id).await? && user_id != user.id {
        return Err(AppError::forbidden());
    }
    let name = unit_people::list(&state.db, id)
        .await?
        .into_iter()
        .find(|p| p.user_id == user_id)
        .map(|p| format!("{} (…{})", p.display_name, p.phone_tail));
    let held = unit_people::remove(&state.db, id, user_id).await?;
    let Some(name) = name.filter(|_| !held.is_empty()) else {
        return Err(AppError::not_found());
    };
    for role in held {
        let action = if user_id == user.id {
            format!("unit.{}_declined", role.as_str())
        } else {
            format!("unit.{}_removed", role.as_str())
        };
        audit::record_for_unit(&state.db, user.id, &action, id, Some(user_id), &name).await?;
    }
    Ok(StatusCode::NO_CONTENT)
}

/// The units where she is named, so she knows (and can open them, or decline).
#[utoipa::path(get, path = "/api/me/units", tag = "units", responses((status = 200, body = Vec<MyUnit>)))]
async fn my_units(State(state): State<AppState>, user: CurrentUser) -> AppResult<ApiJson<Vec<MyUnit>>> {
    Ok(ApiJson(unit_people::mine(&state.db, user.id).await?))
}
