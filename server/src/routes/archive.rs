//! Ending a group: its admins delete one in which nothing happened (a mistake, a test), and
//! archive one that has a history, which stays readable and takes nothing new (posts, comments,
//! reactions, votes, members) until they open it again.

use axum::{extract::State, http::StatusCode};
use hoi_api::{groups::ArchiveRequest, ApiError, ErrorCode};
use utoipa_axum::{router::OpenApiRouter, routes};

use super::access::require_role;
use crate::{
    auth::CurrentUser,
    db::{audit, groups, photos},
    error::{ApiJson, ApiPath, AppError, AppResult},
    state::AppState,
};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(delete_group))
        .routes(routes!(archive))
}

/// Deletes a group with no posts, no photo contest, in no quiz's or survey's audience: 409
/// `group_in_use` otherwise (archive it). Its admins only.
#[utoipa::path(delete, path = "/api/groups/{id}", tag = "groups", params(("id" = i64, Path)),
    responses((status = 204), (status = 403, body = ApiError), (status = 404, body = ApiError),
        (status = 409, body = ApiError)))]
async fn delete_group(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<StatusCode> {
    require_role(&state, id, user.id, &[hoi_api::groups::Role::Admin]).await?;
    let name = groups::summary(&state.db, id, None)
        .await?
        .map(|g| g.name)
        .unwrap_or_default();
    // Uploads never posted go with the group; their files after it.
    let files = photos::keys_of_group(&state.db, id).await?;
    if !groups::delete_if_unused(&state.db, id).await? {
        return Err(AppError::conflict(ErrorCode::GroupInUse));
    }
    for key in files {
        for file in [format!("{key}.jpg"), format!("{key}-thumb.jpg")] {
            let _ = state.media.remove(&file).await;
        }
    }
    audit::record(
        &state.db,
        user.id,
        "group.deleted",
        None,
        None,
        &format!("{id} {name}"),
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Archives the group (readable, nothing new in it: 403 `group_archived` to writers, 409 to
/// anyone asking to join) or opens it again. Its admins only.
#[utoipa::path(put, path = "/api/groups/{id}/archive", tag = "groups", params(("id" = i64, Path)),
    request_body = ArchiveRequest,
    responses((status = 204), (status = 403, body = ApiError), (status = 404, body = ApiError)))]
async fn archive(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(request): ApiJson<ArchiveRequest>,
) -> AppResult<StatusCode> {
    require_role(&state, id, user.id, &[hoi_api::groups::Role::Admin]).await?;
    groups::set_archived(&state.db, id, request.archived).await?;
    let action = if request.archived {
        "group.archived"
    } else {
        "group.reopened"
    };
    audit::record(&state.db, user.id, action, Some(id), None, "").await?;
    Ok(StatusCode::NO_CONTENT)
}
