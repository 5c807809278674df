//! Photo contests: the group's admins set them up and approve entries, members enter photos,
//! those allowed vote, judges score, and at the close the weighted ranking is announced.

use std::collections::HashSet;

use axum::{
    body::Body,
    extract::State,
    http::{HeaderMap, StatusCode},
    response::Response,
};
use hoi_api::{
    contest::{
        ContestForm, ContestGroup, ContestList, ContestPhase, ContestResults, ContestSummary, ContestView,
        EntryDecision, EntryForm, EntryStatus, EntryView, JudgeEntry, JudgeSheet, ScoreRequest,
    },
    error::FieldErrors,
    feed::PhotoView,
    ApiError, ErrorCode, Phone,
};
use utoipa_axum::{router::OpenApiRouter, routes};

use super::photos::store_upload;
use crate::{
    auth::{ClientAddr, CurrentUser, MaybeUser},
    contest_results,
    db::{
        audit,
        contest_entries::{self, Entry},
        contest_votes, contests,
        contests::Contest,
        now, to_datetime, units, users,
    },
    error::{ApiJson, ApiPath, ApiQuery, AppError, AppResult},
    export::{Cell, ExportQuery, Table},
    state::AppState,
    votes::address_label,
};

mod tally;
mod voting;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(get_one, edit))
        .routes(routes!(form))
        .routes(routes!(close))
        .routes(routes!(upload_photo))
        .routes(routes!(enter))
        .routes(routes!(entry))
        .routes(routes!(decide))
        .routes(routes!(voting::vote))
        .routes(routes!(tally::tally))
        .routes(routes!(voting::signals))
        .routes(routes!(voting::void))
        .routes(routes!(judging))
        .routes(routes!(score))
        .routes(routes!(results))
        .routes(routes!(export))
}

/// The contest, with its results worked out first when the close has passed.
async fn contest_or_404(state: &AppState, id: i64) -> AppResult<Contest> {
    let contest = contests::get(&state.db, id)
        .await?
        .ok_or_else(AppError::not_found)?;
    if contest.results_at.is_none() && contest.phase(now()) == ContestPhase::Closed {
        contest_results::announce_if_closed(&state.db, &contest).await?;
        return contests::get(&state.db, id)
            .await?
            .ok_or_else(AppError::not_found);
    }
    Ok(contest)
}

async fn managed(state: &AppState, id: i64, user: &CurrentUser) -> AppResult<Contest> {
    let contest = contest_or_404(state, id).await?;
    if contests::manages_group(&state.db, contest.group_id, user.id).await? {
        Ok(contest)
    } else {
        Err(AppError::forbidden())
    }
}

/// Counts are shown while voting when results are live, to everyone after the close, and to
/// the contest's admins always.
fn counts_shown(contest: &Contest, can_manage: bool) -> bool {
    can_manage || contest.live_results || contest.phase(now()) == ContestPhase::Closed
}

/// Who is looking, and what she may see.
struct Viewer {
    id: Option<i64>,
    can_manage: bool,
    counts: bool,
    voted: HashSet<i64>,
}

impl Viewer {
    async fn of(state: &AppState, contest: &Contest, user: Option<&CurrentUser>) -> AppResult<Viewer> {
        let (can_manage, voted) = match user {
            Some(user) => (
                contests::manages_group(&state.db, contest.group_id, user.id).await?,
                contest_votes::voted_by(&state.db, contest.id, user.id, contest.vote_day(now()))
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

    fn entry(&self, contest: &Contest, entry: Entry) -> EntryView {
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
#[utoipa::path(get, path = "/api/contests", tag = "contests",
    responses((status = 200, body = ContestList)))]
async fn list(State(state): State<AppState>, MaybeUser(user): MaybeUser) -> AppResult<ApiJson<ContestList>> {
    let runs: Vec<(i64, String, i64)> = match &user {
        Some(user) => contests::groups_she_runs(&state.db, user.id).await?,
        None => Vec::new(),
    };
    let counts = contest_entries::counts(&state.db).await?;
    let mut items = Vec::new();
    for contest in contests::recent(&state.db).await? {
        items.push(ContestSummary {
            id: contest.id,
            group_name: contests::group_name(&state.db, contest.group_id).await?,
            cover_photo_id: contest.cover_photo_id,
            phase: contest.phase(now()),
            voting_close_at: to_datetime(contest.voting_close_at),
            entry_count: counts.get(&contest.id).copied().unwrap_or(0),
            can_manage: runs.iter().any(|(group, _, _)| *group == contest.group_id),
            title: contest.title,
        });
    }
    items.sort_by_key(|c| c.phase == ContestPhase::Closed);
    Ok(ApiJson(ContestList {
        contests: items,
        can_create_in: runs
            .into_iter()
            .map(|(id, name, unit_id)| ContestGroup { id, name, unit_id })
            .collect(),
    }))
}

/// Checks the form by the shared rules, that she runs the group, and finds the judges' accounts.
async fn checked(state: &AppState, user: &CurrentUser, form: &ContestForm) -> AppResult<Vec<i64>> {
    form.validate()?;
    if !contests::manages_group(&state.db, form.group_id, user.id).await? {
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
#[utoipa::path(post, path = "/api/contests", tag = "contests", request_body = ContestForm,
    responses((status = 201, body = ContestView), (status = 422, body = ApiError)))]
async fn create(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiJson(form): ApiJson<ContestForm>,
) -> AppResult<(StatusCode, ApiJson<ContestView>)> {
    let judges = checked(&state, &user, &form).await?;
    let id = contests::create(&state.db, &form, &judges, user.id).await?;
    Ok((StatusCode::CREATED, view(&state, id, Some(&user)).await?))
}

/// Rewrites the settings. The vote rule cannot change once votes are in (they were cast under it).
#[utoipa::path(put, path = "/api/contests/{id}", tag = "contests", request_body = ContestForm,
    responses((status = 200, body = ContestView), (status = 409, body = ApiError), (status = 422, body = ApiError)))]
async fn edit(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(mut form): ApiJson<ContestForm>,
) -> AppResult<ApiJson<ContestView>> {
    let contest = managed(&state, id, &user).await?;
    form.group_id = contest.group_id;
    let judges = checked(&state, &user, &form).await?;
    if contest_votes::any(&state.db, id).await?
        && (form.vote_rule != contest.vote_rule || form.votes_per_day != contest.votes_per_day)
    {
        return Err(AppError::FieldConflict("vote_rule", ErrorCode::Conflict));
    }
    contests::replace(&state.db, id, &form, &judges).await?;
    state.vote_targets.forget_all();
    view(&state, id, Some(&user)).await
}

/// The settings as a form, for "Sửa cuộc thi".
#[utoipa::path(get, path = "/api/contests/{id}/form", tag = "contests",
    responses((status = 200, body = ContestForm), (status = 403, body = ApiError)))]
async fn form(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<ApiJson<ContestForm>> {
    let c = managed(&state, id, &user).await?;
    let judges = contests::judges(&state.db, id).await?;
    Ok(ApiJson(ContestForm {
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
#[utoipa::path(post, path = "/api/contests/{id}/close", tag = "contests",
    responses((status = 204), (status = 403, body = ApiError)))]
async fn close(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<StatusCode> {
    managed(&state, id, &user).await?;
    contests::close_now(&state.db, id).await?;
    state.vote_targets.forget_all();
    audit::record(&state.db, user.id, "contest_closed", None, Some(id), "").await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn view(state: &AppState, id: i64, user: Option<&CurrentUser>) -> AppResult<ApiJson<ContestView>> {
    let contest = contest_or_404(state, id).await?;
    let at = now();
    let viewer = Viewer::of(state, &contest, user).await?;
    let (may_enter, may_vote, is_judge) = match user {
        Some(user) => (
            contests::admits(&state.db, &contest, contest.who_enters, user.id).await?,
            contests::admits(&state.db, &contest, contest.who_votes, user.id).await?,
            contests::is_judge(&state.db, id, user.id).await?,
        ),
        None => (false, false, false),
    };
    let entries = contest_entries::list(&state.db, id, None, None).await?;
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
    Ok(ApiJson(ContestView {
        id,
        group_id: contest.group_id,
        group_name: contests::group_name(&state.db, contest.group_id).await?,
        unit: match contest.unit_id {
            Some(unit) => units::get(&state.db, unit).await?,
            None => None,
        },
        judges: contests::judges(&state.db, id)
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
#[utoipa::path(get, path = "/api/contests/{id}", tag = "contests",
    responses((status = 200, body = ContestView), (status = 404, body = ApiError)))]
async fn get_one(
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<ApiJson<ContestView>> {
    view(&state, id, user.as_ref()).await
}

/// Why she may not enter now, if she may not.
async fn may_enter(state: &AppState, contest: &Contest, user: &CurrentUser) -> AppResult<()> {
    if !contest.accepting_entries(now()) {
        return Err(AppError::conflict(ErrorCode::EntriesClosed));
    }
    if !contests::admits(&state.db, contest, contest.who_enters, user.id).await? {
        return Err(AppError::Client(StatusCode::FORBIDDEN, ErrorCode::NotEligible));
    }
    if contest_entries::standing_count(&state.db, contest.id, user.id).await? >= contest.entries_per_member {
        return Err(AppError::conflict(ErrorCode::NoEntriesLeft));
    }
    Ok(())
}

/// Uploads one photo for her entry (JPEG, PNG or WebP, at most 10 MB); the entry names it.
#[utoipa::path(post, path = "/api/contests/{id}/photos", tag = "contests", params(("id" = i64, Path)),
    request_body(content = Vec<u8>, content_type = "image/jpeg"),
    responses((status = 201, body = PhotoView), (status = 409, body = ApiError), (status = 413, body = ApiError)))]
async fn upload_photo(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<i64>,
    headers: HeaderMap,
    body: Body,
) -> AppResult<(StatusCode, ApiJson<PhotoView>)> {
    let contest = contest_or_404(&state, id).await?;
    may_enter(&state, &contest, &user).await?;
    let photo = store_upload(&state, contest.group_id, user.id, &headers, body).await?;
    Ok((StatusCode::CREATED, ApiJson(photo)))
}

/// Sends her entry; it waits for the admins' approval.
#[utoipa::path(post, path = "/api/contests/{id}/entries", tag = "contests", request_body = EntryForm,
    responses((status = 201, body = EntryView), (status = 409, body = ApiError), (status = 422, body = ApiError)))]
async fn enter(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(form): ApiJson<EntryForm>,
) -> AppResult<(StatusCode, ApiJson<EntryView>)> {
    let contest = contest_or_404(&state, id).await?;
    form.validate()?;
    may_enter(&state, &contest, &user).await?;
    let entry_id = contest_entries::insert(&state.db, id, contest.group_id, user.id, &form)
        .await?
        .ok_or_else(|| AppError::field("photos", ErrorCode::UnknownPhoto))?;
    let entry = contest_entries::get(&state.db, entry_id)
        .await?
        .ok_or_else(AppError::not_found)?;
    let viewer = Viewer::of(&state, &contest, Some(&user)).await?;
    Ok((StatusCode::CREATED, ApiJson(viewer.entry(&contest, entry))))
}

/// An entry's own page (the link entrants share). Approved entries are public; a pending or
/// rejected one only for its entrant and the admins.
#[utoipa::path(get, path = "/api/contest-entries/{id}", tag = "contests",
    responses((status = 200, body = EntryView), (status = 404, body = ApiError)))]
async fn entry(
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<ApiJson<EntryView>> {
    let entry = contest_entries::get(&state.db, id)
        .await?
        .ok_or_else(AppError::not_found)?;
    let contest = contest_or_404(&state, entry.contest_id).await?;
    let viewer = Viewer::of(&state, &contest, user.as_ref()).await?;
    if entry.status != EntryStatus::Approved && !viewer.can_manage && viewer.id != Some(entry.author_id) {
        return Err(AppError::not_found());
    }
    Ok(ApiJson(viewer.entry(&contest, entry)))
}

/// Approves or rejects a waiting entry; a rejection's reason is shown to the entrant.
#[utoipa::path(post, path = "/api/contest-entries/{id}/decision", tag = "contests", request_body = EntryDecision,
    responses((status = 200, body = EntryView), (status = 409, body = ApiError), (status = 422, body = ApiError)))]
async fn decide(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(decision): ApiJson<EntryDecision>,
) -> AppResult<ApiJson<EntryView>> {
    decision.validate()?;
    let entry = contest_entries::get(&state.db, id)
        .await?
        .ok_or_else(AppError::not_found)?;
    let contest = managed(&state, entry.contest_id, &user).await?;
    let (status, reason) = if decision.approve {
        (EntryStatus::Approved, None)
    } else {
        (EntryStatus::Rejected, Some(decision.reason.trim()))
    };
    if !contest_entries::decide(&state.db, id, status, reason, user.id).await? {
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
    let entry = contest_entries::get(&state.db, id)
        .await?
        .ok_or_else(AppError::not_found)?;
    let viewer = Viewer::of(&state, &contest, Some(&user)).await?;
    Ok(ApiJson(viewer.entry(&contest, entry)))
}

async fn jury(state: &AppState, id: i64, user: &CurrentUser) -> AppResult<Contest> {
    let contest = contest_or_404(state, id).await?;
    if !contests::is_judge(&state.db, id, user.id).await? {
        return Err(AppError::Client(StatusCode::FORBIDDEN, ErrorCode::NotAJudge));
    }
    Ok(contest)
}

/// The judge's sheet: every approved entry with her scores so far.
#[utoipa::path(get, path = "/api/contests/{id}/judging", tag = "contests",
    responses((status = 200, body = JudgeSheet), (status = 403, body = ApiError)))]
async fn judging(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<ApiJson<JudgeSheet>> {
    let contest = jury(&state, id, &user).await?;
    let mut scores = contest_entries::scores_of(&state.db, id, user.id).await?;
    let viewer = Viewer::of(&state, &contest, Some(&user)).await?;
    let entries = contest_entries::list(&state.db, id, Some(EntryStatus::Approved), None)
        .await?
        .into_iter()
        .map(|entry| JudgeEntry {
            scores: scores.remove(&entry.id).unwrap_or_default(),
            entry: viewer.entry(&contest, entry),
        })
        .collect();
    Ok(ApiJson(JudgeSheet {
        criteria: contest.criteria,
        entries,
    }))
}

/// A judge scores an approved entry, one score per criterion; she may change it until the close.
#[utoipa::path(put, path = "/api/contest-entries/{id}/score", tag = "contests", request_body = ScoreRequest,
    responses((status = 204), (status = 403, body = ApiError), (status = 409, body = ApiError), (status = 422, body = ApiError)))]
async fn score(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(request): ApiJson<ScoreRequest>,
) -> AppResult<StatusCode> {
    let entry = contest_entries::get(&state.db, id)
        .await?
        .filter(|e| e.status == EntryStatus::Approved)
        .ok_or_else(AppError::not_found)?;
    let contest = jury(&state, entry.contest_id, &user).await?;
    if contest.results_at.is_some() {
        return Err(AppError::conflict(ErrorCode::QuizClosed));
    }
    request.validate(&contest.criteria)?;
    contest_entries::save_score(&state.db, id, user.id, &request.scores).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The ranking: final after the close for everyone; a preview for its admins and judges before.
#[utoipa::path(get, path = "/api/contests/{id}/results", tag = "contests",
    responses((status = 200, body = ContestResults), (status = 409, body = ApiError)))]
async fn results(
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<ApiJson<ContestResults>> {
    let contest = contest_or_404(&state, id).await?;
    let final_results = contest.results_at.is_some();
    if !final_results {
        let insider = match &user {
            Some(user) => {
                contests::manages_group(&state.db, contest.group_id, user.id).await?
                    || contests::is_judge(&state.db, id, user.id).await?
            }
            None => false,
        };
        if !insider {
            return Err(AppError::conflict(ErrorCode::ResultsHidden));
        }
    }
    Ok(ApiJson(ContestResults {
        judge_weight: contest.judge_weight,
        final_results,
        rows: contest_results::standings(&state.db, &contest).await?,
        announcement_post_id: contest.announcement_post_id,
    }))
}

/// The results as a spreadsheet (XLSX, or CSV with `?format=csv`), for the contest's admins.
#[utoipa::path(get, path = "/api/contests/{id}/results/export", tag = "contests", params(ExportQuery),
    responses((status = 200, content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        (status = 403, body = ApiError)))]
async fn export(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<i64>,
    ApiQuery(query): ApiQuery<ExportQuery>,
) -> AppResult<Response> {
    let contest = managed(&state, id, &user).await?;
    let rows = contest_results::standings(&state.db, &contest).await?;
    let table = Table {
        name: format!("Ket qua cuoc thi anh {id}"),
        headers: vec![
            "Hạng",
            "Bài dự thi",
            "Tác giả",
            "Điểm giám khảo (trên 100)",
            "Lượt bình chọn",
            "Điểm bình chọn (trên 100)",
            "Điểm tổng",
        ],
        rows: rows
            .into_iter()
            .map(|row| {
                vec![
                    Cell::from(i64::from(row.rank)),
                    row.title.into(),
                    row.author_name.into(),
                    row.judge_average.map(Cell::Number).unwrap_or_else(|| "".into()),
                    Cell::from(i64::from(row.votes)),
                    Cell::Number(row.vote_score),
                    Cell::Number(row.total),
                ]
            })
            .collect(),
    };
    query.respond(&table)
}

/// The label a vote's address gets in this contest.
fn label_for(contest: &Contest, ClientAddr(address): &ClientAddr) -> String {
    address_label(&contest.address_salt, address)
}
