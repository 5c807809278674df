//! The one state every handler shares.

use std::{sync::Arc, time::Duration};

use crate::{
    auth::{
        rate_limit::RateLimiter,
        sms::{LogSender, SmsSender},
    },
    config::Config,
    db::Db,
    events::Events,
    media::{LocalFolder, MediaStore},
    votes::{Tallies, VoteTargets, VoteWriter},
};

#[derive(Clone)]
pub struct AppState {
    /// The database pool (SQLite or PostgreSQL).
    pub db: Db,
    /// Settings from flags and environment.
    pub config: Arc<Config>,
    /// Failed-login counts per phone and per address.
    pub login_limiter: Arc<RateLimiter>,
    /// Failed one-time-code requests and checks, per phone and per address.
    pub otp_limiter: Arc<RateLimiter>,
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
}

impl AppState {
    /// Starts the vote writer and the tally publisher: call it inside the Tokio runtime.
    pub fn new(db: Db, config: Config) -> Self {
        let media = Arc::new(LocalFolder::new(config.media_dir.clone()));
        let tallies = Tallies::default();
        tallies.spawn_publisher();
        let votes = VoteWriter::start(db.clone(), tallies.clone());
        AppState {
            db,
            config: Arc::new(config),
            // 5 wrong passwords per phone, 30 per address, in 15 minutes.
            login_limiter: Arc::new(RateLimiter::new(Duration::from_secs(15 * 60), 5, 30)),
            // 3 codes per phone, 20 per address, in an hour.
            otp_limiter: Arc::new(RateLimiter::new(Duration::from_secs(60 * 60), 3, 20)),
            sms: Arc::new(LogSender),
            events: Events::default(),
            media,
            votes,
            tallies,
            vote_targets: Arc::default(),
        }
    }

    pub fn with_sms(mut self, sms: Arc<dyn SmsSender>) -> Self {
        self.sms = sms;
        self
    }
}
