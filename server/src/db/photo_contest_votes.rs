//! Votes: written in batches by `crate::photo_contests::votes` (one transaction, one commit, for every vote that
//! arrived while the last batch was committing), voided by admins, read back for the fraud signals.

use std::collections::{BTreeMap, HashMap, HashSet};

use hoi_api::photo_contest::{EntrySignals, VoteRow};
use sqlx::Row;

use super::{now, to_datetime, Backend, Db};

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
type Quota = (i64, i64, i64); // contest, voter, day

/// Writes a batch in one transaction and answers each ballot, in order, with the entries'
/// counts after it. The unique key `(entry, voter, day)` decides what counts; the per-day cap is
/// checked against the day's rows:
/// - on SQLite, read before the transaction: this process's writer is the only one adding votes,
///   so they cannot change meanwhile (and a read inside would make a transaction that fails to
///   become the writer when another write committed in between);
/// - on PostgreSQL, where another instance's writer may be deciding the same woman's votes of the
///   day at the same moment, read inside the transaction after locking each capped
///   `(contest, voter, day)` until it commits, so the second writer counts the first's votes.
///
/// Returns the verdicts and the changed counts `(contest, entry, votes)` for the live tallies.
pub async fn write_batch(
    db: &Db,
    ballots: &[Ballot],
) -> Result<(Vec<Verdict>, Vec<(i64, i64, u32)>), sqlx::Error> {
    let read_first = match db.backend {
        Backend::Sqlite => Some(read_known(&mut *db.pool.acquire().await?, ballots).await?),
        Backend::Postgres => None,
    };
    let mut tx = db.pool.begin().await?;
    let mut known = match read_first {
        Some(known) => known,
        None => {
            lock_quotas(&mut tx, ballots).await?;
            read_known(&mut tx, ballots).await?
        }
    };
    let pending = decide(ballots, &mut known);
    let inserted = insert(&mut tx, ballots, &pending).await?;
    // In one order (by entry), so two instances' batches never wait on each other in a circle.
    let mut added: BTreeMap<i64, i64> = BTreeMap::new();
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
    let counts = counts_after(&mut tx, ballots).await?;
    tx.commit().await?;

    let verdicts = verdicts(ballots, pending, inserted, &counts, &known.used);
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

/// What the batch knows before it writes.
#[derive(Debug, Default)]
struct Known {
    /// Her votes of the day already stored, for ballots under the per-day rule.
    stored: HashSet<Key>,
    /// How many of the day's votes each voter has used, in each contest.
    used: HashMap<Quota, u32>,
    /// `(group, voter)`: the voters who are active members of a group that alone votes.
    members: HashSet<(i64, i64)>,
}

/// A ballot once decided, before the insert says whether its row was new.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pending {
    Candidate,
    Already,
    Limit,
    Outsider,
}

fn id_list(mut ids: Vec<i64>) -> String {
    ids.sort_unstable();
    ids.dedup();
    ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",")
}

/// Locks each `(contest, voter, day)` of the batch's capped ballots for the transaction
/// (PostgreSQL's advisory locks), in one order so that two writers never deadlock. The key is a
/// hash: two women sharing one only wait for each other.
async fn lock_quotas(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    ballots: &[Ballot],
) -> Result<(), sqlx::Error> {
    let mut keys: Vec<i64> = ballots
        .iter()
        .filter(|b| b.cap.is_some())
        .map(|b| {
            b.contest_id
                .wrapping_mul(1_000_003)
                .wrapping_add(b.voter_id)
                .wrapping_mul(1_000_033)
                .wrapping_add(b.day)
        })
        .collect();
    if keys.is_empty() {
        return Ok(());
    }
    keys.sort_unstable();
    keys.dedup();
    let values: Vec<String> = keys.iter().map(|k| format!("({k})")).collect();
    // Counted, so no row of `void` comes back; with ORDER BY the locks are taken after the sort.
    sqlx::query_scalar::<_, i64>(&format!(
        "SELECT COUNT(*) FROM (SELECT pg_advisory_xact_lock(k) FROM (VALUES {}) AS v(k) ORDER BY k) locked",
        values.join(", ")
    ))
    .fetch_one(&mut **tx)
    .await?;
    Ok(())
}

/// Reads what decides the ballots: her votes of the day already stored and who are members. One
/// query per contest and day, one per group.
async fn read_known(conn: &mut sqlx::AnyConnection, ballots: &[Ballot]) -> Result<Known, sqlx::Error> {
    let mut known = Known::default();
    let mut asked: HashMap<(i64, i64), Vec<i64>> = HashMap::new(); // contest, day → voters
    for ballot in ballots.iter().filter(|b| b.cap.is_some()) {
        asked
            .entry((ballot.contest_id, ballot.day))
            .or_default()
            .push(ballot.voter_id);
    }
    for ((contest, day), voters) in asked {
        let list = id_list(voters);
        let rows = sqlx::query(&format!(
            "SELECT entry_id, voter_id FROM photo_contest_votes WHERE contest_id = $1 AND day = $2 AND voter_id IN ({list})"
        ))
        .bind(contest)
        .bind(day)
        .fetch_all(&mut *conn)
        .await?;
        for row in rows {
            let (entry, voter): (i64, i64) = (row.try_get("entry_id")?, row.try_get("voter_id")?);
            known.stored.insert((entry, voter, day));
            *known.used.entry((contest, voter, day)).or_default() += 1;
        }
    }

    let mut groups: HashMap<i64, Vec<i64>> = HashMap::new();
    for ballot in ballots {
        if let Some(group) = ballot.members_of {
            groups.entry(group).or_default().push(ballot.voter_id);
        }
    }
    for (group, voters) in groups {
        let list = id_list(voters);
        let found: Vec<i64> = sqlx::query_scalar(&format!(
            "SELECT user_id FROM memberships WHERE group_id = $1 AND status = 'active' AND user_id IN ({list})"
        ))
        .bind(group)
        .fetch_all(&mut *conn)
        .await?;
        known
            .members
            .extend(found.into_iter().map(|voter| (group, voter)));
    }
    Ok(known)
}

/// Decides the ballots in arrival order: the first of two identical ballots is the one that may
/// count, and each candidate takes one of her day's votes in `known.used`.
fn decide(ballots: &[Ballot], known: &mut Known) -> Vec<Pending> {
    let mut seen: HashSet<Key> = HashSet::new();
    ballots
        .iter()
        .map(|ballot| {
            let key = (ballot.entry_id, ballot.voter_id, ballot.day);
            let quota = (ballot.contest_id, ballot.voter_id, ballot.day);
            let outsider = ballot
                .members_of
                .is_some_and(|group| !known.members.contains(&(group, ballot.voter_id)));
            if outsider {
                Pending::Outsider
            } else if seen.contains(&key) || known.stored.contains(&key) {
                Pending::Already
            } else if ballot
                .cap
                .is_some_and(|cap| known.used.get(&quota).copied().unwrap_or(0) >= cap)
            {
                Pending::Limit
            } else {
                seen.insert(key);
                *known.used.entry(quota).or_default() += 1;
                Pending::Candidate
            }
        })
        .collect()
}

/// Inserts the candidates in one statement; the rows the unique key let in come back.
async fn insert(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    ballots: &[Ballot],
    pending: &[Pending],
) -> Result<HashSet<Key>, sqlx::Error> {
    let mut candidates: Vec<&Ballot> = ballots
        .iter()
        .zip(pending)
        .filter(|(_, p)| **p == Pending::Candidate)
        .map(|(b, _)| b)
        .collect();
    // In the unique key's order: two instances' batches holding the same two votes (a double tap
    // sent to both) would otherwise each wait for the other's row, and PostgreSQL would fail one
    // batch as a deadlock (measured: 276 of 110,000 votes unanswered through two instances).
    candidates.sort_unstable_by_key(|b| (b.entry_id, b.voter_id, b.day));
    let mut inserted = HashSet::new();
    if candidates.is_empty() {
        return Ok(inserted);
    }
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
    for row in query.fetch_all(&mut **tx).await? {
        inserted.insert((
            row.try_get("entry_id")?,
            row.try_get("voter_id")?,
            row.try_get("day")?,
        ));
    }
    Ok(inserted)
}

/// The counts of the batch's entries after it, read in its transaction: entry → (contest, votes).
async fn counts_after(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    ballots: &[Ballot],
) -> Result<HashMap<i64, (i64, u32)>, sqlx::Error> {
    let list = id_list(ballots.iter().map(|b| b.entry_id).collect());
    let mut counts = HashMap::new();
    for row in sqlx::query(&format!(
        "SELECT id, contest_id, votes FROM photo_contest_entries WHERE id IN ({list})"
    ))
    .fetch_all(&mut **tx)
    .await?
    {
        let votes = u32::try_from(row.try_get::<i64, _>("votes")?).unwrap_or(0);
        counts.insert(row.try_get("id")?, (row.try_get("contest_id")?, votes));
    }
    Ok(counts)
}

/// Each ballot's answer: a candidate whose row went in counted; one the unique key turned away
/// (her other phone got there first) was already there, like a repeat.
fn verdicts(
    ballots: &[Ballot],
    pending: Vec<Pending>,
    mut inserted: HashSet<Key>,
    counts: &HashMap<i64, (i64, u32)>,
    used: &HashMap<Quota, u32>,
) -> Vec<Verdict> {
    ballots
        .iter()
        .zip(pending)
        .map(|(ballot, state)| {
            let votes = counts.get(&ballot.entry_id).map_or(0, |c| c.1);
            let quota = (ballot.contest_id, ballot.voter_id, ballot.day);
            let left = ballot
                .cap
                .map(|cap| cap.saturating_sub(used.get(&quota).copied().unwrap_or(0)));
            match state {
                Pending::Limit => Verdict::LimitReached,
                Pending::Outsider => Verdict::NotEligible,
                // Only the first ballot of a key is a candidate, so this is her one row.
                Pending::Candidate if inserted.remove(&(ballot.entry_id, ballot.voter_id, ballot.day)) => {
                    Verdict::Counted { votes, left }
                }
                Pending::Candidate | Pending::Already => Verdict::Already { votes, left },
            }
        })
        .collect()
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Her ballot for `entry` of contest 1 on day 7, capped at `cap` votes a day.
    fn ballot(entry: i64, voter: i64, cap: Option<u32>, members_of: Option<i64>) -> Ballot {
        Ballot {
            contest_id: 1,
            entry_id: entry,
            voter_id: voter,
            day: 7,
            cap,
            members_of,
            address: String::new(),
            at_ms: 0,
        }
    }

    #[test]
    fn a_double_tap_in_one_batch_counts_once() {
        let ballots = [
            ballot(10, 5, None, None),
            ballot(10, 5, None, None),
            ballot(11, 5, None, None),
        ];
        let pending = decide(&ballots, &mut Known::default());
        assert_eq!(
            pending,
            [Pending::Candidate, Pending::Already, Pending::Candidate]
        );
    }

    #[test]
    fn the_day_cap_counts_her_stored_votes_and_those_earlier_in_the_batch() {
        let mut known = Known::default();
        known.stored.insert((10, 5, 7));
        known.used.insert((1, 5, 7), 1);
        let ballots = [
            ballot(10, 5, Some(2), None),
            ballot(11, 5, Some(2), None),
            ballot(12, 5, Some(2), None),
        ];
        let pending = decide(&ballots, &mut known);
        assert_eq!(pending, [Pending::Already, Pending::Candidate, Pending::Limit]);
        assert_eq!(known.used.get(&(1, 5, 7)), Some(&2));
    }

    #[test]
    fn only_active_members_vote_where_the_group_alone_votes() {
        let mut known = Known::default();
        known.members.insert((3, 5));
        let pending = decide(
            &[ballot(10, 5, None, Some(3)), ballot(10, 6, None, Some(3))],
            &mut known,
        );
        assert_eq!(pending, [Pending::Candidate, Pending::Outsider]);
    }

    #[test]
    fn a_candidate_the_unique_key_turned_away_is_already_there_and_her_count_is_the_entrys() {
        let ballots = [
            ballot(10, 5, Some(3), None),
            ballot(11, 6, Some(3), None),
            ballot(12, 6, None, Some(2)),
        ];
        let mut known = Known::default();
        let pending = decide(&ballots, &mut known);
        // Only voter 5's row went in; voter 6's other phone had written hers.
        let inserted = HashSet::from([(10, 5, 7)]);
        let counts = HashMap::from([(10, (1, 4)), (11, (1, 9))]);
        let verdicts = verdicts(&ballots, pending, inserted, &counts, &known.used);
        assert_eq!(
            verdicts,
            [
                Verdict::Counted {
                    votes: 4,
                    left: Some(2)
                },
                Verdict::Already {
                    votes: 9,
                    left: Some(2)
                },
                Verdict::NotEligible,
            ]
        );
    }
}
