//! Writing and running a quiz: the form checked and saved, its draft for editing, closing it early.

use axum::{extract::State, http::StatusCode};
use hoi_api::{
    quiz::{QuizDraftView, QuizForm, QuizView},
    ApiError, ErrorCode,
};

use super::{managed, view};
use crate::{
    auth::CurrentUser,
    db::quizzes::{self},
    error::{ApiJson, ApiPath, AppError, AppResult},
    state::AppState,
};

pub(super) async fn checked(state: &AppState, user: &CurrentUser, form: &QuizForm) -> AppResult<()> {
    form.validate()?;
    crate::routes::access::require_runs(state, user.id, &form.group_ids, &form.unit_ids).await
}

/// Creates a quiz for groups she runs as admin and units she administers.
#[utoipa::path(post, path = "/api/quizzes", tag = "quizzes", request_body = QuizForm,
    responses((status = 201, body = QuizView), (status = 422, body = ApiError)))]
pub(super) async fn create(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiJson(form): ApiJson<QuizForm>,
) -> AppResult<(StatusCode, ApiJson<QuizView>)> {
    checked(&state, &user, &form).await?;
    crate::routes::covers::check(&state, form.cover_id, user.id, None).await?;
    let id = quizzes::create(&state.db, &form, user.id).await?;
    Ok((StatusCode::CREATED, view(&state, id, &user).await?))
}

/// Rewrites the quiz; refused with `quiz_started` once anybody has started it.
#[utoipa::path(put, path = "/api/quizzes/{id}", tag = "quizzes", request_body = QuizForm,
    responses((status = 200, body = QuizView), (status = 409, body = ApiError), (status = 422, body = ApiError)))]
pub(super) async fn edit(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(form): ApiJson<QuizForm>,
) -> AppResult<ApiJson<QuizView>> {
    let quiz = managed(&state, id, &user).await?;
    checked(&state, &user, &form).await?;
    crate::routes::covers::check(&state, form.cover_id, user.id, quiz.cover_id).await?;
    if !quizzes::replace(&state.db, id, &form).await? {
        return Err(AppError::conflict(ErrorCode::QuizStarted));
    }
    view(&state, id, &user).await
}

/// The quiz as written, with its key: for those who run it.
#[utoipa::path(get, path = "/api/quizzes/{id}/form", tag = "quizzes",
    responses((status = 200, body = QuizDraftView), (status = 403, body = ApiError)))]
pub(super) async fn draft(
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
pub(super) async fn close(
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
