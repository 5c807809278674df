//! Advisors (ban cố vấn, giám sát) watch and change nothing. An account that advises a group or a
//! unit gets 403 on every write of the API, before its body is even read, except what stays hers
//! as a person: signing in and out, her own profile and password, erasing her account and
//! withdrawing a consent (rights the data-protection law gives her), marking her notifications read,
//! and declining a unit's role she was named to (taking herself off it).
//!
//! One layer instead of a check in each handler: a write endpoint added later is covered without
//! anyone remembering to, and the test walks every write operation of the OpenAPI document.

use axum::{
    extract::{Request, State},
    http::Method,
    middleware::Next,
    response::{IntoResponse, Response},
};

use super::current_user_id;
use crate::{error::AppError, state::AppState};

/// The writes an advisor keeps, as a person rather than in her role.
pub fn personal(method: &Method, path: &str) -> bool {
    path.starts_with("/api/auth/")
        || path == "/api/me"
        || path == "/api/me/password"
        || path == "/api/notifications/read"
        || path == "/api/hoi/applications/mine/seen"
        || (method == Method::DELETE
            && path.starts_with("/api/hoi/applications/")
            && path.contains("/consents/"))
}

pub async fn advisors_read_only(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let method = request.method();
    if matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
        || personal(method, request.uri().path())
    {
        return next.run(request).await;
    }
    let (parts, body) = request.into_parts();
    match current_user_id(&parts, &state).await {
        Ok(Some(user)) if declines_own_role(&parts.method, parts.uri.path(), user) => {}
        Ok(Some(user)) => match is_advisor(&state, user).await {
            Ok(true) => return AppError::forbidden().into_response(),
            Ok(false) => {}
            Err(error) => return AppError::from(error).into_response(),
        },
        Ok(None) => {}
        Err(error) => return error.into_response(),
    }
    next.run(Request::from_parts(parts, body)).await
}

/// `DELETE /api/units/{id}/people/{her own id}`: she was named and does not want the role.
fn declines_own_role(method: &Method, path: &str, user: i64) -> bool {
    let parts: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    method == Method::DELETE
        && matches!(parts.as_slice(), ["api", "units", _, "people", id] if id.parse() == Ok(user))
}

/// Whether she advises any group or unit.
async fn is_advisor(state: &AppState, user_id: i64) -> Result<bool, sqlx::Error> {
    let found: Option<i64> = sqlx::query_scalar(
        "SELECT group_id FROM memberships WHERE user_id = $1 AND status = 'active' AND role = 'advisor' \
         UNION ALL SELECT unit_id FROM unit_advisors WHERE user_id = $1 LIMIT 1",
    )
    .bind(user_id)
    .fetch_optional(&state.db.pool)
    .await?;
    Ok(found.is_some())
}
