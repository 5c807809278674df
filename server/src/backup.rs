//! `hoi-server backup PATH` and `hoi-server restore PATH`: a consistent copy of the database and
//! the photos, taken while the server runs, and brought back into an empty data folder.
//!
//! The database is copied first, as one snapshot: SQLite's `VACUUM INTO` reads one transaction
//! (writers carry on beside it under WAL), `pg_dump` one repeatable-read transaction. The media
//! folder is copied after it, so every photo the snapshot names is already on disk (photos are
//! written before the rows that name them, and never rewritten); a photo uploaded during the copy
//! comes along unnamed, which is harmless. A folder holds:
//!
//! - `hoi.sqlite` (SQLite) or `hoi.pgdump` (PostgreSQL, `pg_dump --format=custom`);
//! - `media/`, the photos as stored;
//! - `backup.txt`, what was copied and when.

use std::{
    fmt::Write as _,
    path::{Path, PathBuf},
    process::Command,
};

use anyhow::{bail, Context};

use crate::{
    db::{Backend, Db},
    Config,
};

const SQLITE_FILE: &str = "hoi.sqlite";
const PG_FILE: &str = "hoi.pgdump";

/// What a backup holds, as written to `backup.txt`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub backend: &'static str,
    pub tables: Vec<(String, i64)>,
    pub photos: usize,
}

/// Copies the database and the media folder into `dest` (created; it must be empty).
pub async fn backup(config: &Config, dest: &Path) -> anyhow::Result<Summary> {
    ensure_empty(dest)?;
    std::fs::create_dir_all(dest).with_context(|| format!("creating {}", dest.display()))?;
    let db = Db::connect(&config.database_url).await?;
    let backend = match db.backend {
        Backend::Sqlite => {
            let file = dest.join(SQLITE_FILE);
            sqlx::query("VACUUM INTO $1")
                .bind(file.display().to_string())
                .execute(&db.pool)
                .await
                .context("VACUUM INTO")?;
            "sqlite"
        }
        Backend::Postgres => {
            let file = dest.join(PG_FILE);
            let url = config.database_url.clone();
            tokio::task::spawn_blocking(move || {
                run(Command::new(pg_tool("pg_dump")?)
                    .args(["--format=custom", "--no-owner", "--file"])
                    .arg(&file)
                    .arg(&url))
            })
            .await??;
            "postgres"
        }
    };
    let photos = copy_tree(&config.media_dir, &dest.join("media"))?;
    // The copy's own counts for a SQLite backup; PostgreSQL's are the live ones (read after).
    let counted = match db.backend {
        Backend::Sqlite => Db::connect(&format!("sqlite://{}", dest.join(SQLITE_FILE).display())).await?,
        Backend::Postgres => db,
    };
    let summary = Summary {
        backend,
        tables: row_counts(&counted).await?,
        photos,
    };
    let mut text = format!(
        "Chi hội số backup\nwritten: {}\nbackend: {backend}\nphotos: {photos}\n",
        chrono::Utc::now().to_rfc3339()
    );
    for (table, rows) in &summary.tables {
        let _ = writeln!(text, "{table}: {rows}");
    }
    std::fs::write(dest.join("backup.txt"), text)?;
    Ok(summary)
}

/// Brings a backup back into the configured database and media folder, which must be empty (a
/// new SQLite file, a PostgreSQL database without tables, a missing or empty media folder).
pub async fn restore(config: &Config, source: &Path) -> anyhow::Result<()> {
    ensure_empty(&config.media_dir)?;
    if source.join(SQLITE_FILE).is_file() {
        let Some(target) = config
            .database_url
            .strip_prefix("sqlite://")
            .or_else(|| config.database_url.strip_prefix("sqlite:"))
            .map(|path| PathBuf::from(path.split('?').next().unwrap_or(path)))
        else {
            bail!("this backup is SQLite's: restore it with HOI_DATABASE_URL=sqlite://…");
        };
        if target.metadata().is_ok_and(|m| m.len() > 0) {
            bail!("{} exists: restore into an empty data folder", target.display());
        }
        if let Some(parent) = target.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::copy(source.join(SQLITE_FILE), &target)?;
    } else if source.join(PG_FILE).is_file() {
        let db = Db::connect_without_migrating(&config.database_url).await?;
        if db.backend != Backend::Postgres {
            bail!("this backup is PostgreSQL's: restore it with HOI_DATABASE_URL=postgres://…");
        }
        if !row_counts(&db).await?.is_empty() {
            bail!("the database has tables: restore into an empty database");
        }
        let (file, url) = (source.join(PG_FILE), config.database_url.clone());
        tokio::task::spawn_blocking(move || {
            run(Command::new(pg_tool("pg_restore")?)
                .args(["--no-owner", "--exit-on-error", "--dbname"])
                .arg(&url)
                .arg(&file))
        })
        .await??;
    } else {
        bail!(
            "{} holds no backup ({SQLITE_FILE} or {PG_FILE})",
            source.display()
        );
    }
    copy_tree(&source.join("media"), &config.media_dir)?;
    // Opens it as the server will, migrating a backup taken by an older release.
    Db::connect(&config.database_url).await?;
    Ok(())
}

/// Rows in every table of the database, by name.
pub async fn row_counts(db: &Db) -> anyhow::Result<Vec<(String, i64)>> {
    let tables: Vec<String> = match db.backend {
        Backend::Sqlite => sqlx::query_scalar(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
        ),
        Backend::Postgres => sqlx::query_scalar(
            "SELECT table_name::text FROM information_schema.tables \
             WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name",
        ),
    }
    .fetch_all(&db.pool)
    .await?;
    let mut counts = Vec::with_capacity(tables.len());
    for table in tables {
        // Names come from the catalogue, not from a caller.
        let rows: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM \"{table}\""))
            .fetch_one(&db.pool)
            .await?;
        counts.push((table, rows));
    }
    Ok(counts)
}

fn ensure_empty(folder: &Path) -> anyhow::Result<()> {
    if std::fs::read_dir(folder).is_ok_and(|mut entries| entries.next().is_some()) {
        bail!("{} is not empty", folder.display());
    }
    Ok(())
}

/// Copies a folder's files (recursively); a missing source is an empty one. Answers the count.
fn copy_tree(from: &Path, to: &Path) -> anyhow::Result<usize> {
    std::fs::create_dir_all(to)?;
    let Ok(entries) = std::fs::read_dir(from) else {
        return Ok(0);
    };
    let mut copied = 0;
    for entry in entries {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copied += copy_tree(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), &target)
                .with_context(|| format!("copying {}", entry.path().display()))?;
            copied += 1;
        }
    }
    Ok(copied)
}

/// `pg_dump` or `pg_restore`: on PATH, or the newest under /usr/lib/postgresql (Debian).
fn pg_tool(name: &str) -> anyhow::Result<PathBuf> {
    if Command::new(name)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
    {
        return Ok(PathBuf::from(name));
    }
    let mut found: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .map(|dirs| {
            dirs.filter_map(Result::ok)
                .map(|d| d.path().join("bin").join(name))
                .filter(|p| p.is_file())
                .collect()
        })
        .unwrap_or_default();
    found.sort();
    found
        .pop()
        .with_context(|| format!("{name} not found (install PostgreSQL's client tools)"))
}

fn run(command: &mut Command) -> anyhow::Result<()> {
    let output = command.output().with_context(|| format!("running {command:?}"))?;
    if !output.status.success() {
        bail!(
            "{:?} failed: {}",
            command.get_program(),
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    Ok(())
}
