//! Branches (chi hội) of a commune/ward, managed by its cadres: renamed, merged into another
//! branch of the same commune (everything that points to it moves along), removed when empty.

use hoi_api::text::fold_vietnamese;

use super::Db;

pub async fn rename(db: &Db, id: i64, name: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE units SET name = $1, name_folded = $2 WHERE id = $3")
        .bind(name)
        .bind(fold_vietnamese(name))
        .bind(id)
        .execute(&db.pool)
        .await?;
    Ok(())
}

/// Columns that point to a unit and move as they are (`table`, `column`).
const POINTERS: [(&str, &str); 8] = [
    ("community_groups", "unit_id"),
    ("hoi_applications", "unit_id"),
    ("hoi_applications", "branch_id"),
    ("users", "home_unit_id"),
    ("photo_contests", "unit_id"),
    ("survey_responses", "unit_id"),
    ("survey_answers", "unit_id"),
    ("units", "parent_id"),
];

/// Tables keyed by (something, unit): the row moves unless the other branch has it already.
const KEYED: [(&str, &str); 4] = [
    ("quiz_units", "quiz_id"),
    ("survey_units", "survey_id"),
    ("unit_admins", "user_id"),
    ("unit_advisors", "user_id"),
];

/// Moves everything of `from` to `into` and deletes `from`, in one transaction: its groups,
/// the applications and the women who chose it, its cadres and advisors, the quizzes and
/// surveys aimed at it, its log and the erasure counts of its reports.
pub async fn merge(db: &Db, from: i64, into: i64) -> Result<(), sqlx::Error> {
    let mut tx = db.pool.begin().await?;
    for (table, column) in POINTERS {
        sqlx::query(&format!("UPDATE {table} SET {column} = $1 WHERE {column} = $2"))
            .bind(into)
            .bind(from)
            .execute(&mut *tx)
            .await?;
    }
    for (table, other) in KEYED {
        sqlx::query(&format!(
            "INSERT INTO {table} ({other}, unit_id) SELECT {other}, $1 FROM {table} WHERE unit_id = $2 \
             ON CONFLICT DO NOTHING"
        ))
        .bind(into)
        .bind(from)
        .execute(&mut *tx)
        .await?;
        sqlx::query(&format!("DELETE FROM {table} WHERE unit_id = $1"))
            .bind(from)
            .execute(&mut *tx)
            .await?;
    }
    keep_history(&mut tx, from, into).await?;
    sqlx::query("DELETE FROM units WHERE id = $1")
        .bind(from)
        .execute(&mut *tx)
        .await?;
    tx.commit().await
}

/// What outlives a branch: the erasure counts its reports add up (summed into `into`'s) and
/// its log (kept under `into`, so the commune's page still shows it).
async fn keep_history(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    from: i64,
    into: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO erasure_counts (kind, unit_id, month, count) \
         SELECT kind, $1, month, count FROM erasure_counts WHERE unit_id = $2 \
         ON CONFLICT (kind, unit_id, month) DO UPDATE SET count = erasure_counts.count + excluded.count",
    )
    .bind(into)
    .bind(from)
    .execute(&mut **tx)
    .await?;
    sqlx::query("DELETE FROM erasure_counts WHERE unit_id = $1")
        .bind(from)
        .execute(&mut **tx)
        .await?;
    sqlx::query("UPDATE audit_log SET unit_id = $1 WHERE unit_id = $2")
        .bind(into)
        .bind(from)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Whether anything but its own people and log points to the branch: only an empty branch is
/// removed (a full one is merged, so nothing is lost).
pub async fn is_empty(db: &Db, id: i64) -> Result<bool, sqlx::Error> {
    for (table, column) in POINTERS
        .iter()
        .chain(&[("quiz_units", "unit_id"), ("survey_units", "unit_id")])
    {
        let found: Option<i64> =
            sqlx::query_scalar(&format!("SELECT 1 FROM {table} WHERE {column} = $1 LIMIT 1"))
                .bind(id)
                .fetch_optional(&db.pool)
                .await?;
        if found.is_some() {
            return Ok(false);
        }
    }
    Ok(true)
}

/// Removes an empty branch and the roles named to it; its history goes to its commune.
pub async fn remove(db: &Db, id: i64, commune: i64) -> Result<(), sqlx::Error> {
    let mut tx = db.pool.begin().await?;
    keep_history(&mut tx, id, commune).await?;
    for table in ["unit_admins", "unit_advisors"] {
        sqlx::query(&format!("DELETE FROM {table} WHERE unit_id = $1"))
            .bind(id)
            .execute(&mut *tx)
            .await?;
    }
    sqlx::query("DELETE FROM units WHERE id = $1")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await
}
