//! "Việc hôm nay": what waits for a board member across her groups, oldest first, cleared as she
//! deals with it; nothing for members or advisors, who decide nothing.

use axum::http::StatusCode;
use serde_json::json;

use crate::helpers::{create_group, joined_member, spawn_app, write_post};

#[tokio::test]
async fn her_to_do_lists_what_waits_in_her_groups_oldest_first_and_clears_as_she_acts() {
    let app = spawn_app().await;
    let mut admin = app.member("0912345678", "Hương").await;
    let first = create_group(&mut admin, "Phụ nữ Gia Lâm").await;
    let second = create_group(&mut admin, "Chị em trồng rau").await;
    let (mut lan, _) = joined_member(&app, &mut admin, first, "0987000041", "Lan").await;
    let (mut advisor, advisor_id) = joined_member(&app, &mut admin, first, "0987000042", "Cúc").await;
    admin
        .put(
            &format!("/api/groups/{first}/members/{advisor_id}/role"),
            json!({"role": "advisor"}),
        )
        .await;

    // Nothing waits yet; a member's list stays empty whatever happens.
    assert_eq!(admin.get("/api/me/todo").await.body, json!([]));
    assert_eq!(admin.get("/api/me").await.body["on_duty"], true);
    assert_eq!(lan.get("/api/me").await.body["on_duty"], false);

    // A question in the first group (held: she joined today), then two requests to join the
    // second, three days old, and a flag from yesterday.
    let question = lan
        .post(
            &format!("/api/groups/{first}/posts"),
            json!({"kind": "question", "category": "law", "body": "Hỏi thủ tục vay vốn?"}),
        )
        .await;
    assert_eq!(question.status, StatusCode::CREATED, "{}", question.body);
    for phone in ["0987000043", "0987000044"] {
        let mut newcomer = app.member(phone, "Chị mới").await;
        newcomer
            .post(
                &format!("/api/groups/{second}/membership"),
                json!({"answers": ["Gia Lâm", "Chưa"]}),
            )
            .await;
    }
    let three_days_ago = chrono::Utc::now().timestamp() - 3 * 86_400;
    sqlx::query("UPDATE memberships SET requested_at = $1 WHERE status = 'pending'")
        .bind(three_days_ago)
        .execute(&app.state.db.pool)
        .await
        .unwrap();
    let post = write_post(&mut admin, first, "Lịch họp chi hội", "hoi_news").await["id"]
        .as_i64()
        .unwrap();
    lan.post(
        &format!("/api/posts/{post}/flags"),
        json!({"reason": "Sai giờ họp"}),
    )
    .await;
    sqlx::query("UPDATE flags SET created_at = $1")
        .bind(three_days_ago + 2 * 86_400)
        .execute(&app.state.db.pool)
        .await
        .unwrap();

    let todo = admin.get("/api/me/todo").await.body;
    let read: Vec<(String, i64, String, String)> = todo
        .as_array()
        .unwrap()
        .iter()
        .map(|item| {
            (
                item["kind"].as_str().unwrap().to_owned(),
                item["count"].as_i64().unwrap(),
                item["place"].as_str().unwrap().to_owned(),
                item["path"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        read,
        vec![
            (
                "join_requests".into(),
                2,
                "Chị em trồng rau".into(),
                format!("/groups/{second}/requests")
            ),
            (
                "flags".into(),
                1,
                "Phụ nữ Gia Lâm".into(),
                format!("/groups/{first}/queue")
            ),
            (
                "held_posts".into(),
                1,
                "Phụ nữ Gia Lâm".into(),
                format!("/groups/{first}/queue")
            ),
        ]
    );
    assert_eq!(
        todo[0]["oldest_at"],
        json!(chrono::DateTime::from_timestamp(three_days_ago, 0)
            .unwrap()
            .to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
    );

    // The advisor watches the same group and decides nothing: nothing to do.
    assert_eq!(advisor.get("/api/me/todo").await.body, json!([]));
    assert_eq!(lan.get("/api/me/todo").await.body, json!([]));

    // Approved, the question waits for an answer; answered, it leaves her list.
    let kinds = |todo: serde_json::Value| -> Vec<String> {
        todo.as_array()
            .unwrap()
            .iter()
            .map(|item| item["kind"].as_str().unwrap().to_owned())
            .collect()
    };
    let question = question.body["id"].as_i64().unwrap();
    let approved = admin
        .post(
            &format!("/api/posts/{question}/decision"),
            json!({"approve": true}),
        )
        .await;
    assert_eq!(approved.status, StatusCode::NO_CONTENT, "{}", approved.body);
    assert_eq!(
        kinds(admin.get("/api/me/todo").await.body),
        vec!["join_requests", "flags", "questions"]
    );
    let answered = admin
        .post(
            &format!("/api/posts/{question}/answer"),
            json!({"body": "Chị mang sổ hộ khẩu."}),
        )
        .await;
    assert_eq!(answered.status.as_u16() / 100, 2, "{}", answered.body);
    assert_eq!(
        kinds(admin.get("/api/me/todo").await.body),
        vec!["join_requests", "flags"]
    );
}
