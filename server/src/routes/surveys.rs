//! Needs surveys: admins build them for groups and units, members answer them (once per member,
//! or once per device when anonymous), and the results add up by group and down the unit tree.

use axum::{extract::State, http::StatusCode};
use hoi_api::{
    survey::{
        self, QuestionKind, ResponseReceipt, ResponseRequest, SurveyForm, SurveyList, SurveyPhase,
        SurveySummary, SurveyView,
    },
    ApiError, ErrorCode,
};
use serde::Deserialize;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::{
    auth::CurrentUser,
    db::{
        audiences, now,
        survey_responses::{self, token_hash, NewResponse},
        surveys::{self, Survey},
        to_datetime,
    },
    error::{ApiJson, ApiPath, ApiQuery, AppError, AppResult},
    state::AppState,
    surveys::template,
};

mod results;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(template))
        .routes(routes!(get_one, edit))
        .routes(routes!(form))
        .routes(routes!(close))
        .routes(routes!(respond))
        .routes(routes!(results::results))
        .routes(routes!(results::export))
}

/// The device's token, sent by anonymous surveys' pages so the server can tell her whether this
/// phone has answered.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct DeviceQuery {
    pub token: Option<String>,
}

async fn survey_or_404(state: &AppState, id: i64) -> AppResult<Survey> {
    surveys::get(&state.db, id).await?.ok_or_else(AppError::not_found)
}

async fn managed(state: &AppState, id: i64, user: &CurrentUser) -> AppResult<Survey> {
    let survey = survey_or_404(state, id).await?;
    if surveys::manages(&state.db, &survey, user.id).await? {
        Ok(survey)
    } else {
        Err(AppError::forbidden())
    }
}

/// Whether her response has arrived: by her account (named) or by this device's token.
async fn responded(
    state: &AppState,
    survey: &Survey,
    user: &CurrentUser,
    token: Option<&str>,
) -> AppResult<bool> {
    let user_id = (!survey.anonymous).then_some(user.id);
    let hash = token.map(token_hash).unwrap_or_default();
    if user_id.is_none() && hash.is_empty() {
        return Ok(false);
    }
    Ok(survey_responses::existing(&state.db, survey.id, user_id, &hash)
        .await?
        .is_some())
}

fn summary(survey: &Survey, responded: bool, can_manage: bool) -> SurveySummary {
    SurveySummary {
        id: survey.id,
        title: survey.title.clone(),
        closes_at: to_datetime(survey.closes_at),
        phase: survey.phase(now()),
        questions: survey.question_count(),
        responses: survey.responses,
        anonymous: survey.anonymous,
        responded,
        can_manage,
    }
}

/// The surveys she is asked to answer or runs (open first), and what she may create one for.
#[utoipa::path(get, path = "/api/surveys", tag = "surveys",
    responses((status = 200, body = SurveyList), (status = 401, body = ApiError)))]
async fn list(State(state): State<AppState>, user: CurrentUser) -> AppResult<ApiJson<SurveyList>> {
    let mut items = Vec::new();
    for survey in surveys::recent(&state.db).await? {
        let (can_manage, eligible) = surveys::roles(&state.db, &survey, user.id).await?;
        if can_manage || eligible {
            let responded = responded(&state, &survey, &user, None).await?;
            items.push(summary(&survey, responded, can_manage));
        }
    }
    items.sort_by_key(|s| match s.phase {
        SurveyPhase::Open => 0,
        SurveyPhase::Upcoming => 1,
        SurveyPhase::Closed => 2,
    });
    Ok(ApiJson(SurveyList {
        items,
        audiences: audiences::audiences_for(&state.db, user.id).await?,
    }))
}

/// Checks the form by the shared rules and that she runs every group and unit it names.
async fn checked(state: &AppState, user: &CurrentUser, form: &SurveyForm) -> AppResult<()> {
    form.validate()?;
    super::access::require_runs(state, user.id, &form.group_ids, &form.unit_ids).await
}

#[utoipa::path(post, path = "/api/surveys", tag = "surveys", request_body = SurveyForm,
    responses((status = 201, body = SurveyView), (status = 422, body = ApiError)))]
async fn create(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiJson(form): ApiJson<SurveyForm>,
) -> AppResult<(StatusCode, ApiJson<SurveyView>)> {
    checked(&state, &user, &form).await?;
    let id = surveys::create(&state.db, &form, user.id).await?;
    Ok((StatusCode::CREATED, view(&state, id, &user, None).await?))
}

/// The ready "Khảo sát nhu cầu hội viên": every kind of question, the Hội's themes, one
/// condition; the builder fills itself with it and the admin adjusts.
#[utoipa::path(get, path = "/api/surveys/template", tag = "surveys",
    responses((status = 200, body = SurveyForm), (status = 401, body = ApiError)))]
async fn template(_user: CurrentUser) -> ApiJson<SurveyForm> {
    ApiJson(template::needs_survey(to_datetime(now())))
}

/// Rewrites the survey. Before the first response anything may change; after it, only wording,
/// the close and the summary setting (409 `survey_answered` naming the first locked change).
#[utoipa::path(put, path = "/api/surveys/{id}", tag = "surveys", request_body = SurveyForm,
    responses((status = 200, body = SurveyView), (status = 409, body = ApiError), (status = 422, body = ApiError)))]
async fn edit(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(mut form): ApiJson<SurveyForm>,
) -> AppResult<ApiJson<SurveyView>> {
    let survey = managed(&state, id, &user).await?;
    // As stored (sorted, once each), so an unchanged audience compares equal below.
    for ids in [&mut form.group_ids, &mut form.unit_ids] {
        ids.sort_unstable();
        ids.dedup();
    }
    checked(&state, &user, &form).await?;
    if survey.responses > 0 {
        let old = surveys::form(&state.db, &survey).await?;
        if let Some(field) = form.locked_change(&old) {
            return Err(AppError::FieldConflict(field, ErrorCode::SurveyAnswered));
        }
    }
    surveys::replace(&state.db, id, &form).await?;
    view(&state, id, &user, None).await
}

/// The survey as written, for those who run it (its summary's `responses` say whether it is locked).
#[utoipa::path(get, path = "/api/surveys/{id}/form", tag = "surveys",
    responses((status = 200, body = SurveyForm), (status = 403, body = ApiError)))]
async fn form(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<ApiJson<SurveyForm>> {
    let survey = managed(&state, id, &user).await?;
    Ok(ApiJson(surveys::form(&state.db, &survey).await?))
}

/// Ends an open survey now.
#[utoipa::path(post, path = "/api/surveys/{id}/close", tag = "surveys",
    responses((status = 204), (status = 403, body = ApiError), (status = 409, body = ApiError)))]
async fn close(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<StatusCode> {
    managed(&state, id, &user).await?;
    if !surveys::close_now(&state.db, id).await? {
        return Err(AppError::conflict(ErrorCode::SurveyClosed));
    }
    Ok(StatusCode::NO_CONTENT)
}

async fn view(
    state: &AppState,
    id: i64,
    user: &CurrentUser,
    token: Option<&str>,
) -> AppResult<ApiJson<SurveyView>> {
    let survey = survey_or_404(state, id).await?;
    let (can_manage, eligible) = surveys::roles(&state.db, &survey, user.id).await?;
    if !can_manage && !eligible {
        return Err(AppError::Client(StatusCode::FORBIDDEN, ErrorCode::NotEligible));
    }
    let responded = responded(state, &survey, user, token).await?;
    Ok(ApiJson(SurveyView {
        summary: summary(&survey, responded, can_manage),
        intro: survey.intro.clone(),
        audience: surveys::audience_names(&state.db, id).await?,
        show_summary: survey.show_summary,
        eligible,
        sections: survey.sections,
    }))
}

/// The survey to answer: for its audience and those who run it (403 `not_eligible` for others).
#[utoipa::path(get, path = "/api/surveys/{id}", tag = "surveys", params(DeviceQuery),
    responses((status = 200, body = SurveyView), (status = 403, body = ApiError), (status = 404, body = ApiError)))]
async fn get_one(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<i64>,
    ApiQuery(query): ApiQuery<DeviceQuery>,
) -> AppResult<ApiJson<SurveyView>> {
    view(&state, id, &user, query.token.as_deref()).await
}

fn receipt(id: i64, submitted_at: i64) -> ApiJson<ResponseReceipt> {
    ApiJson(ResponseReceipt {
        response_id: id,
        submitted_at: to_datetime(submitted_at),
    })
}

/// Her response. Checked by the shared rules (422 with the reason beside each question); 201 when
/// it arrives, 200 when this token's response had already arrived (a retry after a lost answer,
/// or the offline queue sending again), 409 `already_responded` for a second response.
#[utoipa::path(post, path = "/api/surveys/{id}/responses", tag = "surveys", request_body = ResponseRequest,
    responses((status = 201, body = ResponseReceipt), (status = 200, body = ResponseReceipt),
        (status = 403, body = ApiError), (status = 409, body = ApiError), (status = 422, body = ApiError)))]
async fn respond(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(request): ApiJson<ResponseRequest>,
) -> AppResult<(StatusCode, ApiJson<ResponseReceipt>)> {
    let survey = survey_or_404(&state, id).await?;
    let token = request.token.trim();
    if token.is_empty() || token.len() > 100 {
        return Err(AppError::field("token", ErrorCode::Required));
    }
    let hash = token_hash(token);
    let user_id = (!survey.anonymous).then_some(user.id);
    let earlier = survey_responses::existing(&state.db, id, user_id, &hash).await?;
    if let Some(stored) = earlier.filter(|s| s.same_token) {
        return Ok((StatusCode::OK, receipt(stored.id, stored.submitted_at)));
    }
    if !surveys::eligible(&state.db, id, user.id).await? {
        return Err(AppError::Client(StatusCode::FORBIDDEN, ErrorCode::NotEligible));
    }
    match survey.phase(now()) {
        SurveyPhase::Upcoming => return Err(AppError::conflict(ErrorCode::SurveyNotOpen)),
        SurveyPhase::Closed => return Err(AppError::conflict(ErrorCode::SurveyClosed)),
        SurveyPhase::Open => {}
    }
    if earlier.is_some() {
        return Err(AppError::conflict(ErrorCode::AlreadyResponded));
    }
    survey::check_answers(&survey.sections, &request.answers)?;
    let communes = survey
        .sections
        .iter()
        .flat_map(|s| &s.questions)
        .filter(|q| q.kind == QuestionKind::Commune);
    for question in communes {
        let unit = request
            .answers
            .iter()
            .find(|a| a.question == question.id)
            .and_then(|a| a.unit);
        if let Some(unit) = unit {
            if !survey_responses::is_commune(&state.db, unit).await? {
                return Err(AppError::field(
                    &format!("answers.{}", question.id),
                    ErrorCode::UnknownUnit,
                ));
            }
        }
    }
    let (group_id, unit_id) = survey_responses::placement(&state.db, id, user.id).await?;
    let new = NewResponse {
        survey_id: id,
        user_id,
        token_hash: &hash,
        group_id,
        unit_id,
        answers: &request.answers,
    };
    match survey_responses::insert(&state.db, &new).await? {
        Some(response_id) => Ok((StatusCode::CREATED, receipt(response_id, now()))),
        // Another send won the race: the same token is a retry, another is a second response.
        None => match survey_responses::existing(&state.db, id, user_id, &hash).await? {
            Some(stored) if stored.same_token => {
                Ok((StatusCode::OK, receipt(stored.id, stored.submitted_at)))
            }
            _ => Err(AppError::conflict(ErrorCode::AlreadyResponded)),
        },
    }
}
