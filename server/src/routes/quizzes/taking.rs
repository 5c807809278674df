//! Taking a quiz: her attempt started, its paper, each answer and the prediction saved against
//! the server's clock, and the submit.

use axum::{extract::State, http::StatusCode};
use hoi_api::{
    quiz::{
        AnswerKey, AnswerRequest, AttemptView, OptionView, PaperQuestion, PredictionRequest, QuestionKind,
        QuizPhase,
    },
    ApiError, ErrorCode,
};

use super::{quiz_or_404, result_of};
use crate::{
    auth::CurrentUser,
    db::{
        now,
        quiz_attempts::{self, now_ms, Attempt, SaveRefused},
        quizzes::{self, Quiz},
    },
    error::{ApiJson, ApiPath, AppError, AppResult},
    state::AppState,
};

/// Her paper as she may see it: the key only once the quiz has closed.
pub(super) async fn paper_view(state: &AppState, quiz: &Quiz, attempt: &Attempt) -> AppResult<AttemptView> {
    let closed = quiz.phase(now()) == QuizPhase::Closed;
    let questions = quiz_attempts::paper(&state.db, attempt.id)
        .await?
        .into_iter()
        .map(|row| {
            let right = row.right();
            let key = closed.then(|| row.member_ids(&row.correct));
            PaperQuestion {
                id: row.question_id,
                kind: if row.multiple {
                    QuestionKind::Multiple
                } else {
                    QuestionKind::Single
                },
                points: row.points,
                options: row
                    .order
                    .iter()
                    .filter_map(|&i| {
                        Some(OptionView {
                            id: *row.ids.get(usize::from(i))?,
                            text: row.options.get(usize::from(i))?.clone(),
                        })
                    })
                    .collect(),
                chosen: row.member_ids(row.chosen.as_deref().unwrap_or_default()),
                key: key.map(|correct| AnswerKey {
                    correct,
                    explanation: row.explanation,
                    right,
                }),
                text: row.text,
            }
        })
        .collect();
    Ok(AttemptView {
        id: attempt.id,
        quiz_id: quiz.id,
        title: quiz.title.clone(),
        remaining_ms: match attempt.submitted_ms {
            Some(_) => 0,
            None => (attempt.deadline_ms - now_ms()).max(0),
        },
        submitted: attempt.submitted_ms.is_some(),
        questions,
        prediction_kind: quiz.prediction,
        prediction: attempt.prediction,
        result: result_of(quiz, attempt),
    })
}

/// Starts her next attempt, or gives back the one in progress (a reload, a second tap).
#[utoipa::path(post, path = "/api/quizzes/{id}/attempts", tag = "quizzes",
    responses((status = 200, body = AttemptView), (status = 403, body = ApiError), (status = 409, body = ApiError)))]
pub(super) async fn start(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<ApiJson<AttemptView>> {
    let quiz = quiz_or_404(&state, id).await?;
    if !quizzes::eligible(&state.db, id, user.id).await? {
        return Err(AppError::Client(StatusCode::FORBIDDEN, ErrorCode::NotEligible));
    }
    match quiz.phase(now()) {
        QuizPhase::Upcoming => return Err(AppError::conflict(ErrorCode::QuizNotOpen)),
        QuizPhase::Closed => return Err(AppError::conflict(ErrorCode::QuizClosed)),
        QuizPhase::Open => {}
    }
    let at = now_ms();
    // Two tries: a tap racing another device loses the insert and finds the winner's attempt.
    for _ in 0..2 {
        let attempts = quiz_attempts::of_user(&state.db, id, user.id).await?;
        if let Some(current) = attempts.iter().find(|a| a.submitted_ms.is_none()) {
            if !current.expired(at) {
                return Ok(ApiJson(paper_view(&state, &quiz, current).await?));
            }
            quiz_attempts::submit(&state.db, current, at).await?;
        }
        let used = u32::try_from(attempts.len()).unwrap_or(u32::MAX);
        if used >= quiz.attempts_allowed {
            return Err(AppError::conflict(ErrorCode::NoAttemptsLeft));
        }
        if let Some(new) = quiz_attempts::start(&state.db, &quiz, user.id, used + 1, at).await? {
            let attempt = quiz_attempts::get(&state.db, new)
                .await?
                .ok_or_else(AppError::not_found)?;
            return Ok(ApiJson(paper_view(&state, &quiz, &attempt).await?));
        }
    }
    Err(AppError::conflict(ErrorCode::Conflict))
}

/// Her attempt, submitting it first when its time has run out.
pub(super) async fn her_attempt(state: &AppState, id: i64, user: &CurrentUser) -> AppResult<(Quiz, Attempt)> {
    let attempt = quiz_attempts::get(&state.db, id)
        .await?
        .filter(|a| a.user_id == user.id)
        .ok_or_else(AppError::not_found)?;
    let at = now_ms();
    if attempt.expired(at) {
        quiz_attempts::submit(&state.db, &attempt, at).await?;
    }
    let quiz = quiz_or_404(state, attempt.quiz_id).await?;
    // Read again: submitting or ranking may have written her score and rank since.
    let attempt = quiz_attempts::get(&state.db, id)
        .await?
        .ok_or_else(AppError::not_found)?;
    Ok((quiz, attempt))
}

/// Her paper, answers and time left (a reload or a dropped connection resumes here).
#[utoipa::path(get, path = "/api/quiz-attempts/{id}", tag = "quizzes",
    responses((status = 200, body = AttemptView), (status = 404, body = ApiError)))]
pub(super) async fn attempt(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<ApiJson<AttemptView>> {
    let (quiz, attempt) = her_attempt(&state, id, &user).await?;
    Ok(ApiJson(paper_view(&state, &quiz, &attempt).await?))
}

fn refused(reason: SaveRefused) -> AppError {
    match reason {
        SaveRefused::NotHers => AppError::not_found(),
        SaveRefused::Submitted => AppError::conflict(ErrorCode::QuizClosed),
        SaveRefused::TimeUp => AppError::conflict(ErrorCode::TimeUp),
        SaveRefused::UnknownQuestion => AppError::field("question", ErrorCode::UnknownQuestion),
        SaveRefused::UnknownChoice => AppError::field("chosen", ErrorCode::UnknownChoice),
    }
}

/// Saves her answer to one question as she goes; the same answer sent twice is saved once.
#[utoipa::path(put, path = "/api/quiz-attempts/{id}/answers/{question}", tag = "quizzes",
    request_body = AnswerRequest,
    responses((status = 204), (status = 409, body = ApiError), (status = 422, body = ApiError)))]
pub(super) async fn answer(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath((id, question)): ApiPath<(i64, i64)>,
    ApiJson(request): ApiJson<AnswerRequest>,
) -> AppResult<StatusCode> {
    let mut chosen = request.chosen;
    chosen.sort_unstable();
    chosen.dedup();
    if chosen.len() > hoi_api::quiz::MAX_OPTIONS
        || chosen
            .iter()
            .any(|&c| usize::from(c) >= hoi_api::quiz::MAX_OPTIONS)
    {
        return Err(AppError::field("chosen", ErrorCode::UnknownChoice));
    }
    let at = now_ms();
    match quiz_attempts::save_answer(&state.db, id, user.id, question, &chosen, at).await? {
        Ok(()) => Ok(StatusCode::NO_CONTENT),
        Err(SaveRefused::TimeUp) => {
            if let Some(attempt) = quiz_attempts::get(&state.db, id).await? {
                quiz_attempts::submit(&state.db, &attempt, at).await?;
            }
            Err(refused(SaveRefused::TimeUp))
        }
        Err(reason) => Err(refused(reason)),
    }
}

/// Saves her answer to the prediction question.
#[utoipa::path(put, path = "/api/quiz-attempts/{id}/prediction", tag = "quizzes",
    request_body = PredictionRequest,
    responses((status = 204), (status = 409, body = ApiError), (status = 422, body = ApiError)))]
pub(super) async fn prediction(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(request): ApiJson<PredictionRequest>,
) -> AppResult<StatusCode> {
    let value = request.validate()?;
    match quiz_attempts::save_prediction(&state.db, id, user.id, value, now_ms()).await? {
        Ok(()) => Ok(StatusCode::NO_CONTENT),
        Err(reason) => Err(refused(reason)),
    }
}

/// Submits her paper. After the deadline it is refused with `time_up` (the server submits the
/// paper with the answers saved in time); a retry of a submission in time answers the same paper.
#[utoipa::path(post, path = "/api/quiz-attempts/{id}/submit", tag = "quizzes",
    responses((status = 200, body = AttemptView), (status = 409, body = ApiError)))]
pub(super) async fn submit(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<ApiJson<AttemptView>> {
    let attempt = quiz_attempts::get(&state.db, id)
        .await?
        .filter(|a| a.user_id == user.id)
        .ok_or_else(AppError::not_found)?;
    let at = now_ms();
    if attempt.expired(at) || attempt.timed_out {
        quiz_attempts::submit(&state.db, &attempt, at).await?;
        return Err(AppError::conflict(ErrorCode::TimeUp));
    }
    quiz_attempts::submit(&state.db, &attempt, at).await?;
    let (quiz, attempt) = her_attempt(&state, id, &user).await?;
    Ok(ApiJson(paper_view(&state, &quiz, &attempt).await?))
}
