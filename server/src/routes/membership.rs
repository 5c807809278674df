//! Joining a group and the admin board's side of it: the queue, decisions, roles, password resets.

use axum::{extract::State, http::StatusCode};
use hoi_api::{
    account::TemporaryPassword,
    groups::{
        optional_reason, DecideJoinRequest, JoinGroupRequest, JoinRequestView, MemberQuery, MemberView,
        MembershipStatus, MyMembership, Role, SetRoleRequest,
    },
    ApiError, ErrorCode, Page,
};
use rand::{seq::SliceRandom, Rng};
use utoipa_axum::{router::OpenApiRouter, routes};

use super::access::{require_role, DECIDERS, READERS};
use crate::{
    auth::{password, CurrentUser},
    db::{audit, groups, memberships, sessions, users},
    error::{ApiJson, ApiPath, ApiQuery, AppError, AppResult},
    events::EventKind,
    state::AppState,
};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(join, leave))
        .routes(routes!(pending_requests))
        .routes(routes!(members))
        .routes(routes!(decide))
        .routes(routes!(set_role))
        .routes(routes!(reset_password))
}

/// Asks to join, answering the group's questions. Nobody joins without asking herself.
#[utoipa::path(post, path = "/api/groups/{id}/membership", tag = "membership", params(("id" = i64, Path)),
    request_body = JoinGroupRequest,
    responses((status = 201, body = MyMembership), (status = 409, body = ApiError), (status = 422, body = ApiError)))]
async fn join(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(request): ApiJson<JoinGroupRequest>,
) -> AppResult<(StatusCode, ApiJson<MyMembership>)> {
    let texts = groups::texts(&state.db, id)
        .await?
        .ok_or_else(AppError::not_found)?;
    match memberships::get(&state.db, id, user.id).await?.map(|m| m.status) {
        Some(MembershipStatus::Active) => return Err(AppError::conflict(ErrorCode::AlreadyMember)),
        Some(MembershipStatus::Pending) => return Err(AppError::conflict(ErrorCode::RequestPending)),
        Some(MembershipStatus::Banned) => {
            return Err(AppError::Client(StatusCode::FORBIDDEN, ErrorCode::Banned))
        }
        Some(MembershipStatus::Declined) | None => {}
    }
    if texts.archived {
        return Err(AppError::conflict(ErrorCode::GroupArchived));
    }
    if texts.joining_paused {
        return Err(AppError::conflict(ErrorCode::JoiningPaused));
    }
    let answers = request.validate(texts.questions.len())?;
    if !memberships::request_join(&state.db, id, user.id, &answers).await? {
        return Err(AppError::conflict(ErrorCode::Conflict));
    }
    // The board's "Việc cần duyệt" count includes join requests.
    state.events.send(id, EventKind::Queue);
    let pending = MyMembership {
        role: Role::Member,
        status: MembershipStatus::Pending,
        decline_reason: None,
    };
    Ok((StatusCode::CREATED, ApiJson(pending)))
}

/// Withdraws her request or leaves the group. The last admin cannot leave.
#[utoipa::path(delete, path = "/api/groups/{id}/membership", tag = "membership", params(("id" = i64, Path)),
    responses((status = 204), (status = 409, body = ApiError)))]
async fn leave(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<StatusCode> {
    let membership = memberships::get(&state.db, id, user.id)
        .await?
        .ok_or_else(AppError::not_found)?;
    if membership.status == MembershipStatus::Banned {
        return Err(AppError::forbidden());
    }
    if membership.role == Role::Admin && memberships::admin_count(&state.db, id).await? <= 1 {
        return Err(AppError::conflict(ErrorCode::Conflict));
    }
    memberships::remove(&state.db, id, user.id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The pending queue with her answers, commune and Hội-member flag (admins, moderators, advisors).
#[utoipa::path(get, path = "/api/groups/{id}/requests", tag = "membership", params(("id" = i64, Path)),
    responses((status = 200, body = Vec<JoinRequestView>), (status = 403, body = ApiError)))]
async fn pending_requests(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<ApiJson<Vec<JoinRequestView>>> {
    require_role(&state, id, user.id, READERS).await?;
    let texts = groups::texts(&state.db, id)
        .await?
        .ok_or_else(AppError::not_found)?;
    Ok(ApiJson(
        memberships::pending(&state.db, id, &texts.questions).await?,
    ))
}

/// Active members, for the admin board (admins, moderators, advisors): who to promote, whose
/// password to reset.
#[utoipa::path(get, path = "/api/groups/{id}/members", tag = "membership", params(("id" = i64, Path), MemberQuery),
    responses((status = 200, body = Page<MemberView>), (status = 403, body = ApiError)))]
async fn members(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<i64>,
    ApiQuery(query): ApiQuery<MemberQuery>,
) -> AppResult<ApiJson<Page<MemberView>>> {
    require_role(&state, id, user.id, READERS).await?;
    let limit = query.limit.unwrap_or(50).clamp(1, 200) as usize;
    let items = memberships::active(&state.db, id, query.cursor.unwrap_or(0), limit as i64 + 1).await?;
    Ok(ApiJson(super::keyset_page(items, limit, |m| m.user_id)))
}

/// Approves or declines a request, with an optional reason she will see (admins and moderators).
#[utoipa::path(post, path = "/api/groups/{id}/requests/{user_id}", tag = "membership",
    params(("id" = i64, Path), ("user_id" = i64, Path)), request_body = DecideJoinRequest,
    responses((status = 204), (status = 403, body = ApiError), (status = 404, body = ApiError)))]
async fn decide(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath((id, user_id)): ApiPath<(i64, i64)>,
    ApiJson(request): ApiJson<DecideJoinRequest>,
) -> AppResult<StatusCode> {
    require_role(&state, id, user.id, DECIDERS).await?;
    let reason =
        optional_reason(request.reason.as_deref()).map_err(|code| AppError::field("reason", code))?;
    if !memberships::decide(&state.db, id, user_id, request.approve, reason, user.id).await? {
        return Err(AppError::not_found());
    }
    state.events.send(id, EventKind::Queue);
    let action = if request.approve {
        "membership.approved"
    } else {
        "membership.declined"
    };
    audit::record(
        &state.db,
        user.id,
        action,
        Some(id),
        Some(user_id),
        reason.unwrap_or(""),
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Makes a member a moderator, admin or advisor, or back (admins only).
#[utoipa::path(put, path = "/api/groups/{id}/members/{user_id}/role", tag = "membership",
    params(("id" = i64, Path), ("user_id" = i64, Path)), request_body = SetRoleRequest,
    responses((status = 204), (status = 403, body = ApiError), (status = 409, body = ApiError)))]
async fn set_role(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath((id, user_id)): ApiPath<(i64, i64)>,
    ApiJson(request): ApiJson<SetRoleRequest>,
) -> AppResult<StatusCode> {
    require_role(&state, id, user.id, &[Role::Admin]).await?;
    if user_id == user.id
        && request.role != Role::Admin
        && memberships::admin_count(&state.db, id).await? <= 1
    {
        return Err(AppError::conflict(ErrorCode::Conflict));
    }
    if !memberships::set_role(&state.db, id, user_id, request.role).await? {
        return Err(AppError::not_found());
    }
    audit::record(
        &state.db,
        user.id,
        "membership.role_set",
        Some(id),
        Some(user_id),
        request.role.as_str(),
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// For a member who forgot her password: a temporary one the admin reads out to her. Her
/// sessions end. Only plain members' passwords can be reset this way (not other board members').
#[utoipa::path(post, path = "/api/groups/{id}/members/{user_id}/password-reset", tag = "membership",
    params(("id" = i64, Path), ("user_id" = i64, Path)),
    responses((status = 200, body = TemporaryPassword), (status = 403, body = ApiError)))]
async fn reset_password(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath((id, user_id)): ApiPath<(i64, i64)>,
) -> AppResult<ApiJson<TemporaryPassword>> {
    require_role(&state, id, user.id, &[Role::Admin]).await?;
    match memberships::get(&state.db, id, user_id).await? {
        Some(m) if m.status == MembershipStatus::Active && m.role == Role::Member => {}
        Some(_) => return Err(AppError::forbidden()),
        None => return Err(AppError::not_found()),
    }
    let temporary = temporary_password();
    users::set_password_hash(&state.db, user_id, &password::hash(temporary.clone()).await?).await?;
    sessions::revoke_all(&state.db, user_id).await?;
    audit::record(
        &state.db,
        user.id,
        "member.password_reset",
        Some(id),
        Some(user_id),
        "",
    )
    .await?;
    Ok(ApiJson(TemporaryPassword {
        temporary_password: temporary,
    }))
}

/// Easy to read out over the phone: two Vietnamese words and four digits, e.g. "hoa-mai-4821".
fn temporary_password() -> String {
    const WORDS: &[&str] = &[
        "hoa", "mai", "dao", "sen", "lan", "cuc", "tre", "lua", "song", "nui", "bien", "trang",
    ];
    let mut rng = rand::thread_rng();
    let first = WORDS.choose(&mut rng).copied().unwrap_or("hoa");
    let second = WORDS.choose(&mut rng).copied().unwrap_or("sen");
    format!("{first}-{second}-{:04}", rng.gen_range(0..10_000))
}
