//! One-time codes for resetting a forgotten password: stored hashed, short-lived, few tries.

use hoi_api::Phone;

use super::{now, sessions::hash_token, Db};

/// Stores a fresh code for the phone, replacing any earlier one.
pub async fn store(db: &Db, phone: &Phone, code: &str, lifetime_secs: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO otp_codes (phone, code_hash, expires_at, attempts) VALUES ($1, $2, $3, 0) \
         ON CONFLICT (phone) DO UPDATE SET code_hash = $2, expires_at = $3, attempts = 0",
    )
    .bind(phone.as_e164())
    .bind(hash_token(code))
    .bind(now() + lifetime_secs)
    .execute(&db.pool)
    .await?;
    Ok(())
}

/// Consumes the code when it matches, is unexpired and has tries left; counts a failed try.
pub async fn take_if_valid(
    db: &Db,
    phone: &Phone,
    code: &str,
    max_attempts: i64,
) -> Result<bool, sqlx::Error> {
    let row: Option<(String, i64, i64)> =
        sqlx::query_as("SELECT code_hash, expires_at, attempts FROM otp_codes WHERE phone = $1")
            .bind(phone.as_e164())
            .fetch_optional(&db.pool)
            .await?;
    let valid = row.is_some_and(|(hash, expires_at, attempts)| {
        expires_at > now() && attempts < max_attempts && hash == hash_token(code)
    });
    let sql = if valid {
        "DELETE FROM otp_codes WHERE phone = $1"
    } else {
        "UPDATE otp_codes SET attempts = attempts + 1 WHERE phone = $1"
    };
    sqlx::query(sql).bind(phone.as_e164()).execute(&db.pool).await?;
    Ok(valid)
}
