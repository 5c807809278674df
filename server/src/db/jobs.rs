//! Which instance runs the periodic jobs: a lease per job in the database, so several server
//! instances on one PostgreSQL run each job on one of them at a time (see migration 0018).

use std::sync::LazyLock;

use super::Db;

/// This process, as a lease holder: random, so two instances on one host differ too.
static INSTANCE: LazyLock<String> = LazyLock::new(|| format!("{:016x}", rand::random::<u64>()));

pub fn instance() -> &'static str {
    &INSTANCE
}

/// Gives up every job `holder` holds (a clean stop), so another instance takes them over at its
/// next turn instead of at the end of the leases.
pub async fn release_all(db: &Db, holder: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM job_leases WHERE holder = $1")
        .bind(holder)
        .execute(&db.pool)
        .await?;
    Ok(())
}

/// Claims (or renews) job `name` for `holder` until `now + lease` seconds. `true` when it is
/// hers to run now: nobody held it, her own lease, or a lease that ran out. One statement, so
/// of instances asking at once exactly one gets it.
pub async fn claim(db: &Db, name: &str, holder: &str, now: i64, lease: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "INSERT INTO job_leases (name, holder, until) VALUES ($1, $2, $3) \
         ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, until = excluded.until \
         WHERE job_leases.holder = excluded.holder OR job_leases.until <= $4",
    )
    .bind(name)
    .bind(holder)
    .bind(now + lease)
    .bind(now)
    .execute(&db.pool)
    .await?;
    Ok(done.rows_affected() == 1)
}
