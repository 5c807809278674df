//! Storage: one query layer over SQLite (the embedded default) and PostgreSQL.
//!
//! Queries are written once in SQL both dialects accept (`$1` binds, `RETURNING`, `ON CONFLICT`);
//! each backend keeps its own migration history for the DDL, where they differ.

pub mod audiences;
pub mod audit;
pub mod branches;
pub mod conversation;
pub mod covers;
pub mod feed_cache;
pub mod flags;
pub mod groups;
pub mod hoi;
pub mod jobs;
pub mod memberships;
pub mod my_data;
pub mod notifications;
pub mod otp;
pub mod peers;
pub mod photo_contest_entries;
pub mod photo_contest_votes;
pub mod photo_contests;
pub mod photos;
pub mod polls;
pub mod posts;
pub mod privacy;
pub mod quiz_attempts;
pub mod quizzes;
pub mod reports;
pub mod sessions;
pub mod survey_responses;
pub mod surveys;
pub mod todo;
pub mod unit_overview;
pub mod unit_people;
pub mod units;
pub mod users;

use std::str::FromStr;

use sqlx::{
    any::{AnyConnectOptions, AnyPoolOptions},
    AnyPool, Executor,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// The pool and which backend it talks to.
#[derive(Clone)]
pub struct Db {
    pub pool: AnyPool,
    pub backend: Backend,
    /// Feed pages between writes; every write to posts goes through `db::posts`, which bumps it.
    pub feed_cache: std::sync::Arc<feed_cache::FeedCache>,
    /// Sessions checked in the last minute (see `db::sessions`).
    pub session_cache: std::sync::Arc<sessions::SessionCache>,
    /// The other instances on the same PostgreSQL (`db::peers`).
    pub peers: peers::Peers,
}

impl Db {
    /// Connects (creating the SQLite file and its folder when missing) and applies migrations.
    pub async fn connect(url: &str) -> anyhow::Result<Db> {
        let db = Db::connect_without_migrating(url).await?;
        db.migrate().await?;
        units::seed_if_empty(&db).await?;
        Ok(db)
    }

    /// The pool alone, the schema as it is: for restoring a backup into an empty database.
    pub async fn connect_without_migrating(url: &str) -> anyhow::Result<Db> {
        sqlx::any::install_default_drivers();
        let backend = if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Backend::Postgres
        } else if url.starts_with("sqlite:") {
            Backend::Sqlite
        } else {
            anyhow::bail!("unsupported database URL {url:?}: use sqlite://… or postgres://…");
        };
        let url = match backend {
            Backend::Sqlite => sqlite_url_creating_folder(url)?,
            Backend::Postgres => url.to_owned(),
        };
        let options = AnyConnectOptions::from_str(&url)?;
        let pool = AnyPoolOptions::new()
            .max_connections(match backend {
                Backend::Sqlite => 8,
                Backend::Postgres => 16,
            })
            .after_connect(move |conn, _| {
                Box::pin(async move {
                    if backend == Backend::Sqlite {
                        // WAL lets readers run beside the writer; the timeout queues writers
                        // instead of failing them when a burst arrives.
                        conn.execute(
                            "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; \
                             PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;",
                        )
                        .await?;
                    }
                    Ok(())
                })
            })
            .connect_with(options)
            .await?;
        let peers = match backend {
            Backend::Sqlite => peers::Peers::alone(),
            Backend::Postgres => peers::Peers::on_postgres(pool.clone(), &url),
        };
        Ok(Db {
            pool,
            backend,
            feed_cache: std::sync::Arc::new(feed_cache::FeedCache::new(peers.clone())),
            session_cache: std::sync::Arc::new(sessions::SessionCache::new(peers.clone())),
            peers,
        })
    }

    async fn migrate(&self) -> Result<(), sqlx::migrate::MigrateError> {
        match self.backend {
            Backend::Sqlite => sqlx::migrate!("migrations/sqlite").run(&self.pool).await,
            Backend::Postgres => sqlx::migrate!("migrations/postgres").run(&self.pool).await,
        }
    }
}

/// `sqlite://data/hoi.sqlite` → the same with `?mode=rwc`, after creating `data/`.
fn sqlite_url_creating_folder(url: &str) -> Result<String, std::io::Error> {
    let path = url.trim_start_matches("sqlite://").trim_start_matches("sqlite:");
    let (file, query) = path.split_once('?').unwrap_or((path, ""));
    if file != ":memory:" {
        if let Some(parent) = std::path::Path::new(file)
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
        {
            std::fs::create_dir_all(parent)?;
        }
    }
    Ok(if query.is_empty() {
        format!("sqlite://{file}?mode=rwc")
    } else {
        format!("sqlite://{file}?{query}")
    })
}

/// Seconds since the epoch: times are stored as integers, the one type both backends and the
/// `Any` driver agree on; the wire carries RFC 3339.
pub fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

pub fn to_datetime(seconds: i64) -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::from_timestamp(seconds, 0).unwrap_or_default()
}

/// Reads a yes/no column: BOOLEAN on PostgreSQL, INTEGER 0/1 on SQLite (see the migrations).
pub fn flag(row: &sqlx::any::AnyRow, column: &str) -> Result<bool, sqlx::Error> {
    use sqlx::Row;
    row.try_get::<bool, _>(column)
        .or_else(|_| row.try_get::<i64, _>(column).map(|v| v != 0))
}
