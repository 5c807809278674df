//! Who is calling: the session cookie, the signed-in user, the client's address.

pub mod password;
pub mod read_only;
pub mod sms;

use std::net::SocketAddr;

use axum::{
    extract::{ConnectInfo, FromRequestParts},
    http::{header, request::Parts, HeaderMap, HeaderValue},
};
use base64::Engine;
use rand::RngCore;

use crate::{
    db::sessions,
    error::{AppError, AppResult},
    state::AppState,
};

pub const SESSION_COOKIE: &str = "hoi_session";

/// A new session token: 32 random bytes, URL-safe base64.
pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// The `Set-Cookie` value: HttpOnly so scripts never see it, SameSite=Lax so other sites cannot
/// post with it, expiring with the session's absolute limit.
pub fn session_cookie(state: &AppState, token: &str) -> HeaderValue {
    let max_age = state.config.session_max_days * 86_400;
    let secure = if state.config.https() { "; Secure" } else { "" };
    let cookie =
        format!("{SESSION_COOKIE}={token}; HttpOnly; SameSite=Lax; Path=/; Max-Age={max_age}{secure}");
    HeaderValue::from_str(&cookie).unwrap_or_else(|_| HeaderValue::from_static(""))
}

pub fn clear_cookie() -> HeaderValue {
    HeaderValue::from_static("hoi_session=; HttpOnly; SameSite=Lax; Path=/; Max-Age=0")
}

pub fn token_from(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == SESSION_COOKIE)
        .map(|(_, value)| value.to_owned())
        .filter(|value| !value.is_empty())
}

/// The signed-in user; answers 401 when there is none.
pub struct CurrentUser {
    pub id: i64,
    pub token: String,
}

/// The signed-in user when there is one (pages anyone may read).
pub struct MaybeUser(pub Option<CurrentUser>);

/// The signed-in user's id, if any (for layers that run before the handler's extractors).
pub async fn current_user_id(parts: &Parts, state: &AppState) -> AppResult<Option<i64>> {
    Ok(current(parts, state).await?.map(|user| user.id))
}

async fn current(parts: &Parts, state: &AppState) -> AppResult<Option<CurrentUser>> {
    let Some(token) = token_from(&parts.headers) else {
        return Ok(None);
    };
    let idle = state.config.session_idle_days * 86_400;
    let max = state.config.session_max_days * 86_400;
    let user = sessions::user_for(&state.db, &token, idle, max).await?;
    Ok(user.map(|id| CurrentUser { id, token }))
}

impl FromRequestParts<AppState> for CurrentUser {
    type Rejection = AppError;
    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> AppResult<Self> {
        current(parts, state).await?.ok_or_else(AppError::unauthenticated)
    }
}

impl FromRequestParts<AppState> for MaybeUser {
    type Rejection = AppError;
    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> AppResult<Self> {
        Ok(MaybeUser(current(parts, state).await?))
    }
}

/// The caller's address for rate limits: the socket's, or X-Forwarded-For behind a trusted proxy.
pub struct ClientAddr(pub String);

impl FromRequestParts<AppState> for ClientAddr {
    type Rejection = AppError;
    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> AppResult<Self> {
        let forwarded = state
            .config
            .trust_proxy
            .then(|| {
                parts
                    .headers
                    .get("x-forwarded-for")?
                    .to_str()
                    .ok()?
                    .split(',')
                    .next()
                    .map(str::trim)
            })
            .flatten()
            .map(str::to_owned);
        let socket = || {
            parts
                .extensions
                .get::<ConnectInfo<SocketAddr>>()
                .map(|ConnectInfo(a)| a.ip().to_string())
        };
        Ok(ClientAddr(
            forwarded.or_else(socket).unwrap_or_else(|| "unknown".into()),
        ))
    }
}
