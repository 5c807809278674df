//! Registering, logging in and out, and resetting a forgotten password by SMS code.

use axum::{
    extract::State,
    http::{header::SET_COOKIE, StatusCode},
    response::{IntoResponse, Response},
};
use hoi_api::{
    account::{LoginRequest, Me, OtpRequest, OtpResetRequest, RegisterRequest},
    ApiError, ErrorCode, Phone,
};
use rand::Rng;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::{
    auth::{new_token, password, session_cookie, ClientAddr, CurrentUser},
    db::{hoi, otp, sessions, users},
    error::{ApiJson, AppError, AppResult},
    limits::Action,
    state::AppState,
};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(register))
        .routes(routes!(login))
        .routes(routes!(logout))
        .routes(routes!(logout_everywhere))
        .routes(routes!(request_code))
        .routes(routes!(reset_with_code))
}

/// Starts a session for her and answers her account with the cookie set.
async fn signed_in(state: &AppState, user_id: i64, status: StatusCode) -> AppResult<Response> {
    let token = new_token();
    sessions::create(&state.db, user_id, &token).await?;
    let me = users::me(&state.db, user_id)
        .await?
        .ok_or_else(AppError::not_found)?;
    Ok((status, [(SET_COOKIE, session_cookie(state, &token))], ApiJson(me)).into_response())
}

/// Creates an account with the code sent to the phone, and signs her in. Without a valid code
/// nothing is said about the number (taken or free): the code is what proves it is hers.
#[utoipa::path(post, path = "/api/auth/register", tag = "accounts", request_body = RegisterRequest,
    responses((status = 201, body = Me), (status = 409, body = ApiError), (status = 422, body = ApiError),
        (status = 429, body = ApiError)))]
async fn register(
    State(state): State<AppState>,
    ClientAddr(address): ClientAddr,
    ApiJson(request): ApiJson<RegisterRequest>,
) -> AppResult<Response> {
    let valid = request.validate()?;
    password::check_new_password(&request.password, &valid.phone)
        .map_err(|code| AppError::field("password", code))?;
    if request.code.trim().is_empty() {
        return Err(AppError::field("code", ErrorCode::Required));
    }
    state.limits.check(Action::Register, &address, None).await?;
    if !otp::take_if_valid(&state.db, &valid.phone, request.code.trim(), CODE_MAX_ATTEMPTS).await? {
        return Err(AppError::field("code", ErrorCode::InvalidCode));
    }
    let hash = password::hash(request.password).await?;
    // Only the holder of the number gets this far, so saying it is taken tells a stranger nothing.
    let user_id = users::create(&state.db, &valid.phone, valid.display_name.as_str(), &hash)
        .await?
        .ok_or(AppError::FieldConflict("phone".into(), ErrorCode::PhoneTaken))?;
    state.limits.record(Action::Register, &address, None).await?;
    // Her number is verified: an application to the Hội sent with it is hers now.
    hoi::link_account(&state.db, user_id, &valid.phone).await?;
    signed_in(&state, user_id, StatusCode::CREATED).await
}

/// Signs in with phone and password; repeated failures wait ("thử lại sau N phút").
#[utoipa::path(post, path = "/api/auth/login", tag = "accounts", request_body = LoginRequest,
    responses((status = 200, body = Me), (status = 401, body = ApiError), (status = 429, body = ApiError)))]
async fn login(
    State(state): State<AppState>,
    ClientAddr(address): ClientAddr,
    ApiJson(request): ApiJson<LoginRequest>,
) -> AppResult<Response> {
    let phone = Phone::parse(&request.phone).map_err(|code| AppError::field("phone", code))?;
    let limits = &state.limits;
    limits
        .check(Action::WrongPassword, &address, Some(phone.as_e164()))
        .await?;
    let user_id = match users::credentials(&state.db, &phone).await? {
        Some(found) => password::verify(request.password, found.password_hash)
            .await?
            .then_some(found.user_id),
        None => {
            password::verify_decoy(request.password).await?;
            None
        }
    };
    match user_id {
        Some(user_id) => {
            limits
                .clear(Action::WrongPassword, &address, phone.as_e164())
                .await?;
            signed_in(&state, user_id, StatusCode::OK).await
        }
        None => {
            limits
                .record(Action::WrongPassword, &address, Some(phone.as_e164()))
                .await?;
            Err(AppError::Client(
                StatusCode::UNAUTHORIZED,
                ErrorCode::WrongCredentials,
            ))
        }
    }
}

/// Ends this device's session.
#[utoipa::path(post, path = "/api/auth/logout", tag = "accounts", responses((status = 204)))]
async fn logout(State(state): State<AppState>, user: CurrentUser) -> AppResult<Response> {
    sessions::revoke(&state.db, &user.token).await?;
    Ok((
        StatusCode::NO_CONTENT,
        [(SET_COOKIE, crate::auth::clear_cookie())],
    )
        .into_response())
}

/// Ends every session of hers, on every device (a lost phone).
#[utoipa::path(post, path = "/api/auth/logout-all", tag = "accounts", responses((status = 204)))]
async fn logout_everywhere(State(state): State<AppState>, user: CurrentUser) -> AppResult<Response> {
    sessions::revoke_all(&state.db, user.id).await?;
    Ok((
        StatusCode::NO_CONTENT,
        [(SET_COOKIE, crate::auth::clear_cookie())],
    )
        .into_response())
}

const CODE_LIFETIME_SECS: i64 = 10 * 60;
/// Wrong codes before a code is dead (registering, resetting, changing her number).
pub(super) const CODE_MAX_ATTEMPTS: i64 = 5;

/// Sends a 6-digit code by SMS to any valid number: to a new one to register it, to a registered
/// one to reset her password. Answers 202 either way, so it tells nobody whether she has an account.
#[utoipa::path(post, path = "/api/auth/otp", tag = "accounts", request_body = OtpRequest,
    responses((status = 202), (status = 422, body = ApiError), (status = 429, body = ApiError)))]
async fn request_code(
    State(state): State<AppState>,
    ClientAddr(address): ClientAddr,
    ApiJson(request): ApiJson<OtpRequest>,
) -> AppResult<StatusCode> {
    let phone = Phone::parse(&request.phone).map_err(|code| AppError::field("phone", code))?;
    state
        .limits
        .take(Action::Code, &address, Some(phone.as_e164()))
        .await?;
    let code = format!("{:06}", rand::thread_rng().gen_range(0..1_000_000));
    otp::store(&state.db, &phone, &code, CODE_LIFETIME_SECS).await?;
    state.sms.send(
        &phone,
        &format!(
            "Chi hoi so: ma xac nhan cua ban la {code}. Ma co hieu luc 10 phut. Khong dua ma nay cho ai."
        ),
    );
    Ok(StatusCode::ACCEPTED)
}

/// Sets a new password with the code received by SMS; every old session ends.
#[utoipa::path(post, path = "/api/auth/otp/reset", tag = "accounts", request_body = OtpResetRequest,
    responses((status = 200, body = Me), (status = 422, body = ApiError)))]
async fn reset_with_code(
    State(state): State<AppState>,
    ApiJson(request): ApiJson<OtpResetRequest>,
) -> AppResult<Response> {
    let phone = Phone::parse(&request.phone).map_err(|code| AppError::field("phone", code))?;
    password::check_new_password(&request.new_password, &phone)
        .map_err(|code| AppError::field("new_password", code))?;
    let user = users::credentials(&state.db, &phone).await?;
    let accepted = otp::take_if_valid(&state.db, &phone, request.code.trim(), CODE_MAX_ATTEMPTS).await?;
    let (true, Some(user)) = (accepted, user) else {
        return Err(AppError::field("code", ErrorCode::InvalidCode));
    };
    let hash = password::hash(request.new_password).await?;
    users::set_password_hash(&state.db, user.user_id, &hash).await?;
    sessions::revoke_all(&state.db, user.user_id).await?;
    signed_in(&state, user.user_id, StatusCode::OK).await
}
