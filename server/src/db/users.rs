//! Accounts.

use hoi_api::{account::Me, Phone};
use sqlx::{any::AnyRow, Row};

use super::{now, to_datetime, units, Db};

pub struct Credentials {
    pub user_id: i64,
    pub password_hash: String,
}

const ME_SELECT: &str =
    "SELECT us.id, us.phone, us.display_name, us.overseas, us.hoi_member, us.created_at, \
     (EXISTS (SELECT 1 FROM memberships bm WHERE bm.user_id = us.id AND bm.status = 'active' \
       AND bm.role IN ('admin', 'moderator')) \
      OR EXISTS (SELECT 1 FROM unit_admins ua WHERE ua.user_id = us.id)) AS on_duty, \
     u.id AS unit_id, u.name AS unit_name, u.level AS unit_level, p.name AS unit_parent_name \
     FROM users us LEFT JOIN units u ON u.id = us.home_unit_id LEFT JOIN units p ON p.id = u.parent_id";

fn me_from(row: &AnyRow) -> Result<Me, sqlx::Error> {
    let phone: String = row.try_get("phone")?;
    Ok(Me {
        id: row.try_get("id")?,
        phone: Phone::parse(&phone).map_err(|_| sqlx::Error::Decode("stored phone is not valid".into()))?,
        display_name: row.try_get("display_name")?,
        home_unit: units::unit_ref_from(row)?,
        overseas: super::flag(row, "overseas")?,
        hoi_member: super::flag(row, "hoi_member")?,
        on_duty: super::flag(row, "on_duty")?,
        created_at: to_datetime(row.try_get("created_at")?),
    })
}

/// Moves the account to another number; `false` when an account has it already.
pub async fn set_phone(db: &Db, user_id: i64, phone: &Phone) -> Result<bool, sqlx::Error> {
    let moved = sqlx::query("UPDATE users SET phone = $1 WHERE id = $2")
        .bind(phone.as_e164())
        .bind(user_id)
        .execute(&db.pool)
        .await;
    match moved {
        Ok(done) => Ok(done.rows_affected() == 1),
        Err(sqlx::Error::Database(error)) if error.is_unique_violation() => Ok(false),
        Err(error) => Err(error),
    }
}

/// Creates the account; `None` when the phone is already registered (the unique key decides).
pub async fn create(
    db: &Db,
    phone: &Phone,
    display_name: &str,
    password_hash: &str,
) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO users (phone, display_name, password_hash, created_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (phone) DO NOTHING RETURNING id",
    )
    .bind(phone.as_e164())
    .bind(display_name)
    .bind(password_hash)
    .bind(now())
    .fetch_optional(&db.pool)
    .await
}

pub async fn credentials(db: &Db, phone: &Phone) -> Result<Option<Credentials>, sqlx::Error> {
    let row = sqlx::query("SELECT id, password_hash FROM users WHERE phone = $1")
        .bind(phone.as_e164())
        .fetch_optional(&db.pool)
        .await?;
    row.map(|row| {
        Ok(Credentials {
            user_id: row.try_get("id")?,
            password_hash: row.try_get("password_hash")?,
        })
    })
    .transpose()
}

pub async fn password_hash(db: &Db, user_id: i64) -> Result<String, sqlx::Error> {
    sqlx::query_scalar("SELECT password_hash FROM users WHERE id = $1")
        .bind(user_id)
        .fetch_one(&db.pool)
        .await
}

pub async fn set_password_hash(db: &Db, user_id: i64, hash: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
        .bind(hash)
        .bind(user_id)
        .execute(&db.pool)
        .await?;
    Ok(())
}

pub async fn me(db: &Db, user_id: i64) -> Result<Option<Me>, sqlx::Error> {
    let sql = format!("{ME_SELECT} WHERE us.id = $1");
    let row = sqlx::query(&sql).bind(user_id).fetch_optional(&db.pool).await?;
    row.as_ref().map(me_from).transpose()
}

pub async fn update_profile(
    db: &Db,
    user_id: i64,
    display_name: &str,
    home_unit_id: Option<i64>,
    overseas: bool,
    hoi_member: bool,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE users SET display_name = $1, home_unit_id = $2, overseas = $3, hoi_member = $4 WHERE id = $5",
    )
    .bind(display_name)
    .bind(home_unit_id)
    .bind(overseas)
    .bind(hoi_member)
    .bind(user_id)
    .execute(&db.pool)
    .await?;
    // Her name is on her posts in cached feed pages.
    db.feed_cache.touch_all();
    Ok(())
}
