//! Quiz contests as the admin writes them: the quiz, who it is run for, its question bank; and
//! who may take it or run it. Attempts, answers and the ranking are in `db::quiz_attempts`.

use hoi_api::quiz::{PredictionKind, Prizes, QuestionDraft, QuestionKind, QuizForm, QuizPhase, TieBreak};
use sqlx::{any::AnyRow, Any, Row, Transaction};

use super::{audiences, flag, now, to_datetime, Db};

/// A quiz's settings as stored.
#[derive(Debug, Clone)]
pub struct Quiz {
    pub id: i64,
    pub title: String,
    pub rules: String,
    pub opens_at: i64,
    pub closes_at: i64,
    pub minutes: u32,
    pub attempts_allowed: u32,
    pub draw_count: u32,
    pub shuffle_options: bool,
    pub prediction: Option<PredictionKind>,
    pub tie_breaks: Vec<TieBreak>,
    pub prizes: Prizes,
    pub score_after_submit: bool,
    pub cover_id: Option<i64>,
    pub created_by: i64,
    pub truth: Option<i64>,
    pub ranked: bool,
    /// Questions in the bank.
    pub bank_size: u32,
}

impl Quiz {
    pub fn phase(&self, at: i64) -> QuizPhase {
        if at < self.opens_at {
            QuizPhase::Upcoming
        } else if at < self.closes_at {
            QuizPhase::Open
        } else {
            QuizPhase::Closed
        }
    }

    /// Questions on each paper.
    pub fn paper_size(&self) -> u32 {
        match self.draw_count {
            0 => self.bank_size,
            n => n.min(self.bank_size),
        }
    }
}

const AUDIENCE: audiences::Tables = audiences::Tables("quiz");

const QUIZ_SELECT: &str =
    "SELECT q.*, (SELECT COUNT(*) FROM quiz_questions qq WHERE qq.quiz_id = q.id) AS bank_size \
     FROM quizzes q";

fn quiz_from(row: &AnyRow) -> Result<Quiz, sqlx::Error> {
    let count = |column: &str| -> Result<u32, sqlx::Error> {
        Ok(u32::try_from(row.try_get::<i64, _>(column)?).unwrap_or(0))
    };
    let tie_breaks: String = row.try_get("tie_breaks")?;
    Ok(Quiz {
        id: row.try_get("id")?,
        title: row.try_get("title")?,
        rules: row.try_get("rules")?,
        opens_at: row.try_get("opens_at")?,
        closes_at: row.try_get("closes_at")?,
        minutes: count("minutes")?,
        attempts_allowed: count("attempts_allowed")?,
        draw_count: count("draw_count")?,
        shuffle_options: flag(row, "shuffle_options")?,
        prediction: row
            .try_get::<Option<String>, _>("prediction")?
            .as_deref()
            .and_then(PredictionKind::parse),
        tie_breaks: tie_breaks.split(',').filter_map(TieBreak::parse).collect(),
        prizes: Prizes {
            first: count("prize_first")?,
            second: count("prize_second")?,
            third: count("prize_third")?,
            consolation: count("prize_consolation")?,
        },
        score_after_submit: flag(row, "score_after_submit")?,
        cover_id: row.try_get("cover_id")?,
        created_by: row.try_get("created_by")?,
        truth: row.try_get("truth")?,
        ranked: row.try_get::<Option<i64>, _>("ranked_at")?.is_some(),
        bank_size: count("bank_size")?,
    })
}

pub async fn get(db: &Db, id: i64) -> Result<Option<Quiz>, sqlx::Error> {
    let row = sqlx::query(&format!("{QUIZ_SELECT} WHERE q.id = $1"))
        .bind(id)
        .fetch_optional(&db.pool)
        .await?;
    row.as_ref().map(quiz_from).transpose()
}

/// Quizzes still open or closed within the last 60 days, newest opening first: the candidates
/// of a member's list, filtered by who may see them.
pub async fn recent(db: &Db) -> Result<Vec<Quiz>, sqlx::Error> {
    let rows = sqlx::query(&format!(
        "{QUIZ_SELECT} WHERE q.closes_at > $1 ORDER BY q.opens_at DESC, q.id DESC LIMIT 200"
    ))
    .bind(now() - 60 * 86_400)
    .fetch_all(&db.pool)
    .await?;
    rows.iter().map(quiz_from).collect()
}

/// Quizzes past their close that the ranking has not seen yet.
pub async fn unranked_closed(db: &Db, at: i64) -> Result<Vec<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT id FROM quizzes WHERE ranked_at IS NULL AND closes_at <= $1")
        .bind(at)
        .fetch_all(&db.pool)
        .await
}

fn tie_break_text(form: &QuizForm) -> String {
    form.tie_breaks
        .iter()
        .map(|t| t.as_str())
        .collect::<Vec<_>>()
        .join(",")
}

/// Writes the audience and the question bank of quiz `id` (after clearing the old ones).
async fn write_parts(tx: &mut Transaction<'_, Any>, id: i64, form: &QuizForm) -> Result<(), sqlx::Error> {
    AUDIENCE.write(tx, id, &form.group_ids, &form.unit_ids).await?;
    sqlx::query("DELETE FROM quiz_questions WHERE quiz_id = $1")
        .bind(id)
        .execute(&mut **tx)
        .await?;
    for (position, question) in form.questions.iter().enumerate() {
        let mut correct = question.correct.clone();
        correct.sort_unstable();
        correct.dedup();
        let options: Vec<String> = question.options.iter().map(|o| o.trim().to_owned()).collect();
        sqlx::query(
            "INSERT INTO quiz_questions (quiz_id, position, text, kind, options, correct, points, explanation) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(id)
        .bind(i64::try_from(position).unwrap_or(0))
        .bind(question.text.trim())
        .bind(match question.kind {
            QuestionKind::Single => "single",
            QuestionKind::Multiple => "multiple",
        })
        .bind(serde_json::to_string(&options).unwrap_or_default())
        .bind(index_list(&correct))
        .bind(i64::from(question.points))
        .bind(question.explanation.trim())
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// `[2, 0]` → `"2,0"`: option lists as stored.
pub fn index_list(indexes: &[u8]) -> String {
    indexes.iter().map(u8::to_string).collect::<Vec<_>>().join(",")
}

/// `"2,0"` → `[2, 0]`.
pub fn parse_index_list(text: &str) -> Vec<u8> {
    text.split(',').filter_map(|i| i.parse().ok()).collect()
}

/// The quiz's own columns, bound in the order of `INSERT` and `UPDATE` below.
macro_rules! bind_settings {
    ($query:expr, $form:expr) => {
        $query
            .bind(hoi_api::text::tidy(&$form.title))
            .bind($form.rules.trim())
            .bind($form.opens_at.timestamp())
            .bind($form.closes_at.timestamp())
            .bind(i64::from($form.minutes))
            .bind(i64::from($form.attempts))
            .bind(i64::from($form.draw))
            .bind($form.shuffle_options)
            .bind($form.prediction.map(PredictionKind::as_str))
            .bind(tie_break_text($form))
            .bind(i64::from($form.prizes.first))
            .bind(i64::from($form.prizes.second))
            .bind(i64::from($form.prizes.third))
            .bind(i64::from($form.prizes.consolation))
            .bind($form.score_after_submit)
            .bind($form.cover_id)
    };
}

pub async fn create(db: &Db, form: &QuizForm, creator: i64) -> Result<i64, sqlx::Error> {
    let mut tx = db.pool.begin().await?;
    let id: i64 = bind_settings!(
        sqlx::query_scalar(
            "INSERT INTO quizzes (title, rules, opens_at, closes_at, minutes, attempts_allowed, draw_count, \
             shuffle_options, prediction, tie_breaks, prize_first, prize_second, prize_third, prize_consolation, \
             score_after_submit, cover_id, created_by, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18) RETURNING id",
        ),
        form
    )
    .bind(creator)
    .bind(now())
    .fetch_one(&mut *tx)
    .await?;
    write_parts(&mut tx, id, form).await?;
    tx.commit().await?;
    Ok(id)
}

/// Rewrites the quiz; `false` (nothing changed) once somebody has started it, whose paper was
/// drawn from the bank as it was.
pub async fn replace(db: &Db, id: i64, form: &QuizForm) -> Result<bool, sqlx::Error> {
    let mut tx = db.pool.begin().await?;
    let updated = bind_settings!(
        sqlx::query(
            "UPDATE quizzes SET title = $1, rules = $2, opens_at = $3, closes_at = $4, minutes = $5, \
             attempts_allowed = $6, draw_count = $7, shuffle_options = $8, prediction = $9, tie_breaks = $10, \
             prize_first = $11, prize_second = $12, prize_third = $13, prize_consolation = $14, \
             score_after_submit = $15, cover_id = $16 \
             WHERE id = $17 AND NOT EXISTS (SELECT 1 FROM quiz_attempts WHERE quiz_id = $17)",
        ),
        form
    )
    .bind(id)
    .execute(&mut *tx)
    .await?;
    if updated.rows_affected() == 0 {
        return Ok(false);
    }
    write_parts(&mut tx, id, form).await?;
    tx.commit().await?;
    Ok(true)
}

/// Ends an open quiz now (the admin's "Kết thúc ngay"); attempts in progress end with it.
pub async fn close_now(db: &Db, id: i64) -> Result<bool, sqlx::Error> {
    let at = now();
    let closed =
        sqlx::query("UPDATE quizzes SET closes_at = $1 WHERE id = $2 AND opens_at <= $1 AND closes_at > $1")
            .bind(at)
            .bind(id)
            .execute(&db.pool)
            .await?;
    sqlx::query("UPDATE quiz_attempts SET deadline_ms = $1 WHERE quiz_id = $2 AND submitted_ms IS NULL AND deadline_ms > $1")
        .bind(at * 1000)
        .bind(id)
        .execute(&db.pool)
        .await?;
    Ok(closed.rows_affected() == 1)
}

/// The groups and units the quiz is run for.
pub async fn audience(db: &Db, id: i64) -> Result<(Vec<i64>, Vec<i64>), sqlx::Error> {
    AUDIENCE.of(db, id).await
}

/// The audience's names, groups first.
pub async fn audience_names(db: &Db, id: i64) -> Result<Vec<String>, sqlx::Error> {
    AUDIENCE.names(db, id).await
}

/// The quiz as written, with its key: for the admin's edit form.
pub async fn form(db: &Db, quiz: &Quiz) -> Result<QuizForm, sqlx::Error> {
    let (group_ids, unit_ids) = audience(db, quiz.id).await?;
    let rows = sqlx::query(
        "SELECT text, kind, options, correct, points, explanation FROM quiz_questions \
         WHERE quiz_id = $1 ORDER BY position",
    )
    .bind(quiz.id)
    .fetch_all(&db.pool)
    .await?;
    let questions = rows
        .iter()
        .map(|row| {
            let options: String = row.try_get("options")?;
            let correct: String = row.try_get("correct")?;
            let kind: String = row.try_get("kind")?;
            Ok(QuestionDraft {
                text: row.try_get("text")?,
                kind: if kind == "multiple" {
                    QuestionKind::Multiple
                } else {
                    QuestionKind::Single
                },
                options: serde_json::from_str(&options).unwrap_or_default(),
                correct: parse_index_list(&correct),
                points: u32::try_from(row.try_get::<i64, _>("points")?).unwrap_or(0),
                explanation: row.try_get("explanation")?,
            })
        })
        .collect::<Result<Vec<_>, sqlx::Error>>()?;
    Ok(QuizForm {
        title: quiz.title.clone(),
        rules: quiz.rules.clone(),
        opens_at: to_datetime(quiz.opens_at),
        closes_at: to_datetime(quiz.closes_at),
        minutes: quiz.minutes,
        attempts: quiz.attempts_allowed,
        draw: quiz.draw_count,
        shuffle_options: quiz.shuffle_options,
        group_ids,
        unit_ids,
        prediction: quiz.prediction,
        tie_breaks: quiz.tie_breaks.clone(),
        prizes: quiz.prizes,
        score_after_submit: quiz.score_after_submit,
        questions,
        cover_id: quiz.cover_id,
    })
}

/// Whether anyone has started the quiz (its paper can no longer change).
pub async fn started(db: &Db, id: i64) -> Result<bool, sqlx::Error> {
    let found: Option<i64> = sqlx::query_scalar("SELECT id FROM quiz_attempts WHERE quiz_id = $1 LIMIT 1")
        .bind(id)
        .fetch_optional(&db.pool)
        .await?;
    Ok(found.is_some())
}

/// Whether she runs this quiz: its author, an admin of one of its groups, or a cadre of one of
/// its units or a unit above.
pub async fn manages(db: &Db, quiz: &Quiz, user_id: i64) -> Result<bool, sqlx::Error> {
    let (group_ids, unit_ids) = audience(db, quiz.id).await?;
    audiences::runs_any(db, user_id, quiz.created_by, &group_ids, &unit_ids).await
}

/// Whether she may take the quiz: an active member of one of its groups, or living in (home
/// commune) or belonging to a group of one of its units or a unit under them.
pub async fn eligible(db: &Db, quiz_id: i64, user_id: i64) -> Result<bool, sqlx::Error> {
    let (group_ids, unit_ids) = audience(db, quiz_id).await?;
    audiences::includes(db, user_id, &group_ids, &unit_ids).await
}
