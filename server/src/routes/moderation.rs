//! The admin board's side of the feed: the queue, decisions, pins and announcements, answers to
//! questions, reports, the group's rules, and the audit log of all of it.

use axum::{extract::State, http::StatusCode};
use hoi_api::{
    feed::{check_text, PinRequest, PostDecision, PostKind, PostStatus, TextBody, POST_MAX_CHARS},
    groups::{optional_reason, Role},
    moderation::{
        AuditEntry, BoardCounts, FlagAction, FlagDecision, ModerationSettings, NotificationKind,
        NotificationView, Queue,
    },
    ApiError, ErrorCode,
};
use utoipa_axum::{router::OpenApiRouter, routes};

use super::access::{require_role, visible_post, DECIDERS, READERS};
use crate::{
    auth::CurrentUser,
    db::{audit, conversation, flags, groups, memberships, notifications, now, posts},
    error::{ApiJson, ApiPath, AppError, AppResult},
    events::EventKind,
    state::AppState,
};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(queue))
        .routes(routes!(board_counts))
        .routes(routes!(decide_post))
        .routes(routes!(pin))
        .routes(routes!(answer))
        .routes(routes!(decide_report))
        .routes(routes!(settings, set_settings))
        .routes(routes!(audit_log))
        .routes(routes!(my_notifications))
        .routes(routes!(mark_notifications_read))
}

/// Held posts, open reports and unanswered questions, oldest first.
#[utoipa::path(get, path = "/api/groups/{id}/queue", tag = "moderation", params(("id" = i64, Path)),
    responses((status = 200, body = Queue), (status = 403, body = ApiError)))]
async fn queue(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<ApiJson<Queue>> {
    require_role(&state, id, user.id, READERS).await?;
    Ok(ApiJson(Queue {
        posts: posts::waiting(&state.db, user.id, id, posts::Waiting::Posts).await?,
        flags: flags::open(&state.db, id).await?,
        questions: posts::waiting(&state.db, user.id, id, posts::Waiting::Questions).await?,
    }))
}

/// What waits for the board: pending members, posts, reports, unanswered questions. The app
/// refreshes it when `/api/events` says the queue changed.
#[utoipa::path(get, path = "/api/groups/{id}/board-counts", tag = "moderation", params(("id" = i64, Path)),
    responses((status = 200, body = BoardCounts), (status = 403, body = ApiError)))]
async fn board_counts(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<ApiJson<BoardCounts>> {
    require_role(&state, id, user.id, READERS).await?;
    let (posts, questions) = posts::waiting_counts(&state.db, id).await?;
    Ok(ApiJson(BoardCounts {
        members: memberships::pending_count(&state.db, id).await?,
        posts,
        flags: flags::open_count(&state.db, id).await?,
        questions,
    }))
}

/// A post the board may act on, with the decider's role checked.
async fn decidable(state: &AppState, user: i64, post_id: i64) -> AppResult<hoi_api::feed::PostView> {
    let post = visible_post(state, Some(user), post_id).await?;
    require_role(state, post.group_id, user, DECIDERS).await?;
    Ok(post)
}

/// Approves a held post, or rejects it with a reason the author sees.
#[utoipa::path(post, path = "/api/posts/{id}/decision", tag = "moderation", params(("id" = i64, Path)),
    request_body = PostDecision, responses((status = 204), (status = 403, body = ApiError), (status = 409, body = ApiError)))]
async fn decide_post(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(request): ApiJson<PostDecision>,
) -> AppResult<StatusCode> {
    let post = decidable(&state, user.id, id).await?;
    let reason =
        optional_reason(request.reason.as_deref()).map_err(|code| AppError::field("reason", code))?;
    let (status, action, kind) = if request.approve {
        (
            PostStatus::Published,
            "post.approved",
            NotificationKind::PostApproved,
        )
    } else {
        (
            PostStatus::Rejected,
            "post.rejected",
            NotificationKind::PostRejected,
        )
    };
    if !posts::set_status(&state.db, id, &[PostStatus::Pending], status, reason).await? {
        return Err(AppError::conflict(ErrorCode::Conflict));
    }
    audit::record(
        &state.db,
        user.id,
        action,
        Some(post.group_id),
        Some(id),
        reason.unwrap_or(""),
    )
    .await?;
    notifications::notify(&state.db, post.author.user_id, kind, id).await?;
    state.events.send(post.group_id, EventKind::Queue);
    if request.approve {
        state.events.send(post.group_id, EventKind::NewPost);
    }
    Ok(StatusCode::NO_CONTENT)
}

/// Pins a post, or shows it on top as an announcement for some days.
#[utoipa::path(put, path = "/api/posts/{id}/pin", tag = "moderation", params(("id" = i64, Path)),
    request_body = PinRequest, responses((status = 204), (status = 403, body = ApiError),
        (status = 409, description = "Only a published post can be pinned", body = ApiError)))]
async fn pin(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(request): ApiJson<PinRequest>,
) -> AppResult<StatusCode> {
    let post = decidable(&state, user.id, id).await?;
    if post.status != PostStatus::Published {
        return Err(AppError::conflict(ErrorCode::Conflict));
    }
    posts::set_top(&state.db, id, request.pinned, request.announcement_days).await?;
    let detail = match (request.pinned, request.announcement_days) {
        (true, _) => "pinned".to_owned(),
        (false, Some(days)) if days > 0 => format!("announcement {days} days"),
        _ => "unpinned".to_owned(),
    };
    audit::record(
        &state.db,
        user.id,
        "post.top",
        Some(post.group_id),
        Some(id),
        &detail,
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The board answers a question; the answer shows under it, marked, and the asker is told.
#[utoipa::path(post, path = "/api/posts/{id}/answer", tag = "moderation", params(("id" = i64, Path)),
    request_body = TextBody, responses((status = 204), (status = 403, body = ApiError),
        (status = 409, description = "Not a question, or answered already", body = ApiError), (status = 422, body = ApiError)))]
async fn answer(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(request): ApiJson<TextBody>,
) -> AppResult<StatusCode> {
    let post = decidable(&state, user.id, id).await?;
    if post.kind != PostKind::Question {
        return Err(AppError::conflict(ErrorCode::NotAQuestion));
    }
    let body = check_text(&request.body, POST_MAX_CHARS).map_err(|code| AppError::field("body", code))?;
    posts::answer(&state.db, id, &body, user.id).await?;
    audit::record(
        &state.db,
        user.id,
        "question.answered",
        Some(post.group_id),
        Some(id),
        "",
    )
    .await?;
    notifications::notify(
        &state.db,
        post.author.user_id,
        NotificationKind::QuestionAnswered,
        id,
    )
    .await?;
    state.events.send(post.group_id, EventKind::Queue);
    Ok(StatusCode::NO_CONTENT)
}

/// Removes the reported post or comment (and may mute or ban its author), or dismisses the report.
#[utoipa::path(post, path = "/api/flags/{id}/decision", tag = "moderation", params(("id" = i64, Path)),
    request_body = FlagDecision, responses((status = 204), (status = 403, body = ApiError), (status = 404, body = ApiError)))]
async fn decide_report(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(request): ApiJson<FlagDecision>,
) -> AppResult<StatusCode> {
    let report = flags::get_open(&state.db, id)
        .await?
        .ok_or_else(AppError::not_found)?;
    require_role(&state, report.group_id, user.id, DECIDERS).await?;
    let group = Some(report.group_id);
    if request.action == FlagAction::Dismiss {
        flags::close(&state.db, &report, "dismissed", user.id).await?;
        audit::record(&state.db, user.id, "report.dismissed", group, Some(id), "").await?;
        state.events.send(report.group_id, EventKind::Queue);
        return Ok(StatusCode::NO_CONTENT);
    }
    let author = match report.comment_id {
        Some(comment_id) => {
            let comment = conversation::get(&state.db, comment_id)
                .await?
                .ok_or_else(AppError::not_found)?;
            conversation::remove(&state.db, comment_id, report.post_id).await?;
            audit::record(
                &state.db,
                user.id,
                "comment.removed",
                group,
                Some(comment_id),
                &comment.body,
            )
            .await?;
            comment.author_id
        }
        None => {
            let post = posts::get(&state.db, user.id, report.post_id)
                .await?
                .ok_or_else(AppError::not_found)?;
            let live = [PostStatus::Pending, PostStatus::Published];
            posts::set_status(&state.db, report.post_id, &live, PostStatus::Removed, None).await?;
            audit::record(
                &state.db,
                user.id,
                "post.removed",
                group,
                Some(report.post_id),
                "",
            )
            .await?;
            notifications::notify(
                &state.db,
                post.author.user_id,
                NotificationKind::PostRemoved,
                post.id,
            )
            .await?;
            post.author.user_id
        }
    };
    flags::close(&state.db, &report, "removed", user.id).await?;
    let author_role = memberships::standing(&state.db, report.group_id, author)
        .await?
        .map(|s| s.role);
    if author_role == Some(Role::Member) {
        if request.ban {
            memberships::ban(&state.db, report.group_id, author, user.id).await?;
            audit::record(&state.db, user.id, "member.banned", group, Some(author), "").await?;
        } else if let Some(days) = request.mute_days.filter(|d| *d > 0) {
            let days = days.min(365);
            memberships::mute(
                &state.db,
                report.group_id,
                author,
                now() + i64::from(days) * 86_400,
            )
            .await?;
            audit::record(
                &state.db,
                user.id,
                "member.muted",
                group,
                Some(author),
                &format!("{days} days"),
            )
            .await?;
        }
    }
    state.events.send(report.group_id, EventKind::Queue);
    Ok(StatusCode::NO_CONTENT)
}

/// The rules that hold posts in this group (the board reads them).
#[utoipa::path(get, path = "/api/groups/{id}/moderation", tag = "moderation", params(("id" = i64, Path)),
    responses((status = 200, body = ModerationSettings), (status = 403, body = ApiError)))]
async fn settings(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<ApiJson<ModerationSettings>> {
    require_role(&state, id, user.id, READERS).await?;
    let policy = groups::policy(&state.db, id)
        .await?
        .ok_or_else(AppError::not_found)?;
    Ok(ApiJson(policy.moderation))
}

/// Changes the rules (admins only; audited).
#[utoipa::path(put, path = "/api/groups/{id}/moderation", tag = "moderation", params(("id" = i64, Path)),
    request_body = ModerationSettings, responses((status = 204), (status = 403, body = ApiError)))]
async fn set_settings(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(mut request): ApiJson<ModerationSettings>,
) -> AppResult<StatusCode> {
    require_role(&state, id, user.id, &[Role::Admin]).await?;
    request.new_member_days = request.new_member_days.min(365);
    for list in [&mut request.trusted_domains, &mut request.extra_words] {
        list.retain(|item| !item.trim().is_empty());
        list.truncate(50);
        for item in list.iter_mut() {
            *item = item.trim().to_lowercase().chars().take(100).collect();
        }
    }
    groups::set_moderation(&state.db, id, &request).await?;
    let detail = serde_json::to_string(&request).unwrap_or_default();
    audit::record(
        &state.db,
        user.id,
        "group.moderation_set",
        Some(id),
        None,
        &detail,
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Every board action in the group, newest first: who, what, when, why.
#[utoipa::path(get, path = "/api/groups/{id}/audit", tag = "moderation", params(("id" = i64, Path)),
    responses((status = 200, body = Vec<AuditEntry>), (status = 403, body = ApiError)))]
async fn audit_log(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<ApiJson<Vec<AuditEntry>>> {
    require_role(&state, id, user.id, READERS).await?;
    Ok(ApiJson(audit::for_group(&state.db, id).await?))
}

/// What happened to her posts and questions.
#[utoipa::path(get, path = "/api/notifications", tag = "moderation",
    responses((status = 200, body = Vec<NotificationView>)))]
async fn my_notifications(
    State(state): State<AppState>,
    user: CurrentUser,
) -> AppResult<ApiJson<Vec<NotificationView>>> {
    Ok(ApiJson(notifications::list(&state.db, user.id).await?))
}

#[utoipa::path(post, path = "/api/notifications/read", tag = "moderation", responses((status = 204)))]
async fn mark_notifications_read(State(state): State<AppState>, user: CurrentUser) -> AppResult<StatusCode> {
    notifications::mark_read(&state.db, user.id).await?;
    Ok(StatusCode::NO_CONTENT)
}
