//! Photo contests as the admins set them up, and who may enter, vote, judge and manage them.
//! Entries are in `db::photo_contest_entries`, votes in `db::photo_contest_votes`.

use hoi_api::{
    hoi::vietnam_time,
    photo_contest::{Audience, Criterion, PhotoContestForm, PhotoContestPhase, VoteRule},
};
use serde::{Deserialize, Serialize};
use sqlx::{any::AnyRow, Any, Row, Transaction};

use super::{flag, memberships, now, to_datetime, units, Db};
use hoi_api::groups::Role;

/// A contest's settings as stored (times in seconds).
#[derive(Debug, Clone)]
pub struct PhotoContest {
    pub id: i64,
    pub group_id: i64,
    pub title: String,
    pub rules: String,
    pub cover_photo_id: Option<i64>,
    pub entries_open_at: i64,
    pub entries_close_at: i64,
    pub voting_open_at: i64,
    pub voting_close_at: i64,
    pub who_enters: Audience,
    pub who_votes: Audience,
    pub unit_id: Option<i64>,
    pub entries_per_member: u32,
    pub vote_rule: VoteRule,
    pub votes_per_day: u32,
    pub live_results: bool,
    pub judge_weight: u32,
    pub criteria: Vec<Criterion>,
    pub results_at: Option<i64>,
    pub announcement_post_id: Option<i64>,
    pub address_salt: String,
    pub created_by: Option<i64>,
}

/// The criteria column: JSON, so a criterion's name may hold any character.
#[derive(Serialize, Deserialize)]
struct StoredCriterion {
    name: String,
    max_points: u32,
}

impl PhotoContest {
    pub fn phase(&self, at: i64) -> PhotoContestPhase {
        if at >= self.voting_close_at {
            PhotoContestPhase::Closed
        } else if self.voting_open(at) {
            PhotoContestPhase::Voting
        } else if self.accepting_entries(at) {
            PhotoContestPhase::Entering
        } else if at < self.entries_open_at {
            PhotoContestPhase::Upcoming
        } else {
            PhotoContestPhase::Waiting
        }
    }

    pub fn accepting_entries(&self, at: i64) -> bool {
        (self.entries_open_at..self.entries_close_at).contains(&at)
    }

    pub fn voting_open(&self, at: i64) -> bool {
        (self.voting_open_at..self.voting_close_at).contains(&at)
    }

    /// The `day` of a vote cast at `at`: 0 under the per-entry rule (one vote per entry for the
    /// whole contest), the Vietnam calendar day under the per-day rule.
    pub fn vote_day(&self, at: i64) -> i64 {
        match self.vote_rule {
            VoteRule::PerEntry => 0,
            VoteRule::PerDay => vietnam_time(to_datetime(at))
                .and_utc()
                .timestamp()
                .div_euclid(86_400),
        }
    }

    /// The cap of votes a day, under the per-day rule.
    pub fn daily_cap(&self) -> Option<u32> {
        (self.vote_rule == VoteRule::PerDay).then_some(self.votes_per_day)
    }

    pub fn max_criteria_points(&self) -> u32 {
        self.criteria.iter().map(|c| c.max_points).sum()
    }
}

fn contest_from(row: &AnyRow) -> Result<PhotoContest, sqlx::Error> {
    let number = |column: &str| -> Result<u32, sqlx::Error> {
        Ok(u32::try_from(row.try_get::<i64, _>(column)?).unwrap_or(0))
    };
    let audience = |column: &str| -> Result<Audience, sqlx::Error> {
        Ok(Audience::parse(&row.try_get::<String, _>(column)?).unwrap_or(Audience::Group))
    };
    let criteria: Vec<StoredCriterion> =
        serde_json::from_str(&row.try_get::<String, _>("criteria")?).unwrap_or_default();
    Ok(PhotoContest {
        id: row.try_get("id")?,
        group_id: row.try_get("group_id")?,
        title: row.try_get("title")?,
        rules: row.try_get("rules")?,
        cover_photo_id: row.try_get("cover_photo_id")?,
        entries_open_at: row.try_get("entries_open_at")?,
        entries_close_at: row.try_get("entries_close_at")?,
        voting_open_at: row.try_get("voting_open_at")?,
        voting_close_at: row.try_get("voting_close_at")?,
        who_enters: audience("who_enters")?,
        who_votes: audience("who_votes")?,
        unit_id: row.try_get("unit_id")?,
        entries_per_member: number("entries_per_member")?,
        vote_rule: VoteRule::parse(&row.try_get::<String, _>("vote_rule")?).unwrap_or(VoteRule::PerEntry),
        votes_per_day: number("votes_per_day")?,
        live_results: flag(row, "live_results")?,
        judge_weight: number("judge_weight")?,
        criteria: criteria
            .into_iter()
            .map(|c| Criterion {
                name: c.name,
                max_points: c.max_points,
            })
            .collect(),
        results_at: row.try_get("results_at")?,
        announcement_post_id: row.try_get("announcement_post_id")?,
        address_salt: row.try_get("address_salt")?,
        created_by: row.try_get("created_by")?,
    })
}

pub async fn get(db: &Db, id: i64) -> Result<Option<PhotoContest>, sqlx::Error> {
    sqlx::query("SELECT * FROM photo_contests WHERE id = $1")
        .bind(id)
        .fetch_optional(&db.pool)
        .await?
        .as_ref()
        .map(contest_from)
        .transpose()
}

/// Contests still running or closed in the last 60 days, soonest close first.
pub async fn recent(db: &Db) -> Result<Vec<PhotoContest>, sqlx::Error> {
    sqlx::query("SELECT * FROM photo_contests WHERE voting_close_at > $1 ORDER BY voting_close_at LIMIT 200")
        .bind(now() - 60 * 86_400)
        .fetch_all(&db.pool)
        .await?
        .iter()
        .map(contest_from)
        .collect()
}

/// Contests past their close whose results are not worked out yet.
pub async fn unannounced_closed(db: &Db, at: i64) -> Result<Vec<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT id FROM photo_contests WHERE results_at IS NULL AND voting_close_at <= $1")
        .bind(at)
        .fetch_all(&db.pool)
        .await
}

macro_rules! bind_settings {
    ($query:expr, $form:expr) => {
        $query
            .bind($form.group_id)
            .bind(hoi_api::text::tidy(&$form.title))
            .bind($form.rules.trim().to_owned())
            .bind($form.cover_photo_id)
            .bind($form.entries_open_at.timestamp())
            .bind($form.entries_close_at.timestamp())
            .bind($form.voting_open_at.timestamp())
            .bind($form.voting_close_at.timestamp())
            .bind($form.who_enters.as_str())
            .bind($form.who_votes.as_str())
            .bind($form.unit_id)
            .bind(i64::from($form.entries_per_member))
            .bind($form.vote_rule.as_str())
            .bind(i64::from($form.votes_per_day))
            .bind($form.live_results)
            .bind(i64::from($form.judge_weight))
            .bind(criteria_json(&$form.criteria))
    };
}

fn criteria_json(criteria: &[Criterion]) -> String {
    let stored: Vec<StoredCriterion> = criteria
        .iter()
        .map(|c| StoredCriterion {
            name: c.name.trim().to_owned(),
            max_points: c.max_points,
        })
        .collect();
    serde_json::to_string(&stored).unwrap_or_else(|_| "[]".into())
}

async fn set_judges(tx: &mut Transaction<'_, Any>, id: i64, judges: &[i64]) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM photo_contest_judges WHERE contest_id = $1")
        .bind(id)
        .execute(&mut **tx)
        .await?;
    for judge in judges {
        sqlx::query(
            "INSERT INTO photo_contest_judges (contest_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
        )
        .bind(id)
        .bind(judge)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

pub async fn create(
    db: &Db,
    form: &PhotoContestForm,
    judges: &[i64],
    creator: i64,
) -> Result<i64, sqlx::Error> {
    let mut tx = db.pool.begin().await?;
    let id: i64 = bind_settings!(
        sqlx::query_scalar(
            "INSERT INTO photo_contests (group_id, title, rules, cover_photo_id, entries_open_at, entries_close_at, \
             voting_open_at, voting_close_at, who_enters, who_votes, unit_id, entries_per_member, vote_rule, \
             votes_per_day, live_results, judge_weight, criteria, created_by, created_at, address_salt) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20) \
             RETURNING id",
        ),
        form
    )
    .bind(creator)
    .bind(now())
    .bind(format!("{:032x}", rand::random::<u128>()))
    .fetch_one(&mut *tx)
    .await?;
    set_judges(&mut tx, id, judges).await?;
    tx.commit().await?;
    Ok(id)
}

/// Replaces the settings (the group stays). `false` when there is no such contest.
pub async fn replace(db: &Db, id: i64, form: &PhotoContestForm, judges: &[i64]) -> Result<bool, sqlx::Error> {
    let mut tx = db.pool.begin().await?;
    let done = bind_settings!(
        sqlx::query(
            "UPDATE photo_contests SET group_id = $1, title = $2, rules = $3, cover_photo_id = $4, \
             entries_open_at = $5, entries_close_at = $6, voting_open_at = $7, voting_close_at = $8, \
             who_enters = $9, who_votes = $10, unit_id = $11, entries_per_member = $12, vote_rule = $13, \
             votes_per_day = $14, live_results = $15, judge_weight = $16, criteria = $17 WHERE id = $18",
        ),
        form
    )
    .bind(id)
    .execute(&mut *tx)
    .await?
    .rows_affected()
        == 1;
    if done {
        set_judges(&mut tx, id, judges).await?;
    }
    tx.commit().await?;
    Ok(done)
}

/// Ends the voting now ("Kết thúc ngay"): the results follow at once.
pub async fn close_now(db: &Db, id: i64) -> Result<(), sqlx::Error> {
    let at = now();
    sqlx::query(
        "UPDATE photo_contests SET voting_close_at = $1, \
         entries_close_at = CASE WHEN entries_close_at > $1 THEN $1 ELSE entries_close_at END, \
         entries_open_at = CASE WHEN entries_open_at > $1 THEN $1 ELSE entries_open_at END, \
         voting_open_at = CASE WHEN voting_open_at > $1 THEN $1 ELSE voting_open_at END \
         WHERE id = $2 AND voting_close_at > $1",
    )
    .bind(at)
    .bind(id)
    .execute(&db.pool)
    .await?;
    Ok(())
}

/// The judges' ids and names, in the order they were named.
pub async fn judges(db: &Db, id: i64) -> Result<Vec<(i64, String, String)>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT u.id, u.display_name, u.phone FROM photo_contest_judges j JOIN users u ON u.id = j.user_id \
         WHERE j.contest_id = $1 ORDER BY u.display_name",
    )
    .bind(id)
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|row| {
            Ok((
                row.try_get("id")?,
                row.try_get("display_name")?,
                row.try_get("phone")?,
            ))
        })
        .collect()
}

pub async fn is_judge(db: &Db, id: i64, user_id: i64) -> Result<bool, sqlx::Error> {
    let found: Option<i64> =
        sqlx::query_scalar("SELECT user_id FROM photo_contest_judges WHERE contest_id = $1 AND user_id = $2")
            .bind(id)
            .bind(user_id)
            .fetch_optional(&db.pool)
            .await?;
    Ok(found.is_some())
}

/// Whether she runs contests for the group: its admins.
pub async fn manages_group(db: &Db, group_id: i64, user_id: i64) -> Result<bool, sqlx::Error> {
    Ok(memberships::standing(db, group_id, user_id)
        .await?
        .is_some_and(|s| s.is_active() && s.role == Role::Admin))
}

/// Whether `audience` lets her in: the group's active members, the unit's people, or anyone.
pub async fn admits(
    db: &Db,
    contest: &PhotoContest,
    audience: Audience,
    user_id: i64,
) -> Result<bool, sqlx::Error> {
    match audience {
        Audience::Anyone => Ok(true),
        Audience::Group => Ok(memberships::standing(db, contest.group_id, user_id)
            .await?
            .is_some_and(|s| s.is_active())),
        Audience::Unit => match contest.unit_id {
            Some(unit) => units::belongs_under(db, user_id, &[unit]).await,
            None => Ok(false),
        },
    }
}

/// The groups she administers, for "+ Tạo cuộc thi ảnh".
pub async fn groups_she_runs(db: &Db, user_id: i64) -> Result<Vec<(i64, String, i64)>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT g.id, g.name, g.unit_id FROM memberships m JOIN community_groups g ON g.id = m.group_id \
         WHERE m.user_id = $1 AND m.status = 'active' AND m.role = 'admin' ORDER BY g.name",
    )
    .bind(user_id)
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|row| Ok((row.try_get("id")?, row.try_get("name")?, row.try_get("unit_id")?)))
        .collect()
}

pub async fn group_name(db: &Db, group_id: i64) -> Result<String, sqlx::Error> {
    sqlx::query_scalar("SELECT name FROM community_groups WHERE id = $1")
        .bind(group_id)
        .fetch_optional(&db.pool)
        .await
        .map(Option::unwrap_or_default)
}

/// Claims the working-out of the results, once: `false` when another closer has it.
pub async fn claim_results(db: &Db, id: i64) -> Result<bool, sqlx::Error> {
    Ok(
        sqlx::query("UPDATE photo_contests SET results_at = $1 WHERE id = $2 AND results_at IS NULL")
            .bind(now())
            .bind(id)
            .execute(&db.pool)
            .await?
            .rows_affected()
            == 1,
    )
}

/// Gives the claim back when the working-out failed, so the next tick tries again.
pub async fn release_results(db: &Db, id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE photo_contests SET results_at = NULL WHERE id = $1")
        .bind(id)
        .execute(&db.pool)
        .await?;
    Ok(())
}

pub async fn set_announcement(db: &Db, id: i64, post_id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE photo_contests SET announcement_post_id = $1 WHERE id = $2")
        .bind(post_id)
        .bind(id)
        .execute(&db.pool)
        .await?;
    Ok(())
}
