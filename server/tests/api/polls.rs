//! Polls: a kind of post with 2–10 options; one ballot per member, changeable until the close;
//! counts shown after her vote or only after the close, as the author chose; live over the
//! event stream.

use axum::http::StatusCode;
use serde_json::{json, Value};

use crate::helpers::{create_group, joined_member, spawn_app, Client};

fn poll_draft(options: &[&str], multiple: bool, results: &str, closes_in_hours: Option<i64>) -> Value {
    let closes = closes_in_hours.map(|h| (chrono::Utc::now() + chrono::Duration::hours(h)).to_rfc3339());
    json!({"kind": "poll", "category": "hoi_news", "body": "Sinh hoạt chi hội vào buổi nào?",
           "poll": {"options": options, "multiple": multiple, "results": results, "closes_at": closes}})
}

async fn poll_of(client: &mut Client, post: i64) -> Value {
    let reply = client.get(&format!("/api/posts/{post}/poll")).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    reply.body
}

#[tokio::test]
async fn members_vote_once_change_their_minds_and_see_counts_after_voting() {
    let app = spawn_app().await;
    let mut admin = app.member("0912000001", "Hương").await;
    let group = create_group(&mut admin, "Phụ nữ Gia Lâm").await;
    let (mut lan, _) = joined_member(&app, &mut admin, group, "0987000001", "Lan").await;
    let (mut mai, _) = joined_member(&app, &mut admin, group, "0987000002", "Mai").await;
    let mut stranger = app.member("0987000003", "Người lạ").await;
    let posts = format!("/api/groups/{group}/posts");

    // The form's rules, refused by the server with the same codes.
    let one = admin
        .post(&posts, poll_draft(&["Sáng"], false, "after_vote", None))
        .await;
    assert_eq!(one.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(one.field("options"), "too_few_options");
    let eleven: Vec<String> = (1..=11).map(|n| format!("Buổi {n}")).collect();
    let eleven: Vec<&str> = eleven.iter().map(String::as_str).collect();
    assert_eq!(
        admin
            .post(&posts, poll_draft(&eleven, false, "after_vote", None))
            .await
            .field("options"),
        "too_many_options"
    );
    assert_eq!(
        admin
            .post(
                &posts,
                poll_draft(&["Sáng", "Tối"], false, "after_vote", Some(-1))
            )
            .await
            .field("closes_at"),
        "closes_before_opens"
    );
    let no_options = admin
        .post(
            &posts,
            json!({"kind": "poll", "category": "hoi_news", "body": "Câu hỏi?"}),
        )
        .await;
    assert_eq!(no_options.field("options"), "too_few_options");

    let created = admin
        .post(
            &posts,
            poll_draft(
                &["Sáng Chủ nhật", " Tối thứ Năm ", "Chiều thứ Bảy"],
                false,
                "after_vote",
                Some(48),
            ),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    assert_eq!(created.body["kind"], "poll");
    let id = created.body["id"].as_i64().unwrap();
    let vote = format!("/api/posts/{id}/poll/vote");

    // Before her vote she sees the options, not the counts; its author sees them always.
    let before = poll_of(&mut lan, id).await;
    assert_eq!(
        before["options"],
        json!(["Sáng Chủ nhật", "Tối thứ Năm", "Chiều thứ Bảy"])
    );
    assert_eq!(before["counts"], Value::Null);
    assert_eq!(before["can_vote"], true);
    assert_eq!(poll_of(&mut admin, id).await["counts"], json!([0, 0, 0]));

    // One choice only; a choice that is not there is refused.
    assert_eq!(
        lan.post(&vote, json!({"choices": [0, 1]})).await.field("choices"),
        "too_many_choices"
    );
    assert_eq!(
        lan.post(&vote, json!({"choices": [3]})).await.field("choices"),
        "unknown_choice"
    );
    assert_eq!(
        lan.post(&vote, json!({"choices": []})).await.field("choices"),
        "required"
    );

    let voted = lan.post(&vote, json!({"choices": [1]})).await;
    assert_eq!(voted.status, StatusCode::CREATED, "{}", voted.body);
    assert_eq!(voted.body["counts"], json!([0, 1, 0]));
    assert_eq!(voted.body["mine"], json!([1]));
    // A second first vote (her other phone) is a conflict and changes nothing.
    let twice = lan.post(&vote, json!({"choices": [0]})).await;
    assert_eq!(twice.status, StatusCode::CONFLICT);
    assert_eq!(twice.code(), "already_voted");
    assert_eq!(poll_of(&mut lan, id).await["counts"], json!([0, 1, 0]));
    // Her data lists the polls she voted in.
    assert_eq!(lan.get("/api/me/data").await.body["poll_votes"], 1);

    // Mai votes, then changes her mind: still one ballot each.
    mai.post(&vote, json!({"choices": [0]})).await;
    let changed = mai.put(&vote, json!({"choices": [2]})).await;
    assert_eq!(changed.status, StatusCode::OK, "{}", changed.body);
    assert_eq!(changed.body["counts"], json!([0, 1, 1]));
    assert_eq!(changed.body["voters"], 2);

    // Someone outside the group reads a public group's poll but does not vote.
    assert_eq!(poll_of(&mut stranger, id).await["can_vote"], false);
    assert_eq!(
        stranger.post(&vote, json!({"choices": [0]})).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        stranger.put(&vote, json!({"choices": [0]})).await.status,
        StatusCode::FORBIDDEN
    );
    // A post that is not a poll has none.
    let plain = crate::helpers::write_post(&mut admin, group, "Chào các chị", "hoi_news").await["id"]
        .as_i64()
        .unwrap();
    assert_eq!(
        lan.get(&format!("/api/posts/{plain}/poll")).await.status,
        StatusCode::NOT_FOUND
    );

    // The close comes (the clock moved here): no more votes, counts for everyone.
    sqlx::query("UPDATE polls SET closes_at = $1 WHERE post_id = $2")
        .bind(chrono::Utc::now().timestamp() - 1)
        .bind(id)
        .execute(&app.state.db.pool)
        .await
        .unwrap();
    let late = mai.put(&vote, json!({"choices": [1]})).await;
    assert_eq!((late.status, late.code()), (StatusCode::CONFLICT, "poll_closed"));
    let closed = poll_of(&mut stranger, id).await;
    assert_eq!(
        (closed["closed"].clone(), closed["counts"].clone()),
        (json!(true), json!([0, 1, 1]))
    );
    assert_eq!(poll_of(&mut lan, id).await["can_vote"], false);
}

#[tokio::test]
async fn results_kept_for_the_close_stay_hidden_after_voting_and_several_choices_count_once_each() {
    let app = spawn_app().await;
    let mut admin = app.member("0912000001", "Hương").await;
    let group = create_group(&mut admin, "Phụ nữ Gia Lâm").await;
    let (mut lan, _) = joined_member(&app, &mut admin, group, "0987000001", "Lan").await;
    let created = admin
        .post(
            &format!("/api/groups/{group}/posts"),
            poll_draft(&["Nấu ăn", "Cắm hoa", "Tin học"], true, "after_close", Some(24)),
        )
        .await;
    let id = created.body["id"].as_i64().unwrap();
    let voted = lan
        .post(&format!("/api/posts/{id}/poll/vote"), json!({"choices": [0, 2]}))
        .await;
    assert_eq!(voted.status, StatusCode::CREATED, "{}", voted.body);
    assert_eq!(voted.body["mine"], json!([0, 2]));
    assert_eq!(voted.body["counts"], Value::Null, "kept until the close");
    assert_eq!(voted.body["voters"], 1);
    // The board runs it and sees the counts.
    assert_eq!(poll_of(&mut admin, id).await["counts"], json!([1, 0, 1]));
}

#[tokio::test]
async fn a_vote_reaches_the_other_members_apps_live() {
    use tower::ServiceExt;
    let app = spawn_app().await;
    let mut admin = app.member("0912000001", "Hương").await;
    let group = create_group(&mut admin, "Phụ nữ Gia Lâm").await;
    let (mut lan, _) = joined_member(&app, &mut admin, group, "0987000001", "Lan").await;
    let (mai, _) = joined_member(&app, &mut admin, group, "0987000002", "Mai").await;
    let id = admin
        .post(
            &format!("/api/groups/{group}/posts"),
            poll_draft(&["Có", "Không"], false, "after_vote", None),
        )
        .await
        .body["id"]
        .as_i64()
        .unwrap();
    let request = axum::http::Request::builder()
        .uri("/api/events")
        .header("cookie", mai.cookie.clone().unwrap())
        .body(axum::body::Body::empty())
        .unwrap();
    let mut stream = app.router.clone().oneshot(request).await.unwrap().into_body();
    lan.post(&format!("/api/posts/{id}/poll/vote"), json!({"choices": [0]}))
        .await;
    // The poll's own "new post" may come first: on PostgreSQL events travel through the database.
    let mut event = crate::feed::next_event(&mut stream).await;
    if event.contains("event: post") {
        event = crate::feed::next_event(&mut stream).await;
    }
    assert!(
        event.contains("event: poll") && event.contains(&format!("data: {id}")),
        "{event}"
    );
}

#[tokio::test]
async fn a_member_polls_too_and_her_poll_waits_for_the_board_like_her_posts() {
    let app = spawn_app().await;
    let mut admin = app.member("0912000001", "Hương").await;
    let group = create_group(&mut admin, "Phụ nữ Gia Lâm").await;
    let (mut lan, _) = joined_member(&app, &mut admin, group, "0987000001", "Lan").await;
    let (mut mai, _) = joined_member(&app, &mut admin, group, "0987000002", "Mai").await;
    // Members' posts wait for the board by default; so do their polls.
    let created = lan
        .post(
            &format!("/api/groups/{group}/posts"),
            poll_draft(&["Có", "Không"], false, "after_vote", None),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    assert_eq!(created.body["status"], "pending");
    let id = created.body["id"].as_i64().unwrap();
    // Not seen by other members, and no votes, until the board approves it.
    assert_eq!(
        mai.get(&format!("/api/posts/{id}/poll")).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        mai.post(&format!("/api/posts/{id}/poll/vote"), json!({"choices": [0]}))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(poll_of(&mut admin, id).await["can_vote"], false);
    admin
        .post(&format!("/api/posts/{id}/decision"), json!({"approve": true}))
        .await;
    assert_eq!(
        mai.post(&format!("/api/posts/{id}/poll/vote"), json!({"choices": [1]}))
            .await
            .status,
        StatusCode::CREATED
    );
    // Editing the question keeps the options and the votes.
    let edited = lan
        .put(
            &format!("/api/posts/{id}"),
            json!({"kind": "poll", "category": "hoi_news", "body": "Có họp không?"}),
        )
        .await;
    assert_eq!(edited.status, StatusCode::OK, "{}", edited.body);
    let poll = poll_of(&mut lan, id).await;
    assert_eq!(
        (poll["options"].clone(), poll["voters"].clone()),
        (json!(["Có", "Không"]), json!(1))
    );
}
