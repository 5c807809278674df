//! The people of a unit of the Hội: its cadres (`unit_admins`, who run it and every unit below
//! it) and its advisors (`unit_advisors`, who read and change nothing), named by phone number.

use hoi_api::units::{MyUnit, UnitPerson, UnitRole};
use sqlx::Row;

use super::{units, Db};

fn table(role: UnitRole) -> &'static str {
    match role {
        UnitRole::Cadre => "unit_admins",
        UnitRole::Advisor => "unit_advisors",
    }
}

/// Its cadres, then its advisors, by name.
pub async fn list(db: &Db, unit_id: i64) -> Result<Vec<UnitPerson>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT u.id, u.display_name, u.phone, 'cadre' AS role FROM unit_admins a JOIN users u ON u.id = a.user_id \
         WHERE a.unit_id = $1 \
         UNION ALL SELECT u.id, u.display_name, u.phone, 'advisor' AS role FROM unit_advisors a \
         JOIN users u ON u.id = a.user_id WHERE a.unit_id = $1 \
         ORDER BY role DESC, display_name",
    )
    .bind(unit_id)
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|row| {
            let phone: String = row.try_get("phone")?;
            let role: String = row.try_get("role")?;
            Ok(UnitPerson {
                user_id: row.try_get("id")?,
                display_name: row.try_get("display_name")?,
                phone_tail: phone
                    .chars()
                    .rev()
                    .take(3)
                    .collect::<Vec<_>>()
                    .into_iter()
                    .rev()
                    .collect(),
                role: UnitRole::parse(&role).unwrap_or(UnitRole::Advisor),
            })
        })
        .collect()
}

/// Names her to the unit in that role. Answers false when she already holds it there.
pub async fn name(db: &Db, unit_id: i64, user_id: i64, role: UnitRole) -> Result<bool, sqlx::Error> {
    let sql = format!(
        "INSERT INTO {} (unit_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
        table(role)
    );
    let done = sqlx::query(&sql)
        .bind(unit_id)
        .bind(user_id)
        .execute(&db.pool)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Takes her off the unit, whatever she held there. Answers the roles she held.
pub async fn remove(db: &Db, unit_id: i64, user_id: i64) -> Result<Vec<UnitRole>, sqlx::Error> {
    let mut held = Vec::new();
    for role in UnitRole::ALL {
        let sql = format!("DELETE FROM {} WHERE unit_id = $1 AND user_id = $2", table(*role));
        if sqlx::query(&sql)
            .bind(unit_id)
            .bind(user_id)
            .execute(&db.pool)
            .await?
            .rows_affected()
            > 0
        {
            held.push(*role);
        }
    }
    Ok(held)
}

/// The units where she is named, the higher first.
pub async fn mine(db: &Db, user_id: i64) -> Result<Vec<MyUnit>, sqlx::Error> {
    let rows: Vec<(i64, String)> = sqlx::query_as(
        "SELECT unit_id, 'cadre' FROM unit_admins WHERE user_id = $1 \
         UNION ALL SELECT unit_id, 'advisor' FROM unit_advisors WHERE user_id = $1 ORDER BY 1",
    )
    .bind(user_id)
    .fetch_all(&db.pool)
    .await?;
    let mut mine = Vec::new();
    for (unit_id, role) in rows {
        if let (Some(unit), Some(role)) = (units::get(db, unit_id).await?, UnitRole::parse(&role)) {
            mine.push(MyUnit { unit, role });
        }
    }
    Ok(mine)
}
