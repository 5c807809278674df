//! The Hội tree: seeded from the 2025 administrative divisions, branches added by admins.

use hoi_api::{
    text::fold_vietnamese,
    units::{UnitLevel, UnitRef},
};
use serde::Deserialize;
use sqlx::{any::AnyRow, Row};

use super::{now, Db};

/// The project's own copy of the General Statistics Office's 2025 divisions.
const DIVISIONS_JSON: &str = include_str!("../../data/vn-divisions-2025.json");

/// The root of the tree, Trung ương Hội.
pub const CENTRAL_ID: i64 = 1;

/// Seeded ids derive from the GSO codes, so a province or ward keeps its id in every database.
pub fn province_id(gso_code: i64) -> i64 {
    1_000 + gso_code
}
pub fn ward_id(gso_code: i64) -> i64 {
    100_000 + gso_code
}

#[derive(Deserialize)]
struct Province {
    name: String,
    code: i64,
    wards: Vec<Ward>,
}

#[derive(Deserialize)]
struct Ward {
    name: String,
    code: i64,
}

/// One row of the seeded tree.
struct SeedUnit {
    id: i64,
    parent: Option<i64>,
    level: UnitLevel,
    name: String,
    code: Option<i64>,
}

/// Inserts the central root, 34 provinces and 3,321 communes/wards into an empty tree.
pub async fn seed_if_empty(db: &Db) -> anyhow::Result<()> {
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM units")
        .fetch_one(&db.pool)
        .await?;
    if count > 0 {
        return Ok(());
    }
    let provinces: Vec<Province> = serde_json::from_str(DIVISIONS_JSON)?;
    let mut rows = vec![SeedUnit {
        id: CENTRAL_ID,
        parent: None,
        level: UnitLevel::Central,
        name: "Trung ương Hội LHPN Việt Nam".to_owned(),
        code: None,
    }];
    for province in provinces {
        let pid = province_id(province.code);
        rows.push(SeedUnit {
            id: pid,
            parent: Some(CENTRAL_ID),
            level: UnitLevel::Province,
            name: province.name,
            code: Some(province.code),
        });
        for ward in province.wards {
            rows.push(SeedUnit {
                id: ward_id(ward.code),
                parent: Some(pid),
                level: UnitLevel::Commune,
                name: ward.name,
                code: Some(ward.code),
            });
        }
    }
    let created = now();
    let mut tx = db.pool.begin().await?;
    // Multi-row inserts: 3,356 rows in 7 statements rather than 3,356 round trips.
    for chunk in rows.chunks(500) {
        let mut sql = String::from(
            "INSERT INTO units (id, parent_id, level, name, name_folded, gso_code, created_at) VALUES ",
        );
        for i in 0..chunk.len() {
            let b = i * 7;
            if i > 0 {
                sql.push(',');
            }
            sql.push_str(&format!(
                "(${},${},${},${},${},${},${})",
                b + 1,
                b + 2,
                b + 3,
                b + 4,
                b + 5,
                b + 6,
                b + 7
            ));
        }
        let mut query = sqlx::query(&sql);
        for unit in chunk {
            query = query
                .bind(unit.id)
                .bind(unit.parent)
                .bind(unit.level.as_str())
                .bind(unit.name.clone())
                .bind(fold_vietnamese(&unit.name))
                .bind(unit.code)
                .bind(created);
        }
        query.execute(&mut *tx).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Selects a unit with its parent's name, as [`unit_ref_from`] reads it.
pub const UNIT_REF_COLUMNS: &str = "u.id AS unit_id, u.name AS unit_name, u.level AS unit_level, \
     p.name AS unit_parent_name";

pub fn unit_ref_from(row: &AnyRow) -> Result<Option<UnitRef>, sqlx::Error> {
    let Some(id) = row.try_get::<Option<i64>, _>("unit_id")? else {
        return Ok(None);
    };
    let level: String = row.try_get("unit_level")?;
    Ok(Some(UnitRef {
        id,
        name: row.try_get("unit_name")?,
        level: UnitLevel::parse(&level).unwrap_or(UnitLevel::Commune),
        parent_name: row.try_get("unit_parent_name")?,
    }))
}

pub async fn get(db: &Db, id: i64) -> Result<Option<UnitRef>, sqlx::Error> {
    let sql = format!(
        "SELECT {UNIT_REF_COLUMNS} FROM units u LEFT JOIN units p ON p.id = u.parent_id WHERE u.id = $1"
    );
    let row = sqlx::query(&sql).bind(id).fetch_optional(&db.pool).await?;
    Ok(match row {
        Some(row) => unit_ref_from(&row)?,
        None => None,
    })
}

/// Children of a unit (provinces under the root when `parent` is absent), filtered by folded text.
pub async fn list(db: &Db, parent: Option<i64>, q: Option<&str>) -> Result<Vec<UnitRef>, sqlx::Error> {
    let pattern = format!("%{}%", fold_vietnamese(q.unwrap_or("").trim()));
    let sql = format!(
        "SELECT {UNIT_REF_COLUMNS} FROM units u LEFT JOIN units p ON p.id = u.parent_id \
         WHERE u.parent_id = $1 AND u.name_folded LIKE $2 ORDER BY u.name LIMIT 500"
    );
    let rows = sqlx::query(&sql)
        .bind(parent.unwrap_or(CENTRAL_ID))
        .bind(pattern)
        .fetch_all(&db.pool)
        .await?;
    rows.iter()
        .filter_map(|row| unit_ref_from(row).transpose())
        .collect()
}

/// `tree(id)`: the unit bound to `param` (`$1`…) and every unit below it, for a `WITH RECURSIVE`
/// query (both backends). The tree is shallow and a unit has at most a few hundred children.
pub fn tree(param: &str) -> String {
    format!(
        "tree(id) AS (SELECT id FROM units WHERE id = {param} \
         UNION ALL SELECT u.id FROM units u JOIN tree t ON u.parent_id = t.id)"
    )
}

/// The unit and every unit above it, nearest first.
pub async fn ancestors_and_self(db: &Db, id: i64) -> Result<Vec<i64>, sqlx::Error> {
    let mut chain = vec![id];
    let mut current = id;
    // The tree is shallow (central → province → commune → branch → cell); the bound guards a cycle.
    for _ in 0..16 {
        match parent(db, current).await? {
            Some(parent) => {
                chain.push(parent);
                current = parent;
            }
            None => break,
        }
    }
    Ok(chain)
}

/// Whether the user administers any of these units.
pub async fn administers_any(db: &Db, user_id: i64, units: &[i64]) -> Result<bool, sqlx::Error> {
    for unit in units {
        let found: Option<i64> =
            sqlx::query_scalar("SELECT unit_id FROM unit_admins WHERE unit_id = $1 AND user_id = $2")
                .bind(*unit)
                .bind(user_id)
                .fetch_optional(&db.pool)
                .await?;
        if found.is_some() {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Whether she runs `unit` or a unit above it: who names its people and manages its branches.
pub async fn runs(db: &Db, user_id: i64, unit: i64) -> Result<bool, sqlx::Error> {
    administers_any(db, user_id, &ancestors_and_self(db, unit).await?).await
}

/// Whether she may verify a group of `unit`: she runs a unit above it (not the unit itself,
/// whose cadres may have set the group up).
pub async fn verifies(db: &Db, user_id: i64, unit: i64) -> Result<bool, sqlx::Error> {
    let chain = ancestors_and_self(db, unit).await?;
    administers_any(db, user_id, &chain[1..]).await
}

pub async fn add_admin(db: &Db, unit_id: i64, user_id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO unit_admins (unit_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING")
        .bind(unit_id)
        .bind(user_id)
        .execute(&db.pool)
        .await?;
    Ok(())
}

pub async fn create_branch(db: &Db, parent_id: i64, name: &str) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO units (parent_id, level, name, name_folded, created_at) VALUES ($1, $2, $3, $4, $5) \
         RETURNING id",
    )
    .bind(parent_id)
    .bind(UnitLevel::Branch.as_str())
    .bind(name)
    .bind(fold_vietnamese(name))
    .bind(now())
    .fetch_one(&db.pool)
    .await
}

/// Whether she administers any unit at all (a cadre of the Hội).
pub async fn is_cadre(db: &Db, user_id: i64) -> Result<bool, sqlx::Error> {
    let found: Option<i64> = sqlx::query_scalar("SELECT unit_id FROM unit_admins WHERE user_id = $1 LIMIT 1")
        .bind(user_id)
        .fetch_optional(&db.pool)
        .await?;
    Ok(found.is_some())
}

/// The parent of a unit, if it has one.
pub async fn parent(db: &Db, id: i64) -> Result<Option<i64>, sqlx::Error> {
    let parent: Option<Option<i64>> = sqlx::query_scalar("SELECT parent_id FROM units WHERE id = $1")
        .bind(id)
        .fetch_optional(&db.pool)
        .await?;
    Ok(parent.flatten())
}

/// Whether she belongs under one of `units` (or a unit below them): by her home commune, or by
/// an active membership of a group of such a unit. Quizzes and photo contests run for units.
pub async fn belongs_under(db: &Db, user_id: i64, units: &[i64]) -> Result<bool, sqlx::Error> {
    if units.is_empty() {
        return Ok(false);
    }
    let her_units: Vec<i64> = sqlx::query_scalar(
        "SELECT home_unit_id FROM users WHERE id = $1 AND home_unit_id IS NOT NULL \
         UNION SELECT g.unit_id FROM memberships m JOIN community_groups g ON g.id = m.group_id \
         WHERE m.user_id = $1 AND m.status = 'active'",
    )
    .bind(user_id)
    .fetch_all(&db.pool)
    .await?;
    for unit in her_units {
        if ancestors_and_self(db, unit)
            .await?
            .iter()
            .any(|u| units.contains(u))
        {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Makes her an advisor of the unit (ban cố vấn): read-only over its reports and queues.
pub async fn add_advisor(db: &Db, unit_id: i64, user_id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO unit_advisors (unit_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING")
        .bind(unit_id)
        .bind(user_id)
        .execute(&db.pool)
        .await?;
    Ok(())
}

/// Whether she administers or advises any of these units: who may read their reports.
pub async fn oversees_any(db: &Db, user_id: i64, units: &[i64]) -> Result<bool, sqlx::Error> {
    let sql = format!(
        "SELECT unit_id FROM unit_admins WHERE user_id = $1 AND unit_id IN ({ids}) \
         UNION SELECT unit_id FROM unit_advisors WHERE user_id = $1 AND unit_id IN ({ids}) LIMIT 1",
        ids = super::reports::id_list(units.iter().copied())
    );
    let found: Option<i64> = sqlx::query_scalar(&sql)
        .bind(user_id)
        .fetch_optional(&db.pool)
        .await?;
    Ok(found.is_some())
}

/// The units she administers or advises, with their names: the unit reports she may open.
pub async fn overseen(db: &Db, user_id: i64) -> Result<Vec<(i64, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT u.id, u.name FROM units u WHERE u.id IN ( \
           SELECT unit_id FROM unit_admins WHERE user_id = $1 UNION SELECT unit_id FROM unit_advisors WHERE user_id = $1) \
         ORDER BY u.id",
    )
    .bind(user_id)
    .fetch_all(&db.pool)
    .await
}
