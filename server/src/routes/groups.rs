//! Groups: the directory, a group's page, creating one, the verified badge, the invite QR code.

use axum::{
    extract::State,
    http::{header, StatusCode},
    response::IntoResponse,
};
use hoi_api::{
    groups::{
        CreateGroupRequest, GroupDetail, GroupQuery, GroupSummary, MembershipStatus, Role,
        SetVerifiedRequest, UpdateGroupRequest,
    },
    units::UnitLevel,
    ApiError, ErrorCode, Page,
};
use utoipa_axum::{router::OpenApiRouter, routes};

use super::access::require_role;
use crate::{
    auth::{CurrentUser, MaybeUser},
    db::{audit, groups, units},
    error::{ApiJson, ApiPath, ApiQuery, AppError, AppResult},
    state::AppState,
};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_groups, create_group))
        .routes(routes!(get_group, update_group))
        .routes(routes!(set_verified))
        .routes(routes!(invite_qr))
}

const PAGE_DEFAULT: u32 = 20;
const PAGE_MAX: u32 = 50;

/// The directory: search by group name or commune/ward, diacritics optional; `mine` for hers.
#[utoipa::path(get, path = "/api/groups", tag = "groups", params(GroupQuery),
    responses((status = 200, body = Page<GroupSummary>),
        (status = 401, description = "`mine=true` signed out", body = ApiError)))]
async fn list_groups(
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
    ApiQuery(query): ApiQuery<GroupQuery>,
) -> AppResult<ApiJson<Page<GroupSummary>>> {
    let viewer = user.map(|u| u.id);
    let mine = query.mine.unwrap_or(false);
    if mine && viewer.is_none() {
        return Err(AppError::unauthenticated());
    }
    let after = match query.cursor.as_deref() {
        Some(cursor) => cursor
            .parse()
            .map_err(|_| AppError::field("cursor", ErrorCode::MalformedJson))?,
        None => 0,
    };
    let limit = query.limit.unwrap_or(PAGE_DEFAULT).clamp(1, PAGE_MAX);
    let items = groups::list(
        &state.db,
        viewer,
        query.q.as_deref(),
        mine,
        after,
        i64::from(limit) + 1,
    )
    .await?;
    Ok(ApiJson(super::keyset_page(items, limit as usize, |g| g.id)))
}

/// Creates a group under a commune/ward or branch; she becomes its first admin.
#[utoipa::path(post, path = "/api/groups", tag = "groups", request_body = CreateGroupRequest,
    responses((status = 201, body = GroupDetail), (status = 422, body = ApiError)))]
async fn create_group(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiJson(request): ApiJson<CreateGroupRequest>,
) -> AppResult<(StatusCode, ApiJson<GroupDetail>)> {
    let valid = request.validate()?;
    let unit = units::get(&state.db, request.unit_id).await?;
    if unit.is_none_or(|u| u.level == UnitLevel::Central) {
        return Err(AppError::field("unit_id", ErrorCode::UnknownUnit));
    }
    super::covers::check(&state, request.cover_id, user.id, None).await?;
    let id = groups::create(
        &state.db,
        request.unit_id,
        &valid,
        request.privacy,
        request.cover_id,
        user.id,
    )
    .await?;
    audit::record(&state.db, user.id, "group.created", Some(id), None, &valid.name).await?;
    let detail = detail(&state, id, Some(user.id)).await?;
    Ok((StatusCode::CREATED, ApiJson(detail)))
}

async fn detail(state: &AppState, id: i64, viewer: Option<i64>) -> AppResult<GroupDetail> {
    let summary = groups::summary(&state.db, id, viewer)
        .await?
        .ok_or_else(AppError::not_found)?;
    let board = summary
        .me
        .as_ref()
        .is_some_and(|m| m.status == MembershipStatus::Active && m.role.is_board());
    let texts = groups::texts(&state.db, id)
        .await?
        .ok_or_else(AppError::not_found)?;
    Ok(GroupDetail {
        summary,
        description: texts.description,
        rules: texts.rules,
        questions: texts.questions,
        invite_path: format!("/groups/{id}"),
        board: groups::board(&state.db, id).await?,
        joining_paused: texts.joining_paused,
        verification_note: texts.verification_note.filter(|_| board),
        cover_id: texts.cover_id,
        archived: texts.archived,
    })
}

/// A group's page: anyone may read who runs it, its rules and its questions.
#[utoipa::path(get, path = "/api/groups/{id}", tag = "groups", params(("id" = i64, Path)),
    responses((status = 200, body = GroupDetail), (status = 404, body = ApiError)))]
async fn get_group(
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<ApiJson<GroupDetail>> {
    Ok(ApiJson(detail(&state, id, user.map(|u| u.id)).await?))
}

/// "Cài đặt nhóm": its admins change its name, texts, questions and privacy, and close it to
/// new members for a while. Requests already waiting stay for the board to decide.
#[utoipa::path(put, path = "/api/groups/{id}", tag = "groups", params(("id" = i64, Path)),
    request_body = UpdateGroupRequest,
    responses((status = 200, body = GroupDetail), (status = 403, body = ApiError), (status = 422, body = ApiError)))]
async fn update_group(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(request): ApiJson<UpdateGroupRequest>,
) -> AppResult<ApiJson<GroupDetail>> {
    require_role(&state, id, user.id, &[Role::Admin]).await?;
    let valid = request.validate()?;
    let current = groups::texts(&state.db, id).await?.and_then(|t| t.cover_id);
    super::covers::check(&state, request.cover_id, user.id, current).await?;
    if !groups::update(
        &state.db,
        id,
        &valid,
        request.privacy,
        request.joining_paused,
        request.cover_id,
    )
    .await?
    {
        return Err(AppError::not_found());
    }
    // A cached page remembers whether its group was public when it was read (a group just
    // closed must not go on serving its posts to visitors), and feed items show group names.
    state.db.feed_cache.touch_all();
    audit::record(&state.db, user.id, "group.edited", Some(id), None, &valid.name).await?;
    Ok(ApiJson(detail(&state, id, Some(user.id)).await?))
}

/// The verified badge, set or taken away by an admin of a unit above the group's own unit, with
/// a reason its admins read (needed unless the group is verified).
#[utoipa::path(put, path = "/api/groups/{id}/verified", tag = "groups", params(("id" = i64, Path)),
    request_body = SetVerifiedRequest,
    responses((status = 204), (status = 403, body = ApiError), (status = 422, body = ApiError)))]
async fn set_verified(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(request): ApiJson<SetVerifiedRequest>,
) -> AppResult<StatusCode> {
    let texts = groups::texts(&state.db, id)
        .await?
        .ok_or_else(AppError::not_found)?;
    if !units::verifies(&state.db, user.id, texts.unit_id).await? {
        return Err(AppError::forbidden());
    }
    let reason = request.validate()?;
    groups::set_verified(&state.db, id, request.verified, reason).await?;
    let action = if request.verified {
        "group.verified"
    } else {
        "group.unverified"
    };
    audit::record(&state.db, user.id, action, Some(id), None, reason.unwrap_or("")).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The invite QR code as SVG: scanning it opens the group page, where she decides to join.
#[utoipa::path(get, path = "/api/groups/{id}/qr.svg", tag = "groups", params(("id" = i64, Path)),
    responses((status = 200, content_type = "image/svg+xml", body = String), (status = 404, body = ApiError)))]
async fn invite_qr(State(state): State<AppState>, ApiPath(id): ApiPath<i64>) -> AppResult<impl IntoResponse> {
    groups::texts(&state.db, id)
        .await?
        .ok_or_else(AppError::not_found)?;
    let url = format!("{}/groups/{id}", state.config.public_url.trim_end_matches('/'));
    let code = qrcode::QrCode::new(url.as_bytes()).map_err(|e| AppError::Internal(e.to_string()))?;
    let svg = code
        .render::<qrcode::render::svg::Color>()
        .min_dimensions(200, 200)
        .quiet_zone(true)
        .build();
    Ok((
        [
            (header::CONTENT_TYPE, "image/svg+xml"),
            (header::CACHE_CONTROL, "public, max-age=86400"),
        ],
        svg,
    ))
}
