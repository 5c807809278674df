//! The vote path: one writer task commits votes in batches, and the live tallies fan out to the
//! open contest pages.
//!
//! Why batches: a commit costs the same for one vote as for a thousand (on SQLite it is the
//! writer lock and the WAL append; on PostgreSQL a round trip and a flush). Every vote that
//! arrives while a batch is committing waits in the channel and goes into the next one, so under
//! a burst each commit carries hundreds of votes, and alone a vote is written at once. A vote is
//! acknowledged only after its batch has committed: a crash loses no acknowledged vote.

use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

use sha2::{Digest, Sha256};
use tokio::sync::{broadcast, mpsc, oneshot};

use hoi_api::photo_contest::EntryStatus;

use crate::db::{
    peers::{Notice, Peers},
    photo_contest_entries,
    photo_contest_votes::{self, Ballot, Verdict},
    photo_contests::{self, PhotoContest},
    Db,
};

/// The most ballots in one transaction (6 binds each, well under both backends' limits).
const MAX_BATCH: usize = 2_000;
/// Ballots waiting beyond this make handlers wait to queue (back-pressure instead of memory).
const QUEUE: usize = 20_000;
/// How often the live tallies go out: a page sees counts at most this late, and a burst of
/// votes costs one message per contest per period, whatever the number of votes.
const TALLY_PERIOD: Duration = Duration::from_millis(500);

type Job = (Ballot, oneshot::Sender<Result<Verdict, String>>);

#[derive(Clone)]
pub struct VoteWriter {
    sender: mpsc::Sender<Job>,
}

impl VoteWriter {
    /// Starts the writer task; it ends when every `VoteWriter` is dropped.
    pub fn start(db: Db, tallies: Tallies) -> Self {
        let (sender, mut receiver) = mpsc::channel::<Job>(QUEUE);
        tokio::spawn(async move {
            let mut jobs: Vec<Job> = Vec::with_capacity(MAX_BATCH);
            while receiver.recv_many(&mut jobs, MAX_BATCH).await > 0 {
                let ballots: Vec<Ballot> = jobs.iter().map(|(b, _)| b.clone()).collect();
                match photo_contest_votes::write_batch(&db, &ballots).await {
                    Ok((verdicts, changed)) => {
                        for (contest, entry, votes) in changed {
                            tallies.changed(contest, entry, votes);
                        }
                        for ((_, reply), verdict) in jobs.drain(..).zip(verdicts) {
                            let _ = reply.send(Ok(verdict));
                        }
                    }
                    Err(error) => {
                        tracing::error!(%error, n = jobs.len(), "a batch of votes failed");
                        for (_, reply) in jobs.drain(..) {
                            let _ = reply.send(Err(error.to_string()));
                        }
                    }
                }
            }
        });
        VoteWriter { sender }
    }

    /// Queues a ballot and waits for its batch to commit.
    pub async fn cast(&self, ballot: Ballot) -> Result<Verdict, String> {
        let (reply, answer) = oneshot::channel();
        self.sender
            .send((ballot, reply))
            .await
            .map_err(|_| "the vote writer has stopped".to_owned())?;
        answer
            .await
            .map_err(|_| "the vote writer has stopped".to_owned())?
    }
}

/// How long a vote may rely on a cached contest and entry. Approving, rejecting, editing and
/// closing forget the cache at once, so this only bounds what another server instance changed.
const TARGET_TTL: Duration = Duration::from_secs(2);

/// What a vote needs to know about its entry: its contest's rules and whether it is approved.
#[derive(Debug)]
pub struct VoteTarget {
    pub contest: PhotoContest,
    pub approved: bool,
}

/// The entries being voted for, cached for a burst: without it every vote reads the contest and
/// the entry again.
#[derive(Default)]
pub struct VoteTargets(Mutex<HashMap<i64, (Instant, Arc<VoteTarget>)>>);

impl VoteTargets {
    /// The entry's target, from the cache when fresh. `None` when there is no such entry.
    pub async fn get(&self, db: &Db, entry_id: i64) -> Result<Option<Arc<VoteTarget>>, sqlx::Error> {
        if let Ok(cache) = self.0.lock() {
            if let Some((at, target)) = cache.get(&entry_id) {
                if at.elapsed() < TARGET_TTL {
                    return Ok(Some(target.clone()));
                }
            }
        }
        let Some(entry) = photo_contest_entries::get(db, entry_id).await? else {
            return Ok(None);
        };
        let Some(contest) = photo_contests::get(db, entry.contest_id).await? else {
            return Ok(None);
        };
        let target = Arc::new(VoteTarget {
            contest,
            approved: entry.status == EntryStatus::Approved,
        });
        if let Ok(mut cache) = self.0.lock() {
            if cache.len() > 10_000 {
                cache.clear();
            }
            cache.insert(entry_id, (Instant::now(), target.clone()));
        }
        Ok(Some(target))
    }

    pub fn forget_all(&self) {
        if let Ok(mut cache) = self.0.lock() {
            cache.clear();
        }
    }
}

/// A short label for a voter's address, keyed by the contest's salt: equal addresses get equal
/// labels within a contest, and the address itself is never stored.
pub fn address_label(salt: &str, address: &str) -> String {
    let digest = Sha256::digest(format!("{salt}|{address}").as_bytes());
    digest.iter().take(5).map(|b| format!("{b:02x}")).collect()
}

/// One contest's changed counts, as the JSON an event carries (made once for every listener).
#[derive(Debug)]
pub struct TallyMessage {
    pub contest_id: i64,
    pub json: String,
}

/// Changed counts per contest: entry → votes.
type Changes = HashMap<i64, HashMap<i64, u32>>;

/// The live tallies: counts that changed since the last period, per contest, sent to every open
/// stream of that contest each `TALLY_PERIOD`. On PostgreSQL the counts this instance's writer
/// changed are also told to the other instances once a period (`db::peers`), whose streams
/// send them on with their own.
#[derive(Clone)]
pub struct Tallies {
    changed: Arc<Mutex<Changes>>,
    /// This instance's changes not yet told to the others (PostgreSQL only).
    untold: Arc<Mutex<Changes>>,
    sender: broadcast::Sender<Arc<TallyMessage>>,
    peers: Peers,
}

impl Default for Tallies {
    fn default() -> Self {
        Tallies::new(Peers::alone())
    }
}

impl Tallies {
    pub fn new(peers: Peers) -> Self {
        Tallies {
            changed: Arc::default(),
            untold: Arc::default(),
            // A stream that falls behind skips to the next message: counts are absolute.
            sender: broadcast::channel(64).0,
            peers,
        }
    }

    /// Counts this instance's writer changed.
    pub fn changed(&self, contest_id: i64, entry_id: i64, votes: u32) {
        self.changed_elsewhere(contest_id, entry_id, votes);
        if self.peers.shared() {
            if let Ok(mut untold) = self.untold.lock() {
                untold.entry(contest_id).or_default().insert(entry_id, votes);
            }
        }
    }

    /// Counts another instance's writer changed.
    pub fn changed_elsewhere(&self, contest_id: i64, entry_id: i64, votes: u32) {
        if let Ok(mut changed) = self.changed.lock() {
            changed.entry(contest_id).or_default().insert(entry_id, votes);
        }
    }

    pub fn subscribe(&self) -> broadcast::Receiver<Arc<TallyMessage>> {
        self.sender.subscribe()
    }

    /// Sends what changed, one message per contest, and tells the other instances what this one
    /// changed; returns how many messages went to the streams.
    pub fn flush(&self) -> usize {
        if let Ok(mut untold) = self.untold.lock() {
            for (contest_id, counts) in std::mem::take(&mut *untold) {
                let mut counts: Vec<(i64, u32)> = counts.into_iter().collect();
                counts.sort_unstable();
                // Kept well under NOTIFY's 8,000 bytes: ~20 bytes an entry.
                for part in counts.chunks(300) {
                    self.peers.tell(Notice::Tally(contest_id, part.to_vec()));
                }
            }
        }
        let changed = match self.changed.lock() {
            Ok(mut changed) => std::mem::take(&mut *changed),
            Err(_) => return 0,
        };
        let count = changed.len();
        for (contest_id, counts) in changed {
            let mut counts: Vec<(i64, u32)> = counts.into_iter().collect();
            counts.sort_unstable();
            let json =
                serde_json::to_string(&hoi_api::photo_contest::TallyUpdate { counts }).unwrap_or_default();
            // No listener is not an error.
            let _ = self.sender.send(Arc::new(TallyMessage { contest_id, json }));
        }
        count
    }

    /// Flushes every period, for the life of the process.
    pub fn spawn_publisher(&self) {
        let tallies = self.clone();
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(TALLY_PERIOD);
            loop {
                tick.tick().await;
                tallies.flush();
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_addresses_share_a_label_within_a_contest_only() {
        assert_eq!(address_label("a", "10.0.0.1"), address_label("a", "10.0.0.1"));
        assert_ne!(address_label("a", "10.0.0.1"), address_label("a", "10.0.0.2"));
        assert_ne!(address_label("a", "10.0.0.1"), address_label("b", "10.0.0.1"));
        assert_eq!(address_label("a", "10.0.0.1").len(), 10);
    }

    #[test]
    fn a_burst_of_changes_goes_out_as_one_message_per_contest_with_the_last_counts() {
        let tallies = Tallies::default();
        let mut listener = tallies.subscribe();
        tallies.changed(1, 10, 1);
        tallies.changed(1, 10, 2);
        tallies.changed(1, 11, 5);
        tallies.changed(2, 20, 1);
        assert_eq!(tallies.flush(), 2);
        let mut messages: Vec<_> = (0..2).map(|_| listener.try_recv().unwrap()).collect();
        messages.sort_by_key(|m| m.contest_id);
        assert_eq!(messages[0].json, r#"{"counts":[[10,2],[11,5]]}"#);
        assert_eq!(messages[1].json, r#"{"counts":[[20,1]]}"#);
        assert!(listener.try_recv().is_err());
        assert_eq!(tallies.flush(), 0, "nothing changed since");
    }
}
