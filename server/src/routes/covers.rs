//! Cover photos of groups and quizzes: uploaded before what they cover exists, then named by it
//! (`cover_id`). A cover is shown wherever its group or quiz is listed, so it is public.

use axum::{
    body::Body,
    extract::State,
    http::{HeaderMap, StatusCode},
    response::Response,
};
use hoi_api::{feed::PhotoView, ApiError, ErrorCode};
use utoipa_axum::{router::OpenApiRouter, routes};

use super::photos::{jpeg, store_media};
use crate::{
    auth::{ClientAddr, CurrentUser},
    db::covers,
    error::{ApiJson, ApiPath, AppError, AppResult},
    state::AppState,
};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(upload))
        .routes(routes!(display))
        .routes(routes!(thumbnail))
}

/// Uploads a cover (JPEG, PNG or WebP, at most 10 MB) for a group or a quiz she is creating or
/// editing. Answers its id, which the group's or quiz's form names in `cover_id`; one nothing
/// names is deleted after a day.
#[utoipa::path(post, path = "/api/covers", tag = "groups",
    request_body(content = Vec<u8>, content_type = "image/jpeg"),
    responses((status = 201, body = PhotoView), (status = 413, body = ApiError), (status = 415, body = ApiError),
        (status = 429, body = ApiError), (status = 507, body = ApiError)))]
async fn upload(
    State(state): State<AppState>,
    user: CurrentUser,
    ClientAddr(address): ClientAddr,
    headers: HeaderMap,
    body: Body,
) -> AppResult<(StatusCode, ApiJson<PhotoView>)> {
    let (media_key, width, height) = store_media(&state, user.id, &address, &headers, body).await?;
    let id = covers::insert(&state.db, user.id, width, height, &media_key).await?;
    Ok((StatusCode::CREATED, ApiJson(PhotoView { id, width, height })))
}

async fn serve(state: &AppState, id: i64, thumb: bool) -> AppResult<Response> {
    let key = covers::media_key(&state.db, id)
        .await?
        .ok_or_else(AppError::not_found)?;
    jpeg(state, &key, thumb, "public, max-age=31536000, immutable").await
}

#[utoipa::path(get, path = "/api/covers/{id}", tag = "groups", params(("id" = i64, Path)),
    responses((status = 200, content_type = "image/jpeg"), (status = 404, body = ApiError)))]
async fn display(State(state): State<AppState>, ApiPath(id): ApiPath<i64>) -> AppResult<Response> {
    serve(&state, id, false).await
}

/// 640 pixels on the long side, for lists.
#[utoipa::path(get, path = "/api/covers/{id}/thumb", tag = "groups", params(("id" = i64, Path)),
    responses((status = 200, content_type = "image/jpeg"), (status = 404, body = ApiError)))]
async fn thumbnail(State(state): State<AppState>, ApiPath(id): ApiPath<i64>) -> AppResult<Response> {
    serve(&state, id, true).await
}

/// Checks a form's `cover_id`: her own upload, or the cover already there. 422 on `cover`.
pub async fn check(
    state: &AppState,
    cover: Option<i64>,
    uploader: i64,
    current: Option<i64>,
) -> AppResult<()> {
    match cover {
        Some(id) if !covers::usable(&state.db, id, uploader, current).await? => {
            Err(AppError::field("cover", ErrorCode::UnknownPhoto))
        }
        _ => Ok(()),
    }
}
