//! Attempts at a quiz: the paper drawn for each, answers saved one at a time, the server's
//! deadline, the score at submission, and the ranking written once at the close.

use std::collections::HashMap;

use hoi_api::quiz::{PredictionKind, Prize};
use rand::seq::SliceRandom;
use sqlx::{any::AnyRow, Row};

use super::{
    flag,
    quizzes::{self, index_list, parse_index_list, Quiz},
    Db,
};
use crate::quizzes::ranking::{self, Entry};

/// Answers that arrive this long after the deadline still count: the phone sent them in time,
/// the network was slow. Anything later is refused.
pub const GRACE_MS: i64 = 3_000;

pub fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

#[derive(Debug, Clone)]
pub struct Attempt {
    pub id: i64,
    pub quiz_id: i64,
    pub user_id: i64,
    pub started_ms: i64,
    pub deadline_ms: i64,
    pub submitted_ms: Option<i64>,
    pub timed_out: bool,
    pub score: Option<u32>,
    pub max_score: u32,
    pub all_correct: bool,
    pub answered_all: bool,
    pub prediction: Option<i64>,
    pub rank: Option<u32>,
    pub prize: Option<Prize>,
}

impl Attempt {
    pub fn duration_ms(&self) -> i64 {
        self.submitted_ms.unwrap_or(self.deadline_ms) - self.started_ms
    }
    /// Past the deadline and its grace, still not submitted: the server submits it as it stands.
    pub fn expired(&self, at_ms: i64) -> bool {
        self.submitted_ms.is_none() && at_ms > self.deadline_ms + GRACE_MS
    }
}

fn attempt_from(row: &AnyRow) -> Result<Attempt, sqlx::Error> {
    let small = |column: &str| -> Result<Option<u32>, sqlx::Error> {
        Ok(row
            .try_get::<Option<i64>, _>(column)?
            .and_then(|v| u32::try_from(v).ok()))
    };
    Ok(Attempt {
        id: row.try_get("id")?,
        quiz_id: row.try_get("quiz_id")?,
        user_id: row.try_get("user_id")?,
        started_ms: row.try_get("started_ms")?,
        deadline_ms: row.try_get("deadline_ms")?,
        submitted_ms: row.try_get("submitted_ms")?,
        timed_out: flag(row, "timed_out")?,
        score: small("score")?,
        max_score: small("max_score")?.unwrap_or(0),
        all_correct: flag(row, "all_correct")?,
        answered_all: flag(row, "answered_all")?,
        prediction: row.try_get("prediction")?,
        rank: small("rank")?,
        prize: row
            .try_get::<Option<String>, _>("prize")?
            .as_deref()
            .and_then(Prize::parse),
    })
}

pub async fn get(db: &Db, id: i64) -> Result<Option<Attempt>, sqlx::Error> {
    let row = sqlx::query("SELECT * FROM quiz_attempts WHERE id = $1")
        .bind(id)
        .fetch_optional(&db.pool)
        .await?;
    row.as_ref().map(attempt_from).transpose()
}

/// Her attempts at the quiz, first first.
pub async fn of_user(db: &Db, quiz_id: i64, user_id: i64) -> Result<Vec<Attempt>, sqlx::Error> {
    let rows = sqlx::query("SELECT * FROM quiz_attempts WHERE quiz_id = $1 AND user_id = $2 ORDER BY number")
        .bind(quiz_id)
        .bind(user_id)
        .fetch_all(&db.pool)
        .await?;
    rows.iter().map(attempt_from).collect()
}

/// How many of each user's attempts count against the allowance (for the quiz list).
pub async fn counts_of_user(db: &Db, user_id: i64) -> Result<HashMap<i64, u32>, sqlx::Error> {
    let rows: Vec<(i64, i64)> =
        sqlx::query_as("SELECT quiz_id, COUNT(*) FROM quiz_attempts WHERE user_id = $1 GROUP BY quiz_id")
            .bind(user_id)
            .fetch_all(&db.pool)
            .await?;
    Ok(rows
        .into_iter()
        .map(|(quiz, n)| (quiz, u32::try_from(n).unwrap_or(0)))
        .collect())
}

/// Starts attempt number `number`: draws her paper from the bank (shuffling the options when the
/// rules say so). `None` when that number exists already (a second tap, a second phone).
pub async fn start(
    db: &Db,
    quiz: &Quiz,
    user_id: i64,
    number: u32,
    at_ms: i64,
) -> Result<Option<i64>, sqlx::Error> {
    let bank: Vec<(i64, String, i64)> =
        sqlx::query_as("SELECT id, options, points FROM quiz_questions WHERE quiz_id = $1 ORDER BY position")
            .bind(quiz.id)
            .fetch_all(&db.pool)
            .await?;
    let paper: Vec<(i64, String, String, i64)> = {
        let mut rng = rand::thread_rng();
        let size = quiz.paper_size() as usize;
        let mut drawn: Vec<_> = bank.choose_multiple(&mut rng, size).cloned().collect();
        drawn.shuffle(&mut rng);
        drawn
            .into_iter()
            .map(|(id, options, points)| {
                let count = serde_json::from_str::<Vec<String>>(&options).map_or(0, |o| o.len());
                let mut order: Vec<u8> = (0..u8::try_from(count).unwrap_or(0)).collect();
                if quiz.shuffle_options {
                    order.shuffle(&mut rng);
                }
                // Drawn apart from the order: with the options shown as written, the ids still
                // say nothing about which one is right.
                let mut ids: Vec<u8> = (0..u8::try_from(count).unwrap_or(0)).collect();
                ids.shuffle(&mut rng);
                (id, index_list(&order), index_list(&ids), points)
            })
            .collect()
    };
    let deadline = (at_ms + i64::from(quiz.minutes) * 60_000).min(quiz.closes_at * 1000);
    let max_score: i64 = paper.iter().map(|(_, _, _, points)| points).sum();
    let mut tx = db.pool.begin().await?;
    let id: Option<i64> = sqlx::query_scalar(
        "INSERT INTO quiz_attempts (quiz_id, user_id, number, started_ms, deadline_ms, max_score) \
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (quiz_id, user_id, number) DO NOTHING RETURNING id",
    )
    .bind(quiz.id)
    .bind(user_id)
    .bind(i64::from(number))
    .bind(at_ms)
    .bind(deadline)
    .bind(max_score)
    .fetch_optional(&mut *tx)
    .await?;
    let Some(id) = id else {
        return Ok(None);
    };
    for (position, (question, order, ids, _)) in paper.iter().enumerate() {
        sqlx::query(
            "INSERT INTO quiz_attempt_questions (attempt_id, question_id, position, option_order, option_ids) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(id)
        .bind(question)
        .bind(i64::try_from(position).unwrap_or(0))
        .bind(order)
        .bind(ids)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(Some(id))
}

/// One question of a paper, with its key (which only the server reads while the quiz is open).
#[derive(Debug, Clone)]
pub struct PaperRow {
    pub question_id: i64,
    pub text: String,
    pub multiple: bool,
    pub options: Vec<String>,
    pub order: Vec<u8>,
    /// The id she sees for each option, in the author's order (see `ids_of`).
    pub ids: Vec<u8>,
    pub points: u32,
    pub correct: Vec<u8>,
    pub explanation: String,
    pub chosen: Option<Vec<u8>>,
}

impl PaperRow {
    pub fn right(&self) -> bool {
        self.chosen.as_deref() == Some(&self.correct[..])
    }

    /// The ids she sees for options given by the author's positions, sorted.
    pub fn member_ids(&self, positions: &[u8]) -> Vec<u8> {
        let mut ids: Vec<u8> = positions
            .iter()
            .filter_map(|&p| self.ids.get(usize::from(p)).copied())
            .collect();
        ids.sort_unstable();
        ids
    }
}

/// The ids of a paper's options: drawn per attempt, or the author's positions for an attempt
/// started before they were (`option_ids` NULL).
fn ids_of(stored: Option<&str>, count: usize) -> Vec<u8> {
    match stored {
        Some(list) => parse_index_list(list),
        None => (0..u8::try_from(count).unwrap_or(u8::MAX)).collect(),
    }
}

/// The author's positions of the options she chose by id, sorted; `None` when an id is not on her
/// paper.
fn positions_of(stored: Option<&str>, count: usize, chosen: &[u8]) -> Option<Vec<u8>> {
    let ids = ids_of(stored, count);
    let mut positions = chosen
        .iter()
        .map(|id| {
            ids.iter()
                .position(|i| i == id)
                .and_then(|p| u8::try_from(p).ok())
        })
        .collect::<Option<Vec<u8>>>()?;
    positions.sort_unstable();
    Some(positions)
}

pub async fn paper(db: &Db, attempt_id: i64) -> Result<Vec<PaperRow>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT q.id, q.text, q.kind, q.options, q.points, q.correct, q.explanation, a.option_order, \
         a.option_ids, a.chosen \
         FROM quiz_attempt_questions a JOIN quiz_questions q ON q.id = a.question_id \
         WHERE a.attempt_id = $1 ORDER BY a.position",
    )
    .bind(attempt_id)
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|row| {
            let options: Vec<String> =
                serde_json::from_str(&row.try_get::<String, _>("options")?).unwrap_or_default();
            let kind: String = row.try_get("kind")?;
            let ids = ids_of(
                row.try_get::<Option<String>, _>("option_ids")?.as_deref(),
                options.len(),
            );
            Ok(PaperRow {
                question_id: row.try_get("id")?,
                text: row.try_get("text")?,
                multiple: kind == "multiple",
                options,
                order: parse_index_list(&row.try_get::<String, _>("option_order")?),
                ids,
                points: u32::try_from(row.try_get::<i64, _>("points")?).unwrap_or(0),
                correct: parse_index_list(&row.try_get::<String, _>("correct")?),
                explanation: row.try_get("explanation")?,
                chosen: row
                    .try_get::<Option<String>, _>("chosen")?
                    .map(|c| parse_index_list(&c)),
            })
        })
        .collect()
}

/// Why an answer was not saved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveRefused {
    NotHers,
    Submitted,
    TimeUp,
    UnknownQuestion,
    /// An option id that is not on her paper.
    UnknownChoice,
}

/// Checks that the attempt is hers and still running at `at_ms`.
async fn running(
    db: &Db,
    attempt_id: i64,
    user_id: i64,
    at_ms: i64,
) -> Result<Result<Attempt, SaveRefused>, sqlx::Error> {
    Ok(match get(db, attempt_id).await? {
        None => Err(SaveRefused::NotHers),
        Some(a) if a.user_id != user_id => Err(SaveRefused::NotHers),
        Some(a) if a.submitted_ms.is_some() => Err(SaveRefused::Submitted),
        Some(a) if a.expired(at_ms) => Err(SaveRefused::TimeUp),
        Some(a) => Ok(a),
    })
}

/// Saves her answer to one question, `chosen` being the option ids she sees. One statement does
/// the check and the write, so an answer racing the deadline or the submission is either in
/// before it or refused, never half in.
pub async fn save_answer(
    db: &Db,
    attempt_id: i64,
    user_id: i64,
    question_id: i64,
    chosen: &[u8],
    at_ms: i64,
) -> Result<Result<(), SaveRefused>, sqlx::Error> {
    let paper_row: Option<(Option<String>, String)> = sqlx::query_as(
        "SELECT a.option_ids, q.options FROM quiz_attempt_questions a \
         JOIN quiz_questions q ON q.id = a.question_id WHERE a.attempt_id = $1 AND a.question_id = $2",
    )
    .bind(attempt_id)
    .bind(question_id)
    .fetch_optional(&db.pool)
    .await?;
    let Some((ids, options)) = paper_row else {
        return Ok(match running(db, attempt_id, user_id, at_ms).await? {
            Err(refused) => Err(refused),
            Ok(_) => Err(SaveRefused::UnknownQuestion),
        });
    };
    let count = serde_json::from_str::<Vec<String>>(&options).map_or(0, |o| o.len());
    let Some(chosen) = positions_of(ids.as_deref(), count, chosen) else {
        return Ok(Err(SaveRefused::UnknownChoice));
    };
    let chosen = &chosen[..];
    let saved = sqlx::query(
        "UPDATE quiz_attempt_questions SET chosen = $1, saved_ms = $2 \
         WHERE attempt_id = $3 AND question_id = $4 AND EXISTS (SELECT 1 FROM quiz_attempts t \
           WHERE t.id = $3 AND t.user_id = $5 AND t.submitted_ms IS NULL AND t.deadline_ms + $6 >= $2)",
    )
    .bind(index_list(chosen))
    .bind(at_ms)
    .bind(attempt_id)
    .bind(question_id)
    .bind(user_id)
    .bind(GRACE_MS)
    .execute(&db.pool)
    .await?;
    if saved.rows_affected() == 1 {
        return Ok(Ok(()));
    }
    Ok(match running(db, attempt_id, user_id, at_ms).await? {
        Err(refused) => Err(refused),
        Ok(_) => Err(SaveRefused::UnknownQuestion),
    })
}

pub async fn save_prediction(
    db: &Db,
    attempt_id: i64,
    user_id: i64,
    value: i64,
    at_ms: i64,
) -> Result<Result<(), SaveRefused>, sqlx::Error> {
    let saved = sqlx::query(
        "UPDATE quiz_attempts SET prediction = $1 WHERE id = $2 AND user_id = $3 AND submitted_ms IS NULL \
         AND deadline_ms + $4 >= $5",
    )
    .bind(value)
    .bind(attempt_id)
    .bind(user_id)
    .bind(GRACE_MS)
    .bind(at_ms)
    .execute(&db.pool)
    .await?;
    if saved.rows_affected() == 1 {
        return Ok(Ok(()));
    }
    Ok(running(db, attempt_id, user_id, at_ms).await?.map(|_| ()))
}

/// Submits the attempt as it stands: scores it from the saved answers. Submitted after its
/// deadline (the server closing it), it counts as taking the whole time. `false` when it was
/// submitted already.
pub async fn submit(db: &Db, attempt: &Attempt, at_ms: i64) -> Result<bool, sqlx::Error> {
    let paper = paper(db, attempt.id).await?;
    let score: u32 = paper.iter().filter(|q| q.right()).map(|q| q.points).sum();
    let all_correct = paper.iter().all(PaperRow::right);
    let answered_all = paper
        .iter()
        .all(|q| q.chosen.as_ref().is_some_and(|c| !c.is_empty()));
    let timed_out = at_ms > attempt.deadline_ms;
    let done = sqlx::query(
        "UPDATE quiz_attempts SET submitted_ms = $1, timed_out = $2, score = $3, all_correct = $4, \
         answered_all = $5 WHERE id = $6 AND submitted_ms IS NULL",
    )
    .bind(at_ms.min(attempt.deadline_ms))
    .bind(timed_out)
    .bind(i64::from(score))
    .bind(all_correct)
    .bind(answered_all)
    .bind(attempt.id)
    .execute(&db.pool)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Submits every paper of a closed quiz still in progress, as it stands.
async fn submit_all(db: &Db, quiz_id: i64, at_ms: i64) -> Result<(), sqlx::Error> {
    let rows = sqlx::query("SELECT * FROM quiz_attempts WHERE quiz_id = $1 AND submitted_ms IS NULL")
        .bind(quiz_id)
        .fetch_all(&db.pool)
        .await?;
    for row in &rows {
        submit(db, &attempt_from(row)?, at_ms).await?;
    }
    Ok(())
}

/// Ranks a closed quiz once: submits what time has ended, counts the true number, orders the
/// entrants by the rules and writes each one's rank and prize on her counting attempt.
pub async fn rank_if_closed(db: &Db, quiz: &Quiz) -> Result<(), sqlx::Error> {
    if quiz.ranked || quiz.closes_at > super::now() {
        return Ok(());
    }
    // Every deadline is at the latest the close; the grace has to pass before nothing can arrive.
    let at_ms = now_ms();
    if at_ms <= quiz.closes_at * 1000 + GRACE_MS {
        return Ok(());
    }
    submit_all(db, quiz.id, at_ms).await?;
    let rows = sqlx::query("SELECT * FROM quiz_attempts WHERE quiz_id = $1 AND submitted_ms IS NOT NULL")
        .bind(quiz.id)
        .fetch_all(&db.pool)
        .await?;
    let attempts: Vec<Attempt> = rows.iter().map(attempt_from).collect::<Result<_, _>>()?;
    // Entrants are accounts: several attempts by one woman count once.
    let entrants = |keep: fn(&Attempt) -> bool| {
        attempts
            .iter()
            .filter(|a| keep(a))
            .map(|a| a.user_id)
            .collect::<std::collections::BTreeSet<_>>()
            .len()
    };
    let truth = match quiz.prediction {
        Some(PredictionKind::Entrants) => entrants(|_| true),
        _ => entrants(|a| a.all_correct),
    };
    let truth = i64::try_from(truth).unwrap_or(i64::MAX);
    let entries: Vec<Entry> = attempts
        .iter()
        .map(|a| Entry {
            attempt_id: a.id,
            user_id: a.user_id,
            score: a.score.unwrap_or(0),
            prediction: a.prediction,
            duration_ms: a.duration_ms(),
            submitted_ms: a.submitted_ms.unwrap_or(a.deadline_ms),
        })
        .collect();
    let placed = ranking::rank(&entries, truth, &quiz.tie_breaks, &quiz.prizes);
    let mut tx = db.pool.begin().await?;
    for place in &placed {
        sqlx::query("UPDATE quiz_attempts SET rank = $1, prize = $2 WHERE id = $3")
            .bind(i64::from(place.rank))
            .bind(place.prize.map(Prize::as_str))
            .bind(place.entry.attempt_id)
            .execute(&mut *tx)
            .await?;
    }
    sqlx::query("UPDATE quizzes SET truth = $1, ranked_at = $2 WHERE id = $3 AND ranked_at IS NULL")
        .bind(truth)
        .bind(super::now())
        .bind(quiz.id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Ranks every quiz that has closed since the last look (the server's minute tick).
pub async fn rank_closed(db: &Db) -> Result<(), sqlx::Error> {
    for id in quizzes::unranked_closed(db, super::now()).await? {
        if let Some(quiz) = quizzes::get(db, id).await? {
            rank_if_closed(db, &quiz).await?;
        }
    }
    Ok(())
}

/// One line of the ranking, with what the export needs.
#[derive(Debug, Clone)]
pub struct RankingRow {
    pub rank: u32,
    pub name: String,
    pub phone: String,
    pub unit: Option<String>,
    pub score: u32,
    pub max_score: u32,
    pub prediction: Option<i64>,
    pub duration_ms: i64,
    pub submitted_ms: i64,
    pub prize: Option<Prize>,
}

/// The ranking in order (`limit` lines at most), from the ranks written at the close.
pub async fn ranking(db: &Db, quiz_id: i64, limit: i64) -> Result<Vec<RankingRow>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT a.rank, a.score, a.max_score, a.prediction, a.started_ms, a.submitted_ms, a.prize, \
         u.display_name, u.phone, h.name AS unit_name \
         FROM quiz_attempts a JOIN users u ON u.id = a.user_id LEFT JOIN units h ON h.id = u.home_unit_id \
         WHERE a.quiz_id = $1 AND a.rank IS NOT NULL ORDER BY a.rank, a.submitted_ms, a.id LIMIT $2",
    )
    .bind(quiz_id)
    .bind(limit)
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|row| {
            let submitted: i64 = row.try_get("submitted_ms")?;
            Ok(RankingRow {
                rank: u32::try_from(row.try_get::<i64, _>("rank")?).unwrap_or(0),
                name: row.try_get("display_name")?,
                phone: row.try_get("phone")?,
                unit: row.try_get("unit_name")?,
                score: u32::try_from(row.try_get::<Option<i64>, _>("score")?.unwrap_or(0)).unwrap_or(0),
                max_score: u32::try_from(row.try_get::<i64, _>("max_score")?).unwrap_or(0),
                prediction: row.try_get("prediction")?,
                duration_ms: submitted - row.try_get::<i64, _>("started_ms")?,
                submitted_ms: submitted,
                prize: row
                    .try_get::<Option<String>, _>("prize")?
                    .as_deref()
                    .and_then(Prize::parse),
            })
        })
        .collect()
}

/// How many entrants took part (distinct accounts with a submitted attempt).
pub async fn entrant_count(db: &Db, quiz_id: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT COUNT(DISTINCT user_id) FROM quiz_attempts WHERE quiz_id = $1 AND submitted_ms IS NOT NULL",
    )
    .bind(quiz_id)
    .fetch_one(&db.pool)
    .await
}

/// Entrants, those who answered every question, and the sum of best scores, per name.
pub type ParticipationCounts = Vec<(String, i64, i64, i64)>;

/// Participation per audience group (its active members who took part) and per home commune.
/// Each entrant counts once per line, with her best attempt.
pub async fn participation(
    db: &Db,
    quiz_id: i64,
) -> Result<(ParticipationCounts, ParticipationCounts), sqlx::Error> {
    const BEST: &str =
        "SELECT user_id, MAX(score) AS score, MAX(CASE WHEN answered_all THEN 1 ELSE 0 END) AS done \
         FROM quiz_attempts WHERE quiz_id = $1 AND submitted_ms IS NOT NULL GROUP BY user_id";
    let by_group = sqlx::query_as(&format!(
        "SELECT g.name, COUNT(*), CAST(SUM(b.done) AS BIGINT), CAST(SUM(b.score) AS BIGINT) FROM ({BEST}) b \
         JOIN memberships m ON m.user_id = b.user_id AND m.status = 'active' \
         JOIN quiz_groups qg ON qg.group_id = m.group_id AND qg.quiz_id = $1 \
         JOIN community_groups g ON g.id = qg.group_id GROUP BY g.id, g.name ORDER BY g.name"
    ))
    .bind(quiz_id)
    .fetch_all(&db.pool)
    .await?;
    let by_unit = sqlx::query_as(&format!(
        "SELECT COALESCE(h.name, '—'), COUNT(*), CAST(SUM(b.done) AS BIGINT), CAST(SUM(b.score) AS BIGINT) FROM ({BEST}) b \
         JOIN users u ON u.id = b.user_id LEFT JOIN units h ON h.id = u.home_unit_id \
         GROUP BY h.id, h.name ORDER BY COUNT(*) DESC, h.name"
    ))
    .bind(quiz_id)
    .fetch_all(&db.pool)
    .await?;
    Ok((by_group, by_unit))
}
