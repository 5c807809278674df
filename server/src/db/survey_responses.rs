//! Responses to surveys: storing one (once per member or per device), and the counts of the
//! results page, each one `GROUP BY` over the answers of a scope (a group, or a unit with
//! everything under it).

use std::collections::BTreeMap;

use hoi_api::survey::{Answer, QuestionKind, Section, OTHER};
use sha2::{Digest, Sha256};
use sqlx::Row;

use super::{now, Db};

/// The stored form of her device's token: the token itself never reaches the database.
pub fn token_hash(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A response already stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stored {
    pub id: i64,
    pub submitted_at: i64,
    /// Whether it was sent with the token of this request (a retry) or another (a second response).
    pub same_token: bool,
}

/// Her earlier response to this survey: by her account (named) or by the device's token.
pub async fn existing(
    db: &Db,
    survey_id: i64,
    user_id: Option<i64>,
    hash: &str,
) -> Result<Option<Stored>, sqlx::Error> {
    let row = sqlx::query(
        "SELECT id, submitted_at, token_hash FROM survey_responses \
         WHERE survey_id = $1 AND (token_hash = $2 OR user_id = $3) ORDER BY id LIMIT 1",
    )
    .bind(survey_id)
    .bind(hash)
    .bind(user_id)
    .fetch_optional(&db.pool)
    .await?;
    row.map(|row| {
        Ok(Stored {
            id: row.try_get("id")?,
            submitted_at: row.try_get("submitted_at")?,
            same_token: row.try_get::<String, _>("token_hash")? == hash,
        })
    })
    .transpose()
}

/// Where a respondent belongs for the results: the first of the survey's groups she is an active
/// member of, and her home commune (else that group's unit).
pub async fn placement(
    db: &Db,
    survey_id: i64,
    user_id: i64,
) -> Result<(Option<i64>, Option<i64>), sqlx::Error> {
    let group: Option<(i64, i64)> = sqlx::query_as(
        "SELECT g.id, g.unit_id FROM survey_groups sg JOIN community_groups g ON g.id = sg.group_id \
         JOIN memberships m ON m.group_id = g.id AND m.user_id = $2 AND m.status = 'active' \
         WHERE sg.survey_id = $1 ORDER BY g.id LIMIT 1",
    )
    .bind(survey_id)
    .bind(user_id)
    .fetch_optional(&db.pool)
    .await?;
    let home: Option<i64> = sqlx::query_scalar("SELECT home_unit_id FROM users WHERE id = $1")
        .bind(user_id)
        .fetch_optional(&db.pool)
        .await?
        .flatten();
    Ok((group.map(|g| g.0), home.or(group.map(|g| g.1))))
}

/// What one response stores: who (named only), the token's hash, where she belongs.
pub struct NewResponse<'a> {
    pub survey_id: i64,
    pub user_id: Option<i64>,
    pub token_hash: &'a str,
    pub group_id: Option<i64>,
    pub unit_id: Option<i64>,
    pub answers: &'a [Answer],
}

/// Stores a response and its answers in one transaction. `None` when a response with the same
/// token or (named) by the same member arrived first: the unique keys decide, not a read before.
pub async fn insert(db: &Db, new: &NewResponse<'_>) -> Result<Option<i64>, sqlx::Error> {
    let mut tx = db.pool.begin().await?;
    let id: Option<i64> = sqlx::query_scalar(
        "INSERT INTO survey_responses (survey_id, user_id, token_hash, group_id, unit_id, submitted_at) \
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING id",
    )
    .bind(new.survey_id)
    .bind(new.user_id)
    .bind(new.token_hash)
    .bind(new.group_id)
    .bind(new.unit_id)
    .bind(now())
    .fetch_optional(&mut *tx)
    .await?;
    let Some(id) = id else {
        return Ok(None);
    };
    // One statement per kind of value, every bind non-null: PostgreSQL fixes a prepared
    // statement's parameter types at its first use, and a NULL bound first would fix the wrong one.
    const CHOICE: &str = "INSERT INTO survey_answers (response_id, survey_id, question, choice, text) \
                          VALUES ($1, $2, $3, $4, NULLIF($5, ''))";
    const NUMBER: &str =
        "INSERT INTO survey_answers (response_id, survey_id, question, number) VALUES ($1, $2, $3, $4)";
    const UNIT: &str =
        "INSERT INTO survey_answers (response_id, survey_id, question, unit_id) VALUES ($1, $2, $3, $4)";
    const TEXT: &str =
        "INSERT INTO survey_answers (response_id, survey_id, question, text) VALUES ($1, $2, $3, $4)";
    for answer in new.answers.iter().filter(|a| !a.is_empty()) {
        let row = |sql: &'static str| {
            sqlx::query(sql)
                .bind(id)
                .bind(new.survey_id)
                .bind(i64::from(answer.question))
        };
        for &choice in &answer.chosen {
            let text = if choice == OTHER { answer.text.trim() } else { "" };
            row(CHOICE)
                .bind(i64::from(choice))
                .bind(text.to_owned())
                .execute(&mut *tx)
                .await?;
        }
        if answer.chosen.is_empty() {
            let single = match (answer.number, answer.unit) {
                (Some(number), _) => row(NUMBER).bind(number),
                (None, Some(unit)) => row(UNIT).bind(unit),
                (None, None) => row(TEXT).bind(answer.text.trim().to_owned()),
            };
            single.execute(&mut *tx).await?;
        }
    }
    tx.commit().await?;
    Ok(Some(id))
}

/// Whether a commune answer names a commune or ward of the divisions.
pub async fn is_commune(db: &Db, unit_id: i64) -> Result<bool, sqlx::Error> {
    let level: Option<String> = sqlx::query_scalar("SELECT level FROM units WHERE id = $1")
        .bind(unit_id)
        .fetch_optional(&db.pool)
        .await?;
    Ok(level.as_deref() == Some("commune"))
}

/// Which responses the results count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    All,
    Group(i64),
    /// A unit with every unit under it (a province rolls up its communes).
    Unit(i64),
}

impl Scope {
    /// `group:3` / `unit:1001`, as the results page sends it.
    pub fn parse(text: Option<&str>) -> Option<Scope> {
        let Some(text) = text.filter(|t| !t.is_empty()) else {
            return Some(Scope::All);
        };
        let (kind, id) = text.split_once(':')?;
        let id = id.parse().ok()?;
        match kind {
            "group" => Some(Scope::Group(id)),
            "unit" => Some(Scope::Unit(id)),
            _ => None,
        }
    }

    /// The condition on `r` (survey_responses) for this scope, its id bound as `$2`.
    fn condition(self) -> &'static str {
        match self {
            Scope::All => "$2 = 0",
            Scope::Group(_) => "r.group_id = $2",
            Scope::Unit(_) => {
                "r.unit_id IN (WITH RECURSIVE below(id) AS (SELECT CAST($2 AS BIGINT) UNION ALL \
                 SELECT u.id FROM units u JOIN below ON u.parent_id = below.id) SELECT id FROM below)"
            }
        }
    }

    fn id(self) -> i64 {
        match self {
            Scope::All => 0,
            Scope::Group(id) | Scope::Unit(id) => id,
        }
    }
}

/// The raw counts of a scope, as the database adds them up.
#[derive(Debug, Default)]
pub struct Counts {
    pub responses: u32,
    /// Responses that answered each question.
    pub answered: BTreeMap<u32, u32>,
    /// (question, option) → ticks.
    pub choices: BTreeMap<(u32, u8), u32>,
    /// question → (value, count), numbers and stars.
    pub numbers: BTreeMap<u32, Vec<(f64, u32)>>,
    /// question → (commune's name, count), most frequent first.
    pub communes: BTreeMap<u32, Vec<(String, u32)>>,
    /// question → texts (text answers, dates, "Khác"), newest first, at most 50 each.
    pub texts: BTreeMap<u32, Vec<String>>,
}

fn small(n: i64) -> u32 {
    u32::try_from(n).unwrap_or(0)
}

pub async fn counts(db: &Db, survey_id: i64, scope: Scope) -> Result<Counts, sqlx::Error> {
    let filter = scope.condition();
    let joined_with = |join: &str| {
        format!(
            "FROM survey_answers a JOIN survey_responses r ON r.id = a.response_id {join} \
             WHERE a.survey_id = $1 AND r.survey_id = $1 AND {filter}"
        )
    };
    let joined = joined_with("");
    let bound = |sql: String| async move {
        sqlx::query(&sql)
            .bind(survey_id)
            .bind(scope.id())
            .fetch_all(&db.pool)
            .await
    };
    let mut counts = Counts::default();
    let total = bound(format!(
        "SELECT COUNT(*) AS n FROM survey_responses r WHERE r.survey_id = $1 AND {filter}"
    ))
    .await?;
    counts.responses = small(total.first().map(|r| r.try_get("n")).transpose()?.unwrap_or(0));
    for row in bound(format!(
        "SELECT a.question, COUNT(DISTINCT a.response_id) AS n {joined} GROUP BY a.question"
    ))
    .await?
    {
        counts
            .answered
            .insert(small(row.try_get("question")?), small(row.try_get("n")?));
    }
    for row in bound(format!(
        "SELECT a.question, a.choice, COUNT(*) AS n {joined} AND a.choice IS NOT NULL GROUP BY a.question, a.choice"
    ))
    .await?
    {
        let option = u8::try_from(row.try_get::<i64, _>("choice")?).unwrap_or(OTHER);
        counts.choices.insert((small(row.try_get("question")?), option), small(row.try_get("n")?));
    }
    for row in bound(format!(
        "SELECT a.question, a.number, COUNT(*) AS n {joined} AND a.number IS NOT NULL \
         GROUP BY a.question, a.number ORDER BY a.question, a.number"
    ))
    .await?
    {
        counts
            .numbers
            .entry(small(row.try_get("question")?))
            .or_default()
            .push((row.try_get("number")?, small(row.try_get("n")?)));
    }
    for row in bound(format!(
        "SELECT a.question, u.name, COUNT(*) AS n {} GROUP BY a.question, u.name ORDER BY n DESC, u.name",
        joined_with("JOIN units u ON u.id = a.unit_id")
    ))
    .await?
    {
        counts
            .communes
            .entry(small(row.try_get("question")?))
            .or_default()
            .push((row.try_get("name")?, small(row.try_get("n")?)));
    }
    for row in bound(format!(
        "SELECT a.question, a.text {joined} AND a.text IS NOT NULL ORDER BY r.id DESC LIMIT 2000"
    ))
    .await?
    {
        let list = counts.texts.entry(small(row.try_get("question")?)).or_default();
        if list.len() < 50 {
            list.push(row.try_get("text")?);
        }
    }
    Ok(counts)
}

/// Active members of the survey's groups, the base of the response rate (`None` for a survey run
/// for units only, whose people are not counted anywhere as one number).
pub async fn members(db: &Db, survey_id: i64) -> Result<Option<u32>, sqlx::Error> {
    let groups: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM survey_groups WHERE survey_id = $1")
        .bind(survey_id)
        .fetch_one(&db.pool)
        .await?;
    if groups == 0 {
        return Ok(None);
    }
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(DISTINCT m.user_id) FROM survey_groups sg JOIN memberships m ON m.group_id = sg.group_id \
         WHERE sg.survey_id = $1 AND m.status = 'active'",
    )
    .bind(survey_id)
    .fetch_one(&db.pool)
    .await?;
    Ok(Some(small(n)))
}

/// The units her responses came from, with the units above them: the scopes to narrow by.
pub async fn units_answered(db: &Db, survey_id: i64) -> Result<Vec<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "WITH RECURSIVE up(id) AS (SELECT DISTINCT unit_id FROM survey_responses WHERE survey_id = $1 AND unit_id IS NOT NULL \
         UNION SELECT u.parent_id FROM units u JOIN up ON u.id = up.id WHERE u.parent_id IS NOT NULL) \
         SELECT id FROM up",
    )
    .bind(survey_id)
    .fetch_all(&db.pool)
    .await
}

/// One response for the export.
pub struct ResponseRow {
    pub id: i64,
    pub submitted_at: i64,
    /// Named surveys only.
    pub name: Option<String>,
    pub unit: Option<String>,
    pub answers: BTreeMap<u32, Vec<String>>,
}

/// Every response of a scope with its answers as words ("Khác: …", the commune's name), oldest first.
pub async fn rows(
    db: &Db,
    survey_id: i64,
    scope: Scope,
    sections: &[Section],
) -> Result<Vec<ResponseRow>, sqlx::Error> {
    let filter = scope.condition();
    let heads = sqlx::query(&format!(
        "SELECT r.id, r.submitted_at, us.display_name, un.name AS unit_name FROM survey_responses r \
         LEFT JOIN users us ON us.id = r.user_id LEFT JOIN units un ON un.id = r.unit_id \
         WHERE r.survey_id = $1 AND {filter} ORDER BY r.id"
    ))
    .bind(survey_id)
    .bind(scope.id())
    .fetch_all(&db.pool)
    .await?;
    let mut rows = Vec::with_capacity(heads.len());
    let mut index = BTreeMap::new();
    for head in &heads {
        index.insert(head.try_get::<i64, _>("id")?, rows.len());
        rows.push(ResponseRow {
            id: head.try_get("id")?,
            submitted_at: head.try_get("submitted_at")?,
            name: head.try_get("display_name")?,
            unit: head.try_get("unit_name")?,
            answers: BTreeMap::new(),
        });
    }
    let questions: BTreeMap<u32, &hoi_api::survey::Question> = sections
        .iter()
        .flat_map(|s| &s.questions)
        .map(|q| (q.id, q))
        .collect();
    let answers = sqlx::query(&format!(
        "SELECT a.response_id, a.question, a.choice, a.text, a.number, u.name AS unit_name \
         FROM survey_answers a JOIN survey_responses r ON r.id = a.response_id LEFT JOIN units u ON u.id = a.unit_id \
         WHERE a.survey_id = $1 AND {filter} ORDER BY a.response_id, a.question, a.choice"
    ))
    .bind(survey_id)
    .bind(scope.id())
    .fetch_all(&db.pool)
    .await?;
    for answer in answers {
        let Some(&at) = index.get(&answer.try_get::<i64, _>("response_id")?) else {
            continue;
        };
        let question = small(answer.try_get("question")?);
        let choice: Option<i64> = answer.try_get("choice")?;
        let text: Option<String> = answer.try_get("text")?;
        let number: Option<f64> = answer.try_get("number")?;
        let unit: Option<String> = answer.try_get("unit_name")?;
        let words = match (choice, questions.get(&question)) {
            (Some(c), _) if c == i64::from(OTHER) => format!("Khác: {}", text.unwrap_or_default()),
            (Some(c), Some(q)) => option_label(q, c),
            _ => unit.or(text).or(number.map(number_text)).unwrap_or_default(),
        };
        rows[at].answers.entry(question).or_default().push(words);
    }
    Ok(rows)
}

/// An option's words: the admin's text, or "Có"/"Không" for a yes/no question.
pub fn option_label(question: &hoi_api::survey::Question, choice: i64) -> String {
    if question.kind == QuestionKind::YesNo {
        return if choice == 0 { "Có" } else { "Không" }.to_owned();
    }
    usize::try_from(choice)
        .ok()
        .and_then(|c| question.options.get(c))
        .cloned()
        .unwrap_or_default()
}

/// 3 → "3", 2.5 → "2,5" (the Vietnamese decimal comma).
pub fn number_text(n: f64) -> String {
    if n.fract() == 0.0 {
        format!("{n:.0}")
    } else {
        format!("{n}").replace('.', ",")
    }
}
