//! Reactions, comments with one level of replies, and members' reports.

use axum::{extract::State, http::StatusCode};
use hoi_api::{
    feed::{
        check_text, CommentView, FlagRequest, NewComment, PostStatus, ReactRequest, Reactor,
        COMMENT_MAX_CHARS, IDEMPOTENCY_KEY_MAX,
    },
    groups::REASON_MAX_CHARS,
    moderation::NotificationKind,
    ApiError,
};
use utoipa_axum::{router::OpenApiRouter, routes};

use super::access::{require_role, require_writer, visible_post, DECIDERS};
use crate::{
    auth::{ClientAddr, CurrentUser, MaybeUser},
    db::{audit, conversation, flags, memberships, notifications},
    error::{ApiJson, ApiPath, AppError, AppResult},
    events::EventKind,
    limits::Action,
    state::AppState,
};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(react, unreact))
        .routes(routes!(reactors))
        .routes(routes!(comments, add_comment))
        .routes(routes!(delete_comment))
        .routes(routes!(report))
}

/// A published post she may write under (an active member who is not muted).
async fn writable_post(state: &AppState, user: i64, post_id: i64) -> AppResult<hoi_api::feed::PostView> {
    let post = visible_post(state, Some(user), post_id).await?;
    if post.status != PostStatus::Published {
        return Err(AppError::not_found());
    }
    require_writer(state, post.group_id, user).await?;
    Ok(post)
}

/// Sets or changes her reaction to a post.
#[utoipa::path(put, path = "/api/posts/{id}/reaction", tag = "conversation", params(("id" = i64, Path)),
    request_body = ReactRequest, responses((status = 204), (status = 403, body = ApiError)))]
async fn react(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(request): ApiJson<ReactRequest>,
) -> AppResult<StatusCode> {
    writable_post(&state, user.id, id).await?;
    conversation::react(&state.db, id, user.id, Some(request.kind)).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(delete, path = "/api/posts/{id}/reaction", tag = "conversation", params(("id" = i64, Path)),
    responses((status = 204)))]
async fn unreact(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<StatusCode> {
    visible_post(&state, Some(user.id), id).await?;
    conversation::react(&state.db, id, user.id, None).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Who reacted, and how.
#[utoipa::path(get, path = "/api/posts/{id}/reactions", tag = "conversation", params(("id" = i64, Path)),
    responses((status = 200, body = Vec<Reactor>)))]
async fn reactors(
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<ApiJson<Vec<Reactor>>> {
    visible_post(&state, user.map(|u| u.id), id).await?;
    Ok(ApiJson(conversation::reactors(&state.db, id).await?))
}

/// Comments, oldest first; on a waiting post, the board's notes to the author and her replies.
#[utoipa::path(get, path = "/api/posts/{id}/comments", tag = "conversation", params(("id" = i64, Path)),
    responses((status = 200, body = Vec<CommentView>)))]
async fn comments(
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<ApiJson<Vec<CommentView>>> {
    visible_post(&state, user.map(|u| u.id), id).await?;
    Ok(ApiJson(conversation::comments(&state.db, id).await?))
}

/// Comments or replies. On a waiting post only the board (to the author) and the author write;
/// the author is told when the board comments there.
#[utoipa::path(post, path = "/api/posts/{id}/comments", tag = "conversation", params(("id" = i64, Path)),
    request_body = NewComment,
    responses((status = 201, body = Vec<CommentView>), (status = 403, body = ApiError), (status = 422, body = ApiError)))]
async fn add_comment(
    State(state): State<AppState>,
    user: CurrentUser,
    ClientAddr(address): ClientAddr,
    ApiPath(id): ApiPath<i64>,
    ApiJson(request): ApiJson<NewComment>,
) -> AppResult<(StatusCode, ApiJson<Vec<CommentView>>)> {
    state
        .limits
        .take(Action::Comment, &address, Some(&user.id.to_string()))
        .await?;
    let post = visible_post(&state, Some(user.id), id).await?;
    let board_note = match post.status {
        PostStatus::Published => {
            require_writer(&state, post.group_id, user.id).await?;
            false
        }
        PostStatus::Pending if post.author.user_id == user.id => false,
        PostStatus::Pending => {
            require_role(&state, post.group_id, user.id, DECIDERS).await?;
            true
        }
        _ => return Err(AppError::forbidden()),
    };
    let body = check_text(&request.body, COMMENT_MAX_CHARS).map_err(|code| AppError::field("body", code))?;
    let key = request
        .idempotency_key
        .as_deref()
        .filter(|k| !k.is_empty() && k.len() <= IDEMPOTENCY_KEY_MAX);
    if let Some(key) = key {
        if conversation::sent_with_key(&state.db, user.id, key).await? {
            return Ok((
                StatusCode::CREATED,
                ApiJson(conversation::comments(&state.db, id).await?),
            ));
        }
    }
    // One level of replies: a reply to a reply joins the thread of its top comment.
    let parent_id = match request.parent_id {
        Some(parent_id) => {
            let parent = conversation::get(&state.db, parent_id)
                .await?
                .filter(|c| c.post_id == id && c.published)
                .ok_or_else(AppError::not_found)?;
            Some(parent.parent_id.unwrap_or(parent_id))
        }
        None => None,
    };
    conversation::add(&state.db, id, parent_id, user.id, &body, key).await?;
    if board_note {
        notifications::notify(&state.db, post.author.user_id, NotificationKind::BoardComment, id).await?;
    }
    Ok((
        StatusCode::CREATED,
        ApiJson(conversation::comments(&state.db, id).await?),
    ))
}

/// Her own comment, or any comment for the board (audited).
#[utoipa::path(delete, path = "/api/comments/{id}", tag = "conversation", params(("id" = i64, Path)),
    responses((status = 204), (status = 403, body = ApiError)))]
async fn delete_comment(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<StatusCode> {
    let comment = conversation::get(&state.db, id)
        .await?
        .filter(|c| c.published)
        .ok_or_else(AppError::not_found)?;
    let post = visible_post(&state, Some(user.id), comment.post_id).await?;
    if comment.author_id != user.id {
        require_role(&state, post.group_id, user.id, DECIDERS).await?;
        audit::record(
            &state.db,
            user.id,
            "comment.removed",
            Some(post.group_id),
            Some(id),
            &comment.body,
        )
        .await?;
    }
    conversation::remove(&state.db, id, comment.post_id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Reports the post, or one of its comments, to the board with a reason.
#[utoipa::path(post, path = "/api/posts/{id}/flags", tag = "conversation", params(("id" = i64, Path)),
    request_body = FlagRequest, responses((status = 201), (status = 422, body = ApiError)))]
async fn report(
    State(state): State<AppState>,
    user: CurrentUser,
    ClientAddr(address): ClientAddr,
    ApiPath(id): ApiPath<i64>,
    ApiJson(request): ApiJson<FlagRequest>,
) -> AppResult<StatusCode> {
    state
        .limits
        .take(Action::Flag, &address, Some(&user.id.to_string()))
        .await?;
    let post = visible_post(&state, Some(user.id), id).await?;
    memberships::standing(&state.db, post.group_id, user.id)
        .await?
        .filter(memberships::Standing::is_active)
        .ok_or_else(AppError::forbidden)?;
    let reason =
        check_text(&request.reason, REASON_MAX_CHARS).map_err(|code| AppError::field("reason", code))?;
    if let Some(comment_id) = request.comment_id {
        conversation::get(&state.db, comment_id)
            .await?
            .filter(|c| c.post_id == id && c.published)
            .ok_or_else(AppError::not_found)?;
    }
    flags::add(&state.db, post.group_id, id, request.comment_id, user.id, &reason).await?;
    state.events.send(post.group_id, EventKind::Queue);
    Ok(StatusCode::CREATED)
}
