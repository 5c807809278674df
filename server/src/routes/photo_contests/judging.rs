//! The jury and the results: the judge's sheet and scores, the ranking, its export.

use axum::{extract::State, http::StatusCode, response::Response};
use hoi_api::{
    photo_contest::{EntryStatus, JudgeEntry, JudgeSheet, PhotoContestResults, ScoreRequest},
    ApiError, ErrorCode,
};

use super::{contest_or_404, entry_or_404, managed, Viewer};
use crate::{
    auth::{CurrentUser, MaybeUser},
    db::{photo_contest_entries, photo_contests, photo_contests::PhotoContest},
    error::{ApiJson, ApiPath, ApiQuery, AppError, AppResult},
    export::{headings, Cell, ExportQuery, Table},
    photo_contests::results,
    state::AppState,
};

async fn jury(state: &AppState, id: i64, user: &CurrentUser) -> AppResult<PhotoContest> {
    let contest = contest_or_404(state, id).await?;
    if !photo_contests::is_judge(&state.db, id, user.id).await? {
        return Err(AppError::Client(StatusCode::FORBIDDEN, ErrorCode::NotAJudge));
    }
    Ok(contest)
}

/// The judge's sheet: every approved entry with her scores so far.
#[utoipa::path(get, path = "/api/photo-contests/{id}/judging", tag = "photo_contests",
    responses((status = 200, body = JudgeSheet), (status = 403, body = ApiError)))]
pub(super) async fn judging(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<ApiJson<JudgeSheet>> {
    let contest = jury(&state, id, &user).await?;
    let mut scores = photo_contest_entries::scores_of(&state.db, id, user.id).await?;
    let viewer = Viewer::of(&state, &contest, Some(&user)).await?;
    let entries = photo_contest_entries::list(&state.db, id, Some(EntryStatus::Approved), None)
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
#[utoipa::path(put, path = "/api/photo-contest-entries/{id}/score", tag = "photo_contests", request_body = ScoreRequest,
    responses((status = 204), (status = 403, body = ApiError), (status = 409, body = ApiError), (status = 422, body = ApiError)))]
pub(super) async fn score(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(request): ApiJson<ScoreRequest>,
) -> AppResult<StatusCode> {
    let entry = entry_or_404(&state, id).await?;
    if entry.status != EntryStatus::Approved {
        return Err(AppError::not_found());
    }
    let contest = jury(&state, entry.contest_id, &user).await?;
    if contest.results_at.is_some() {
        return Err(AppError::conflict(ErrorCode::QuizClosed));
    }
    request.validate(&contest.criteria)?;
    photo_contest_entries::save_score(&state.db, id, user.id, &request.scores).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The ranking: final after the close for everyone; a preview for its admins and judges before.
#[utoipa::path(get, path = "/api/photo-contests/{id}/results", tag = "photo_contests",
    responses((status = 200, body = PhotoContestResults), (status = 409, body = ApiError)))]
pub(super) async fn results(
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<ApiJson<PhotoContestResults>> {
    let contest = contest_or_404(&state, id).await?;
    let final_results = contest.results_at.is_some();
    if !final_results {
        let insider = match &user {
            Some(user) => {
                photo_contests::manages_group(&state.db, contest.group_id, user.id).await?
                    || photo_contests::is_judge(&state.db, id, user.id).await?
            }
            None => false,
        };
        if !insider {
            return Err(AppError::conflict(ErrorCode::ResultsHidden));
        }
    }
    Ok(ApiJson(PhotoContestResults {
        judge_weight: contest.judge_weight,
        final_results,
        rows: results::standings(&state.db, &contest).await?,
        announcement_post_id: contest.announcement_post_id,
    }))
}

/// The results as a spreadsheet (XLSX, or CSV with `?format=csv`), for the contest's admins.
#[utoipa::path(get, path = "/api/photo-contests/{id}/results/export", tag = "photo_contests", params(ExportQuery),
    responses((status = 200, content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        (status = 403, body = ApiError)))]
pub(super) async fn export(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<i64>,
    ApiQuery(query): ApiQuery<ExportQuery>,
) -> AppResult<Response> {
    let contest = managed(&state, id, &user).await?;
    let rows = results::standings(&state.db, &contest).await?;
    let table = Table {
        name: format!("Ket qua cuoc thi anh {id}"),
        headers: headings(&[
            "Hạng",
            "Bài dự thi",
            "Tác giả",
            "Điểm giám khảo (trên 100)",
            "Lượt bình chọn",
            "Điểm bình chọn (trên 100)",
            "Điểm tổng",
        ]),
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
