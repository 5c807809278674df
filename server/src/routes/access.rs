//! Who may read and act on a group's content (the checks every feed route shares), and who may
//! run a quiz or a survey for an audience.

use hoi_api::{
    feed::{PostStatus, PostView},
    groups::{Privacy, Role},
};

use crate::{
    db::{audiences, groups, memberships, memberships::Standing, posts},
    error::{AppError, AppResult},
    state::AppState,
};

/// The admin board and its advisors: they see the queues.
pub const READERS: &[Role] = &[Role::Admin, Role::Moderator, Role::Advisor];
/// Those who decide (advisors only watch).
pub const DECIDERS: &[Role] = &[Role::Admin, Role::Moderator];

/// Her active standing in the group, when her role is in `allowed`; 404 for no group, 403 otherwise.
pub async fn require_role(
    state: &AppState,
    group_id: i64,
    user_id: i64,
    allowed: &[Role],
) -> AppResult<Standing> {
    groups::policy(&state.db, group_id)
        .await?
        .ok_or_else(AppError::not_found)?;
    match memberships::standing(&state.db, group_id, user_id).await? {
        Some(standing) if standing.is_active() && allowed.contains(&standing.role) => Ok(standing),
        _ => Err(AppError::forbidden()),
    }
}

/// Whether she may read the group's published posts: anyone for a public group, active members
/// for a closed one. Banned members read neither.
pub async fn can_read_group(state: &AppState, group_id: i64, reader: Option<i64>) -> AppResult<bool> {
    let standing = match reader {
        Some(id) => memberships::standing(&state.db, group_id, id).await?,
        None => None,
    };
    match standing {
        Some(s) if s.status == hoi_api::groups::MembershipStatus::Banned => return Ok(false),
        Some(s) if s.is_active() => return Ok(true),
        _ => {}
    }
    let policy = groups::policy(&state.db, group_id)
        .await?
        .ok_or_else(AppError::not_found)?;
    Ok(policy.privacy == Privacy::Public)
}

/// A post she may see: published in a group she can read, or her own, or any post of a group
/// whose board she sits on. Anything else is a 404, so hidden posts do not show they exist.
pub async fn visible_post(state: &AppState, reader: Option<i64>, post_id: i64) -> AppResult<PostView> {
    let post = posts::get(&state.db, reader.unwrap_or(0), post_id)
        .await?
        .ok_or_else(AppError::not_found)?;
    if reader == Some(post.author.user_id) && post.status != PostStatus::Removed {
        return Ok(post);
    }
    if post.status == PostStatus::Published && can_read_group(state, post.group_id, reader).await? {
        return Ok(post);
    }
    if let Some(reader) = reader {
        if require_role(state, post.group_id, reader, READERS).await.is_ok() {
            return Ok(post);
        }
    }
    Err(AppError::not_found())
}

/// Her standing when she may write in the group (post, comment, react, report): an active member
/// who is not muted.
pub async fn require_writer(state: &AppState, group_id: i64, user_id: i64) -> AppResult<Standing> {
    let standing = memberships::standing(&state.db, group_id, user_id)
        .await?
        .filter(Standing::is_active)
        .ok_or_else(AppError::forbidden)?;
    if standing.is_muted() {
        return Err(AppError::Client(
            axum::http::StatusCode::FORBIDDEN,
            hoi_api::ErrorCode::Muted,
        ));
    }
    require_open(state, group_id).await?;
    Ok(standing)
}

/// 403 `group_archived` for a group its admins archived: nothing new is written in it.
pub async fn require_open(state: &AppState, group_id: i64) -> AppResult<()> {
    if groups::policy(&state.db, group_id)
        .await?
        .is_some_and(|p| p.archived)
    {
        return Err(AppError::Client(
            axum::http::StatusCode::FORBIDDEN,
            hoi_api::ErrorCode::GroupArchived,
        ));
    }
    Ok(())
}

/// That she runs every group and unit an audience names (a quiz's or a survey's): 422 on
/// `audience` otherwise.
pub async fn require_runs(
    state: &AppState,
    user_id: i64,
    group_ids: &[i64],
    unit_ids: &[i64],
) -> AppResult<()> {
    if audiences::may_run_for(&state.db, user_id, group_ids, unit_ids).await? {
        Ok(())
    } else {
        Err(AppError::field("audience", hoi_api::ErrorCode::Forbidden))
    }
}
