//! Photo upload and delivery. Uploads come as the raw image body (the app has already shrunk
//! them); see `crate::photos` for the checks.

use axum::{
    body::Body,
    extract::State,
    http::{header, HeaderMap, StatusCode},
    response::{IntoResponse, Response},
};
use hoi_api::{
    feed::{PhotoView, PostStatus},
    ApiError, ErrorCode,
};
use utoipa_axum::{router::OpenApiRouter, routes};

use super::access::{can_read_group, require_role, require_writer, READERS};
use crate::{
    auth::{ClientAddr, CurrentUser, MaybeUser},
    db::{photos as stored, posts},
    error::{ApiJson, ApiPath, AppError, AppResult},
    limits::Action,
    media,
    photos::{process, Processed, MAX_UPLOAD_BYTES},
    state::AppState,
};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(upload))
        .routes(routes!(display))
        .routes(routes!(thumbnail))
}

fn too_large() -> AppError {
    AppError::Client(StatusCode::PAYLOAD_TOO_LARGE, ErrorCode::PhotoTooLarge)
}

/// Uploads one photo (JPEG, PNG or WebP, at most 10 MB and 40 megapixels) for a post she is
/// writing. Answers its id and size; the post names it in `photo_ids`.
#[utoipa::path(post, path = "/api/groups/{id}/photos", tag = "feed", params(("id" = i64, Path)),
    request_body(content = Vec<u8>, content_type = "image/jpeg"),
    responses((status = 201, body = PhotoView), (status = 413, body = ApiError), (status = 415, body = ApiError),
        (status = 429, body = ApiError), (status = 507, body = ApiError)))]
async fn upload(
    State(state): State<AppState>,
    user: CurrentUser,
    ClientAddr(address): ClientAddr,
    ApiPath(id): ApiPath<i64>,
    headers: HeaderMap,
    body: Body,
) -> AppResult<(StatusCode, ApiJson<PhotoView>)> {
    require_writer(&state, id, user.id).await?;
    let photo = store_upload(&state, id, user.id, &address, &headers, body).await?;
    Ok((StatusCode::CREATED, ApiJson(photo)))
}

/// Checks, shrinks and stores an uploaded photo under the group; the caller has checked she may.
/// Shared by posts and photo contest entries.
pub async fn store_upload(
    state: &AppState,
    group_id: i64,
    uploader: i64,
    address: &str,
    headers: &HeaderMap,
    body: Body,
) -> AppResult<PhotoView> {
    let (media_key, width, height) = store_media(state, uploader, address, headers, body).await?;
    let id = stored::insert(&state.db, group_id, uploader, width, height, &media_key).await?;
    Ok(PhotoView { id, width, height })
}

/// Checks, shrinks and stores an upload's two sizes in the media store: its key and size. The
/// caller writes the record (a post's photo, a cover).
pub async fn store_media(
    state: &AppState,
    uploader: i64,
    address: &str,
    headers: &HeaderMap,
    body: Body,
) -> AppResult<(String, u32, u32)> {
    state
        .limits
        .take(Action::Upload, address, Some(&uploader.to_string()))
        .await?;
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|length| length > MAX_UPLOAD_BYTES) {
        return Err(too_large());
    }
    let bytes = axum::body::to_bytes(body, MAX_UPLOAD_BYTES)
        .await
        .map_err(|_| too_large())?;
    let processed = tokio::task::spawn_blocking(move || process(&bytes))
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?
        .map_err(|code| {
            let status = match code {
                ErrorCode::PhotoTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
                ErrorCode::NotAnImage => StatusCode::UNSUPPORTED_MEDIA_TYPE,
                _ => StatusCode::UNPROCESSABLE_ENTITY,
            };
            AppError::Client(status, code)
        })?;
    // A random key: photo ids are guessable, media keys are not.
    let media_key = format!("photos/{:032x}", rand::random::<u128>());
    let Processed {
        width,
        height,
        display,
        thumb,
    } = processed;
    let files = [
        (format!("{media_key}.jpg"), display),
        (format!("{media_key}-thumb.jpg"), thumb),
    ];
    let mut stored_files: Vec<String> = Vec::new();
    for (file, bytes) in files {
        if let Err(error) = state.media.put(&file, bytes).await {
            // Half a photo is no photo: what this upload stored goes; earlier photos stay.
            for done in &stored_files {
                let _ = state.media.remove(done).await;
            }
            return Err(if media::is_full(&error) {
                tracing::error!("media: out of room: {error}");
                AppError::Client(StatusCode::INSUFFICIENT_STORAGE, ErrorCode::StorageFull)
            } else {
                AppError::Internal(format!("media: {error}"))
            });
        }
        stored_files.push(file);
    }
    Ok((media_key, width, height))
}

/// Serves a photo to whoever may see its post (or its uploader, before the post exists); a photo
/// contest's cover and its approved entries' photos to anyone, since entrants share their links.
async fn serve(state: &AppState, reader: Option<i64>, id: i64, thumb: bool) -> AppResult<Response> {
    let photo = stored::get(&state.db, id)
        .await?
        .ok_or_else(AppError::not_found)?;
    let allowed = reader == Some(photo.uploader_id)
        || match photo.post_id {
            Some(post_id) => {
                let published = posts::status(&state.db, post_id).await? == Some(PostStatus::Published);
                (published && can_read_group(state, photo.group_id, reader).await?)
                    || match reader {
                        Some(reader) => require_role(state, photo.group_id, reader, READERS).await.is_ok(),
                        None => false,
                    }
            }
            None => {
                stored::is_public_contest_photo(&state.db, id).await?
                    // An entry's photo before approval: the group's board decides on it.
                    || match (photo.entry_id, reader) {
                        (Some(_), Some(reader)) => require_role(state, photo.group_id, reader, READERS).await.is_ok(),
                        _ => false,
                    }
            }
        };
    if !allowed {
        return Err(AppError::not_found());
    }
    jpeg(
        state,
        &photo.media_key,
        thumb,
        "private, max-age=31536000, immutable",
    )
    .await
}

/// A stored photo's bytes in one size, as an answer with its caching (a photo never changes
/// under its id).
pub async fn jpeg(
    state: &AppState,
    media_key: &str,
    thumb: bool,
    cache: &'static str,
) -> AppResult<Response> {
    let file = format!("{media_key}{}.jpg", if thumb { "-thumb" } else { "" });
    let bytes = state
        .media
        .get(&file)
        .await
        .map_err(|e| AppError::Internal(format!("media: {e}")))?
        .ok_or_else(AppError::not_found)?;
    Ok((
        [
            (header::CONTENT_TYPE, "image/jpeg"),
            (header::CACHE_CONTROL, cache),
        ],
        bytes,
    )
        .into_response())
}

#[utoipa::path(get, path = "/api/photos/{id}", tag = "feed", params(("id" = i64, Path)),
    responses((status = 200, content_type = "image/jpeg"), (status = 404, body = ApiError)))]
async fn display(
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<Response> {
    serve(&state, user.map(|u| u.id), id, false).await
}

/// The feed's size: 640 pixels on the long side.
#[utoipa::path(get, path = "/api/photos/{id}/thumb", tag = "feed", params(("id" = i64, Path)),
    responses((status = 200, content_type = "image/jpeg"), (status = 404, body = ApiError)))]
async fn thumbnail(
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<Response> {
    serve(&state, user.map(|u| u.id), id, true).await
}
