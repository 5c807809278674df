//! Writing posts and reading the feeds: a group's, and "all my groups".

use axum::{
    extract::State,
    http::StatusCode,
    response::{IntoResponse, Response},
};
use hoi_api::{
    feed::{Category, Feed, FeedQuery, HoldReason, PostDraft, PostKind, PostStatus, PostView},
    moderation::NotificationKind,
    ApiError, ErrorCode,
};
use utoipa_axum::{router::OpenApiRouter, routes};

use super::access::{can_read_group, require_role, require_writer, visible_post, DECIDERS};
use crate::{
    auth::{ClientAddr, CurrentUser, MaybeUser},
    db::{
        audit, conversation,
        feed_cache::{CachedPage, PageKey},
        groups, memberships,
        memberships::Standing,
        notifications, now, photos, posts,
        posts::Scope,
    },
    error::{ApiJson, ApiPath, ApiQuery, AppError, AppResult},
    events::EventKind,
    limits::Action,
    state::AppState,
};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(group_feed, create))
        .routes(routes!(my_feed))
        .routes(routes!(my_waiting_posts))
        .routes(routes!(get_post, edit, delete))
}

const PAGE: u32 = 20;

async fn feed_page(state: &AppState, reader: i64, scope: Scope, query: &FeedQuery) -> AppResult<Feed> {
    let limit = query.limit.unwrap_or(PAGE).clamp(1, 50) as usize;
    let cursor = match query.cursor.as_deref() {
        Some(text) => {
            Some(posts::Cursor::parse(text).ok_or_else(|| AppError::field("cursor", ErrorCode::Required))?)
        }
        None => None,
    };
    let searching = query.q.as_deref().is_some_and(|q| !q.trim().is_empty());
    let first_page = cursor.is_none() && !searching && query.category.is_none();
    let top = match scope {
        Scope::Group(id) if first_page => posts::top(&state.db, reader, id).await?,
        _ => Vec::new(),
    };
    let mut rows = posts::feed(
        &state.db,
        reader,
        scope,
        query.category,
        query.q.as_deref(),
        cursor,
        limit as i64 + 1,
    )
    .await?;
    let next = if rows.len() > limit {
        rows.truncate(limit);
        rows.last().map(|(post, at)| posts::Cursor::after(post, *at))
    } else {
        None
    };
    let items = rows.into_iter().map(|(post, _)| post).collect();
    Ok(Feed { top, items, next })
}

/// A group's feed: pinned posts and announcements first (first page only), then newest first.
/// Filter by category, or search ignoring diacritics and case.
///
/// Pages without a search come from the feed cache (see `db::feed_cache`): as a signed-out
/// reader sees them, with a member's own reactions laid over.
#[utoipa::path(get, path = "/api/groups/{id}/posts", tag = "feed", params(("id" = i64, Path), FeedQuery),
    responses((status = 200, body = Feed), (status = 403, body = ApiError)))]
async fn group_feed(
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
    ApiPath(id): ApiPath<i64>,
    ApiQuery(query): ApiQuery<FeedQuery>,
) -> AppResult<Response> {
    let reader = user.map(|u| u.id);
    if query.q.as_deref().is_some_and(|q| !q.trim().is_empty()) {
        if !can_read_group(&state, id, reader).await? {
            return Err(AppError::forbidden());
        }
        let feed = feed_page(&state, reader.unwrap_or(0), Scope::Group(id), &query).await?;
        return Ok(ApiJson(feed).into_response());
    }
    let cache = &state.db.feed_cache;
    let key = PageKey {
        group_id: id,
        category: query.category.map(Category::as_str),
        cursor: query.cursor.clone(),
        limit: query.limit.unwrap_or(PAGE),
    };
    let cached = cache.get(&key);
    // A public group's cached page is what anyone may read, but a banned member.
    let allowed = match (reader, cached.as_ref().is_some_and(|page| page.public)) {
        (None, true) => true,
        (Some(reader), true) => !memberships::standing(&state.db, id, reader)
            .await?
            .is_some_and(|s| s.status == hoi_api::groups::MembershipStatus::Banned),
        (_, false) => can_read_group(&state, id, reader).await?,
    };
    if !allowed {
        return Err(AppError::forbidden());
    }
    let page = match cached {
        Some(page) => page,
        None => {
            let version = cache.version_before_read(id);
            let feed = feed_page(&state, 0, Scope::Group(id), &query).await?;
            let public = groups::policy(&state.db, id)
                .await?
                .is_some_and(|p| p.privacy == hoi_api::groups::Privacy::Public);
            let json = serde_json::to_vec(&feed).map_err(|e| AppError::Internal(e.to_string()))?;
            cache.put(key, version, CachedPage { feed, json, public })
        }
    };
    match reader {
        None => Ok((
            [(axum::http::header::CONTENT_TYPE, "application/json")],
            page.json.clone(),
        )
            .into_response()),
        Some(reader) => {
            let mut feed = page.feed.clone();
            let ids: Vec<i64> = feed.top.iter().chain(&feed.items).map(|p| p.id).collect();
            let mine = conversation::my_reactions(&state.db, reader, &ids).await?;
            for post in feed.top.iter_mut().chain(feed.items.iter_mut()) {
                post.my_reaction = mine.iter().find(|(id, _)| *id == post.id).map(|(_, kind)| *kind);
            }
            Ok(ApiJson(feed).into_response())
        }
    }
}

/// Every group she is a member of, newest first.
#[utoipa::path(get, path = "/api/feed", tag = "feed", params(FeedQuery),
    responses((status = 200, body = Feed), (status = 401, body = ApiError)))]
async fn my_feed(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiQuery(query): ApiQuery<FeedQuery>,
) -> AppResult<ApiJson<Feed>> {
    Ok(ApiJson(
        feed_page(&state, user.id, Scope::MyGroups, &query).await?,
    ))
}

/// Her posts in the group that are waiting or were rejected, with the reason: she always knows
/// where her post is.
#[utoipa::path(get, path = "/api/groups/{id}/posts/mine", tag = "feed", params(("id" = i64, Path)),
    responses((status = 200, body = Vec<PostView>)))]
async fn my_waiting_posts(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<ApiJson<Vec<PostView>>> {
    Ok(ApiJson(posts::mine_not_published(&state.db, user.id, id).await?))
}

/// Why a member's post waits: the group's approval, then the rules (links, phone numbers, money
/// words, newcomers). The board's posts never wait.
async fn hold_reasons(
    state: &AppState,
    group_id: i64,
    standing: &Standing,
    body: &str,
) -> AppResult<Vec<HoldReason>> {
    if standing.role.is_board() {
        return Ok(Vec::new());
    }
    let policy = groups::policy(&state.db, group_id)
        .await?
        .ok_or_else(AppError::not_found)?;
    let mut reasons = Vec::new();
    if policy.moderation.approve_posts {
        reasons.push(HoldReason::ApprovalRequired);
    }
    let member_days = (now() - standing.since) / 86_400;
    reasons.extend(policy.moderation.rule_holds(body, member_days));
    Ok(reasons)
}

/// Writes a post or a question to the board, with photos uploaded beforehand. It goes live, or
/// waits for the board with the reasons it waits.
#[utoipa::path(post, path = "/api/groups/{id}/posts", tag = "feed", params(("id" = i64, Path)),
    request_body = PostDraft,
    responses((status = 201, body = PostView), (status = 403, body = ApiError), (status = 422, body = ApiError)))]
async fn create(
    State(state): State<AppState>,
    user: CurrentUser,
    ClientAddr(address): ClientAddr,
    ApiPath(id): ApiPath<i64>,
    ApiJson(draft): ApiJson<PostDraft>,
) -> AppResult<(StatusCode, ApiJson<PostView>)> {
    let standing = require_writer(&state, id, user.id).await?;
    let body = draft.validate()?;
    if draft.kind == PostKind::Poll && draft.poll.is_none() {
        return Err(AppError::field("options", ErrorCode::TooFewOptions));
    }
    // Scheduling is the board's: an announcement for the morning of a meeting.
    if draft.publish_at.is_some() && !standing.role.is_board() {
        return Err(AppError::forbidden());
    }
    draft
        .check_schedule(chrono::Utc::now())
        .map_err(|code| AppError::field("publish_at", code))?;
    draft
        .check_poll_close(chrono::Utc::now())
        .map_err(|code| AppError::field("closes_at", code))?;
    let key = draft.idempotency_key.as_deref().filter(|k| !k.is_empty());
    if let Some(existing) = match key {
        Some(key) => posts::by_key(&state.db, user.id, key).await?,
        None => None,
    } {
        // A retry of a send whose answer was lost: the post exists already.
        let post = posts::get(&state.db, user.id, existing)
            .await?
            .ok_or_else(AppError::not_found)?;
        return Ok((StatusCode::CREATED, ApiJson(post)));
    }
    // Counted after the retry check: the outbox sending a lost post again is not a new post.
    state
        .limits
        .take(Action::Post, &address, Some(&user.id.to_string()))
        .await?;
    if !photos::usable(&state.db, id, user.id, &draft.photo_ids).await? {
        return Err(AppError::field("photos", ErrorCode::UnknownPhoto));
    }
    let held_for = hold_reasons(&state, id, &standing, &body).await?;
    let post_id = posts::insert(
        &state.db,
        posts::NewPost {
            group_id: id,
            author_id: user.id,
            kind: draft.kind,
            category: draft.category,
            body: &body,
            held_for: &held_for,
            idempotency_key: key,
            publish_at: draft.publish_at.map(|at| at.timestamp()),
            poll: draft.poll.as_ref(),
        },
    )
    .await?;
    if !draft.photo_ids.is_empty() {
        let attached = photos::attach(&state.db, post_id, id, user.id, &draft.photo_ids)
            .await?
            .ok_or_else(|| AppError::field("photos", ErrorCode::UnknownPhoto))?;
        posts::set_photos(&state.db, post_id, &attached).await?;
    }
    let post = posts::get(&state.db, user.id, post_id)
        .await?
        .ok_or_else(AppError::not_found)?;
    match post.status {
        PostStatus::Published => state.events.send(id, EventKind::NewPost),
        PostStatus::Pending => state.events.send(id, EventKind::Queue),
        // Its readers hear of it when it appears (`publish_scheduled`).
        _ => {}
    }
    Ok((StatusCode::CREATED, ApiJson(post)))
}

/// A post's permalink: works when opened directly, signed in or not (for public groups).
#[utoipa::path(get, path = "/api/posts/{id}", tag = "feed", params(("id" = i64, Path)),
    responses((status = 200, body = PostView), (status = 404, body = ApiError)))]
async fn get_post(
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<ApiJson<PostView>> {
    Ok(ApiJson(visible_post(&state, user.map(|u| u.id), id).await?))
}

/// The author edits her text or category; the post is marked edited. A published post goes back
/// to the queue only when a rule holds the new text (a link, a phone number, money words). A
/// scheduled post takes a new `publish_at` too (a time already past publishes it at once); for
/// a post that is out already, a new time is 409.
#[utoipa::path(put, path = "/api/posts/{id}", tag = "feed", params(("id" = i64, Path)), request_body = PostDraft,
    responses((status = 200, body = PostView), (status = 403, body = ApiError), (status = 409, body = ApiError),
        (status = 422, body = ApiError)))]
async fn edit(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(draft): ApiJson<PostDraft>,
) -> AppResult<ApiJson<PostView>> {
    let post = visible_post(&state, Some(user.id), id).await?;
    if post.author.user_id != user.id
        || !matches!(
            post.status,
            PostStatus::Published | PostStatus::Pending | PostStatus::Scheduled
        )
    {
        return Err(AppError::forbidden());
    }
    let standing = require_writer(&state, post.group_id, user.id).await?;
    let now = chrono::Utc::now();
    if draft.publish_at.is_some() {
        if post.status != PostStatus::Scheduled {
            return Err(AppError::Client(StatusCode::CONFLICT, ErrorCode::Conflict));
        }
        draft
            .check_schedule(now)
            .map_err(|code| AppError::field("publish_at", code))?;
    }
    let publish_at = draft.publish_at;
    let body = PostDraft {
        photo_ids: Vec::new(),
        idempotency_key: None,
        publish_at: None,
        // The kind stays, and so do a poll's options, which votes were cast for.
        poll: None,
        ..draft
    }
    .validate()?;
    let mut held_for = hold_reasons(&state, post.group_id, &standing, &body).await?;
    if post.status == PostStatus::Published {
        held_for.retain(|r| !matches!(r, HoldReason::ApprovalRequired | HoldReason::NewMember));
        if !held_for.is_empty() {
            held_for.insert(0, HoldReason::Edited);
        }
    }
    posts::edit(&state.db, id, draft.category, &body, &held_for).await?;
    if let Some(at) = publish_at {
        if !posts::reschedule(&state.db, id, at.timestamp()).await? {
            return Err(AppError::Client(StatusCode::CONFLICT, ErrorCode::Conflict));
        }
        publish_scheduled(&state, now.timestamp()).await?;
    }
    if !held_for.is_empty() {
        state.events.send(post.group_id, EventKind::Queue);
    }
    Ok(ApiJson(
        posts::get(&state.db, user.id, id)
            .await?
            .ok_or_else(AppError::not_found)?,
    ))
}

/// The author deletes her post, or the board removes one (written to the audit log, and she is told).
#[utoipa::path(delete, path = "/api/posts/{id}", tag = "feed", params(("id" = i64, Path)),
    responses((status = 204), (status = 403, body = ApiError)))]
async fn delete(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<StatusCode> {
    let post = visible_post(&state, Some(user.id), id).await?;
    let own = post.author.user_id == user.id;
    if !own {
        require_role(&state, post.group_id, user.id, DECIDERS).await?;
    }
    let live = [
        PostStatus::Pending,
        PostStatus::Published,
        PostStatus::Rejected,
        PostStatus::Scheduled,
    ];
    if !posts::set_status(&state.db, id, &live, PostStatus::Removed, None).await? {
        return Err(AppError::not_found());
    }
    if !own {
        audit::record(
            &state.db,
            user.id,
            "post.removed",
            Some(post.group_id),
            Some(id),
            "",
        )
        .await?;
        notifications::notify(&state.db, post.author.user_id, NotificationKind::PostRemoved, id).await?;
    }
    state.events.send(post.group_id, EventKind::Queue);
    Ok(StatusCode::NO_CONTENT)
}

/// Publishes the scheduled posts whose time has come and tells their readers (the "new posts"
/// pill). The 30-second tick calls it; so do the tests, with a later `now`.
pub async fn publish_scheduled(state: &AppState, now: i64) -> Result<(), sqlx::Error> {
    for group in posts::publish_due(&state.db, now).await? {
        state.events.send(group, EventKind::NewPost);
    }
    Ok(())
}
