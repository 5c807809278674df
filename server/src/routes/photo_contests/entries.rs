//! Entries: her photos and her entry, its own page, and the admins' decision on it.

use axum::{
    body::Body,
    extract::State,
    http::{HeaderMap, StatusCode},
};
use hoi_api::{
    feed::PhotoView,
    photo_contest::{EntryDecision, EntryForm, EntryStatus, EntryView},
    ApiError, ErrorCode,
};

use super::{contest_or_404, entry_or_404, managed, Viewer};
use crate::{
    auth::{ClientAddr, CurrentUser, MaybeUser},
    db::{audit, now, photo_contest_entries, photo_contests, photo_contests::PhotoContest},
    error::{ApiJson, ApiPath, AppError, AppResult},
    routes::photos::store_upload,
    state::AppState,
};

/// Why she may not enter now, if she may not.
async fn may_enter(state: &AppState, contest: &PhotoContest, user: &CurrentUser) -> AppResult<()> {
    if !contest.accepting_entries(now()) {
        return Err(AppError::conflict(ErrorCode::EntriesClosed));
    }
    if !photo_contests::admits(&state.db, contest, contest.who_enters, user.id).await? {
        return Err(AppError::Client(StatusCode::FORBIDDEN, ErrorCode::NotEligible));
    }
    if photo_contest_entries::standing_count(&state.db, contest.id, user.id).await?
        >= contest.entries_per_member
    {
        return Err(AppError::conflict(ErrorCode::NoEntriesLeft));
    }
    Ok(())
}

/// Uploads one photo for her entry (JPEG, PNG or WebP, at most 10 MB); the entry names it.
#[utoipa::path(post, path = "/api/photo-contests/{id}/photos", tag = "photo_contests", params(("id" = i64, Path)),
    request_body(content = Vec<u8>, content_type = "image/jpeg"),
    responses((status = 201, body = PhotoView), (status = 409, body = ApiError), (status = 413, body = ApiError),
        (status = 429, body = ApiError), (status = 507, body = ApiError)))]
pub(super) async fn upload_photo(
    State(state): State<AppState>,
    user: CurrentUser,
    ClientAddr(address): ClientAddr,
    ApiPath(id): ApiPath<i64>,
    headers: HeaderMap,
    body: Body,
) -> AppResult<(StatusCode, ApiJson<PhotoView>)> {
    let contest = contest_or_404(&state, id).await?;
    may_enter(&state, &contest, &user).await?;
    let photo = store_upload(&state, contest.group_id, user.id, &address, &headers, body).await?;
    Ok((StatusCode::CREATED, ApiJson(photo)))
}

/// Sends her entry; it waits for the admins' approval.
#[utoipa::path(post, path = "/api/photo-contests/{id}/entries", tag = "photo_contests", request_body = EntryForm,
    responses((status = 201, body = EntryView), (status = 409, body = ApiError), (status = 422, body = ApiError)))]
pub(super) async fn enter(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(form): ApiJson<EntryForm>,
) -> AppResult<(StatusCode, ApiJson<EntryView>)> {
    let contest = contest_or_404(&state, id).await?;
    form.validate()?;
    may_enter(&state, &contest, &user).await?;
    let entry_id = photo_contest_entries::insert(&state.db, id, contest.group_id, user.id, &form)
        .await?
        .ok_or_else(|| AppError::field("photos", ErrorCode::UnknownPhoto))?;
    let entry = entry_or_404(&state, entry_id).await?;
    let viewer = Viewer::of(&state, &contest, Some(&user)).await?;
    Ok((StatusCode::CREATED, ApiJson(viewer.entry(&contest, entry))))
}

/// An entry's own page (the link entrants share). Approved entries are public; a pending or
/// rejected one only for its entrant and the admins.
#[utoipa::path(get, path = "/api/photo-contest-entries/{id}", tag = "photo_contests",
    responses((status = 200, body = EntryView), (status = 404, body = ApiError)))]
pub(super) async fn entry(
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<ApiJson<EntryView>> {
    let entry = entry_or_404(&state, id).await?;
    let contest = contest_or_404(&state, entry.contest_id).await?;
    let viewer = Viewer::of(&state, &contest, user.as_ref()).await?;
    if entry.status != EntryStatus::Approved && !viewer.can_manage && viewer.id != Some(entry.author_id) {
        return Err(AppError::not_found());
    }
    Ok(ApiJson(viewer.entry(&contest, entry)))
}

/// Approves or rejects a waiting entry; a rejection's reason is shown to the entrant.
#[utoipa::path(post, path = "/api/photo-contest-entries/{id}/decision", tag = "photo_contests", request_body = EntryDecision,
    responses((status = 200, body = EntryView), (status = 409, body = ApiError), (status = 422, body = ApiError)))]
pub(super) async fn decide(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(decision): ApiJson<EntryDecision>,
) -> AppResult<ApiJson<EntryView>> {
    decision.validate()?;
    let entry = entry_or_404(&state, id).await?;
    let contest = managed(&state, entry.contest_id, &user).await?;
    let (status, reason) = if decision.approve {
        (EntryStatus::Approved, None)
    } else {
        (EntryStatus::Rejected, Some(decision.reason.trim()))
    };
    if !photo_contest_entries::decide(&state.db, id, status, reason, user.id).await? {
        return Err(AppError::conflict(ErrorCode::Conflict));
    }
    state.vote_targets.forget_all();
    let action = if decision.approve {
        "entry_approved"
    } else {
        "entry_rejected"
    };
    audit::record(
        &state.db,
        user.id,
        action,
        Some(contest.group_id),
        Some(id),
        reason.unwrap_or(""),
    )
    .await?;
    let entry = entry_or_404(&state, id).await?;
    let viewer = Viewer::of(&state, &contest, Some(&user)).await?;
    Ok(ApiJson(viewer.entry(&contest, entry)))
}
