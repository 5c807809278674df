//! A survey's results: the counts per question for its whole audience, one of its groups, or a
//! unit with everything under it; and the responses as a spreadsheet.

use axum::{extract::State, response::Response};
use hoi_api::{
    survey::{QuestionKind, QuestionResult, ResultScope, SurveyResults, Tally, OTHER},
    units::UnitLevel,
    ApiError,
};
use serde::Deserialize;

use super::{managed, responded, survey_or_404};
use crate::{
    auth::CurrentUser,
    db::{
        groups,
        survey_responses::{self, number_text, option_label, Counts, Scope},
        surveys::{self, Survey},
        units,
    },
    error::{ApiJson, ApiPath, ApiQuery, AppError, AppResult},
    export::{vietnam_clock, Cell, ExportQuery, Table},
    state::AppState,
};

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct ResultsQuery {
    /// `group:<id>` or `unit:<id>` (with every unit under it); the whole audience when absent.
    pub scope: Option<String>,
    /// An anonymous survey's respondent shows her device's token to read the summary.
    pub token: Option<String>,
    pub format: Option<String>,
}

fn scope_of(query: &ResultsQuery) -> AppResult<Scope> {
    Scope::parse(query.scope.as_deref())
        .ok_or_else(|| AppError::field("scope", hoi_api::ErrorCode::UnknownChoice))
}

/// The results of one question from the scope's counts.
fn question_result(
    question: &hoi_api::survey::Question,
    counts: &mut Counts,
    with_texts: bool,
) -> QuestionResult {
    let id = question.id;
    let count = |option: u8| counts.choices.get(&(id, option)).copied().unwrap_or(0);
    let numbers = counts.numbers.remove(&id).unwrap_or_default();
    let mut tallies: Vec<Tally> = match question.kind {
        kind if kind.is_choice() => (0..question.option_count())
            .map(|o| Tally {
                label: option_label(question, o as i64),
                count: count(o as u8),
            })
            .collect(),
        QuestionKind::Rating => (1..=5)
            .map(|stars| Tally {
                label: format!("{stars} sao"),
                count: numbers
                    .iter()
                    .filter(|(n, _)| *n == f64::from(stars))
                    .map(|(_, c)| c)
                    .sum(),
            })
            .collect(),
        QuestionKind::Number if numbers.len() <= 12 => numbers
            .iter()
            .map(|(n, c)| Tally {
                label: number_text(*n),
                count: *c,
            })
            .collect(),
        QuestionKind::Commune => counts
            .communes
            .remove(&id)
            .unwrap_or_default()
            .into_iter()
            .take(10)
            .map(|(label, count)| Tally { label, count })
            .collect(),
        _ => Vec::new(),
    };
    if question.other {
        tallies.push(Tally {
            label: "Khác".into(),
            count: count(OTHER),
        });
    }
    let total: u32 = numbers.iter().map(|(_, c)| c).sum();
    let average = (total > 0).then(|| {
        let sum: f64 = numbers.iter().map(|(n, c)| n * f64::from(*c)).sum();
        (sum / f64::from(total) * 10.0).round() / 10.0
    });
    QuestionResult {
        id,
        text: question.text.clone(),
        answered: counts.answered.get(&id).copied().unwrap_or(0),
        tallies,
        average,
        texts: if with_texts {
            counts.texts.remove(&id).unwrap_or_default()
        } else {
            Vec::new()
        },
    }
}

/// The scopes to narrow by: the survey's groups, then its units and the units its answers came from.
async fn scopes(state: &AppState, survey: &Survey) -> AppResult<Vec<ResultScope>> {
    let (group_ids, mut unit_ids) = surveys::audience(&state.db, survey.id).await?;
    let mut scopes = Vec::new();
    for group in group_ids {
        if let Some(name) = groups::name(&state.db, group).await? {
            scopes.push(ResultScope {
                key: format!("group:{group}"),
                name,
            });
        }
    }
    unit_ids.extend(survey_responses::units_answered(&state.db, survey.id).await?);
    unit_ids.sort_unstable();
    unit_ids.dedup();
    let mut found = Vec::new();
    for id in unit_ids {
        if let Some(unit) = units::get(&state.db, id).await? {
            if unit.parent_name.is_some() {
                found.push(unit);
            }
        }
    }
    // Provinces before their communes, each list by name; a province is named alone.
    found.sort_by_key(|u| (u.level != UnitLevel::Province, u.name.clone()));
    scopes.extend(found.into_iter().map(|u| ResultScope {
        key: format!("unit:{}", u.id),
        name: if u.level == UnitLevel::Province {
            u.name
        } else {
            u.place()
        },
    }));
    Ok(scopes)
}

/// The counts per question. Those who run the survey see every scope and the text answers; a
/// respondent sees the whole survey's counts once she has answered, when the survey shows them.
#[utoipa::path(get, path = "/api/surveys/{id}/results", tag = "surveys", params(ResultsQuery),
    responses((status = 200, body = SurveyResults), (status = 403, body = ApiError)))]
pub async fn results(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<i64>,
    ApiQuery(query): ApiQuery<ResultsQuery>,
) -> AppResult<ApiJson<SurveyResults>> {
    let survey = survey_or_404(&state, id).await?;
    let manager = surveys::manages(&state.db, &survey, user.id).await?;
    let reader =
        manager || (survey.show_summary && responded(&state, &survey, &user, query.token.as_deref()).await?);
    if !reader {
        return Err(AppError::forbidden());
    }
    let scope = if manager { scope_of(&query)? } else { Scope::All };
    let mut counts = survey_responses::counts(&state.db, id, scope).await?;
    let questions = survey
        .sections
        .iter()
        .flat_map(|s| &s.questions)
        .map(|q| question_result(q, &mut counts, manager))
        .collect();
    Ok(ApiJson(SurveyResults {
        title: survey.title.clone(),
        responses: counts.responses,
        members: if scope == Scope::All {
            survey_responses::members(&state.db, id).await?
        } else {
            None
        },
        questions,
        scopes: if manager {
            scopes(&state, &survey).await?
        } else {
            Vec::new()
        },
    }))
}

/// One row per response, one column per question with its words as the heading.
#[utoipa::path(get, path = "/api/surveys/{id}/export", tag = "surveys", params(ResultsQuery),
    responses((status = 200, description = "XLSX or CSV"), (status = 403, body = ApiError)))]
pub async fn export(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<i64>,
    ApiQuery(query): ApiQuery<ResultsQuery>,
) -> AppResult<Response> {
    let survey = managed(&state, id, &user).await?;
    let scope = scope_of(&query)?;
    let questions: Vec<_> = survey.sections.iter().flat_map(|s| &s.questions).collect();
    let mut headers = vec!["Phiếu số".to_owned(), "Gửi lúc".to_owned()];
    if !survey.anonymous {
        headers.push("Họ và tên".to_owned());
    }
    headers.push("Xã/phường".to_owned());
    headers.extend(
        questions
            .iter()
            .enumerate()
            .map(|(i, q)| format!("Câu {}. {}", i + 1, q.text)),
    );
    let rows = survey_responses::rows(&state.db, id, scope, &survey.sections)
        .await?
        .into_iter()
        .map(|mut row| {
            let mut cells = vec![Cell::from(row.id), Cell::from(vietnam_clock(row.submitted_at))];
            if !survey.anonymous {
                cells.push(row.name.take().unwrap_or_default().into());
            }
            cells.push(row.unit.take().unwrap_or_default().into());
            for question in &questions {
                let words = row.answers.remove(&question.id).unwrap_or_default();
                let numeric = matches!(question.kind, QuestionKind::Number | QuestionKind::Rating);
                cells.push(match (numeric, words.as_slice()) {
                    (true, [one]) => one
                        .replace(',', ".")
                        .parse::<f64>()
                        .map_or_else(|_| Cell::from(one.as_str()), Cell::Number),
                    _ => Cell::from(words.join("; ")),
                });
            }
            cells
        })
        .collect();
    let table = Table {
        name: format!("Khao sat {id}"),
        headers,
        rows,
    };
    ExportQuery { format: query.format }.respond(&table)
}
