//! Configuration from flags and environment (see `.env.sample`); every default runs on a laptop.

use std::{net::SocketAddr, path::PathBuf};

use clap::Parser;

#[derive(Debug, Clone, Parser)]
#[command(name = "hoi-server", about = "Chi hội số: API and app server")]
pub struct Config {
    /// Address to listen on.
    #[arg(long, env = "HOI_ADDR", default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,

    /// `sqlite://path` (the embedded default, created when missing) or `postgres://…`.
    #[arg(long, env = "HOI_DATABASE_URL", default_value = "sqlite://data/hoi.sqlite")]
    pub database_url: String,

    /// Folder of the built app (Trunk's dist); the API alone is served when it has no index.html.
    #[arg(long, env = "HOI_DIST", default_value = "dist")]
    pub dist: PathBuf,

    /// Folder for uploaded photos (re-encoded, without EXIF).
    #[arg(long, env = "HOI_MEDIA_DIR", default_value = "data/media")]
    pub media_dir: PathBuf,

    /// Seed the demo groups and accounts when the database has no users yet.
    #[arg(long, env = "HOI_DEMO", default_value_t = false)]
    pub demo: bool,

    /// Address people use to reach the app; invite links and QR codes point here.
    #[arg(long, env = "HOI_PUBLIC_URL", default_value = "http://127.0.0.1:8080")]
    pub public_url: String,

    /// Mark the session cookie `Secure` even when the public URL is not https (behind a proxy
    /// that terminates TLS under another name). An https public URL turns it on by itself.
    #[arg(long, env = "HOI_SECURE_COOKIES", default_value_t = false)]
    pub secure_cookies: bool,

    /// A session unused for this many days expires.
    #[arg(long, env = "HOI_SESSION_IDLE_DAYS", default_value_t = 30)]
    pub session_idle_days: i64,

    /// A session expires this many days after login, however often it is used.
    #[arg(long, env = "HOI_SESSION_MAX_DAYS", default_value_t = 180)]
    pub session_max_days: i64,

    /// Write one-time codes to this file (a line per SMS) instead of the log: for end-to-end
    /// tests. Without it, and with no SMS gateway configured, codes go to the log.
    #[arg(long, env = "HOI_SMS_OUTBOX")]
    pub sms_outbox: Option<PathBuf>,

    /// Take the client address from X-Forwarded-For (only behind a proxy you run).
    #[arg(long, env = "HOI_TRUST_PROXY", default_value_t = false)]
    pub trust_proxy: bool,
}

impl Config {
    /// Whether people reach the app over HTTPS: the cookie is then `Secure` and browsers are told
    /// to use HTTPS only (HSTS).
    pub fn https(&self) -> bool {
        self.secure_cookies || self.public_url.starts_with("https://")
    }

    /// The defaults with another database: what tests and tools start from.
    pub fn for_database(database_url: &str) -> Self {
        let mut config = Config::parse_from(["hoi-server"]);
        config.database_url = database_url.to_owned();
        config
    }
}
