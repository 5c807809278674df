//! After a quiz: the ranking, who took part by group and unit, and the ranking as a workbook.

use axum::{extract::State, response::Response};
use hoi_api::{
    hoi::vietnam_time,
    quiz::{Participation, ParticipationRow, RankedEntrant},
    ApiError, ErrorCode, Phone,
};

use super::{entrant, managed};
use crate::{
    auth::CurrentUser,
    db::{
        quiz_attempts::{self},
        quizzes::{self},
        to_datetime,
    },
    error::{ApiJson, ApiPath, ApiQuery, AppError, AppResult},
    export::{headings, Cell, ExportQuery, Table},
    state::AppState,
};

/// The whole ranking after the close, for those who run the quiz.
#[utoipa::path(get, path = "/api/quizzes/{id}/ranking", tag = "quizzes",
    responses((status = 200, body = Vec<RankedEntrant>), (status = 403, body = ApiError)))]
pub(super) async fn ranking(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<ApiJson<Vec<RankedEntrant>>> {
    let quiz = managed(&state, id, &user).await?;
    let truth = quiz.truth.unwrap_or(0);
    Ok(ApiJson(
        quiz_attempts::ranking(&state.db, id, 10_000)
            .await?
            .into_iter()
            .map(|row| entrant(row, truth))
            .collect(),
    ))
}

fn rows(counts: Vec<(String, i64, i64, i64)>) -> Vec<ParticipationRow> {
    counts
        .into_iter()
        .map(|(name, entrants, completed, total)| ParticipationRow {
            name,
            entrants: u32::try_from(entrants).unwrap_or(0),
            completed: u32::try_from(completed).unwrap_or(0),
            // One decimal, as the report prints it.
            average_score: if entrants == 0 {
                0.0
            } else {
                (total as f64 / entrants as f64 * 10.0).round() / 10.0
            },
        })
        .collect()
}

/// Entrants, completion and average score per group and per home commune.
#[utoipa::path(get, path = "/api/quizzes/{id}/participation", tag = "quizzes",
    responses((status = 200, body = Participation), (status = 403, body = ApiError)))]
pub(super) async fn participation(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<ApiJson<Participation>> {
    let quiz = managed(&state, id, &user).await?;
    let (by_group, by_unit) = quiz_attempts::participation(&state.db, id).await?;
    let max_score = quizzes::form(&state.db, &quiz).await?.max_paper_score();
    Ok(ApiJson(Participation {
        max_score,
        by_group: rows(by_group),
        by_unit: rows(by_unit),
    }))
}

/// `95 giây` → `1:35`; minutes and seconds with tenths, as the ranking sheet shows time taken.
fn clock(ms: i64) -> String {
    format!("{}:{:04.1}", ms / 60_000, (ms % 60_000) as f64 / 1000.0)
}

/// The full ranking as XLSX or CSV: name, phone masked, unit, score, prediction, gap, time.
#[utoipa::path(get, path = "/api/quizzes/{id}/ranking/export", tag = "quizzes", params(ExportQuery),
    responses((status = 200, description = "XLSX or CSV file"), (status = 403, body = ApiError),
        (status = 409, description = "The ranking is not out yet", body = ApiError)))]
pub(super) async fn export(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<i64>,
    ApiQuery(query): ApiQuery<ExportQuery>,
) -> AppResult<Response> {
    let quiz = managed(&state, id, &user).await?;
    if !quiz.ranked {
        return Err(AppError::conflict(ErrorCode::QuizNotClosed));
    }
    let truth = quiz.truth.unwrap_or(0);
    let prize_vi = |p: hoi_api::quiz::Prize| match p {
        hoi_api::quiz::Prize::First => "Giải Nhất",
        hoi_api::quiz::Prize::Second => "Giải Nhì",
        hoi_api::quiz::Prize::Third => "Giải Ba",
        hoi_api::quiz::Prize::Consolation => "Giải Khuyến khích",
    };
    let submitted = |ms: i64| {
        vietnam_time(to_datetime(ms / 1000))
            .format("%d/%m/%Y %H:%M:%S")
            .to_string()
    };
    let table = Table {
        name: format!("Xep hang {}", quiz.id),
        headers: headings(&[
            "Hạng",
            "Họ và tên",
            "Số điện thoại",
            "Xã/phường",
            "Điểm",
            "Điểm tối đa",
            "Dự đoán",
            "Chênh lệch",
            "Thời gian làm bài",
            "Nộp lúc",
            "Giải",
        ]),
        rows: quiz_attempts::ranking(&state.db, id, 1_000_000)
            .await?
            .into_iter()
            .map(|row| {
                let phone = Phone::parse(&row.phone).map(|p| p.masked()).unwrap_or_default();
                vec![
                    Cell::from(i64::from(row.rank)),
                    row.name.into(),
                    phone.into(),
                    row.unit.unwrap_or_default().into(),
                    Cell::from(i64::from(row.score)),
                    Cell::from(i64::from(row.max_score)),
                    row.prediction.map(Cell::from).unwrap_or_else(|| "".into()),
                    row.prediction
                        .map(|p| Cell::from((p - truth).abs()))
                        .unwrap_or_else(|| "".into()),
                    clock(row.duration_ms).into(),
                    submitted(row.submitted_ms).into(),
                    row.prize.map(prize_vi).unwrap_or_default().into(),
                ]
            })
            .collect(),
    };
    query.respond(&table)
}
