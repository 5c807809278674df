//! Her own profile: name, home commune/ward, overseas, already a Hội member; her password and
//! her phone number.

use axum::{extract::State, http::StatusCode};
use hoi_api::{
    account::{ChangePasswordRequest, ChangePhoneRequest, DisplayName, Me, UpdateProfileRequest},
    error::FieldErrors,
    units::UnitLevel,
    ApiError, ErrorCode, Phone,
};
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::{
    auth::{password, CurrentUser},
    db::{hoi, otp, sessions, units, users},
    error::{ApiJson, AppError, AppResult},
    routes::accounts::CODE_MAX_ATTEMPTS,
    state::AppState,
};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(get_me, update_me))
        .routes(routes!(change_password))
        .routes(routes!(change_phone))
}

/// Moves her account to a new number, verified by the code texted to it; applications to the Hội
/// sent signed out with that number are hers from then on.
#[utoipa::path(put, path = "/api/me/phone", tag = "profile", request_body = ChangePhoneRequest,
    responses((status = 200, body = Me), (status = 409, description = "The number has an account", body = ApiError),
        (status = 422, body = ApiError)))]
async fn change_phone(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiJson(request): ApiJson<ChangePhoneRequest>,
) -> AppResult<ApiJson<Me>> {
    let phone = Phone::parse(&request.phone).map_err(|code| AppError::field("phone", code))?;
    let stored = users::password_hash(&state.db, user.id).await?;
    if !password::verify(request.password, stored).await? {
        return Err(AppError::field("password", ErrorCode::WrongCredentials));
    }
    if !otp::take_if_valid(&state.db, &phone, request.code.trim(), CODE_MAX_ATTEMPTS).await? {
        return Err(AppError::field("code", ErrorCode::InvalidCode));
    }
    if !users::set_phone(&state.db, user.id, &phone).await? {
        return Err(AppError::FieldConflict("phone".into(), ErrorCode::PhoneTaken));
    }
    hoi::link_account(&state.db, user.id, &phone).await?;
    get_me(State(state), user).await
}

/// The signed-in account.
#[utoipa::path(get, path = "/api/me", tag = "profile",
    responses((status = 200, body = Me), (status = 401, body = ApiError)))]
async fn get_me(State(state): State<AppState>, user: CurrentUser) -> AppResult<ApiJson<Me>> {
    users::me(&state.db, user.id)
        .await?
        .map(ApiJson)
        .ok_or_else(AppError::unauthenticated)
}

/// Updates her profile. The home unit must be a commune/ward or a branch.
#[utoipa::path(put, path = "/api/me", tag = "profile", request_body = UpdateProfileRequest,
    responses((status = 200, body = Me), (status = 422, body = ApiError)))]
async fn update_me(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiJson(request): ApiJson<UpdateProfileRequest>,
) -> AppResult<ApiJson<Me>> {
    let mut errors = FieldErrors::default();
    let name = errors.check("display_name", DisplayName::parse(&request.display_name));
    if let Some(unit_id) = request.home_unit_id {
        let unit = units::get(&state.db, unit_id).await?;
        if !unit.is_some_and(|u| matches!(u.level, UnitLevel::Commune | UnitLevel::Branch)) {
            errors.add("home_unit_id", ErrorCode::UnknownUnit);
        }
    }
    let Some(name) = name.filter(|_| errors.is_empty()) else {
        return Err(errors.into());
    };
    users::update_profile(
        &state.db,
        user.id,
        name.as_str(),
        request.home_unit_id,
        request.overseas,
        request.hoi_member,
    )
    .await?;
    get_me(State(state), user).await
}

/// Changes her password; her other devices are signed out.
#[utoipa::path(put, path = "/api/me/password", tag = "profile", request_body = ChangePasswordRequest,
    responses((status = 204), (status = 422, body = ApiError)))]
async fn change_password(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiJson(request): ApiJson<ChangePasswordRequest>,
) -> AppResult<StatusCode> {
    let me = users::me(&state.db, user.id)
        .await?
        .ok_or_else(AppError::unauthenticated)?;
    let stored = users::password_hash(&state.db, user.id).await?;
    if !password::verify(request.current_password, stored).await? {
        return Err(AppError::field("current_password", ErrorCode::WrongCredentials));
    }
    password::check_new_password(&request.new_password, &me.phone)
        .map_err(|code| AppError::field("new_password", code))?;
    let hash = password::hash(request.new_password).await?;
    users::set_password_hash(&state.db, user.id, &hash).await?;
    sessions::revoke_all(&state.db, user.id).await?;
    sessions::create(&state.db, user.id, &user.token).await?;
    Ok(StatusCode::NO_CONTENT)
}
