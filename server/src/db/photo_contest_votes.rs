//! Votes: written in batches by `crate::photo_contests::votes` (one transaction, one commit, for every vote that
//! arrived while the last batch was committing), voided by admins, read back for the fraud signals.

use std::collections::{HashMap, HashSet};

use hoi_api::photo_contest::{EntrySignals, VoteRow};
use sqlx::Row;

use super::{now, to_datetime, Db};

/// A vote to write.
#[derive(Debug, Clone)]
pub struct Ballot {
    pub contest_id: i64,
    pub entry_id: i64,
    pub voter_id: i64,
    /// 0 under the per-entry rule, the Vietnam day under the per-day rule.
    pub day: i64,
    /// The per-day cap, under the per-day rule.
    pub cap: Option<u32>,
    /// The group she must be an active member of, when only its members vote. Checked here, for
    /// the whole batch in one query, rather than once per request.
    pub members_of: Option<i64>,
    pub address: String,
    pub at_ms: i64,
}

/// What became of a ballot. The counts are read in the batch's transaction, so they include it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Counted {
        votes: u32,
        left: Option<u32>,
    },
    /// The row was already there: a double tap, a retry, her other phone.
    Already {
        votes: u32,
        left: Option<u32>,
    },
    /// Her votes of the day are used up.
    LimitReached,
    /// Only the group's active members vote, and she is not one.
    NotEligible,
}

type Key = (i64, i64, i64); // entry, voter, day

/// Writes a batch in one transaction and answers each ballot, in order, with the entries'
/// counts after it. The unique key `(entry, voter, day)` decides what counts; the per-day cap is
/// checked against the day's rows, which only this writer adds.
pub async fn write_batch(
    db: &Db,
    ballots: &[Ballot],
) -> Result<(Vec<Verdict>, Vec<(i64, i64, u32)>), sqlx::Error> {
    // Her votes of the day already stored, for ballots under the per-day rule (read before the
    // transaction: the writer is the only one adding votes, so they cannot change meanwhile).
    let mut stored: HashSet<Key> = HashSet::new();
    let mut used: HashMap<(i64, i64, i64), u32> = HashMap::new(); // contest, voter, day
    let mut asked: HashMap<(i64, i64), Vec<i64>> = HashMap::new(); // contest, day → voters
    for ballot in ballots.iter().filter(|b| b.cap.is_some()) {
        asked
            .entry((ballot.contest_id, ballot.day))
            .or_default()
            .push(ballot.voter_id);
    }
    for ((contest, day), mut voters) in asked {
        voters.sort_unstable();
        voters.dedup();
        let list = voters.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
        let rows = sqlx::query(&format!(
            "SELECT entry_id, voter_id FROM photo_contest_votes WHERE contest_id = $1 AND day = $2 AND voter_id IN ({list})"
        ))
        .bind(contest)
        .bind(day)
        .fetch_all(&db.pool)
        .await?;
        for row in rows {
            let (entry, voter): (i64, i64) = (row.try_get("entry_id")?, row.try_get("voter_id")?);
            stored.insert((entry, voter, day));
            *used.entry((contest, voter, day)).or_default() += 1;
        }
    }

    // The group members among the voters, one query per group in the batch.
    let mut members: HashSet<(i64, i64)> = HashSet::new(); // group, voter
    let mut groups: HashMap<i64, Vec<i64>> = HashMap::new();
    for ballot in ballots {
        if let Some(group) = ballot.members_of {
            groups.entry(group).or_default().push(ballot.voter_id);
        }
    }
    for (group, mut voters) in groups {
        voters.sort_unstable();
        voters.dedup();
        let list = voters.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
        let found: Vec<i64> = sqlx::query_scalar(&format!(
            "SELECT user_id FROM memberships WHERE group_id = $1 AND status = 'active' AND user_id IN ({list})"
        ))
        .bind(group)
        .fetch_all(&db.pool)
        .await?;
        members.extend(found.into_iter().map(|voter| (group, voter)));
    }

    // Decide in arrival order: the first of two identical ballots is the one that may count.
    enum Pending {
        Candidate,
        Already,
        Limit,
        Outsider,
    }
    let mut seen: HashSet<Key> = HashSet::new();
    let mut pending = Vec::with_capacity(ballots.len());
    for ballot in ballots {
        let key = (ballot.entry_id, ballot.voter_id, ballot.day);
        let quota = (ballot.contest_id, ballot.voter_id, ballot.day);
        let outsider = ballot
            .members_of
            .is_some_and(|group| !members.contains(&(group, ballot.voter_id)));
        pending.push(if outsider {
            Pending::Outsider
        } else if seen.contains(&key) || stored.contains(&key) {
            Pending::Already
        } else if ballot
            .cap
            .is_some_and(|cap| used.get(&quota).copied().unwrap_or(0) >= cap)
        {
            Pending::Limit
        } else {
            seen.insert(key);
            *used.entry(quota).or_default() += 1;
            Pending::Candidate
        });
    }

    let mut tx = db.pool.begin().await?;
    let candidates: Vec<&Ballot> = ballots
        .iter()
        .zip(&pending)
        .filter(|(_, p)| matches!(p, Pending::Candidate))
        .map(|(b, _)| b)
        .collect();
    let mut inserted: HashSet<Key> = HashSet::new();
    if !candidates.is_empty() {
        let values = (0..candidates.len())
            .map(|i| {
                let n = i * 6;
                format!(
                    "(${}, ${}, ${}, ${}, ${}, ${})",
                    n + 1,
                    n + 2,
                    n + 3,
                    n + 4,
                    n + 5,
                    n + 6
                )
            })
            .collect::<Vec<_>>()
            .join(", ");
        let sql = format!(
            "INSERT INTO photo_contest_votes (contest_id, entry_id, voter_id, day, address, created_ms) VALUES {values} \
             ON CONFLICT (entry_id, voter_id, day) DO NOTHING RETURNING entry_id, voter_id, day"
        );
        let mut query = sqlx::query(&sql);
        for ballot in &candidates {
            query = query
                .bind(ballot.contest_id)
                .bind(ballot.entry_id)
                .bind(ballot.voter_id)
                .bind(ballot.day)
                .bind(ballot.address.as_str())
                .bind(ballot.at_ms);
        }
        for row in query.fetch_all(&mut *tx).await? {
            inserted.insert((
                row.try_get("entry_id")?,
                row.try_get("voter_id")?,
                row.try_get("day")?,
            ));
        }
    }
    let mut added: HashMap<i64, i64> = HashMap::new();
    for key in &inserted {
        *added.entry(key.0).or_default() += 1;
    }
    for (entry, n) in &added {
        sqlx::query("UPDATE photo_contest_entries SET votes = votes + $1 WHERE id = $2")
            .bind(n)
            .bind(entry)
            .execute(&mut *tx)
            .await?;
    }
    let mut entries: Vec<i64> = ballots.iter().map(|b| b.entry_id).collect();
    entries.sort_unstable();
    entries.dedup();
    let list = entries.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
    let mut counts: HashMap<i64, (i64, u32)> = HashMap::new();
    for row in sqlx::query(&format!(
        "SELECT id, contest_id, votes FROM photo_contest_entries WHERE id IN ({list})"
    ))
    .fetch_all(&mut *tx)
    .await?
    {
        let votes = u32::try_from(row.try_get::<i64, _>("votes")?).unwrap_or(0);
        counts.insert(row.try_get("id")?, (row.try_get("contest_id")?, votes));
    }
    tx.commit().await?;

    let verdicts = ballots
        .iter()
        .zip(pending)
        .map(|(ballot, state)| {
            let votes = counts.get(&ballot.entry_id).map_or(0, |c| c.1);
            let quota = (ballot.contest_id, ballot.voter_id, ballot.day);
            let key = (ballot.entry_id, ballot.voter_id, ballot.day);
            match state {
                Pending::Limit => Verdict::LimitReached,
                Pending::Outsider => Verdict::NotEligible,
                Pending::Candidate if inserted.contains(&key) => {
                    // Only the first ballot of a key is a candidate, so this is her one row.
                    inserted.remove(&key);
                    let left = ballot
                        .cap
                        .map(|cap| cap.saturating_sub(used.get(&quota).copied().unwrap_or(0)));
                    Verdict::Counted { votes, left }
                }
                Pending::Candidate | Pending::Already => {
                    let left = ballot
                        .cap
                        .map(|cap| cap.saturating_sub(used.get(&quota).copied().unwrap_or(0)));
                    Verdict::Already { votes, left }
                }
            }
        })
        .collect();
    let changed = added
        .keys()
        .filter_map(|entry| {
            counts
                .get(entry)
                .map(|(contest, votes)| (*contest, *entry, *votes))
        })
        .collect();
    Ok((verdicts, changed))
}

/// The entries she voted for (today, under the per-day rule) with votes that still stand or not.
pub async fn voted_by(db: &Db, contest_id: i64, voter: i64, day: i64) -> Result<Vec<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT entry_id FROM photo_contest_votes WHERE contest_id = $1 AND voter_id = $2 AND day = $3",
    )
    .bind(contest_id)
    .bind(voter)
    .bind(day)
    .fetch_all(&db.pool)
    .await
}

/// Voids votes of the contest: they stay, marked, and stop counting. Returns the contest's
/// entries whose counts changed, with their new counts, and how many votes were voided.
pub async fn void(
    db: &Db,
    contest_id: i64,
    ids: &[i64],
    reason: &str,
    by: i64,
) -> Result<(u32, Vec<(i64, u32)>), sqlx::Error> {
    let mut tx = db.pool.begin().await?;
    let mut per_entry: HashMap<i64, i64> = HashMap::new();
    for id in ids {
        let entry: Option<i64> = sqlx::query_scalar(
            "UPDATE photo_contest_votes SET voided_at = $1, voided_by = $2, void_reason = $3 \
             WHERE id = $4 AND contest_id = $5 AND voided_at IS NULL RETURNING entry_id",
        )
        .bind(now())
        .bind(by)
        .bind(reason)
        .bind(id)
        .bind(contest_id)
        .fetch_optional(&mut *tx)
        .await?;
        if let Some(entry) = entry {
            *per_entry.entry(entry).or_default() += 1;
        }
    }
    let mut changed = Vec::new();
    for (entry, n) in &per_entry {
        let votes: i64 = sqlx::query_scalar(
            "UPDATE photo_contest_entries SET votes = votes - $1 WHERE id = $2 RETURNING votes",
        )
        .bind(n)
        .bind(entry)
        .fetch_one(&mut *tx)
        .await?;
        changed.push((*entry, u32::try_from(votes).unwrap_or(0)));
    }
    tx.commit().await?;
    let voided = per_entry.values().sum::<i64>();
    Ok((u32::try_from(voided).unwrap_or(0), changed))
}

/// Whether any vote was cast in the contest (its vote rule is then fixed).
pub async fn any(db: &Db, contest_id: i64) -> Result<bool, sqlx::Error> {
    let found: Option<i64> =
        sqlx::query_scalar("SELECT id FROM photo_contest_votes WHERE contest_id = $1 LIMIT 1")
            .bind(contest_id)
            .fetch_optional(&db.pool)
            .await?;
    Ok(found.is_some())
}

/// Recounts an entry's valid votes from the rows (tests and the erasure of an account use it).
pub async fn recount(db: &Db, entry_id: i64) -> Result<u32, sqlx::Error> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM photo_contest_votes WHERE entry_id = $1 AND voided_at IS NULL",
    )
    .bind(entry_id)
    .fetch_one(&db.pool)
    .await?;
    Ok(u32::try_from(n).unwrap_or(0))
}

/// Accounts from one address voting for one entry: this many is a signal.
pub const SHARED_ADDRESS_SIGNAL: u32 = 3;
/// Votes for one entry within one minute: this many is a burst.
pub const BURST_SIGNAL: u32 = 10;

/// The fraud signals per approved entry, and the votes that raised any, for the admins.
pub async fn signals(
    db: &Db,
    contest_id: i64,
    opened_at: i64,
) -> Result<(Vec<EntrySignals>, Vec<VoteRow>), sqlx::Error> {
    let rows = sqlx::query(
        "SELECT v.id, v.entry_id, v.address, v.created_ms, v.void_reason, v.voided_at, u.display_name, u.phone, \
         u.created_at AS account_created FROM photo_contest_votes v JOIN users u ON u.id = v.voter_id \
         WHERE v.contest_id = $1 ORDER BY v.entry_id, v.created_ms",
    )
    .bind(contest_id)
    .fetch_all(&db.pool)
    .await?;
    let titles: HashMap<i64, String> = sqlx::query(
        "SELECT id, title FROM photo_contest_entries WHERE contest_id = $1 AND status = 'approved' ORDER BY id",
    )
    .bind(contest_id)
    .fetch_all(&db.pool)
    .await?
    .iter()
    .map(|row| Ok((row.try_get("id")?, row.try_get("title")?)))
    .collect::<Result<_, sqlx::Error>>()?;

    struct Vote {
        row: VoteRow,
        minute: i64,
        valid: bool,
    }
    let mut votes = Vec::with_capacity(rows.len());
    for row in &rows {
        let ms: i64 = row.try_get("created_ms")?;
        let account_created: i64 = row.try_get("account_created")?;
        let phone: String = row.try_get("phone")?;
        let voided_at: Option<i64> = row.try_get("voided_at")?;
        votes.push(Vote {
            minute: ms.div_euclid(60_000),
            valid: voided_at.is_none(),
            row: VoteRow {
                id: row.try_get("id")?,
                entry_id: row.try_get("entry_id")?,
                voter_name: row.try_get("display_name")?,
                voter_phone: hoi_api::Phone::parse(&phone).map(|p| p.masked()).unwrap_or(phone),
                at: to_datetime(ms.div_euclid(1000)),
                new_account: account_created >= opened_at,
                address: row.try_get("address")?,
                shared_address: 0,
                same_minute: 0,
                voided: voided_at.map(|_| {
                    row.try_get::<Option<String>, _>("void_reason")
                        .ok()
                        .flatten()
                        .unwrap_or_default()
                }),
            },
        });
    }
    let mut by_address: HashMap<(i64, String), u32> = HashMap::new();
    let mut by_minute: HashMap<(i64, i64), u32> = HashMap::new();
    for vote in &votes {
        *by_address
            .entry((vote.row.entry_id, vote.row.address.clone()))
            .or_default() += 1;
        *by_minute.entry((vote.row.entry_id, vote.minute)).or_default() += 1;
    }
    let mut per_entry: HashMap<i64, EntrySignals> = titles
        .iter()
        .map(|(id, title)| {
            (
                *id,
                EntrySignals {
                    entry_id: *id,
                    title: title.clone(),
                    votes: 0,
                    voided: 0,
                    new_accounts: 0,
                    most_from_one_address: 0,
                    busiest_minute: 0,
                    flagged: false,
                },
            )
        })
        .collect();
    let mut suspicious = Vec::new();
    for mut vote in votes {
        vote.row.shared_address = by_address
            .get(&(vote.row.entry_id, vote.row.address.clone()))
            .copied()
            .unwrap_or(1)
            - 1;
        vote.row.same_minute = by_minute
            .get(&(vote.row.entry_id, vote.minute))
            .copied()
            .unwrap_or(0);
        if let Some(entry) = per_entry.get_mut(&vote.row.entry_id) {
            if vote.valid {
                entry.votes += 1;
            } else {
                entry.voided += 1;
            }
            entry.new_accounts += u32::from(vote.row.new_account);
            entry.most_from_one_address = entry.most_from_one_address.max(vote.row.shared_address + 1);
            entry.busiest_minute = entry.busiest_minute.max(vote.row.same_minute);
        }
        let raised = vote.row.new_account
            || vote.row.shared_address + 1 >= SHARED_ADDRESS_SIGNAL
            || vote.row.same_minute >= BURST_SIGNAL;
        if raised {
            suspicious.push(vote.row);
        }
    }
    let mut entries: Vec<EntrySignals> = per_entry
        .into_values()
        .map(|mut e| {
            e.flagged = e.new_accounts > 0
                || e.most_from_one_address >= SHARED_ADDRESS_SIGNAL
                || e.busiest_minute >= BURST_SIGNAL;
            e
        })
        .collect();
    entries.sort_by(|a, b| b.flagged.cmp(&a.flagged).then(b.votes.cmp(&a.votes)));
    suspicious.sort_by(|a, b| b.at.cmp(&a.at).then(b.id.cmp(&a.id)));
    suspicious.truncate(500);
    Ok((entries, suspicious))
}
