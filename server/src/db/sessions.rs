//! Server-side sessions: the cookie holds a random token, the database only its SHA-256, so a
//! leaked database cannot be replayed as cookies and any session can be revoked.

use std::{
    collections::HashMap,
    sync::RwLock,
    time::{Duration, Instant},
};

use sha2::{Digest, Sha256};

use super::{
    now,
    peers::{Notice, Peers},
    Db,
};

/// How long a checked session is trusted without asking the database again. A revocation is
/// forgotten at once here and, on PostgreSQL, told to the other instances (`db::peers`); this
/// bounds how long a notice lost on the way could leave a revoked session working elsewhere.
const CACHE_FOR: Duration = Duration::from_secs(60);

/// Recently checked sessions (token hash → user and when checked): every signed-in request
/// would otherwise start with a database read.
#[derive(Default)]
pub struct SessionCache(RwLock<HashMap<String, (i64, Instant)>>, Peers);

impl SessionCache {
    pub fn new(peers: Peers) -> SessionCache {
        SessionCache(RwLock::default(), peers)
    }

    fn get(&self, hash: &str) -> Option<i64> {
        let sessions = self.0.read().ok()?;
        let (user, checked) = sessions.get(hash)?;
        (checked.elapsed() < CACHE_FOR).then_some(*user)
    }

    fn put(&self, hash: String, user: i64) {
        if let Ok(mut sessions) = self.0.write() {
            if sessions.len() > 100_000 {
                sessions.clear();
            }
            sessions.insert(hash, (user, Instant::now()));
        }
    }

    /// A revoked session: forgotten here and on the other instances.
    fn forget(&self, hash: &str) {
        self.drop_hash(hash);
        self.1.tell(Notice::Session(hash.to_owned()));
    }

    fn forget_user(&self, user: i64) {
        self.drop_user(user);
        self.1.tell(Notice::Sessions(user));
    }

    pub(super) fn drop_hash(&self, hash: &str) {
        if let Ok(mut sessions) = self.0.write() {
            sessions.remove(hash);
        }
    }

    pub(super) fn drop_user(&self, user: i64) {
        if let Ok(mut sessions) = self.0.write() {
            sessions.retain(|_, (owner, _)| *owner != user);
        }
    }

    pub(super) fn drop_all(&self) {
        if let Ok(mut sessions) = self.0.write() {
            sessions.clear();
        }
    }
}

pub fn hash_token(token: &str) -> String {
    let digest = Sha256::digest(token.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

pub async fn create(db: &Db, user_id: i64, token: &str) -> Result<(), sqlx::Error> {
    let at = now();
    sqlx::query(
        "INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(hash_token(token))
    .bind(user_id)
    .bind(at)
    .bind(at)
    .execute(&db.pool)
    .await?;
    Ok(())
}

/// The session's user when it is neither idle too long nor older than the absolute limit.
/// `last_seen_at` is refreshed at most hourly, so reads do not turn into writes.
pub async fn user_for(
    db: &Db,
    token: &str,
    idle_secs: i64,
    max_secs: i64,
) -> Result<Option<i64>, sqlx::Error> {
    let hash = hash_token(token);
    if let Some(user) = db.session_cache.get(&hash) {
        return Ok(Some(user));
    }
    let at = now();
    let row: Option<(i64, i64, i64)> =
        sqlx::query_as("SELECT user_id, created_at, last_seen_at FROM sessions WHERE token_hash = $1")
            .bind(&hash)
            .fetch_optional(&db.pool)
            .await?;
    let Some((user_id, created_at, last_seen_at)) = row else {
        return Ok(None);
    };
    if at - last_seen_at > idle_secs || at - created_at > max_secs {
        revoke(db, token).await?;
        return Ok(None);
    }
    if at - last_seen_at > 3600 {
        sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2")
            .bind(at)
            .bind(&hash)
            .execute(&db.pool)
            .await?;
    }
    db.session_cache.put(hash, user_id);
    Ok(Some(user_id))
}

pub async fn revoke(db: &Db, token: &str) -> Result<(), sqlx::Error> {
    db.session_cache.forget(&hash_token(token));
    sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
        .bind(hash_token(token))
        .execute(&db.pool)
        .await?;
    Ok(())
}

pub async fn revoke_all(db: &Db, user_id: i64) -> Result<(), sqlx::Error> {
    db.session_cache.forget_user(user_id);
    sqlx::query("DELETE FROM sessions WHERE user_id = $1")
        .bind(user_id)
        .execute(&db.pool)
        .await?;
    Ok(())
}

/// Ages a session, so tests can prove expiry without waiting a month.
pub async fn backdate(db: &Db, token: &str, created_at: i64, last_seen_at: i64) -> Result<(), sqlx::Error> {
    db.session_cache.forget(&hash_token(token));
    sqlx::query("UPDATE sessions SET created_at = $1, last_seen_at = $2 WHERE token_hash = $3")
        .bind(created_at)
        .bind(last_seen_at)
        .bind(hash_token(token))
        .execute(&db.pool)
        .await?;
    Ok(())
}
