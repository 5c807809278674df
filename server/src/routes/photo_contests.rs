//! Photo contests: the group's admins set them up and approve entries, members enter photos,
//! those allowed vote, judges score, and at the close the weighted ranking is announced.

use std::collections::HashSet;

use axum::{extract::State, http::StatusCode};
use hoi_api::{
    error::FieldErrors,
    photo_contest::{
        EntryStatus, EntryView, PhotoContestForm, PhotoContestGroup, PhotoContestList, PhotoContestPhase,
        PhotoContestSummary, PhotoContestView,
    },
    ApiError, ErrorCode, Phone,
};
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::{
    auth::{CurrentUser, MaybeUser},
    db::{
        audit, now,
        photo_contest_entries::{self, Entry},
        photo_contest_votes, photo_contests,
        photo_contests::PhotoContest,
        to_datetime, units, users,
    },
    error::{ApiJson, ApiPath, AppError, AppResult},
    photo_contests::results,
    state::AppState,
};

mod entries;
mod judging;
mod tally;
mod voting;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(get_one, edit))
        .routes(routes!(form))
        .routes(routes!(close))
        .routes(routes!(entries::upload_photo))
        .routes(routes!(entries::enter))
        .routes(routes!(entries::entry))
        .routes(routes!(entries::decide))
        .routes(routes!(voting::vote))
        .routes(routes!(tally::tally))
        .routes(routes!(voting::signals))
        .routes(routes!(voting::void))
        .routes(routes!(judging::judging))
        .routes(routes!(judging::score))
        .routes(routes!(judging::results))
        .routes(routes!(judging::export))
}

/// The contest, with its results worked out first when the close has passed.
async fn contest_or_404(state: &AppState, id: i64) -> AppResult<PhotoContest> {
    let contest = photo_contests::get(&state.db, id)
        .await?
        .ok_or_else(AppError::not_found)?;
    if contest.results_at.is_none() && contest.phase(now()) == PhotoContestPhase::Closed {
        results::announce_if_closed(&state.db, &contest).await?;
        return photo_contests::get(&state.db, id)
            .await?
            .ok_or_else(AppError::not_found);
    }
    Ok(contest)
}

async fn entry_or_404(state: &AppState, id: i64) -> AppResult<Entry> {
    photo_contest_entries::get(&state.db, id)
        .await?
        .ok_or_else(AppError::not_found)
}

async fn managed(state: &AppState, id: i64, user: &CurrentUser) -> AppResult<PhotoContest> {
    let contest = contest_or_404(state, id).await?;
    if photo_contests::manages_group(&state.db, contest.group_id, user.id).await? {
        Ok(contest)
    } else {
        Err(AppError::forbidden())
    }
}

/// Counts are shown while voting when results are live, to everyone after the close, and to
/// the contest's admins always.
fn counts_shown(contest: &PhotoContest, can_manage: bool) -> bool {
    can_manage || contest.live_results || contest.phase(now()) == PhotoContestPhase::Closed
}

/// Who is looking, and what she may see.
struct Viewer {
    id: Option<i64>,
    can_manage: bool,
    counts: bool,
    voted: HashSet<i64>,
}

impl Viewer {
    async fn of(state: &AppState, contest: &PhotoContest, user: Option<&CurrentUser>) -> AppResult<Viewer> {
        let (can_manage, voted) = match user {
            Some(user) => (
                photo_contests::manages_group(&state.db, contest.group_id, user.id).await?,
                photo_contest_votes::voted_by(&state.db, contest.id, user.id, contest.vote_day(now()))
                    .await?
                    .into_iter()
                    .collect(),
            ),
            None => (false, HashSet::new()),
        };
        Ok(Viewer {
            id: user.map(|u| u.id),
            can_manage,
            counts: counts_shown(contest, can_manage),
            voted,
        })
    }

    fn entry(&self, contest: &PhotoContest, entry: Entry) -> EntryView {
        let mine = self.id == Some(entry.author_id);
        EntryView {
            id: entry.id,
            contest_id: contest.id,
            contest_title: contest.title.clone(),
            voted: self.voted.contains(&entry.id),
            votes: self.counts.then_some(entry.votes),
            reason: (mine || self.can_manage).then_some(entry.reason).flatten(),
            rank: entry.rank,
            title: entry.title,
            story: entry.story,
            author_name: entry.author_name,
            photos: entry.photos,
            status: entry.status,
            mine,
        }
    }
}

/// Running and recent contests, soonest close first, with the groups she may create one for.
#[utoipa::path(get, path = "/api/photo-contests", tag = "photo_contests",
    responses((status = 200, body = PhotoContestList)))]
async fn list(
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
) -> AppResult<ApiJson<PhotoContestList>> {
    let runs: Vec<(i64, String, i64)> = match &user {
        Some(user) => photo_contests::groups_she_runs(&state.db, user.id).await?,
        None => Vec::new(),
    };
    let counts = photo_contest_entries::counts(&state.db).await?;
    let mut items = Vec::new();
    for contest in photo_contests::recent(&state.db).await? {
        items.push(PhotoContestSummary {
            id: contest.id,
            group_name: photo_contests::group_name(&state.db, contest.group_id).await?,
            cover_photo_id: contest.cover_photo_id,
            phase: contest.phase(now()),
            voting_close_at: to_datetime(contest.voting_close_at),
            entry_count: counts.get(&contest.id).copied().unwrap_or(0),
            can_manage: runs.iter().any(|(group, _, _)| *group == contest.group_id),
            title: contest.title,
        });
    }
    items.sort_by_key(|c| c.phase == PhotoContestPhase::Closed);
    Ok(ApiJson(PhotoContestList {
        photo_contests: items,
        can_create_in: runs
            .into_iter()
            .map(|(id, name, unit_id)| PhotoContestGroup { id, name, unit_id })
            .collect(),
    }))
}

/// Checks the form by the shared rules, that she runs the group, and finds the judges' accounts.
async fn checked(state: &AppState, user: &CurrentUser, form: &PhotoContestForm) -> AppResult<Vec<i64>> {
    form.validate()?;
    if !photo_contests::manages_group(&state.db, form.group_id, user.id).await? {
        return Err(AppError::field("group_id", ErrorCode::Forbidden));
    }
    if let Some(unit) = form.unit_id {
        if units::get(&state.db, unit).await?.is_none() {
            return Err(AppError::field("unit_id", ErrorCode::UnknownUnit));
        }
    }
    let mut errors = FieldErrors::default();
    let mut judges = Vec::new();
    for (i, phone) in form.judge_phones.iter().enumerate() {
        let Ok(phone) = Phone::parse(phone) else { continue };
        match users::credentials(&state.db, &phone).await? {
            Some(account) => judges.push(account.user_id),
            None => errors.add(&format!("judge_phones.{i}"), ErrorCode::AccountNotFound),
        }
    }
    if !errors.is_empty() {
        return Err(errors.into());
    }
    Ok(judges)
}

/// Creates a contest for a group she administers.
#[utoipa::path(post, path = "/api/photo-contests", tag = "photo_contests", request_body = PhotoContestForm,
    responses((status = 201, body = PhotoContestView), (status = 422, body = ApiError)))]
async fn create(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiJson(form): ApiJson<PhotoContestForm>,
) -> AppResult<(StatusCode, ApiJson<PhotoContestView>)> {
    let judges = checked(&state, &user, &form).await?;
    let id = photo_contests::create(&state.db, &form, &judges, user.id).await?;
    Ok((StatusCode::CREATED, view(&state, id, Some(&user)).await?))
}

/// Rewrites the settings. The vote rule cannot change once votes are in (they were cast under it).
#[utoipa::path(put, path = "/api/photo-contests/{id}", tag = "photo_contests", request_body = PhotoContestForm,
    responses((status = 200, body = PhotoContestView), (status = 409, body = ApiError), (status = 422, body = ApiError)))]
async fn edit(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(mut form): ApiJson<PhotoContestForm>,
) -> AppResult<ApiJson<PhotoContestView>> {
    let contest = managed(&state, id, &user).await?;
    form.group_id = contest.group_id;
    let judges = checked(&state, &user, &form).await?;
    if photo_contest_votes::any(&state.db, id).await?
        && (form.vote_rule != contest.vote_rule || form.votes_per_day != contest.votes_per_day)
    {
        return Err(AppError::FieldConflict("vote_rule".into(), ErrorCode::Conflict));
    }
    photo_contests::replace(&state.db, id, &form, &judges).await?;
    state.vote_targets.forget_all();
    view(&state, id, Some(&user)).await
}

/// The settings as a form, for "Sửa cài đặt cuộc thi" (then `PUT`).
#[utoipa::path(get, path = "/api/photo-contests/{id}/form", tag = "photo_contests",
    responses((status = 200, body = PhotoContestForm), (status = 403, body = ApiError)))]
async fn form(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<ApiJson<PhotoContestForm>> {
    let c = managed(&state, id, &user).await?;
    let judges = photo_contests::judges(&state.db, id).await?;
    Ok(ApiJson(PhotoContestForm {
        group_id: c.group_id,
        title: c.title,
        rules: c.rules,
        cover_photo_id: c.cover_photo_id,
        entries_open_at: to_datetime(c.entries_open_at),
        entries_close_at: to_datetime(c.entries_close_at),
        voting_open_at: to_datetime(c.voting_open_at),
        voting_close_at: to_datetime(c.voting_close_at),
        who_enters: c.who_enters,
        who_votes: c.who_votes,
        unit_id: c.unit_id,
        entries_per_member: c.entries_per_member,
        vote_rule: c.vote_rule,
        votes_per_day: c.votes_per_day,
        live_results: c.live_results,
        judge_weight: c.judge_weight,
        criteria: c.criteria,
        judge_phones: judges
            .into_iter()
            .map(|(_, _, phone)| Phone::parse(&phone).map(|p| p.local()).unwrap_or(phone))
            .collect(),
    }))
}

/// Ends entries and voting now ("Kết thúc ngay"); the results follow within seconds.
#[utoipa::path(post, path = "/api/photo-contests/{id}/close", tag = "photo_contests",
    responses((status = 204), (status = 403, body = ApiError)))]
async fn close(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<StatusCode> {
    managed(&state, id, &user).await?;
    photo_contests::close_now(&state.db, id).await?;
    state.vote_targets.forget_all();
    audit::record(&state.db, user.id, "contest_closed", None, Some(id), "").await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn view(state: &AppState, id: i64, user: Option<&CurrentUser>) -> AppResult<ApiJson<PhotoContestView>> {
    let contest = contest_or_404(state, id).await?;
    let at = now();
    let viewer = Viewer::of(state, &contest, user).await?;
    let (may_enter, may_vote, is_judge) = match user {
        Some(user) => (
            photo_contests::admits(&state.db, &contest, contest.who_enters, user.id).await?,
            photo_contests::admits(&state.db, &contest, contest.who_votes, user.id).await?,
            photo_contests::is_judge(&state.db, id, user.id).await?,
        ),
        None => (false, false, false),
    };
    let entries = photo_contest_entries::list(&state.db, id, None, None).await?;
    let (mut mine, mut gallery, mut pending) = (Vec::new(), Vec::new(), Vec::new());
    for entry in entries {
        let is_mine = viewer.id == Some(entry.author_id);
        let status = entry.status;
        let shown = viewer.entry(&contest, entry);
        if is_mine {
            mine.push(shown.clone());
        }
        match status {
            EntryStatus::Approved => gallery.push(shown),
            EntryStatus::Pending if viewer.can_manage => pending.push(shown),
            _ => {}
        }
    }
    let votes_left_today = match (contest.daily_cap(), user) {
        (Some(cap), Some(_)) => {
            Some(cap.saturating_sub(u32::try_from(viewer.voted.len()).unwrap_or(u32::MAX)))
        }
        _ => None,
    };
    Ok(ApiJson(PhotoContestView {
        id,
        group_id: contest.group_id,
        group_name: photo_contests::group_name(&state.db, contest.group_id).await?,
        unit: match contest.unit_id {
            Some(unit) => units::get(&state.db, unit).await?,
            None => None,
        },
        judges: photo_contests::judges(&state.db, id)
            .await?
            .into_iter()
            .map(|(_, name, _)| name)
            .collect(),
        phase: contest.phase(at),
        accepting_entries: contest.accepting_entries(at),
        entries_open_at: to_datetime(contest.entries_open_at),
        entries_close_at: to_datetime(contest.entries_close_at),
        voting_open_at: to_datetime(contest.voting_open_at),
        voting_close_at: to_datetime(contest.voting_close_at),
        can_manage: viewer.can_manage,
        is_judge,
        may_enter,
        may_vote,
        votes_left_today,
        my_entries: mine,
        gallery,
        pending,
        title: contest.title,
        rules: contest.rules,
        cover_photo_id: contest.cover_photo_id,
        who_enters: contest.who_enters,
        who_votes: contest.who_votes,
        entries_per_member: contest.entries_per_member,
        vote_rule: contest.vote_rule,
        votes_per_day: contest.votes_per_day,
        live_results: contest.live_results,
        judge_weight: contest.judge_weight,
        criteria: contest.criteria,
    }))
}

/// The contest page: anyone may read it (entrants share links); what she may do depends on her.
#[utoipa::path(get, path = "/api/photo-contests/{id}", tag = "photo_contests",
    responses((status = 200, body = PhotoContestView), (status = 404, body = ApiError)))]
async fn get_one(
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<ApiJson<PhotoContestView>> {
    view(&state, id, user.as_ref()).await
}
