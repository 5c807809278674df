//! Memberships: her request to join, the admin board's queue and decisions, roles.

use hoi_api::groups::{JoinRequestView, MemberView, MembershipStatus, QuestionAnswer, Role};
use sqlx::Row;

use super::{now, to_datetime, units, Db};

pub struct Membership {
    pub role: Role,
    pub status: MembershipStatus,
}

pub async fn get(db: &Db, group_id: i64, user_id: i64) -> Result<Option<Membership>, sqlx::Error> {
    let row: Option<(String, String)> =
        sqlx::query_as("SELECT role, status FROM memberships WHERE group_id = $1 AND user_id = $2")
            .bind(group_id)
            .bind(user_id)
            .fetch_optional(&db.pool)
            .await?;
    Ok(row.and_then(|(role, status)| {
        Some(Membership {
            role: Role::parse(&role)?,
            status: MembershipStatus::parse(&status)?,
        })
    }))
}

/// Records her request, or renews a declined one; an active, pending or banned row is left alone.
pub async fn request_join(
    db: &Db,
    group_id: i64,
    user_id: i64,
    answers: &[String],
) -> Result<bool, sqlx::Error> {
    let answers = serde_json::to_string(answers).unwrap_or_else(|_| "[]".into());
    let done = sqlx::query(
        "INSERT INTO memberships (group_id, user_id, role, status, answers, requested_at) \
         VALUES ($1, $2, 'member', 'pending', $3, $4) \
         ON CONFLICT (group_id, user_id) DO UPDATE SET status = 'pending', answers = $3, requested_at = $4, \
         decline_reason = NULL, decided_at = NULL, decided_by = NULL WHERE memberships.status = 'declined'",
    )
    .bind(group_id)
    .bind(user_id)
    .bind(answers)
    .bind(now())
    .execute(&db.pool)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The pending queue, oldest first, with each answer beside its question.
pub async fn pending(
    db: &Db,
    group_id: i64,
    questions: &[String],
) -> Result<Vec<JoinRequestView>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT us.id, us.display_name, us.overseas, us.hoi_member, m.answers, m.requested_at, \
         u.id AS unit_id, u.name AS unit_name, u.level AS unit_level, p.name AS unit_parent_name \
         FROM memberships m JOIN users us ON us.id = m.user_id \
         LEFT JOIN units u ON u.id = us.home_unit_id LEFT JOIN units p ON p.id = u.parent_id \
         WHERE m.group_id = $1 AND m.status = 'pending' ORDER BY m.requested_at, us.id LIMIT 200",
    )
    .bind(group_id)
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|row| {
            let answers: String = row.try_get("answers")?;
            let answers: Vec<String> = serde_json::from_str(&answers).unwrap_or_default();
            Ok(JoinRequestView {
                user_id: row.try_get("id")?,
                display_name: row.try_get("display_name")?,
                home_unit: units::unit_ref_from(row)?,
                overseas: super::flag(row, "overseas")?,
                hoi_member: super::flag(row, "hoi_member")?,
                answers: questions
                    .iter()
                    .zip(answers.into_iter().chain(std::iter::repeat(String::new())))
                    .map(|(question, answer)| QuestionAnswer {
                        question: question.clone(),
                        answer,
                    })
                    .collect(),
                requested_at: to_datetime(row.try_get("requested_at")?),
            })
        })
        .collect()
}

/// Active members after `after` (a user id), in id order.
pub async fn active(db: &Db, group_id: i64, after: i64, limit: i64) -> Result<Vec<MemberView>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT us.id, us.display_name, us.hoi_member, m.role, m.decided_at, m.requested_at, \
         u.id AS unit_id, u.name AS unit_name, u.level AS unit_level, p.name AS unit_parent_name \
         FROM memberships m JOIN users us ON us.id = m.user_id \
         LEFT JOIN units u ON u.id = us.home_unit_id LEFT JOIN units p ON p.id = u.parent_id \
         WHERE m.group_id = $1 AND m.status = 'active' AND us.id > $2 ORDER BY us.id LIMIT $3",
    )
    .bind(group_id)
    .bind(after)
    .bind(limit)
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|row| {
            let role: String = row.try_get("role")?;
            let joined: Option<i64> = row.try_get("decided_at")?;
            Ok(MemberView {
                user_id: row.try_get("id")?,
                display_name: row.try_get("display_name")?,
                role: Role::parse(&role).unwrap_or(Role::Member),
                home_unit: units::unit_ref_from(row)?,
                hoi_member: super::flag(row, "hoi_member")?,
                joined_at: to_datetime(joined.map_or_else(|| row.try_get("requested_at"), Ok)?),
            })
        })
        .collect()
}

/// Approves or declines a pending request; `false` when there was none to decide.
pub async fn decide(
    db: &Db,
    group_id: i64,
    user_id: i64,
    approve: bool,
    reason: Option<&str>,
    actor: i64,
) -> Result<bool, sqlx::Error> {
    let status = if approve {
        MembershipStatus::Active
    } else {
        MembershipStatus::Declined
    };
    let done = sqlx::query(
        "UPDATE memberships SET status = $1, decline_reason = $2, decided_at = $3, decided_by = $4 \
         WHERE group_id = $5 AND user_id = $6 AND status = 'pending'",
    )
    .bind(status.as_str())
    .bind(if approve { None } else { reason })
    .bind(now())
    .bind(actor)
    .bind(group_id)
    .bind(user_id)
    .execute(&db.pool)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn set_role(db: &Db, group_id: i64, user_id: i64, role: Role) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE memberships SET role = $1 WHERE group_id = $2 AND user_id = $3 AND status = 'active'",
    )
    .bind(role.as_str())
    .bind(group_id)
    .bind(user_id)
    .execute(&db.pool)
    .await?;
    // The board badge on her posts in cached feed pages.
    db.feed_cache.touch(group_id);
    Ok(done.rows_affected() == 1)
}

pub async fn admin_count(db: &Db, group_id: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM memberships WHERE group_id = $1 AND role = 'admin' AND status = 'active'",
    )
    .bind(group_id)
    .fetch_one(&db.pool)
    .await
}

pub async fn remove(db: &Db, group_id: i64, user_id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM memberships WHERE group_id = $1 AND user_id = $2")
        .bind(group_id)
        .bind(user_id)
        .execute(&db.pool)
        .await?;
    Ok(())
}

/// What the feed needs to know of her in a group: role, status, since when, muted until when.
pub struct Standing {
    pub role: Role,
    pub status: MembershipStatus,
    /// When she became a member (or asked to).
    pub since: i64,
    pub muted_until: Option<i64>,
}

impl Standing {
    pub fn is_active(&self) -> bool {
        self.status == MembershipStatus::Active
    }

    pub fn is_muted(&self) -> bool {
        self.muted_until.is_some_and(|until| until > now())
    }
}

/// role, status, requested_at, decided_at, muted_until.
type StandingRow = (String, String, i64, Option<i64>, Option<i64>);

pub async fn standing(db: &Db, group_id: i64, user_id: i64) -> Result<Option<Standing>, sqlx::Error> {
    let row: Option<StandingRow> = sqlx::query_as(
        "SELECT role, status, requested_at, decided_at, muted_until FROM memberships \
         WHERE group_id = $1 AND user_id = $2",
    )
    .bind(group_id)
    .bind(user_id)
    .fetch_optional(&db.pool)
    .await?;
    Ok(
        row.and_then(|(role, status, requested_at, decided_at, muted_until)| {
            Some(Standing {
                role: Role::parse(&role)?,
                status: MembershipStatus::parse(&status)?,
                since: decided_at.unwrap_or(requested_at),
                muted_until,
            })
        }),
    )
}

/// Keeps her from posting and commenting until `until`.
pub async fn mute(db: &Db, group_id: i64, user_id: i64, until: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE memberships SET muted_until = $1 WHERE group_id = $2 AND user_id = $3")
        .bind(until)
        .bind(group_id)
        .bind(user_id)
        .execute(&db.pool)
        .await?;
    Ok(())
}

/// Bans her from the group: she can neither read it as a member nor ask to join again.
pub async fn ban(db: &Db, group_id: i64, user_id: i64, by: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE memberships SET status = 'banned', decided_at = $1, decided_by = $2 \
         WHERE group_id = $3 AND user_id = $4 AND role = 'member'",
    )
    .bind(now())
    .bind(by)
    .bind(group_id)
    .bind(user_id)
    .execute(&db.pool)
    .await?;
    Ok(())
}

pub async fn pending_count(db: &Db, group_id: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM memberships WHERE group_id = $1 AND status = 'pending'")
        .bind(group_id)
        .fetch_one(&db.pool)
        .await
}

/// The board (admins and moderators) of a group, whom new held posts concern.
pub async fn board_ids(db: &Db, group_id: i64) -> Result<Vec<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT user_id FROM memberships WHERE group_id = $1 AND status = 'active' \
         AND role IN ('admin', 'moderator')",
    )
    .bind(group_id)
    .fetch_all(&db.pool)
    .await
}

/// Her active groups and her role in each (for the live-event filter).
pub async fn active_roles(db: &Db, user_id: i64) -> Result<Vec<(i64, Role)>, sqlx::Error> {
    let rows: Vec<(i64, String)> =
        sqlx::query_as("SELECT group_id, role FROM memberships WHERE user_id = $1 AND status = 'active'")
            .bind(user_id)
            .fetch_all(&db.pool)
            .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(group, role)| Some((group, Role::parse(&role)?)))
        .collect())
}
