//! Her rights over her data: see everything stored about her, download it, delete her account.
//! (Correcting and withdrawing consent live with the application, in `applications`.)

use axum::{
    extract::State,
    http::{header::SET_COOKIE, StatusCode},
    response::{IntoResponse, Response},
};
use hoi_api::{
    my_data::{DeleteAccountRequest, MyData},
    ApiError, ErrorCode,
};
use serde::Deserialize;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::{
    auth::{clear_cookie, password, CurrentUser},
    db::{my_data, users},
    error::{ApiJson, ApiQuery, AppError, AppResult},
    export::download,
    state::AppState,
};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(my_data_view))
        .routes(routes!(delete_account))
}

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
struct DataQuery {
    /// `1`: answer as a file to save (du-lieu-cua-toi.json).
    download: Option<u8>,
}

/// Everything stored about her, as JSON; with `download=1`, as a file.
#[utoipa::path(get, path = "/api/me/data", tag = "profile", params(DataQuery),
    responses((status = 200, body = MyData), (status = 401, body = ApiError)))]
async fn my_data_view(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiQuery(query): ApiQuery<DataQuery>,
) -> AppResult<Response> {
    let data = my_data::collect(&state.db, user.id)
        .await?
        .ok_or_else(AppError::unauthenticated)?;
    if query.download == Some(1) {
        let json = serde_json::to_vec_pretty(&data).map_err(|e| AppError::Internal(e.to_string()))?;
        return Ok(download(json, "application/json", "du-lieu-cua-toi.json"));
    }
    Ok(ApiJson(data).into_response())
}

/// Erases her account and everything she wrote, after her password; she is signed out everywhere.
#[utoipa::path(delete, path = "/api/me", tag = "profile", request_body = DeleteAccountRequest,
    responses((status = 204), (status = 401, body = ApiError), (status = 422, body = ApiError)))]
async fn delete_account(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiJson(request): ApiJson<DeleteAccountRequest>,
) -> AppResult<Response> {
    let me = users::me(&state.db, user.id)
        .await?
        .ok_or_else(AppError::unauthenticated)?;
    let stored = users::password_hash(&state.db, user.id).await?;
    if !password::verify(request.password, stored).await? {
        return Err(AppError::field("password", ErrorCode::WrongCredentials));
    }
    let media_keys = my_data::erase_account(&state.db, user.id, &me.phone).await?;
    for key in media_keys {
        for file in [format!("{key}.jpg"), format!("{key}-thumb.jpg")] {
            if let Err(error) = state.media.remove(&file).await {
                tracing::warn!(%error, file, "could not delete an erased account's photo");
            }
        }
    }
    Ok((StatusCode::NO_CONTENT, [(SET_COOKIE, clear_cookie())]).into_response())
}
