//! Groups: the directory, a group's page, creation and the verified badge.

use hoi_api::{
    groups::{BoardMember, GroupSummary, MembershipStatus, MyMembership, Privacy, Role, ValidGroup},
    text::fold_vietnamese,
};
use sqlx::{any::AnyRow, Row};

use super::{now, units, Db};

/// A group's row as [`summary_from`] reads it; `$1` is the viewer (or -1 for nobody).
const SUMMARY_SELECT: &str = "SELECT g.id, g.name, g.privacy, g.verified, \
     u.id AS unit_id, u.name AS unit_name, u.level AS unit_level, p.name AS unit_parent_name, \
     (SELECT COUNT(*) FROM memberships c WHERE c.group_id = g.id AND c.status = 'active') AS member_count, \
     m.role AS my_role, m.status AS my_status, m.decline_reason AS my_decline_reason \
     FROM community_groups g JOIN units u ON u.id = g.unit_id LEFT JOIN units p ON p.id = u.parent_id \
     LEFT JOIN memberships m ON m.group_id = g.id AND m.user_id = $1";

fn summary_from(row: &AnyRow) -> Result<GroupSummary, sqlx::Error> {
    let privacy: String = row.try_get("privacy")?;
    let role: Option<String> = row.try_get("my_role")?;
    let status: Option<String> = row.try_get("my_status")?;
    let me = match (
        role.as_deref().and_then(Role::parse),
        status.as_deref().and_then(MembershipStatus::parse),
    ) {
        (Some(role), Some(status)) => Some(MyMembership {
            role,
            status,
            decline_reason: row.try_get("my_decline_reason")?,
        }),
        _ => None,
    };
    Ok(GroupSummary {
        id: row.try_get("id")?,
        name: row.try_get("name")?,
        unit: units::unit_ref_from(row)?.ok_or_else(|| sqlx::Error::Decode("group without unit".into()))?,
        privacy: Privacy::parse(&privacy).unwrap_or(Privacy::Closed),
        verified: super::flag(row, "verified")?,
        member_count: row.try_get("member_count")?,
        me,
    })
}

/// Creates the group and makes its creator its first admin, in one transaction.
pub async fn create(
    db: &Db,
    unit_id: i64,
    group: &ValidGroup,
    privacy: Privacy,
    cover_id: Option<i64>,
    creator: i64,
) -> Result<i64, sqlx::Error> {
    let at = now();
    let mut tx = db.pool.begin().await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO community_groups (unit_id, name, name_folded, description, rules, questions, privacy, \
         created_by, created_at, cover_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
    )
    .bind(unit_id)
    .bind(&group.name)
    .bind(fold_vietnamese(&group.name))
    .bind(&group.description)
    .bind(&group.rules)
    .bind(serde_json::to_string(&group.questions).unwrap_or_else(|_| "[]".into()))
    .bind(privacy.as_str())
    .bind(creator)
    .bind(at)
    .bind(cover_id)
    .fetch_one(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO memberships (group_id, user_id, role, status, answers, requested_at, decided_at, decided_by) \
         VALUES ($1, $2, 'admin', 'active', '[]', $3, $3, $2)",
    )
    .bind(id)
    .bind(creator)
    .bind(at)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(id)
}

pub async fn summary(db: &Db, id: i64, viewer: Option<i64>) -> Result<Option<GroupSummary>, sqlx::Error> {
    let sql = format!("{SUMMARY_SELECT} WHERE g.id = $2");
    let row = sqlx::query(&sql)
        .bind(viewer.unwrap_or(-1))
        .bind(id)
        .fetch_optional(&db.pool)
        .await?;
    row.as_ref().map(summary_from).transpose()
}

/// The texts of a group page beside its summary.
pub struct GroupTexts {
    pub description: String,
    pub rules: String,
    pub questions: Vec<String>,
    pub unit_id: i64,
    pub joining_paused: bool,
    pub verification_note: Option<String>,
    pub cover_id: Option<i64>,
    pub archived: bool,
}

pub async fn texts(db: &Db, id: i64) -> Result<Option<GroupTexts>, sqlx::Error> {
    let row = sqlx::query(
        "SELECT description, rules, questions, unit_id, joining_paused, verification_note, cover_id, \
         archived_at FROM community_groups WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(&db.pool)
    .await?;
    row.map(|row| {
        let questions: String = row.try_get("questions")?;
        Ok(GroupTexts {
            description: row.try_get("description")?,
            rules: row.try_get("rules")?,
            questions: serde_json::from_str(&questions).unwrap_or_default(),
            unit_id: row.try_get("unit_id")?,
            joining_paused: super::flag(&row, "joining_paused")?,
            verification_note: row.try_get("verification_note")?,
            cover_id: row.try_get("cover_id")?,
            archived: row.try_get::<Option<i64>, _>("archived_at")?.is_some(),
        })
    })
    .transpose()
}

pub async fn board(db: &Db, id: i64) -> Result<Vec<BoardMember>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT us.id, us.display_name, m.role FROM memberships m JOIN users us ON us.id = m.user_id \
         WHERE m.group_id = $1 AND m.status = 'active' AND m.role IN ('admin', 'moderator', 'advisor') \
         ORDER BY m.role, us.display_name",
    )
    .bind(id)
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|row| {
            let role: String = row.try_get("role")?;
            Ok(BoardMember {
                user_id: row.try_get("id")?,
                display_name: row.try_get("display_name")?,
                role: Role::parse(&role).unwrap_or(Role::Member),
            })
        })
        .collect()
}

/// One page of the directory, ordered by id; `after` is the last id of the previous page.
pub async fn list(
    db: &Db,
    viewer: Option<i64>,
    q: Option<&str>,
    mine: bool,
    after: i64,
    limit: i64,
) -> Result<Vec<GroupSummary>, sqlx::Error> {
    let pattern = format!("%{}%", fold_vietnamese(q.unwrap_or("").trim()));
    // The directory offers groups to join: not archived ones. Her own list keeps them.
    let mine_clause = if mine {
        "AND m.status IN ('active', 'pending')"
    } else {
        "AND g.archived_at IS NULL"
    };
    let sql = format!(
        "{SUMMARY_SELECT} WHERE g.id > $2 AND (g.name_folded LIKE $3 OR u.name_folded LIKE $3 \
         OR p.name_folded LIKE $3) {mine_clause} ORDER BY g.id LIMIT $4"
    );
    let rows = sqlx::query(&sql)
        .bind(viewer.unwrap_or(-1))
        .bind(after)
        .bind(pattern)
        .bind(limit)
        .fetch_all(&db.pool)
        .await?;
    rows.iter().map(summary_from).collect()
}

/// The groups of a unit and of the units below it, the unverified first (what its cadres check),
/// at most `limit`.
pub async fn under_unit(
    db: &Db,
    unit_id: i64,
    viewer: i64,
    limit: i64,
) -> Result<Vec<GroupSummary>, sqlx::Error> {
    let sql = format!(
        "WITH RECURSIVE {tree} {SUMMARY_SELECT} WHERE g.unit_id IN (SELECT id FROM tree) \
         ORDER BY g.verified, g.name LIMIT $3",
        tree = units::tree("$2")
    );
    let rows = sqlx::query(&sql)
        .bind(viewer)
        .bind(unit_id)
        .bind(limit)
        .fetch_all(&db.pool)
        .await?;
    rows.iter().map(summary_from).collect()
}

/// A group's name, when it exists.
pub async fn name(db: &Db, id: i64) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT name FROM community_groups WHERE id = $1")
        .bind(id)
        .fetch_optional(&db.pool)
        .await
}

/// Its admins' settings ("Cài đặt nhóm"). Answers whether the group exists.
pub async fn update(
    db: &Db,
    id: i64,
    group: &ValidGroup,
    privacy: Privacy,
    joining_paused: bool,
    cover_id: Option<i64>,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE community_groups SET name = $1, name_folded = $2, description = $3, rules = $4, \
         questions = $5, privacy = $6, joining_paused = $7, cover_id = $8 WHERE id = $9",
    )
    .bind(&group.name)
    .bind(fold_vietnamese(&group.name))
    .bind(&group.description)
    .bind(&group.rules)
    .bind(serde_json::to_string(&group.questions).unwrap_or_else(|_| "[]".into()))
    .bind(privacy.as_str())
    .bind(joining_paused)
    .bind(cover_id)
    .bind(id)
    .execute(&db.pool)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Archives the group now, or opens it again.
pub async fn set_archived(db: &Db, id: i64, archived: bool) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE community_groups SET archived_at = $1 WHERE id = $2")
        .bind(archived.then(now))
        .bind(id)
        .execute(&db.pool)
        .await?;
    db.feed_cache.touch(id);
    Ok(())
}

/// Deletes a group in which nothing happened: no post (of any status), no photo contest, in no
/// quiz's or survey's audience. Its memberships, requests and unused uploads go with it. `false`
/// when something is there (archive it instead).
pub async fn delete_if_unused(db: &Db, id: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "DELETE FROM community_groups WHERE id = $1 \
         AND NOT EXISTS (SELECT 1 FROM posts WHERE group_id = $1) \
         AND NOT EXISTS (SELECT 1 FROM photo_contests WHERE group_id = $1) \
         AND NOT EXISTS (SELECT 1 FROM quiz_groups WHERE group_id = $1) \
         AND NOT EXISTS (SELECT 1 FROM survey_groups WHERE group_id = $1)",
    )
    .bind(id)
    .execute(&db.pool)
    .await?;
    let deleted = done.rows_affected() == 1;
    if deleted {
        // What its memberships left in the report's tables (its departures, its daily figures).
        for table in ["membership_leaves", "group_days"] {
            sqlx::query(&format!("DELETE FROM {table} WHERE group_id = $1"))
                .bind(id)
                .execute(&db.pool)
                .await?;
        }
    }
    db.feed_cache.touch(id);
    Ok(deleted)
}

pub async fn set_verified(db: &Db, id: i64, verified: bool, note: Option<&str>) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE community_groups SET verified = $1, verification_note = $2 WHERE id = $3")
        .bind(verified)
        .bind(note)
        .bind(id)
        .execute(&db.pool)
        .await?;
    Ok(())
}

/// The group's privacy and moderation rules (defaults for anything never set).
pub struct Policy {
    pub privacy: Privacy,
    pub moderation: hoi_api::moderation::ModerationSettings,
    /// Archived: nothing new is written in it.
    pub archived: bool,
}

pub async fn policy(db: &Db, id: i64) -> Result<Option<Policy>, sqlx::Error> {
    let row: Option<(String, String, Option<i64>)> =
        sqlx::query_as("SELECT privacy, moderation, archived_at FROM community_groups WHERE id = $1")
            .bind(id)
            .fetch_optional(&db.pool)
            .await?;
    Ok(row.map(|(privacy, moderation, archived_at)| Policy {
        privacy: Privacy::parse(&privacy).unwrap_or(Privacy::Closed),
        moderation: serde_json::from_str(&moderation).unwrap_or_default(),
        archived: archived_at.is_some(),
    }))
}

pub async fn set_moderation(
    db: &Db,
    id: i64,
    settings: &hoi_api::moderation::ModerationSettings,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE community_groups SET moderation = $1 WHERE id = $2")
        .bind(serde_json::to_string(settings).unwrap_or_else(|_| "{}".into()))
        .bind(id)
        .execute(&db.pool)
        .await?;
    Ok(())
}
