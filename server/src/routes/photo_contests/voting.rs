//! Voting, and the admins' defence of it: fraud signals and voided votes.

use axum::{extract::State, http::StatusCode};
use hoi_api::{
    photo_contest::{Audience, SignalsView, VoidOutcome, VoidRequest, VoteOutcome},
    ApiError, ErrorCode,
};

use super::managed;
use crate::{
    auth::{ClientAddr, CurrentUser},
    db::{
        audit, now,
        photo_contest_votes::{self, Ballot, Verdict},
        photo_contests,
        photo_contests::PhotoContest,
    },
    error::{ApiJson, ApiPath, AppError, AppResult},
    photo_contests::votes::address_label,
    state::AppState,
};

/// Votes for an entry. 201 when her vote counted; 200 with `counted: false` when it was already
/// there (a double tap, a retry, her other phone: the database's unique key decides); 409
/// `vote_limit_reached` when her votes of the day are used up. Answered after the vote is committed.
#[utoipa::path(post, path = "/api/photo-contest-entries/{id}/vote", tag = "photo_contests",
    responses((status = 201, body = VoteOutcome), (status = 200, body = VoteOutcome),
        (status = 403, body = ApiError), (status = 409, body = ApiError)))]
pub(super) async fn vote(
    State(state): State<AppState>,
    user: CurrentUser,
    address: ClientAddr,
    ApiPath(entry_id): ApiPath<i64>,
) -> AppResult<(StatusCode, ApiJson<VoteOutcome>)> {
    let target = state
        .vote_targets
        .get(&state.db, entry_id)
        .await?
        .filter(|t| t.approved)
        .ok_or_else(AppError::not_found)?;
    let contest = &target.contest;
    let at = now();
    if !contest.voting_open(at) {
        return Err(AppError::conflict(ErrorCode::VotingClosed));
    }
    // Group membership is checked by the writer, for a whole batch at once.
    let members_of = (contest.who_votes == Audience::Group).then_some(contest.group_id);
    if members_of.is_none() && !photo_contests::admits(&state.db, contest, contest.who_votes, user.id).await?
    {
        return Err(not_eligible());
    }
    let verdict = state
        .votes
        .cast(Ballot {
            contest_id: contest.id,
            entry_id,
            voter_id: user.id,
            day: contest.vote_day(at),
            cap: contest.daily_cap(),
            members_of,
            address: label_for(contest, &address),
            at_ms: chrono::Utc::now().timestamp_millis(),
        })
        .await
        .map_err(AppError::Internal)?;
    let shown = |votes: u32| (contest.live_results).then_some(votes);
    let (status, counted, votes, left) = match verdict {
        Verdict::Counted { votes, left } => (StatusCode::CREATED, true, votes, left),
        Verdict::Already { votes, left } => (StatusCode::OK, false, votes, left),
        Verdict::LimitReached => return Err(AppError::conflict(ErrorCode::VoteLimitReached)),
        Verdict::NotEligible => return Err(not_eligible()),
    };
    Ok((
        status,
        ApiJson(VoteOutcome {
            entry_id,
            counted,
            votes: shown(votes),
            votes_left_today: left,
        }),
    ))
}

/// The label a vote's address gets in this contest.
fn label_for(contest: &PhotoContest, ClientAddr(address): &ClientAddr) -> String {
    address_label(&contest.address_salt, address)
}

fn not_eligible() -> AppError {
    AppError::Client(StatusCode::FORBIDDEN, ErrorCode::NotEligible)
}

/// The fraud signals: per entry, votes from accounts created after the contest opened, many
/// accounts from one address, bursts within a minute; and the votes that raised them.
#[utoipa::path(get, path = "/api/photo-contests/{id}/signals", tag = "photo_contests",
    responses((status = 200, body = SignalsView), (status = 403, body = ApiError)))]
pub(super) async fn signals(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<ApiJson<SignalsView>> {
    let contest = managed(&state, id, &user).await?;
    let (entries, votes) = photo_contest_votes::signals(&state.db, id, contest.entries_open_at).await?;
    Ok(ApiJson(SignalsView { entries, votes }))
}

/// Voids votes with a reason: they stay in the database, marked and logged, and stop counting.
/// Nobody can set a count: this is the only way one goes down.
#[utoipa::path(post, path = "/api/photo-contests/{id}/votes/void", tag = "photo_contests", request_body = VoidRequest,
    responses((status = 200, body = VoidOutcome), (status = 403, body = ApiError), (status = 422, body = ApiError)))]
pub(super) async fn void(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(request): ApiJson<VoidRequest>,
) -> AppResult<ApiJson<VoidOutcome>> {
    request.validate()?;
    let contest = managed(&state, id, &user).await?;
    if contest.results_at.is_some() {
        return Err(AppError::conflict(ErrorCode::QuizClosed));
    }
    let reason = request.reason.trim();
    let (voided, changed) =
        photo_contest_votes::void(&state.db, id, &request.vote_ids, reason, user.id).await?;
    for (entry, votes) in changed {
        state.tallies.changed(id, entry, votes);
    }
    let detail = format!("{voided} phiếu: {reason}");
    audit::record(
        &state.db,
        user.id,
        "votes_voided",
        Some(contest.group_id),
        Some(id),
        &detail,
    )
    .await?;
    Ok(ApiJson(VoidOutcome { voided }))
}
