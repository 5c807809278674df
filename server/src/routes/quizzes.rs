//! Quiz contests: admins write and run them (`building`); members take them (`taking`); the
//! ranking and the participation come after the close (`results`). The server is the only clock
//! and the only judge: the key never leaves it while the quiz is open, and answers after the
//! deadline are refused. Here: the list, a quiz's page, and what the three share.

use axum::{extract::State, http::StatusCode};
use hoi_api::{
    quiz::{AttemptResult, QuizList, QuizPhase, QuizResults, QuizSummary, QuizView, RankedEntrant},
    ApiError, ErrorCode,
};
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::{
    auth::CurrentUser,
    db::{
        audiences, now,
        quiz_attempts::{self, now_ms, Attempt, RankingRow},
        quizzes::{self, Quiz},
        to_datetime,
    },
    error::{ApiJson, ApiPath, AppError, AppResult},
    state::AppState,
};

mod building;
mod results;
mod taking;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, building::create))
        .routes(routes!(get_one, building::edit))
        .routes(routes!(building::draft))
        .routes(routes!(building::close))
        .routes(routes!(taking::start))
        .routes(routes!(taking::attempt))
        .routes(routes!(taking::answer))
        .routes(routes!(taking::prediction))
        .routes(routes!(taking::submit))
        .routes(routes!(results::ranking))
        .routes(routes!(results::participation))
        .routes(routes!(results::export))
}

/// The quiz, ranked first when its close has passed (the minute tick may not have run yet).
async fn quiz_or_404(state: &AppState, id: i64) -> AppResult<Quiz> {
    let quiz = quizzes::get(&state.db, id)
        .await?
        .ok_or_else(AppError::not_found)?;
    if !quiz.ranked && quiz.phase(now()) == QuizPhase::Closed {
        quiz_attempts::rank_if_closed(&state.db, &quiz).await?;
        return quizzes::get(&state.db, id).await?.ok_or_else(AppError::not_found);
    }
    Ok(quiz)
}

async fn managed(state: &AppState, id: i64, user: &CurrentUser) -> AppResult<Quiz> {
    let quiz = quiz_or_404(state, id).await?;
    if quizzes::manages(&state.db, &quiz, user.id).await? {
        Ok(quiz)
    } else {
        Err(AppError::forbidden())
    }
}

fn summary(quiz: &Quiz, attempts_used: u32, can_manage: bool) -> QuizSummary {
    QuizSummary {
        id: quiz.id,
        title: quiz.title.clone(),
        opens_at: to_datetime(quiz.opens_at),
        closes_at: to_datetime(quiz.closes_at),
        phase: quiz.phase(now()),
        minutes: quiz.minutes,
        paper_size: quiz.paper_size(),
        attempts_allowed: quiz.attempts_allowed,
        attempts_used,
        can_manage,
        cover_id: quiz.cover_id,
    }
}

/// The quizzes she may take or runs (open first, then upcoming, then closed), and the groups and
/// units she could create one for.
#[utoipa::path(get, path = "/api/quizzes", tag = "quizzes",
    responses((status = 200, body = QuizList), (status = 401, body = ApiError)))]
async fn list(State(state): State<AppState>, user: CurrentUser) -> AppResult<ApiJson<QuizList>> {
    let used = quiz_attempts::counts_of_user(&state.db, user.id).await?;
    let mut items = Vec::new();
    for quiz in quizzes::recent(&state.db).await? {
        let can_manage = quizzes::manages(&state.db, &quiz, user.id).await?;
        if can_manage || quizzes::eligible(&state.db, quiz.id, user.id).await? {
            items.push(summary(
                &quiz,
                used.get(&quiz.id).copied().unwrap_or(0),
                can_manage,
            ));
        }
    }
    items.sort_by_key(|q| match q.phase {
        QuizPhase::Open => 0,
        QuizPhase::Upcoming => 1,
        QuizPhase::Closed => 2,
    });
    Ok(ApiJson(QuizList {
        items,
        audiences: audiences::audiences_for(&state.db, user.id).await?,
    }))
}

/// Checks the form by the shared rules and that she runs every group and unit it names.
/// Her result on one attempt; the score stays hidden until the close unless the rules show it.
fn result_of(quiz: &Quiz, attempt: &Attempt) -> Option<AttemptResult> {
    attempt.submitted_ms?;
    let closed = quiz.phase(now()) == QuizPhase::Closed;
    Some(AttemptResult {
        attempt_id: attempt.id,
        score: (closed || quiz.score_after_submit)
            .then_some(attempt.score)
            .flatten(),
        max_score: attempt.max_score,
        duration_ms: attempt.duration_ms(),
        timed_out: attempt.timed_out,
        rank: attempt.rank,
        prize: attempt.prize,
    })
}

fn entrant(row: RankingRow, truth: i64) -> RankedEntrant {
    RankedEntrant {
        rank: row.rank,
        name: row.name,
        unit: row.unit,
        score: row.score,
        prediction: row.prediction,
        gap: row.prediction.map(|p| (p - truth).abs()),
        duration_ms: row.duration_ms,
        prize: row.prize,
    }
}

async fn view(state: &AppState, id: i64, user: &CurrentUser) -> AppResult<ApiJson<QuizView>> {
    let quiz = quiz_or_404(state, id).await?;
    let can_manage = quizzes::manages(&state.db, &quiz, user.id).await?;
    let eligible = quizzes::eligible(&state.db, id, user.id).await?;
    if !can_manage && !eligible {
        return Err(AppError::Client(StatusCode::FORBIDDEN, ErrorCode::NotEligible));
    }
    let mut attempts = quiz_attempts::of_user(&state.db, id, user.id).await?;
    let at = now_ms();
    for attempt in attempts.iter_mut().filter(|a| a.expired(at)) {
        quiz_attempts::submit(&state.db, attempt, at).await?;
        *attempt = quiz_attempts::get(&state.db, attempt.id)
            .await?
            .ok_or_else(AppError::not_found)?;
    }
    let current_attempt = attempts.iter().find(|a| a.submitted_ms.is_none()).map(|a| a.id);
    let best = attempts
        .iter()
        .filter(|a| a.submitted_ms.is_some())
        .max_by_key(|a| (a.rank.is_some(), a.score, -a.duration_ms()))
        .and_then(|a| result_of(&quiz, a));
    let results = match quiz.truth {
        Some(truth) if quiz.ranked => {
            let winners = quiz_attempts::ranking(&state.db, id, i64::from(quiz.prizes.total()))
                .await?
                .into_iter()
                .filter(|row| row.prize.is_some())
                .map(|row| entrant(row, truth))
                .collect();
            Some(QuizResults {
                truth,
                entrants: u32::try_from(quiz_attempts::entrant_count(&state.db, id).await?).unwrap_or(0),
                winners,
            })
        }
        _ => None,
    };
    Ok(ApiJson(QuizView {
        summary: summary(&quiz, u32::try_from(attempts.len()).unwrap_or(0), can_manage),
        rules: quiz.rules.clone(),
        audience: quizzes::audience_names(&state.db, id).await?,
        prediction: quiz.prediction,
        tie_breaks: quiz.tie_breaks.clone(),
        prizes: quiz.prizes,
        score_after_submit: quiz.score_after_submit,
        eligible,
        current_attempt,
        best,
        results,
    }))
}

/// The quiz's page: rules, her attempts, and the winners after the close.
#[utoipa::path(get, path = "/api/quizzes/{id}", tag = "quizzes",
    responses((status = 200, body = QuizView), (status = 403, body = ApiError), (status = 404, body = ApiError)))]
async fn get_one(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<ApiJson<QuizView>> {
    view(&state, id, &user).await
}
