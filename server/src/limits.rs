//! Limits against floods, every number in one place (the README's "Limits" table lists them).
//!
//! Each action counts its attempts per client address and per account (the phone, before there is
//! an account) in a sliding window; past a limit the caller is answered 429 "thử lại sau N phút",
//! N being the minutes until the oldest counted attempt leaves the window. Per-address limits are
//! generous because many women share one address: a commune office's wifi at a sign-up event, and
//! the carriers' NAT on mobile data.
//!
//! Where the counts live: on SQLite, in this process (one instance by design). On PostgreSQL,
//! where several instances serve behind a load balancer, in the table `limit_hits` (migration
//! 0022), so an attacker spreading guesses over the instances meets one count. Checking and
//! counting are two statements, so attempts racing on two instances in the same millisecond may
//! each pass once past a limit; a limit against floods holds with that, where one in memory per
//! instance would let through N times as many.

use std::{
    collections::HashMap,
    sync::Mutex,
    time::{Duration, Instant},
};

use crate::{
    db::{Backend, Db},
    error::AppError,
};

/// What is being counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Wrong passwords. The account key is the phone *from that address*, so a stranger typing
    /// wrong passwords for her number elsewhere does not lock her out on her own phone.
    WrongPassword,
    /// SMS codes asked for (registering, resetting a password) and wrong codes typed.
    Code,
    /// Accounts created.
    Register,
    /// Applications to the Hội, signed in or not.
    Apply,
    Post,
    Comment,
    /// Members' reports of a post or comment to the board.
    Flag,
    /// Photos uploaded (posts and contest entries).
    Upload,
}

/// How many attempts a window allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    pub window: Duration,
    pub per_address: usize,
    pub per_account: usize,
}

const fn minutes(n: u64) -> Duration {
    Duration::from_secs(n * 60)
}

impl Action {
    /// The numbers. Change them here and in the README's table.
    pub const fn rule(self) -> Rule {
        let (window, per_address, per_account) = match self {
            Action::WrongPassword => (minutes(15), 30, 5),
            Action::Code => (minutes(60), 60, 3),
            Action::Register => (minutes(60), 30, 1),
            Action::Apply => (minutes(60), 20, 5),
            Action::Post => (minutes(60), 200, 30),
            Action::Comment => (minutes(60), 600, 120),
            Action::Flag => (minutes(60), 200, 30),
            Action::Upload => (minutes(60), 600, 60),
        };
        Rule {
            window,
            per_address,
            per_account,
        }
    }

    fn key(self) -> &'static str {
        match self {
            Action::WrongPassword => "password",
            Action::Code => "code",
            Action::Register => "register",
            Action::Apply => "apply",
            Action::Post => "post",
            Action::Comment => "comment",
            Action::Flag => "flag",
            Action::Upload => "upload",
        }
    }
}

/// Wrong passwords for one phone from every address together: a guessing attack spread over many
/// addresses stops here (and only such an attack can lock her out).
pub const WRONG_PASSWORDS_PER_PHONE_ANYWHERE: usize = 50;

/// The attempts seen in the current windows.
#[derive(Default)]
pub struct Limits {
    seen: Mutex<HashMap<String, Vec<Instant>>>,
    /// On PostgreSQL the attempts are rows of `limit_hits`, which every instance counts.
    shared: Option<Db>,
}

/// Above this many keys, a record first drops the ones whose attempts have all left their window.
const PRUNE_ABOVE: usize = 20_000;

impl Limits {
    /// Counted in `db` on PostgreSQL, in this process on SQLite.
    pub fn new(db: &Db) -> Limits {
        Limits {
            shared: (db.backend == Backend::Postgres).then(|| db.clone()),
            ..Limits::default()
        }
    }

    /// 429 when any of the action's limits is reached for this address or account; otherwise
    /// counts this attempt.
    pub async fn take(&self, action: Action, address: &str, account: Option<&str>) -> Result<(), AppError> {
        self.check(action, address, account).await?;
        self.record(action, address, account).await
    }

    /// 429 when any of the action's limits is reached, without counting (for actions counted only
    /// when they succeed, like accounts created).
    pub async fn check(&self, action: Action, address: &str, account: Option<&str>) -> Result<(), AppError> {
        let wait = match &self.shared {
            Some(db) => shared::wait_minutes(db, action, address, account).await?,
            None => self.wait_minutes(action, address, account),
        };
        match wait {
            Some(minutes) => Err(AppError::RateLimited(minutes)),
            None => Ok(()),
        }
    }

    pub async fn record(&self, action: Action, address: &str, account: Option<&str>) -> Result<(), AppError> {
        match &self.shared {
            Some(db) => Ok(shared::record(db, action, address, account).await?),
            None => {
                self.record_here(action, address, account);
                Ok(())
            }
        }
    }

    /// Forgets the account's count (a right password clears the wrong ones from that address).
    pub async fn clear(&self, action: Action, address: &str, account: &str) -> Result<(), AppError> {
        match &self.shared {
            Some(db) => Ok(shared::clear(db, action, address, account).await?),
            None => {
                self.clear_here(action, address, account);
                Ok(())
            }
        }
    }

    fn record_here(&self, action: Action, address: &str, account: Option<&str>) {
        let now = Instant::now();
        let mut seen = self.seen.lock().unwrap_or_else(|e| e.into_inner());
        if seen.len() > PRUNE_ABOVE {
            let longest = minutes(60);
            seen.retain(|_, at| at.last().is_some_and(|t| now.duration_since(*t) < longest));
        }
        for (key, _) in keys(action, address, account) {
            seen.entry(key).or_default().push(now);
        }
    }

    fn clear_here(&self, action: Action, address: &str, account: &str) {
        let mut seen = self.seen.lock().unwrap_or_else(|e| e.into_inner());
        for (key, _) in keys(action, address, Some(account)).into_iter().skip(1) {
            seen.remove(&key);
        }
    }

    /// Whole minutes to wait, or `None` when she may go ahead now (counted in this process).
    fn wait_minutes(&self, action: Action, address: &str, account: Option<&str>) -> Option<u32> {
        let now = Instant::now();
        let window = action.rule().window;
        let mut seen = self.seen.lock().unwrap_or_else(|e| e.into_inner());
        keys(action, address, account)
            .into_iter()
            .filter_map(|(key, limit)| {
                let attempts = seen.get_mut(&key)?;
                attempts.retain(|at| now.duration_since(*at) < window);
                if attempts.len() < limit {
                    return None;
                }
                let free_at = attempts[attempts.len() - limit] + window;
                Some(whole_minutes(free_at.saturating_duration_since(now)))
            })
            .max()
    }
}

/// A wait in whole minutes, at least one: what "thử lại sau N phút" says.
fn whole_minutes(wait: Duration) -> u32 {
    u32::try_from(wait.as_secs().div_ceil(60).max(1)).unwrap_or(u32::MAX)
}

/// The counts in PostgreSQL, for every instance: one row per attempt and counter, with the time
/// in milliseconds (an `Instant` means nothing to another process).
mod shared {
    use super::{keys, whole_minutes, Action, Duration};
    use crate::db::Db;

    fn now_ms() -> i64 {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
    }

    fn window_ms(action: Action) -> i64 {
        i64::try_from(action.rule().window.as_millis()).unwrap_or(i64::MAX)
    }

    /// For each counter, the attempt that fills its limit (the limit-th newest in the window):
    /// the wait is until it leaves the window. The longest wait wins.
    pub async fn wait_minutes(
        db: &Db,
        action: Action,
        address: &str,
        account: Option<&str>,
    ) -> Result<Option<u32>, sqlx::Error> {
        let now = now_ms();
        let window = window_ms(action);
        let mut longest = None;
        for (key, limit) in keys(action, address, account) {
            let filling: Option<i64> = sqlx::query_scalar(
                "SELECT at_ms FROM limit_hits WHERE key = $1 AND at_ms > $2 ORDER BY at_ms DESC LIMIT 1 OFFSET $3",
            )
            .bind(&key)
            .bind(now - window)
            .bind(i64::try_from(limit).unwrap_or(i64::MAX) - 1)
            .fetch_optional(&db.pool)
            .await?;
            if let Some(at) = filling {
                let wait = Duration::from_millis(u64::try_from(at + window - now).unwrap_or(0));
                longest = longest.max(Some(whole_minutes(wait)));
            }
        }
        Ok(longest)
    }

    pub async fn record(
        db: &Db,
        action: Action,
        address: &str,
        account: Option<&str>,
    ) -> Result<(), sqlx::Error> {
        let now = now_ms();
        for (key, _) in keys(action, address, account) {
            sqlx::query("INSERT INTO limit_hits (key, at_ms) VALUES ($1, $2)")
                .bind(key)
                .bind(now)
                .execute(&db.pool)
                .await?;
        }
        Ok(())
    }

    pub async fn clear(db: &Db, action: Action, address: &str, account: &str) -> Result<(), sqlx::Error> {
        for (key, _) in keys(action, address, Some(account)).into_iter().skip(1) {
            sqlx::query("DELETE FROM limit_hits WHERE key = $1")
                .bind(key)
                .execute(&db.pool)
                .await?;
        }
        Ok(())
    }
}

/// Drops the attempts every window has let go (the longest is an hour). Run by the periodic tick,
/// on one instance; nothing to do on SQLite.
pub async fn prune(db: &Db) -> Result<(), sqlx::Error> {
    if db.backend == Backend::Postgres {
        sqlx::query("DELETE FROM limit_hits WHERE at_ms < $1")
            .bind((crate::db::now() - 3600) * 1000)
            .execute(&db.pool)
            .await?;
    }
    Ok(())
}

/// The counters an attempt touches, each with its limit: the address first, then the account.
fn keys(action: Action, address: &str, account: Option<&str>) -> Vec<(String, usize)> {
    let rule = action.rule();
    let name = action.key();
    let mut keys = vec![(format!("{name}|addr|{address}"), rule.per_address)];
    if let Some(account) = account {
        if action == Action::WrongPassword {
            keys.push((format!("{name}|acct|{account}|{address}"), rule.per_account));
            keys.push((
                format!("{name}|acct|{account}"),
                WRONG_PASSWORDS_PER_PHONE_ANYWHERE,
            ));
        } else {
            keys.push((format!("{name}|acct|{account}"), rule.per_account));
        }
    }
    keys
}

#[cfg(test)]
mod tests {
    use super::*;

    const HER: &str = "+84912345678";

    #[test]
    fn the_sixth_wrong_password_from_one_address_waits_out_the_window() {
        let limits = Limits::default();
        for _ in 0..5 {
            assert_eq!(
                limits.wait_minutes(Action::WrongPassword, "1.2.3.4", Some(HER)),
                None
            );
            limits.record_here(Action::WrongPassword, "1.2.3.4", Some(HER));
        }
        assert_eq!(
            limits.wait_minutes(Action::WrongPassword, "1.2.3.4", Some(HER)),
            Some(15)
        );
        assert_eq!(
            limits.wait_minutes(Action::WrongPassword, "1.2.3.4", Some("+84987654321")),
            None,
            "another phone from that address is not blocked"
        );
        assert_eq!(
            limits.wait_minutes(Action::WrongPassword, "9.9.9.9", Some(HER)),
            None,
            "she is not locked out on her own phone"
        );
    }

    #[test]
    fn many_phones_from_one_address_are_limited_too() {
        let limits = Limits::default();
        for n in 0..30 {
            limits.record_here(
                Action::WrongPassword,
                "5.6.7.8",
                Some(&format!("+849123456{n:02}")),
            );
        }
        assert_eq!(
            limits.wait_minutes(Action::WrongPassword, "5.6.7.8", Some("+84999999999")),
            Some(15)
        );
    }

    #[test]
    fn a_guessing_attack_from_many_addresses_stops_at_the_phone_limit() {
        let limits = Limits::default();
        for n in 0..WRONG_PASSWORDS_PER_PHONE_ANYWHERE {
            limits.record_here(Action::WrongPassword, &format!("10.0.0.{n}"), Some(HER));
        }
        assert!(limits
            .wait_minutes(Action::WrongPassword, "10.9.9.9", Some(HER))
            .is_some());
    }

    #[test]
    fn a_right_password_clears_that_address_for_her() {
        let limits = Limits::default();
        for _ in 0..5 {
            limits.record_here(Action::WrongPassword, "a", Some(HER));
        }
        limits.clear_here(Action::WrongPassword, "a", HER);
        assert_eq!(limits.wait_minutes(Action::WrongPassword, "a", Some(HER)), None);
    }

    #[tokio::test]
    async fn take_counts_and_refuses_past_the_account_limit() {
        let limits = Limits::default();
        let per_account = Action::Post.rule().per_account;
        for _ in 0..per_account {
            assert!(limits.take(Action::Post, "a", Some("7")).await.is_ok());
        }
        assert!(matches!(
            limits.take(Action::Post, "a", Some("7")).await,
            Err(AppError::RateLimited(60))
        ));
        assert!(
            limits.take(Action::Post, "a", Some("8")).await.is_ok(),
            "another member may post"
        );
    }
}
