//! "Dữ liệu của tôi": everything stored about her, gathered in one place, and the erasure of her
//! account.

use hoi_api::{
    my_data::{MyData, MyGroupRecord, MyWriting},
    Phone,
};

use super::{hoi, now, posts, privacy, sessions, to_datetime, units::CENTRAL_ID, users, Db};

/// Everything stored about her: account, groups, applications, writing, reactions, sessions,
/// and who looked at her applications.
pub async fn collect(db: &Db, user_id: i64) -> Result<Option<MyData>, sqlx::Error> {
    let Some(account) = users::me(db, user_id).await? else {
        return Ok(None);
    };
    let groups: Vec<(String, String, String, String, i64)> = sqlx::query_as(
        "SELECT g.name, m.role, m.status, m.answers, m.requested_at FROM memberships m \
         JOIN community_groups g ON g.id = m.group_id WHERE m.user_id = $1 ORDER BY m.requested_at",
    )
    .bind(user_id)
    .fetch_all(&db.pool)
    .await?;
    let writing = |sql: &'static str| async move {
        let rows: Vec<(i64, String, i64)> = sqlx::query_as(sql).bind(user_id).fetch_all(&db.pool).await?;
        Ok::<_, sqlx::Error>(
            rows.into_iter()
                .map(|(post_id, body, at)| MyWriting {
                    post_id,
                    body,
                    created_at: to_datetime(at),
                })
                .collect::<Vec<_>>(),
        )
    };
    let posts = writing("SELECT id, body, created_at FROM posts WHERE author_id = $1 ORDER BY id").await?;
    let comments =
        writing("SELECT post_id, body, created_at FROM comments WHERE author_id = $1 ORDER BY id").await?;
    let count = |sql: &'static str| async move {
        sqlx::query_scalar::<_, i64>(sql)
            .bind(user_id)
            .fetch_one(&db.pool)
            .await
    };
    let reactions = count("SELECT COUNT(*) FROM reactions WHERE user_id = $1").await?;
    let poll_votes = count("SELECT COUNT(*) FROM poll_ballots WHERE user_id = $1").await?;
    let session_count = count("SELECT COUNT(*) FROM sessions WHERE user_id = $1").await?;
    let applications = hoi::for_applicant(db, user_id, &account.phone).await?;
    let ids: Vec<i64> = applications.iter().map(|a| a.id).collect();
    let accesses = privacy::accesses(db, &ids).await?;
    Ok(Some(MyData {
        account,
        groups: groups
            .into_iter()
            .map(|(group, role, status, answers, at)| MyGroupRecord {
                group,
                role,
                status,
                answers: serde_json::from_str(&answers).unwrap_or_default(),
                requested_at: to_datetime(at),
            })
            .collect(),
        applications,
        posts,
        comments,
        reactions,
        poll_votes,
        sessions: session_count,
        accesses,
    }))
}

/// Erases her account: her applications, posts, comments, reactions, photos, contest entries,
/// memberships and sessions are deleted; the account row stays as "Tài khoản đã xoá" with no
/// phone, name or password, because board decisions, votes and the audit log point to it. One anonymous count is kept.
/// Returns the media keys of her photos, for the caller to delete from the media store.
pub async fn erase_account(db: &Db, user_id: i64, phone: &Phone) -> Result<Vec<String>, sqlx::Error> {
    for id in hoi::ids_for_applicant(db, user_id, phone).await? {
        privacy::erase(db, id).await?;
    }
    // Others' posts whose counts change when her comments and reactions go.
    let touched: Vec<i64> = sqlx::query_scalar(
        "SELECT post_id FROM comments WHERE author_id = $1 UNION SELECT post_id FROM reactions WHERE user_id = $1",
    )
    .bind(user_id)
    .fetch_all(&db.pool)
    .await?;
    let media_keys: Vec<String> = sqlx::query_scalar("SELECT media_key FROM photos WHERE uploader_id = $1")
        .bind(user_id)
        .fetch_all(&db.pool)
        .await?;
    let home_unit: Option<i64> = sqlx::query_scalar("SELECT home_unit_id FROM users WHERE id = $1")
        .bind(user_id)
        .fetch_one(&db.pool)
        .await?;
    sessions::revoke_all(db, user_id).await?;

    let mut tx = db.pool.begin().await?;
    let statements = [
        // Replies to her comments stay, as comments of their own.
        "UPDATE comments SET parent_id = NULL WHERE parent_id IN (SELECT id FROM comments WHERE author_id = $1)",
        "DELETE FROM flags WHERE flagger_id = $1",
        // Her photo contest entries go with their votes; her own votes (in contests and
        // polls) stay, as the erased account's, so no tally changes behind the voters' backs.
        "DELETE FROM photo_contest_entries WHERE author_id = $1",
        // Her named survey responses go with their answers; anonymous ones were never hers on record.
        "DELETE FROM survey_responses WHERE user_id = $1",
        "DELETE FROM comments WHERE author_id = $1",
        "DELETE FROM photos WHERE uploader_id = $1",
        "DELETE FROM posts WHERE author_id = $1",
        "DELETE FROM reactions WHERE user_id = $1",
        "DELETE FROM notifications WHERE user_id = $1",
        "DELETE FROM memberships WHERE user_id = $1",
        "DELETE FROM unit_admins WHERE user_id = $1",
    ];
    for sql in statements {
        sqlx::query(sql).bind(user_id).execute(&mut *tx).await?;
    }
    sqlx::query("DELETE FROM otp_codes WHERE phone = $1")
        .bind(phone.as_e164())
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "UPDATE users SET phone = $1, display_name = $2, password_hash = '!', home_unit_id = NULL, \
         overseas = $3, hoi_member = $3, erased_at = $4 WHERE id = $5",
    )
    .bind(format!("erased:{user_id}"))
    .bind("Tài khoản đã xoá")
    .bind(false)
    .bind(now())
    .bind(user_id)
    .execute(&mut *tx)
    .await?;
    privacy::count_erasure(&mut tx, "account", home_unit.unwrap_or(CENTRAL_ID)).await?;
    tx.commit().await?;

    for post_id in touched {
        posts::refresh_reactions(db, post_id).await?;
        posts::refresh_comment_count(db, post_id).await?;
    }
    db.feed_cache.touch_all();
    Ok(media_keys)
}
