//! Her rights in the database: consents granted and withdrawn (withdrawal takes sensitive data
//! with it), erasure that leaves only an anonymous count, the retention the privacy notice
//! promises, and the log of who looked at whose application.

use hoi_api::{
    hoi::{ConsentPurpose, CONSENT_VERSION, RETENTION_MONTHS},
    my_data::AccessRecord,
};

use super::{now, to_datetime, Db};

/// Records her consent to one purpose, with the statement and version she read.
pub(super) async fn grant_consent(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    application_id: i64,
    purpose: ConsentPurpose,
    at: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO hoi_consents (application_id, purpose, version, statement, granted_at) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(application_id)
    .bind(purpose.as_str())
    .bind(CONSENT_VERSION)
    .bind(purpose.statement_vi())
    .bind(at)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Withdraws one consent inside a transaction (a correction, or her withdrawal).
pub(super) async fn withdraw_in(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    id: i64,
    purpose: ConsentPurpose,
    at: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE hoi_consents SET withdrawn_at = $1 WHERE application_id = $2 AND purpose = $3 \
         AND withdrawn_at IS NULL",
    )
    .bind(at)
    .bind(id)
    .bind(purpose.as_str())
    .execute(&mut **tx)
    .await?;
    if purpose == ConsentPurpose::Sensitive {
        // Withdrawal takes the data with it, at once: nothing is kept "just in case".
        sqlx::query(
            "UPDATE hoi_applications SET ethnicity = NULL, religion = NULL, updated_at = $1 WHERE id = $2",
        )
        .bind(at)
        .bind(id)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// Withdraws one optional consent (the sensitive fields are erased with it).
pub async fn withdraw_consent(db: &Db, id: i64, purpose: ConsentPurpose) -> Result<(), sqlx::Error> {
    let mut tx = db.pool.begin().await?;
    withdraw_in(&mut tx, id, purpose, now()).await?;
    tx.commit().await?;
    Ok(())
}

/// Erases an application (consents and steps go with it); an anonymous count per unit and month
/// is all that stays, for the reports.
pub async fn erase(db: &Db, id: i64) -> Result<(), sqlx::Error> {
    let mut tx = db.pool.begin().await?;
    let unit: Option<i64> = sqlx::query_scalar("SELECT unit_id FROM hoi_applications WHERE id = $1")
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?;
    let Some(unit) = unit else {
        return Ok(());
    };
    sqlx::query("DELETE FROM hoi_applications WHERE id = $1")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    count_erasure(&mut tx, "application", unit).await?;
    tx.commit().await?;
    Ok(())
}

/// Adds one to the anonymous count of erased records of a kind, per unit and month.
pub async fn count_erasure(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    kind: &str,
    unit_id: i64,
) -> Result<(), sqlx::Error> {
    let month = chrono::Utc::now().format("%Y-%m").to_string();
    sqlx::query(
        "INSERT INTO erasure_counts (kind, unit_id, month, count) VALUES ($1, $2, $3, 1) \
         ON CONFLICT (kind, unit_id, month) DO UPDATE SET count = erasure_counts.count + 1",
    )
    .bind(kind)
    .bind(unit_id)
    .bind(month)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Erases decided applications older than the retention the notice promises; returns how many.
pub async fn purge_expired(db: &Db, at: i64) -> Result<usize, sqlx::Error> {
    let cutoff = at - RETENTION_MONTHS * 30 * 86_400;
    let ids: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM hoi_applications WHERE decided_at IS NOT NULL AND decided_at < $1",
    )
    .bind(cutoff)
    .fetch_all(&db.pool)
    .await?;
    for id in &ids {
        erase(db, *id).await?;
    }
    Ok(ids.len())
}

/// Records that a cadre looked at (or exported) these applications.
pub async fn log_access(db: &Db, actor: i64, ids: &[i64], action: &str) -> Result<(), sqlx::Error> {
    let at = now();
    let mut tx = db.pool.begin().await?;
    for id in ids {
        sqlx::query(
            "INSERT INTO data_access_log (actor_id, application_id, action, created_at) VALUES ($1, $2, $3, $4)",
        )
        .bind(actor)
        .bind(*id)
        .bind(action)
        .bind(at)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Who looked at these applications, newest first.
pub async fn accesses(db: &Db, ids: &[i64]) -> Result<Vec<AccessRecord>, sqlx::Error> {
    let mut records = Vec::new();
    for id in ids {
        let rows: Vec<(i64, String, String, i64)> = sqlx::query_as(
            "SELECT l.application_id, u.display_name, l.action, l.created_at FROM data_access_log l \
             JOIN users u ON u.id = l.actor_id WHERE l.application_id = $1 ORDER BY l.id DESC LIMIT 200",
        )
        .bind(*id)
        .fetch_all(&db.pool)
        .await?;
        records.extend(
            rows.into_iter()
                .map(|(application_id, by, action, at)| AccessRecord {
                    application_id,
                    by,
                    action,
                    at: to_datetime(at),
                }),
        );
    }
    records.sort_by_key(|record| std::cmp::Reverse(record.at));
    Ok(records)
}
