//! The one state every handler shares.

use std::sync::Arc;

use crate::{
    auth::sms::{FileSender, LogSender, SmsSender},
    config::Config,
    db::Db,
    events::Events,
    limits::Limits,
    media::{LocalFolder, MediaStore},
    photo_contests::votes::{Tallies, VoteTargets, VoteWriter},
    stopping::Stopping,
};

#[derive(Clone)]
pub struct AppState {
    /// The database pool (SQLite or PostgreSQL).
    pub db: Db,
    /// Settings from flags and environment.
    pub config: Arc<Config>,
    /// Attempts counted against the limits on floods (`limits.rs`).
    pub limits: Arc<Limits>,
    /// Where one-time codes go: the log by default.
    pub sms: Arc<dyn SmsSender>,
    /// New posts and queue changes, for the app's live updates.
    pub events: Events,
    /// Photo bytes: the media folder by default.
    pub media: Arc<dyn MediaStore>,
    /// Photo contest votes, committed in batches.
    pub votes: VoteWriter,
    /// Live vote counts for the open contest pages.
    pub tallies: Tallies,
    /// Contests and entries being voted for, cached for bursts.
    pub vote_targets: Arc<VoteTargets>,
    /// Set when the instance stops: its event streams end (`stopping.rs`).
    pub stopping: Stopping,
}

impl AppState {
    /// Starts the vote writer and the tally publisher: call it inside the Tokio runtime.
    pub fn new(db: Db, config: Config) -> Self {
        let media = Arc::new(LocalFolder::new(config.media_dir.clone()));
        let tallies = Tallies::new(db.peers.clone());
        tallies.spawn_publisher();
        let votes = VoteWriter::start(db.clone(), tallies.clone());
        let limits = Arc::new(Limits::new(&db));
        let events = Events::new(db.peers.clone());
        db.peers.listen(db.clone(), events.clone(), tallies.clone());
        let sms: Arc<dyn SmsSender> = match &config.sms_outbox {
            Some(path) => Arc::new(FileSender(path.clone())),
            None => Arc::new(LogSender),
        };
        AppState {
            db,
            config: Arc::new(config),
            limits,
            sms,
            events,
            media,
            votes,
            tallies,
            vote_targets: Arc::default(),
            stopping: Stopping::default(),
        }
    }

    pub fn with_sms(mut self, sms: Arc<dyn SmsSender>) -> Self {
        self.sms = sms;
        self
    }
}
