//! Quiz contests: admins write and run them; members take them. The server is the only clock and
//! the only judge: the key never leaves it while the quiz is open, and answers after the deadline
//! are refused.

use axum::{extract::State, http::StatusCode, response::Response};
use hoi_api::{
    hoi::vietnam_time,
    quiz::{
        AnswerKey, AnswerRequest, AttemptResult, AttemptView, OptionView, PaperQuestion, Participation,
        ParticipationRow, PredictionRequest, QuestionKind, QuizDraftView, QuizForm, QuizList, QuizPhase,
        QuizResults, QuizSummary, QuizView, RankedEntrant,
    },
    ApiError, ErrorCode, Phone,
};
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::{
    auth::CurrentUser,
    db::{
        audiences, now,
        quiz_attempts::{self, now_ms, Attempt, RankingRow, SaveRefused},
        quizzes::{self, Quiz},
        to_datetime,
    },
    error::{ApiJson, ApiPath, ApiQuery, AppError, AppResult},
    export::{headings, Cell, ExportQuery, Table},
    state::AppState,
};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(get_one, edit))
        .routes(routes!(draft))
        .routes(routes!(close))
        .routes(routes!(start))
        .routes(routes!(attempt))
        .routes(routes!(answer))
        .routes(routes!(prediction))
        .routes(routes!(submit))
        .routes(routes!(ranking))
        .routes(routes!(participation))
        .routes(routes!(export))
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
async fn checked(state: &AppState, user: &CurrentUser, form: &QuizForm) -> AppResult<()> {
    form.validate()?;
    super::access::require_runs(state, user.id, &form.group_ids, &form.unit_ids).await
}

/// Creates a quiz for groups she runs as admin and units she administers.
#[utoipa::path(post, path = "/api/quizzes", tag = "quizzes", request_body = QuizForm,
    responses((status = 201, body = QuizView), (status = 422, body = ApiError)))]
async fn create(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiJson(form): ApiJson<QuizForm>,
) -> AppResult<(StatusCode, ApiJson<QuizView>)> {
    checked(&state, &user, &form).await?;
    let id = quizzes::create(&state.db, &form, user.id).await?;
    Ok((StatusCode::CREATED, view(&state, id, &user).await?))
}

/// Rewrites the quiz; refused with `quiz_started` once anybody has started it.
#[utoipa::path(put, path = "/api/quizzes/{id}", tag = "quizzes", request_body = QuizForm,
    responses((status = 200, body = QuizView), (status = 409, body = ApiError), (status = 422, body = ApiError)))]
async fn edit(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(form): ApiJson<QuizForm>,
) -> AppResult<ApiJson<QuizView>> {
    managed(&state, id, &user).await?;
    checked(&state, &user, &form).await?;
    if !quizzes::replace(&state.db, id, &form).await? {
        return Err(AppError::conflict(ErrorCode::QuizStarted));
    }
    view(&state, id, &user).await
}

/// The quiz as written, with its key: for those who run it.
#[utoipa::path(get, path = "/api/quizzes/{id}/form", tag = "quizzes",
    responses((status = 200, body = QuizDraftView), (status = 403, body = ApiError)))]
async fn draft(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<ApiJson<QuizDraftView>> {
    let quiz = managed(&state, id, &user).await?;
    Ok(ApiJson(QuizDraftView {
        form: quizzes::form(&state.db, &quiz).await?,
        started: quizzes::started(&state.db, id).await?,
    }))
}

/// Ends an open quiz now; papers in progress are submitted as they stand.
#[utoipa::path(post, path = "/api/quizzes/{id}/close", tag = "quizzes",
    responses((status = 204), (status = 403, body = ApiError), (status = 409, body = ApiError)))]
async fn close(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<StatusCode> {
    managed(&state, id, &user).await?;
    if !quizzes::close_now(&state.db, id).await? {
        return Err(AppError::conflict(ErrorCode::QuizClosed));
    }
    Ok(StatusCode::NO_CONTENT)
}

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

/// Her paper as she may see it: the key only once the quiz has closed.
async fn paper_view(state: &AppState, quiz: &Quiz, attempt: &Attempt) -> AppResult<AttemptView> {
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
async fn start(
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
async fn her_attempt(state: &AppState, id: i64, user: &CurrentUser) -> AppResult<(Quiz, Attempt)> {
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
async fn attempt(
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
async fn answer(
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
async fn prediction(
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
async fn submit(
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

/// The whole ranking after the close, for those who run the quiz.
#[utoipa::path(get, path = "/api/quizzes/{id}/ranking", tag = "quizzes",
    responses((status = 200, body = Vec<RankedEntrant>), (status = 403, body = ApiError)))]
async fn ranking(
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
async fn participation(
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
async fn export(
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
