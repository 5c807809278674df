//! Polls: a poll post's options and counts as she may see them, and her ballot. Each vote tells
//! the group's open apps (`poll` event), so the counts move on every phone.

use axum::{extract::State, http::StatusCode};
use hoi_api::{
    feed::{PostStatus, PostView},
    poll::{choices, PollResults, PollView, PollVote},
    ApiError, ErrorCode,
};
use utoipa_axum::{router::OpenApiRouter, routes};

use super::access::{visible_post, READERS};
use crate::{
    auth::{CurrentUser, MaybeUser},
    db::{groups, memberships, memberships::Standing, now, polls, to_datetime},
    error::{ApiJson, ApiPath, AppError, AppResult},
    events::EventKind,
    state::AppState,
};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(get_poll, vote, change_vote))
}

/// The poll of a post she may see, as she may see it.
async fn poll_view(state: &AppState, reader: Option<i64>, post: &PostView) -> AppResult<PollView> {
    let poll = polls::get(&state.db, post.id)
        .await?
        .ok_or_else(AppError::not_found)?;
    let closed = poll.closed(now());
    let (counts, voters) = polls::tally(&state.db, post.id, poll.options.len()).await?;
    let archived = groups::policy(&state.db, post.group_id)
        .await?
        .is_some_and(|p| p.archived);
    let (mine, member, runs) = match reader {
        Some(reader) => {
            // One read of her standing says both whether she votes and whether she runs it.
            let active = memberships::standing(&state.db, post.group_id, reader)
                .await?
                .filter(Standing::is_active);
            (
                polls::ballot(&state.db, post.id, reader).await?.unwrap_or(0),
                active.is_some(),
                reader == post.author.user_id || active.is_some_and(|s| READERS.contains(&s.role)),
            )
        }
        None => (0, false, false),
    };
    // Those who run it always see the counts; the others after their vote or after the close.
    let shown = closed || runs || (poll.results == PollResults::AfterVote && mine != 0);
    Ok(PollView {
        post_id: post.id,
        options: poll.options,
        multiple: poll.multiple,
        closes_at: poll.closes_at.map(to_datetime),
        results: poll.results,
        closed,
        voters,
        counts: shown.then_some(counts),
        mine: choices(mine),
        can_vote: member && !closed && !archived && post.status == PostStatus::Published,
    })
}

/// A poll post's options, rules and, when they are hers to see, its counts. Read like its post:
/// 404 for a post she may not see or one that is not a poll.
#[utoipa::path(get, path = "/api/posts/{id}/poll", tag = "polls", params(("id" = i64, Path)),
    responses((status = 200, body = PollView), (status = 404, body = ApiError)))]
async fn get_poll(
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<ApiJson<PollView>> {
    let reader = user.map(|u| u.id);
    let post = visible_post(&state, reader, id).await?;
    Ok(ApiJson(poll_view(&state, reader, &post).await?))
}

/// Checks a ballot against the poll she may vote in, and returns its bits.
async fn checked_ballot(state: &AppState, user: i64, id: i64, vote: &PollVote) -> AppResult<(PostView, u16)> {
    let post = visible_post(state, Some(user), id).await?;
    let poll = polls::get(&state.db, id).await?.ok_or_else(AppError::not_found)?;
    let member = memberships::standing(&state.db, post.group_id, user)
        .await?
        .is_some_and(|s| Standing::is_active(&s));
    if !member || post.status != PostStatus::Published {
        return Err(AppError::forbidden());
    }
    super::access::require_open(state, post.group_id).await?;
    if poll.closed(now()) {
        return Err(AppError::Client(StatusCode::CONFLICT, ErrorCode::PollClosed));
    }
    let bits = vote
        .ballot(poll.options.len(), poll.multiple)
        .map_err(|code| AppError::field("choices", code))?;
    Ok((post, bits))
}

/// Her first vote: a second is 409 `already_voted` (she changes it with `PUT`), so a phone that
/// did not know of her vote from another one shows it instead of overwriting it. Active members
/// of the group vote, until the close (409 `poll_closed`).
#[utoipa::path(post, path = "/api/posts/{id}/poll/vote", tag = "polls", params(("id" = i64, Path)),
    request_body = PollVote,
    responses((status = 201, body = PollView), (status = 403, body = ApiError), (status = 404, body = ApiError),
        (status = 409, body = ApiError), (status = 422, body = ApiError)))]
async fn vote(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(vote): ApiJson<PollVote>,
) -> AppResult<(StatusCode, ApiJson<PollView>)> {
    let view = cast(&state, user.id, id, &vote, false).await?;
    Ok((StatusCode::CREATED, ApiJson(view)))
}

/// Writes her ballot (her first, or with `change` her choices now) and tells the group's apps.
async fn cast(state: &AppState, user: i64, id: i64, vote: &PollVote, change: bool) -> AppResult<PollView> {
    let (post, bits) = checked_ballot(state, user, id, vote).await?;
    if !polls::write(&state.db, id, user, bits, now(), change).await? {
        return Err(AppError::Client(StatusCode::CONFLICT, ErrorCode::AlreadyVoted));
    }
    state.events.send(post.group_id, EventKind::Poll(id));
    poll_view(state, Some(user), &post).await
}

/// Her vote set to these choices, new or changed, until the close: how she changes her mind.
#[utoipa::path(put, path = "/api/posts/{id}/poll/vote", tag = "polls", params(("id" = i64, Path)),
    request_body = PollVote,
    responses((status = 200, body = PollView), (status = 403, body = ApiError), (status = 404, body = ApiError),
        (status = 409, body = ApiError), (status = 422, body = ApiError)))]
async fn change_vote(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(vote): ApiJson<PollVote>,
) -> AppResult<ApiJson<PollView>> {
    Ok(ApiJson(cast(&state, user.id, id, &vote, true).await?))
}
