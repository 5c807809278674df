//! Polls: their options and rules, and the members' ballots. A ballot's key is (poll, member),
//! so "one vote per member" holds in the database, whichever instance writes.

use hoi_api::poll::{NewPoll, PollResults};
use sqlx::{Any, Row, Transaction};

use super::{flag, Db};

/// A poll's options and rules, as stored.
pub struct Poll {
    pub options: Vec<String>,
    pub multiple: bool,
    /// Seconds; none for a poll open as long as its post.
    pub closes_at: Option<i64>,
    pub results: PollResults,
}

impl Poll {
    pub fn closed(&self, now: i64) -> bool {
        self.closes_at.is_some_and(|at| at <= now)
    }
}

/// Written with its post, in the post's transaction: a poll post never lacks its options.
pub async fn insert(tx: &mut Transaction<'_, Any>, post_id: i64, poll: &NewPoll) -> Result<(), sqlx::Error> {
    let options: Vec<&str> = poll.options.iter().map(|o| o.trim()).collect();
    sqlx::query(
        "INSERT INTO polls (post_id, options, multiple, closes_at, results) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(post_id)
    .bind(serde_json::to_string(&options).unwrap_or_default())
    .bind(poll.multiple)
    .bind(poll.closes_at.map(|at| at.timestamp()))
    .bind(poll.results.as_str())
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub async fn get(db: &Db, post_id: i64) -> Result<Option<Poll>, sqlx::Error> {
    let row = sqlx::query("SELECT options, multiple, closes_at, results FROM polls WHERE post_id = $1")
        .bind(post_id)
        .fetch_optional(&db.pool)
        .await?;
    row.map(|row| {
        Ok(Poll {
            options: serde_json::from_str(&row.try_get::<String, _>("options")?).unwrap_or_default(),
            multiple: flag(&row, "multiple")?,
            closes_at: row.try_get("closes_at")?,
            results: PollResults::parse(&row.try_get::<String, _>("results")?)
                .unwrap_or(PollResults::AfterVote),
        })
    })
    .transpose()
}

/// The votes per option (`options` long) and the number of women who voted.
pub async fn tally(db: &Db, post_id: i64, options: usize) -> Result<(Vec<i64>, i64), sqlx::Error> {
    // Ballots with the same choices counted together: at most 2^10 rows, whatever the crowd.
    let rows =
        sqlx::query("SELECT choices, COUNT(*) AS n FROM poll_ballots WHERE post_id = $1 GROUP BY choices")
            .bind(post_id)
            .fetch_all(&db.pool)
            .await?;
    let mut counts = vec![0; options];
    let mut voters = 0;
    for row in rows {
        let (bits, n): (i64, i64) = (row.try_get("choices")?, row.try_get("n")?);
        voters += n;
        for (option, count) in counts.iter_mut().enumerate() {
            if bits & (1 << option) != 0 {
                *count += n;
            }
        }
    }
    Ok((counts, voters))
}

/// Her ballot's bits, if she voted.
pub async fn ballot(db: &Db, post_id: i64, user_id: i64) -> Result<Option<u16>, sqlx::Error> {
    let bits: Option<i64> =
        sqlx::query_scalar("SELECT choices FROM poll_ballots WHERE post_id = $1 AND user_id = $2")
            .bind(post_id)
            .bind(user_id)
            .fetch_optional(&db.pool)
            .await?;
    Ok(bits.map(|b| b as u16))
}

/// Writes her ballot: her first (`false` when she has one already: the key refuses a second),
/// or, with `change`, her choices now, new or changed (the key keeps it one ballot).
pub async fn write(
    db: &Db,
    post_id: i64,
    user_id: i64,
    bits: u16,
    at: i64,
    change: bool,
) -> Result<bool, sqlx::Error> {
    let on_conflict = if change {
        "DO UPDATE SET choices = excluded.choices, voted_at = excluded.voted_at"
    } else {
        "DO NOTHING"
    };
    let done = sqlx::query(&format!(
        "INSERT INTO poll_ballots (post_id, user_id, choices, voted_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (post_id, user_id) {on_conflict}"
    ))
    .bind(post_id)
    .bind(user_id)
    .bind(i64::from(bits))
    .bind(at)
    .execute(&db.pool)
    .await?;
    Ok(done.rows_affected() == 1)
}
