//! Surveys as the admin writes them: settings, who they are for, and the questions (kept whole as
//! JSON of the shared crate's sections). Responses and results are in `db::survey_responses`.

use hoi_api::survey::{Section, SurveyForm, SurveyPhase};
use sqlx::{any::AnyRow, Row};

use super::{audiences, flag, now, to_datetime, Db};

/// A survey as stored.
#[derive(Debug, Clone)]
pub struct Survey {
    pub id: i64,
    pub title: String,
    pub intro: String,
    pub opens_at: i64,
    pub closes_at: i64,
    pub anonymous: bool,
    pub show_summary: bool,
    pub sections: Vec<Section>,
    pub created_by: i64,
    pub responses: u32,
}

impl Survey {
    pub fn phase(&self, at: i64) -> SurveyPhase {
        if at < self.opens_at {
            SurveyPhase::Upcoming
        } else if at < self.closes_at {
            SurveyPhase::Open
        } else {
            SurveyPhase::Closed
        }
    }

    pub fn question_count(&self) -> u32 {
        self.sections
            .iter()
            .map(|s| u32::try_from(s.questions.len()).unwrap_or(0))
            .sum()
    }
}

const AUDIENCE: audiences::Tables = audiences::Tables("survey");

const SURVEY_SELECT: &str =
    "SELECT s.*, (SELECT COUNT(*) FROM survey_responses r WHERE r.survey_id = s.id) AS responses \
     FROM surveys s";

fn survey_from(row: &AnyRow) -> Result<Survey, sqlx::Error> {
    let sections: String = row.try_get("sections")?;
    Ok(Survey {
        id: row.try_get("id")?,
        title: row.try_get("title")?,
        intro: row.try_get("intro")?,
        opens_at: row.try_get("opens_at")?,
        closes_at: row.try_get("closes_at")?,
        anonymous: flag(row, "anonymous")?,
        show_summary: flag(row, "show_summary")?,
        sections: serde_json::from_str(&sections).map_err(|e| sqlx::Error::Decode(Box::new(e)))?,
        created_by: row.try_get("created_by")?,
        responses: u32::try_from(row.try_get::<i64, _>("responses")?).unwrap_or(0),
    })
}

pub async fn get(db: &Db, id: i64) -> Result<Option<Survey>, sqlx::Error> {
    let row = sqlx::query(&format!("{SURVEY_SELECT} WHERE s.id = $1"))
        .bind(id)
        .fetch_optional(&db.pool)
        .await?;
    row.as_ref().map(survey_from).transpose()
}

/// Surveys still open or closed within the last 90 days, newest first: the candidates of a
/// member's list, filtered by who may see them.
pub async fn recent(db: &Db) -> Result<Vec<Survey>, sqlx::Error> {
    let rows = sqlx::query(&format!(
        "{SURVEY_SELECT} WHERE s.closes_at > $1 ORDER BY s.opens_at DESC, s.id DESC LIMIT 200"
    ))
    .bind(now() - 90 * 86_400)
    .fetch_all(&db.pool)
    .await?;
    rows.iter().map(survey_from).collect()
}

/// The stored sections: what she wrote, trimmed.
fn sections_json(form: &SurveyForm) -> String {
    let mut sections = form.sections.clone();
    for question in sections.iter_mut().flat_map(|s| s.questions.iter_mut()) {
        question.text = question.text.trim().to_owned();
        question.help = question.help.trim().to_owned();
        for option in &mut question.options {
            *option = option.trim().to_owned();
        }
    }
    serde_json::to_string(&sections).unwrap_or_else(|_| "[]".into())
}

pub async fn create(db: &Db, form: &SurveyForm, creator: i64) -> Result<i64, sqlx::Error> {
    let mut tx = db.pool.begin().await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO surveys (title, intro, opens_at, closes_at, anonymous, show_summary, sections, created_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
    )
    .bind(hoi_api::text::tidy(&form.title))
    .bind(form.intro.trim())
    .bind(form.opens_at.timestamp())
    .bind(form.closes_at.timestamp())
    .bind(form.anonymous)
    .bind(form.show_summary)
    .bind(sections_json(form))
    .bind(creator)
    .bind(now())
    .fetch_one(&mut *tx)
    .await?;
    AUDIENCE
        .write(&mut tx, id, &form.group_ids, &form.unit_ids)
        .await?;
    tx.commit().await?;
    Ok(id)
}

/// Rewrites the survey. The caller has checked that, once answered, only wording changes.
pub async fn replace(db: &Db, id: i64, form: &SurveyForm) -> Result<(), sqlx::Error> {
    let mut tx = db.pool.begin().await?;
    sqlx::query(
        "UPDATE surveys SET title = $1, intro = $2, opens_at = $3, closes_at = $4, anonymous = $5, \
         show_summary = $6, sections = $7 WHERE id = $8",
    )
    .bind(hoi_api::text::tidy(&form.title))
    .bind(form.intro.trim())
    .bind(form.opens_at.timestamp())
    .bind(form.closes_at.timestamp())
    .bind(form.anonymous)
    .bind(form.show_summary)
    .bind(sections_json(form))
    .bind(id)
    .execute(&mut *tx)
    .await?;
    AUDIENCE
        .write(&mut tx, id, &form.group_ids, &form.unit_ids)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Ends an open survey now; `false` when it was not open.
pub async fn close_now(db: &Db, id: i64) -> Result<bool, sqlx::Error> {
    let at = now();
    let closed =
        sqlx::query("UPDATE surveys SET closes_at = $1 WHERE id = $2 AND opens_at <= $1 AND closes_at > $1")
            .bind(at)
            .bind(id)
            .execute(&db.pool)
            .await?;
    Ok(closed.rows_affected() == 1)
}

/// The groups and units the survey is for.
pub async fn audience(db: &Db, id: i64) -> Result<(Vec<i64>, Vec<i64>), sqlx::Error> {
    AUDIENCE.of(db, id).await
}

/// The audience's names, groups first.
pub async fn audience_names(db: &Db, id: i64) -> Result<Vec<String>, sqlx::Error> {
    AUDIENCE.names(db, id).await
}

/// The survey as written, for the edit form.
pub async fn form(db: &Db, survey: &Survey) -> Result<SurveyForm, sqlx::Error> {
    let (group_ids, unit_ids) = audience(db, survey.id).await?;
    Ok(SurveyForm {
        title: survey.title.clone(),
        intro: survey.intro.clone(),
        opens_at: to_datetime(survey.opens_at),
        closes_at: to_datetime(survey.closes_at),
        group_ids,
        unit_ids,
        anonymous: survey.anonymous,
        show_summary: survey.show_summary,
        sections: survey.sections.clone(),
    })
}

/// Whether she runs the survey: its author, an admin of one of its groups, a cadre above one of its units.
pub async fn manages(db: &Db, survey: &Survey, user_id: i64) -> Result<bool, sqlx::Error> {
    let (group_ids, unit_ids) = audience(db, survey.id).await?;
    audiences::runs_any(db, user_id, survey.created_by, &group_ids, &unit_ids).await
}

/// Whether she runs it and whether she is asked to answer it, from one read of its audience
/// (the list and the survey page need both).
pub async fn roles(db: &Db, survey: &Survey, user_id: i64) -> Result<(bool, bool), sqlx::Error> {
    let (group_ids, unit_ids) = audience(db, survey.id).await?;
    Ok((
        audiences::runs_any(db, user_id, survey.created_by, &group_ids, &unit_ids).await?,
        audiences::includes(db, user_id, &group_ids, &unit_ids).await?,
    ))
}

/// Whether she is asked to answer it.
pub async fn eligible(db: &Db, survey_id: i64, user_id: i64) -> Result<bool, sqlx::Error> {
    let (group_ids, unit_ids) = audience(db, survey_id).await?;
    audiences::includes(db, user_id, &group_ids, &unit_ids).await
}
